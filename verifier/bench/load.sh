#!/usr/bin/env bash
# Load benchmark of om-verifier (not a test): POST /presentations/verify with a
# 3-letter presentation, 64 connections for ~15 s, with wrk (or oha); then the
# in-process verification rate of the same presentation on one core, and the ratio.
#
#   verifier/bench/load.sh            # release build (slow to build the first time)
#   PROFILE=debug verifier/bench/load.sh
#   DURATION=15 CONNECTIONS=64 PORT=18080 verifier/bench/load.sh
#   BIN=/path/to/om-verifier verifier/bench/load.sh   # no build: that binary
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PROFILE="${PROFILE:-release}"
DURATION="${DURATION:-15}"
CONNECTIONS="${CONNECTIONS:-64}"
PORT="${PORT:-18080}"
INPROC_SECONDS="${INPROC_SECONDS:-5}"
cd "$ROOT"

if [ -n "${BIN:-}" ]; then
  : # a binary given (compare.sh: before and after)
elif [ "$PROFILE" = release ]; then
  cargo build -p om-verifier --release
  BIN="$ROOT/target/release/om-verifier"
else
  cargo build -p om-verifier
  BIN="$ROOT/target/debug/om-verifier"
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

BODY="$WORK/body.json"
"$BIN" bench-fixture --out "$BODY"

RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$PORT" --db "$WORK/bench.sqlite" &
SERVER_PID=$!
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
# Every signature, date and the holder proof of the fixture must hold. No team
# is trusted here, so the only error allowed is the rule's "Not confirmed":
# the work measured is the same (every check runs), the verdict is not
# "verified". (Before this check, the bench stopped here since confirmations
# landed.)
curl -fsS -X POST -H 'Content-Type: application/json' --data-binary "@$BODY" \
  "http://127.0.0.1:$PORT/presentations/verify" >"$WORK/answer.json"
python3 - "$WORK/answer.json" <<'PY' || { echo "the fixture does not verify" >&2; cat "$WORK/answer.json" >&2; exit 1; }
import json, sys
r = json.load(open(sys.argv[1]))
errors = r.get("errors") or []
ok = r.get("verified") is True or (
    errors
    and all(e.get("check") == "programmeRule" and e.get("message", "").startswith("Not confirmed") for e in errors)
)
sys.exit(0 if ok else 1)
PY

URL="http://127.0.0.1:$PORT/presentations/verify"
if command -v oha >/dev/null 2>&1; then
  OUT="$(oha -z "${DURATION}s" -c "$CONNECTIONS" --no-tui -m POST -H 'Content-Type: application/json' -D "$BODY" "$URL")"
  echo "$OUT"
  RPS="$(echo "$OUT" | awk '/Requests\/sec/ {print $2; exit}')"
  P99="$(echo "$OUT" | awk '/99.00%/ {print $3, $4; exit}')"
elif command -v wrk >/dev/null 2>&1; then
  OUT="$(OM_BENCH_BODY="$BODY" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 20s \
        -s "$ROOT/verifier/bench/post.lua" "$URL")"
  echo "$OUT"
  RPS="$(echo "$OUT" | awk '/Requests\/sec/ {print $2; exit}')"
  P99="$(echo "$OUT" | awk '$1 == "99%" {print $2; exit}')"
else
  echo "install wrk (apt-get install wrk) or oha" >&2
  exit 1
fi

INPROC="$("$BIN" bench-inproc "$BODY" --seconds "$INPROC_SECONDS" 2>/dev/null)"
CORES="$(nproc)"
echo
echo "profile:                         $PROFILE"
echo "HTTP requests/s ($CONNECTIONS conns):       $RPS"
echo "HTTP p99 latency:                $P99"
echo "in-process verifications/s (1 core): $INPROC"
echo "ratio HTTP / in-process:         $(awk -v a="$RPS" -v b="$INPROC" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }') (machine has $CORES cores)"
