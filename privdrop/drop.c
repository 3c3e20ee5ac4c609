/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The public calls: resolve a spec to a plan, become it, exec as it. */
#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/*
 * A plan and its readers' blocks in one piece of memory: the heap's (one
 * allocation, none given back before an exec) or the library's one static
 * block (pd_resolve_once). The blocks are dead once resolved; the first is
 * lent to pd_exec for the environment it builds.
 */
struct plan_block {
	struct pd_plan plan; /* first: a plan's address is its block's */
	int on_heap;
	_Alignas(max_align_t) char passwd[PD_BLOCK_SIZE];
	char group[PD_BLOCK_SIZE];
};

static int resolve_from(const struct pd_spec *spec, struct plan_block *b, struct pd_error *err)
{
	struct pd_caller caller = { 0, 0 };
	struct pd_db passwd, group;
	int r = -1;

	/* Only a default or numeric user can fall back on the caller's ids. */
	if (spec->user.kind != PD_NAME) {
		caller.uid = getuid();
		caller.gid = getgid();
	}

	if (pd_db_open(&passwd, PD_PASSWD, b->passwd, sizeof(b->passwd), err) < 0)
		return -1;
	if (pd_db_open(&group, PD_GROUP, b->group, sizeof(b->group), err) == 0)
		r = pd_plan_build(&b->plan, spec, caller, &passwd, &group, err);
	pd_db_close(&passwd);
	pd_db_close(&group);
	b->plan.spare = b->passwd;
	b->plan.spare_size = sizeof(b->passwd);
	return r;
}

/* Resolves into b, on the heap or the static block. */
static int resolve_block(const struct pd_spec *spec, struct plan_block *b, int on_heap,
			 struct pd_plan **plan, struct pd_error *err)
{
	memset(&b->plan, 0, sizeof(b->plan));
	b->on_heap = on_heap;
	if (resolve_from(spec, b, err) < 0) {
		pd_plan_free(&b->plan);
		return -1;
	}
	*plan = &b->plan;
	return 0;
}

/* The first pd_resolve_once of a process resolves here; on_heap stays 0. */
static struct plan_block once_block;
static atomic_flag once_taken = ATOMIC_FLAG_INIT;

static int resolve(const char *arg, int once, struct pd_plan **plan, struct pd_error *err)
{
	struct pd_spec spec;
	struct plan_block *b = &once_block;

	*plan = NULL;
	memset(err, 0, sizeof(*err));
	if (pd_spec_parse(arg, &spec, err) < 0)
		return -1;
	if (!once || atomic_flag_test_and_set(&once_taken)) {
		b = malloc(sizeof(*b));
		if (!b)
			return pd_fail(err, PD_ERR_SYSTEM, "resolve", errno, NULL);
	}
	return resolve_block(&spec, b, b != &once_block, plan, err);
}

int pd_resolve(const char *arg, struct pd_plan **plan, struct pd_error *err)
{
	return resolve(arg, 0, plan, err);
}

int pd_resolve_once(const char *arg, struct pd_plan **plan, struct pd_error *err)
{
	return resolve(arg, 1, plan, err);
}

uid_t pd_plan_uid(const struct pd_plan *plan)
{
	return plan->uid;
}

gid_t pd_plan_gid(const struct pd_plan *plan)
{
	return plan->gid;
}

const gid_t *pd_plan_groups(const struct pd_plan *plan, size_t *count)
{
	*count = plan->groups.count;
	return plan->groups.list;
}

const char *pd_plan_home(const struct pd_plan *plan)
{
	return plan->home;
}

int pd_resolve_group(const char *group, gid_t *gid, struct pd_error *err)
{
	struct pd_field f;
	struct pd_db db;
	char *block;
	int r;

	memset(err, 0, sizeof(*err));
	if (pd_field_parse(group, strlen(group), &f, err) < 0)
		return -1;
	if (f.kind == PD_DEFAULT)
		return pd_fail_input(err, group, 0, "empty group name");
	if (f.kind == PD_ID) {
		*gid = f.id;
		return 0;
	}
	block = malloc(PD_BLOCK_SIZE);
	if (!block)
		return pd_fail(err, PD_ERR_SYSTEM, "resolve", errno, NULL);
	r = pd_db_open(&db, PD_GROUP, block, PD_BLOCK_SIZE, err);
	if (r == 0) {
		r = pd_group_of(&f, &db, gid, err);
		pd_db_close(&db);
	}
	free(block);
	return r;
}

int pd_plan_set_groups(struct pd_plan *plan, const gid_t *groups, size_t count, struct pd_error *err)
{
	struct pd_gids set = { 0 };
	size_t i;

	memset(err, 0, sizeof(*err));
	if (count > PD_GROUPS_MAX)
		return pd_fail(err, PD_ERR_INPUT, "groups", E2BIG, "more than 65536 groups");
	for (i = 0; i < count; i++)
		if (pd_gids_add(&set, groups[i]) < 0) {
			pd_gids_free(&set);
			return pd_fail(err, PD_ERR_SYSTEM, "groups", errno, NULL);
		}
	pd_gids_finish(&set);
	pd_gids_free(&plan->groups);
	plan->groups = set;
	if (plan->groups.list == set.inline_list)
		plan->groups.list = plan->groups.inline_list;
	return 0;
}

