/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Ids are digits only, 0..PD_ID_MAX; overflow is an error, never a wrap. */
#include "internal.h"

int pd_is_digits(const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int pd_parse_id(const char *s, size_t len, uint32_t *id, const char **why)
{
	uint64_t v = 0;
	size_t i;

	if (!pd_is_digits(s, len)) {
		*why = "not a number";
		return -1;
	}
	for (i = 0; i < len; i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > PD_ID_MAX) {
			*why = "id out of range (0-4294967294)";
			return -1;
		}
	}
	*id = (uint32_t)v;
	return 0;
}
