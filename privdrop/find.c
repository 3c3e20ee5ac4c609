/*
 * Substring search for the readers. musl's memmem (two-way) spends about
 * 2.4 instructions a byte on a group file; Horspool skips whole needle
 * lengths over member lists and spends about 1. Long needles go to memmem,
 * which is linear whatever the input: Horspool's worst case grows with the
 * needle's length.
 */
#define _GNU_SOURCE
#include <string.h>

#include "privdrop.h"

#define HORSPOOL_MAX 64

const char *pd_find(const char *hay, size_t hay_len, const char *needle, size_t len)
{
	const unsigned char *p, *end = (const unsigned char *)hay + hay_len;
	const unsigned char *n = (const unsigned char *)needle;
	unsigned char skip[256], k, shift;
	size_t i, last = len - 1;

	if (len == 0 || len > hay_len)
		return NULL;
	if (len > HORSPOOL_MAX)
		return memmem(hay, hay_len, needle, len);
	/* How far a byte seen at the window's end lets the window jump. */
	memset(skip, (int)len, sizeof(skip));
	for (i = 0; i < last; i++)
		skip[n[i]] = (unsigned char)(last - i);
	/* 0 for the needle's last byte stops the inner loop on a candidate. */
	shift = skip[n[last]];
	skip[n[last]] = 0;
	for (p = (const unsigned char *)hay + last; p < end; p += shift) {
		while ((k = skip[*p]) != 0) {
			p += k;
			if (p >= end)
				return NULL;
		}
		if (memcmp(p - last, n, last) == 0)
			return (const char *)(p - last);
	}
	return NULL;
}
