/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */

/*
 * Capabilities are derived from what the device's config space offers
 * (crypto_services, algorithm masks, key limits), never hard-coded: a
 * device that drops an algorithm makes the driver drop it too.
 */
#include <string.h>

#include "virtio_crypto_priv.h"

static bool
has_cipher(const struct vcrypto_config *cfg, uint32_t algo)
{
	return vcrypto_algo_in_mask32(cfg->crypto_services, VIRTIO_CRYPTO_SERVICE_CIPHER) &&
	       vcrypto_algo_in_mask64(cfg->cipher_algo_l, cfg->cipher_algo_h, algo);
}

static void
add_aes_cbc(const struct vcrypto_config *cfg, struct rte_cryptodev_capabilities *c)
{
	uint16_t max_key = (uint16_t)RTE_MIN(cfg->max_cipher_key_len, 32u);

	memset(c, 0, sizeof(*c));
	c->op = RTE_CRYPTO_OP_TYPE_SYMMETRIC;
	c->sym.xform_type = RTE_CRYPTO_SYM_XFORM_CIPHER;
	c->sym.cipher.algo = RTE_CRYPTO_CIPHER_AES_CBC;
	c->sym.cipher.block_size = 16;
	c->sym.cipher.key_size.min = 16;
	/* AES keys are 16, 24 or 32 bytes: round the device's limit down. */
	c->sym.cipher.key_size.max = (uint16_t)(16 + (max_key - 16) / 8 * 8);
	c->sym.cipher.key_size.increment = 8;
	c->sym.cipher.iv_size.min = 16;
	c->sym.cipher.iv_size.max = 16;
	c->sym.cipher.iv_size.increment = 0;
}

unsigned int
vcrypto_caps_from_config(const struct vcrypto_config *cfg,
		struct rte_cryptodev_capabilities *caps)
{
	unsigned int n = 0;

	if (has_cipher(cfg, VIRTIO_CRYPTO_CIPHER_AES_CBC) && cfg->max_cipher_key_len >= 16)
		add_aes_cbc(cfg, &caps[n++]);
	memset(&caps[n], 0, sizeof(caps[n]));
	caps[n].op = RTE_CRYPTO_OP_TYPE_UNDEFINED; /* end of list */
	return n;
}
