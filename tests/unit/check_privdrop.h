/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
#ifndef CHECK_PRIVDROP_H
#define CHECK_PRIVDROP_H

#include <check.h>

#include "../../cli/cli.h"
#include "../../privdrop/internal.h"

#define COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))

Suite *spec_suite(void);
Suite *passwd_suite(void);
Suite *group_suite(void);
Suite *plan_suite(void);
Suite *db_suite(void);
Suite *caps_suite(void);
Suite *find_suite(void);
Suite *signals_suite(void);
Suite *api_suite(void);
Suite *init_suite(void);

#endif
