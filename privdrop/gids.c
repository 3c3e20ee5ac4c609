/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The supplementary group list: sorted, without duplicates, at most PD_GROUPS_MAX. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Moves g[i] down the heap g[0..n) until neither child is larger. */
static void sift(gid_t *g, size_t i, size_t n)
{
	size_t c;
	gid_t t;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && g[c + 1] > g[c])
			c++;
		if (g[i] >= g[c])
			return;
		t = g[i];
		g[i] = g[c];
		g[c] = t;
		i = c;
	}
}

/*
 * Heapsort: n log n for 65536 groups and more, in place, and a tenth of the
 * static binary's bytes of libc's qsort, which nothing else there needs.
 */
static void sort_gids(gid_t *g, size_t n)
{
	size_t i;
	gid_t t;

	for (i = n / 2; i-- > 0;)
		sift(g, i, n);
	while (n-- > 1) {
		t = g[0];
		g[0] = g[n];
		g[n] = t;
		sift(g, 0, n);
	}
}

/* Sorts and drops duplicates; E2BIG when more than the kernel takes remain. */
int pd_gids_finish(struct pd_gids *set)
{
	size_t i, n = 0;

	if (set->count > 1)
		sort_gids(set->list, set->count);
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
