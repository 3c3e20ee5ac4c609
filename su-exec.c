/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * su-exec: switch user and group, then exec a command in place.
 *
 * This file owns the command line: options, messages and exit codes. It is
 * the only place that prints or exits. cli/ turns its words into values;
 * init/ is the init behind --init; privdrop/ does the work, through its
 * public calls alone.
 */
#include <cap-ng.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/line.h"
#include "cli/target.h"
#include "init/init.h"
#include "privdrop/privdrop.h"

extern char **environ;

/* The Makefile passes both from VERSION and pkg-config: -V never guesses. */
#if !defined(VERSION) || !defined(CAPNG_VERSION)
#error "build with make: it defines VERSION and CAPNG_VERSION"
#endif
_Static_assert(sizeof(VERSION) > 1 && sizeof(CAPNG_VERSION) > 1,
	"VERSION or CAPNG_VERSION is empty: is the VERSION file there, and libcap-ng's pkg-config file?");

/* As env(1) and chroot(1): our failure, cannot execute, not found. */
#define EXIT_FAIL 125
#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND 127

static const char usage_text[] =
	"Usage: su-exec [OPTION]... USER[:GROUP] COMMAND [ARG]...\n"
	"Switch to USER and GROUP, then run COMMAND in place of su-exec.\n"
	"\n"
	"USER and GROUP: names from /etc/passwd and /etc/group, or ids (digits are\n"
	"always an id); an empty USER is the caller's uid. The groups are USER's\n"
	"primary and each naming USER, or GROUP alone. HOME becomes USER's home.\n"
	"\n"
	"  -k, --keep-caps=LIST   keep these capabilities (names as in capabilities(7),\n"
	"                         comma-separated; repeatable): ambient for non-root\n"
	"  -b, --clear-bounding   empty the bounding set but for the kept capabilities\n"
	"  -n, --no-new-privs     set no_new_privs: nothing exec'd can gain privileges\n"
	"  -i, --init             stay as COMMAND's init, as USER: forward signals,\n"
	"                         reap every child, exit with COMMAND's status\n"
	"  -g, --pgroup           with --init: COMMAND leads its own (foreground) group\n"
	"  -r, --rewrite=FROM:TO  with --init: deliver signal FROM as TO, 0 drops it\n"
	"      --grace=SECONDS    with --init: after COMMAND, SIGTERM the rest, SIGKILL\n"
	"                         them SECONDS later (0-86400, default 5)\n"
	"  -e, --expect-exit=CODE with --init: exit 0 when COMMAND's status is CODE\n"
	"      --pdeathsig=SIG    COMMAND gets SIG when its parent dies\n"
	"      --add-groups=LIST  add these groups (names or ids, comma-separated)\n"
	"      --keep-groups      keep the caller's added groups: not root, all it has;\n"
	"                         root, those /etc/group does not give it; never gid 0\n"
	"      --login-env        also set USER, LOGNAME and SHELL from USER's entry\n"
	"      --reset-env        as setpriv: keep only TERM, set HOME, USER, LOGNAME,\n"
	"                         SHELL, and PATH to the login default\n"
	"  -v, --verbose          print the uid, gid, groups and HOME before the exec\n"
	"      --dry-run          check all, change and run nothing: print what would\n"
	"                         be set (as -v, then the sets, no_new_privs, --init's)\n"
	"  -h, --help             print this help and exit (-? alone too, as gosu)\n"
	"  -V, --version          print the version, arch, libc and libcap-ng, and exit\n"
	"                         (-v alone too, as gosu)\n"
	"  --                     end of options\n"
	"\n"
	"Exit status: 125 if su-exec fails, 126 if COMMAND cannot be executed,\n"
	"127 if COMMAND is not found, otherwise the status of COMMAND.\n";

static const char version_text[] =
	"su-exec (privdrop) " VERSION ", " TARGET_ARCH ", " TARGET_LIBC ", libcap-ng " CAPNG_VERSION "\n";

struct option_def;

struct options {
	int verbose;
	int dry_run;
	int keep_groups;
	size_t n_groups;
	const char *groups[16]; /* --add-groups' lists */
	struct pd_options caps; /* -k, -b and -n, as the library takes them */
	int init_mode;
	const struct option_def *init_only; /* an option that means nothing without --init */
	struct init_options init;
};

static _Noreturn void die_error_status(const struct pd_error *err, int status)
{
	struct line l = { .fd = STDERR_FILENO };

	line_add(&l, "su-exec: ");
	line_error(&l, err);
	line_put(&l);
	_exit(status);
}

