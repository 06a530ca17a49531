#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# The benchmark (not part of the test suite): in one run, on this machine,
# measures with vcrypto-bench
#   ceiling  crypto_aesni_mb called directly,
#   vcrypto  crypto_virtio_user -> vhost-user -> vcrypto-backend -> ipsec-mb,
#   peer     crypto_virtio_user (sessions by vhost-user messages) -> DPDK's
#            stock vhost_crypto library -> crypto_aesni_mb (where it runs the
#            algorithm; only if app/bench built vcrypto-peer-backend),
# and writes results/bench.csv, results/bench.md and results/bench.png.
#
# Two cores: the backend polls on lcore 1; vcrypto-bench drives the device
# from its main lcore on core 0, so no thread busy-waits on a shared core.
#
# Usage: devtools/bench.sh [BUILD_DIR]
# Environment: VCRYPTO_BENCH_OPS (default 1000000), VCRYPTO_BENCH_SIZES
#   (default 64,256,1024,4096,16384), VCRYPTO_BENCH_ALGOS (default: all five),
#   VCRYPTO_BENCH_REPEAT (default 3: each point's set-ups run this many
#   times, interleaved, and the table keeps each one's best throughput),
#   VCRYPTO_BENCH_OUT (default results/).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
"$top/devtools/setup.sh" "$build"

. "$top/devtools/lib.sh"
trap 'vcrypto_cleanup; rm -rf "$VCRYPTO_RUN"' EXIT
vcrypto_private_plugin

ops=${VCRYPTO_BENCH_OPS:-1000000}
repeat=${VCRYPTO_BENCH_REPEAT:-3}
sizes=${VCRYPTO_BENCH_SIZES:-64,256,1024,4096,16384}
algos=${VCRYPTO_BENCH_ALGOS:-aes-cbc,aes-gcm,cbc-sha1,hmac-sha256,chacha20-poly1305}
out=${VCRYPTO_BENCH_OUT:-$top/results}
bench=$build/app/bench/vcrypto-bench
peer=$build/app/bench/vcrypto-peer-backend
# the peer runs only if app/bench built it (it needs rte_vhost_crypto)
peer_built=
[ -x "$peer" ] && peer_built=1 || echo "peer: not built (app/bench/vcrypto-peer-backend), skipped"
mkdir -p "$out"
raw=$out/bench-raw.csv
: > "$raw"

run_bench() {
	local label=$1 tag=$2
	shift 2
	local rc=0 log=$VCRYPTO_RUN/$label-$tag.log
	timeout 900 "$bench" $(vcrypto_eal_mem 1024) --no-pci --file-prefix "vbb-$label-$$" -l 0 \
		"$@" --label "$label" --algos "$point_algo" --sizes "$point_size" --ops "$ops" \
		> "$log" 2>&1 || rc=$?
	# keep the points that ran even when others failed (say which)
	grep '^BENCH,' "$log" >> "$raw"
	grep -E '^FAIL ' "$log" || true
	[ $rc = 0 ] || echo "$label $tag: vcrypto-bench exited with status $rc"
	return $rc
}

# Backend cycles per op of one point: busy cycles over requests.
cycles_per_op() {
	awk '/vcrypto-backend: dev .* requests=/ {
		for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		if (v["busy_cycles"] != "" && v["requests"] > 0) printf "%.0f", v["busy_cycles"] / v["requests"]
	}' "$1"
}

# Point by point, the three set-ups back to back, $repeat times: this
# machine's speed drifts over minutes and sometimes halves for seconds, so
# a ratio compares runs seconds apart and each set-up keeps its best of
# the repeats. Each run gets a fresh backend, whose exit statistics give
# its cycles per op.
for point_algo in ${algos//,/ }; do
	for point_size in ${sizes//,/ }; do
		for rep in $(seq 1 "$repeat"); do
			tag=$point_algo-$point_size-$rep
			echo "== $point_algo $point_size B ($rep/$repeat): ceiling, vcrypto${peer_built:+, peer}"
			run_bench ceiling "$tag" --vdev crypto_aesni_mb -- --dev crypto_aesni_mb || true

			vcrypto_backend_start "bench" "$VCRYPTO_RUN/backend-$tag.log" \
				--socket-file "1,$VCRYPTO_RUN/vc.sock"
			run_bench vcrypto "$tag" -d "$VCRYPTO_PLUGIN" \
				--vdev "crypto_virtio_user0,path=$VCRYPTO_RUN/vc.sock" \
				-- --dev crypto_virtio_user0 || true
			vcrypto_backend_stop
			echo "CPO,vcrypto,$point_algo,$point_size,$(cycles_per_op "$VCRYPTO_RUN/backend-$tag.log")" >> "$raw"

			[ -n "$peer_built" ] || continue
			# the stock library has no AEAD, no standalone MAC and stops
			# answering above about 2 KiB: ask it only what it runs
			case $point_algo in aes-cbc|cbc-sha1) ;; *) continue ;; esac
			[ "$point_size" -le 2048 ] || continue
			VCRYPTO_BACKEND=$peer VCRYPTO_BACKEND_EAL="--vdev crypto_aesni_mb0" \
				vcrypto_backend_start peer "$VCRYPTO_RUN/peer-$tag.log" \
				--socket-file "1,$VCRYPTO_RUN/peer.sock"
			run_bench peer "$tag" -d "$VCRYPTO_PLUGIN" \
				--vdev "crypto_virtio_user1,path=$VCRYPTO_RUN/peer.sock,session=vhost-user" \
				-- --dev crypto_virtio_user1 || echo "peer $tag failed (see above)"
			vcrypto_backend_stop || true
		done
	done
