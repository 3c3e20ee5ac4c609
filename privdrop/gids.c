/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The supplementary group list: sorted, without duplicates, at most PD_GROUPS_MAX. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static int cmp_gid(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return (x > y) - (x < y);
}

/* Sorts and drops duplicates; E2BIG when more than the kernel takes remain. */
int pd_gids_finish(struct pd_gids *set)
{
	size_t i, n = 0;

	if (set->count > 1)
		qsort(set->list, set->count, sizeof(*set->list), cmp_gid);
	for (i = 0; i < set->count; i++)
		if (n == 0 || set->list[n - 1] != set->list[i])
			set->list[n++] = set->list[i];
	set->count = n;
	if (n > PD_GROUPS_MAX) {
		errno = E2BIG;
		return -1;
	}
	return 0;
}

static int grow(struct pd_gids *set)
{
	size_t cap = set->cap * 2;
	gid_t *list;

	if (set->list == set->inline_list) {
		list = malloc(cap * sizeof(*list));
		if (list)
			memcpy(list, set->list, set->count * sizeof(*list));
	} else {
		list = realloc(set->list, cap * sizeof(*list));
	}
	if (!list)
		return -1;
	set->list = list;
	set->cap = cap;
	return 0;
}

/* Duplicates are dropped when the list fills, so memory stays bounded. */
int pd_gids_add(struct pd_gids *set, gid_t gid)
{
	if (!set->list) {
		set->list = set->inline_list;
		set->cap = PD_GIDS_INLINE;
	}
	if (set->count == set->cap && set->cap >= 2 * PD_GROUPS_MAX &&
	    pd_gids_finish(set) < 0)
		return -1;
	if (set->count == set->cap && grow(set) < 0)
		return -1;
	set->list[set->count++] = gid;
	return 0;
}

/*
 * 1 when got, the groups a process holds, are exactly the plan's once the
 * plan's gid is counted among them: the gid grants its access listed or not,
 * so a process with no supplementary groups matches a plan of just its gid.
 * Else 0. got is sorted on the way.
 */
int pd_gids_are_plan(struct pd_gids *got, const struct pd_plan *plan)
{
	return pd_gids_add(got, plan->gid) == 0 && pd_gids_finish(got) == 0 &&
	       got->count == plan->groups.count &&
	       memcmp(got->list, plan->groups.list, got->count * sizeof(*got->list)) == 0;
}

void pd_gids_free(struct pd_gids *set)
{
	if (set->list != set->inline_list)
		free(set->list);
	set->list = NULL;
	set->count = set->cap = 0;
}
