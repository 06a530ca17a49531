/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/** The throughput phase's pipeline over its queue pairs. */
struct bench_pipe {
	struct rte_crypto_op **free_ops; /**< stack of ops not in the device */
	uint32_t nb_free;
	uint32_t nb_ops;                  /**< in circulation, free or not */
	uint32_t enq_left[BENCH_MAX_QPS]; /**< ops each qp has still to take */
	uint32_t in_flight[BENCH_MAX_QPS];
	uint32_t max_in_flight;           /**< per qp: its share of the ops */
	uint32_t deq_total;
	uint64_t failed;
	uint32_t sleep_us;                /**< --pace: the next sleep */
	uint32_t slept_in_flight;         /**< ops in flight at the last sleep */
	uint32_t slept_deq_total;         /**< deq_total at the last sleep */
};

/* Up to a burst from the free stack onto @p qp; returns how many it took. */
static uint16_t
pipe_enqueue(const struct bench_conf *conf, struct bench_pipe *p, uint16_t qp)
{
	uint32_t room = p->max_in_flight - p->in_flight[qp];
	uint16_t want = RTE_MIN(RTE_MIN(conf->burst, p->nb_free), RTE_MIN(p->enq_left[qp], room));
	struct rte_crypto_op **win = &p->free_ops[p->nb_free - want];
	uint16_t n;

	if (want == 0)
		return 0;
	n = rte_cryptodev_enqueue_burst(conf->dev_id, conf->qp_id + qp, win, want);
	/* the accepted ones are the first n of that window */
	if (n < want)
		memmove(win, win + n, (want - n) * sizeof(*win));
	p->nb_free -= n;
	p->enq_left[qp] -= n;
	p->in_flight[qp] += n;
	return n;
}

/* Completed ops of @p qp back onto the free stack; returns how many. */
static uint16_t
pipe_dequeue(const struct bench_conf *conf, struct bench_pipe *p, uint16_t qp)
{
	struct rte_crypto_op *done[BENCH_MAX_BURST];
	uint16_t n, i;

	n = rte_cryptodev_dequeue_burst(conf->dev_id, conf->qp_id + qp, done, conf->burst);
	p->failed += count_failed(done, n);
	for (i = 0; i < n; i++)
		p->free_ops[p->nb_free++] = done[i];
	p->in_flight[qp] -= n;
	p->deq_total += n;
	return n;
}

/*
 * One round-robin pass over the queue pairs. Returns true if a call moved
 * a full burst, so more may be waiting; false once the pass took all
 * there was, which is when --pace sleeps: chasing each completion as it
 * trickles in would wake the frontend for a few ops at a time.
 */
static bool
pipe_pass(const struct bench_conf *conf, struct bench_pipe *p)
{
	bool full = false;
	uint16_t qp;

	for (qp = 0; qp < conf->nb_qps; qp++) {
		full |= pipe_enqueue(conf, p, qp) == conf->burst;
		full |= pipe_dequeue(conf, p, qp) == conf->burst;
	}
	return full;
}

/* The ops split evenly over the queue pairs, the first ones taking the
 * rest; so do the ops in circulation, so a fast qp cannot starve a slow
 * one of work. */
static void
pipe_init(const struct bench_conf *conf, struct bench_set *set, struct bench_pipe *p)
{
	uint16_t qp;

	memset(p, 0, sizeof(*p));
	p->free_ops = set->ops;
	p->nb_free = set->n;
	p->nb_ops = set->n;
	p->max_in_flight = set->n / conf->nb_qps;
	p->sleep_us = BENCH_PACE_MIN_US;
	for (qp = 0; qp < conf->nb_qps; qp++)
		p->enq_left[qp] = conf->ops / conf->nb_qps + (qp < conf->ops % conf->nb_qps);
}

/*
 * Adaptive pace: a sleep costs this VM-hosted machine 13 to 20 us of CPU
 * (measured), so sleep as long as the pipeline allows: until about half
 * to three quarters of the ops in flight have completed, so the device
 * never runs dry. Fixed pace (--pace=US) skips this.
 */
static void
pace_adapt(const struct bench_conf *conf, struct bench_pipe *p)
{
	uint32_t got = p->deq_total - p->slept_deq_total;

	if (conf->pace_us != BENCH_PACE_ADAPTIVE) {
		p->sleep_us = conf->pace_us;
	} else if (p->slept_in_flight != 0) {
		if (got * 4 > p->slept_in_flight * 3)
			p->sleep_us = RTE_MAX(p->sleep_us / 2, BENCH_PACE_MIN_US);
		else if (got * 2 < p->slept_in_flight)
			p->sleep_us = RTE_MIN(p->sleep_us + p->sleep_us / 4 + 1,
					      BENCH_PACE_MAX_US);
	}
	p->slept_in_flight = p->nb_ops - p->nb_free;
	p->slept_deq_total = p->deq_total;
}

/* Give the core away briefly: on a core shared with a polling backend
 * lcore, a spinning frontend would take half of it doing nothing. */
static void
pace_wait(const struct bench_conf *conf, struct bench_pipe *p)
{
	struct timespec ts;

	pace_adapt(conf, p);
	ts.tv_sec = p->sleep_us / 1000000;
	ts.tv_nsec = (long)(p->sleep_us % 1000000) * 1000;
	nanosleep(&ts, NULL);
}

static double
process_cpu_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Keep the pipeline full: ops return to a free stack as they complete and
 * are enqueued again, so every queue pair always has work.
 */
static int
bench_throughput(const struct bench_conf *conf, struct bench_set *set, uint32_t size,
		 struct bench_result *res)
{
	struct bench_pipe p;
	uint64_t start, cycles, last_progress, now;
	uint32_t done_before;
	bool full;
	double cpu0;

	pipe_init(conf, set, &p);
	cpu0 = process_cpu_sec();
	start = rte_rdtsc_precise();
	last_progress = start;
	while (p.deq_total < conf->ops) {
		done_before = p.deq_total;
		full = pipe_pass(conf, &p);
		now = rte_rdtsc();
		if (p.deq_total != done_before) {
			last_progress = now;
		} else if (now - last_progress > BENCH_STALL_SEC * rte_get_tsc_hz()) {
			printf("throughput: no completion for %d s (%u of %u done)\n",
			       BENCH_STALL_SEC, p.deq_total, conf->ops);
			return -ETIMEDOUT;
		}
		if (!full && conf->pace_us > 0)
			pace_wait(conf, &p);
	}
	cycles = rte_rdtsc_precise() - start;
	res->failed += p.failed;
	res->mops = (double)conf->ops * rte_get_tsc_hz() / cycles / 1e6;
	res->gbps = res->mops * 1e6 * size * 8 / 1e9;
	res->cpu_share = (process_cpu_sec() - cpu0) * rte_get_tsc_hz() / cycles;
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
	if (ret == 0 && conf->lat_bursts > 0)
		ret = bench_latency(conf, &set, res);
	bench_set_free(&set);
	rte_cryptodev_sym_session_free(conf->dev_id, sess);
	return ret;
}
