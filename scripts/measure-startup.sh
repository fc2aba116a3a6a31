#!/usr/bin/env bash
# Measures how long `coffer server` takes from process start until /-/health answers, on a fresh data
# directory (first start: root key, database, TLS CA) and on a second start of the same directory.
# Usage: scripts/measure-startup.sh [runs]   (prints one line per start, in milliseconds)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=${1:-5}
port=19000
"$here/coffer" --version >/dev/null   # builds the jar if needed, outside the measurement
wait_healthy() {
  local start=$1
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/-/health" >/dev/null 2>&1; then
      echo $(( ($(date +%s%N) - start) / 1000000 ))
      return 0
    fi
    sleep 0.01
  done
  echo "server did not become healthy" >&2
  return 1
}
for i in $(seq 1 "$runs"); do
  dir=$(mktemp -d)
  for kind in first second; do
    start=$(date +%s%N)
    "$here/coffer" server --data-dir "$dir/data" --listen "127.0.0.1:$port" --tls-listen "127.0.0.1:$((port + 1))" \
        >/dev/null 2>&1 &
    pid=$!
    ms=$(wait_healthy "$start")
    echo "run $i $kind start: $ms ms"
    kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  done
  rm -rf "$dir"
done
