#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Scaling over backend lcores (not part of the test suite): in one run,
# crypto_virtio_user -> vhost-user -> vcrypto-backend, vcrypto-bench
# driving every queue pair round-robin with --pace, in three layouts:
#   1q1l  --queues 1, one backend lcore (the baseline)
#   2q1l  --queues 2, one backend lcore polling both queues       (a)
#   2q2l  --queues 2, two backend lcores, one per data queue       (b)
# and writes results/scaling.csv and results/scaling.md with the ratio
# (b)/(a), the frontend's CPU time over the measured phase (in cores) and
# the backend's busy cycles per request.
#
# Two cores: the frontend runs on core 0, at SCHED_FIFO, and sleeps once a
# pass over its queue pairs took all there was (vcrypto-bench --pace). The
# backend's main lcore sleeps on core 0; in 1q1l and 2q1l its worker polls
# on core 1; in 2q2l the worker of the control queue and data queue 0 polls
# on core 1 and the worker of data queue 1 shares core 0 with the frontend
# (--lcores 0@0,1@1,2@0 --socket-file 1:2,PATH). The control queue stays
# on the core the frontend does not use, because the driver busy-waits
# for control answers (session set-up). With three cores or more, the
# worker of data queue 1 gets core 2 and the frontend keeps core 0.
#
# Usage: devtools/bench-scaling.sh [BUILD_DIR]
# Environment: VCRYPTO_BENCH_OPS (default 1000000), VCRYPTO_BENCH_SIZES
#   (default 4096,16384), VCRYPTO_BENCH_ALGOS (default aes-cbc,aes-gcm),
#   VCRYPTO_BENCH_REPEAT (default 3: the layouts run back to back this many
#   times per point, and each keeps its best throughput),
#   VCRYPTO_BENCH_OUT (default results/),
#   VCRYPTO_BENCH_PACE (vcrypto-bench --pace=US; default: adaptive),
#   VCRYPTO_BENCH_RT (default 1: the frontend runs SCHED_FIFO, so that it
#   takes the shared core back from the polling worker as soon as its sleep
#   ends; under SCHED_OTHER, half the runs of 2q2l at 4 KiB lost half
#   their throughput to late wake-ups; 0: SCHED_OTHER),
#   VCRYPTO_BENCH_INFLIGHT (ops in circulation over all queue pairs, split
#   evenly, default 1024: the same in every layout, because more buffers in
#   flight cost the backend by themselves (AES-GCM at 16 KiB: about 15%
#   from 512 to 1024 ops in flight, on one queue or two), and 512 per queue
#   so that the queue on the shared core outlasts the frontend's sleeps),
#   VCRYPTO_BENCH_QUEUE_SIZE (descriptors per data queue, default 8192:
#   room for 1024 requests of up to 8 descriptors),
#   VCRYPTO_BENCH_QUIET (before each run, wait up to this many seconds for
#   a second in which the machine is 90% idle; default 60, 0: never wait).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
"$top/devtools/setup.sh" "$build"

. "$top/devtools/lib.sh"
trap 'vcrypto_cleanup; rm -rf "$VCRYPTO_RUN"' EXIT
vcrypto_private_plugin

ops=${VCRYPTO_BENCH_OPS:-1000000}
repeat=${VCRYPTO_BENCH_REPEAT:-3}
sizes=${VCRYPTO_BENCH_SIZES:-4096,16384}
algos=${VCRYPTO_BENCH_ALGOS:-aes-cbc,aes-gcm}
out=${VCRYPTO_BENCH_OUT:-$top/results}
pace=--pace${VCRYPTO_BENCH_PACE:+=$VCRYPTO_BENCH_PACE}
qsize=${VCRYPTO_BENCH_QUEUE_SIZE:-8192}
inflight=${VCRYPTO_BENCH_INFLIGHT:-1024}
quiet=${VCRYPTO_BENCH_QUIET:-60}
bench=$build/app/bench/vcrypto-bench
layouts="1q1l 2q1l 2q2l"
# the core of data queue 1's worker in 2q2l: the frontend's on two cores
second=0
[ "$(nproc)" -lt 3 ] || second=2
sched=
if [ "${VCRYPTO_BENCH_RT:-1}" = 1 ]; then
	chrt -f 1 true 2>/dev/null && sched="chrt -f 1" \
		|| echo "VCRYPTO_BENCH_RT=1: SCHED_FIFO not allowed here; the frontend runs SCHED_OTHER"
fi
mkdir -p "$out"
raw=$out/scaling-raw.csv
: > "$raw"
busy_runs=0

