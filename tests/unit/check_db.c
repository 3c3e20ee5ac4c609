/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/* Reading databases from files: blocks, long lines, missing and unreadable files. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_privdrop.h"

static int open_text(const char *text, size_t len)
{
	int fd = memfd_create("db", MFD_CLOEXEC);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

static char small_buf[64];

/* small: start in a 64-byte buffer of the caller's, which lines outgrow. */
static void db_of(struct pd_db *db, const char *text, size_t len, int small)
{
	pd_db_mem(db, "", 0);
	db->fd = open_text(text, len);
	if (small) {
		db->buf = small_buf;
		db->cap = sizeof(small_buf);
	}
}

/* A user near the end of a file much larger than one read block. */
START_TEST(test_many_blocks)
{
	size_t i, n = 20000, len = 0;
	char *text = malloc(n * 48);
	struct pd_passwd pw;
	struct pd_db db;

	for (i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "user%zu:x:%zu:%zu::/home/user%zu:/bin/sh\n", i,
				       10000 + i, 10000 + i, i);
	db_of(&db, text, len, 0);
	ck_assert_int_eq(pd_passwd_by_name(&db, "user19999", 9, &pw), 1);
	ck_assert_uint_eq(pw.uid, 29999);
	pd_db_close(&db);
	db_of(&db, text, len, 1);
	ck_assert_int_eq(pd_passwd_by_uid(&db, 25000, &pw), 1);
	ck_assert(memcmp(pw.name, "user15000", pw.name_len) == 0);
	pd_db_close(&db);
	free(text);
}
END_TEST

/* A group line with 100,000 members, far longer than a block, found whole. */
START_TEST(test_long_line)
{
	size_t i, len = 0, size = 100000 * 16 + 200;
	char *text = malloc(size);
	struct pd_gids set = { 0 };
	struct pd_db db;

	len += (size_t)sprintf(text, "small:x:7:target\nhuge:x:8:");
	for (i = 0; i < 100000; i++)
		len += (size_t)sprintf(text + len, "%smember%zu", i ? "," : "", i);
	len += (size_t)sprintf(text + len, ",target\ntail:x:9:target"); /* no final newline */
	db_of(&db, text, len, _i);
	ck_assert_int_eq(pd_group_memberships(&db, "target", 6, &set), 0);
	ck_assert_int_eq(pd_gids_finish(&set), 0);
	ck_assert_uint_eq(set.count, 3);
	ck_assert_uint_eq(set.list[0], 7);
	ck_assert_uint_eq(set.list[1], 8);
	ck_assert_uint_eq(set.list[2], 9);
	pd_db_close(&db);
	pd_gids_free(&set);
	free(text);
}
END_TEST

/* A line longer than PD_LINE_MAX is an error, never a truncation or a skip. */
START_TEST(test_line_too_long)
{
	struct pd_passwd pw;
	struct pd_db db;
	int fd = memfd_create("huge", MFD_CLOEXEC);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)PD_LINE_MAX + 4096), 0); /* one line of NULs */
	pd_db_mem(&db, "", 0);
	db.fd = fd;
	errno = 0;
	ck_assert_int_eq(pd_passwd_by_uid(&db, 0, &pw), -1);
	ck_assert_int_eq(errno, EOVERFLOW);
	pd_db_close(&db);
}
END_TEST

START_TEST(test_missing_file)
{
	struct pd_passwd pw;
	struct pd_db db;

	struct pd_error err;

	ck_assert_int_eq(pd_db_open(&db, "/nonexistent/passwd", NULL, 0, &err), 0);
	ck_assert_int_eq(pd_passwd_by_uid(&db, 0, &pw), 0);
	pd_db_close(&db);
}
END_TEST

/* Anything but a regular file is refused at open, saying what it is. */
static const struct {
	const char *path, *reason;
} not_files[] = {
	{ "/", "is a directory, not a regular file" },
	{ "/dev/null", "is a character device, not a regular file" },
	{ "/dev/urandom", "is a character device, not a regular file" },
};

START_TEST(test_not_a_file)
{
	struct pd_error err;
	struct pd_db db;

	ck_assert_int_eq(pd_db_open(&db, not_files[_i].path, NULL, 0, &err), -1);
	ck_assert_str_eq(err.step, not_files[_i].path);
	ck_assert_str_eq(err.reason, not_files[_i].reason);
	ck_assert_int_eq(db.fd, -1);
}
END_TEST

/* A FIFO without a writer: the open must not block, and the FIFO is refused. */
START_TEST(test_fifo)
{
	char path[] = "/tmp/check_db_fifoXXXXXX";
	struct pd_error err;
	struct pd_db db;
	int r;

	ck_assert_ptr_nonnull(mkdtemp(path));
	ck_assert_int_eq(chdir(path), 0);
	ck_assert_int_eq(mkfifo("fifo", 0600), 0);
	alarm(5);
	r = pd_db_open(&db, "fifo", NULL, 0, &err);
	alarm(0);
	unlink("fifo");
	rmdir(path);
	ck_assert_int_eq(r, -1);
	ck_assert_str_eq(err.reason, "is a FIFO, not a regular file");
}
END_TEST

/* A symlink to a regular file is read as that file. */
START_TEST(test_symlink_to_file)
{
	char dir[] = "/tmp/check_db_linkXXXXXX";
	struct pd_passwd pw;
	struct pd_error err;
	struct pd_db db;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(chdir(dir), 0);
	f = fopen("passwd", "w");
	ck_assert_ptr_nonnull(f);
	fputs("root:x:0:0::/root:/bin/sh\n", f);
	fclose(f);
	ck_assert_int_eq(symlink("passwd", "link"), 0);
	ck_assert_int_eq(pd_db_open(&db, "link", NULL, 0, &err), 0);
	ck_assert_int_eq(pd_passwd_by_uid(&db, 0, &pw), 1);
	pd_db_close(&db);
	unlink("link");
	unlink("passwd");
	rmdir(dir);
}
END_TEST

Suite *db_suite(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("files");

	tcase_add_test(tc, test_many_blocks);
	tcase_add_loop_test(tc, test_long_line, 0, 2); /* our heap block, then the caller's */
	tcase_add_test(tc, test_line_too_long);
	tcase_add_test(tc, test_missing_file);
	tcase_add_loop_test(tc, test_not_a_file, 0, sizeof(not_files) / sizeof(not_files[0]));
	tcase_add_test(tc, test_fifo);
	tcase_add_test(tc, test_symlink_to_file);
	suite_add_tcase(s, tc);
	return s;
}
