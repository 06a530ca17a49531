/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * The intel-ipsec-mb engine's job submission: one job per request, a burst
 * of them by the cheapest way the library takes it (one cipher or hash
 * burst call, else the generic burst API); a burst the library refuses
 * (one bad job) runs again job by job, so only the bad job fails. Jobs
 * point at the request's buffers (guest memory or the queue's bounce
 * area), at the host copies of the ivs, and write every digest or tag into
 * the request's own scratch area; the codec then truncates, copies out or
 * verifies it. Keys were expanded when the session was created
 * (engine_ipsec_mb_sess.c).
 */
#include <string.h>

#include "vcrypto_wire.h"
#include "engine_ipsec_mb_priv.h"
#include "req_codec_priv.h"
#include "session_priv.h"

/*
 * The cipher range [off, off + len) of @p src, output to the same range of
 * @p dst. Byte-unit modes take dst at the start of the output, bit-unit
 * modes apply the (bit) offset to both buffers.
 */
static void
set_cipher_range(IMB_JOB *job, const struct mb_session *s, const uint8_t *src,
		uint8_t *dst, uint32_t off, uint32_t len)
{
	job->src = src;
	if (s->units == MB_BITS) {
		job->dst = dst;
		job->cipher_start_src_offset_in_bits = (uint64_t)off * 8;
		job->msg_len_to_cipher_in_bits = (uint64_t)len * 8;
	} else {
		job->dst = dst + off;
		job->cipher_start_src_offset_in_bytes = off;
		job->msg_len_to_cipher_in_bytes = len;
	}
}

static void
set_hash_range(IMB_JOB *job, const struct mb_session *s, uint32_t off,
		uint32_t len)
{
	job->hash_start_src_offset_in_bytes = off;
	if (s->auth_kind == MB_AUTH_SNOW3G || s->auth_kind == MB_AUTH_ZUC)
		job->msg_len_to_hash_in_bits = (uint64_t)len * 8;
	else
		job->msg_len_to_hash_in_bytes = len;
}

/* The algorithm-specific job fields of the authentication half. */
static void
set_auth_fields(IMB_JOB *job, const struct mb_session *s,
		const struct vcrypto_req *req)
{
	switch (s->auth_kind) {
	case MB_AUTH_HMAC:
		job->u.HMAC._hashed_auth_key_xor_ipad = s->a.hmac.ipad;
		job->u.HMAC._hashed_auth_key_xor_opad = s->a.hmac.opad;
		break;
	case MB_AUTH_CMAC:
		job->u.CMAC._key_expanded = s->a.cmac.exp;
		job->u.CMAC._skey1 = s->a.cmac.sk1;
		job->u.CMAC._skey2 = s->a.cmac.sk2;
		break;
	case MB_AUTH_XCBC:
		job->u.XCBC._k1_expanded = (const uint32_t *)s->a.xcbc.k1;
		job->u.XCBC._k2 = s->a.xcbc.k2;
		job->u.XCBC._k3 = s->a.xcbc.k3;
		break;
	case MB_AUTH_SNOW3G:
		job->u.SNOW3G_UIA2._key = &s->a.snow3g;
		job->u.SNOW3G_UIA2._iv = req->auth_iv;
		break;
	case MB_AUTH_ZUC:
		job->u.ZUC_EIA3._key = s->a.raw;
		job->u.ZUC_EIA3._iv = req->auth_iv;
		break;
	case MB_AUTH_KASUMI:
		job->u.KASUMI_UIA1._key = &s->a.kasumi;
		break;
	case MB_AUTH_GCM:
		job->u.GCM.aad = req->aad;
		job->u.GCM.aad_len_in_bytes = req->aad_len;
		break;
	case MB_AUTH_CCM:
		job->u.CCM.aad = req->aad;
		job->u.CCM.aad_len_in_bytes = req->aad_len;
		break;
	case MB_AUTH_CHACHA:
		job->u.CHACHA20_POLY1305.aad = req->aad;
		job->u.CHACHA20_POLY1305.aad_len_in_bytes = req->aad_len;
		break;
	case MB_AUTH_PLAIN:
	case MB_AUTH_NONE:
	default:
		break;
	}
}

/* The cipher fields every job takes from its session and request. */
static inline void
set_keys_and_iv(IMB_JOB *job, const struct mb_session *s,
		const struct vcrypto_req *req)
{
	job->enc_keys = s->enc_keys;
	job->dec_keys = s->dec_keys;
	job->key_len_in_bytes = s->key_len;
	job->iv = req->iv;
	job->iv_len_in_bytes = req->iv_len;
}

