/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * faultinj: run a command with one system call made to fail.
 *
 *   faultinj SYSCALL[:ARG0] ERRNO -- COMMAND [ARG]...
 *
 * A seccomp filter returns ERRNO for SYSCALL (only when its first argument
 * is ARG0, if given) and lets everything else through. ERRNO 0 skips the
 * call but reports success, for testing that the caller reads state back.
 *
 * Which call to name: glibc 2.36 and musl both issue the syscall of the same
 * name for setgroups(), setgid(), setuid(), setres[ug]id(), setre[ug]id();
 * setegid()/seteuid() become setresgid(-1, g, -1)/setresuid(-1, u, -1).
 * In a threaded program both libcs repeat the call in every thread (signal
 * broadcast), and the filter applies to every thread. libcap-ng 0.8.3's
 * capng_change_id uses setresgid, setgroups, setresuid; Go (gosu) uses
 * setgroups, setgid, setuid. On x86_64 and aarch64 there are no *32 variants.
 *
 * Kept to libc: musl-gcc has no kernel headers, so the few seccomp and BPF
 * constants are copied here from <linux/seccomp.h>, <linux/filter.h> and
 * <linux/audit.h>; they are kernel ABI and do not change.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SECCOMP_MODE_FILTER		2
#define SECCOMP_RET_KILL_PROCESS	0x80000000U
#define SECCOMP_RET_ERRNO		0x00050000U
#define SECCOMP_RET_ALLOW		0x7fff0000U
#define MAX_ERRNO			4095	/* the kernel caps RET_ERRNO data */

/* struct seccomp_data: int nr; __u32 arch; __u64 ip; __u64 args[6]; */
#define OFF_NR		0
#define OFF_ARCH	4
#define OFF_ARG0_LO	16	/* both arches below are little-endian */

/* AUDIT_ARCH_*: EM_* | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE */
#if defined(__x86_64__) && !defined(__ILP32__)
#define AUDIT_ARCH	0xc000003eU
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
#define AUDIT_ARCH	0xc00000b7U
#else
#error "faultinj: only x86_64 and little-endian aarch64 are supported"
#endif
/* x32 system calls pass the x86_64 arch check with this bit set in nr. */
#define X32_SYSCALL_BIT	0x40000000U

/* struct sock_filter and struct sock_fprog from <linux/filter.h> */
struct insn { unsigned short code; unsigned char jt, jf; unsigned int k; };
struct prog { unsigned short len; struct insn *filter; };

#define LOAD(off)	{ 0x20, 0, 0, (off) }		/* BPF_LD|BPF_W|BPF_ABS */
#define JEQ(k, t, f)	{ 0x15, (t), (f), (k) }		/* BPF_JMP|BPF_JEQ|BPF_K */
#define JGE(k, t, f)	{ 0x35, (t), (f), (k) }		/* BPF_JMP|BPF_JGE|BPF_K */
#define RET(k)		{ 0x06, 0, 0, (k) }		/* BPF_RET|BPF_K */

struct name { const char *name; long value; };
#define N(x)	{ #x, x }
#define S(x)	{ #x, __NR_##x }

static const struct name syscalls[] = {
	S(setgroups), S(setgid), S(setresgid), S(setregid), S(setuid),
	S(setresuid), S(setreuid), S(capget), S(capset), S(prctl), S(execve), S(unshare),
	S(pidfd_open), S(pidfd_send_signal),
	{ 0, 0 }
};
static const struct name options[] = {
	N(PR_SET_KEEPCAPS), N(PR_CAPBSET_DROP), N(PR_SET_NO_NEW_PRIVS),
	N(PR_CAP_AMBIENT), N(PR_SET_SECUREBITS), N(PR_CAPBSET_READ),
	N(PR_GET_NO_NEW_PRIVS), N(PR_GET_SECUREBITS), N(PR_SET_CHILD_SUBREAPER),
	N(PR_GET_CHILD_SUBREAPER), { 0, 0 }
};
static const struct name errnos[] = {
	N(EPERM), N(ENOENT), N(EIO), N(EAGAIN), N(ENOMEM), N(EACCES),
	N(EFAULT), N(EBUSY), N(EINVAL), N(ENOSYS), N(EMFILE), N(ESRCH), { 0, 0 }
};

