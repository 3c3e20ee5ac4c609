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

#include "../common/common.h"
#include "../init/init.h"
#include "../privdrop/privdrop.h"

/* grace.c: --grace=SECONDS, 0..INIT_GRACE_MAX; *grace is left alone on failure */
int cli_grace_parse(const char *s, unsigned *grace, struct pd_error *err);

/* forecast.c: the sets the command starts with, for --dry-run; -1 with errno */
struct cli_forecast {
	uint64_t inheritable, permitted, effective, bounding, ambient;
	int no_new_privs;
};
int cli_forecast(uid_t uid, const struct pd_options *o, struct cli_forecast *f);

/* groups.c: --add-groups' lists and --keep-groups into the plan's groups */
int cli_groups(struct pd_plan *plan, const char *const *lists, size_t nlists, int keep, struct pd_error *err);

/* expect.c: --expect-exit=CODE, 0..INIT_STATUS_MAX, added to in->expect */
int cli_expect_parse(const char *s, struct init_options *in, struct pd_error *err);

/* path.c: why argv[0], searched for in PATH, was denied (EACCES): the first
 * entry that holds it but not executable, or that cannot be searched, in a
 * static buffer, with *what saying which; NULL when neither is found. */
#define PATH_BYTES 4096 /* Linux's PATH_MAX: no longer path can be exec'd */
const char *cli_denied_in_path(const char *file, const char **what);

/* capnames.c: a comma-separated list of libcap-ng's names added to *keep */
int cli_caps_parse(const char *list, uint64_t *keep, struct pd_error *err);

/* signames.c: names (any case, SIG optional) or numbers 1..64 */
int cli_signal_parse(const char *s, size_t len, int *sig, const char **why);
int cli_rewrite_parse(const char *arg, struct init_options *in, struct pd_error *err);
/* --pdeathsig=SIG: one signal, as above; *sig is left alone on failure */
int cli_pdeathsig_parse(const char *arg, int *sig, struct pd_error *err);

#endif
