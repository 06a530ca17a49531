/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "req_codec_priv.h"
#include "session_priv.h"

/* AES block: CBC lengths must be a multiple of it, and so is the iv. */
#define AES_BLOCK 16

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
		memcpy(out, s->hva + off, n);
		out += n;
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

/* Map a stream range: ERR when it is not there, NOTSUPP when scattered. */
static uint8_t
map_range(const struct vcrypto_chain *chain, uint64_t off, uint32_t len,
		bool write, uint8_t **out)
{
	uint64_t total = write ? chain->write_len : chain->read_len;

	if (off > total || len > total - off)
		return VIRTIO_CRYPTO_ERR;
	*out = vcrypto_chain_span(chain, off, len, write);
	return *out != NULL ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_NOTSUPP;
}

/* Validate the cipher parameters (host copies) and map the buffers. */
static uint8_t
decode_cipher(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, uint32_t fixed,
		const struct vcrypto_cipher_data_flf *flf, struct vcrypto_req *req)
{
	uint32_t iv_len = vcrypto_le32(flf->iv_len);
	uint32_t src_len = vcrypto_le32(flf->src_data_len);
	uint32_t dst_len = vcrypto_le32(flf->dst_data_len);
	uint8_t *src = NULL, *dst = NULL;
	uint8_t st;

	switch (req->sess->algo) {
	case VIRTIO_CRYPTO_CIPHER_AES_CBC:
		if (iv_len != AES_BLOCK || src_len % AES_BLOCK != 0)
			return VIRTIO_CRYPTO_ERR;
		break;
	default:
		return VIRTIO_CRYPTO_NOTSUPP;
	}
	if (dst_len < src_len || src_len > cfg->max_size ||
			dst_len > cfg->max_size)
		return VIRTIO_CRYPTO_ERR;
	/* Readable: fixed | iv | src. Writable: dst | ... | status. */
	if ((uint64_t)fixed + iv_len + src_len > chain->read_len ||
			(uint64_t)dst_len + 1 > chain->write_len)
		return VIRTIO_CRYPTO_ERR;
	if (vcrypto_chain_read(chain, fixed, req->iv, iv_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	if (src_len > 0) {
		st = map_range(chain, fixed + iv_len, src_len, false, &src);
		if (st != VIRTIO_CRYPTO_OK)
			return st;
		st = map_range(chain, 0, src_len, true, &dst);
		if (st != VIRTIO_CRYPTO_OK)
			return st;
	}
	req->iv_len = iv_len;
	req->src = src;
	req->dst = dst;
	req->len = src_len;
	req->dst_len = dst_len;
	return VIRTIO_CRYPTO_OK;
}

uint8_t
vcrypto_codec_data_decode(const struct vcrypto_codec_cfg *cfg,
		const struct vcrypto_chain *chain, struct vcrypto_req *req)
{
	const uint32_t hdr_len = sizeof(struct vcrypto_op_header);
	struct vcrypto_data_req h;
	uint32_t opcode, flag, fixed, op_type;
	bool stateless;

	req->head = chain->head;
	req->status_ptr = vcrypto_chain_last_writable(chain);
	req->sess = NULL;
	req->len = 0;
	if (req->status_ptr == NULL)
		return VIRTIO_CRYPTO_ERR;

	/* Each guest byte is copied once: the header, then the rest. */
	if (vcrypto_chain_read(chain, 0, &h.header, hdr_len) != 0)
		return VIRTIO_CRYPTO_ERR;
	opcode = vcrypto_le32(h.header.opcode);
	flag = vcrypto_le32(h.header.flag);
	stateless = cfg->revision_1 && !(flag & VIRTIO_CRYPTO_FLAG_SESSION_MODE);
	fixed = vcrypto_data_fixed_len(opcode, cfg->revision_1, stateless);
	if (fixed == 0 || stateless)
		return VIRTIO_CRYPTO_NOTSUPP;
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_ENCRYPT:
		req->encrypt = true;
		break;
	case VIRTIO_CRYPTO_CIPHER_DECRYPT:
		req->encrypt = false;
		break;
	default:
		/* HASH, MAC, AEAD, AKCIPHER: not offered in crypto_services. */
		return VIRTIO_CRYPTO_NOTSUPP;
	}
	if (fixed < hdr_len + sizeof(struct vcrypto_sym_data_flf) ||
			fixed > sizeof(h))
		return VIRTIO_CRYPTO_ERR;
	if (vcrypto_chain_read(chain, hdr_len, &h.u, fixed - hdr_len) != 0)
		return VIRTIO_CRYPTO_ERR;

	op_type = vcrypto_le32(h.u.sym.op_type);
	switch (op_type) {
	case VIRTIO_CRYPTO_SYM_OP_CIPHER:
		break;
	case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
		return VIRTIO_CRYPTO_NOTSUPP;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
	req->sess = vcrypto_session_lookup(cfg->sessions,
		vcrypto_le64(h.header.session_id));
	if (req->sess == NULL)
		return VIRTIO_CRYPTO_INVSESS;
	return decode_cipher(cfg, chain, fixed, &h.u.sym.u.cipher, req);
}
