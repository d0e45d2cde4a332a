#!/usr/bin/env bash
# Benchmark of the HTML report (issue 15) for the checker benchmark's 5,000-node network
# (bench/check-5000.sh's fixture: 5,000 nodes, 3 route reflectors, 10 directors): the check through
# the real Checker, the pictures and the HTML in Java; the report's size; and the time headless
# Chromium (Debian's chromium + chromedriver) takes from navigation to the first frame after the load
# event. Targets: under 3 MB, under 1 s.
# Usage: bench/report-5000.sh [NODES=5000] [RUNS=5]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
nodes="${1:-5000}"
runs="${2:-5}"
echo "building (mvn test-compile of src/test and what it needs) ..." >&2
mvn -B -q -pl src/test -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >&2
cp="src/test/target/test-classes:$(cat src/test/target/bench-cp.txt)"
java -XX:+UseSerialGC -cp "$cp" io.netctl.e2e.ReportBench "$nodes" "$runs" "src/test/target/report-$nodes.html"
