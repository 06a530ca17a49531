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

static int
create_session(struct vcrypto_dev *vd, const struct vcrypto_ctrl_plan *p, uint64_t *session_id)
{
	struct vcrypto_vq *vq = vcrypto_frontend_ctrlq(vd->fe);
	uint32_t opcode = vcrypto_le32(p->req.header.opcode);
	uint32_t keys = p->key1_len + p->key2_len;
	struct vcrypto_vq_buf bufs[3];
	struct vcrypto_ctrl_slot *s;
	uint16_t head, n_out = 0;
	int ret;

	if (keys > sizeof(s->key))
		return -ENOTSUP;
	if (vcrypto_vq_free_count(vq) < 3) {
		VC_LOG(ERR, "control queue full (requests timed out earlier?)");
		return -ENOSPC;
	}
	head = vcrypto_vq_next_head(vq);
	s = &vd->ctrl_slots[head];
	memset(s, 0, sizeof(*s));
	s->req = p->req;
	if (p->key1_len > 0)
		memcpy(s->key, p->key1, p->key1_len);
	if (p->key2_len > 0)
		memcpy(s->key + p->key1_len, p->key2, p->key2_len);
	/* The device must overwrite this; ERR if it does not. */
	s->in.status = vcrypto_to_le32(VIRTIO_CRYPTO_ERR);

	bufs[n_out].addr = vcrypto_frontend_addr(vd->fe, &s->req);
	bufs[n_out++].len = vcrypto_ctrl_fixed_len(opcode, vd->rev1);
	if (keys > 0) {
		bufs[n_out].addr = vcrypto_frontend_addr(vd->fe, s->key);
		bufs[n_out++].len = keys;
	}
	bufs[n_out].addr = vcrypto_frontend_addr(vd->fe, &s->in);
	bufs[n_out].len = sizeof(s->in);
	ret = ctrl_exchange(vd, bufs, n_out, 1, head);
	/* Keys have no business staying in shared memory. */
	explicit_bzero(s->key, sizeof(s->key));
	if (ret < 0)
		return ret;
	ret = status_to_errno(vcrypto_le32(s->in.status));
	if (ret < 0) {
		if (ret == -ENOTSUP)
			VC_LOG(DEBUG, "device does not support this %s session", p->what);
		else
			VC_LOG(ERR, "device refused %s session: %s", p->what,
				vcrypto_status_str(vcrypto_le32(s->in.status)));
		return ret;
	}
	*session_id = vcrypto_le64(s->in.session_id);
	return 0;
}

/* CREATE_CRYPTO_SESSION in DPDK 22.11's layout (session_msg.c). */
static int
create_session_msg(struct vcrypto_dev *vd, const struct vcrypto_ctrl_plan *p,
		uint64_t *session_id)
{
	uint8_t payload[VCRYPTO_SESS_MSG_LEN];
	int ret;

	ret = vcrypto_session_msg_build(p, payload);
	if (ret == 0)
		ret = vcrypto_frontend_session_msg(vd->fe, payload, sizeof(payload));
	if (ret == 0)
		ret = vcrypto_session_msg_reply(payload, session_id);
	explicit_bzero(payload, sizeof(payload));
	if (ret < 0 && ret != -ENOTSUP)
		VC_LOG(ERR, "back-end refused %s session (CREATE_CRYPTO_SESSION): %s",
			p->what, strerror(-ret));
	return ret;
}

int
vcrypto_session_create_on_device(struct vcrypto_dev *vd, const struct vcrypto_ctrl_plan *p,
		uint64_t *session_id)
{
	return vd->vu_sessions ? create_session_msg(vd, p, session_id) :
				 create_session(vd, p, session_id);
}

