/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * The floor: the least a tool can do to drop root and run a command in place.
 * No lookup, no checks worth the name: fixed ids (nobody, nogroup), then
 * setgroups, setgid, setuid, exec. Usage matches the tools it is measured
 * against: floor USER COMMAND [ARG]...; USER is ignored.
 */
#define _DEFAULT_SOURCE /* setgroups */
#include <grp.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static const gid_t groups[] = { 65534 };

	if (argc < 3)
		return 125;
	if (setgroups(1, groups) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
		return 125;
	execv(argv[2], argv + 2);
	return 127;
}
