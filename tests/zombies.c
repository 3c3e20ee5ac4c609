/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* For tests/init.sh: leaves N (default 1000) zombie children behind as it exits. */
#define _XOPEN_SOURCE 700

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 1000;
	siginfo_t info;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit(0);
		/* Wait until it is a zombie, without reaping it. */
		if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOWAIT) < 0)
			return 1;
	}
	return 0;
}
