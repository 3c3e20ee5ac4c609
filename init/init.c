/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * The init: fork the command and stay behind as a tiny init that forwards
 * signals to it, reaps every child and, once the command has exited, stops
 * whatever else is left. It runs after the switch, as the target user.
 *
 * Every signal stays blocked in the init and is taken with rt_sigtimedwait:
 * no handler, so no global to note signals in, and no signalfd or pipe that
 * could leak into the command. A blocked signal is queued even when PID 1
 * has it at SIG_DFL, so PID 1 gets them all too.
 *
 * Synchronous signals (SEGV, ILL, ABRT, BUS, FPE, TRAP, SYS) are forwarded
 * like the others: a real fault in the init is forced on it by the kernel,
 * unblocked, and kills it, so whatever rt_sigtimedwait returns was sent by
 * someone (kill, docker kill) and is meant for the command.
 */
#define _GNU_SOURCE
#include <cap-ng.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/common.h"
#include "init.h"

/*
 * The kernel's sigset, through raw syscalls: the libc calls leave out the
 * signals the libc keeps for itself (32-34 on musl), and a signal the init
 * cannot block kills it with its default action.
 */
typedef uint64_t ksigset;
#define ALL_SIGNALS (~(ksigset)0) /* the kernel leaves SIGKILL and SIGSTOP out */

/* SIGKILLed processes die at once unless stuck in the kernel: wait no longer. */
#define KILL_WAIT_MS 1000

struct init {
	const struct init_options *in;
	char *const *envp;
	pid_t child;
	int pid1;
	int proc;	       /* /proc is of our PID namespace: descendants can be listed */
	int tty;	       /* the terminal the child's group takes, or -1 */
	ksigset mask;	       /* the mask the caller had */
	struct sigaction chld; /* and its SIGCHLD disposition */
	int subreaper;	       /* and its child-subreaper flag; -1: not set by us */
	int pdeath;	       /* and its parent-death signal; -1: not set by us */
	pid_t self;	       /* the init: the child's parent, for its pdeathsig */
};

static int set_mask(const ksigset *set, ksigset *old)
{
	/* syscall() and prctl() read each argument as a long: pass one, not an int. */
	return (int)syscall(SYS_rt_sigprocmask, (unsigned long)SIG_SETMASK, set, old,
			    (unsigned long)sizeof(ksigset));
}

/* The next signal, or -1: EAGAIN when the timeout (NULL: none) passed, or EINTR. */
static int next_signal(siginfo_t *info, const struct timespec *timeout)
{
	ksigset all = ALL_SIGNALS;

	return (int)syscall(SYS_rt_sigtimedwait, &all, info, timeout, (unsigned long)sizeof(all));
}

static void deadline_in(struct timespec *t, time_t sec, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, t);
	t->tv_sec += sec + ms / 1000;
	t->tv_nsec += ms % 1000 * 1000000;
	if (t->tv_nsec >= 1000000000) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000;
	}
}

/* 0 once the deadline has passed; otherwise 1, and what is left in *left. */
static int time_left(const struct timespec *deadline, struct timespec *left)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	left->tv_sec = deadline->tv_sec - now.tv_sec;
	left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_sec--;
		left->tv_nsec += 1000000000;
	}
	return left->tv_sec > 0 || (left->tv_sec == 0 && left->tv_nsec > 0);
}

/* The kernel's word for a process's death: its exit code, or 128 + the signal. */
static int exit_status(int st)
{
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

/* Reaps every child that has exited, noting the main one's status; 0 when no child is left. */
/* done: the main child has exited; stopped (when asked for): it has stopped. */
static int reap_or_stop(pid_t main_child, int *status, int *done, int *stopped)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, stopped ? WNOHANG | WUNTRACED : WNOHANG)) > 0)
		if (pid == main_child && WIFSTOPPED(st))
			*stopped = 1;
		else if (pid == main_child) {
			*status = exit_status(st);
			*done = 1;
		}
	return !(pid < 0 && errno == ECHILD);
}

static int reap(pid_t main_child, int *status, int *done)
{
	return reap_or_stop(main_child, status, done, NULL);
}

/* /proc shows our PID namespace: else its pids would name other processes to kill(). */
static int proc_is_ours(void)
{
	char self[24];
	ssize_t n = readlink("/proc/self", self, sizeof(self) - 1), i;
	unsigned long pid = 0;

	for (i = 0; i < n && self[i] >= '0' && self[i] <= '9'; i++)
		pid = pid * 10 + (unsigned long)(self[i] - '0');
	return n > 0 && i == n && pid == (unsigned long)getpid();
}

