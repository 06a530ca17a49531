/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * The cryptodev engine: requests executed by any DPDK cryptodev (created
 * beforehand, e.g. --vdev crypto_aesni_mb0 or crypto_openssl0), one queue
 * pair per backend device. Sessions become rte_cryptodev sym sessions when
 * created (freed when destroyed); a burst of requests becomes a burst of
 * rte_crypto_ops, enqueued together and dequeued until all are back.
 *
 * Buffers are not copied: each op's mbufs are attached (external buffers)
 * straight to the request's buffers, which are guest memory or the queue's
 * bounce area. That is why only CPU (software) cryptodevs are taken: guest
 * memory is not registered with DPDK, so it has no IOVA a device could DMA
 * to (this engine refuses devices flagged HW_ACCELERATED). One mbuf segment
 * describes at most 65535 bytes: that is this engine's max_size.
 *
 * Ops, mbufs and their shared-info blocks are taken from pools once, when
 * the context is created; the data path allocates nothing. What the config
 * space offers is this engine's algorithm table intersected with the
 * device's capability list (rte_cryptodev_info_get), at the key lengths the
 * device accepts. Offered: AES-CBC/CTR/ECB, DES-CBC, 3DES-CBC; SHA-1/2
 * hashes; HMAC-MD5/SHA-1/SHA-2, AES-CMAC, AES-XCBC-MAC; AES-GCM (also as
 * GMAC) and ChaCha20-Poly1305 AEADs; cipher + hash/MAC chains. Not offered:
 * bit-oriented 3GPP algorithms, AES-CCM (its nonce length is fixed per DPDK
 * session but only known per request on the wire).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cryptodev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "vcrypto_wire.h"
#include "engine.h"
#include "req_codec_priv.h"
#include "session_priv.h"

#define CDEV_BURST 32          /* ops in flight per context */
#define CDEV_SL_SESSIONS 64    /* stateless sessions alive at once (a burst) */
#define CDEV_DESCS 256         /* queue pair descriptors */
#define CDEV_MAX_SIZE UINT16_MAX /* one mbuf segment */
#define IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))
#define IV_ROOM 32             /* iv (16 at most), then the op's index */
#define IDX_OFF (IV_OFF + IV_ROOM - sizeof(uint32_t))
#define BIT(n) (1ull << (n))
#define AES_KEYS (BIT(16) | BIT(24) | BIT(32))

/** One algorithm of the table: virtio id, DPDK id, what the wire needs. */
struct cdev_algo {
	uint32_t service;        /* VIRTIO_CRYPTO_SERVICE_* */
	uint32_t valgo;          /* VIRTIO_CRYPTO_* algorithm id */
	enum rte_crypto_sym_xform_type type;
	int algo;                /* RTE_CRYPTO_{CIPHER,AUTH,AEAD}_* */
	uint16_t iv_len;         /* the one iv length sessions use */
	uint32_t block;          /* cipher lengths must be a multiple */
	uint64_t any_keys;       /* key lengths the algorithm has (0: HMAC) */
	uint16_t digest_max;     /* longest digest the algorithm has */
};

