/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * privdrop's tiny init, and the heap-free resolve: used by su-exec, built
 * into the library but not part of its promise, so never installed and not
 * exported by libprivdrop.so. A daemon has no use for it;
 * a program that wants to stay behind as its command's init includes it
 * beside privdrop.h. It takes values only: signal numbers and seconds (and
 * a callback to tell, since the library never prints).
 */
#ifndef PRIVDROP_INIT_H
#define PRIVDROP_INIT_H

#include "privdrop.h"

#define PD_NSIG 65 /* signals 1..64: the kernel's sigset everywhere but MIPS */
#define PD_GRACE_DEFAULT 5
#define PD_GRACE_MAX 86400 /* a day; added to a 32-bit time_t, it cannot overflow */

struct pd_init {
	int pgroup;	      /* the child gets its own group, and the signals go to it */
	unsigned grace;	      /* seconds between SIGTERM and SIGKILL for the others, <= PD_GRACE_MAX */
	int rewrite[PD_NSIG]; /* index: signal received; value: signal delivered, 0 drops */
	/* NULL, or called in the init, before the fork, with what it goes on without */
	void (*notice)(const struct pd_error *what);
};

/*
 * pd_apply for a caller that execs right after (pd_exec, or pd_init_run, whose
 * init runs none of the command's code) and has started no thread itself. The
 * calling thread is checked from the kernel as pd_apply checks it; other
 * threads are neither read nor a reason to refuse capability options, since
 * the exec ends them (drop.c says why). Not for a daemon: it keeps its threads.
 */
int pd_apply_exec(const struct pd_plan *plan, const struct pd_options *opt, struct pd_error *err);

/*
 * The bytes pd_resolve_in needs: a plan, the blocks its readers use, and
 * room to align them.
 */
#define PD_RESOLVE_SPACE (72u << 10)

/*
 * pd_resolve without the heap, for a program linked with libprivdrop.a
 * (the size is compiled in, so it is no part of the shared library): the plan and the blocks the files are read
 * in live in space, at least PD_RESOLVE_SPACE bytes (any alignment), which
 * must outlive the plan; a program that resolves once can give a static
 * array. Lines longer than a block or many groups may still allocate.
 * pd_plan_free releases what the plan holds and leaves space alone.
 * Returns as pd_resolve; a smaller space fails with EINVAL.
 */
int pd_resolve_in(const char *spec, void *space, size_t size, struct pd_plan **plan,
		  struct pd_error *err);

/* No group of its own, a grace of PD_GRACE_DEFAULT, every signal delivered as itself. */
void pd_init_defaults(struct pd_init *in);

/*
 * After pd_apply: forks the command and stays as its init. Returns 0 in the
 * init when all is over, with *status the exit status to use (the command's
 * code, or 128 + its signal); 1 in the child when the command could not be
 * run; -1 when the init failed (no child started, it vanished, or *in holds
 * a value out of range). Both failures fill *err, its errnum the errno. On
 * every return in the init the signal mask, SIGCHLD's disposition and the
 * child-subreaper flag are as they were on entry.
 */
int pd_init_run(const struct pd_init *in, const struct pd_plan *plan, char *const argv[],
		int *status, struct pd_error *err);

#endif
