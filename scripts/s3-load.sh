#!/usr/bin/env bash
# Loads a freshly started S3 server on loopback with the AWS SDK for Java v2 (dev.coffer.bench.load.S3Load):
# PUT and GET MB/s and p50/p99 latency per encryption mode and object shape, optionally range-GET latency,
# and the server's CPU use (from /proc, so the client's own CPU use does not count).
# Usage: scripts/s3-load.sh [--target coffer|s3proxy] [--https] [S3Load options...]
#   --target coffer   (default) ./coffer server, temp data dir; modes default to every SSE mode but SSE-C
#   --target s3proxy  gaul/s3proxy 2.6.0 from Maven Central (jar-with-dependencies, into ~/.m2 only), its
#                     filesystem store in a temp dir, aws-v2-or-v4 auth, the same credentials; mode `default`
#   --https           Coffer only: load its HTTPS listener, trusting its local CA (needed for --modes sse-c)
#   S3Load options    --modes --shapes --seconds --warmup-seconds --initial-warmup-seconds --max-ops --ranges
#                     --range-iterations (see S3Load's class comment)
# Bounded: every phase stops at its time or operation limit; keys are overwritten then deleted; the data dir
# is removed at exit. Set LOAD_SKIP_BUILD=1 to use the jars already built; COFFER_JAVA_OPTS reaches Coffer's JVM
# (e.g. -XX:StartFlightRecording=filename=/tmp/put.jfr,settings=profile); LOAD_COFFER_JAR runs another build of
# coffer.jar (a copy of coffer-app/target with its lib/ beside it), to compare two builds side by side.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target=coffer
https=
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=$2; shift 2 ;;
    --https) https=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
. "$here/scripts/find-java.sh"
coffer_find_java
[ -n "${LOAD_SKIP_BUILD:-}" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl coffer-bench,coffer-app -am package)

work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
access=AKIALOADTEST00000001
secret=load-test-secret-load-test-secret-00000
port=${LOAD_PORT:-19400}
wait_for() { # URL: until it answers at all (any status)
  for _ in $(seq 1 600); do curl -s -k -o /dev/null "$1" && return 0; sleep 0.05; done
  echo "s3-load: server did not start; log:" >&2; cat "$work/server.log" >&2; exit 1
}

case "$target" in
  coffer)
    # The jar itself, not the ./coffer launcher: the launcher rebuilds the jar whenever any source is newer,
    # which must not happen under someone else's running benchmark.
    jar="${LOAD_COFFER_JAR:-$here/coffer-app/target/coffer.jar}"
    [ -f "$jar" ] || { echo "s3-load: $jar is missing; run without LOAD_SKIP_BUILD" >&2; exit 1; }
    coffer=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${COFFER_JAVA_OPTS:-} -jar "$jar")
    export COFFER_ROOT_ACCESS_KEY_ID=$access COFFER_ROOT_SECRET_ACCESS_KEY=$secret
    if [ -n "$https" ]; then
      "${coffer[@]}" server --data-dir "$work/data" --listen off --tls-listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
      server=$!
      endpoint="https://localhost:$port"
      wait_for "$endpoint/-/health"
      args+=(--ca "$work/data/tls/ca.pem")
    else
      "${coffer[@]}" server --data-dir "$work/data" --listen "127.0.0.1:$port" --tls-listen off >"$work/server.log" 2>&1 &
      server=$!
      endpoint="http://127.0.0.1:$port"
      wait_for "$endpoint/-/health"
    fi
    pid=$server
    modes=(--modes default,sse-kms,sse-kms-bucket-key,dsse-kms)
    ;;
  s3proxy)
    jar="$HOME/.m2/repository/org/gaul/s3proxy/2.6.0/s3proxy-2.6.0-jar-with-dependencies.jar"
    [ -f "$jar" ] || (cd "$here" && ./mvnw -q -B dependency:get \
      -Dartifact=org.gaul:s3proxy:2.6.0:jar:jar-with-dependencies -Dtransitive=false)
    mkdir -p "$work/data"
    cat >"$work/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/data
EOF
    "$JAVA_HOME/bin/java" -jar "$jar" --properties "$work/s3proxy.properties" >"$work/server.log" 2>&1 &
    server=$!
    pid=$server
    endpoint="http://127.0.0.1:$port"
    wait_for "$endpoint/"
    modes=(--modes default)
    ;;
  *) echo "s3-load: --target coffer|s3proxy" >&2; exit 2 ;;
esac

echo "target $target at $endpoint (pid $pid); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$JAVA_HOME/bin/java" -Xmx1g -cp "$here/coffer-bench/target/benchmarks.jar" dev.coffer.bench.load.S3Load \
  --endpoint "$endpoint" --access-key "$access" --secret-key "$secret" --server-pid "$pid" "${modes[@]}" "${args[@]}"
echo "data dir at the end: $(du -sh "$work/data" | cut -f1)" >&2
