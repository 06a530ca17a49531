/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include "vcrypto_wire.h"

static uint32_t
ctrl_flf_len(uint32_t opcode)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_CREATE_SESSION:
		return sizeof(struct vcrypto_sym_create_session_flf);
	case VIRTIO_CRYPTO_HASH_CREATE_SESSION:
		return sizeof(struct vcrypto_hash_create_session_flf);
	case VIRTIO_CRYPTO_MAC_CREATE_SESSION:
		return sizeof(struct vcrypto_mac_create_session_flf);
	case VIRTIO_CRYPTO_AEAD_CREATE_SESSION:
		return sizeof(struct vcrypto_aead_create_session_flf);
	case VIRTIO_CRYPTO_AKCIPHER_CREATE_SESSION:
		return sizeof(struct vcrypto_akcipher_create_session_flf);
	case VIRTIO_CRYPTO_CIPHER_DESTROY_SESSION:
	case VIRTIO_CRYPTO_HASH_DESTROY_SESSION:
	case VIRTIO_CRYPTO_MAC_DESTROY_SESSION:
	case VIRTIO_CRYPTO_AEAD_DESTROY_SESSION:
	case VIRTIO_CRYPTO_AKCIPHER_DESTROY_SESSION:
		return sizeof(struct vcrypto_destroy_session_flf);
	default:
		return 0;
	}
}

uint32_t
vcrypto_ctrl_fixed_len(uint32_t opcode, int revision_1)
{
	uint32_t flf = ctrl_flf_len(opcode);

	if (flf == 0)
		return 0;
	if (!revision_1)
		return VCRYPTO_LEGACY_FIXED_LEN;
	return sizeof(struct vcrypto_ctrl_header) + flf;
}

static uint32_t
data_flf_len(uint32_t opcode, int stateless)
{
	switch (opcode) {
	case VIRTIO_CRYPTO_CIPHER_ENCRYPT:
	case VIRTIO_CRYPTO_CIPHER_DECRYPT:
		return stateless ? sizeof(struct vcrypto_sym_data_flf_stateless) :
				   sizeof(struct vcrypto_sym_data_flf);
	case VIRTIO_CRYPTO_HASH:
		return stateless ? sizeof(struct vcrypto_hash_data_flf_stateless) :
				   sizeof(struct vcrypto_hash_data_flf);
	case VIRTIO_CRYPTO_MAC:
		return stateless ? sizeof(struct vcrypto_mac_data_flf_stateless) :
				   sizeof(struct vcrypto_mac_data_flf);
	case VIRTIO_CRYPTO_AEAD_ENCRYPT:
	case VIRTIO_CRYPTO_AEAD_DECRYPT:
		return stateless ? sizeof(struct vcrypto_aead_data_flf_stateless) :
				   sizeof(struct vcrypto_aead_data_flf);
	case VIRTIO_CRYPTO_AKCIPHER_ENCRYPT:
	case VIRTIO_CRYPTO_AKCIPHER_DECRYPT:
	case VIRTIO_CRYPTO_AKCIPHER_SIGN:
	case VIRTIO_CRYPTO_AKCIPHER_VERIFY:
		/* no stateless layout is defined beyond the session one */
		return sizeof(struct vcrypto_akcipher_data_flf);
	default:
		return 0;
	}
}

uint32_t
vcrypto_data_fixed_len(uint32_t opcode, int revision_1, int stateless)
{
	uint32_t flf;

	/* Stateless requests exist only with REVISION_1. */
	if (stateless && !revision_1)
		return 0;
	flf = data_flf_len(opcode, stateless);
	if (flf == 0)
		return 0;
	if (!revision_1)
		return VCRYPTO_LEGACY_FIXED_LEN;
	return sizeof(struct vcrypto_op_header) + flf;
}

const char *
vcrypto_status_str(uint32_t status)
{
	static const char *const names[] = {
		[VIRTIO_CRYPTO_OK] = "OK",
		[VIRTIO_CRYPTO_ERR] = "ERR",
		[VIRTIO_CRYPTO_BADMSG] = "BADMSG",
		[VIRTIO_CRYPTO_NOTSUPP] = "NOTSUPP",
		[VIRTIO_CRYPTO_INVSESS] = "INVSESS",
		[VIRTIO_CRYPTO_NOSPC] = "NOSPC",
		[VIRTIO_CRYPTO_KEY_REJECTED] = "KEY_REJECTED",
	};

	return status < VIRTIO_CRYPTO_STATUS_MAX ? names[status] : "?";
}

const char *
vcrypto_service_str(uint32_t service)
{
	static const char *const names[] = {
		[VIRTIO_CRYPTO_SERVICE_CIPHER] = "CIPHER",
		[VIRTIO_CRYPTO_SERVICE_HASH] = "HASH",
		[VIRTIO_CRYPTO_SERVICE_MAC] = "MAC",
		[VIRTIO_CRYPTO_SERVICE_AEAD] = "AEAD",
		[VIRTIO_CRYPTO_SERVICE_AKCIPHER] = "AKCIPHER",
		[VIRTIO_CRYPTO_SERVICE_IPSEC] = "IPSEC",
	};

	return service <= VIRTIO_CRYPTO_SERVICE_IPSEC ? names[service] : "?";
}

void
vcrypto_config_convert(struct vcrypto_config *c)
{
	/* le32toh and htole32 are the same swap (or none on little-endian) */
	c->status = vcrypto_le32(c->status);
	c->max_dataqueues = vcrypto_le32(c->max_dataqueues);
	c->crypto_services = vcrypto_le32(c->crypto_services);
	c->cipher_algo_l = vcrypto_le32(c->cipher_algo_l);
	c->cipher_algo_h = vcrypto_le32(c->cipher_algo_h);
	c->hash_algo = vcrypto_le32(c->hash_algo);
	c->mac_algo_l = vcrypto_le32(c->mac_algo_l);
	c->mac_algo_h = vcrypto_le32(c->mac_algo_h);
	c->aead_algo = vcrypto_le32(c->aead_algo);
	c->max_cipher_key_len = vcrypto_le32(c->max_cipher_key_len);
	c->max_auth_key_len = vcrypto_le32(c->max_auth_key_len);
	c->akcipher_algo = vcrypto_le32(c->akcipher_algo);
	c->max_size = vcrypto_le64(c->max_size);
}