done

# raw: BENCH,label,algo,size,burst,mops,gbps,lat_med,lat_p99,qps,cpu_share
# Each set-up's best repeat per point; the backend cycles of vcrypto's
# best repeat (its CPO line follows its BENCH line).
awk -F, '
	$1 == "CPO" { if (best_vc[$3 "," $4]) cpo[$3 "," $4] = $5; best_vc[$3 "," $4] = 0; next }
	$6 == "unsupported" { next }
	{ key = $3 "," $4; algos[$3] = 1; sizes[$4] = 1
	  better = !(($2, key) in mops) || $6 + 0 > mops[$2, key] + 0
	  if ($2 == "vcrypto") best_vc[key] = better
	  if (!better) next
	  mops[$2, key] = $6; gbps[$2, key] = $7; med[$2, key] = $8; p99[$2, key] = $9 }
	END {
		print "algo,size,vcrypto_mops,vcrypto_gbps,vcrypto_lat_med_us,vcrypto_lat_p99_us," \
		      "ceiling_mops,peer_mops,vcrypto_over_ceiling,vcrypto_over_peer,backend_cycles_per_op"
		for (a in algos) for (s in sizes) {
			k = a "," s
			if (!(("vcrypto", k) in mops)) continue
			c = mops["ceiling", k]; p = mops["peer", k]; v = mops["vcrypto", k]
			printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", a, s, v, gbps["vcrypto", k],
				med["vcrypto", k], p99["vcrypto", k], c, p,
				(c > 0 ? sprintf("%.2f", v / c) : ""), (p > 0 ? sprintf("%.2f", v / p) : ""), cpo[k]
		}
	}' "$raw" | (read -r h; echo "$h"; sort -t, -k1,1 -k2,2n) > "$out/bench.csv"

{
	echo "| algorithm | bytes | vcrypto Mops | Gbit/s | lat median µs | lat p99 µs | ceiling Mops | peer Mops | vcrypto/ceiling | vcrypto/peer | backend cycles/op |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	tail -n +2 "$out/bench.csv" | awk -F, '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
		$1, $2, $3, $4, $5, $6, $7, ($8 == "" ? "—" : $8), $9, ($10 == "" ? "—" : $10), $11 }'
	echo
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); burst 32; $ops ops per point; one run, each point's set-ups back to back, best of $repeat."
	echo "Backend cycles/op: the backend's busy cycles (TSC, passes that served requests) over its requests, per point."
} > "$out/bench.md"
cat "$out/bench.md"

if command -v gnuplot >/dev/null; then
	for a in ${algos//,/ }; do
		grep "^$a," "$out/bench.csv" | awk -F, '{ print $2, $4, $7 * $2 * 8 / 1000 }' > "$VCRYPTO_RUN/plot-$a.dat"
	done
	{
		echo "set terminal pngcairo noenhanced size 1000,600; set output '$out/bench.png'"
		echo "set logscale x 2; set xlabel 'buffer bytes'; set ylabel 'Gbit/s'; set key left top"
		echo "set title 'vcrypto (solid) vs crypto_aesni_mb directly (dashed), burst 32'"
		printf "plot "
		i=1
		for a in ${algos//,/ }; do
			printf "'%s' using 1:2 with linespoints lc %d title '%s', '%s' using 1:3 with lines dt 2 lc %d notitle, " \
				"$VCRYPTO_RUN/plot-$a.dat" "$i" "$a" "$VCRYPTO_RUN/plot-$a.dat" "$i"
			i=$((i + 1))
		done
		echo
	} | sed 's/, $//' > "$VCRYPTO_RUN/plot.gp"
	gnuplot "$VCRYPTO_RUN/plot.gp" && echo "plot: $out/bench.png"
else
	echo "gnuplot not installed: no plot (devtools/setup.sh installs it)"
fi
