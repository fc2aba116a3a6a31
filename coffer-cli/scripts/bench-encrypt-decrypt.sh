#!/usr/bin/env bash
# Throughput of `coffer encrypt` / `coffer decrypt`, file to file, against a fresh `coffer server` on loopback.
# Usage: coffer-cli/scripts/bench-encrypt-decrypt.sh [SIZE_MIB] [FRAME_LENGTH ...]
#   SIZE_MIB      plaintext size (default 1024); random bytes, made once per run
#   FRAME_LENGTH  frame lengths to compare (default: the command's default); each is encrypted and decrypted
# Commands run through ./coffer, with the JVM options it gives encrypt/decrypt; five untimed runs of each on an
# empty file first make its class-data archive and warm the server. Times include the JVM start and the KMS calls (one GenerateDataKey, one
# Decrypt); the CPU time (user + sys, all threads) is shown beside them, since wall time on a shared machine says
# little. The output of each run is hashed against the input afterwards (not timed). BENCH_SKIP_BUILD=1 uses the
# jar as it is.
# Extra `coffer encrypt` options may be given in BENCH_ENCRYPT_OPTS (e.g. --algorithm ...).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
size_mib=${1:-1024}
shift || true
frames=("$@")
port=${BENCH_PORT:-19300}
. "$here/scripts/find-java.sh"
coffer_find_java
[ -n "${BENCH_SKIP_BUILD:-}" ] || (cd "$here" && ./mvnw -q -B -DskipTests -pl coffer-app -am package)
jar="$here/coffer-app/target/coffer.jar"
coffer() { "$here/coffer" "$@"; }

work=$(mktemp -d "${BENCH_DIR:-${TMPDIR:-/tmp}}/coffer-bench.XXXXXX")
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
export COFFER_ROOT_ACCESS_KEY_ID=AKIABENCHCLI00000001
export COFFER_ROOT_SECRET_ACCESS_KEY=bench-cli-secret-bench-cli-secret-00000
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" server --data-dir "$work/data" \
  --listen "127.0.0.1:$port" --tls-listen off >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/-/health" >/dev/null 2>&1 && break; sleep 0.05; done

export AWS_ACCESS_KEY_ID=$COFFER_ROOT_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$COFFER_ROOT_SECRET_ACCESS_KEY
export AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port"
key=$(aws --endpoint-url "$AWS_ENDPOINT_URL" kms create-key --query KeyMetadata.Arn --output text)

head -c "$((size_mib << 20))" /dev/urandom >"$work/plain"
: >"$work/empty"
# The first runs make the class-data archive and warm the fresh server's JIT (its first KMS calls are slower),
# so that the timed runs measure the client.
for _ in 1 2 3 4 5; do
  coffer encrypt -q -k "$key" "$work/empty" "$work/empty.sealed"
  coffer decrypt -q -k "$key" "$work/empty.sealed" "$work/empty.restored"
done
want=$(sha256sum <"$work/plain" | cut -d' ' -f1)
# CPU seconds (user + sys) of one command, from bash's `times` in a subshell: no /usr/bin/time needed.
timed() { local out=$1; shift; ( "$@"; times >"$out" ); }
cpu() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
  printf ", %.2f s CPU", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"; }
rate() { awk -v b="$1" -v ns="$2" 'BEGIN { printf "%.0f MB/s (%.2f s)", b / (ns / 1e9) / 1e6, ns / 1e9 }'; }
bytes=$((size_mib << 20))
[ ${#frames[@]} -gt 0 ] || frames=(default)
echo "plaintext: $size_mib MiB; java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
for frame in "${frames[@]}"; do
  opts=(${BENCH_ENCRYPT_OPTS:-})
  [ "$frame" = default ] || opts+=(--frame-length "$frame")
  sync
  t0=$(date +%s%N)
  timed "$work/enc.cpu" coffer encrypt -q -k "$key" "${opts[@]}" "$work/plain" "$work/sealed"
  t1=$(date +%s%N)
  timed "$work/dec.cpu" coffer decrypt -q -k "$key" "$work/sealed" "$work/restored"
  t2=$(date +%s%N)
  got=$(sha256sum <"$work/restored" | cut -d' ' -f1)
  [ "$got" = "$want" ] || { echo "frame $frame: restored file differs" >&2; exit 1; }
  echo "frame $frame: encrypt $(rate "$bytes" $((t1 - t0)); cpu "$work/enc.cpu")  decrypt $(rate "$bytes" $((t2 - t1)); cpu "$work/dec.cpu")"
  rm -f "$work/sealed" "$work/restored"
done
