/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * The request layouts the driver puts on the ring, checked against
 * doc/guides/wire-conventions.rst without a device: xforms go through the
 * real session mapping (vcrypto_session_plan) on capabilities derived from
 * a config space, ops through the real enqueue; a mock device then reads
 * the chain as its two byte streams, writes an answer, and the real dequeue
 * turns it into an op status (digest compare for verify ops included).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_crypto.h>
#include <rte_eal.h>
#include <rte_mbuf.h>

#include "virtio_crypto_priv.h"

#define QSIZE 256
#define IV_OFF (sizeof(struct rte_crypto_op) + sizeof(struct rte_crypto_sym_op))

static int fails;

#define CHECK(c) do { \
	if (!(c)) { \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); \
		fails++; \
	} \
} while (0)

/* What the mock device sees of one chain. */
struct view {
	uint8_t rd[4096];      /* the device-readable stream */
	uint32_t rd_len;
	struct { uint8_t *p; uint32_t len; } w[VCRYPTO_MAX_REQ_DESCS];
	unsigned int nw;       /* writable descriptors */
	uint32_t w_len;        /* writable stream length */
	uint16_t head;
	bool order_ok;         /* no readable after writable */
};

static struct vcrypto_qp qp;
static struct vcrypto_dev vd;
static struct rte_mempool *mbuf_pool, *op_pool;

static void
device_take(struct view *v)
{
	struct vcrypto_vq *vq = qp.vq;
	uint16_t i;

	memset(v, 0, sizeof(*v));
	v->order_ok = true;
	v->head = i = vq->avail->ring[(uint16_t)(vq->avail->idx - 1) & (QSIZE - 1)];
	for (;;) {
		const struct vcrypto_vring_desc *d = &vq->desc[i];
		uint8_t *p = (uint8_t *)(uintptr_t)d->addr;

		if (d->flags & VCRYPTO_VRING_DESC_F_WRITE) {
			v->w[v->nw].p = p;
			v->w[v->nw++].len = d->len;
			v->w_len += d->len;
		} else {
			if (v->nw > 0)
				v->order_ok = false;
			if (v->rd_len + d->len <= sizeof(v->rd))
				memcpy(v->rd + v->rd_len, p, d->len);
			v->rd_len += d->len;
		}
		if (!(d->flags & VCRYPTO_VRING_DESC_F_NEXT))
			break;
		i = d->next;
	}
}

/* Write @p len bytes at offset @p off of the writable stream. */
static void
device_write(struct view *v, uint32_t off, const void *data, uint32_t len)
{
	const uint8_t *s = data;
	unsigned int k;

	for (k = 0; k < v->nw && len > 0; k++) {
		if (off >= v->w[k].len) {
			off -= v->w[k].len;
			continue;
		}
		uint32_t n = RTE_MIN(len, v->w[k].len - off);

		memcpy(v->w[k].p + off, s, n);
		s += n;
		len -= n;
		off = 0;
	}
}

/* Complete the chain with @p status (the last writable byte). */
static struct rte_crypto_op *
device_complete(struct view *v, uint8_t status)
{
	struct vcrypto_vq *vq = qp.vq;
	struct rte_crypto_op *op = NULL;

	device_write(v, v->w_len - 1, &status, 1);
	vq->used->ring[vq->used->idx & (QSIZE - 1)].id = v->head;
	vq->used->ring[vq->used->idx & (QSIZE - 1)].len = v->w_len;
	__atomic_store_n(&vq->used->idx, vq->used->idx + 1, __ATOMIC_RELEASE);
	CHECK(vcrypto_dequeue_burst(&qp, &op, 1) == 1);
	return op;
}

/* A session from xforms through the real mapping; NULL when refused. */
static struct rte_cryptodev_sym_session *
make_session(struct rte_crypto_sym_xform *x, struct vcrypto_ctrl_plan *plan)
{
	/* the session struct is cache-line aligned, as its mempool makes it */
	size_t size = RTE_ALIGN_CEIL(sizeof(struct rte_cryptodev_sym_session) +
				     sizeof(struct vcrypto_session), RTE_CACHE_LINE_SIZE);
	struct rte_cryptodev_sym_session *s = aligned_alloc(RTE_CACHE_LINE_SIZE, size);

	if (s == NULL)
		return NULL;
	memset(s, 0, size);
	if (vcrypto_session_plan(&vd, x, plan, CRYPTODEV_GET_SYM_SESS_PRIV(s)) < 0) {
		free(s);
		return NULL;
	}
	((struct vcrypto_session *)CRYPTODEV_GET_SYM_SESS_PRIV(s))->session_id = 77;
	return s;
}

/* A packet of @p nseg segments of @p seglen bytes holding 0, 1, 2, ... */
static struct rte_mbuf *
make_pkt(unsigned int nseg, uint16_t seglen)
{
	struct rte_mbuf *head = NULL;
	unsigned int i, b = 0;

	for (i = 0; i < nseg; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mbuf_pool);
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(m, seglen);
		uint16_t j;

		for (j = 0; j < seglen; j++)
			p[j] = (uint8_t)b++;
		if (head == NULL)
			head = m;
		else
			rte_pktmbuf_chain(head, m);
	}
	return head;
}

static struct rte_crypto_op *
make_op(struct rte_cryptodev_sym_session *s, struct rte_mbuf *src, struct rte_mbuf *dst)
{
	struct rte_crypto_op *op = rte_crypto_op_alloc(op_pool, RTE_CRYPTO_OP_TYPE_SYMMETRIC);
	uint8_t *iv = rte_crypto_op_ctod_offset(op, uint8_t *, IV_OFF);
	int i;

	for (i = 0; i < 32; i++)
		iv[i] = (uint8_t)(0xa0 + i);
	rte_crypto_op_attach_sym_session(op, s);
	op->sym->m_src = src;
	op->sym->m_dst = dst;
	return op;
}

