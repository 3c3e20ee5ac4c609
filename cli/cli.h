/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * su-exec's words turned into the values privdrop takes: capability names
 * into a set, signal names into numbers, digits into seconds. Part of the
 * program, not of the library. A failing parser fills *err with the input at
 * fault and the reason; the caller names the option in err->step.
 */
#ifndef CLI_H
#define CLI_H

#include <stddef.h>
#include <stdint.h>

#include "../init/init.h"
#include "../privdrop/privdrop.h"

/* error.c: the program's one way to fill an error, as the library fills its
 * own (cli_error), and a refused input with its reason (cli_fail); -1 */
int cli_error(struct pd_error *err, enum pd_error_kind kind, const char *step, int errnum,
	      const char *reason);
int cli_fail(struct pd_error *err, const char *s, size_t len, const char *reason);

/* uint.c: digits only, 0..max; overflow is an error, never a wrap. And back: v
 * in decimal at p, then a NUL, whose place it returns (24 bytes are enough). */
int cli_is_digits(const char *s, size_t len);
int cli_uint(const char *s, size_t len, uint32_t max, uint32_t *n);
char *cli_put_uint(char *p, unsigned long v);
int cli_grace_parse(const char *s, unsigned *grace, struct pd_error *err);

/* capnames.c: a comma-separated list of libcap-ng's names added to *keep */
int cli_caps_parse(const char *list, uint64_t *keep, struct pd_error *err);

/* signames.c: names (any case, SIG optional) or numbers 1..64 */
int cli_signal_parse(const char *s, size_t len, int *sig, const char **why);
int cli_rewrite_parse(const char *arg, struct init_options *in, struct pd_error *err);

#endif