static int
destroy_session(struct vcrypto_dev *vd, const struct vcrypto_session *sess)
{
	struct vcrypto_vq *vq = vcrypto_frontend_ctrlq(vd->fe);
	struct vcrypto_vq_buf bufs[2];
	struct vcrypto_ctrl_slot *s;
	uint16_t head;
	int ret;

	if (vd->vu_sessions)
		return vcrypto_frontend_session_msg_close(vd->fe, sess->session_id);
	if (vcrypto_vq_free_count(vq) < 2)
		return -ENOSPC;
	head = vcrypto_vq_next_head(vq);
	s = &vd->ctrl_slots[head];
	memset(s, 0, sizeof(*s));
	s->req.header.opcode = vcrypto_to_le32(sess->destroy_opcode);
	s->req.header.algo = vcrypto_to_le32(sess->algo);
	s->req.u.destroy.session_id = vcrypto_to_le64(sess->session_id);
	s->destroy.status = VIRTIO_CRYPTO_ERR;
	bufs[0].addr = vcrypto_frontend_addr(vd->fe, &s->req);
	bufs[0].len = vcrypto_ctrl_fixed_len(sess->destroy_opcode, vd->rev1);
	bufs[1].addr = vcrypto_frontend_addr(vd->fe, &s->destroy);
	bufs[1].len = sizeof(s->destroy);
	ret = ctrl_exchange(vd, bufs, 1, 1, head);
	if (ret < 0)
		return ret;
	return status_to_errno(s->destroy.status);
}

/* ---- xform checks: what the device offers (its capabilities) ------------ */

static int
check_cipher(const struct vcrypto_dev *vd, const struct rte_crypto_cipher_xform *c)
{
	const struct rte_cryptodev_symmetric_capability *cap =
		vcrypto_find_cap(vd->caps, RTE_CRYPTO_SYM_XFORM_CIPHER, c->algo);
	uint32_t service;
	int valgo;

	if (cap == NULL ||
	    rte_cryptodev_sym_capability_check_cipher(cap, c->key.length, c->iv.length) != 0 ||
	    (c->op != RTE_CRYPTO_CIPHER_OP_ENCRYPT && c->op != RTE_CRYPTO_CIPHER_OP_DECRYPT)) {
		VC_LOG(DEBUG, "session: cipher algo %d (key %u, iv %u) not offered",
			c->algo, c->key.length,
			c->iv.length);
		return -ENOTSUP;
	}
	valgo = vcrypto_wire_algo(RTE_CRYPTO_SYM_XFORM_CIPHER, c->algo, &service);
	return valgo < 0 || service != VIRTIO_CRYPTO_SERVICE_CIPHER ? -ENOTSUP : valgo;
}

static int
check_auth(const struct vcrypto_dev *vd, const struct rte_crypto_auth_xform *a,
		uint32_t *service)
{
	const struct rte_cryptodev_symmetric_capability *cap =
		vcrypto_find_cap(vd->caps, RTE_CRYPTO_SYM_XFORM_AUTH, a->algo);

	if (cap == NULL ||
	    rte_cryptodev_sym_capability_check_auth(cap, a->key.length, a->digest_length,
						    a->iv.length) != 0 ||
	    a->digest_length > VCRYPTO_MAX_DIGEST_LEN ||
	    (a->op != RTE_CRYPTO_AUTH_OP_GENERATE && a->op != RTE_CRYPTO_AUTH_OP_VERIFY)) {
		VC_LOG(DEBUG, "session: auth algo %d (key %u, digest %u, iv %u) not offered",
			a->algo, a->key.length,
			a->digest_length, a->iv.length);
		return -ENOTSUP;
	}
	return vcrypto_wire_algo(RTE_CRYPTO_SYM_XFORM_AUTH, a->algo, service);
}

static bool
cipher_in_bits(enum rte_crypto_cipher_algorithm a)
{
	return a == RTE_CRYPTO_CIPHER_SNOW3G_UEA2 || a == RTE_CRYPTO_CIPHER_KASUMI_F8 ||
	       a == RTE_CRYPTO_CIPHER_ZUC_EEA3;
}

