/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * init_run leaves the caller's signal mask, SIGCHLD, subreaper flag and
 * parent-death signal as it found them; --expect-exit's table, and the
 * parent-death signal's read-back and race.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "check_privdrop.h"

static void on_chld(int sig)
{
	(void)sig;
}

/* What the caller had before: a blocked signal, a SIGCHLD disposition, the flag. */
static const struct {
	int blocked;
	void (*chld)(int);
	int subreaper;
	unsigned grace; /* above INIT_GRACE_MAX: refused before anything */
	int want;	/* init_run's result */
} states[] = {
	{ SIGUSR1, SIG_IGN, 0, 0, 0 },
	{ SIGTERM, on_chld, 1, 0, 0 },
	{ 0, SIG_DFL, 0, 0, 0 },
	{ SIGHUP, SIG_IGN, 1, INIT_GRACE_MAX + 1, -1 },
};

struct state {
	sigset_t mask;
	struct sigaction chld;
	int subreaper;
};

static void read_state(struct state *st)
{
	ck_assert_int_eq(sigprocmask(SIG_SETMASK, NULL, &st->mask), 0);
	ck_assert_int_eq(sigaction(SIGCHLD, NULL, &st->chld), 0);
	st->subreaper = -1; /* valgrind does not know that the prctl writes it */
	if (prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)&st->subreaper, 0UL, 0UL, 0UL) < 0)
		ck_assert_int_eq(errno, EINVAL); /* no flag here: it stays -1 */
}

/*
 * 1 when the flag is set as the row says; 0 where there is no flag to set
 * (qemu-user 7.2 says EINVAL to both prctls), and the init goes on without.
 */
