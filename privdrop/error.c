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

/*
 * The length of the well-formed UTF-8 character at s (n bytes left) when a
 * UTF-8 terminal shows it as text, else 0. C1 controls (U+0080-U+009F, C2 80
 * to C2 9F) are 0: a terminal acts on them as on ESC [ or ESC ]. So are
 * overlong forms, surrogates, code points past U+10FFFF and cut sequences: a
 * lax decoder could read a control out of them.
 */
static size_t utf8_text(const unsigned char *s, size_t n)
{
	static const unsigned long least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned long cp;
	size_t len, i;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if (n < len)
		return 0;
	cp = s[0] & (0x7fu >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if (cp < least[len] || cp <= 0x9f || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/*
 * Escaped, so the line stays one line and drives no terminal: printable ASCII
 * and well-formed UTF-8 text as they are; every other byte (C0 and C1
 * controls, DEL, backslash, malformed UTF-8) as \xNN.
 */
static void put_escaped(struct out *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char esc[4] = { '\\', 'x', 0, 0 };
	size_t i, text;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7f && c != '\\') {
			put(o, s + i, 1);
			continue;
		}
		text = c >= 0x80 ? utf8_text((const unsigned char *)s + i, n - i) : 0;
		if (text) {
			put(o, s + i, text);
			i += text - 1;
			continue;
		}
		esc[2] = hex[c >> 4];
		esc[3] = hex[c & 15];
		put(o, esc, sizeof(esc));
	}
}

static void finish(struct out *o)
{
	if (o->size > 0)
		o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
}

size_t pd_escape(const char *s, size_t len, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	put_escaped(&o, s, len);
	finish(&o);
	return o.len;
}

size_t pd_error_format(const struct pd_error *err, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };

	if (err->step) {
		put_str(&o, err->step);
		put_str(&o, ": ");
	}
	if (err->subject) {
		put_str(&o, "'");
		put_escaped(&o, err->subject, err->subject_len);
		put_str(&o, "': ");
	}
	put_str(&o, err->reason ? err->reason : strerror(err->errnum));
	finish(&o);
	return o.len;
}

/* A refused option: its field, named in step as struct pd_options spells it. EINVAL
 * for options that are malformed, 0 for ones this process cannot have. */
int pd_fail_option(struct pd_error *err, enum pd_error_field field, int errnum, const char *reason)
{
	static const char *const names[] = {
		[PD_FIELD_KEEP_CAPS] = "keep_caps",
		[PD_FIELD_CLEAR_BOUNDING] = "PD_CLEAR_BOUNDING",
		[PD_FIELD_NO_NEW_PRIVS] = "PD_NO_NEW_PRIVS",
		[PD_FIELD_FLAGS] = NULL,
	};

	pd_fail(err, PD_ERR_OPTION, names[field], errnum, reason);
	err->field = field;
	return -1;
}
