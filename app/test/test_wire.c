/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * Unit tests of the wire format (lib/virtio_crypto): struct sizes and field
 * offsets against the numbers of the virtio 1.2 specification, opcode
 * composition, fixed-part lengths in both request layouts, names, and
 * little-endian encode/decode round trips through byte buffers. No EAL.
 *
 * Expected values are written out as literals taken from the specification,
 * never derived from the structs under test, so a wrong struct cannot agree
 * with itself.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vcrypto_wire.h"
#include "vcrypto_vring.h"
#include "test_harness.h"

/* Read a little-endian integer out of a byte buffer, independent of the host. */
static uint64_t
get_le(const uint8_t *b, size_t off, unsigned int width)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < width; i++)
		v |= (uint64_t)b[off + i] << (8 * i);
	return v;
}

/* Write a little-endian integer into a byte buffer, independent of the host. */
static void
put_le(uint8_t *b, size_t off, unsigned int width, uint64_t v)
{
	unsigned int i;

	for (i = 0; i < width; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

static void
test_sizes(struct vt_counts *c)
{
	VT_EQ(c, sizeof(struct vcrypto_config), 56);
	VT_EQ(c, sizeof(struct vcrypto_ctrl_header), 16);
	VT_EQ(c, sizeof(struct vcrypto_cipher_session_flf), 16);
	VT_EQ(c, sizeof(struct vcrypto_hash_create_session_flf), 8);
	VT_EQ(c, sizeof(struct vcrypto_mac_create_session_flf), 16);
	VT_EQ(c, sizeof(struct vcrypto_alg_chain_session_flf), 48);
	VT_EQ(c, sizeof(struct vcrypto_sym_create_session_flf), 56);
	VT_EQ(c, sizeof(struct vcrypto_aead_create_session_flf), 24);
	VT_EQ(c, sizeof(struct vcrypto_akcipher_create_session_flf), 56);
	VT_EQ(c, sizeof(struct vcrypto_destroy_session_flf), 8);
	VT_EQ(c, sizeof(struct vcrypto_create_session_input), 16);
	VT_EQ(c, sizeof(struct vcrypto_destroy_session_input), 1);
	VT_EQ(c, sizeof(struct vcrypto_ctrl_req), 72);
	VT_EQ(c, sizeof(struct vcrypto_op_header), 24);
	VT_EQ(c, sizeof(struct vcrypto_cipher_data_flf), 16);
	VT_EQ(c, sizeof(struct vcrypto_alg_chain_data_flf), 40);
	VT_EQ(c, sizeof(struct vcrypto_sym_data_flf), 48);
	VT_EQ(c, sizeof(struct vcrypto_hash_data_flf), 8);
	VT_EQ(c, sizeof(struct vcrypto_mac_data_flf), 8);
	VT_EQ(c, sizeof(struct vcrypto_aead_data_flf), 24);
	VT_EQ(c, sizeof(struct vcrypto_akcipher_data_flf), 8);
	VT_EQ(c, sizeof(struct vcrypto_cipher_data_flf_stateless), 24);
	VT_EQ(c, sizeof(struct vcrypto_alg_chain_data_flf_stateless), 72);
	VT_EQ(c, sizeof(struct vcrypto_sym_data_flf_stateless), 76);
	VT_EQ(c, sizeof(struct vcrypto_hash_data_flf_stateless), 16);
	VT_EQ(c, sizeof(struct vcrypto_mac_data_flf_stateless), 16);
	VT_EQ(c, sizeof(struct vcrypto_aead_data_flf_stateless), 32);
	VT_EQ(c, sizeof(struct vcrypto_data_req), 72);
	VT_EQ(c, sizeof(struct vcrypto_data_req_stateless), 100);
	VT_EQ(c, sizeof(struct vcrypto_inhdr), 1);
	VT_EQ(c, VCRYPTO_LEGACY_FIXED_LEN, 72);
	VT_EQ(c, VIRTIO_CRYPTO_CTRLQ_OP_SPEC_HDR_LEGACY, 56);
	VT_EQ(c, VIRTIO_CRYPTO_DATAQ_OP_SPEC_HDR_LEGACY, 48);
	/* ring layouts */
	VT_EQ(c, sizeof(struct vcrypto_vring_desc), 16);
	VT_EQ(c, sizeof(struct vcrypto_vring_used_elem), 8);
	VT_EQ(c, sizeof(struct vcrypto_vring_packed_desc), 16);
	VT_EQ(c, vcrypto_vring_desc_size(256), 4096);
	VT_EQ(c, vcrypto_vring_avail_size(256), 6 + 512);
	VT_EQ(c, vcrypto_vring_used_size(256), 6 + 2048);
}

static void
test_offsets(struct vt_counts *c)
{
	/* config space (spec 5.9.4) */
	VT_EQ(c, offsetof(struct vcrypto_config, status), 0);
	VT_EQ(c, offsetof(struct vcrypto_config, max_dataqueues), 4);
	VT_EQ(c, offsetof(struct vcrypto_config, crypto_services), 8);
	VT_EQ(c, offsetof(struct vcrypto_config, cipher_algo_l), 12);
	VT_EQ(c, offsetof(struct vcrypto_config, cipher_algo_h), 16);
	VT_EQ(c, offsetof(struct vcrypto_config, hash_algo), 20);
	VT_EQ(c, offsetof(struct vcrypto_config, mac_algo_l), 24);
	VT_EQ(c, offsetof(struct vcrypto_config, mac_algo_h), 28);
	VT_EQ(c, offsetof(struct vcrypto_config, aead_algo), 32);
	VT_EQ(c, offsetof(struct vcrypto_config, max_cipher_key_len), 36);
	VT_EQ(c, offsetof(struct vcrypto_config, max_auth_key_len), 40);
	VT_EQ(c, offsetof(struct vcrypto_config, akcipher_algo), 44);
	VT_EQ(c, offsetof(struct vcrypto_config, max_size), 48);

	/* control request */
	VT_EQ(c, offsetof(struct vcrypto_ctrl_header, opcode), 0);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_header, algo), 4);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_header, flag), 8);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_header, queue_id), 12);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_req, u), 16);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_req, u.sym.u.cipher.algo), 16);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_req, u.sym.u.cipher.key_len), 20);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_req, u.sym.u.cipher.op), 24);
	VT_EQ(c, offsetof(struct vcrypto_ctrl_req, u.sym.op_type), 16 + 48);
	VT_EQ(c, offsetof(struct vcrypto_alg_chain_session_flf, cipher_hdr), 8);
	VT_EQ(c, offsetof(struct vcrypto_alg_chain_session_flf, algo_flf), 24);
	VT_EQ(c, offsetof(struct vcrypto_alg_chain_session_flf, aad_len), 40);
	VT_EQ(c, offsetof(struct vcrypto_mac_create_session_flf, auth_key_len), 8);
	VT_EQ(c, offsetof(struct vcrypto_aead_create_session_flf, tag_len), 8);
	VT_EQ(c, offsetof(struct vcrypto_aead_create_session_flf, aad_len), 12);
	VT_EQ(c, offsetof(struct vcrypto_aead_create_session_flf, op), 16);
	VT_EQ(c, offsetof(struct vcrypto_akcipher_create_session_flf, key_len), 8);
	VT_EQ(c, offsetof(struct vcrypto_akcipher_create_session_flf, algo_flf), 12);
	VT_EQ(c, offsetof(struct vcrypto_create_session_input, status), 8);

	/* data request */
	VT_EQ(c, offsetof(struct vcrypto_op_header, opcode), 0);
	VT_EQ(c, offsetof(struct vcrypto_op_header, algo), 4);
	VT_EQ(c, offsetof(struct vcrypto_op_header, session_id), 8);
	VT_EQ(c, offsetof(struct vcrypto_op_header, flag), 16);
	VT_EQ(c, offsetof(struct vcrypto_op_header, padding), 20);
	VT_EQ(c, offsetof(struct vcrypto_data_req, u), 24);
	VT_EQ(c, offsetof(struct vcrypto_data_req, u.sym.u.cipher.iv_len), 24);
	VT_EQ(c, offsetof(struct vcrypto_data_req, u.sym.u.cipher.src_data_len), 28);
	VT_EQ(c, offsetof(struct vcrypto_data_req, u.sym.u.cipher.dst_data_len), 32);
	VT_EQ(c, offsetof(struct vcrypto_data_req, u.sym.op_type), 24 + 40);
	VT_EQ(c, offsetof(struct vcrypto_alg_chain_data_flf, len_to_hash), 24);
	VT_EQ(c, offsetof(struct vcrypto_alg_chain_data_flf, hash_result_len), 32);
	VT_EQ(c, offsetof(struct vcrypto_aead_data_flf, src_data_len), 8);
	VT_EQ(c, offsetof(struct vcrypto_aead_data_flf, tag_len), 16);
	VT_EQ(c, offsetof(struct vcrypto_data_req_stateless, u), 24);
	VT_EQ(c, offsetof(struct vcrypto_data_req_stateless, u.sym.op_type), 24 + 72);
	VT_EQ(c, offsetof(struct vcrypto_cipher_data_flf_stateless, iv_len), 12);
	VT_EQ(c, offsetof(struct vcrypto_alg_chain_data_flf_stateless, iv_len), 32);
	VT_EQ(c, offsetof(struct vcrypto_aead_data_flf_stateless, iv_len), 12);
	VT_EQ(c, offsetof(struct vcrypto_aead_data_flf_stateless, dst_data_len), 28);

	/* rings */
	VT_EQ(c, offsetof(struct vcrypto_vring_desc, len), 8);
	VT_EQ(c, offsetof(struct vcrypto_vring_desc, flags), 12);
	VT_EQ(c, offsetof(struct vcrypto_vring_desc, next), 14);
	VT_EQ(c, offsetof(struct vcrypto_vring_avail, ring), 4);
	VT_EQ(c, offsetof(struct vcrypto_vring_used, ring), 4);
	VT_EQ(c, offsetof(struct vcrypto_vring_packed_desc, id), 12);
	VT_EQ(c, offsetof(struct vcrypto_vring_packed_desc, flags), 14);
}

