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
		"usage: %s [EAL args] -- --socket-file LCORE,PATH[,engine=ENGINE] [...]\n"
		"         [--queues N] [--max-sessions N] [--stats-interval SEC]\n"
		"         [--guest-polls]\n"
		"  --socket-file LCORE,PATH[,engine=ENGINE]\n"
		"                            serve a device on vhost-user socket PATH, polled\n"
		"                            by worker lcore LCORE (one lcore may serve several)\n"
		"                            ENGINE: ipsec_mb (default: intel-ipsec-mb), or\n"
		"                            cryptodev:NAME[:QP] (the DPDK software cryptodev\n"
		"                            NAME, e.g. from EAL --vdev crypto_aesni_mb0 or\n"
		"                            crypto_openssl0; devices sharing it get queue\n"
		"                            pairs 0, 1, ... unless QP is given)\n"
		"  --queues N                data queues per device (1..64, default 1)\n"
		"  --max-sessions N          sessions per device (default 1024)\n"
		"  --stats-interval SEC      print statistics every SEC seconds (0: at exit only)\n"
		"  --guest-polls             the guests poll their used rings: never interrupt\n"
		"                            them (no eventfd write, whatever the rings say)\n",
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

/* Queue pair for the next device on cryptodev NAME: one past those taken. */
static unsigned int
next_qp(const struct app_args *args, const char *name, size_t len)
{
	unsigned int i, n = 0;

	for (i = 0; i < args->nb_sockets; i++)
		if (strncmp(args->sockets[i].engine, "cryptodev:", 10) == 0 &&
				strncmp(args->sockets[i].engine + 10, name, len) == 0 &&
				args->sockets[i].engine[10 + len] == ':')
			n++;
	return n;
}

/* ",engine=ENGINE" after the path: fill @p s->engine. */
static int
parse_engine(const char *e, struct app_args *args, struct app_socket *s)
{
	const char *name;
	int n;

	if (strncmp(e, "cryptodev:", 10) != 0) {
		n = snprintf(s->engine, sizeof(s->engine), "%s", e);
		return n > 0 && (size_t)n < sizeof(s->engine) ? 0 : -EINVAL;
	}
	name = e + 10;
	if (name[0] == '\0')
		return -EINVAL;
	if (strchr(name, ':') != NULL)
		n = snprintf(s->engine, sizeof(s->engine), "%s", e);
	else
		n = snprintf(s->engine, sizeof(s->engine), "%s:%u", e,
			next_qp(args, name, strlen(name)));
	return n > 0 && (size_t)n < sizeof(s->engine) ? 0 : -EINVAL;
}

static int
parse_socket(char *arg, struct app_args *args)
{
	char *comma = strchr(arg, ',');
	char *opt;
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
	opt = strstr(comma + 1, ",engine=");
	if (opt != NULL) {
		*opt = '\0';
		if (parse_engine(opt + 8, args, &args->sockets[args->nb_sockets]) != 0) {
			fprintf(stderr, "--socket-file: bad engine \"%s\"\n", opt + 8);
			return -EINVAL;
		}
	}
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
		{ "guest-polls", no_argument, NULL, 'g' },
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
		case 'g':
			args->guest_polls = true;
			break;
		case 'h':
			usage(argv[0]);
			return 1;
		default:
			rc = -EINVAL;
			break;
		}
		/* getopt itself reports unknown options; parse_socket its values */
		if (rc != 0 && (c == 'q' || c == 'm' || c == 'i'))
			fprintf(stderr, "bad value for --%s\n", c == 'q' ? "queues" :
				c == 'm' ? "max-sessions" : "stats-interval");
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
