/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * privdrop: drop root in-process, correctly, and prove it.
 *
 * A daemon that starts as root (to bind a port, open a log) calls pd_drop
 * once: USER[:GROUP] is resolved from /etc/passwd and /etc/group (no NSS),
 * then the supplementary groups, gid and uid are set in that order on every
 * thread, the capabilities asked for are kept and all others dropped, and
 * the result is read back from the kernel. Any failure returns -1 with a
 * struct pd_error filled in; the process must then not go on as if dropped.
 *
 * Threads: the ids are set with the libc wrappers (setgroups, setresgid,
 * setresuid), which glibc and musl apply to every thread; afterwards every
 * thread is checked in /proc/self/task/TID/status (ids, groups, permitted,
 * effective, inheritable and ambient capabilities). A process the kernel
 * shows alone before anything changes (below) stays alone: its ids are set
 * by the same system calls made directly, and the calling thread's check is
 * the whole check. Capabilities, the bounding set and no_new_privs belong
 * to each thread in Linux, so a call with options that touch them
 * (keep_caps, PD_CLEAR_BOUNDING or PD_NO_NEW_PRIVS set, or PD_KEEP_CAPS for
 * a root target) refuses a process with more than one
 * thread, before changing anything: drop before starting threads. The
 * kernel tells: unshare(CLONE_THREAD) fails for a process with threads;
 * where a seccomp filter forbids unshare, /proc/self/task is counted, and
 * without /proc too such options are refused. A process with other threads
 * (or one that cannot tell) needs /proc, the kernel's procfs, for any call:
 * a thread with SECBIT_NO_SETUID_FIXUP, SECBIT_KEEP_CAPS or an inheritable
 * capability keeps a privilege through the uid change, and only
 * /proc/self/task shows it. Without /proc such a process is refused before
 * anything changes; a process alone needs no /proc.
 *
 * The library never prints and never exits. Its one global state is the
 * block pd_resolve_once lends to the first plan. Every function is safe to
 * call from one thread at a time.
 */
#ifndef PRIVDROP_H
#define PRIVDROP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * What kind of failure it was: what a program decides on. The strings of
 * struct pd_error are for people, and may change.
 */
enum pd_error_kind {
	PD_ERR_NONE,	 /* no failure */
	PD_ERR_SYSTEM,	 /* a call failed or a file cannot be read: step names it, errnum says why */
	PD_ERR_INPUT,	 /* the spec is malformed or names no such user or group */
	PD_ERR_NOT_ROOT, /* the caller is not root, and not already what it asked to become */
	PD_ERR_OPTION,	 /* struct pd_options asks what cannot be done here: field says which */
	PD_ERR_VERIFY,	 /* the kernel shows something other than what was asked */
};

/* The part of struct pd_options a PD_ERR_OPTION is about. */
enum pd_error_field {
	PD_FIELD_NONE,
	PD_FIELD_KEEP_CAPS,	 /* keep_caps and PD_KEEP_CAPS */
	PD_FIELD_CLEAR_BOUNDING, /* PD_CLEAR_BOUNDING */
	PD_FIELD_NO_NEW_PRIVS,	 /* PD_NO_NEW_PRIVS */
	PD_FIELD_FLAGS,		 /* a flag the library does not know */
};

/*
 * What went wrong: its kind, the step or file, the input at fault, and why.
 * Filled in by a failing call; read-only to the caller, best read with
 * pd_error_format. The strings are static or point into the caller's spec,
 * so keep the spec alive while the error is used; step is a label for
 * people, never to compare.
 */
struct pd_error {
	const char *step;    /* a call or a file; may be NULL */
	const char *subject; /* input, not NUL-terminated; may be NULL */
	size_t subject_len;
	const char *reason;	     /* static text; NULL means strerror(errnum) */
	int errnum;		     /* errno of the failed call, 0 for a refusal */
	enum pd_error_kind kind;     /* never PD_ERR_NONE after a failure */
	enum pd_error_field field;   /* for PD_ERR_OPTION; else PD_FIELD_NONE */
};