/* Every opcode the specification defines, with its service and operation. */
static const struct {
	uint32_t opcode, service, op;
	int ctrl;      /* control queue opcode */
	int destroy;   /* destroy-session opcode */
	uint32_t rev1; /* fixed length with REVISION_1 (session mode) */
	uint32_t rev1_stateless; /* data only: stateless fixed length, 0 if none */
	const char *name;
} opcodes[] = {
	{ VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, 0, 2, 1, 0, 16 + 56, 0, "cipher create" },
	{ VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, 0, 3, 1, 1, 16 + 8, 0, "cipher destroy" },
	{ VIRTIO_CRYPTO_HASH_CREATE_SESSION, 1, 2, 1, 0, 16 + 8, 0, "hash create" },
	{ VIRTIO_CRYPTO_HASH_DESTROY_SESSION, 1, 3, 1, 1, 16 + 8, 0, "hash destroy" },
	{ VIRTIO_CRYPTO_MAC_CREATE_SESSION, 2, 2, 1, 0, 16 + 16, 0, "mac create" },
	{ VIRTIO_CRYPTO_MAC_DESTROY_SESSION, 2, 3, 1, 1, 16 + 8, 0, "mac destroy" },
	{ VIRTIO_CRYPTO_AEAD_CREATE_SESSION, 3, 2, 1, 0, 16 + 24, 0, "aead create" },
	{ VIRTIO_CRYPTO_AEAD_DESTROY_SESSION, 3, 3, 1, 1, 16 + 8, 0, "aead destroy" },
	{ VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION, 4, 4, 1, 0, 16 + 56, 0, "akcipher create" },
	{ VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, 4, 5, 1, 1, 16 + 8, 0, "akcipher destroy" },
	{ VIRTIO_CRYPTO_CIPHER_ENCRYPT, 0, 0, 0, 0, 24 + 48, 24 + 76, "cipher encrypt" },
	{ VIRTIO_CRYPTO_CIPHER_DECRYPT, 0, 1, 0, 0, 24 + 48, 24 + 76, "cipher decrypt" },
	{ VIRTIO_CRYPTO_HASH, 1, 0, 0, 0, 24 + 8, 24 + 16, "hash" },
	{ VIRTIO_CRYPTO_MAC, 2, 0, 0, 0, 24 + 8, 24 + 16, "mac" },
	{ VIRTIO_CRYPTO_AEAD_ENCRYPT, 3, 0, 0, 0, 24 + 24, 24 + 32, "aead encrypt" },
	{ VIRTIO_CRYPTO_AEAD_DECRYPT, 3, 1, 0, 0, 24 + 24, 24 + 32, "aead decrypt" },
	{ VIRTIO_CRYPTO_AKCIPHER_ENCRYPT, 4, 0, 0, 0, 24 + 8, 24 + 8, "akcipher encrypt" },
	{ VIRTIO_CRYPTO_AKCIPHER_DECRYPT, 4, 1, 0, 0, 24 + 8, 24 + 8, "akcipher decrypt" },
	{ VIRTIO_CRYPTO_AKCIPHER_SIGN, 4, 2, 0, 0, 24 + 8, 24 + 8, "akcipher sign" },
	{ VIRTIO_CRYPTO_AKCIPHER_VERIFY, 4, 3, 0, 0, 24 + 8, 24 + 8, "akcipher verify" },
};