static const struct cdev_algo algos[] = {
	{ VIRTIO_CRYPTO_SERVICE_CIPHER, VIRTIO_CRYPTO_CIPHER_AES_CBC,
	  RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_AES_CBC, 16, 16,
	  AES_KEYS, 0 },
	{ VIRTIO_CRYPTO_SERVICE_CIPHER, VIRTIO_CRYPTO_CIPHER_AES_CTR,
	  RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_AES_CTR, 16, 1,
	  AES_KEYS, 0 },
	{ VIRTIO_CRYPTO_SERVICE_CIPHER, VIRTIO_CRYPTO_CIPHER_AES_ECB,
	  RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_AES_ECB, 0, 16,
	  AES_KEYS, 0 },
	{ VIRTIO_CRYPTO_SERVICE_CIPHER, VIRTIO_CRYPTO_CIPHER_DES_CBC,
	  RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_DES_CBC, 8, 8,
	  BIT(8), 0 },
	{ VIRTIO_CRYPTO_SERVICE_CIPHER, VIRTIO_CRYPTO_CIPHER_3DES_CBC,
	  RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_3DES_CBC, 8, 8,
	  BIT(16) | BIT(24), 0 },
	{ VIRTIO_CRYPTO_SERVICE_HASH, VIRTIO_CRYPTO_HASH_SHA1,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA1, 0, 0, BIT(0), 20 },
	{ VIRTIO_CRYPTO_SERVICE_HASH, VIRTIO_CRYPTO_HASH_SHA_224,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA224, 0, 0, BIT(0), 28 },
	{ VIRTIO_CRYPTO_SERVICE_HASH, VIRTIO_CRYPTO_HASH_SHA_256,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA256, 0, 0, BIT(0), 32 },
	{ VIRTIO_CRYPTO_SERVICE_HASH, VIRTIO_CRYPTO_HASH_SHA_384,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA384, 0, 0, BIT(0), 48 },
	{ VIRTIO_CRYPTO_SERVICE_HASH, VIRTIO_CRYPTO_HASH_SHA_512,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA512, 0, 0, BIT(0), 64 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_HMAC_MD5,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_MD5_HMAC, 0, 0, 0, 16 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA1,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA1_HMAC, 0, 0, 0, 20 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_224,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA224_HMAC, 0, 0, 0, 28 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_256,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA256_HMAC, 0, 0, 0, 32 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_384,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA384_HMAC, 0, 0, 0, 48 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_HMAC_SHA_512,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_SHA512_HMAC, 0, 0, 0, 64 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_CMAC_AES,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_AES_CMAC, 0, 0, AES_KEYS, 16 },
	{ VIRTIO_CRYPTO_SERVICE_MAC, VIRTIO_CRYPTO_MAC_XCBC_AES,
	  RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_AES_XCBC_MAC, 0, 0, BIT(16),
	  16 },
	{ VIRTIO_CRYPTO_SERVICE_AEAD, VIRTIO_CRYPTO_AEAD_GCM,
	  RTE_CRYPTO_SYM_XFORM_AEAD, RTE_CRYPTO_AEAD_AES_GCM, 12, 1, AES_KEYS, 16 },
	{ VIRTIO_CRYPTO_SERVICE_AEAD, VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305,
	  RTE_CRYPTO_SYM_XFORM_AEAD, RTE_CRYPTO_AEAD_CHACHA20_POLY1305, 12, 1,
	  BIT(32), 16 },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/** Session private data (in the backend's session slot). */
struct cdev_sess {
	void *sess;           /**< rte_cryptodev sym session */
	uint16_t iv_len;      /**< cipher/AEAD iv bytes the session takes */
	uint32_t aad_len;     /**< AEAD: the session's (and requests') aad */
	uint32_t result_len;  /**< digest or tag bytes */
};

/** A context: one queue pair of one cryptodev. */
struct cdev_ctx {
	uint8_t dev_id;
	uint16_t qp;
	bool iova_va;         /**< IOVA as VA: a buffer's IOVA is its address */
	struct rte_mempool *sess_pool;
	struct rte_mempool *op_pool;
	struct rte_mempool *mbuf_pool;
	struct rte_crypto_op *ops[CDEV_BURST];
	struct rte_mbuf *msrc[CDEV_BURST];
	struct rte_mbuf *mdst[CDEV_BURST];
	struct rte_mbuf_ext_shared_info shinfo[CDEV_BURST][2];
	struct vcrypto_req *inflight[CDEV_BURST];
	struct vcrypto_engine_caps caps;
};

static const struct cdev_algo *
find_algo(uint32_t service, uint32_t valgo)
{
	unsigned int i;

	for (i = 0; i < NELEM(algos); i++)
		if (algos[i].service == service && algos[i].valgo == valgo)
			return &algos[i];
	return NULL;
}

static const struct rte_cryptodev_symmetric_capability *
dev_cap(const struct cdev_ctx *c, const struct cdev_algo *a)
{
	struct rte_cryptodev_sym_capability_idx idx = { .type = a->type };

	switch (a->type) {
	case RTE_CRYPTO_SYM_XFORM_CIPHER:
		idx.algo.cipher = a->algo;
		break;
	case RTE_CRYPTO_SYM_XFORM_AUTH:
		idx.algo.auth = a->algo;
		break;
	case RTE_CRYPTO_SYM_XFORM_AEAD:
	default:
		idx.algo.aead = a->algo;
		break;
	}
	return rte_cryptodev_sym_capability_get(c->dev_id, &idx);
}

/* Whether the device takes @p a with the iv the wire needs. */
static bool
usable(const struct cdev_ctx *c, const struct cdev_algo *a,
		const struct rte_cryptodev_symmetric_capability *cap)
{
	const struct rte_crypto_param_range *iv;

	if (cap == NULL)
		return false;
	if (a->type == RTE_CRYPTO_SYM_XFORM_CIPHER)
		iv = &cap->cipher.iv_size;
	else if (a->type == RTE_CRYPTO_SYM_XFORM_AEAD)
		iv = &cap->aead.iv_size;
	else
		return true;
	(void)c;
	return a->iv_len >= iv->min && a->iv_len <= iv->max;
}

static uint16_t
max_key(const struct cdev_algo *a,
		const struct rte_cryptodev_symmetric_capability *cap)
{
	switch (a->type) {
	case RTE_CRYPTO_SYM_XFORM_CIPHER:
		return cap->cipher.key_size.max;
	case RTE_CRYPTO_SYM_XFORM_AUTH:
		return cap->auth.key_size.max;
	case RTE_CRYPTO_SYM_XFORM_AEAD:
	default:
		return cap->aead.key_size.max;
	}
}

static void
set_bit64(uint32_t *lo, uint32_t *hi, uint32_t algo)
{
	if (algo < 32)
		*lo |= 1u << algo;
	else if (algo < 64)
		*hi |= 1u << (algo - 32);
}

/* The table intersected with the device's capabilities. */
static void
compute_caps(struct cdev_ctx *c)
{
	struct vcrypto_engine_caps *k = &c->caps;
	unsigned int i;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < NELEM(algos); i++) {
		const struct cdev_algo *a = &algos[i];
		const struct rte_cryptodev_symmetric_capability *cap = dev_cap(c, a);
		uint16_t kmax;

		if (!usable(c, a, cap))
			continue;
		k->crypto_services |= 1u << a->service;
		kmax = max_key(a, cap);
		switch (a->service) {
		case VIRTIO_CRYPTO_SERVICE_CIPHER:
			set_bit64(&k->cipher_algo_l, &k->cipher_algo_h, a->valgo);
			if (kmax > k->max_cipher_key_len)
				k->max_cipher_key_len = kmax;
			break;
		case VIRTIO_CRYPTO_SERVICE_HASH:
			k->hash_algo |= 1u << a->valgo;
			break;
		case VIRTIO_CRYPTO_SERVICE_MAC:
			set_bit64(&k->mac_algo_l, &k->mac_algo_h, a->valgo);
			if (kmax > k->max_auth_key_len)
				k->max_auth_key_len = kmax;
			break;
		case VIRTIO_CRYPTO_SERVICE_AEAD:
		default:
			k->aead_algo |= 1u << a->valgo;
			if (kmax > k->max_cipher_key_len)
				k->max_cipher_key_len = kmax;
			/* The driver sends AES-GMAC as GCM with an empty text. */
			if (a->valgo == VIRTIO_CRYPTO_AEAD_GCM)
				set_bit64(&k->mac_algo_l, &k->mac_algo_h,
					VIRTIO_CRYPTO_MAC_GMAC_AES);
			break;
		}
	}
	if (k->max_cipher_key_len > VCRYPTO_MAX_CIPHER_KEY_LEN)
		k->max_cipher_key_len = VCRYPTO_MAX_CIPHER_KEY_LEN;
	if (k->max_auth_key_len > VCRYPTO_MAX_AUTH_KEY_LEN)
		k->max_auth_key_len = VCRYPTO_MAX_AUTH_KEY_LEN;
	k->max_size = CDEV_MAX_SIZE;
}

