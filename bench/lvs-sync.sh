#!/usr/bin/env bash
# Benchmark of `netctl lvs sync` (issue 5): sync of 10,000 and 100,000 routes into an empty
# namespace table and a no-change re-sync of 10,000, side by side with the raw `ip -batch` of the
# same routes (the floor) and with one `ip route add` per route (the naive way).
#
# Needs root (it creates and removes its own network namespace; the host's table is never
# touched), java 17, iproute2, and Maven offline to build when the jar is missing or old.
# Usage: bench/lvs-sync.sh            (about 1-2 minutes on 2 cores)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
jar=cli/target/netctl.jar
if [ ! -f "$jar" ] || [ ! -d lvs/target/test-classes/io/netctl/lvs/sync ] \
   || [ -n "$(find ipam/src lvs/src cli/src -newer "$jar" -type f -print -quit)" ]; then
  echo "building (mvn -DskipTests package) ..." >&2
  mvn -B -q -DskipTests package -pl src/test/lab,ipam,bgp,lvs,validator,cli >&2
fi
cp="$jar:lvs/target/test-classes"
java=(java -XX:+UseSerialGC -cp "$cp")
ns="nctl-bench-$$"
work="$(mktemp -d)"
cleanup() { ip netns del "$ns" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth1
ip -n "$ns" addr add 172.31.0.1/16 dev eth0
ip -n "$ns" link set eth0 up
ip -n "$ns" link set eth1 up

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
flush() { ip -n "$ns" route flush proto 76; }

# Host IPs: G=3 distinct next hops (172.31.0.2-4) as in the lab measurement of the floor, and
# one next hop per host (G=N) for 10,000: the kernel does not hash a route's gateway, so routes
# with many distinct next hops cost it time quadratic in their number, whoever adds them.
G=3
declare -A raw
for n in 10000 100000; do
  "${java[@]}" io.netctl.lvs.sync.SyncBenchmark batch "$work/add$n.batch" "$n" "$G"
  flush; t0=$(now); ip -n "$ns" -batch "$work/add$n.batch"; t1=$(now); raw[$n]=$(secs "$t0" "$t1")
  flush
done
"${java[@]}" io.netctl.lvs.sync.SyncBenchmark batch "$work/distinct.batch" 10000 10000
flush; t0=$(now); ip -n "$ns" -batch "$work/distinct.batch"; t1=$(now); raw_distinct=$(secs "$t0" "$t1")
flush

# naive: one ip process per route, 2,000 routes, extrapolated to 10,000
head -n 2000 "$work/add10000.batch" | sed 's/^route add /ip -n '"$ns"' route add /' > "$work/naive.sh"
flush; t0=$(now); bash "$work/naive.sh"; t1=$(now); naive2k=$(secs "$t0" "$t1")
naive10k=$(awk -v x="$naive2k" 'BEGIN { printf "%.2f", x * 5 }')
flush

# in-JVM: RouteSync (read allocations from a memory store, list the table, plan, one ip -batch)
declare -A jvm
for n in 10000 100000; do
  while IFS='=' read -r k v; do jvm[$n,$k]=$v; done < <("${java[@]}" io.netctl.lvs.sync.SyncBenchmark run "$ns" "$n" "$G")
done
while IFS='=' read -r k v; do jvm[distinct,$k]=$v; done < <("${java[@]}" io.netctl.lvs.sync.SyncBenchmark run "$ns" 10000 10000)

# whole CLI process: java -jar netctl.jar lvs sync, file store with 10,000 allocations
"${java[@]}" io.netctl.lvs.sync.SyncBenchmark populate "$work/store.json" 10000 "$G"
cat > "$work/netctl.yaml" <<YAML
blockSize: 27
ranges: [10.64.0.0/10]
directors:
  - {name: bench, ip: 172.31.0.1, group: internal}
YAML
cli() { ./netctl lvs sync --director bench -c "$work/netctl.yaml" --store "$work/store.json" --netns "$ns" -o json 2>/dev/null; }
flush
t0=$(now); cli > "$work/sync.json" || true; t1=$(now); cli_sync=$(secs "$t0" "$t1")
t0=$(now); cli > "$work/resync.json" || true; t1=$(now); cli_resync=$(secs "$t0" "$t1")
applied=$(grep -o '"applied" : [0-9]*' "$work/sync.json" | grep -o '[0-9]*$')
reapplied=$(grep -o '"applied" : [0-9]*' "$work/resync.json" | grep -o '[0-9]*$')
inner() { grep -o "\"$2\" : [0-9.]*" "$1" | grep -o '[0-9.]*$' | awk '{ printf "%.3f", $1 / 1000 }'; }
t0=$(now); java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$jar" --version > /dev/null; t1=$(now); jvm_start=$(secs "$t0" "$t1")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }
printf '\nLVS director sync benchmark  (%s, %s cores, load %s, iproute2 %s, kernel %s; %s distinct next hops unless said)\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" "$(ip -V | grep -o 'iproute2-[0-9.]*' | cut -d- -f2)" "$(uname -r)" "$G"
printf '%-58s %8s %9s %12s\n' "case" "routes" "seconds" "vs raw batch"
row() { printf '%-58s %8s %9s %12s\n' "$1" "$2" "$3" "$(ratio "$3" "$4")"; }
row "raw ip -batch of the same adds (floor)"                  10000  "${raw[10000]}"  "${raw[10000]}"
row "netctl sync into empty table, in JVM, first run"         10000  "${jvm[10000,sync_first]}" "${raw[10000]}"
row "netctl sync into empty table, in JVM, warm (median)"     10000  "${jvm[10000,sync_warm]}"  "${raw[10000]}"
row "netctl lvs sync, whole CLI process ($applied applied)"   10000  "$cli_sync"      "${raw[10000]}"
row "  of which in JVM: store+table+plan+apply"               10000  "$(inner "$work/sync.json" totalMs)" "${raw[10000]}"
row "one ip route add per route (2,000 measured, x5)"         10000  "$naive10k"      "${raw[10000]}"
row "raw ip -batch of the same adds (floor)"                  100000 "${raw[100000]}" "${raw[100000]}"
row "netctl sync into empty table, in JVM, first run"         100000 "${jvm[100000,sync_first]}" "${raw[100000]}"
row "netctl sync into empty table, in JVM, second run"        100000 "${jvm[100000,sync_warm]}"  "${raw[100000]}"
printf '\n%s\n' "with one next hop per host (10,000 distinct host IPs):"
row "raw ip -batch of the same adds (floor)"                  10000  "$raw_distinct"  "$raw_distinct"
row "netctl sync into empty table, in JVM, second run"        10000  "${jvm[distinct,sync_warm]}" "$raw_distinct"
row "netctl no-change re-sync, in JVM, warm"                  10000  "${jvm[distinct,resync_warm]}" "$raw_distinct"
printf '\n%-58s %8s %9s\n' "no-change re-sync (target < 0.2 s)" "routes" "seconds"
printf '%-58s %8s %9s\n' "in JVM, first run (cold code)"                 10000 "${jvm[10000,resync_first]}"
printf '%-58s %8s %9s\n' "in JVM, warm (median; what --watch does)"  10000 "${jvm[10000,resync_warm]}"
printf '%-58s %8s %9s\n' "whole CLI process ($reapplied applied)"        10000 "$cli_resync"
printf '%-58s %8s %9s\n' "  of which in JVM: store+table+plan"           10000 "$(inner "$work/resync.json" totalMs)"
printf '%-58s %8s %9s\n' "    read file store / list table / plan"      10000 "$(inner "$work/resync.json" readStoreMs) / $(inner "$work/resync.json" readTableMs) / $(inner "$work/resync.json" planMs)"
printf '%-58s %8s %9s\n' "JVM start-up alone (netctl --version)"        -     "$jvm_start"
