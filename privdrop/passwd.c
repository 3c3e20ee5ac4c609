/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* /etc/passwd: name:password:uid:gid:gecos:home:shell, exactly seven fields. */
#include <string.h>

#include "internal.h"

/* 1: a valid entry; 0: a line the rules skip. */
int pd_passwd_parse(const char *line, size_t len, struct pd_passwd *pw)
{
	struct pd_span f[7];
	const char *why;

	if (!pd_line_usable(line, len) || pd_line_split(line, len, f, 7) != 7)
		return 0;
	if (pd_parse_id(f[2].p, f[2].len, &pw->uid, &why) < 0 ||
	    pd_parse_id(f[3].p, f[3].len, &pw->gid, &why) < 0)
		return 0;
	pw->name = f[0].p;
	pw->name_len = f[0].len;
	pw->home = f[5].p;
	pw->home_len = f[5].len;
	pw->shell = f[6].p;
	pw->shell_len = f[6].len;
	return 1;
}

static int entry(const char *line, size_t len, void *pw)
{
	return pd_passwd_parse(line, len, pw);
}

int pd_passwd_by_name(struct pd_db *db, const char *name, size_t len, struct pd_passwd *pw)
{
	return pd_db_find_named(db, name, len, entry, pw);
}

int pd_passwd_by_uid(struct pd_db *db, uint32_t uid, struct pd_passwd *pw)
{
	const char *line;
	size_t n;
	int r;

	while ((r = pd_db_next(db, NULL, &line, &n)) > 0)
		if (pd_passwd_parse(line, n, pw) && pw->uid == uid)
			return 1;
	return r;
}