static _Noreturn void die_error(const struct pd_error *err)
{
	die_error_status(err, EXIT_FAIL);
}

static _Noreturn void die(const char *subject, const char *reason)
{
	struct pd_error err = { 0 };

	err.subject = subject;
	err.subject_len = subject ? strlen(subject) : 0;
	err.reason = reason;
	die_error(&err);
}

/*
 * A command line that cannot be run. Every error about an option names it the
 * same way, by its long name: "su-exec: --grace: '-1': reason".
 */
static _Noreturn void usage_error(const char *option, const char *subject, const char *reason)
{
	struct line l = { .fd = STDERR_FILENO };
	struct pd_error err = { .step = option, .subject = subject, .reason = reason };

	err.subject_len = subject ? strlen(subject) : 0;
	line_add(&l, "su-exec: ");
	line_error(&l, &err);
	line_add(&l, " (try --help)");
	line_put(&l);
	_exit(EXIT_FAIL);
}

static _Noreturn void print_and_exit(const char *text)
{
	size_t len = strlen(text);
	ssize_t n;

	while (len > 0 && (n = write(STDOUT_FILENO, text, len)) > 0) {
		text += n;
		len -= (size_t)n;
	}
	_exit(len ? EXIT_FAIL : 0);
}

/*
 * The one option table: getopt_long's long options and its short letters
 * are made from it, and it says which options mean nothing without --init.
 */
struct option_def {
	const char *name;
	int has_arg;
	int val; /* the short letter, or above 255 for a long-only option */
	int init_only;
};

enum { OPT_GRACE = 256, OPT_PDEATHSIG, OPT_DRY_RUN, OPT_LOGIN_ENV, OPT_RESET_ENV, OPT_ADD_GROUPS, OPT_KEEP_GROUPS };

static const struct option_def option_defs[] = {
	{ "keep-caps", required_argument, 'k', 0 },
	{ "clear-bounding", no_argument, 'b', 0 },
	{ "no-new-privs", no_argument, 'n', 0 },
	{ "verbose", no_argument, 'v', 0 },
	{ "dry-run", no_argument, OPT_DRY_RUN, 0 },
	{ "add-groups", required_argument, OPT_ADD_GROUPS, 0 },
	{ "keep-groups", no_argument, OPT_KEEP_GROUPS, 0 },
	{ "login-env", no_argument, OPT_LOGIN_ENV, 0 },
	{ "reset-env", no_argument, OPT_RESET_ENV, 0 },
	{ "help", no_argument, 'h', 0 },
	{ "version", no_argument, 'V', 0 },
	{ "init", no_argument, 'i', 0 },
	{ "pgroup", no_argument, 'g', 1 },
	{ "rewrite", required_argument, 'r', 1 },
	{ "grace", required_argument, OPT_GRACE, 1 },
	{ "expect-exit", required_argument, 'e', 1 },
	{ "pdeathsig", required_argument, OPT_PDEATHSIG, 0 },
};

#define N_OPTIONS (sizeof(option_defs) / sizeof(option_defs[0]))

static const struct option_def *find_option(int val)
{
	size_t i;

	for (i = 0; i < N_OPTIONS; i++)
		if (option_defs[i].val == val)
			return &option_defs[i];
	return NULL;
}

/* Every error about an option names it by its long name, dashes and all. */
static const char *dashed(const struct option_def *d)
{
	static char name[24];

	strcpy(name, "--");
	strncat(name, d->name, sizeof(name) - 3);
	return name;
}

