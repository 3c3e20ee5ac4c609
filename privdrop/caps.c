/*
 * Capabilities: the --keep-caps list, the steps around the id switch, and the
 * state read straight from the kernel. The steps are plain syscalls rather
 * than libcap-ng's capng_apply, which pulls stdio and syslog into a static
 * binary and can return 0 after a failed PR_CAPBSET_DROP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

#define BIT(cap) ((uint64_t)1 << (cap))

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

/* Kernel ABI of capget(2), version 3: two 32-bit words per set. */
#define CAP_V3 0x20080522
struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};

static int fail(struct pd_error *err, const char *step, const char *reason)
{
	int saved = errno;

	memset(err, 0, sizeof(*err));
	err->step = step;
	err->reason = reason;
	err->errnum = saved;
	return -1;
}

static int fail_input(struct pd_error *err, const char *s, size_t len, const char *reason)
{
	fail(err, NULL, reason);
	err->subject = s;
	err->subject_len = len;
	return -1;
}

/* One name: any case, "cap_" optional, as in capabilities(7). */
static int cap_from_name(const char *s, size_t len)
{
	char name[32];

	if (len > 4 && strncasecmp(s, "cap_", 4) == 0) {
		s += 4;
		len -= 4;
	}
	if (len == 0 || len >= sizeof(name))
		return -1;
	memcpy(name, s, len);
	name[len] = '\0';
	return pd_cap_from_name(name);
}

/* A comma-separated list; an empty list, an empty item or an unknown name is an error. */
int pd_caps_parse(const char *list, struct pd_caps *caps, struct pd_error *err)
{
	const char *p = list, *comma;
	uint64_t *keep = &caps->keep;
	size_t len;
	int cap;

	*keep = 0;
	caps->keep_set = 1;
	caps->list = list;
	do {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0)
			return fail_input(err, list, strlen(list), "empty capability name");
		cap = cap_from_name(p, len);
		if (cap < 0 || cap > 63)
			return fail_input(err, p, len, "unknown capability");
		*keep |= BIT(cap);
		p = comma + 1;
	} while (comma);
	return 0;
}

/* Names the first item of the --keep-caps list whose capability is in bad. */
static int fail_item(struct pd_error *err, const struct pd_caps *caps, uint64_t bad,
		     const char *reason)
{
	const char *p = caps->list, *comma;
	size_t len;
	int cap;

	fail(err, "--keep-caps", reason);
	do {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		cap = cap_from_name(p, len);
		if (cap >= 0 && cap < 64 && (bad & BIT(cap))) {
			err->subject = p;
			err->subject_len = len;
			break;
		}
		p = comma + 1;
	} while (comma);
	return -1;
}

/* The bounding set, one call a capability until EINVAL: past cap_last_cap. */
static int read_bounding(struct pd_capstate *st)
{
	unsigned cap;
	int r;

	st->bounding = 0;
	for (cap = 0; cap < 64; cap++) {
		r = prctl(PR_CAPBSET_READ, cap, 0, 0, 0);
		if (r < 0 && errno == EINVAL)
			break;
		if (r < 0)
			return -1;
		if (r > 0)
			st->bounding |= BIT(cap);
	}
	st->count = cap;
	return 0;
}

/*
 * The kernel keeps every ambient capability both permitted and inheritable
 * (capabilities(7)), so only those need asking about, one call each; after a
 * plain drop there are none. A kernel without ambient support says EINVAL.
 */
static int read_ambient(struct pd_capstate *st)
{
	uint64_t maybe = st->permitted & st->inheritable;
	unsigned cap;
	int r;

	st->ambient = 0;
	for (cap = 0; cap < 64 && maybe >> cap; cap++) {
		if (!(maybe & BIT(cap)))
			continue;
		r = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0);
		if (r < 0 && errno == EINVAL)
			return 0;
		if (r < 0)
			return -1;
		if (r > 0)
			st->ambient |= BIT(cap);
	}
	return 0;
}

