/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * rss COMMAND [ARG]...: runs COMMAND and prints its peak resident set in KiB
 * (ru_maxrss, which covers every program it exec'd and every child it
 * reaped). posix_spawn shares this small program's memory until the exec,
 * where time(1)'s fork would count a copy of a bigger parent. Exits 1 if
 * COMMAND fails.
 */
#define _DEFAULT_SOURCE /* wait4 */
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status, err;

	if (argc < 2) {
		fputs("usage: rss COMMAND [ARG]...\n", stderr);
		return 2;
	}
	err = posix_spawnp(&pid, argv[1], NULL, NULL, argv + 1, environ);
	if (err != 0) {
		fprintf(stderr, "rss: %s: %s\n", argv[1], strerror(err));
		return 1;
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("rss: wait4");
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "rss: %s failed (status %#x)\n", argv[1], (unsigned)status);
		return 1;
	}
	printf("%ld\n", ru.ru_maxrss);
	return 0;
}