/* ---- Context ------------------------------------------------------------ */

static void
cdev_ctx_destroy(void *ctx)
{
	struct cdev_ctx *c = ctx;
	unsigned int i;

	if (c == NULL)
		return;
	for (i = 0; i < CDEV_BURST; i++) {
		rte_crypto_op_free(c->ops[i]);
		rte_pktmbuf_free(c->msrc[i]);
		rte_pktmbuf_free(c->mdst[i]);
	}
	rte_mempool_free(c->mbuf_pool);
	rte_mempool_free(c->op_pool);
	rte_mempool_free(c->sess_pool);
	free(c);
}

/* "NAME" or "NAME:QP". */
static int
parse_arg(const char *arg, char *name, size_t size, uint16_t *qp)
{
	const char *colon;
	char *end;
	unsigned long v;
	size_t len;

	if (arg == NULL || arg[0] == '\0')
		return -EINVAL;
	colon = strrchr(arg, ':');
	len = colon != NULL ? (size_t)(colon - arg) : strlen(arg);
	if (len == 0 || len >= size)
		return -EINVAL;
	memcpy(name, arg, len);
	name[len] = '\0';
	*qp = 0;
	if (colon != NULL) {
		v = strtoul(colon + 1, &end, 10);
		if (end == colon + 1 || *end != '\0' || v > UINT16_MAX)
			return -EINVAL;
		*qp = (uint16_t)v;
	}
	return 0;
}

