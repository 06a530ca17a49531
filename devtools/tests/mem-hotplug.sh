#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright(c) 2026 The vcrypto authors
#
# Memory hotplug: the driver process runs EAL on hugepages in dynamic memory
# mode (no --no-huge, no --legacy-mem, no -m), so DPDK maps memory as it is
# allocated. vcrypto-test-e2e --grow-memory runs the AES-CBC known-answer
# vectors, then creates a large mbuf pool after the device started: EAL maps
# new segments, the driver's memory event callback sends its vhost-user
# memory table again, and known-answer ops whose buffers all lie in the new
# memory must come back right (without the new table the backend cannot
# reach them and refuses the chains). A burst is in flight across the
# growth. The backend (--no-huge as usual) must then report no bad chain
# and show more than one SET_MEM_TABLE.
#
# Skipped (exit 0, a SKIP line) when this machine has no free 2 MiB
# hugepages on a hugetlbfs mount.
#
# Usage: devtools/tests/mem-hotplug.sh [BUILD_DIR]
# Environment: VCRYPTO_GROW_MB (default 256): the pool created at run time.
set -uo pipefail
. "$(dirname "$0")/common.sh"

app=$build/app/test-e2e/vcrypto-test-e2e
t_need_built "$app" "$VCRYPTO_PLUGIN" "$VCRYPTO_BACKEND"
sock=$VCRYPTO_RUN/mem.sock
grow_mb=${VCRYPTO_GROW_MB:-256}
prefix=vct-mem-$$

t_skip() {
	echo "SKIP $t_name: $*"
	exit 0
}

# hugetlbfs mount of the default (2 MiB) page size, and enough free pages for
# the pool plus what EAL and the device take at start
hugedir=$(awk '$3 == "hugetlbfs" && ($4 ~ /pagesize=2M/ || $4 !~ /pagesize=/) \
	{ print $2; exit }' /proc/mounts)
[ -n "$hugedir" ] || t_skip "no hugetlbfs mount (2 MiB pages) in /proc/mounts"
free_pages=$(awk '/^HugePages_Free:/ { print $2 }' /proc/meminfo)
page_kb=$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)
[ "${page_kb:-0}" = 2048 ] || t_skip "default hugepage size is ${page_kb:-?} kB, not 2048"
need=$(( (grow_mb + 128) / 2 ))
[ "${free_pages:-0}" -ge "$need" ] ||
	t_skip "$free_pages free 2 MiB hugepages, $need needed" \
		"(nr_hugepages=$(cat /proc/sys/vm/nr_hugepages))"
t_log "$free_pages free hugepages on $hugedir; pool of $grow_mb MiB at run time"

# EAL leaves its hugepage files behind; remove ours whatever happens
cleanup_huge() {
	rm -f "$hugedir/$prefix"map_* 2>/dev/null
	t_cleanup
}
trap cleanup_huge EXIT

t_backend_start mem "$sock"
log=$VCRYPTO_RUN/grow.log
# --single-file-segments: one file per memory segment list, so the
# memory table stays within vhost-user's 8 regions
timeout -k 5 60 "$app" --single-file-segments --no-pci --file-prefix "$prefix" -l 0 \
	-d "$VCRYPTO_PLUGIN" --log-level=pmd.crypto.virtio:debug \
	--vdev "crypto_virtio_user0,path=$sock,queues=1" \
	-- --kat-only --grow-memory "$grow_mb" > "$log" 2>&1
rc=$?
grep -E '^(PASS|FAIL|SKIP) |^memory before|^pool of|^new pool|^[0-9]+ passed, [0-9]+ failed$' \
	"$log"
[ $rc = 0 ] || t_fail "vcrypto-test-e2e --grow-memory exited with status $rc"
grep -q '^PASS grow-memory$' "$log" || t_fail "no PASS grow-memory line"
n=$(grep -c '^PASS grow-kat-' "$log")
[ "$n" -ge 12 ] || t_fail "$n grow-kat cases passed, 12 expected"

t_backend_stop "$sock"
blog=$VCRYPTO_RUN/backend-mem.log
# one table at open, one at device start (the test's pools), one after the
# growth, whose regions must cover the new pool
tables=$(grep -c 'read message VHOST_USER_SET_MEM_TABLE' "$blog")
last_mb=0
while read -r line; do
	case $line in
	*'read message VHOST_USER_SET_MEM_TABLE'*) last_mb=0 ;;
	*'guest memory region size: 0x'*) last_mb=$((last_mb + ${line##* } / 1048576)) ;;
	esac
done < "$blog"
t_log "backend read $tables SET_MEM_TABLE message(s); the last maps $last_mb MiB"
[ "$tables" -ge 3 ] || t_fail "the backend saw $tables SET_MEM_TABLE, at least 3 expected"
[ "$last_mb" -ge "$grow_mb" ] ||
	t_fail "the last memory table maps $last_mb MiB, less than the $grow_mb MiB pool"
stats=$(grep -E 'vcrypto-backend: dev ' "$blog" | tail -n 1)
[ -n "$stats" ] || t_fail "no statistics line in the backend log"
bad=$(sed -nE 's/.* bad_chains=([0-9]+).*/\1/p' <<< "$stats")
ok=$(sed -nE 's/.* ok=([0-9]+).*/\1/p' <<< "$stats")
err=$(sed -nE 's/.* err=([0-9]+).*/\1/p' <<< "$stats")
[ "$bad" = 0 ] || t_fail "backend counted bad_chains=$bad"
[ "$err" = 0 ] || t_fail "backend counted err=$err"
# 12 known-answer bursts of 32 and one reference burst in new memory
[ "${ok:-0}" -ge $((13 * 32)) ] || t_fail "backend counted ok=$ok, at least $((13 * 32)) expected"
t_log "backend: ok=$ok bad_chains=$bad err=$err"
echo "PASS $t_name"
