/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "ctrl_priv.h"
#include "req_codec_priv.h"
#include "session_priv.h"

int
vcrypto_chain_read(const struct vcrypto_chain *chain, uint64_t off,
		void *dst, uint32_t len)
{
	uint8_t *out = dst;
	uint16_t i;

	if (len == 0)
		return 0;
	if (off > chain->read_len || len > chain->read_len - off)
		return -ERANGE;
	for (i = 0; i < chain->nread && len > 0; i++) {
		const struct vcrypto_seg *s = &chain->seg[i];
		uint32_t n;

		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		n = s->len - (uint32_t)off;
		if (n > len)
			n = len;
		/* memmove: a guest may hand the same memory as src and dst */
		memmove(out, s->hva + off, n);
		out += n;
		len -= n;
		off = 0;
	}
	return 0;
}

int
vcrypto_chain_write(const struct vcrypto_chain *chain, uint64_t off,
		const void *src, uint32_t len)
{
	const uint8_t *in = src;
	uint16_t i;

	if (len == 0)
		return 0;
	if (off > chain->write_len || len > chain->write_len - off)
		return -ERANGE;
	for (i = chain->nread; i < chain->nseg && len > 0; i++) {
		const struct vcrypto_seg *s = &chain->seg[i];
		uint32_t n;

		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		n = s->len - (uint32_t)off;
		if (n > len)
			n = len;
		memcpy(s->hva + off, in, n);
		in += n;
		len -= n;
		off = 0;
	}
	return 0;
}

/* ---- Fields: in place when contiguous, else through the bounce area ---- */

/* Per-decode state: the chain, the bounce area and where this request's
 * bounce allocations began (to roll them back if it is refused). */
struct dec {
	const struct vcrypto_codec_cfg *cfg;
	const struct vcrypto_chain *chain;
	struct vcrypto_bounce *b;
	uint32_t b_start;
	uint32_t fixed;        /* length of the fixed part */
	const uint8_t *head;   /* host copy of readable bytes [0, head_len) */
	uint32_t head_len;
};

/*
 * What decode copies from the first descriptor in one fixed-size copy when
 * it is that long: the header, the longest session-mode fixed part and a
 * 16-byte IV (the layout drivers use); a shorter first descriptor gets
 * header and fixed part, or the AEAD fixed part, alone. Bytes past the fixed part that are
 * not an IV are copied but never used: every field is used from one copy.
 */
union head_copy {
	struct {
		struct vcrypto_data_req req;
		uint8_t iv[16];
	} s;
	uint8_t raw[sizeof(struct vcrypto_data_req) + 16];
};

/*
 * Copy readable bytes [off, off + len) into host memory: from the head
 * copy when it holds them, else straight from the first descriptor, else
 * gathered from the chain. Inlined: a call costs decode more than the
 * fixed-size copies save.
 */
static inline __attribute__((always_inline)) int
dec_read(const struct dec *d, uint64_t off, void *dst, uint32_t len)
{
	const struct vcrypto_seg *s0 = &d->chain->seg[0];

	if (off + len <= d->head_len) {
		/* The common IV length as a fixed-size copy: no libc call. */
		if (len == 16)
			memcpy(dst, d->head + off, 16);
		else
			memcpy(dst, d->head + off, len);
		return 0;
	}
	if (d->chain->nread > 0 && off + len <= s0->len) {
		/* AES-GCM's IV, past the head copy: no libc call either. */
		if (len == 12)
			memcpy(dst, s0->hva + off, 12);
		else
			memcpy(dst, s0->hva + off, len);
		return 0;
	}
	return vcrypto_chain_read(d->chain, off, dst, len);
}

/* No room: retry with an empty area, unless it was empty already. */
static uint8_t
bounce_full(const struct dec *d)
{
	return d->b_start == 0 ? VIRTIO_CRYPTO_ERR : VCRYPTO_CODEC_DEFER;
}

/* @p len bytes at an address aligned to @p align (a power of 2): for
 * engine session data, whose type wants its alignment. */
static uint8_t *
bounce_take_aligned(struct vcrypto_bounce *b, uint32_t len, uintptr_t align)
{
	uintptr_t base = (uintptr_t)b->base;
	uint64_t at = ((base + b->used + align - 1) & ~(align - 1)) - base;

	if (at > b->cap || len > b->cap - at)
		return NULL;
	b->used = (uint32_t)(at + len);
	return b->base + at;
}

