/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_WIRE_H
#define VCRYPTO_WIRE_H

/**
 * @file
 * The virtio-crypto wire format (virtio 1.2, section 5.9): constants, the
 * config space, and the control and data request structures, for both
 * request layouts (the fixed 72-byte one without VIRTIO_CRYPTO_F_REVISION_1,
 * and the exact-size one with it).
 *
 * This is the single definition of the wire format, shared by the driver,
 * the backend, the tests and the fuzzers. It knows nothing of DPDK, rings or
 * memory: every multi-byte field is little-endian on the wire and is read and
 * written through vcrypto_le*() helpers. Sizes the specification fixes are
 * checked at compile time.
 */

#include <assert.h>
#include <endian.h>
#include <stdint.h>

/** Virtio device ID of a crypto device. */
#define VIRTIO_ID_CRYPTO 20
/** PCI vendor and device of a modern virtio-crypto device (0x1040 + 20). */
#define VIRTIO_CRYPTO_PCI_VENDOR 0x1af4
#define VIRTIO_CRYPTO_PCI_DEVICE 0x1054

/* Feature bits (device specific, 0..23). */
#define VIRTIO_CRYPTO_F_REVISION_1              0
#define VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE   1
#define VIRTIO_CRYPTO_F_HASH_STATELESS_MODE     2
#define VIRTIO_CRYPTO_F_MAC_STATELESS_MODE      3
#define VIRTIO_CRYPTO_F_AEAD_STATELESS_MODE     4
#define VIRTIO_CRYPTO_F_AKCIPHER_STATELESS_MODE 5

/* Generic virtio feature bits both halves negotiate. */
#define VCRYPTO_VIRTIO_F_RING_INDIRECT_DESC 28
#define VCRYPTO_VIRTIO_F_RING_EVENT_IDX     29
#define VCRYPTO_VIRTIO_F_VERSION_1          32
#define VCRYPTO_VIRTIO_F_RING_PACKED        34

/* Services: bit numbers in crypto_services, and the high byte of opcodes. */
#define VIRTIO_CRYPTO_SERVICE_CIPHER   0
#define VIRTIO_CRYPTO_SERVICE_HASH     1
#define VIRTIO_CRYPTO_SERVICE_MAC      2
#define VIRTIO_CRYPTO_SERVICE_AEAD     3
#define VIRTIO_CRYPTO_SERVICE_AKCIPHER 4
#define VIRTIO_CRYPTO_SERVICE_IPSEC    5

/* Cipher algorithms: bit numbers in cipher_algo_l/h, and algo values. */
#define VIRTIO_CRYPTO_NO_CIPHER          0
#define VIRTIO_CRYPTO_CIPHER_ARC4        1
#define VIRTIO_CRYPTO_CIPHER_AES_ECB     2
#define VIRTIO_CRYPTO_CIPHER_AES_CBC     3
#define VIRTIO_CRYPTO_CIPHER_AES_CTR     4
#define VIRTIO_CRYPTO_CIPHER_DES_ECB     5
#define VIRTIO_CRYPTO_CIPHER_DES_CBC     6
#define VIRTIO_CRYPTO_CIPHER_3DES_ECB    7
#define VIRTIO_CRYPTO_CIPHER_3DES_CBC    8
#define VIRTIO_CRYPTO_CIPHER_3DES_CTR    9
#define VIRTIO_CRYPTO_CIPHER_KASUMI_F8   10
#define VIRTIO_CRYPTO_CIPHER_SNOW3G_UEA2 11
#define VIRTIO_CRYPTO_CIPHER_AES_F8      12
#define VIRTIO_CRYPTO_CIPHER_AES_XTS     13
#define VIRTIO_CRYPTO_CIPHER_ZUC_EEA3    14
#define VCRYPTO_CIPHER_ALGO_MAX          14

