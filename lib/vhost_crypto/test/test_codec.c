/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * Unit tests of the request codec and the session table, without EAL:
 * chains are built by hand from host buffers.
 */
#include <errno.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "ctrl_priv.h"
#include "req_codec_priv.h"
#include "session_priv.h"
#include "test_util.h"

static struct vcrypto_chain chain;
static uint8_t hdr[72], iv[16], src[64], dst[64], status[1];
static uint8_t big[128];
static uint8_t bounce_mem[256];
static struct vcrypto_bounce bnc = { .base = bounce_mem, .cap = sizeof(bounce_mem) };

static void
chain_reset(void)
{
	memset(&chain, 0, sizeof(chain));
}

static void
chain_add(void *p, uint32_t len, bool write)
{
	struct vcrypto_seg *s = &chain.seg[chain.nseg++];

	s->hva = p;
	s->len = len;
	s->write = write;
	if (write) {
		chain.write_len += len;
	} else {
		chain.nread++;
		chain.read_len += len;
	}
}

static void
make_req(uint32_t opcode, uint64_t sid, uint32_t flag, uint32_t src_len,
		uint32_t dst_len)
{
	struct vcrypto_data_req *r = (void *)hdr;

	memset(hdr, 0, sizeof(hdr));
	r->header.opcode = opcode;
	r->header.session_id = sid;
	r->header.flag = flag;
	r->u.sym.op_type = VIRTIO_CRYPTO_SYM_OP_CIPHER;
	r->u.sym.u.cipher.iv_len = 16;
	r->u.sym.u.cipher.src_data_len = src_len;
	r->u.sym.u.cipher.dst_data_len = dst_len;
	chain_reset();
	chain_add(hdr, 72, false);
	chain_add(iv, 16, false);
	chain_add(src, 64, false);
	chain_add(dst, 64, true);
	chain_add(status, 1, true);
}

static void
test_streams(void)
{
	uint8_t out[8];

	for (int i = 0; i < 16; i++)
		iv[i] = i;
	make_req(0, 0, 0, 0, 0);
	CHECK_EQ(vcrypto_chain_read(&chain, 72 + 12, out, 8), 0); /* crosses */
	CHECK(out[0] == 12 && out[3] == 15 && out[4] == src[0]);
	CHECK_EQ(vcrypto_chain_read(&chain, 72 + 16 + 60, out, 5), -ERANGE);
	CHECK(vcrypto_chain_span(&chain, 72, 16, false) == iv);
	CHECK(vcrypto_chain_span(&chain, 72 + 8, 16, false) == NULL); /* spans 2 */
	CHECK(vcrypto_chain_span(&chain, 0, 64, true) == dst);
	CHECK(vcrypto_chain_span(&chain, 64, 1, true) == status);
	CHECK(vcrypto_chain_span(&chain, 64, 2, true) == NULL);
	CHECK(vcrypto_chain_span(&chain, 0, 0, true) == NULL);
	CHECK(vcrypto_chain_last_writable(&chain) == status);
}

