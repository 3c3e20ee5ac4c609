/* Capabilities, read straight from the kernel. */
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "privdrop.h"

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
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
	memset(err, 0, sizeof(*err));
	err->step = step;
	err->reason = reason;
	err->errnum = errno;
	return -1;
}

/* 0 when no capability is permitted, effective or ambient. */
int pd_caps_none(struct pd_error *err)
{
	struct cap_header hdr = { CAP_V3, 0 };
	struct cap_data data[2];
	unsigned cap;
	int r;

	if (syscall(SYS_capget, &hdr, data) < 0)
		return fail(err, "capget", NULL);
	if (data[0].permitted | data[1].permitted | data[0].effective | data[1].effective)
		return fail(err, "verify", "capabilities remain permitted or effective");
	for (cap = 0;; cap++) {
		r = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, cap, 0, 0);
		if (r < 0 && errno == EINVAL)
			break; /* past cap_last_cap, or a kernel without ambient caps */
		if (r < 0)
			return fail(err, "prctl(PR_CAP_AMBIENT_IS_SET)", NULL);
		if (r > 0)
			return fail(err, "verify", "capabilities remain ambient");
	}
	return 0;
}