/*
 * Set the device up if nobody did: every queue pair it has, then start
 * it; later contexts find their queue pair ready.
 */
static int
device_setup(uint8_t dev_id, const struct rte_cryptodev_info *info,
		uint16_t qp)
{
	struct rte_cryptodev_config cfg = {
		.socket_id = rte_cryptodev_socket_id(dev_id),
		.nb_queue_pairs = info->max_nb_queue_pairs,
		.ff_disable = RTE_CRYPTODEV_FF_ASYMMETRIC_CRYPTO |
			RTE_CRYPTODEV_FF_SECURITY,
	};
	struct rte_cryptodev_qp_conf qc = { .nb_descriptors = CDEV_DESCS };
	uint16_t i;
	int rc;

	if (rte_cryptodev_get_qp_status(dev_id, qp) == 1)
		return 0;
	if (cfg.socket_id < 0)
		cfg.socket_id = SOCKET_ID_ANY;
	rc = rte_cryptodev_configure(dev_id, &cfg);
	if (rc != 0)
		return rc < 0 ? rc : -EIO;
	for (i = 0; i < cfg.nb_queue_pairs && rc == 0; i++)
		rc = rte_cryptodev_queue_pair_setup(dev_id, i, &qc, cfg.socket_id);
	if (rc == 0)
		rc = rte_cryptodev_start(dev_id);
	return rc < 0 ? rc : (rc > 0 ? -EIO : 0);
}

/* The request buffers belong to the guest or the queue: nothing to free. */
static void
extbuf_keep(void *addr, void *opaque)
{
	(void)addr;
	(void)opaque;
}

static int
make_pools(struct cdev_ctx *c, uint32_t max_sessions)
{
	char name[RTE_MEMPOOL_NAMESIZE];
	int socket = rte_cryptodev_socket_id(c->dev_id);
	unsigned int i;

	if (socket < 0)
		socket = SOCKET_ID_ANY;
	/* Names by context address: a device has several contexts on one
	 * queue pair (its control one and its first data queue's). */
	snprintf(name, sizeof(name), "vcs%" PRIxPTR, (uintptr_t)c);
	/* Stateless requests take a session each, for one burst at most. */
	c->sess_pool = rte_cryptodev_sym_session_pool_create(name,
		max_sessions + CDEV_SL_SESSIONS,
		rte_cryptodev_sym_get_private_session_size(c->dev_id),
		0, 0, socket);
	snprintf(name, sizeof(name), "vco%" PRIxPTR, (uintptr_t)c);
	c->op_pool = rte_crypto_op_pool_create(name, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
		CDEV_BURST, 0, IV_ROOM, socket);
	snprintf(name, sizeof(name), "vcm%" PRIxPTR, (uintptr_t)c);
	c->mbuf_pool = rte_pktmbuf_pool_create(name, 2 * CDEV_BURST, 0, 0, 0,
		socket);
	if (c->sess_pool == NULL || c->op_pool == NULL || c->mbuf_pool == NULL)
		return -ENOMEM;
	if (rte_crypto_op_bulk_alloc(c->op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC,
			c->ops, CDEV_BURST) != CDEV_BURST)
		return -ENOMEM;
	for (i = 0; i < CDEV_BURST; i++) {
		c->shinfo[i][0].free_cb = extbuf_keep;
		c->shinfo[i][1].free_cb = extbuf_keep;
		c->msrc[i] = rte_pktmbuf_alloc(c->mbuf_pool);
		c->mdst[i] = rte_pktmbuf_alloc(c->mbuf_pool);
		if (c->msrc[i] == NULL || c->mdst[i] == NULL)
			return -ENOMEM;
	}
	return 0;
}

