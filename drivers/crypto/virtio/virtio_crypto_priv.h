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
/** PCI driver name (--devtype of a virtio-crypto PCI function). */
#define VCRYPTO_PCI_DRIVER_NAME crypto_virtio
/** Cryptodev driver name (rte_cryptodev_driver_id_get()). */
#define VCRYPTO_CRYPTODEV_DRIVER_NAME "crypto_virtio"

/** Longest cipher (or AEAD) key a session may carry (AES-XTS-256: 64). */
#define VCRYPTO_MAX_CIPHER_KEY_LEN 64
/** Longest authentication key a session may carry. */
#define VCRYPTO_MAX_AUTH_KEY_LEN 256
/** Longest IV field: a chain's cipher IV then its auth IV (ZUC-256: 25 each). */
#define VCRYPTO_MAX_IV_LEN 64
/** Longest digest or tag (SHA-512). */
#define VCRYPTO_MAX_DIGEST_LEN 64
/** Capability entries (incl. the end marker) the device may expose. */
#define VCRYPTO_MAX_CAPS 48
/** Control request timeout. */
#define VCRYPTO_CTRL_TIMEOUT_MS 3000
/** Fewest descriptors a data request uses: fixed part, src, dst, status. */
#define VCRYPTO_DATA_DESCS 4
/**
 * Most descriptors one data request may use (one per mbuf segment piece
 * plus the fixed part, aad, digest and status); the device walks chains of
 * at most 64.
 */
#define VCRYPTO_MAX_REQ_DESCS 64

/** One control request in flight, indexed by its head descriptor (DPDK memory). */
struct vcrypto_ctrl_slot {
	struct vcrypto_ctrl_req req;              /**< device-readable */
	/** device-readable: cipher key then auth key */
	uint8_t key[VCRYPTO_MAX_CIPHER_KEY_LEN + VCRYPTO_MAX_AUTH_KEY_LEN];
	struct vcrypto_create_session_input in;   /**< device-writable */
	struct vcrypto_destroy_session_input destroy; /**< device-writable */
} __rte_cache_aligned;

/** Longest fixed part of a stateless data request (sym: 24 + 76). */
#define VCRYPTO_SL_FIXED_MAX ((uint32_t)sizeof(struct vcrypto_data_req_stateless))

/** One data request in flight, indexed by its head descriptor (DPDK memory). */
struct vcrypto_data_slot {
	union {
		struct vcrypto_data_req req; /**< device-readable fixed part ... */
		struct vcrypto_data_req_stateless sl; /**< ... or a stateless one, */
		/** ... followed at once (at its exact length) by the keys of a
		 * stateless request, then the IV: one descriptor */
		uint8_t raw[VCRYPTO_SL_FIXED_MAX + VCRYPTO_MAX_CIPHER_KEY_LEN +
			    VCRYPTO_MAX_AUTH_KEY_LEN + VCRYPTO_MAX_IV_LEN];
	} u;
	/** device-writable: digest of a verify op, compared at dequeue */
	uint8_t digest[VCRYPTO_MAX_DIGEST_LEN];
	struct vcrypto_inhdr inhdr;       /**< device-writable status */
} __rte_cache_aligned;

/**
 * What dequeue needs of a request, kept per head outside device-visible
 * memory (a device cannot make the driver compare or wipe out of bounds).
 */
struct vcrypto_req_meta {
	uint8_t verify;      /**< compare the digest scratch with the op's */
	uint8_t digest_len;  /**< bytes to compare */
	uint16_t key_off;    /**< stateless: keys at u.raw + key_off ... */
	uint16_t key_len;    /**< ... this long, wiped at completion (0: none) */
};

struct vcrypto_dev;

/** A queue pair: one data virtqueue. */
struct vcrypto_qp {
	struct vcrypto_vq *vq;            /**< the data virtqueue */
	const struct vcrypto_dev *dev;    /**< for sessionless ops: capabilities */
	struct vcrypto_req_meta *meta;    /**< vq->num entries, by head */
	uint8_t stateless;                /**< bit per service whose stateless
					       mode was negotiated */
	bool digest_encrypted;            /**< hash_result may lie in the cipher
					       range (wire-conventions.rst) */
	struct vcrypto_data_slot *slots;  /**< vq->num request slots */
	const struct rte_memzone *slots_mz; /**< their IOVA-contiguous memory */
	uint64_t slots_addr;              /**< device address of slots[0] */
	bool addr_is_va;                  /**< descriptors carry virtual addresses */
	bool rev1;                        /**< REVISION_1 negotiated */
	struct rte_crypto_op **rejected;  /**< ops refused at enqueue, returned first */
	uint16_t rej_head;                /**< oldest rejected op */
	uint16_t rej_count;               /**< rejected ops waiting */
	uint16_t rej_size;                /**< capacity of rejected (vq->num) */
	uint16_t id;                      /**< queue pair id */
	uint64_t max_size;                /**< config max_size: longest src/dst */
	struct rte_cryptodev_stats stats; /**< counters */
};

