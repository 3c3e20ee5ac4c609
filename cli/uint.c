/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Numbers on su-exec's command line, digits only within a range, and numbers it writes. */
#include <string.h>

#include "cli.h"

int cli_is_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

int cli_uint(const char *s, size_t len, uint32_t max, uint32_t *n)
{
	uint64_t v = 0;
	size_t i;

	if (!cli_is_digits(s, len))
		return -1;
	for (i = 0; i < len; i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max)
			return -1;
	}
	*n = (uint32_t)v;
	return 0;
}

/* --grace=SECONDS; *grace is left alone on failure. */
char *cli_put_uint(char *p, unsigned long v)
{
	char digits[24];
	int n = 0;

	do
		digits[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		*p++ = digits[--n];
	*p = '\0';
	return p;
}

int cli_grace_parse(const char *s, unsigned *grace, struct pd_error *err)
{
	uint32_t n;

	if (cli_uint(s, strlen(s), INIT_GRACE_MAX, &n) < 0)
		return cli_fail(err, s, strlen(s), "not a number of seconds (0-86400)");
	*grace = n;
	return 0;
}
