/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "bench.h"

struct bench_args {
	const char *dev;
	const char *label;
	char algos[256];
	uint32_t sizes[BENCH_MAX_SIZES];
	unsigned int nb_sizes;
	struct bench_conf conf;
};

static void
usage(const char *prog)
{
	printf("usage: %s [EAL args] -- --dev NAME [--label TEXT] [--algos LIST]\n"
	       "          [--sizes 64,256,...] [--burst N] [--ops N] [--lat-bursts N]\n"
	       "          [--qps N] [--pace[=US]] [--depth N]\n"
	       "  --lat-bursts N  isolated bursts for the latency (default 2000; 0: none)\n"
	       "  --qps N         drive queue pairs 0..N-1 round-robin, the ops split evenly\n"
	       "                  (default 1; the device needs N, e.g. devarg queues=N)\n"
	       "  --pace[=US]     once a pass over the queue pairs took all there was,\n"
	       "                  sleep instead of spinning: US microseconds, or by default\n"
	       "                  as long as the ops in flight last (adapted, %u to %u us)\n"
	       "  --depth N       ops in circulation per queue pair (default 16 bursts)\n"
	       "algorithms: %s\n"
	       "Prints one CSV line per point:\n"
	       "  BENCH,label,algo,size,burst,mops,gbps,lat_median_us,lat_p99_us,qps,cpu_share\n"
	       "cpu_share: the process's CPU time over the throughput phase, in cores\n",
	       prog, BENCH_PACE_MIN_US, BENCH_PACE_MAX_US, bench_algo_names());
}

static int
parse_sizes(struct bench_args *a, const char *list)
{
	char buf[256], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", list);
	a->nb_sizes = 0;
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned long v = strtoul(tok, NULL, 0);

		if (v == 0 || v > 65000 || a->nb_sizes == BENCH_MAX_SIZES)
			return -EINVAL;
		a->sizes[a->nb_sizes++] = (uint32_t)v;
	}
	return a->nb_sizes ? 0 : -EINVAL;
}

static int
parse_args(struct bench_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "label", required_argument, NULL, 'l' },
		{ "algos", required_argument, NULL, 'a' },
		{ "sizes", required_argument, NULL, 's' },
		{ "burst", required_argument, NULL, 'b' },
		{ "ops", required_argument, NULL, 'o' },
		{ "lat-bursts", required_argument, NULL, 'L' },
		{ "qps", required_argument, NULL, 'q' },
		{ "pace", optional_argument, NULL, 'p' },
		{ "depth", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	snprintf(a->algos, sizeof(a->algos), "%s", bench_algo_names());
	parse_sizes(a, "64,256,1024,4096,16384");
	a->conf.burst = 32;
	a->conf.ops = 1000000;
	a->conf.lat_bursts = 2000;
	a->conf.nb_qps = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': a->dev = optarg; break;
		case 'l': a->label = optarg; break;
		case 'a': snprintf(a->algos, sizeof(a->algos), "%s", optarg); break;
		case 's':
			if (parse_sizes(a, optarg) < 0)
				return -EINVAL;
			break;
		case 'b': a->conf.burst = (uint16_t)atoi(optarg); break;
		case 'o': a->conf.ops = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'L': a->conf.lat_bursts = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'q': a->conf.nb_qps = (uint16_t)atoi(optarg); break;
		case 'D': a->conf.pool_ops = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 'p':
			a->conf.pace_us = optarg ? (uint32_t)strtoul(optarg, NULL, 0) :
				BENCH_PACE_ADAPTIVE;
			break;
		default: return -EINVAL;
		}
	}
	if (a->dev == NULL || a->conf.burst == 0 || a->conf.burst > BENCH_MAX_BURST ||
	    a->conf.ops == 0 || a->conf.nb_qps == 0 || a->conf.nb_qps > BENCH_MAX_QPS)
		return -EINVAL;
	if (a->label == NULL)
		a->label = a->dev;
	/* enough ops in flight to cover a deep queue, a multiple of the burst,
	 * on each queue pair */
	if (a->conf.pool_ops == 0)
		a->conf.pool_ops = 16 * a->conf.burst;
	if (a->conf.pool_ops > BENCH_MAX_DEPTH)
		return -EINVAL;
	a->conf.pool_ops *= a->conf.nb_qps;
	return 0;
}

static unsigned int
max_qps(uint8_t dev_id)
{
	struct rte_cryptodev_info info;

	rte_cryptodev_info_get(dev_id, &info);
	return info.max_nb_queue_pairs;
}

