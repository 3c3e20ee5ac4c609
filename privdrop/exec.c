/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * Exec in place: no fork, so the command keeps our PID (PID 1 in a container).
 *
 * The PATH search is ours, not execvpe's: glibc's runs a file without #!
 * through /bin/sh (its ENOEXEC fallback), musl's refuses it. An image tried
 * on Debian must not change on Alpine, so both refuse, as gosu does: such a
 * file fails with ENOEXEC, exit 126.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* setpriv's and login's PATH for --reset-env: root's, and everyone else's. */
#define ROOT_PATH "/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin"
#define USER_PATH "/usr/local/bin:/bin:/usr/bin"

/* A variable the plan sets: NAME= and its value, or NULL to take it away. */
struct var {
	const char *name;
	const char *value;
};

/* The variables how sets, into v; returns how many. */
static size_t plan_vars(const struct pd_plan *plan, unsigned how, struct var *v)
{
	const char *name = plan->name[0] ? plan->name : NULL;
	size_t n = 0;

	v[n++] = (struct var){ "HOME=", plan->home };
	if (how & (PD_ENV_LOGIN | PD_ENV_RESET)) {
		v[n++] = (struct var){ "USER=", name };
		v[n++] = (struct var){ "LOGNAME=", name };
		v[n++] = (struct var){ "SHELL=", plan->shell };
	}
	if (how & PD_ENV_RESET)
		v[n++] = (struct var){ "PATH=", plan->uid == 0 ? ROOT_PATH : USER_PATH };
	return n;
}

/* The envp entry s is kept: not one the plan sets, and with a reset only TERM. */
static int kept(const char *s, unsigned how, const struct var *v, size_t n)
{
	size_t i;

	if (how & PD_ENV_RESET)
		return strncmp(s, "TERM=", 5) == 0;
	for (i = 0; i < n; i++)
		if (strncmp(s, v[i].name, strlen(v[i].name)) == 0)
			return 0;
	return 1;
}

/*
 * The environment as it came but what the plan sets, built in mem (not the
 * stack: a 16 KiB stack must do; not setenv, which would change ours):
 * count + n + 1 pointers, then each NAME=value. Returns the first byte after.
 */
static char *with_vars(char *mem, const struct var *v, size_t n, unsigned how, char *const envp_in[],
		       size_t count)
{
	char **envp = (char **)(void *)mem;
	char *p = mem + (count + n + 1) * sizeof(*envp);
	size_t i, k = 0;

	for (i = 0; i < count; i++)
		if (kept(envp_in[i], how, v, n))
			envp[k++] = envp_in[i];
	for (i = 0; i < n; i++) {
		if (!v[i].value)
			continue;
		envp[k++] = p;
		p = stpcpy(stpcpy(p, v[i].name), v[i].value) + 1;
	}
	envp[k] = NULL;
	return p;
}

/* The bytes with_vars writes past the pointers. */
static size_t vars_size(const struct var *v, size_t n)
{
	size_t i, size = 0;

	for (i = 0; i < n; i++)
		size += v[i].value ? strlen(v[i].name) + strlen(v[i].value) + 1 : 0;
	return size;
}

/* Where PATH is unset: musl's default, a superset of glibc's. */
#define DEFAULT_PATH "/usr/local/bin:/bin:/usr/bin"

/* A failure that lets the search go on to the next PATH entry. */
static int try_next(int err)
{
	return err == ENOENT || err == ENOTDIR || err == EACCES || err == ESTALE ||
	       err == ENODEV || err == ETIMEDOUT;
}

/*
 * PATH, or NULL when file names a path and is not searched for. With a
 * reset, the command is searched for in the PATH it gets, as setpriv does.
 */
static const char *search_path(const char *file, const struct var *v, size_t n)
{
	const char *path = getenv("PATH");

	if (strchr(file, '/'))
		return NULL;
	if (n > 0 && strcmp(v[n - 1].name, "PATH=") == 0)
		path = v[n - 1].value;
	return path ? path : DEFAULT_PATH;
}

/*
 * execvpe without the /bin/sh fallback; an empty PATH entry is the current
 * directory. buf holds PATH's longest entry, a '/' and file. As glibc's and
 * musl's execvp: a file name past NAME_MAX is ENAMETOOLONG (126), and an entry
 * that with '/' and file would pass PATH_MAX names nothing the kernel can
 * open, so it is skipped and the search goes on (ENOENT, 127, if nothing is
 * found).
 */
static int exec_search(const char *file, const char *path, char *buf, char *const argv[],
		       char *const envp[])
{
	const char *p, *end;
	size_t len = strlen(file), dir;
	int eacces = 0;

	if (!path)
		return execve(file, argv, envp);
	errno = len > NAME_MAX ? ENAMETOOLONG : ENOENT;
	if (len == 0 || len > NAME_MAX)
		return -1;
	for (p = path;; p = end + 1) {
		end = strchrnul(p, ':');
		dir = (size_t)(end - p);
		if (dir + (dir > 0) + len >= PATH_MAX) {
			if (*end == '\0')
				break;
			continue;
		}
		memcpy(buf, p, dir);
		buf[dir] = '/';
		memcpy(buf + dir + (dir > 0), file, len + 1);
		execve(buf, argv, envp);
		eacces |= errno == EACCES;
		if (!try_next(errno) || *end == '\0')
			break;
	}
	if (eacces && try_next(errno))
		errno = EACCES; /* found, not executable: 126 */
	return -1;
}

/*
 * The new environment and the search's path buffer: in the plan's spare
 * memory (its readers' dead blocks) when they fit, so a resolve and exec
 * need no heap; else malloc'd, and freed when the exec fails.
 */
int pd_exec_env(const struct pd_plan *plan, char *const argv[], char *const envp_in[], unsigned how)
{
	struct var v[5];
	size_t n = plan_vars(plan, how, v), count = 0, need;
	const char *path = search_path(argv[0], v, n);
	char *mem, *buf;
	int saved;

	if (how & ~(PD_ENV_LOGIN | PD_ENV_RESET)) {
		errno = EINVAL;
		return -1;
	}
	while (envp_in && envp_in[count])
		count++;
	need = (count + n + 1) * sizeof(char *) + vars_size(v, n) +
	       (path ? strlen(path) + strlen(argv[0]) + 2 : 0);
	mem = need <= plan->spare_size ? plan->spare : malloc(need);
	if (!mem)
		return -1;
	buf = with_vars(mem, v, n, how, envp_in, count);
	/* After the switch, so the PATH search runs as the new user. */
	exec_search(argv[0], path, buf, argv, (char *const *)(void *)mem);
	saved = errno;
	if (mem != plan->spare)
		free(mem);
	errno = saved;
	return -1;
}

int pd_exec(const struct pd_plan *plan, char *const argv[], char *const envp[])
{
	return pd_exec_env(plan, argv, envp, 0);
}
