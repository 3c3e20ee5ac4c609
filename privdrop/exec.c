/* SPDX-License-Identifier: MIT */
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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/*
 * The environment as it came, but HOME: built on the heap, not the stack (a
 * 16 KiB stack must do) and not with setenv, which would change ours.
 */
static char **with_home(const char *home, char *const envp_in[])
{
	size_t i, n = 0, count = 0, len = strlen(home);
	char **envp, *var;

	while (envp_in && envp_in[count])
		count++;
	envp = malloc((count + 2) * sizeof(*envp));
	var = malloc(sizeof("HOME=") + len);
	if (!envp || !var) {
		free(envp);
		free(var);
		return NULL;
	}
	memcpy(var, "HOME=", 5);
	memcpy(var + 5, home, len + 1);
	for (i = 0; i < count; i++)
		if (strncmp(envp_in[i], "HOME=", 5) != 0)
			envp[n++] = envp_in[i];
	envp[n++] = var;
	envp[n] = NULL;
	return envp;
}

/* Where PATH is unset: musl's default, a superset of glibc's. */
#define DEFAULT_PATH "/usr/local/bin:/bin:/usr/bin"

/* A failure that lets the search go on to the next PATH entry. */
static int try_next(int err)
{
	return err == ENOENT || err == ENOTDIR || err == EACCES || err == ESTALE ||
	       err == ENODEV || err == ETIMEDOUT;
}

/* execvpe without the /bin/sh fallback; an empty PATH entry is the current directory. */
static int exec_search(const char *file, char *const argv[], char *const envp[])
{
	const char *path = getenv("PATH"), *p, *end;
	size_t len = strlen(file), dir;
	int eacces = 0, err;
	char *buf;

	if (strchr(file, '/'))
		return execve(file, argv, envp);
	if (!path)
		path = DEFAULT_PATH;
	errno = ENOENT;
	if (len == 0 || !(buf = malloc(strlen(path) + len + 2)))
		return -1;
	for (p = path;; p = end + 1) {
		end = strchrnul(p, ':');
		dir = (size_t)(end - p);
		memcpy(buf, p, dir);
		buf[dir] = '/';
		memcpy(buf + dir + (dir > 0), file, len + 1);
		execve(buf, argv, envp);
		eacces |= errno == EACCES;
		if (!try_next(errno) || *end == '\0')
			break;
	}
	err = errno;
	free(buf);
	errno = eacces && try_next(err) ? EACCES : err; /* found, not executable: 126 */
	return -1;
}

int pd_exec(const struct pd_plan *plan, char *const argv[], char *const envp_in[])
{
	char **envp = with_home(plan->home, envp_in);

	if (!envp)
		return -1;
	/* After the switch, so the PATH search runs as the new user. */
	exec_search(argv[0], argv, envp);
	return -1;
}
