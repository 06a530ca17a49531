/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "bench.h"

/* An isolated burst that never completes means a broken device: give up. */
#define BENCH_STALL_SEC 5

/** Ops in circulation for one point, with their mbufs attached. */
struct bench_set {
	struct rte_crypto_op **ops;
	uint32_t n;
};

static void
bench_set_free(struct bench_set *set)
{
	uint32_t i;

	for (i = 0; i < set->n; i++) {
		rte_pktmbuf_free(set->ops[i]->sym->m_src);
		rte_crypto_op_free(set->ops[i]);
	}
	free(set->ops);
	set->ops = NULL;
	set->n = 0;
}

static int
bench_set_build(const struct bench_conf *conf, const struct bench_algo *algo,
		void *sess, uint32_t size, struct bench_set *set)
{
	uint32_t i;

	set->n = 0;
	set->ops = calloc(conf->pool_ops, sizeof(*set->ops));
	if (set->ops == NULL)
		return -ENOMEM;
	for (i = 0; i < conf->pool_ops; i++) {
		struct rte_crypto_op *op;
		struct rte_mbuf *m;
		uint8_t *data;

		op = rte_crypto_op_alloc(conf->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
		m = rte_pktmbuf_alloc(conf->mbuf_pool);
		if (op == NULL || m == NULL) {
			rte_crypto_op_free(op);
			rte_pktmbuf_free(m);
			bench_set_free(set);
			return -ENOMEM;
		}
		data = (uint8_t *)rte_pktmbuf_append(m, size + algo->digest_len);
		if (data == NULL) {
			rte_crypto_op_free(op);
			rte_pktmbuf_free(m);
			bench_set_free(set);
			return -ENOSPC;
		}
		memset(data, (int)i, size);
		memset(rte_crypto_op_ctod_offset(op, uint8_t *, BENCH_IV_OFFSET), 0xa5,
		       BENCH_PRIV_SIZE);
		op->sym->m_src = m;
		algo->op_fill(op, size, data + size, rte_pktmbuf_iova_offset(m, size));
		rte_crypto_op_attach_sym_session(op, sess);
		set->ops[set->n++] = op;
	}
	return 0;
}

static uint64_t
count_failed(struct rte_crypto_op **ops, uint16_t n)
{
	uint64_t failed = 0;
	uint16_t i;

	for (i = 0; i < n; i++)
		failed += ops[i]->status != RTE_CRYPTO_OP_STATUS_SUCCESS;
	return failed;
}

/*
 * Keep the pipeline full: ops return to a free stack as they complete and
 * are enqueued again, so the device always has work.
 */
static int
bench_throughput(const struct bench_conf *conf, struct bench_set *set, uint32_t size,
		 struct bench_result *res)
{
	struct rte_crypto_op *done[BENCH_MAX_BURST];
	struct rte_crypto_op **free_ops = set->ops;
	uint32_t nb_free = set->n, enq_total = 0, deq_total = 0;
	uint64_t start, cycles, last_progress;

	start = rte_rdtsc_precise();
	last_progress = start;
	while (deq_total < conf->ops) {
		uint16_t want = RTE_MIN(RTE_MIN(conf->burst, nb_free), conf->ops - enq_total);
		uint16_t n, i;

		if (want > 0) {
			n = rte_cryptodev_enqueue_burst(conf->dev_id, conf->qp_id,
							&free_ops[nb_free - want], want);
			/* the accepted ones are the first n of that window */
			if (n < want)
				memmove(&free_ops[nb_free - want], &free_ops[nb_free - want + n],
					(want - n) * sizeof(*free_ops));
			nb_free -= n;
			enq_total += n;
		}
		n = rte_cryptodev_dequeue_burst(conf->dev_id, conf->qp_id, done, conf->burst);
		if (n > 0) {
			res->failed += count_failed(done, n);
			for (i = 0; i < n; i++)
				free_ops[nb_free++] = done[i];
			deq_total += n;
			last_progress = rte_rdtsc();
		} else if (rte_rdtsc() - last_progress > BENCH_STALL_SEC * rte_get_tsc_hz()) {
			printf("throughput: no completion for %d s (%u of %u done)\n",
			       BENCH_STALL_SEC, deq_total, conf->ops);
			return -ETIMEDOUT;
		}
	}
	cycles = rte_rdtsc_precise() - start;
	res->mops = (double)conf->ops * rte_get_tsc_hz() / cycles / 1e6;
	res->gbps = res->mops * 1e6 * size * 8 / 1e9;
	return 0;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Per-op latency of one burst enqueued on an idle queue, over many bursts. */
static int
bench_latency(const struct bench_conf *conf, struct bench_set *set, struct bench_result *res)
{
	struct rte_crypto_op *done[BENCH_MAX_BURST];
	uint32_t nb = 0, b, total = conf->lat_bursts * conf->burst;
	uint64_t *lat, hz = rte_get_tsc_hz();
	int ret = 0;

	lat = malloc(total * sizeof(*lat));
	if (lat == NULL)
		return -ENOMEM;
	for (b = 0; b < conf->lat_bursts && ret == 0; b++) {
		uint16_t enq = 0, deq = 0, n, i;
		uint64_t t0 = rte_rdtsc_precise(), now;

		while (enq < conf->burst)
			enq += rte_cryptodev_enqueue_burst(conf->dev_id, conf->qp_id,
							   &set->ops[enq], conf->burst - enq);
		while (deq < conf->burst) {
			n = rte_cryptodev_dequeue_burst(conf->dev_id, conf->qp_id, done,
							conf->burst - deq);
			now = rte_rdtsc();
			res->failed += count_failed(done, n);
			for (i = 0; i < n; i++)
				lat[nb++] = now - t0;
			deq += n;
			if (n == 0 && now - t0 > BENCH_STALL_SEC * hz) {
				printf("latency: burst not complete after %d s\n", BENCH_STALL_SEC);
				ret = -ETIMEDOUT;
				break;
			}
		}
	}
	if (ret == 0 && nb > 0) {
		qsort(lat, nb, sizeof(*lat), cmp_u64);
		res->lat_median_us = (double)lat[nb / 2] * 1e6 / hz;
		res->lat_p99_us = (double)lat[(uint64_t)nb * 99 / 100] * 1e6 / hz;
	}
	free(lat);
	return ret;
}

int
bench_run_point(const struct bench_conf *conf, const struct bench_algo *algo, uint32_t size,
		struct bench_result *res)
{
	struct rte_crypto_sym_xform xf[2];
	void *sess;
	struct bench_set set = { 0 };
	int ret;

	memset(res, 0, sizeof(*res));
	sess = rte_cryptodev_sym_session_create(conf->dev_id, algo->xform(xf), conf->sess_pool);
	if (sess == NULL)
		return rte_errno == ENOTSUP ? -ENOTSUP : -EIO;
	ret = bench_set_build(conf, algo, sess, size, &set);
	if (ret == 0)
		ret = bench_throughput(conf, &set, size, res);
	if (ret == 0)
		ret = bench_latency(conf, &set, res);
	bench_set_free(&set);
	rte_cryptodev_sym_session_free(conf->dev_id, sess);
	return ret;
}
