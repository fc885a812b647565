# bpfsh's JVM start, shared by ./bpfsh (the repository's launcher) and a release archive's
# bin/bpfsh: sourced, not run. It picks the JDK, keeps a class-data archive of bpfsh's classes and
# JNA's native library next to the jar (or in the user's cache), and runs bpfsh:
#
#   . launcher/jvm.sh
#   bpfsh_training_objects=(samples/modern_counter.o)   # optional: objects the archive's run reads
#   bpfsh_run path/to/bpfsh.jar "$@"                    # execs the JVM
#
# Every part falls back silently: no JDK found → `java`; no writable cache or an archive the JVM
# will not map → no archive; no unzip → JNA extracts its library itself, as it does by default.
# Start-up is most of bpfsh's time on small jobs (issue 14), so this script spawns no process on a
# run that finds its cache made: file tests and reads are bash builtins.

# _bpfsh_feature HOME: sets _bpfsh_v to the feature release (17 for 17.0.15) read from HOME/release;
# 0 when it cannot be read.
_bpfsh_feature() {
  local line
  _bpfsh_v=0
  [ -x "$1/bin/java" ] && [ -r "$1/release" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=*)
        line="${line#JAVA_VERSION=}"
        line="${line//\"/}"
        line="${line#1.}"   # 1.8.0 is 8
        line="${line%%[!0-9]*}"
        _bpfsh_v="${line:-0}"
        ;;
    esac
  done <"$1/release"
}