static void
test_decode(struct vcrypto_session_table *t, uint64_t sid)
{
	struct vcrypto_codec_cfg cfg = { .revision_1 = false, .max_size = 4096,
		.sessions = t };
	struct vcrypto_req req;

	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.src == src && req.dst == dst && req.len == 64 && req.encrypt);
	CHECK(req.status_ptr == status && req.iv_len == 16 && req.iv[15] == 15);
	make_req(VIRTIO_CRYPTO_CIPHER_DECRYPT, sid, 0, 48, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(!req.encrypt && req.len == 48);

	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid + 1, 0, 64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_INVSESS);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, 0, 0, 64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_INVSESS);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 60, 64);  /* not blocks */
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 64, 48);  /* dst short */
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 80, 80);  /* past chain */
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 1u << 20, 1u << 20);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	/* a request of another kind than its session */
	make_req(VIRTIO_CRYPTO_AEAD_ENCRYPT, sid, 0, 64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_INVSESS);
	make_req(VIRTIO_CRYPTO_HASH, sid, 0, 64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_INVSESS);
	make_req(0x7777, sid, 0, 64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_NOTSUPP);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 64, 64);
	((struct vcrypto_data_req *)hdr)->u.sym.op_type = VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_INVSESS);
	((struct vcrypto_data_req *)hdr)->u.sym.op_type = 9;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);

	/* src split over two descriptors: gathered into the bounce area */
	for (int i = 0; i < 64; i++)
		src[i] = (uint8_t)(0x40 + i);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 64, 64);
	chain_reset();
	chain_add(hdr, 72, false);
	chain_add(iv, 16, false);
	chain_add(src, 32, false);
	chain_add(src + 32, 32, false);
	chain_add(dst, 64, true);
	chain_add(status, 1, true);
	bnc.used = 0;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.src == bounce_mem && memcmp(req.src, src, 64) == 0);
	CHECK(req.dst == dst && req.dst_bounce == NULL && bnc.used == 64);
	/* a second one does not fit: defer (an empty area would fit it) */
	bnc.cap = 100;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req),
		VCRYPTO_CODEC_DEFER);
	CHECK_EQ(bnc.used, 64); /* the refused request took nothing */
	bnc.cap = sizeof(bounce_mem);
	bnc.used = 0;
	/* dst split too: 128 bytes of bounce, dst copied out at finish */
	chain_reset();
	chain_add(hdr, 72, false);
	chain_add(iv, 16, false);
	chain_add(src, 32, false);
	chain_add(src + 32, 32, false);
	chain_add(dst, 16, true);
	chain_add(dst + 16, 48, true);
	chain_add(status, 1, true);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.dst_bounce != NULL && req.dst == req.dst_bounce);
	memset(dst, 0, 64);
	memset(req.dst, 0xa5, 64);
	req.status = VIRTIO_CRYPTO_OK;
	CHECK_EQ(vcrypto_codec_finish(&req), 65);
	CHECK(dst[0] == 0xa5 && dst[15] == 0xa5 && dst[16] == 0xa5 && dst[63] == 0xa5);
	CHECK_EQ(status[0], VIRTIO_CRYPTO_OK);
	/* the same with an area too small even when empty: ERR */
	bnc.used = 0;
	bnc.cap = 100;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	CHECK_EQ(bnc.used, 0);
	bnc.cap = sizeof(bounce_mem);
	/* header, iv and src in one buffer, dst and status in another */
	memcpy(big, hdr, 72);
	memcpy(big + 72, iv, 16);
	chain_reset();
	chain_add(big, 72 + 16 + 32, false);
	chain_add(dst, 33, true);
	((struct vcrypto_data_req *)big)->u.sym.u.cipher.src_data_len = 32;
	((struct vcrypto_data_req *)big)->u.sym.u.cipher.dst_data_len = 32;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.src == big + 88 && req.dst == dst && req.status_ptr == dst + 32);
	/* no writable byte at all */
	chain_reset();
	chain_add(big, 72 + 16 + 32, false);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	CHECK(req.status_ptr == NULL);
	/* a header cut short */
	chain_reset();
	chain_add(hdr, 20, false);
	chain_add(status, 1, true);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	CHECK(req.status_ptr == status);

	/* REVISION_1: session mode needs the flag; stateless is not offered */
	cfg.revision_1 = true;
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, VIRTIO_CRYPTO_FLAG_SESSION_MODE,
		64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	make_req(VIRTIO_CRYPTO_CIPHER_ENCRYPT, sid, 0, 64, 64);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_NOTSUPP);
}

/* AEAD decrypt: ct | tag readable; a tag that does not match is BADMSG and
 * the plaintext is not released. */
/*
 * The fixed part and the IV in one first descriptor, shorter than the 88
 * bytes of the single head copy: REVISION_1's 48-byte AEAD fixed part with
 * a 12-byte IV (60), and the legacy 72-byte one with it (84). The IV comes
 * from past the head copy; the AAD and the text from their descriptors.
 */
