/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Signal names and numbers, --rewrite=FROM:TO, --grace, --expect-exit and --pdeathsig. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>

#include "check_privdrop.h"

/* Real-time names are relative to the libc's SIGRTMIN and SIGRTMAX, known only at run time. */
enum { ABS, RTMIN, RTMAX, BAD };

static const struct {
	const char *text;
	int base, sig;
} signals[] = {
	{ "TERM", ABS, SIGTERM },
	{ "SIGTERM", ABS, SIGTERM },
	{ "sigterm", ABS, SIGTERM },
	{ "term", ABS, SIGTERM },
	{ "SiGtErM", ABS, SIGTERM },
	{ "HUP", ABS, SIGHUP },
	{ "QUIT", ABS, SIGQUIT },
	{ "IOT", ABS, SIGABRT },
	{ "CLD", ABS, SIGCHLD },
	{ "POLL", ABS, SIGIO },
	{ "WINCH", ABS, SIGWINCH },
	{ "SYS", ABS, SIGSYS },
	{ "KILL", ABS, SIGKILL }, /* a name; --rewrite refuses it as FROM */
	{ "1", ABS, 1 },
	{ "15", ABS, 15 },
	{ "015", ABS, 15 },
	{ "64", ABS, 64 },
	{ "RTMIN", RTMIN, 0 },
	{ "SIGRTMIN", RTMIN, 0 },
	{ "rtmin+1", RTMIN, 1 },
	{ "RTMAX", RTMAX, 0 },
	{ "RTMAX-2", RTMAX, -2 },
	{ "RTMIN+0", RTMIN, 0 },
	{ "0", BAD, 0 },
	{ "65", BAD, 0 },
	{ "4294967296", BAD, 0 },
	{ "99999999999999999999", BAD, 0 },
	{ "", BAD, 0 },
	{ "SIG", BAD, 0 },
	{ "SIGSIGTERM", BAD, 0 },
	{ "SIG15", BAD, 0 },
	{ " TERM", BAD, 0 },
	{ "TERM ", BAD, 0 },
	{ "TERM\n", BAD, 0 },
	{ "+15", BAD, 0 },
	{ "-15", BAD, 0 },
	{ "0xf", BAD, 0 },
	{ "TERMINATE", BAD, 0 },
	{ "TER", BAD, 0 },
	{ "RTMIN-1", BAD, 0 },
	{ "RTMAX+1", BAD, 0 },
	{ "RTMIN+", BAD, 0 },
	{ "RTMIN+999", BAD, 0 },
	{ "RTMIN+x", BAD, 0 },
	{ "RTMIN1", BAD, 0 },
	{ "RT", BAD, 0 },
};

START_TEST(test_signal)
{
	int sig = -7, want = signals[_i].sig;
	const char *why = NULL;
	int r = cli_signal_parse(signals[_i].text, strlen(signals[_i].text), &sig, &why);

	if (signals[_i].base == BAD) {
		ck_assert_int_eq(r, -1);
		ck_assert_ptr_nonnull(why);
		ck_assert_int_eq(sig, -7); /* untouched on failure */
		return;
	}
	if (signals[_i].base == RTMIN)
		want += SIGRTMIN;
	else if (signals[_i].base == RTMAX)
		want += SIGRTMAX;
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(sig, want);
}
END_TEST