/* Hash algorithms: bit numbers in hash_algo, and algo values. */
#define VIRTIO_CRYPTO_NO_HASH            0
#define VIRTIO_CRYPTO_HASH_MD5           1
#define VIRTIO_CRYPTO_HASH_SHA1          2
#define VIRTIO_CRYPTO_HASH_SHA_224       3
#define VIRTIO_CRYPTO_HASH_SHA_256       4
#define VIRTIO_CRYPTO_HASH_SHA_384       5
#define VIRTIO_CRYPTO_HASH_SHA_512       6
#define VIRTIO_CRYPTO_HASH_SHA3_224      7
#define VIRTIO_CRYPTO_HASH_SHA3_256      8
#define VIRTIO_CRYPTO_HASH_SHA3_384      9
#define VIRTIO_CRYPTO_HASH_SHA3_512      10
#define VIRTIO_CRYPTO_HASH_SHA3_SHAKE128 11
#define VIRTIO_CRYPTO_HASH_SHA3_SHAKE256 12
#define VCRYPTO_HASH_ALGO_MAX            12

/* MAC algorithms: bit numbers in mac_algo_l/h, and algo values. */
#define VIRTIO_CRYPTO_NO_MAC               0
#define VIRTIO_CRYPTO_MAC_HMAC_MD5         1
#define VIRTIO_CRYPTO_MAC_HMAC_SHA1        2
#define VIRTIO_CRYPTO_MAC_HMAC_SHA_224     3
#define VIRTIO_CRYPTO_MAC_HMAC_SHA_256     4
#define VIRTIO_CRYPTO_MAC_HMAC_SHA_384     5
#define VIRTIO_CRYPTO_MAC_HMAC_SHA_512     6
#define VIRTIO_CRYPTO_MAC_CMAC_3DES        25
#define VIRTIO_CRYPTO_MAC_CMAC_AES         26
#define VIRTIO_CRYPTO_MAC_KASUMI_F9        27
#define VIRTIO_CRYPTO_MAC_SNOW3G_UIA2      28
#define VIRTIO_CRYPTO_MAC_GMAC_AES         41
#define VIRTIO_CRYPTO_MAC_GMAC_TWOFISH     42
#define VIRTIO_CRYPTO_MAC_CBCMAC_AES       49
#define VIRTIO_CRYPTO_MAC_CBCMAC_KASUMI_F9 50
#define VIRTIO_CRYPTO_MAC_XCBC_AES         53
#define VIRTIO_CRYPTO_MAC_ZUC_EIA3         54
#define VCRYPTO_MAC_ALGO_MAX               54

/* AEAD algorithms: bit numbers in aead_algo, and algo values. */
#define VIRTIO_CRYPTO_NO_AEAD                0
#define VIRTIO_CRYPTO_AEAD_GCM               1
#define VIRTIO_CRYPTO_AEAD_CCM               2
#define VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305 3
#define VCRYPTO_AEAD_ALGO_MAX                3

/* AKCIPHER algorithms: bit numbers in akcipher_algo, and algo values. */
#define VIRTIO_CRYPTO_NO_AKCIPHER    0
#define VIRTIO_CRYPTO_AKCIPHER_RSA   1
#define VIRTIO_CRYPTO_AKCIPHER_ECDSA 2

/** Compose an opcode from a service and an operation. */
#define VIRTIO_CRYPTO_OPCODE(service, op) (((service) << 8) | (op))

/* Control queue opcodes. */
#define VIRTIO_CRYPTO_CIPHER_CREATE_SESSION   VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_CIPHER, 0x02)
#define VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION  VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_CIPHER, 0x03)
#define VIRTIO_CRYPTO_HASH_CREATE_SESSION     VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_HASH, 0x02)
#define VIRTIO_CRYPTO_HASH_DESTROY_SESSION    VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_HASH, 0x03)
#define VIRTIO_CRYPTO_MAC_CREATE_SESSION      VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_MAC, 0x02)
#define VIRTIO_CRYPTO_MAC_DESTROY_SESSION     VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_MAC, 0x03)
#define VIRTIO_CRYPTO_AEAD_CREATE_SESSION     VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AEAD, 0x02)
#define VIRTIO_CRYPTO_AEAD_DESTROY_SESSION    VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AEAD, 0x03)
#define VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AKCIPHER, 0x04)
#define VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AKCIPHER, 0x05)