#define N_OPCODES (sizeof(opcodes) / sizeof(opcodes[0]))

static void
test_opcodes(struct vt_counts *c)
{
	size_t i, j;

	/* literal values from the specification */
	VT_EQ(c, VIRTIO_CRYPTO_OPCODE(3, 1), 0x301);
	VT_EQ(c, VIRTIO_CRYPTO_OPCODE(0xff, 0xff), 0xffff);
	VT_EQ(c, VIRTIO_CRYPTO_CIPHER_CREATE_SESSION, 0x002);
	VT_EQ(c, VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION, 0x003);
	VT_EQ(c, VIRTIO_CRYPTO_HASH_CREATE_SESSION, 0x102);
	VT_EQ(c, VIRTIO_CRYPTO_MAC_CREATE_SESSION, 0x202);
	VT_EQ(c, VIRTIO_CRYPTO_AEAD_DESTROY_SESSION, 0x303);
	VT_EQ(c, VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION, 0x404);
	VT_EQ(c, VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION, 0x405);
	VT_EQ(c, VIRTIO_CRYPTO_CIPHER_ENCRYPT, 0x000);
	VT_EQ(c, VIRTIO_CRYPTO_CIPHER_DECRYPT, 0x001);
	VT_EQ(c, VIRTIO_CRYPTO_HASH, 0x100);
	VT_EQ(c, VIRTIO_CRYPTO_MAC, 0x200);
	VT_EQ(c, VIRTIO_CRYPTO_AEAD_ENCRYPT, 0x300);
	VT_EQ(c, VIRTIO_CRYPTO_AEAD_DECRYPT, 0x301);
	VT_EQ(c, VIRTIO_CRYPTO_AKCIPHER_SIGN, 0x402);
	VT_EQ(c, VIRTIO_CRYPTO_AKCIPHER_VERIFY, 0x403);

	for (i = 0; i < N_OPCODES; i++) {
		VT_EQ(c, VIRTIO_CRYPTO_OPCODE(opcodes[i].service, opcodes[i].op),
		      opcodes[i].opcode);
		VT_EQ(c, vcrypto_opcode_service(opcodes[i].opcode), opcodes[i].service);
		VT_EQ(c, vcrypto_opcode_op(opcodes[i].opcode), opcodes[i].op);
		/* no two opcodes collide */
		for (j = i + 1; j < N_OPCODES; j++)
			VT_CHECK(c, opcodes[i].opcode != opcodes[j].opcode);
	}

	/* other constants the wire fixes */
	VT_EQ(c, VIRTIO_ID_CRYPTO, 20);
	VT_EQ(c, VIRTIO_CRYPTO_PCI_DEVICE, 0x1054);
	VT_EQ(c, VIRTIO_CRYPTO_F_REVISION_1, 0);
	VT_EQ(c, VIRTIO_CRYPTO_F_AKCIPHER_STATELESS_MODE, 5);
	VT_EQ(c, VIRTIO_CRYPTO_CIPHER_AES_CBC, 3);
	VT_EQ(c, VIRTIO_CRYPTO_CIPHER_AES_XTS, 13);
	VT_EQ(c, VIRTIO_CRYPTO_MAC_HMAC_SHA_256, 4);
	VT_EQ(c, VIRTIO_CRYPTO_MAC_ZUC_EIA3, 54);
	VT_EQ(c, VIRTIO_CRYPTO_AEAD_CHACHA20_POLY1305, 3);
	VT_EQ(c, VIRTIO_CRYPTO_AKCIPHER_ECDSA, 2);
	VT_EQ(c, VIRTIO_CRYPTO_OK, 0);
	VT_EQ(c, VIRTIO_CRYPTO_INVSESS, 4);
	VT_EQ(c, VIRTIO_CRYPTO_NOSPC, 5);
	VT_EQ(c, VIRTIO_CRYPTO_KEY_REJECTED, 6);
}

