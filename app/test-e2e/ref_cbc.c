/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <errno.h>
#include <stdlib.h>

#include <intel-ipsec-mb.h>

#include "ref_cbc.h"

struct ref_cbc {
	IMB_MGR *mgr;
	/* AES-256 has 15 round keys of 16 bytes; ipsec-mb wants 16-byte alignment */
	DECLARE_ALIGNED(uint32_t enc_keys[15 * 4], 16);
	DECLARE_ALIGNED(uint32_t dec_keys[15 * 4], 16);
};

struct ref_cbc *
ref_cbc_create(void)
{
	struct ref_cbc *ref;

	if (posix_memalign((void **)&ref, 64, sizeof(*ref)) != 0)
		return NULL;
	ref->mgr = alloc_mb_mgr(0);
	if (ref->mgr == NULL) {
		free(ref);
		return NULL;
	}
	init_mb_mgr_auto(ref->mgr, NULL);
	if (imb_get_errno(ref->mgr) != 0) {
		free_mb_mgr(ref->mgr);
		free(ref);
		return NULL;
	}
	return ref;
}

void
ref_cbc_free(struct ref_cbc *ref)
{
	if (ref == NULL)
		return;
	free_mb_mgr(ref->mgr);
	free(ref);
}

static int
expand_key(struct ref_cbc *ref, const uint8_t *key, uint32_t key_len)
{
	switch (key_len) {
	case 16:
		IMB_AES_KEYEXP_128(ref->mgr, key, ref->enc_keys, ref->dec_keys);
		return 0;
	case 24:
		IMB_AES_KEYEXP_192(ref->mgr, key, ref->enc_keys, ref->dec_keys);
		return 0;
	case 32:
		IMB_AES_KEYEXP_256(ref->mgr, key, ref->enc_keys, ref->dec_keys);
		return 0;
	default:
		return -EINVAL;
	}
}

int
ref_cbc(struct ref_cbc *ref, int encrypt, const uint8_t *key, uint32_t key_len,
	const uint8_t *iv, const uint8_t *src, uint8_t *dst, uint32_t len)
{
	IMB_JOB *job;
	int done = 0;

	if (len == 0 || len % 16 != 0 || expand_key(ref, key, key_len) != 0)
		return -EINVAL;

	job = IMB_GET_NEXT_JOB(ref->mgr);
	job->cipher_mode = IMB_CIPHER_CBC;
	job->cipher_direction = encrypt ? IMB_DIR_ENCRYPT : IMB_DIR_DECRYPT;
	/* ipsec-mb requires cipher-first for encryption, hash-first for decryption */
	job->chain_order = encrypt ? IMB_ORDER_CIPHER_HASH : IMB_ORDER_HASH_CIPHER;
	job->hash_alg = IMB_AUTH_NULL;
	job->enc_keys = ref->enc_keys;
	job->dec_keys = ref->dec_keys;
	job->key_len_in_bytes = key_len;
	job->src = src;
	job->dst = dst;
	job->cipher_start_src_offset_in_bytes = 0;
	job->msg_len_to_cipher_in_bytes = len;
	job->iv = iv;
	job->iv_len_in_bytes = 16;

	/* One job at a time: it comes back from submit or from flush. */
	job = IMB_SUBMIT_JOB(ref->mgr);
	while (job != NULL || (job = IMB_FLUSH_JOB(ref->mgr)) != NULL) {
		if (job->status != IMB_STATUS_COMPLETED)
			return -EIO;
		done++;
		job = NULL;
	}
	return done == 1 ? 0 : -EIO;
}