static const struct vcrypto_data_req *
hdr(const struct view *v)
{
	return (const struct vcrypto_data_req *)v->rd;
}

static bool
is_seq(const uint8_t *p, uint32_t first, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (p[i] != (uint8_t)(first + i))
			return false;
	return true;
}

static uint8_t key[64];

static void
test_cipher_sgl(void)
{
	struct rte_crypto_sym_xform x = { .type = RTE_CRYPTO_SYM_XFORM_CIPHER };
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	struct rte_crypto_op *op;
	struct view v;
	uint32_t fl;

	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x.cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	x.cipher.key.data = key;
	x.cipher.key.length = 16;
	x.cipher.iv.offset = IV_OFF;
	x.cipher.iv.length = 16;
	s = make_session(&x, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.header.opcode) == VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	CHECK(vcrypto_le32(plan.req.u.sym.op_type) == VIRTIO_CRYPTO_SYM_OP_CIPHER);
	CHECK(plan.key1_len == 16 && plan.key2_len == 0);

	/* 3 segments of 40 bytes, cipher 16..112 in place */
	op = make_op(s, make_pkt(3, 40), NULL);
	op->sym->cipher.data.offset = 16;
	op->sym->cipher.data.length = 96;
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	fl = vcrypto_data_fixed_len(VIRTIO_CRYPTO_CIPHER_ENCRYPT, qp.rev1, 0);
	CHECK(v.order_ok);
	CHECK(vcrypto_le32(hdr(&v)->header.opcode) == VIRTIO_CRYPTO_CIPHER_ENCRYPT);
	CHECK(vcrypto_le64(hdr(&v)->header.session_id) == 77);
	CHECK(vcrypto_le32(hdr(&v)->header.flag) ==
	      (qp.rev1 ? VIRTIO_CRYPTO_FLAG_SESSION_MODE : 0u));
	CHECK(vcrypto_le32(hdr(&v)->u.sym.u.cipher.src_data_len) == 96);
	CHECK(v.rd_len == fl + 16 + 96);
	CHECK(is_seq(v.rd + fl, 0xa0, 16));
	CHECK(is_seq(v.rd + fl + 16, 16, 96));
	CHECK(v.nw == 4 && v.w_len == 96 + 1); /* 24 + 40 + 32, status */
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
	rte_pktmbuf_free(op->sym->m_src);
	rte_crypto_op_free(op);
	free(s);
}

static void
test_chain(void)
{
	struct rte_crypto_sym_xform c = { .type = RTE_CRYPTO_SYM_XFORM_CIPHER };
	struct rte_crypto_sym_xform a = { .type = RTE_CRYPTO_SYM_XFORM_AUTH };
	const struct vcrypto_alg_chain_data_flf *f;
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	struct rte_crypto_op *op;
	struct rte_mbuf *m, *dst;
	uint8_t digest[20];
	struct view v;
	uint32_t fl;

	c.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	c.cipher.op = RTE_CRYPTO_CIPHER_OP_DECRYPT;
	c.cipher.key.data = key;
	c.cipher.key.length = 16;
	c.cipher.iv.offset = IV_OFF;
	c.cipher.iv.length = 16;
	a.auth.algo = RTE_CRYPTO_AUTH_SHA1_HMAC;
	a.auth.op = RTE_CRYPTO_AUTH_OP_VERIFY;
	a.auth.key.data = key + 16;
	a.auth.key.length = 20;
	a.auth.digest_length = 12;
	/* verify then decrypt: HASH_THEN_CIPHER */
	a.next = &c;
	s = make_session(&a, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.u.sym.op_type) == VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.alg_chain_order) ==
	      VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.hash_mode) == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.algo_flf.mac.algo) ==
	      VIRTIO_CRYPTO_MAC_HMAC_SHA1);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.algo_flf.mac.auth_key_len) == 20);
	CHECK(plan.key1_len == 16 && plan.key2_len == 20 && plan.key2 == key + 16);

	/* OOP: auth over 8..72, cipher 24..72, digest after the data */
	m = make_pkt(1, 100);
	dst = make_pkt(2, 50);
	op = make_op(s, m, dst);
	op->sym->auth.data.offset = 8;
	op->sym->auth.data.length = 64;
	op->sym->cipher.data.offset = 24;
	op->sym->cipher.data.length = 48;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, 80);
	memcpy(digest, op->sym->auth.digest.data, 12);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	fl = vcrypto_data_fixed_len(VIRTIO_CRYPTO_CIPHER_DECRYPT, qp.rev1, 0);
	f = &hdr(&v)->u.sym.u.chain;
	CHECK(v.order_ok);
	CHECK(vcrypto_le32(hdr(&v)->header.opcode) == VIRTIO_CRYPTO_CIPHER_DECRYPT);
	CHECK(vcrypto_le32(f->src_data_len) == 64 && vcrypto_le32(f->dst_data_len) == 64);
	CHECK(vcrypto_le32(f->cipher_start_src_offset) == 16);
	CHECK(vcrypto_le32(f->len_to_cipher) == 48);
	CHECK(vcrypto_le32(f->hash_start_src_offset) == 0);
	CHECK(vcrypto_le32(f->len_to_hash) == 64);
	CHECK(vcrypto_le32(f->hash_result_len) == 12);
	CHECK(vcrypto_le32(f->iv_len) == 16);
	CHECK(v.rd_len == fl + 16 + 64 && is_seq(v.rd + fl + 16, 8, 64));
	/* dst 8..72 of a 2x50 packet: 2 pieces; then digest scratch, status */
	CHECK(v.nw == 4 && v.w_len == 64 + 12 + 1);
	CHECK(v.w[0].p == rte_pktmbuf_mtod_offset(dst, uint8_t *, 8));
	device_write(&v, 64, digest, 12);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);

	/* a wrong digest fails the op */
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	digest[3] ^= 1;
	device_write(&v, 64, digest, 12);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_AUTH_FAILED);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(dst);
	rte_crypto_op_free(op);
	free(s);
}