static int
setup_device(struct bench_args *a)
{
	struct rte_cryptodev_config dconf = { .nb_queue_pairs = a->conf.nb_qps };
	struct rte_cryptodev_qp_conf qconf = { .nb_descriptors = 2048 };
	struct bench_conf *c = &a->conf;
	uint32_t largest = 0, i;
	uint16_t qp;
	int id, socket;

	id = rte_cryptodev_get_dev_id(a->dev);
	if (id < 0) {
		printf("no cryptodev named %s\n", a->dev);
		return -ENODEV;
	}
	c->dev_id = (uint8_t)id;
	socket = (int)rte_socket_id();
	for (i = 0; i < a->nb_sizes; i++)
		largest = RTE_MAX(largest, a->sizes[i]);
	c->op_pool = rte_crypto_op_pool_create("bench_ops", RTE_CRYPTO_OP_TYPE_SYMMETRIC,
			c->pool_ops * 2, 0, BENCH_PRIV_SIZE, socket);
	c->mbuf_pool = rte_pktmbuf_pool_create("bench_mbufs", c->pool_ops * 2, 0, 0,
			RTE_PKTMBUF_HEADROOM + largest + 64, socket);
	c->sess_pool = rte_cryptodev_sym_session_pool_create("bench_sess", 16,
			rte_cryptodev_sym_get_private_session_size(c->dev_id), 0, 0, socket);
	if (c->op_pool == NULL || c->mbuf_pool == NULL || c->sess_pool == NULL) {
		printf("pool creation failed: %s\n", rte_strerror(rte_errno));
		return -ENOMEM;
	}
	dconf.socket_id = socket;
	qconf.mp_session = c->sess_pool;
	if (rte_cryptodev_configure(c->dev_id, &dconf) < 0) {
		printf("cannot configure %s with %u queue pairs (it has %u)\n", a->dev,
		       c->nb_qps, max_qps(c->dev_id));
		return -EIO;
	}
	for (qp = 0; qp < c->nb_qps; qp++)
		if (rte_cryptodev_queue_pair_setup(c->dev_id, qp, &qconf, socket) < 0) {
			printf("cannot set up queue pair %u of %s\n", qp, a->dev);
			return -EIO;
		}
	if (rte_cryptodev_start(c->dev_id) < 0) {
		printf("cannot start %s\n", a->dev);
		return -EIO;
	}
	return 0;
}

static int
run_all(struct bench_args *a)
{
	char buf[256], *tok, *save = NULL;
	int failures = 0;

	snprintf(buf, sizeof(buf), "%s", a->algos);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct bench_algo *algo = bench_algo_find(tok);
		unsigned int i;

		if (algo == NULL) {
			printf("unknown algorithm %s (known: %s)\n", tok, bench_algo_names());
			return -EINVAL;
		}
		for (i = 0; i < a->nb_sizes; i++) {
			struct bench_result r;
			int ret = bench_run_point(&a->conf, algo, a->sizes[i], &r);

			if (ret == -ENOTSUP) {
				printf("BENCH,%s,%s,%u,%u,unsupported\n", a->label, algo->name,
				       a->sizes[i], a->conf.burst);
				continue;
			}
			if (ret < 0 || r.failed > 0) {
				printf("FAIL %s %s %u: %s, %" PRIu64 " ops failed\n", a->label,
				       algo->name, a->sizes[i], ret < 0 ? strerror(-ret) : "ok",
				       r.failed);
				failures++;
				continue;
			}
			printf("BENCH,%s,%s,%u,%u,%.3f,%.3f,%.2f,%.2f,%u,%.3f\n", a->label,
			       algo->name, a->sizes[i], a->conf.burst, r.mops, r.gbps,
			       r.lat_median_us, r.lat_p99_us, a->conf.nb_qps, r.cpu_share);
			fflush(stdout);
		}
	}
	return failures ? -EIO : 0;
}

int
main(int argc, char **argv)
{
	struct bench_args a = { 0 };
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "EAL init failed: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	argc -= ret;
	argv += ret;
	if (parse_args(&a, argc, argv) < 0) {
		usage(argv[0]);
		rte_eal_cleanup();
		return 2;
	}
	ret = setup_device(&a);
	if (ret == 0)
		ret = run_all(&a);
	rte_cryptodev_stop(a.conf.dev_id);
	rte_cryptodev_close(a.conf.dev_id);
	rte_eal_cleanup();
	return ret == 0 ? 0 : 1;
}
