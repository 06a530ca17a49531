/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * vcrypto-fault-loop: a continuous AES-128-CBC workload on one cryptodev
 * for the fault tests (devtools/tests/fault-*.sh): keeps up to 256 ops in
 * flight for --seconds, prints a line per second, then drains (bounded)
 * and prints the totals:
 *
 *   fault-loop: enqueued=N dequeued=N ok=N err=N ok_after_err=N
 *
 * ok_after_err counts successes after the first error (the device came
 * back). Exit status 0 when every enqueued op came back exactly once.
 *
 * Usage: vcrypto-fault-loop [EAL] -- [--dev NAME] [--seconds N]
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_crypto.h>
#include <rte_cryptodev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define BURST 32
#define IN_FLIGHT 256
#define NB_OPS 1024
#define IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define DRAIN_S 10

struct totals {
	uint64_t enq, deq, ok, err, ok_after_err;
};

static int
setup(uint8_t id, struct rte_mempool **sess_pool)
{
	struct rte_cryptodev_config conf = { .socket_id = SOCKET_ID_ANY, .nb_queue_pairs = 1 };
	struct rte_cryptodev_qp_conf qc = { .nb_descriptors = 1024 };

	*sess_pool = rte_cryptodev_sym_session_pool_create("fl_sess", 64,
			rte_cryptodev_sym_get_private_session_size(id), 0, 0, SOCKET_ID_ANY);
	qc.mp_session = *sess_pool;
	if (*sess_pool == NULL || rte_cryptodev_configure(id, &conf) < 0 ||
	    rte_cryptodev_queue_pair_setup(id, 0, &qc, SOCKET_ID_ANY) < 0 ||
	    rte_cryptodev_start(id) < 0)
		return -1;
	return 0;
}

static void
count(struct totals *t, struct rte_crypto_op **ops, uint16_t n, struct rte_mempool *op_pool)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		if (ops[i]->status == RTE_CRYPTO_OP_STATUS_SUCCESS) {
			t->ok++;
			if (t->err > 0)
				t->ok_after_err++;
		} else {
			t->err++;
		}
		rte_pktmbuf_free(ops[i]->sym->m_src);
	}
	rte_mempool_put_bulk(op_pool, (void **)ops, n);
	t->deq += n;
}

int
main(int argc, char **argv)
{
	static uint8_t key[16] = { 0x2b, 0x7e, 0x15, 0x16 };
	struct rte_crypto_sym_xform x = {
		.type = RTE_CRYPTO_SYM_XFORM_CIPHER,
		.cipher = { .op = RTE_CRYPTO_CIPHER_OP_ENCRYPT, .algo = RTE_CRYPTO_CIPHER_AES_CBC,
			    .key = { .data = key, .length = 16 },
			    .iv = { .offset = IV_OFF, .length = 16 } },
	};
	const char *dev = "crypto_virtio_user0";
	struct rte_mempool *op_pool, *mb_pool, *sess_pool;
	struct rte_crypto_op *ops[BURST];
	struct totals t = { 0 };
	uint64_t hz, end, next_print;
	unsigned int seconds = 10;
	void *sess;
	int ret, c, id;

	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		return 2;
	argc -= ret;
	argv += ret;
	while ((c = getopt(argc, argv, "d:s:")) != -1) {
		if (c == 'd')
			dev = optarg;
		else if (c == 's')
			seconds = (unsigned int)atoi(optarg);
	}
	id = rte_cryptodev_get_dev_id(dev);
	op_pool = rte_crypto_op_pool_create("fl_ops", RTE_CRYPTO_OP_TYPE_SYMMETRIC, NB_OPS,
					    0, 16, SOCKET_ID_ANY);
	mb_pool = rte_pktmbuf_pool_create("fl_mb", NB_OPS, 0, 0, 2048, SOCKET_ID_ANY);
	if (id < 0 || op_pool == NULL || mb_pool == NULL || setup(id, &sess_pool) < 0) {
		fprintf(stderr, "fault-loop: cannot set up %s\n", dev);
		return 2;
	}
	sess = rte_cryptodev_sym_session_create(id, &x, sess_pool);
	if (sess == NULL) {
		fprintf(stderr, "fault-loop: no session\n");
		return 2;
	}
	hz = rte_get_timer_hz();
	end = rte_get_timer_cycles() + seconds * hz;
	next_print = rte_get_timer_cycles() + hz;
	while (rte_get_timer_cycles() < end) {
		uint16_t n = 0, i, enq;

		if (t.enq - t.deq + BURST <= IN_FLIGHT &&
		    rte_crypto_op_bulk_alloc(op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC, ops, BURST) ==
		    BURST) {
			for (n = 0; n < BURST; n++) {
				struct rte_mbuf *m = rte_pktmbuf_alloc(mb_pool);

				if (m == NULL)
					break;
				rte_pktmbuf_append(m, 1024);
				ops[n]->sym->m_src = m;
				ops[n]->sym->cipher.data.offset = 0;
				ops[n]->sym->cipher.data.length = 1024;
				memset(rte_crypto_op_ctod_offset(ops[n], uint8_t *, IV_OFF), 7, 16);
				rte_crypto_op_attach_sym_session(ops[n], sess);
			}
			enq = rte_cryptodev_enqueue_burst(id, 0, ops, n);
			t.enq += enq;
			for (i = enq; i < BURST; i++) {
				if (i < n)
					rte_pktmbuf_free(ops[i]->sym->m_src);
			}
			rte_mempool_put_bulk(op_pool, (void **)(ops + enq), BURST - enq);
		}
		count(&t, ops, rte_cryptodev_dequeue_burst(id, 0, ops, BURST), op_pool);
		if (rte_get_timer_cycles() >= next_print) {
			next_print += hz;
			printf("fault-loop: progress enqueued=%" PRIu64 " dequeued=%" PRIu64
			       " ok=%" PRIu64 " err=%" PRIu64 "\n", t.enq, t.deq, t.ok, t.err);
			fflush(stdout);
		}
	}
	/* Everything enqueued must come back, success or error; bounded. */
	end = rte_get_timer_cycles() + DRAIN_S * hz;
	while (t.deq < t.enq && rte_get_timer_cycles() < end)
		count(&t, ops, rte_cryptodev_dequeue_burst(id, 0, ops, BURST), op_pool);
	printf("fault-loop: enqueued=%" PRIu64 " dequeued=%" PRIu64 " ok=%" PRIu64 " err=%"
	       PRIu64 " ok_after_err=%" PRIu64 "\n", t.enq, t.deq, t.ok, t.err, t.ok_after_err);
	fflush(stdout);
	rte_cryptodev_sym_session_free(id, sess);
	rte_cryptodev_stop(id);
	rte_cryptodev_close(id);
	rte_eal_cleanup();
	return t.enq == t.deq ? 0 : 1;
}
