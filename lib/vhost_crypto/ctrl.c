/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <string.h>

#include "vcrypto_wire.h"
#include "ctrl_priv.h"
#include "req_codec_priv.h"

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

/* Whether the engine offers @p algo of @p service (config space masks). */
static bool
offered(const struct vcrypto_engine_caps *c, uint32_t service, uint32_t algo)
{
	if (!(c->crypto_services & (1u << service)))
		return false;
	switch (service) {
	case VIRTIO_CRYPTO_SERVICE_CIPHER:
		return vcrypto_algo_in_mask64(c->cipher_algo_l, c->cipher_algo_h,
			algo);
	case VIRTIO_CRYPTO_SERVICE_HASH:
		return vcrypto_algo_in_mask32(c->hash_algo, algo);
	case VIRTIO_CRYPTO_SERVICE_MAC:
		return vcrypto_algo_in_mask64(c->mac_algo_l, c->mac_algo_h, algo);
	case VIRTIO_CRYPTO_SERVICE_AEAD:
		return vcrypto_algo_in_mask32(c->aead_algo, algo);
	default:
		return false;
	}
}

static bool
op_valid(uint32_t op)
{
	return op == VIRTIO_CRYPTO_OP_ENCRYPT || op == VIRTIO_CRYPTO_OP_DECRYPT;
}

/* Plain cipher session parameters. */
static void
parse_cipher(const struct vcrypto_cipher_session_flf *c,
		struct vcrypto_sess_params *p)
{
	p->kind = VCRYPTO_SESS_CIPHER;
	p->cipher_algo = vcrypto_le32(c->algo);
	p->cipher_key_len = vcrypto_le32(c->key_len);
	p->op = vcrypto_le32(c->op);
}

/* Chaining: a cipher (or NO_CIPHER) with a hash (PLAIN) or a MAC (AUTH). */
static uint8_t
parse_chain(const struct vcrypto_alg_chain_session_flf *c,
		struct vcrypto_sess_params *p)
{
	p->kind = VCRYPTO_SESS_CHAIN;
	p->chain_order = vcrypto_le32(c->alg_chain_order);
	p->hash_mode = vcrypto_le32(c->hash_mode);
	p->cipher_algo = vcrypto_le32(c->cipher_hdr.algo);
	p->cipher_key_len = vcrypto_le32(c->cipher_hdr.key_len);
	p->op = vcrypto_le32(c->cipher_hdr.op);
	p->aad_len = vcrypto_le32(c->aad_len);
	switch (p->hash_mode) {
	case VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN:
		p->auth_algo = vcrypto_le32(c->algo_flf.hash.algo);
		p->result_len = vcrypto_le32(c->algo_flf.hash.hash_result_len);
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH:
		p->auth_algo = vcrypto_le32(c->algo_flf.mac.algo);
		p->result_len = vcrypto_le32(c->algo_flf.mac.hash_result_len);
		p->auth_key_len = vcrypto_le32(c->algo_flf.mac.auth_key_len);
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_SYM_HASH_MODE_NESTED:
		return VIRTIO_CRYPTO_NOTSUPP;
	default:
		return VIRTIO_CRYPTO_ERR;
	}
}

/* Fill @p p from the fixed part of a CREATE_SESSION request. */
static uint8_t
parse_create(uint32_t opcode, const struct vcrypto_ctrl_req *req,
		struct vcrypto_sess_params *p)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		switch (vcrypto_le32(req->u.sym.op_type)) {
		case VIRTIO_CRYPTO_SYM_OP_CIPHER:
			parse_cipher(&req->u.sym.u.cipher, p);
			return VIRTIO_CRYPTO_OK;
		case VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING:
			return parse_chain(&req->u.sym.u.chain, p);
		default:
			return VIRTIO_CRYPTO_ERR;
		}
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
		p->kind = VCRYPTO_SESS_HASH;
		p->auth_algo = vcrypto_le32(req->u.hash.algo);
		p->result_len = vcrypto_le32(req->u.hash.hash_result_len);
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
		p->kind = VCRYPTO_SESS_MAC;
		p->auth_algo = vcrypto_le32(req->u.mac.algo);
		p->result_len = vcrypto_le32(req->u.mac.hash_result_len);
		p->auth_key_len = vcrypto_le32(req->u.mac.auth_key_len);
		return VIRTIO_CRYPTO_OK;
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
		p->kind = VCRYPTO_SESS_AEAD;
		p->cipher_algo = vcrypto_le32(req->u.aead.algo);
		p->cipher_key_len = vcrypto_le32(req->u.aead.key_len);
		p->result_len = vcrypto_le32(req->u.aead.tag_len);
		p->aad_len = vcrypto_le32(req->u.aead.aad_len);
		p->op = vcrypto_le32(req->u.aead.op);
		return VIRTIO_CRYPTO_OK;
	default:
		/* AKCIPHER: not offered in crypto_services. */
		return VIRTIO_CRYPTO_NOTSUPP;
	}
}

