#!/bin/sh
# Times tab completion on a bpffs directory of 10,000 pins and prints median, p95 and max (ms).
# Needs root and bpffs at /sys/fs/bpf; pins only under its own bpfsh-test-CompletionBenchmark-*
# directory, which it removes. Settings: BENCH_PINS (10000), BENCH_RUNS (200).
set -eu
cd "$(dirname "$0")/.."
strip() { sed 's/\x1b\[[0-9;]*m//g'; }
if ! out=$(mvn -q -B install -DskipTests -pl engine 2>&1); then
  printf '%s\n' "$out" | strip >&2
  exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
mvn -B -pl completions test -Dtest=CompletionBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dgroups=benchmark -DexcludedGroups=none \
    -Dbench.pins="${BENCH_PINS:-10000}" -Dbench.runs="${BENCH_RUNS:-200}" >"$log" 2>&1 || status=$?
strip <"$log" | sed -n 's/^bench: //p'
if [ "$status" -ne 0 ]; then
  strip <"$log" | grep -E 'ERROR|FAIL' >&2
  exit "$status"
fi