static void
test_fixed_lens(struct vt_counts *c)
{
	static const uint32_t unknown[] = {
		0x004, 0x0ff, 0x101, 0x104, 0x201, 0x204, 0x304, 0x406, 0x500,
		0x501, 0x600, 0x1000, 0xffff, 0xffffffff,
	};
	size_t i;

	for (i = 0; i < N_OPCODES; i++) {
		uint32_t op = opcodes[i].opcode;
		unsigned int failed = c->failed;

		if (opcodes[i].ctrl) {
			VT_EQ(c, vcrypto_ctrl_fixed_len(op, 0), 72);
			VT_EQ(c, vcrypto_ctrl_fixed_len(op, 1), opcodes[i].rev1);
			/* a control opcode is not a data opcode... */
			VT_EQ(c, vcrypto_data_fixed_len(op, 0, 0), 0);
			VT_EQ(c, vcrypto_data_fixed_len(op, 1, 0), 0);
			VT_EQ(c, vcrypto_data_fixed_len(op, 1, 1), 0);
		} else {
			VT_EQ(c, vcrypto_data_fixed_len(op, 0, 0), 72);
			VT_EQ(c, vcrypto_data_fixed_len(op, 1, 0), opcodes[i].rev1);
			VT_EQ(c, vcrypto_data_fixed_len(op, 1, 1), opcodes[i].rev1_stateless);
			/* stateless requests exist only with REVISION_1 */
			VT_EQ(c, vcrypto_data_fixed_len(op, 0, 1), 0);
			/* ...and a data opcode is not a control opcode */
			VT_EQ(c, vcrypto_ctrl_fixed_len(op, 0), 0);
			VT_EQ(c, vcrypto_ctrl_fixed_len(op, 1), 0);
		}
		if (c->failed != failed)
			fprintf(stderr, "     (opcode 0x%x, %s)\n", op, opcodes[i].name);
	}
	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		unsigned int failed = c->failed;

		VT_EQ(c, vcrypto_ctrl_fixed_len(unknown[i], 0), 0);
		VT_EQ(c, vcrypto_ctrl_fixed_len(unknown[i], 1), 0);
		VT_EQ(c, vcrypto_data_fixed_len(unknown[i], 0, 0), 0);
		VT_EQ(c, vcrypto_data_fixed_len(unknown[i], 1, 0), 0);
		VT_EQ(c, vcrypto_data_fixed_len(unknown[i], 1, 1), 0);
		if (c->failed != failed)
			fprintf(stderr, "     (unknown opcode 0x%x)\n", unknown[i]);
	}
}