/* A row: the argument, and the signal rewritten and its new value; 0, 0: refused. */
static const struct {
	const char *arg;
	int from, to;
	const char *subject; /* the part a refusal names */
} rewrites[] = {
	{ "TERM:QUIT", SIGTERM, SIGQUIT, NULL },
	{ "sigterm:sigquit", SIGTERM, SIGQUIT, NULL },
	{ "15:3", SIGTERM, SIGQUIT, NULL },
	{ "TERM:0", SIGTERM, 0, NULL },
	{ "INT:TERM", SIGINT, SIGTERM, NULL },
	{ "TERM:KILL", SIGTERM, SIGKILL, NULL },
	{ "TERM:STOP", SIGTERM, SIGSTOP, NULL },
	{ "TSTP:STOP", SIGTSTP, SIGSTOP, NULL },
	{ "SEGV:TERM", SIGSEGV, SIGTERM, NULL },
	{ "USR1:USR1", SIGUSR1, SIGUSR1, NULL },
	{ "64:1", 64, 1, NULL },
	{ "TERM", 0, 0, "TERM" },
	{ "", 0, 0, "" },
	{ ":", 0, 0, "" },
	{ ":QUIT", 0, 0, "" },
	{ "TERM:", 0, 0, "" },
	{ "TERM:00", 0, 0, "00" },
	{ "TERM:QUIT:HUP", 0, 0, "QUIT:HUP" },
	{ "TERM::QUIT", 0, 0, ":QUIT" },
	{ "0:TERM", 0, 0, "0" },
	{ "TERM:65", 0, 0, "65" },
	{ "TREM:QUIT", 0, 0, "TREM" },
	{ "TERM:QIUT", 0, 0, "QIUT" },
	{ "KILL:TERM", 0, 0, "KILL" },
	{ "STOP:TERM", 0, 0, "STOP" },
	{ "9:15", 0, 0, "9" },
	{ "CHLD:TERM", 0, 0, "CHLD" },
	{ " TERM:QUIT", 0, 0, " TERM" },
	{ "TERM:QUIT ", 0, 0, "QUIT " },
};

START_TEST(test_rewrite)
{
	struct init_options in, before;
	struct pd_error err = { 0 };
	int r;

	init_defaults(&in);
	before = in;
	r = cli_rewrite_parse(rewrites[_i].arg, &in, &err);
	if (rewrites[_i].subject) {
		ck_assert_int_eq(r, -1);
		ck_assert_ptr_nonnull(err.reason);
		ck_assert_uint_eq(err.subject_len, strlen(rewrites[_i].subject));
		ck_assert(memcmp(err.subject, rewrites[_i].subject, err.subject_len) == 0);
		ck_assert(memcmp(&in, &before, sizeof(in)) == 0); /* nothing changed */
		return;
	}
	ck_assert_int_eq(r, 0);
	before.rewrite[rewrites[_i].from] = rewrites[_i].to;
	ck_assert(memcmp(&in, &before, sizeof(in)) == 0); /* only FROM changed */
}
END_TEST

START_TEST(test_rewrite_repeated)
{
	struct init_options in;
	struct pd_error err = { 0 };

	init_defaults(&in);
	ck_assert_int_eq(cli_rewrite_parse("TERM:QUIT", &in, &err), 0);
	ck_assert_int_eq(cli_rewrite_parse("INT:0", &in, &err), 0);
	ck_assert_int_eq(cli_rewrite_parse("TERM:HUP", &in, &err), 0); /* the last one wins */
	ck_assert_int_eq(in.rewrite[SIGTERM], SIGHUP);
	ck_assert_int_eq(in.rewrite[SIGINT], 0);
	ck_assert_int_eq(in.rewrite[SIGQUIT], SIGQUIT);
}
END_TEST

START_TEST(test_defaults)
{
	struct init_options in;
	int sig;

	init_defaults(&in);
	ck_assert_int_eq(in.pgroup, 0);
	ck_assert_uint_eq(in.grace, 5);
	for (sig = 1; sig < INIT_NSIG; sig++)
		ck_assert_int_eq(in.rewrite[sig], sig);
}
END_TEST

static const struct {
	const char *text;
	int ok;
	unsigned grace;
} graces[] = {
	{ "0", 1, 0 },
	{ "5", 1, 5 },
	{ "3600", 1, 3600 },
	{ "86400", 1, 86400 },
	{ "86401", 0, 0 },
	{ "2147483648", 0, 0 }, /* would be a negative 32-bit time_t */
	{ "4294967294", 0, 0 },
	{ "4294967295", 0, 0 },
	{ "", 0, 0 },
	{ "-1", 0, 0 },
	{ "1.5", 0, 0 },
	{ "5s", 0, 0 },
	{ " 5", 0, 0 },
};