/*
 * Everyone else: as PID 1 the whole namespace; otherwise our descendants and,
 * with --pgroup, the child's group. Without --pgroup the child shares our
 * group, which may hold whoever started us (a shell, a pipeline): not theirs.
 */
static void signal_others(const struct init *s, int sig)
{
	if (s->pid1) {
		kill(-1, sig);
		return;
	}
	if (s->in->pgroup)
		kill(-s->child, sig);
	if (s->proc)
		init_signal_tree(s->in->pgroup ? s->child : 0, sig);
}

/* Reaps until no child is left or the deadline passes; resignal newcomers on each SIGCHLD. */
static void wait_others(const struct init *s, const struct timespec *deadline, int resignal)
{
	struct timespec left;
	siginfo_t info;
	int st, done;

	while (reap(0, &st, &done) && time_left(deadline, &left))
		if (next_signal(&info, &left) == SIGCHLD && resignal)
			signal_others(s, resignal);
}

/*
 * The command has exited: SIGTERM to the rest, up to grace seconds for them
 * to go, SIGKILL to what is left. Signals that come meanwhile are dropped:
 * the stop is under way. Processes that are not our children (docker exec)
 * cannot be waited for; as PID 1 they get SIGKILL with the rest.
 */
static void shut_down(const struct init *s)
{
	struct timespec deadline;
	int st, done;

	if (!reap(0, &st, &done) && !(s->pid1 && kill(-1, 0) == 0))
		return;
	signal_others(s, SIGTERM);
	deadline_in(&deadline, (time_t)s->in->grace, 0);
	wait_others(s, &deadline, 0);
	signal_others(s, SIGKILL);
	if (s->pid1)
		return; /* when PID 1 exits the kernel kills and reaps the namespace */
	deadline_in(&deadline, 0, KILL_WAIT_MS);
	wait_others(s, &deadline, SIGKILL);
}

/*
 * The terminal sends INT, QUIT, TSTP and WINCH to its whole foreground group
 * (si_code SI_KERNEL): a child still in our group got its own, and a second
 * copy from us would run its handler twice.
 */
static int from_terminal(const struct init *s, int sig, const siginfo_t *info)
{
	if (info->si_code != SI_KERNEL)
		return 0;
	if (sig != SIGINT && sig != SIGQUIT && sig != SIGTSTP && sig != SIGWINCH)
		return 0;
	return getpgid(s->child) == getpgrp();
}

static void forward(const struct init *s, int sig, const siginfo_t *info)
{
	int to = s->in->rewrite[sig];

	if (to == 0 || (to == sig && from_terminal(s, sig, info)))
		return;
	/* ESRCH: the child has just exited, and its SIGCHLD is on the way. */
	kill(s->in->pgroup ? -s->child : s->child, to);
}

/* Forwards signals until the main child has exited; its status in *status. */
/*
 * The command stopped (^Z at a shell): the init stops too, so the shell that
 * started it sees the job stop; with --pgroup it gives the terminal back
 * first. Continued (fg, bg), it continues the command and, with --pgroup,
 * gives it the terminal again. PID 1 is never stopped by a signal from its
 * own namespace, so there the init goes on running, as before.
 */
static void stop_with_child(const struct init *s)
{
	if (s->tty >= 0 && tcgetpgrp(s->tty) == s->child)
		tcsetpgrp(s->tty, getpgrp());
	kill(getpid(), SIGSTOP);
	if (s->tty >= 0 && tcgetpgrp(s->tty) == getpgrp())
		tcsetpgrp(s->tty, s->child);
	kill(s->in->pgroup ? -s->child : s->child, SIGCONT);
}

static int supervise(const struct init *s, int *status)
{
	siginfo_t info;
	int sig = SIGCHLD, done = 0, stopped = 0;

	for (;;) {
		/* Reap all each time: SIGCHLDs coalesce, and the main child may hide behind another. */
		if (sig == SIGCHLD && !reap_or_stop(s->child, status, &done, s->pid1 ? NULL : &stopped) &&
		    !done) {
			errno = ECHILD; /* reaped by someone else: cannot happen */
			return -1;
		}
		if (done)
			return 0;
		if (stopped) {
			stopped = 0;
			stop_with_child(s);
		}
		sig = next_signal(&info, NULL);
		if (sig > 0 && sig != SIGCHLD)
			forward(s, sig, &info);
	}
}

