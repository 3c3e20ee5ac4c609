/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * The init's walk of its descendants in /proc: each one listed from its
 * parent's /proc/PID/task/TID/children, then signalled with its parent
 * checked, so a pid reaped and reused meanwhile is left alone.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../common/common.h"
#include "init.h"

/*
 * The parent and process group of pid as /proc/PID/stat gives them; -1 when
 * it has gone. Parsed by hand, with no libc symbol to resolve and a small
 * buffer: the init may run under a 16 KiB stack.
 */
static int stat_of(pid_t pid, pid_t *ppid, pid_t *pgrp)
{
	char buf[64]; /* "PID (COMM) S PPID PGRP": COMM is at most 15 bytes */
	unsigned long v[2] = { 0, 0 };
	ssize_t n, i;
	int fd, k;

	strcpy(pd_put_uint(stpcpy(buf, "/proc/"), (unsigned long)pid), "/stat");
	fd = open(buf, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	/* COMM may hold anything, ')' too: the fields after its last ')' are numbers. */
	for (i = n; i > 0 && buf[i - 1] != ')'; i--)
		;
	if (i == 0 || i + 3 >= n)
		return -1;
	for (i += 3, k = 0; k < 2; k++, i++)
		for (; i < n && buf[i] >= '0' && buf[i] <= '9'; i++)
			v[k] = v[k] * 10 + (unsigned long)(buf[i] - '0');
	*ppid = (pid_t)v[0];
	*pgrp = (pid_t)v[1];
	return i <= n ? 0 : -1;
}

/*
 * kill(), where a pidfd cannot be had: the parent is checked first, so a pid
 * reaped and reused since it was listed is most likely left alone.
 */
static void kill_checked(pid_t pid, pid_t parent, int sig)
{
	pid_t ppid, pgrp;

	if (stat_of(pid, &ppid, &pgrp) == 0 && (ppid == parent || ppid == getpid()))
		kill(pid, sig);
}

/*
 * A pid read from /proc may be reaped and reused before kill(). Where the kernel
 * has pidfds (Linux 5.3), one pins the process, and its parent is checked again
 * once it is pinned: a reused pid is left alone. A process whose parent died
 * since has come to us. Any failure but ESRCH (gone) falls back to kill():
 * ENOSYS on an old kernel, EPERM from a seccomp profile that refuses calls it
 * does not know (Docker's before 20.10), EMFILE with every fd in use. Every
 * descendant must get the signal.
 */
static void signal_child(pid_t parent, pid_t pid, int sig)
{
#if defined(SYS_pidfd_open) && defined(SYS_pidfd_send_signal)
	int fd = (int)syscall(SYS_pidfd_open, (unsigned long)pid, 0UL);
	pid_t ppid, pgrp;

	if (fd < 0) {
		if (errno != ESRCH)
			kill_checked(pid, parent, sig);
		return;
	}
	if (stat_of(pid, &ppid, &pgrp) == 0 && (ppid == parent || ppid == getpid()) &&
	    syscall(SYS_pidfd_send_signal, (unsigned long)fd, (unsigned long)sig, NULL, 0UL) < 0 &&
	    errno != ESRCH)
		kill(pid, sig); /* pinned and checked: the pid is still the one listed */
	close(fd);
#else
	kill_checked(pid, parent, sig);
#endif
}

/*
 * Every descendant, listed before any is signalled: one pass cannot meet a
 * process twice, as it could when a parent killed first handed its children
 * to us while our own list was being read. Kept on the heap, in the order
 * found (parents before children), so no depth costs stack.
 */
struct tree {
	pid_t *pid, *parent;
	size_t count, cap;
};

static int tree_add(struct tree *t, pid_t pid, pid_t parent)
{
	size_t i, cap = t->cap ? t->cap * 2 : 64;
	pid_t *p, *q;

	for (i = 0; i < t->count; i++)
		if (t->pid[i] == pid)
			return 0;
	if (t->count == t->cap) {
		p = realloc(t->pid, cap * sizeof(*p));
		if (p)
			t->pid = p;
		q = p ? realloc(t->parent, cap * sizeof(*q)) : NULL;
		if (!q)
			return -1;
		t->parent = q;
		t->cap = cap;
	}
	t->pid[t->count] = pid;
	t->parent[t->count++] = parent;
	return 0;
}

/*
 * Adds the children one thread of pid forked, from /proc/PID/task/TID/children.
 * Out of memory, a child is signalled at once instead: its own children come
 * to us when it dies, and the SIGKILL round takes newcomers.
 */
static void add_children(struct tree *t, pid_t pid, const char *tid, int sig)
{
	char path[64], buf[32]; /* "/proc/PID/task/TID/children" */
	unsigned long child = 0;
	char *p = pd_put_uint(stpcpy(path, "/proc/"), (unsigned long)pid);
	ssize_t n, i;
	int fd;

	if (strlen(tid) + (size_t)(p - path) + sizeof("/task//children") > sizeof(path))
		return;
	strcpy(stpcpy(stpcpy(p, "/task/"), tid), "/children");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return; /* the process has gone */
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				child = child * 10 + (unsigned long)(buf[i] - '0');
				continue;
			}
			if (child && tree_add(t, (pid_t)child, pid) < 0)
				signal_child(pid, (pid_t)child, sig);
			child = 0;
		}
	close(fd);
}

/* Adds the children of pid, whichever of its threads forked them. */
static void add_all_children(struct tree *t, pid_t pid, int sig)
{
	struct dirent *e;
	char path[32];
	DIR *tasks;

	strcpy(pd_put_uint(stpcpy(path, "/proc/"), (unsigned long)pid), "/task");
	tasks = opendir(path);
	if (!tasks)
		return;
	while ((e = readdir(tasks)))
		if (e->d_name[0] != '.')
			add_children(t, pid, e->d_name, sig);
	closedir(tasks);
}

/*
 * Sends sig once to every descendant of ours, children before their parents
 * (the list read backwards): a parent that dies first hands its children to
 * us, and they are signalled all the same. With --pgroup the child's group
 * (pgroup) has had it from kill() already: its members are not sent a second.
 */
void init_signal_tree(pid_t pgroup, int sig)
{
	struct tree t = { NULL, NULL, 0, 0 };
	pid_t ppid, pgrp;
	size_t i;

	add_all_children(&t, getpid(), sig);
	for (i = 0; i < t.count; i++)
		add_all_children(&t, t.pid[i], sig);
	for (i = t.count; i-- > 0;)
		if (!pgroup || stat_of(t.pid[i], &ppid, &pgrp) < 0 || pgrp != pgroup)
			signal_child(t.parent[i], t.pid[i], sig);
	free(t.pid);
	free(t.parent);
}