/* The wireless MACs: lengths in bits, and (per the conventions) chained. */
static bool
auth_in_bits(enum rte_crypto_auth_algorithm a)
{
	return a == RTE_CRYPTO_AUTH_SNOW3G_UIA2 || a == RTE_CRYPTO_AUTH_KASUMI_F9 ||
	       a == RTE_CRYPTO_AUTH_ZUC_EIA3;
}

/* ---- xforms -> control request + session ------------------------------- */

static void
set_data_opcode(const struct vcrypto_dev *vd, struct vcrypto_session *ss, uint32_t opcode)
{
	ss->opcode = opcode;
	ss->fixed_len = (uint16_t)vcrypto_data_fixed_len(opcode, vd->rev1, 0);
}

static void
fill_cipher_flf(struct vcrypto_cipher_session_flf *f, uint32_t valgo,
		const struct rte_crypto_cipher_xform *c)
{
	f->algo = vcrypto_to_le32(valgo);
	f->key_len = vcrypto_to_le32(c != NULL ? c->key.length : 0);
	f->op = vcrypto_to_le32(c == NULL || c->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
				VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT);
}

static int
plan_cipher(const struct vcrypto_dev *vd, const struct rte_crypto_cipher_xform *c,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss)
{
	int valgo = check_cipher(vd, c);

	if (valgo < 0)
		return valgo;
	p->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	p->req.header.algo = vcrypto_to_le32(valgo);
	p->req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	fill_cipher_flf(&p->req.u.sym.u.cipher, valgo, c);
	p->key1 = c->key.data;
	p->key1_len = c->key.length;
	p->what = "cipher";

	ss->kind = VCRYPTO_SESS_CIPHER;
	ss->algo = valgo;
	ss->destroy_opcode = VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION;
	ss->cipher_bits = cipher_in_bits(c->algo);
	ss->cipher_iv_offset = c->iv.offset;
	ss->cipher_iv_len = c->iv.length;
	set_data_opcode(vd, ss, c->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
			VIRTIO_CRYPTO_CIPHER_ENCRYPT : VIRTIO_CRYPTO_CIPHER_DECRYPT);
	return 0;
}

/*
 * Algorithm chaining: a cipher (or VIRTIO_CRYPTO_NO_CIPHER, for the MACs
 * that take an IV) with a hash (HASH_MODE_PLAIN) or a MAC (HASH_MODE_AUTH).
 */
