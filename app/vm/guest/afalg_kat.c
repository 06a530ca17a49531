/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
/*
 * afalg_kat: NIST SP 800-38A F.2.1-F.2.6 AES-CBC known-answer tests through
 * the Linux AF_ALG skcipher interface, run inside a test VM.
 *
 * The transform is bound by DRIVER name (default virtio_crypto_aes_cbc), not
 * by the generic "cbc(aes)": the generic name resolves to whichever
 * implementation has the highest priority (aesni-intel when it is loaded),
 * so only the driver name proves the virtio-crypto device did the work.
 *
 * Each vector is checked byte for byte, encrypt and decrypt, over all four
 * blocks and over the last two blocks alone with the chained IV (the
 * ciphertext of block 2), so both the key and the IV really reach the device.
 * Prints one PASS/FAIL line per check and "N passed, N failed".
 *
 * Usage: afalg_kat [DRIVER_NAME]     exit status 0 only if all passed.
 */
#include <errno.h>
#include <linux/if_alg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define BLK 16
#define VEC_LEN 64

/* SP 800-38A appendix F.2, as printed there (hex). */
static const char iv_hex[] = "000102030405060708090a0b0c0d0e0f";
static const char pt_hex[] =
	"6bc1bee22e409f96e93d7e117393172a"
	"ae2d8a571e03ac9c9eb76fac45af8e51"
	"30c81c46a35ce411e5fbc1191a0a52ef"
	"f69f2445df4f9b17ad2b417be66c3710";

static const struct {
	const char *enc_name, *dec_name, *key, *ct;
} vectors[] = {
	{ "F.2.1 CBC-AES128.Encrypt", "F.2.2 CBC-AES128.Decrypt",
	  "2b7e151628aed2a6abf7158809cf4f3c",
	  "7649abac8119b246cee98e9b12e9197d"
	  "5086cb9b507219ee95db113a917678b2"
	  "73bed6b8e3c1743b7116e69e22229516"
	  "3ff1caa1681fac09120eca307586e1a7" },
	{ "F.2.3 CBC-AES192.Encrypt", "F.2.4 CBC-AES192.Decrypt",
	  "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
	  "4f021db243bc633d7178183a9fa071e8"
	  "b4d9ada9ad7dedf4e5e738763f69145a"
	  "571b242012fb7ae07fa9baac3df102e0"
	  "08b0e27988598881d920a9e64f5615cd" },
	{ "F.2.5 CBC-AES256.Encrypt", "F.2.6 CBC-AES256.Decrypt",
	  "603deb1015ca71be2b73aef0857d7781"
	  "1f352c073b6108d72d9810a30914dff4",
	  "f58c4c04d6e5f1ba779eabfb5f7bfbd6"
	  "9cfc4e967edb808d679f777bc6702c7d"
	  "39f23369a9d9bacfa530e26304231461"
	  "b2eb05e2c39be9fcda6c19078c6a9d1b" },
};

struct counts {
	unsigned int passed, failed;
};

static int
nibble(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* Decode a hex string; returns the byte count or -1 (bad digit, too long). */
static int
unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = strlen(hex) / 2, i;

	if (strlen(hex) % 2 != 0 || n > max)
		return -1;
	for (i = 0; i < n; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)n;
}

static void
print_hex(const char *label, const uint8_t *p, size_t len)
{
	size_t i;

	printf("    %s ", label);
	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
	printf("\n");
}

/*
 * One AF_ALG operation on a transform socket that already holds the key:
 * accept an operation socket, send op + IV + input in one message, read the
 * output. Returns 0, or -errno with the failing step in *step.
 */