/* Data queue opcodes. */
#define VIRTIO_CRYPTO_CIPHER_ENCRYPT    VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_CIPHER, 0x00)
#define VIRTIO_CRYPTO_CIPHER_DECRYPT    VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_CIPHER, 0x01)
#define VIRTIO_CRYPTO_HASH              VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_HASH, 0x00)
#define VIRTIO_CRYPTO_MAC               VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_MAC, 0x00)
#define VIRTIO_CRYPTO_AEAD_ENCRYPT      VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AEAD, 0x00)
#define VIRTIO_CRYPTO_AEAD_DECRYPT      VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AEAD, 0x01)
#define VIRTIO_CRYPTO_AKCIPHER_ENCRYPT  VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AKCIPHER, 0x00)
#define VIRTIO_CRYPTO_AKCIPHER_DECRYPT  VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AKCIPHER, 0x01)
#define VIRTIO_CRYPTO_AKCIPHER_SIGN     VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AKCIPHER, 0x02)
#define VIRTIO_CRYPTO_AKCIPHER_VERIFY   VIRTIO_CRYPTO_OPCODE(VIRTIO_CRYPTO_SERVICE_AKCIPHER, 0x03)

/** Status codes, written by the device into the last device-writable byte. */
enum vcrypto_status {
	VIRTIO_CRYPTO_OK = 0,
	VIRTIO_CRYPTO_ERR = 1,
	VIRTIO_CRYPTO_BADMSG = 2,       /**< authentication failed */
	VIRTIO_CRYPTO_NOTSUPP = 3,
	VIRTIO_CRYPTO_INVSESS = 4,
	VIRTIO_CRYPTO_NOSPC = 5,        /**< no free session (REVISION_1) */
	VIRTIO_CRYPTO_KEY_REJECTED = 6, /**< signature verification failed */
	VIRTIO_CRYPTO_STATUS_MAX
};

/* Cipher direction in session and stateless parameters. */
#define VIRTIO_CRYPTO_OP_ENCRYPT 1
#define VIRTIO_CRYPTO_OP_DECRYPT 2

/* Symmetric operation types (op_type). */
#define VIRTIO_CRYPTO_SYM_OP_NONE               0
#define VIRTIO_CRYPTO_SYM_OP_CIPHER             1
#define VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING 2

/* Algorithm chaining order and hash mode. */
#define VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER 1
#define VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH 2
#define VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN  1
#define VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH   2
#define VIRTIO_CRYPTO_SYM_HASH_MODE_NESTED 3

/* Data header flag: the request names a session (REVISION_1). */
#define VIRTIO_CRYPTO_FLAG_SESSION_MODE 1

/* config.status */
#define VIRTIO_CRYPTO_S_HW_READY (1u << 0)

/** Fixed part sizes of the layout used without REVISION_1. */
#define VIRTIO_CRYPTO_CTRLQ_OP_SPEC_HDR_LEGACY 56
#define VIRTIO_CRYPTO_DATAQ_OP_SPEC_HDR_LEGACY 48
/** Fixed request part (header + padded per-service part) without REVISION_1. */
#define VCRYPTO_LEGACY_FIXED_LEN 72

/** Device configuration space (56 bytes, little-endian). */
struct vcrypto_config {
	uint32_t status;             /**< VIRTIO_CRYPTO_S_HW_READY */
	uint32_t max_dataqueues;     /**< 1..65535 */
	uint32_t crypto_services;    /**< bit per VIRTIO_CRYPTO_SERVICE_* */
	uint32_t cipher_algo_l;      /**< cipher algorithm bits 0..31 */
	uint32_t cipher_algo_h;      /**< cipher algorithm bits 32..63 */
	uint32_t hash_algo;          /**< hash algorithm bits */
	uint32_t mac_algo_l;         /**< MAC algorithm bits 0..31 */
	uint32_t mac_algo_h;         /**< MAC algorithm bits 32..63 */
	uint32_t aead_algo;          /**< AEAD algorithm bits */
	uint32_t max_cipher_key_len; /**< bytes */
	uint32_t max_auth_key_len;   /**< bytes */
	uint32_t akcipher_algo;      /**< AKCIPHER algorithm bits */
	uint64_t max_size;           /**< largest variable part of one request */
} __attribute__((packed));

