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

/*
 * The environment as it came, but HOME, built in mem (not the stack: a 16 KiB
 * stack must do; not setenv, which would change ours): count + 2 pointers,
 * then "HOME=" and home. Returns the first byte after it.
 */
static char *with_home(char *mem, const char *home, char *const envp_in[], size_t count)
{
	char **envp = (char **)(void *)mem;
	char *var = mem + (count + 2) * sizeof(*envp);
	size_t i, n = 0, len = strlen(home);

	memcpy(var, "HOME=", 5);
	memcpy(var + 5, home, len + 1);
	for (i = 0; i < count; i++)
		if (strncmp(envp_in[i], "HOME=", 5) != 0)
			envp[n++] = envp_in[i];
	envp[n++] = var;
	envp[n] = NULL;
	return var + 5 + len + 1;
}

/* Where PATH is unset: musl's default, a superset of glibc's. */
#define DEFAULT_PATH "/usr/local/bin:/bin:/usr/bin"

/* A failure that lets the search go on to the next PATH entry. */
static int try_next(int err)
{
	return err == ENOENT || err == ENOTDIR || err == EACCES || err == ESTALE ||
	       err == ENODEV || err == ETIMEDOUT;
}

/* PATH, or NULL when file names a path and is not searched for. */
static const char *search_path(const char *file)
{
	const char *path = getenv("PATH");

	if (strchr(file, '/'))
		return NULL;
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
int pd_exec(const struct pd_plan *plan, char *const argv[], char *const envp_in[])
{
	const char *path = search_path(argv[0]);
	size_t count = 0, need;
	char *mem, *buf;
	int saved;

	while (envp_in && envp_in[count])
		count++;
	need = (count + 2) * sizeof(char *) + sizeof("HOME=") + strlen(plan->home) +
	       (path ? strlen(path) + strlen(argv[0]) + 2 : 0);
	mem = need <= plan->spare_size ? plan->spare : malloc(need);
	if (!mem)
		return -1;
	buf = with_home(mem, plan->home, envp_in, count);
	/* After the switch, so the PATH search runs as the new user. */
	exec_search(argv[0], path, buf, argv, (char *const *)(void *)mem);
	saved = errno;
	if (mem != plan->spare)
		free(mem);
	errno = saved;
	return -1;
}
