/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * The passwd reader against the naive reference: the first line is the name
 * to look up (its bytes also give a uid), the rest is the file.
 */
#include <string.h>

#include "../privdrop/internal.h"
#include "reference.h"

static void check_lines(const char *text, size_t len)
{
	struct pd_passwd pw;
	struct ref_line l;
	uint32_t uid, gid;
	size_t pos = 0;
	int valid;

	while (ref_line(text, len, &pos, &l)) {
		valid = ref_passwd_valid(&l, &uid, &gid);
		fuzz_check(pd_passwd_parse(l.line, l.line_len, &pw) == valid, "line validity");
		if (!valid)
			continue;
		fuzz_check(pw.uid == uid && pw.gid == gid, "ids of a valid line");
		fuzz_check(pw.uid != 0xffffffffu && pw.gid != 0xffffffffu, "never (uid_t)-1");
		fuzz_check(ref_same(pw.name, pw.name_len, l.f[0], l.len[0]), "name field");
		fuzz_check(ref_same(pw.home, pw.home_len, l.f[5], l.len[5]), "home field");
	}
}

/* The first valid line with this name (name != NULL) or uid, from the reference. */
static int ref_find(const char *text, size_t len, const char *name, size_t name_len,
		    uint32_t want_uid, struct ref_line *out)
{
	uint32_t uid, gid;
	size_t pos = 0;

	while (ref_line(text, len, &pos, out))
		if (ref_passwd_valid(out, &uid, &gid) &&
		    (name ? ref_same(out->f[0], out->len[0], name, name_len) : uid == want_uid))
			return 1;
	return 0;
}

static void check_lookup(const char *text, size_t len, const char *name, size_t name_len,
			 uint32_t uid)
{
	struct pd_passwd pw;
	struct ref_line l;
	struct pd_db db;
	int found, want;

	pd_db_mem(&db, text, len);
	found = name ? pd_passwd_by_name(&db, name, name_len, &pw) : pd_passwd_by_uid(&db, uid, &pw);
	want = ref_find(text, len, name, name_len, uid, &l);
	fuzz_check(found == want, "found exactly when the reference finds");
	if (found)
		fuzz_check(pw.name == l.f[0] && pw.home == l.f[5], "the first valid entry");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size);
	size_t name_len = nl ? (size_t)(nl - text) : 0, rest = nl ? size - name_len - 1 : size;
	const char *db = nl ? nl + 1 : text;
	uint32_t uid = 0;

	memcpy(&uid, text, size < 4 ? size : 4);
	check_lines(db, rest);
	if (name_len)
		check_lookup(db, rest, text, name_len, 0);
	check_lookup(db, rest, NULL, 0, uid % 4 ? uid % 2000 : uid);
	return 0;
}
