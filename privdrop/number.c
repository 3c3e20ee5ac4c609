/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Ids are digits only, 0..PD_ID_MAX; overflow is an error, never a wrap. */
#include "internal.h"

int pd_parse_id(const char *s, size_t len, uint32_t *id, const char **why)
{
	if (pd_uint(s, len, PD_ID_MAX, id) == 0)
		return 0;
	*why = pd_digits(s, len) ? "id out of range (0-4294967294)" : "not a number";
	return -1;
}
