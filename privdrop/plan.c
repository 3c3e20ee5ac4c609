/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Resolving a spec to a plan: uid, gid, supplementary groups, HOME. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int fail(struct pd_error *err, const char *step, const struct pd_field *f,
		const char *reason)
{
	err->step = step;
	err->subject = f ? f->name : NULL;
	err->subject_len = f ? f->len : 0;
	err->reason = reason;
	err->errnum = errno;
	return -1;
}

/* 1: an entry was found; 0: a numeric or default user with no entry. */
static int find_user(const struct pd_spec *spec, struct pd_caller caller, struct pd_db *passwd,
		     struct pd_passwd *pw, struct pd_error *err)
{
	const struct pd_field *u = &spec->user;
	int r;

	if (u->kind == PD_NAME)
		r = pd_passwd_by_name(passwd, u->name, u->len, pw);
	else
		r = pd_passwd_by_uid(passwd, u->kind == PD_ID ? u->id : caller.uid, pw);
	if (r < 0)
		return fail(err, passwd->path, NULL, NULL);
	if (r == 0 && u->kind == PD_NAME)
		return fail(err, NULL, u, "no such user");
	return r;
}

static int set_home(struct pd_plan *plan, const struct pd_passwd *pw, int found)
{
	const char *home = found && pw->home_len ? pw->home : "/";
	size_t len = found && pw->home_len ? pw->home_len : 1;

	if (len >= sizeof(plan->home))
		return -1;
	memcpy(plan->home, home, len);
	plan->home[len] = '\0';
	return 0;
}

static int set_groups(struct pd_plan *plan, const struct pd_spec *spec, const struct pd_passwd *pw,
		      int found, struct pd_db *group, struct pd_error *err)
{
	const struct pd_field *g = &spec->group;
	int r;

	if (g->kind == PD_NAME) {
		r = pd_group_by_name(group, g->name, g->len, &plan->gid);
		if (r < 0)
			return fail(err, group->path, NULL, NULL);
		if (r == 0)
			return fail(err, NULL, g, "no such group");
	} else if (g->kind == PD_ID) {
		plan->gid = g->id;
	}
	if (pd_gids_add(&plan->groups, plan->gid) < 0)
		return fail(err, "groups", NULL, NULL);
	if (g->kind == PD_DEFAULT && found &&
	    pd_group_memberships(group, pw->name, pw->name_len, &plan->groups) < 0)
		return fail(err, errno == E2BIG ? NULL : group->path, &spec->user,
			    errno == E2BIG ? "member of more than 65536 groups" : NULL);
	if (pd_gids_finish(&plan->groups) < 0)
		return fail(err, NULL, &spec->user, "member of more than 65536 groups");
	return 0;
}

int pd_plan_resolve(struct pd_plan *plan, const struct pd_spec *spec, struct pd_caller caller,
		    struct pd_db *passwd, struct pd_db *group, struct pd_error *err)
{
	struct pd_passwd pw;
	int found;

	memset(plan, 0, sizeof(*plan));
	memset(err, 0, sizeof(*err));
	found = find_user(spec, caller, passwd, &pw, err);
	if (found < 0)
		return -1;
	plan->uid = found ? pw.uid : spec->user.kind == PD_ID ? spec->user.id : caller.uid;
	plan->gid = found ? pw.gid : caller.gid;
	if (set_home(plan, &pw, found) < 0)
		return fail(err, NULL, &spec->user, "home directory longer than 4095 bytes");
	return set_groups(plan, spec, &pw, found, group, err);
}

void pd_plan_release(struct pd_plan *plan)
{
	pd_gids_free(&plan->groups);
}
