/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * su-exec's tiny init, behind --init: part of the program, not of the
 * library, built on privdrop.h's calls (and libcap-ng, to hold no
 * capability itself). It takes values only: signal numbers and seconds (and
 * a callback to tell, since only su-exec.c prints).
 */
#ifndef INIT_H
#define INIT_H

#include <stdint.h>
#include <sys/types.h>

#include "../privdrop/privdrop.h"

#define INIT_NSIG 65 /* signals 1..64: the kernel's sigset everywhere but MIPS */
#define INIT_GRACE_DEFAULT 5
#define INIT_GRACE_MAX 86400 /* a day; added to a 32-bit time_t, it cannot overflow */
#define INIT_STATUS_MAX 255   /* the exit statuses --expect-exit can name */

struct init_options {
	int pgroup;		/* the child gets its own group, and the signals go to it */
	unsigned grace;		/* seconds between SIGTERM and SIGKILL for the others, <= INIT_GRACE_MAX */
	unsigned env;		/* pd_exec_env's PD_ENV_* for the command */
	int rewrite[INIT_NSIG]; /* index: signal received; value: signal delivered, 0 drops */
	/* bit N: the command's status N (128 + a signal too) is reported as 0 */
	uint32_t expect[(INIT_STATUS_MAX + 1) / 32];
	int pdeathsig; /* 0, or the signal the init and the command each get when their parent dies */
	pid_t parent;  /* the init's parent, taken early: gone by the prctl, pdeathsig is raised */
	/* NULL, or called in the init, before the fork, with what it goes on without */
	void (*notice)(const struct pd_error *what);
};

/* No group of its own, a grace of INIT_GRACE_DEFAULT, every signal delivered as itself. */
void init_defaults(struct init_options *in);

/*
 * After pd_apply: with in->pdeathsig, sets it on the init, whose parent is
 * in->parent (a signal it gets is forwarded as any other), then forks the
 * command, which pd_exec runs with envp, and stays as its init; the child
 * sets in->pdeathsig on itself too, for the init's death. Returns 0 in the
 * init when all is over, with *status the exit status to use (the command's
 * code, or 128 + its signal; 0 if in->expect lists it); 1 in the child when
 * the command could not be run; 2 in the child when it failed before the
 * exec (its pdeathsig: su-exec's own failure, 125); -1 when the init failed
 * (no child started, it vanished, or *in holds a value out of range). Every
 * failure fills *err, its errnum the errno. On every return in the init the
 * signal mask, SIGCHLD's disposition, the child-subreaper flag and the
 * parent-death signal are as they were on entry.
 */
int init_run(const struct init_options *in, const struct pd_plan *plan, char *const argv[],
	     char *const envp[], int *status, struct pd_error *err);

/*
 * init/tree.c: sends sig once to every descendant of ours that /proc lists,
 * but for the members of process group pgroup (0: none), which had it from
 * kill() already.
 */
void init_signal_tree(pid_t pgroup, int sig);

/*
 * init/pdeath.c, for exec mode too: sig (1..64) as the parent-death signal,
 * read back from the kernel. The kernel clears it on a change of
 * credentials, so it is set after pd_apply. If the parent is no longer
 * parent, it died before the prctl could watch it: sig is sent to us now, as
 * the kernel would have. 0, or -1 with *err filled.
 */
int init_parent_death(int sig, pid_t parent, struct pd_error *err);

#endif
