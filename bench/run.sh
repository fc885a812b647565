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

# one timed run: "WALL_US CPU_US", measured by bpfdump (fork, exec, wait4: no shell in between).
# The command is a string split as the shell would (quotes kept); a failing command stops the
# benchmark instead of timing an error.
timed() {
  local -a argv
  eval "argv=($1)"
  local r
  if ! r="$("$work/bpfdump" time "${argv[@]}" 2>>"$log")"; then
    echo "bench: failed: $1  (see $log)" >&2
    exit 1
  fi
  echo "$r"
}

# bpfsh's load pins nothing for this object; bpftool pins its program, removed after each run
sample="samples/modern_config.o"
after_bpftool_load() { rm -rf "$root/load/p"; }
hello="$java_bin -cp $work Hello"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v us="$1" 'BEGIN { printf (us >= 100000 ? "%.0f" : "%.1f"), us / 1000 }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { print x / y }'; }

rows=()
# row NAME RUNS BASE TARGET C-COMMAND BPFTOOL-COMMAND BPFSH-COMMAND [AFTER-BPFTOOL]
# BASE is "bpftool" or "hello": the ratio is bpfsh's time over it, per pair, then the median; every
# cell is "wall (CPU)" in ms, the ratios wall first. C-COMMAND may be empty.
row() {
  local name="$1" n="$2" base="$3" target="$4" c="$5" tool="$6" sh="$7" after="${8:-true}"
  local -a cw=() cc=() tw=() tc=() sw=() sc=() hw=() hc=() rw=() rc=()
  local i a b h x y
  # warm-up: page cache, the launcher's class-data archive
  [ -n "$c" ] && timed "$c" >/dev/null
  timed "$tool" >/dev/null; "$after"
  timed "$sh" >/dev/null
  [ "$base" = hello ] && timed "$hello" >/dev/null
  for ((i = 0; i < n; i++)); do
    # alternate the order so that neither side always runs on a warmer machine
    if ((i % 2 == 0)); then
      a="$(timed "$tool")"; "$after"; b="$(timed "$sh")"
      [ "$base" = hello ] && h="$(timed "$hello")"
    else
      [ "$base" = hello ] && h="$(timed "$hello")"
      b="$(timed "$sh")"; a="$(timed "$tool")"; "$after"
    fi
    if [ -n "$c" ]; then x="$(timed "$c")"; cw+=("${x% *}"); cc+=("${x#* }"); fi
    tw+=("${a% *}"); tc+=("${a#* }"); sw+=("${b% *}"); sc+=("${b#* }")
    if [ "$base" = hello ]; then
      hw+=("${h% *}"); hc+=("${h#* }"); y="$h"
    else
      y="$a"
    fi
    rw+=("$(ratio "${b% *}" "${y% *}")"); rc+=("$(ratio "${b#* }" "${y#* }")")
  done
  med() { printf '%s\n' "$@" | median; }
  cell() { echo "$(ms "$(med "${@:2:$1}")") ($(ms "$(med "${@:$(($1 + 2))}")"))"; }
  local mc="—" mh="—" unit="× bpftool" tgt="—" holds="—" r
  [ -n "$c" ] && mc="$(cell "${#cw[@]}" "${cw[@]}" "${cc[@]}")"
  if [ "$base" = hello ]; then
    mh="$(cell "${#hw[@]}" "${hw[@]}" "${hc[@]}")"
    unit="× hello"
  fi
  r="$(med "${rw[@]}")"
  if [ "$target" != "—" ]; then
    tgt="≤ $target"
    holds="$(awk -v r="$r" -v t="$target" 'BEGIN { print (r <= t) ? "yes" : "no" }')"
  fi
  rows+=("| $name | $mc | $mh | $(cell "${#tw[@]}" "${tw[@]}" "${tc[@]}") | $(cell "${#sw[@]}" "${sw[@]}" "${sc[@]}") \
| $(printf '%.2f' "$r") $unit ($(printf '%.2f' "$(med "${rc[@]}")")) | $tgt | $holds |")
  echo "bench: $name done" >&2
}

b="./bpfsh --bpffs $root"
row "start-up: \`bpfsh -c ls\` / \`bpftool map show pinned\`" "$runs" hello 3 \
  "" "bpftool map show pinned $root/h10000" "$b -c ls"
row "\`load\` of $sample" "$runs" hello 3.5 "" "bpftool prog loadall $sample $root/load/p" \
  "./bpfsh --bpffs $root/load -c 'load $sample'" after_bpftool_load
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
echo "cells: wall-clock ms (CPU ms: user + system of the process and its threads); ratios: wall (CPU); holds: by wall"
echo
echo "| work | C limit | java Hello | bpftool | bpfsh | bpfsh ratio | target | holds |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
