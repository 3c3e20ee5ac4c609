/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Capability names through libcap-ng, and the state the kernel must show after the switch. */
#include <cap-ng.h>
#include <ctype.h>
#include <linux/capability.h>
#include <string.h>

#include "check_privdrop.h"

#define BIT(n) ((uint64_t)1 << (n))

/* One list given alone: refused, or the set it keeps. */
static const struct {
	const char *list;
	int ok;
	uint64_t keep;
} lists[] = {
	{ "net_bind_service", 1, BIT(10) },
	{ "NET_BIND_SERVICE", 1, BIT(10) },
	{ "cap_net_bind_service", 1, BIT(10) },
	{ "CAP_CHOWN", 1, BIT(0) },
	{ "Cap_Chown,net_raw", 1, BIT(0) | BIT(13) },
	{ "chown,chown", 1, BIT(0) },
	{ "setpcap,sys_admin,setuid", 1, BIT(8) | BIT(21) | BIT(7) },
	{ "", 0, 0 },
	{ ",", 0, 0 },
	{ "chown,", 0, 0 },
	{ ",chown", 0, 0 },
	{ "chown,,kill", 0, 0 },
	{ "bogus", 0, 0 },
	{ "cap_", 0, 0 },
	{ "cap_cap_chown", 0, 0 },
	{ " chown", 0, 0 },
	{ "chown ", 0, 0 },
	{ "10", 0, 0 },
	{ "0", 0, 0 },
	{ "cap_10", 0, 0 },
	{ "all", 0, 0 },
	{ "ALL", 0, 0 },
	{ "cap_all", 0, 0 },
	{ "chown,all", 0, 0 },
	{ "a_name_longer_than_any_capability_name", 0, 0 },
};

START_TEST(test_parse)
{
	struct pd_error err = { 0 };
	uint64_t keep = 0;
	int r = cli_caps_parse(lists[_i].list, &keep, &err);

	ck_assert_int_eq(r, lists[_i].ok ? 0 : -1);
	ck_assert_uint_eq(keep, lists[_i].ok ? lists[_i].keep : 0);
	if (r < 0)
		ck_assert_ptr_nonnull(err.reason);
}
END_TEST

/* Repeated lists add up; a bad one is refused whatever came before. */
START_TEST(test_parse_adds)
{
	struct pd_error err = { 0 };
	uint64_t keep = 0;

	ck_assert_int_eq(cli_caps_parse("chown", &keep, &err), 0);
	ck_assert_int_eq(cli_caps_parse("kill,net_raw", &keep, &err), 0);
	ck_assert_int_eq(cli_caps_parse("CHOWN", &keep, &err), 0);
	ck_assert_uint_eq(keep, BIT(0) | BIT(5) | BIT(13));
	ck_assert_int_eq(cli_caps_parse("kill,bogus", &keep, &err), -1);
	ck_assert_uint_eq(keep, BIT(0) | BIT(5) | BIT(13)); /* unchanged by a bad list */
	ck_assert_str_eq(err.reason, "unknown capability");
	ck_assert_int_eq((int)err.subject_len, 5);
	ck_assert_int_eq(memcmp(err.subject, "bogus", 5), 0);
}
END_TEST

/* Every name the README promises (capabilities(7), by number) round-trips. */
static const char *const readme_names[] = {
	"chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill", "setgid",
	"setuid", "setpcap", "linux_immutable", "net_bind_service", "net_broadcast",
	"net_admin", "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio",
	"sys_chroot", "sys_ptrace", "sys_pacct", "sys_admin", "sys_boot", "sys_nice",
	"sys_resource", "sys_time", "sys_tty_config", "mknod", "lease", "audit_write",
	"audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
	"block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore",
};

START_TEST(test_readme_names)
{
	const char *name = readme_names[_i];
	char upper[40] = "CAP_";
	struct pd_error err = { 0 };
	uint64_t keep = 0, upper_keep = 0;
	size_t i;

	for (i = 0; name[i]; i++)
		upper[4 + i] = (char)toupper((unsigned char)name[i]);
	ck_assert_int_eq(cli_caps_parse(name, &keep, &err), 0);
	ck_assert_uint_eq(keep, BIT(_i));
	ck_assert_int_eq(cli_caps_parse(upper, &upper_keep, &err), 0);
	ck_assert_uint_eq(upper_keep, BIT(_i));
	ck_assert_str_eq(capng_capability_to_name((unsigned)_i), name);
}
END_TEST