# _bpfsh_pick_java: sets _bpfsh_home and _bpfsh_feature to the JDK to run on: JAVA_HOME when it is
# 17 or newer, else the newest 17+ under /usr/lib/jvm, else the `java` on PATH (home "" when unknown).
_bpfsh_pick_java() {
  local home
  _bpfsh_home=""
  _bpfsh_feature=0
  if [ -n "${JAVA_HOME:-}" ]; then
    _bpfsh_feature "$JAVA_HOME"
    if [ "$_bpfsh_v" -ge 17 ]; then
      _bpfsh_home="${JAVA_HOME%/}"
      _bpfsh_feature="$_bpfsh_v"
      return
    fi
  fi
  for home in /usr/lib/jvm/*; do
    _bpfsh_feature "$home"
    if [ "$_bpfsh_v" -ge 17 ] && [ "$_bpfsh_v" -gt "$_bpfsh_feature" ]; then
      _bpfsh_home="$home"
      _bpfsh_feature="$_bpfsh_v"
    fi
  done
  [ -n "$_bpfsh_home" ] && return
  home="$(command -v java 2>/dev/null)" || return 0
  home="$(readlink -f "$home" 2>/dev/null)" || return 0
  home="${home%/bin/java}"
  _bpfsh_feature "$home"
  if [ "$_bpfsh_v" -ge 17 ]; then
    _bpfsh_home="$home"
    _bpfsh_feature="$_bpfsh_v"
  fi
}

# bpfsh_java: prints the java binary bpfsh_run would use.
bpfsh_java() {
  _bpfsh_pick_java
  if [ -n "$_bpfsh_home" ]; then echo "$_bpfsh_home/bin/java"; else echo java; fi
}

# _bpfsh_cache_dir JAR: sets _bpfsh_cache to a directory of ours for derived files: JAR's directory's
# bpfsh-cache/ when we own JAR's directory, else ${XDG_CACHE_HOME:-~/.cache}/bpfsh/<JAR's path>.
# A directory someone else owns is never used: a planted archive or library would run as us.
_bpfsh_cache_dir() {
  local jar_dir="${1%/*}" dir
  [ "$jar_dir" = "$1" ] && jar_dir=.
  if [ -O "$jar_dir" ] && [ -w "$jar_dir" ]; then
    dir="$jar_dir/bpfsh-cache"
  elif [ -n "${HOME:-}" ] || [ -n "${XDG_CACHE_HOME:-}" ]; then
    dir="${XDG_CACHE_HOME:-$HOME/.cache}/bpfsh/${1//[^A-Za-z0-9._-]/_}"
  else
    _bpfsh_cache=""
    return
  fi
  if [ ! -d "$dir" ]; then
    (umask 077 && mkdir -p "$dir") 2>/dev/null || { _bpfsh_cache=""; return; }
  fi
  if [ -O "$dir" ] && [ -w "$dir" ] && [ ! -L "$dir" ]; then _bpfsh_cache="$dir"; else _bpfsh_cache=""; fi
}

# _bpfsh_jna JAR: adds to _bpfsh_opts the directory holding JNA's native library, extracted once from
# JAR (again when JAR is newer), so that JNA does not unpack and delete a copy in /tmp on every start.
_bpfsh_jna() {
  local arch dir="$_bpfsh_cache/jna" lib
  case "${HOSTTYPE:-}" in
    x86_64) arch=x86-64 ;;
    aarch64) arch=aarch64 ;;
    *) return 0 ;;
  esac
  lib="$dir/libjnidispatch.so"
  if [ ! "$lib" -nt "$1" ]; then
    command -v unzip >/dev/null 2>&1 || return 0
    mkdir -p "$dir" 2>/dev/null || return 0
    if unzip -p "$1" "com/sun/jna/linux-$arch/libjnidispatch.so" >"$lib.$$" 2>/dev/null && [ -s "$lib.$$" ]; then
      mv -f "$lib.$$" "$lib"
    else
      rm -f "$lib.$$"
      return 0
    fi
  fi
  _bpfsh_opts+=("-Djna.boot.library.path=$dir")
}

# _bpfsh_archive JAR: adds to _bpfsh_opts the class-data archive for this JDK and JAR, recording it
# first when there is none newer than both (a rebuild or a JDK update makes a new one). JDK 25+ gets
# an AOT cache (-XX:AOTCacheOutput, classes loaded and linked), 17-24 a dynamic CDS archive
# (-XX:ArchiveClassesAtExit). The recording runs ClassDataTraining, not the user's command, so the
# archive is the same whatever ran first and the user's output is untouched. An archive the JVM
# refuses when told to insist on it (-Xshare:on / -XX:AOTMode=on) is not used, and is not tried again
# until the jar or the JDK changes.
_bpfsh_archive() {
  local jar="$1" name file tmp libjvm
  local -a record check use
  name="${_bpfsh_home//[^A-Za-z0-9._-]/_}"
  libjvm="$_bpfsh_home/lib/server/libjvm.so"
  [ -f "$libjvm" ] || libjvm="$_bpfsh_home/bin/java"
  if [ "$_bpfsh_feature" -ge 25 ]; then
    file="$_bpfsh_cache/$name.aot"
  else
    file="$_bpfsh_cache/$name.jsa"
  fi
  tmp="$file.$$"
  if [ "$_bpfsh_feature" -ge 25 ]; then
    record=("-XX:AOTCacheOutput=$tmp" "-XX:AOTConfiguration=$tmp.conf")
    check=(-XX:AOTMode=on "-XX:AOTCache=$tmp")
    use=("-XX:AOTCache=$file")
  else
    record=("-XX:ArchiveClassesAtExit=$tmp")
    check=(-Xshare:on "-XX:SharedArchiveFile=$tmp")
    use=("-XX:SharedArchiveFile=$file")
  fi
  if [ "$file" -nt "$jar" ] && [ "$file" -nt "$libjvm" ]; then
    _bpfsh_opts+=("${use[@]}")
    return
  fi
  # refused before for this jar and JDK: run without, silently
  [ "$file.refused" -nt "$jar" ] && [ "$file.refused" -nt "$libjvm" ] && return
  "$_bpfsh_home/bin/java" "${_bpfsh_opts[@]}" "${record[@]}" -cp "$jar" io.bpfsh.shell.ClassDataTraining \
    ${bpfsh_training_objects[@]+"${bpfsh_training_objects[@]}"} </dev/null >/dev/null 2>&1
  if [ -s "$tmp" ] && "$_bpfsh_home/bin/java" "${_bpfsh_opts[@]}" "${check[@]}" -cp "$jar" -version >/dev/null 2>&1; then
    mv -f "$tmp" "$file"
    rm -f "$tmp.conf" "$file.refused"
    _bpfsh_opts+=("${use[@]}")
  else
    rm -f "$tmp" "$tmp.conf"
    : >"$file.refused"
  fi
}

# bpfsh_run JAR ARGS...: runs bpfsh's Main from JAR on the chosen JDK, with the archive and JNA's
# library when they can be had, then BPFSH_JAVA_OPTS (word-split: JVM options of the caller's).
bpfsh_run() {
  local jar="$1" java=java
  shift
  _bpfsh_pick_java
  # The serial collector, no perf-data file and the C1 compiler only: a short-lived process on few
  # cores starts faster, and C2's compile threads cost more CPU than they win back even on a dump of
  # a million entries (bench/RESULTS.md). The JVM's own warnings go to stderr, never into output on
  # stdout. An empty JNA platform path: without it JNA runs `/sbin/ldconfig -p` on every start to
  # find library directories, though the engine only opens libc, which the dynamic loader finds.
  _bpfsh_opts=(-XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning:stderr
    -Djna.platform.library.path=)
  [ "$_bpfsh_feature" -ge 22 ] && _bpfsh_opts+=(--enable-native-access=ALL-UNNAMED) # JNA, without a warning
  # JDK 25's AOT cache also replays the training run's method profiles, so that the JIT compiles
  # at once what was hot then: for a process that lives a fraction of a second that is ~20 ms of CPU
  # spent compiling code that then runs a few times (measured with perf stat, bench/RESULTS.md)
  [ "$_bpfsh_feature" -ge 25 ] && _bpfsh_opts+=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining)
  if [ -n "$_bpfsh_home" ]; then
    java="$_bpfsh_home/bin/java"
    _bpfsh_cache_dir "$jar"
    if [ -n "$_bpfsh_cache" ]; then
      _bpfsh_jna "$jar"
      _bpfsh_archive "$jar"
    fi
  fi
  # shellcheck disable=SC2086 # BPFSH_JAVA_OPTS is a list of options
  exec "$java" "${_bpfsh_opts[@]}" ${BPFSH_JAVA_OPTS:-} -cp "$jar" io.bpfsh.shell.Main "$@"
}
