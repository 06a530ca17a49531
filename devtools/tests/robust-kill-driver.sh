#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# The backend must survive a driver process killed with SIGKILL in the
# middle of a dpdk-test-crypto-perf throughput run (twice, so a reconnect
# after a kill is also killed), then serve a new driver process that passes
# the NIST known-answer test, and finally exit 0 on SIGINT and remove its
# socket.
#
# Usage: devtools/tests/robust-kill-driver.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-e2e/vcrypto-test-e2e
perf=$(command -v dpdk-test-crypto-perf) || t_fail "dpdk-test-crypto-perf not installed"
t_need_built "$app" "$VCRYPTO_PLUGIN" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/kill.sock

# periodic statistics show when the killed driver really runs traffic
t_backend_start kill "$sock" --stats-interval 1

# A throughput run far longer than we let it live, killed once the backend
# has served it at least 2000 requests. crypto-perf's worker runs on lcore 0,
# its main lcore shares core 1 with the backend's poller.
kill_perf_midrun() {
	local round=$1 log=$VCRYPTO_RUN/perf-$1.log pid i base now
	base=$(t_backend_requests kill)
	"$perf" $(t_front_eal "perf$round" 0,1) --main-lcore 1 \
		--vdev "crypto_virtio_user0,path=$sock,queues=1" -- \
		--devtype crypto_virtio_user --ptest throughput --optype cipher-only \
		--cipher-algo aes-cbc --cipher-op encrypt --cipher-key-sz 16 \
		--cipher-iv-sz 16 --buffer-sz 1024 --burst-sz 32 \
		--total-ops 1000000000 > "$log" 2>&1 &
	pid=$!
	t_pids+=("$pid")
	now=$base
	for i in $(seq 1 300); do
		sleep 0.1
		kill -0 "$pid" 2>/dev/null || t_fail "round $round: crypto-perf ended before being killed"
		now=$(t_backend_requests kill)
		[ "$now" -ge $((base + 2000)) ] && break
	done
	[ "$now" -ge $((base + 2000)) ] \
		|| t_fail "round $round: crypto-perf ran no traffic within 30 s ($((now - base)) requests)"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	t_log "round $round: crypto-perf (pid $pid) killed with SIGKILL mid-run, after the backend served $((now - base)) of its requests"
	sleep 0.5
	kill -0 "$VCRYPTO_BACKEND_PID" 2>/dev/null \
		|| t_fail "round $round: the backend died after the driver was killed"
}

run_kat() {
	local round=$1 rc
	timeout -k 5 60 "$app" $(t_front_eal "kat$round" 0) \
		--vdev "crypto_virtio_user0,path=$sock,queues=1" -- --kat-only \
		> "$VCRYPTO_RUN/kat-$round.log" 2>&1
	rc=$?
	tail -n 1 "$VCRYPTO_RUN/kat-$round.log"
	[ $rc = 0 ] || t_fail "round $round: KAT after the kill failed (status $rc)"
	t_log "round $round: a new driver process passed the KAT"
}

kill_perf_midrun 1
run_kat 1
kill_perf_midrun 2
run_kat 2
t_backend_stop "$sock"
echo "PASS $t_name"
