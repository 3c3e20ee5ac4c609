/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Resolving a spec to a plan: uid, gid, supplementary groups, HOME. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A file that cannot be read: errno says why. */
static int unreadable(struct pd_error *err, const char *path)
{
	return pd_fail(err, PD_ERR_SYSTEM, path, errno, NULL);
}

/* The spec's user or group f, refused for reason. */
static int refused(struct pd_error *err, const struct pd_field *f, int errnum, const char *reason)
{
	pd_fail(err, PD_ERR_INPUT, NULL, errnum, reason);
	err->subject = f->name;
	err->subject_len = f->len;
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
		return unreadable(err, passwd->path);
	if (r == 0 && u->kind == PD_NAME)
		return refused(err, u, 0, "no such user");
	return r;
}

/* A passwd field into dst, NUL-terminated; an empty or missing one is fallback. */
static int copy_field(char *dst, size_t size, const char *s, size_t len, const char *fallback)
{
	if (len == 0) {
		s = fallback;
		len = strlen(fallback);
	}
	if (len >= size)
		return -1;
	memcpy(dst, s, len);
	dst[len] = '\0';
	return 0;
}

/* HOME "/" and SHELL /bin/sh (as passwd(5) says of an empty field) where the entry has none. */
static int set_entry(struct pd_plan *plan, const struct pd_spec *spec, const struct pd_passwd *pw,
		     int found, struct pd_error *err)
{
	if (copy_field(plan->home, sizeof(plan->home), pw->home, found ? pw->home_len : 0, "/") < 0)
		return refused(err, &spec->user, 0, "home directory longer than 4095 bytes");
	if (copy_field(plan->shell, sizeof(plan->shell), pw->shell, found ? pw->shell_len : 0, "/bin/sh") < 0)
		return refused(err, &spec->user, 0, "login shell longer than 4095 bytes");
	if (copy_field(plan->name, sizeof(plan->name), pw->name, found ? pw->name_len : 0, "") < 0)
		return refused(err, &spec->user, 0, "user name longer than 255 bytes");
	return 0;
}

/* A named or numeric group g into *gid; a default one leaves it alone. */
int pd_group_of(const struct pd_field *g, struct pd_db *group, gid_t *gid, struct pd_error *err)
{
	uint32_t id;
	int r;

	if (g->kind == PD_NAME) {
		r = pd_group_by_name(group, g->name, g->len, &id);
		if (r < 0)
			return unreadable(err, group->path);
		if (r == 0)
			return refused(err, g, 0, "no such group");
		*gid = id;
	} else if (g->kind == PD_ID) {
		*gid = g->id;
	}
	return 0;
}

static int set_groups(struct pd_plan *plan, const struct pd_spec *spec, const struct pd_passwd *pw,
		      int found, struct pd_db *group, struct pd_error *err)
{
	const struct pd_field *g = &spec->group;

	if (pd_group_of(g, group, &plan->gid, err) < 0)
		return -1;
	if (pd_gids_add(&plan->groups, plan->gid) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "groups", errno, NULL);
	if ((g->kind == PD_DEFAULT && found &&
	     pd_group_memberships(group, pw->name, pw->name_len, &plan->groups) < 0) ||
	    pd_gids_finish(&plan->groups) < 0)
		return errno == E2BIG ? refused(err, &spec->user, E2BIG, "member of more than 65536 groups")
				      : unreadable(err, group->path);
	return 0;
}

int pd_plan_build(struct pd_plan *plan, const struct pd_spec *spec, struct pd_caller caller,
		    struct pd_db *passwd, struct pd_db *group, struct pd_error *err)
{
	struct pd_passwd pw = { 0 };
	int found;

	memset(plan, 0, sizeof(*plan));
	memset(err, 0, sizeof(*err));
	found = find_user(spec, caller, passwd, &pw, err);
	if (found < 0)
		return -1;
	plan->uid = found ? pw.uid : spec->user.kind == PD_ID ? spec->user.id : caller.uid;
	plan->gid = found ? pw.gid : caller.gid;
	if (set_entry(plan, spec, &pw, found, err) < 0)
		return -1;
	return set_groups(plan, spec, &pw, found, group, err);
}

void pd_plan_release(struct pd_plan *plan)
{
	pd_gids_free(&plan->groups);
}
