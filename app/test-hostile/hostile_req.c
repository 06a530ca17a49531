/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <string.h>

#include "hostile_req.h"

void
hc_add(struct hchain *c, uint64_t addr, uint32_t len, bool write)
{
	struct hdesc *p = &c->d[c->n];

	if (c->n > 0) {
		c->d[c->n - 1].flags |= VCRYPTO_VRING_DESC_F_NEXT;
		c->d[c->n - 1].next = c->n;
	}
	p->addr = addr;
	p->len = len;
	p->flags = write ? VCRYPTO_VRING_DESC_F_WRITE : 0;
	p->next = 0;
	c->n++;
}

void
h_cbc_req(struct hdev *d, struct hchain *c, uint64_t sid, uint32_t opcode,
		const uint8_t *iv, const uint8_t *src, uint32_t len)
{
	struct vcrypto_data_req *r = (void *)(d->mem + M_HDR);

	memset(r, 0, sizeof(*r));
	r->header.opcode = vcrypto_to_le32(opcode);
	r->header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	r->header.session_id = vcrypto_to_le64(sid);
	r->header.flag = vcrypto_to_le32(d->rev1 ? VIRTIO_CRYPTO_FLAG_SESSION_MODE : 0);
	r->u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	r->u.sym.u.cipher.iv_len = vcrypto_to_le32(16);
	r->u.sym.u.cipher.src_data_len = vcrypto_to_le32(len);
	r->u.sym.u.cipher.dst_data_len = vcrypto_to_le32(len);
	memcpy(d->mem + M_IV, iv, 16);
	memcpy(d->mem + M_SRC, src, len);
	memset(d->mem + M_DST, 0x5a, len);
	d->mem[M_ST] = H_UNSET;
	c->n = 0;
	hc_add(c, h_addr(d, r), vcrypto_data_fixed_len(opcode, d->rev1, false), false);
	hc_add(c, h_addr(d, d->mem + M_IV), 16, false);
	hc_add(c, h_addr(d, d->mem + M_SRC), len, false);
	hc_add(c, h_addr(d, d->mem + M_DST), len, true);
	hc_add(c, h_addr(d, d->mem + M_ST), 1, true);
}

void
h_create_req(struct hdev *d, struct hchain *c, uint32_t algo,
		const uint8_t *key, uint32_t key_len)
{
	struct vcrypto_ctrl_req *r = (void *)(d->mem + M_CTRL);
	uint32_t copy = key_len < 1024 ? key_len : 1024;

	memset(r, 0, sizeof(*r));
	r->header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	r->header.algo = vcrypto_to_le32(algo);
	r->u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	r->u.sym.u.cipher.algo = vcrypto_to_le32(algo);
	r->u.sym.u.cipher.key_len = vcrypto_to_le32(key_len);
	r->u.sym.u.cipher.op = vcrypto_to_le32(VIRTIO_CRYPTO_OP_ENCRYPT);
	memcpy(d->mem + M_KEY, key, copy);
	memset(d->mem + M_ANS, 0xff, 16);
	c->n = 0;
	hc_add(c, h_addr(d, r),
		vcrypto_ctrl_fixed_len(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, d->rev1), false);
	hc_add(c, h_addr(d, d->mem + M_KEY), copy, false);
	hc_add(c, h_addr(d, d->mem + M_ANS), 16, true);
}

void
h_destroy_req(struct hdev *d, struct hchain *c, uint64_t sid)
{
	struct vcrypto_ctrl_req *r = (void *)(d->mem + M_CTRL);

	memset(r, 0, sizeof(*r));
	r->header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION);
	r->u.destroy.session_id = vcrypto_to_le64(sid);
	d->mem[M_ANS] = H_UNSET;
	c->n = 0;
	hc_add(c, h_addr(d, r),
		vcrypto_ctrl_fixed_len(VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, d->rev1), false);
	hc_add(c, h_addr(d, d->mem + M_ANS), 1, true);
}

int
h_run(struct hdev *d, struct hq *q, const struct hchain *c, uint32_t *used_len)
{
	uint32_t id = 0, len = 0;
	int ret;

	hq_write_descs(q, 0, c->d, c->n);
	hq_post(q, 0);
	hq_publish(q);
	ret = hq_wait(q, 1, d->timeout_ms, &id, &len);
	if (ret == 0 && id != 0)
		ret = -EPROTO;
	if (used_len != NULL)
		*used_len = len;
	return ret;
}

int
h_create_session(struct hdev *d, const uint8_t *key, uint32_t key_len,
		uint64_t *sid)
{
	struct vcrypto_create_session_input in;
	struct hchain c;
	int ret;

	h_create_req(d, &c, VIRTIO_CRYPTO_CIPHER_AES_CBC, key, key_len);
	ret = h_run(d, &d->ctrl, &c, NULL);
	if (ret != 0)
		return ret;
	memcpy(&in, d->mem + M_ANS, sizeof(in));
	*sid = vcrypto_le64(in.session_id);
	return (int)vcrypto_le32(in.status);
}

uint8_t
h_data_status(const struct hdev *d)
{
	return d->mem[M_ST];
}

uint8_t
h_ctrl_status(const struct hdev *d)
{
	return d->mem[M_ANS];
}

uint32_t
h_create_status(const struct hdev *d)
{
	struct vcrypto_create_session_input in;

	memcpy(&in, d->mem + M_ANS, sizeof(in));
	return vcrypto_le32(in.status);
}
