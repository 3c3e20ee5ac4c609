/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * A second, deliberately naive reading of the rules, for the fuzzers to
 * compare the library against: split every line and field, no search tricks.
 */
#ifndef FUZZ_REFERENCE_H
#define FUZZ_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

#define REF_MAX_FIELDS 8

struct ref_line {
	const char *line;
	size_t line_len;
	const char *f[REF_MAX_FIELDS];
	size_t len[REF_MAX_FIELDS];
	size_t nfields; /* REF_MAX_FIELDS: that many or more */
};

int ref_id(const char *s, size_t len, uint32_t *id);
int ref_line(const char *text, size_t text_len, size_t *pos, struct ref_line *l);
int ref_passwd_valid(const struct ref_line *l, uint32_t *uid, uint32_t *gid);
int ref_group_valid(const struct ref_line *l, uint32_t *gid);
int ref_is_member(const char *members, size_t len, const char *user, size_t user_len);
int ref_same(const char *a, size_t alen, const char *b, size_t blen);

/* A sorted set of ids without duplicates, kept the slow, obvious way. */
struct ref_set {
	uint32_t v[4096];
	size_t n;
};
void ref_set_add(struct ref_set *set, uint32_t id);
void fuzz_check(int ok, const char *what);

#endif