static int
plan_chain(const struct vcrypto_dev *vd, const struct rte_crypto_cipher_xform *c,
		const struct rte_crypto_auth_xform *a, bool cipher_first,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss)
{
	struct vcrypto_alg_chain_session_flf *f = &p->req.u.sym.u.chain;
	int cvalgo = VIRTIO_CRYPTO_NO_CIPHER, avalgo;
	uint32_t service;

	if (c != NULL) {
		cvalgo = check_cipher(vd, c);
		if (cvalgo < 0)
			return cvalgo;
	}
	avalgo = check_auth(vd, a, &service);
	if (avalgo < 0)
		return avalgo;
	if ((service != VIRTIO_CRYPTO_SERVICE_HASH && service != VIRTIO_CRYPTO_SERVICE_MAC) ||
	    a->algo == RTE_CRYPTO_AUTH_AES_GMAC) {
		VC_LOG(DEBUG, "session: auth algo %d cannot be chained with a cipher",
			a->algo);
		return -ENOTSUP;
	}
	if ((c != NULL ? c->iv.length : 0) + a->iv.length > VCRYPTO_MAX_IV_LEN)
		return -ENOTSUP;

	p->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	p->req.header.algo = vcrypto_to_le32(cvalgo);
	p->req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	f->alg_chain_order = vcrypto_to_le32(cipher_first ?
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH :
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER);
	fill_cipher_flf(&f->cipher_hdr, cvalgo, c);
	if (service == VIRTIO_CRYPTO_SERVICE_HASH) {
		f->hash_mode = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN);
		f->algo_flf.hash.algo = vcrypto_to_le32(avalgo);
		f->algo_flf.hash.hash_result_len = vcrypto_to_le32(a->digest_length);
	} else {
		f->hash_mode = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH);
		f->algo_flf.mac.algo = vcrypto_to_le32(avalgo);
		f->algo_flf.mac.hash_result_len = vcrypto_to_le32(a->digest_length);
		f->algo_flf.mac.auth_key_len = vcrypto_to_le32(a->key.length);
		p->key2 = a->key.data;
		p->key2_len = a->key.length;
	}
	if (c != NULL) {
		p->key1 = c->key.data;
		p->key1_len = c->key.length;
	}
	p->what = c != NULL ? "chaining" : "IV-taking MAC (chaining, no cipher)";

	ss->kind = VCRYPTO_SESS_CHAIN;
	ss->algo = cvalgo;
	ss->destroy_opcode = VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION;
	ss->has_cipher = c != NULL;
	ss->hash_first = !cipher_first;
	ss->cipher_bits = c != NULL && cipher_in_bits(c->algo);
	ss->auth_bits = auth_in_bits(a->algo);
	ss->verify = a->op == RTE_CRYPTO_AUTH_OP_VERIFY;
	ss->cipher_iv_offset = c != NULL ? c->iv.offset : 0;
	ss->cipher_iv_len = c != NULL ? c->iv.length : 0;
	ss->auth_iv_offset = a->iv.offset;
	ss->auth_iv_len = a->iv.length;
	ss->digest_len = a->digest_length;
	set_data_opcode(vd, ss, c == NULL || c->op == RTE_CRYPTO_CIPHER_OP_ENCRYPT ?
			VIRTIO_CRYPTO_CIPHER_ENCRYPT : VIRTIO_CRYPTO_CIPHER_DECRYPT);
	return 0;
}

/* AES-GMAC: an AEAD GCM session whose requests carry the message as AAD. */
static int
plan_gmac(const struct vcrypto_dev *vd, const struct rte_crypto_auth_xform *a,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss)
{
	struct vcrypto_aead_create_session_flf *f = &p->req.u.aead;

	p->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_AEAD_CREATE_SESSION);
	p->req.header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_AEAD_GCM);
	f->algo = vcrypto_to_le32(VIRTIO_CRYPTO_AEAD_GCM);
	f->key_len = vcrypto_to_le32(a->key.length);
	f->tag_len = vcrypto_to_le32(a->digest_length);
	f->aad_len = 0; /* per request: the message length */
	f->op = vcrypto_to_le32(VIRTIO_CRYPTO_OP_ENCRYPT);
	p->key1 = a->key.data;
	p->key1_len = a->key.length;
	p->what = "AES-GMAC (AEAD GCM)";

	ss->kind = VCRYPTO_SESS_GMAC;
	ss->algo = VIRTIO_CRYPTO_AEAD_GCM;
	ss->destroy_opcode = VIRTIO_CRYPTO_AEAD_DESTROY_SESSION;
	ss->verify = a->op == RTE_CRYPTO_AUTH_OP_VERIFY;
	ss->encrypt = true;
	ss->cipher_iv_offset = a->iv.offset;
	ss->cipher_iv_len = a->iv.length;
	ss->digest_len = a->digest_length;
	set_data_opcode(vd, ss, VIRTIO_CRYPTO_AEAD_ENCRYPT);
	return 0;
}

