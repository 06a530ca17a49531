/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * The intel-ipsec-mb engine: its context, and each burst of requests split
 * between the ones that run without a job (AES-GCM through the library's
 * direct calls, here; requests longer than a job takes,
 * engine_ipsec_mb_long.c) and the ones that go as jobs
 * (engine_ipsec_mb_jobs.c). Sessions: engine_ipsec_mb_sess.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "engine_ipsec_mb_priv.h"
#include "req_codec_priv.h"
#include "session_priv.h"

/* Longest message the HMAC scratch area holds (longer ones: ERR). */
#define MB_SCRATCH_MAX (16u << 20)

static int
mb_ctx_create(const struct vcrypto_engine_conf *conf, void **ctx)
{
	struct mb_ctx *c;

	if (conf != NULL && conf->arg != NULL && conf->arg[0] != '\0')
		return -EINVAL; /* nothing to configure */
	c = aligned_alloc(64, (sizeof(*c) + 63) & ~(size_t)63);
	if (c == NULL)
		return -ENOMEM;
	memset(c, 0, sizeof(*c));
	c->mgr = alloc_mb_mgr(0);
	if (c->mgr == NULL) {
		free(c);
		return -ENOMEM;
	}
	init_mb_mgr_auto(c->mgr, NULL);
	if (imb_get_errno(c->mgr) != 0) {
		free_mb_mgr(c->mgr);
		free(c);
		return -ENOTSUP;
	}
	/* An HMAC over more than a job takes is hashed from a copy behind
	 * its key block: room for the longest, capped as the bounce area. */
	if (conf != NULL && conf->max_size > MB_MAX_JOB_LEN) {
		c->scratch_len = MB_HMAC_MAX_BLOCK + (conf->max_size < MB_SCRATCH_MAX ?
			conf->max_size : MB_SCRATCH_MAX);
		c->scratch = malloc(c->scratch_len);
		if (c->scratch == NULL) {
			free_mb_mgr(c->mgr);
			free(c);
			return -ENOMEM;
		}
	}
	*ctx = c;
	return 0;
}

static void
mb_ctx_destroy(void *ctx)
{
	struct mb_ctx *c = ctx;

	if (c == NULL)
		return;
	free_mb_mgr(c->mgr);
	free(c->scratch);
	free(c);
}

static void
mb_session_destroy(void *ctx, void *priv)
{
	(void)ctx;
	explicit_bzero(priv, sizeof(struct mb_session));
}

/*
 * AES-GCM (every GCM session here takes a 12-byte iv): the library's direct
 * calls, no job and no manager queue, about 80 against 130 cycles a
 * request at 64 bytes in the generic burst here. They cannot fail on
 * buffers the codec has checked.
 * @return false when @p r is not an AES-GCM request (nothing done).
 */
static bool
run_gcm(IMB_MGR *mgr, struct vcrypto_req *r)
{
	const struct mb_session *s = r->sess->priv;
	struct gcm_context_data gctx;
	aes_gcm_enc_dec_t fn;

	if (r->kind != VCRYPTO_SESS_AEAD || s->cipher_mode != IMB_CIPHER_GCM ||
			r->iv_len != 12)
		return false;
	/* The IMB_AES*_GCM_ENC/DEC macros, by key size and direction. */
	if (r->encrypt)
		fn = s->key_len == 16 ? mgr->gcm128_enc :
			s->key_len == 24 ? mgr->gcm192_enc : mgr->gcm256_enc;
	else
		fn = s->key_len == 16 ? mgr->gcm128_dec :
			s->key_len == 24 ? mgr->gcm192_dec : mgr->gcm256_dec;
	fn(&s->c.gcm, &gctx, r->dst, r->src, r->len, r->iv, r->aad, r->aad_len,
		r->digest_out, s->gen_len);
	r->status = VIRTIO_CRYPTO_OK;
	return true;
}

/* A request that runs outside the job queue (then it has its status). */
static inline bool
run_alone(struct mb_ctx *c, struct vcrypto_req *r)
{
	const struct mb_session *s = r->sess->priv;

	if (s->cipher_mode == IMB_CIPHER_GCM)
		return run_gcm(c->mgr, r);
	return r->len > MB_MAX_JOB_LEN && vcrypto_mb_run_long(c, r);
}

static void
mb_process_burst(void *ctx, struct vcrypto_req *const *reqs, uint16_t n)
{
	struct vcrypto_req *todo[MB_MAX_BURST];
	struct mb_ctx *c = ctx;
	uint16_t i, nb_todo;

	while (n > 0) {
		nb_todo = 0;
		for (i = 0; i < n && nb_todo < MB_MAX_BURST; i++) {
			/* Nothing to cipher: done, without a job. */
			if (reqs[i]->kind == VCRYPTO_SESS_CIPHER &&
					reqs[i]->len == 0)
				reqs[i]->status = VIRTIO_CRYPTO_OK;
			else if (run_alone(c, reqs[i]))
				c->path[MB_PATH_DIRECT]++;
			else
				todo[nb_todo++] = reqs[i];
		}
		if (nb_todo > 0)
			vcrypto_mb_submit_jobs(c, todo, nb_todo);
		reqs += i;
		n -= i;
	}
}

const struct vcrypto_engine_ops vcrypto_engine_ipsec_mb = {
	.name = "ipsec_mb",
	.session_size = sizeof(struct mb_session),
	.session_align = 64,
	.ctx_create = mb_ctx_create,
	.get_caps = vcrypto_mb_get_caps,
	.ctx_destroy = mb_ctx_destroy,
	.session_create = vcrypto_mb_session_create,
	.session_destroy = mb_session_destroy,
	.process_burst = mb_process_burst,
};
