/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* USER[:GROUP]: split at the first ':', digits are ids in range, all else names. */
#include <stdlib.h>
#include <string.h>

#include "../privdrop/internal.h"
#include "reference.h"

static int all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/* 1 when the field is as the rules say; *bad set when it must be refused. */
static void check_field(const struct pd_field *f, const char *s, size_t len, int *bad)
{
	uint32_t id;

	if (len == 0) {
		fuzz_check(f->kind == PD_DEFAULT, "empty field is the default");
	} else if (!all_digits(s, len)) {
		fuzz_check(f->kind == PD_NAME, "non-digits are a name");
		fuzz_check(f->name == s && f->len == len, "a name is the field, byte for byte");
	} else if (ref_id(s, len, &id)) {
		fuzz_check(f->kind == PD_ID && f->id == id, "digits in range are that id");
		fuzz_check(f->id != 0xffffffffu, "never (uid_t)-1");
	} else {
		*bad = 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *colon;
	struct pd_spec spec;
	struct pd_error err;
	int r, bad = 0;

	memcpy(s, data, size);
	s[size] = '\0'; /* an argument ends at its first NUL */
	r = pd_spec_parse(s, &spec, &err);
	colon = strchr(s, ':');
	if (r == 0) {
		check_field(&spec.user, s, colon ? (size_t)(colon - s) : strlen(s), &bad);
		check_field(&spec.group, colon ? colon + 1 : s + strlen(s),
			    colon ? strlen(colon + 1) : 0, &bad);
		fuzz_check(!bad, "an out-of-range id was accepted");
	} else {
		fuzz_check(err.reason != NULL, "a refusal says why");
	}
	free(s);
	return 0;
}