static void
test_hash(void)
{
	struct rte_crypto_sym_xform a = { .type = RTE_CRYPTO_SYM_XFORM_AUTH };
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	struct view v;
	uint8_t out[32];

	a.auth.algo = RTE_CRYPTO_AUTH_SHA256;
	a.auth.op = RTE_CRYPTO_AUTH_OP_GENERATE;
	a.auth.digest_length = 32;
	s = make_session(&a, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.header.opcode) == VIRTIO_CRYPTO_HASH_CREATE_SESSION);
	CHECK(vcrypto_le32(plan.req.u.hash.algo) == VIRTIO_CRYPTO_HASH_SHA_256);
	CHECK(vcrypto_le32(plan.req.u.hash.hash_result_len) == 32);
	m = make_pkt(2, 64);
	op = make_op(s, m, NULL);
	op->sym->auth.data.offset = 0;
	op->sym->auth.data.length = 100;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m->next, uint8_t *, 36);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	CHECK(vcrypto_le32(hdr(&v)->header.opcode) == VIRTIO_CRYPTO_HASH);
	CHECK(vcrypto_le32(hdr(&v)->u.hash.src_data_len) == 100);
	CHECK(v.rd_len == vcrypto_data_fixed_len(VIRTIO_CRYPTO_HASH, qp.rev1, 0) + 100);
	CHECK(v.nw == 2 && v.w_len == 33 && v.w[0].p == op->sym->auth.digest.data);
	memset(out, 0x5a, sizeof(out));
	device_write(&v, 0, out, 32);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
	CHECK(memcmp(op->sym->auth.digest.data, out, 32) == 0);
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
	free(s);
}

static void
test_aead(bool ccm, bool enc)
{
	struct rte_crypto_sym_xform x = { .type = RTE_CRYPTO_SYM_XFORM_AEAD };
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	const struct vcrypto_aead_data_flf *f;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	uint8_t aad[18 + 20];
	uint32_t fl, ivl = ccm ? 11 : 12, skip = ccm ? 18 : 0;
	struct view v;
	unsigned int i;

	x.aead.algo = ccm ? RTE_CRYPTO_AEAD_AES_CCM : RTE_CRYPTO_AEAD_AES_GCM;
	x.aead.op = enc ? RTE_CRYPTO_AEAD_OP_ENCRYPT : RTE_CRYPTO_AEAD_OP_DECRYPT;
	x.aead.key.data = key;
	x.aead.key.length = 16;
	x.aead.iv.offset = IV_OFF;
	x.aead.iv.length = ivl;
	x.aead.digest_length = 16;
	x.aead.aad_length = 20;
	s = make_session(&x, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.header.opcode) == VIRTIO_CRYPTO_AEAD_CREATE_SESSION);
	CHECK(vcrypto_le32(plan.req.u.aead.algo) ==
	      (ccm ? VIRTIO_CRYPTO_AEAD_CCM : VIRTIO_CRYPTO_AEAD_GCM));
	CHECK(vcrypto_le32(plan.req.u.aead.tag_len) == 16);
	CHECK(vcrypto_le32(plan.req.u.aead.aad_len) == 20);
	for (i = 0; i < sizeof(aad); i++)
		aad[i] = (uint8_t)(0x40 + i);
	m = make_pkt(2, 30);
	op = make_op(s, m, NULL);
	op->sym->aead.data.offset = 4;
	op->sym->aead.data.length = 40;
	op->sym->aead.aad.data = (uint8_t *)rte_pktmbuf_append(m, 40);
	memcpy(op->sym->aead.aad.data, aad, sizeof(aad));
	op->sym->aead.digest.data = (uint8_t *)rte_pktmbuf_append(m, 16);
	memset(op->sym->aead.digest.data, 0xdd, 16);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	fl = vcrypto_data_fixed_len(enc ? VIRTIO_CRYPTO_AEAD_ENCRYPT : VIRTIO_CRYPTO_AEAD_DECRYPT,
				    qp.rev1, 0);
	f = &hdr(&v)->u.aead;
	CHECK(v.order_ok);
	CHECK(vcrypto_le32(f->iv_len) == ivl && vcrypto_le32(f->aad_len) == 20);
	CHECK(vcrypto_le32(f->tag_len) == 16);
	CHECK(vcrypto_le32(f->src_data_len) == (enc ? 40u : 56u));
	CHECK(vcrypto_le32(f->dst_data_len) == (enc ? 56u : 40u));
	/* iv (CCM: the nonce after DPDK's flags byte), aad, data, [tag] */
	CHECK(is_seq(v.rd + fl, 0xa0 + (ccm ? 1 : 0), ivl));
	CHECK(memcmp(v.rd + fl + ivl, aad + skip, 20) == 0);
	CHECK(is_seq(v.rd + fl + ivl + 20, 4, 40));
	CHECK(v.rd_len == fl + ivl + 20 + 40 + (enc ? 0 : 16));
	CHECK(enc || v.rd[v.rd_len - 1] == 0xdd);
	CHECK(v.w_len == 40 + (enc ? 16 : 0) + 1);
	op = device_complete(&v, enc ? VIRTIO_CRYPTO_OK : VIRTIO_CRYPTO_BADMSG);
	CHECK(op->status == (enc ? RTE_CRYPTO_OP_STATUS_SUCCESS :
			     RTE_CRYPTO_OP_STATUS_AUTH_FAILED));
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
	free(s);
}