/* The controlling terminal, when our group is in its foreground: the child may take it. */
static int foreground_tty(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd >= 0 && tcgetpgrp(fd) != getpgrp()) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* The caller's subreaper flag back, if we set ours. */
static void restore_subreaper(const struct init *s)
{
	if (s->subreaper >= 0)
		prctl(PR_SET_CHILD_SUBREAPER, (unsigned long)s->subreaper, 0UL, 0UL, 0UL);
}

/*
 * Orphans come to PID 1 anyway, which needs no flag and asks for none;
 * anywhere else they would pass us by. Where the kernel (or qemu-user 7.2,
 * which has neither prctl) says EINVAL or ENOSYS, the init goes on without
 * the flag, and tells in->notice: orphans then go to an ancestor.
 */
static int become_subreaper(struct init *s, struct pd_error *err)
{
	struct pd_error none = { 0 };
	const char *step = "prctl(PR_GET_CHILD_SUBREAPER)";
	int old = 0; /* defined for valgrind, which does not see the kernel write it */

	s->subreaper = -1;
	if (s->pid1)
		return 0;
	if (prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)&old, 0UL, 0UL, 0UL) == 0) {
		step = "prctl(PR_SET_CHILD_SUBREAPER)";
		if (prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL) == 0) {
			s->subreaper = old;
			return 0;
		}
	}
	if (errno != EINVAL && errno != ENOSYS)
		return pd_fail(err, PD_ERR_SYSTEM, step, errno, NULL);
	pd_fail(&none, PD_ERR_SYSTEM, step, errno, NULL);
	if (s->in->notice)
		s->in->notice(&none);
	return 0;
}

static int prepare(struct init *s, struct pd_error *err)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	ksigset all = ALL_SIGNALS;

	s->pid1 = getpid() == 1;
	if (become_subreaper(s, err) < 0)
		return -1;
	if (set_mask(&all, &s->mask) < 0) {
		pd_fail(err, PD_ERR_SYSTEM, "rt_sigprocmask", errno, NULL);
		restore_subreaper(s);
		return -1;
	}
	/* An ignored SIGCHLD would reap our children behind our back. */
	if (sigaction(SIGCHLD, &dfl, &s->chld) < 0) {
		pd_fail(err, PD_ERR_SYSTEM, "sigaction(SIGCHLD)", errno, NULL);
		set_mask(&s->mask, NULL);
		restore_subreaper(s);
		return -1;
	}
	s->proc = proc_is_ours();
	s->tty = s->in->pgroup ? foreground_tty() : -1;
	return 0;
}

/* In the child: returns only when the command could not be run, with errno set. */
static int run_child(const struct init *s, const struct pd_plan *plan, char *const argv[],
		     struct pd_error *err)
{
	if (s->in->pgroup) {
		setpgid(0, 0); /* the parent makes the same call: either may win the race */
		/*
		 * SIGTTOU is still blocked, so a background group may take the
		 * terminal. Should that fail, the command runs without job control.
		 */
		if (s->tty >= 0) {
			tcsetpgrp(s->tty, getpid());
			close(s->tty);
		}
	}
	if (sigaction(SIGCHLD, &s->chld, NULL) < 0 || set_mask(&s->mask, NULL) < 0) {
		pd_fail(err, PD_ERR_SYSTEM, "restoring the signal mask", errno, NULL);
		return 1;
	}
	/* The fork cleared it. Under the caller's mask: one raised now is the command's. */
	if (s->in->pdeathsig && init_parent_death(s->in->pdeathsig, s->self, err) < 0)
		return 2;
	pd_exec_env(plan, argv, s->envp, s->in->env);
	pd_fail(err, PD_ERR_SYSTEM, NULL, errno, NULL);
	err->subject = argv[0];
	err->subject_len = strlen(argv[0]);
	return 1;
}

void init_defaults(struct init_options *in)
{
	int sig;

	memset(in, 0, sizeof(*in));
	in->grace = INIT_GRACE_DEFAULT;
	for (sig = 0; sig < INIT_NSIG; sig++)
		in->rewrite[sig] = sig;
}

/*
 * With --pgroup the child's group took the terminal: it goes back to ours, the
 * group that had it, on every way out, or the caller's next read from the
 * terminal fails with EIO. Still under our mask, SIGTTOU is blocked, so a
 * background group may set it.
 */
static void give_back_tty(struct init *s)
{
	if (s->tty < 0)
		return;
	if (tcgetpgrp(s->tty) != getpgrp())
		tcsetpgrp(s->tty, getpgrp());
	close(s->tty);
	s->tty = -1;
}