static void
test_names(struct vt_counts *c)
{
	VT_STREQ(c, vcrypto_status_str(VIRTIO_CRYPTO_OK), "OK");
	VT_STREQ(c, vcrypto_status_str(VIRTIO_CRYPTO_ERR), "ERR");
	VT_STREQ(c, vcrypto_status_str(VIRTIO_CRYPTO_BADMSG), "BADMSG");
	VT_STREQ(c, vcrypto_status_str(VIRTIO_CRYPTO_NOTSUPP), "NOTSUPP");
	VT_STREQ(c, vcrypto_status_str(VIRTIO_CRYPTO_INVSESS), "INVSESS");
	VT_STREQ(c, vcrypto_status_str(VIRTIO_CRYPTO_NOSPC), "NOSPC");
	VT_STREQ(c, vcrypto_status_str(VIRTIO_CRYPTO_KEY_REJECTED), "KEY_REJECTED");
	VT_STREQ(c, vcrypto_status_str(7), "?");
	VT_STREQ(c, vcrypto_status_str(255), "?");
	VT_STREQ(c, vcrypto_status_str(0xffffffff), "?");

	VT_STREQ(c, vcrypto_service_str(VIRTIO_CRYPTO_SERVICE_CIPHER), "CIPHER");
	VT_STREQ(c, vcrypto_service_str(VIRTIO_CRYPTO_SERVICE_HASH), "HASH");
	VT_STREQ(c, vcrypto_service_str(VIRTIO_CRYPTO_SERVICE_MAC), "MAC");
	VT_STREQ(c, vcrypto_service_str(VIRTIO_CRYPTO_SERVICE_AEAD), "AEAD");
	VT_STREQ(c, vcrypto_service_str(VIRTIO_CRYPTO_SERVICE_AKCIPHER), "AKCIPHER");
	VT_STREQ(c, vcrypto_service_str(VIRTIO_CRYPTO_SERVICE_IPSEC), "IPSEC");
	VT_STREQ(c, vcrypto_service_str(6), "?");
	VT_STREQ(c, vcrypto_service_str(0xffffffff), "?");
}

static void
test_masks(struct vt_counts *c)
{
	VT_EQ(c, vcrypto_algo_in_mask64(1u << 3, 0, 3), 1);
	VT_EQ(c, vcrypto_algo_in_mask64(1u << 3, 0, 4), 0);
	VT_EQ(c, vcrypto_algo_in_mask64(0, 1u << (54 - 32), 54), 1);
	VT_EQ(c, vcrypto_algo_in_mask64(0xffffffff, 0xffffffff, 64), 0);
	VT_EQ(c, vcrypto_algo_in_mask64(0xffffffff, 0xffffffff, 0xffffffff), 0);
	VT_EQ(c, vcrypto_algo_in_mask32(1u << 31, 31), 1);
	VT_EQ(c, vcrypto_algo_in_mask32(0xffffffff, 32), 0);
	VT_EQ(c, vcrypto_algo_in_mask32(0xffffffff, 1000), 0);
}

static void
test_need_event(struct vt_counts *c)
{
	/* moved from 10 to 12: an event index of 10 or 11 was crossed */
	VT_EQ(c, vcrypto_vring_need_event(10, 12, 10), 1);
	VT_EQ(c, vcrypto_vring_need_event(11, 12, 10), 1);
	VT_EQ(c, vcrypto_vring_need_event(12, 12, 10), 0);
	VT_EQ(c, vcrypto_vring_need_event(9, 12, 10), 0);
	/* across the 16-bit wrap */
	VT_EQ(c, vcrypto_vring_need_event(0xffff, 1, 0xfffe), 1);
	VT_EQ(c, vcrypto_vring_need_event(0, 1, 0xfffe), 1);
	VT_EQ(c, vcrypto_vring_need_event(1, 1, 0xfffe), 0);
}

/* A session-mode AES-CBC encrypt request, encoded, checked byte by byte, decoded. */
static void
test_roundtrip_data_cipher(struct vt_counts *c)
{
	struct vcrypto_data_req req, back;
	uint8_t buf[sizeof(req)], manual[sizeof(req)];

	memset(&req, 0, sizeof(req));
	req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_ENCRYPT);
	req.header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	req.header.session_id = vcrypto_to_le64(0x0123456789abcdefULL);
	req.header.flag = vcrypto_to_le32(VIRTIO_CRYPTO_FLAG_SESSION_MODE);
	req.u.sym.u.cipher.iv_len = vcrypto_to_le32(16);
	req.u.sym.u.cipher.src_data_len = vcrypto_to_le32(0x10203);
	req.u.sym.u.cipher.dst_data_len = vcrypto_to_le32(0x10203);
	req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	memcpy(buf, &req, sizeof(req));

	VT_EQ(c, get_le(buf, 0, 4), 0x000);
	VT_EQ(c, get_le(buf, 4, 4), 3);
	VT_EQ(c, get_le(buf, 8, 8), 0x0123456789abcdefULL);
	VT_EQ(c, buf[8], 0xef);  /* least significant byte first */
	VT_EQ(c, buf[15], 0x01);
	VT_EQ(c, get_le(buf, 16, 4), 1);
	VT_EQ(c, get_le(buf, 20, 4), 0);
	VT_EQ(c, get_le(buf, 24, 4), 16);
	VT_EQ(c, get_le(buf, 28, 4), 0x10203);
	VT_EQ(c, buf[28], 0x03);
	VT_EQ(c, buf[30], 0x01);
	VT_EQ(c, get_le(buf, 32, 4), 0x10203);
	VT_EQ(c, get_le(buf, 64, 4), VIRTIO_CRYPTO_SYM_OP_CIPHER);
	VT_EQ(c, get_le(buf, 68, 4), 0);

	/* The same request written by hand decodes to the same fields. */
	memset(manual, 0, sizeof(manual));
	put_le(manual, 0, 4, VIRTIO_CRYPTO_CIPHER_ENCRYPT);
	put_le(manual, 4, 4, VIRTIO_CRYPTO_CIPHER_AES_CBC);
	put_le(manual, 8, 8, 0x0123456789abcdefULL);
	put_le(manual, 16, 4, VIRTIO_CRYPTO_FLAG_SESSION_MODE);
	put_le(manual, 24, 4, 16);
	put_le(manual, 28, 4, 0x10203);
	put_le(manual, 32, 4, 0x10203);
	put_le(manual, 64, 4, VIRTIO_CRYPTO_SYM_OP_CIPHER);
	VT_MEMEQ(c, buf, manual, sizeof(buf));

	memcpy(&back, manual, sizeof(back));
	VT_EQ(c, vcrypto_le32(back.header.opcode), VIRTIO_CRYPTO_CIPHER_ENCRYPT);
	VT_EQ(c, vcrypto_le32(back.header.algo), VIRTIO_CRYPTO_CIPHER_AES_CBC);
	VT_EQ(c, vcrypto_le64(back.header.session_id), 0x0123456789abcdefULL);
	VT_EQ(c, vcrypto_le32(back.header.flag), VIRTIO_CRYPTO_FLAG_SESSION_MODE);
	VT_EQ(c, vcrypto_le32(back.u.sym.u.cipher.iv_len), 16);
	VT_EQ(c, vcrypto_le32(back.u.sym.u.cipher.src_data_len), 0x10203);
	VT_EQ(c, vcrypto_le32(back.u.sym.u.cipher.dst_data_len), 0x10203);
	VT_EQ(c, vcrypto_le32(back.u.sym.op_type), VIRTIO_CRYPTO_SYM_OP_CIPHER);
	VT_EQ(c, vcrypto_data_fixed_len(vcrypto_le32(back.header.opcode), 0, 0), 72);
}