static void
test_aead_first_desc(struct vcrypto_session_table *t, struct vcrypto_session *c)
{
	static const uint32_t fixed[2] = { 48, 72 };
	static uint8_t aad[8], text[20], out[16], first[84];
	struct vcrypto_data_req *r = (void *)first;
	struct vcrypto_req req;

	for (int k = 0; k < 2; k++) {
		struct vcrypto_codec_cfg cfg = { .revision_1 = k == 0, .max_size = 4096,
			.sessions = t };

		memset(first, 0, sizeof(first));
		r->header.opcode = VIRTIO_CRYPTO_AEAD_DECRYPT;
		r->header.session_id = c->id;
		r->header.flag = VIRTIO_CRYPTO_FLAG_SESSION_MODE;
		r->u.aead.iv_len = 12;
		r->u.aead.aad_len = 8;
		r->u.aead.src_data_len = 20;
		r->u.aead.dst_data_len = 16;
		r->u.aead.tag_len = 4;
		for (int i = 0; i < 12; i++)
			first[fixed[k] + i] = (uint8_t)(0xa0 + i);
		text[16] = 0x5c;
		chain_reset();
		chain_add(first, fixed[k] + 12, false);
		chain_add(aad, 8, false);
		chain_add(text, 20, false);
		chain_add(out, 16, true);
		chain_add(status, 1, true);
		bnc.used = 0;
		CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
		CHECK(req.iv_len == 12 && req.iv[0] == 0xa0 && req.iv[11] == 0xab);
		CHECK(req.aad == aad && req.aad_len == 8 && req.src == text && req.len == 16);
		CHECK(req.dst == out && req.tag_in[0] == 0x5c);
		/* one byte short of the IV: not from the first descriptor alone */
		chain.seg[0].len--;
		chain.read_len--;
		bnc.used = 0;
		CHECK(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req) != VIRTIO_CRYPTO_OK ||
		      req.iv[11] != 0xab);
	}
}

static void
test_aead(struct vcrypto_session_table *t, struct vcrypto_session *c)
{
	struct vcrypto_codec_cfg cfg = { .revision_1 = false, .max_size = 4096,
		.sessions = t };
	struct vcrypto_data_req *r = (void *)hdr;
	static uint8_t aad[8], text[20], out[16];
	struct vcrypto_req req;

	c->info.kind = VCRYPTO_SESS_AEAD;
	c->info.iv_lens = 1ull << 12;
	c->info.block = 1;
	c->info.result_len = 4;
	c->info.aad_max = 46;
	memset(hdr, 0, sizeof(hdr));
	r->header.opcode = VIRTIO_CRYPTO_AEAD_DECRYPT;
	r->header.session_id = c->id;
	r->u.aead.iv_len = 12;
	r->u.aead.aad_len = 8;
	r->u.aead.src_data_len = 20;
	r->u.aead.dst_data_len = 16;
	r->u.aead.tag_len = 4;
	for (int i = 0; i < 20; i++)
		text[i] = (uint8_t)i;
	chain_reset();
	chain_add(hdr, 72, false);
	chain_add(iv, 12, false);
	chain_add(aad, 8, false);
	chain_add(text, 20, false);
	chain_add(out, 16, true);
	chain_add(status, 1, true);
	bnc.used = 0;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.verify && req.len == 16 && req.src == text && req.aad == aad);
	CHECK(req.dst == out && req.result_len == 4 && req.tag_in[0] == 16);
	memcpy(req.digest, text + 16, 4);
	memset(out, 0x11, 16);
	req.status = VIRTIO_CRYPTO_OK;
	CHECK_EQ(vcrypto_codec_finish(&req), 17);
	CHECK_EQ(status[0], VIRTIO_CRYPTO_OK);
	CHECK_EQ(out[0], 0x11);
	req.digest[3] ^= 1;
	req.status = VIRTIO_CRYPTO_OK;
	CHECK_EQ(vcrypto_codec_finish(&req), 1);
	CHECK_EQ(status[0], VIRTIO_CRYPTO_BADMSG);
	CHECK_EQ(out[0], 0);
	test_aead_first_desc(t, c);
	/* wrong tag length, dst not ct length, aad too long for the session */
	r->u.aead.tag_len = 8;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	r->u.aead.tag_len = 4;
	r->u.aead.dst_data_len = 20;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	r->u.aead.dst_data_len = 16;
	r->u.aead.aad_len = 47;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
	r->u.aead.aad_len = 8;
	r->u.aead.src_data_len = 3; /* shorter than the tag */
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_ERR);
}

