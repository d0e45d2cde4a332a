#!/usr/bin/env python3
"""Reads every surefire and failsafe report under the given folder and prints one summary:
tests run per module, and every failed or erroring test with the first line of its message.
Exits 1 when any test failed or erred, or when no report was found."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1] if len(sys.argv) > 1 else "."
reports = sorted(glob.glob(os.path.join(root, "**", "target", "*-reports", "TEST-*.xml"), recursive=True))
if not reports:
    print("test summary: no test reports found", file=sys.stderr)
    sys.exit(1)
per_module = {}
failed = []
for path in reports:
    module = os.path.relpath(path, root).split(os.sep + "target" + os.sep)[0]
    try:
        suite = ET.parse(path).getroot()
    except ET.ParseError as e:
        failed.append(f"{path}: unreadable report ({e})")
        continue
    run = per_module.setdefault(module, [0, 0])
    for case in suite.iter("testcase"):
        run[0] += 1
        for kind in ("failure", "error"):
            for f in case.findall(kind):
                run[1] += 1
                msg = (f.get("message") or f.get("type") or "").strip().splitlines()
                failed.append(f"{case.get('classname')}.{case.get('name')}: {kind}: {msg[0] if msg else ''}")
total = sum(r[0] for r in per_module.values())
print("test summary:")
for module, (n, bad) in sorted(per_module.items()):
    print(f"  {module}: {n} tests, {bad} failed")
if failed:
    print(f"FAILED: {len(failed)} of {total} tests")
    for f in failed:
        print("  " + f[:300])
    sys.exit(1)
print(f"OK: {total} tests passed")
