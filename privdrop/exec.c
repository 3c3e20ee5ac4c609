/* Exec in place: no fork, so the command keeps our PID (PID 1 in a container). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "privdrop.h"

extern char **environ;

/*
 * The environment as it came, but HOME: built on the heap, not the stack (a
 * 16 KiB stack must do) and not with setenv, which would change ours.
 */
static char **with_home(const char *home)
{
	size_t i, n = 0, count = 0, len = strlen(home);
	char **envp, *var;

	while (environ[count])
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
		if (strncmp(environ[i], "HOME=", 5) != 0)
			envp[n++] = environ[i];
	envp[n++] = var;
	envp[n] = NULL;
	return envp;
}

int pd_exec(const struct pd_plan *plan, char *const argv[])
{
	char **envp = with_home(plan->home);

	if (!envp)
		return -1;
	/* After the switch, so the PATH search runs as the new user. */
	execvpe(argv[0], argv, envp);
	return -1;
}