static int
plan_auth(const struct vcrypto_dev *vd, const struct rte_crypto_auth_xform *a,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss)
{
	uint32_t service;
	int valgo = check_auth(vd, a, &service);

	if (valgo < 0)
		return valgo;
	if (a->algo == RTE_CRYPTO_AUTH_AES_GMAC)
		return plan_gmac(vd, a, p, ss);
	if (auth_in_bits(a->algo))
		return plan_chain(vd, NULL, a, false, p, ss);

	ss->kind = VCRYPTO_SESS_HASH;
	ss->algo = valgo;
	ss->verify = a->op == RTE_CRYPTO_AUTH_OP_VERIFY;
	ss->digest_len = a->digest_length;
	p->req.header.algo = vcrypto_to_le32(valgo);
	switch (service) {
	case VIRTIO_CRYPTO_SERVICE_HASH:
		p->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_HASH_CREATE_SESSION);
		p->req.u.hash.algo = vcrypto_to_le32(valgo);
		p->req.u.hash.hash_result_len = vcrypto_to_le32(a->digest_length);
		p->what = "hash";
		ss->destroy_opcode = VIRTIO_CRYPTO_HASH_DESTROY_SESSION;
		set_data_opcode(vd, ss, VIRTIO_CRYPTO_HASH);
		return 0;
	case VIRTIO_CRYPTO_SERVICE_MAC:
		p->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_MAC_CREATE_SESSION);
		p->req.u.mac.algo = vcrypto_to_le32(valgo);
		p->req.u.mac.hash_result_len = vcrypto_to_le32(a->digest_length);
		p->req.u.mac.auth_key_len = vcrypto_to_le32(a->key.length);
		p->key1 = a->key.data;
		p->key1_len = a->key.length;
		p->what = "MAC";
		ss->destroy_opcode = VIRTIO_CRYPTO_MAC_DESTROY_SESSION;
		set_data_opcode(vd, ss, VIRTIO_CRYPTO_MAC);
		return 0;
	default:
		return -ENOTSUP;
	}
}

static int
plan_aead(const struct vcrypto_dev *vd, const struct rte_crypto_aead_xform *a,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss)
{
	const struct rte_cryptodev_symmetric_capability *cap =
		vcrypto_find_cap(vd->caps, RTE_CRYPTO_SYM_XFORM_AEAD, a->algo);
	struct vcrypto_aead_create_session_flf *f = &p->req.u.aead;
	bool enc = a->op == RTE_CRYPTO_AEAD_OP_ENCRYPT;
	uint32_t service;
	int valgo;

	if (cap == NULL ||
	    rte_cryptodev_sym_capability_check_aead(cap, a->key.length, a->digest_length,
						    a->aad_length, a->iv.length) != 0 ||
	    (!enc && a->op != RTE_CRYPTO_AEAD_OP_DECRYPT)) {
		VC_LOG(DEBUG, "session: AEAD algo %d (key %u, tag %u, aad %u, iv %u) not offered",
			a->algo, a->key.length,
			a->digest_length, a->aad_length, a->iv.length);
		return -ENOTSUP;
	}
	valgo = vcrypto_wire_algo(RTE_CRYPTO_SYM_XFORM_AEAD, a->algo, &service);
	if (valgo < 0)
		return valgo;
	p->req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_AEAD_CREATE_SESSION);
	p->req.header.algo = vcrypto_to_le32(valgo);
	f->algo = vcrypto_to_le32(valgo);
	f->key_len = vcrypto_to_le32(a->key.length);
	f->tag_len = vcrypto_to_le32(a->digest_length);
	f->aad_len = vcrypto_to_le32(a->aad_length);
	f->op = vcrypto_to_le32(enc ? VIRTIO_CRYPTO_OP_ENCRYPT : VIRTIO_CRYPTO_OP_DECRYPT);
	p->key1 = a->key.data;
	p->key1_len = a->key.length;
	p->what = "AEAD";

	ss->kind = VCRYPTO_SESS_AEAD;
	ss->algo = valgo;
	ss->destroy_opcode = VIRTIO_CRYPTO_AEAD_DESTROY_SESSION;
	ss->encrypt = enc;
	ss->ccm = a->algo == RTE_CRYPTO_AEAD_AES_CCM;
	/* DPDK keeps CCM's flags byte before the nonce; the wire has none. */
	ss->cipher_iv_offset = a->iv.offset + (ss->ccm ? 1 : 0);
	ss->cipher_iv_len = a->iv.length;
	ss->digest_len = a->digest_length;
	ss->aad_len = a->aad_length;
	set_data_opcode(vd, ss, enc ? VIRTIO_CRYPTO_AEAD_ENCRYPT : VIRTIO_CRYPTO_AEAD_DECRYPT);
	return 0;
}