# Wait (bounded) for one second in which the machine is at least 90% idle:
# a build or test of someone else's would halve either layout at random.
wait_quiet() {
	local t u1 i1 u2 i2
	[ "$quiet" -gt 0 ] || return 0
	for t in $(seq 1 "$quiet"); do
		read -r u1 i1 < <(awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $5+$6 }' /proc/stat)
		sleep 1
		read -r u2 i2 < <(awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $5+$6 }' /proc/stat)
		[ $(((u2 - u1) * 10)) -le $((u2 - u1 + i2 - i1)) ] && return 0
	done
	echo "warning: the machine is still busy after $quiet s; running anyway"
	busy_runs=$((busy_runs + 1))
}

# Layout: queues, EAL lcores and --socket-file lcore list of the backend.
layout_backend() {
	case $1 in
	1q1l) echo "1 --lcores=0@0,1@1 1" ;;
	2q1l) echo "2 --lcores=0@0,1@1 1" ;;
	2q2l) echo "2 --lcores=0@0,1@1,2@$second 1:2" ;;
	*) echo "unknown layout $1" >&2; return 1 ;;
	esac
}

# Backend cycles per request: busy cycles (all its lcores) over requests;
# then how its requests spread over the data queues; then data queue 0's
# own cycles per request (its lcore never shares core 1 with the frontend:
# in (b) against (a) it shows what running a second lcore costs the first).
backend_stats() {
	awk '/vcrypto-backend: dev .* requests=/ {
		for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		c = v["busy_cycles"] != "" && v["requests"] > 0 ? \
			sprintf("%.0f", v["busy_cycles"] / v["requests"]) : ""
		q = v["queue_requests"] == "" ? v["requests"] : v["queue_requests"]
		q0 = c
		if (v["queue_busy_cycles"] != "") {
			split(v["queue_requests"], qr, ","); split(v["queue_busy_cycles"], qb, ",")
			q0 = qr[1] > 0 ? sprintf("%.0f", qb[1] / qr[1]) : ""
		}
		gsub(/,/, "/", q)
		print c "," q "," q0
	}' "$1"
}

# One run of one layout at the current point: a fresh backend, the
# frontend on core 0, one raw line per outcome.
run_layout() {
	local layout=$1 tag=$2 q lcores spec rc=0 why
	local blog=$VCRYPTO_RUN/backend-$layout-$tag.log flog=$VCRYPTO_RUN/bench-$layout-$tag.log
	local sock=$VCRYPTO_RUN/scaling-$layout.sock
	read -r q lcores spec < <(layout_backend "$layout")
	wait_quiet
	if ! VCRYPTO_BACKEND_LCORES=$lcores vcrypto_backend_start "scaling-$layout" "$blog" \
		--socket-file "$spec,$sock" --queues "$q" 2>/dev/null; then
		why=$(grep -v '^EAL:' "$blog" | grep -m1 -iE 'socket-file|lcore|cannot|error' \
			| tr ',' ';' || true)
		echo "$layout $tag: the backend did not start (${why:-see $blog})"
		echo "NOSTART,$layout,$point_algo,$point_size,${why:-no ready line}" >> "$raw"
		vcrypto_backend_stop || true
		return 1
	fi
	$sched timeout 900 "$bench" $(vcrypto_eal_mem 1024) --no-pci --file-prefix "vbs-$layout-$$" \
		-l 0 -d "$VCRYPTO_PLUGIN" \
		--vdev "crypto_virtio_user0,path=$sock,queues=$q,queue_size=$qsize" \
		-- --dev crypto_virtio_user0 --label "$layout" --algos "$point_algo" \
		--sizes "$point_size" --ops "$ops" --qps "$q" --depth $((inflight / q)) "$pace" --lat-bursts 0 \
		> "$flog" 2>&1 || rc=$?
	vcrypto_backend_stop || true
	grep -E '^FAIL |^throughput|cannot' "$flog" || true
	if [ $rc != 0 ] || ! grep -q '^BENCH,' "$flog"; then
		echo "$layout $tag: vcrypto-bench exited with status $rc"
		echo "NORUN,$layout,$point_algo,$point_size,vcrypto-bench status $rc" >> "$raw"
		return 1
	fi
	grep '^BENCH,' "$flog" >> "$raw"
	echo "CPO,$layout,$point_algo,$point_size,$(backend_stats "$blog")" >> "$raw"
	grep '^BENCH,' "$flog" | awk -F, '{ printf "  %s: %s Mops, %s Gbit/s, frontend %s cores\n", $2, $6, $7, $11 }'
}

