/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The one way the command-line parsers fill an error: the input at fault and why. */
#include <string.h>

#include "cli.h"

int cli_fail(struct pd_error *err, const char *s, size_t len, const char *reason)
{
	memset(err, 0, sizeof(*err));
	err->kind = PD_ERR_INPUT;
	err->subject = s;
	err->subject_len = len;
	err->reason = reason;
	return -1;
}