START_TEST(test_grace)
{
	struct pd_error err = { 0 };
	unsigned grace = 77;
	int r = cli_grace_parse(graces[_i].text, &grace, &err);

	if (graces[_i].ok) {
		ck_assert_int_eq(r, 0);
		ck_assert_uint_eq(grace, graces[_i].grace);
	} else {
		ck_assert_int_eq(r, -1);
		ck_assert_ptr_nonnull(err.reason);
		ck_assert_uint_eq(grace, 77);
	}
}
END_TEST

/* --expect-exit=CODE: 0..255 in digits only; each adds one bit, nothing else. */
static const struct {
	const char *text;
	int ok;
	unsigned code;
} expects[] = {
	{ "0", 1, 0 },	    { "1", 1, 1 },	 { "143", 1, 143 },	{ "255", 1, 255 },
	{ "0143", 1, 143 }, { "31", 1, 31 },	 { "32", 1, 32 },	{ "256", 0, 0 },
	{ "-1", 0, 0 },	    { "x", 0, 0 },	 { "", 0, 0 },		{ " 1", 0, 0 },
	{ "1 ", 0, 0 },	    { "+1", 0, 0 },	 { "0x8f", 0, 0 },	{ "4294967439", 0, 0 },
};

START_TEST(test_expect)
{
	struct pd_error err = { 0 };
	struct init_options in;
	unsigned code;
	int r;

	init_defaults(&in);
	r = cli_expect_parse(expects[_i].text, &in, &err);
	ck_assert_int_eq(r, expects[_i].ok ? 0 : -1);
	if (!expects[_i].ok)
		ck_assert_ptr_nonnull(err.reason);
	for (code = 0; code <= INIT_STATUS_MAX; code++)
		ck_assert_uint_eq(in.expect[code / 32] >> (code % 32) & 1,
				  expects[_i].ok && code == expects[_i].code);
}
END_TEST

START_TEST(test_expect_repeated)
{
	struct pd_error err = { 0 };
	struct init_options in;

	init_defaults(&in);
	ck_assert_int_eq(cli_expect_parse("143", &in, &err), 0);
	ck_assert_int_eq(cli_expect_parse("3", &in, &err), 0);
	ck_assert_int_eq(cli_expect_parse("256", &in, &err), -1);
	ck_assert_uint_eq(in.expect[143 / 32], (uint32_t)1 << (143 % 32));
	ck_assert_uint_eq(in.expect[0], (uint32_t)1 << 3);
}
END_TEST

/* --pdeathsig=SIG takes what cli_signal_parse does, KILL too; *sig untouched on failure. */
START_TEST(test_pdeathsig)
{
	struct pd_error err = { 0 };
	int sig = 77;

	ck_assert_int_eq(cli_pdeathsig_parse("TERM", &sig, &err), 0);
	ck_assert_int_eq(sig, SIGTERM);
	ck_assert_int_eq(cli_pdeathsig_parse("sigkill", &sig, &err), 0);
	ck_assert_int_eq(sig, SIGKILL);
	ck_assert_int_eq(cli_pdeathsig_parse("64", &sig, &err), 0);
	ck_assert_int_eq(sig, 64);
	sig = 77;
	ck_assert_int_eq(cli_pdeathsig_parse("0", &sig, &err), -1);
	ck_assert_int_eq(cli_pdeathsig_parse("", &sig, &err), -1);
	ck_assert_int_eq(cli_pdeathsig_parse("TERM:HUP", &sig, &err), -1);
	ck_assert_str_eq(err.reason, "unknown signal");
	ck_assert_int_eq(sig, 77);
}
END_TEST

Suite *signals_suite(void)
{
	Suite *s = suite_create("signals");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_signal, 0, COUNT(signals));
	tcase_add_loop_test(tc, test_rewrite, 0, COUNT(rewrites));
	tcase_add_test(tc, test_rewrite_repeated);
	tcase_add_test(tc, test_defaults);
	tcase_add_loop_test(tc, test_grace, 0, COUNT(graces));
	tcase_add_loop_test(tc, test_expect, 0, COUNT(expects));
	tcase_add_test(tc, test_expect_repeated);
	tcase_add_test(tc, test_pdeathsig);
	suite_add_tcase(s, tc);
	return s;
}