static void usage_error(const char *what, const char *arg)
{
	if (arg)
		fprintf(stderr, "faultinj: '%s': %s\n", arg, what);
	else
		fprintf(stderr, "faultinj: usage: faultinj SYSCALL[:ARG0] ERRNO"
			" -- COMMAND [ARG]...\n");
	exit(125);
}

/* A name from the table, or a decimal number in [0, max]; -1 if neither.
 * max -1 takes names only. */
static long long lookup(const struct name *t, const char *s, long long max)
{
	long long v = 0;

	for (; t->name; t++)
		if (strcmp(t->name, s) == 0)
			return t->value;
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

/*
 * Jumps count from the next instruction. ARG0 is compared on its low 32 bits:
 * the kernel declares prctl's option (and setgroups' size) int and ignores
 * the upper half of the register, so a caller may leave junk there. Without
 * ARG0, instruction 6 jumps 0 either way: any value matches.
 */
static int install(long nr, long long arg0, unsigned int err)
{
	struct insn f[] = {
		/* 0 */ LOAD(OFF_ARCH),
		/* 1 */ JEQ(AUDIT_ARCH, 0, 7),
		/* 2 */ LOAD(OFF_NR),
		/* 3 */ JGE(X32_SYSCALL_BIT, 5, 0),
		/* 4 */ JEQ((unsigned int)nr, 0, 3),
		/* 5 */ LOAD(OFF_ARG0_LO),
		/* 6 */ JEQ((unsigned int)arg0, 0, arg0 < 0 ? 0 : 1),
		/* 7 */ RET(SECCOMP_RET_ERRNO | err),
		/* 8 */ RET(SECCOMP_RET_ALLOW),
		/* 9 */ RET(SECCOMP_RET_KILL_PROCESS),	/* foreign arch */
	};
	struct prog p = { sizeof f / sizeof f[0], f };

	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &p) == 0)
		return 0;
	if (errno != EACCES)
		return -1;
	/* Without CAP_SYS_ADMIN the kernel insists on no_new_privs. */
	fprintf(stderr, "faultinj: not privileged, setting no_new_privs\n");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &p);
}

/*
 * execvp's own execve would be refused when execve is the injected call, so
 * search PATH here and use execveat, which the filter lets through.
 */
static void exec_at(char **argv)
{
	const char *p = getenv("PATH"), *end;
	char path[4096];
	int err = ENOENT, len;

	if (strchr(argv[0], '/')) {
		syscall(SYS_execveat, AT_FDCWD, argv[0], argv, environ, 0);
		return;
	}
	for (p = p ? p : "/usr/local/bin:/bin:/usr/bin";; p = end + 1) {
		end = strchrnul(p, ':');
		len = (int)(end - p);
		snprintf(path, sizeof path, "%.*s/%s", len ? len : 1,
			 len ? p : ".", argv[0]);	/* empty means "." */
		syscall(SYS_execveat, AT_FDCWD, path, argv, environ, 0);
		if (errno != ENOENT && errno != ENOTDIR)
			err = errno;
		if (*end == '\0')
			break;
	}
	errno = err;
}

int main(int argc, char **argv)
{
	char *arg;
	long long nr, arg0 = -1, err;

	if (argc < 5 || strcmp(argv[3], "--") != 0)
		usage_error(NULL, NULL);
	if ((arg = strchr(argv[1], ':')))
		*arg++ = '\0';
	if ((nr = lookup(syscalls, argv[1], -1)) < 0)
		usage_error("unknown system call", argv[1]);
	if (arg && (arg0 = lookup(options, arg, 0xffffffffLL)) < 0)
		usage_error("not a prctl option or a number up to 2^32-1", arg);
	if ((err = lookup(errnos, argv[2], MAX_ERRNO)) < 0)
		usage_error("not an errno name or a number up to 4095", argv[2]);
	if (install(nr, arg0, (unsigned int)err) == -1) {
		fprintf(stderr, "faultinj: cannot install seccomp filter: %s\n",
			strerror(errno));
		return 125;
	}
	if (nr == __NR_execve)
		exec_at(argv + 4);
	else
		execvp(argv[4], argv + 4);
	err = errno;
	fprintf(stderr, "faultinj: '%s': %s\n", argv[4], strerror((int)err));
	return err == ENOENT ? 127 : 126;
}