static int
cdev_ctx_create(const struct vcrypto_engine_conf *conf, void **ctx)
{
	char name[RTE_CRYPTODEV_NAME_MAX_LEN];
	struct rte_cryptodev_info info;
	struct cdev_ctx *c;
	uint16_t base;
	uint32_t qp;
	int id, rc;

	if (conf == NULL || parse_arg(conf->arg, name, sizeof(name), &base) != 0)
		return -EINVAL;
	/* Data queue q runs on queue pair QP + q: one lcore each. */
	qp = (uint32_t)base + conf->queue;
	id = rte_cryptodev_get_dev_id(name);
	if (id < 0)
		return -ENODEV;
	rte_cryptodev_info_get(id, &info);
	if (info.feature_flags & RTE_CRYPTODEV_FF_HW_ACCELERATED)
		return -ENOTSUP; /* it could not reach guest memory */
	if (!(info.feature_flags & RTE_CRYPTODEV_FF_SYMMETRIC_CRYPTO) ||
			qp >= info.max_nb_queue_pairs)
		return -EINVAL;
	rc = device_setup(id, &info, qp);
	if (rc != 0)
		return rc;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->dev_id = id;
	c->qp = (uint16_t)qp;
	c->iova_va = rte_eal_iova_mode() == RTE_IOVA_VA;
	rc = make_pools(c, conf->max_sessions);
	if (rc != 0) {
		cdev_ctx_destroy(c);
		return rc;
	}
	compute_caps(c);
	*ctx = c;
	return 0;
}

static void
cdev_get_caps(void *ctx, struct vcrypto_engine_caps *caps)
{
	*caps = ((const struct cdev_ctx *)ctx)->caps;
}

/* ---- Sessions ----------------------------------------------------------- */

/* NOTSUPP when the length exists for the algorithm, else ERR. */
static uint8_t
refusal(const struct cdev_algo *a, uint32_t key_len, uint32_t digest_len)
{
	bool key_ok = a->any_keys == 0 ? key_len <= VCRYPTO_MAX_AUTH_KEY_LEN :
		key_len < 64 && (a->any_keys & BIT(key_len));
	bool digest_ok = a->digest_max == 0 ||
		(digest_len >= 1 && digest_len <= a->digest_max);

	return key_ok && digest_ok ? VIRTIO_CRYPTO_NOTSUPP : VIRTIO_CRYPTO_ERR;
}

static uint8_t
cipher_xform(const struct cdev_ctx *c, const struct vcrypto_sess_params *p,
		struct rte_crypto_sym_xform *x, struct vcrypto_sess_info *info,
		struct cdev_sess *s)
{
	const struct cdev_algo *a = find_algo(VIRTIO_CRYPTO_SERVICE_CIPHER,
		p->cipher_algo);
	const struct rte_cryptodev_symmetric_capability *cap;

	if (a == NULL || !usable(c, a, cap = dev_cap(c, a)))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (rte_cryptodev_sym_capability_check_cipher(cap, p->cipher_key_len,
			a->iv_len) != 0)
		return refusal(a, p->cipher_key_len, 0);
	x->type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	x->cipher.op = p->op == VIRTIO_CRYPTO_OP_ENCRYPT ?
		RTE_CRYPTO_CIPHER_OP_ENCRYPT : RTE_CRYPTO_CIPHER_OP_DECRYPT;
	x->cipher.algo = a->algo;
	x->cipher.key.data = p->cipher_key;
	x->cipher.key.length = p->cipher_key_len;
	x->cipher.iv.offset = IV_OFF;
	x->cipher.iv.length = a->iv_len;
	info->iv_lens = BIT(a->iv_len);
	info->block = a->block;
	s->iv_len = a->iv_len;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
auth_xform(const struct cdev_ctx *c, uint32_t service,
		const struct vcrypto_sess_params *p, struct rte_crypto_sym_xform *x,
		struct vcrypto_sess_info *info, struct cdev_sess *s)
{
	const struct cdev_algo *a = find_algo(service, p->auth_algo);
	const struct rte_cryptodev_symmetric_capability *cap;
	uint32_t klen = service == VIRTIO_CRYPTO_SERVICE_MAC ? p->auth_key_len : 0;

