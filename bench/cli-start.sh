#!/usr/bin/env bash
# Benchmark of the CLI's start-up (issue 12): whole-process wall time and peak RSS of one-shot
# netctl commands through the ./netctl launcher, each the median of RUNS runs, side by side in the
# same run with `etcdctl put`/`etcdctl get` on the same etcd and with the bare JVM start (an empty
# main class, the launcher's flags), with the ratios. Starts its own etcd on free loopback ports and
# stops it (by pid) at the end; a fresh embedded store in a temporary folder.
#
# Usage: bench/cli-start.sh [RUNS=10] [JAVA...]
#   JAVA: java binaries to run netctl on (NETCTL_JAVA); default: what the launcher picks (the
#   newest JDK 25+ under /usr/lib/jvm, else java on PATH) and the JDK 17 as well.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
runs="${1:-10}"
shift || true
javas=("$@")
command -v etcd >/dev/null && command -v etcdctl >/dev/null || { echo "needs etcd and etcdctl (apt-get install etcd-server etcd-client)" >&2; exit 2; }
[ -f cli/target/netctl.jar ] || { echo "building ..." >&2; mvn -B -q -DskipTests package -pl cli -am >&2; }

work="$(mktemp -d)"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
cport=$(port); pport=$(port)
etcd --name bench --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$cport" --advertise-client-urls "http://127.0.0.1:$cport" \
  --listen-peer-urls "http://127.0.0.1:$pport" --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
  --initial-cluster "bench=http://127.0.0.1:$pport" --logger zap --log-level warn > "$work/etcd.log" 2>&1 &
etcd_pid=$!
trap 'kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null; rm -rf "$work"' EXIT
url="http://127.0.0.1:$cport"
for _ in $(seq 100); do ETCDCTL_API=3 etcdctl --endpoints "$url" endpoint health >/dev/null 2>&1 && break; sleep 0.1; done
export ETCDCTL_API=3 XDG_STATE_HOME="$work/state"
cat > "$work/netctl.yaml" <<'YAML'
routeReflectors:
  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
YAML
cat > "$work/Empty.java" <<'JAVA'
public class Empty { public static void main(String[] a) {} }
JAVA

# measure LABEL COMMAND...: RUNS runs; prints "LABEL<TAB>median ms<TAB>median peak RSS MiB"
# <TAB>median CPU ms (user + system: the work, which the machine's load does not inflate as much as
# the wall time) (the command may contain @N@, replaced by the run's number). The process alone: wait4.
measure() {
  python3 - "$runs" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, label, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
walls, rss, cpus, failed = [], [], [], 0
for i in range(runs):
    argv = [a.replace("@N@", str(i)) for a in cmd]
    t = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    walls.append((time.perf_counter() - t) * 1000)
    rss.append(usage.ru_maxrss / 1024)
    cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
    failed += os.waitstatus_to_exitcode(status) not in (0, 1)
print(f"{label}\t{statistics.median(walls):.0f}\t{statistics.median(rss):.0f}\t{statistics.median(cpus):.0f}" + (f"\t{failed} runs failed" if failed else ""))
PY
}

if [ "${#javas[@]}" = 0 ]; then
  best=0 pick="$(readlink -f "$(command -v java)")"
  for h in /usr/lib/jvm/*; do
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$h/release" 2>/dev/null || true)"
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best" ] && [ -x "$h/bin/java" ]; then best="$v" pick="$h/bin/java"; fi
  done
  javas=("$pick")
  j17="$(ls -d /usr/lib/jvm/*17*/bin/java 2>/dev/null | head -1 || true)"
  [ -n "$j17" ] && [ "$(readlink -f "$j17")" != "$(readlink -f "$pick")" ] && javas+=("$j17")
fi
results="$work/results.tsv"
: > "$results"
measure "etcdctl put" etcdctl --endpoints "$url" put /bench/k@N@ v >> "$results"
measure "etcdctl get" etcdctl --endpoints "$url" get /bench/k1 >> "$results"
for j in "${javas[@]}"; do
  export NETCTL_JAVA="$j"
  jv="$(./netctl --version | sed -n 2p)" # also makes the start-up cache for --version
  javac --release 17 -d "$work/empty" "$work/Empty.java" 2>/dev/null
  tag="[$jv]"
  measure "bare JVM start $tag" "$j" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -cp "$work/empty" Empty >> "$results"
  # first runs make the launcher's start-up caches (not timed)
  ./netctl --help >/dev/null
  ./netctl allocate warm-up >/dev/null
  ./netctl allocate warm-up --etcd-endpoints "$url" >/dev/null
  ./netctl -c "$work/netctl.yaml" bgp apply --etcd-endpoints "$url" >/dev/null
  n="$(echo "$jv" | tr -dc '0-9' | head -c 2)"
  measure "netctl --version $tag" ./netctl --version >> "$results"
  measure "netctl --help $tag" ./netctl --help >> "$results"
  measure "netctl allocate NODE (embedded store) $tag" ./netctl allocate "e$n-@N@" >> "$results"
  measure "netctl allocate NODE --etcd-endpoints $tag" ./netctl allocate "x$n-@N@" --etcd-endpoints "$url" >> "$results"
  measure "netctl check --scope config (etcd) $tag" ./netctl -c "$work/netctl.yaml" check --scope config --etcd-endpoints "$url" >> "$results"
  measure "netctl bgp plan (etcd) $tag" ./netctl -c "$work/netctl.yaml" bgp plan --etcd-endpoints "$url" >> "$results"
done

echo "== start-up of one-shot commands: median of $runs runs each, whole process; etcd $(etcd --version | head -1 | awk '{print $3}') on loopback; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
put = float(next(r for r in rows if r[0] == "etcdctl put")[1])
bare = {}
for r in rows:
    if r[0].startswith("bare JVM start"):
        bare[r[0].split("[", 1)[1]] = float(r[1])
print(f"{'command':70} {'wall':>8} {'CPU':>8} {'peak RSS':>9} {'/ etcdctl put':>14} {'/ bare JVM':>11}")
for r in rows:
    tag = r[0].split("[", 1)[1] if "[" in r[0] else None
    b = f"{float(r[1]) / bare[tag]:.1f}x" if tag in bare and not r[0].startswith("bare") else "-"
    note = ("  " + r[4]) if len(r) > 4 else ""
    print(f"{r[0]:70} {r[1]:>5} ms {r[3]:>5} ms {r[2]:>5} MiB {float(r[1]) / put:>13.1f}x {b:>11}{note}")
PY
