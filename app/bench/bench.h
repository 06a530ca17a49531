/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_BENCH_H
#define VCRYPTO_BENCH_H

/**
 * @file
 * vcrypto-bench: drives any cryptodev from the main lcore (no busy-waiting
 * second thread), so on a 2-core machine the device's backend keeps the
 * other core. Measures throughput with a full pipeline and latency of
 * single bursts on an idle queue.
 */

#include <stdint.h>

#include <rte_crypto.h>
#include <rte_cryptodev.h>
#include <rte_mempool.h>

#define BENCH_MAX_BURST 64
#define BENCH_MAX_QPS 16
#define BENCH_MAX_DEPTH 8192   /**< ops in circulation per queue pair */
/** bench_conf.pace_us: sleep as long as the pipeline allows (adapted). */
#define BENCH_PACE_ADAPTIVE UINT32_MAX
#define BENCH_PACE_MIN_US 5u
#define BENCH_PACE_MAX_US 2000u
#define BENCH_MAX_SIZES 16
/* Op private area: IV, then AAD. */
#define BENCH_IV_OFFSET (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define BENCH_IV_MAX 16
#define BENCH_AAD_OFFSET (BENCH_IV_OFFSET + BENCH_IV_MAX)
#define BENCH_AAD_MAX 16
#define BENCH_PRIV_SIZE (BENCH_IV_MAX + BENCH_AAD_MAX)

/** One algorithm setup the benchmark knows. */
struct bench_algo {
	const char *name;        /**< e.g. "aes-cbc" */
	const char *label;       /**< e.g. "AES-128-CBC" */
	/** Fill the xform chain (up to two entries); returns the first. */
	struct rte_crypto_sym_xform *(*xform)(struct rte_crypto_sym_xform x[2]);
	/** Fill an op's per-algorithm fields for a buffer of @p len bytes. */
	void (*op_fill)(struct rte_crypto_op *op, uint32_t len, uint8_t *digest,
			rte_iova_t digest_iova);
	uint16_t digest_len;     /**< bytes appended after the data, 0 if none */
};

/** Results of one (algorithm, size) point. */
struct bench_result {
	double mops;           /**< million ops per second */
	double gbps;           /**< payload Gbit/s */
	double lat_median_us;  /**< per-op latency of an isolated burst */
	double lat_p99_us;
	uint64_t failed;       /**< ops that completed with a non-success status */
	/** CPU time of the whole process over the throughput phase, as a
	 *  fraction of one core's wall-clock time over that phase. */
	double cpu_share;
};

/** Parameters of a run. */
struct bench_conf {
	uint8_t dev_id;
	uint16_t qp_id;        /**< latency queue pair, first throughput one */
	uint16_t nb_qps;       /**< throughput: qp_id.. qp_id + nb_qps - 1, round-robin */
	/** Once a pass over the qps took all there was (no full burst),
	 *  sleep this long (0: spin; BENCH_PACE_ADAPTIVE: adapted). */
	uint32_t pace_us;
	uint16_t burst;
	uint32_t ops;          /**< ops per throughput point */
	uint32_t lat_bursts;   /**< isolated bursts per latency point */
	uint32_t pool_ops;     /**< ops (and mbufs) kept in circulation */
	struct rte_mempool *op_pool;
	struct rte_mempool *mbuf_pool;
	struct rte_mempool *sess_pool;
};

/** Look an algorithm up by name; NULL if unknown. */
const struct bench_algo *bench_algo_find(const char *name);

/** Comma-separated names of every known algorithm. */
const char *bench_algo_names(void);

/**
 * Measure one (algorithm, size) point.
 *
 * @return 0 on success, -ENOTSUP if the device refuses the session,
 *   another negative errno on failure.
 */
int bench_run_point(const struct bench_conf *conf, const struct bench_algo *algo,
		    uint32_t size, struct bench_result *res);

#endif /* VCRYPTO_BENCH_H */
