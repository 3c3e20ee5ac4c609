/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * Signal names and numbers for --rewrite=FROM:TO and --pdeathsig=SIG. A signal is a name, with or
 * without SIG, in any case (TERM, sigterm), RTMIN+N or RTMAX-N as kill -l
 * prints them, or a number 1..64 in digits only.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

_Static_assert(NSIG == INIT_NSIG, "INIT_NSIG must match the libc's NSIG");

static const struct {
	const char *name;
	int sig;
} names[] = {
	{ "HUP", SIGHUP },     { "INT", SIGINT },	{ "QUIT", SIGQUIT },   { "ILL", SIGILL },
	{ "TRAP", SIGTRAP },   { "ABRT", SIGABRT },	{ "IOT", SIGABRT },    { "BUS", SIGBUS },
	{ "FPE", SIGFPE },     { "KILL", SIGKILL },	{ "USR1", SIGUSR1 },   { "SEGV", SIGSEGV },
	{ "USR2", SIGUSR2 },   { "PIPE", SIGPIPE },	{ "ALRM", SIGALRM },   { "TERM", SIGTERM },
#ifdef SIGSTKFLT
	{ "STKFLT", SIGSTKFLT },
#endif
	{ "CHLD", SIGCHLD },   { "CLD", SIGCHLD },	{ "CONT", SIGCONT },   { "STOP", SIGSTOP },
	{ "TSTP", SIGTSTP },   { "TTIN", SIGTTIN },	{ "TTOU", SIGTTOU },   { "URG", SIGURG },
	{ "XCPU", SIGXCPU },   { "XFSZ", SIGXFSZ },	{ "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO },		{ "POLL", SIGIO },     { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
};

static int fixed_name(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len && strncasecmp(names[i].name, s, len) == 0)
			return names[i].sig;
	return 0;
}

/*
 * RTMIN, RTMIN+N, RTMAX, RTMAX-N. The range is the libc's at run time: glibc
 * and musl keep different low real-time signals for themselves.
 */
static int realtime_name(const char *s, size_t len)
{
	int min = SIGRTMIN, max = SIGRTMAX, base;
	char sign;
	uint32_t n;

	if (len < 5 || (strncasecmp(s, "RTMIN", 5) != 0 && strncasecmp(s, "RTMAX", 5) != 0))
		return 0;
	base = strncasecmp(s, "RTMIN", 5) == 0 ? min : max;
	sign = base == min ? '+' : '-';
	if (len == 5)
		return base;
	if (s[5] != sign || pd_uint(s + 6, len - 6, (uint32_t)(max - min), &n) < 0)
		return 0;
	return sign == '+' ? base + (int)n : base - (int)n;
}

int cli_signal_parse(const char *s, size_t len, int *sig, const char **why)
{
	uint32_t n;
	int found;

	if (pd_digits(s, len)) {
		if (pd_uint(s, len, INIT_NSIG - 1, &n) < 0 || n < 1) {
			*why = "signal number out of range (1-64)";
			return -1;
		}
		*sig = (int)n;
		return 0;
	}
	if (len > 3 && strncasecmp(s, "SIG", 3) == 0) {
		s += 3;
		len -= 3;
	}
	found = fixed_name(s, len);
	if (!found)
		found = realtime_name(s, len);
	if (!found) {
		*why = "unknown signal";
		return -1;
	}
	*sig = found;
	return 0;
}

/* FROM:TO into in->rewrite; TO may be 0, which drops FROM. Nothing changes on failure. */
int cli_rewrite_parse(const char *arg, struct init_options *in, struct pd_error *err)
{
	const char *colon = strchr(arg, ':'), *to_s, *why;
	size_t from_len, to_len;
	int from, to = 0;

	if (!colon)
		return pd_fail_input(err, arg, strlen(arg), "expected FROM:TO");
	from_len = (size_t)(colon - arg);
	to_s = colon + 1;
	to_len = strlen(to_s);
	if (cli_signal_parse(arg, from_len, &from, &why) < 0)
		return pd_fail_input(err, arg, from_len, why);
	if (from == SIGKILL || from == SIGSTOP)
		return pd_fail_input(err, arg, from_len, "cannot be caught, so cannot be rewritten");
	if (from == SIGCHLD)
		return pd_fail_input(err, arg, from_len, "tells the init to reap, so cannot be rewritten");
	if (!(to_len == 1 && to_s[0] == '0') && cli_signal_parse(to_s, to_len, &to, &why) < 0)
		return pd_fail_input(err, to_s, to_len, why);
	in->rewrite[from] = to;
	return 0;
}

/* Any signal, KILL too: the kernel sends it, nothing has to catch it. */
int cli_pdeathsig_parse(const char *arg, int *sig, struct pd_error *err)
{
	const char *why;

	if (cli_signal_parse(arg, strlen(arg), sig, &why) < 0)
		return pd_fail_input(err, arg, strlen(arg), why);
	return 0;
}