static void apply_option(const struct option_def *d, const char *arg, struct options *o)
{
	struct pd_error err = { 0 };
	int r = 0;

	if (d->init_only)
		o->init_only = d;
	switch (d->val) {
	case 'k':
		r = cli_caps_parse(arg, &o->caps.keep_caps, &err);
		o->caps.flags |= PD_KEEP_CAPS;
		break;
	case 'b':
		o->caps.flags |= PD_CLEAR_BOUNDING;
		break;
	case 'n':
		o->caps.flags |= PD_NO_NEW_PRIVS;
		break;
	case 'v':
		o->verbose = 1;
		break;
	case OPT_DRY_RUN:
		o->dry_run = 1;
		break;
	case OPT_ADD_GROUPS:
		if (o->n_groups == sizeof(o->groups) / sizeof(*o->groups))
			usage_error(dashed(d), NULL, "given more than 16 times");
		o->groups[o->n_groups++] = arg;
		break;
	case OPT_KEEP_GROUPS:
		o->keep_groups = 1;
		break;
	case OPT_LOGIN_ENV:
		o->init.env |= PD_ENV_LOGIN;
		break;
	case OPT_RESET_ENV:
		o->init.env |= PD_ENV_RESET;
		break;
	case 'h':
		print_and_exit(usage_text);
	case 'V':
		print_and_exit(version_text);
	case 'i':
		o->init_mode = 1;
		break;
	case 'g':
		o->init.pgroup = 1;
		break;
	case 'r':
		r = cli_rewrite_parse(arg, &o->init, &err);
		break;
	case OPT_GRACE:
		r = cli_grace_parse(arg, &o->init.grace, &err);
		break;
	case 'e':
		r = cli_expect_parse(arg, &o->init, &err);
		break;
	case OPT_PDEATHSIG:
		r = cli_pdeathsig_parse(arg, &o->init.pdeathsig, &err);
		o->init.parent = getppid(); /* as early as can be: a death from here on is seen */
		break;
	}
	if (r < 0) {
		err.step = dashed(d);
		die_error(&err);
	}
}

/* getopt_long's tables, from option_defs; '+': options stand before the spec. */
static void getopt_tables(struct option *longs, char *shorts)
{
	size_t i;

	*shorts++ = '+';
	*shorts++ = ':';
	for (i = 0; i < N_OPTIONS; i++) {
		longs[i] = (struct option){ option_defs[i].name, option_defs[i].has_arg, NULL,
					    option_defs[i].val };
		if (option_defs[i].val > 255)
			continue;
		*shorts++ = (char)option_defs[i].val;
		if (option_defs[i].has_arg)
			*shorts++ = ':';
	}
	longs[i] = (struct option){ 0 };
	*shorts = '\0';
}

/*
 * A long option is named in full, as su-exec and gosu take it: getopt_long
 * also takes a unique prefix, refused here as an unknown option.
 */
static void whole_name(const char *word, const struct option_def *d)
{
	size_t len = strlen(d->name);

	if (strncmp(word, "--", 2) == 0 &&
	    (strncmp(word + 2, d->name, len) != 0 || (word[2 + len] != '\0' && word[2 + len] != '=')))
		usage_error(NULL, word, "unknown option");
}

/*
 * Why getopt_long stopped at the word before optind: ':' an option without
 * its argument; '?' with optopt ours, a long option given one it takes none
 * of; otherwise no such option, the short letter optopt or the long word.
 */
static _Noreturn void bad_option(int c, int argc, char **argv)
{
	const struct option_def *d = find_option(optopt);
	char one[3] = { '-', (char)optopt, '\0' };
	const char *word = argv[(optind > argc ? argc : optind) - 1]; /* musl passes argc for a short one */

	if (d)
		whole_name(word, d);
	if (c == ':' && d)
		usage_error(dashed(d), NULL, "needs an argument");
	if (d)
		usage_error(dashed(d), NULL, "takes no argument");
	usage_error(NULL, optopt ? one : word, "unknown option");
}

/* Returns the index of the spec. */
static int parse_options(int argc, char **argv, struct options *o)
{
	struct option longs[N_OPTIONS + 1];
	char shorts[2 * N_OPTIONS + 3];
	const struct option_def *d;
	int c, index = -1;

	getopt_tables(longs, shorts);
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts, longs, &index)) != -1) {
		d = c == '?' || c == ':' ? NULL : find_option(c);
		if (!d)
			bad_option(c, argc, argv);
		/* The word is the one before optind, or before that when the argument was the next word. */
		if (index >= 0)
			whole_name(argv[optind - (d->has_arg && optarg == argv[optind - 1] ? 2 : 1)], d);
		apply_option(d, optarg, o);
		index = -1;
	}
	return optind;
}
/*
 * A setuid, setgid or file-capability su-exec would let any user become root:
 * refuse, for every caller, before reading a single option. AT_SECURE says the
 * kernel raised us at exec; the mode bits catch root running such a copy. The
 * file is the one the kernel ran, /proc/self/exe: the path we were run by may
 * name another file by now. Only where /proc is missing is that path (AT_EXECFN)
 * looked at; when neither can be, refuse too.
 */
