#!/usr/bin/env bash
# Riding out an etcd leader change (issue 11, item 3): runs EtcdLeaderKillIT RUNS times. Each run
# starts a 3-member etcd on free loopback ports, runs 16 `netctl allocate` processes (4 lanes of 4,
# one after another per lane) against all three members, SIGKILLs the leader once the first
# allocation is acknowledged, and checks that every process exited 0, that every acknowledged
# allocation is stored as acknowledged, and that no pool was given twice. BUDGET is --etcd-timeout:
# large enough that sixteen JVMs starving each other on two cores cannot use it up, so a failure
# would be a failover the store did not ride out. Needs root (etcd) like the integration tests.
#   bash bench/etcd-leader-kill.sh [RUNS=10] [BUDGET=60s]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-10}"
budget="${2:-60s}"
results=src/test/target/leader-kill.txt
echo "== etcd leader kill: $runs runs x 16 netctl allocate, --etcd-timeout $budget, $(etcd --version | head -1)"
echo "   load average at start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
rm -f "$results"
start=$(date +%s)
mvn -B -q -pl src/test -am verify -Dtest=none -Dit.test=EtcdLeaderKillIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dleaderkill.runs="$runs" -Dleaderkill.timeout="$budget" > "${TMPDIR:-/tmp}/etcd-leader-kill-mvn.log" 2>&1
mvn_exit=$?
if [ ! -s "$results" ]; then
  echo "no run finished: see ${TMPDIR:-/tmp}/etcd-leader-kill-mvn.log" >&2
  exit 1
fi
cat "$results"
awk -v runs="$runs" -v secs="$(( $(date +%s) - start ))" '
  /^run [0-9]+:/ {
    n++; ok += $3; all += $5; stored += $7; dup += $9
  }
  END {
    printf "\nacknowledged: %d of %d allocations (%d runs finished of %d); stored: %d; duplicates: %d; %d s in all\n", ok, all, n, runs, stored, dup, secs
  }' "$results"
exit "$mvn_exit"
