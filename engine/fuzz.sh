#!/bin/sh
# A long round of the object fuzzer (issue 10.7): mutated sample objects through Module.open, load and
# close on the real kernel, under a bpffs directory of its own that it removes. Prints the figures:
# inputs, clean errors, unchecked exceptions by kind, loads, FDs, BPF mmaps and kernel objects
# before/after, pins left. Exits 1 when a bar is missed (an unchecked exception, a leaked FD, a pin
# left). Inputs that raised an unchecked exception are kept in $TMPDIR/bpfsh-fuzz-findings/.
# Usage: engine/fuzz.sh [INPUTS (1000000)] [SEED (1)]; needs root and bpffs at /sys/fs/bpf.
set -eu
cd "$(dirname "$0")/.."
cpfile=engine/target/fuzz.classpath
if ! out=$(mvn -q -B -pl engine test-compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile="$PWD/$cpfile" 2>&1); then
  printf '%s\n' "$out" >&2
  exit 1
fi
export BPFSH_SAMPLES="$PWD/samples"
# a bounded heap: the default (a quarter of RAM) grew to 1.5 GB a round on a shared machine
exec nice java -Xmx384m -cp "engine/target/test-classes:engine/target/classes:$(cat "$cpfile")" \
    io.bpfsh.engine.load.ObjectFuzz "${1:-1000000}" "${2:-1}"