/* ---- Control queue ---------------------------------------------------- */

/** Control request header (16 bytes). */
struct vcrypto_ctrl_header {
	uint32_t opcode;   /**< VIRTIO_CRYPTO_*_CREATE/DESTROY_SESSION */
	uint32_t algo;     /**< service-specific algorithm */
	uint32_t flag;
	uint32_t queue_id; /**< "reserved" in the spec; Linux, QEMU, DPDK: queue id */
};

/** Cipher parameters of a session (16 bytes). */
struct vcrypto_cipher_session_flf {
	uint32_t algo;    /**< VIRTIO_CRYPTO_CIPHER_* */
	uint32_t key_len; /**< bytes of cipher key in the variable part */
	uint32_t op;      /**< VIRTIO_CRYPTO_OP_ENCRYPT/DECRYPT */
	uint32_t padding;
};

/** Hash session parameters (8 bytes). */
struct vcrypto_hash_create_session_flf {
	uint32_t algo;            /**< VIRTIO_CRYPTO_HASH_* */
	uint32_t hash_result_len; /**< digest bytes to produce */
};

/** MAC session parameters (16 bytes). */
struct vcrypto_mac_create_session_flf {
	uint32_t algo;            /**< VIRTIO_CRYPTO_MAC_* */
	uint32_t hash_result_len; /**< digest bytes to produce */
	uint32_t auth_key_len;    /**< bytes of auth key in the variable part */
	uint32_t padding;
};

#define VIRTIO_CRYPTO_ALG_CHAIN_SESS_OP_SPEC_HDR_SIZE 16

/** Chained cipher + hash/MAC session parameters (48 bytes). */
struct vcrypto_alg_chain_session_flf {
	uint32_t alg_chain_order; /**< VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_* */
	uint32_t hash_mode;       /**< VIRTIO_CRYPTO_SYM_HASH_MODE_* */
	struct vcrypto_cipher_session_flf cipher_hdr;
	union {
		/** hash_mode PLAIN */
		struct vcrypto_hash_create_session_flf hash;
		/** hash_mode AUTH */
		struct vcrypto_mac_create_session_flf mac;
		uint8_t raw[VIRTIO_CRYPTO_ALG_CHAIN_SESS_OP_SPEC_HDR_SIZE];
	} algo_flf;
	uint32_t aad_len;
	uint32_t padding;
};

#define VIRTIO_CRYPTO_SYM_SESS_OP_SPEC_HDR_SIZE 48

/** Symmetric session parameters (56 bytes). */
struct vcrypto_sym_create_session_flf {
	union {
		struct vcrypto_cipher_session_flf cipher;
		struct vcrypto_alg_chain_session_flf chain;
		uint8_t raw[VIRTIO_CRYPTO_SYM_SESS_OP_SPEC_HDR_SIZE];
	} u;
	uint32_t op_type; /**< VIRTIO_CRYPTO_SYM_OP_* */
	uint32_t padding;
};

/** AEAD session parameters (24 bytes). */
struct vcrypto_aead_create_session_flf {
	uint32_t algo;    /**< VIRTIO_CRYPTO_AEAD_* */
	uint32_t key_len;
	uint32_t tag_len;
	uint32_t aad_len;
	uint32_t op;      /**< VIRTIO_CRYPTO_OP_ENCRYPT/DECRYPT */
	uint32_t padding;
};

#define VIRTIO_CRYPTO_AKCIPHER_SESS_ALGO_SPEC_HDR_SIZE 44

/** Asymmetric session parameters (56 bytes). */
struct vcrypto_akcipher_create_session_flf {
	uint32_t algo;
	uint32_t key_type;
	uint32_t key_len;
	uint8_t algo_flf[VIRTIO_CRYPTO_AKCIPHER_SESS_ALGO_SPEC_HDR_SIZE];
};

/** Destroy-session parameters (8 bytes). */
struct vcrypto_destroy_session_flf {
	uint64_t session_id;
};

/** Outcome of a create-session request (16 bytes, device-writable). */
struct vcrypto_create_session_input {
	uint64_t session_id;
	uint32_t status;
	uint32_t padding;
};

