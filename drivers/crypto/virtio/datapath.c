/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * The datapath: rte_crypto_op bursts <-> virtio-crypto data requests
 * (doc/guides/wire-conventions.rst). Each request uses the preallocated
 * slot of its head descriptor: the fixed part with the IV right behind it
 * (one device-readable descriptor), a digest scratch area for verify ops
 * and the status byte. Data is never copied: every mbuf segment piece of a
 * range becomes one descriptor, since the device reads the readable
 * descriptors as one stream and writes the writable ones as another.
 * Nothing is allocated, locked or logged per operation; one kick per burst.
 *
 * Sessionless ops (REVISION_1 stateless mode) go through the same
 * vcrypto_session_plan() as sessions, at enqueue: the request is built in
 * session layout, then its fixed part is rewritten in the stateless layout
 * and the keys are placed between it and the IV.
 */
#include <string.h>

#include <rte_mbuf.h>

#include "virtio_crypto_priv.h"

/*
 * The descriptors of one request being built. With request slots they go
 * straight into the ring (the slot's fixed-part and status descriptors are
 * already there); otherwise into b[] for vcrypto_vq_add(). The builder
 * itself never leaves the enqueue function, so its fields can stay in
 * registers.
 */
struct req_builder {
	bool direct;     /**< slot mode: into the ring through c */
	bool overflow;   /**< not direct: more than VCRYPTO_MAX_REQ_DESCS needed */
	uint16_t missing; /**< direct: data descriptors that found no room */
	uint16_t n;      /**< not direct: descriptors so far */
	uint16_t n_out;  /**< not direct: of which device-readable */
	uint32_t head_len; /**< direct: bytes of the fixed-part descriptor */
	struct vcrypto_vq_chain c; /**< direct: the chain in the ring */
	struct vcrypto_vq_buf *b;  /**< not direct: VCRYPTO_MAX_REQ_DESCS buffers */
};

static inline void
put(struct req_builder *rb, uint64_t addr, uint32_t len)
{
	if (len == 0)
		return;
	if (likely(rb->direct)) {
		/* Counted on without room: a request too long for any ring
		 * must still be refused as such (rb_overflow). */
		if (unlikely(!vcrypto_vq_chain_put(&rb->c, addr, len)))
			rb->missing++;
		return;
	}
	if (unlikely(rb->n == VCRYPTO_MAX_REQ_DESCS)) {
		rb->overflow = true;
		return;
	}
	rb->b[rb->n].addr = addr;
	rb->b[rb->n].len = len;
	rb->n++;
}

/* The slot's fixed part (first descriptor; never empty). */
static inline void
put_head(struct req_builder *rb, uint64_t s_addr, uint32_t len)
{
	if (likely(rb->direct))
		rb->head_len = len;
	else
		put(rb, s_addr, len);
}

/* The slot's status (last descriptor): already in the ring when direct. */
static inline void
put_status(struct req_builder *rb, uint64_t s_addr)
{
	if (!rb->direct)
		put(rb, s_addr + offsetof(struct vcrypto_data_slot, inhdr),
		    sizeof(struct vcrypto_inhdr));
}

/* More than VCRYPTO_MAX_REQ_DESCS descriptors (fixed part and status included). */
static inline bool
rb_overflow(const struct req_builder *rb)
{
	if (likely(rb->direct))
		return rb->c.n + rb->missing + 2 > VCRYPTO_MAX_REQ_DESCS;
	return rb->overflow;
}

/*
 * The fixed part and the IVs that follow it in the slot. A device that
 * reads each field from a descriptor of its own (DPDK's vhost_crypto: a
 * field that ends inside a descriptor skips the rest of it) gets two.
 */
static inline void
put_fixed(struct req_builder *rb, const struct vcrypto_qp *qp, uint64_t s_addr,
		uint32_t fixed, uint32_t iv_len)
{
	if (unlikely(qp->desc_per_field)) {
		put_head(rb, s_addr, fixed);
		put(rb, s_addr + fixed, iv_len);
		return;
	}
	put_head(rb, s_addr, fixed + iv_len);
}

static inline void
end_readable(struct req_builder *rb)
{
	rb->n_out = rb->n;
	vcrypto_vq_chain_writable(&rb->c);
}

/* Device address of DPDK memory given by pointer and IOVA. */
static inline uint64_t
ptr_addr(const struct vcrypto_qp *qp, const void *va, rte_iova_t iova)
{
	return qp->addr_is_va ? (uint64_t)(uintptr_t)va : iova;
}

