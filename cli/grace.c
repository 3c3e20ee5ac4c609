/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* --grace=SECONDS: digits only, 0..INIT_GRACE_MAX. */
#include <string.h>

#include "cli.h"

int cli_grace_parse(const char *s, unsigned *grace, struct pd_error *err)
{
	uint32_t n;

	if (pd_uint(s, strlen(s), INIT_GRACE_MAX, &n) < 0)
		return pd_fail_input(err, s, strlen(s), "not a number of seconds (0-86400)");
	*grace = n;
	return 0;
}