/* An AES-CBC create-session request and its 16-byte answer. */
static void
test_roundtrip_ctrl_cipher(struct vt_counts *c)
{
	struct vcrypto_ctrl_req req, back;
	struct vcrypto_create_session_input in;
	uint8_t buf[sizeof(req)], ib[sizeof(in)];

	memset(&req, 0, sizeof(req));
	req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	req.header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	req.header.queue_id = vcrypto_to_le32(7);
	req.u.sym.u.cipher.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	req.u.sym.u.cipher.key_len = vcrypto_to_le32(32);
	req.u.sym.u.cipher.op = vcrypto_to_le32(VIRTIO_CRYPTO_OP_DECRYPT);
	req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	memcpy(buf, &req, sizeof(req));

	VT_EQ(c, get_le(buf, 0, 4), 0x002);
	VT_EQ(c, get_le(buf, 4, 4), 3);
	VT_EQ(c, get_le(buf, 8, 4), 0);
	VT_EQ(c, get_le(buf, 12, 4), 7);
	VT_EQ(c, get_le(buf, 16, 4), 3);
	VT_EQ(c, get_le(buf, 20, 4), 32);
	VT_EQ(c, get_le(buf, 24, 4), 2);
	VT_EQ(c, get_le(buf, 64, 4), 1);

	memcpy(&back, buf, sizeof(back));
	VT_EQ(c, vcrypto_le32(back.header.opcode), VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	VT_EQ(c, vcrypto_le32(back.u.sym.u.cipher.key_len), 32);
	VT_EQ(c, vcrypto_le32(back.u.sym.u.cipher.op), VIRTIO_CRYPTO_OP_DECRYPT);
	VT_EQ(c, vcrypto_le32(back.u.sym.op_type), VIRTIO_CRYPTO_SYM_OP_CIPHER);

	/* the device's answer: le64 session id, le32 status */
	memset(ib, 0xa5, sizeof(ib));
	put_le(ib, 0, 8, 0xfedcba9876543210ULL);
	put_le(ib, 8, 4, VIRTIO_CRYPTO_NOSPC);
	memcpy(&in, ib, sizeof(in));
	VT_EQ(c, vcrypto_le64(in.session_id), 0xfedcba9876543210ULL);
	VT_EQ(c, vcrypto_le32(in.status), VIRTIO_CRYPTO_NOSPC);
}

/* A chained cipher+MAC session: fields inside the nested unions land at the spec offsets. */
static void
test_roundtrip_ctrl_chain(struct vt_counts *c)
{
	struct vcrypto_ctrl_req req, back;
	uint8_t buf[sizeof(req)];

	memset(&req, 0, sizeof(req));
	req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_CREATE_SESSION);
	req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_ALGORITHM_CHAINING);
	req.u.sym.u.chain.alg_chain_order =
		vcrypto_to_le32(VIRTIO_CRYPTO_SYM_ALG_CHAIN_ORDER_CIPHER_THEN_HASH);
	req.u.sym.u.chain.hash_mode = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_HASH_MODE_AUTH);
	req.u.sym.u.chain.cipher_hdr.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CBC);
	req.u.sym.u.chain.cipher_hdr.key_len = vcrypto_to_le32(16);
	req.u.sym.u.chain.algo_flf.mac.algo = vcrypto_to_le32(VIRTIO_CRYPTO_MAC_HMAC_SHA1);
	req.u.sym.u.chain.algo_flf.mac.hash_result_len = vcrypto_to_le32(12);
	req.u.sym.u.chain.algo_flf.mac.auth_key_len = vcrypto_to_le32(20);
	req.u.sym.u.chain.aad_len = vcrypto_to_le32(0x55);
	memcpy(buf, &req, sizeof(req));

	VT_EQ(c, get_le(buf, 16, 4), 2);      /* alg_chain_order */
	VT_EQ(c, get_le(buf, 20, 4), 2);      /* hash_mode */
	VT_EQ(c, get_le(buf, 24, 4), 3);      /* cipher algo */
	VT_EQ(c, get_le(buf, 28, 4), 16);     /* cipher key_len */
	VT_EQ(c, get_le(buf, 40, 4), 2);      /* mac algo */
	VT_EQ(c, get_le(buf, 44, 4), 12);     /* hash_result_len */
	VT_EQ(c, get_le(buf, 48, 4), 20);     /* auth_key_len */
	VT_EQ(c, get_le(buf, 56, 4), 0x55);   /* aad_len */
	VT_EQ(c, get_le(buf, 64, 4), 2);      /* op_type */

	memcpy(&back, buf, sizeof(back));
	VT_EQ(c, vcrypto_le32(back.u.sym.u.chain.algo_flf.mac.auth_key_len), 20);
	VT_EQ(c, vcrypto_le32(back.u.sym.u.chain.aad_len), 0x55);
}

