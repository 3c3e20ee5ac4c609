/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * For programs linked with libprivdrop.a, not part of the shared library's
 * ABI: never installed, and not exported by libprivdrop.so. pd_apply for a
 * program that execs right after, and the resolve that needs no heap, whose
 * size is compiled in.
 */
#ifndef PRIVDROP_STATIC_H
#define PRIVDROP_STATIC_H

#include "privdrop.h"

/*
 * pd_apply for a caller that execs right after (pd_exec, or becomes an init
 * that runs none of the command's code) and has started no thread itself. The
 * calling thread is checked from the kernel as pd_apply checks it; other
 * threads are neither read nor a reason to refuse capability options, since
 * the exec ends them (drop.c says why). Not for a daemon: it keeps its threads.
 */
int pd_apply_exec(const struct pd_plan *plan, const struct pd_options *opt, struct pd_error *err);

/*
 * The bytes pd_resolve_in needs: a plan, the blocks its readers use, and
 * room to align them.
 */
#define PD_RESOLVE_SPACE (72u << 10)

/*
 * pd_resolve without the heap, for a program linked with libprivdrop.a
 * (the size is compiled in, so it is no part of the shared library): the
 * plan and the blocks the files are read in live in space, at least
 * PD_RESOLVE_SPACE bytes (any alignment), which must outlive the plan; a
 * program that resolves once can give a static array. Lines longer than a block or many groups may still allocate.
 * pd_plan_free releases what the plan holds and leaves space alone.
 * Returns as pd_resolve; a smaller space fails with EINVAL.
 */
int pd_resolve_in(const char *spec, void *space, size_t size, struct pd_plan **plan,
		  struct pd_error *err);

#endif
