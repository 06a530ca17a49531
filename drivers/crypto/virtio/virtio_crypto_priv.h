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

#include <sys/queue.h>

#include <cryptodev_pmd.h>
#include <rte_spinlock.h>

#include "vcrypto_frontend.h"
#include "vcrypto_vu_session.h"
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
	uint8_t err_is_auth; /**< status ERR is a failed verification (device_verifies) */
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
	bool desc_per_field;              /**< fixed part and IV in descriptors of their
					       own (session=vhost-user: DPDK's vhost_crypto) */
	struct rte_crypto_op **rejected;  /**< ops refused at enqueue, returned first */
	uint16_t rej_head;                /**< oldest rejected op */
	uint16_t rej_count;               /**< rejected ops waiting */
	uint16_t rej_size;                /**< capacity of rejected (vq->num) */
	uint16_t id;                      /**< queue pair id */
	const uint32_t *link_state;       /**< the device's link state (link.c) */
	uint32_t link_seen;               /**< last link state this queue acted on;
					       a down state once its ops are back */
	uint64_t max_size;                /**< config max_size: longest src/dst */
	struct rte_cryptodev_stats stats; /**< counters */
};

struct vcrypto_session;

/** Link state bits (vcrypto_dev.link_state; the rest counts changes). */
#define VCRYPTO_LINK_DOWN 1u  /**< the back-end went away; queues hand their ops back */
#define VCRYPTO_LINK_DEAD 2u  /**< reconnecting gave up: ops fail at enqueue */
#define VCRYPTO_LINK_GEN  4u  /**< one state change */

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
	bool vu_sessions;                 /**< sessions by vhost-user messages 26/27 */
	struct rte_cryptodev_data *data;  /**< the cryptodev's (queue pairs) */
	/** VCRYPTO_LINK_* bits; written by the link alarm only, under ctrl_lock */
	uint32_t link_state;
	bool link_watch;                  /**< the link alarm is armed */
	bool link_stopping;               /**< the alarm must not re-arm itself
					       (vcrypto_link_watch_stop() is
					       cancelling it) */
	bool mem_watch;                   /**< memory event callback registered */
	uint32_t link_retries;            /**< reconnect attempts since the link went down */
	uint32_t link_delay_ms;           /**< next alarm delay (backoff while down) */
	char name[RTE_CRYPTODEV_NAME_MAX_LEN]; /**< for logs and callback names */
	/** live sessions, re-created after a reconnect (under ctrl_lock) */
	TAILQ_HEAD(, vcrypto_session) sessions;
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
	/**
	 * vhost-user sessions of DPDK's layout: a verify chain is checked by
	 * the device against the digest the driver puts in hash_result, and a
	 * failed check comes back as ERR (DPDK's vhost_crypto).
	 */
	bool device_verifies;
	/* What re-creates the session on a new connection (link.c). */
	TAILQ_ENTRY(vcrypto_session) next; /**< in vcrypto_dev.sessions */
	struct vcrypto_ctrl_req create_req; /**< the CREATE_SESSION fixed part */
	uint16_t key1_len;        /**< cipher (or AEAD, or MAC) key bytes in keys */
	uint16_t key2_len;        /**< auth key bytes, after key1 */
	uint8_t keys[VCRYPTO_MAX_CIPHER_KEY_LEN + VCRYPTO_MAX_AUTH_KEY_LEN];
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

/**
 * Create a session on the device as planned (control queue, or a vhost-user
 * message when vd->vu_sessions). Called with ctrl_lock held.
 *
 * @return 0 and *session_id; -ENOTSUP/-ENOSPC/-EIO from the device's answer;
 *   another -errno when the device could not be reached.
 */
int vcrypto_session_create_on_device(struct vcrypto_dev *vd, const struct vcrypto_ctrl_plan *p,
		uint64_t *session_id);

/* session_msg.c */

/** Payload bytes of CREATE_CRYPTO_SESSION in DPDK 22.11's layout. */
#define VCRYPTO_SESS_MSG_LEN VCRYPTO_VU_SESS_LEN

/**
 * Whether a planned session can travel in DPDK 22.11's CREATE_CRYPTO_SESSION
 * layout as DPDK's vhost_crypto reads it: a cipher, or a cipher + MAC chain
 * in the order DPDK implies from the direction (encrypt then MAC, verify
 * then decrypt).
 */
bool vcrypto_session_msg_expressible(const struct vcrypto_ctrl_plan *p);

/**
 * Fill @p payload (VCRYPTO_SESS_MSG_LEN bytes) from a plan.
 *
 * @return 0; -ENOTSUP when the layout cannot carry the session.
 */
int vcrypto_session_msg_build(const struct vcrypto_ctrl_plan *p, uint8_t *payload);

/**
 * The session id of a CREATE_CRYPTO_SESSION reply.
 *
 * @return 0 and *session_id; -ENOTSUP, -ENOSPC or -EIO for a refusal
 *   (negative id: -VIRTIO_CRYPTO_* status).
 */
int vcrypto_session_msg_reply(const uint8_t *payload, uint64_t *session_id);

/* link.c */

/**
 * Start watching the device: the link alarm (back-end gone → queues hand
 * their ops back → reconnect with backoff → sessions re-created → queues
 * resume) and the memory event callback (memory hotplug → memory table sent
 * again). For vhost-user devices; a no-op for others.
 */
void vcrypto_link_watch_start(struct vcrypto_dev *vd);

/** Stop what vcrypto_link_watch_start() started (waits for a running alarm). */
void vcrypto_link_watch_stop(struct vcrypto_dev *vd);

/** Data-path side of a link change: see link.c. Slow path of enqueue. */
uint16_t vcrypto_link_enqueue(struct vcrypto_qp *qp, uint32_t ls,
		struct rte_crypto_op **ops, uint16_t nb_ops);

/**
 * Slow path of dequeue while the link is down: completions the device made,
 * then every other op in flight as RTE_CRYPTO_OP_STATUS_ERROR (each once);
 * once none is left, the queue acknowledges the state so the link alarm may
 * reset the rings.
 */
uint16_t vcrypto_link_dequeue(struct vcrypto_qp *qp, uint32_t ls,
		struct rte_crypto_op **ops, uint16_t nb_ops);

/* datapath.c */

/** enqueue_burst. */
uint16_t vcrypto_enqueue_burst(void *qp, struct rte_crypto_op **ops, uint16_t nb_ops);
/** dequeue_burst. */
uint16_t vcrypto_dequeue_burst(void *qp, struct rte_crypto_op **ops, uint16_t nb_ops);

/**
 * Take up to @p nb_ops completions from the used ring (a broken queue's ops
 * come back as errors); stats.dequeued_count is the caller's.
 */
uint16_t vcrypto_dequeue_completed(struct vcrypto_qp *qp, struct rte_crypto_op **ops,
		uint16_t nb_ops);

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
