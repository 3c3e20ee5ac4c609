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

static int read_now(uint64_t *inheritable, uint64_t *bounding, int *nnp)
{
	struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	int cap, r;

	if (syscall(SYS_capget, &head, data) < 0)
		return -1;
	*inheritable = data[0].inheritable | (uint64_t)data[1].inheritable << 32;
	*bounding = 0;
	for (cap = 0; cap < 64 && (r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0)) >= 0; cap++)
		*bounding |= (uint64_t)(r == 1) << cap;
	*nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	return *nnp < 0 ? -1 : 0;
}

int cli_forecast(uid_t uid, const struct pd_options *o, struct cli_forecast *f)
{
	uint64_t keep = o->flags & PD_KEEP_CAPS ? o->keep_caps : 0, inheritable;
	int kept = (o->flags & PD_KEEP_CAPS) != 0;

	if (read_now(&inheritable, &f->bounding, &f->no_new_privs) < 0)
		return -1;
	if ((o->flags & PD_CLEAR_BOUNDING) || (uid == 0 && kept))
		f->bounding = keep;
	f->no_new_privs |= (o->flags & PD_NO_NEW_PRIVS) != 0;
	if (uid != 0) {
		/* Kept ambient, so they survive the exec; a plain drop keeps none. */
		f->inheritable = f->permitted = f->effective = f->ambient = keep;
		return 0;
	}
	/* Root's exec: permitted and effective are inheritable | bounding, ambient none. */
	f->inheritable = kept ? keep : (o->flags & PD_CLEAR_BOUNDING) ? 0 : inheritable;
	f->permitted = f->effective = f->inheritable | f->bounding;
	f->ambient = 0;
	return 0;
}