static void
test_gmac_verify(void)
{
	struct rte_crypto_sym_xform a = { .type = RTE_CRYPTO_SYM_XFORM_AUTH };
	const struct vcrypto_aead_data_flf *f;
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	struct view v;
	uint32_t fl = vcrypto_data_fixed_len(VIRTIO_CRYPTO_AEAD_ENCRYPT, qp.rev1, 0);

	a.auth.algo = RTE_CRYPTO_AUTH_AES_GMAC;
	a.auth.op = RTE_CRYPTO_AUTH_OP_VERIFY;
	a.auth.key.data = key;
	a.auth.key.length = 32;
	a.auth.iv.offset = IV_OFF;
	a.auth.iv.length = 12;
	a.auth.digest_length = 16;
	s = make_session(&a, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.header.opcode) == VIRTIO_CRYPTO_AEAD_CREATE_SESSION);
	CHECK(vcrypto_le32(plan.req.u.aead.algo) == VIRTIO_CRYPTO_AEAD_GCM);
	CHECK(vcrypto_le32(plan.req.u.aead.op) == VIRTIO_CRYPTO_OP_ENCRYPT);
	m = make_pkt(1, 80);
	op = make_op(s, m, NULL);
	op->sym->auth.data.offset = 0;
	op->sym->auth.data.length = 64;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, 64);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	f = &hdr(&v)->u.aead;
	CHECK(vcrypto_le32(hdr(&v)->header.opcode) == VIRTIO_CRYPTO_AEAD_ENCRYPT);
	CHECK(vcrypto_le32(f->aad_len) == 64 && f->src_data_len == 0);
	CHECK(vcrypto_le32(f->dst_data_len) == 16 && vcrypto_le32(f->tag_len) == 16);
	CHECK(v.rd_len == fl + 12 + 64 && is_seq(v.rd + fl + 12, 0, 64));
	/* the tag goes to scratch, not over the expected one */
	CHECK(v.nw == 2 && v.w_len == 17 && v.w[0].p != op->sym->auth.digest.data);
	device_write(&v, 0, op->sym->auth.digest.data, 16);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
	free(s);
}

static void
test_wireless_mac(void)
{
	struct rte_crypto_sym_xform a = { .type = RTE_CRYPTO_SYM_XFORM_AUTH };
	const struct vcrypto_alg_chain_data_flf *f;
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	struct rte_crypto_op *op;
	struct rte_mbuf *m;
	struct view v;
	uint32_t fl = vcrypto_data_fixed_len(VIRTIO_CRYPTO_CIPHER_ENCRYPT, qp.rev1, 0);

	a.auth.algo = RTE_CRYPTO_AUTH_SNOW3G_UIA2;
	a.auth.op = RTE_CRYPTO_AUTH_OP_GENERATE;
	a.auth.key.data = key;
	a.auth.key.length = 16;
	a.auth.iv.offset = IV_OFF + 16;
	a.auth.iv.length = 16;
	a.auth.digest_length = 4;
	s = make_session(&a, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.header.opcode) == VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	CHECK(vcrypto_le32(plan.req.u.sym.op_type) == VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.cipher_hdr.algo) == VIRTIO_CRYPTO_NO_CIPHER);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.algo_flf.mac.algo) ==
	      VIRTIO_CRYPTO_MAC_SNOW3G_UIA2);
	CHECK(plan.key1_len == 0 && plan.key2_len == 16);
	m = make_pkt(1, 80);
	op = make_op(s, m, NULL);
	op->sym->auth.data.offset = 0;
	op->sym->auth.data.length = 64 * 8; /* bits */
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, 64);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	f = &hdr(&v)->u.sym.u.chain;
	CHECK(vcrypto_le32(f->iv_len) == 16 && vcrypto_le32(f->len_to_cipher) == 0);
	CHECK(vcrypto_le32(f->len_to_hash) == 64 && vcrypto_le32(f->src_data_len) == 64);
	CHECK(vcrypto_le32(f->hash_result_len) == 4);
	CHECK(is_seq(v.rd + fl, 0xa0 + 16, 16));
	CHECK(v.w_len == 64 + 4 + 1);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);

	/* a bit length that is not whole bytes cannot be expressed */
	op->sym->auth.data.length = 64 * 8 - 3;
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	CHECK(vcrypto_dequeue_burst(&qp, &op, 1) == 1);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_INVALID_ARGS);
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
	free(s);
}

/* Cipher then plain hash, LB in, SGL out; and a digest the cipher would
 * have to encrypt (hash first, digest inside the cipher range) is refused. */