static void refuse_setid(void)
{
	const char *exe = (const char *)getauxval(AT_EXECFN);
	struct stat st;

	if (getauxval(AT_SECURE))
		die(NULL, "refusing to run with privileges raised at exec (setuid, setgid or "
			  "file capabilities)");
	if (stat("/proc/self/exe", &st) < 0 && (!exe || stat(exe, &st) < 0))
		die(NULL, "refusing to run: cannot check its own file for the setuid bit");
	if (st.st_mode & (S_ISUID | S_ISGID))
		die(NULL, "refusing to run with the setuid or setgid bit set");
}

/* --add-groups and --keep-groups, named in any error about them. */
static void more_groups(struct pd_plan *plan, const struct options *o)
{
	struct pd_error err;

	if (!o->n_groups && !o->keep_groups)
		return;
	if (cli_groups(plan, o->groups, o->n_groups, o->keep_groups, &err) < 0) {
		if (!err.step && err.kind == PD_ERR_INPUT)
			err.step = "--add-groups";
		die_error(&err);
	}
}

/* Resolved once, into the library's block: su-exec's way to its exec uses no heap. */
static struct pd_plan *plan_for(const char *arg)
{
	struct pd_plan *plan;
	struct pd_error err;

	if (pd_resolve_once(arg, &plan, &err) < 0)
		die_error(&err);
	return plan;
}

static void add_change(struct line *l, const char *what, unsigned long from, unsigned long to)
{
	if (from == to)
		return;
	line_add(l, what);
	line_uint(l, from);
	line_add(l, " to ");
	line_uint(l, to);
	line_add(l, ", ");
}

/* With only the groups to change, the refusal says which option lets it run. */
static _Noreturn void refuse_change(const char *arg, const struct pd_plan *plan, int keep_groups)
{
	struct line why = { .fd = -1 };
	struct pd_error err = { .subject = arg, .subject_len = strlen(arg) };
	uid_t uid = pd_plan_uid(plan);
	gid_t gid = pd_plan_gid(plan), held[16];
	const gid_t *asked;
	size_t count;
	int n;

	line_add(&why, "cannot change ");
	add_change(&why, "uid ", geteuid(), uid);
	add_change(&why, "gid ", getegid(), gid);
	if (geteuid() == uid && getegid() == gid) {
		/* Up to 16 are listed; more are counted. */
		n = getgroups(0, NULL);
		line_add(&why, "supplementary groups from ");
		if (n >= 0 && n <= 16 && getgroups(n, held) == n) {
			line_groups(&why, held, (size_t)n);
		} else if (n > 16) {
			line_uint(&why, (unsigned long)n);
			line_add(&why, " groups");
		} else {
			line_add(&why, "?");
		}
		asked = pd_plan_groups(plan, &count);
		line_add(&why, " to ");
		line_groups(&why, asked, count);
		line_add(&why, ", ");
	}
	line_add(&why, "not running as root");
	if (geteuid() == uid && getegid() == gid && !keep_groups)
		line_add(&why, " (--keep-groups runs COMMAND with the groups it has)");
	line_mem(&why, "", 1);
	err.reason = why.buf;
	die_error(&err);
}

/* The option of su-exec's that sets each field of struct pd_options. */
static const char *const field_options[] = {
	[PD_FIELD_KEEP_CAPS] = "--keep-caps",
	[PD_FIELD_CLEAR_BOUNDING] = "--clear-bounding",
	[PD_FIELD_NO_NEW_PRIVS] = "--no-new-privs",
	[PD_FIELD_FLAGS] = NULL,
};

/* Not root, and the plan is not what we are: only root can change it. An
 * option the library refuses is named by su-exec's name for it. */
static _Noreturn void apply_failed(const char *arg, const struct pd_plan *plan, const struct options *o,
				   struct pd_error *err)
{
	if (err->kind == PD_ERR_NOT_ROOT)
		refuse_change(arg, plan, o->keep_groups);
	if (err->kind == PD_ERR_OPTION && (size_t)err->field < sizeof(field_options) / sizeof(*field_options) &&
	    field_options[err->field])
		err->step = field_options[err->field];
	die_error(err);
}

/*
 * Without capability options, a plain drop. A root target given -b or -n but
 * no -k keeps root's capabilities: only -k sets PD_KEEP_CAPS.
 */
static void become(const char *arg, const struct pd_plan *plan, const struct options *o)
{
	struct pd_options caps = o->caps;
	struct pd_error err;

	caps.flags |= PD_EXECS_NEXT; /* it execs, or stays as the init, right after */
	if (pd_apply(plan, &caps, &err) < 0)
		apply_failed(arg, plan, o, &err);
}

