/* /etc/passwd: name:password:uid:gid:gecos:home:shell, exactly seven fields. */
#include <string.h>

#include "privdrop.h"

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
	return 1;
}

static int name_is(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen == blen && memcmp(a, b, alen) == 0;
}

int pd_passwd_by_name(struct pd_db *db, const char *name, size_t len, struct pd_passwd *pw)
{
	const char *block, *pos, *end, *line;
	size_t n, line_len;
	int r;

	while ((r = pd_db_block(db, &block, &n)) > 0) {
		pos = block;
		end = block + n;
		while (pd_db_find_line(&pos, end, name, len, &line, &line_len))
			if (pd_passwd_parse(line, line_len, pw) &&
			    name_is(pw->name, pw->name_len, name, len))
				return 1;
	}
	return r;
}

int pd_passwd_by_uid(struct pd_db *db, uint32_t uid, struct pd_passwd *pw)
{
	const char *block, *pos, *end, *line;
	size_t n, line_len;
	int r;

	while ((r = pd_db_block(db, &block, &n)) > 0) {
		pos = block;
		end = block + n;
		while (pd_db_next_line(&pos, end, &line, &line_len))
			if (pd_passwd_parse(line, line_len, pw) && pw->uid == uid)
				return 1;
	}
	return r;
}
