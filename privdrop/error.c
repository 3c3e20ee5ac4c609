/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* An error as one line of text: what su-exec prints, for any caller. */
#include <errno.h>
#include <string.h>

#include "internal.h"

/* Like snprintf: writes what fits, counts all of it. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *s, size_t n)
{
	size_t room = o->len + 1 < o->size ? o->size - 1 - o->len : 0;

	if (room)
		memcpy(o->buf + o->len, s, n < room ? n : room);
	o->len += n;
}

static void put_str(struct out *o, const char *s)
{
	put(o, s, strlen(s));
}

/* Quoted, control bytes, DEL and backslash as \xNN, so the line stays one line. */
static void put_quoted(struct out *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char esc[4] = { '\\', 'x', 0, 0 };
	size_t i;

	put_str(o, "'");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c != 0x7f && c != '\\') {
			put(o, s + i, 1);
			continue;
		}
		esc[2] = hex[c >> 4];
		esc[3] = hex[c & 15];
		put(o, esc, sizeof(esc));
	}
	put_str(o, "'");
}

size_t pd_error_format(const struct pd_error *err, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	if (err->step) {
		put_str(&o, err->step);
		put_str(&o, ": ");
	}
	if (err->subject) {
		put_quoted(&o, err->subject, err->subject_len);
		put_str(&o, ": ");
	}
	put_str(&o, err->reason ? err->reason : strerror(err->errnum));
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

/* The one way the library fills an error: errno is kept as the cause. */
int pd_fail(struct pd_error *err, const char *step, const char *reason)
{
	int saved = errno;

	memset(err, 0, sizeof(*err));
	err->step = step;
	err->reason = reason;
	err->errnum = saved;
	return -1;
}
