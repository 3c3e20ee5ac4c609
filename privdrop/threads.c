/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * Every thread's identity, read from /proc/self/task/TID/status: the kernel
 * keeps credentials per thread, and getresuid and friends see only the
 * calling one.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "internal.h"

#define TASK_DIR "/proc/self/task"
#define PROC_MAGIC 0x9fa0 /* PROC_SUPER_MAGIC, <linux/magic.h> */

/*
 * The task directory, from the kernel's procfs only: anything else mounted
 * on /proc (a tmpfs with a made-up task list) could hide a thread. NULL with
 * errno ENOENT where /proc is not mounted, EMEDIUMTYPE where it is not procfs.
 */
static DIR *open_tasks(void)
{
	int fd = open(TASK_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC), e;
	struct statfs fs;
	DIR *d;

	if (fd < 0)
		return NULL;
	if (fstatfs(fd, &fs) < 0 || fs.f_type != PROC_MAGIC) {
		e = fs.f_type != PROC_MAGIC ? EMEDIUMTYPE : errno;
		close(fd);
		errno = e;
		return NULL;
	}
	d = fdopendir(fd);
	if (!d) {
		e = errno;
		close(fd);
		errno = e;
	}
	return d;
}

static int count_from_proc(void)
{
	DIR *d = open_tasks();
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/*
 * 1: the caller is the only thread; 0: there are others; -1 with errno: no
 * way to tell. unshare(CLONE_THREAD) is a no-op for a single thread and
 * EINVAL for more (unshare(2)), without /proc; where a seccomp filter
 * forbids unshare (EPERM, ENOSYS), /proc/self/task is counted instead.
 */
int pd_threads_alone(void)
{
	int n;

	if (unshare(CLONE_THREAD) == 0)
		return 1;
	if (errno == EINVAL)
		return 0;
	n = count_from_proc();
	return n < 0 ? -1 : n == 1;
}

/* The whole file, NUL-terminated; a thread's groups can make it 700 kB. */
static char *read_all(int dirfd, const char *name)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap), *bigger;
	ssize_t n = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);

	while (fd >= 0 && buf && (n = read(fd, buf + len, cap - 1 - len)) > 0) {
		len += (size_t)n;
		if (len < cap - 1)
			continue;
		bigger = realloc(buf, cap * 2);
		if (!bigger)
			break;
		buf = bigger;
		cap *= 2;
	}
	if (fd < 0 || !buf || n != 0) {
		n = errno;
		if (fd >= 0)
			close(fd);
		free(buf);
		errno = (int)n;
		return NULL;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
}