/*
 * An IV given to an algorithm whose capability has none is ignored, as
 * other PMDs do: callers reuse xform memory (rte_crypto_op_sym_xforms_alloc
 * sets only type and next), so it may hold a stale IV. So are the key and
 * digest lengths given to the NULL cipher and NULL auth (DPDK's blockcipher
 * NULL vectors carry "arbitrary data - shouldn't be used"); NO_CIPHER and
 * NO_HASH take none. Copies of the (at most two) xforms are returned.
 */
static const struct rte_crypto_sym_xform *
normalize_xforms(const struct vcrypto_dev *vd, const struct rte_crypto_sym_xform *x,
		struct rte_crypto_sym_xform c[2])
{
	const struct rte_cryptodev_symmetric_capability *cap;
	unsigned int i;

	for (i = 0; i < 2 && x != NULL; i++, x = x->next) {
		c[i] = *x;
		c[i].next = NULL;
		if (i == 1)
			c[0].next = &c[1];
		if (x->type == RTE_CRYPTO_SYM_XFORM_AUTH) {
			cap = vcrypto_find_cap(vd->caps, x->type, x->auth.algo);
			if (cap != NULL && cap->auth.iv_size.max == 0)
				c[i].auth.iv.offset = c[i].auth.iv.length = 0;
			if (x->auth.algo == RTE_CRYPTO_AUTH_NULL) {
				c[i].auth.key.data = NULL;
				c[i].auth.key.length = 0;
				c[i].auth.digest_length = 0;
			}
		} else if (x->type == RTE_CRYPTO_SYM_XFORM_CIPHER) {
			cap = vcrypto_find_cap(vd->caps, x->type, x->cipher.algo);
			if (cap != NULL && cap->cipher.iv_size.max == 0)
				c[i].cipher.iv.offset = c[i].cipher.iv.length = 0;
			if (x->cipher.algo == RTE_CRYPTO_CIPHER_NULL) {
				c[i].cipher.key.data = NULL;
				c[i].cipher.key.length = 0;
			}
		}
	}
	return c;
}

int
vcrypto_session_plan(const struct vcrypto_dev *vd, const struct rte_crypto_sym_xform *x,
		struct vcrypto_ctrl_plan *p, struct vcrypto_session *ss)
{
	struct rte_crypto_sym_xform xf[2];
	const struct rte_crypto_sym_xform *y;

	memset(p, 0, sizeof(*p));
	memset(ss, 0, sizeof(*ss));

	if (x == NULL || (x->next != NULL && x->next->next != NULL))
		return -ENOTSUP;
	x = normalize_xforms(vd, x, xf);
	y = x->next;
	if (y == NULL) {
		switch (x->type) {
		case RTE_CRYPTO_SYM_XFORM_CIPHER:
			return plan_cipher(vd, &x->cipher, p, ss);
		case RTE_CRYPTO_SYM_XFORM_AUTH:
			return plan_auth(vd, &x->auth, p, ss);
		case RTE_CRYPTO_SYM_XFORM_AEAD:
			return plan_aead(vd, &x->aead, p, ss);
		default:
			return -ENOTSUP;
		}
	}
	if (x->type == RTE_CRYPTO_SYM_XFORM_CIPHER && y->type == RTE_CRYPTO_SYM_XFORM_AUTH)
		return plan_chain(vd, &x->cipher, &y->auth, true, p, ss);
	if (x->type == RTE_CRYPTO_SYM_XFORM_AUTH && y->type == RTE_CRYPTO_SYM_XFORM_CIPHER)
		return plan_chain(vd, &y->cipher, &x->auth, false, p, ss);
	VC_LOG(DEBUG, "session: xform pair %d, %d not supported", x->type, y->type);
	return -ENOTSUP;
}