static void
test_chain_plain_oop(void)
{
	struct rte_crypto_sym_xform c = { .type = RTE_CRYPTO_SYM_XFORM_CIPHER };
	struct rte_crypto_sym_xform a = { .type = RTE_CRYPTO_SYM_XFORM_AUTH };
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	struct rte_crypto_op *op;
	struct rte_mbuf *m, *dst;
	struct view v;

	c.cipher.algo = RTE_CRYPTO_CIPHER_AES_CTR;
	c.cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	c.cipher.key.data = key;
	c.cipher.key.length = 32;
	c.cipher.iv.offset = IV_OFF;
	c.cipher.iv.length = 16;
	a.auth.algo = RTE_CRYPTO_AUTH_SHA1;
	a.auth.op = RTE_CRYPTO_AUTH_OP_GENERATE;
	a.auth.digest_length = 20;
	c.next = &a;
	s = make_session(&c, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.alg_chain_order) ==
	      VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.hash_mode) ==
	      VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.algo_flf.hash.algo) ==
	      VIRTIO_CRYPTO_HASH_SHA1);
	CHECK(plan.key1_len == 32 && plan.key2_len == 0);
	m = make_pkt(1, 128);
	dst = make_pkt(4, 32);
	op = make_op(s, m, dst);
	op->sym->cipher.data.offset = 0;
	op->sym->cipher.data.length = 100;
	op->sym->auth.data.offset = 0;
	op->sym->auth.data.length = 100;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(dst->next->next->next, uint8_t *, 4);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	CHECK(v.nw == 4 + 1 + 1 && v.w_len == 100 + 20 + 1);
	CHECK(v.w[4].p == op->sym->auth.digest.data);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
	free(s);

	/* hash first, in place, digest inside the cipher range ("digest
	 * encrypted"): only to a device that follows the convention, with
	 * hash_result on the digest itself, inside dst */
	a.next = &c;
	c.next = NULL;
	s = make_session(&a, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	rte_crypto_op_attach_sym_session(op, s);
	op->sym->m_dst = NULL;
	op->sym->cipher.data.length = 120;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, 100);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	if (qp.digest_encrypted) {
		device_take(&v);
		CHECK(v.nw == 3 && v.w_len == 120 + 20 + 1);
		CHECK(v.w[1].p == op->sym->auth.digest.data);
		op = device_complete(&v, VIRTIO_CRYPTO_OK);
		CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
		/* out of place: the digest at the end of the hash range in dst;
		 * hash_result goes to the same bytes of src, which the cipher
		 * then reads */
		op->sym->m_dst = dst;
		op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(dst->next->next->next,
								   uint8_t *, 4);
		CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
		device_take(&v);
		CHECK(v.nw == 4 + 1 + 1 && v.w_len == 120 + 20 + 1);
		CHECK(v.w[4].p == rte_pktmbuf_mtod_offset(m, uint8_t *, 100));
		op = device_complete(&v, VIRTIO_CRYPTO_OK);
		CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
		/* the cipher over part of the digest (DPDK's
		 * part_digest_enc_oop): src and dst run to the digest's end,
		 * so its last bytes reach dst as the device wrote them */
		op->sym->cipher.data.length = 102;
		CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
		device_take(&v);
		CHECK(vcrypto_le32(hdr(&v)->u.sym.u.chain.src_data_len) == 120);
		CHECK(vcrypto_le32(hdr(&v)->u.sym.u.chain.len_to_cipher) == 102);
		CHECK(v.nw == 4 + 1 + 1 && v.w_len == 120 + 20 + 1);
		CHECK(v.w[4].p == rte_pktmbuf_mtod_offset(m, uint8_t *, 100));
		op = device_complete(&v, VIRTIO_CRYPTO_OK);
		CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
		op->sym->cipher.data.length = 120;
		/* a digest elsewhere in dst's cipher range has no src twin */
		op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(dst, uint8_t *, 8);
		CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
		CHECK(vcrypto_dequeue_burst(&qp, &op, 1) == 1);
		CHECK(op->status == RTE_CRYPTO_OP_STATUS_INVALID_ARGS);
		op->sym->m_dst = NULL;
	} else {
		CHECK(vcrypto_dequeue_burst(&qp, &op, 1) == 1);
		CHECK(op->status == RTE_CRYPTO_OP_STATUS_INVALID_ARGS);
	}
	/* a range past the packet */
	op->sym->cipher.data.length = 100;
	op->sym->auth.data.length = 200;
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	CHECK(vcrypto_dequeue_burst(&qp, &op, 1) == 1);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_INVALID_ARGS);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(dst);
	rte_crypto_op_free(op);
	free(s);
}

static const struct vcrypto_data_req_stateless *
sl_hdr(const struct view *v)
{
	return (const struct vcrypto_data_req_stateless *)v->rd;
}

static struct rte_crypto_op *
make_sl_op(struct rte_crypto_sym_xform *x, struct rte_mbuf *src)
{
	struct rte_crypto_op *op = make_op(NULL, src, NULL);

	op->sess_type = RTE_CRYPTO_OP_SESSIONLESS;
	op->sym->xform = x;
	return op;
}

/* The keys of a completed stateless request are gone from the slot. */
static bool
keys_wiped(uint16_t head, uint32_t off, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		if (qp.slots[head].u.raw[off + i] != 0)
			return false;
	return true;
}

