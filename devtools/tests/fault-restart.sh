#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# The driver survives its backend:
#   (a) a driver process runs a continuous AES-CBC workload
#       (vcrypto-fault-loop) while the backend is killed with SIGKILL and
#       started again on the same socket: the ops in flight come back as
#       errors, the driver reconnects, re-creates its session, and ops
#       succeed again; every enqueued op is dequeued exactly once, no crash;
#   (b) the backend is stopped with SIGINT in the middle of a run: the ops
#       in flight come back as errors, the driver keeps running, and counts
#       still balance when the run ends.
#
# Usage: devtools/tests/fault-restart.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

loop=$build/drivers/crypto/virtio/vcrypto-fault-loop
t_need_built "$loop" "$VCRYPTO_PLUGIN" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/fault.sock

# last progress value of FIELD in LOG (0 before the first line)
progress() {
	grep -oE "$2=[0-9]+" "$VCRYPTO_RUN/$1" 2>/dev/null | tail -n 1 | cut -d= -f2 \
		| grep -E '^[0-9]+$' || echo 0
}

# wait (bounded, 20 s) until FIELD of LOG exceeds VALUE
wait_above() {
	local log=$1 field=$2 value=$3 i
	for i in $(seq 1 200); do
		[ "$(progress "$log" "$field")" -gt "$value" ] && return 0
		sleep 0.1
	done
	t_fail "$log: $field stayed at $(progress "$log" "$field") (wanted > $value)"
}

# run_case NAME SIGNAL: workload, backend stopped by SIGNAL, started again
run_case() {
	local name=$1 sig=$2 log=loop-$1.log pid rc ok_before err_before line
	t_backend_start "$name-1" "$sock"
	"$loop" $(t_front_eal "loop-$name" 0) \
		--log-level=pmd.crypto.virtio:info \
		--vdev "crypto_virtio_user0,path=$sock" -- -s 14 > "$VCRYPTO_RUN/$log" 2>&1 &
	pid=$!
	t_pids+=("$pid")
	wait_above "$log" ok 1000
	kill -"$sig" "$VCRYPTO_BACKEND_PID"
	wait "$VCRYPTO_BACKEND_PID" 2>/dev/null
	t_log "$name: backend stopped with SIG$sig while the workload ran"
	wait_above "$log" err 0
	kill -0 "$pid" 2>/dev/null || t_fail "$name: the driver process died with its backend"
	ok_before=$(progress "$log" ok)
	err_before=$(progress "$log" err)
	t_log "$name: $err_before op(s) in flight came back as errors"
	sleep 1
	rm -f "$sock" # a SIGKILLed backend leaves its socket behind
	t_backend_start "$name-2" "$sock"
	wait_above "$log" ok "$ok_before"
	t_log "$name: backend back; ops succeed again ($(progress "$log" ok) ok)"
	# the workload ends by itself and drains (bounded)
	for i in $(seq 1 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && t_fail "$name: the workload did not end"
	wait "$pid"
	rc=$?
	line=$(grep -E '^fault-loop: enqueued=' "$VCRYPTO_RUN/$log")
	echo "$line"
	[ "$rc" = 0 ] || t_fail "$name: enqueued and dequeued counts differ (status $rc)"
	grep -q "reconnected to the back-end" "$VCRYPTO_RUN/$log" \
		|| t_fail "$name: the driver never said it reconnected"
	echo "$line" | grep -qE ' err=[1-9]' || t_fail "$name: no op failed"
	echo "$line" | grep -qE ' ok_after_err=[1-9]' || t_fail "$name: no op succeeded after the failure"
	t_backend_stop "$sock"
}

run_case kill KILL
run_case int INT
echo "PASS $t_name"
