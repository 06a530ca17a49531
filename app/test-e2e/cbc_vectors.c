/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#include <stddef.h>
#include <string.h>

#include "cbc_vectors.h"

/* Kept as the hex text printed in SP 800-38A so it can be compared by eye. */
static const char iv_hex[] = "000102030405060708090a0b0c0d0e0f";
static const char pt_hex[] =
	"6bc1bee22e409f96e93d7e117393172a"
	"ae2d8a571e03ac9c9eb76fac45af8e51"
	"30c81c46a35ce411e5fbc1191a0a52ef"
	"f69f2445df4f9b17ad2b417be66c3710";

static const struct {
	const char *name, *key, *ct;
} text[CBC_VEC_COUNT] = {
	{ "F.2.1/F.2.2-aes128",
	  "2b7e151628aed2a6abf7158809cf4f3c",
	  "7649abac8119b246cee98e9b12e9197d"
	  "5086cb9b507219ee95db113a917678b2"
	  "73bed6b8e3c1743b7116e69e22229516"
	  "3ff1caa1681fac09120eca307586e1a7" },
	{ "F.2.3/F.2.4-aes192",
	  "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
	  "4f021db243bc633d7178183a9fa071e8"
	  "b4d9ada9ad7dedf4e5e738763f69145a"
	  "571b242012fb7ae07fa9baac3df102e0"
	  "08b0e27988598881d920a9e64f5615cd" },
	{ "F.2.5/F.2.6-aes256",
	  "603deb1015ca71be2b73aef0857d7781"
	  "1f352c073b6108d72d9810a30914dff4",
	  "f58c4c04d6e5f1ba779eabfb5f7bfbd6"
	  "9cfc4e967edb808d679f777bc6702c7d"
	  "39f23369a9d9bacfa530e26304231461"
	  "b2eb05e2c39be9fcda6c19078c6a9d1b" },
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

/* Decode exactly @p len bytes; the text must have exactly 2 * len digits. */
static int
unhex(const char *hex, uint8_t *out, size_t len)
{
	size_t i;

	if (strlen(hex) != 2 * len)
		return -1;
	for (i = 0; i < len; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int
cbc_vectors_load(struct cbc_vector vec[CBC_VEC_COUNT])
{
	int i;

	for (i = 0; i < CBC_VEC_COUNT; i++) {
		memset(&vec[i], 0, sizeof(vec[i]));
		vec[i].name = text[i].name;
		vec[i].key_len = (uint32_t)strlen(text[i].key) / 2;
		if (unhex(text[i].key, vec[i].key, vec[i].key_len) != 0 ||
		    unhex(iv_hex, vec[i].iv, sizeof(vec[i].iv)) != 0 ||
		    unhex(pt_hex, vec[i].plaintext, CBC_VEC_LEN) != 0 ||
		    unhex(text[i].ct, vec[i].ciphertext, CBC_VEC_LEN) != 0)
			return -1;
	}
	return 0;
}
