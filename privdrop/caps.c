/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * Capabilities: the steps around the id switch, and the state read straight
 * from the kernel. libcap-ng sets every capability; what
 * it did is then read back from the kernel here, independently of its view.
 */
#define _GNU_SOURCE
#include <cap-ng.h>
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

#define BIT(cap) ((uint64_t)1 << (cap))

/* Kernel ABI of capget(2), version 3: two 32-bit words per set. */
#define CAP_V3 0x20080522
struct cap_header {
	uint32_t version;
	int pid;
};
struct cap_data {
	uint32_t effective, permitted, inheritable;
};
/*
 * Names the lowest kept capability that is in bad, as libcap-ng names it; the
 * step is the field of struct pd_options at fault.
 */
static int fail_keep(struct pd_error *err, const struct pd_options *caps, uint64_t bad,
		     const char *reason)
{
	uint64_t which = caps->keep_caps & bad;
	unsigned cap = 0;
	const char *name;

	pd_fail_option(err, PD_FIELD_KEEP_CAPS, 0, reason);
	while (cap < 63 && !(which & BIT(cap)))
		cap++;
	name = capng_capability_to_name(cap);
	if (name) {
		err->subject = name;
		err->subject_len = strlen(name);
	}
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
	struct cap_data data[2] = { 0 }; /* valgrind counts one written, as capget v1 */

	if (syscall(SYS_capget, &hdr, data) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "capget", errno, NULL);
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
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_CAPBSET_READ)", errno, NULL);
	if ((fields & PD_CAP_A) && read_ambient(st) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_CAP_AMBIENT_IS_SET)", errno, NULL);
	if (fields & PD_CAP_NNP) {
		nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
		if (nnp < 0)
			return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_GET_NO_NEW_PRIVS)", errno, NULL);
		st->no_new_privs = nnp;
	}
	return 0;
}

static int caps_asked(const struct pd_options *caps)
{
	return (caps->flags & (PD_KEEP_CAPS | PD_CLEAR_BOUNDING | PD_NO_NEW_PRIVS)) != 0;
}

/*
 * Before anything changes: with capability options, read where we start and
 * check that every kept capability is ours to keep. A plain drop needs nothing.
 */
int pd_caps_check_start(const struct pd_options *caps, struct pd_capstate *start, struct pd_error *err)
{
	uint64_t known;

	if (!caps_asked(caps)) {
		memset(start, 0, sizeof(*start));
		return 0;
	}
	if (pd_caps_read(start, PD_CAP_ALL, err) < 0)
		return -1;
	known = start->count >= 64 ? ~(uint64_t)0 : BIT(start->count) - 1;
	if (caps->keep_caps & ~known)
		return fail_keep(err, caps, ~known, "capability not supported by this kernel");
	if (caps->keep_caps & ~start->bounding)
		return fail_keep(err, caps, ~start->bounding, "capability not in the bounding set");
	if (caps->keep_caps & ~start->permitted)
		return fail_keep(err, caps, ~start->permitted, "capability not held by the caller");
	/* Dropping from the bounding set needs CAP_SETPCAP, which only root has here. */
	if ((caps->flags & PD_CLEAR_BOUNDING) && !(start->effective & BIT(PD_CAP_SETPCAP)))
		return pd_fail_option(err, PD_FIELD_CLEAR_BOUNDING, 0, "needs CAP_SETPCAP, not in the effective set");
	return 0;
}

static const char *first_difference(const struct pd_capstate *got, const struct pd_capstate *want);

/*
 * capng_apply's step, by its return code. Which call a code stands for is
 * libcap-ng's to say and differs between its versions, so the code is only
 * shown, never read as a particular system call.
 */
static const char *apply_step(int rc)
{
	static const char *const step[] = {
		"capng_apply returned -1", "capng_apply returned -2", "capng_apply returned -3",
		"capng_apply returned -4", "capng_apply returned -5", "capng_apply returned -6",
		"capng_apply returned -7", "capng_apply returned -8", "capng_apply returned -9",
		"capng_apply returned -10", "capng_apply returned -11", "capng_apply returned -12",
	};

	return rc < 0 && rc >= -12 ? step[-rc - 1] : "capng_apply failed";
}

/*
 * Applies libcap-ng's state for set. On any failure the kernel is read back
 * for the sets of want->fields: the first one that is not want is the
 * reason; else errno, when libcap-ng's call set it.
 */