	if (a == NULL || !usable(c, a, cap = dev_cap(c, a)))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (p->result_len == 0 || p->result_len > a->digest_max)
		return VIRTIO_CRYPTO_ERR;
	if (rte_cryptodev_sym_capability_check_auth(cap, klen, p->result_len,
			0) != 0)
		return refusal(a, klen, p->result_len);
	x->type = RTE_CRYPTO_SYM_XFORM_AUTH;
	x->auth.op = RTE_CRYPTO_AUTH_OP_GENERATE; /* the driver verifies */
	x->auth.algo = a->algo;
	x->auth.key.data = klen ? p->auth_key : NULL;
	x->auth.key.length = klen;
	x->auth.digest_length = p->result_len;
	info->result_len = p->result_len;
	s->result_len = p->result_len;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
aead_xform(const struct cdev_ctx *c, const struct vcrypto_sess_params *p,
		struct rte_crypto_sym_xform *x, struct vcrypto_sess_info *info,
		struct cdev_sess *s)
{
	const struct cdev_algo *a = find_algo(VIRTIO_CRYPTO_SERVICE_AEAD,
		p->cipher_algo);
	const struct rte_cryptodev_symmetric_capability *cap;

	if (a == NULL || !usable(c, a, cap = dev_cap(c, a)))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (p->result_len == 0 || p->result_len > a->digest_max)
		return VIRTIO_CRYPTO_ERR;
	/* DPDK fixes the aad length per session: requests must match it. */
	if (rte_cryptodev_sym_capability_check_aead(cap, p->cipher_key_len,
			p->result_len, p->aad_len, a->iv_len) != 0)
		return refusal(a, p->cipher_key_len, p->result_len);
	x->type = RTE_CRYPTO_SYM_XFORM_AEAD;
	x->aead.op = p->op == VIRTIO_CRYPTO_OP_ENCRYPT ?
		RTE_CRYPTO_AEAD_OP_ENCRYPT : RTE_CRYPTO_AEAD_OP_DECRYPT;
	x->aead.algo = a->algo;
	x->aead.key.data = p->cipher_key;
	x->aead.key.length = p->cipher_key_len;
	x->aead.iv.offset = IV_OFF;
	x->aead.iv.length = a->iv_len;
	x->aead.digest_length = p->result_len;
	x->aead.aad_length = p->aad_len;
	info->iv_lens = BIT(a->iv_len);
	info->block = 1;
	info->result_len = p->result_len;
	info->aad_max = p->aad_len;
	s->iv_len = a->iv_len;
	s->aad_len = p->aad_len;
	s->result_len = p->result_len;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
cdev_session_create(void *ctx, void *priv, const struct vcrypto_sess_params *p,
		struct vcrypto_sess_info *info)
{
	struct rte_crypto_sym_xform x[2];
	struct cdev_ctx *c = ctx;
	struct cdev_sess *s = priv;
	struct rte_crypto_sym_xform *first = &x[0];
	uint8_t st;