static int read_sets(struct pd_capstate *st, struct pd_error *err)
{
	struct cap_header hdr = { CAP_V3, 0 };
	struct cap_data data[2];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return fail(err, "capget", NULL);
	st->effective = data[0].effective | (uint64_t)data[1].effective << 32;
	st->permitted = data[0].permitted | (uint64_t)data[1].permitted << 32;
	st->inheritable = data[0].inheritable | (uint64_t)data[1].inheritable << 32;
	return 0;
}

/* Reads the fields asked for, straight from the kernel. */
int pd_caps_read(struct pd_capstate *st, unsigned fields, struct pd_error *err)
{
	int nnp;

	memset(st, 0, sizeof(*st));
	st->fields = fields;
	if ((fields & (PD_CAP_E | PD_CAP_P | PD_CAP_I | PD_CAP_A)) && read_sets(st, err) < 0)
		return -1;
	if ((fields & PD_CAP_B) && read_bounding(st) < 0)
		return fail(err, "prctl(PR_CAPBSET_READ)", NULL);
	if ((fields & PD_CAP_A) && read_ambient(st) < 0)
		return fail(err, "prctl(PR_CAP_AMBIENT_IS_SET)", NULL);
	if (fields & PD_CAP_NNP) {
		nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
		if (nnp < 0)
			return fail(err, "prctl(PR_GET_NO_NEW_PRIVS)", NULL);
		st->no_new_privs = nnp;
	}
	return 0;
}

static int caps_asked(const struct pd_caps *caps)
{
	return caps->keep_set || caps->clear_bounding || caps->no_new_privs;
}

/*
 * Before anything changes: with capability options, read where we start and
 * check that every kept capability is ours to keep. A plain drop needs nothing.
 */
int pd_caps_start(const struct pd_plan *plan, struct pd_capstate *start, struct pd_error *err)
{
	const struct pd_caps *caps = &plan->caps;
	uint64_t known;

	if (!caps_asked(caps)) {
		memset(start, 0, sizeof(*start));
		return 0;
	}
	if (pd_caps_read(start, PD_CAP_ALL, err) < 0)
		return -1;
	known = start->count >= 64 ? ~(uint64_t)0 : BIT(start->count) - 1;
	errno = 0;
	if (caps->keep & ~known)
		return fail_item(err, caps, ~known, "capability not supported by this kernel");
	if (caps->keep & ~start->bounding)
		return fail_item(err, caps, ~start->bounding, "capability not in the bounding set");
	if (caps->keep & ~start->permitted)
		return fail_item(err, caps, ~start->permitted, "capability not held by the caller");
	/* Dropping from the bounding set needs CAP_SETPCAP, which only root has here. */
	if (caps->clear_bounding && !(start->effective & BIT(PD_CAP_SETPCAP)))
		return fail(err, "--clear-bounding", "needs CAP_SETPCAP: run as root");
	return 0;
}

static int drop_bounding(uint64_t keep, const struct pd_capstate *start, struct pd_error *err)
{
	unsigned cap;

	for (cap = 0; cap < start->count; cap++)
		if ((start->bounding & BIT(cap)) && !(keep & BIT(cap)) &&
		    prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0)
			return fail(err, "prctl(PR_CAPBSET_DROP)", NULL);
	return 0;
}

/* While still root: the bounding set can only shrink with CAP_SETPCAP. */
int pd_caps_before_ids(const struct pd_plan *plan, const struct pd_capstate *start,
		       struct pd_error *err)
{
	const struct pd_caps *caps = &plan->caps;