static void
fill_job(IMB_JOB *job, struct vcrypto_req *req)
{
	const struct mb_session *s = req->sess->priv;

	job->cipher_mode = s->cipher_mode;
	job->hash_alg = s->hash_alg;
	job->cipher_direction = req->encrypt ? IMB_DIR_ENCRYPT : IMB_DIR_DECRYPT;
	/* ipsec-mb's convention: encryption first, decryption last. */
	job->chain_order = req->encrypt ? IMB_ORDER_CIPHER_HASH :
		IMB_ORDER_HASH_CIPHER;
	set_keys_and_iv(job, s, req);
	job->auth_tag_output = req->digest_out;
	job->auth_tag_output_len_in_bytes = s->gen_len;
	job->cipher_start_src_offset_in_bytes = 0;
	job->msg_len_to_cipher_in_bytes = 0;
	job->hash_start_src_offset_in_bytes = 0;
	job->msg_len_to_hash_in_bytes = 0;
	job->user_data = req;

	switch (req->kind) {
	case VCRYPTO_SESS_CIPHER:
		/* ipsec-mb's null cipher leaves dst alone: dst = src here. */
		if (s->cipher_mode == IMB_CIPHER_NULL && req->dst != req->src)
			memmove(req->dst, req->src, req->len);
		set_cipher_range(job, s, req->src, req->dst, 0, req->len);
		break;
	case VCRYPTO_SESS_HASH:
	case VCRYPTO_SESS_MAC:
		job->chain_order = IMB_ORDER_HASH_CIPHER;
		job->cipher_direction = IMB_DIR_ENCRYPT;
		job->src = req->src;
		job->dst = req->digest;
		set_hash_range(job, s, 0, req->len);
		break;
	case VCRYPTO_SESS_AEAD:
		/* CCM MACs the plaintext: first on encrypt, last on decrypt. */
		if (s->auth_kind == MB_AUTH_CCM)
			job->chain_order = req->encrypt ? IMB_ORDER_HASH_CIPHER :
				IMB_ORDER_CIPHER_HASH;
		set_cipher_range(job, s, req->src, req->dst, 0, req->len);
		set_hash_range(job, s, 0, req->len);
		break;
	case VCRYPTO_SESS_CHAIN:
	default:
		/* In place on the work buffer, which holds a copy of src. */
		job->chain_order = s->chain_order;
		set_cipher_range(job, s, req->dst, req->dst, req->cipher_off,
			req->cipher_len);
		set_hash_range(job, s, req->hash_off, req->hash_len);
		break;
	}
	set_auth_fields(job, s, req);
}

static void
complete_job(IMB_JOB *job)
{
	struct vcrypto_req *req = job->user_data;

	req->status = job->status == IMB_STATUS_COMPLETED ?
		VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_ERR;
}

/*
 * Submit the job just filled and wait for it alone. The manager is empty
 * on entry (every submission here ends flushed), so what comes back is
 * this job.
 * @return whether the library completed it.
 */
static bool
run_job_now(IMB_MGR *mgr)
{
	IMB_JOB *job = IMB_SUBMIT_JOB(mgr);

	if (job == NULL)
		job = IMB_FLUSH_JOB(mgr);
	return job != NULL && job->status == IMB_STATUS_COMPLETED;
}

/*
 * The job-at-a-time path: every job is checked on its own, so one the
 * library refuses (e.g. HMAC over an empty message) completes with ERR
 * while the others run.
 */