/* Sessionless ops: stateless requests (REVISION_1 only), keys inline. */
static void
test_sessionless(void)
{
	struct rte_crypto_sym_xform c = { .type = RTE_CRYPTO_SYM_XFORM_CIPHER };
	struct rte_crypto_sym_xform a = { .type = RTE_CRYPTO_SYM_XFORM_AUTH };
	struct rte_crypto_sym_xform g = { .type = RTE_CRYPTO_SYM_XFORM_AEAD };
	const struct vcrypto_data_req_stateless *h;
	struct rte_crypto_op *op;
	struct rte_mbuf *m = make_pkt(1, 128);
	uint8_t aad[20];
	struct view v;
	uint32_t fl;

	c.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	c.cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	c.cipher.key.data = key;
	c.cipher.key.length = 16;
	c.cipher.iv.offset = IV_OFF;
	c.cipher.iv.length = 16;
	op = make_sl_op(&c, m);
	op->sym->cipher.data.offset = 0;
	op->sym->cipher.data.length = 64;
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	if (!qp.rev1 || qp.stateless == 0) {
		CHECK(vcrypto_dequeue_burst(&qp, &op, 1) == 1);
		CHECK(op->status == RTE_CRYPTO_OP_STATUS_INVALID_SESSION);
		goto out;
	}
	/* CIPHER: fixed 24 + 76, cipher_key, iv, src | dst, status */
	device_take(&v);
	h = sl_hdr(&v);
	fl = vcrypto_data_fixed_len(VIRTIO_CRYPTO_CIPHER_ENCRYPT, 1, 1);
	CHECK(fl == 100);
	CHECK(v.order_ok);
	CHECK(vcrypto_le32(h->header.opcode) == VIRTIO_CRYPTO_CIPHER_ENCRYPT);
	CHECK(h->header.flag == 0 && h->header.session_id == 0);
	CHECK(vcrypto_le32(h->u.sym.op_type) == VIRTIO_CRYPTO_SYM_OP_CIPHER);
	CHECK(vcrypto_le32(h->u.sym.u.cipher.sess_para.algo) == VIRTIO_CRYPTO_CIPHER_AES_CBC);
	CHECK(vcrypto_le32(h->u.sym.u.cipher.sess_para.key_len) == 16);
	CHECK(vcrypto_le32(h->u.sym.u.cipher.sess_para.op) == VIRTIO_CRYPTO_OP_ENCRYPT);
	CHECK(vcrypto_le32(h->u.sym.u.cipher.iv_len) == 16);
	CHECK(vcrypto_le32(h->u.sym.u.cipher.src_data_len) == 64);
	CHECK(vcrypto_le32(h->u.sym.u.cipher.dst_data_len) == 64);
	CHECK(v.rd_len == fl + 16 + 16 + 64);
	CHECK(memcmp(v.rd + fl, key, 16) == 0);
	CHECK(is_seq(v.rd + fl + 16, 0xa0, 16));
	CHECK(is_seq(v.rd + fl + 32, 0, 64));
	CHECK(v.w_len == 64 + 1);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
	CHECK(keys_wiped(v.head, fl, 16));

	/* CHAIN (encrypt then HMAC): cipher_key, auth_key, iv, src | dst, hash */
	c.next = &a;
	a.auth.algo = RTE_CRYPTO_AUTH_SHA256_HMAC;
	a.auth.op = RTE_CRYPTO_AUTH_OP_GENERATE;
	a.auth.key.data = key + 32;
	a.auth.key.length = 32;
	a.auth.digest_length = 16;
	/* what rte_crypto_op_sym_xforms_alloc() leaves in an HMAC's unused
	 * IV: an earlier xform's; neither refused nor sent */
	a.auth.iv.offset = IV_OFF;
	a.auth.iv.length = 16;
	op->sym->auth.data.offset = 0;
	op->sym->auth.data.length = 64;
	op->sym->auth.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, 64);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	h = sl_hdr(&v);
	CHECK(vcrypto_le32(h->u.sym.u.chain.iv_len) == 16);
	CHECK(vcrypto_le32(h->u.sym.op_type) == VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	CHECK(vcrypto_le32(h->u.sym.u.chain.sess_para.alg_chain_order) ==
	      VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH);
	CHECK(vcrypto_le32(h->u.sym.u.chain.sess_para.cipher.algo) ==
	      VIRTIO_CRYPTO_CIPHER_AES_CBC);
	CHECK(vcrypto_le32(h->u.sym.u.chain.sess_para.cipher.key_len) == 16);
	CHECK(vcrypto_le32(h->u.sym.u.chain.sess_para.hash.algo) ==
	      VIRTIO_CRYPTO_MAC_HMAC_SHA_256);
	CHECK(vcrypto_le32(h->u.sym.u.chain.sess_para.hash.auth_key_len) == 32);
	CHECK(vcrypto_le32(h->u.sym.u.chain.sess_para.hash.hash_mode) ==
	      VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH);
	CHECK(vcrypto_le32(h->u.sym.u.chain.len_to_hash) == 64);
	CHECK(vcrypto_le32(h->u.sym.u.chain.hash_result_len) == 16);
	CHECK(v.rd_len == fl + 16 + 32 + 16 + 64);
	CHECK(memcmp(v.rd + fl, key, 16) == 0 && memcmp(v.rd + fl + 16, key + 32, 32) == 0);
	CHECK(is_seq(v.rd + fl + 48, 0xa0, 16) && is_seq(v.rd + fl + 64, 0, 64));
	CHECK(v.w_len == 64 + 16 + 1);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
	CHECK(keys_wiped(v.head, fl, 48));

	/* MAC: auth_key, src | hash_result */
	a.next = NULL;
	op->sym->xform = &a;
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	h = sl_hdr(&v);
	fl = vcrypto_data_fixed_len(VIRTIO_CRYPTO_MAC, 1, 1);
	CHECK(fl == 40);
	CHECK(vcrypto_le32(h->header.opcode) == VIRTIO_CRYPTO_MAC);
	CHECK(vcrypto_le32(h->u.mac.sess_para.algo) == VIRTIO_CRYPTO_MAC_HMAC_SHA_256);
	CHECK(vcrypto_le32(h->u.mac.sess_para.auth_key_len) == 32);
	CHECK(vcrypto_le32(h->u.mac.src_data_len) == 64);
	CHECK(vcrypto_le32(h->u.mac.hash_result_len) == 16);
	CHECK(v.rd_len == fl + 32 + 64 && memcmp(v.rd + fl, key + 32, 32) == 0);
	CHECK(v.w_len == 16 + 1 && v.w[0].p == op->sym->auth.digest.data);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);

	/* AEAD (GCM decrypt): key, iv, aad, src (ciphertext, tag) | dst */
	g.aead.algo = RTE_CRYPTO_AEAD_AES_GCM;
	g.aead.op = RTE_CRYPTO_AEAD_OP_DECRYPT;
	g.aead.key.data = key;
	g.aead.key.length = 32;
	g.aead.iv.offset = IV_OFF;
	g.aead.iv.length = 12;
	g.aead.digest_length = 16;
	g.aead.aad_length = 20;
	memset(aad, 0x3c, sizeof(aad));
	op->sym->xform = &g;
	op->sym->aead.data.offset = 0;
	op->sym->aead.data.length = 48;
	op->sym->aead.aad.data = aad;
	op->sym->aead.digest.data = rte_pktmbuf_mtod_offset(m, uint8_t *, 100);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	h = sl_hdr(&v);
	fl = vcrypto_data_fixed_len(VIRTIO_CRYPTO_AEAD_DECRYPT, 1, 1);
	CHECK(fl == 56);
	CHECK(vcrypto_le32(h->u.aead.sess_para.algo) == VIRTIO_CRYPTO_AEAD_GCM);
	CHECK(vcrypto_le32(h->u.aead.sess_para.key_len) == 32);
	CHECK(vcrypto_le32(h->u.aead.sess_para.op) == VIRTIO_CRYPTO_OP_DECRYPT);
	CHECK(vcrypto_le32(h->u.aead.iv_len) == 12 && vcrypto_le32(h->u.aead.tag_len) == 16);
	CHECK(vcrypto_le32(h->u.aead.aad_len) == 20);
	CHECK(vcrypto_le32(h->u.aead.src_data_len) == 64);
	CHECK(vcrypto_le32(h->u.aead.dst_data_len) == 48);
	CHECK(v.rd_len == fl + 32 + 12 + 20 + 48 + 16);
	CHECK(memcmp(v.rd + fl, key, 32) == 0 && is_seq(v.rd + fl + 32, 0xa0, 12));
	CHECK(memcmp(v.rd + fl + 44, aad, 20) == 0 && is_seq(v.rd + fl + 64, 0, 48));
	op = device_complete(&v, VIRTIO_CRYPTO_BADMSG);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_AUTH_FAILED);
	CHECK(keys_wiped(v.head, fl, 32));

	/* a service whose stateless mode was not negotiated */
	qp.stateless &= ~(1u << VIRTIO_CRYPTO_SERVICE_AEAD);
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	CHECK(vcrypto_dequeue_burst(&qp, &op, 1) == 1);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_INVALID_SESSION);
	qp.stateless |= 1u << VIRTIO_CRYPTO_SERVICE_AEAD;
