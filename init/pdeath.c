/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * --pdeathsig: the signal the kernel sends when our parent dies. It is kept
 * across exec but cleared by a fork and by any change of uid, gid or
 * capabilities, so it is set last, after the switch: in exec mode right
 * before the exec, under --init in the init and again in its child.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "../common/common.h"
#include "init.h"

int init_parent_death(int sig, pid_t parent, struct pd_error *err)
{
	int got = -1; /* defined for valgrind, which does not see the kernel write it */

	/* prctl() reads each argument as a long: pass one, not an int. */
	if (prctl(PR_SET_PDEATHSIG, (unsigned long)sig, 0UL, 0UL, 0UL) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_SET_PDEATHSIG)", errno, NULL);
	if (prctl(PR_GET_PDEATHSIG, (unsigned long)&got, 0UL, 0UL, 0UL) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_GET_PDEATHSIG)", errno, NULL);
	if (got != sig)
		return pd_fail(err, PD_ERR_VERIFY, "verify", 0,
			    "the parent-death signal read back is not the one set");
	/*
	 * A parent that died before the prctl left us to another (a subreaper,
	 * PID 1) and no signal will come: send it as the kernel would have.
	 * Blocked or ignored, it is left pending or dropped, as theirs would be.
	 */
	if (getppid() != parent)
		kill(getpid(), sig);
	return 0;
}
