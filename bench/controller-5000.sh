#!/usr/bin/env bash
# Benchmark of netctl controller: N Nodes (default 5000) created at once in fabric8's mock API
# (CRUD mode), ranges 10.0.0.0/12 (/27 per node), a real single-member etcd on loopback.
# Prints the time until every Node has its allocation, etcd transactions per allocation, heap.
#   bash bench/controller-5000.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
# the reactor puts the sibling modules' target/classes on the classpath; cli is built last, so its classpath stays in the file
mvn -B -q -DskipTests -DskipITs test-compile dependency:build-classpath -pl cli -am \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile" >/dev/null
cp=$(cat "$cpfile")
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.io.fabric8=off \
  -cp "cli/target/test-classes:cli/target/classes:$cp" \
  io.netctl.cli.ControllerBench "${1:-5000}"
