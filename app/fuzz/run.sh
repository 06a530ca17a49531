#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Build the libFuzzer targets (clang, in their own build directory) and run
# each for SECONDS, starting from the committed seed corpus. Units the fuzzer
# finds are kept in the build directory (the repository stays clean), so a
# second run goes on from there. Prints executions per target; fails if any
# target reports a crash, an ASan/UBSan/LeakSanitizer finding, a timeout or
# an out-of-memory (the input that did it is saved and named).
#
# Usage: app/fuzz/run.sh [SECONDS] [TARGET...]     (default: 20, all targets)
# Environment: VCRYPTO_FUZZ_BUILD   build directory (default: build-fuzz)
#              VCRYPTO_MESON_ARGS   extra meson setup arguments
#              VCRYPTO_FUZZ_ARGS    extra libFuzzer arguments (e.g. -jobs=2)
# The exact commands it runs, for doing it by hand:
#   CC=clang meson setup build-fuzz
#   ninja -C build-fuzz app/fuzz/fuzz_data_req app/fuzz/fuzz_ctrl_req app/fuzz/fuzz_vhost_msg
#   build-fuzz/app/fuzz/fuzz_data_req -max_total_time=20 -max_len=8192 \
#       build-fuzz/fuzz-work/fuzz_data_req/corpus app/fuzz/corpus/fuzz_data_req
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-20}
shift $(( $# > 0 ? 1 : 0 ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_data_req fuzz_ctrl_req fuzz_vhost_msg)
build=${VCRYPTO_FUZZ_BUILD:-$top/build-fuzz}
case $build in /*) ;; *) build=$top/$build ;; esac

case $secs in
''|*[!0-9]*) echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
	echo "== configuring $build with clang"
	# shellcheck disable=SC2086
	CC=clang meson setup "$build" ${VCRYPTO_MESON_ARGS:-} || exit 1
fi
# a meson.build changed since: regenerate first, or the target list is stale
ninja -C "$build" build.ninja > /dev/null || exit 1
# grep reads the whole list (no -q): quitting early would let SIGPIPE fail
# ninja, and with pipefail the test, at random
if ! ninja -C "$build" -t targets all 2>/dev/null | grep '^app/fuzz/fuzz_data_req:' > /dev/null; then
	echo "error: $build has no fuzz targets: configure it with clang" \
		"(CC=clang meson setup $build) on a machine with libclang-rt-14-dev" >&2
	exit 1
fi
bins=()
for t in "${targets[@]}"; do
	bins+=("app/fuzz/$t")
done
echo "== building ${targets[*]}"
ninja -C "$build" "${bins[@]}" || exit 1

passed=0
failed=0
for t in "${targets[@]}"; do
	work=$build/fuzz-work/$t
	mkdir -p "$work/corpus" "$work/artifacts"
	log=$work/last.log
	start=$(date +%s)
	# shellcheck disable=SC2086
	( cd "$work" && timeout -k 10 $((secs + 120)) "$build/app/fuzz/$t" \
		-max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$work/artifacts/" \
		${VCRYPTO_FUZZ_ARGS:-} "$work/corpus" "$top/app/fuzz/corpus/$t" ) > "$log" 2>&1
	rc=$?
	took=$(( $(date +%s) - start ))
	execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log" | tail -n 1)
	units=$(find "$work/corpus" -type f | wc -l)
	findings=$(grep -cE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|invariant broken' "$log")
	if [ "$rc" = 0 ] && [ "$findings" = 0 ] && [ -n "$execs" ]; then
		passed=$((passed + 1))
		echo "PASS $t: ${execs} executions in ${took}s, corpus ${units} units"
	else
		failed=$((failed + 1))
		echo "FAIL $t: exit status $rc, ${execs:-?} executions in ${took}s; log $log"
		grep -E 'ERROR:|SUMMARY:|runtime error:|invariant broken|Test unit written' "$log" \
			| head -n 20 | sed 's/^/    /'
		ls "$work/artifacts" 2>/dev/null | sed 's/^/    artifact: /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
