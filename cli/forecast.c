/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * --dry-run: the capability sets and no_new_privs the command will start
 * with, from the caller's state now and the options, by the kernel's rules
 * for an exec (capabilities(7)) of a command without file capabilities.
 * Nothing is changed.
 */
#define _GNU_SOURCE /* syscall */
#include <errno.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli.h"

/* The caller's sets now. */
static int read_now(struct cli_forecast *f)
{
	struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2] = { 0 }; /* valgrind counts one written, as capget v1 */
	int cap, r;

	if (syscall(SYS_capget, &head, data) < 0)
		return -1;
	f->inheritable = data[0].inheritable | (uint64_t)data[1].inheritable << 32;
	f->permitted = data[0].permitted | (uint64_t)data[1].permitted << 32;
	f->bounding = f->ambient = 0;
	for (cap = 0; cap < 64 && (r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0)) >= 0; cap++) {
		f->bounding |= (uint64_t)(r == 1) << cap;
		f->ambient |= (uint64_t)(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0) == 1) << cap;
	}
	f->no_new_privs = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	return f->no_new_privs < 0 ? -1 : 0;
}

/*
 * What su-exec leaves just before the exec (privdrop.h's struct pd_options):
 * kept capabilities are exactly permitted, effective and inheritable, and
 * ambient for a non-root target; a non-root target keeps nothing else; root
 * with -b and no -k has nothing inheritable or ambient left; -b, and root
 * with -k, bound it to the kept ones.
 */
static void after_switch(uid_t uid, const struct pd_options *o, struct cli_forecast *f)
{
	int kept = (o->flags & PD_KEEP_CAPS) != 0, clear = (o->flags & PD_CLEAR_BOUNDING) != 0;
	uint64_t keep = kept ? o->keep_caps : 0;

	if (kept) {
		f->inheritable = f->permitted = keep;
		f->ambient = uid ? keep : 0;
	} else if (uid != 0) {
		f->inheritable = f->permitted = f->ambient = 0;
	} else if (clear) {
		f->inheritable = f->ambient = 0;
	}
	if (clear || (uid == 0 && kept))
		f->bounding = keep;
	f->no_new_privs |= (o->flags & PD_NO_NEW_PRIVS) != 0;
}

/*
 * The exec of a program without file capabilities, not setuid: root's file
 * sets count as full, so P' = bounding | inheritable | ambient, anyone
 * else's P' is ambient; with no_new_privs P' never grows past P. Effective
 * is P' for root, ambient for others; the rest carries over.
 */
int cli_forecast(uid_t uid, const struct pd_options *o, struct cli_forecast *f)
{
	uint64_t p;

	if (read_now(f) < 0)
		return -1;
	after_switch(uid, o, f);
	p = uid == 0 ? f->bounding | f->inheritable | f->ambient : 0;
	if (f->no_new_privs)
		p &= f->permitted;
	f->permitted = p | f->ambient;
	f->effective = uid == 0 ? f->permitted : f->ambient;
	return 0;
}
