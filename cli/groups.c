/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * --add-groups and --keep-groups: more supplementary groups than USER's.
 *
 * The rule for kept groups: a caller that is not root cannot change its
 * groups, so with --keep-groups it runs COMMAND with the groups it holds
 * (its uid and gid must already be USER's, as always). Root keeps the
 * groups it holds beyond what /etc/group gives root itself: the ones the
 * runtime added (docker's --group-add, Kubernetes' supplementalGroups and
 * fsGroup), never root's own groups. Gid 0 is never kept: root's is its
 * own, and a caller that is not root and holds it is refused, unless
 * --add-groups names it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* A list of gids, on the heap: these options may name up to 65536 and more. */
struct gid_list {
	gid_t *g;
	size_t n, cap;
};

static int push(struct gid_list *l, gid_t gid)
{
	gid_t *g;

	if (l->n == l->cap) {
		g = realloc(l->g, (l->cap = l->cap ? l->cap * 2 : 64) * sizeof(*g));
		if (!g)
			return -1;
		l->g = g;
	}
	l->g[l->n++] = gid;
	return 0;
}

static int holds(const gid_t *g, size_t n, gid_t gid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (g[i] == gid)
			return 1;
	return 0;
}

static int no_memory(struct pd_error *err)
{
	return pd_fail(err, PD_ERR_SYSTEM, "groups", errno, NULL);
}

/* LIST, comma-separated names or ids, each resolved from /etc/group. */
static int add_list(struct gid_list *l, const char *list, struct pd_error *err)
{
	const char *p = list, *end;
	char *item;
	gid_t gid;
	int r;

	for (;; p = end + 1) {
		end = strchr(p, ',');
		end = end ? end : p + strlen(p);
		if (end == p)
			return pd_fail_input(err, list, strlen(list), "empty group name");
		item = malloc((size_t)(end - p) + 1);
		if (!item)
			return no_memory(err);
		memcpy(item, p, (size_t)(end - p));
		item[end - p] = '\0';
		r = pd_resolve_group(item, &gid, err);
		if (r == 0 && push(l, gid) < 0)
			r = no_memory(err);
		if (r < 0) {
			/* The subject points into item: name the input itself. */
			err->subject = p;
			err->subject_len = (size_t)(end - p);
		}
		free(item);
		if (r < 0 || *end == '\0')
			return r;
	}
}

/* The groups this process holds, and for root the ones /etc/group gives it: kept are the others. */
static int add_kept(struct gid_list *l, size_t asked, struct pd_error *err)
{
	struct pd_plan *own = NULL;
	const gid_t *mine = NULL;
	size_t n_mine = 0, i, held_at = l->n;
	int n = getgroups(0, NULL);

	if (n < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "getgroups", errno, NULL);
	for (i = 0; i < (size_t)n; i++)
		if (push(l, 0) < 0)
			return no_memory(err);
	if (n > 0 && getgroups(n, l->g + held_at) != n)
		return pd_fail(err, PD_ERR_SYSTEM, "getgroups", errno, NULL);
	if (geteuid() == 0) {
		if (pd_resolve("", &own, err) < 0)
			return -1;
		mine = pd_plan_groups(own, &n_mine);
	}
	for (i = held_at; i < l->n; i++) {
		if (holds(mine, n_mine, l->g[i]) || l->g[i] != 0 || holds(l->g, asked, 0))
			continue;
		pd_plan_free(own);
		return pd_fail(err, PD_ERR_INPUT, "--keep-groups", 0,
			       "the caller holds gid 0, which is never kept: name it as GROUP or with --add-groups");
	}
	/* Root's own groups are not the runtime's: drop them from what is kept. */
	for (i = held_at; own && i < l->n;)
		if (holds(mine, n_mine, l->g[i]))
			l->g[i] = l->g[--l->n];
		else
			i++;
	pd_plan_free(own);
	return 0;
}

int cli_groups(struct pd_plan *plan, const char *const *lists, size_t nlists, int keep, struct pd_error *err)
{
	struct gid_list l = { 0 };
	size_t i, count;
	const gid_t *resolved = pd_plan_groups(plan, &count);
	int r = 0;

	/*
	 * Not root: the held groups replace USER's, which it could not set, and
	 * the gid counts among them as the library counts it, listed or not.
	 */
	if (keep && geteuid() != 0 && push(&l, pd_plan_gid(plan)) < 0)
		r = no_memory(err);
	for (i = 0; i < count && !(keep && geteuid() != 0); i++)
		if (push(&l, resolved[i]) < 0)
			r = no_memory(err);
	for (i = 0; r == 0 && i < nlists; i++)
		r = add_list(&l, lists[i], err);
	if (r == 0 && keep)
		r = add_kept(&l, l.n, err);
	if (r == 0)
		r = pd_plan_set_groups(plan, l.g, l.n, err);
	free(l.g);
	return r;
}