static void
submit_jobs_one_by_one(IMB_MGR *mgr, struct vcrypto_req *const *reqs,
		uint16_t n)
{
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

/*
 * The whole burst as one library burst: the library sorts the jobs by
 * algorithm and keeps its lanes full, about half the per-job cost of
 * submitting them one at a time at 64 bytes. The queue is empty on entry
 * (every call ends flushed), so it has room for all @p n jobs.
 * @return false when the library refused a job; nothing ran then.
 */
static bool
submit_jobs_as_burst(IMB_MGR *mgr, struct vcrypto_req *const *reqs,
		uint16_t n)
{
	IMB_JOB *jobs[MB_MAX_BURST];
	uint32_t i, done, flushed;

	if (IMB_GET_NEXT_BURST(mgr, n, jobs) != n)
		return false;
	for (i = 0; i < n; i++)
		fill_job(jobs[i], reqs[i]);
	done = IMB_SUBMIT_BURST(mgr, n, jobs);
	if (done == 0 && imb_get_errno(mgr) != 0)
		return false;
	for (i = 0; i < done; i++)
		complete_job(jobs[i]);
	while (done < n) {
		flushed = IMB_FLUSH_BURST(mgr, n - done, jobs);
		if (flushed == 0)
			break;
		for (i = 0; i < flushed; i++)
			complete_job(jobs[i]);
		done += flushed;
	}
	return true;
}

/*
 * The one-algorithm burst calls run a whole burst in one library call
 * without the multi-buffer manager's queue: cheaper again than the generic
 * burst (about 60 against 70 to 130 cycles a job for AES-128-CBC at 64
 * bytes here). They take AES-CBC and AES-CTR of one direction and key size,
 * and the HMAC-SHA family; the library checks every job before running any.
 */
static bool
cipher_burst_mode(IMB_CIPHER_MODE mode)
{
	return mode == IMB_CIPHER_CBC || mode == IMB_CIPHER_CNTR;
}

static bool
hash_burst_alg(IMB_HASH_ALG alg)
{
	return alg == IMB_AUTH_HMAC_SHA_1 || alg == IMB_AUTH_HMAC_SHA_224 ||
		alg == IMB_AUTH_HMAC_SHA_256 || alg == IMB_AUTH_HMAC_SHA_384 ||
		alg == IMB_AUTH_HMAC_SHA_512;
}

/* c->jobs[0..n) through the cipher burst call of session @p s's mode and
 * key size, in direction @p encrypt. @return the jobs that ran. */
static uint32_t
cipher_burst(struct mb_ctx *c, uint16_t n, const struct mb_session *s,
		bool encrypt)
{
	return IMB_SUBMIT_CIPHER_BURST(c->mgr, c->jobs, n, s->cipher_mode,
		encrypt ? IMB_DIR_ENCRYPT : IMB_DIR_DECRYPT,
		(IMB_KEY_SIZE_BYTES)s->key_len);
}

/* Does request @p r run like @p first in a one-algorithm burst call? */
static bool
same_burst_kind(const struct vcrypto_req *first, const struct vcrypto_req *r)
{
	const struct mb_session *a = first->sess->priv, *b = r->sess->priv;

	if (r->kind != first->kind)
		return false;
	if (r->kind == VCRYPTO_SESS_CIPHER)
		return b->cipher_mode == a->cipher_mode &&
			b->key_len == a->key_len && r->encrypt == first->encrypt;
	return b->hash_alg == a->hash_alg;
}

/*
 * The fields the cipher burst call reads (mode, direction and key size
 * are its arguments): a third of fill_job()'s work.
 */
static void
fill_cipher_burst_job(IMB_JOB *job, const struct vcrypto_req *req)
{
	set_keys_and_iv(job, req->sess->priv, req);
	job->src = req->src;
	job->dst = req->dst;
	job->cipher_start_src_offset_in_bytes = 0;
	job->msg_len_to_cipher_in_bytes = req->len;
	job->user_data = (void *)(uintptr_t)req;
}

/*
 * @return how many of the @p n requests went through one cipher or hash
 *         burst call (each then has its status): all, or 0 when the burst
 *         does not qualify or the library refused a job (it checks them
 *         all before running any).
 */
static uint16_t
submit_one_algo_burst(struct mb_ctx *c, struct vcrypto_req *const *reqs,
		uint16_t n)
{
	const struct vcrypto_req *first = reqs[0];
	const struct mb_session *s = first->sess->priv;
	bool cipher = first->kind == VCRYPTO_SESS_CIPHER;
	uint32_t i, done;

	if (cipher ? !cipher_burst_mode(s->cipher_mode) :
			!((first->kind == VCRYPTO_SESS_HASH ||
			first->kind == VCRYPTO_SESS_MAC) &&
			hash_burst_alg(s->hash_alg)))
		return 0;
	for (i = 1; i < n; i++)
		if (!same_burst_kind(first, reqs[i]))
			return 0;
	if (cipher) {
		for (i = 0; i < n; i++)
			fill_cipher_burst_job(&c->jobs[i], reqs[i]);
		done = cipher_burst(c, n, s, first->encrypt);
	} else {
		for (i = 0; i < n; i++)
			fill_job(&c->jobs[i], reqs[i]);
		done = IMB_SUBMIT_HASH_BURST(c->mgr, c->jobs, n, s->hash_alg);
	}
	/* Whatever ran must not run again (in place, it would twice). */
	for (i = 0; i < done && i < n; i++)
		complete_job(&c->jobs[i]);
	return (uint16_t)i;
}

/*
 * A burst of chained requests of one kind (AES-CBC/CTR of one key size and
 * direction, one HMAC-SHA, one order) runs as two one-algorithm bursts,
 * the cipher halves and the hash halves, in the chain's order: cheaper
 * than chained jobs (about 265 to 325 against 380 to 400 cycles a request
 * for AES-128-CBC + HMAC-SHA1 at 64 bytes, stand-alone here).
 */
static bool
same_chain(const struct vcrypto_req *first, const struct vcrypto_req *r)
{
	const struct mb_session *a = first->sess->priv, *b = r->sess->priv;

	return r->kind == VCRYPTO_SESS_CHAIN && r->encrypt == first->encrypt &&
		b->cipher_mode == a->cipher_mode && b->key_len == a->key_len &&
		b->hash_alg == a->hash_alg && b->chain_order == a->chain_order;
}

/* The cipher half of a chained request: in place on its work buffer. */
static void
fill_chain_cipher(IMB_JOB *job, const struct vcrypto_req *req)
{
	set_keys_and_iv(job, req->sess->priv, req);
	job->src = req->dst;
	job->dst = req->dst + req->cipher_off;
	job->cipher_start_src_offset_in_bytes = req->cipher_off;
	job->msg_len_to_cipher_in_bytes = req->cipher_len;
	job->user_data = (void *)(uintptr_t)req;
}

/* The hash half of a chained request, over its work buffer. */
static void
fill_chain_hash(IMB_JOB *job, const struct vcrypto_req *req)
{
	const struct mb_session *s = req->sess->priv;

	job->src = req->dst;
	set_hash_range(job, s, req->hash_off, req->hash_len);
	job->auth_tag_output = req->digest_out;
	job->auth_tag_output_len_in_bytes = s->gen_len;
	set_auth_fields(job, s, req);
	job->user_data = (void *)(uintptr_t)req;
}

/*
 * One half of every request of a chain burst in one library call.
 * @return true when it ran (each job then has its status); false when the
 *         library refused a job: none ran.
 */
static bool
chain_half_burst(struct mb_ctx *c, struct vcrypto_req *const *reqs,
		uint16_t n, bool cipher)
{
	const struct mb_session *s = reqs[0]->sess->priv;
	uint16_t i;

	if (cipher) {
		for (i = 0; i < n; i++)
			fill_chain_cipher(&c->jobs[i], reqs[i]);
		return cipher_burst(c, n, s, reqs[0]->encrypt) == n;
	}
	for (i = 0; i < n; i++)
		fill_chain_hash(&c->jobs[i], reqs[i]);
	return IMB_SUBMIT_HASH_BURST(c->mgr, c->jobs, n, s->hash_alg) == n;
}

/*
 * The second half job by job, after the library refused it as a burst
 * (the first half has run): each job is checked on its own, so only the
 * requests it refuses fail.
 */
static void
chain_half_one_by_one(IMB_MGR *mgr, struct vcrypto_req *const *reqs,
		uint16_t n, bool cipher)
{
	IMB_JOB *job;
	uint16_t i;

	for (i = 0; i < n; i++) {
		const struct mb_session *s = reqs[i]->sess->priv;

		if (reqs[i]->status != VIRTIO_CRYPTO_OK)
			continue;
		job = IMB_GET_NEXT_JOB(mgr);
		if (cipher) {
			fill_chain_cipher(job, reqs[i]);
			job->cipher_mode = s->cipher_mode;
			job->cipher_direction = reqs[i]->encrypt ?
				IMB_DIR_ENCRYPT : IMB_DIR_DECRYPT;
			job->hash_alg = IMB_AUTH_NULL;
			job->chain_order = IMB_ORDER_CIPHER_HASH;
		} else {
			fill_chain_hash(job, reqs[i]);
			job->cipher_mode = IMB_CIPHER_NULL;
			job->cipher_direction = IMB_DIR_ENCRYPT;
			job->hash_alg = s->hash_alg;
			job->chain_order = IMB_ORDER_HASH_CIPHER;
			job->msg_len_to_cipher_in_bytes = 0;
		}
		if (!run_job_now(mgr))
			reqs[i]->status = VIRTIO_CRYPTO_ERR;
	}
}

/* Each request's status from its half that just ran as a burst. */
static void
chain_half_done(struct mb_ctx *c, struct vcrypto_req *const *reqs, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++)
		if (c->jobs[i].status != IMB_STATUS_COMPLETED)
			reqs[i]->status = VIRTIO_CRYPTO_ERR;
}