	memset(x, 0, sizeof(x));
	memset(s, 0, sizeof(*s));
	memset(info, 0, sizeof(*info));
	info->kind = p->kind;
	info->block = 1;
	info->iv_lens = BIT(0);
	switch (p->kind) {
	case VCRYPTO_SESS_CIPHER:
		st = cipher_xform(c, p, &x[0], info, s);
		break;
	case VCRYPTO_SESS_HASH:
	case VCRYPTO_SESS_MAC:
		st = auth_xform(c, p->kind == VCRYPTO_SESS_HASH ?
			VIRTIO_CRYPTO_SERVICE_HASH : VIRTIO_CRYPTO_SERVICE_MAC,
			p, &x[0], info, s);
		break;
	case VCRYPTO_SESS_AEAD:
		st = aead_xform(c, p, &x[0], info, s);
		break;
	case VCRYPTO_SESS_CHAIN:
		/* NO_CIPHER chains carry IV-taking MACs: none offered here. */
		st = p->cipher_algo == VIRTIO_CRYPTO_NO_CIPHER ?
			VIRTIO_CRYPTO_NOTSUPP : cipher_xform(c, p, &x[0], info, s);
		if (st == VIRTIO_CRYPTO_OK)
			st = auth_xform(c, p->hash_mode ==
				VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH ?
				VIRTIO_CRYPTO_SERVICE_MAC : VIRTIO_CRYPTO_SERVICE_HASH,
				p, &x[1], info, s);
		if (p->chain_order ==
				VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER) {
			first = &x[1];
			x[1].next = &x[0];
		} else {
			x[0].next = &x[1];
		}
		break;
	default:
		st = VIRTIO_CRYPTO_NOTSUPP;
		break;
	}
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	s->sess = rte_cryptodev_sym_session_create(c->dev_id, first, c->sess_pool);
	if (s->sess == NULL)
		return rte_errno == ENOTSUP ? VIRTIO_CRYPTO_NOTSUPP :
			VIRTIO_CRYPTO_ERR;
	return VIRTIO_CRYPTO_OK;
}

static void
cdev_session_destroy(void *ctx, void *priv)
{
	struct cdev_ctx *c = ctx;
	struct cdev_sess *s = priv;

	/* The PMD wipes its copy of the keys when the session is freed. */
	if (s->sess != NULL)
		rte_cryptodev_sym_session_free(c->dev_id, s->sess);
	memset(s, 0, sizeof(*s));
}

/* ---- Data path ---------------------------------------------------------- */

/* Point @p m at @p len bytes at @p buf (no copy). */
static struct rte_mbuf *
attach(const struct cdev_ctx *c, struct rte_mbuf *m,
		struct rte_mbuf_ext_shared_info *sh, const uint8_t *buf, uint32_t len)
{
	void *addr = (void *)(uintptr_t)buf;