static int set_state(int row)
{
	struct sigaction sa = { .sa_handler = states[row].chld };
	sigset_t set;

	sigemptyset(&set);
	if (states[row].blocked)
		sigaddset(&set, states[row].blocked);
	ck_assert_int_eq(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	ck_assert_int_eq(sigaction(SIGCHLD, &sa, NULL), 0);
	if (prctl(PR_SET_CHILD_SUBREAPER, (unsigned long)states[row].subreaper, 0UL, 0UL, 0UL) == 0)
		return 1;
	ck_assert_int_eq(errno, EINVAL);
	return 0;
}

START_TEST(test_restores)
{
	char *const argv[] = { "/bin/sh", "-c", "exit 3", NULL };
	struct state before, after;
	struct init_options in;
	struct pd_plan *plan;
	struct pd_error err;
	int status = -1, r, sig, flag;

	ck_assert_int_eq(pd_resolve("", &plan, &err), 0); /* the caller as it is */
	init_defaults(&in);
	in.grace = states[_i].grace;
	flag = set_state(_i);
	read_state(&before);
	r = init_run(&in, plan, argv, environ, &status, &err);
	if (r == 1)
		_exit(126); /* the child, whose exec failed */
	read_state(&after);
	ck_assert_int_eq(r, states[_i].want);
	if (r == 0)
		ck_assert_int_eq(status, 3);
	for (sig = 1; sig < INIT_NSIG && sig < NSIG; sig++)
		ck_assert_int_eq(sigismember(&after.mask, sig), sigismember(&before.mask, sig));
	ck_assert_ptr_eq((void *)after.chld.sa_handler, (void *)before.chld.sa_handler);
	ck_assert_int_eq(after.subreaper, flag ? states[_i].subreaper : -1);
	pd_plan_free(plan);
}
END_TEST

/* What the command exits with, what -e lists, and what the init reports. */
static const struct {
	const char *script;
	int expect[2]; /* -1: none */
	int want;
} expects[] = {
	{ "exit 143", { 143, -1 }, 0 },
	{ "exit 143", { -1, -1 }, 143 },
	{ "exit 3", { 143, -1 }, 3 },
	{ "exit 3", { 143, 3 }, 0 },
	{ "exit 0", { 143, -1 }, 0 },
	{ "exit 255", { 255, -1 }, 0 },
	{ "exit 32", { 31, 33 }, 32 },
	{ "kill -TERM $$", { 143, -1 }, 0 }, /* 128 + SIGTERM, as tini -e */
	{ "kill -TERM $$", { 15, -1 }, 143 },
};

START_TEST(test_expect)
{
	char *const argv[] = { "/bin/sh", "-c", (char *)expects[_i].script, NULL };
	struct init_options in;
	struct pd_plan *plan;
	struct pd_error err;
	int status = -1, r, k, code;

	ck_assert_int_eq(pd_resolve("", &plan, &err), 0);
	init_defaults(&in);
	for (k = 0; k < 2; k++)
		if ((code = expects[_i].expect[k]) >= 0)
			in.expect[code / 32] |= (uint32_t)1 << (code % 32);
	r = init_run(&in, plan, argv, environ, &status, &err);
	if (r > 0)
		_exit(126);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(status, expects[_i].want);
	pd_plan_free(plan);
}
END_TEST

static int pdeathsig(void)
{
	int sig = -1;

	ck_assert_int_eq(prctl(PR_GET_PDEATHSIG, (unsigned long)&sig, 0UL, 0UL, 0UL), 0);
	return sig;
}

/* The child's pdeathsig is its own, set after the fork; the caller's comes back. */
START_TEST(test_pdeath_restored)
{
	char *const argv[] = { "/bin/sh", "-c", "exit 5", NULL };
	struct init_options in;
	struct pd_plan *plan;
	struct pd_error err;
	int status = -1, r;

	ck_assert_int_eq(pd_resolve("", &plan, &err), 0);
	init_defaults(&in);
	in.pdeathsig = SIGUSR2;
	in.parent = getppid();
	ck_assert_int_eq(prctl(PR_SET_PDEATHSIG, (unsigned long)SIGHUP, 0UL, 0UL, 0UL), 0);
	r = init_run(&in, plan, argv, environ, &status, &err);
	if (r > 0)
		_exit(126);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(status, 5);
	ck_assert_int_eq(pdeathsig(), SIGHUP);
	in.pdeathsig = INIT_NSIG; /* out of range: refused before anything */
	ck_assert_int_eq(init_run(&in, plan, argv, environ, &status, &err), -1);
	ck_assert_int_eq(pdeathsig(), SIGHUP);
	ck_assert_int_eq(prctl(PR_SET_PDEATHSIG, 0UL, 0UL, 0UL, 0UL), 0);
	pd_plan_free(plan);
}
END_TEST

/* Read back; and a parent already gone (any pid but ours) has the signal sent at once. */
START_TEST(test_parent_death)
{
	struct pd_error err;
	sigset_t block, pending;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	ck_assert_int_eq(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	ck_assert_int_eq(init_parent_death(SIGUSR1, getppid(), &err), 0);
	ck_assert_int_eq(pdeathsig(), SIGUSR1);
	ck_assert_int_eq(sigpending(&pending), 0);
	ck_assert_int_eq(sigismember(&pending, SIGUSR1), 0);
	ck_assert_int_eq(init_parent_death(SIGUSR1, getppid() + 1, &err), 0);
	ck_assert_int_eq(sigpending(&pending), 0);
	ck_assert_int_eq(sigismember(&pending, SIGUSR1), 1);
	ck_assert_int_eq(init_parent_death(65, getppid(), &err), -1);
	ck_assert_int_eq(err.errnum, EINVAL);
	/* Taken, and the mask and flag put back: the next test may run in this process. */
	ck_assert_int_eq(sigtimedwait(&block, NULL, &(struct timespec){ 0, 0 }), SIGUSR1);
	ck_assert_int_eq(sigprocmask(SIG_UNBLOCK, &block, NULL), 0);
	ck_assert_int_eq(prctl(PR_SET_PDEATHSIG, 0UL, 0UL, 0UL, 0UL), 0);
}
END_TEST

Suite *init_suite(void)
{
	Suite *s = suite_create("init");
	TCase *tc = tcase_create("restores");

	tcase_add_loop_test(tc, test_restores, 0, COUNT(states));
	tcase_add_loop_test(tc, test_expect, 0, COUNT(expects));
	tcase_add_test(tc, test_pdeath_restored);
	tcase_add_test(tc, test_parent_death);
	suite_add_tcase(s, tc);
	return s;
}
