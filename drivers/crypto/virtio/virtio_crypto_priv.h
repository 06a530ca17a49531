/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VIRTIO_CRYPTO_PRIV_H
#define VIRTIO_CRYPTO_PRIV_H

/**
 * @file
 * @internal
 * The PMD's device, queue pair and session state. Shared by the cryptodev
 * ops (virtio_crypto_pmd.c), session mapping (session.c) and the datapath
 * (datapath.c). Nothing here knows the transport.
 */

#include <stdbool.h>
#include <stdint.h>

#include <cryptodev_pmd.h>
#include <rte_spinlock.h>

#include "vcrypto_frontend.h"
#include "vcrypto_wire.h"

/** Driver name, as given to --vdev and --devtype. */
#define VCRYPTO_USER_DRIVER_NAME crypto_virtio_user

/** Longest cipher key a session may carry. */
#define VCRYPTO_MAX_KEY_LEN 64
/** Longest IV an operation may carry (copied into the request slot). */
#define VCRYPTO_MAX_IV_LEN 16
/** Capability entries (incl. the end marker) the device may expose. */
#define VCRYPTO_MAX_CAPS 8
/** Control request timeout. */
#define VCRYPTO_CTRL_TIMEOUT_MS 3000
/** Descriptors one data request uses: fixed part + IV, src, dst, status. */
#define VCRYPTO_DATA_DESCS 4

/** One control request in flight, indexed by its head descriptor (DPDK memory). */
struct vcrypto_ctrl_slot {
	struct vcrypto_ctrl_req req;              /**< device-readable */
	uint8_t key[VCRYPTO_MAX_KEY_LEN];         /**< device-readable */
	struct vcrypto_create_session_input in;   /**< device-writable */
	struct vcrypto_destroy_session_input destroy; /**< device-writable */
} __rte_cache_aligned;

/** One data request in flight, indexed by its head descriptor (DPDK memory). */
struct vcrypto_data_slot {
	struct vcrypto_data_req req;      /**< device-readable fixed part ... */
	uint8_t iv[VCRYPTO_MAX_IV_LEN];   /**< ... followed at once by the IV */
	struct vcrypto_inhdr inhdr;       /**< device-writable status */
} __rte_cache_aligned;

/** A queue pair: one data virtqueue. */
struct vcrypto_qp {
	struct vcrypto_vq *vq;            /**< the data virtqueue */
	struct vcrypto_data_slot *slots;  /**< vq->num request slots */
	uint64_t slots_addr;              /**< device address of slots[0] */
	bool addr_is_va;                  /**< descriptors carry virtual addresses */
	bool rev1;                        /**< REVISION_1 negotiated */
	struct rte_crypto_op **rejected;  /**< ops refused at enqueue, returned first */
	uint16_t rej_head;                /**< oldest rejected op */
	uint16_t rej_count;               /**< rejected ops waiting */
	uint16_t rej_size;                /**< capacity of rejected (vq->num) */
	uint16_t id;                      /**< queue pair id */
	struct rte_cryptodev_stats stats; /**< counters */
};

/** The device. */
struct vcrypto_dev {
	struct vcrypto_frontend *fe;      /**< transport + virtqueues */
	struct vcrypto_config cfg;        /**< config space, host order */
	bool rev1;                        /**< REVISION_1 negotiated */
	uint16_t nb_dataq;                /**< usable data queues */
	uint16_t queue_size;              /**< data queue size */
	rte_spinlock_t ctrl_lock;         /**< one control request at a time */
	struct vcrypto_ctrl_slot *ctrl_slots; /**< ctrl vq->num slots */
	struct rte_cryptodev_capabilities caps[VCRYPTO_MAX_CAPS]; /**< from cfg */
};

/** Session private data (CRYPTODEV_GET_SYM_SESS_PRIV). */
struct vcrypto_session {
	uint64_t session_id;  /**< the device's id */
	uint32_t opcode;      /**< VIRTIO_CRYPTO_CIPHER_ENCRYPT/DECRYPT */
	uint32_t algo;        /**< VIRTIO_CRYPTO_CIPHER_* */
	uint32_t fixed_len;   /**< fixed part of each data request */
	uint16_t iv_offset;   /**< IV offset in the op */
	uint16_t iv_len;      /**< IV bytes */
};

/* session.c */

/** sym_session_get_size op. */
unsigned int vcrypto_sym_session_get_size(struct rte_cryptodev *dev);
/** sym_session_configure op: refuses what the device cannot do (-ENOTSUP). */
int vcrypto_sym_session_configure(struct rte_cryptodev *dev,
		struct rte_crypto_sym_xform *xform, struct rte_cryptodev_sym_session *sess);
/** sym_session_clear op: DESTROY_SESSION on the device. */
void vcrypto_sym_session_clear(struct rte_cryptodev *dev,
		struct rte_cryptodev_sym_session *sess);

/* datapath.c */

/** enqueue_burst. */
uint16_t vcrypto_enqueue_burst(void *qp, struct rte_crypto_op **ops, uint16_t nb_ops);
/** dequeue_burst. */
uint16_t vcrypto_dequeue_burst(void *qp, struct rte_crypto_op **ops, uint16_t nb_ops);

/* capabilities.c */

/**
 * Fill @p caps (VCRYPTO_MAX_CAPS entries) from the device's config space.
 *
 * @return the number of capabilities before the end marker.
 */
unsigned int vcrypto_caps_from_config(const struct vcrypto_config *cfg,
		struct rte_cryptodev_capabilities *caps);

#endif /* VIRTIO_CRYPTO_PRIV_H */
