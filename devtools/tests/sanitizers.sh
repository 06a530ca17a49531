#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# The backend under AddressSanitizer + UndefinedBehaviorSanitizer, leak
# checks on: builds the whole project in its own build directory with
# -Db_sanitize=address,undefined, then runs there every meson test (unit
# tests of all modules and the backend's end-to-end test) and the
# hostile-guest test (a sanitized vcrypto-backend fed malformed rings and
# requests). Any sanitizer report fails the test. The build also has
# -Dphase_stats=true, so the phase timing code runs (and is checked by the
# backend's end-to-end test) somewhere in the suite.
#
# Usage: devtools/tests/sanitizers.sh [BUILD_DIR]   (its sibling BUILD_DIR-asan is used)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
asan=${VCRYPTO_ASAN_BUILD:-$build-asan}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# EAL's own memory (hugepage/memfd mappings) is not heap: nothing to report.

mkdir -p "$asan"
if [ ! -f "$asan/build.ninja" ]; then
	echo "[sanitizers] configuring $asan"
	meson setup "$asan" "$top" -Db_sanitize=address,undefined -Db_lundef=false \
		-Dphase_stats=true \
		> "$asan/setup.log" 2>&1 || { cat "$asan/setup.log"; exit 1; }
fi
# a directory configured before the option existed gets it too
if ! grep -q '"name": "phase_stats", "value": true' "$asan/meson-info/intro-buildoptions.json" 2>/dev/null; then
	meson setup --reconfigure "$asan" "$top" -Dphase_stats=true > "$asan/setup.log" 2>&1 ||
		{ cat "$asan/setup.log"; exit 1; }
fi
chmod go-w "$asan"
echo "[sanitizers] building $asan"
ninja -C "$asan" > "$asan/build.log" 2>&1 || { tail -n 50 "$asan/build.log"; exit 1; }

rc=0
echo "[sanitizers] meson test (sanitized)"
meson test -C "$asan" --no-rebuild --print-errorlogs > "$asan/test.log" 2>&1 || rc=1
grep -E '^ *[0-9]+/[0-9]+ ' "$asan/test.log" | awk '!seen[$0]++' | sed 's/^/    /'
[ $rc = 0 ] || { tail -n 200 "$asan/test.log"; echo "FAIL sanitizers: meson tests"; exit 1; }

echo "[sanitizers] hostile guest against a sanitized backend"
"$top/devtools/tests/hostile.sh" "$asan" || { echo "FAIL sanitizers: hostile"; exit 1; }
if grep -rqsE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$asan"/meson-logs/testlog.txt; then
	echo "FAIL sanitizers: a sanitizer report in the meson test log"
	exit 1
fi
echo "[sanitizers] PASS"