static inline uint64_t
mbuf_addr(const struct vcrypto_qp *qp, struct rte_mbuf *m, uint32_t off)
{
	if (qp->addr_is_va)
		return (uint64_t)(uintptr_t)rte_pktmbuf_mtod_offset(m, void *, off);
	return rte_pktmbuf_iova_offset(m, off);
}

/* One descriptor per segment piece of [off, off + len) of the packet. */
static inline void
put_mbuf(struct req_builder *rb, const struct vcrypto_qp *qp, struct rte_mbuf *m,
		uint32_t off, uint32_t len)
{
	/* Most packets are one segment, or the range lies in the first. */
	if (likely(off + (uint64_t)len <= m->data_len)) {
		put(rb, mbuf_addr(qp, m, off), len);
		return;
	}
	while (m != NULL && off >= m->data_len) {
		off -= m->data_len;
		m = m->next;
	}
	while (len > 0) {
		uint32_t piece;

		if (unlikely(m == NULL)) {
			rb->overflow = true;
			return;
		}
		piece = RTE_MIN(len, (uint32_t)m->data_len - off);
		put(rb, mbuf_addr(qp, m, off), piece);
		len -= piece;
		off = 0;
		m = m->next;
	}
}

static inline bool
in_packet(const struct rte_mbuf *m, uint32_t off, uint32_t len)
{
	return off <= rte_pktmbuf_pkt_len(m) && len <= rte_pktmbuf_pkt_len(m) - off;
}

/*
 * Bytes of a range given in bits (SNOW3G, KASUMI, ZUC). The wire counts
 * bytes: the offset must be byte aligned; a cipher length is rounded up
 * (the keystream covers the last partial byte), a MAC's must be exact.
 */
static inline bool
bits_to_bytes(uint32_t *off, uint32_t *len, bool exact)
{
	if ((*off & 7) != 0 || (exact && (*len & 7) != 0))
		return false;
	*off >>= 3;
	*len = (*len + 7) >> 3;
	return true;
}

static inline bool
cipher_range(const struct rte_crypto_sym_op *sym, const struct vcrypto_session *ss,
		uint32_t *off, uint32_t *len)
{
	*off = sym->cipher.data.offset;
	*len = sym->cipher.data.length;
	return !ss->cipher_bits || bits_to_bytes(off, len, false);
}

static inline bool
auth_range(const struct rte_crypto_sym_op *sym, const struct vcrypto_session *ss,
		uint32_t *off, uint32_t *len)
{
	*off = sym->auth.data.offset;
	*len = sym->auth.data.length;
	return !ss->auth_bits || bits_to_bytes(off, len, true);
}

/* Whether [p, p + plen) overlaps bytes [off, off + len) of the packet. */
static inline bool
packet_overlaps(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		const uint8_t *p, uint32_t plen)
{
	for (; m != NULL && len > 0; m = m->next) {
		const uint8_t *a;
		uint32_t piece;

		if (off >= m->data_len) {
			off -= m->data_len;
			continue;
		}
		piece = RTE_MIN(len, (uint32_t)m->data_len - off);
		a = rte_pktmbuf_mtod_offset(m, const uint8_t *, off);
		if (p < a + piece && a < p + plen)
			return true;
		len -= piece;
		off = 0;
	}
	return false;
}

/* Address of byte @p off of the packet (NULL past its end). */
static inline const uint8_t *
packet_ptr(const struct rte_mbuf *m, uint32_t off)
{
	for (; m != NULL; m = m->next) {
		if (off < m->data_len)
			return rte_pktmbuf_mtod_offset(m, const uint8_t *, off);
		off -= m->data_len;
	}
	return NULL;
}

/* Where the device writes a digest: the op's digest, or the slot's scratch
 * area when the op verifies one. */
static inline uint64_t
result_addr(const struct vcrypto_qp *qp, const struct vcrypto_session *ss,
		const struct rte_crypto_sym_op *sym, uint64_t s_addr)
{
	if (ss->verify)
		return s_addr + offsetof(struct vcrypto_data_slot, digest);
	return ptr_addr(qp, sym->auth.digest.data, sym->auth.digest.phys_addr);
}

static __rte_always_inline void
copy_iv(struct vcrypto_data_slot *s, const struct vcrypto_session *ss,
		struct rte_crypto_op *op)
{
	uint8_t *iv = s->u.raw + ss->fixed_len;
	const uint8_t *civ = rte_crypto_op_ctod_offset(op, uint8_t *, ss->cipher_iv_offset);

