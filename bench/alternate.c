/* SPDX-License-Identifier: MIT */
/* SPDX-FileCopyrightText: 2026 The privdrop authors */
/*
 * alternate ROUNDS PROGRAM... -- ARG...: runs each PROGRAM ARG... in turn,
 * ROUNDS times round (after 20 rounds not counted), and prints each one's
 * median wall time in seconds, one a line, in the order given. Taking turns
 * puts the machine's drift on every program alike, which timing one
 * program's runs after another's does not: the ratio of two medians is then
 * the programs'. Each round takes the programs in a new order (a shuffle
 * from a fixed seed): a run pays for some of the cleanup of the one before
 * it, so in a fixed order a program would be measured after the same
 * neighbour every time (the same program was 2% apart at two places in
 * one order). Output goes to /dev/null. Exits 1 when a run fails.
 */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WARMUP 20

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Fisher-Yates, with a 64-bit linear congruential generator (Knuth's MMIX). */
static void shuffle(int *a, int n, uint64_t *seed)
{
	int i, j, t;

	for (i = n - 1; i > 0; i--) {
		*seed = *seed * 6364136223846793005u + 1442695040888963407u;
		j = (int)((*seed >> 33) % (uint64_t)(i + 1));
		t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

/* One run of argv, its wall time in seconds; -1 when it did not exit 0. */
static double one_run(char **argv)
{
	struct timespec t0, t1;
	int status, fd;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 0, n = 0, i, j, k, sep, *order;
	uint64_t seed = 1;
	double *times;

	for (sep = 2; sep < argc && strcmp(argv[sep], "--") != 0; sep++)
		n++;
	if (rounds < 1 || n < 1 || sep == argc) {
		fprintf(stderr, "usage: alternate ROUNDS PROGRAM... -- ARG...\n");
		return 2;
	}
	times = calloc((size_t)rounds * (size_t)n, sizeof(*times));
	order = calloc((size_t)n, sizeof(*order));
	if (!times || !order)
		return 1;
	for (j = 0; j < n; j++)
		order[j] = j;
	for (i = -WARMUP; i < rounds; i++) {
		shuffle(order, n, &seed);
		for (k = 0; k < n; k++) {
			char **run = argv + sep; /* PROGRAM in the place of "--" */
			double t;

			j = order[k];
			run[0] = argv[2 + j];
			t = one_run(run);
			if (t < 0) {
				fprintf(stderr, "alternate: %s failed\n", argv[2 + j]);
				return 1;
			}
			if (i >= 0)
				times[(size_t)j * (size_t)rounds + (size_t)i] = t;
		}
	}
	for (j = 0; j < n; j++) {
		qsort(times + (size_t)j * (size_t)rounds, (size_t)rounds, sizeof(*times), by_value);
		printf("%.9f\n", times[(size_t)j * (size_t)rounds + (size_t)rounds / 2]);
	}
	return 0;
}
