#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Set up and build (devtools/setup.sh), then run every test:
#   - the meson test suites (unit tests of every module, no EAL),
#   - the end-to-end tests in devtools/tests/ (real backend process, real
#     vhost-user socket, real driver plugin), each starting and stopping the
#     processes it needs with its own EAL --file-prefix.
#
# Counting: each test program is one test: every meson test counts once, and
# every devtools/tests/*.sh script counts once (the per-case PASS/FAIL lines
# the programs print are shown but not counted here).
# The last line is exactly "N passed, N failed"; the exit status is non-zero
# if any test failed. Logs of failing tests are printed.
#
# Usage: devtools/test.sh [BUILD_DIR]      (default: build)
# Environment: VCRYPTO_HUGE=1 to run on hugepages instead of --no-huge -m 256.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac

e2e_tests=(
	e2e-kat.sh
	e2e-invsess.sh
	hostile.sh
	diff.sh
	autotest.sh
	robust-no-backend.sh
	robust-kill-driver.sh
	fault-restart.sh
	mem-hotplug.sh
	fuzz-smoke.sh
	sanitizers.sh
	vm.sh
)
# Bound on one test script; each also bounds its own steps.
script_timeout=300

passed=0
failed=0
child=
logdir=$(mktemp -d)

cleanup() {
	# timeout(1) signals its whole process group, so a test's processes go too
	[ -n "$child" ] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
	rm -rf "$logdir"
}
trap cleanup EXIT
trap 'echo "test.sh: interrupted"; exit 130' INT TERM

summary() {
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit $?
}

echo "== set-up and build"
if ! "$top/devtools/setup.sh" "$build"; then
	echo "FAIL setup: devtools/setup.sh failed"
	failed=$((failed + 1))
	summary
fi

echo "== unit tests (meson test)"
# in the background, so a TERM to this script is handled at once (trap)
meson test -C "$build" --no-rebuild --print-errorlogs > "$logdir/meson.log" 2>&1 &
child=$!
wait "$child"
meson_rc=$?
child=
# one line per test (meson repeats failing ones in its error logs and summary)
awk '/^ *[0-9]+\/[0-9]+ / && !seen[$0]++' "$logdir/meson.log"
ok=$(sed -nE 's/^Ok: +([0-9]+).*/\1/p' "$logdir/meson.log")
bad=0
for k in Fail 'Unexpected Pass' Timeout; do
	n=$(sed -nE "s/^$k: +([0-9]+).*/\\1/p" "$logdir/meson.log")
	bad=$((bad + ${n:-0}))
done
if [ -z "$ok" ]; then
	# meson itself failed: show why and count it as one failed test
	cat "$logdir/meson.log"
	bad=$((bad > 0 ? bad : 1))
	ok=0
elif [ "$meson_rc" != 0 ] || [ "$bad" != 0 ]; then
	# meson's output with --print-errorlogs holds the failing tests' logs
	grep -vE '^ *[0-9]+/[0-9]+ .* OK ' "$logdir/meson.log" | tail -n 400 | sed 's/^/    /'
	[ "$bad" = 0 ] && bad=1
fi
passed=$((passed + ok))
failed=$((failed + bad))

echo "== end-to-end tests"
for t in "${e2e_tests[@]}"; do
	log=$logdir/${t%.sh}.log
	start=$(date +%s)
	timeout -k 10 "$script_timeout" "$top/devtools/tests/$t" "$build" > "$log" 2>&1 &
	child=$!
	wait "$child"
	rc=$?
	child=
	secs=$(( $(date +%s) - start ))
	if [ "$rc" = 0 ]; then
		passed=$((passed + 1))
		# show the per-case lines and the test's own progress
		sed 's/^/    /' "$log"
		echo "PASS ${t%.sh} (${secs}s)"
	else
		failed=$((failed + 1))
		sed 's/^/    /' "$log"
		[ "$rc" = 124 ] && echo "    (killed after ${script_timeout}s)"
		echo "FAIL ${t%.sh}: exit status $rc (${secs}s)"
	fi
done

summary
