/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * vcrypto-peer-backend: the benchmark's peer. It serves one vhost-user
 * crypto socket with DPDK's stock vhost_crypto library (the installed
 * librte_vhost's rte_vhost_crypto_* API) on top of a DPDK cryptodev, so the
 * benchmark can compare vcrypto's backend with the one DPDK ships, driven by
 * the same driver. It is a measuring instrument, not part of vcrypto.
 *
 * Usage: vcrypto-peer-backend [EAL] -- --socket-file LCORE,PATH [--cdev NAME]
 * Prints "vcrypto-backend: ready" once listening (devtools/lib.sh waits for
 * it) and a statistics line in the backend's format on SIGINT/SIGTERM.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_vhost.h>
#include <rte_vhost_crypto.h>

#define PEER_BURST 32
#define PEER_QP_DESCS 2048
#define PEER_OPS 8192
#define PEER_SESSIONS 1024

/* The worker and rte_vhost's thread share these through atomics. */
struct peer {
	const char *path;
	const char *cdev_name;
	unsigned int lcore;
	uint8_t cdev_id;
	struct rte_mempool *op_pool;
	struct rte_mempool *sess_pool;
	int vid;           /* -1 while no guest is ready */
	uint32_t inflight;
	uint64_t requests;
	uint64_t failed;
	volatile int quit;
};

/* rte_vhost callbacks carry only a vid; the process serves one device. */
static struct peer *the_peer;
static volatile sig_atomic_t stop_requested;

static void
on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int
peer_new_device(int vid)
{
	struct peer *p = the_peer;
	int ret;

	ret = rte_vhost_crypto_create(vid, p->cdev_id, p->sess_pool,
				      (int)rte_lcore_to_socket_id(p->lcore));
	if (ret == 0)
		ret = rte_vhost_crypto_set_zero_copy(vid, RTE_VHOST_CRYPTO_ZERO_COPY_DISABLE);
	if (ret != 0) {
		printf("vcrypto-peer-backend: cannot create vhost crypto for vid %d: %d\n", vid, ret);
		return ret;
	}
	__atomic_store_n(&p->vid, vid, __ATOMIC_RELEASE);
	return 0;
}

static void
peer_destroy_device(int vid)
{
	struct peer *p = the_peer;

	__atomic_store_n(&p->vid, -1, __ATOMIC_RELEASE);
	/* let the worker finish the pass that may still use the vid */
	rte_delay_ms(10);
	rte_vhost_crypto_free(vid);
}

static const struct rte_vhost_device_ops peer_ops = {
	.new_device = peer_new_device,
	.destroy_device = peer_destroy_device,
};

static void
peer_complete(struct peer *p)
{
	struct rte_crypto_op *done[PEER_BURST];
	int callfds[VIRTIO_CRYPTO_MAX_NUM_BURST_VQS];
	uint16_t n, nb_callfds = 0, i;

	n = rte_cryptodev_dequeue_burst(p->cdev_id, 0, done, PEER_BURST);
	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		p->failed += done[i]->status != RTE_CRYPTO_OP_STATUS_SUCCESS;
	n = rte_vhost_crypto_finalize_requests(done, n, callfds, &nb_callfds);
	for (i = 0; i < nb_callfds; i++)
		eventfd_write(callfds[i], 1);
	rte_mempool_put_bulk(p->op_pool, (void **)done, n);
	p->inflight -= n;
	p->requests += n;
}

static int
peer_worker(void *arg)
{
	struct rte_crypto_op *ops[PEER_BURST];
	struct peer *p = arg;

	while (!p->quit) {
		int vid = __atomic_load_n(&p->vid, __ATOMIC_ACQUIRE);
		uint16_t want, got, enq;

		if (vid >= 0 && p->inflight + PEER_BURST <= PEER_QP_DESCS &&
		    rte_crypto_op_bulk_alloc(p->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC, ops,
					     PEER_BURST) == PEER_BURST) {
			want = PEER_BURST;
			got = rte_vhost_crypto_fetch_requests(vid, 0, ops, want);
			/* a fetched request has left the ring: it must be completed */
			for (enq = 0; enq < got; ) {
				enq += rte_cryptodev_enqueue_burst(p->cdev_id, 0, &ops[enq],
								   got - enq);
				if (enq < got)
					peer_complete(p);
			}
			p->inflight += got;
			rte_mempool_put_bulk(p->op_pool, (void **)&ops[got], PEER_BURST - got);
		}
		peer_complete(p);
	}
	return 0;
}

