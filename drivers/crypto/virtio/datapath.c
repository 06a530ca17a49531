/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * The datapath: rte_crypto_op bursts <-> virtio-crypto data requests. Each
 * request uses the preallocated slot of its head descriptor (fixed part +
 * IV + status); the chain is
 *   [fixed part + IV] R, [src] R, [dst] W, [status] W
 * (the spec's variable part order: iv, src | dst, status). Nothing is
 * allocated, locked or logged per operation; one kick per burst.
 */
#include <rte_mbuf.h>

#include "virtio_crypto_priv.h"

static inline uint64_t
mbuf_addr(const struct vcrypto_qp *qp, struct rte_mbuf *m, uint32_t off)
{
	if (qp->addr_is_va)
		return (uint64_t)(uintptr_t)rte_pktmbuf_mtod_offset(m, void *, off);
	return rte_pktmbuf_iova_offset(m, off);
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

/* What is wrong with an op, or NOT_PROCESSED when it can go to the device. */
static inline enum rte_crypto_op_status
check_op(const struct rte_crypto_op *op)
{
	const struct rte_crypto_sym_op *sym = op->sym;
	const struct rte_mbuf *dst = sym->m_dst ? sym->m_dst : sym->m_src;
	uint32_t end = sym->cipher.data.offset + sym->cipher.data.length;

	if (unlikely(op->type != RTE_CRYPTO_OP_TYPE_SYMMETRIC ||
		     op->sess_type != RTE_CRYPTO_OP_WITH_SESSION || sym->session == NULL))
		return RTE_CRYPTO_OP_STATUS_INVALID_SESSION;
	if (unlikely(sym->m_src == NULL || sym->m_src->nb_segs != 1 || dst->nb_segs != 1 ||
		     sym->cipher.data.length == 0 ||
		     end < sym->cipher.data.offset ||
		     end > rte_pktmbuf_data_len(sym->m_src) || end > rte_pktmbuf_data_len(dst)))
		return RTE_CRYPTO_OP_STATUS_INVALID_ARGS;
	return RTE_CRYPTO_OP_STATUS_NOT_PROCESSED;
}

static inline int
submit(struct vcrypto_qp *qp, struct rte_crypto_op *op)
{
	struct rte_crypto_sym_op *sym = op->sym;
	const struct vcrypto_session *sess = CRYPTODEV_GET_SYM_SESS_PRIV(sym->session);
	struct rte_mbuf *dst = sym->m_dst ? sym->m_dst : sym->m_src;
	uint32_t off = sym->cipher.data.offset, len = sym->cipher.data.length;
	uint16_t head = vcrypto_vq_next_head(qp->vq);
	struct vcrypto_data_slot *s = &qp->slots[head];
	uint64_t s_addr = qp->slots_addr + (uint64_t)head * sizeof(*s);
	struct vcrypto_vq_buf bufs[VCRYPTO_DATA_DESCS];

	s->req.header.opcode = vcrypto_to_le32(sess->opcode);
	s->req.header.algo = vcrypto_to_le32(sess->algo);
	s->req.header.session_id = vcrypto_to_le64(sess->session_id);
	s->req.header.flag = vcrypto_to_le32(qp->rev1 ? VIRTIO_CRYPTO_FLAG_SESSION_MODE : 0);
	s->req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	s->req.u.sym.u.cipher.iv_len = vcrypto_to_le32(sess->iv_len);
	s->req.u.sym.u.cipher.src_data_len = vcrypto_to_le32(len);
	s->req.u.sym.u.cipher.dst_data_len = vcrypto_to_le32(len);
	rte_memcpy(s->iv, rte_crypto_op_ctod_offset(op, uint8_t *, sess->iv_offset),
		   sess->iv_len);
	/* A device that never writes the status must not look successful. */
	s->inhdr.status = VIRTIO_CRYPTO_ERR;

	/* Without REVISION_1 the fixed part is 72 bytes either way, so the IV
	 * sits right behind it in the slot and both go in one descriptor. */
	bufs[0].addr = s_addr;
	bufs[0].len = sess->fixed_len + sess->iv_len;
	bufs[1].addr = mbuf_addr(qp, sym->m_src, off);
	bufs[1].len = len;
	bufs[2].addr = mbuf_addr(qp, dst, off);
	bufs[2].len = len;
	bufs[3].addr = s_addr + offsetof(struct vcrypto_data_slot, inhdr);
	bufs[3].len = sizeof(s->inhdr);
	return vcrypto_vq_add(qp->vq, bufs, 2, 2, op);
}

uint16_t
vcrypto_enqueue_burst(void *qp_, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qp_;
	uint16_t i;

	for (i = 0; i < nb_ops; i++) {
		struct rte_crypto_op *op = ops[i];
		enum rte_crypto_op_status st = check_op(op);

		if (unlikely(st != RTE_CRYPTO_OP_STATUS_NOT_PROCESSED)) {
			if (!reject(qp, op, st))
				break;
			continue;
		}
		if (unlikely(vcrypto_vq_is_broken(qp->vq))) {
			/* Fail visibly rather than leave the caller retrying. */
			if (!reject(qp, op, RTE_CRYPTO_OP_STATUS_ERROR))
				break;
			continue;
		}
		if (vcrypto_vq_free_count(qp->vq) < VCRYPTO_DATA_DESCS ||
		    submit(qp, op) < 0)
			break;
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
vcrypto_dequeue_burst(void *qp_, struct rte_crypto_op **ops, uint16_t nb_ops)
{
	struct vcrypto_qp *qp = qp_;
	struct vcrypto_vq_used used[64];
	uint16_t n = 0;
	int got, i;

	while (n < nb_ops && qp->rej_count > 0) {
		ops[n++] = qp->rejected[qp->rej_head];
		qp->rej_head = (qp->rej_head + 1) & (qp->rej_size - 1);
		qp->rej_count--;
		qp->stats.dequeue_err_count++;
	}
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

			op->status = map_status(qp->slots[used[i].head].inhdr.status);
			if (unlikely(op->status != RTE_CRYPTO_OP_STATUS_SUCCESS))
				qp->stats.dequeue_err_count++;
			ops[n++] = op;
		}
	}
	qp->stats.dequeued_count += n;
	return n;
}
