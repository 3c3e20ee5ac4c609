/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* line.c: the program's messages, written without stdio. */
#ifndef CLI_LINE_H
#define CLI_LINE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "../privdrop/privdrop.h"

/*
 * One message line, built without stdio so the static binary stays small. A
 * full buffer is written out and refilled: a line is never cut short.
 */
struct line {
	int fd;
	size_t len;
	char buf[1024];
};

void line_mem(struct line *l, const char *s, size_t n);
void line_add(struct line *l, const char *s);
/* What one of privdrop's writers (snprintf-like) gives for what, however long. */
void line_written(struct line *l, size_t (*write)(const void *what, char *buf, size_t size), const void *what);
void line_error(struct line *l, const struct pd_error *err);
/* Text escaped as in a message, without quotes (pd_escape). */
void line_escaped(struct line *l, const char *s);
void line_uint(struct line *l, unsigned long v);
/* NAME, then v as 16 hexadecimal digits, as /proc/PID/status writes a set. */
void line_hex(struct line *l, const char *name, uint64_t v);
/* A group list, the first 16 of it and a count of the rest: a line must fit its buffer. */
void line_groups(struct line *l, const gid_t *list, size_t n);
/* The newline, and the line written out. */
void line_put(struct line *l);

#endif