static int apply(capng_select_t set, const struct pd_capstate *want, struct pd_error *err)
{
	struct pd_capstate got;
	struct pd_error unread;
	const char *why = NULL;
	int rc, saved;

	errno = 0;
	rc = capng_apply(set);
	if (rc == 0)
		return 0;
	saved = errno;
	if (pd_caps_read(&got, want->fields, &unread) == 0)
		why = first_difference(&got, want);
	return pd_fail(err, why ? PD_ERR_VERIFY : PD_ERR_SYSTEM, apply_step(rc), why ? 0 : saved,
		       why || saved ? why : "libcap-ng failed and set no errno");
}

/* What an apply of the sets of fields must leave: keep in each of them. */
static struct pd_capstate wanted(unsigned fields, uint64_t keep)
{
	struct pd_capstate want = { 0 };

	want.fields = fields;
	want.effective = want.permitted = want.inheritable = keep;
	want.ambient = want.bounding = keep;
	return want;
}

/* Adds the capabilities of mask to the sets of type in libcap-ng's state. */
static int add(capng_type_t type, uint64_t mask, struct pd_error *err)
{
	unsigned cap;

	for (cap = 0; cap < 64 && mask >> cap; cap++) {
		errno = 0;
		if ((mask & BIT(cap)) && capng_update(CAPNG_ADD, type, cap) < 0)
			return pd_fail(err, PD_ERR_SYSTEM, "capng_update", errno,
				       errno ? NULL : "libcap-ng failed and set no errno");
	}
	return 0;
}

/* libcap-ng's state: exactly keep, in the sets of type; the others cleared. */
static int stage(capng_select_t set, capng_type_t type, uint64_t keep, struct pd_error *err)
{
	capng_clear(set);
	return add(type, keep, err);
}

/*
 * libcap-ng reads the process's sets from /proc/TID/status first, or with
 * prctl where there is no /proc. Version 0.8.3 logs a failed PR_CAPBSET_DROP
 * and returns 0 (later ones return an error): the set is read back from the
 * kernel by pd_caps_verify, which stops su-exec then.
 */
static int set_bounding(uint64_t keep, struct pd_error *err)
{
	struct pd_capstate want = wanted(PD_CAP_B, keep);

	if (stage(CAPNG_SELECT_BOUNDS, CAPNG_BOUNDING_SET, keep, err) < 0)
		return -1;
	return apply(CAPNG_SELECT_BOUNDS, &want, err);
}

/*
 * Permitted, effective and inheritable become keep, ambient too when asked.
 * Two applies, so a failure says which sets are wrong: the three, then
 * ambient. Neither reads /proc.
 */
static int set_caps(uint64_t keep, int ambient, struct pd_error *err)
{
	capng_type_t type = CAPNG_EFFECTIVE | CAPNG_PERMITTED | CAPNG_INHERITABLE;
	struct pd_capstate sets = wanted(PD_CAP_E | PD_CAP_P | PD_CAP_I, keep);
	struct pd_capstate amb = wanted(PD_CAP_A, ambient ? keep : 0);

	if (stage(CAPNG_SELECT_CAPS | CAPNG_SELECT_AMBIENT, ambient ? type | CAPNG_AMBIENT : type,
		  keep, err) < 0)
		return -1;
	if (apply(CAPNG_SELECT_CAPS, &sets, err) < 0)
		return -1;
	return apply(CAPNG_SELECT_AMBIENT, &amb, err);
}

/*
 * Root bounded to nothing kept: its exec would take pI | (fP & bounding),
 * fP all, so an inheritable set left from the caller (the one older Docker
 * engines gave every container, say) would come back whatever the bounding
 * set holds. Inheritable and ambient are emptied; permitted and effective,
 * which the exec recomputes from those two and the bounding set, stay.
 */
static int unbequeath(const struct pd_capstate *start, struct pd_error *err)
{
	struct pd_capstate sets = wanted(PD_CAP_E | PD_CAP_P | PD_CAP_I, 0);
	struct pd_capstate amb = wanted(PD_CAP_A, 0);

	sets.effective = start->effective;
	sets.permitted = start->permitted;
	capng_clear(CAPNG_SELECT_CAPS | CAPNG_SELECT_AMBIENT);
	if (add(CAPNG_EFFECTIVE, start->effective, err) < 0 ||
	    add(CAPNG_PERMITTED, start->permitted, err) < 0 || apply(CAPNG_SELECT_CAPS, &sets, err) < 0)
		return -1;
	return apply(CAPNG_SELECT_AMBIENT, &amb, err);
}

