#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# A hostile guest: one backend process serves two devices (sockets A and B,
# both polled by the same worker lcore). vcrypto-test-hostile writes
# malformed rings and requests of every kind on A (loops, out-of-range heads
# and nexts, index jumps, bad lengths and addresses, unknown opcodes and
# sessions, bad control requests) and checks each status the backend writes,
# while a well-behaved guest on B must keep getting the right AES-CBC
# ciphertext. The backend must survive, count the stopped queues, and exit 0
# on SIGTERM.
#
# Usage: devtools/tests/hostile.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-hostile/vcrypto-test-hostile
t_need_built "$app" "$VCRYPTO_BACKEND"
sock_a=$VCRYPTO_RUN/hostile-a.sock
sock_b=$VCRYPTO_RUN/hostile-b.sock
max_sessions=8

t_backend_start hostile "$sock_a" --socket-file "1,$sock_b" --max-sessions $max_sessions
# no -d: this program links the driver's transport itself
eal=$(t_front_eal hostile 0)
eal=${eal% -d *}
timeout -k 5 240 "$app" $eal -- --path-a "$sock_a" --path-b "$sock_b" \
	--max-sessions $max_sessions > "$VCRYPTO_RUN/hostile.log" 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP) |^[0-9]+ passed, [0-9]+ failed$' "$VCRYPTO_RUN/hostile.log"
[ $rc = 0 ] || t_fail "vcrypto-test-hostile exited with status $rc"
kill -0 "$VCRYPTO_BACKEND_PID" 2>/dev/null || t_fail "the backend died"
t_backend_stop "$sock_a" TERM
# Two queues stopped per layout (head out of range, avail index jump), all on A.
layouts=$(grep -c '^PASS open-' "$VCRYPTO_RUN/hostile.log")
stats_a=$(grep -E "vcrypto-backend: dev $sock_a:" "$VCRYPTO_RUN/backend-hostile.log" | tail -n 1)
stats_b=$(grep -E "vcrypto-backend: dev $sock_b:" "$VCRYPTO_RUN/backend-hostile.log" | tail -n 1)
broken_a=$(sed -nE 's/.* broken_queues=([0-9]+).*/\1/p' <<< "$stats_a")
broken_b=$(sed -nE 's/.* broken_queues=([0-9]+).*/\1/p' <<< "$stats_b")
bad_b=$(sed -nE 's/.* bad_chains=([0-9]+).*/\1/p' <<< "$stats_b")
[ "${broken_a:-x}" = $((2 * layouts)) ] \
	|| t_fail "backend counted broken_queues=${broken_a:-none} on A, want $((2 * layouts))"
[ "${broken_b:-x}" = 0 ] && [ "${bad_b:-x}" = 0 ] \
	|| t_fail "guest B was hit: broken_queues=${broken_b:-none} bad_chains=${bad_b:-none}"
t_log "backend counted broken_queues=$broken_a on A, none on B"
echo "PASS $t_name"