/*
 * Writes the error as one line, without a newline: "STEP: 'SUBJECT': REASON",
 * each part only when set, the subject quoted with control bytes, DEL and
 * backslashes written as \xNN. Like snprintf: at most size - 1 bytes and a
 * NUL (nothing when size is 0); returns the length the whole line needs.
 */
size_t pd_error_format(const struct pd_error *err, char *buf, size_t size);

/*
 * Writes len bytes of s as pd_error_format writes a subject, without the
 * quotes, for a program that prints what the databases or a user gave it:
 * printable ASCII and well-formed UTF-8 text as they are, every other byte
 * as \xNN. Like snprintf, as pd_error_format.
 */
size_t pd_escape(const char *s, size_t len, char *buf, size_t size);

/* Flags of struct pd_options. */
#define PD_CLEAR_BOUNDING 1u /* empty the bounding set but for keep_caps */
#define PD_NO_NEW_PRIVS 2u   /* set no_new_privs: no exec gains privileges */
#define PD_KEEP_CAPS 8u	     /* the sets become exactly keep_caps */
#define PD_EXECS_NEXT 16u    /* the caller execs next and started no thread */
#define PD_DRY_RUN 32u	     /* check as pd_apply would, change nothing */

/*
 * What to keep. NULL options and zeroed ones are the same request, a plain
 * drop: a non-root user ends with no capabilities, root keeps root's. With
 * PD_KEEP_CAPS the permitted, effective and inheritable sets become exactly
 * keep_caps, and for a non-root user the ambient set too, so they survive
 * exec; without it keep_caps must be 0, the sets end as a plain drop leaves
 * them and only the other flags act (a root target that clears its bounding
 * set but keeps root's capabilities). Every kept capability must be held by
 * the caller and in its bounding set. PD_CLEAR_BOUNDING empties the bounding
 * set but for keep_caps and needs CAP_SETPCAP, so the caller must be root;
 * for a root target without PD_KEEP_CAPS it empties the inheritable and
 * ambient sets too, which a root exec would otherwise add back. An option
 * that cannot be honoured fails with err->kind PD_ERR_OPTION and err->field
 * naming it (for keep_caps the subject is the first such capability, by
 * libcap-ng's name).
 */
struct pd_options {
	uint64_t keep_caps; /* bit n keeps capability n, as in <linux/capability.h> */
	unsigned flags;	    /* PD_CLEAR_BOUNDING, PD_NO_NEW_PRIVS, PD_KEEP_CAPS, PD_EXECS_NEXT, PD_DRY_RUN */
};

/* The resolved identity; opaque, from pd_resolve, freed with pd_plan_free. */
struct pd_plan;

/*
 * Resolves USER[:GROUP] from /etc/passwd and /etc/group. USER and GROUP are
 * names, or digits (always an id, never a name); an empty USER is the
 * caller's uid. Without GROUP the gid is USER's primary group and the groups
 * are it and every group listing USER; with GROUP, the gid and the only
 * group are GROUP. HOME is USER's home directory, "/" when it has none.
 * Returns 0 and *plan, or -1 with *err filled in ("no such user", a file that
 * cannot be read, a malformed spec).
 */
int pd_resolve(const char *spec, struct pd_plan **plan, struct pd_error *err);

/*
 * pd_resolve without the heap, for a program that resolves once on its way
 * to an exec: the first call in a process resolves into a block the library
 * holds, later calls (and a call racing it) into the heap, as pd_resolve.
 * Freed with pd_plan_free either way; the block is not lent again.
 */
int pd_resolve_once(const char *spec, struct pd_plan **plan, struct pd_error *err);

uid_t pd_plan_uid(const struct pd_plan *plan);
gid_t pd_plan_gid(const struct pd_plan *plan);
/* The supplementary groups, sorted, the gid among them; valid until freed. */
const gid_t *pd_plan_groups(const struct pd_plan *plan, size_t *count);
/* The home directory, NUL-terminated; valid until freed. */
const char *pd_plan_home(const struct pd_plan *plan);
/* The login shell, /bin/sh when the entry has none or there is no entry. */
const char *pd_plan_shell(const struct pd_plan *plan);
/* The user's name from its passwd line; "" for a numeric user with none. */
const char *pd_plan_name(const struct pd_plan *plan);
/*
 * A group by name from /etc/group, or digits (always an id), with the rules
 * of pd_resolve's GROUP; 0 and *gid, or -1 with *err ("no such group").
 */