out:
	rte_pktmbuf_free(m);
	rte_crypto_op_free(op);
}

/* NULL cipher and NULL auth: NO_CIPHER / NO_HASH requests, empty digest. */
static void
test_null_algos(void)
{
	struct rte_crypto_sym_xform c = { .type = RTE_CRYPTO_SYM_XFORM_CIPHER };
	struct rte_crypto_sym_xform a = { .type = RTE_CRYPTO_SYM_XFORM_AUTH };
	struct vcrypto_ctrl_plan plan;
	struct rte_cryptodev_sym_session *s;
	struct rte_crypto_op *op;
	struct view v;

	c.cipher.algo = RTE_CRYPTO_CIPHER_NULL;
	c.cipher.op = RTE_CRYPTO_CIPHER_OP_ENCRYPT;
	a.auth.algo = RTE_CRYPTO_AUTH_NULL;
	a.auth.op = RTE_CRYPTO_AUTH_OP_GENERATE;
	c.next = &a;
	s = make_session(&c, &plan);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.cipher_hdr.algo) == VIRTIO_CRYPTO_NO_CIPHER);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.hash_mode) ==
	      VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN);
	CHECK(vcrypto_le32(plan.req.u.sym.u.chain.algo_flf.hash.algo) == VIRTIO_CRYPTO_NO_HASH);
	CHECK(plan.key1_len == 0 && plan.key2_len == 0);
	op = make_op(s, make_pkt(1, 64), NULL);
	op->sym->cipher.data.length = 64;
	op->sym->auth.data.length = 64;
	op->sym->auth.digest.data = NULL; /* nothing to write */
	CHECK(vcrypto_enqueue_burst(&qp, &op, 1) == 1);
	device_take(&v);
	CHECK(vcrypto_le32(hdr(&v)->u.sym.u.chain.hash_result_len) == 0);
	CHECK(v.w_len == 64 + 1);
	op = device_complete(&v, VIRTIO_CRYPTO_OK);
	CHECK(op->status == RTE_CRYPTO_OP_STATUS_SUCCESS);
	rte_pktmbuf_free(op->sym->m_src);
	rte_crypto_op_free(op);
	free(s);

	/* NULL auth alone: a HASH request for NO_HASH */
	s = make_session(&a, &plan);
	CHECK(s != NULL);
	CHECK(vcrypto_le32(plan.req.header.opcode) == VIRTIO_CRYPTO_HASH_CREATE_SESSION);
	CHECK(vcrypto_le32(plan.req.u.hash.algo) == VIRTIO_CRYPTO_NO_HASH);
	free(s);

	/* key, IV and digest lengths given to them (DPDK's blockcipher NULL
	 * vectors: "arbitrary data - shouldn't be used") are ignored */
	{
		static const uint8_t junk[20] = { 1, 2, 3 };

		c.cipher.key.data = junk;
		c.cipher.key.length = 16;
		c.cipher.iv.offset = 32;
		c.cipher.iv.length = 16;
		a.auth.key.data = junk;
		a.auth.key.length = 16;
		a.auth.digest_length = 20;
		s = make_session(&c, &plan);
		CHECK(s != NULL);
		CHECK(plan.key1_len == 0 && plan.key2_len == 0);
		if (s != NULL) {
			const struct vcrypto_session *ss = CRYPTODEV_GET_SYM_SESS_PRIV(s);

			CHECK(ss->cipher_iv_len == 0 && ss->digest_len == 0);
		}
		CHECK(vcrypto_le32(plan.req.u.sym.u.chain.cipher_hdr.key_len) == 0);
		CHECK(vcrypto_le32(plan.req.u.sym.u.chain.algo_flf.hash.hash_result_len) == 0);
		free(s);
		c.cipher.key.data = a.auth.key.data = NULL;
		c.cipher.key.length = a.auth.key.length = 0;
		c.cipher.iv.offset = c.cipher.iv.length = 0;
		a.auth.digest_length = 0;
	}

	/* a device without bit 0 offers neither */
	{
		struct vcrypto_dev d = vd;

		d.cfg.cipher_algo_l &= ~1u;
		d.cfg.hash_algo &= ~1u;
		vcrypto_caps_from_config(&d.cfg, d.caps);
		CHECK(vcrypto_find_cap(d.caps, RTE_CRYPTO_SYM_XFORM_CIPHER,
				       RTE_CRYPTO_CIPHER_NULL) == NULL);
		CHECK(vcrypto_find_cap(d.caps, RTE_CRYPTO_SYM_XFORM_AUTH,
				       RTE_CRYPTO_AUTH_NULL) == NULL);
		CHECK(vcrypto_find_cap(d.caps, RTE_CRYPTO_SYM_XFORM_CIPHER,
				       RTE_CRYPTO_CIPHER_AES_CBC) != NULL);
	}
}

