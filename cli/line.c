/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* su-exec's writer of message lines: no stdio, so the static binary stays small. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../common/common.h"
#include "line.h"

static void flush(struct line *l)
{
	ssize_t n;
	size_t off = 0;

	while (off < l->len) {
		n = write(l->fd, l->buf + off, l->len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	l->len = 0;
}

void line_mem(struct line *l, const char *s, size_t n)
{
	size_t room;

	while (n > 0) {
		if (l->len == sizeof(l->buf))
			flush(l);
		room = sizeof(l->buf) - l->len;
		if (room > n)
			room = n;
		memcpy(l->buf + l->len, s, room);
		l->len += room;
		s += room;
		n -= room;
	}
}

void line_add(struct line *l, const char *s)
{
	line_mem(l, s, strlen(s));
}

/* What one of privdrop's writers (snprintf-like) gives for what, however long. */
void line_written(struct line *l, size_t (*write)(const void *what, char *buf, size_t size),
			const void *what)
{
	char small[512], *big = NULL, *text = small;
	size_t n = write(what, small, sizeof(small));

	if (n >= sizeof(small) && (big = malloc(n + 1)) != NULL) {
		write(what, big, n + 1);
		text = big;
	} else if (n >= sizeof(small)) {
		n = sizeof(small) - 1; /* no memory: what fits */
	}
	line_mem(l, text, n);
	free(big);
}

static size_t write_error(const void *err, char *buf, size_t size)
{
	return pd_error_format(err, buf, size);
}

static size_t write_escaped(const void *s, char *buf, size_t size)
{
	return pd_escape(s, strlen(s), buf, size);
}

void line_error(struct line *l, const struct pd_error *err)
{
	line_written(l, write_error, err);
}

/* Text escaped as in a message, without quotes (pd_escape). */
void line_escaped(struct line *l, const char *s)
{
	line_written(l, write_escaped, s);
}

void line_uint(struct line *l, unsigned long v)
{
	char digits[24];

	line_mem(l, digits, (size_t)(pd_put_uint(digits, v) - digits));
}

void line_put(struct line *l)
{
	line_add(l, "\n");
	flush(l);
}

void line_hex(struct line *l, const char *name, uint64_t v)
{
	char hex[17];
	int i;

	for (i = 15; i >= 0; i--, v >>= 4)
		hex[i] = "0123456789abcdef"[v & 15];
	hex[16] = '\0';
	line_add(l, name);
	line_add(l, hex);
}

/* A group list, the first 16 of it: the line must fit its buffer. */
void line_groups(struct line *l, const gid_t *list, size_t n)
{
	size_t i;

	if (n == 0)
		line_add(l, "none");
	for (i = 0; i < n && i < 16; i++) {
		if (i)
			line_add(l, ",");
		line_uint(l, list[i]);
	}
	if (n > 16) {
		line_add(l, " and ");
		line_uint(l, n - 16);
		line_add(l, " more");
	}
}