# Point by point, the layouts back to back, $repeat times over: this
# machine's speed drifts over minutes and sometimes halves for seconds.
for point_algo in ${algos//,/ }; do
	for point_size in ${sizes//,/ }; do
		for rep in $(seq 1 "$repeat"); do
			tag=$point_algo-$point_size-$rep
			echo "== $point_algo $point_size B ($rep/$repeat): $layouts"
			for layout in $layouts; do
				run_layout "$layout" "$tag" || true
			done
		done
	done
done

# raw: BENCH,layout,algo,size,burst,mops,gbps,lat,lat,qps,frontend_cpu
#      CPO,layout,algo,size,backend_cycles_per_op,queue_requests (after its BENCH)
#      NOSTART|NORUN,layout,algo,size,reason
# Each layout's best run per point, with that run's CPU share and cycles.
awk -F, -v OFS=, '
	$1 == "NOSTART" || $1 == "NORUN" { k = $3 "," $4; pts[k] = 1; fail[$2, k] = $5; next }
	$1 == "CPO" { k = $3 "," $4; if (best[$2, k]) { cpo[$2, k] = $5; spread[$2, k] = $6; q0[$2, k] = $7 }; next }
	$1 == "BENCH" {
		k = $3 "," $4; pts[k] = 1; runs[$2, k]++
		best[$2, k] = !(($2, k) in mops) || $6 + 0 > mops[$2, k] + 0
		if (best[$2, k]) { mops[$2, k] = $6; gbps[$2, k] = $7; cpu[$2, k] = $11 }
	}
	END {
		print "algo,size,layout,queues,backend_lcores,mops,gbps,frontend_cpu," \
		      "backend_cycles_per_op,queue_requests,runs,over_2q1l,over_1q1l,note," \
		      "queue0_cycles_per_op"
		split("1q1l 2q1l 2q2l", ls, " ")
		for (k in pts) for (i = 1; i <= 3; i++) {
			l = ls[i]; a = mops["2q1l", k]; b = mops["1q1l", k]; m = mops[l, k]
			ra = m > 0 && a > 0 ? sprintf("%.2f", m / a) : ""
			rb = m > 0 && b > 0 ? sprintf("%.2f", m / b) : ""
			print k, l, substr(l, 1, 1), substr(l, 3, 1), m, gbps[l, k], cpu[l, k],
			      cpo[l, k], spread[l, k], runs[l, k] + 0, ra, rb, fail[l, k], q0[l, k]
		}
	}' "$raw" | (read -r h; echo "$h"; sort -t, -k1,1 -k2,2n -k3,3) > "$out/scaling.csv"

{
	echo "| algorithm | bytes | layout | Mops | Gbit/s | frontend CPU (cores) | backend cycles/op | queue 0 cycles/op | requests per queue | vs 2 queues / 1 lcore |"
	echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
	tail -n +2 "$out/scaling.csv" | awk -F, '
		function name(l) { return l == "1q1l" ? "1 queue, 1 lcore" : l == "2q1l" ? \
			"2 queues, 1 lcore (a)" : "2 queues, 2 lcores (b)" }
		{ if ($11 == 0) { printf "| %s | %s | %s | did not run: %s | | | | | | |\n", $1, $2, name($3), $14; next }
		  printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, name($3), $6, $7, $8,
			$9, ($15 == "" ? "—" : $15), $10, ($12 == "" ? "—" : $12) }'
	echo
	if [ "$second" = 0 ]; then
		echo "Two lcores against one, and the most the shared core allows: in (b) core 0 carries the frontend and half the backend's work, so (b)/(a) <= 1 / (f + 1/2), f the frontend's CPU share in (a) (its cost per op over the backend's, the backend being the bottleneck there)."
	else
		echo "Two lcores against one; the frontend had a core of its own (the bound below applies to two cores only)."
	fi
	echo
	echo "| algorithm | bytes | (b)/(a) | (b)/(1 queue, 1 lcore) | bound 1/(f+1/2) on 2 cores |"
	echo "|---|---:|---:|---:|---:|"
	tail -n +2 "$out/scaling.csv" | awk -F, '
		$3 == "2q1l" { f[$1 "," $2] = $8 }
		$3 == "2q2l" { k = $1 "," $2; printf "| %s | %s | %s | %s | %s |\n", $1, $2,
			($12 == "" ? "—" : $12), ($13 == "" ? "—" : $13),
			(f[k] != "" ? sprintf("%.2f", 1 / (f[k] + 0.5)) : "—") }'
	echo
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); frontend on core 0, backend workers on core 1 and (b) core $second; burst 32; $ops ops per run split evenly over the queue pairs; $inflight ops in circulation split over the queue pairs, $qsize descriptors per queue; vcrypto-bench $pace${sched:+ under $sched}; best of $repeat runs, the layouts alternated."
	echo "Frontend CPU: vcrypto-bench's process CPU time over the measured phase over its wall-clock time (1.00 = one whole core). Backend cycles/op: its busy TSC cycles summed over its lcores, over its requests (in (b) the lcore beside the frontend counts the time the frontend preempts it). Queue 0 cycles/op: data queue 0's alone, on core 1, which no other thread uses."
	[ "$busy_runs" = 0 ] || echo "Warning: $busy_runs runs started while the machine was busy with other work."
} > "$out/scaling.md"
cat "$out/scaling.md"