/* What the config space does not offer is refused at session creation. */
static void
test_caps_from_config(void)
{
	struct vcrypto_dev small = { .rev1 = true };
	struct rte_crypto_sym_xform x = { .type = RTE_CRYPTO_SYM_XFORM_CIPHER };
	struct vcrypto_ctrl_plan plan;
	struct vcrypto_session ss;
	const struct rte_cryptodev_symmetric_capability *cap;

	small.cfg.crypto_services = 1u << VIRTIO_CRYPTO_SERVICE_CIPHER;
	small.cfg.cipher_algo_l = 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC;
	small.cfg.max_cipher_key_len = 24;
	CHECK(vcrypto_caps_from_config(&small.cfg, small.caps) == 1);
	cap = vcrypto_find_cap(small.caps, RTE_CRYPTO_SYM_XFORM_CIPHER, RTE_CRYPTO_CIPHER_AES_CBC);
	CHECK(cap != NULL && cap->cipher.key_size.max == 24);
	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	x.cipher.key.data = key;
	x.cipher.key.length = 32;
	x.cipher.iv.length = 16;
	CHECK(vcrypto_session_plan(&small, &x, &plan, &ss) == -ENOTSUP);
	x.cipher.key.length = 24;
	CHECK(vcrypto_session_plan(&small, &x, &plan, &ss) == 0);
	x.cipher.algo = RTE_CRYPTO_CIPHER_AES_CTR;
	CHECK(vcrypto_session_plan(&small, &x, &plan, &ss) == -ENOTSUP);

	/* everything offered: one entry per table row */
	CHECK(vcrypto_caps_from_config(&vd.cfg, vd.caps) > 30);
	CHECK(vcrypto_find_cap(vd.caps, RTE_CRYPTO_SYM_XFORM_AUTH, RTE_CRYPTO_AUTH_AES_GMAC));
}

int
main(int argc, char **argv)
{
	char prefix[64];
	char *eal[] = { argv[0], "--no-huge", "-m", "128", "--no-pci", "--file-prefix",
			prefix, "-l", "0", "--log-level", "*:error", NULL };
	void *ring;
	int rev, mode;

	(void)argc;
	snprintf(prefix, sizeof(prefix), "vcdptest%d", (int)getpid());
	if (rte_eal_init((int)RTE_DIM(eal) - 1, eal) < 0) {
		fprintf(stderr, "EAL init failed\n");
		return 1;
	}
	mbuf_pool = rte_pktmbuf_pool_create("m", 64, 0, 0, 512, 0);
	op_pool = rte_crypto_op_pool_create("o", RTE_CRYPTO_OP_TYPE_SYMMETRIC, 16, 0, 64, 0);
	ring = aligned_alloc(VCRYPTO_VQ_ALIGN, vcrypto_vq_ring_size(QSIZE));
	qp.slots = aligned_alloc(RTE_CACHE_LINE_SIZE, sizeof(*qp.slots) * QSIZE);
	qp.rejected = calloc(QSIZE, sizeof(void *));
	qp.meta = calloc(QSIZE, sizeof(*qp.meta));
	qp.dev = &vd;
	qp.link_state = &vd.link_state;
	if (mbuf_pool == NULL || op_pool == NULL || ring == NULL || qp.slots == NULL ||
	    qp.meta == NULL)
		return 1;

	for (rev = 0; rev < (int)sizeof(key); rev++)
		key[rev] = (uint8_t)(0x11 + rev); /* no zero byte: wiped keys show */
	vd.cfg.crypto_services = 0xf;
	vd.cfg.cipher_algo_l = vd.cfg.hash_algo = vd.cfg.mac_algo_l = ~0u;
	vd.cfg.mac_algo_h = vd.cfg.aead_algo = ~0u;
	vd.cfg.max_cipher_key_len = 64;
	vd.cfg.max_auth_key_len = 128;
	vd.cfg.max_size = 1 << 20;
	vcrypto_caps_from_config(&vd.cfg, vd.caps);

	/* Each revision with descriptors through vcrypto_vq_add(), then with
	 * request slots (chains written straight into the ring, as the PMD
	 * does without indirect tables). */
	for (mode = 0; mode < 4; mode++) {
		rev = mode & 1;
		memset(ring, 0, vcrypto_vq_ring_size(QSIZE));
		qp.vq = vcrypto_vq_create(QSIZE, ring, 0, true);
		qp.slots_addr = (uint64_t)(uintptr_t)qp.slots;
		if (mode >= 2 && vcrypto_vq_set_slots(qp.vq, qp.slots_addr, sizeof(*qp.slots),
				offsetof(struct vcrypto_data_slot, inhdr),
				sizeof(qp.slots->inhdr)) != 0)
			return 1;
		qp.addr_is_va = true;
		qp.rev1 = vd.rev1 = rev;
		/* what the PMD derives from REVISION_1 and the stateless bits */
		qp.digest_encrypted = rev;
		qp.stateless = rev ? 0xf : 0;
		qp.rej_size = QSIZE;
		qp.max_size = vd.cfg.max_size;
		test_cipher_sgl();
		test_chain();
		test_chain_plain_oop();
		test_hash();
		test_aead(false, true);
		test_aead(false, false);
		test_aead(true, true);
		test_aead(true, false);
		test_gmac_verify();
		test_wireless_mac();
		test_sessionless();
		test_null_algos();
		CHECK(vcrypto_vq_in_flight(qp.vq) == 0);
		vcrypto_vq_free(qp.vq);
	}
	test_caps_from_config();
	free(qp.rejected);
	free(qp.slots);
	free(ring);
	rte_eal_cleanup();
	printf("%s: %d failure(s)\n", argv[0], fails);
	return fails == 0 ? 0 : 1;
}
