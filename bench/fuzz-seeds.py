#!/usr/bin/env python3
"""Writes the seed corpora of the Jazzer fuzz targets that come from captures and from netctl itself.

Jazzer runs every @FuzzTest over the files of its test class's resource folder
<Class>Inputs/ (shared by the class's targets) and <Class>Inputs/<method>/ in every build, and
starts from them when bench/fuzz.sh fuzzes. This script makes the seeds that are derived, so they
can be made again when a capture changes:

- BGP sessions and single messages from the lab captures in bgp/src/test/resources/fixtures
  (BIRD 2.0.12, FRR 8.4.4, GoBGP 3.10.0: fixtures/README.md), one byte stream per capture;
- BMP streams and single messages from the FRR and GoBGP BMP captures there;
- a store.json, snapshots and etcdctl-style dumps of the keys netctl and Calico write, made by
  running ./netctl on a scratch file store (allocate, release, bgp apply, snapshot export), plus the
  Calico Node that calico-node writes (bgp calico Fixtures). Skipped when no Java is installed.

Hand-written seeds (netctl.yaml and change-file examples, option values, iproute2, ipvsadm, BIRD
and /proc/net/tcp captures) are committed as they are; docs/fuzzing.md lists every corpus.
Usage: bench/fuzz-seeds.py   (from anywhere; writes into the source tree)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "bgp/src/test/resources/fixtures")


def inputs(module, package, cls, method=None):
    d = os.path.join(ROOT, module, "src/test/resources", package.replace(".", "/"), cls + "Inputs")
    if method:
        d = os.path.join(d, method)
    os.makedirs(d, exist_ok=True)
    return d


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def capture(name):
    """The (type, bytes) of each message of a capture: lines 'TYPE HEX', '#' comments."""
    out = []
    with open(os.path.join(FIXTURES, name)) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                kind, hexed = line.split(" ", 1)
                out.append((kind.lower(), bytes.fromhex(hexed.replace(" ", ""))))
    return out


def bgp_and_bmp():
    wire = inputs("bgp", "io.netctl.bgp.wire", "WireFuzzTest")
    message = inputs("bgp", "io.netctl.bgp.wire", "WireFuzzTest", "message")
    for cap in ["bird-rr", "bird-badas", "bird-refresh", "frr", "gobgp"]:
        msgs = capture(cap + ".txt")
        write(wire, cap + "-session", b"".join(m for _, m in msgs))
        seen = set()
        for i, (kind, m) in enumerate(msgs):
            if m not in seen:  # KEEPALIVEs repeat
                seen.add(m)
                write(message, "%s-%02d-%s" % (cap, i, kind), m)
    bmp = inputs("bgp", "io.netctl.bgp.bmp", "BmpFuzzTest")
    bmp_message = inputs("bgp", "io.netctl.bgp.bmp", "BmpFuzzTest", "message")
    for cap in ["frr-bmp", "gobgp-bmp"]:
        msgs = capture(cap + ".txt")
        write(bmp, cap + "-stream", b"".join(m for _, m in msgs))
        for i, (kind, m) in enumerate(msgs):
            write(bmp_message, "%s-%02d-%s" % (cap, i, kind), m)


CALICO_NODE = {
    "kind": "Node", "apiVersion": "projectcalico.org/v3",
    "metadata": {"name": "rr-1", "uid": "5b1f0c9e-8f1e-4c55-9a55-0b4c1e6f2a11", "creationTimestamp": "2026-11-27T09:00:00Z",
                 "labels": {"kubernetes.io/hostname": "rr-1", "route-reflector": "true"}},
    "spec": {"bgp": {"ipv4Address": "10.3.252.8/24", "routeReflectorClusterID": "1.0.0.1"},
             "orchRefs": [{"nodeName": "rr-1", "orchestrator": "k8s"}]},
    "status": {"podCIDRs": ["10.3.0.0/24"]},
}

NETCTL_YAML = """asNumber: 64512
blockSize: 27
ranges: [10.3.240.0/25]
routeReflectors:
  - {name: rr-1, ip: 10.3.252.8, clusterId: 1.0.0.1}
  - {name: rr-2, ip: 10.3.252.9, clusterId: 1.0.0.1}
bgpPassword: {secretKeyRef: {name: bgp-secrets, key: rr}}
"""


def dump(kvs, prefixes):
    """etcdctl get --prefix style: key line, value line."""
    return "".join("%s\n%s\n" % (kv["key"], kv["value"]) for kv in kvs if any(kv["key"].startswith(p) for p in prefixes))


def netctl_made():
    if shutil.which("java") is None:
        print("no java: the store, snapshot and dump seeds are left as they are", file=sys.stderr)
        return
    work = tempfile.mkdtemp()
    try:
        store = os.path.join(work, "store.json")
        config = os.path.join(work, "netctl.yaml")
        write(work, "netctl.yaml", NETCTL_YAML)
        env = dict(os.environ, NETCTL_CONFIG=config)
        env.pop("ETCD_ENDPOINTS", None)

        def netctl(*args):
            return subprocess.run([os.path.join(ROOT, "netctl"), *args, "--store", store], env=env, check=True,
                                  stdout=subprocess.PIPE).stdout

        snapshot_name = "snapshot.json"
        netctl("allocate", "node-a", "--host-ip", "172.31.9.2")
        netctl("allocate", "node-b")
        netctl("allocate", "node-c", "--host-ip", "172.31.9.4")
        netctl("release", "node-b")  # a tombstone in the store file
        subprocess.run([os.path.join(ROOT, "netctl"), "bgp", "apply", "--store", store], env=env, check=True, stdout=subprocess.DEVNULL)
        snap = netctl("snapshot", "export")
        with open(store, "rb") as f:
            store_bytes = f.read()
        files = inputs("ipam", "io.netctl.ipam.store", "StoreFilesFuzzTest", "storeFile")
        write(files, "store-three-allocations-one-released-bgp-applied", store_bytes)
        snaps = inputs("ipam", "io.netctl.ipam.store", "StoreFilesFuzzTest", "snapshotFile")
        write(snaps, snapshot_name, snap)
        doc = json.loads(snap)
        kvs = doc["kvs"]
        kvs.append({"key": "/calico/resources/v3/projectcalico.org/nodes/rr-1", "value": json.dumps(CALICO_NODE, separators=(",", ":"))})
        doc["kvs"] = kvs
        write(snaps, "snapshot-with-calico-node.json", json.dumps(doc, indent=2))
        ipam_dump = dump(kvs, ["/netctl/", "/calico/resources/v3/projectcalico.org/ippools/", "/calico/ipam/"])
        write(inputs("ipam", "io.netctl.ipam", "StoredValuesFuzzTest", "storedValues"), "allocations-dump", ipam_dump)
        bgp_dump = dump(kvs, ["/netctl/v1/allocations/", "/calico/resources/"])
        write(inputs("bgp", "io.netctl.bgp.calico", "CalicoObjectsFuzzTest", "calicoObjects"), "bgp-applied-dump", bgp_dump)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    bgp_and_bmp()
    netctl_made()
