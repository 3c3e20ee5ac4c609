/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * --expect-exit=CODE: an exit status, 0..255 in digits only, that the init
 * reports as 0 (a JVM exits 143 when SIGTERM stops it, as asked). Repeated,
 * the codes add up.
 */
#include <string.h>

#include "cli.h"

int cli_expect_parse(const char *s, struct init_options *in, struct pd_error *err)
{
	uint32_t n;

	if (pd_uint(s, strlen(s), INIT_STATUS_MAX, &n) < 0)
		return pd_fail_input(err, s, strlen(s), "not an exit status (0-255)");
	in->expect[n / 32] |= (uint32_t)1 << (n % 32);
	return 0;
}
