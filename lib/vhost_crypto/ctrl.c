/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <string.h>

#include "vcrypto_wire.h"
#include "ctrl_priv.h"
#include "req_codec_priv.h"

/* Longest key accepted; the config space says the same (max_cipher_key_len). */
#define MAX_KEY_LEN 32

/* Answer a create: {le64 session_id, le32 status, le32 padding}. */
static void
answer_create(const struct vcrypto_chain *chain, uint64_t id, uint8_t status,
		struct vcrypto_ctrl_result *res)
{
	struct vcrypto_create_session_input in;
	uint8_t *p = vcrypto_chain_span(chain, 0, sizeof(in), true);

	res->status = status;
	if (p == NULL) {
		/* No room for the answer: the guest learns nothing. */
		res->status = VIRTIO_CRYPTO_ERR;
		return;
	}
	in.session_id = vcrypto_to_le64(status == VIRTIO_CRYPTO_OK ? id : 0);
	in.status = vcrypto_to_le32(status);
	in.padding = 0;
	memcpy(p, &in, sizeof(in));
	res->used_len = sizeof(in);
	res->written = true;
}

/* Answer a destroy, or anything unknown: one status byte. */
static void
answer_status(const struct vcrypto_chain *chain, uint8_t status,
		struct vcrypto_ctrl_result *res)
{
	uint8_t *p = vcrypto_chain_span(chain, 0, 1, true);

	res->status = status;
	if (p == NULL)
		return;
	*p = status;
	res->used_len = 1;
	res->written = true;
}

static uint8_t
create_cipher(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_chain *chain, uint32_t fixed,
		const struct vcrypto_sym_create_session_flf *sym, uint64_t *id)
{
	const struct vcrypto_cipher_session_flf *c = &sym->u.cipher;
	uint32_t algo = vcrypto_le32(c->algo);
	uint32_t key_len = vcrypto_le32(c->key_len);
	uint32_t op = vcrypto_le32(c->op);
	struct vcrypto_cipher_params p;
	struct vcrypto_session *s;
	uint8_t key[MAX_KEY_LEN];
	uint8_t st;

	switch (vcrypto_le32(sym->op_type)) {
	case VIRTIO_CRYPTO_SYM_OP_CIPHER:
		break;
	case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
		return VIRTIO_CRYPTO_NOTSUPP;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
	if (!vcrypto_algo_in_mask64(ctx->engine->caps.cipher_algo_l,
			ctx->engine->caps.cipher_algo_h, algo))
		return VIRTIO_CRYPTO_NOTSUPP;
	if (op != VIRTIO_CRYPTO_OP_ENCRYPT && op != VIRTIO_CRYPTO_OP_DECRYPT)
		return VIRTIO_CRYPTO_ERR;
	if (key_len == 0 || key_len > MAX_KEY_LEN ||
			vcrypto_chain_read(chain, fixed, key, key_len) != 0)
		return VIRTIO_CRYPTO_ERR;

	s = vcrypto_session_alloc(ctx->sessions);
	if (s == NULL) {
		explicit_bzero(key, sizeof(key));
		return ctx->revision_1 ? VIRTIO_CRYPTO_NOSPC : VIRTIO_CRYPTO_ERR;
	}
	p.algo = algo;
	p.op = op;
	p.key_len = key_len;
	p.key = key;
	st = ctx->engine->session_create(ctx->engine_ctx, s->priv, &p);
	explicit_bzero(key, sizeof(key));
	if (st != VIRTIO_CRYPTO_OK) {
		vcrypto_session_release(ctx->sessions, s);
		return st;
	}
	s->algo = algo;
	s->op = op;
	s->key_len = key_len;
	*id = s->id;
	return VIRTIO_CRYPTO_OK;
}

static uint8_t
destroy_session(const struct vcrypto_ctrl_ctx *ctx, uint64_t id)
{
	struct vcrypto_session *s = vcrypto_session_lookup(ctx->sessions, id);

	if (s == NULL)
		return VIRTIO_CRYPTO_INVSESS;
	ctx->engine->session_destroy(ctx->engine_ctx, s->priv);
	vcrypto_session_release(ctx->sessions, s);
	return VIRTIO_CRYPTO_OK;
}

void
vcrypto_ctrl_handle(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_chain *chain, struct vcrypto_ctrl_result *res)
{
	const uint32_t hdr_len = sizeof(struct vcrypto_ctrl_header);
	struct vcrypto_ctrl_req req;
	uint32_t opcode, fixed;
	uint64_t id = 0;
	uint8_t st;

	memset(res, 0, sizeof(*res));
	memset(&req, 0, sizeof(req));
	if (vcrypto_chain_read(chain, 0, &req.header, hdr_len) != 0) {
		answer_status(chain, VIRTIO_CRYPTO_ERR, res);
		return;
	}
	opcode = vcrypto_le32(req.header.opcode);
	fixed = vcrypto_ctrl_fixed_len(opcode, ctx->revision_1);
	if (fixed == 0) {
		answer_status(chain, VIRTIO_CRYPTO_NOTSUPP, res);
		return;
	}
	/* fixed <= sizeof(req): the longest layout is the legacy 72 bytes. */
	if (fixed > sizeof(req) || vcrypto_chain_read(chain, hdr_len, &req.u,
			fixed - hdr_len) != 0) {
		st = VIRTIO_CRYPTO_ERR;
		goto answer;
	}

	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		st = create_cipher(ctx, chain, fixed, &req.u.sym, &id);
		res->created = st == VIRTIO_CRYPTO_OK;
		break;
	case VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION:
		st = destroy_session(ctx, vcrypto_le64(req.u.destroy.session_id));
		res->destroyed = st == VIRTIO_CRYPTO_OK;
		break;
	default:
		/* Services not offered in crypto_services. */
		st = VIRTIO_CRYPTO_NOTSUPP;
		break;
	}
answer:
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
	case VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION:
		answer_create(chain, id, st, res);
		if (!res->written && res->created) {
			/* The guest cannot learn the id: do not leak the slot. */
			destroy_session(ctx, id);
			res->created = false;
		}
		break;
	default:
		answer_status(chain, st, res);
		break;
	}
}

uint32_t
vcrypto_ctrl_destroy_all(const struct vcrypto_ctrl_ctx *ctx)
{
	struct vcrypto_session_table *t = ctx->sessions;
	uint32_t i, n = 0;

	for (i = 0; i < t->cap; i++) {
		struct vcrypto_session *s = vcrypto_session_slot(t, i);

		if (s->id == 0)
			continue;
		ctx->engine->session_destroy(ctx->engine_ctx, s->priv);
		vcrypto_session_release(t, s);
		n++;
	}
	return n;
}