uint8_t
vcrypto_ctrl_session_check(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_sess_params *p)
{
	const struct vcrypto_engine_caps *caps = ctx->caps;
	bool ok;

	switch (p->kind) {
	case VCRYPTO_SESS_CIPHER:
		ok = offered(caps, VIRTIO_CRYPTO_SERVICE_CIPHER, p->cipher_algo);
		break;
	case VCRYPTO_SESS_CHAIN:
		ok = (p->cipher_algo == VIRTIO_CRYPTO_NO_CIPHER ||
			offered(caps, VIRTIO_CRYPTO_SERVICE_CIPHER, p->cipher_algo)) &&
			offered(caps, p->hash_mode == VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH ?
				VIRTIO_CRYPTO_SERVICE_MAC : VIRTIO_CRYPTO_SERVICE_HASH,
				p->auth_algo);
		break;
	case VCRYPTO_SESS_HASH:
		ok = offered(caps, VIRTIO_CRYPTO_SERVICE_HASH, p->auth_algo);
		break;
	case VCRYPTO_SESS_MAC:
		ok = offered(caps, VIRTIO_CRYPTO_SERVICE_MAC, p->auth_algo);
		break;
	case VCRYPTO_SESS_AEAD:
		ok = offered(caps, VIRTIO_CRYPTO_SERVICE_AEAD, p->cipher_algo);
		break;
	case VCRYPTO_SESS_NONE:
	default:
		return VIRTIO_CRYPTO_ERR;
	}
	if (!ok)
		return VIRTIO_CRYPTO_NOTSUPP;
	if ((p->kind == VCRYPTO_SESS_CIPHER || p->kind == VCRYPTO_SESS_CHAIN ||
			p->kind == VCRYPTO_SESS_AEAD) && !op_valid(p->op))
		return VIRTIO_CRYPTO_ERR;
	if (p->kind == VCRYPTO_SESS_CHAIN &&
			p->chain_order != VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER &&
			p->chain_order != VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH)
		return VIRTIO_CRYPTO_ERR;
	if (p->cipher_key_len > caps->max_cipher_key_len ||
			p->auth_key_len > caps->max_auth_key_len ||
			p->cipher_key_len > VCRYPTO_MAX_CIPHER_KEY_LEN ||
			p->auth_key_len > VCRYPTO_MAX_AUTH_KEY_LEN)
		return VIRTIO_CRYPTO_ERR;
	return VIRTIO_CRYPTO_OK;
}

uint8_t
vcrypto_ctrl_session_build(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_sess_params *p, void *priv,
		struct vcrypto_sess_info *info)
{
	uint8_t st = ctx->engine->session_create(ctx->engine_ctx, priv, p, info);

	if (st != VIRTIO_CRYPTO_OK)
		return st;
	info->hash_first = p->kind == VCRYPTO_SESS_CHAIN && p->chain_order ==
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER;
	return VIRTIO_CRYPTO_OK;
}

uint8_t
vcrypto_ctrl_session_create(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_sess_params *p, uint64_t *id)
{
	struct vcrypto_sess_info info;
	struct vcrypto_session *s;
	uint8_t st;

	st = vcrypto_ctrl_session_check(ctx, p);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	s = vcrypto_session_alloc(ctx->sessions);
	if (s == NULL && vcrypto_ctrl_reclaim(ctx) > 0)
		s = vcrypto_session_alloc(ctx->sessions);
	if (s == NULL)
		return ctx->revision_1 ? VIRTIO_CRYPTO_NOSPC : VIRTIO_CRYPTO_ERR;
	st = vcrypto_ctrl_session_build(ctx, p, s->priv, &info);
	if (st != VIRTIO_CRYPTO_OK) {
		vcrypto_session_release(ctx->sessions, s);
		return st;
	}
	s->info = info;
	*id = vcrypto_session_publish(ctx->sessions, s);
	return VIRTIO_CRYPTO_OK;
}

/*
 * CREATE_SESSION: parse, check, read the keys (cipher key, then auth key,
 * right after the fixed part), create.
 */
