#!/bin/bash
# Full-table ingest: a BIRD sender announces N IPv4 /24s (default 1,000,000) to a BIRD route
# reflector; netctl then opens an iBGP session to the reflector and takes the whole table.
# Prints, side by side from one run: how long BIRD (the RR) takes from session up to holding the
# table, how long netctl takes from session up to End-of-RIB, and netctl's retained heap per prefix.
# With --add-path a second BIRD sender announces the same N prefixes (another next hop) and the
# reflector sends netctl every path ("add paths tx", RFC 7911): 2 x N paths, bytes per path.
# Needs root, iproute2, bird2, java, maven. Creates namespaces nbgp<pid>-*, removes them on exit.
# Usage: bench/bgp-ingest.sh [N] [--add-path]
set -euo pipefail
N=${1:-1000000}
ADD_PATH=${2:-}
PATHS=1
NETCTL_CHANNEL="ipv4 { import all; export all; }"
if [ "$ADD_PATH" = "--add-path" ]; then PATHS=2; NETCTL_CHANNEL="ipv4 { import all; export all; add paths tx; }"; fi
TOTAL=$((N * PATHS))
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ID="nbgp$$"
WORK=$(mktemp -d /tmp/bgp-ingest.XXXXXX)
PIDS=()

cleanup() {
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for _ in $(seq 50); do
    alive=0
    for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -0 "$p" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  for ns in s s2 rr n hub; do ip netns del "$ID-$ns" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building netctl (bgp module and its tests) ..." >&2
mvn -B -q -pl bgp -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp" -Dmdep.includeScope=test
CP="$ROOT/bgp/target/test-classes:$ROOT/bgp/target/classes:$(cat "$WORK/cp")"

echo "namespaces: $ID-{s,rr,n} on a bridge in $ID-hub (172.31.200.0/24) ..." >&2
ip netns add "$ID-hub"
ip -n "$ID-hub" link add br0 type bridge
ip -n "$ID-hub" link set br0 up
i=0
for h in rr s n s2; do
  i=$((i + 1)); addr=(1 2 9 3); a=${addr[$((i - 1))]}
  ip netns add "$ID-$h"
  ip -n "$ID-hub" link add "v$h" type veth peer name eth0 netns "$ID-$h"
  ip -n "$ID-hub" link set "v$h" master br0 up
  ip -n "$ID-$h" link set lo up
  ip -n "$ID-$h" addr add "172.31.200.$a/24" dev eth0
  ip -n "$ID-$h" link set eth0 up
done

echo "generating $N routes ..." >&2
python3 - "$N" > "$WORK/routes.conf" <<'PY'
import sys
n = int(sys.argv[1])
out = ["protocol static big { ipv4;"]
for i in range(n):
    a = (16 << 24) + (i << 8)
    out.append("route %d.%d.%d.0/24 blackhole;" % (a >> 24, (a >> 16) & 255, (a >> 8) & 255))
out.append("}")
print("\n".join(out))
PY

cat > "$WORK/rr.conf" <<EOF2
log "$WORK/rr.log" { warning, error, fatal };
router id 172.31.200.1;
protocol device { scan time 10; }
template bgp c { local 172.31.200.1 as 64512; direct; rr client; rr cluster id 1.0.0.1; ipv4 { import all; export all; }; }
protocol bgp sender from c { neighbor 172.31.200.2 as 64512; }
protocol bgp sender2 from c { neighbor 172.31.200.3 as 64512; }
protocol bgp netctl from c { neighbor 172.31.200.9 as 64512; passive on; $NETCTL_CHANNEL; }
EOF2
cat > "$WORK/s.conf" <<EOF2
log "$WORK/s.log" { warning, error, fatal };
router id 172.31.200.2;
protocol device { scan time 10; }
include "$WORK/routes.conf";
protocol bgp to_rr { local 172.31.200.2 as 64512; direct; neighbor 172.31.200.1 as 64512; ipv4 { import none; export where source = RTS_STATIC; }; }
EOF2
sed -e 's/172.31.200.2/172.31.200.3/g' -e 's/s.log/s2.log/' "$WORK/s.conf" > "$WORK/s2.conf"

now() { date +%s.%N; }
ip netns exec "$ID-rr" bird -f -c "$WORK/rr.conf" -s "$WORK/rr.ctl" & PIDS+=($!); disown
ip netns exec "$ID-s" bird -f -c "$WORK/s.conf" -s "$WORK/s.ctl" & PIDS+=($!); disown
RR_PID=${PIDS[0]}
if [ "$PATHS" = 2 ]; then ip netns exec "$ID-s2" bird -f -c "$WORK/s2.conf" -s "$WORK/s2.ctl" & PIDS+=($!); disown; fi

echo "waiting for BIRD's session to the sender ..." >&2
deadline=$(( $(date +%s) + 300 ))
until birdc -s "$WORK/rr.ctl" show protocols sender 2>/dev/null | grep -q Established; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "BIRD session never came up" >&2; exit 1; }
  sleep 0.02
done
t0=$(now)
until [ "$(birdc -s "$WORK/rr.ctl" show route count 2>/dev/null | awk '/table master4/ {print $1}')" = "$TOTAL" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "BIRD never got $TOTAL routes" >&2; exit 1; }
  sleep 0.02
done
t1=$(now)
bird_ms=$(python3 -c "print(round(($t1 - $t0) * 1000))")
bird_rss=$(awk '/VmRSS/ {print $2}' "/proc/$(pgrep -P "$RR_PID" bird || echo "$RR_PID")/status" 2>/dev/null || echo "?")
[ "$PATHS" = 1 ] || echo "(BIRD's second sender may still be coming up when the first is Established; BIRD's time counts from the first)" >&2

echo "netctl takes the table from the reflector ..." >&2
result=$(ip netns exec "$ID-n" java -Xmx2g -XX:+UseSerialGC -cp "$CP" io.netctl.bgp.bench.IngestProbe 172.31.200.1 172.31.200.9 600)
echo "$result" | grep -q prefixes || { echo "netctl failed: $result" >&2; exit 1; }
py() { python3 -c "import json,sys; d=json.loads(sys.argv[1]); print($1)" "$result"; }

UNIT=prefix; [ "$PATHS" = 1 ] || UNIT=path
printf '\n%-42s %15s %15s\n' "full-table ingest, $N IPv4 /24s x $PATHS path(s)" "BIRD 2 (RR)" "netctl"
printf '%-42s %15s %15s\n' "session up -> table complete (ms)" "$bird_ms" "$(py 'd["established_to_eor_ms"]')"
printf '%-42s %15s %15s\n' "${UNIT}s per second" "$(python3 -c "print(round($TOTAL * 1000 / max(1, $bird_ms)))")" "$(py 'd["prefixes_per_second"]')"
printf '%-42s %15s %15s\n' "memory per $UNIT (bytes)" "$(python3 -c "print('%.0f (RSS)' % (${bird_rss:-0} * 1024 / $TOTAL))" 2>/dev/null || echo '?')" "$(py '"%.1f (heap)" % d["bytes_per_prefix"]')"
printf '%-42s %15s %15s\n' "UPDATE messages received" "-" "$(py 'd["updates"]')"
echo "(BIRD: from its session to the sender being Established to 'show route count' = N x paths, polled every 20 ms with birdc;"
echo " netctl: from Established to End-of-RIB from the reflector; heap retained after full GC.)"
