/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_TEST_RAW_REQ_H
#define VCRYPTO_TEST_RAW_REQ_H

/**
 * @file
 * Hand-built virtio-crypto requests on a real ring (vcrypto_frontend), for
 * tests that must control every byte a driver sends: requests are encoded
 * with the wire format's structs and helpers only, placed in DPDK memory,
 * added as descriptor chains, and polled for with a deadline, so a device
 * that never answers is reported, not waited for.
 */

#include <stdint.h>

#include "vcrypto_frontend.h"

/** One connection and the layout negotiated on it. */
struct raw_dev {
	struct vcrypto_frontend *fe;
	int rev1;                 /**< VIRTIO_CRYPTO_F_REVISION_1 negotiated */
	unsigned int timeout_ms;  /**< bound on one request's completion */
};

/** One symmetric cipher data request and its buffers (DPDK memory). */
struct raw_cipher_req {
	struct vcrypto_data_req *req; /**< fixed part (device-readable) */
	uint8_t *iv;                  /**< 16 bytes (device-readable) */
	uint8_t *src;                 /**< len bytes (device-readable) */
	uint8_t *dst;                 /**< len bytes (device-writable) */
	uint8_t *status;              /**< 1 byte (device-writable) */
	uint32_t len;
};

/**
 * Connect to the back-end at @p path asking for @p features (device bits).
 * @return 0, or -errno (printed).
 */
int raw_dev_open(struct raw_dev *d, const char *path, uint64_t features,
		 unsigned int timeout_ms);

/** Disconnect. */
void raw_dev_close(struct raw_dev *d);

/**
 * Create an AES-CBC session through the control queue.
 *
 * @return 0 and *session_id, or a positive VIRTIO_CRYPTO_* status the device
 *   returned, or -errno (-ETIMEDOUT when it did not answer); @p why is set
 *   on any failure.
 */
int raw_cbc_session_create(struct raw_dev *d, int encrypt, const uint8_t *key,
			   uint32_t key_len, uint64_t *session_id, char *why, size_t why_len);

/**
 * Destroy a session through the control queue.
 * @return the status byte the device wrote (>= 0), or -errno.
 */
int raw_session_destroy(struct raw_dev *d, uint64_t session_id, char *why, size_t why_len);

/**
 * Allocate and encode an AES-CBC encrypt request on @p session_id over
 * @p len bytes of @p src with @p iv. The status byte is preset to 0xff so an
 * unanswered request is visible.
 * @return 0 or -ENOMEM.
 */
int raw_cipher_req_make(struct raw_dev *d, struct raw_cipher_req *r, uint64_t session_id,
			const uint8_t *iv, const uint8_t *src, uint32_t len);

/** Free a request's buffers. */
void raw_cipher_req_free(struct raw_cipher_req *r);

/**
 * Put @p n requests on data queue 0 with one kick and wait for all of them.
 * @return 0 when all completed, -ETIMEDOUT, -EIO if the queue broke, or
 *   another -errno; @p why is set on failure.
 */
int raw_cipher_run(struct raw_dev *d, struct raw_cipher_req *r, unsigned int n,
		   char *why, size_t why_len);

#endif /* VCRYPTO_TEST_RAW_REQ_H */