/* AEAD data request with REVISION_1: exact 48-byte fixed part. */
static void
test_roundtrip_data_aead(struct vt_counts *c)
{
	struct vcrypto_data_req req, back;
	uint8_t buf[sizeof(req)];
	uint32_t len = vcrypto_data_fixed_len(VIRTIO_CRYPTO_AEAD_DECRYPT, 1, 0);

	VT_EQ(c, len, 48);
	memset(&req, 0, sizeof(req));
	req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_AEAD_DECRYPT);
	req.header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_AEAD_GCM);
	req.header.session_id = vcrypto_to_le64(42);
	req.header.flag = vcrypto_to_le32(VIRTIO_CRYPTO_FLAG_SESSION_MODE);
	req.u.aead.iv_len = vcrypto_to_le32(12);
	req.u.aead.aad_len = vcrypto_to_le32(20);
	req.u.aead.src_data_len = vcrypto_to_le32(80);
	req.u.aead.dst_data_len = vcrypto_to_le32(64);
	req.u.aead.tag_len = vcrypto_to_le32(16);
	memcpy(buf, &req, len);

	VT_EQ(c, get_le(buf, 0, 4), 0x301);
	VT_EQ(c, get_le(buf, 4, 4), 1);
	VT_EQ(c, get_le(buf, 8, 8), 42);
	VT_EQ(c, get_le(buf, 24, 4), 12);
	VT_EQ(c, get_le(buf, 28, 4), 20);
	VT_EQ(c, get_le(buf, 32, 4), 80);
	VT_EQ(c, get_le(buf, 36, 4), 64);
	VT_EQ(c, get_le(buf, 40, 4), 16);

	memset(&back, 0xff, sizeof(back));
	memcpy(&back, buf, len);
	VT_EQ(c, vcrypto_le32(back.u.aead.tag_len), 16);
	VT_EQ(c, vcrypto_le32(back.u.aead.src_data_len), 80);
}

/* Stateless cipher request: sess_para first, op_type after the 72-byte union. */
static void
test_roundtrip_data_stateless(struct vt_counts *c)
{
	struct vcrypto_data_req_stateless req, back;
	uint8_t buf[sizeof(req)];

	memset(&req, 0, sizeof(req));
	req.header.opcode = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_DECRYPT);
	req.header.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CTR);
	req.header.flag = vcrypto_to_le32(0);
	req.u.sym.u.cipher.sess_para.algo = vcrypto_to_le32(VIRTIO_CRYPTO_CIPHER_AES_CTR);
	req.u.sym.u.cipher.sess_para.key_len = vcrypto_to_le32(24);
	req.u.sym.u.cipher.sess_para.op = vcrypto_to_le32(VIRTIO_CRYPTO_OP_DECRYPT);
	req.u.sym.u.cipher.iv_len = vcrypto_to_le32(16);
	req.u.sym.u.cipher.src_data_len = vcrypto_to_le32(1000);
	req.u.sym.u.cipher.dst_data_len = vcrypto_to_le32(1000);
	req.u.sym.op_type = vcrypto_to_le32(VIRTIO_CRYPTO_SYM_OP_CIPHER);
	memcpy(buf, &req, sizeof(req));

	VT_EQ(c, sizeof(buf), 100);
	VT_EQ(c, get_le(buf, 0, 4), 1);
	VT_EQ(c, get_le(buf, 4, 4), 4);
	VT_EQ(c, get_le(buf, 16, 4), 0);
	VT_EQ(c, get_le(buf, 24, 4), 4);
	VT_EQ(c, get_le(buf, 28, 4), 24);
	VT_EQ(c, get_le(buf, 32, 4), 2);
	VT_EQ(c, get_le(buf, 36, 4), 16);
	VT_EQ(c, get_le(buf, 40, 4), 1000);
	VT_EQ(c, get_le(buf, 44, 4), 1000);
	VT_EQ(c, get_le(buf, 96, 4), 1);

	memcpy(&back, buf, sizeof(back));
	VT_EQ(c, vcrypto_le32(back.u.sym.op_type), VIRTIO_CRYPTO_SYM_OP_CIPHER);
	VT_EQ(c, vcrypto_le32(back.u.sym.u.cipher.sess_para.key_len), 24);
	VT_EQ(c, vcrypto_data_fixed_len(vcrypto_le32(back.header.opcode), 1,
		!(vcrypto_le32(back.header.flag) & VIRTIO_CRYPTO_FLAG_SESSION_MODE)), 100);
}

