#!/usr/bin/env bash
# Benchmark of netctl bgp plan/apply/show/render-rr at scale: a private etcd on loopback holding
# N Calico Nodes and N allocations (default 500), 3 route reflectors (one of them a calico-node).
# Wall-clock times of each command (JVM start included), best of 3. Usage: bgp/bench/bgp-scale.sh [N]
set -euo pipefail
N=${1:-500}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$here/cli/target/netctl.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package -pl cli -am" >&2; exit 2; }
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
peer=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
etcd --name b --data-dir "$dir/etcd" --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
  --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
  --initial-cluster "b=http://127.0.0.1:$peer" --log-level warn > "$dir/etcd.log" 2>&1 &
etcd_pid=$!
trap 'kill $etcd_pid 2>/dev/null; wait $etcd_pid 2>/dev/null; rm -rf "$dir"' EXIT
export ETCDCTL_API=3 ETCD_ENDPOINTS="http://127.0.0.1:$port" ETCDCTL_ENDPOINTS="http://127.0.0.1:$port"
for _ in $(seq 50); do etcdctl --endpoints="$ETCD_ENDPOINTS" endpoint health >/dev/null 2>&1 && break; sleep 0.2; done
cat > "$dir/netctl.yaml" <<YAML
asNumber: 64512
ranges: [10.64.0.0/12]
routeReflectors:
  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
  - {name: rr-2, ip: 10.3.252.9, clusterId: 1.0.0.1}
  - {name: node-0, ip: 10.1.0.1, clusterId: 1.0.0.1}
YAML
export NETCTL_CONFIG="$dir/netctl.yaml"
# N nodes as calico-node writes them, and N allocations as netctl records them (etcd's gRPC gateway, /v3/kv/put)
python3 - "$N" "$ETCD_ENDPOINTS" <<'PY'
import sys, json, base64, http.client, urllib.parse
n = int(sys.argv[1]); u = urllib.parse.urlparse(sys.argv[2])
c = http.client.HTTPConnection(u.hostname, u.port)
def put(k, v):
    body = json.dumps({"key": base64.b64encode(k.encode()).decode(), "value": base64.b64encode(v.encode()).decode()})
    c.request("POST", "/v3/kv/put", body, {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    if r.status != 200: sys.exit(f"put {k}: HTTP {r.status}")
for i in range(n):
    name = f"node-{i}"; ip = f"10.1.{i // 250}.{i % 250 + 1}"; base = (10 << 24 | 64 << 16) + i * 32
    cidr = ".".join(str(base >> s & 255) for s in (24, 16, 8, 0)) + "/27"
    node = {"kind": "Node", "apiVersion": "projectcalico.org/v3", "metadata": {"name": name, "uid": f"u-{i}", "creationTimestamp": "2026-01-01T00:00:00Z",
            "labels": {"kubernetes.io/hostname": name}}, "spec": {"bgp": {"ipv4Address": ip + "/16"}}, "status": {}}
    alloc = {"node": name, "cidr": cidr, "hostIp": ip, "createdAt": "2026-01-01T00:00:00Z", "updatedAt": "2026-01-01T00:00:00Z"}
    put(f"/calico/resources/v3/projectcalico.org/nodes/{name}", json.dumps(node, separators=(",", ":")))
    put(f"/netctl/v1/allocations/{name}", json.dumps(alloc, separators=(",", ":")))
PY
echo "loaded: $(etcdctl get --prefix --keys-only /calico/resources/v3/projectcalico.org/nodes/ | grep -c .) nodes, $(etcdctl get --prefix --keys-only /netctl/v1/allocations/ | grep -c .) allocations"
best() { local b=999999; for _ in 1 2 3; do local t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; local t=$(( ($(date +%s%N) - t0) / 1000000 )); [ $t -lt $b ] && b=$t; done; echo "$b ms"; }
J="java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar $jar"
echo "bgp plan (4 changes)        : $(best $J bgp plan)"
t0=$(date +%s%N); $J bgp apply > /dev/null; echo "bgp apply (4 changes, once) : $(( ($(date +%s%N) - t0) / 1000000 )) ms"
echo "bgp plan (in sync)          : $(best $J bgp plan)"
echo "bgp show -o json            : $(best $J bgp show -o json)"
echo "bgp render-rr --rr rr-1     : $(best $J bgp render-rr --rr rr-1)"
echo "render-rr clients           : $($J bgp render-rr --rr rr-1 | grep -c '^protocol bgp Global_')"
echo "netctl --version (JVM start): $(best $J --version)"