const char *pd_plan_shell(const struct pd_plan *plan)
{
	return plan->shell;
}

const char *pd_plan_name(const struct pd_plan *plan)
{
	return plan->name;
}

void pd_plan_free(struct pd_plan *plan)
{
	if (!plan)
		return;
	pd_plan_release(plan);
	if (((struct plan_block *)(void *)plan)->on_heap)
		free((struct plan_block *)(void *)plan);
}

/*
 * The capability steps are per thread in Linux: the other threads would keep
 * root's bounding set, miss no_new_privs, or (a root target) keep every
 * capability. So any of them needs the caller to be the only thread.
 */
static int one_thread_needed(const struct pd_plan *plan, const struct pd_options *opt, int alone,
			     struct pd_error *err)
{
	unsigned steps = opt ? opt->flags & (PD_CLEAR_BOUNDING | PD_NO_NEW_PRIVS) : 0;

	if (!opt || (!opt->keep_caps && !steps && (plan->uid != 0 || !(opt->flags & PD_KEEP_CAPS))))
		return 0;
	if (alone < 0)
		return pd_threads_unreadable(alone, err);
	if (alone)
		return 0;
	pd_fail(err, PD_ERR_OPTION, NULL, 0,
		"capability options need a process with one thread: drop privileges before starting threads");
	err->field = opt->flags & PD_KEEP_CAPS || opt->keep_caps ? PD_FIELD_KEEP_CAPS
		     : opt->flags & PD_CLEAR_BOUNDING		   ? PD_FIELD_CLEAR_BOUNDING
								   : PD_FIELD_NO_NEW_PRIVS;
	return -1;
}


/*
 * PD_EXECS_NEXT: the caller execs (or becomes an init that runs none of the
 * command's code) right after, and has started no thread. Then a thread it did not start
 * (qemu-user's own, which never runs the program's code and which no libc
 * broadcast reaches) cannot carry the old identity into the command: an exec
 * ends every other thread, and the new program's credentials are the exec'ing
 * thread's. So only the calling thread is read back, from the kernel as
 * always, and no capability option is refused for the others. A daemon keeps
 * its threads: for it every thread is read back, or it is refused.
 */
int pd_apply(const struct pd_plan *plan, const struct pd_options *opt, struct pd_error *err)
{
	int execs = opt && (opt->flags & PD_EXECS_NEXT);
	struct pd_capstate start;
	struct pd_options caps;
	int alone;

	memset(err, 0, sizeof(*err));
	if (opt && (opt->flags & ~(PD_CLEAR_BOUNDING | PD_NO_NEW_PRIVS | PD_KEEP_CAPS | PD_EXECS_NEXT | PD_DRY_RUN)))
		return pd_fail_option(err, PD_FIELD_FLAGS, EINVAL, "unknown flags in struct pd_options");
	if (opt && !(opt->flags & PD_KEEP_CAPS) && opt->keep_caps)
		return pd_fail_option(err, PD_FIELD_KEEP_CAPS, EINVAL, "not empty, without PD_KEEP_CAPS");
	/*
	 * Asked once, before anything changes: a process alone now stays alone,
	 * as only this thread runs and it starts none. Its ids then change
	 * without libc signalling the others (there are none), and pd_verify's
	 * reading of this one thread from the kernel is the whole check.
	 */
	alone = execs ? 1 : pd_threads_alone(); /* with PD_EXECS_NEXT, only this thread counts */
	if (!execs && (one_thread_needed(plan, opt, alone, err) < 0 ||
		       (alone != 1 && pd_threads_readable(alone, err) < 0)))
		return -1;
	caps = opt ? *opt : (struct pd_options){ 0 };
	if (caps.flags & PD_DRY_RUN)
		return pd_caps_check_start(&caps, &start, err) < 0 ? -1 : pd_identity_allowed(plan, err);
	if (pd_caps_check_start(&caps, &start, err) < 0 ||
	    pd_switch_ids(plan, &caps, &start, alone == 1, err) < 0 ||
	    pd_verify(plan, &caps, &start, err) < 0)
		return -1;
	return alone == 1 || execs ? 0 : pd_threads_verify(plan, &caps, &start, err);
}

int pd_drop(const char *spec, const struct pd_options *opt, struct pd_error *err)
{
	struct pd_plan *plan;
	int r;

	if (pd_resolve(spec, &plan, err) < 0)
		return -1;
	r = pd_apply(plan, opt, err);
	pd_plan_free(plan);
	return r;
}
