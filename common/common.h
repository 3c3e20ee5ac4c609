/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * What the library and the program share, compiled into each: the one
 * parser of digits, the one decimal writer, and the one way to fill a
 * struct pd_error. Never installed, no part of privdrop.h's promise, and
 * hidden by libprivdrop.so's version script.
 */
#ifndef PRIVDROP_COMMON_H
#define PRIVDROP_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "../privdrop/privdrop.h"

/* digits.c: 1 when s is digits only, at least one; else 0. */
int pd_digits(const char *s, size_t len);
/* Digits only, 0..max, into *n; -1 otherwise: overflow is an error, never a wrap. */
int pd_uint(const char *s, size_t len, uint32_t max, uint32_t *n);
/* v in decimal at p, then a NUL, whose place it returns; 21 bytes are enough. */
char *pd_put_uint(char *p, unsigned long v);

/* fail.c: fill *err (nothing of it left from before) and return -1. */
int pd_fail(struct pd_error *err, enum pd_error_kind kind, const char *step, int errnum,
	    const char *reason);
/* A refused input: len bytes of s at fault, and why. */
int pd_fail_input(struct pd_error *err, const char *s, size_t len, const char *reason);

#endif
