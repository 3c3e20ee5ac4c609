/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * For tests/init.sh: sigcount [MS [READY]] catches every signal it can but
 * SIGCHLD, prints "ready" and the numbers it catches (into the file or fifo
 * READY instead when given, so a test can wait for it), then one line per
 * signal received. Exits 0 right after signal 64, the last, which tests
 * send to end it, or once MS milliseconds (default 500) pass without a
 * signal; exits 1 if no signal comes within ten seconds.
 */
#define _GNU_SOURCE /* ppoll */

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LAST_SIGNAL 64

static volatile sig_atomic_t last_seen;

static int put_number(char *p, int n)
{
	int len = 0;

	if (n >= 10)
		p[len++] = (char)('0' + n / 10);
	p[len++] = (char)('0' + n % 10);
	return len;
}

static void got(int sig)
{
	char line[4];
	int len = put_number(line, sig);

	line[len++] = '\n';
	write(STDOUT_FILENO, line, (size_t)len);
	if (sig == LAST_SIGNAL)
		last_seen = 1;
}

/* Writes the ready line to READY when given, else to stdout. */
static void say_ready(const char *line, size_t len, const char *ready)
{
	int fd;

	if (!ready) {
		write(STDOUT_FILENO, line, len);
		return;
	}
	fd = open(ready, O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		write(fd, line, len);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	long ms = argc > 1 ? atol(argv[1]) : 500;
	struct timespec first = { 10, 0 }, idle = { ms / 1000, ms % 1000 * 1000000 };
	struct sigaction sa;
	sigset_t all, none;
	char line[512] = "ready";
	int sig, len = 5;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = got;
	sigfillset(&sa.sa_mask);
	for (sig = 1; sig <= LAST_SIGNAL; sig++)
		if (sig != SIGCHLD && sigaction(sig, &sa, NULL) == 0) {
			line[len++] = ' ';
			len += put_number(line + len, sig);
		}
	line[len++] = '\n';
	/*
	 * Signals stay blocked but inside ppoll: one sent as soon as "ready" is
	 * read is taken there, never before a sleep that would then run its
	 * whole length.
	 */
	sigfillset(&all);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &all, NULL);
	say_ready(line, (size_t)len, argc > 2 ? argv[2] : NULL);
	if (ppoll(NULL, 0, &first, &none) == 0)
		return 1; /* no signal came at all */
	while (!last_seen && ppoll(NULL, 0, &idle, &none) < 0)
		;
	return 0;
}
