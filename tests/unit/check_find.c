/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* The substring search under the readers, against a naive search. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check_privdrop.h"

static const char *naive(const char *h, size_t hlen, const char *n, size_t nlen)
{
	size_t i;

	for (i = 0; nlen && i + nlen <= hlen; i++)
		if (memcmp(h + i, n, nlen) == 0)
			return h + i;
	return NULL;
}

static const struct {
	const char *hay, *needle;
} rows[] = {
	{ "nobody", "nobody" },
	{ "u1,u2,nobody", "nobody" },
	{ "nobody,u1", "nobody" },
	{ "nobodnobody", "nobody" },
	{ "abababc", "ababc" },
	{ "aaaaaaaab", "aab" },
	{ "aaaa", "aaaaa" },
	{ "xyz", "" },
	{ "", "a" },
	{ "abc", "d" },
	{ "abcabc", "c" },
	{ "games:x:60:\nusers:x:100:games", "games" },
	{ "\xff\xfe\x80nobody\x80", "\x80" },
	{ "yyyyyxyyyy", "xy" },
	{ "bbbbbbbbab", "ab" },
};

START_TEST(test_rows)
{
	const char *h = rows[_i].hay, *n = rows[_i].needle;

	struct pd_needle needle;

	pd_needle_init(&needle, n, strlen(n));
	ck_assert_ptr_eq(pd_needle_find(&needle, h, strlen(h)), naive(h, strlen(h), n, strlen(n)));
}
END_TEST

/*
 * A haystack ending where an unreadable page starts: every jump that would
 * land past the end stops there, and nothing beyond it is read.
 */
START_TEST(test_page_end)
{
	static const char *needles[] = { "nobody", "zzzzzzzz", "y", "xy", "games0" };
	long page = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct pd_needle prepared;
	size_t len, i;
	char *hay;

	ck_assert_ptr_ne(map, MAP_FAILED);
	ck_assert_int_eq(mprotect(map + page, (size_t)page, PROT_NONE), 0);
	for (len = 0; len <= 40; len++) {
		hay = map + page - len;
		for (i = 0; i < len; i++)
			hay[i] = "abcxy,"[i % 6];
		for (i = 0; i < sizeof(needles) / sizeof(needles[0]); i++) {
			pd_needle_init(&prepared, needles[i], strlen(needles[i]));
			ck_assert_ptr_eq(pd_needle_find(&prepared, hay, len),
					 naive(hay, len, needles[i], strlen(needles[i])));
		}
	}
	munmap(map, (size_t)page * 2);
}
END_TEST

/*
 * Member lists, where whole runs of 64 windows are ruled out at a time: the
 * needle planted at every offset of a haystack of every length up to 256,
 * each ending where an unreadable page starts, and with the needle's first
 * and last bytes alone in the filler (candidates that are not matches).
 */
START_TEST(test_long_runs)
{
	static const char *fillers[] = { "user1,", "n,y,nob,", "nobodz," };
	long page = sysconf(_SC_PAGESIZE);
	char *map = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct pd_needle prepared;
	size_t len, at, i, f;
	char *hay, filler[256];
	const char *got, *want;

	ck_assert_ptr_ne(map, MAP_FAILED);
	ck_assert_int_eq(mprotect(map + page, (size_t)page, PROT_NONE), 0);
	pd_needle_init(&prepared, "nobody", 6);
	for (f = 0; f < (size_t)COUNT(fillers); f++)
		for (len = 0; len <= 256; len++) {
			hay = map + page - len;
			for (i = 0; i < len; i++)
				hay[i] = fillers[f][i % strlen(fillers[f])];
			memcpy(filler, hay, len);
			for (at = 0; at <= len; at++) {
				if (at + 6 <= len)
					memcpy(hay + at, "nobody", 6);
				/* No filler holds "nobody", and "nobody" has no border: found where planted. */
				want = at + 6 <= len ? hay + at : NULL;
				got = pd_needle_find(&prepared, hay, len);
				if (got != want) /* check's assertion only on a miss: 100,000 finds under valgrind */
					ck_assert_ptr_eq(got, want);
				if (at + 6 <= len)
					memcpy(hay + at, filler + at, 6); /* the filler back */
			}
		}
	munmap(map, (size_t)page * 2);
}
END_TEST

/* Random text over a small alphabet finds every needle where the naive search does. */
START_TEST(test_random)
{
	char hay[512], needle[80];
	struct pd_needle prepared;
	size_t hlen, nlen, k;
	unsigned seed = 1;
	int round;

	for (round = 0; round < 20000; round++) {
		hlen = (size_t)rand_r(&seed) % sizeof(hay);
		nlen = 1 + (size_t)rand_r(&seed) % (round % 10 ? 8 : sizeof(needle));
		for (k = 0; k < hlen; k++)
			hay[k] = "ab,c"[rand_r(&seed) % 4];
		for (k = 0; k < nlen; k++)
			needle[k] = "ab,c"[rand_r(&seed) % 4];
		if (hlen >= nlen && rand_r(&seed) % 2) /* plant it */
			memcpy(hay + (size_t)rand_r(&seed) % (hlen - nlen + 1), needle, nlen);
		pd_needle_init(&prepared, needle, nlen);
		ck_assert_ptr_eq(pd_needle_find(&prepared, hay, hlen),
				 naive(hay, hlen, needle, nlen));
	}
}
END_TEST

Suite *find_suite(void)
{
	Suite *s = suite_create("find");
	TCase *tc = tcase_create("find");

	tcase_add_loop_test(tc, test_rows, 0, COUNT(rows));
	tcase_add_test(tc, test_page_end);
	tcase_add_test(tc, test_long_runs);
	tcase_add_test(tc, test_random);
	suite_add_tcase(s, tc);
	return s;
}
