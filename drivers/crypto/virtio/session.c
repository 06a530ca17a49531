/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * rte_crypto session xforms <-> virtio-crypto control requests. Whatever the
 * device cannot do is refused here, at session creation (-ENOTSUP), so the
 * datapath never meets an unsupported operation.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_pause.h>

#include "virtio_crypto_log.h"
#include "virtio_crypto_priv.h"

static struct vcrypto_dev *
vdev_of(struct rte_cryptodev *dev)
{
	return dev->data->dev_private;
}

/*
 * Put one chain on the control queue and wait for its completion. Called
 * with ctrl_lock held. A request that times out stays in flight: its slot is
 * not reused until the device returns it, and a late completion is then
 * reaped and dropped here.
 */
static int
ctrl_exchange(struct vcrypto_dev *vd, const struct vcrypto_vq_buf *bufs,
		uint16_t n_out, uint16_t n_in, uint16_t head)
{
	struct vcrypto_vq *vq = vcrypto_frontend_ctrlq(vd->fe);
	uint64_t deadline = rte_get_timer_cycles() +
			    rte_get_timer_hz() * VCRYPTO_CTRL_TIMEOUT_MS / 1000;
	struct vcrypto_vq_used u;
	int ret;

	ret = vcrypto_vq_add(vq, bufs, n_out, n_in, NULL);
	if (ret < 0) {
		VC_LOG(ERR, "control queue: cannot add request: %s", strerror(-ret));
		return ret;
	}
	RTE_VERIFY(ret == head);
	vcrypto_vq_kick(vq);
	for (;;) {
		ret = vcrypto_vq_get_used(vq, &u, 1);
		if (ret < 0)
			return -EIO;
		if (ret == 1 && u.head == head)
			return 0;
		if (ret == 1) {
			VC_LOG(DEBUG, "control queue: late completion of %u dropped", u.head);
			continue;
		}
		if (rte_get_timer_cycles() > deadline) {
			VC_LOG(ERR, "control queue: no answer from the device in %d ms",
				VCRYPTO_CTRL_TIMEOUT_MS);
			return -ETIMEDOUT;
		}
		rte_pause();
	}
}

static int
status_to_errno(uint32_t status)
{
	switch (status) {
	case VIRTIO_CRYPTO_OK:
		return 0;
	case VIRTIO_CRYPTO_NOTSUPP:
		return -ENOTSUP;
	case VIRTIO_CRYPTO_NOSPC:
		return -ENOSPC;
	default:
		return -EIO;
	}
}

/* The session parameters this driver and the device both support. */
static int
check_cipher_xform(const struct vcrypto_dev *vd, const struct rte_crypto_sym_xform *x)
{
	const struct rte_crypto_cipher_xform *c = &x->cipher;

	if (x->type != RTE_CRYPTO_SYM_XFORM_CIPHER || x->next != NULL) {
		VC_LOG(DEBUG, "session: only a single cipher xform is supported");
		return -ENOTSUP;
	}
	if (c->algo != RTE_CRYPTO_CIPHER_AES_CBC ||
	    !vcrypto_algo_in_mask32(vd->cfg.crypto_services, VIRTIO_CRYPTO_SERVICE_CIPHER) ||
	    !vcrypto_algo_in_mask64(vd->cfg.cipher_algo_l, vd->cfg.cipher_algo_h,
				    VIRTIO_CRYPTO_CIPHER_AES_CBC)) {
		VC_LOG(DEBUG, "session: cipher algorithm %d not supported", c->algo);
		return -ENOTSUP;
	}
	if ((c->key.length != 16 && c->key.length != 24 && c->key.length != 32) ||
	    c->key.length > vd->cfg.max_cipher_key_len) {
		VC_LOG(DEBUG, "session: AES-CBC key of %u bytes not supported", c->key.length);
		return -ENOTSUP;
	}
	if (c->iv.length != 16) {
		VC_LOG(DEBUG, "session: AES-CBC IV of %u bytes not supported", c->iv.length);
		return -ENOTSUP;
	}
	if (c->op != RTE_CRYPTO_CIPHER_OP_ENCRYPT && c->op != RTE_CRYPTO_CIPHER_OP_DECRYPT)
		return -ENOTSUP;
	return 0;
}

