/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Switching identity as root, and checking from the kernel that it happened. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <grp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/*
 * The ids change through libc, which applies each call to every thread
 * (glibc and musl signal the others, blocking and restoring signals around
 * each call): a raw syscall would leave them root. A process known to be
 * alone has no others, and makes the raw calls. setuid(0) in pd_verify stays
 * raw: it must not change the others if it succeeds. 32-bit x86 and ARM name
 * the 32-bit-id calls setuid32 and so on.
 */
#ifdef SYS_setuid32
#define SYS_SETUID SYS_setuid32
#define SYS_SETGROUPS SYS_setgroups32
#define SYS_SETRESGID SYS_setresgid32
#define SYS_SETRESUID SYS_setresuid32
#else
#define SYS_SETUID SYS_setuid
#define SYS_SETGROUPS SYS_setgroups
#define SYS_SETRESGID SYS_setresgid
#define SYS_SETRESUID SYS_setresuid
#endif

/* 1: the kernel's groups are the plan's (pd_gids_are_plan); 0: they differ; -1: error. */
static int kernel_groups_are(const struct pd_plan *plan)
{
	struct pd_gids got = { 0 };
	int n, same = 0;

	/* Room for one more than the plan: EINVAL then means "more", so not the same. */
	got.cap = plan->groups.count + 2;
	got.list = got.cap <= PD_GIDS_INLINE ? got.inline_list : malloc(got.cap * sizeof(gid_t));
	if (!got.list)
		return -1;
	n = getgroups((int)got.cap - 1, got.list);
	if (n < 0 && errno == EINVAL)
		n = same = 0;
	else if (n >= 0) {
		got.count = (size_t)n;
		same = pd_gids_are_plan(&got, plan);
	}
	pd_gids_free(&got);
	return n < 0 ? -1 : same;
}

static int kernel_ids_are(const struct pd_plan *plan)
{
	uid_t ru, eu, su;
	gid_t rg, eg, sg;

	if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0)
		return -1;
	return ru == plan->uid && eu == plan->uid && su == plan->uid && rg == plan->gid &&
	       eg == plan->gid && sg == plan->gid;
}

/* 1 when the process already is exactly what the plan asks for. */
int pd_identity_is(const struct pd_plan *plan)
{
	int r = kernel_ids_are(plan);

	return r == 1 ? kernel_groups_are(plan) : r;
}

/*
 * A call root made failed. With EPERM from a process that lacks the
 * capability the call needs (a container that dropped it), the reason names
 * that capability; with the capability there, the denial is another's (a
 * user namespace that denies setgroups) and strerror says it as it is.
 */
static int id_call_failed(struct pd_error *err, const char *step, unsigned cap)
{
	static const char *const needs[] = {
		[PD_CAP_SETGID] = "Operation not permitted: needs CAP_SETGID, not in the effective set",
		[PD_CAP_SETUID] = "Operation not permitted: needs CAP_SETUID, not in the effective set",
	};
	int saved = errno;
	struct pd_capstate st;
	struct pd_error unread;

	pd_fail(err, PD_ERR_SYSTEM, step, saved, NULL);
	if (saved == EPERM && pd_caps_read(&st, PD_CAP_E, &unread) == 0 && !(st.effective & ((uint64_t)1 << cap)))
		err->reason = needs[cap];
	return -1;
}

/*
 * Groups first, then gid, then uid: each later step drops the right to the
 * earlier. Alone: the raw calls, which change the one thread there is.
 */
static int switch_ids(const struct pd_plan *plan, int alone, struct pd_error *err)
{
	unsigned long n = plan->groups.count, g = plan->gid, u = plan->uid;
	const gid_t *list = plan->groups.list;

	if ((alone ? syscall(SYS_SETGROUPS, n, list) : setgroups(n, list)) < 0)
		return id_call_failed(err, "setgroups", PD_CAP_SETGID);
	if ((alone ? syscall(SYS_SETRESGID, g, g, g) : setresgid(plan->gid, plan->gid, plan->gid)) < 0)
		return id_call_failed(err, "setresgid", PD_CAP_SETGID);
	if ((alone ? syscall(SYS_SETRESUID, u, u, u) : setresuid(plan->uid, plan->uid, plan->uid)) < 0)
		return id_call_failed(err, "setresuid", PD_CAP_SETUID);
	return 0;
}

/*
 * Root sets every id; where that is denied, it goes on only if the ids already
 * are the plan's. Anyone else can only be what it already is, so a container
 * started with --user can still run its entrypoint through us. Either way
 * pd_verify reads the result back.
 */
static int identity_read(const struct pd_plan *plan, struct pd_error *err)
{
	int same = pd_identity_is(plan);

	return same < 0 ? pd_fail(err, PD_ERR_SYSTEM, "getgroups", errno, NULL) : same;
}

static int not_root(struct pd_error *err)
{
	return pd_fail(err, PD_ERR_NOT_ROOT, NULL, EPERM, "not root, and not already the identity asked for");
}

int pd_identity_allowed(const struct pd_plan *plan, struct pd_error *err)
{
	int same;

	if (geteuid() == 0)
		return 0;
	same = identity_read(plan, err);
	return same < 0 ? -1 : same ? 0 : not_root(err);
}

int pd_switch_ids(const struct pd_plan *plan, const struct pd_options *caps,
	      const struct pd_capstate *start, int alone, struct pd_error *err)
{
	struct pd_error denied;
	int same;

	if (pd_caps_before_ids(plan, caps, err) < 0)
		return -1;
	if (geteuid() != 0) {
		same = identity_read(plan, err);
		if (same <= 0)
			return same < 0 ? -1 : not_root(err);
	} else if (switch_ids(plan, alone, err) < 0) {
		/*
		 * Denied (setgroups in an unshare -r namespace) but with nothing to
		 * change: root already is the plan, so go on to the verification.
		 */
		denied = *err;
		if (denied.errnum != EPERM || identity_read(plan, err) != 1) {
			*err = denied;
			return -1;
		}
	}
	return pd_caps_after_ids(plan, caps, start, err);
}

/* r from a kernel read: -1 it failed (errno says why), 0 it showed other than asked. */
static int unverified(int r, const char *why, struct pd_error *err)
{
	return r < 0 ? pd_fail(err, PD_ERR_SYSTEM, "verify", errno, NULL)
		     : pd_fail(err, PD_ERR_VERIFY, "verify", 0, why);
}

int pd_verify(const struct pd_plan *plan, const struct pd_options *caps,
	      const struct pd_capstate *start, struct pd_error *err)
{
	int r;

	r = kernel_ids_are(plan);
	if (r != 1)
		return unverified(r, "uid or gid is not the one asked for", err);
	r = kernel_groups_are(plan);
	if (r != 1)
		return unverified(r, "groups are not the ones asked for", err);
	if (pd_caps_verify(plan, caps, start, err) < 0)
		return -1;
	if (plan->uid == 0 || (caps->keep_caps & ((uint64_t)1 << PD_CAP_SETUID)))
		return 0;
	/* A process that can become root again has not dropped anything. */
	if (syscall(SYS_SETUID, 0UL) == 0 || errno != EPERM)
		return pd_fail(err, PD_ERR_VERIFY, "verify", 0, "setuid(0) did not fail with EPERM");
	return 0;
}
