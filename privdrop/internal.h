/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * privdrop's internals, shared by its files and the unit tests; never
 * installed. The promise to other programs is privdrop.h.
 *
 * The library never prints and never exits. Actions return 0, or -1 with
 * a struct pd_error filled in. Lookups return 1 found, 0 not found, -1
 * error. Readers take a struct pd_db, which is fed a file descriptor or a
 * buffer, so tests can hand them strings.
 */
#ifndef PRIVDROP_INTERNAL_H
#define PRIVDROP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "privdrop.h" /* first: the debug information names it privdrop/privdrop.h */
#include "../common/common.h"

#define PD_PASSWD "/etc/passwd"
#define PD_GROUP "/etc/group"

/* The largest id a spec or a database line may name; (uid_t)-1 is not an id. */
#define PD_ID_MAX 4294967294u
/* The kernel's limit for setgroups (linux/limits.h NGROUPS_MAX; musl says 32). */
#define PD_GROUPS_MAX 65536
/* A good size for the buffers given to pd_db_open: most files in one read. */
#define PD_BLOCK_SIZE (32u << 10)
/* A database line longer than this is an error, not a silent skip. */
#define PD_LINE_MAX (64u << 20)

/* number.c: an id, 0..PD_ID_MAX; *why says what is wrong */
int pd_parse_id(const char *s, size_t len, uint32_t *id, const char **why);

/* spec.c: one half of USER[:GROUP] */
enum pd_kind { PD_DEFAULT, PD_ID, PD_NAME };
struct pd_field {
	enum pd_kind kind;
	uint32_t id;	  /* PD_ID */
	const char *name; /* PD_NAME: points into the spec */
	size_t len;
};
struct pd_spec {
	struct pd_field user, group;
};
int pd_spec_parse(const char *arg, struct pd_spec *spec, struct pd_error *err);
/* One field of a spec: empty, digits (an id, 0..PD_ID_MAX) or a name. */
int pd_field_parse(const char *s, size_t len, struct pd_field *f, struct pd_error *err);

/* find.c: a needle is prepared once, then searched for in many blocks */
struct pd_needle {
	const char *p;
	size_t len;
	unsigned char skip[256], shift;
};
void pd_needle_init(struct pd_needle *n, const char *p, size_t len);
const char *pd_needle_find(const struct pd_needle *n, const char *hay, size_t hay_len);

/* db.c: a database read as blocks of whole lines */
struct pd_span {
	const char *p;
	size_t len;
};
struct pd_db {
	const char *path; /* NULL: memory */
	int fd;		  /* -1: memory, or a missing file */
	const char *mem;
	size_t mem_len;
	char *buf;
	size_t cap, len, used;
	int owned; /* buf is ours to free */
	int eof;
	const char *pos, *end; /* what is left of the current block */
};
void pd_db_mem(struct pd_db *db, const char *text, size_t len);
int pd_db_open(struct pd_db *db, const char *path, char *buf, size_t size, struct pd_error *err);
void pd_db_close(struct pd_db *db);
int pd_line_usable(const char *line, size_t len);
size_t pd_line_split(const char *line, size_t len, struct pd_span *fields, size_t max);
int pd_db_next(struct pd_db *db, const struct pd_needle *needle, const char **line, size_t *len);
/* Reads one line into entry: 1 when the line is valid. */
typedef int pd_line_parser(const char *line, size_t len, void *entry);
int pd_db_find_named(struct pd_db *db, const char *name, size_t len, pd_line_parser *parse, void *entry);

/* passwd.c: entries point into the db's buffer until its next block */
struct pd_passwd {
	const char *name, *home, *shell;
	size_t name_len, home_len, shell_len;
	uint32_t uid, gid;
};
int pd_passwd_parse(const char *line, size_t len, struct pd_passwd *pw);
int pd_passwd_by_name(struct pd_db *db, const char *name, size_t len, struct pd_passwd *pw);
int pd_passwd_by_uid(struct pd_db *db, uint32_t uid, struct pd_passwd *pw);

/* group.c */
struct pd_group {
	const char *name, *members;
	size_t name_len, members_len;
	uint32_t gid;
};
int pd_group_parse(const char *line, size_t len, struct pd_group *gr);
int pd_group_has_member(const struct pd_group *gr, const struct pd_needle *user);
int pd_group_by_name(struct pd_db *db, const char *name, size_t len, uint32_t *gid);

/*
 * gids.c: a set of group ids, kept sorted and unique by pd_gids_finish. The
 * first few live inside the struct (no malloc on the common path), so a set
 * starts zeroed, is never copied, and ends with pd_gids_free.
 */
