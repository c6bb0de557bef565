#!/usr/bin/env bash
# The CPU instructions one POST /presentations/verify costs the service, end to
# end (HTTP, the JSON extractor, verification, the answer), counted with
# valgrind's callgrind: repeatable where load.sh's requests per second move by
# ±10% between runs of the same binary on a shared machine.
#
# Each binary serves under callgrind twice, answering N1 and then N2 requests
# (the fixture of bench-fixture, one at a time with curl); the cost of one
# request is the difference divided by N2 - N1, so start-up and shut-down
# cancel out.
#
#   verifier/bench/cost.sh                # the working tree
#   verifier/bench/cost.sh 17275f0        # that commit, then the working tree
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASE="${1:-}"
N1="${N1:-10}"
N2="${N2:-40}"
PORT="${PORT:-18090}"
cd "$ROOT"
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  git worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cargo build -q --release -p om-verifier
cp target/release/om-verifier "$WORK/after"
if [ -n "$BASE" ]; then
  git worktree add -q --detach "$WORK/base" "$BASE"
  (cd "$WORK/base" && CARGO_TARGET_DIR="$ROOT/target" cargo build -q --release -p om-verifier)
  cp target/release/om-verifier "$WORK/before"
  cargo build -q --release -p om-verifier # the working tree's binary back in place
fi

# Instructions of one serve process that answers N requests.
serve_and_count() { # BIN N
  local bin=$1 n=$2 out="$WORK/callgrind.out" db="$WORK/db-$RANDOM.sqlite"
  "$bin" bench-fixture --out "$WORK/body.json" >/dev/null
  RUST_LOG=error valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$bin" serve --addr "127.0.0.1:$PORT" --db "$db" 2>"$WORK/valgrind.log" >/dev/null &
  SERVER_PID=$!
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.2
  done
  for _ in $(seq 1 "$n"); do
    curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' \
      --data-binary "@$WORK/body.json" "http://127.0.0.1:$PORT/presentations/verify"
  done
  kill -INT "$SERVER_PID"
  wait "$SERVER_PID" || true
  SERVER_PID=""
  awk '/Collected/ { print $4 }' "$WORK/valgrind.log"
}

per_request() { # BIN
  local a b
  a=$(serve_and_count "$1" "$N1")
  b=$(serve_and_count "$1" "$N2")
  echo $(((b - a) / (N2 - N1)))
}

after=$(per_request "$WORK/after")
if [ -n "$BASE" ]; then
  before=$(per_request "$WORK/before")
  echo "instructions per POST /presentations/verify (3 letters):"
  echo "  before ($BASE): $before"
  echo "  after (working tree): $after"
  awk -v a="$after" -v b="$before" 'BEGIN { printf "  after / before: %.3f\n", a / b }'
else
  echo "instructions per POST /presentations/verify (3 letters): $after"
fi
