/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The group reader: exactly four fields, a valid gid, members matched whole. */
#include <stdlib.h>
#include <string.h>

#include "check_privdrop.h"

static const struct {
	const char *line;
	size_t len; /* 0: strlen */
	int valid;
	uint32_t gid;
} lines[] = {
	{ "users:x:100:app,games", 0, 1, 100 },
	{ "empty:x:5:", 0, 1, 5 },
	{ "big:x:4294967294:", 0, 1, 4294967294u },
	{ "nogid:x::app", 0, 0, 0 },
	{ "neg:x:-1:app", 0, 0, 0 },
	{ "over:x:4294967296:app", 0, 0, 0 },
	{ "max:x:4294967295:app", 0, 0, 0 },
	{ "alpha:x:abc:app", 0, 0, 0 },
	{ "space:x: 5:app", 0, 0, 0 },
	{ "three:x:5", 0, 0, 0 },
	{ "five:x:5:app:", 0, 0, 0 },
	{ "#c:x:0:app", 0, 0, 0 },
	{ "+nis:x:0:app", 0, 0, 0 },
	{ "-nis:x:0:app", 0, 0, 0 },
	{ "", 0, 0, 0 },
	{ "nul:x:5:a\0p", 11, 0, 0 },
};

START_TEST(test_parse)
{
	struct pd_group gr;
	size_t len = lines[_i].len ? lines[_i].len : strlen(lines[_i].line);
	int r = pd_group_parse(lines[_i].line, len, &gr);

	ck_assert_int_eq(r, lines[_i].valid);
	if (r)
		ck_assert_uint_eq(gr.gid, lines[_i].gid);
}
END_TEST

static const struct {
	const char *members, *user;
	int member;
} members[] = {
	{ "app", "app", 1 },
	{ "app,games", "games", 1 },
	{ "games,app,x", "app", 1 },
	{ "apps,xapp,ap", "app", 0 },
	{ "apps,app", "app", 1 },
	{ "", "app", 0 },
	{ "app ", "app", 0 },
	{ " app", "app", 0 },
	{ "App", "app", 0 },
	{ ",,", "app", 0 },
	{ "a,,b", "", 0 },
	{ "appapp,app", "app", 1 },
	{ "aaaa,aa", "aa", 1 },
	{ "aaaa,aaa", "aa", 0 },
	{ "a,b", "a,b", 0 },  /* found by the fuzzer: a ',' in the user name */
	{ ",,,,", ",", 0 },
};

START_TEST(test_member)
{
	struct pd_group gr = { 0 };
	struct pd_needle user;

	gr.members = members[_i].members;
	gr.members_len = strlen(members[_i].members);
	pd_needle_init(&user, members[_i].user, strlen(members[_i].user));
	ck_assert_int_eq(pd_group_has_member(&gr, &user), members[_i].member);
}
END_TEST

static const char db_text[] = "#users:x:1:app\n"
			      "users:x::app\n"
			      "users:x:100:app,games\n"
			      "users:x:101:app\n"
			      "staff:x:50:xapp,apps\n"
			      "wheel:x:10:app\n"
			      "dup:x:100:app\n"
			      "bad:x:4294967296:app\n"
			      "short:x:7\n"
			      "+:x:0:app\n"
			      "tail:x:200:games,app";

static const struct {
	const char *name;
	int found;
	uint32_t gid;
} names[] = {
	{ "users", 1, 100 }, { "staff", 1, 50 }, { "tail", 1, 200 }, { "bad", 0, 0 },
	{ "short", 0, 0 },   { "user", 0, 0 },	 { "sers", 0, 0 },   { "+", 0, 0 },
};

START_TEST(test_by_name)
{
	struct pd_db db;
	uint32_t gid = 99;

	pd_db_mem(&db, db_text, sizeof(db_text) - 1);
	ck_assert_int_eq(pd_group_by_name(&db, names[_i].name, strlen(names[_i].name), &gid),
			 names[_i].found);
	if (names[_i].found)
		ck_assert_uint_eq(gid, names[_i].gid);
}
END_TEST

START_TEST(test_memberships)
{
	static const gid_t want[] = { 10, 100, 101, 200 };
	struct pd_gids set = { 0 };
	struct pd_db db;

	pd_db_mem(&db, db_text, sizeof(db_text) - 1);
	ck_assert_int_eq(pd_group_memberships(&db, "app", 3, &set), 0);
	ck_assert_int_eq(pd_gids_finish(&set), 0);
	ck_assert_uint_eq(set.count, 4);
	ck_assert(memcmp(set.list, want, sizeof(want)) == 0);
	pd_gids_free(&set);
}
END_TEST

START_TEST(test_gids_limit)
{
	struct pd_gids set = { 0 };
	gid_t g;

	for (g = 0; g < PD_GROUPS_MAX; g++) {
		ck_assert_int_eq(pd_gids_add(&set, g), 0);
		ck_assert_int_eq(pd_gids_add(&set, g), 0); /* duplicates never count */
	}
	ck_assert_int_eq(pd_gids_finish(&set), 0);
	ck_assert_uint_eq(set.count, PD_GROUPS_MAX);
	ck_assert_int_eq(pd_gids_add(&set, PD_GROUPS_MAX), 0);
	ck_assert_int_eq(pd_gids_finish(&set), -1);
	pd_gids_free(&set);
}
END_TEST

Suite *group_suite(void)
{
	Suite *s = suite_create("group");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_parse, 0, COUNT(lines));
	tcase_add_loop_test(tc, test_member, 0, COUNT(members));
	suite_add_tcase(s, tc);
	tc = tcase_create("lookup");
	tcase_add_loop_test(tc, test_by_name, 0, COUNT(names));
	tcase_add_test(tc, test_memberships);
	tcase_add_test(tc, test_gids_limit);
	suite_add_tcase(s, tc);
	return s;
}
