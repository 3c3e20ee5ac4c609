/*
 * For tests/init.sh: catches every signal it can but SIGCHLD, prints
 * "ready" and the numbers it catches, then one line per signal received.
 * Exits 0 once MS milliseconds (default 500) pass without a signal.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
}

int main(int argc, char **argv)
{
	long ms = argc > 1 ? atol(argv[1]) : 500;
	struct timespec first = { 10, 0 }, idle = { ms / 1000, ms % 1000 * 1000000 };
	struct sigaction sa;
	char line[512] = "ready";
	int sig, len = 5;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = got;
	sigfillset(&sa.sa_mask);
	for (sig = 1; sig < 65; sig++)
		if (sig != SIGCHLD && sigaction(sig, &sa, NULL) == 0) {
			line[len++] = ' ';
			len += put_number(line + len, sig);
		}
	line[len++] = '\n';
	write(STDOUT_FILENO, line, (size_t)len);
	if (nanosleep(&first, NULL) == 0)
		return 1; /* no signal came at all */
	while (nanosleep(&idle, NULL) < 0)
		;
	return 0;
}
