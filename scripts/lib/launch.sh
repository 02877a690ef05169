# Sourced by the scripts: finds the repository root, builds the project when no build is there (a
# fresh clone), and runs a Java main class from a program module's jar and the lib/ beside it.
#   STORK_MVN_ARGS=-o   extra Maven arguments for that first build (e.g. offline)
#   JAVA_OPTS=...       extra JVM options
#   STORK_CLASSPATH=... run with this classpath instead of the build's (tests run the launcher on theirs)

# The repository root, wherever the script is called from (and through symlinks).
stork_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"

# stork_run MAIN ARGS...: runs MAIN from shell/cli (the stork program, which holds every server too).
# STORK_PROGRAM=bench runs it from shell/bench instead (the benchmark and all it measures).
stork_run() {
  local main="$1"
  shift
  # Pekko's asks answer with Scala's CompletionStage, which runs even a plain whenComplete or
  # handle (Pekko's own pipeToSelf) asynchronously on the common pool; with fewer than 2 cores'
  # worth of parallelism there the JDK starts a new thread for every such callback (JFR: 1,460
  # threads in one bench run). A common pool of 4 reuses its threads.
  local jvm=(-Djava.util.concurrent.ForkJoinPool.common.parallelism=4)
  if [[ -n "${STORK_CLASSPATH:-}" ]]; then
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec java "${jvm[@]}" ${JAVA_OPTS:-} -cp "$STORK_CLASSPATH" "$main" "$@"
  fi
  local program="${STORK_PROGRAM:-shell}"
  local module="$stork_root/shell/cli"
  [[ "$program" == bench ]] && module="$stork_root/shell/bench"
  local jar="$module/target/stork-$program.jar"
  local lib="$module/target/lib"
  if [[ ! -f "$jar" || ! -d "$lib" ]]; then
    echo "stork: no build found; building with Maven (once)..." >&2
    # Maven's output goes to stderr: stdout belongs to the commands' results.
    # 'package' is enough: a program's lib/ gets its sibling jars from the reactor, and ~/.m2 stays untouched.
    if ! (cd "$stork_root" && mvn -B -q -Dstyle.color=never -DskipTests ${STORK_MVN_ARGS:-} package) >&2; then
      echo "stork: the build failed; see the Maven output above" >&2
      exit 1
    fi
  fi
  local classpath="$jar:$lib/*"
  local archive="$module/target/stork.jsa"
  if [[ "$program" == shell && ( ! -f "$archive" || "$jar" -nt "$archive" ) ]]; then
    stork_train_class_archive "$classpath" "$archive"
  fi
  local cds=()
  if [[ -f "$archive" ]]; then
    cds=("-XX:SharedArchiveFile=$archive" "-Xlog:cds=off" "-Xlog:cds+dynamic=off")
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec java "${cds[@]}" "${jvm[@]}" ${JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
}

# Class data sharing: the classes a start loads, archived once after a build by a throwaway start
# (an empty batch in a temporary directory), make every later start ~0.5 s faster. Written under
# a temporary name and renamed, so a start never sees half an archive; if training fails, Stork
# just starts without it.
stork_train_class_archive() {
  local classpath="$1" archive="$2"
  local scratch
  scratch="$(mktemp -d)"
  : > "$scratch/empty.stork"
  if java "-XX:ArchiveClassesAtExit=$scratch/stork.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$classpath" \
      io.stork.shell.StorkMain --data-dir "$scratch/data" --batch "$scratch/empty.stork" > /dev/null 2>&1 \
      && [[ -s "$scratch/stork.jsa" ]]; then
    mv -f "$scratch/stork.jsa" "$archive"
  fi
  rm -rf "$scratch"
}
