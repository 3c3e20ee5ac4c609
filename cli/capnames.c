/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* --keep-caps=LIST: capability names, as libcap-ng knows them, into a set. */
#include <cap-ng.h>
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

/* One name: any case, "cap_" optional, as in capabilities(7). */
static int cap_from_name(const char *s, size_t len)
{
	char name[32];

	if (len > 4 && strncasecmp(s, "cap_", 4) == 0) {
		s += 4;
		len -= 4;
	}
	if (len == 0 || len >= sizeof(name))
		return -1;
	memcpy(name, s, len);
	name[len] = '\0';
	return capng_name_to_capability(name);
}

/*
 * A comma-separated list, added to what earlier lists kept; an empty list, an
 * empty item or an unknown name is an error, and *keep is then left alone.
 */
int cli_caps_parse(const char *list, uint64_t *keep, struct pd_error *err)
{
	const char *p = list, *comma;
	uint64_t add = 0;
	size_t len;
	int cap;

	do {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0)
			return pd_fail_input(err, list, strlen(list), "empty capability name");
		cap = cap_from_name(p, len);
		if (cap < 0 || cap > 63)
			return pd_fail_input(err, p, len, "unknown capability");
		add |= (uint64_t)1 << cap;
		p = comma + 1;
	} while (comma);
	*keep |= add;
	return 0;
}
