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
		"usage: %s [EAL args] -- --socket-file LCORES,PATH[,engine=ENGINE] [...]\n"
		"         [--queues N] [--max-sessions N] [--stats-interval SEC]\n"
		"         [--guest-polls]\n"
		"  --socket-file LCORES,PATH[,engine=ENGINE]\n"
		"                            serve a device on vhost-user socket PATH\n"
		"                            LCORES: one worker lcore polling all its queues\n"
		"                            (one lcore may serve several devices), or\n"
		"                            L0:L1:... to spread them: data queue q on\n"
		"                            lcore Lq mod n, the control queue on L0\n"
		"                            ENGINE: ipsec_mb (default: intel-ipsec-mb), or\n"
		"                            cryptodev:NAME[:QP] (the DPDK software cryptodev\n"
		"                            NAME, e.g. from EAL --vdev crypto_aesni_mb0 or\n"
		"                            crypto_openssl0; data queue q runs on queue\n"
		"                            pair QP + q; devices sharing NAME get the next\n"
		"                            free ones unless QP is given)\n"
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

/*
 * The first queue pair of device @p dev on cryptodev NAME (its engine
 * "cryptodev:NAME" without QP): one past those of the devices before it
 * on NAME, each taking one per data queue.
 */
static int
resolve_qp(struct app_args *args, unsigned int dev)
{
	struct app_socket *s = &args->sockets[dev];
	size_t len = strlen(s->engine);
	unsigned int i, n = 0;
	int rc;

	for (i = 0; i < dev; i++)
		if (strncmp(args->sockets[i].engine, s->engine, len) == 0 &&
				args->sockets[i].engine[len] == ':')
			n++;
	rc = snprintf(s->engine + len, sizeof(s->engine) - len, ":%u",
		n * args->queues);
	return rc > 0 && (size_t)rc < sizeof(s->engine) - len ? 0 : -EINVAL;
}

/* ",engine=ENGINE" after the path: fill @p s->engine. */
static int
parse_engine(const char *e, struct app_socket *s)
{
	int n;

	if (strncmp(e, "cryptodev:", 10) == 0 && e[10] == '\0')
		return -EINVAL;
	n = snprintf(s->engine, sizeof(s->engine), "%s", e);
	return n > 0 && (size_t)n < sizeof(s->engine) ? 0 : -EINVAL;
}

/* "L" or "L0:L1:..." into @p s->lcores. */
static int
parse_lcores(char *list, struct app_socket *s)
{
	unsigned long lcore;
	char *tok, *save = NULL;

	s->nb_lcores = 0;
	for (tok = strtok_r(list, ":", &save); tok != NULL;
			tok = strtok_r(NULL, ":", &save)) {
		if (s->nb_lcores == APP_MAX_DEV_LCORES ||
				parse_ulong(tok, 0, UINT_MAX, &lcore) != 0)
			return -EINVAL;
		s->lcores[s->nb_lcores++] = lcore;
	}
	return s->nb_lcores > 0 ? 0 : -EINVAL;
}

static int
parse_socket(char *arg, struct app_args *args)
{
	struct app_socket *s = &args->sockets[args->nb_sockets];
	char *comma = strchr(arg, ',');
	char *opt;

	if (comma == NULL || comma[1] == '\0') {
		fprintf(stderr, "--socket-file wants LCORES,PATH, got \"%s\"\n", arg);
		return -EINVAL;
	}
	if (args->nb_sockets >= APP_MAX_DEVICES) {
		fprintf(stderr, "at most %d --socket-file options\n", APP_MAX_DEVICES);
		return -EINVAL;
	}
	*comma = '\0';
	if (parse_lcores(arg, s) != 0) {
		fprintf(stderr, "--socket-file: bad lcore list \"%s\" (L or L0:L1:...)\n",
			arg);
		return -EINVAL;
	}
	s->path = comma + 1;
	opt = strstr(comma + 1, ",engine=");
	if (opt != NULL) {
		*opt = '\0';
		if (parse_engine(opt + 8, s) != 0) {
			fprintf(stderr, "--socket-file: bad engine \"%s\"\n", opt + 8);
			return -EINVAL;
		}
	}
	args->nb_sockets++;
	return 0;
}

/* After all options: what depends on --queues. */
static int
finish_sockets(struct app_args *args)
{
	unsigned int i;

	for (i = 0; i < args->nb_sockets; i++) {
		struct app_socket *s = &args->sockets[i];

		if (s->nb_lcores > args->queues) {
			fprintf(stderr, "--socket-file %s: %u lcores for %u data queues\n",
				s->path, s->nb_lcores, args->queues);
			return -EINVAL;
		}
		if (strncmp(s->engine, "cryptodev:", 10) == 0 &&
				strchr(s->engine + 10, ':') == NULL &&
				resolve_qp(args, i) != 0) {
			fprintf(stderr, "--socket-file %s: engine name too long\n",
				s->path);
			return -EINVAL;
		}
	}
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
	if (rc == 0)
		rc = finish_sockets(args);
	if (rc != 0)
		usage(argv[0]);
	return rc;
}
