/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <string.h>

#include "vcrypto_wire.h"
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

uint8_t *
vcrypto_chain_span(const struct vcrypto_chain *chain, uint64_t off,
		uint32_t len, bool write)
{
	uint64_t total = write ? chain->write_len : chain->read_len;
	uint16_t i = write ? chain->nread : 0;
	uint16_t end = write ? chain->nseg : chain->nread;

	if (len == 0 || off > total || len > total - off)
		return NULL;
	for (; i < end; i++) {
		const struct vcrypto_seg *s = &chain->seg[i];

		if (off >= s->len) {
			off -= s->len;
			continue;
		}
		return len <= s->len - off ? s->hva + off : NULL;
	}
	return NULL;
}

uint8_t *
vcrypto_chain_last_writable(const struct vcrypto_chain *chain)
{
	const struct vcrypto_seg *s;

	if (chain->nseg == chain->nread)
		return NULL;
	s = &chain->seg[chain->nseg - 1];
	return s->hva + s->len - 1;
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
};

/* No room: retry with an empty area, unless it was empty already. */
static uint8_t
bounce_full(const struct dec *d)
{
	return d->b_start == 0 ? VIRTIO_CRYPTO_ERR : VCRYPTO_CODEC_DEFER;
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
	if (vcrypto_chain_read(d->chain, d->fixed, req->iv, iv_len) != 0)
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
	uint32_t civ;
	uint8_t st;

	req->cipher_off = vcrypto_le32(flf->cipher_start_src_offset);
	req->cipher_len = vcrypto_le32(flf->len_to_cipher);
	req->hash_off = vcrypto_le32(flf->hash_start_src_offset);
	req->hash_len = vcrypto_le32(flf->len_to_hash);
	if (iv_len < info->auth_iv_len)
		return VIRTIO_CRYPTO_ERR;
	civ = iv_len - info->auth_iv_len;
	if (info->no_cipher ? (civ != 0 || req->cipher_len != 0) :
			!iv_ok(info, civ))
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
	if (vcrypto_chain_read(d->chain, d->fixed, req->iv, civ) != 0 ||
			vcrypto_chain_read(d->chain, (uint64_t)d->fixed + civ,
				req->auth_iv, info->auth_iv_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	req->iv_len = civ;
	req->auth_iv_len = info->auth_iv_len;
	req->len = src_len;
	req->out_len = src_len;
	req->result_len = result_len;
	req->result_off = dst_len;
	st = field_dst(d, req, src_len);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	/* Bytes outside the cipher range pass through unchanged. */
	if (vcrypto_chain_read(d->chain, (uint64_t)d->fixed + iv_len, req->dst,
			src_len) != 0)
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
	if (vcrypto_chain_read(d->chain, d->fixed, req->iv, iv_len) != 0)
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

static uint8_t
decode(struct dec *d, struct vcrypto_req *req)
{
	const uint32_t hdr_len = sizeof(struct vcrypto_op_header);
	struct vcrypto_data_req h;
	uint32_t opcode, flag, op_type = 0;
	bool stateless;

	/* Each guest byte is copied once: the header, then the rest. */
	if (vcrypto_chain_read(d->chain, 0, &h.header, hdr_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	opcode = vcrypto_le32(h.header.opcode);
	flag = vcrypto_le32(h.header.flag);
	stateless = d->cfg->revision_1 &&
		!(flag & VIRTIO_CRYPTO_FLAG_SESSION_MODE);
	d->fixed = vcrypto_data_fixed_len(opcode, d->cfg->revision_1, stateless);
	if (d->fixed == 0 || stateless)
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
	if (d->fixed <= hdr_len || d->fixed > sizeof(h) ||
			vcrypto_chain_read(d->chain, hdr_len, &h.u,
				d->fixed - hdr_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	if (opcode == VIRTIO_CRYPTO_CIPHER_ENCRYPT ||
			opcode == VIRTIO_CRYPTO_CIPHER_DECRYPT)
		op_type = vcrypto_le32(h.u.sym.op_type);
	req->kind = kind_of(opcode, op_type);
	if (req->kind == VCRYPTO_SESS_NONE)
		return VIRTIO_CRYPTO_ERR;
	req->sess = vcrypto_session_lookup(d->cfg->sessions,
		vcrypto_le64(h.header.session_id));
	if (req->sess == NULL || req->sess->info.kind != req->kind)
		return VIRTIO_CRYPTO_INVSESS;

	switch (req->kind) {
	case VCRYPTO_SESS_CIPHER:
		return decode_cipher(d, &h.u.sym.u.cipher, req);
	case VCRYPTO_SESS_CHAIN:
		return decode_chain(d, &h.u.sym.u.chain, req);
	case VCRYPTO_SESS_HASH:
		return decode_hash(d, &h.u.hash, req);
	case VCRYPTO_SESS_MAC:
		return decode_hash(d, &h.u.mac.hdr, req);
	case VCRYPTO_SESS_AEAD:
		return decode_aead(d, &h.u.aead, req);
	default:
		return VIRTIO_CRYPTO_ERR;
	}
}

uint8_t
vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_bounce *b,
		struct vcrypto_req *req)
{
	struct dec d = { .cfg = cfg, .chain = chain, .b = b, .b_start = b->used };
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
	if (req->status_ptr == NULL)
		return VIRTIO_CRYPTO_ERR;
	st = decode(&d, req);
	if (st != VIRTIO_CRYPTO_OK) {
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
		if (!req->verify && req->result_len > 0) {
			vcrypto_chain_write(req->chain, req->result_off,
				req->digest, req->result_len);
			used += req->result_len;
		}
	}
	*req->status_ptr = req->status;
	return used;
}
