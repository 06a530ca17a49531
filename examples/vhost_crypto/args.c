/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

static void
usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s [EAL args] -- --socket-file LCORE,PATH [--socket-file LCORE,PATH ...]\n"
		"         [--queues N] [--max-sessions N] [--stats-interval SEC]\n"
		"  --socket-file LCORE,PATH  serve a device on vhost-user socket PATH, polled\n"
		"                            by worker lcore LCORE (one lcore may serve several)\n"
		"  --queues N                data queues per device (1..64, default 1)\n"
		"  --max-sessions N          sessions per device (default 1024)\n"
		"  --stats-interval SEC      print statistics every SEC seconds (0: at exit only)\n",
		prog);
}

static int
parse_ulong(const char *s, unsigned long min, unsigned long max,
		unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-' ||
			v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static int
parse_socket(char *arg, struct app_args *args)
{
	char *comma = strchr(arg, ',');
	unsigned long lcore;

	if (comma == NULL || comma[1] == '\0') {
		fprintf(stderr, "--socket-file wants LCORE,PATH, got \"%s\"\n", arg);
		return -EINVAL;
	}
	*comma = '\0';
	if (parse_ulong(arg, 0, UINT_MAX, &lcore) != 0) {
		fprintf(stderr, "--socket-file: bad lcore \"%s\"\n", arg);
		return -EINVAL;
	}
	if (args->nb_sockets >= APP_MAX_DEVICES) {
		fprintf(stderr, "at most %d --socket-file options\n", APP_MAX_DEVICES);
		return -EINVAL;
	}
	args->sockets[args->nb_sockets].lcore = lcore;
	args->sockets[args->nb_sockets].path = comma + 1;
	args->nb_sockets++;
	return 0;
}

int
app_args_parse(int argc, char **argv, struct app_args *args)
{
	static const struct option opts[] = {
		{ "socket-file", required_argument, NULL, 's' },
		{ "queues", required_argument, NULL, 'q' },
		{ "max-sessions", required_argument, NULL, 'm' },
		{ "stats-interval", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long v = 0;
	int c, rc = 0;

	memset(args, 0, sizeof(*args));
	args->queues = 1;
	args->max_sessions = 1024;
	optind = 1;
	while (rc == 0 && (c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			rc = parse_socket(optarg, args);
			break;
		case 'q':
			rc = parse_ulong(optarg, 1, 64, &v);
			args->queues = v;
			break;
		case 'm':
			rc = parse_ulong(optarg, 1, 1u << 24, &v);
			args->max_sessions = v;
			break;
		case 'i':
			rc = parse_ulong(optarg, 0, 86400, &v);
			args->stats_interval = v;
			break;
		default:
			rc = -EINVAL;
			break;
		}
		if (rc != 0 && c != 's')
			fprintf(stderr, "bad value for --%s\n", c == 'q' ? "queues" :
				c == 'm' ? "max-sessions" : c == 'i' ? "stats-interval" :
				"option");
	}
	if (rc == 0 && optind < argc) {
		fprintf(stderr, "unexpected argument \"%s\"\n", argv[optind]);
		rc = -EINVAL;
	}
	if (rc == 0 && args->nb_sockets == 0) {
		fprintf(stderr, "at least one --socket-file is needed\n");
		rc = -EINVAL;
	}
	if (rc != 0)
		usage(argv[0]);
	return rc;
}