/* The caller's mask, SIGCHLD disposition, subreaper flag and parent-death signal, as found. */
static void restore(const struct init *s)
{
	int saved = errno;

	sigaction(SIGCHLD, &s->chld, NULL);
	set_mask(&s->mask, NULL);
	restore_subreaper(s);
	if (s->pdeath >= 0)
		prctl(PR_SET_PDEATHSIG, (unsigned long)s->pdeath, 0UL, 0UL, 0UL);
	errno = saved;
}

static int valid(const struct init_options *in, struct pd_error *err)
{
	int sig;

	if (in->grace > INIT_GRACE_MAX)
		return pd_fail(err, PD_ERR_INPUT, "grace", EINVAL, NULL);
	for (sig = 0; sig < INIT_NSIG; sig++)
		if (in->rewrite[sig] < 0 || in->rewrite[sig] >= INIT_NSIG)
			return pd_fail(err, PD_ERR_INPUT, "rewrite", EINVAL, NULL);
	if (in->pdeathsig < 0 || in->pdeathsig >= INIT_NSIG)
		return pd_fail(err, PD_ERR_INPUT, "pdeathsig", EINVAL, NULL);
	return 0;
}

/*
 * After the fork, as the plan's user: libcap-ng empties every set of the
 * init's, ambient too, and capget confirms that permitted, effective and
 * inheritable are empty (ambient cannot outlive them). Not pd_apply, which
 * reads every thread back: under qemu-user the init has one of qemu's own,
 * which never runs its code and keeps uid 0.
 */
static int keep_nothing(struct pd_error *err)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 }; /* capget(2)'s version 3 */
	struct { uint32_t effective, permitted, inheritable; } set[2];

	capng_clear(CAPNG_SELECT_CAPS | CAPNG_SELECT_AMBIENT);
	errno = 0;
	if (capng_apply(CAPNG_SELECT_CAPS) < 0 || capng_apply(CAPNG_SELECT_AMBIENT) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "capng_apply", errno,
			    errno ? NULL : "libcap-ng failed and set no errno");
	if (syscall(SYS_capget, &hdr, set) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "capget", errno, NULL);
	if (set[0].permitted | set[0].effective | set[0].inheritable | set[1].permitted |
	    set[1].effective | set[1].inheritable)
		return pd_fail(err, PD_ERR_VERIFY, "verify", 0, "the init kept a capability");
	return 0;
}

/* An exit status --expect-exit named (statuses are 0..255: 128 + 64 at most). */
static int expected(const struct init_options *in, int status)
{
	return status >= 0 && status <= INIT_STATUS_MAX &&
	       (in->expect[status / 32] >> (status % 32) & 1);
}

/*
 * The init's own parent-death signal, its parent the caller's: under the
 * init's mask, so one that comes (or is raised at once) is forwarded to the
 * command as any other signal. The caller's value comes back in restore.
 */
static int watch_parent(struct init *s, struct pd_error *err)
{
	int old = 0; /* defined for valgrind, which does not see the kernel write it */

	s->pdeath = -1;
	if (!s->in->pdeathsig)
		return 0;
	if (prctl(PR_GET_PDEATHSIG, (unsigned long)&old, 0UL, 0UL, 0UL) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_GET_PDEATHSIG)", errno, NULL);
	s->pdeath = old;
	return init_parent_death(s->in->pdeathsig, s->in->parent, err);
}

/* The command has been started: the init's part, until all is over. */
static int stay(struct init *s, const struct pd_plan *plan, int *status, struct pd_error *err)
{
	if (s->in->pgroup)
		setpgid(s->child, s->child); /* so a signal sent at once finds the group */
	/* The command keeps what it was given; its non-root init keeps nothing. */
	if (pd_plan_uid(plan) != 0 && keep_nothing(err) < 0) {
		kill(s->child, SIGKILL);
		waitpid(s->child, NULL, 0);
		return -1;
	}
	if (supervise(s, status) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "waitpid", errno, NULL);
	if (expected(s->in, *status))
		*status = 0;
	shut_down(s);
	return 0;
}

int init_run(const struct init_options *in, const struct pd_plan *plan, char *const argv[],
	     char *const envp[], int *status, struct pd_error *err)
{
	struct init s = { .in = in, .envp = envp, .tty = -1, .pdeath = -1 };
	int r;

	if (valid(in, err) < 0 || prepare(&s, err) < 0)
		return -1;
	s.self = getpid();
	r = watch_parent(&s, err);
	if (r == 0) {
		s.child = fork();
		if (s.child == 0)
			return run_child(&s, plan, argv, err);
		r = s.child < 0 ? pd_fail(err, PD_ERR_SYSTEM, "fork", errno, NULL) : stay(&s, plan, status, err);
	}
	give_back_tty(&s);
	restore(&s);
	return r;
}
