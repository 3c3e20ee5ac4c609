/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * Resolve end to end against the reference reading of the rules. Input: the
 * spec up to the first newline, then the passwd file up to the first 0x01
 * byte, then the group file. The caller is uid 4242, gid 7.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../privdrop/internal.h"
#include "reference.h"

#define CALLER_UID 4242
#define CALLER_GID 7

struct text {
	const char *p;
	size_t len;
};

struct ref_plan {
	uint32_t uid, gid;
	struct ref_set groups;
	struct text home;
	int refused;
};

/* The first valid passwd line for a name (name.p != NULL) or a uid. */
static int ref_user(struct text pw, struct text name, uint32_t uid, struct ref_line *l)
{
	uint32_t u, g;
	size_t pos = 0;

	while (ref_line(pw.p, pw.len, &pos, l))
		if (ref_passwd_valid(l, &u, &g) &&
		    (name.p ? ref_same(l->f[0], l->len[0], name.p, name.len) : u == uid))
			return 1;
	return 0;
}

static void ref_groups(struct text gr, struct text group, struct text user, struct ref_plan *rp)
{
	struct ref_line l;
	size_t pos = 0;
	uint32_t gid;
	int named = group.len > 0 && !ref_id(group.p, group.len, &gid);

	if (group.len && !named)
		rp->gid = gid;
	while (named && ref_line(gr.p, gr.len, &pos, &l))
		if (ref_group_valid(&l, &gid) && ref_same(l.f[0], l.len[0], group.p, group.len)) {
			rp->gid = gid;
			named = 0;
		}
	if (named) {
		rp->refused = 1;
		return;
	}
	ref_set_add(&rp->groups, rp->gid);
	while (!group.len && user.len && ref_line(gr.p, gr.len, &pos, &l))
		if (ref_group_valid(&l, &gid) && ref_is_member(l.f[3], l.len[3], user.p, user.len))
			ref_set_add(&rp->groups, gid);
}

static void ref_resolve(struct text spec, struct text pw, struct text gr, struct ref_plan *rp)
{
	const char *colon = memchr(spec.p, ':', spec.len);
	struct text user = { spec.p, colon ? (size_t)(colon - spec.p) : spec.len };
	struct text group = { colon ? colon + 1 : "", colon ? spec.len - user.len - 1 : 0 };
	struct text none = { NULL, 0 }, name = { NULL, 0 };
	struct ref_line l;
	uint32_t uid = CALLER_UID;
	int numeric = !user.len || ref_id(user.p, user.len, &uid), found;

	memset(rp, 0, sizeof(*rp));
	found = ref_user(pw, numeric ? none : user, uid, &l);
	if (!found && !numeric) {
		rp->refused = 1;
		return;
	}
	rp->uid = uid;
	rp->gid = CALLER_GID;
	rp->home.p = "/";
	rp->home.len = 1;
	if (found) {
		ref_id(l.f[2], l.len[2], &rp->uid);
		ref_id(l.f[3], l.len[3], &rp->gid);
		name.p = l.f[0];
		name.len = l.len[0];
		if (l.len[5]) {
			rp->home.p = l.f[5];
			rp->home.len = l.len[5];
		}
		if (l.len[5] >= PD_HOME_MAX) {
			rp->refused = 1;
			return;
		}
	}
	ref_groups(gr, group, name, rp);
}

static void compare(const struct pd_plan *plan, const struct ref_plan *rp)
{
	size_t i;

	fuzz_check(plan->uid == rp->uid && plan->gid == rp->gid, "uid and gid");
	fuzz_check(plan->uid != 0xffffffffu && plan->gid != 0xffffffffu, "never (uid_t)-1");
	fuzz_check(plan->groups.count == rp->groups.n, "group count");
	for (i = 0; i < plan->groups.count; i++) {
		fuzz_check(plan->groups.list[i] == rp->groups.v[i], "the reference's groups");
		fuzz_check(!i || plan->groups.list[i - 1] < plan->groups.list[i],
			   "groups sorted, no duplicates");
	}
	fuzz_check(plan->groups.count <= PD_GROUPS_MAX, "fits NGROUPS_MAX");
	fuzz_check(ref_same(plan->home, strlen(plan->home), rp->home.p, rp->home.len), "HOME");
}

static int file_of(struct text t)
{
	int fd = memfd_create("db", MFD_CLOEXEC);

	fuzz_check(fd >= 0 && write(fd, t.p, t.len) == (ssize_t)t.len &&
			   lseek(fd, 0, SEEK_SET) == 0, "memfd");
	return fd;
}

/*
 * The same resolve read from files through 16-byte buffers: lines cross
 * blocks and outgrow the caller's buffer, and the plan must not change.
 */
static void compare_files(const struct pd_spec *ps, struct text pw, struct text gr, int r,
			  const struct pd_plan *plan)
{
	struct pd_caller caller = { CALLER_UID, CALLER_GID };
	char pbuf[16], gbuf[16];
	struct pd_db pdb, gdb;
	struct pd_plan again;
	struct pd_error err;

	pd_db_mem(&pdb, "", 0);
	pd_db_mem(&gdb, "", 0);
	pdb.fd = file_of(pw);
	gdb.fd = file_of(gr);
	pdb.buf = pbuf;
	pdb.cap = sizeof(pbuf);
	gdb.buf = gbuf;
	gdb.cap = sizeof(gbuf);
	fuzz_check(pd_plan_build(&again, ps, caller, &pdb, &gdb, &err) == r, "same outcome from files");
	if (r == 0) {
		fuzz_check(again.uid == plan->uid && again.gid == plan->gid, "same ids from files");
		fuzz_check(again.groups.count == plan->groups.count &&
				   memcmp(again.groups.list, plan->groups.list,
					  plan->groups.count * sizeof(gid_t)) == 0,
			   "same groups from files");
		fuzz_check(strcmp(again.home, plan->home) == 0, "same HOME from files");
	}
	pd_plan_release(&again);
	pd_db_close(&pdb);
	pd_db_close(&gdb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size), *sep;
	struct pd_caller caller = { CALLER_UID, CALLER_GID };
	struct text spec, pw, gr;
	struct pd_db pdb, gdb;
	struct pd_spec ps;
	struct pd_plan plan;
	struct pd_error err;
	static struct ref_plan rp;
	char *arg;
	int r;

	if (!nl)
		return 0;
	arg = strndup(text, (size_t)(nl - text)); /* an argument ends at its first NUL */
	spec.p = arg;
	spec.len = strlen(arg);
	pw.p = nl + 1;
	sep = memchr(pw.p, 1, (size_t)(text + size - pw.p));
	pw.len = sep ? (size_t)(sep - pw.p) : (size_t)(text + size - pw.p);
	gr.p = sep ? sep + 1 : "";
	gr.len = sep ? (size_t)(text + size - gr.p) : 0;
	if (pd_spec_parse(arg, &ps, &err) == 0) {
		pd_db_mem(&pdb, pw.p, pw.len);
		pd_db_mem(&gdb, gr.p, gr.len);
		r = pd_plan_build(&plan, &ps, caller, &pdb, &gdb, &err);
		ref_resolve(spec, pw, gr, &rp);
		fuzz_check((r < 0) == rp.refused, "refused exactly when the reference refuses");
		if (r == 0)
			compare(&plan, &rp);
		compare_files(&ps, pw, gr, r, &plan);
		pd_plan_release(&plan);
	}
	free(arg);
	return 0;
}
