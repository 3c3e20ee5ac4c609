/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* init_run leaves the caller's signal mask, SIGCHLD and subreaper flag as it found them. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <string.h>
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

Suite *init_suite(void)
{
	Suite *s = suite_create("init");
	TCase *tc = tcase_create("restores");

	tcase_add_loop_test(tc, test_restores, 0, COUNT(states));
	suite_add_tcase(s, tc);
	return s;
}
