/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The one way the library and the program fill an error. */
#include <string.h>

#include "common.h"

int pd_fail(struct pd_error *err, enum pd_error_kind kind, const char *step, int errnum,
	    const char *reason)
{
	memset(err, 0, sizeof(*err));
	err->kind = kind;
	err->step = step;
	err->reason = reason;
	err->errnum = errnum;
	return -1;
}

int pd_fail_input(struct pd_error *err, const char *s, size_t len, const char *reason)
{
	pd_fail(err, PD_ERR_INPUT, NULL, 0, reason);
	err->subject = s;
	err->subject_len = len;
	return -1;
}