static int
peer_setup_cryptodev(struct peer *p)
{
	struct rte_cryptodev_config conf = { .nb_queue_pairs = 1 };
	struct rte_cryptodev_qp_conf qp = { .nb_descriptors = PEER_QP_DESCS };
	int socket = (int)rte_lcore_to_socket_id(p->lcore), id;

	id = rte_cryptodev_get_dev_id(p->cdev_name);
	if (id < 0) {
		printf("vcrypto-peer-backend: no cryptodev %s (add --vdev %s)\n", p->cdev_name,
		       p->cdev_name);
		return -ENODEV;
	}
	p->cdev_id = (uint8_t)id;
	p->sess_pool = rte_cryptodev_sym_session_pool_create("peer_sess", PEER_SESSIONS,
			rte_cryptodev_sym_get_private_session_size(p->cdev_id), 0, 0, socket);
	p->op_pool = rte_crypto_op_pool_create("peer_ops", RTE_CRYPTO_OP_TYPE_SYMMETRIC,
			PEER_OPS, 64, VHOST_CRYPTO_MAX_IV_LEN, socket);
	if (p->sess_pool == NULL || p->op_pool == NULL)
		return -ENOMEM;
	conf.socket_id = socket;
	qp.mp_session = p->sess_pool;
	if (rte_cryptodev_configure(p->cdev_id, &conf) < 0 ||
	    rte_cryptodev_queue_pair_setup(p->cdev_id, 0, &qp, socket) < 0 ||
	    rte_cryptodev_start(p->cdev_id) < 0)
		return -EIO;
	return 0;
}

static int
peer_parse(struct peer *p, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "socket-file", required_argument, NULL, 's' },
		{ "cdev", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	char *comma;
	int c;

	p->cdev_name = "crypto_aesni_mb0";
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			comma = strchr(optarg, ',');
			if (comma == NULL)
				return -EINVAL;
			*comma = '\0';
			p->lcore = (unsigned int)atoi(optarg);
			p->path = comma + 1;
			break;
		case 'c':
			p->cdev_name = optarg;
			break;
		default:
			return -EINVAL;
		}
	}
	if (p->path == NULL || p->lcore == rte_get_main_lcore() || !rte_lcore_is_enabled(p->lcore))
		return -EINVAL;
	return 0;
}

int
main(int argc, char **argv)
{
	struct peer p = { .vid = -1 };
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		return 1;
	if (peer_parse(&p, argc - ret, argv + ret) < 0) {
		printf("usage: vcrypto-peer-backend [EAL] -- --socket-file WORKER_LCORE,PATH "
		       "[--cdev NAME]\n");
		return 2;
	}
	the_peer = &p;
	if (peer_setup_cryptodev(&p) < 0) {
		printf("vcrypto-peer-backend: cryptodev set-up failed\n");
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	unlink(p.path);
	if (rte_vhost_driver_register(p.path, 0) < 0 ||
	    rte_vhost_driver_callback_register(p.path, &peer_ops) < 0 ||
	    rte_vhost_crypto_driver_start(p.path) < 0) {
		printf("vcrypto-peer-backend: cannot serve %s\n", p.path);
		return 1;
	}
	rte_eal_remote_launch(peer_worker, &p, p.lcore);
	printf("vcrypto-backend: ready (peer: DPDK vhost_crypto on %s)\n", p.cdev_name);
	fflush(stdout);
	while (!stop_requested)
		pause();
	p.quit = 1;
	rte_eal_wait_lcore(p.lcore);
	rte_vhost_driver_unregister(p.path);
	printf("vcrypto-backend: dev %s: requests=%" PRIu64 " failed=%" PRIu64 "\n", p.path,
	       p.requests, p.failed);
	rte_eal_cleanup();
	return 0;
}
