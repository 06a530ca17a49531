#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# End-to-end checks of the crypto_virtio_user plugin through the UNMODIFIED
# dpdk-test-crypto-perf against the real backend (vcrypto-backend), all with
# EAL --no-huge:
#   - a corrupted vector must be reported as failed (the check can fail);
#   - verify: NIST SP 800-38A F.2 AES-CBC 128/192/256 encrypt+decrypt,
#     1024- and 64-byte vectors in place and out of place;
#   - an algorithm the driver never offers (AES-F8) is refused;
#   - throughput at 64 and 1024 bytes (figures printed, not judged).
#
# Usage: run_perf_checks.sh [BUILD_DIR]   (default: <repo>/build)
# Exit status: 0 when every check passed.
set -u
top=$(cd "$(dirname "$0")/../../../.." && pwd)
build=${1:-$top/build}
vec=$top/drivers/crypto/virtio/test/vectors
plugin=$build/drivers/crypto/virtio/librte_crypto_virtio.so
backend=$build/examples/vhost_crypto/vcrypto-backend
run_dir=$(mktemp -d /tmp/vcrypto-drvchk.XXXXXX)
sock=$run_dir/vc.sock
tag=drvchk$$
fails=0
bpid=

cleanup() {
	[ -n "$bpid" ] && kill "$bpid" 2>/dev/null && wait "$bpid" 2>/dev/null
	rm -rf "$run_dir"
}
trap cleanup EXIT

for f in "$plugin" "$backend"; do
	[ -e "$f" ] || { echo "missing $f (build first)"; exit 1; }
done

# Two cores: the backend worker polls on CPU 0, beside crypto-perf's main
# lcore (which only waits); crypto-perf's worker has CPU 1 to itself.
"$backend" --no-huge -m 256 --file-prefix ${tag}B -l 0,1 --main-lcore 1 -- \
	--socket-file 0,"$sock" >"$run_dir/backend.log" 2>&1 &
bpid=$!
for _ in $(seq 50); do
	grep -q "vcrypto-backend: ready" "$run_dir/backend.log" && break
	sleep 0.2
done
grep -q "vcrypto-backend: ready" "$run_dir/backend.log" ||
	{ echo "backend did not start:"; cat "$run_dir/backend.log"; exit 1; }

# perf ARGS...: run crypto-perf, print its result row (or its error).
perf() {
	dpdk-test-crypto-perf --no-huge -m 512 --file-prefix ${tag}F -l 0,1 -d "$plugin" \
		--vdev crypto_virtio_user0,path="$sock",queues=1 -- \
		--devtype crypto_virtio_user --optype cipher-only --cipher-algo aes-cbc \
		"$@" 2>&1 | grep -v '^#' > "$run_dir/perf.out"
	grep -A2 'lcore id' "$run_dir/perf.out" | tail -1
}

# verify NAME EXPECT_FAILED ARGS...: the "Failed Ops" column must match.
verify() {
	local name=$1 expect=$2 row failed
	shift 2
	row=$(perf --ptest verify "$@")
	failed=$(echo "$row" | awk 'NF >= 8 { print $8 }')
	if [ -n "$failed" ] && { [ "$expect" = any ] && [ "$failed" -gt 0 ] ||
				 [ "$expect" = "$failed" ]; }; then
		printf 'PASS %-40s %s\n' "$name" "$row"
	else
		printf 'FAIL %-40s %s\n' "$name" "${row:-$(tail -3 "$run_dir/perf.out")}"
		fails=$((fails + 1))
	fi
}

sed 's/^0x76, 0x49/0x77, 0x49/' "$vec/nist_cbc_128.data" > "$run_dir/bad.data"
verify "corrupted vector is caught" any --cipher-op encrypt --cipher-key-sz 16 \
	--cipher-iv-sz 16 --buffer-sz 64 --total-ops 1000 --test-file "$run_dir/bad.data"

for bits in 128 192 256; do
	for op in encrypt decrypt; do
		verify "NIST F.2 AES-$bits-CBC $op" 0 --cipher-op $op \
			--cipher-key-sz $((bits / 8)) --cipher-iv-sz 16 --buffer-sz 64 \
			--total-ops 10000 --test-file "$vec/nist_cbc_$bits.data"
	done
done
for bits in 128 256; do
	for op in encrypt decrypt; do
		for size in 64 1024; do
			verify "AES-$bits-CBC $op $size in-place" 0 --cipher-op $op \
				--cipher-key-sz $((bits / 8)) --cipher-iv-sz 16 --buffer-sz $size \
				--total-ops 10000 --test-file "$vec/cbc_${bits}_$size.data"
			verify "AES-$bits-CBC $op $size out-of-place" 0 --cipher-op $op \
				--cipher-key-sz $((bits / 8)) --cipher-iv-sz 16 --buffer-sz $size \
				--segment-sz $((size + 64)) --out-of-place \
				--total-ops 10000 --test-file "$vec/cbc_${bits}_$size.data"
		done
	done
done

dpdk-test-crypto-perf --no-huge -m 512 --file-prefix ${tag}F -l 0,1 -d "$plugin" \
	--vdev crypto_virtio_user0,path="$sock",queues=1 -- --devtype crypto_virtio_user \
	--optype cipher-only --cipher-algo aes-f8 --cipher-op encrypt --cipher-key-sz 16 \
	--cipher-iv-sz 16 --buffer-sz 64 --total-ops 100 --ptest throughput \
	> "$run_dir/f8.out" 2>&1
if grep -q "does not support capabilities requested" "$run_dir/f8.out"; then
	echo "PASS AES-F8 (not offered) is refused"
else
	echo "FAIL AES-F8 was not refused"; fails=$((fails + 1))
fi

echo "throughput (AES-128-CBC encrypt, burst 32, 1M ops per size):"
perf --ptest throughput --cipher-op encrypt --cipher-key-sz 16 --cipher-iv-sz 16 \
	--buffer-sz 64,1024 --total-ops 1000000 --burst-sz 32 >/dev/null
grep -A4 'lcore id' "$run_dir/perf.out"

echo "$fails check(s) failed"
[ "$fails" = 0 ]
