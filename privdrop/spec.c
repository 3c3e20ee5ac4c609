/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* USER[:GROUP]: split at the first ':'; an all-digit field is an id. */
#include <string.h>

#include "internal.h"

int pd_field_parse(const char *s, size_t len, struct pd_field *f, struct pd_error *err)
{
	const char *why;

	f->name = s;
	f->len = len;
	if (len == 0) {
		f->kind = PD_DEFAULT;
		return 0;
	}
	if (!pd_digits(s, len)) {
		f->kind = PD_NAME;
		return 0;
	}
	f->kind = PD_ID;
	if (pd_parse_id(s, len, &f->id, &why) == 0)
		return 0;
	return pd_fail_input(err, s, len, why);
}

int pd_spec_parse(const char *arg, struct pd_spec *spec, struct pd_error *err)
{
	const char *colon = strchr(arg, ':');
	size_t user_len = colon ? (size_t)(colon - arg) : strlen(arg);

	if (pd_field_parse(arg, user_len, &spec->user, err) < 0)
		return -1;
	if (!colon)
		return pd_field_parse(arg + user_len, 0, &spec->group, err);
	return pd_field_parse(colon + 1, strlen(colon + 1), &spec->group, err);
}
