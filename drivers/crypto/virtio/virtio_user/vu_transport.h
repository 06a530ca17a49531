/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The vcrypto authors
 */
#ifndef VCRYPTO_VU_TRANSPORT_H
#define VCRYPTO_VU_TRANSPORT_H

/**
 * @file
 * @internal
 * What the vhost-user transport exposes beyond vcrypto_transport.h.
 */

#include "vcrypto_transport.h"
#include "vu_client.h"

/**
 * The connection under a vhost-user transport, or NULL when @p t is another
 * transport.
 */
struct vcrypto_vu_client *vcrypto_vu_transport_client(struct vcrypto_transport *t);

#endif /* VCRYPTO_VU_TRANSPORT_H */
