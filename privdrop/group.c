/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* /etc/group: name:password:gid:members, exactly four fields. */
#define _GNU_SOURCE
#include <string.h>

#include "internal.h"

int pd_group_parse(const char *line, size_t len, struct pd_group *gr)
{
	struct pd_span f[4];
	const char *why;

	if (!pd_line_usable(line, len) || pd_line_split(line, len, f, 4) != 4)
		return 0;
	if (pd_parse_id(f[2].p, f[2].len, &gr->gid, &why) < 0)
		return 0;
	gr->name = f[0].p;
	gr->name_len = f[0].len;
	gr->members = f[3].p;
	gr->members_len = f[3].len;
	return 1;
}

/* Members are separated by ','; a member matches byte for byte, whole. */
int pd_group_has_member(const struct pd_group *gr, const struct pd_needle *user)
{
	const char *p = gr->members, *end = gr->members + gr->members_len, *hit;

	/* A member never holds a ',': a user "a,b" must not match members "a,b". */
	if (user->len == 0 || memchr(user->p, ',', user->len))
		return 0;
	while ((hit = pd_needle_find(user, p, (size_t)(end - p)))) {
		if ((hit == gr->members || hit[-1] == ',') &&
		    (hit + user->len == end || hit[user->len] == ','))
			return 1;
		/* A match starts right after a ',': skip to the next one. */
		p = memchr(hit, ',', (size_t)(end - hit));
		if (!p)
			return 0;
		p++;
	}
	return 0;
}

static int entry(const char *line, size_t len, void *gr)
{
	return pd_group_parse(line, len, gr);
}

int pd_group_by_name(struct pd_db *db, const char *name, size_t len, uint32_t *gid)
{
	struct pd_group gr;
	int r = pd_db_find_named(db, name, len, entry, &gr);

	if (r > 0)
		*gid = gr.gid;
	return r;
}

/* Adds the gid of every valid group whose member list names user. */
int pd_group_memberships(struct pd_db *db, const char *user, size_t len, struct pd_gids *set)
{
	struct pd_needle needle;
	struct pd_group gr;
	const char *line;
	size_t n;
	int r;

	if (len == 0)
		return 0;
	pd_needle_init(&needle, user, len);
	while ((r = pd_db_next(db, &needle, &line, &n)) > 0)
		if (pd_group_parse(line, n, &gr) && pd_group_has_member(&gr, &needle) &&
		    pd_gids_add(set, gr.gid) < 0)
			return -1;
	return r;
}