/** Outcome of a destroy-session request (1 byte, device-writable). */
struct vcrypto_destroy_session_input {
	uint8_t status;
};

/** Fixed part of a control request: header + per-opcode parameters. */
struct vcrypto_ctrl_req {
	struct vcrypto_ctrl_header header;
	union {
		struct vcrypto_sym_create_session_flf sym;
		struct vcrypto_hash_create_session_flf hash;
		struct vcrypto_mac_create_session_flf mac;
		struct vcrypto_aead_create_session_flf aead;
		struct vcrypto_akcipher_create_session_flf akcipher;
		struct vcrypto_destroy_session_flf destroy;
		uint8_t raw[VIRTIO_CRYPTO_CTRLQ_OP_SPEC_HDR_LEGACY];
	} u;
};

/* ---- Data queues ------------------------------------------------------ */

/** Data request header (24 bytes). */
struct vcrypto_op_header {
	uint32_t opcode;     /**< VIRTIO_CRYPTO_CIPHER_ENCRYPT, ... */
	uint32_t algo;
	uint64_t session_id;
	uint32_t flag;       /**< VIRTIO_CRYPTO_FLAG_SESSION_MODE (REVISION_1) */
	uint32_t padding;
};

/** Plain cipher data parameters (16 bytes). */
struct vcrypto_cipher_data_flf {
	uint32_t iv_len;
	uint32_t src_data_len;
	uint32_t dst_data_len;
	uint32_t padding;
};

/** Chained cipher + hash data parameters (40 bytes). */
struct vcrypto_alg_chain_data_flf {
	uint32_t iv_len;
	uint32_t src_data_len;
	uint32_t dst_data_len;
	uint32_t cipher_start_src_offset;
	uint32_t len_to_cipher;
	uint32_t hash_start_src_offset;
	uint32_t len_to_hash;
	uint32_t aad_len;
	uint32_t hash_result_len;
	uint32_t reserved;
};

#define VIRTIO_CRYPTO_SYM_DATA_REQ_HDR_SIZE 40

/** Symmetric data parameters, session mode (48 bytes). */
struct vcrypto_sym_data_flf {
	union {
		struct vcrypto_cipher_data_flf cipher;
		struct vcrypto_alg_chain_data_flf chain;
		uint8_t raw[VIRTIO_CRYPTO_SYM_DATA_REQ_HDR_SIZE];
	} u;
	uint32_t op_type; /**< VIRTIO_CRYPTO_SYM_OP_* */
	uint32_t padding;
};

/** Hash data parameters, session mode (8 bytes). */
struct vcrypto_hash_data_flf {
	uint32_t src_data_len;
	uint32_t hash_result_len;
};

/** MAC data parameters, session mode (8 bytes). */
struct vcrypto_mac_data_flf {
	struct vcrypto_hash_data_flf hdr;
};

/** AEAD data parameters, session mode (24 bytes). */
struct vcrypto_aead_data_flf {
	uint32_t iv_len;
	uint32_t aad_len;
	uint32_t src_data_len;
	uint32_t dst_data_len; /**< at least src_data_len + tag_len on encrypt */
	uint32_t tag_len;
	uint32_t reserved;
};

/** Asymmetric data parameters, session mode (8 bytes). */
struct vcrypto_akcipher_data_flf {
	uint32_t src_data_len;
	uint32_t dst_data_len;
};

/** Stateless cipher data parameters (24 bytes). */
struct vcrypto_cipher_data_flf_stateless {
	struct {
		uint32_t algo;
		uint32_t key_len;
		uint32_t op;
	} sess_para;
	uint32_t iv_len;
	uint32_t src_data_len;
	uint32_t dst_data_len;
};

/** Stateless chained data parameters (72 bytes). */
struct vcrypto_alg_chain_data_flf_stateless {
	struct {
		uint32_t alg_chain_order;
		uint32_t aad_len;
		struct {
			uint32_t algo;
			uint32_t key_len;
			uint32_t op;
		} cipher;
		struct {
			uint32_t algo;
			uint32_t auth_key_len;
			uint32_t hash_mode;
		} hash;
	} sess_para;
	uint32_t iv_len;
	uint32_t src_data_len;
	uint32_t dst_data_len;
	uint32_t cipher_start_src_offset;
	uint32_t len_to_cipher;
	uint32_t hash_start_src_offset;
	uint32_t len_to_hash;
	uint32_t aad_len;
	uint32_t hash_result_len;
	uint32_t reserved;
};

