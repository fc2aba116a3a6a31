#!/usr/bin/env bash
# Loads a fresh `coffer server` on loopback with wrk replaying one SigV4-signed request, and reports
# requests/s, latency percentiles and the server's CPU time per request (from /proc, so the client's
# own CPU use does not count).
# Usage: scripts/load.sh OPERATION [SECONDS] [CONNECTIONS]
#   OPERATION: kms-encrypt | kms-decrypt | kms-generate-data-key | sts-identity | s3-list-buckets
# Bounded: one warm-up run and one measured run of SECONDS (default 20) each, then the server stops.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
op=${1:?operation}
seconds=${2:-20}
connections=${3:-16}
port=19200
command -v wrk >/dev/null || { echo "load.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
. "$here/scripts/find-java.sh"
coffer_find_java
[ -n "${LOAD_SKIP_BUILD:-}" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl coffer-bench -am package)
"$here/coffer" --version >/dev/null

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
export COFFER_ROOT_ACCESS_KEY_ID=AKIALOADTEST00000001
export COFFER_ROOT_SECRET_ACCESS_KEY=load-test-secret-load-test-secret-00000
"$here/coffer" server --data-dir "$work/data" --listen "127.0.0.1:$port" --tls-listen off >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/-/health" >/dev/null 2>&1 && break; sleep 0.05; done
jvm=$(pgrep -f "coffer.jar server --data-dir $work/data" | head -n 1)

"$JAVA_HOME/bin/java" -cp "$here/coffer-bench/target/benchmarks.jar" dev.coffer.bench.load.SignedRequestScript \
  "http://127.0.0.1:$port" "$COFFER_ROOT_ACCESS_KEY_ID" "$COFFER_ROOT_SECRET_ACCESS_KEY" "$op" "$work/request.lua"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
echo "warm-up: ${seconds}s" >&2
wrk -t 2 -c "$connections" -d "${seconds}s" -s "$work/request.lua" "http://127.0.0.1:$port/" >/dev/null
before=$(cpu_ticks)
wrk -t 2 -c "$connections" -d "${seconds}s" --latency -s "$work/request.lua" "http://127.0.0.1:$port/" | tee "$work/wrk.txt"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
hz=$(getconf CLK_TCK)
echo "server CPU: $(( (after - before) * 1000000 / hz / requests )) µs per request ($requests requests, $(( after - before )) ticks at ${hz} Hz)"