/* What an engine does with a HASH_THEN_CIPHER request: digest first (to
 * digest_out), then a "cipher" (complement) over the cipher range. */
static void
fake_hash_then_cipher(struct vcrypto_req *req)
{
	static const uint8_t dg[4] = { 0xd0, 0xd1, 0xd2, 0xd3 };

	memcpy(req->digest_out, dg, 4);
	for (uint32_t i = 0; i < req->cipher_len; i++)
		req->dst[req->cipher_off + i] ^= 0xff;
	req->status = VIRTIO_CRYPTO_OK;
}

/*
 * Digest encrypted (wire-conventions.rst): hash_result lies in src, so the
 * digest must be in the work buffer before the cipher, whatever the
 * descriptors: src split (work buffer bounced) with the digest running
 * past src's end (DPDK's part_digest_enc_sgl), hash_result itself split
 * (DPDK's *_oop_sgl), the cipher covering part of it out of place.
 */
static void
test_digest_encrypted(struct vcrypto_session_table *t, struct vcrypto_session *c)
{
	struct vcrypto_codec_cfg cfg = { .revision_1 = false, .max_size = 4096,
		.sessions = t };
	struct vcrypto_data_req *r = (void *)hdr;
	static uint8_t pkt[40], out[40];
	struct vcrypto_req req;
	int i;

	c->info.kind = VCRYPTO_SESS_CHAIN;
	c->info.iv_lens = 1ull << 16;
	c->info.block = 1;
	c->info.result_len = 4;
	c->info.auth_iv_len = 0;
	c->info.no_cipher = false;
	c->info.hash_first = true;
	memset(hdr, 0, sizeof(hdr));
	r->header.opcode = VIRTIO_CRYPTO_CIPHER_ENCRYPT;
	r->header.session_id = c->id;
	r->u.sym.op_type = VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING;
	r->u.sym.u.chain.iv_len = 16;
	r->u.sym.u.chain.hash_start_src_offset = 0;
	r->u.sym.u.chain.len_to_hash = 28;
	r->u.sym.u.chain.hash_result_len = 4;

	/* in place, src in two descriptors (work buffer bounced), cipher
	 * 14..30 over half of the digest at 28..32, which runs past src */
	r->u.sym.u.chain.src_data_len = r->u.sym.u.chain.dst_data_len = 30;
	r->u.sym.u.chain.cipher_start_src_offset = 14;
	r->u.sym.u.chain.len_to_cipher = 16;
	for (i = 0; i < 40; i++)
		pkt[i] = (uint8_t)i;
	chain_reset();
	chain_add(hdr, 72, false);
	chain_add(iv, 16, false);
	chain_add(pkt, 15, false);
	chain_add(pkt + 15, 15, false);
	chain_add(pkt, 15, true);
	chain_add(pkt + 15, 15, true);
	chain_add(pkt + 28, 4, true);
	chain_add(status, 1, true);
	bnc.used = 0;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.dst_bounce != NULL && req.dst == req.dst_bounce);
	CHECK(req.digest_out == req.dst + 28 && req.result_skip == 2);
	fake_hash_then_cipher(&req);
	CHECK_EQ(vcrypto_codec_finish(&req), 30 + 4 + 1);
	CHECK_EQ(status[0], VIRTIO_CRYPTO_OK);
	CHECK(pkt[13] == 13 && pkt[14] == (14 ^ 0xff) && pkt[27] == (27 ^ 0xff));
	CHECK(pkt[28] == (0xd0 ^ 0xff) && pkt[29] == (0xd1 ^ 0xff));
	CHECK(pkt[30] == 0xd2 && pkt[31] == 0xd3 && pkt[32] == 32);

	/* out of place, hash_result split over two descriptors of src
	 * (where the driver puts it), all of the digest encrypted */
	r->u.sym.u.chain.src_data_len = r->u.sym.u.chain.dst_data_len = 32;
	r->u.sym.u.chain.cipher_start_src_offset = 0;
	r->u.sym.u.chain.len_to_cipher = 32;
	for (i = 0; i < 40; i++)
		pkt[i] = (uint8_t)i;
	memset(out, 0, sizeof(out));
	chain_reset();
	chain_add(hdr, 72, false);
	chain_add(iv, 16, false);
	chain_add(pkt, 30, false);
	chain_add(pkt + 30, 2, false);
	chain_add(out, 32, true);
	chain_add(pkt + 28, 2, true);
	chain_add(pkt + 30, 2, true);
	chain_add(status, 1, true);
	bnc.used = 0;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.dst == out && req.digest_out == out + 28 && req.result_skip == 4);
	fake_hash_then_cipher(&req);
	CHECK_EQ(vcrypto_codec_finish(&req), 32 + 4 + 1);
	CHECK(out[0] == 0xff && out[27] == (27 ^ 0xff));
	CHECK(out[28] == (0xd0 ^ 0xff) && out[31] == (0xd3 ^ 0xff));

	/* out of place, the cipher (14..30) over part of the digest: its
	 * last bytes reach dst as written */
	r->u.sym.u.chain.cipher_start_src_offset = 14;
	r->u.sym.u.chain.len_to_cipher = 16;
	memset(out, 0, sizeof(out));
	bnc.used = 0;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	fake_hash_then_cipher(&req);
	CHECK_EQ(vcrypto_codec_finish(&req), 32 + 4 + 1);
	CHECK(out[13] == 13 && out[14] == (14 ^ 0xff));
	CHECK(out[28] == (0xd0 ^ 0xff) && out[29] == (0xd1 ^ 0xff));
	CHECK(out[30] == 0xd2 && out[31] == 0xd3);

	/* hash_result outside src: written after, as any digest */
	chain.seg[5].hva = big;
	chain.seg[6].hva = big + 2;
	bnc.used = 0;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.digest_out == req.digest && req.result_skip == 0);
	fake_hash_then_cipher(&req);
	CHECK_EQ(vcrypto_codec_finish(&req), 32 + 4 + 1);
	CHECK(big[0] == 0xd0 && big[3] == 0xd3 && out[28] == (28 ^ 0xff));
	bnc.used = 0;
}

