/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * A daemon that starts as root to bind port 80, then drops to USER with
 * privdrop before it reads a byte from the network.
 *
 *	cc -o daemon daemon.c $(pkg-config --cflags --libs privdrop)
 *	./daemon [USER[:GROUP] [PORT]]      (as root; default app, 80)
 *
 * It proves the drop to itself (binding the next port must now fail with
 * EACCES), then answers one connection with the uid it serves as and exits.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <privdrop.h>

static int listen_on(unsigned port)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	addr.sin_port = htons((unsigned short)port);
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(fd, 8) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

static void serve_one(int listener)
{
	char request[512], reply[128];
	int conn = accept(listener, NULL, NULL);
	ssize_t n;
	int len;

	if (conn < 0) {
		perror("daemon: accept");
		exit(1);
	}
	n = read(conn, request, sizeof(request));
	len = snprintf(reply, sizeof(reply), "HTTP/1.0 200 OK\r\n\r\nserved by uid %u\n",
		       (unsigned)getuid());
	if (n < 0 || write(conn, reply, (size_t)len) != len)
		perror("daemon: answering");
	close(conn);
}

int main(int argc, char **argv)
{
	const char *user = argc > 1 ? argv[1] : "app";
	unsigned port = argc > 2 ? (unsigned)atoi(argv[2]) : 80;
	struct pd_error err;
	char msg[512];
	int listener, other;

	listener = listen_on(port);
	if (listener < 0) {
		perror("daemon: binding the port");
		return 1;
	}
	/* NULL options: keep no capability at all. */
	if (pd_drop(user, NULL, &err) < 0) {
		pd_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "daemon: %s\n", msg);
		return 1;
	}
	other = listen_on(port + 1);
	if (other >= 0 || errno != EACCES) {
		fprintf(stderr, "daemon: could still bind port %u after the drop\n", port + 1);
		return 1;
	}
	printf("daemon: listening on %u as uid %u; port %u refused\n", port, (unsigned)getuid(),
	       port + 1);
	fflush(stdout);
	serve_one(listener);
	return 0;
}
