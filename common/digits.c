/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Numbers in and out: ids, seconds and signals are digits only, within a range. */
#include "common.h"

int pd_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

int pd_uint(const char *s, size_t len, uint32_t max, uint32_t *n)
{
	uint64_t v = 0;
	size_t i;

	if (!pd_digits(s, len))
		return -1;
	for (i = 0; i < len; i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max)
			return -1;
	}
	*n = (uint32_t)v;
	return 0;
}

char *pd_put_uint(char *p, unsigned long v)
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