/* Root, bounded by --clear-bounding, keeping nothing named (no PD_KEEP_CAPS). */
static int root_unkept_bounded(const struct pd_plan *plan, const struct pd_options *caps)
{
	return plan->uid == 0 && (caps->flags & PD_CLEAR_BOUNDING) && !(caps->flags & PD_KEEP_CAPS);
}

/*
 * A plain drop to a non-root uid: the uid change has usually left no
 * capability (the kernel empties permitted, effective and ambient when the
 * last root id goes, unless securebits say otherwise), and an inheritable
 * set is rare. When the kernel shows permitted, effective and inheritable
 * empty, ambient is too (it is a subset of permitted and inheritable), so
 * there is nothing for libcap-ng to set; pd_verify reads it all again.
 * Any doubt (a failed read) goes to libcap-ng.
 */
static int already_none(void)
{
	struct pd_capstate st;
	struct pd_error unread;

	return pd_caps_read(&st, PD_CAP_E | PD_CAP_P | PD_CAP_I, &unread) == 0 && !st.effective &&
	       !st.permitted && !st.inheritable;
}

/* While still root: the bounding set can only shrink with CAP_SETPCAP. */
int pd_caps_before_ids(const struct pd_plan *plan, const struct pd_options *caps, struct pd_error *err)
{
	if (((caps->flags & PD_CLEAR_BOUNDING) || (plan->uid == 0 && (caps->flags & PD_KEEP_CAPS))) &&
	    set_bounding(caps->keep_caps, err) < 0)
		return -1;
	/* Without it the uid change empties permitted, and nothing can be kept. */
	if (plan->uid != 0 && caps->keep_caps && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_SET_KEEPCAPS)", errno, NULL);
	return 0;
}

/*
 * After the uid change, which clears ambient: a non-root user gets the kept
 * capabilities ambient; root keeps none ambient, so the command gets exactly
 * keep. A plain drop empties inheritable too: with file capabilities it
 * would still grant. Root bounded with nothing kept loses its inheritable
 * and ambient sets, so its exec starts with no capability at all.
 */
int pd_caps_after_ids(const struct pd_plan *plan, const struct pd_options *caps,
		      const struct pd_capstate *start, struct pd_error *err)
{
	if (plan->uid != 0 && caps->keep_caps && prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_SET_KEEPCAPS)", errno, NULL);
	if (((caps->flags & PD_KEEP_CAPS) || (plan->uid != 0 && !already_none())) &&
	    set_caps(caps->keep_caps, plan->uid != 0, err) < 0)
		return -1;
	if (root_unkept_bounded(plan, caps) && unbequeath(start, err) < 0)
		return -1;
	if ((caps->flags & PD_NO_NEW_PRIVS) && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return pd_fail(err, PD_ERR_SYSTEM, "prctl(PR_SET_NO_NEW_PRIVS)", errno, NULL);
	return 0;
}

/*
 * What the kernel must show after the switch, given where we started. A plain
 * drop to a non-root user checks that every set but bounding is empty.
 */
void pd_caps_expect(const struct pd_plan *plan, const struct pd_options *caps,
		    const struct pd_capstate *start, struct pd_capstate *want)
{
	int root = plan->uid == 0;

	*want = *start;
	if (!caps_asked(caps)) {
		memset(want, 0, sizeof(*want));
		want->fields = root ? 0 : PD_CAP_E | PD_CAP_P | PD_CAP_I | PD_CAP_A;
		return;
	}
	if (caps->flags & PD_KEEP_CAPS) {
		want->effective = want->permitted = want->inheritable = caps->keep_caps;
		want->ambient = root ? 0 : caps->keep_caps;
	} else if (!root) {
		want->effective = want->permitted = want->inheritable = want->ambient = 0;
	}
	if ((caps->flags & PD_CLEAR_BOUNDING) || (root && (caps->flags & PD_KEEP_CAPS)))
		want->bounding = caps->keep_caps;
	if (root_unkept_bounded(plan, caps))
		want->inheritable = want->ambient = 0;
	want->no_new_privs = start->no_new_privs || (caps->flags & PD_NO_NEW_PRIVS) != 0;
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

int pd_caps_verify(const struct pd_plan *plan, const struct pd_options *caps,
		   const struct pd_capstate *start, struct pd_error *err)
{
	struct pd_capstate want, got;
	const char *why;

	pd_caps_expect(plan, caps, start, &want);
	if (pd_caps_read(&got, want.fields, err) < 0)
		return -1;
	why = first_difference(&got, &want);
	return why ? pd_fail(err, PD_ERR_VERIFY, "verify", 0, why) : 0;
}
