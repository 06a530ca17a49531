/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_E2E_DEV_H
#define VCRYPTO_TEST_E2E_DEV_H

/**
 * @file
 * The cryptodev under test, seen only through DPDK's public cryptodev API:
 * configuration with one queue pair, pools, sessions, and a bounded
 * enqueue/dequeue loop. Knows nothing of virtio.
 */

#include <stdint.h>

#include <rte_crypto.h>
#include <rte_mbuf.h>

/** Largest burst the tests submit. */
#define E2E_MAX_BURST 32
/** Where the IV sits in each op's private area. */
#define E2E_IV_OFFSET (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
/** Bytes of private area per op (IVs, then AAD: see symop.h). */
#define E2E_OP_PRIV 640
/** Most queue pairs a test uses. */
#define E2E_MAX_QPS 8

/** One device under test and everything allocated for it. */
struct e2e_dev {
	uint8_t dev_id;                  /**< cryptodev id */
	uint16_t qp_id;                  /**< the queue pair e2e_dev_run() uses */
	uint16_t nb_qps;                 /**< queue pairs configured */
	uint64_t feature_flags;          /**< from rte_cryptodev_info_get() */
	unsigned int timeout_ms;         /**< bound on one burst's round trip */
	int broken;                      /**< ops were lost: stop using the device */
	struct rte_mempool *sess_pool;   /**< session objects */
	struct rte_mempool *op_pool;     /**< crypto ops with room for the IV */
	struct rte_mempool *mbuf_pool;   /**< single-segment 64 KiB buffers */
};

/**
 * Find the device by name, configure one queue pair and start it.
 *
 * @return 0, or -ENODEV if no cryptodev has that name, or another -errno;
 *   the reason is printed.
 */
int e2e_dev_open(struct e2e_dev *dev, const char *name, unsigned int timeout_ms);

/**
 * As e2e_dev_open() with @p nb_qps queue pairs (at most E2E_MAX_QPS; fewer
 * when the device has fewer: see dev->nb_qps).
 */
int e2e_dev_open_qps(struct e2e_dev *dev, const char *name, unsigned int timeout_ms,
		     uint16_t nb_qps);

/** Stop and close the device and free the pools. */
void e2e_dev_close(struct e2e_dev *dev);

/**
 * Create an AES-CBC session.
 *
 * @return the session, or NULL (the reason is printed into @p why).
 */
void *e2e_dev_cbc_session(struct e2e_dev *dev, int encrypt, const uint8_t *key,
			  uint32_t key_len, char *why, size_t why_len);

/** Free a session made by e2e_dev_cbc_session() (NULL is allowed). */
void e2e_dev_session_free(struct e2e_dev *dev, void *sess);

/**
 * Allocate a single-segment mbuf holding @p len bytes copied from @p data
 * (or filled with 0xa5 when @p data is NULL).
 *
 * @return the mbuf, or NULL when the pool is empty or len does not fit.
 */
struct rte_mbuf *e2e_dev_mbuf(struct e2e_dev *dev, const uint8_t *data, uint32_t len);

/**
 * Enqueue @p n ops and dequeue them all, within the device's timeout.
 *
 * @return 0 when all came back (their status is not checked here), or
 *   -ETIMEDOUT (and the device is marked broken: ops are still in flight),
 *   or -EIO if the device returned an op that was not submitted.
 */
int e2e_dev_run(struct e2e_dev *dev, struct rte_crypto_op **ops, uint16_t n);

/** As e2e_dev_run() on queue pair @p qp. */
int e2e_dev_run_qp(struct e2e_dev *dev, uint16_t qp, struct rte_crypto_op **ops, uint16_t n);

#endif /* VCRYPTO_TEST_E2E_DEV_H */