static int
alg_op(int tfm, int encrypt, const uint8_t *iv, const uint8_t *in,
		uint8_t *out, size_t len, const char **step)
{
	char cbuf[CMSG_SPACE(sizeof(uint32_t)) +
		  CMSG_SPACE(sizeof(struct af_alg_iv) + BLK)] = { 0 };
	struct iovec iov = { .iov_base = (void *)(uintptr_t)in, .iov_len = len };
	struct msghdr msg = {
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	struct cmsghdr *c;
	struct af_alg_iv *aiv;
	size_t got = 0;
	ssize_t n;
	int op, rc = 0;

	op = accept(tfm, NULL, 0);
	if (op < 0) {
		*step = "accept";
		return -errno;
	}
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(sizeof(uint32_t));
	*(uint32_t *)(void *)CMSG_DATA(c) = encrypt ? ALG_OP_ENCRYPT : ALG_OP_DECRYPT;
	c = CMSG_NXTHDR(&msg, c);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_IV;
	c->cmsg_len = CMSG_LEN(sizeof(struct af_alg_iv) + BLK);
	aiv = (struct af_alg_iv *)(void *)CMSG_DATA(c);
	aiv->ivlen = BLK;
	memcpy(aiv->iv, iv, BLK);

	if (sendmsg(op, &msg, 0) != (ssize_t)len) {
		*step = "sendmsg";
		rc = errno ? -errno : -EIO;
		goto out;
	}
	while (got < len) {
		n = read(op, out + got, len - got);
		if (n <= 0) {
			*step = "read";
			rc = n < 0 ? -errno : -EIO;
			goto out;
		}
		got += (size_t)n;
	}
out:
	close(op);
	return rc;
}

/* Open a transform socket bound to @p driver holding @p key. */
static int
alg_open(const char *driver, const uint8_t *key, size_t key_len,
		const char **step)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int tfm, err;

	strncpy((char *)sa.salg_type, "skcipher", sizeof(sa.salg_type) - 1);
	strncpy((char *)sa.salg_name, driver, sizeof(sa.salg_name) - 1);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0) {
		*step = "socket(AF_ALG)";
		return -errno;
	}
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		*step = "bind";
		goto fail;
	}
	if (setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, key_len) != 0) {
		*step = "setkey";
		goto fail;
	}
	return tfm;
fail:
	err = errno;
	close(tfm);
	return -err;
}

/* Run one check and compare the output with @p want, byte for byte. */
static void
check(struct counts *cnt, const char *name, const char *driver,
		const uint8_t *key, size_t key_len, int encrypt,
		const uint8_t *iv, const uint8_t *in, const uint8_t *want, size_t len)
{
	uint8_t out[VEC_LEN];
	const char *step = "";
	int tfm, rc;

	memset(out, 0xa5, sizeof(out));
	tfm = alg_open(driver, key, key_len, &step);
	rc = tfm < 0 ? tfm : alg_op(tfm, encrypt, iv, in, out, len, &step);
	if (tfm >= 0)
		close(tfm);
	if (rc != 0) {
		printf("FAIL %s: %s: %s\n", name, step, strerror(-rc));
		cnt->failed++;
	} else if (memcmp(out, want, len) != 0) {
		printf("FAIL %s: output differs\n", name);
		print_hex("want", want, len);
		print_hex("got ", out, len);
		cnt->failed++;
	} else {
		printf("PASS %s (%zu bytes)\n", name, len);
		cnt->passed++;
	}
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	const char *driver = argc > 1 ? argv[1] : "virtio_crypto_aes_cbc";
	uint8_t key[32], iv[BLK], pt[VEC_LEN], ct[VEC_LEN];
	struct counts cnt = { 0, 0 };
	char name[96];
	size_t i;
	int key_len;

	if (argc > 2) {
		fprintf(stderr, "usage: %s [DRIVER_NAME]\n", argv[0]);
		return 2;
	}
	printf("afalg_kat: skcipher driver %s\n", driver);
	if (unhex(iv_hex, iv, sizeof(iv)) != BLK ||
	    unhex(pt_hex, pt, sizeof(pt)) != VEC_LEN) {
		printf("FAIL: vector table is malformed\n");
		return 1;
	}
	for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
		key_len = unhex(vectors[i].key, key, sizeof(key));
		if (key_len < 0 || unhex(vectors[i].ct, ct, sizeof(ct)) != VEC_LEN) {
			printf("FAIL: vector %zu is malformed\n", i);
			cnt.failed++;
			continue;
		}
		check(&cnt, vectors[i].enc_name, driver, key, (size_t)key_len, 1,
			iv, pt, ct, VEC_LEN);
		check(&cnt, vectors[i].dec_name, driver, key, (size_t)key_len, 0,
			iv, ct, pt, VEC_LEN);
		/* Blocks 3-4 alone: the IV is ciphertext block 2. */
		snprintf(name, sizeof(name), "%s blocks 3-4 (chained IV)",
			vectors[i].enc_name);
		check(&cnt, name, driver, key, (size_t)key_len, 1,
			ct + BLK, pt + 2 * BLK, ct + 2 * BLK, 2 * BLK);
		snprintf(name, sizeof(name), "%s blocks 3-4 (chained IV)",
			vectors[i].dec_name);
		check(&cnt, name, driver, key, (size_t)key_len, 0,
			ct + BLK, ct + 2 * BLK, pt + 2 * BLK, 2 * BLK);
	}
	printf("afalg_kat: %u passed, %u failed\n", cnt.passed, cnt.failed);
	return cnt.failed == 0 && cnt.passed > 0 ? 0 : 1;
}
