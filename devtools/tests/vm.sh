#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# The VM tests (app/vm/run-vm-tests.sh): real QEMU guests under software
# emulation. 3a checks the harness (QEMU's builtin device, Linux guest
# driver); 1 is the project's backend serving QEMU's cryptodev-vhost-user
# (Linux guest driver, AF_ALG known answers); 3b and 2 run the project's
# driver inside the guest on a virtio-crypto-pci device (QEMU's builtin
# device, and the project's backend through vhost-user).
#
# Usage: devtools/tests/vm.sh [BUILD_DIR]
# Environment: VCRYPTO_VM_TESTS (default "3a 1 3b 2").
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/build}
# shellcheck disable=SC2086
exec "$top/app/vm/run-vm-tests.sh" -b "$build" ${VCRYPTO_VM_TESTS:-3a 1 3b 2}
