/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Rule 1 (split at the first ':') and rule 2 (digits only, 0..4294967294). */
#include <string.h>

#include "check_privdrop.h"

static const struct {
	const char *text;
	int ok;
	uint32_t id;
} ids[] = {
	{ "0", 1, 0 },
	{ "1000", 1, 1000 },
	{ "007", 1, 7 },
	{ "4294967294", 1, 4294967294u },
	{ "4294967295", 0, 0 }, /* (uid_t)-1 */
	{ "4294967296", 0, 0 }, /* wraps to 0 in su-exec 0.3 */
	{ "18446744073709551616", 0, 0 },
	{ "99999999999999999999999", 0, 0 },
	{ "", 0, 0 },
	{ "+1", 0, 0 },
	{ "-1", 0, 0 },
	{ " 1", 0, 0 },
	{ "1 ", 0, 0 },
	{ "0x1", 0, 0 },
	{ "1e3", 0, 0 },
};

START_TEST(test_parse_id)
{
	uint32_t id = 12345;
	const char *why = NULL;
	int r = pd_parse_id(ids[_i].text, strlen(ids[_i].text), &id, &why);

	if (ids[_i].ok) {
		ck_assert_int_eq(r, 0);
		ck_assert_uint_eq(id, ids[_i].id);
	} else {
		ck_assert_int_eq(r, -1);
		ck_assert_ptr_nonnull(why);
		ck_assert_uint_eq(id, 12345); /* untouched on failure */
	}
}
END_TEST

#define D PD_DEFAULT
#define I PD_ID
#define N PD_NAME
static const struct {
	const char *spec;
	int ok;
	enum pd_kind ukind;
	const char *uname;
	uint32_t uid;
	enum pd_kind gkind;
	const char *gname;
	uint32_t gid;
} specs[] = {
	{ "app", 1, N, "app", 0, D, "", 0 },
	{ "1000", 1, I, "", 1000, D, "", 0 },
	{ "app:staff", 1, N, "app", 0, N, "staff", 0 },
	{ "app:50", 1, N, "app", 0, I, "", 50 },
	{ "1000:50", 1, I, "", 1000, I, "", 50 },
	{ ":0", 1, D, "", 0, I, "", 0 },
	{ "app:", 1, N, "app", 0, D, "", 0 },
	{ ":", 1, D, "", 0, D, "", 0 },
	{ "", 1, D, "", 0, D, "", 0 },
	{ "0day", 1, N, "0day", 0, D, "", 0 },
	{ "0:bogus", 1, I, "", 0, N, "bogus", 0 },
	{ "a:b:c", 1, N, "a", 0, N, "b:c", 0 },
	{ "+1", 1, N, "+1", 0, D, "", 0 },
	{ " 1", 1, N, " 1", 0, D, "", 0 },
	{ "0x10", 1, N, "0x10", 0, D, "", 0 },
	{ "4294967294:4294967294", 1, I, "", 4294967294u, I, "", 4294967294u },
	{ "4294967296", 0, D, "", 0, D, "", 0 },
	{ "4294967295", 0, D, "", 0, D, "", 0 },
	{ "app:4294967296", 0, D, "", 0, D, "", 0 },
	{ "1:99999999999999999999", 0, D, "", 0, D, "", 0 },
};

static void check_field(const struct pd_field *f, enum pd_kind kind, const char *name, uint32_t id)
{
	ck_assert_int_eq(f->kind, kind);
	if (kind == PD_ID)
		ck_assert_uint_eq(f->id, id);
	if (kind == PD_NAME) {
		ck_assert_uint_eq(f->len, strlen(name));
		ck_assert(memcmp(f->name, name, f->len) == 0);
	}
}

START_TEST(test_spec_parse)
{
	struct pd_spec spec;
	struct pd_error err = { 0 };
	int r = pd_spec_parse(specs[_i].spec, &spec, &err);

	if (!specs[_i].ok) {
		ck_assert_int_eq(r, -1);
		ck_assert_ptr_nonnull(err.reason);
		ck_assert_ptr_nonnull(err.subject);
		return;
	}
	ck_assert_int_eq(r, 0);
	check_field(&spec.user, specs[_i].ukind, specs[_i].uname, specs[_i].uid);
	check_field(&spec.group, specs[_i].gkind, specs[_i].gname, specs[_i].gid);
}
END_TEST

Suite *spec_suite(void)
{
	Suite *s = suite_create("spec");
	TCase *tc = tcase_create("ids");

	tcase_add_loop_test(tc, test_parse_id, 0, COUNT(ids));
	suite_add_tcase(s, tc);
	tc = tcase_create("spec");
	tcase_add_loop_test(tc, test_spec_parse, 0, COUNT(specs));
	suite_add_tcase(s, tc);
	return s;
}
