#!/usr/bin/env bash
# Coverage-guided fuzzing of every Jazzer @FuzzTest target (issue 11), one target after the other,
# each for SECONDS. In ordinary builds the same targets only run over their committed seed corpus
# (src/test/resources/<package>/<Class>Inputs/); here Jazzer (libFuzzer) mutates those seeds,
# guided by the coverage of the instrumented io.netctl classes, and keeps what reaches new code.
#
# Per target it prints executions, libFuzzer's coverage (edges and features), the corpus it grew,
# and the line and branch coverage of the main code of the target's package (Jazzer's coverage
# report); a finding stops that target and leaves the input under target/fuzz/<target>/findings/.
# Everything a run makes stays under each module's target/fuzz/ (the grown corpus is kept between
# runs, so a second run goes on from the first); nothing in src/ is changed.
#
# Usage: bench/fuzz.sh [SECONDS=60] [FILTER]   e.g. bench/fuzz.sh 300 WireFuzzTest
#   FILTER keeps the targets whose "Class#method" contains it.
# Needs: java 17, maven (online: Jazzer is fetched on a fresh machine), python3. Exit 1 when a target
# found something.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
seconds="${1:-60}"
filter="${2:-}"
modules=(ipam bgp lvs validator cli)

echo "building (test classes and their class paths) ..." >&2
mvn -B -q -DskipTests -Dmdep.outputFile=target/fuzz-classpath.txt -Dmdep.includeScope=test \
  test-compile dependency:build-classpath -pl "$(IFS=,; echo "${modules[*]}")" -am >&2

# Every @FuzzTest: module, class, method (the method is declared on a line after the annotation).
targets=()
for m in "${modules[@]}"; do
  while IFS= read -r f; do
    cls="$(sed -n 's/^package \(.*\);/\1/p' "$f").$(basename "$f" .java)"
    for method in $(awk '/@FuzzTest/ {want=1; next} want && /void [A-Za-z0-9_]+\(/ {match($0, /void [A-Za-z0-9_]+\(/); print substr($0, RSTART+5, RLENGTH-6); want=0}' "$f"); do
      t="$cls#$method"
      if [ -z "$filter" ] || [[ "$t" == *"$filter"* ]]; then
        targets+=("$m $cls $method")
      fi
    done
  done < <(grep -rl --include='*.java' '@FuzzTest' "$m/src/test/java" | sort)
done
[ "${#targets[@]}" -gt 0 ] || { echo "no @FuzzTest target matches \"$filter\"" >&2; exit 2; }

summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
found=0
echo "== ${#targets[@]} targets, ${seconds}s each, Jazzer $(ls ~/.m2/repository/com/code-intelligence/jazzer/ | sort -V | tail -1), $(java -version 2>&1 | head -1)"
for t in "${targets[@]}"; do
  read -r m cls method <<< "$t"
  simple="${cls##*.}"
  pkg="${cls%.*}"
  out="$here/$m/target/fuzz/$simple-$method"
  mkdir -p "$out/corpus" "$out/findings"
  seeds="$here/$m/src/test/resources/${pkg//.//}/${simple}Inputs"
  seed_args=()
  [ -d "$seeds" ] && seed_args+=("$seeds") # libFuzzer reads it recursively: the class's shared seeds and every method's
  echo "-- $simple#$method" >&2
  set +e
  (cd "$here/$m" && java -Xmx1g -Xss4m -Dorg.slf4j.simpleLogger.defaultLogLevel=off \
    -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" \
    com.code_intelligence.jazzer.Jazzer --target_class="$cls" --target_method="$method" \
    --coverage_report="$out/coverage.txt" \
    -max_total_time="$seconds" -timeout=20 -print_final_stats=1 -artifact_prefix="$out/findings/" \
    "$out/corpus" "${seed_args[@]}") > "$out/log.txt" 2>&1
  rc=$?
  set -e
  [ "$rc" -eq 0 ] || found=1
  python3 - "$m" "$pkg" "$simple#$method" "$rc" "$out" >> "$summary" <<'EOF'
import os, re, sys
module, pkg, name, rc, out = sys.argv[1:]
log = open(os.path.join(out, "log.txt"), errors="replace").read()
runs = re.findall(r"Done (\d+) runs in (\d+) second", log)
stats = re.findall(r"#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", log)
execs, secs = (int(runs[-1][0]), int(runs[-1][1])) if runs else ((int(stats[-1][0]), 0) if stats else (0, 0))
cov, ft, corp = (stats[-1][1], stats[-1][2], stats[-1][3]) if stats else ("?", "?", "?")
main = os.path.join(module, "src/main/java", pkg.replace(".", "/"))
lines = [0, 0]
branches = [0, 0]
report = os.path.join(out, "coverage.txt")
if os.path.exists(report):
    section = None
    for l in open(report):
        l = l.strip()
        if l.endswith(":") and not re.search(r"\.java", l):
            section = l if l.endswith("coverage:") else None
            continue
        m = re.match(r"(\S+\.java): (\d+)/(\d+)", l)
        # the report names source files without their folder: count those of the target's package's main code
        if m and section and os.path.exists(os.path.join(main, os.path.basename(m.group(1)))):
            acc = lines if section.startswith("Line") else branches
            acc[0] += int(m.group(2))
            acc[1] += int(m.group(3))
pct = lambda a: "%d/%d (%.0f%%)" % (a[0], a[1], 100.0 * a[0] / a[1]) if a[1] else "-"
verdict = "ok" if rc == "0" else "FINDING (rc %s): see %s" % (rc, os.path.join(out, "findings"))
print("| %s | %s | %s | %s | %s | %s | %s | %s |" % (name, "{:,}".format(execs), "{:,}".format(execs // secs) if secs else "?", cov, ft, corp, pct(lines), pct(branches)) + " " + verdict)
EOF
  tail -1 "$summary" >&2
done
echo
echo "| target | executions | per second | edges (cov) | features (ft) | corpus | lines of its package | branches of its package |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
sed 's/ ok$//' "$summary"
exit "$found"
