#!/usr/bin/env bash
# bpfsh's performance benchmark (issue 14): bpfsh against bpftool and against a C program calling
# bpf(2) directly, whole processes, output to /dev/null, medians of paired runs in one session.
# Not part of the test suite: timings belong here, not in unit tests.
#
#   bench/run.sh              the whole table (a few minutes)
#   RUNS=11 bench/run.sh      more runs per row (the 1M rows use RUNS_BIG, default 5)
#   bench/run.sh --quick      10k and 100k only, 3 runs
#
# It builds what it needs (the shell's jar through ./bpfsh, the C program and a Java hello with the
# JDK the launcher picks), creates its maps under its own bpffs directory and removes it on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

runs="${RUNS:-7}"
runs_big="${RUNS_BIG:-5}"
sizes=(10000 100000 1000000)
if [ "${1:-}" = "--quick" ]; then
  runs=3
  sizes=(10000 100000)
fi

work="$repo/bench/target"
mkdir -p "$work"
root="/sys/fs/bpf/bpfsh-bench-$$"
log="$work/run.log"
: >"$log"
cleanup() { rm -rf "$root"; }
trap cleanup EXIT

# the JDK the launcher runs bpfsh with, so that the hello is the same JVM
java_bin="java"
if [ -f "$repo/launcher/jvm.sh" ]; then
  # shellcheck source=../launcher/jvm.sh
  . "$repo/launcher/jvm.sh"
  java_bin="$(bpfsh_java)"
fi

echo "bench: building" >&2
./bpfsh --version >/dev/null
cc -O2 -Wall -o "$work/bpfdump" bench/bpfdump.c
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' \
  >"$work/Hello.java"
"$(dirname "$(readlink -f "$(command -v "$java_bin")")")/javac" --release 17 -d "$work" "$work/Hello.java"

mkdir "$root"
for n in "${sizes[@]}"; do
  "$work/bpfdump" fill "$root/h$n" "$n"
done
mkdir "$root/load"

# one timed run in microseconds; a failing command stops the benchmark instead of timing an error
timed() {
  local t0 t1
  t0="${EPOCHREALTIME/./}"
  if ! "$@" >/dev/null 2>>"$log"; then
    echo "bench: failed: $*  (see $log)" >&2
    exit 1
  fi
  t1="${EPOCHREALTIME/./}"
  echo $((t1 - t0))
}

# bpfsh's load pins nothing for this object, bpftool pins its program; both are removed after each run
sample="samples/modern_config.o"
bpfsh_load() { ./bpfsh --bpffs "$root/load" -c "load $sample"; }
bpftool_load() { bpftool prog loadall "$sample" "$root/load/p" && rm -rf "$root/load/p"; }
hello() { "$java_bin" -Xshare:auto -cp "$work" Hello; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v us="$1" 'BEGIN { printf (us >= 100000 ? "%.0f ms" : "%.1f ms"), us / 1000 }'; }

rows=()
# row NAME RUNS BASE TARGET C-COMMAND BPFTOOL-COMMAND BPFSH-COMMAND (C-COMMAND may be empty).
# BASE is "bpftool" or "hello": the ratio is bpfsh's time over it, per pair, then the median.
row() {
  local name="$1" n="$2" base="$3" target="$4" c="$5" tool="$6" sh="$7"
  local -a tc=() tt=() ts=() th=() ratios=()
  # warm-up: page cache, the launcher's class-data archive
  [ -n "$c" ] && timed eval "$c" >/dev/null
  timed eval "$tool" >/dev/null
  timed eval "$sh" >/dev/null
  [ "$base" = hello ] && timed hello >/dev/null
  local i a b h=""
  for ((i = 0; i < n; i++)); do
    # alternate the order so that neither side always runs on a warmer machine
    if ((i % 2 == 0)); then
      a="$(timed eval "$tool")"; b="$(timed eval "$sh")"
      [ "$base" = hello ] && h="$(timed hello)"
    else
      [ "$base" = hello ] && h="$(timed hello)"
      b="$(timed eval "$sh")"; a="$(timed eval "$tool")"
    fi
    [ -n "$c" ] && tc+=("$(timed eval "$c")")
    tt+=("$a"); ts+=("$b")
    if [ "$base" = hello ]; then
      th+=("$h"); ratios+=("$(awk -v x="$b" -v y="$h" 'BEGIN { print x / y }')")
    else
      ratios+=("$(awk -v x="$b" -v y="$a" 'BEGIN { print x / y }')")
    fi
  done
  local mc="—" mh="—" unit="× bpftool" tgt="—" holds="—" r
  [ -n "$c" ] && mc="$(ms "$(printf '%s\n' "${tc[@]}" | median)")"
  if [ "$base" = hello ]; then
    mh="$(ms "$(printf '%s\n' "${th[@]}" | median)")"
    unit="× hello"
  fi
  r="$(printf '%s\n' "${ratios[@]}" | median)"
  if [ "$target" != "—" ]; then
    tgt="≤ $target"
    holds="$(awk -v r="$r" -v t="$target" 'BEGIN { print (r <= t) ? "yes" : "no" }')"
  fi
  rows+=("| $name | $mc | $mh | $(ms "$(printf '%s\n' "${tt[@]}" | median)") \
| $(ms "$(printf '%s\n' "${ts[@]}" | median)") | $(printf '%.2f' "$r") $unit | $tgt | $holds |")
  echo "bench: $name done" >&2
}

b="./bpfsh --bpffs $root"
row "start-up: \`bpfsh -c ls\` / \`bpftool map show pinned\`" "$runs" hello 3 \
  "" "bpftool map show pinned $root/h10000" "$b -c ls"
row "\`load\` of $sample" "$runs" hello 3.5 "" bpftool_load bpfsh_load
for n in "${sizes[@]}"; do
  r="$runs"; t_text="—"; t_json="—"
  case "$n" in
    100000) t_text=0.5 ;;
    1000000) r="$runs_big"; t_text=0.25; t_json=0.3 ;;
  esac
  row "dump of a $n-entry hash (4 B key, 8 B value)" "$r" bpftool "$t_text" \
    "$work/bpfdump dump $root/h$n" "bpftool map dump pinned $root/h$n" "$b -c 'dump h$n'"
  row "\`--json\` dump of $n entries (bpftool \`-j\`)" "$r" bpftool "$t_json" \
    "" "bpftool -j map dump pinned $root/h$n" "$b --json -c 'dump h$n'"
done

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with changes)')"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), kernel $(uname -r), load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bpftool: $(bpftool version | head -1); JVM: $("$java_bin" -version 2>&1 | head -1)"
echo "runs: $runs per row ($runs_big for 1M), paired and alternated; medians; ratio = median of the per-pair ratios"
echo
echo "| work | C limit | java Hello | bpftool | bpfsh | bpfsh ratio | target | holds |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
