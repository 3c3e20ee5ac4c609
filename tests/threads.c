/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * tests/library.sh: a worker thread is running when pd_drop is called; then
 * both threads report what the kernel says they are.
 *
 *	threads SPEC [KEEP_CAPS_MASK|- [alone|nofixup|inherit]]
 *
 * "-" passes NULL options. With "alone" no worker is started; with "nofixup"
 * SECBIT_NO_SETUID_FIXUP, and with "inherit" net_bind_service inheritable,
 * are set before the worker starts, so both threads have them: a uid change
 * then leaves a thread privileges that only capset on it would take. Prints "main: ..." and "worker: ..." lines of "uid=R/E/S gid=R/E/S
 * groups=A,B caps=EFF/PRM/INH" (hex), each read by that thread itself. Exits
 * 0 after a drop, 125 with "threads: MESSAGE" after a refusal (the lines are
 * still printed, to show nothing changed).
 */
#define _GNU_SOURCE
#include <grp.h>
#include <inttypes.h>
#include <linux/securebits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <privdrop.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int dropped;

/* capget(2) for the calling thread (pid 0), version 3. */
struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};

static void report(const char *who)
{
	struct cap_header hdr = { 0x20080522, 0 };
	struct cap_data d[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
	uid_t ru, eu, su;
	gid_t rg, eg, sg, groups[64];
	int i, n = getgroups(64, groups);

	if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0 || n < 0 ||
	    syscall(SYS_capget, &hdr, d) < 0) {
		perror(who);
		exit(99);
	}
	printf("%s: uid=%u/%u/%u gid=%u/%u/%u groups=", who, ru, eu, su, rg, eg, sg);
	for (i = 0; i < n; i++)
		printf("%s%u", i ? "," : "", groups[i]);
	printf(" caps=%" PRIx64 "/%" PRIx64 "/%" PRIx64 "\n",
	       d[0].effective | (uint64_t)d[1].effective << 32,
	       d[0].permitted | (uint64_t)d[1].permitted << 32,
	       d[0].inheritable | (uint64_t)d[1].inheritable << 32);
	fflush(stdout);
}

/* The starting state both threads share, by name. */
static int prepare(const char *mode)
{
	struct cap_header hdr = { 0x20080522, 0 };
	struct cap_data d[2];

	if (strcmp(mode, "nofixup") == 0)
		return prctl(PR_SET_SECUREBITS, SECBIT_NO_SETUID_FIXUP, 0, 0, 0);
	if (strcmp(mode, "inherit") != 0)
		return 0;
	if (syscall(SYS_capget, &hdr, d) < 0)
		return -1;
	d[0].inheritable |= 1u << 10; /* CAP_NET_BIND_SERVICE */
	return (int)syscall(SYS_capset, &hdr, d);
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!dropped)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	report("worker");
	return NULL;
}

int main(int argc, char **argv)
{
	struct pd_options opt = { 0, 0 };
	struct pd_error err;
	pthread_t t;
	char msg[512];
	int r, alone = argc > 3 && strcmp(argv[3], "alone") == 0;
	int with_opt = argc > 2 && strcmp(argv[2], "-") != 0;

	if (argc < 2 || (argc > 3 && prepare(argv[3]) < 0)) {
		perror("threads: the starting state");
		return 99;
	}
	if (!alone && pthread_create(&t, NULL, worker, NULL) != 0)
		return 99;
	if (with_opt) {
		opt.keep_caps = strtoull(argv[2], NULL, 0);
		opt.flags = PD_KEEP_CAPS;
	}
	r = pd_drop(argv[1], with_opt ? &opt : NULL, &err);
	if (r < 0) {
		pd_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "threads: %s\n", msg);
	}
	report("main");
	pthread_mutex_lock(&lock);
	dropped = 1;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	if (!alone)
		pthread_join(t, NULL);
	return r < 0 ? 125 : 0;
}
