/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * A database is read in blocks of whole lines, so a reader can search a
 * block with memmem instead of walking it a byte at a time. Memory is the
 * read buffer plus the longest line, never the whole file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

void pd_db_mem(struct pd_db *db, const char *text, size_t len)
{
	memset(db, 0, sizeof(*db));
	db->fd = -1;
	db->mem = text;
	db->mem_len = len;
}

/* What a file that is not a regular one is, for the message refusing it. */
static const char *not_regular(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFIFO:
		return "is a FIFO, not a regular file";
	case S_IFCHR:
		return "is a character device, not a regular file";
	case S_IFBLK:
		return "is a block device, not a regular file";
	case S_IFDIR:
		return "is a directory, not a regular file";
	case S_IFSOCK:
		return "is a socket, not a regular file";
	}
	return "is not a regular file";
}

/*
 * A missing file has no entries; one that exists but can't be opened, or is
 * not a regular file, is an error. O_NONBLOCK: a FIFO without a writer must
 * not hang the open; a device or FIFO is refused before it is read. buf (may
 * be NULL) holds the blocks until a line outgrows it.
 */
int pd_db_open(struct pd_db *db, const char *path, char *buf, size_t size, struct pd_error *err)
{
	struct stat st;

	pd_db_mem(db, "", 0);
	memset(err, 0, sizeof(*err));
	err->step = path;
	db->path = path;
	db->buf = buf;
	db->cap = buf ? size : 0;
	/* openat: musl's open follows O_CLOEXEC with an fcntl, for kernels before 2.6.23. */
	db->fd = openat(AT_FDCWD, path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (db->fd < 0 && errno == ENOENT)
		return 0;
	if (db->fd < 0 || fstat(db->fd, &st) < 0) {
		err->kind = PD_ERR_SYSTEM;
		err->errnum = errno;
		pd_db_close(db);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		err->kind = PD_ERR_SYSTEM;
		err->reason = not_regular(st.st_mode);
		pd_db_close(db);
		return -1;
	}
	return 0;
}

void pd_db_close(struct pd_db *db)
{
	if (db->fd >= 0)
		close(db->fd);
	if (db->owned)
		free(db->buf);
	db->fd = -1;
	db->buf = NULL;
}

static int fill(struct pd_db *db)
{
	ssize_t n;
	char *p;

	if (db->len == db->cap) {
		size_t cap = db->cap ? db->cap * 2 : PD_BLOCK_SIZE;
		if (cap > PD_LINE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
		p = db->owned ? realloc(db->buf, cap) : malloc(cap);
		if (!p)
			return -1;
		if (!db->owned && db->len)
			memcpy(p, db->buf, db->len);
		db->buf = p;
		db->cap = cap;
		db->owned = 1;
	}
	do
		n = read(db->fd, db->buf + db->len, db->cap - db->len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	db->len += (size_t)n;
	return n > 0;
}

static int read_block(struct pd_db *db, const char **block, size_t *len)
{
	size_t scanned;
	const char *nl;
	int r;

	if (db->used) {
		memmove(db->buf, db->buf + db->used, db->len - db->used);
		db->len -= db->used;
		db->used = 0;
	}
	for (;;) {
		scanned = db->len;
		r = fill(db);
		if (r < 0)
			return -1;
		if (r == 0) { /* end of file: the last line may lack its newline */
			db->eof = 1;
			db->used = db->len;
			break;
		}
		nl = memrchr(db->buf + scanned, '\n', db->len - scanned);
		if (nl) {
			db->used = (size_t)(nl + 1 - db->buf);
			break;
		}
	}
	*block = db->buf;
	*len = db->used;
	return db->used > 0;
}

/* Returns 1 with a block of whole lines, 0 at the end, -1 on a read error. */
static int next_block(struct pd_db *db, const char **block, size_t *len)
{
	if (db->eof)
		return 0;
	if (db->fd < 0) {
		db->eof = 1;
		*block = db->mem;
		*len = db->mem_len;
		return db->mem_len > 0;
	}
	return read_block(db, block, len);
}

static int next_line(const char **pos, const char *end, const char **line, size_t *len)
{
	const char *nl;

	if (*pos >= end)
		return 0;
	nl = memchr(*pos, '\n', (size_t)(end - *pos));
	*line = *pos;
	*len = (size_t)((nl ? nl : end) - *pos);
	*pos = nl ? nl + 1 : end;
	return 1;
}

/* The next line holding needle, found without looking at the lines between. */
static int find_line(const char **pos, const char *end, const struct pd_needle *needle,
		     const char **line, size_t *len)
{
	const char *hit, *start;

	if (*pos >= end)
		return 0;
	hit = pd_needle_find(needle, *pos, (size_t)(end - *pos));
	if (!hit) {
		*pos = end;
		return 0;
	}
	start = memrchr(*pos, '\n', (size_t)(hit - *pos));
	*pos = start ? start + 1 : *pos;
	return next_line(pos, end, line, len);
}

/*
 * The next line holding needle, or the next line when needle is NULL: 1 with
 * the line (valid until the next call), 0 at the end, -1 on a read error.
 */
int pd_db_next(struct pd_db *db, const struct pd_needle *needle, const char **line, size_t *len)
{
	const char *block;
	size_t n;
	int r;

	for (;;) {
		if (needle ? find_line(&db->pos, db->end, needle, line, len)
			   : next_line(&db->pos, db->end, line, len))
			return 1;
		r = next_block(db, &block, &n);
		if (r <= 0)
			return r;
		db->pos = block;
		db->end = block + n;
	}
}

/*
 * The lookup by name of passwd and group, whose first field is the name: the
 * first line whose first field is exactly name and that parse takes (into
 * entry). 1 found, 0 not (an empty name never is), -1 on a read error.
 */
int pd_db_find_named(struct pd_db *db, const char *name, size_t len, pd_line_parser *parse, void *entry)
{
	struct pd_needle needle;
	const char *line;
	size_t n;
	int r;

	if (len == 0)
		return 0;
	pd_needle_init(&needle, name, len);
	while ((r = pd_db_next(db, &needle, &line, &n)) > 0)
		if (memchr(line, ':', n) == line + len && memcmp(line, name, len) == 0 && parse(line, n, entry))
			return 1;
	return r;
}

/* Comments, NIS +/- lines and lines holding a NUL byte never count. */
int pd_line_usable(const char *line, size_t len)
{
	if (len == 0 || line[0] == '#' || line[0] == '+' || line[0] == '-')
		return 0;
	return memchr(line, '\0', len) == NULL;
}

/* Splits at ':' into at most max fields; returns max + 1 when there are more. */
size_t pd_line_split(const char *line, size_t len, struct pd_span *fields, size_t max)
{
	const char *end = line + len, *colon;
	size_t n = 0;

	for (;;) {
		if (n == max)
			return max + 1;
		colon = memchr(line, ':', (size_t)(end - line));
		fields[n].p = line;
		fields[n].len = (size_t)((colon ? colon : end) - line);
		n++;
		if (!colon)
			return n;
		line = colon + 1;
	}
}
