/* Exec in place: no fork, so the command keeps our PID (PID 1 in a container). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <unistd.h>

#include "privdrop.h"

int pd_exec(const struct pd_plan *plan, char *const argv[])
{
	if (setenv("HOME", plan->home, 1) < 0)
		return -1;
	/* After the switch, so the PATH search runs as the new user. */
	execvp(argv[0], argv);
	return -1;
}