/* The kept capabilities, by libcap-ng's names. */
static void add_caps(struct line *l, const struct options *o)
{
	const char *sep = " caps=", *name;
	unsigned cap;

	for (cap = 0; (o->caps.flags & PD_KEEP_CAPS) && cap < 64; cap++) {
		if (!(o->caps.keep_caps & ((uint64_t)1 << cap)))
			continue;
		name = capng_capability_to_name(cap);
		line_add(l, sep);
		line_add(l, name ? name : "?");
		sep = ",";
	}
}

static void say_plan(const struct pd_plan *plan, const struct options *o)
{
	struct line l = { .fd = STDERR_FILENO };
	size_t i, count;
	const gid_t *groups = pd_plan_groups(plan, &count);

	line_add(&l, "su-exec: uid=");
	line_uint(&l, pd_plan_uid(plan));
	line_add(&l, " gid=");
	line_uint(&l, pd_plan_gid(plan));
	line_add(&l, " groups=");
	for (i = 0; i < count; i++) {
		if (i)
			line_add(&l, ",");
		line_uint(&l, groups[i]);
	}
	line_add(&l, " HOME=");
	line_escaped(&l, pd_plan_home(plan));
	add_caps(&l, o);
	line_put(&l);
}

/* What --login-env and --reset-env set besides HOME (pd_exec_env). */
static void say_env(const struct pd_plan *plan, unsigned env)
{
	struct line l = { .fd = STDERR_FILENO };
	const char *name = pd_plan_name(plan);

	line_add(&l, "su-exec:");
	if (env & PD_ENV_RESET)
		line_add(&l, " env=TERM");
	if (*name) {
		line_add(&l, " USER=");
		line_escaped(&l, name);
		line_add(&l, " LOGNAME=");
		line_escaped(&l, name);
	} else {
		line_add(&l, " unset=USER,LOGNAME");
	}
	line_add(&l, " SHELL=");
	line_escaped(&l, pd_plan_shell(plan));
	if (env & PD_ENV_RESET)
		line_add(&l, pd_plan_uid(plan) ? " PATH=/usr/local/bin:/bin:/usr/bin"
					  : " PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin");
	line_put(&l);
}

/*
 * --init's options: its own group, the grace, each rewritten signal FROM:TO
 * and each status reported as 0; and --pdeathsig's signal, with or without.
 */
static void say_init(const struct init_options *in, int init_mode)
{
	struct line l = { .fd = STDERR_FILENO };
	const char *sep = " rewrite=";
	int n;

	line_add(&l, "su-exec:");
	if (init_mode) {
		line_add(&l, " init pgroup=");
		line_uint(&l, (unsigned long)in->pgroup);
		line_add(&l, " grace=");
		line_uint(&l, in->grace);
	}
	for (n = 1; init_mode && n < INIT_NSIG; n++) {
		if (in->rewrite[n] == n)
			continue;
		line_add(&l, sep);
		line_uint(&l, (unsigned long)n);
		line_add(&l, ":");
		line_uint(&l, (unsigned long)in->rewrite[n]);
		sep = ",";
	}
	for (n = 0, sep = " expect-exit="; init_mode && n <= INIT_STATUS_MAX; n++) {
		if (!(in->expect[n / 32] & (uint32_t)1 << n % 32))
			continue;
		line_add(&l, sep);
		line_uint(&l, (unsigned long)n);
		sep = ",";
	}
	if (in->pdeathsig) {
		line_add(&l, " pdeathsig=");
		line_uint(&l, (unsigned long)in->pdeathsig);
	}
	line_put(&l);
}

/*
 * --dry-run: every check the run makes before it switches, then what it
 * would set, in /proc/PID/status's names for the sets; exit 0. A caller
 * that is not root hears what root would set, then the run's refusal.
 */