#define PD_GIDS_INLINE 32
struct pd_gids {
	gid_t *list;
	size_t count, cap;
	gid_t inline_list[PD_GIDS_INLINE];
};
int pd_gids_add(struct pd_gids *set, gid_t gid);
int pd_gids_finish(struct pd_gids *set);
void pd_gids_free(struct pd_gids *set);
int pd_group_memberships(struct pd_db *db, const char *user, size_t len, struct pd_gids *set);
struct pd_plan;
int pd_gids_are_plan(struct pd_gids *got, const struct pd_plan *plan);

/* plan.c: what the spec resolves to; the capabilities asked for are the caller's struct pd_options */
#define PD_HOME_MAX 4096 /* PATH_MAX: a longer home or shell is no path, and an error */
#define PD_NAME_MAX 256	 /* LOGIN_NAME_MAX is 256 with glibc and musl */
struct pd_plan {
	uid_t uid;
	gid_t gid;
	struct pd_gids groups;
	char home[PD_HOME_MAX];
	char shell[PD_HOME_MAX];
	char name[PD_NAME_MAX]; /* "" for a user with no passwd line */
	char *spare; /* memory pd_exec may use, aligned; NULL: none */
	size_t spare_size;
};
struct pd_caller {
	uid_t uid;
	gid_t gid;
};
int pd_group_of(const struct pd_field *g, struct pd_db *group, gid_t *gid, struct pd_error *err);
int pd_plan_build(struct pd_plan *plan, const struct pd_spec *spec, struct pd_caller caller,
		    struct pd_db *passwd, struct pd_db *group, struct pd_error *err);
/* Frees what a plan holds, not the plan: pd_plan_free frees one from pd_resolve. */
void pd_plan_release(struct pd_plan *plan);

/* The two capability numbers su-exec itself needs, from the kernel's ABI. */
#define PD_CAP_SETGID 6
#define PD_CAP_SETUID 7
#define PD_CAP_SETPCAP 8

/*
 * caps.c: libcap-ng sets the capabilities; the state is read back as the
 * kernel reports it, fields saying which parts were read.
 */
enum {
	PD_CAP_E = 1,
	PD_CAP_P = 2,
	PD_CAP_I = 4,
	PD_CAP_A = 8,
	PD_CAP_B = 16,
	PD_CAP_NNP = 32,
	PD_CAP_ALL = 63
};
struct pd_capstate {
	uint64_t effective, permitted, inheritable, ambient, bounding;
	unsigned count; /* cap_last_cap + 1, with PD_CAP_B */
	int no_new_privs;
	unsigned fields;
};
int pd_caps_read(struct pd_capstate *st, unsigned fields, struct pd_error *err);
int pd_caps_check_start(const struct pd_options *caps, struct pd_capstate *start, struct pd_error *err);
int pd_caps_before_ids(const struct pd_plan *plan, const struct pd_options *caps, struct pd_error *err);
int pd_caps_after_ids(const struct pd_plan *plan, const struct pd_options *caps,
		      const struct pd_capstate *start, struct pd_error *err);
void pd_caps_expect(const struct pd_plan *plan, const struct pd_options *caps,
		    const struct pd_capstate *start,
		    struct pd_capstate *want);
int pd_caps_verify(const struct pd_plan *plan, const struct pd_options *caps,
		   const struct pd_capstate *start,
		   struct pd_error *err);

/* switch.c */
int pd_identity_is(const struct pd_plan *plan);
/* 0 when the caller is root or already is the plan; else -1, PD_ERR_NOT_ROOT */
int pd_identity_allowed(const struct pd_plan *plan, struct pd_error *err);
int pd_switch_ids(const struct pd_plan *plan, const struct pd_options *caps,
	      const struct pd_capstate *start, int alone, struct pd_error *err);
int pd_verify(const struct pd_plan *plan, const struct pd_options *caps,
	      const struct pd_capstate *start, struct pd_error *err);

/* error.c: pd_fail (common.h) for an option, with its field; returns -1 */
int pd_fail_option(struct pd_error *err, enum pd_error_field field, int errnum, const char *reason);

/* threads.c: the other threads, seen through /proc/self/task */
int pd_threads_alone(void);
int pd_threads_readable(int alone, struct pd_error *err);
int pd_threads_unreadable(int alone, struct pd_error *err);
int pd_threads_verify(const struct pd_plan *plan, const struct pd_options *caps,
		      const struct pd_capstate *start,
		      struct pd_error *err);

#endif