#define VIRTIO_CRYPTO_SYM_DATA_REQ_HDR_STATELESS_SIZE 72

/** Stateless symmetric data parameters (76 bytes). */
struct vcrypto_sym_data_flf_stateless {
	union {
		struct vcrypto_cipher_data_flf_stateless cipher;
		struct vcrypto_alg_chain_data_flf_stateless chain;
		uint8_t raw[VIRTIO_CRYPTO_SYM_DATA_REQ_HDR_STATELESS_SIZE];
	} u;
	uint32_t op_type;
};

/** Stateless hash data parameters (16 bytes). */
struct vcrypto_hash_data_flf_stateless {
	struct {
		uint32_t algo;
	} sess_para;
	uint32_t src_data_len;
	uint32_t hash_result_len;
	uint32_t reserved;
};

/** Stateless MAC data parameters (16 bytes). */
struct vcrypto_mac_data_flf_stateless {
	struct {
		uint32_t algo;
		uint32_t auth_key_len;
	} sess_para;
	uint32_t src_data_len;
	uint32_t hash_result_len;
};

/** Stateless AEAD data parameters (32 bytes). */
struct vcrypto_aead_data_flf_stateless {
	struct {
		uint32_t algo;
		uint32_t key_len;
		uint32_t op;
	} sess_para;
	uint32_t iv_len;
	uint32_t tag_len;
	uint32_t aad_len;
	uint32_t src_data_len;
	uint32_t dst_data_len;
};

/** Fixed part of a session-mode data request (72 bytes without REVISION_1). */
struct vcrypto_data_req {
	struct vcrypto_op_header header;
	union {
		struct vcrypto_sym_data_flf sym;
		struct vcrypto_hash_data_flf hash;
		struct vcrypto_mac_data_flf mac;
		struct vcrypto_aead_data_flf aead;
		struct vcrypto_akcipher_data_flf akcipher;
		uint8_t raw[VIRTIO_CRYPTO_DATAQ_OP_SPEC_HDR_LEGACY];
	} u;
};

/** Fixed part of a stateless data request (REVISION_1 only). */
struct vcrypto_data_req_stateless {
	struct vcrypto_op_header header;
	union {
		struct vcrypto_sym_data_flf_stateless sym;
		struct vcrypto_hash_data_flf_stateless hash;
		struct vcrypto_mac_data_flf_stateless mac;
		struct vcrypto_aead_data_flf_stateless aead;
	} u;
} __attribute__((packed));

/** The status byte closing every data request. */
struct vcrypto_inhdr {
	uint8_t status;
};

/* ---- Sizes the specification fixes ------------------------------------- */