/*
 * Digest encrypted by a NULL cipher, out of place (DPDK's
 * test_auth_{snow,zuc,aes_cmac}_cipher_null_test_case_1): a NO_CIPHER
 * chain whose cipher range covers hash_result, which lies in src. dst must
 * get the digest, not the bytes src held there before it was written.
 */
static void
test_digest_encrypted_null(struct vcrypto_session_table *t, struct vcrypto_session *c)
{
	static const uint8_t dg[4] = { 0xd0, 0xd1, 0xd2, 0xd3 };
	struct vcrypto_codec_cfg cfg = { .revision_1 = false, .max_size = 4096,
		.sessions = t };
	struct vcrypto_data_req *r = (void *)hdr;
	static uint8_t pkt[40], out[40];
	struct vcrypto_req req;
	int i;

	c->info.kind = VCRYPTO_SESS_CHAIN;
	c->info.iv_lens = 1;
	c->info.block = 1;
	c->info.result_len = 4;
	c->info.auth_iv_len = 16; /* SNOW3G UIA2's: all of the iv field */
	c->info.no_cipher = true;
	c->info.hash_first = true;
	memset(hdr, 0, sizeof(hdr));
	r->header.opcode = VIRTIO_CRYPTO_CIPHER_ENCRYPT;
	r->header.session_id = c->id;
	r->u.sym.op_type = VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING;
	r->u.sym.u.chain.iv_len = 16;
	r->u.sym.u.chain.src_data_len = r->u.sym.u.chain.dst_data_len = 32;
	r->u.sym.u.chain.hash_start_src_offset = 0;
	r->u.sym.u.chain.len_to_hash = 28;
	r->u.sym.u.chain.cipher_start_src_offset = 0;
	r->u.sym.u.chain.len_to_cipher = 32;
	r->u.sym.u.chain.hash_result_len = 4;
	for (i = 0; i < 40; i++)
		pkt[i] = (uint8_t)i;
	memset(out, 0, sizeof(out));
	chain_reset();
	chain_add(hdr, 72, false);
	chain_add(iv, 16, false);
	chain_add(pkt, 32, false);
	chain_add(out, 32, true);
	chain_add(pkt + 28, 4, true);
	chain_add(status, 1, true);
	bnc.used = 0;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &bnc, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.iv_len == 0 && req.auth_iv_len == 16);
	CHECK(req.dst == out && req.digest_out == out + 28 && req.result_skip == 4);
	/* the NULL cipher leaves the work buffer as it is */
	memcpy(req.digest_out, dg, 4);
	req.status = VIRTIO_CRYPTO_OK;
	CHECK_EQ(vcrypto_codec_finish(&req), 32 + 4 + 1);
	CHECK_EQ(status[0], VIRTIO_CRYPTO_OK);
	CHECK(out[0] == 0 && out[27] == 27);
	CHECK(memcmp(out + 28, dg, 4) == 0);
	bnc.used = 0;
}

