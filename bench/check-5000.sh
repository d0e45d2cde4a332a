#!/usr/bin/env bash
# Benchmark of the checker (issue 6): a full configuration + route check of a synthetic network of
# 5,000 nodes, 3 route reflectors with 5,000 routes each and 10 directors with 5,000 routes each,
# from fixtures in memory (no network): wall time per run and heap; then the JVM cold start of
# `netctl check --scope config` on the embedded store (plain java and through the launcher).
# Usage: bench/check-5000.sh [NODES=5000] [RUNS=5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
nodes="${1:-5000}"
runs="${2:-5}"
if [ ! -f cli/target/netctl.jar ] || [ ! -d validator/target/test-classes/io/netctl/validator/bench ]; then
  echo "building (mvn -DskipTests package test-compile) ..." >&2
  mvn -B -q -DskipTests package -pl src/test/lab,ipam,bgp,lvs,validator,cli >&2
  mvn -B -q test-compile -pl src/test/lab,ipam,bgp,lvs,validator >&2
fi
echo "== full check of a synthetic network (in one JVM; first run includes JIT warm-up)"
java -XX:+UseSerialGC -cp "cli/target/netctl.jar:validator/target/test-classes" io.netctl.validator.bench.CheckBench "$nodes" "$runs"

echo
echo "== cold start: netctl check --scope config on the embedded store (5 runs each, median)"
state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
export XDG_STATE_HOME="$state"
for i in 1 2 3; do java -jar cli/target/netctl.jar allocate "node-$i" --host-ip "192.0.2.$i" >/dev/null; done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { # label, java flags...
  local label="$1"; shift
  local t=()
  for i in 1 2 3 4 5; do
    local s e
    s=$(date +%s%N)
    java "$@" -jar cli/target/netctl.jar check --scope config >/dev/null
    e=$(date +%s%N)
    t+=("$(( (e - s) / 1000000 ))")
  done
  printf '%-46s %6s ms\n' "$label" "$(printf '%s\n' "${t[@]}" | median)"
}
run "java -jar (default JVM flags)"
run "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
./netctl check --scope config >/dev/null # the launcher's first run makes its start-up cache
t=()
for i in 1 2 3 4 5; do
  s=$(date +%s%N); ./netctl check --scope config >/dev/null; e=$(date +%s%N)
  t+=("$(( (e - s) / 1000000 ))")
done
printf '%-46s %6s ms\n' "./netctl (launcher, start-up cache)" "$(printf '%s\n' "${t[@]}" | median)"
echo "(every command, next to etcdctl and the bare JVM: bench/cli-start.sh)"