static_assert(sizeof(struct vcrypto_config) == 56, "config space");
static_assert(sizeof(struct vcrypto_ctrl_header) == 16, "ctrl header");
static_assert(sizeof(struct vcrypto_cipher_session_flf) == 16, "cipher session");
static_assert(sizeof(struct vcrypto_hash_create_session_flf) == 8, "hash session");
static_assert(sizeof(struct vcrypto_mac_create_session_flf) == 16, "mac session");
static_assert(sizeof(struct vcrypto_alg_chain_session_flf) == 48, "chain session");
static_assert(sizeof(struct vcrypto_sym_create_session_flf) == 56, "sym session");
static_assert(sizeof(struct vcrypto_aead_create_session_flf) == 24, "aead session");
static_assert(sizeof(struct vcrypto_akcipher_create_session_flf) == 56, "akcipher session");
static_assert(sizeof(struct vcrypto_destroy_session_flf) == 8, "destroy session");
static_assert(sizeof(struct vcrypto_create_session_input) == 16, "create input");
static_assert(sizeof(struct vcrypto_ctrl_req) == VCRYPTO_LEGACY_FIXED_LEN, "ctrl req");
static_assert(sizeof(struct vcrypto_op_header) == 24, "op header");
static_assert(sizeof(struct vcrypto_cipher_data_flf) == 16, "cipher data");
static_assert(sizeof(struct vcrypto_alg_chain_data_flf) == 40, "chain data");
static_assert(sizeof(struct vcrypto_sym_data_flf) == 48, "sym data");
static_assert(sizeof(struct vcrypto_hash_data_flf) == 8, "hash data");
static_assert(sizeof(struct vcrypto_aead_data_flf) == 24, "aead data");
static_assert(sizeof(struct vcrypto_akcipher_data_flf) == 8, "akcipher data");
static_assert(sizeof(struct vcrypto_cipher_data_flf_stateless) == 24, "cipher sl");
static_assert(sizeof(struct vcrypto_alg_chain_data_flf_stateless) == 72, "chain sl");
static_assert(sizeof(struct vcrypto_sym_data_flf_stateless) == 76, "sym sl");
static_assert(sizeof(struct vcrypto_hash_data_flf_stateless) == 16, "hash sl");
static_assert(sizeof(struct vcrypto_mac_data_flf_stateless) == 16, "mac sl");
static_assert(sizeof(struct vcrypto_aead_data_flf_stateless) == 32, "aead sl");
static_assert(sizeof(struct vcrypto_data_req) == VCRYPTO_LEGACY_FIXED_LEN, "data req");
static_assert(sizeof(struct vcrypto_data_req_stateless) == 24 + 76, "stateless req");

/* ---- Little-endian access ---------------------------------------------- */

static inline uint32_t vcrypto_le32(uint32_t v) { return le32toh(v); }
static inline uint64_t vcrypto_le64(uint64_t v) { return le64toh(v); }
static inline uint32_t vcrypto_to_le32(uint32_t v) { return htole32(v); }
static inline uint64_t vcrypto_to_le64(uint64_t v) { return htole64(v); }

/** Service of an opcode (its high byte). */
static inline uint32_t
vcrypto_opcode_service(uint32_t opcode)
{
	return opcode >> 8;
}

/** Operation of an opcode (its low byte). */
static inline uint32_t
vcrypto_opcode_op(uint32_t opcode)
{
	return opcode & 0xff;
}

/**
 * Length of the fixed part of a control request: the 16-byte header plus the
 * per-opcode parameters, padded to 72 bytes without REVISION_1.
 *
 * @return the length in bytes, or 0 for an unknown opcode.
 */
uint32_t vcrypto_ctrl_fixed_len(uint32_t opcode, int revision_1);

/**
 * Length of the fixed part of a data request: the 24-byte header plus the
 * per-opcode parameters, padded to 72 bytes without REVISION_1.
 *
 * @param stateless request is in stateless mode (flag lacks SESSION_MODE)
 * @return the length in bytes, or 0 for an unknown opcode.
 */
uint32_t vcrypto_data_fixed_len(uint32_t opcode, int revision_1, int stateless);

/**
 * Convert a config space between wire (little-endian) and host byte order,
 * in place. The conversion is its own inverse, so the device uses it after
 * filling the struct in host order and the driver after reading it.
 */
void vcrypto_config_convert(struct vcrypto_config *c);

/** Short name of a status code ("OK", "BADMSG", ...; "?" when unknown). */
const char *vcrypto_status_str(uint32_t status);

/** Name of a service ("CIPHER", ...; "?" when unknown). */
const char *vcrypto_service_str(uint32_t service);

/** Whether bit @p algo is set in a 64-bit mask split in two config words. */
static inline int
vcrypto_algo_in_mask64(uint32_t lo, uint32_t hi, uint32_t algo)
{
	if (algo < 32)
		return (lo >> algo) & 1;
	if (algo < 64)
		return (hi >> (algo - 32)) & 1;
	return 0;
}

/** Whether bit @p algo is set in a 32-bit config mask. */
static inline int
vcrypto_algo_in_mask32(uint32_t mask, uint32_t algo)
{
	return algo < 32 ? (mask >> algo) & 1 : 0;
}

#endif /* VCRYPTO_WIRE_H */
