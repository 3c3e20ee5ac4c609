/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The public calls a daemon uses: the error line, and resolving from /etc. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_privdrop.h"

static const struct {
	struct pd_error err;
	const char *line;
} format_rows[] = {
	{ { "setresuid", NULL, 0, NULL, EPERM, PD_ERR_SYSTEM, PD_FIELD_NONE }, "setresuid: Operation not permitted" },
	{ { NULL, "bogus", 5, "no such user", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'bogus': no such user" },
	{ { "/etc/group", NULL, 0, NULL, EACCES, PD_ERR_SYSTEM, PD_FIELD_NONE }, "/etc/group: Permission denied" },
	{ { "--grace", "5x", 2, "not a number", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "--grace: '5x': not a number" },
	{ { NULL, "a\nb\\c\x7f\x01", 7, "no such user", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'a\\x0ab\\x5cc\\x7f\\x01': no such user" },
	{ { NULL, "bogus:x", 5, "no such user", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'bogus': no such user" }, /* subject_len counts */
	/* C1 controls, raw or as UTF-8, are escaped: a terminal acts on them. */
	{ { NULL, "a\x9b" "31m", 5, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'a\\x9b31m': x" },
	{ { NULL, "\xc2\x9b" "31m\xc2\x9d" "0;t", 10, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'\\xc2\\x9b31m\\xc2\\x9d0;t': x" },
	{ { NULL, "\xc2\x80\xc2\x85\xc2\x9f", 6, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'\\xc2\\x80\\xc2\\x85\\xc2\\x9f': x" },
	/* Other well-formed UTF-8 text is kept: é, 日本, U+00A0, U+1F600. */
	{ { NULL, "\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac\xc2\xa0\xf0\x9f\x98\x80", 14, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE },
	  "'\xc3\xa9\xe6\x97\xa5\xe6\x9c\xac\xc2\xa0\xf0\x9f\x98\x80': x" },
	/* Malformed UTF-8, every byte escaped: overlong C1 and ESC, a surrogate, past U+10FFFF, F5, cut. */
	{ { NULL, "\xe0\x82\x9b\xc1\x9b\xc0\x9b", 7, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'\\xe0\\x82\\x9b\\xc1\\x9b\\xc0\\x9b': x" },
	{ { NULL, "\xed\xa0\x80\xf4\x90\x80\x80\xf5", 8, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE },
	  "'\\xed\\xa0\\x80\\xf4\\x90\\x80\\x80\\xf5': x" },
	{ { NULL, "\xe6\x97", 2, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'\\xe6\\x97': x" },
	{ { NULL, "\xe6\x97\xa5", 2, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'\\xe6\\x97': x" }, /* cut by subject_len */
	{ { NULL, "\xc3(\x9b", 3, "x", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'\\xc3(\\x9b': x" },
	{ { NULL, "", 0, "empty", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "'': empty" },
	{ { NULL, NULL, 0, "refused", 0, PD_ERR_INPUT, PD_FIELD_NONE }, "refused" },
};

START_TEST(test_format)
{
	char buf[256];
	size_t n = pd_error_format(&format_rows[_i].err, buf, sizeof(buf));

	ck_assert_str_eq(buf, format_rows[_i].line);
	ck_assert_uint_eq(n, strlen(format_rows[_i].line));
}
END_TEST

/* As snprintf: what fits and a NUL, and the length the whole line needs. */
/* The subject's escaping alone, as a program prints a HOME or a name. */
START_TEST(test_escape)
{
	char buf[64];

	ck_assert_uint_eq(pd_escape("a\nb\\\xc3\xa9\xc2\x9b", 8, buf, sizeof(buf)), 20);
	ck_assert_str_eq(buf, "a\\x0ab\\x5c\xc3\xa9\\xc2\\x9b");
	ck_assert_uint_eq(pd_escape("/home/app", 9, buf, 4), 9);
	ck_assert_str_eq(buf, "/ho");
	ck_assert_uint_eq(pd_escape("x", 1, NULL, 0), 1);
}
END_TEST

START_TEST(test_format_truncates)
{
	const struct pd_error err = { "verify", "a\tb", 3, "groups differ", 0, PD_ERR_VERIFY, PD_FIELD_NONE };
	const char *full = "verify: 'a\\x09b': groups differ";
	char buf[40];
	size_t size;

	for (size = 1; size <= strlen(full) + 1; size++) {
		memset(buf, '#', sizeof(buf));
		ck_assert_uint_eq(pd_error_format(&err, buf, size), strlen(full));
		ck_assert_uint_eq(strlen(buf), size - 1);
		ck_assert_int_eq(strncmp(buf, full, size - 1), 0);
		ck_assert_int_eq(buf[size], '#');
	}
	ck_assert_uint_eq(pd_error_format(&err, NULL, 0), strlen(full));
}
END_TEST

/*
 * The fixture databases, tests/fixtures/unit/passwd and group, from the
 * folder the tests run in (the tree's root; / in a guest, which holds a copy).
 */
#define UNIT_FIXTURES "tests/fixtures/unit/"

static void mount_fixture(const char *name, const char *target)
{
	char path[64] = UNIT_FIXTURES;

	strcat(path, name);
	ck_assert_msg(mount(path, target, "none", MS_BIND, NULL) == 0, "mount %s over %s: %s", path, target,
		      strerror(errno));
}

/* This forked test's own mount namespace, the fixtures over the real files. A type
 * string, ignored by the kernel here, keeps valgrind from calling NULL an error. */
static void fixtures(void)
{
	if (unshare(CLONE_NEWNS) < 0 && unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
		ck_abort_msg("pd_resolve needs root or user namespaces: %s", strerror(errno));
	ck_assert_msg(mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0,
		      "making / private: %s", strerror(errno));
	mount_fixture("passwd", "/etc/passwd");
	mount_fixture("group", "/etc/group");
}

static const struct {
	const char *spec;
	const char *line; /* NULL: resolves */
	uid_t uid;
	gid_t gid;
	const char *groups;
	const char *home;
} resolve_rows[] = {
	{ "app", NULL, 1000, 1000, "1000,1500", "/home/app" },
	{ "app:web", NULL, 1000, 1500, "1500", "/home/app" },
	{ "app:0", NULL, 1000, 0, "0", "/home/app" },
	{ "1000", NULL, 1000, 1000, "1000,1500", "/home/app" },
	{ "nobody", NULL, 65534, 65534, "1500,65534", "/nonexistent" },
	{ "nohome", NULL, 1001, 1001, "1001", "/" },
	{ "4242:4242", NULL, 4242, 4242, "4242", "/" },
	{ "bogus", "'bogus': no such user", 0, 0, NULL, NULL },
	{ "app:bogus", "'bogus': no such group", 0, 0, NULL, NULL },
	{ "bo\tgus", "'bo\\x09gus': no such user", 0, 0, NULL, NULL },
	{ "4294967295", "'4294967295': id out of range (0-4294967294)", 0, 0, NULL, NULL },
};

static void groups_text(const struct pd_plan *plan, char *buf, size_t size)
{
	size_t i, count, len = 0;
	const gid_t *g = pd_plan_groups(plan, &count);

	buf[0] = '\0';
	for (i = 0; i < count && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%u", i ? "," : "", (unsigned)g[i]);
}

/* Odd _i: pd_resolve_once (each forked test's first, so the library's block); even: pd_resolve. */
static int resolve_either(int once, const char *spec, struct pd_plan **plan,
			  struct pd_error *err)
{
	return once ? pd_resolve_once(spec, plan, err) : pd_resolve(spec, plan, err);
}

START_TEST(test_resolve)
{
	struct pd_plan *plan = (struct pd_plan *)1;
	struct pd_error err;
	char line[256];
	int r;

	fixtures();
	r = resolve_either(_i % 2, resolve_rows[_i / 2].spec, &plan, &err);
	_i /= 2;
	if (resolve_rows[_i].line) {
		ck_assert_int_eq(r, -1);
		ck_assert_ptr_null(plan);
		pd_error_format(&err, line, sizeof(line));
		ck_assert_str_eq(line, resolve_rows[_i].line);
		return;
	}
	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(pd_plan_uid(plan), resolve_rows[_i].uid);
	ck_assert_uint_eq(pd_plan_gid(plan), resolve_rows[_i].gid);
	groups_text(plan, line, sizeof(line));
	ck_assert_str_eq(line, resolve_rows[_i].groups);
	ck_assert_str_eq(pd_plan_home(plan), resolve_rows[_i].home);
	pd_plan_free(plan);
}
END_TEST

/* The command's HOME and FOO, run by pd_exec with envp in a child. */
static void exec_script(const struct pd_plan *plan, char *const envp[], unsigned how, const char *script,
			char *out, size_t size)
{
	char *const argv[] = { "sh", "-c", (char *)script, NULL };
	int fds[2];
	ssize_t n;
	pid_t pid;

	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		pd_exec_env(plan, argv, envp, how);
		_exit(127);
	}
	close(fds[1]);
	n = read(fds[0], out, size - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	waitpid(pid, NULL, 0);
}

static void exec_env(const struct pd_plan *plan, char *const envp[], char *out, size_t size)
{
	exec_script(plan, envp, 0, "printf '%s|%s' \"$HOME\" \"${FOO-unset}\"", out, size);
}

/* Every variable pd_exec_env may set, and FOO and TERM, which it may keep. */
#define LOGIN_VARS                                                                            \
	"printf '%s|%s|%s|%s|%s|%s|%s' \"$HOME\" \"${USER-unset}\" \"${LOGNAME-unset}\" \"$SHELL\" " \
	"\"$PATH\" \"${FOO-unset}\" \"${TERM-unset}\""

START_TEST(test_exec_login_env)
{
	char *const envp[] = { "USER=root", "LOGNAME=root", "SHELL=/bin/bash", "TERM=dumb",
			       "FOO=kept", "PATH=/usr/bin:/bin", NULL };
	struct pd_plan *plan, *none;
	struct pd_error err;
	char out[256];

	fixtures();
	ck_assert_int_eq(pd_resolve("app", &plan, &err), 0);
	ck_assert_int_eq(pd_resolve("4242:4242", &none, &err), 0);
	ck_assert_str_eq(pd_plan_name(plan), "app");
	ck_assert_str_eq(pd_plan_name(none), "");
	ck_assert_str_eq(pd_plan_shell(none), "/bin/sh");
	exec_script(plan, envp, PD_ENV_LOGIN, LOGIN_VARS, out, sizeof(out));
	ck_assert_str_eq(out, "/home/app|app|app|/bin/sh|/usr/bin:/bin|kept|dumb");
	exec_script(plan, envp, PD_ENV_RESET, LOGIN_VARS, out, sizeof(out));
	ck_assert_str_eq(out, "/home/app|app|app|/bin/sh|/usr/local/bin:/bin:/usr/bin|unset|dumb");
	exec_script(none, envp, PD_ENV_LOGIN, LOGIN_VARS, out, sizeof(out));
	ck_assert_str_eq(out, "/|unset|unset|/bin/sh|/usr/bin:/bin|kept|dumb");
	errno = 0;
	ck_assert_int_eq(pd_exec_env(plan, (char *const[]){ "true", NULL }, envp, 4), -1);
	ck_assert_int_eq(errno, EINVAL);
	pd_plan_free(none);
	pd_plan_free(plan);
}
END_TEST

/* More variables than the plan's spare memory holds: the heap takes them. */
#define BIG_ENV 6000

START_TEST(test_exec_environment)
{
	char *const envp[] = { "HOME=/wrong", "FOO=kept", "PATH=/usr/bin:/bin", NULL };
	static char *big[BIG_ENV + 2];
	struct pd_plan *plan;
	struct pd_error err;
	char out[256];
	size_t i;

	fixtures();
	ck_assert_int_eq(resolve_either(_i, "app", &plan, &err), 0);
	exec_env(plan, envp, out, sizeof(out));
	ck_assert_str_eq(out, "/home/app|kept");
	exec_env(plan, NULL, out, sizeof(out)); /* empty: execvpe's default PATH finds sh */
	ck_assert_str_eq(out, "/home/app|unset");
	for (i = 0; i < BIG_ENV; i++)
		big[i] = "X=1";
	big[i] = "FOO=big";
	exec_env(plan, big, out, sizeof(out));
	ck_assert_str_eq(out, "/home/app|big");
	pd_plan_free(plan);
}
END_TEST

/*
 * The PATH search, as execvp: an entry too long to name a file with '/' and
 * the command is skipped; a command name past NAME_MAX is ENAMETOOLONG. The
 * child exits with the command's status (true: 0) or pd_exec's errno.
 */
#define LONG_DIR 4096 /* PATH_MAX bytes: "/aaa.../aaa", no part past NAME_MAX */

static const struct {
	const char *before, *after, *command;
	int status;
} path_rows[] = {
	{ "", ":/usr/bin:/bin", "true", 0 },
	{ "/nonexistent:", ":/usr/bin:/bin", "true", 0 },
	{ "", "", "true", ENOENT },
	{ "/nonexistent:", "", "true", ENOENT },
	{ "", ":/usr/bin:/bin", NULL, ENAMETOOLONG }, /* a 300-byte name */
	{ NULL, "/usr/bin:/bin", NULL, ENAMETOOLONG },
};

static int exec_status(const struct pd_plan *plan, const char *path, const char *command)
{
	char *const argv[] = { (char *)command, NULL };
	int status;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setenv("PATH", path, 1);
		pd_exec(plan, argv, environ);
		_exit(errno);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

START_TEST(test_exec_path)
{
	static char path[2 * LONG_DIR], name[301];
	struct pd_plan *plan;
	struct pd_error err;
	size_t i;

	fixtures();
	ck_assert_int_eq(pd_resolve("app", &plan, &err), 0);
	path[0] = '\0';
	if (path_rows[_i].before) {
		strcat(path, path_rows[_i].before);
		for (i = 0; i < LONG_DIR / 16; i++)
			strcat(path, "/aaaaaaaaaaaaaaa");
	}
	strcat(path, path_rows[_i].after);
	memset(name, 'b', sizeof(name) - 1);
	ck_assert_int_eq(exec_status(plan, path, path_rows[_i].command ? path_rows[_i].command : name),
			 path_rows[_i].status);
	pd_plan_free(plan);
}
END_TEST

/* The block is lent once: a second plan, alive beside the first, is its own. */
START_TEST(test_resolve_once_twice)
{
	struct pd_plan *first, *second;
	struct pd_error err;
	char line[64];

	fixtures();
	ck_assert_int_eq(pd_resolve_once("app", &first, &err), 0);
	ck_assert_int_eq(pd_resolve_once("nobody:web", &second, &err), 0);
	ck_assert_ptr_ne(first, second);
	ck_assert_uint_eq(pd_plan_uid(first), 1000);
	groups_text(first, line, sizeof(line));
	ck_assert_str_eq(line, "1000,1500");
	ck_assert_uint_eq(pd_plan_gid(second), 1500);
	pd_plan_free(second);
	ck_assert_str_eq(pd_plan_home(first), "/home/app");
	pd_plan_free(first);
}
END_TEST

/* Options pd_apply cannot take are refused before anything changes. */
static const struct {
	struct pd_options opt;
	enum pd_error_field field;
	const char *line;
} bad_options[] = {
	{ { 1, 0 }, PD_FIELD_KEEP_CAPS, "keep_caps: not empty, without PD_KEEP_CAPS" },
	{ { 1, PD_NO_NEW_PRIVS }, PD_FIELD_KEEP_CAPS, "keep_caps: not empty, without PD_KEEP_CAPS" },
	{ { 0, 4 }, PD_FIELD_FLAGS, "unknown flags in struct pd_options" },
};

START_TEST(test_bad_options)
{
	struct pd_plan *plan;
	struct pd_error err;
	char line[256];
	uid_t ru, eu, su;

	fixtures();
	ck_assert_int_eq(pd_resolve("app", &plan, &err), 0);
	ck_assert_int_eq(pd_apply(plan, &bad_options[_i].opt, &err), -1);
	pd_error_format(&err, line, sizeof(line));
	ck_assert_str_eq(line, bad_options[_i].line);
	ck_assert_int_eq(err.errnum, EINVAL);
	ck_assert_int_eq(err.kind, PD_ERR_OPTION);
	ck_assert_int_eq(err.field, bad_options[_i].field);
	ck_assert_int_eq(getresuid(&ru, &eu, &su), 0);
	ck_assert_uint_ne(eu, 1000); /* not app: nothing changed */
	pd_plan_free(plan);
}
END_TEST

/* A program decides on the kind of a failure, never on its words. */
static const struct {
	const char *spec;
	enum pd_error_kind kind;
	int errnum;
} kind_rows[] = {
	{ "nosuch", PD_ERR_INPUT, 0 },
	{ "app:nosuch", PD_ERR_INPUT, 0 },
	{ "4294967295", PD_ERR_INPUT, 0 },
	{ "app::", PD_ERR_INPUT, 0 },
	{ "/etc/passwd is a fifo", PD_ERR_SYSTEM, 0 },
};

START_TEST(test_error_kinds)
{
	struct pd_plan *plan = NULL;
	struct pd_error err;
	const char *spec = kind_rows[_i].spec;

	fixtures();
	if (strcmp(spec, "/etc/passwd is a fifo") == 0) {
		unlink("/tmp/check_api.fifo");
		ck_assert_int_eq(mkfifo("/tmp/check_api.fifo", 0600), 0);
		/* A mount cannot go over the fixture, an unlinked file: over the real one. */
		ck_assert_int_eq(umount("/etc/passwd"), 0);
		ck_assert_msg(mount("/tmp/check_api.fifo", "/etc/passwd", "none", MS_BIND, NULL) == 0,
			      "mount: %s", strerror(errno));
		unlink("/tmp/check_api.fifo");
		spec = "app";
	}
	ck_assert_int_eq(pd_resolve(spec, &plan, &err), -1);
	ck_assert_int_eq(err.kind, kind_rows[_i].kind);
	ck_assert_int_eq(err.field, PD_FIELD_NONE);
	ck_assert_int_eq(err.errnum, kind_rows[_i].errnum);
	ck_assert_ptr_null(plan);
}
END_TEST

/*
 * Not root, asking to become someone else: PD_ERR_NOT_ROOT, and no call is
 * named that was not made. The kernel's ids stay the caller's.
 */
START_TEST(test_not_root)
{
	struct pd_plan *plan;
	struct pd_error err;
	uid_t ru, eu, su;

	fixtures();
	ck_assert_int_eq(pd_resolve("nobody", &plan, &err), 0);
	ck_assert_int_eq(setresgid(1000, 1000, 1000), 0);
	ck_assert_int_eq(setresuid(1000, 1000, 1000), 0);
	ck_assert_int_eq(pd_apply(plan, NULL, &err), -1);
	pd_plan_free(plan);
	ck_assert_int_eq(err.kind, PD_ERR_NOT_ROOT);
	ck_assert_int_eq(err.errnum, EPERM);
	ck_assert_ptr_null(err.step);
	ck_assert_int_eq(getresuid(&ru, &eu, &su), 0);
	ck_assert_uint_eq(ru, 1000);
	ck_assert_uint_eq(eu, 1000);
	ck_assert_uint_eq(su, 1000);
}
END_TEST

/* PD_DRY_RUN checks and changes nothing: root stays root; not root is refused as pd_apply refuses. */
START_TEST(test_dry_run)
{
	struct pd_options dry = { 0, PD_DRY_RUN }, bad = { (uint64_t)1 << 63, PD_DRY_RUN | PD_KEEP_CAPS };
	struct pd_plan *plan;
	struct pd_error err;
	uid_t ru, eu, su;

	fixtures();
	ck_assert_int_eq(pd_resolve("nobody", &plan, &err), 0);
	ck_assert_int_eq(pd_apply(plan, &dry, &err), 0);
	ck_assert_int_eq(getresuid(&ru, &eu, &su), 0);
	ck_assert_uint_eq(ru + eu + su, 0);
	ck_assert_uint_eq(getegid(), 0);
	ck_assert_int_eq(pd_apply(plan, &bad, &err), -1);
	ck_assert_int_eq(err.field, PD_FIELD_KEEP_CAPS);
	ck_assert_int_eq(setresuid(1000, 1000, 1000), 0);
	ck_assert_int_eq(pd_apply(plan, &dry, &err), -1);
	ck_assert_int_eq(err.kind, PD_ERR_NOT_ROOT);
	pd_plan_free(plan);
}
END_TEST

static void plan_groups_text(const struct pd_plan *plan, char *out, size_t size)
{
	groups_text(plan, out, size);
}

START_TEST(test_groups)
{
	static const gid_t some[] = { 5, 3, 5, 1 };
	struct pd_plan *plan;
	struct pd_error err;
	char line[128];
	gid_t gid = 0;

	fixtures();
	ck_assert_int_eq(pd_resolve_group("web", &gid, &err), 0);
	ck_assert_uint_eq(gid, 1500);
	ck_assert_int_eq(pd_resolve_group("1500", &gid, &err), 0);
	ck_assert_uint_eq(gid, 1500);
	ck_assert_int_eq(pd_resolve_group("nosuch", &gid, &err), -1);
	pd_error_format(&err, line, sizeof(line));
	ck_assert_str_eq(line, "'nosuch': no such group");
	ck_assert_int_eq(pd_resolve_group("", &gid, &err), -1);
	ck_assert_int_eq(err.kind, PD_ERR_INPUT);
	ck_assert_int_eq(pd_resolve_group("4294967295", &gid, &err), -1);
	ck_assert_int_eq(pd_resolve("app", &plan, &err), 0);
	ck_assert_int_eq(pd_plan_set_groups(plan, some, 4, &err), 0);
	plan_groups_text(plan, line, sizeof(line));
	ck_assert_str_eq(line, "1,3,5");
	pd_plan_free(plan);
}
END_TEST

/* --add-groups' lists and root's --keep-groups: the runtime's groups, not root's own. */
START_TEST(test_cli_groups_root)
{
	static const gid_t runtime[] = { 0, 44, 2000 };
	const char *lists[] = { "web,4242" }, *bad[] = { "web,,app" };
	struct pd_plan *plan;
	struct pd_error err;
	char line[128];

	fixtures();
	ck_assert_int_eq(setgroups(3, runtime), 0);
	ck_assert_int_eq(pd_resolve("nobody", &plan, &err), 0);
	ck_assert_int_eq(cli_groups(plan, lists, 1, 0, &err), 0);
	plan_groups_text(plan, line, sizeof(line));
	ck_assert_str_eq(line, "1500,4242,65534");
	ck_assert_int_eq(cli_groups(plan, NULL, 0, 1, &err), 0);
	plan_groups_text(plan, line, sizeof(line));
	ck_assert_str_eq(line, "44,1500,2000,4242,65534");
	ck_assert_int_eq(cli_groups(plan, bad, 1, 0, &err), -1);
	pd_error_format(&err, line, sizeof(line));
	ck_assert_str_eq(line, "'web,,app': empty group name");
	pd_plan_free(plan);
}
END_TEST

/* Not root: the held groups replace USER's; gid 0 among them is refused unless asked for. */
START_TEST(test_cli_groups_not_root)
{
	static const gid_t held[] = { 0, 2000 };
	const char *zero[] = { "0" };
	struct pd_plan *plan;
	struct pd_error err;
	char line[160];

	fixtures();
	ck_assert_int_eq(pd_resolve("app", &plan, &err), 0);
	ck_assert_int_eq(setgroups(2, held), 0);
	ck_assert_int_eq(setresgid(1000, 1000, 1000), 0);
	ck_assert_int_eq(setresuid(1000, 1000, 1000), 0);
	ck_assert_int_eq(cli_groups(plan, NULL, 0, 1, &err), -1);
	pd_error_format(&err, line, sizeof(line));
	ck_assert_str_eq(line, "--keep-groups: the caller holds gid 0, which is never kept: name it as GROUP or with --add-groups");
	ck_assert_int_eq(cli_groups(plan, zero, 1, 1, &err), 0);
	plan_groups_text(plan, line, sizeof(line));
	ck_assert_str_eq(line, "0,1000,2000");
	pd_plan_free(plan);
}
END_TEST

/*
 * --dry-run's sets, against the kernel's rules (capabilities(7)): a non-root
 * target keeps exactly -k, ambient too; root with -k is bounded to it; -b
 * empties the bounding set but for -k; -n sets no_new_privs.
 */
START_TEST(test_forecast)
{
	struct pd_options keep = { (uint64_t)1 << 10, PD_KEEP_CAPS }, bounded = { 0, PD_CLEAR_BOUNDING },
			  nnp = { 0, PD_NO_NEW_PRIVS }, root_keep = { (uint64_t)1 << 10, PD_KEEP_CAPS };
	struct cli_forecast f, now;

	ck_assert_int_eq(cli_forecast(0, &(struct pd_options){ 0 }, &now), 0);
	ck_assert_int_eq(cli_forecast(65534, &keep, &f), 0);
	ck_assert(f.inheritable == 1u << 10 && f.permitted == 1u << 10 && f.effective == 1u << 10 &&
		  f.ambient == 1u << 10 && f.bounding == now.bounding);
	ck_assert_int_eq(cli_forecast(65534, &(struct pd_options){ 0 }, &f), 0);
	ck_assert(f.inheritable == 0 && f.permitted == 0 && f.effective == 0 && f.ambient == 0);
	ck_assert_int_eq(cli_forecast(65534, &bounded, &f), 0);
	ck_assert(f.bounding == 0 && f.permitted == 0);
	ck_assert_int_eq(cli_forecast(0, &root_keep, &f), 0);
	ck_assert(f.bounding == 1u << 10 && f.permitted == 1u << 10 && f.effective == 1u << 10 && f.ambient == 0);
	ck_assert_int_eq(cli_forecast(0, &bounded, &f), 0);
	ck_assert(f.bounding == 0 && f.permitted == 0 && f.inheritable == 0);
	ck_assert_int_eq(cli_forecast(65534, &nnp, &f), 0);
	ck_assert_int_eq(f.no_new_privs, 1);
	ck_assert_int_eq(now.no_new_privs, 0);
}
END_TEST

Suite *api_suite(void)
{
	Suite *s = suite_create("api");
	TCase *tc = tcase_create("public");
	TCase *files = tcase_create("files");

	tcase_add_loop_test(tc, test_format, 0, COUNT(format_rows));
	tcase_add_test(tc, test_format_truncates);
	tcase_add_test(tc, test_escape);
	tcase_add_test(tc, test_forecast);
	suite_add_tcase(s, tc);
	/*
	 * These mount fixtures over /etc in a namespace of their own: a build
	 * with no mount namespaces (an image build) leaves them out with
	 * CK_EXCLUDE_TAGS=namespace; make check always runs them.
	 */
	tcase_set_tags(files, "namespace");
	tcase_add_loop_test(files, test_resolve, 0, 2 * COUNT(resolve_rows));
	tcase_add_loop_test(files, test_exec_environment, 0, 2);
	tcase_add_test(files, test_exec_login_env);
	tcase_add_test(files, test_resolve_once_twice);
	tcase_add_test(files, test_dry_run);
	tcase_add_test(files, test_groups);
	tcase_add_test(files, test_cli_groups_root);
	tcase_add_test(files, test_cli_groups_not_root);
	tcase_add_loop_test(files, test_bad_options, 0, COUNT(bad_options));
	tcase_add_loop_test(files, test_error_kinds, 0, COUNT(kind_rows));
	tcase_add_test(files, test_not_root);
	tcase_add_loop_test(files, test_exec_path, 0, COUNT(path_rows));
	suite_add_tcase(s, files);
	return s;
}
