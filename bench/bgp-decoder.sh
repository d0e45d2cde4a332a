#!/bin/bash
# JMH benchmark of netctl's BGP UPDATE decoder, in prefixes per second.
# Usage: bench/bgp-decoder.sh [JMH options, e.g. -f 1 -wi 3 -i 5]
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -pl bgp -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -cp "bgp/target/test-classes:bgp/target/classes:$(cat "$cp_file")" org.openjdk.jmh.Main io.netctl.bgp.bench.DecoderBench "$@"