static int
create_session(struct vcrypto_dev *vd, const struct rte_crypto_cipher_xform *c,
		uint64_t *session_id)
{
	struct vcrypto_vq *vq = vcrypto_frontend_ctrlq(vd->fe);
	struct vcrypto_vq_buf bufs[3];
	struct vcrypto_ctrl_slot *s;
	struct vcrypto_cipher_session_flf *flf;
	uint16_t head;
	int ret;

	if (vcrypto_vq_free_count(vq) < 3) {
		VC_LOG(ERR, "control queue full (requests timed out earlier?)");
		return -ENOSPC;
	}
	head = vcrypto_vq_next_head(vq);
	s = &vd->ctrl_slots[head];
	memset(s, 0, sizeof(*s));
	s->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	s->req.header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	s->req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	flf = &s->req.u.sym.u.cipher;
	flf->algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	flf->key_len = vcrypto_to_le32(c->key.length);
	flf->op = vcrypto_to_le32(c->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
				  VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT);
	memcpy(s->key, c->key.data, c->key.length);
	/* The device must overwrite this; ERR if it does not. */
	s->in.status = vcrypto_to_le32(VIRTIO_CRYPTO_ERR);

	bufs[0].addr = vcrypto_frontend_addr(vd->fe, &s->req);
	bufs[0].len = vcrypto_ctrl_fixed_len(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, vd->rev1);
	bufs[1].addr = vcrypto_frontend_addr(vd->fe, s->key);
	bufs[1].len = c->key.length;
	bufs[2].addr = vcrypto_frontend_addr(vd->fe, &s->in);
	bufs[2].len = sizeof(s->in);
	ret = ctrl_exchange(vd, bufs, 2, 1, head);
	/* The key has no business staying in shared memory. */
	explicit_bzero(s->key, sizeof(s->key));
	if (ret < 0)
		return ret;
	ret = status_to_errno(vcrypto_le32(s->in.status));
	if (ret < 0) {
		VC_LOG(ERR, "device refused CIPHER_CREATE_SESSION (AES-CBC, %u-byte key): %s",
			c->key.length, vcrypto_status_str(vcrypto_le32(s->in.status)));
		return ret;
	}
	*session_id = vcrypto_le64(s->in.session_id);
	return 0;
}

static int
destroy_session(struct vcrypto_dev *vd, const struct vcrypto_session *sess)
{
	struct vcrypto_vq *vq = vcrypto_frontend_ctrlq(vd->fe);
	struct vcrypto_vq_buf bufs[2];
	struct vcrypto_ctrl_slot *s;
	uint16_t head;
	int ret;

	if (vcrypto_vq_free_count(vq) < 2)
		return -ENOSPC;
	head = vcrypto_vq_next_head(vq);
	s = &vd->ctrl_slots[head];
	memset(s, 0, sizeof(*s));
	s->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION);
	s->req.header.algo = vcrypto_to_le32(sess->algo);
	s->req.u.destroy.session_id = vcrypto_to_le64(sess->session_id);
	s->destroy.status = VIRTIO_CRYPTO_ERR;
	bufs[0].addr = vcrypto_frontend_addr(vd->fe, &s->req);
	bufs[0].len = vcrypto_ctrl_fixed_len(VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, vd->rev1);
	bufs[1].addr = vcrypto_frontend_addr(vd->fe, &s->destroy);
	bufs[1].len = sizeof(s->destroy);
	ret = ctrl_exchange(vd, bufs, 1, 1, head);
	if (ret < 0)
		return ret;
	return status_to_errno(s->destroy.status);
}

unsigned int
vcrypto_sym_session_get_size(struct rte_cryptodev *dev)
{
	return sizeof(struct vcrypto_session);
}

int
vcrypto_sym_session_configure(struct rte_cryptodev *dev,
		struct rte_crypto_sym_xform *xform, struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_dev *vd = vdev_of(dev);
	struct vcrypto_session *priv = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	const struct rte_crypto_cipher_xform *c;
	uint64_t id;
	int ret;

	if (xform == NULL || priv == NULL)
		return -EINVAL;
	ret = check_cipher_xform(vd, xform);
	if (ret < 0)
		return ret;
	c = &xform->cipher;
	rte_spinlock_lock(&vd->ctrl_lock);
	ret = create_session(vd, c, &id);
	rte_spinlock_unlock(&vd->ctrl_lock);
	if (ret < 0)
		return ret;
	priv->session_id = id;
	priv->algo = VIRTIO_CRYPTO_CIPHER_AES_CBC;
	priv->opcode = c->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
		       VIRTIO_CRYPTO_CIPHER_ENCRYPT : VIRTIO_CRYPTO_CIPHER_DECRYPT;
	priv->fixed_len = vcrypto_data_fixed_len(priv->opcode, vd->rev1, 0);
	priv->iv_offset = c->iv.offset;
	priv->iv_len = c->iv.length;
	VC_LOG(DEBUG, "session %" PRIu64 " created (AES-CBC-%u %s)", id,
		c->key.length * 8, c->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ? "enc" : "dec");
	return 0;
}

void
vcrypto_sym_session_clear(struct rte_cryptodev *dev, struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_dev *vd = vdev_of(dev);
	struct vcrypto_session *priv = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	int ret;

	if (priv == NULL)
		return;
	rte_spinlock_lock(&vd->ctrl_lock);
	ret = destroy_session(vd, priv);
	rte_spinlock_unlock(&vd->ctrl_lock);
	if (ret < 0)
		VC_LOG(WARNING, "DESTROY_SESSION %" PRIu64 " failed: %s", priv->session_id,
			strerror(-ret));
	memset(priv, 0, sizeof(*priv));
}