unsigned int
vcrypto_sym_session_get_size(struct rte_cryptodev *dev __rte_unused)
{
	return sizeof(struct vcrypto_session);
}

int
vcrypto_sym_session_configure(struct rte_cryptodev *dev,
		struct rte_crypto_sym_xform *xform, struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_dev *vd = vdev_of(dev);
	struct vcrypto_session *priv = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	struct vcrypto_session ss;
	struct vcrypto_ctrl_plan p;
	uint64_t id;
	int ret;

	if (xform == NULL || priv == NULL)
		return -EINVAL;
	ret = vcrypto_session_plan(vd, xform, &p, &ss);
	if (ret < 0)
		return ret;
	if (vd->vu_sessions && !vcrypto_session_msg_expressible(&p)) {
		VC_LOG(DEBUG, "session=vhost-user: a %s session has no CREATE_CRYPTO_SESSION "
			"form", p.what);
		return -ENOTSUP;
	}
	if (p.key1_len + p.key2_len > sizeof(priv->keys))
		return -ENOTSUP;
	if (__atomic_load_n(&vd->link_state, __ATOMIC_ACQUIRE) & VCRYPTO_LINK_DOWN) {
		VC_LOG(ERR, "no session while the back-end is away");
		return -ENOTCONN;
	}
	/* DPDK's back-end checks a verify chain's digest itself (session_msg.c). */
	ss.device_verifies = vd->vu_sessions && ss.verify;
	/* Kept to create the session again on a new connection (link.c). */
	ss.create_req = p.req;
	ss.key1_len = (uint16_t)p.key1_len;
	ss.key2_len = (uint16_t)p.key2_len;
	if (p.key1_len > 0)
		memcpy(ss.keys, p.key1, p.key1_len);
	if (p.key2_len > 0)
		memcpy(ss.keys + p.key1_len, p.key2, p.key2_len);
	rte_spinlock_lock(&vd->ctrl_lock);
	ret = vcrypto_session_create_on_device(vd, &p, &id);
	if (ret == 0) {
		ss.session_id = id;
		*priv = ss;
		TAILQ_INSERT_TAIL(&vd->sessions, priv, next);
	}
	rte_spinlock_unlock(&vd->ctrl_lock);
	explicit_bzero(&ss, sizeof(ss));
	if (ret < 0)
		return ret;
	VC_LOG(DEBUG, "session %" PRIu64 " created (%s, algo %u, opcode %#x)", id, p.what,
		ss.algo, ss.opcode);
	return 0;
}

void
vcrypto_sym_session_clear(struct rte_cryptodev *dev, struct rte_cryptodev_sym_session *sess)
{
	struct vcrypto_dev *vd = vdev_of(dev);
	struct vcrypto_session *priv = CRYPTODEV_GET_SYM_SESS_PRIV(sess);
	int ret;

	if (priv == NULL || priv->destroy_opcode == 0)
		return;
	rte_spinlock_lock(&vd->ctrl_lock);
	TAILQ_REMOVE(&vd->sessions, priv, next);
	/* A back-end that went away took its sessions along. */
	ret = __atomic_load_n(&vd->link_state, __ATOMIC_ACQUIRE) & VCRYPTO_LINK_DOWN ||
	      priv->session_id == UINT64_MAX ? 0 : destroy_session(vd, priv);
	rte_spinlock_unlock(&vd->ctrl_lock);
	if (ret < 0)
		VC_LOG(WARNING, "DESTROY_SESSION %" PRIu64 " failed: %s", priv->session_id,
			strerror(-ret));
	explicit_bzero(priv, sizeof(*priv));
}