#define FULL 0x1fffeffffffull /* a bounding set without CAP_SYS_RESOURCE */
#define NB BIT(10)
#define INH (BIT(0) | NB) /* a caller's inheritable set: chown, net_bind_service */
enum { PLAIN, KEEP, CLEAR, NNP, KEEP_CLEAR };
static const struct {
	uid_t uid;
	int options;
	unsigned fields;
	uint64_t perm, inh, amb, bnd;
	int nnp;
	int inherited; /* started with inheritable INH and ambient NB */
} expects[] = {
	{ 1000, PLAIN, PD_CAP_E | PD_CAP_P | PD_CAP_I | PD_CAP_A, 0, 0, 0, 0, 0, 0 },
	{ 0, PLAIN, 0, 0, 0, 0, 0, 0, 0 },
	{ 1000, KEEP, PD_CAP_ALL, NB, NB, NB, FULL, 0, 0 },
	{ 0, KEEP, PD_CAP_ALL, NB, NB, 0, NB, 0, 0 },
	{ 1000, CLEAR, PD_CAP_ALL, 0, 0, 0, 0, 0, 0 },
	{ 0, CLEAR, PD_CAP_ALL, FULL, 0, 0, 0, 0, 0 },
	{ 1000, NNP, PD_CAP_ALL, 0, 0, 0, FULL, 1, 0 },
	{ 0, NNP, PD_CAP_ALL, FULL, 0, 0, FULL, 1, 0 },
	{ 1000, KEEP_CLEAR, PD_CAP_ALL, NB, NB, NB, NB, 0, 0 },
	/* What the caller left inheritable reaches no exec that was bounded. */
	{ 1000, PLAIN, PD_CAP_E | PD_CAP_P | PD_CAP_I | PD_CAP_A, 0, 0, 0, 0, 0, 1 },
	{ 0, PLAIN, 0, 0, 0, 0, 0, 0, 1 },
	{ 1000, KEEP, PD_CAP_ALL, NB, NB, NB, FULL, 0, 1 },
	{ 0, KEEP, PD_CAP_ALL, NB, NB, 0, NB, 0, 1 },
	{ 1000, CLEAR, PD_CAP_ALL, 0, 0, 0, 0, 0, 1 },
	{ 0, CLEAR, PD_CAP_ALL, FULL, 0, 0, 0, 0, 1 },
	{ 1000, NNP, PD_CAP_ALL, 0, 0, 0, FULL, 1, 1 },
	{ 0, NNP, PD_CAP_ALL, FULL, INH, NB, FULL, 1, 1 },
	{ 0, KEEP_CLEAR, PD_CAP_ALL, NB, NB, 0, NB, 0, 1 },
};

START_TEST(test_expect)
{
	struct pd_capstate start = { 0 }, want;
	struct pd_plan plan = { 0 };
	struct pd_options caps = { 0 };
	int o = expects[_i].options;

	start.effective = start.permitted = start.bounding = FULL;
	start.count = 41;
	start.fields = PD_CAP_ALL;
	if (expects[_i].inherited) {
		start.inheritable = INH;
		start.ambient = NB;
	}
	plan.uid = expects[_i].uid;
	if (o == KEEP || o == KEEP_CLEAR) {
		caps.flags |= PD_KEEP_CAPS;
		caps.keep_caps = NB;
	}
	if (o == CLEAR || o == KEEP_CLEAR)
		caps.flags |= PD_CLEAR_BOUNDING;
	if (o == NNP)
		caps.flags |= PD_NO_NEW_PRIVS;
	pd_caps_expect(&plan, &caps, &start, &want);
	ck_assert_uint_eq(want.fields, expects[_i].fields);
	if (!want.fields)
		return;
	ck_assert_uint_eq(want.permitted, expects[_i].perm);
	ck_assert_uint_eq(want.effective, expects[_i].perm);
	ck_assert_uint_eq(want.ambient, expects[_i].amb);
	if (want.fields & PD_CAP_B) {
		ck_assert_uint_eq(want.inheritable, expects[_i].inh);
		ck_assert_uint_eq(want.bounding, expects[_i].bnd);
		ck_assert_int_eq(want.no_new_privs, expects[_i].nnp);
	}
}
END_TEST

Suite *caps_suite(void)
{
	Suite *s = suite_create("caps");
	TCase *tc = tcase_create("caps");

	tcase_add_loop_test(tc, test_parse, 0, COUNT(lists));
	tcase_add_test(tc, test_parse_adds);
	tcase_add_loop_test(tc, test_readme_names, 0, COUNT(readme_names));
	tcase_add_loop_test(tc, test_expect, 0, COUNT(expects));
	suite_add_tcase(s, tc);
	return s;
}
