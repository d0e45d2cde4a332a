#!/usr/bin/env bash
# Benchmark of allocation (issue 2): allocations per second with 16 concurrent allocators (each its
# own etcd client) against one local etcd, side by side in the same run with the raw
# compare-and-swap transaction rate of the same etcd from the same JVM (the ceiling), with p50/p99
# latency; then the cold-start wall time of `./netctl allocate node-x` on the embedded store.
# Starts its own etcd on free loopback ports and stops it (by pid) at the end.
# Usage: bench/ipam-allocate.sh [SECONDS=10] [THREADS=16]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seconds="${1:-10}"
threads="${2:-16}"
if [ ! -f cli/target/netctl.jar ] || [ ! -d ipam/target/test-classes/io/netctl/ipam/bench ]; then
  echo "building ..." >&2
  mvn -B -q -DskipTests package -pl src/test/lab,ipam,bgp,lvs,validator,cli >&2
  mvn -B -q test-compile -pl src/test/lab,ipam >&2
fi
work="$(mktemp -d)"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cport=$(port); pport=$(port)
etcd --name bench --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$cport" --advertise-client-urls "http://127.0.0.1:$cport" \
  --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
  --initial-cluster "bench=http://127.0.0.1:$pport" --logger zap --log-level warn > "$work/etcd.log" 2>&1 &
etcd_pid=$!
trap 'kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$cport/health" >/dev/null 2>&1 && break; sleep 0.1; done
cp="cli/target/netctl.jar:ipam/target/test-classes"
jvm=(java -XX:+UseSerialGC -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Djava.util.logging.config.file=/dev/null -cp "$cp")

echo "== $threads concurrent allocators vs the raw CAS rate, etcd $(etcd --version | head -1 | awk '{print $3}') on loopback, ${seconds}s each"
echo "-- the platform's ranges (128 pools, filled and emptied in rounds)"
"${jvm[@]}" io.netctl.ipam.bench.AllocationBench "http://127.0.0.1:$cport" "$threads" "$seconds" 2>&1 | grep -v "AI Agent" | sed -n '/^workload/,$p'
echo "-- a /16 (2,048 pools in rounds)"
"${jvm[@]}" io.netctl.ipam.bench.AllocationBench "http://127.0.0.1:$cport" "$threads" "$seconds" 10.0.0.0/16 2>&1 | grep -v "AI Agent" | sed -n '/^workload/,$p'

echo
echo "== cold start of ./netctl allocate NODE on the embedded store (10 runs, median; a new node each run)"
state="$work/state"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
t=()
for i in $(seq 10); do
  s=$(date +%s%N); XDG_STATE_HOME="$state" ./netctl allocate "cold-$i" >/dev/null; e=$(date +%s%N)
  t+=("$(( (e - s) / 1000000 ))")
done
echo "./netctl allocate (launcher, CDS archive, C1 only): $(printf '%s\n' "${t[@]}" | median) ms"
t=()
for i in $(seq 10); do
  s=$(date +%s%N); XDG_STATE_HOME="$state" java -jar cli/target/netctl.jar allocate "plain-$i" >/dev/null; e=$(date +%s%N)
  t+=("$(( (e - s) / 1000000 ))")
done
echo "java -jar netctl.jar allocate (default JVM flags):   $(printf '%s\n' "${t[@]}" | median) ms"
t=()
for i in $(seq 10); do
  s=$(date +%s%N); java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp cli/target/netctl.jar io.netctl.cli.Version >/dev/null 2>&1 || true; e=$(date +%s%N)
  t+=("$(( (e - s) / 1000000 ))")
done
echo "JVM start-up alone (a class with no main, same flags): $(printf '%s\n' "${t[@]}" | median) ms"