static uint8_t
create_session(const struct vcrypto_ctrl_ctx *ctx,
		const struct vcrypto_chain *chain, uint32_t opcode, uint32_t fixed,
		const struct vcrypto_ctrl_req *req, uint64_t *id)
{
	uint8_t ckey[VCRYPTO_MAX_CIPHER_KEY_LEN], akey[VCRYPTO_MAX_AUTH_KEY_LEN];
	struct vcrypto_sess_params p;
	uint8_t st;

	memset(&p, 0, sizeof(p));
	st = parse_create(opcode, req, &p);
	if (st == VIRTIO_CRYPTO_OK)
		st = vcrypto_ctrl_session_check(ctx, &p);
	if (st != VIRTIO_CRYPTO_OK)
		return st;
	if (vcrypto_chain_read(chain, fixed, ckey, p.cipher_key_len) != 0 ||
			vcrypto_chain_read(chain, (uint64_t)fixed + p.cipher_key_len,
				akey, p.auth_key_len) != 0) {
		st = VIRTIO_CRYPTO_ERR;
		goto out;
	}
	p.cipher_key = ckey;
	p.auth_key = akey;
	st = vcrypto_ctrl_session_create(ctx, &p, id);
out:
	explicit_bzero(ckey, sizeof(ckey));
	explicit_bzero(akey, sizeof(akey));
	return st;
}

/* The session kinds a DESTROY_SESSION opcode may close. */
static bool
destroy_matches(uint32_t opcode, enum vcrypto_sess_kind kind)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION:
		return kind == VCRYPTO_SESS_CIPHER || kind == VCRYPTO_SESS_CHAIN;
	case VIRTIO_CRYPTO_HASH_DESTROY_SESSION:
		return kind == VCRYPTO_SESS_HASH;
	case VIRTIO_CRYPTO_MAC_DESTROY_SESSION:
		return kind == VCRYPTO_SESS_MAC;
	case VIRTIO_CRYPTO_AEAD_DESTROY_SESSION:
		return kind == VCRYPTO_SESS_AEAD;
	default:
		return false;
	}
}

uint8_t
vcrypto_ctrl_session_destroy(const struct vcrypto_ctrl_ctx *ctx,
		uint32_t opcode, uint64_t id)
{
	struct vcrypto_session *s = vcrypto_session_lookup(ctx->sessions, id);

	if (s == NULL || (opcode != 0 && !destroy_matches(opcode, s->info.kind)))
		return VIRTIO_CRYPTO_INVSESS;
	if (ctx->grace == NULL) {
		ctx->engine->session_destroy(ctx->engine_ctx, s->priv);
		vcrypto_session_release(ctx->sessions, s);
		return VIRTIO_CRYPTO_OK;
	}
	/* A data lcore may be ciphering with it right now. The token is taken
	 * after the id stops resolving: a reader that enters later cannot
	 * find it, so need not be waited for. */
	vcrypto_session_retire(ctx->sessions, s);
	s->retired_at = vcrypto_grace_start(ctx->grace);
	vcrypto_ctrl_reclaim(ctx);
	return VIRTIO_CRYPTO_OK;
}

/* Wipe and free the oldest retired session. */
static void
free_oldest_retired(const struct vcrypto_ctrl_ctx *ctx)
{
	struct vcrypto_session *s = vcrypto_session_oldest_retired(ctx->sessions);

	ctx->engine->session_destroy(ctx->engine_ctx, s->priv);
	vcrypto_session_release_retired(ctx->sessions);
}

uint32_t
vcrypto_ctrl_reclaim(const struct vcrypto_ctrl_ctx *ctx)
{
	struct vcrypto_session *s;
	uint32_t n = 0;

	/* Tokens grow along the FIFO: stop at the first still in grace. */
	while ((s = vcrypto_session_oldest_retired(ctx->sessions)) != NULL &&
			vcrypto_grace_passed(ctx->grace, s->retired_at)) {
		free_oldest_retired(ctx);
		n++;
	}
	return n;
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
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
		st = create_session(ctx, chain, opcode, fixed, &req, &id);
		res->created = st == VIRTIO_CRYPTO_OK;
		break;
	case VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION:
	case VIRTIO_CRYPTO_HASH_DESTROY_SESSION:
	case VIRTIO_CRYPTO_MAC_DESTROY_SESSION:
	case VIRTIO_CRYPTO_AEAD_DESTROY_SESSION:
		st = vcrypto_ctrl_session_destroy(ctx, opcode,
			vcrypto_le64(req.u.destroy.session_id));
		res->destroyed = st == VIRTIO_CRYPTO_OK;
		break;
	default:
		/* AKCIPHER: not offered in crypto_services. */
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
			vcrypto_ctrl_session_destroy(ctx, 0, id);
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

	while (vcrypto_session_oldest_retired(t) != NULL)
		free_oldest_retired(ctx);
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
