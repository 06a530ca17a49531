#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# DPDK's own cryptodev unit tests against vcrypto: dpdk-test's
# cryptodev_virtio_autotest (the test suite DPDK runs on its crypto_virtio
# PMD) on crypto_virtio_user0, the project's driver, over the real backend
# on a real vhost-user socket. Passes when no test failed and at least
# VCRYPTO_AUTOTEST_FLOOR tests passed (so that passes turning into skips are
# caught too; the figures are in doc/guides/autotest.rst).
#
# With VCRYPTO_AUTOTEST_REF=1 it also runs cryptodev_aesni_mb_autotest on
# crypto_aesni_mb and lists every test that passes there and not on virtio
# (the list doc/guides/autotest.rst explains).
#
# Usage: devtools/tests/autotest.sh [BUILD_DIR]
set -uo pipefail
. "$(dirname "$0")/common.sh"

floor=${VCRYPTO_AUTOTEST_FLOOR:-460}
dpdk_test=${VCRYPTO_DPDK_TEST:-$(command -v dpdk-test)}
[ -n "$dpdk_test" ] || t_fail "dpdk-test not found (Debian package dpdk)"
t_need_built "$VCRYPTO_PLUGIN" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/autotest.sock

# Summary figure NAME (Total, Skipped, Passed, Failed...) of a run's log:
# the last summary printed is the one of the whole run.
figure() {
	sed -nE "s/^ \\+ Tests $1 *: *([0-9]+).*/\\1/p" "$2" | tail -n 1
}

# SUITE<TAB>CASE<TAB>RESULT for every per-test line of a run's log.
results() {
	awk '/^ \+ Test Suite : / { sub(/^ \+ Test Suite : /, ""); suite = $0; next }
	     /^ \+ TestCase \[ *[0-9]+\] : / {
		line = $0; sub(/^ \+ TestCase \[ *[0-9]+\] : /, "", line)
		n = split(line, w, " "); res = w[n]; sub(/ [a-z]+$/, "", line)
		print suite "\t" line "\t" res }' "$1"
}

# Run one autotest; its log is $VCRYPTO_RUN/NAME.log.
# Usage: run_autotest NAME TEST [EAL args...]
run_autotest() {
	local name=$1 test=$2
	shift 2
	DPDK_TEST=$test timeout -k 5 300 "$dpdk_test" $(vcrypto_eal_mem 1024) --no-pci \
		--file-prefix "vct-$name-$$" -l 0,1 "$@" > "$VCRYPTO_RUN/$name.log" 2>&1
}

t_backend_start autotest "$sock"
run_autotest virtio cryptodev_virtio_autotest -d "$VCRYPTO_PLUGIN" \
	--vdev "crypto_virtio_user0,path=$sock"
rc=$?
log=$VCRYPTO_RUN/virtio.log
[ $rc = 124 ] && t_fail "cryptodev_virtio_autotest did not finish within 300 s"
total=$(figure Total "$log")
passed=$(figure Passed "$log")
failed=$(figure Failed "$log")
[ -n "$total" ] && [ -n "$passed" ] && [ -n "$failed" ] \
	|| t_fail "no summary from cryptodev_virtio_autotest (exit status $rc)"
echo "cryptodev_virtio_autotest: total $total, skipped $(figure Skipped "$log")," \
	"passed $passed, failed $failed (floor $floor passed)"
grep -E '^ \+ TestCase .* failed$' "$log"
t_backend_stop "$sock"
[ "$failed" = 0 ] || t_fail "$failed test(s) of cryptodev_virtio_autotest failed"
[ "$passed" -ge "$floor" ] || t_fail "only $passed tests passed (floor $floor)"
[ $rc = 0 ] || t_fail "dpdk-test exited with status $rc"

if [ "${VCRYPTO_AUTOTEST_REF:-0}" = 1 ]; then
	run_autotest aesni cryptodev_aesni_mb_autotest --vdev crypto_aesni_mb \
		|| t_fail "cryptodev_aesni_mb_autotest exited with status $?"
	alog=$VCRYPTO_RUN/aesni.log
	echo "cryptodev_aesni_mb_autotest: total $(figure Total "$alog")," \
		"skipped $(figure Skipped "$alog"), passed $(figure Passed "$alog")," \
		"failed $(figure Failed "$alog")"
	results "$log" > "$VCRYPTO_RUN/virtio.tsv"
	results "$alog" > "$VCRYPTO_RUN/aesni.tsv"
	# a suite the virtio run skipped as a whole has no per-test lines
	echo "passed by aesni_mb, not by virtio (suite | test | virtio result):"
	awk -F'\t' 'NR == FNR { v[$1 "\t" $2] = $3; next }
		    $3 == "succeeded" {
			k = $1 "\t" $2
			r = k in v ? v[k] : "suite skipped"
			if (r != "succeeded") { print $1 " | " $2 " | " r; n++ } }
		    END { print n + 0 " test(s)" }' \
		"$VCRYPTO_RUN/virtio.tsv" "$VCRYPTO_RUN/aesni.tsv"
fi
echo "PASS $t_name"
