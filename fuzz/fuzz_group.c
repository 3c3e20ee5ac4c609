/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * The group reader against the naive reference: the first line is a user (and
 * a group name) to look up, the rest is the file.
 */
#include <stdlib.h>
#include <string.h>

#include "../privdrop/internal.h"
#include "reference.h"

static void check_lines(const char *text, size_t len)
{
	struct pd_group gr;
	struct ref_line l;
	size_t pos = 0;
	uint32_t gid;
	int valid;

	while (ref_line(text, len, &pos, &l)) {
		valid = ref_group_valid(&l, &gid);
		fuzz_check(pd_group_parse(l.line, l.line_len, &gr) == valid, "line validity");
		if (!valid)
			continue;
		fuzz_check(gr.gid == gid && gid != 0xffffffffu, "gid of a valid line");
		fuzz_check(ref_same(gr.name, gr.name_len, l.f[0], l.len[0]), "name field");
	}
}

static void check_by_name(const char *text, size_t len, const char *name, size_t name_len)
{
	struct ref_line l;
	struct pd_db db;
	uint32_t gid = 0, ref_gid;
	size_t pos = 0;
	int found, want = 0;

	pd_db_mem(&db, text, len);
	found = pd_group_by_name(&db, name, name_len, &gid);
	while (!want && ref_line(text, len, &pos, &l))
		want = ref_group_valid(&l, &ref_gid) && ref_same(l.f[0], l.len[0], name, name_len);
	fuzz_check(found == want, "group found exactly when the reference finds");
	fuzz_check(!found || gid == ref_gid, "the first valid group of that name");
}

static void check_members(const char *text, size_t len, const char *user, size_t user_len)
{
	static struct ref_set want;
	struct pd_gids got = { 0 };
	struct ref_line l;
	struct pd_db db;
	size_t pos = 0, i;
	uint32_t gid;

	want.n = 0;
	pd_db_mem(&db, text, len);
	fuzz_check(pd_group_memberships(&db, user, user_len, &got) == 0, "memberships read");
	while (ref_line(text, len, &pos, &l))
		if (ref_group_valid(&l, &gid) && ref_is_member(l.f[3], l.len[3], user, user_len))
			ref_set_add(&want, gid);
	pd_gids_finish(&got);
	fuzz_check(got.count == want.n, "as many groups as the reference");
	for (i = 0; i < got.count; i++)
		fuzz_check(got.list[i] == want.v[i], "the reference's groups, sorted, no duplicates");
	pd_gids_free(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size);
	size_t name_len = nl ? (size_t)(nl - text) : 0, rest = nl ? size - name_len - 1 : size;
	const char *db = nl ? nl + 1 : text;

	check_lines(db, rest);
	if (name_len) {
		check_by_name(db, rest, text, name_len);
		check_members(db, rest, text, name_len);
	}
	return 0;
}
