/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Why a command was denied in PATH: the folder or file a 126 is about. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/*
 * Why a command searched for in PATH was denied (EACCES, 126): the first
 * entry that holds it but not executable (*what says so), or that the new
 * user cannot search, which the search went past (as execvp does) when
 * nothing later held it. NULL when neither is found.
 */
const char *cli_denied_in_path(const char *file, const char **what)
{
	static char where[PATH_BYTES];
	const char *path = getenv("PATH"), *p, *end;
	size_t dir, len = strlen(file);

	for (p = path ? path : ""; path; p = end + 1) {
		end = strchr(p, ':');
		end = end ? end : p + strlen(p);
		dir = (size_t)(end - p);
		if (dir > 0 && dir + 1 + len < sizeof(where)) {
			memcpy(where, p, dir);
			where[dir] = '/';
			memcpy(where + dir + 1, file, len + 1);
			*what = " is not executable";
			if (access(where, F_OK) == 0)
				return where;
			where[dir] = '\0';
			*what = " cannot be searched";
			if (errno == EACCES && access(where, X_OK) < 0 && errno == EACCES)
				return where;
		}
		if (*end == '\0')
			break;
	}
	return NULL;
}