static _Noreturn void dry_run(const char *arg, const struct pd_plan *plan, const struct options *o)
{
	struct pd_options caps = o->caps;
	struct cli_forecast f;
	struct pd_error err;
	struct line l = { .fd = STDERR_FILENO };
	int refused;

	caps.flags |= PD_EXECS_NEXT | PD_DRY_RUN;
	refused = pd_apply(plan, &caps, &err) < 0;
	if (refused && err.kind != PD_ERR_NOT_ROOT)
		apply_failed(arg, plan, o, &err);
	if (cli_forecast(pd_plan_uid(plan), &o->caps, &f) < 0) {
		pd_fail(&err, PD_ERR_SYSTEM, "capget", errno, NULL);
		die_error(&err);
	}
	say_plan(plan, o);
	line_add(&l, "su-exec:");
	line_hex(&l, " CapInh=", f.inheritable);
	line_hex(&l, " CapPrm=", f.permitted);
	line_hex(&l, " CapEff=", f.effective);
	line_hex(&l, " CapBnd=", f.bounding);
	line_hex(&l, " CapAmb=", f.ambient);
	line_add(&l, f.no_new_privs ? " NoNewPrivs=1" : " NoNewPrivs=0");
	line_put(&l);
	if (o->init.env)
		say_env(plan, o->init.env);
	if (o->init_mode || o->init.pdeathsig)
		say_init(&o->init, o->init_mode);
	if (refused)
		refuse_change(arg, plan, o->keep_groups);
	_exit(0);
}

/* With -v: the init goes on as no child subreaper, where the kernel has no such flag. */
static void say_notice(const struct pd_error *what)
{
	struct line l = { .fd = STDERR_FILENO };

	line_add(&l, "su-exec: init: not a child subreaper, orphans pass it by: ");
	line_error(&l, what);
	line_put(&l);
}

/*
 * The exec of cmd failed with err's errno: 127 if it is not found, else 126.
 * A PATH entry in the message is escaped, as everything from the caller is.
 */
static _Noreturn void exec_failed(struct pd_error *err, const char *cmd)
{
	static char reason[4 * PATH_BYTES + 64];
	const char *where, *what;
	size_t n;

	err->subject = cmd;
	err->subject_len = strlen(cmd);
	if (err->errnum == EACCES && !strchr(cmd, '/') && (where = cli_denied_in_path(cmd, &what))) {
		strcpy(reason, strerror(EACCES));
		strcat(reason, ": ");
		n = strlen(reason);
		n += pd_escape(where, strlen(where), reason + n, sizeof(reason) - n - 32);
		if (n < sizeof(reason) - 32) {
			strcpy(reason + n, what);
			err->reason = reason;
		}
	}
	die_error_status(err, err->errnum == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC);
}

/*
 * --init. A child whose exec failed says why and exits 127 or 126, as exec
 * mode does; one that failed before it (2), 125.
 */
static _Noreturn void run_init(const struct init_options *in, const struct pd_plan *plan, char **argv)
{
	struct pd_error err = { 0 };
	int status = EXIT_FAIL, r;

	r = init_run(in, plan, argv, environ, &status, &err);
	if (r < 0 || r == 2)
		die_error(&err);
	if (r == 0)
		_exit(status);
	exec_failed(&err, argv[0]);
}

static _Noreturn void exec_command(const struct init_options *in, const struct pd_plan *plan,
				   char **argv)
{
	struct pd_error err = { 0 };

	/* Last before the exec: the switch would have cleared it. */
	if (in->pdeathsig && init_parent_death(in->pdeathsig, in->parent, &err) < 0)
		die_error(&err);
	pd_exec_env(plan, argv, environ, in->env);
	err.errnum = errno;
	exec_failed(&err, argv[0]);
}

/* As gosu: -v alone prints the version and -? the help; before USER, -v is --verbose. */
static void gosu_alone(int argc, char **argv)
{
	if (argc != 2)
		return;
	if (strcmp(argv[1], "-v") == 0)
		print_and_exit(version_text);
	if (strcmp(argv[1], "-?") == 0)
		print_and_exit(usage_text);
}

int main(int argc, char **argv)
{
	static struct options opts; /* the rewrite table: kept off a small stack */
	struct pd_plan *plan;
	int spec;

	refuse_setid();
	gosu_alone(argc, argv);
	init_defaults(&opts.init);
	spec = parse_options(argc, argv, &opts);
	if (opts.init_only && !opts.init_mode)
		usage_error(dashed(opts.init_only), NULL, "needs --init");
	if (argc - spec < 2)
		usage_error(NULL, NULL, argc - spec < 1 ? "missing USER[:GROUP]" : "missing COMMAND");
	plan = plan_for(argv[spec]);
	more_groups(plan, &opts);
	if (opts.dry_run)
		dry_run(argv[spec], plan, &opts);
	become(argv[spec], plan, &opts);
	if (opts.verbose) {
		say_plan(plan, &opts);
		opts.init.notice = say_notice;
	}
	if (opts.init_mode)
		run_init(&opts.init, plan, argv + spec + 1);
	exec_command(&opts.init, plan, argv + spec + 1);
}