	/* The usual AES IVs as fixed-size copies: a few moves, no call. */
	if (likely(ss->cipher_iv_len == 16))
		memcpy(iv, civ, 16);
	else if (ss->cipher_iv_len == 12)
		memcpy(iv, civ, 12);
	else if (ss->cipher_iv_len > 0)
		rte_memcpy(iv, civ, ss->cipher_iv_len);
	if (ss->auth_iv_len > 0)
		rte_memcpy(iv + ss->cipher_iv_len,
			   rte_crypto_op_ctod_offset(op, uint8_t *, ss->auth_iv_offset),
			   ss->auth_iv_len);
}

/* CIPHER: R fixed+iv, src | W dst, status. */
static inline enum rte_crypto_op_status
build_cipher(struct vcrypto_qp *qp, struct rte_crypto_op *op,
		const struct vcrypto_session *ss, struct vcrypto_data_slot *s,
		uint64_t s_addr, struct req_builder *rb)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	struct vcrypto_cipher_data_flf *f = &s->u.req.u.sym.u.cipher;
	uint32_t off, len;

	if (unlikely(!cipher_range(sym, ss, &off, &len) || !in_packet(sym->m_src, off, len) ||
		     (dst != sym->m_src && !in_packet(dst, off, len)) || len > qp->max_size))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	s->u.req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	f->iv_len = vcrypto_to_le32(ss->cipher_iv_len);
	f->src_data_len = vcrypto_to_le32(len);
	f->dst_data_len = vcrypto_to_le32(len);
	copy_iv(s, ss, op);
	put_fixed(rb, qp, s_addr, ss->fixed_len, ss->cipher_iv_len);
	put_mbuf(rb, qp, sym->m_src, off, len);
	end_readable(rb);
	put_mbuf(rb, qp, dst, off, len);
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/*
 * CHAIN: R fixed+iv (cipher IV, then auth IV), src | W dst, hash_result,
 * status. src spans both ranges; the chain offsets are relative to it and
 * dst is the same span of the destination packet.
 */