/* A fake engine: records the keys it was given, counts destroys. */
static uint8_t fake_key[32], fake_akey[32];
static unsigned int fake_live;

static uint8_t
fake_create(void *ctx, void *priv, const struct vcrypto_sess_params *p,
		struct vcrypto_sess_info *info)
{
	(void)ctx;
	memcpy(fake_key, p->cipher_key, p->cipher_key_len);
	memcpy(fake_akey, p->auth_key, p->auth_key_len);
	memset(priv, 0x5a, 64); /* "expanded keys" */
	memset(info, 0, sizeof(*info));
	info->kind = p->kind;
	info->iv_lens = 1ull << 16;
	info->block = 16;
	info->result_len = p->result_len;
	fake_live++;
	return VIRTIO_CRYPTO_OK;
}

static void
fake_destroy(void *ctx, void *priv)
{
	(void)ctx;
	memset(priv, 0, 64);
	fake_live--;
}

static const struct vcrypto_engine_ops fake_engine = {
	.name = "fake", .session_size = 64, .session_align = 64,
	.session_create = fake_create, .session_destroy = fake_destroy,
};

/*
 * Stateless: the session parameters and keys travel in the request; the
 * control queue's checks apply; the session lives in the bounce area until
 * finish; a service whose bit was not negotiated gets NOTSUPP.
 */