/** The device. */
struct vcrypto_dev {
	struct vcrypto_frontend *fe;      /**< transport + virtqueues */
	struct vcrypto_config cfg;        /**< config space, host order */
	bool rev1;                        /**< REVISION_1 negotiated */
	uint8_t stateless;                /**< bit per service (VIRTIO_CRYPTO_SERVICE_*)
					       whose stateless mode was negotiated */
	uint16_t nb_dataq;                /**< usable data queues */
	uint16_t queue_size;              /**< data queue size */
	rte_spinlock_t ctrl_lock;         /**< one control request at a time */
	struct vcrypto_ctrl_slot *ctrl_slots; /**< ctrl vq->num slots */
	const struct rte_memzone *ctrl_mz; /**< their IOVA-contiguous memory */
	struct rte_cryptodev_capabilities caps[VCRYPTO_MAX_CAPS]; /**< from cfg */
};

/** What kind of data request a session's ops become. */
enum vcrypto_sess_kind {
	VCRYPTO_SESS_CIPHER, /**< CIPHER_ENCRYPT/DECRYPT, op_type CIPHER */
	VCRYPTO_SESS_CHAIN,  /**< CIPHER_ENCRYPT/DECRYPT, op_type ALGORITHM_CHAINING
			          (also IV-taking MACs, with VIRTIO_CRYPTO_NO_CIPHER) */
	VCRYPTO_SESS_HASH,   /**< HASH or MAC */
	VCRYPTO_SESS_AEAD,   /**< AEAD_ENCRYPT/DECRYPT */
	VCRYPTO_SESS_GMAC,   /**< AEAD_ENCRYPT (GCM), message as AAD */
};

/** Session private data (CRYPTODEV_GET_SYM_SESS_PRIV). */
struct vcrypto_session {
	uint64_t session_id;      /**< the device's id */
	uint32_t opcode;          /**< data opcode */
	uint32_t algo;            /**< data header algo */
	uint32_t destroy_opcode;  /**< *_DESTROY_SESSION of the service */
	uint8_t kind;             /**< enum vcrypto_sess_kind */
	bool has_cipher;          /**< chain: a real cipher (not NO_CIPHER) */
	bool hash_first;          /**< chain: HASH_THEN_CIPHER */
	bool cipher_bits;         /**< cipher offset/length are in bits */
	bool auth_bits;           /**< auth offset/length are in bits */
	bool verify;              /**< compare the digest at dequeue */
	bool encrypt;             /**< AEAD direction */
	bool ccm;                 /**< AES-CCM: nonce at iv + 1, AAD at aad + 18 */
	uint16_t fixed_len;       /**< fixed part of each data request */
	uint16_t cipher_iv_offset; /**< cipher/AEAD IV offset in the op */
	uint16_t cipher_iv_len;   /**< cipher/AEAD IV bytes on the wire */
	uint16_t auth_iv_offset;  /**< auth IV offset in the op */
	uint16_t auth_iv_len;     /**< auth IV bytes on the wire */
	uint16_t digest_len;      /**< digest or tag bytes */
	uint16_t aad_len;         /**< AEAD AAD bytes */
};

/** A control request to send: its fixed part and up to two keys. */
struct vcrypto_ctrl_plan {
	struct vcrypto_ctrl_req req; /**< fixed part, wire order */
	const uint8_t *key1;  /**< cipher (or AEAD, or MAC) key */
	uint32_t key1_len;
	const uint8_t *key2;  /**< auth key of a chain */
	uint32_t key2_len;
	const char *what;     /**< for the log */
};

/* session.c */

/**
 * Map xforms to the CREATE_SESSION request (@p p) and the session state
 * its ops use (@p ss; session_id left 0). Pure: no device access.
 *
 * @return 0; -ENOTSUP for anything the device's capabilities do not offer.
 */
int vcrypto_session_plan(const struct vcrypto_dev *vd, const struct rte_crypto_sym_xform *x,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss);

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

/**
 * The virtio-crypto algorithm that carries an rte_crypto algorithm.
 *
 * @param type xform type of @p algo
 * @param algo an rte_crypto_{cipher,auth,aead}_algorithm
 * @param[out] service VIRTIO_CRYPTO_SERVICE_* whose mask holds the bit
 * @return the wire algorithm id (>= 0), or -ENOTSUP when there is none
 */
int vcrypto_wire_algo(enum rte_crypto_sym_xform_type type, int algo, uint32_t *service);

/**
 * The entry of @p caps (ended by RTE_CRYPTO_OP_TYPE_UNDEFINED) for an
 * algorithm, or NULL when the device does not offer it.
 */
const struct rte_cryptodev_symmetric_capability *vcrypto_find_cap(
		const struct rte_cryptodev_capabilities *caps,
		enum rte_crypto_sym_xform_type type, int algo);

#endif /* VIRTIO_CRYPTO_PRIV_H */