/* The rest of the line that starts with key, or NULL. */
static const char *field(const char *status, const char *key)
{
	size_t len = strlen(key);
	const char *p = status;

	for (; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (strncmp(p, key, len) == 0)
			return p + len;
	return NULL;
}

/* "Uid:" and "Gid:" list real, effective, saved and fs ids: all must be id. */
static int status_ids_are(const char *p, uint32_t id)
{
	unsigned long v;
	char *end;
	int i;

	for (i = 0; p && i < 4; i++, p = end) {
		errno = 0;
		v = strtoul(p, &end, 10);
		if (end == p || errno || v != id)
			return 0;
	}
	return p != NULL;
}

/* "Groups:" lists the supplementary groups: the plan's (pd_gids_are_plan)? */
static int status_groups_are(const char *p, const struct pd_plan *plan)
{
	struct pd_gids got = { 0 };
	unsigned long v;
	char *end;
	int same;

	if (!p)
		return 0;
	for (;; p = end) {
		v = strtoul(p, &end, 10);
		if (end == p || pd_gids_add(&got, (gid_t)v) < 0)
			break;
	}
	while (*end == ' ' || *end == '\t')
		end++;
	same = *end == '\n' && pd_gids_are_plan(&got, plan);
	pd_gids_free(&got);
	return same;
}

static int cap_is(const char *p, uint64_t want)
{
	char *end;

	return p && strtoull(p, &end, 16) == want && end != p;
}

static const char *thread_differs(const char *st, const struct pd_plan *plan,
				  const struct pd_capstate *want)
{
	if (!status_ids_are(field(st, "Uid:"), plan->uid) || !status_ids_are(field(st, "Gid:"), plan->gid))
		return "a thread's uid or gid is not the one asked for";
	if (!status_groups_are(field(st, "Groups:"), plan))
		return "a thread's groups are not the ones asked for";
	if (((want->fields & PD_CAP_E) && !cap_is(field(st, "CapEff:"), want->effective)) ||
	    ((want->fields & PD_CAP_P) && !cap_is(field(st, "CapPrm:"), want->permitted)) ||
	    ((want->fields & PD_CAP_I) && !cap_is(field(st, "CapInh:"), want->inheritable)) ||
	    ((want->fields & PD_CAP_A) && !cap_is(field(st, "CapAmb:"), want->ambient)))
		return "a thread's capabilities are not the ones asked for";
	return NULL;
}

/* One thread; a thread that exited meanwhile has nothing left to check. */
static int verify_one(int taskfd, const char *tid, const struct pd_plan *plan,
		      const struct pd_capstate *want, struct pd_error *err)
{
	char path[64], *st;
	const char *why;

	if (strlen(tid) > sizeof(path) - sizeof("/status"))
		return 0;
	strcpy(path, tid);
	strcat(path, "/status");
	st = read_all(taskfd, path);
	if (!st)
		return errno == ENOENT || errno == ESRCH ? 0
							 : pd_fail(err, PD_ERR_SYSTEM, TASK_DIR, errno, NULL);
	why = thread_differs(st, plan, want);
	free(st);
	return why ? pd_fail(err, PD_ERR_VERIFY, "verify", 0, why) : 0;
}

/* Why /proc/self/task cannot be read, from errno as open_tasks left it. */
int pd_threads_unreadable(int alone, struct pd_error *err)
{
	if (errno == EMEDIUMTYPE)
		return pd_fail(err, PD_ERR_SYSTEM, TASK_DIR, 0, "/proc is not the kernel's procfs");
	if (errno == ENOENT)
		return pd_fail(err, PD_ERR_SYSTEM, TASK_DIR, ENOENT,
			       alone < 0 ? "cannot count the threads: /proc is not mounted"
					 : "cannot read the other threads back: /proc is not mounted");
	return pd_fail(err, PD_ERR_SYSTEM, TASK_DIR, errno, NULL);
}

/*
 * Before anything changes, for a caller not known to be alone (alone 0 or
 * -1, from pd_threads_alone): every thread must be there to read back after
 * the switch. Credentials are per thread: another thread with
 * SECBIT_NO_SETUID_FIXUP or SECBIT_KEEP_CAPS, or anything inheritable, keeps
 * a privilege through the uid change, and nothing but /proc shows it.
 */
int pd_threads_readable(int alone, struct pd_error *err)
{
	DIR *d = open_tasks();

	if (!d)
		return pd_threads_unreadable(alone, err);
	closedir(d);
	return 0;
}

/*
 * After the switch: every thread shows the plan's ids, groups and the
 * capabilities pd_caps_expect gives. pd_verify has checked the calling
 * thread from the kernel: alone, there is nothing more to read (and
 * su-exec's exec stays within its instruction budget).
 */
int pd_threads_verify(const struct pd_plan *plan, const struct pd_options *caps,
		      const struct pd_capstate *start, struct pd_error *err)
{
	struct pd_capstate want;
	struct dirent *e;
	DIR *d;
	int r = 0;

	if (pd_threads_alone() == 1)
		return 0;
	d = open_tasks();
	if (!d)
		return pd_threads_unreadable(0, err);
	pd_caps_expect(plan, caps, start, &want);
	while (r == 0 && (e = readdir(d)))
		if (e->d_name[0] != '.')
			r = verify_one(dirfd(d), e->d_name, plan, &want, err);
	closedir(d);
	return r;
}