static uint8_t *
bounce_take(struct vcrypto_bounce *b, uint32_t len)
{
	uint64_t at = ((uint64_t)b->used + 63) & ~63ull;

	if (at > b->cap || len > b->cap - at)
		return NULL;
	b->used = (uint32_t)(at + len);
	return b->base + at;
}

/* A readable field at @p off of @p len bytes (already range-checked). */
static uint8_t
field_in(struct dec *d, struct vcrypto_req *req, uint64_t off, uint32_t len,
		const uint8_t **out)
{
	uint8_t *p;

	if (len == 0) {
		*out = req->tag_in; /* engines want a pointer even for nothing */
		return VIRTIO_CRYPTO_OK;
	}
	p = vcrypto_chain_span(d->chain, off, len, false);
	if (p == NULL) {
		p = bounce_take(d->b, len);
		if (p == NULL)
			return bounce_full(d);
		if (vcrypto_chain_read(d->chain, off, p, len) != 0)
			return VIRTIO_CRYPTO_ERR;
	}
	*out = p;
	return VIRTIO_CRYPTO_OK;
}

/* The writable dst field at offset 0 of @p len bytes (range-checked). */
static uint8_t
field_dst(struct dec *d, struct vcrypto_req *req, uint32_t len)
{
	uint8_t *p;

	req->dst_bounce = NULL;
	if (len == 0) {
		req->dst = req->tag_in;
		return VIRTIO_CRYPTO_OK;
	}
	p = vcrypto_chain_span(d->chain, 0, len, true);
	if (p == NULL) {
		p = bounce_take(d->b, len);
		if (p == NULL)
			return bounce_full(d);
		req->dst_bounce = p;
	}
	req->dst = p;
	return VIRTIO_CRYPTO_OK;
}

/* The CHAIN work buffer for dst, with @p extra bytes of room behind it
 * (then always in the bounce area, copied out at finish). */
static uint8_t
field_work(struct dec *d, struct vcrypto_req *req, uint32_t len, uint32_t extra)
{
	uint8_t *p;

	if (extra == 0)
		return field_dst(d, req, len);
	p = bounce_take(d->b, len + extra);
	if (p == NULL)
		return bounce_full(d);
	req->dst_bounce = p;
	req->dst = p;
	return VIRTIO_CRYPTO_OK;
}

/* Whether the streams hold @p rd readable and @p wr writable bytes. */
static bool
streams_hold(const struct vcrypto_chain *c, uint64_t rd, uint64_t wr)
{
	return rd <= c->read_len && wr <= c->write_len;
}

static bool
iv_ok(const struct vcrypto_sess_info *info, uint32_t len)
{
	return len < 64 && (info->iv_lens & (1ull << len)) != 0;
}

/* ---- Per request kind -------------------------------------------------- */

/* CIPHER: R fixed | iv | src; W dst | status. */
static uint8_t
decode_cipher(struct dec *d, const struct vcrypto_cipher_data_flf *flf,
		struct vcrypto_req *req)
{
	const struct vcrypto_sess_info *info = &req->sess->info;
	uint32_t iv_len = vcrypto_le32(flf->iv_len);
	uint32_t src_len = vcrypto_le32(flf->src_data_len);
	uint32_t dst_len = vcrypto_le32(flf->dst_data_len);
	uint8_t st;

