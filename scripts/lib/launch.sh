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
  # The checkout, for programs that start others through these scripts (stork-deploy, chaos restart, bench).
  export STORK_HOME="$stork_root"
  if [[ -n "${STORK_CLASSPATH:-}" ]]; then
    # In the environment, not on the command line: a long classpath there would push the main class
    # and the arguments past the 4 KiB the JVM reports of another process's command line (stork-deploy
    # checks a pid by them).
    export CLASSPATH="$STORK_CLASSPATH"
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec java "${jvm[@]}" ${JAVA_OPTS:-} "$main" "$@"
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
    cds=("-XX:SharedArchiveFile=$archive" "-Xlog:cds=off")
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec java "${cds[@]}" "${jvm[@]}" ${JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
}

# Class data sharing: the classes the programs load, archived once after a build, make every later
# start faster (~0.5 s for an embedded batch; a `--connect` batch 1.95 -> 1.5 s, as its TLS and
# Artery classes come from the archive too). The class lists come from throwaway runs in a
# temporary directory: an embedded batch, and a name node process with a `--connect` batch
# against it (their own keys, on a free loopback port). A static archive, because a dynamic one
# records a single run. Written under a temporary name and renamed, so a start never sees half an
# archive; if training fails, Stork starts without it (or with the embedded batch's classes only).
stork_train_class_archive() {
  local classpath="$1" archive="$2"
  local scratch
  scratch="$(mktemp -d)"
  echo "stork: archiving the classes a start loads (once per build, ~15 s)..." >&2
  : > "$scratch/empty.stork"
  echo list > "$scratch/list.stork"
  java -XX:DumpLoadedClassList="$scratch/embedded.classes" -cp "$classpath" \
    io.stork.shell.StorkMain --data-dir "$scratch/data" --batch "$scratch/empty.stork" > /dev/null 2>&1 || true
  stork_train_remote_classes "$classpath" "$scratch" || true
  cat "$scratch"/*.classes > "$scratch/all.list" 2>/dev/null || true
  if [[ -s "$scratch/all.list" ]] \
      && java -Xshare:dump -XX:SharedClassListFile="$scratch/all.list" -XX:SharedArchiveFile="$scratch/stork.jsa" \
        -Xlog:cds=off -cp "$classpath" > /dev/null 2>&1 \
      && [[ -s "$scratch/stork.jsa" ]]; then
    mv -f "$scratch/stork.jsa" "$archive"
  fi
  rm -rf "$scratch"
}

# The classes of a name node process and of a client connected to it over TLS.
stork_train_remote_classes() {
  local classpath="$1" scratch="$2"
  "$stork_root/scripts/stork-keys" "$scratch/keys" > /dev/null 2>&1 || return 1
  local port
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    stork_listening "$port" || break
    port=""
  done
  [[ -n "$port" ]] || return 1
  java -XX:DumpLoadedClassList="$scratch/namenode.classes" -cp "$classpath" io.stork.namenode.NameNodeMain \
    --port "$port" --data-dir "$scratch/namenode" --keys "$scratch/keys" > /dev/null 2>&1 &
  local namenode=$!
  local listening=""
  for _ in $(seq 120); do
    if stork_listening "$port"; then listening=yes; break; fi
    kill -0 "$namenode" 2> /dev/null || break
    sleep 0.25
  done
  if [[ -n "$listening" ]]; then
    local limit=()
    command -v timeout > /dev/null && limit=(timeout 60)
    "${limit[@]}" java -XX:DumpLoadedClassList="$scratch/client.classes" -cp "$classpath" io.stork.shell.StorkMain \
      --connect "127.0.0.1:$port" --keys "$scratch/keys" --batch "$scratch/list.stork" > /dev/null 2>&1 || true
  fi
  # SIGTERM runs its coordinated shutdown; one that is not done in 10 s is killed
  kill "$namenode" 2> /dev/null
  for _ in $(seq 40); do kill -0 "$namenode" 2> /dev/null || break; sleep 0.25; done
  kill -9 "$namenode" 2> /dev/null
  wait "$namenode" 2> /dev/null || true
  [[ -n "$listening" ]]
}

# stork_listening PORT: whether something accepts connections on 127.0.0.1:PORT.
stork_listening() {
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}
