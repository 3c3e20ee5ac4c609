/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The passwd reader: exactly seven fields, valid ids, or the line is skipped. */
#include <string.h>

#include "check_privdrop.h"

static const struct {
	const char *line;
	size_t len; /* 0: strlen */
	int valid;
	uint32_t uid, gid;
	const char *home;
} lines[] = {
	{ "app:x:1000:1001:App:/home/app:/bin/sh", 0, 1, 1000, 1001, "/home/app" },
	{ "app::0:0:::", 0, 1, 0, 0, "" },
	{ "big:x:4294967294:4294967294::/:", 0, 1, 4294967294u, 4294967294u, "/" },
	{ "lead:x:0010:007::/:", 0, 1, 10, 7, "/" },
	{ "app:x::1000::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* empty uid */
	{ "app:x:1000:::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* empty gid */
	{ "app:x:4294967296:0::/:/bin/sh", 0, 0, 0, 0, NULL },	  /* overflow */
	{ "app:x:4294967295:0::/:/bin/sh", 0, 0, 0, 0, NULL },	  /* (uid_t)-1 */
	{ "app:x:0:4294967296::/:/bin/sh", 0, 0, 0, 0, NULL },	  /* gid overflow */
	{ "app:x:-1:0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* negative */
	{ "app:x:+1:0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* sign */
	{ "app:x: 1:0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* space */
	{ "app:x:1 :0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* trailing space */
	{ "app:x:abc:0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* not a number */
	{ "app:x:0x10:0::/:/bin/sh", 0, 0, 0, 0, NULL },	  /* hex */
	{ "app:x:1000:1000::/home/app", 0, 0, 0, 0, NULL },	  /* six fields */
	{ "app:x:1000:1000::/home/app:/bin/sh:", 0, 0, 0, 0, NULL }, /* eight */
	{ "app:x:1000", 0, 0, 0, 0, NULL },			  /* short */
	{ "app", 0, 0, 0, 0, NULL },
	{ "", 0, 0, 0, 0, NULL },				  /* blank */
	{ "#app:x:0:0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* comment */
	{ "+app:x:0:0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* NIS */
	{ "-app:x:0:0::/:/bin/sh", 0, 0, 0, 0, NULL },		  /* NIS */
	{ "+::::::", 0, 0, 0, 0, NULL },			  /* NIS */
	{ "app:x:1000:1000::/h\0me:/bin/sh", 30, 0, 0, 0, NULL }, /* NUL byte */
};

START_TEST(test_parse)
{
	struct pd_passwd pw;
	size_t len = lines[_i].len ? lines[_i].len : strlen(lines[_i].line);
	int r = pd_passwd_parse(lines[_i].line, len, &pw);

	ck_assert_int_eq(r, lines[_i].valid);
	if (!r)
		return;
	ck_assert_uint_eq(pw.uid, lines[_i].uid);
	ck_assert_uint_eq(pw.gid, lines[_i].gid);
	ck_assert_uint_eq(pw.home_len, strlen(lines[_i].home));
	ck_assert(memcmp(pw.home, lines[_i].home, pw.home_len) == 0);
}
END_TEST

/* Malformed lines for a user stand before its valid line; they must be passed over. */
static const char db_text[] = "# comment\n"
			      "\n"
			      "+nis::::::\n"
			      "app:x::0::/bad:/bin/sh\n"
			      "app:x:4294967296:0::/bad:/bin/sh\n"
			      "app:x:1000:1000::/home/app\n"
			      "app:x:1000:1000::/home/app:/bin/sh\n"
			      "app2:x:1002:1002::/home/app2:/bin/sh\n"
			      "xapp:x:1003:1003::/home/xapp:/bin/sh\n"
			      "first:x:7:7::/one:/bin/sh\n"
			      "first:x:8:8::/two:/bin/sh\n"
			      "dup7:x:7:9::/dup:/bin/sh\n"
			      "only-bad:x:-5:0::/:/bin/sh\n"
			      "1234:x:50:50::/digits:/bin/sh\n"
			      "last:x:2000:2000::/last:/bin/sh";

static const struct {
	const char *name; /* NULL: look up by uid */
	uint32_t uid;
	int found;
	uint32_t want_uid, want_gid;
	const char *home;
} lookups[] = {
	{ "app", 0, 1, 1000, 1000, "/home/app" },
	{ "app2", 0, 1, 1002, 1002, "/home/app2" },
	{ "xapp", 0, 1, 1003, 1003, "/home/xapp" },
	{ "ap", 0, 0, 0, 0, NULL },
	{ "first", 0, 1, 7, 7, "/one" },
	{ "only-bad", 0, 0, 0, 0, NULL },
	{ "nis", 0, 0, 0, 0, NULL },
	{ "+nis", 0, 0, 0, 0, NULL },
	{ "last", 0, 1, 2000, 2000, "/last" }, /* no final newline */
	{ "1234", 0, 1, 50, 50, "/digits" },   /* the reader matches; the spec never asks */
	{ NULL, 1000, 1, 1000, 1000, "/home/app" },
	{ NULL, 7, 1, 7, 7, "/one" },
	{ NULL, 0, 0, 0, 0, NULL }, /* only on malformed lines */
	{ NULL, 4294967295u, 0, 0, 0, NULL },
	{ NULL, 2000, 1, 2000, 2000, "/last" },
	{ NULL, 3000, 0, 0, 0, NULL },
};

START_TEST(test_lookup)
{
	struct pd_db db;
	struct pd_passwd pw;
	int r;

	pd_db_mem(&db, db_text, sizeof(db_text) - 1);
	if (lookups[_i].name)
		r = pd_passwd_by_name(&db, lookups[_i].name, strlen(lookups[_i].name), &pw);
	else
		r = pd_passwd_by_uid(&db, lookups[_i].uid, &pw);
	ck_assert_int_eq(r, lookups[_i].found);
	if (!r)
		return;
	ck_assert_uint_eq(pw.uid, lookups[_i].want_uid);
	ck_assert_uint_eq(pw.gid, lookups[_i].want_gid);
	ck_assert_uint_eq(pw.home_len, strlen(lookups[_i].home));
	ck_assert(memcmp(pw.home, lookups[_i].home, pw.home_len) == 0);
}
END_TEST

Suite *passwd_suite(void)
{
	Suite *s = suite_create("passwd");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, test_parse, 0, COUNT(lines));
	suite_add_tcase(s, tc);
	tc = tcase_create("lookup");
	tcase_add_loop_test(tc, test_lookup, 0, COUNT(lookups));
	suite_add_tcase(s, tc);
	return s;
}
