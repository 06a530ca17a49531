/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_HOSTILE_REQ_H
#define VCRYPTO_HOSTILE_REQ_H

/**
 * @file
 * Requests of the hostile guest, encoded with the wire format's structs in
 * the connection's scratch memory at fixed places, then handed to the ring
 * as descriptor lists a test may bend before posting. The status byte and
 * the create answer are preset to values the device never writes, so a
 * status that was not written shows.
 */

#include <stdint.h>

#include "hostile_ring.h"

/* Where things live in hdev.mem. */
#define M_HDR  0       /**< data request fixed part (72 bytes) */
#define M_IV   128     /**< 16-byte iv */
#define M_SRC  256     /**< source, up to 512 bytes */
#define M_DST  1024    /**< destination, up to 512 bytes */
#define M_ST   2048    /**< data status byte */
#define M_CTRL 3072    /**< control request fixed part (72 bytes) */
#define M_KEY  3200    /**< session key, up to 1024 bytes */
#define M_ANS  4352    /**< create answer (16 bytes) / destroy status (1) */
#define M_IND  8192    /**< indirect tables, 8 KiB */
#define M_FREE 16384   /**< free space to the end of the scratch memory */

/** Never written by the device: the status a request had before. */
#define H_UNSET 0xff

/** A chain to post. */
struct hchain {
	struct hdesc d[80];
	uint16_t n;
};

/** Append a descriptor; the previous one is linked to it (F_NEXT). */
void hc_add(struct hchain *c, uint64_t addr, uint32_t len, bool write);

/**
 * Encode an AES-CBC request in the scratch memory (NIST F.2.1 plaintext,
 * @p len bytes, 16-byte iv) and the usual chain: header | iv | src, then
 * dst | status. The status byte is preset to H_UNSET, dst to 0x5a.
 */
void h_cbc_req(struct hdev *d, struct hchain *c, uint64_t sid, uint32_t opcode,
		const uint8_t *iv, const uint8_t *src, uint32_t len);

/** Encode a cipher create-session request (key at M_KEY) and its chain. */
void h_create_req(struct hdev *d, struct hchain *c, uint32_t algo,
		const uint8_t *key, uint32_t key_len);

/** Encode a destroy-session request and its chain (1-byte status). */
void h_destroy_req(struct hdev *d, struct hchain *c, uint64_t sid);

/**
 * Post @p c as one chain at table slot 0, publish, and wait for it.
 * @return 0 with *used_len; -ETIMEDOUT.
 */
int h_run(struct hdev *d, struct hq *q, const struct hchain *c, uint32_t *used_len);

/**
 * Create an AES-CBC session of @p key through the control queue.
 * @return the status the device answered (0 = OK, *sid set), or -ETIMEDOUT.
 */
int h_create_session(struct hdev *d, const uint8_t *key, uint32_t key_len,
		uint64_t *sid);

/** Status byte of the data request / of a 1-byte control answer. */
uint8_t h_data_status(const struct hdev *d);
uint8_t h_ctrl_status(const struct hdev *d);

/** Status in the 16-byte create answer (0xffffffff if none was written). */
uint32_t h_create_status(const struct hdev *d);

#endif /* VCRYPTO_HOSTILE_REQ_H */