/* Config space as a device writes it, decoded by a driver. */
static void
test_roundtrip_config(struct vt_counts *c)
{
	struct vcrypto_config cfg;
	uint8_t buf[56];

	memset(buf, 0, sizeof(buf));
	put_le(buf, 0, 4, VIRTIO_CRYPTO_S_HW_READY);
	put_le(buf, 4, 4, 4);
	put_le(buf, 8, 4, (1u << VIRTIO_CRYPTO_SERVICE_CIPHER) | (1u << VIRTIO_CRYPTO_SERVICE_AEAD));
	put_le(buf, 12, 4, 1u << VIRTIO_CRYPTO_CIPHER_AES_CBC);
	put_le(buf, 28, 4, 1u << (VIRTIO_CRYPTO_MAC_ZUC_EIA3 - 32));
	put_le(buf, 36, 4, 64);
	put_le(buf, 44, 4, 1u << VIRTIO_CRYPTO_AKCIPHER_RSA);
	put_le(buf, 48, 8, 0x100000000ULL + 65536);
	memcpy(&cfg, buf, sizeof(cfg));

	VT_EQ(c, vcrypto_le32(cfg.status), 1);
	VT_EQ(c, vcrypto_le32(cfg.max_dataqueues), 4);
	VT_EQ(c, vcrypto_le32(cfg.crypto_services), 0x9);
	VT_EQ(c, vcrypto_algo_in_mask64(vcrypto_le32(cfg.cipher_algo_l),
		vcrypto_le32(cfg.cipher_algo_h), VIRTIO_CRYPTO_CIPHER_AES_CBC), 1);
	VT_EQ(c, vcrypto_algo_in_mask64(vcrypto_le32(cfg.mac_algo_l),
		vcrypto_le32(cfg.mac_algo_h), VIRTIO_CRYPTO_MAC_ZUC_EIA3), 1);
	VT_EQ(c, vcrypto_le32(cfg.max_cipher_key_len), 64);
	VT_EQ(c, vcrypto_le32(cfg.akcipher_algo), 2);
	VT_EQ(c, vcrypto_le64(cfg.max_size), 0x100000000ULL + 65536);

	/* The shared conversion both halves use: to host order and back. */
	vcrypto_config_convert(&cfg);
	VT_EQ(c, cfg.status, 1);
	VT_EQ(c, cfg.max_dataqueues, 4);
	VT_EQ(c, cfg.crypto_services, 0x9);
	VT_EQ(c, cfg.mac_algo_h, 1u << (VIRTIO_CRYPTO_MAC_ZUC_EIA3 - 32));
	VT_EQ(c, cfg.max_cipher_key_len, 64);
	VT_EQ(c, cfg.akcipher_algo, 2);
	VT_EQ(c, cfg.max_size, 0x100000000ULL + 65536);
	vcrypto_config_convert(&cfg);
	VT_EQ(c, memcmp(&cfg, buf, sizeof(buf)), 0);
}

/* A split-ring descriptor as both halves see it. */
static void
test_roundtrip_vring(struct vt_counts *c)
{
	struct vcrypto_vring_desc d;
	uint8_t buf[16];

	memset(&d, 0, sizeof(d));
	d.addr = vcrypto_to_le64(0x1122334455667788ULL);
	d.len = vcrypto_to_le32(72);
	d.flags = htole16(VCRYPTO_VRING_DESC_F_NEXT | VCRYPTO_VRING_DESC_F_WRITE);
	d.next = htole16(0x0102);
	memcpy(buf, &d, sizeof(d));
	VT_EQ(c, get_le(buf, 0, 8), 0x1122334455667788ULL);
	VT_EQ(c, get_le(buf, 8, 4), 72);
	VT_EQ(c, get_le(buf, 12, 2), 3);
	VT_EQ(c, get_le(buf, 14, 2), 0x0102);
	VT_EQ(c, buf[14], 0x02);
}

int
main(void)
{
	struct vt_counts c = { 0, 0 };

	test_sizes(&c);
	test_offsets(&c);
	test_opcodes(&c);
	test_fixed_lens(&c);
	test_names(&c);
	test_masks(&c);
	test_need_event(&c);
	test_roundtrip_data_cipher(&c);
	test_roundtrip_ctrl_cipher(&c);
	test_roundtrip_ctrl_chain(&c);
	test_roundtrip_data_aead(&c);
	test_roundtrip_data_stateless(&c);
	test_roundtrip_config(&c);
	test_roundtrip_vring(&c);
	return vt_finish(&c, "test_wire");
}