	if ((caps->clear_bounding || (plan->uid == 0 && caps->keep_set)) &&
	    drop_bounding(caps->keep, start, err) < 0)
		return -1;
	/* Without it the uid change empties permitted, and nothing can be kept. */
	if (plan->uid != 0 && caps->keep && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return fail(err, "prctl(PR_SET_KEEPCAPS)", NULL);
	return 0;
}

static int set_caps(uint64_t keep, struct pd_error *err)
{
	struct cap_header hdr = { CAP_V3, 0 };
	struct cap_data data[2];
	int i;

	for (i = 0; i < 2; i++)
		data[i].effective = data[i].permitted = data[i].inheritable =
			(uint32_t)(keep >> (32 * i));
	if (syscall(SYS_capset, &hdr, data) < 0)
		return fail(err, "capset", NULL);
	return 0;
}

/* After the uid change: the kernel clears ambient on it, so raise them now. */
int pd_caps_after_ids(const struct pd_plan *plan, struct pd_error *err)
{
	const struct pd_caps *caps = &plan->caps;
	unsigned cap;

	if (plan->uid != 0 && caps->keep && prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		return fail(err, "prctl(PR_SET_KEEPCAPS)", NULL);
	/* A plain drop empties inheritable too: with file capabilities it still grants. */
	if ((caps->keep_set || plan->uid != 0) && set_caps(caps->keep, err) < 0)
		return -1;
	/* Root keeps its ambient set across the "switch"; the command gets exactly keep. */
	if (plan->uid == 0 && caps->keep_set &&
	    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0)
		return fail(err, "prctl(PR_CAP_AMBIENT_CLEAR_ALL)", NULL);
	for (cap = 0; plan->uid != 0 && cap < 64 && caps->keep >> cap; cap++)
		if ((caps->keep & BIT(cap)) &&
		    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			return fail(err, "prctl(PR_CAP_AMBIENT_RAISE)", NULL);
	if (caps->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return fail(err, "prctl(PR_SET_NO_NEW_PRIVS)", NULL);
	return 0;
}

/*
 * For --init, after the fork: a non-root init needs none of the kept
 * capabilities, so it holds none, and the kernel is asked to confirm it.
 */
int pd_caps_clear(struct pd_error *err)
{
	struct pd_capstate st = { 0 };

	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return fail(err, "prctl(PR_CAP_AMBIENT_CLEAR_ALL)", NULL);
	if (set_caps(0, err) < 0 || read_sets(&st, err) < 0)
		return -1;
	errno = 0;
	if (st.permitted | st.effective | st.inheritable)
		return fail(err, "verify", "the init kept a capability");
	return 0;
}

/*
 * What the kernel must show after the switch, given where we started. A plain
 * drop to a non-root user checks that every set but bounding is empty.
 */
void pd_caps_expect(const struct pd_plan *plan, const struct pd_capstate *start,
		    struct pd_capstate *want)
{
	const struct pd_caps *caps = &plan->caps;
	int root = plan->uid == 0;

	*want = *start;
	if (!caps_asked(caps)) {
		memset(want, 0, sizeof(*want));
		want->fields = root ? 0 : PD_CAP_E | PD_CAP_P | PD_CAP_I | PD_CAP_A;
		return;
	}
	if (caps->keep_set) {
		want->effective = want->permitted = want->inheritable = caps->keep;
		want->ambient = root ? 0 : caps->keep;
	} else if (!root) {
		want->effective = want->permitted = want->inheritable = want->ambient = 0;
	}
	if (caps->clear_bounding || (root && caps->keep_set))
		want->bounding = caps->keep;
	want->no_new_privs = start->no_new_privs || caps->no_new_privs;
}

static const char *first_difference(const struct pd_capstate *got, const struct pd_capstate *want)
{
	unsigned f = want->fields;

	if ((f & PD_CAP_P) && got->permitted != want->permitted)
		return "permitted capabilities are not the ones asked for";
	if ((f & PD_CAP_E) && got->effective != want->effective)
		return "effective capabilities are not the ones asked for";
	if ((f & PD_CAP_I) && got->inheritable != want->inheritable)
		return "inheritable capabilities are not the ones asked for";
	if ((f & PD_CAP_A) && got->ambient != want->ambient)
		return "ambient capabilities are not the ones asked for";
	if ((f & PD_CAP_B) && got->bounding != want->bounding)
		return "the bounding set is not the one asked for";
	if ((f & PD_CAP_NNP) && got->no_new_privs != want->no_new_privs)
		return "no_new_privs is not what was asked for";
	return NULL;
}

int pd_caps_verify(const struct pd_plan *plan, const struct pd_capstate *start,
		   struct pd_error *err)
{
	struct pd_capstate want, got;
	const char *why;

	pd_caps_expect(plan, start, &want);
	if (pd_caps_read(&got, want.fields, err) < 0)
		return -1;
	why = first_difference(&got, &want);
	errno = 0;
	return why ? fail(err, "verify", why) : 0;
}
