/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * Substring search for the readers. musl's memmem (two-way) spends about
 * 2.4 instructions a byte on a group file; Horspool skips whole needle
 * lengths over member lists and spends about 1. Its table is built once per
 * lookup, not once per block. Long needles go to memmem, which is linear
 * whatever the input: Horspool's worst case grows with the needle's length.
 * Where the compiler targets SSE2 (every amd64), 16 windows are tested at once
 * first, on the needle's first and last bytes, and Horspool takes the tail:
 * Horspool alone was two thirds of the time at 100,000 users.
 */
#define _GNU_SOURCE
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "internal.h"

#define HORSPOOL_MAX 64

void pd_needle_init(struct pd_needle *n, const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i, last = len - 1;

	n->p = p;
	n->len = len;
	if (len == 0 || len > HORSPOOL_MAX)
		return;
	/* How far a byte seen at the window's end lets the window jump. */
	memset(n->skip, (int)len, sizeof(n->skip));
	for (i = 0; i < last; i++)
		n->skip[u[i]] = (unsigned char)(last - i);
	/* 0 for the needle's last byte stops the inner loop on a candidate. */
	n->shift = n->skip[u[last]];
	n->skip[u[last]] = 0;
}

/*
 * Positions are offsets: a window jumping past the end is never formed as a
 * pointer. An offset cannot wrap (i < hay_len and k <= 64), so the inner loop
 * adds, then compares: one step fewer a jump than comparing what is left.
 */
static const char *horspool(const struct pd_needle *n, const char *hay, size_t hay_len)
{
	const unsigned char *h = (const unsigned char *)hay;
	size_t i, last = n->len - 1;
	unsigned char k;

	if (n->len > hay_len)
		return NULL;
	/* i: the offset of the window's last byte. */
	for (i = last; i < hay_len; i += n->shift) {
		while ((k = n->skip[h[i]]) != 0) {
			i += k;
			if (i >= hay_len)
				return NULL;
		}
		if (memcmp(hay + i - last, n->p, last) == 0)
			return hay + i - last;
	}
	return NULL;
}

#ifdef __SSE2__
/*
 * The windows starting at p..p+15 whose first and last bytes are the
 * needle's, as a vector of 0xff bytes. Both loads stay inside hay.
 */
static __m128i ends_match(const char *p, size_t last, __m128i first, __m128i end)
{
	__m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), first);
	__m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + last)), end);

	return _mm_and_si128(a, b);
}

/* Whether any of the 64 windows starting at p..p+63 has the needle's ends. */
static int any_of_64(const char *p, size_t last, __m128i first, __m128i end)
{
	__m128i lo = _mm_or_si128(ends_match(p, last, first, end), ends_match(p + 16, last, first, end));
	__m128i hi = _mm_or_si128(ends_match(p + 32, last, first, end), ends_match(p + 48, last, first, end));

	return _mm_movemask_epi8(_mm_or_si128(lo, hi)) != 0;
}

/*
 * 64 windows are ruled out at a time where none has the needle's first and
 * last bytes (member lists, mostly); where one may, 16 are tested and each
 * candidate compared whole, lowest first, so the first match is the one
 * found. Horspool takes the tail.
 */
static const char *sse2_then_horspool(const struct pd_needle *n, const char *hay, size_t hay_len)
{
	size_t i, last = n->len - 1;
	const __m128i first = _mm_set1_epi8(n->p[0]), end = _mm_set1_epi8(n->p[last]);
	unsigned mask;

	for (i = 0; i + last + 16 <= hay_len; i += 16) {
		while (i + last + 64 <= hay_len && !any_of_64(hay + i, last, first, end))
			i += 64;
		if (i + last + 16 > hay_len)
			break;
		mask = (unsigned)_mm_movemask_epi8(ends_match(hay + i, last, first, end));
		for (; mask; mask &= mask - 1)
			if (memcmp(hay + i + (unsigned)__builtin_ctz(mask), n->p, n->len) == 0)
				return hay + i + (unsigned)__builtin_ctz(mask);
	}
	return horspool(n, hay + i, hay_len - i);
}
#endif

const char *pd_needle_find(const struct pd_needle *n, const char *hay, size_t hay_len)
{
	if (n->len == 0 || n->len > hay_len)
		return NULL;
	if (n->len > HORSPOOL_MAX)
		return memmem(hay, hay_len, n->p, n->len);
#ifdef __SSE2__
	return sse2_then_horspool(n, hay, hay_len);
#else
	return horspool(n, hay, hay_len);
#endif
}