int pd_resolve_group(const char *group, gid_t *gid, struct pd_error *err);
/*
 * Makes the plan's supplementary groups exactly these (sorted, duplicates
 * dropped), in place of the resolved ones: for a caller that adds groups to
 * them or keeps the ones it holds. 0, or -1 with *err (more than 65536).
 */
int pd_plan_set_groups(struct pd_plan *plan, const gid_t *groups, size_t count, struct pd_error *err);
/* Frees a plan from pd_resolve; NULL is allowed. */
void pd_plan_free(struct pd_plan *plan);

/*
 * Becomes the plan: groups, gid, uid on every thread, capabilities as the
 * options say, then verifies all of it from the kernel (and that setuid(0)
 * now fails, unless the target is root or keeps CAP_SETUID). A caller that
 * is not root succeeds only when it already is exactly the plan. Returns 0,
 * or -1 with *err filled in; after -1 some steps may have happened.
 *
 * Capabilities are set through libcap-ng, which keeps its state per thread:
 * pd_apply (and pd_drop) overwrites the calling thread's, so a
 * caller that uses libcap-ng itself reads it again after (capng_get_caps_process).
 * A libcap-ng failure has err->step "capng_apply returned -N", its own code,
 * never read as a particular system call (the codes' meaning changes between
 * its versions); the reason is what the kernel, read back, shows wrong, else
 * libcap-ng's errno. libcap-ng may log with syslog(3), the one output this
 * library does not control (0.8.3 logs a failed bounding set drop there).
 *
 * PD_EXECS_NEXT is for a launcher that calls pd_exec right after (or stays
 * as an init that runs none of the command's code) and has started no
 * thread: only the calling thread is read back, and a thread the kernel
 * shows beside it (an emulator's own, as qemu-user's) is no reason to refuse
 * capability options, since the exec ends every other thread and the new
 * program's credentials are the calling thread's. Never for a process that
 * goes on running its own code: its other threads would keep the old ids.
 *
 * PD_DRY_RUN makes every check pd_apply makes before it changes anything
 * (the options, the threads, the capabilities the caller holds, and for a
 * caller that is not root, that it already is the plan) and changes
 * nothing: 0 when pd_apply would go on to switch. What the system calls of
 * the switch itself would say is not known until they are made.
 */
int pd_apply(const struct pd_plan *plan, const struct pd_options *opt, struct pd_error *err);

/* pd_resolve, pd_apply and pd_plan_free in one call; 0 or -1 with *err. */
int pd_drop(const char *spec, const struct pd_options *opt, struct pd_error *err);

/*
 * Execs argv[0], searched in PATH as the current user, with envp (NULL is an
 * empty environment) less any HOME, plus HOME from the plan. Call it after
 * pd_apply. Returns only on failure, -1 with errno set.
 */
int pd_exec(const struct pd_plan *plan, char *const argv[], char *const envp[]);

/* What pd_exec_env sets besides HOME. */
#define PD_ENV_LOGIN 1u /* USER, LOGNAME and SHELL from the plan too */
#define PD_ENV_RESET 2u /* only TERM kept; HOME, USER, LOGNAME, SHELL and PATH set */

/*
 * pd_exec, with more of the environment from the plan. PD_ENV_LOGIN also
 * sets USER and LOGNAME to the user's name and SHELL to its login shell; a
 * numeric user with no passwd line has no name, so USER and LOGNAME are
 * taken away rather than left naming someone else. PD_ENV_RESET, as
 * setpriv --reset-env: of envp only TERM is kept, the variables of
 * PD_ENV_LOGIN and HOME are set, and PATH becomes the login default, root's
 * for uid 0, else a user's, and is the one argv[0] is searched in. Unknown
 * bits fail with EINVAL.
 */
int pd_exec_env(const struct pd_plan *plan, char *const argv[], char *const envp[], unsigned how);

#ifdef __cplusplus
}
#endif

#endif
