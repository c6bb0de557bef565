#!/usr/bin/env bash
# Load benchmark of the share store (not a test), all on loopback, in one run:
#
#   sqlite-1    one replica, SQLite file
#   postgres-1  one replica, PostgreSQL
#   postgres-2  two replicas on one PostgreSQL database (wrk threads split
#               between them, as a load balancer would)
#
# then the same three with only look-ups of missing shares (lookup-*: the
# store's own cost, without verification).
#
# Each runs the same mix for DURATION seconds: share creations (POST /shares),
# share page views (GET /s/{id}) and presentation checks (POST
# /presentations/verify), 20/40/40 by default; prints requests/s, p50, p99
# and the count of answers by status other than 200/201.
#
#   verifier/bench/replicas.sh                     # release build
#   PROFILE=debug DURATION=20 CONNECTIONS=32 verifier/bench/replicas.sh
#   OM_BENCH_POSTGRES_URL=postgres://… verifier/bench/replicas.sh   # your server
#
# Without OM_BENCH_POSTGRES_URL a throwaway server is started with
# .ci/postgres.sh (Debian's postgresql). Needs wrk (apt-get install wrk),
# curl and psql.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PROFILE="${PROFILE:-release}"
DURATION="${DURATION:-20}"
CONNECTIONS="${CONNECTIONS:-32}"
MIX="${MIX:-20,40,40}"
POOL="${POOL:-16}"
cd "$ROOT"

for tool in wrk curl psql; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed (apt-get install wrk curl postgresql-client)" >&2; exit 1; }
done

if [ "$PROFILE" = release ]; then
  cargo build -q -p om-verifier --release
else
  cargo build -q -p om-verifier
fi
BIN="$ROOT/target/$PROFILE/om-verifier"

WORK="$(mktemp -d)"
PIDS=()
PG_TMP=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  if [ -n "$PG_TMP" ]; then bash "$ROOT/.ci/postgres.sh" stop "$PG_TMP"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${OM_BENCH_POSTGRES_URL:-}" ]; then
  bash "$ROOT/.ci/postgres.sh" start "$WORK/pg.env"
  # shellcheck disable=SC1091
  . "$WORK/pg.env"
  OM_BENCH_POSTGRES_URL="$OM_TEST_POSTGRES_URL"
fi

# Bodies: one presentation (3 letters about its holder) to share and to check.
"$BIN" bench-fixture --out "$WORK/verify.json" 2>/dev/null
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); json.dump({"verifiablePresentation": d["verifiablePresentation"]}, open(sys.argv[2], "w"))' \
  "$WORK/verify.json" "$WORK/share.json"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A fresh database on the server for one scenario; prints its URL.
fresh_db() {
  local name="om_bench_$1_$$"
  psql "$OM_BENCH_POSTGRES_URL" -qAtc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1
  psql "$OM_BENCH_POSTGRES_URL" -qAtc "CREATE DATABASE $name" >/dev/null
  python3 -c 'import sys,urllib.parse as u; p=u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/"+sys.argv[2])))' \
    "$OM_BENCH_POSTGRES_URL" "$name"
}

# Starts a replica on DB; prints its host:port.
start_replica() {
  local db="$1" port
  port="$(free_port)"
  RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$port" --db "$db" --db-pool-size "$POOL" \
    --share-rate 100000000 --share-burst 100000000 --max-shares-per-holder 100000000 \
    --queue-wait-ms 10000 >"$WORK/replica-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null
  echo "127.0.0.1:$port"
}

stop_replicas() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
}

RESULTS=()
# run NAME DB REPLICAS [MIX [missing]]: with "missing", the views ask for
# share ids that do not exist (one store lookup, no verification: the
# store's own cost).
run() {
  local name="$1" db="$2" n="$3" mix="${4:-$MIX}" missing="${5:-}" targets="" t i
  stop_replicas
  for i in $(seq 1 "$n"); do
    t="$(start_replica "$db")"
    targets="${targets:+$targets,}$t"
  done
  # 50 shares to view, created round-robin on the replicas.
  : >"$WORK/ids"
  IFS=, read -r -a tlist <<<"$targets"
  for i in $(seq 1 50); do
    t="${tlist[$((i % ${#tlist[@]}))]}"
    if [ -n "$missing" ]; then
      python3 -c 'import secrets; print(secrets.token_urlsafe(18))' >>"$WORK/ids"
      continue
    fi
    curl -fsS -X POST -H 'Content-Type: application/json' --data-binary "@$WORK/share.json" \
      "http://$t/shares" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' >>"$WORK/ids"
  done
  local out
  out="$(OM_BENCH_TARGETS="$targets" OM_BENCH_SHARE="$WORK/share.json" OM_BENCH_VERIFY="$WORK/verify.json" \
    OM_BENCH_IDS="$WORK/ids" OM_BENCH_MIX="$mix" \
    wrk -t"$((n > 1 ? n : 2))" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 30s \
    -s "$ROOT/verifier/bench/mixed.lua" "http://${tlist[0]}/")"
  echo "== $name ($n replica(s), $targets)"
  echo "$out"
  local rps p50 p99 bad
  rps="$(echo "$out" | awk '/Requests\/sec/ {print $2; exit}')"
  p50="$(echo "$out" | awk '$1 == "50%" {print $2; exit}')"
  p99="$(echo "$out" | awk '$1 == "99%" {print $2; exit}')"
  bad="$(echo "$out" | awk '/^status / && $2 != "200:" && $2 != "201:" {printf "%s%s%s", sep, $2, $3; sep=" "}')"
  RESULTS+=("$(printf '%-16s %8s %9s %9s  %s' "$name" "$rps" "$p50" "$p99" "${bad:-none}")")
  stop_replicas
}

run sqlite-1 "$WORK/bench.sqlite" 1
run postgres-1 "$(fresh_db one)" 1
run postgres-2 "$(fresh_db two)" 2
# The store alone: look-ups of missing shares (each answered with the 404 page).
run lookup-sqlite-1 "$WORK/lookup.sqlite" 1 0,100,0 missing
run lookup-pg-1 "$(fresh_db lookup_one)" 1 0,100,0 missing
run lookup-pg-2 "$(fresh_db lookup_two)" 2 0,100,0 missing

echo
echo "profile $PROFILE, $DURATION s each, $CONNECTIONS connections, mix creates/views/checks = $MIX %, $(nproc) cores"
printf '%-16s %8s %9s %9s  %s\n' scenario "req/s" p50 p99 "other answers (status: count)"
for r in "${RESULTS[@]}"; do echo "$r"; done