	if (!iv_ok(info, iv_len) || src_len % info->block != 0 ||
			dst_len < src_len || dst_len > d->cfg->max_size ||
			!streams_hold(d->chain, (uint64_t)d->fixed + iv_len + src_len,
				(uint64_t)dst_len + 1))
		return VIRTIO_CRYPTO_ERR;
	if (dec_read(d, d->fixed, req->iv, iv_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	req->iv_len = iv_len;
	req->len = src_len;
	req->out_len = src_len;
	st = field_in(d, req, (uint64_t)d->fixed + iv_len, src_len, &req->src);
	if (st == VIRTIO_CRYPTO_OK)
		st = field_dst(d, req, src_len);
	return st;
}

/* Whether [off, off + len) lies within @p total. */
static bool
in_range(uint32_t off, uint32_t len, uint32_t total)
{
	return (uint64_t)off + len <= total;
}

/*
 * HASH_THEN_CIPHER: the device writes hash_result before it reads the
 * cipher input (wire-conventions.rst, "Digest encrypted"). When
 * hash_result is guest memory that src also covers (the driver put the
 * digest inside the data it encrypts), those digest bytes must be in the
 * work buffer, at their src offsets, before the cipher runs.
 *
 * Finds, by host address, the src offset @p lo of digest byte 0 and the
 * count @p k of leading digest bytes that lie in src, whatever the
 * descriptors of either field. True when some do, consistently: bytes
 * [0, k) at src offsets [lo, lo + k), and the rest, if any, past src's end
 * (the cipher may cover only part of the digest). @p src_at is src's
 * readable-stream offset.
 */
static bool
digest_in_src(const struct vcrypto_chain *c, uint64_t src_at, uint32_t src_len,
		uint64_t res_off, uint32_t res_len, uint32_t *lo, uint32_t *k)
{
	uint64_t w_at = 0, mapped = 0, top = 0, at, base_lo = UINT64_MAX;
	uint16_t i, j;

	for (i = c->nread; i < c->nseg; w_at += c->seg[i].len, i++) {
		uint64_t w0 = w_at > res_off ? w_at : res_off;
		uint64_t w1 = w_at + c->seg[i].len;

		if (w1 > res_off + res_len)
			w1 = res_off + res_len;
		if (w0 >= w1)
			continue;
		/* digest bytes [w0 - res_off, w1 - res_off) at host a..a+n */
		uintptr_t a = (uintptr_t)c->seg[i].hva + (uintptr_t)(w0 - w_at);
		uintptr_t n = (uintptr_t)(w1 - w0);

		for (j = 0, at = 0; j < c->nread; at += c->seg[j].len, j++) {
			uint64_t r0 = at > src_at ? at : src_at;
			uint64_t r1 = at + c->seg[j].len;
			uintptr_t b, x0, x1;

			if (r1 > src_at + src_len)
				r1 = src_at + src_len;
			if (r0 >= r1)
				continue;
			b = (uintptr_t)c->seg[j].hva + (uintptr_t)(r0 - at);
			x0 = a > b ? a : b;
			x1 = a + n < b + (r1 - r0) ? a + n : b + (uintptr_t)(r1 - r0);
			if (x0 >= x1)
				continue;
			/* digest byte d is src byte s: lo = s - d */
			uint64_t d = w0 - res_off + (x0 - a);
			uint64_t s = r0 - src_at + (x0 - b);

			if (s < d || (base_lo != UINT64_MAX && s - d != base_lo))
				return false;
			base_lo = s - d;
			mapped += x1 - x0;
			if (d + (x1 - x0) > top)
				top = d + (x1 - x0);
		}
	}
	if (mapped == 0 || mapped != top ||
			(top < res_len && base_lo + top != src_len))
		return false;
	*lo = (uint32_t)base_lo;
	*k = (uint32_t)top;
	return true;
}

/*
 * CHAIN: R fixed | iv (cipher iv, auth iv) | src | aad;
 * W dst | hash_result | status. dst receives a copy of src, then the engine
 * works on it in place. No chained algorithm takes aad: it is checked to
 * be there and otherwise not used.
 */
static uint8_t
decode_chain(struct dec *d, const struct vcrypto_alg_chain_data_flf *flf,
		struct vcrypto_req *req)
{
	const struct vcrypto_sess_info *info = &req->sess->info;
	uint32_t iv_len = vcrypto_le32(flf->iv_len);
	uint32_t src_len = vcrypto_le32(flf->src_data_len);
	uint32_t dst_len = vcrypto_le32(flf->dst_data_len);
	uint32_t aad_len = vcrypto_le32(flf->aad_len);
	uint32_t result_len = vcrypto_le32(flf->hash_result_len);
	uint32_t civ, lo, k;
	uint8_t st;

	req->cipher_off = vcrypto_le32(flf->cipher_start_src_offset);
	req->cipher_len = vcrypto_le32(flf->len_to_cipher);
	req->hash_off = vcrypto_le32(flf->hash_start_src_offset);
	req->hash_len = vcrypto_le32(flf->len_to_hash);
	if (iv_len < info->auth_iv_len)
		return VIRTIO_CRYPTO_ERR;
	civ = iv_len - info->auth_iv_len;
	/* NO_CIPHER: dst already holds src, whatever the cipher range. */
	if (info->no_cipher ? civ != 0 : !iv_ok(info, civ))
		return VIRTIO_CRYPTO_ERR;
	if (dst_len != src_len || src_len > d->cfg->max_size ||
			aad_len > d->cfg->max_size ||
			result_len != info->result_len ||
			req->cipher_len % info->block != 0 ||
			!in_range(req->cipher_off, req->cipher_len, src_len) ||
			!in_range(req->hash_off, req->hash_len, src_len) ||
			!streams_hold(d->chain, (uint64_t)d->fixed + iv_len +
				src_len + aad_len, (uint64_t)dst_len + result_len + 1))
		return VIRTIO_CRYPTO_ERR;
	if (dec_read(d, d->fixed, req->iv, civ) != 0 ||
			dec_read(d, (uint64_t)d->fixed + civ, req->auth_iv,
				info->auth_iv_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	req->iv_len = civ;
	req->auth_iv_len = info->auth_iv_len;
	req->len = src_len;
	req->out_len = src_len;
	req->result_len = result_len;
	req->result_off = dst_len;
	/* NO_CIPHER too: its dst is the cipher output, read after the
	 * digest is written like any cipher's (a NULL cipher over the
	 * digest out of place must carry it to dst). */
	if (info->hash_first && result_len > 0 &&
			digest_in_src(d->chain, (uint64_t)d->fixed + iv_len, src_len,
				dst_len, result_len, &lo, &k)) {
		/* The digest goes into the work buffer; bytes past src's end
		 * need room behind it and go to hash_result at finish. */
		st = field_work(d, req, src_len, result_len - k);
		if (st != VIRTIO_CRYPTO_OK)
			return st;
		req->digest_out = req->dst + lo;
		req->result_skip = k;
	} else {
		st = field_dst(d, req, src_len);
		if (st != VIRTIO_CRYPTO_OK)
			return st;
	}
	/* Bytes outside the cipher range pass through unchanged. An
	 * in-place request (src and dst the same guest bytes) has them
	 * there already: no copy. */
	if (vcrypto_chain_span(d->chain, (uint64_t)d->fixed + iv_len, src_len,
			false) != req->dst &&
			vcrypto_chain_read(d->chain, (uint64_t)d->fixed + iv_len,
				req->dst, src_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	req->src = req->dst;
	return VIRTIO_CRYPTO_OK;
}

/* HASH / MAC: R fixed | src; W hash_result | status. */
static uint8_t
decode_hash(struct dec *d, const struct vcrypto_hash_data_flf *flf,
		struct vcrypto_req *req)
{
	uint32_t src_len = vcrypto_le32(flf->src_data_len);
	uint32_t result_len = vcrypto_le32(flf->hash_result_len);

	if (src_len > d->cfg->max_size ||
			result_len != req->sess->info.result_len ||
			!streams_hold(d->chain, (uint64_t)d->fixed + src_len,
				(uint64_t)result_len + 1))
		return VIRTIO_CRYPTO_ERR;
	req->len = src_len;
	req->result_len = result_len;
	req->result_off = 0;
	req->dst = NULL;
	return field_in(d, req, d->fixed, src_len, &req->src);
}

/*
 * AEAD encrypt: R fixed | iv | aad | plaintext; W ciphertext | tag | status.
 * AEAD decrypt: R fixed | iv | aad | ciphertext | tag; W plaintext | status.
 */
static uint8_t
decode_aead(struct dec *d, const struct vcrypto_aead_data_flf *flf,
		struct vcrypto_req *req)
{
	const struct vcrypto_sess_info *info = &req->sess->info;
	uint32_t iv_len = vcrypto_le32(flf->iv_len);
	uint32_t aad_len = vcrypto_le32(flf->aad_len);
	uint32_t src_len = vcrypto_le32(flf->src_data_len);
	uint32_t dst_len = vcrypto_le32(flf->dst_data_len);
	uint32_t tag_len = vcrypto_le32(flf->tag_len);
	uint32_t text = req->encrypt ? src_len : src_len - tag_len;
	uint64_t aad_off = (uint64_t)d->fixed + iv_len;
	uint8_t st;

	if (!iv_ok(info, iv_len) || tag_len != info->result_len ||
			aad_len > info->aad_max || aad_len > d->cfg->max_size ||
			src_len > d->cfg->max_size || dst_len > d->cfg->max_size ||
			(!req->encrypt && src_len < tag_len) ||
			dst_len != (req->encrypt ? (uint64_t)src_len + tag_len : text) ||
			!streams_hold(d->chain, aad_off + aad_len + src_len,
				(uint64_t)dst_len + 1))
		return VIRTIO_CRYPTO_ERR;
	if (dec_read(d, d->fixed, req->iv, iv_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	if (!req->encrypt && vcrypto_chain_read(d->chain,
			aad_off + aad_len + text, req->tag_in, tag_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	req->iv_len = iv_len;
	req->aad_len = aad_len;
	req->len = text;
	req->out_len = text;
	req->result_len = tag_len;
	req->result_off = text;
	req->verify = !req->encrypt;
	st = field_in(d, req, aad_off, aad_len, &req->aad);
	if (st == VIRTIO_CRYPTO_OK)
		st = field_in(d, req, aad_off + aad_len, text, &req->src);
	if (st == VIRTIO_CRYPTO_OK)
		st = field_dst(d, req, text);
	return st;
}

/* ---- Entry points ------------------------------------------------------ */

/* The session kind a data opcode (and sym op_type) needs. */
static enum vcrypto_sess_kind
kind_of(uint32_t opcode, uint32_t op_type)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_ENCRYPT:
	case VIRTIO_CRYPTO_CIPHER_DECRYPT:
		if (op_type == VIRTIO_CRYPTO_SYM_OP_CIPHER)
			return VCRYPTO_SESS_CIPHER;
		if (op_type == VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING)
			return VCRYPTO_SESS_CHAIN;
		return VCRYPTO_SESS_NONE;
	case VIRTIO_CRYPTO_HASH:
		return VCRYPTO_SESS_HASH;
	case VIRTIO_CRYPTO_MAC:
		return VCRYPTO_SESS_MAC;
	case VIRTIO_CRYPTO_AEAD_ENCRYPT:
	case VIRTIO_CRYPTO_AEAD_DECRYPT:
		return VCRYPTO_SESS_AEAD;
	default:
		return VCRYPTO_SESS_NONE;
	}
}

/* ---- Stateless requests ------------------------------------------------ */

/* The per-service part of a stateless fixed part (host copy). */
union sl_flf {
	struct vcrypto_sym_data_flf_stateless sym;
	struct vcrypto_hash_data_flf_stateless hash;
	struct vcrypto_mac_data_flf_stateless mac;
	struct vcrypto_aead_data_flf_stateless aead;
};

/* Chain: the hash half of the session parameters. */
static uint8_t
parse_sl_chain(const struct vcrypto_alg_chain_data_flf_stateless *c,
		struct vcrypto_sess_params *p)
{
	p->kind = VCRYPTO_SESS_CHAIN;
	p->chain_order = vcrypto_le32(c->sess_para.alg_chain_order);
	p->aad_len = vcrypto_le32(c->sess_para.aad_len);
	p->cipher_algo = vcrypto_le32(c->sess_para.cipher.algo);
	p->cipher_key_len = vcrypto_le32(c->sess_para.cipher.key_len);
	p->op = vcrypto_le32(c->sess_para.cipher.op);
	p->hash_mode = vcrypto_le32(c->sess_para.hash.hash_mode);
	p->auth_algo = vcrypto_le32(c->sess_para.hash.algo);
	p->result_len = vcrypto_le32(c->hash_result_len);
	switch (p->hash_mode) {
	case VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN:
		/* a plain hash has no key: one announced is a malformed request */
		return c->sess_para.hash.auth_key_len == 0 ? VIRTIO_CRYPTO_OK :
			VIRTIO_CRYPTO_ERR;
	case VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH:
		p->auth_key_len = vcrypto_le32(c->sess_para.hash.auth_key_len);
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_SYM_HASH_MODE_NESTED:
		return VIRTIO_CRYPTO_NOTSUPP;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
}

/*
 * A stateless fixed part: the session parameters into @p p (as a
 * CREATE_SESSION would give them), the per-request fields into the
 * session-mode layout @p h, so the session-mode decoders follow.
 */
static uint8_t
parse_stateless(uint32_t opcode, const union sl_flf *u,
		struct vcrypto_sess_params *p, struct vcrypto_data_req *h)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_ENCRYPT:
	case VIRTIO_CRYPTO_CIPHER_DECRYPT:
		h->u.sym.op_type = u->sym.op_type;
		switch (vcrypto_le32(u->sym.op_type)) {
		case VIRTIO_CRYPTO_SYM_OP_CIPHER:
			p->kind = VCRYPTO_SESS_CIPHER;
			p->cipher_algo = vcrypto_le32(u->sym.u.cipher.sess_para.algo);
			p->cipher_key_len =
				vcrypto_le32(u->sym.u.cipher.sess_para.key_len);
			p->op = vcrypto_le32(u->sym.u.cipher.sess_para.op);
			h->u.sym.u.cipher.iv_len = u->sym.u.cipher.iv_len;
			h->u.sym.u.cipher.src_data_len = u->sym.u.cipher.src_data_len;
			h->u.sym.u.cipher.dst_data_len = u->sym.u.cipher.dst_data_len;
			return VIRTIO_CRYPTO_OK;
		case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
			/* the per-request fields are the session layout's */
			memcpy(&h->u.sym.u.chain, &u->sym.u.chain.iv_len,
				sizeof(h->u.sym.u.chain));
			return parse_sl_chain(&u->sym.u.chain, p);
		default:
			return VIRTIO_CRYPTO_ERR;
		}
	case VIRTIO_CRYPTO_HASH:
		p->kind = VCRYPTO_SESS_HASH;
		p->auth_algo = vcrypto_le32(u->hash.sess_para.algo);
		p->result_len = vcrypto_le32(u->hash.hash_result_len);
		h->u.hash.src_data_len = u->hash.src_data_len;
		h->u.hash.hash_result_len = u->hash.hash_result_len;
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_MAC:
		p->kind = VCRYPTO_SESS_MAC;
		p->auth_algo = vcrypto_le32(u->mac.sess_para.algo);
		p->auth_key_len = vcrypto_le32(u->mac.sess_para.auth_key_len);
		p->result_len = vcrypto_le32(u->mac.hash_result_len);
		h->u.mac.hdr.src_data_len = u->mac.src_data_len;
		h->u.mac.hdr.hash_result_len = u->mac.hash_result_len;
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_AEAD_ENCRYPT:
	case VIRTIO_CRYPTO_AEAD_DECRYPT:
		p->kind = VCRYPTO_SESS_AEAD;
		p->cipher_algo = vcrypto_le32(u->aead.sess_para.algo);
		p->cipher_key_len = vcrypto_le32(u->aead.sess_para.key_len);
		p->op = vcrypto_le32(u->aead.sess_para.op);
		p->result_len = vcrypto_le32(u->aead.tag_len);
		p->aad_len = vcrypto_le32(u->aead.aad_len);
		h->u.aead.iv_len = u->aead.iv_len;
		h->u.aead.aad_len = u->aead.aad_len;
		h->u.aead.src_data_len = u->aead.src_data_len;
		h->u.aead.dst_data_len = u->aead.dst_data_len;
		h->u.aead.tag_len = u->aead.tag_len;
		return VIRTIO_CRYPTO_OK;
	default:
		return VIRTIO_CRYPTO_NOTSUPP;
	}
}

/*
 * The session of a stateless request: its parameters pass the control
 * queue's checks, its keys (right after the fixed part: cipher or AEAD
 * key, then auth key) are copied to the stack, and the engine builds the
 * session in the request's scratch slot, private data in the bounce area.
 * Then d->fixed moves past the keys, to the session-mode variable part.
 */
static uint8_t
stateless_session(struct dec *d, uint32_t opcode, struct vcrypto_data_req *h,
		struct vcrypto_req *req)
{
	const uint32_t hdr_len = sizeof(struct vcrypto_op_header);
	const struct vcrypto_ctrl_ctx *ctrl = d->cfg->ctrl;
	uint8_t ckey[VCRYPTO_MAX_CIPHER_KEY_LEN], akey[VCRYPTO_MAX_AUTH_KEY_LEN];
	struct vcrypto_sess_params p;
	union sl_flf u;
	uint8_t *priv;
	uint8_t st;

	if (d->fixed <= hdr_len || d->fixed - hdr_len > sizeof(u) ||
			vcrypto_chain_read(d->chain, hdr_len, &u,
				d->fixed - hdr_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	memset(&p, 0, sizeof(p));
	st = parse_stateless(opcode, &u, &p, h);
	if (st == VIRTIO_CRYPTO_OK)
		st = vcrypto_ctrl_session_check(ctrl, &p);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	priv = bounce_take_aligned(d->b, (uint32_t)ctrl->engine->session_size,
		ctrl->engine->session_align > 64 ? ctrl->engine->session_align : 64);
	if (priv == NULL)
		return bounce_full(d);
	if (vcrypto_chain_read(d->chain, d->fixed, ckey, p.cipher_key_len) != 0 ||
			vcrypto_chain_read(d->chain, (uint64_t)d->fixed +
				p.cipher_key_len, akey, p.auth_key_len) != 0) {
		st = VIRTIO_CRYPTO_ERR;
		goto out;
	}
	p.cipher_key = ckey;
	p.auth_key = akey;
	st = vcrypto_ctrl_session_build(ctrl, &p, priv, &req->sl.info);
	if (st == VIRTIO_CRYPTO_OK) {
		req->sl.id = 0;
		req->sl.gen = 0;
		req->sl.priv = priv;
		req->sess = &req->sl;
		req->sl_ctrl = ctrl;
		req->sl_live = true;
		d->fixed += p.cipher_key_len + p.auth_key_len;
	}
out:
	explicit_bzero(ckey, sizeof(ckey));
	explicit_bzero(akey, sizeof(akey));
	return st;
}

/* ---- Entry points (2) ---------------------------------------------------- */

static uint8_t
decode(struct dec *d, struct vcrypto_req *req)
{
	const uint32_t hdr_len = sizeof(struct vcrypto_op_header);
	const uint32_t aead_head = hdr_len + sizeof(struct vcrypto_aead_data_flf);
	const struct vcrypto_seg *s0 = &d->chain->seg[0];
	union head_copy hc;
	struct vcrypto_data_req *h = &hc.s.req;
	uint32_t opcode, flag, op_type = 0;
	bool stateless;
	uint8_t st;

	/*
	 * Each guest byte is copied once: header, fixed part and IV in one
	 * go when the first descriptor holds them (validated in the copy),
	 * else the header, then the rest.
	 */
	if (__builtin_expect(d->chain->nread > 0 && s0->len >= sizeof(hc), 1)) {
		memcpy(&hc, s0->hva, sizeof(hc));
		d->head = hc.raw;
		d->head_len = sizeof(hc);
	} else if (__builtin_expect(d->chain->nread > 0 && s0->len >= aead_head, 1)) {
		/* Shorter: header and the longest fixed part (a field per
		 * descriptor, or a shorter IV), or header and the AEAD fixed
		 * part (REVISION_1 AES-GCM and ChaCha20-Poly1305: 48 bytes,
		 * then a 12-byte IV) in one fixed-size copy; what follows
		 * (IV, rest of a longer fixed part) from the descriptor. */
		if (s0->len >= sizeof(*h)) {
			memcpy(h, s0->hva, sizeof(*h));
			d->head_len = sizeof(*h);
		} else {
			memcpy(h, s0->hva, aead_head);
			d->head_len = aead_head;
		}
		d->head = hc.raw;
	} else if (vcrypto_chain_read(d->chain, 0, &h->header, hdr_len) != 0) {
		return VIRTIO_CRYPTO_ERR;
	}
	opcode = vcrypto_le32(h->header.opcode);
	flag = vcrypto_le32(h->header.flag);
	/* Legacy requests are session-mode whatever their flag says. */
	stateless = d->cfg->revision_1 &&
		!(flag & VIRTIO_CRYPTO_FLAG_SESSION_MODE);
	d->fixed = vcrypto_data_fixed_len(opcode, d->cfg->revision_1, stateless);
	if (d->fixed == 0)
		return VIRTIO_CRYPTO_NOTSUPP;
	if (stateless && (d->cfg->ctrl == NULL || !(d->cfg->stateless &
			(1u << (vcrypto_opcode_service(opcode) & 31)))))
		return VIRTIO_CRYPTO_NOTSUPP;
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_ENCRYPT:
	case VIRTIO_CRYPTO_AEAD_ENCRYPT:
	case VIRTIO_CRYPTO_HASH:
	case VIRTIO_CRYPTO_MAC:
		req->encrypt = true;
		break;
	case VIRTIO_CRYPTO_CIPHER_DECRYPT:
	case VIRTIO_CRYPTO_AEAD_DECRYPT:
		req->encrypt = false;
		break;
	default:
		/* AKCIPHER: not offered in crypto_services. */
		return VIRTIO_CRYPTO_NOTSUPP;
	}
	if (stateless) {
		/* h->u is rebuilt from the stateless layout: no head copy. */
		d->head_len = 0;
		memset(&h->u, 0, sizeof(h->u));
		st = stateless_session(d, opcode, h, req);
		if (st != VIRTIO_CRYPTO_OK)
			return st;
	} else if (d->fixed <= hdr_len || d->fixed > sizeof(*h) ||
			(d->head_len < d->fixed && vcrypto_chain_read(d->chain,
				hdr_len, &h->u, d->fixed - hdr_len) != 0)) {
		return VIRTIO_CRYPTO_ERR;
	}
	if (opcode == VIRTIO_CRYPTO_CIPHER_ENCRYPT ||
			opcode == VIRTIO_CRYPTO_CIPHER_DECRYPT)
		op_type = vcrypto_le32(h->u.sym.op_type);
	req->kind = kind_of(opcode, op_type);
	if (req->kind == VCRYPTO_SESS_NONE)
		return VIRTIO_CRYPTO_ERR;
	if (!stateless)
		req->sess = vcrypto_session_lookup(d->cfg->sessions,
			vcrypto_le64(h->header.session_id));
	if (req->sess == NULL || req->sess->info.kind != req->kind)
		return VIRTIO_CRYPTO_INVSESS;

	switch (req->kind) {
	case VCRYPTO_SESS_CIPHER:
		return decode_cipher(d, &h->u.sym.u.cipher, req);
	case VCRYPTO_SESS_CHAIN:
		return decode_chain(d, &h->u.sym.u.chain, req);
	case VCRYPTO_SESS_HASH:
		return decode_hash(d, &h->u.hash, req);
	case VCRYPTO_SESS_MAC:
		return decode_hash(d, &h->u.mac.hdr, req);
	case VCRYPTO_SESS_AEAD:
		return decode_aead(d, &h->u.aead, req);
	default:
		return VIRTIO_CRYPTO_ERR;
	}
}

/* Destroy a stateless request's session: its expanded keys are wiped. */
static void
stateless_end(struct vcrypto_req *req)
{
	if (!req->sl_live)
		return;
	req->sl_ctrl->engine->session_destroy(req->sl_ctrl->engine_ctx,
		req->sl.priv);
	req->sl_live = false;
}

uint8_t
vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_bounce *b,
		struct vcrypto_req *req)
{
	struct dec d = { .cfg = cfg, .chain = chain, .b = b, .b_start = b->used,
		.head = NULL, .head_len = 0 };
	uint8_t st;

	req->head = chain->head;
	req->chain = chain;
	req->status_ptr = vcrypto_chain_last_writable(chain);
	req->sess = NULL;
	req->kind = VCRYPTO_SESS_NONE;
	req->src = NULL;
	req->dst = NULL;
	req->aad = NULL;
	req->dst_bounce = NULL;
	req->len = 0;
	req->aad_len = 0;
	req->iv_len = 0;
	req->auth_iv_len = 0;
	req->out_len = 0;
	req->result_len = 0;
	req->result_off = 0;
	req->verify = false;
	req->digest_out = req->digest;
	req->result_skip = 0;
	req->sl_live = false;
	if (req->status_ptr == NULL)
		return VIRTIO_CRYPTO_ERR;
	st = decode(&d, req);
	if (st != VIRTIO_CRYPTO_OK) {
		stateless_end(req);
		b->used = d.b_start; /* give back what this request took */
		req->dst_bounce = NULL;
	}
	return st;
}

/* Compare in constant time: the guest must not learn where a tag differs. */
static bool
tag_equal(const uint8_t *a, const uint8_t *b, uint32_t len)
{
	uint8_t diff = 0;
	uint32_t i;

	for (i = 0; i < len; i++)
		diff |= a[i] ^ b[i];
	return diff == 0;
}

uint32_t
vcrypto_codec_finish(struct vcrypto_req *req)
{
	uint32_t used = 1;

	stateless_end(req);
	if (req->status_ptr == NULL)
		return 0;
	if (req->status == VIRTIO_CRYPTO_OK && req->verify &&
			!tag_equal(req->digest, req->tag_in, req->result_len))
		req->status = VIRTIO_CRYPTO_BADMSG;
	/* Plaintext that failed authentication (here or in the engine) is
	 * not released. */
	if (req->status == VIRTIO_CRYPTO_BADMSG && req->verify &&
			req->dst_bounce == NULL && req->out_len > 0)
		memset(req->dst, 0, req->out_len);
	if (req->status == VIRTIO_CRYPTO_OK) {
		/* Ranges were checked at decode: these cannot fail. */
		if (req->dst_bounce != NULL)
			vcrypto_chain_write(req->chain, 0, req->dst_bounce,
				req->out_len);
		used += req->out_len;
		/* Digest bytes the engine put in the work buffer (digest
		 * encrypted) reached dst with it; the rest go now. */
		if (!req->verify && req->result_len > 0) {
			if (req->result_skip < req->result_len)
				vcrypto_chain_write(req->chain,
					req->result_off + req->result_skip,
					req->digest_out + req->result_skip,
					req->result_len - req->result_skip);
			used += req->result_len;
		}
	}
	*req->status_ptr = req->status;
	return used;
}
