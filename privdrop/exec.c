/* Exec in place: no fork, so the command keeps our PID (PID 1 in a container). */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>

#include "internal.h"

int pd_exec(const struct pd_plan *plan, char *const argv[], char *const envp_in[])
{
	char home[sizeof("HOME=") + PD_HOME_MAX];
	size_t i, n = 0, count = 0;

	while (envp_in && envp_in[count])
		count++;
	{
		/* The environment as it came, but HOME; built here, not with setenv's mallocs. */
		char *envp[count + 2];

		memcpy(home, "HOME=", 5);
		memcpy(home + 5, plan->home, strlen(plan->home) + 1);
		for (i = 0; i < count; i++)
			if (strncmp(envp_in[i], "HOME=", 5) != 0)
				envp[n++] = envp_in[i];
		envp[n++] = home;
		envp[n] = NULL;
		/* After the switch, so the PATH search runs as the new user. */
		execvpe(argv[0], argv, envp);
	}
	return -1;
}
