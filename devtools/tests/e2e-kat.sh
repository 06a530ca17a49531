#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# End-to-end known-answer test: the real backend process on a real
# vhost-user socket, the real driver plugin in vcrypto-test-e2e.
#   1. queues=1: published vectors of every algorithm (NIST SP 800-38A/B/C/D,
#      FIPS 180, RFC 2202/4231/4493/3566/3610/8439, 3GPP), each first checked
#      on crypto_aesni_mb in the same process, then through the device in
#      both directions, with wrong digests and tags (AUTH_FAILED), in place
#      and out of place, 1 to 3 mbuf segments; algorithms the device does
#      not offer are SKIPped; then AES-CBC 16 B..65520 B against an
#      independent reference, bursts of 1 and 32.
#   2. queues=2: the known-answer vectors again, ops alternating between the
#      two queue pairs.
#   3. the same, with the backend polling each data queue from its own lcore
#      (the control queue with queue 0), on two cores: sessions are created
#      and destroyed on one lcore while the other ciphers; both queues must
#      have served requests.
# The backend must then exit 0 on SIGINT and remove its socket.
#
# Usage: devtools/tests/e2e-kat.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-e2e/vcrypto-test-e2e
t_need_built "$app" "$VCRYPTO_PLUGIN" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/kat.sock

# run_e2e LOG QUEUES APP-ARGS...
run_e2e() {
	local log=$1 queues=$2 rc
	shift 2
	timeout -k 5 120 "$app" $(t_front_eal kat 0) \
		--vdev "crypto_virtio_user0,path=$sock,queues=$queues" \
		--vdev crypto_aesni_mb0 -- --ref crypto_aesni_mb0 --strict-sessions "$@" \
		> "$VCRYPTO_RUN/$log" 2>&1
	rc=$?
	grep -E '^(PASS|FAIL|SKIP) |^[0-9]+ skipped$|^[0-9]+ passed, [0-9]+ failed$' \
		"$VCRYPTO_RUN/$log"
	[ $rc = 0 ] || t_fail "vcrypto-test-e2e (queues=$queues) exited with status $rc"
}

# two data queues: the driver uses one or both
t_backend_start kat "$sock" --queues 2
t_log "queues=1"
run_e2e e2e.log 1
t_log "queues=2, known-answer ops alternating between queue pairs 0 and 1"
run_e2e e2e-mq.log 2 --qps 2 --kat-only
t_backend_stop "$sock"

t_log "queues=2 on two backend lcores (1 on core 0, 2 on core 1)"
VCRYPTO_BACKEND_LCORES="--lcores 0@0,1@0,2@1" T_BACKEND_POLLERS=1:2 \
	t_backend_start kat-spread "$sock" --queues 2
grep -q "data queue 0 on lcore 1, data queue 1 on lcore 2" \
	"$VCRYPTO_RUN/backend-kat-spread.log" || t_fail "backend did not spread its queues"
run_e2e e2e-spread.log 2 --qps 2 --kat-only
t_backend_stop "$sock"
spread=$(sed -n 's/.*kat-spread.*//; s/^vcrypto-backend: dev .* queue_requests=\([0-9]*\),\([0-9]*\).*/\1 \2/p' \
	"$VCRYPTO_RUN/backend-kat-spread.log" | tail -1)
read -r q0 q1 <<<"$spread"
t_log "requests per data queue: ${q0:-none} and ${q1:-none}"
[ "${q0:-0}" -gt 0 ] && [ "${q1:-0}" -gt 0 ] || t_fail "a data queue served nothing"
echo "PASS $t_name"