static void
test_stateless(struct vcrypto_session_table *t)
{
	static const struct vcrypto_engine_caps caps = {
		.crypto_services = 0xf, .cipher_algo_l = 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC,
		.mac_algo_l = 1u << VIRTIO_CRYPTO_MAC_HMAC_SHA1,
		.max_cipher_key_len = 32, .max_auth_key_len = 64,
	};
	static uint8_t fixed[100], keys[36], sbounce[1024] __attribute__((aligned(64)));
	struct vcrypto_ctrl_ctx ctrl = { .revision_1 = true, .sessions = t,
		.engine = &fake_engine, .caps = &caps };
	struct vcrypto_codec_cfg cfg = { .revision_1 = true, .max_size = 4096,
		.sessions = t, .ctrl = &ctrl,
		.stateless = vcrypto_codec_stateless((1ull << VIRTIO_CRYPTO_F_REVISION_1) |
			(1ull << VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE)) };
	struct vcrypto_bounce sb = { .base = sbounce, .cap = sizeof(sbounce) };
	struct vcrypto_data_req_stateless *d = (void *)fixed;
	struct vcrypto_req req;
	uint32_t flen = vcrypto_data_fixed_len(VIRTIO_CRYPTO_CIPHER_ENCRYPT, 1, 1);

	CHECK_EQ(cfg.stateless, 1u << VIRTIO_CRYPTO_SERVICE_CIPHER);
	CHECK_EQ(vcrypto_codec_stateless(1ull << VIRTIO_CRYPTO_F_CIPHER_STATELESS_MODE), 0);
	CHECK_EQ(flen, 100);
	/* AES-CBC + HMAC-SHA1 chain, keys 16 + 20 bytes */
	memset(fixed, 0, sizeof(fixed));
	d->header.opcode = VIRTIO_CRYPTO_CIPHER_ENCRYPT;
	d->header.session_id = 12345; /* ignored */
	d->u.sym.op_type = VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING;
	d->u.sym.u.chain.sess_para.alg_chain_order =
		VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_HASH_THEN_CIPHER;
	d->u.sym.u.chain.sess_para.cipher.algo = VIRTIO_CRYPTO_CIPHER_AES_CBC;
	d->u.sym.u.chain.sess_para.cipher.key_len = 16;
	d->u.sym.u.chain.sess_para.cipher.op = VIRTIO_CRYPTO_OP_ENCRYPT;
	d->u.sym.u.chain.sess_para.hash.algo = VIRTIO_CRYPTO_MAC_HMAC_SHA1;
	d->u.sym.u.chain.sess_para.hash.auth_key_len = 20;
	d->u.sym.u.chain.sess_para.hash.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH;
	d->u.sym.u.chain.iv_len = 16;
	d->u.sym.u.chain.src_data_len = 64;
	d->u.sym.u.chain.dst_data_len = 64;
	d->u.sym.u.chain.len_to_cipher = 64;
	d->u.sym.u.chain.len_to_hash = 44;
	d->u.sym.u.chain.hash_result_len = 20;
	for (int i = 0; i < 36; i++)
		keys[i] = (uint8_t)(0xc0 + i);
	for (int i = 0; i < 64; i++)
		src[i] = (uint8_t)i;
	chain_reset();
	chain_add(fixed, flen, false);
	chain_add(keys, 36, false);
	chain_add(iv, 16, false);
	chain_add(src, 64, false);
	chain_add(src, 64, true);        /* in place */
	chain_add(src + 44, 20, true);   /* hash_result inside the cipher range */
	chain_add(status, 1, true);
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &sb, &req), VIRTIO_CRYPTO_OK);
	CHECK(req.sess == &req.sl && req.sl_live && fake_live == 1);
	CHECK(fake_key[0] == 0xc0 && fake_key[15] == 0xcf && fake_akey[0] == 0xd0 &&
		fake_akey[19] == 0xe3);
	CHECK(req.sl.priv >= (void *)sbounce && ((uintptr_t)req.sl.priv % 64) == 0);
	CHECK(req.sl.info.hash_first && req.kind == VCRYPTO_SESS_CHAIN);
	CHECK(req.iv_len == 16 && req.len == 64 && req.result_len == 20);
	/* digest encrypted: the engine writes it into the work buffer */
	CHECK(req.dst == src && req.digest_out == src + 44);
	req.status = VIRTIO_CRYPTO_OK;
	memset(req.digest, 0x77, 20);
	CHECK_EQ(vcrypto_codec_finish(&req), 64 + 20 + 1);
	CHECK(!req.sl_live && fake_live == 0);
	CHECK(((uint8_t *)req.sl.priv)[0] == 0); /* wiped */
	CHECK(src[44] == 44); /* not overwritten after the "cipher" */
	sb.used = 0; /* as the worker, after the batch */

	/* the control queue's refusals */
	d->u.sym.u.chain.sess_para.cipher.key_len = 33;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &sb, &req), VIRTIO_CRYPTO_ERR);
	d->u.sym.u.chain.sess_para.cipher.key_len = 16;
	d->u.sym.u.chain.sess_para.cipher.algo = VIRTIO_CRYPTO_CIPHER_ARC4;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &sb, &req), VIRTIO_CRYPTO_NOTSUPP);
	d->u.sym.u.chain.sess_para.cipher.algo = VIRTIO_CRYPTO_CIPHER_AES_CBC;
	d->u.sym.u.chain.sess_para.hash.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_PLAIN;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &sb, &req), VIRTIO_CRYPTO_ERR);
	d->u.sym.u.chain.sess_para.hash.hash_mode = VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH;
	/* a length error after the session was built: it is destroyed */
	d->u.sym.u.chain.dst_data_len = 60;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &sb, &req), VIRTIO_CRYPTO_ERR);
	CHECK(fake_live == 0 && !req.sl_live && sb.used == 0);
	d->u.sym.u.chain.dst_data_len = 64;
	/* a service whose stateless bit was not negotiated */
	d->header.opcode = VIRTIO_CRYPTO_MAC;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &sb, &req), VIRTIO_CRYPTO_NOTSUPP);
	/* legacy: the flag means nothing, a request is session mode (this
	 * one's op_type, read at the session layout's offset, is bogus) */
	cfg.revision_1 = false;
	d->header.opcode = VIRTIO_CRYPTO_CIPHER_ENCRYPT;
	CHECK_EQ(vcrypto_codec_data_decode(&cfg, &chain, &sb, &req), VIRTIO_CRYPTO_ERR);
	CHECK_EQ(fake_live, 0);
}

