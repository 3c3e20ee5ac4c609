/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The one way the command-line parsers fill an error: the input at fault and why. */
#include <string.h>

#include "cli.h"

int cli_error(struct pd_error *err, enum pd_error_kind kind, const char *step, int errnum,
	      const char *reason)
{
	memset(err, 0, sizeof(*err));
	err->kind = kind;
	err->step = step;
	err->errnum = errnum;
	err->reason = reason;
	return -1;
}

int cli_fail(struct pd_error *err, const char *s, size_t len, const char *reason)
{
	cli_error(err, PD_ERR_INPUT, NULL, 0, reason);
	err->subject = s;
	err->subject_len = len;
	return -1;
}
