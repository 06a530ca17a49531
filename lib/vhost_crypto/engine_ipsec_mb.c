/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * The intel-ipsec-mb engine. Keys are expanded once, when the session is
 * created; jobs then point straight at the guest's buffers (already checked
 * against the guest memory table) and at the host copy of the iv.
 */
#include <errno.h>
#include <string.h>

#include <intel-ipsec-mb.h>

#include "vcrypto_wire.h"
#include "engine.h"
#include "req_codec_priv.h"
#include "session_priv.h"

/* Largest AES key schedule: 15 round keys of 16 bytes (AES-256). */
#define AES_EXP_KEY_LEN (15 * 16)

/** Session private data: both schedules, so either direction works. */
struct mb_session {
	uint8_t enc_keys[AES_EXP_KEY_LEN] __attribute__((aligned(16)));
	uint8_t dec_keys[AES_EXP_KEY_LEN] __attribute__((aligned(16)));
	uint32_t key_len;
};

static int
mb_ctx_create(void **ctx)
{
	IMB_MGR *mgr = alloc_mb_mgr(0);

	if (mgr == NULL)
		return -ENOMEM;
	init_mb_mgr_auto(mgr, NULL);
	if (imb_get_errno(mgr) != 0) {
		free_mb_mgr(mgr);
		return -ENOTSUP;
	}
	*ctx = mgr;
	return 0;
}

static void
mb_ctx_destroy(void *ctx)
{
	if (ctx != NULL)
		free_mb_mgr(ctx);
}

static uint8_t
mb_session_create(void *ctx, void *priv, const struct vcrypto_cipher_params *p)
{
	struct mb_session *s = priv;
	IMB_MGR *mgr = ctx;

	if (p->algo != VIRTIO_CRYPTO_CIPHER_AES_CBC)
		return VIRTIO_CRYPTO_NOTSUPP;
	switch (p->key_len) {
	case 16:
		IMB_AES_KEYEXP_128(mgr, p->key, s->enc_keys, s->dec_keys);
		break;
	case 24:
		IMB_AES_KEYEXP_192(mgr, p->key, s->enc_keys, s->dec_keys);
		break;
	case 32:
		IMB_AES_KEYEXP_256(mgr, p->key, s->enc_keys, s->dec_keys);
		break;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
	s->key_len = p->key_len;
	return VIRTIO_CRYPTO_OK;
}

static void
mb_session_destroy(void *ctx, void *priv)
{
	explicit_bzero(priv, sizeof(struct mb_session));
}

static void
fill_job(IMB_JOB *job, struct vcrypto_req *req)
{
	const struct mb_session *s = req->sess->priv;

	job->cipher_mode = IMB_CIPHER_CBC;
	job->hash_alg = IMB_AUTH_NULL;
	if (req->encrypt) {
		job->cipher_direction = IMB_DIR_ENCRYPT;
		job->chain_order = IMB_ORDER_CIPHER_HASH;
	} else {
		job->cipher_direction = IMB_DIR_DECRYPT;
		job->chain_order = IMB_ORDER_HASH_CIPHER;
	}
	job->enc_keys = s->enc_keys;
	job->dec_keys = s->dec_keys;
	job->key_len_in_bytes = s->key_len;
	job->src = req->src;
	job->dst = req->dst;
	job->cipher_start_src_offset_in_bytes = 0;
	job->msg_len_to_cipher_in_bytes = req->len;
	job->hash_start_src_offset_in_bytes = 0;
	job->msg_len_to_hash_in_bytes = 0;
	job->auth_tag_output = NULL;
	job->auth_tag_output_len_in_bytes = 0;
	job->iv = req->iv;
	job->iv_len_in_bytes = req->iv_len;
	job->user_data = req;
}

static void
complete_job(IMB_JOB *job)
{
	struct vcrypto_req *req = job->user_data;

	req->status = job->status == IMB_STATUS_COMPLETED ?
		VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_ERR;
}

static void
mb_process_burst(void *ctx, struct vcrypto_req *const *reqs, uint16_t n)
{
	IMB_MGR *mgr = ctx;
	IMB_JOB *job;
	uint16_t i;

	for (i = 0; i < n; i++) {
		job = IMB_GET_NEXT_JOB(mgr);
		fill_job(job, reqs[i]);
		/* Jobs come back in submission order, possibly later. */
		job = IMB_SUBMIT_JOB(mgr);
		while (job != NULL) {
			complete_job(job);
			job = IMB_GET_COMPLETED_JOB(mgr);
		}
	}
	while ((job = IMB_FLUSH_JOB(mgr)) != NULL)
		complete_job(job);
}

const struct vcrypto_engine_ops vcrypto_engine_ipsec_mb = {
	.name = "ipsec_mb",
	.session_size = sizeof(struct mb_session),
	.session_align = 64,
	.caps = {
		.crypto_services = 1u << VIRTIO_CRYPTO_SERVICE_CIPHER,
		.cipher_algo_l = 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC,
		.cipher_algo_h = 0,
		.max_cipher_key_len = 32,
	},
	.ctx_create = mb_ctx_create,
	.ctx_destroy = mb_ctx_destroy,
	.session_create = mb_session_create,
	.session_destroy = mb_session_destroy,
	.process_burst = mb_process_burst,
};