/*
 * A retired session stops resolving at once but keeps its slot and keys
 * (a reader may hold it) until released; the FIFO frees the oldest first.
 */
static void
test_retire(struct vcrypto_session_table *t, struct vcrypto_session *s)
{
	uint64_t id = s->id;
	uint32_t active = t->active;

	memset(s->priv, 0x5c, 16);
	vcrypto_session_retire(t, s);
	s->retired_at = 7;
	CHECK(vcrypto_session_lookup(t, id) == NULL);
	CHECK_EQ(t->active, active - 1);
	CHECK_EQ(t->nretired, 1);
	CHECK(vcrypto_session_oldest_retired(t) == s && s->retired_at == 7);
	CHECK(((uint8_t *)s->priv)[15] == 0x5c); /* still usable by a reader */
	CHECK(vcrypto_session_alloc(t) == NULL); /* not free yet */
	vcrypto_session_release_retired(t);
	CHECK(((uint8_t *)s->priv)[15] == 0); /* wiped on release */
	CHECK(vcrypto_session_oldest_retired(t) == NULL);
	CHECK(vcrypto_session_alloc(t) == s);
	CHECK_EQ(vcrypto_session_publish(t, s) == id, 0);
}

static void
test_sessions(void)
{
	struct vcrypto_session_table t;
	struct vcrypto_session *a, *b, *c;
	uint64_t old;

	CHECK_EQ(vcrypto_session_table_init(&t, 0, 16, 16), -EINVAL);
	CHECK_EQ(vcrypto_session_table_init(&t, 2, 100, 64), 0);
	a = vcrypto_session_alloc(&t);
	b = vcrypto_session_alloc(&t);
	CHECK(a != NULL && b != NULL && a != b && a->id == 0);
	/* Not resolvable until built and published. */
	CHECK(vcrypto_session_lookup(&t, 1) == NULL);
	CHECK(vcrypto_session_publish(&t, a) == a->id);
	CHECK(vcrypto_session_publish(&t, b) == b->id);
	CHECK(a->id != 0 && b->id != 0 && a->id != b->id);
	CHECK(((uintptr_t)a->priv % 64) == 0 && ((uintptr_t)b->priv % 64) == 0);
	CHECK(vcrypto_session_alloc(&t) == NULL);
	CHECK(vcrypto_session_lookup(&t, a->id) == a);
	CHECK(vcrypto_session_lookup(&t, 0) == NULL);
	CHECK(vcrypto_session_lookup(&t, 3) == NULL);
	old = a->id;
	memset(a->priv, 0xaa, 100);
	vcrypto_session_release(&t, a);
	CHECK(((uint8_t *)a->priv)[99] == 0); /* keys wiped */
	CHECK(vcrypto_session_lookup(&t, old) == NULL);
	c = vcrypto_session_alloc(&t);
	CHECK(c == a);
	vcrypto_session_publish(&t, c);
	CHECK(c->id != old); /* same slot, new generation */
	CHECK(vcrypto_session_lookup(&t, old) == NULL);
	CHECK_EQ(t.active, 2);
	test_retire(&t, b);

	c->info.kind = VCRYPTO_SESS_CIPHER;
	c->info.iv_lens = 1ull << 16;
	c->info.block = 16;
	test_decode(&t, c->id);
	test_aead(&t, c);
	test_digest_encrypted(&t, c);
	test_digest_encrypted_null(&t, c);
	test_stateless(&t);
	vcrypto_session_table_fini(&t);
}

int
main(void)
{
	test_streams();
	test_sessions();
	return TEST_DONE();
}
