/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Unit tests of the privdrop library, each in a forked child (CK_FORK). */
#include <stdlib.h>

#include "check_privdrop.h"

int main(void)
{
	SRunner *sr = srunner_create(spec_suite());
	int failed;

	srunner_add_suite(sr, passwd_suite());
	srunner_add_suite(sr, group_suite());
	srunner_add_suite(sr, plan_suite());
	srunner_add_suite(sr, db_suite());
	srunner_add_suite(sr, caps_suite());
	srunner_add_suite(sr, find_suite());
	srunner_add_suite(sr, signals_suite());
	srunner_add_suite(sr, api_suite());
	srunner_add_suite(sr, init_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
