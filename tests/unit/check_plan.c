/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Resolving a spec to uid, gid, groups and HOME: one row per README rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_privdrop.h"

static const char passwd_text[] = "root:x:0:0:root:/root:/bin/sh\n"
				  "daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
				  "games:x:5:60:games:/usr/games:/usr/sbin/nologin\n"
				  "nohome:x:70:70:::/bin/sh\n"
				  "broken:x::0::/broken:/bin/sh\n"
				  "broken:x:71:71::/fixed:/bin/sh\n"
				  "1234:x:80:80::/digits:/bin/sh\n"
				  "nobody:x:65534:65534::/nonexistent:/bin/sh\n";

static const char group_text[] = "root:x:0:\n"
				 "daemon:x:1:\n"
				 "games:x:60:\n"
				 "users:x:100:games,nobody\n"
				 "again:x:100:games\n"
				 "bad:x::games\n"
				 "worse:x:4294967296:games\n"
				 "staff:x:50:nobody\n"
				 "wheel:x:10:root\n"
				 "0day:x:99:\n";

#define CALLER 4242
static const struct {
	const char *spec;
	const char *reason; /* NULL: resolves */
	uid_t uid;
	gid_t gid;
	const char *groups; /* comma-separated, sorted */
	const char *home;
} rows[] = {
	{ "1000", NULL, 1000, 0, "0", "/" },		    /* numeric, no entry */
	{ "games", NULL, 5, 60, "60,100", "/usr/games" },   /* primary + member, no dup */
	{ "games:daemon", NULL, 5, 1, "1", "/usr/games" },  /* named group */
	{ "games:7", NULL, 5, 7, "7", "/usr/games" },	    /* numeric group, no entry */
	{ "games:", NULL, 5, 60, "60,100", "/usr/games" },  /* empty group */
	{ "5", NULL, 5, 60, "60,100", "/usr/games" },	    /* numeric user with entry */
	{ ":0", NULL, CALLER, 0, "0", "/" },		    /* caller uid, no entry */
	{ "", NULL, CALLER, 0, "0", "/" },		    /* caller, caller gid */
	{ "root", NULL, 0, 0, "0,10", "/root" },	    /* memberships of root */
	{ "0", NULL, 0, 0, "0,10", "/root" },		    /* uid 0 by number */
	{ "nohome", NULL, 70, 70, "70", "/" },		    /* empty home */
	{ "broken", NULL, 71, 71, "71", "/fixed" },	    /* malformed line skipped */
	{ "nobody", NULL, 65534, 65534, "50,100,65534", "/nonexistent" },
	{ "nobody:0day", NULL, 65534, 99, "99", "/nonexistent" },
	{ "80", NULL, 80, 80, "80", "/digits" },	/* all-digit name: reached by uid only */
	{ "1234", NULL, 1234, 0, "0", "/" },		/* never the name 1234 */
	{ "4294967294", NULL, 4294967294u, 0, "0", "/" },
	{ "0day", "no such user", 0, 0, NULL, NULL },
	{ "bogus", "no such user", 0, 0, NULL, NULL },
	{ "0:bogus", "no such group", 0, 0, NULL, NULL },
	{ "games:bad", "no such group", 0, 0, NULL, NULL },
	{ "games:worse", "no such group", 0, 0, NULL, NULL },
	{ "Games", "no such user", 0, 0, NULL, NULL },
	{ "games:b:c", "no such group", 0, 0, NULL, NULL },
};

static void format_groups(const struct pd_plan *plan, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	for (i = 0; i < plan->groups.count && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%u", i ? "," : "",
					(unsigned)plan->groups.list[i]);
}

START_TEST(test_resolve)
{
	struct pd_caller caller = { CALLER, 0 };
	struct pd_db passwd, group;
	struct pd_spec spec;
	struct pd_plan plan;
	struct pd_error err;
	char groups[256];
	int r;

	pd_db_mem(&passwd, passwd_text, sizeof(passwd_text) - 1);
	pd_db_mem(&group, group_text, sizeof(group_text) - 1);
	ck_assert_int_eq(pd_spec_parse(rows[_i].spec, &spec, &err), 0);
	r = pd_plan_build(&plan, &spec, caller, &passwd, &group, &err);
	if (rows[_i].reason) {
		ck_assert_int_eq(r, -1);
		ck_assert_str_eq(err.reason, rows[_i].reason);
		pd_plan_release(&plan);
		return;
	}
	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(plan.uid, rows[_i].uid);
	ck_assert_uint_eq(plan.gid, rows[_i].gid);
	format_groups(&plan, groups, sizeof(groups));
	ck_assert_str_eq(groups, rows[_i].groups);
	ck_assert_str_eq(plan.home, rows[_i].home);
	pd_plan_release(&plan);
}
END_TEST

/* Rule 8: one group more than the kernel takes is refused, never truncated. */
static void many_groups(int count, int want)
{
	static const char pw[] = "many:x:1000:1000::/:/bin/sh\n";
	struct pd_caller caller = { 0, 0 };
	struct pd_db passwd, group;
	struct pd_spec spec;
	struct pd_plan plan;
	struct pd_error err;
	char *text = malloc((size_t)count * 32), *p = text;
	int i;

	ck_assert_ptr_nonnull(text);
	for (i = 0; i < count; i++)
		p += sprintf(p, "g%d:x:%d:many\n", i, 2000 + i);
	pd_db_mem(&passwd, pw, sizeof(pw) - 1);
	pd_db_mem(&group, text, (size_t)(p - text));
	ck_assert_int_eq(pd_spec_parse("many", &spec, &err), 0);
	ck_assert_int_eq(pd_plan_build(&plan, &spec, caller, &passwd, &group, &err), want);
	if (want == 0)
		ck_assert_uint_eq(plan.groups.count, PD_GROUPS_MAX);
	pd_plan_release(&plan);
	free(text);
}

START_TEST(test_groups_max)
{
	many_groups(PD_GROUPS_MAX - 1, 0); /* plus the primary group: exactly the limit */
	many_groups(PD_GROUPS_MAX, -1);
}
END_TEST

Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("resolve");

	tcase_add_loop_test(tc, test_resolve, 0, COUNT(rows));
	tcase_add_test(tc, test_groups_max);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
