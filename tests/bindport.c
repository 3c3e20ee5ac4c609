/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * For tests/caps.sh: binds 127.0.0.1:80, then talks to itself through it,
 * and says which happened: "bound 127.0.0.1:80, heard hello", or "bind
 * 127.0.0.1:80: EACCES (Permission denied)" and exit 1. One process, so no
 * listener to wait for; static, so it runs in the busybox root too.
 */
#define _DEFAULT_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(80) };
	char heard[6] = "";
	int s, c, conn, e;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
		e = errno;
		printf("bind 127.0.0.1:80: %s (%s)\n", e == EACCES ? "EACCES" : "not EACCES",
		       strerror(e));
		return 1;
	}
	/* A connect to a listening socket completes in the backlog, before accept. */
	c = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || c < 0 || listen(s, 1) < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    write(c, "hello", 5) != 5 || (conn = accept(s, NULL, NULL)) < 0 ||
	    read(conn, heard, 5) != 5) {
		perror("bindport");
		return 2;
	}
	printf("bound 127.0.0.1:80, heard %s\n", heard);
	return 0;
}