	rte_mbuf_ext_refcnt_set(sh, 1);
	rte_pktmbuf_attach_extbuf(m, addr,
		c->iova_va ? (rte_iova_t)(uintptr_t)addr : RTE_BAD_IOVA,
		(uint16_t)len, sh);
	m->data_len = (uint16_t)len;
	m->pkt_len = len;
	return m;
}

static rte_iova_t
iova_of(const struct cdev_ctx *c, const void *p)
{
	return c->iova_va ? (rte_iova_t)(uintptr_t)p : RTE_BAD_IOVA;
}

/* Fill op @p i for @p req. @return false when the request cannot go. */
static bool
fill_op(struct cdev_ctx *c, unsigned int i, struct vcrypto_req *req)
{
	const struct cdev_sess *s = req->sess->priv;
	struct rte_crypto_op *op = c->ops[i];
	struct rte_crypto_sym_op *sym = op->sym;
	const uint8_t *src = req->src;
	uint8_t *dst = req->dst;

	if (req->len > CDEV_MAX_SIZE || req->iv_len != s->iv_len ||
			(req->kind == VCRYPTO_SESS_AEAD && req->aad_len != s->aad_len))
		return false;
	memset(sym, 0, sizeof(*sym));
	op->status = RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
	rte_crypto_op_attach_sym_session(op, s->sess);
	memcpy(rte_crypto_op_ctod_offset(op, uint8_t *, IV_OFF), req->iv,
		req->iv_len);
	if (req->kind == VCRYPTO_SESS_CHAIN)
		src = dst; /* the work buffer holds a copy of src: in place */
	sym->m_src = attach(c, c->msrc[i], &c->shinfo[i][0], src, req->len);
	if (dst != src && req->kind != VCRYPTO_SESS_HASH &&
			req->kind != VCRYPTO_SESS_MAC)
		sym->m_dst = attach(c, c->mdst[i], &c->shinfo[i][1], dst, req->len);
	switch (req->kind) {
	case VCRYPTO_SESS_CIPHER:
		sym->cipher.data.length = req->len;
		break;
	case VCRYPTO_SESS_HASH:
	case VCRYPTO_SESS_MAC:
		sym->auth.data.length = req->len;
		sym->auth.digest.data = req->digest;
		sym->auth.digest.phys_addr = iova_of(c, req->digest);
		break;
	case VCRYPTO_SESS_AEAD:
		sym->aead.data.length = req->len;
		sym->aead.aad.data = (uint8_t *)(uintptr_t)req->aad;
		sym->aead.aad.phys_addr = iova_of(c, req->aad);
		/* decrypt: the PMD checks the tag itself */
		sym->aead.digest.data = req->verify ? req->tag_in : req->digest;
		sym->aead.digest.phys_addr = iova_of(c, sym->aead.digest.data);
		break;
	case VCRYPTO_SESS_CHAIN:
	default:
		sym->cipher.data.offset = req->cipher_off;
		sym->cipher.data.length = req->cipher_len;
		sym->auth.data.offset = req->hash_off;
		sym->auth.data.length = req->hash_len;
		/* the work buffer when the digest is to be encrypted */
		sym->auth.digest.data = req->digest_out;
		sym->auth.digest.phys_addr = iova_of(c, req->digest_out);
		break;
	}
	return true;
}

static void
complete(struct cdev_ctx *c, unsigned int i, struct rte_crypto_op *op)
{
	struct vcrypto_req *req = c->inflight[i];

	switch (op->status) {
	case RTE_CRYPTO_OP_STATUS_SUCCESS:
		req->status = VIRTIO_CRYPTO_OK;
		/* the tag verified: the codec's own check must agree */
		if (req->verify)
			memcpy(req->digest, req->tag_in, req->result_len);
		break;
	case RTE_CRYPTO_OP_STATUS_AUTH_FAILED:
		req->status = VIRTIO_CRYPTO_BADMSG;
		break;
	default:
		req->status = VIRTIO_CRYPTO_ERR;
		break;
	}
}

/* Put the mbufs back on their own (empty) buffers. */
static void
detach_all(struct cdev_ctx *c, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (RTE_MBUF_HAS_EXTBUF(c->msrc[i]))
			rte_pktmbuf_detach(c->msrc[i]);
		if (RTE_MBUF_HAS_EXTBUF(c->mdst[i]))
			rte_pktmbuf_detach(c->mdst[i]);
	}
}

/* One chunk of at most CDEV_BURST requests, synchronously. */
static void
run_chunk(struct cdev_ctx *c, struct vcrypto_req *const *reqs, uint16_t n)
{
	struct rte_crypto_op *go[CDEV_BURST], *back[CDEV_BURST];
	uint16_t nb = 0, sent, got = 0, k, i;

	for (i = 0; i < n; i++) {
		struct vcrypto_req *req = reqs[i];

		if (req->kind == VCRYPTO_SESS_CIPHER && req->len == 0) {
			req->status = VIRTIO_CRYPTO_OK;
			continue;
		}
		if (!fill_op(c, nb, req)) {
			req->status = VIRTIO_CRYPTO_ERR;
			continue;
		}
		c->inflight[nb] = req;
		*rte_crypto_op_ctod_offset(c->ops[nb], uint32_t *, IDX_OFF) = nb;
		go[nb] = c->ops[nb];
		nb++;
	}
	sent = nb ? rte_cryptodev_enqueue_burst(c->dev_id, c->qp, go, nb) : 0;
	for (i = sent; i < nb; i++)
		c->inflight[i]->status = VIRTIO_CRYPTO_ERR;
	/* Software devices complete what they took; wait for all of it. */
	while (got < sent) {
		k = rte_cryptodev_dequeue_burst(c->dev_id, c->qp, back, sent - got);
		for (i = 0; i < k; i++)
			complete(c, *rte_crypto_op_ctod_offset(back[i],
				uint32_t *, IDX_OFF), back[i]);
		got += k;
	}
	detach_all(c, nb);
}

static void
cdev_process_burst(void *ctx, struct vcrypto_req *const *reqs, uint16_t n)
{
	uint16_t done, k;

	for (done = 0; done < n; done += k) {
		k = n - done > CDEV_BURST ? CDEV_BURST : n - done;
		run_chunk(ctx, reqs + done, k);
	}
}

const struct vcrypto_engine_ops vcrypto_engine_cryptodev = {
	.name = "cryptodev",
	.session_size = sizeof(struct cdev_sess),
	.session_align = 8,
	.ctx_create = cdev_ctx_create,
	.get_caps = cdev_get_caps,
	.ctx_destroy = cdev_ctx_destroy,
	.session_create = cdev_session_create,
	.session_destroy = cdev_session_destroy,
	.process_burst = cdev_process_burst,
};
