#!/usr/bin/env bash
# Benchmark of the pools report and of planning one allocation against the size of the ranges and
# the number of allocations (issue 17): a /21 and a /8 of /27s (64 and 524,288 pools) with 0 …
# 50,000 allocations, the state built in memory (no store, no network), best of RUNS; then
# `netctl pools` on the embedded store with a /21 and a /8 against `--version`; `ranges: [0.0.0.0/0]` refused.
# Usage: bench/pools-range.sh [RUNS=5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
runs="${1:-5}"
if [ ! -f cli/target/netctl.jar ] || [ ! -f ipam/target/test-classes/io/netctl/ipam/bench/PoolsBench.class ]; then
  echo "building ..." >&2
  mvn -B -q -DskipTests package -pl src/test/lab,ipam,bgp,lvs,validator,cli >&2
  mvn -B -q test-compile -pl src/test/lab,ipam >&2
fi
cp="ipam/target/classes:ipam/target/test-classes:cli/target/netctl.jar"
echo "== pools report and one planned allocation, in memory (best of $runs)"
java -XX:+UseSerialGC -cp "$cp" io.netctl.ipam.bench.PoolsBench "$runs" 2>&1 | grep -v "AI Agent"

echo
echo "== netctl pools on the embedded store, one allocation, wall time (median of 5), against --version (JVM start alone)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { local t=(); for _ in $(seq 5); do s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); t+=("$(( (e - s) / 1000000 ))"); done; printf '%s\n' "${t[@]}" | median; }
for r in 10.3.240.0/21 10.0.0.0/8; do
  printf 'ranges: [%s]\n' "$r" > "$work/netctl.yaml"
  XDG_STATE_HOME="$work/state-${r%%/*}" java -jar cli/target/netctl.jar allocate node-a -c "$work/netctl.yaml" >/dev/null
  echo "pools, ranges: [$r]: $(XDG_STATE_HOME="$work/state-${r%%/*}" timed java -jar cli/target/netctl.jar pools -c "$work/netctl.yaml") ms"
done
echo "--version: $(timed java -jar cli/target/netctl.jar --version) ms"
printf 'ranges: [0.0.0.0/0]\n' > "$work/all.yaml"
set +e
XDG_STATE_HOME="$work/state" java -jar cli/target/netctl.jar pools -c "$work/all.yaml" >/dev/null 2>"$work/err"; rc=$?
set -e
echo "ranges: [0.0.0.0/0] -> exit $rc: $(cat "$work/err")"
