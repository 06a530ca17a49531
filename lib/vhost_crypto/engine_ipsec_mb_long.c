/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * Requests longer than intel-ipsec-mb 1.3 takes in one job
 * (MB_MAX_JOB_LEN): AES-CBC encryption in chained pieces
 * (engine_ipsec_mb_jobs.c), SHA and HMAC-SHA through the library's
 * one-shot SHA functions.
 */
#include <string.h>

#include "vcrypto_wire.h"
#include "engine_ipsec_mb_priv.h"
#include "req_codec_priv.h"
#include "session_priv.h"

/*
 * A HASH or MAC request over more than a job takes (MB_MAX_JOB_LEN): SHA
 * and HMAC-SHA through the library's one-shot SHA functions, which take
 * any length; HMAC as H((K ^ opad) || H((K ^ ipad) || m)), the inner
 * input built in the context's scratch area. Other algorithms (HMAC-MD5,
 * CMAC, XCBC) stay on the job path, which refuses them (ERR).
 * @return false when @p r is not such a request (nothing done).
 */
static bool
run_hash_long(struct mb_ctx *c, struct vcrypto_req *r)
{
	const struct mb_session *s = r->sess->priv;
	uint8_t outer[MB_HMAC_MAX_BLOCK + VCRYPTO_MAX_DIGEST_LEN];
	uint32_t i, block = s->hmac_block, dlen;

	if ((r->kind != VCRYPTO_SESS_HASH && r->kind != VCRYPTO_SESS_MAC) ||
			r->len <= MB_MAX_JOB_LEN ||
			(s->auth_kind != MB_AUTH_PLAIN && s->auth_kind != MB_AUTH_HMAC) ||
			s->hash_alg == IMB_AUTH_MD5)
		return false;
	r->status = VIRTIO_CRYPTO_OK;
	if (s->auth_kind == MB_AUTH_PLAIN) {
		if (vcrypto_mb_sha(c->mgr, s->hash_alg, r->src, r->len,
				r->digest_out) == 0)
			r->status = VIRTIO_CRYPTO_ERR;
		return true;
	}
	if (c->scratch == NULL || r->len > c->scratch_len - block) {
		r->status = VIRTIO_CRYPTO_ERR;
		return true;
	}
	for (i = 0; i < block; i++) {
		c->scratch[i] = s->hmac_key[i] ^ 0x36;
		outer[i] = s->hmac_key[i] ^ 0x5c;
	}
	memcpy(c->scratch + block, r->src, r->len);
	dlen = vcrypto_mb_sha(c->mgr, s->hash_alg, c->scratch,
		(uint64_t)block + r->len, outer + block);
	if (dlen == 0 || vcrypto_mb_sha(c->mgr, s->hash_alg, outer, block + dlen,
			r->digest_out) == 0)
		r->status = VIRTIO_CRYPTO_ERR;
	explicit_bzero(c->scratch, block);
	explicit_bzero(outer, sizeof(outer));
	return true;
}

bool
vcrypto_mb_run_long(struct mb_ctx *c, struct vcrypto_req *r)
{
	return vcrypto_mb_cbc_encrypt_long(c->mgr, r) || run_hash_long(c, r);
}