/*
 * @return how many of the @p n requests ran as a split chain burst (all,
 *         each with its status), or 0 (nothing ran).
 */
static uint16_t
submit_chain_split(struct mb_ctx *c, struct vcrypto_req *const *reqs,
		uint16_t n)
{
	const struct mb_session *s = reqs[0]->sess->priv;
	bool cipher_first = s->chain_order == IMB_ORDER_CIPHER_HASH;
	uint16_t i;

	if (reqs[0]->kind != VCRYPTO_SESS_CHAIN ||
			!cipher_burst_mode(s->cipher_mode) ||
			!hash_burst_alg(s->hash_alg))
		return 0;
	for (i = 1; i < n; i++)
		if (!same_chain(reqs[0], reqs[i]))
			return 0;
	if (!chain_half_burst(c, reqs, n, cipher_first))
		return 0;
	for (i = 0; i < n; i++)
		reqs[i]->status = VIRTIO_CRYPTO_OK;
	chain_half_done(c, reqs, n);
	/* The first half ran in place: never again, whatever happens. */
	if (chain_half_burst(c, reqs, n, !cipher_first))
		chain_half_done(c, reqs, n);
	else
		chain_half_one_by_one(c->mgr, reqs, n, !cipher_first);
	return n;
}

/*
 * intel-ipsec-mb 1.3 takes at most 65534 bytes in one AES-CBC encryption
 * job (its lanes count lengths in 16 bits) and refuses longer ones. CBC
 * encryption is sequential anyway: a longer request runs as pieces of at
 * most this many bytes, one after the other, each piece's iv the
 * previous piece's last ciphertext block.
 */
