/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * The floor with su-exec's system calls and none of its code: what the time
 * of su-exec-static is made of, for the small fixture (user nobody, one
 * group). Usage as the floor's: syscalls USER COMMAND [ARG]...; USER is
 * ignored, the ids are fixed, the files are read and not looked at.
 *
 * Built twice. syscalls-rules makes the calls su-exec's rules ask of any
 * tool: it reads /etc/passwd and /etc/group itself (open, fstat, read to the
 * end, close), and reads the switch back from the kernel (the ids, the
 * groups, the capabilities, and the setuid(0) that must fail). syscalls-all
 * (ALL) adds the rest of su-exec-static's: libcap-ng's constructor (the
 * last capability from /proc and its four prctl probes) and the setuid
 * self-check (a stat of /proc/self/exe). bench/bench.sh checks with strace
 * that syscalls-all makes su-exec-static's calls, in its order.
 */
#define _GNU_SOURCE /* getresuid */
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BLOCK 32768 /* su-exec's block: each file is read into one */
#define NOBODY 65534

static char passwd[BLOCK], group[BLOCK];

static int open_db(const char *path)
{
	struct stat st;
	int fd = openat(AT_FDCWD, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);

	fstat(fd, &st);
	return fd;
}

static void read_all(int fd, char *block)
{
	while (read(fd, block, BLOCK) > 0)
		;
}

#ifdef ALL
/* libcap-ng's constructor, as libcap-ng 0.8 runs it before main. */
static void capng_start(void)
{
	struct statfs fs;
	char buf[8];
	int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY);

	fstatfs(fd, &fs);
	read(fd, buf, sizeof(buf) - 1);
	close(fd);
	prctl(PR_CAPBSET_READ, 0, 0, 0, 0);
	prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
	prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, 0, 0, 0);
}
#endif

/* capget, by the kernel's ABI (version 3: two sets). */
static void caps_read(void)
{
	struct {
		unsigned version;
		int pid;
	} head = { 0x20080522, 0 };
	unsigned data[6];

	syscall(SYS_capget, &head, data);
}

int main(int argc, char **argv)
{
	static const gid_t groups[] = { NOBODY };
	uid_t r, e, s;
	gid_t got[2];
	int pw, gr;

	if (argc < 3)
		return 125;
#ifdef ALL
	capng_start();
	{
		struct stat st;

		stat("/proc/self/exe", &st);
	}
#endif
	pw = open_db("/etc/passwd");
	gr = open_db("/etc/group");
	read(pw, passwd, BLOCK); /* passwd is found in its first block */
	read_all(gr, group);
	close(pw);
	close(gr);
	geteuid();
	/* Direct, as su-exec makes them: libc's would sync threads that are not there. */
	if (syscall(SYS_setgroups, 1, groups) != 0 || syscall(SYS_setresgid, NOBODY, NOBODY, NOBODY) != 0 ||
	    syscall(SYS_setresuid, NOBODY, NOBODY, NOBODY) != 0)
		return 125;
	caps_read();
	getresuid(&r, &e, &s);
	getresgid(&r, &e, &s);
	getgroups(2, got);
	caps_read();
	if (syscall(SYS_setuid, 0) == 0)
		return 125;
	execv(argv[2], argv + 2);
	return 127;
}
