#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# A short, bounded run of every libFuzzer target of the backend's
# guest-facing code (data requests, control requests, vhost-user messages),
# from the committed seed corpus, with ASan + UBSan. Longer runs:
# app/fuzz/run.sh SECONDS (see doc/guides/security.rst).
#
# Usage: devtools/tests/fuzz-smoke.sh [BUILD_DIR]   (its sibling BUILD_DIR-fuzz is used)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
case $build in /*) ;; *) build=$PWD/$build ;; esac
VCRYPTO_FUZZ_BUILD=${VCRYPTO_FUZZ_BUILD:-$build-fuzz} \
	exec "$top/app/fuzz/run.sh" "${VCRYPTO_FUZZ_SECONDS:-10}"