#define MB_CBC_ENC_PIECE 65520u /* the largest multiple of 16 <= MB_MAX_JOB_LEN */

bool
vcrypto_mb_cbc_encrypt_long(IMB_MGR *mgr, struct vcrypto_req *r)
{
	const struct mb_session *s = r->sess->priv;
	uint8_t iv[16];
	uint32_t off, piece;
	IMB_JOB *job;

	if (r->kind != VCRYPTO_SESS_CIPHER || s->cipher_mode != IMB_CIPHER_CBC ||
			!r->encrypt || r->len <= MB_CBC_ENC_PIECE || r->iv_len != 16)
		return false;
	memcpy(iv, r->iv, sizeof(iv));
	r->status = VIRTIO_CRYPTO_OK;
	for (off = 0; off < r->len && r->status == VIRTIO_CRYPTO_OK; off += piece) {
		piece = r->len - off < MB_CBC_ENC_PIECE ? r->len - off :
			MB_CBC_ENC_PIECE;
		job = IMB_GET_NEXT_JOB(mgr);
		fill_job(job, r);
		job->src = r->src + off;
		job->dst = r->dst + off;
		job->msg_len_to_cipher_in_bytes = piece;
		job->iv = iv;
		if (!run_job_now(mgr))
			r->status = VIRTIO_CRYPTO_ERR;
		/* A guest that rewrites dst meanwhile garbles only its own
		 * result. */
		memcpy(iv, r->dst + off + piece - 16, sizeof(iv));
	}
	return true;
}

void
vcrypto_mb_submit_jobs(struct mb_ctx *c, struct vcrypto_req *const *reqs,
		uint16_t n)
{
	uint16_t done = submit_one_algo_burst(c, reqs, n);

	if (done == 0)
		done = submit_chain_split(c, reqs, n);
	c->path[MB_PATH_ONE_ALGO] += done;
	reqs += done;
	n -= done;
	if (n == 0)
		return;
	if (submit_jobs_as_burst(c->mgr, reqs, n)) {
		c->path[MB_PATH_BURST] += n;
		return;
	}
	submit_jobs_one_by_one(c->mgr, reqs, n);
	c->path[MB_PATH_JOB] += n;
}