static inline enum rte_crypto_op_status
build_chain(struct vcrypto_qp *qp, struct rte_crypto_op *op,
		const struct vcrypto_session *ss, struct vcrypto_data_slot *s,
		uint64_t s_addr, struct req_builder *rb)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	struct vcrypto_alg_chain_data_flf *f = &s->u.req.u.sym.u.chain;
	uint32_t co = 0, cl = 0, ao, al, start, end;
	bool src_digest = false;

	if (unlikely((ss->has_cipher && !cipher_range(sym, ss, &co, &cl)) ||
		     !auth_range(sym, ss, &ao, &al) ||
		     (uint64_t)co + cl > UINT32_MAX || (uint64_t)ao + al > UINT32_MAX))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	start = ao;
	end = ao + al;
	if (ss->has_cipher) {
		start = RTE_MIN(start, co);
		end = RTE_MAX(end, co + cl);
	} else {
		co = start;
	}
	if (unlikely(!in_packet(sym->m_src, start, end - start) ||
		     (dst != sym->m_src && !in_packet(dst, start, end - start)) ||
		     end - start > qp->max_size ||
		     (!ss->verify && ss->digest_len > 0 && sym->auth.digest.data == NULL)))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	/*
	 * A digest the cipher then encrypts (DPDK's "digest encrypted"): the
	 * device writes hash_result before it reads the cipher input
	 * (wire-conventions.rst), so hash_result goes where the cipher will
	 * read it: in place, the op's digest; out of place, the same bytes of
	 * src as the digest's in dst, right after the hash range (where DPDK
	 * appends it). Only a device known to follow the convention gets it.
	 * Out of place, src and dst then run to the digest's end, so that
	 * digest bytes past the cipher range reach dst too, as written.
	 */
	if (unlikely(!ss->verify && ss->has_cipher && ss->hash_first && ss->digest_len > 0 &&
		     packet_overlaps(dst, co, cl, sym->auth.digest.data, ss->digest_len))) {
		if (!qp->digest_encrypted)
			return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
		if (dst != sym->m_src) {
			if (packet_ptr(dst, ao + al) != sym->auth.digest.data ||
			    (uint64_t)ao + al + ss->digest_len > UINT32_MAX)
				return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
			end = RTE_MAX(end, ao + al + ss->digest_len);
			if (!in_packet(sym->m_src, start, end - start) ||
			    !in_packet(dst, start, end - start) || end - start > qp->max_size)
				return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
			src_digest = true;
		}
	}
	s->u.req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	f->iv_len = vcrypto_to_le32(ss->cipher_iv_len + ss->auth_iv_len);
	f->src_data_len = vcrypto_to_le32(end - start);
	f->dst_data_len = vcrypto_to_le32(end - start);
	f->cipher_start_src_offset = vcrypto_to_le32(co - start);
	f->len_to_cipher = vcrypto_to_le32(cl);
	f->hash_start_src_offset = vcrypto_to_le32(ao - start);
	f->len_to_hash = vcrypto_to_le32(al);
	f->aad_len = 0;
	f->hash_result_len = vcrypto_to_le32(ss->digest_len);
	copy_iv(s, ss, op);
	put_fixed(rb, qp, s_addr, ss->fixed_len, ss->cipher_iv_len + ss->auth_iv_len);
	put_mbuf(rb, qp, sym->m_src, start, end - start);
	end_readable(rb);
	put_mbuf(rb, qp, dst, start, end - start);
	if (src_digest)
		put_mbuf(rb, qp, sym->m_src, ao + al, ss->digest_len);
	else
		put(rb, result_addr(qp, ss, sym, s_addr), ss->digest_len);
	/* A device that verifies reads the expected digest from hash_result. */
	if (unlikely(ss->device_verifies))
		rte_memcpy(s->digest, sym->auth.digest.data, ss->digest_len);
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/* HASH / MAC: R fixed, src | W hash_result, status. */
static inline enum rte_crypto_op_status
build_hash(struct vcrypto_qp *qp, struct rte_crypto_op *op,
		const struct vcrypto_session *ss, struct vcrypto_data_slot *s,
		uint64_t s_addr, struct req_builder *rb)
{
	struct rte_crypto_sym_op *sym = op->sym;
	uint32_t off, len;

	if (unlikely(!auth_range(sym, ss, &off, &len) || !in_packet(sym->m_src, off, len) ||
		     len > qp->max_size ||
		     (!ss->verify && ss->digest_len > 0 && sym->auth.digest.data == NULL)))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	/* The MAC parameters begin with the same two words. */
	s->u.req.u.hash.src_data_len = vcrypto_to_le32(len);
	s->u.req.u.hash.hash_result_len = vcrypto_to_le32(ss->digest_len);
	put_head(rb, s_addr, ss->fixed_len);
	put_mbuf(rb, qp, sym->m_src, off, len);
	end_readable(rb);
	put(rb, result_addr(qp, ss, sym, s_addr), ss->digest_len);
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/*
 * AEAD encrypt: R fixed+iv, aad, plaintext | W ciphertext, tag, status.
 * AEAD decrypt: R fixed+iv, aad, ciphertext, tag | W plaintext, status.
 */
static inline enum rte_crypto_op_status
build_aead(struct vcrypto_qp *qp, struct rte_crypto_op *op,
		const struct vcrypto_session *ss, struct vcrypto_data_slot *s,
		uint64_t s_addr, struct req_builder *rb)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct rte_mbuf *dst = sym->m_dst != NULL ? sym->m_dst : sym->m_src;
	struct vcrypto_aead_data_flf *f = &s->u.req.u.aead;
	uint32_t off = sym->aead.data.offset, len = sym->aead.data.length;
	uint32_t aad_skip = ss->ccm ? 18 : 0; /* DPDK's CCM B0 + AAD length room */
	uint64_t tag = ptr_addr(qp, sym->aead.digest.data, sym->aead.digest.phys_addr);

	if (unlikely(!in_packet(sym->m_src, off, len) ||
		     (dst != sym->m_src && !in_packet(dst, off, len)) ||
		     len > qp->max_size || sym->aead.digest.data == NULL ||
		     (ss->aad_len > 0 && sym->aead.aad.data == NULL)))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	f->iv_len = vcrypto_to_le32(ss->cipher_iv_len);
	f->aad_len = vcrypto_to_le32(ss->aad_len);
	f->src_data_len = vcrypto_to_le32(ss->encrypt ? len : len + ss->digest_len);
	f->dst_data_len = vcrypto_to_le32(ss->encrypt ? len + ss->digest_len : len);
	f->tag_len = vcrypto_to_le32(ss->digest_len);
	copy_iv(s, ss, op);
	put_head(rb, s_addr, ss->fixed_len + ss->cipher_iv_len);
	if (ss->aad_len > 0)
		put(rb, ptr_addr(qp, sym->aead.aad.data + aad_skip,
				 sym->aead.aad.phys_addr + aad_skip), ss->aad_len);
	put_mbuf(rb, qp, sym->m_src, off, len);
	if (!ss->encrypt)
		put(rb, tag, ss->digest_len);
	end_readable(rb);
	put_mbuf(rb, qp, dst, off, len);
	if (ss->encrypt)
		put(rb, tag, ss->digest_len);
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/* AES-GMAC: GCM encrypt of nothing, the message as AAD; the tag is the MAC.
 * R fixed+iv, message | W tag, status. */
static inline enum rte_crypto_op_status
build_gmac(struct vcrypto_qp *qp, struct rte_crypto_op *op,
		const struct vcrypto_session *ss, struct vcrypto_data_slot *s,
		uint64_t s_addr, struct req_builder *rb)
{
	struct rte_crypto_sym_op *sym = op->sym;
	struct vcrypto_aead_data_flf *f = &s->u.req.u.aead;
	uint32_t off = sym->auth.data.offset, len = sym->auth.data.length;

	if (unlikely(!in_packet(sym->m_src, off, len) || len > qp->max_size ||
		     (!ss->verify && sym->auth.digest.data == NULL)))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	f->iv_len = vcrypto_to_le32(ss->cipher_iv_len);
	f->aad_len = vcrypto_to_le32(len);
	f->src_data_len = 0;
	f->dst_data_len = vcrypto_to_le32(ss->digest_len);
	f->tag_len = vcrypto_to_le32(ss->digest_len);
	copy_iv(s, ss, op);
	put_head(rb, s_addr, ss->fixed_len + ss->cipher_iv_len);
	put_mbuf(rb, qp, sym->m_src, off, len);
	end_readable(rb);
	put(rb, result_addr(qp, ss, sym, s_addr), ss->digest_len);
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/*
 * Rewrite the session-layout fixed part the builders wrote as the stateless
 * one (@p fixed bytes): the session parameters come from the CREATE_SESSION
 * request vcrypto_session_plan() built, the lengths from the session layout.
 * Bytes past @p fixed (keys, IV) are not touched.
 */
static inline void
to_stateless(struct vcrypto_data_slot *s, uint32_t fixed, const struct vcrypto_ctrl_plan *p,
		const struct vcrypto_session *ss)
{
	const struct vcrypto_data_req r = s->u.req;
	struct vcrypto_data_req_stateless *d = &s->u.sl;
	const struct vcrypto_alg_chain_session_flf *pc = &p->req.u.sym.u.chain;

	memset(d, 0, fixed);
	d->header.opcode = r.header.opcode;
	d->header.algo = r.header.algo;
	/* flag 0 (no VIRTIO_CRYPTO_FLAG_SESSION_MODE), session_id 0 */
	switch (ss->kind) {
	case VCRYPTO_SESS_CIPHER:
		d->u.sym.u.cipher.sess_para.algo = p->req.u.sym.u.cipher.algo;
		d->u.sym.u.cipher.sess_para.key_len = p->req.u.sym.u.cipher.key_len;
		d->u.sym.u.cipher.sess_para.op = p->req.u.sym.u.cipher.op;
		d->u.sym.u.cipher.iv_len = r.u.sym.u.cipher.iv_len;
		d->u.sym.u.cipher.src_data_len = r.u.sym.u.cipher.src_data_len;
		d->u.sym.u.cipher.dst_data_len = r.u.sym.u.cipher.dst_data_len;
		d->u.sym.op_type = r.u.sym.op_type;
		break;
	case VCRYPTO_SESS_CHAIN:
		d->u.sym.u.chain.sess_para.alg_chain_order = pc->alg_chain_order;
		d->u.sym.u.chain.sess_para.aad_len = pc->aad_len;
		d->u.sym.u.chain.sess_para.cipher.algo = pc->cipher_hdr.algo;
		d->u.sym.u.chain.sess_para.cipher.key_len = pc->cipher_hdr.key_len;
		d->u.sym.u.chain.sess_para.cipher.op = pc->cipher_hdr.op;
		/* hash.algo and mac.algo share their offset */
		d->u.sym.u.chain.sess_para.hash.algo = pc->algo_flf.hash.algo;
		d->u.sym.u.chain.sess_para.hash.auth_key_len =
			vcrypto_le32(pc->hash_mode) == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH ?
			pc->algo_flf.mac.auth_key_len : 0;
		d->u.sym.u.chain.sess_para.hash.hash_mode = pc->hash_mode;
		/* The per-request lengths are the session layout's, in order. */
		memcpy(&d->u.sym.u.chain.iv_len, &r.u.sym.u.chain, sizeof(r.u.sym.u.chain));
		d->u.sym.op_type = r.u.sym.op_type;
		break;
	case VCRYPTO_SESS_HASH:
		if (ss->opcode == VIRTIO_CRYPTO_HASH) {
			d->u.hash.sess_para.algo = p->req.u.hash.algo;
			d->u.hash.src_data_len = r.u.hash.src_data_len;
			d->u.hash.hash_result_len = r.u.hash.hash_result_len;
		} else {
			d->u.mac.sess_para.algo = p->req.u.mac.algo;
			d->u.mac.sess_para.auth_key_len = p->req.u.mac.auth_key_len;
			d->u.mac.src_data_len = r.u.hash.src_data_len;
			d->u.mac.hash_result_len = r.u.hash.hash_result_len;
		}
		break;
	case VCRYPTO_SESS_AEAD:
	case VCRYPTO_SESS_GMAC:
		d->u.aead.sess_para.algo = p->req.u.aead.algo;
		d->u.aead.sess_para.key_len = p->req.u.aead.key_len;
		d->u.aead.sess_para.op = p->req.u.aead.op;
		d->u.aead.iv_len = r.u.aead.iv_len;
		d->u.aead.tag_len = r.u.aead.tag_len;
		d->u.aead.aad_len = r.u.aead.aad_len;
		d->u.aead.src_data_len = r.u.aead.src_data_len;
		d->u.aead.dst_data_len = r.u.aead.dst_data_len;
		break;
	default:
		break;
	}
}

/*
 * A sessionless op: its xforms through the session mapping (refused as
 * sessions would be), on a service whose stateless mode was negotiated.
 * ss->fixed_len covers the stateless fixed part and the keys, so the
 * builders put the IV after them.
 */
static inline enum rte_crypto_op_status
plan_sessionless(const struct vcrypto_qp *qp, const struct rte_crypto_op *op,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss, uint32_t *fixed)
{
	uint32_t keys;

	if (unlikely(qp->stateless == 0))
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	if (unlikely(vcrypto_session_plan(qp->dev, op->sym->xform, p, ss) < 0 ||
		     !(qp->stateless & (1u << vcrypto_opcode_service(ss->opcode)))))
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	*fixed = vcrypto_data_fixed_len(ss->opcode, 1, 1);
	keys = p->key1_len + p->key2_len;
	if (unlikely(*fixed == 0 || keys > VCRYPTO_MAX_CIPHER_KEY_LEN + VCRYPTO_MAX_AUTH_KEY_LEN))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	ss->fixed_len = (uint16_t)(*fixed + keys);
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/* Fill the slot and the descriptors of one op; NOT_PROCESSED when it can go. */
static inline enum rte_crypto_op_status
build(struct vcrypto_qp *qp, struct rte_crypto_op *op, uint16_t head,
		struct req_builder *rb)
{
	struct rte_crypto_sym_op *sym = op->sym;
	const struct vcrypto_session *ss;
	struct vcrypto_session sl_ss;
	struct vcrypto_ctrl_plan plan;
	struct vcrypto_data_slot *s = &qp->slots[head];
	struct vcrypto_req_meta *m = &qp->meta[head];
	uint64_t s_addr = qp->slots_addr + (uint64_t)head * sizeof(*s);
	enum rte_crypto_op_status st;
	uint32_t sl_fixed = 0;

	if (unlikely(op->type != RTE_CRYPTO_OP_TYPE_SYMMETRIC))
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	if (op->sess_type == RTE_CRYPTO_OP_WITH_SESSION && likely(sym->session != NULL)) {
		ss = CRYPTODEV_GET_SYM_SESS_PRIV(sym->session);
		if (unlikely(ss->destroy_opcode == 0))
			return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	} else if (op->sess_type == RTE_CRYPTO_OP_SESSIONLESS) {
		st = plan_sessionless(qp, op, &plan, &sl_ss, &sl_fixed);
		if (unlikely(st != RTE_CRYPTO_OP_STATUS_NOT_PROCESSED))
			return st;
		ss = &sl_ss;
	} else {
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	}
	if (unlikely(sym->m_src == NULL))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;

	memset(&s->u.req, 0, sizeof(s->u.req));
	s->u.req.header.opcode = vcrypto_to_le32(ss->opcode);
	s->u.req.header.algo = vcrypto_to_le32(ss->algo);
	s->u.req.header.session_id = vcrypto_to_le64(ss->session_id);
	/* REVISION_1: session-mode requests say so (spec 5.9.7.2.1) */
	s->u.req.header.flag = vcrypto_to_le32(qp->rev1 ? VIRTIO_CRYPTO_FLAG_SESSION_MODE : 0);
	rb->n = 0;
	rb->n_out = 0;
	rb->overflow = false;
	rb->missing = 0;
	if (likely(rb->direct))
		vcrypto_vq_chain_begin(qp->vq, &rb->c);
	switch (ss->kind) {
	case VCRYPTO_SESS_CIPHER:
		st = build_cipher(qp, op, ss, s, s_addr, rb);
		break;
	case VCRYPTO_SESS_CHAIN:
		st = build_chain(qp, op, ss, s, s_addr, rb);
		break;
	case VCRYPTO_SESS_HASH:
		st = build_hash(qp, op, ss, s, s_addr, rb);
		break;
	case VCRYPTO_SESS_AEAD:
		st = build_aead(qp, op, ss, s, s_addr, rb);
		break;
	case VCRYPTO_SESS_GMAC:
		st = build_gmac(qp, op, ss, s, s_addr, rb);
		break;
	default:
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	}
	if (st != RTE_CRYPTO_OP_STATUS_NOT_PROCESSED)
		return st;
	put_status(rb, s_addr);
	if (unlikely(rb_overflow(rb)))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	/* A device that never writes the status must not look successful. */
	s->inhdr.status = VIRTIO_CRYPTO_ERR;
	m->verify = ss->verify;
	m->err_is_auth = ss->device_verifies;
	m->digest_len = (uint8_t)ss->digest_len;
	m->key_len = 0;
	if (sl_fixed != 0) {
		/* Keys last: the layout rewrite must not clobber them. */
		to_stateless(s, sl_fixed, &plan, ss);
		if (plan.key1_len > 0)
			rte_memcpy(s->u.raw + sl_fixed, plan.key1, plan.key1_len);
		if (plan.key2_len > 0)
			rte_memcpy(s->u.raw + sl_fixed + plan.key1_len, plan.key2,
				   plan.key2_len);
		m->key_off = (uint16_t)sl_fixed;
		m->key_len = (uint16_t)(plan.key1_len + plan.key2_len);
	}
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

/* Local completion for an op the device never sees; returned by dequeue. */
static inline bool
reject(struct vcrypto_qp *qp, struct rte_crypto_op *op, enum rte_crypto_op_status st)
{
	if (qp->rej_count == qp->rej_size)
		return false;
	op->status = st;
	qp->rejected[(qp->rej_head + qp->rej_count) & (qp->rej_size - 1)] = op;
	qp->rej_count++;
	return true;
}

uint16_t
vcrypto_enqueue_burst(void *qp_, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qp_;
	uint32_t ls = __atomic_load_n(qp->link_state, __ATOMIC_ACQUIRE);
	struct vcrypto_vq_buf bufs[VCRYPTO_MAX_REQ_DESCS];
	struct req_builder rb;
	uint16_t i;

	/* The back-end went away or came back (link.c). */
	if (unlikely((ls ^ qp->link_seen) | (ls & VCRYPTO_LINK_DOWN))) {
		if (ls & VCRYPTO_LINK_DOWN)
			return vcrypto_link_enqueue(qp, ls, ops, nb_ops);
		qp->link_seen = ls;
	}
	rb.direct = vcrypto_vq_has_slots(qp->vq);
	rb.b = bufs;
	for (i = 0; i < nb_ops; i++) {
		struct rte_crypto_op *op = ops[i];
		enum rte_crypto_op_status st;

		if (unlikely(vcrypto_vq_is_broken(qp->vq))) {
			/* Fail visibly rather than leave the caller retrying. */
			if (!reject(qp, op, RTE_CRYPTO_OP_STATUS_ERROR))
				break;
			continue;
		}
		/* The slot of the next head is free while any descriptor is. */
		if (vcrypto_vq_free_count(qp->vq) < VCRYPTO_DATA_DESCS)
			break;
		st = build(qp, op, vcrypto_vq_next_head(qp->vq), &rb);
		if (unlikely(st != RTE_CRYPTO_OP_STATUS_NOT_PROCESSED)) {
			if (!reject(qp, op, st))
				break;
			continue;
		}
		if (likely(rb.direct)) {
			if (unlikely(rb.missing > 0))
				break;
			vcrypto_vq_chain_commit(qp->vq, &rb.c, rb.head_len, op);
		} else if (vcrypto_vq_add(qp->vq, bufs, rb.n_out, rb.n - rb.n_out, op) < 0) {
			break;
		}
	}
	/* A broken queue refuses the kick; its ops were never added. */
	vcrypto_vq_kick(qp->vq);
	qp->stats.enqueued_count += i;
	if (i < nb_ops)
		qp->stats.enqueue_err_count += nb_ops - i;
	return i;
}

static inline enum rte_crypto_op_status
map_status(uint8_t status)
{
	switch (status) {
	case VIRTIO_CRYPTO_OK:
		return RTE_CRYPTO_OP_STATUS_SUCCESS;
	case VIRTIO_CRYPTO_BADMSG:
		return RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	case VIRTIO_CRYPTO_INVSESS:
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	case VIRTIO_CRYPTO_NOTSUPP:
	case VIRTIO_CRYPTO_ERR:
	default:
		return RTE_CRYPTO_OP_STATUS_ERROR;
	}
}

/*
 * Outcome of a completed request; verify ops compare the digest here, and a
 * stateless request's keys leave shared memory.
 */
static inline enum rte_crypto_op_status
complete(struct vcrypto_data_slot *s, const struct vcrypto_req_meta *m,
		const struct rte_crypto_op *op)
{
	enum rte_crypto_op_status st;

	/* The usual case: success, nothing to compare or wipe. */
	if (likely(s->inhdr.status == VIRTIO_CRYPTO_OK && !m->verify && m->key_len == 0))
		return RTE_CRYPTO_OP_STATUS_SUCCESS;
	st = map_status(s->inhdr.status);
	/* DPDK's vhost_crypto answers a digest that does not verify with ERR. */
	if (unlikely(m->err_is_auth && s->inhdr.status == VIRTIO_CRYPTO_ERR))
		return RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	if (m->key_len > 0)
		memset(s->u.raw + m->key_off, 0, m->key_len);
	if (st == RTE_CRYPTO_OP_STATUS_SUCCESS && m->verify &&
	    memcmp(s->digest, op->sym->auth.digest.data, m->digest_len) != 0)
		return RTE_CRYPTO_OP_STATUS_AUTH_FAILED;
	return st;
}

/* The device broke the ring: its ops come back as errors, not never. */
static uint16_t
reclaim(struct vcrypto_qp *qp, struct rte_crypto_op **ops, uint16_t max)
{
	uint16_t n = vcrypto_vq_reclaim(qp->vq, (void **)ops, max), i;

	for (i = 0; i < n; i++)
		ops[i]->status = RTE_CRYPTO_OP_STATUS_ERROR;
	qp->stats.dequeue_err_count += n;
	return n;
}

uint16_t
vcrypto_dequeue_completed(struct vcrypto_qp *qp, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_vq_used used[64];
	uint16_t n = 0;
	int got, i;

	while (n < nb_ops) {
		got = vcrypto_vq_get_used(qp->vq, used, RTE_MIN(nb_ops - n, (int)RTE_DIM(used)));
		if (unlikely(got < 0)) {
			n += reclaim(qp, ops + n, nb_ops - n);
			break;
		}
		if (got == 0)
			break;
		for (i = 0; i < got; i++) {
			struct rte_crypto_op *op = used[i].cookie;

			op->status = complete(&qp->slots[used[i].head],
					      &qp->meta[used[i].head], op);
			if (unlikely(op->status != RTE_CRYPTO_OP_STATUS_SUCCESS))
				qp->stats.dequeue_err_count++;
			ops[n++] = op;
		}
	}
	return n;
}

uint16_t
vcrypto_dequeue_burst(void *qp_, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qp_;
	uint32_t ls = __atomic_load_n(qp->link_state, __ATOMIC_ACQUIRE);
	uint16_t n = 0;

	/* Down (handing ops back, or waiting for the reconnect), or back up. */
	if (unlikely((ls ^ qp->link_seen) | (ls & VCRYPTO_LINK_DOWN))) {
		if (ls & VCRYPTO_LINK_DOWN)
			return vcrypto_link_dequeue(qp, ls, ops, nb_ops);
		qp->link_seen = ls;
	}
	while (n < nb_ops && qp->rej_count > 0) {
		ops[n++] = qp->rejected[qp->rej_head];
		qp->rej_head = (qp->rej_head + 1) & (qp->rej_size - 1);
		qp->rej_count--;
		qp->stats.dequeue_err_count++;
	}
	n += vcrypto_dequeue_completed(qp, ops + n, nb_ops - n);
	qp->stats.dequeued_count += n;
	return n;
}
