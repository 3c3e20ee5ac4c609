/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reference.h"

void fuzz_check(int ok, const char *what)
{
	if (ok)
		return;
	fprintf(stderr, "invariant broken: %s\n", what);
	abort();
}

void ref_set_add(struct ref_set *set, uint32_t id)
{
	size_t i = 0;

	while (i < set->n && set->v[i] < id)
		i++;
	if (i < set->n && set->v[i] == id)
		return;
	fuzz_check(set->n < sizeof(set->v) / sizeof(set->v[0]), "reference set full");
	memmove(set->v + i + 1, set->v + i, (set->n - i) * sizeof(set->v[0]));
	set->v[i] = id;
	set->n++;
}

int ref_same(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

/* Digits only, no wrap: one digit at a time with the bound checked each time. */
int ref_id(const char *s, size_t len, uint32_t *id)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > 4294967294u)
			return 0;
	}
	*id = (uint32_t)v;
	return 1;
}

/* The next line from *pos, split at every ':'; 0 at the end. */
int ref_line(const char *text, size_t text_len, size_t *pos, struct ref_line *l)
{
	size_t i;

	if (*pos >= text_len)
		return 0;
	memset(l, 0, sizeof(*l));
	l->line = text + *pos;
	for (i = *pos; i < text_len && text[i] != '\n'; i++)
		;
	l->line_len = i - *pos;
	*pos = i + 1;
	l->f[0] = l->line;
	l->nfields = 1;
	for (i = 0; i < l->line_len; i++) {
		if (l->line[i] != ':')
			continue;
		l->len[l->nfields - 1] = (size_t)(l->line + i - l->f[l->nfields - 1]);
		if (l->nfields == REF_MAX_FIELDS)
			return 1;
		l->f[l->nfields++] = l->line + i + 1;
	}
	l->len[l->nfields - 1] = (size_t)(l->line + l->line_len - l->f[l->nfields - 1]);
	return 1;
}

static int usable(const struct ref_line *l)
{
	if (l->line_len == 0 || l->line[0] == '#' || l->line[0] == '+' || l->line[0] == '-')
		return 0;
	return memchr(l->line, '\0', l->line_len) == NULL;
}

int ref_passwd_valid(const struct ref_line *l, uint32_t *uid, uint32_t *gid)
{
	return usable(l) && l->nfields == 7 && ref_id(l->f[2], l->len[2], uid) &&
	       ref_id(l->f[3], l->len[3], gid);
}

int ref_group_valid(const struct ref_line *l, uint32_t *gid)
{
	return usable(l) && l->nfields == 4 && ref_id(l->f[2], l->len[2], gid);
}

int ref_is_member(const char *members, size_t len, const char *user, size_t user_len)
{
	size_t i, start = 0;

	if (user_len == 0)
		return 0;
	for (i = 0; i <= len; i++) {
		if (i < len && members[i] != ',')
			continue;
		if (ref_same(members + start, i - start, user, user_len))
			return 1;
		start = i + 1;
	}
	return 0;
}
