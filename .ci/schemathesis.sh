#!/usr/bin/env bash
# Schema fuzzing (issue 9): builds om-verifier, starts `om-verifier serve` on a
# loopback port with a throw-away database, and runs schemathesis (from PyPI)
# with every check against the service's own /openapi.json (settings in
# .ci/schemathesis.toml). Fails on any server error, any response that does not
# conform to the published schema, or a panic in the server's log.
#
#   bash .ci/schemathesis.sh            # 50 examples per operation
#   ST_MAX_EXAMPLES=200 bash .ci/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."

max_examples=${ST_MAX_EXAMPLES:-50}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# schemathesis in its own virtual environment (the system Python stays untouched).
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check 'schemathesis>=4,<5'
st="$work/venv/bin/st"
"$st" --version

# OM_BIN_DIR: a folder where om-verifier is already built from this source
# (.ci/run passes the one `cargo test --workspace` built); otherwise build it.
if [ -n "${OM_BIN_DIR:-}" ]; then
  bin=$OM_BIN_DIR/om-verifier
else
  cargo build -q -p om-verifier
  bin=target/debug/om-verifier
fi

# A free loopback port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"

# Generous share limits: the fuzzer creates many shares from one address;
# 429/507 are in the schema anyway.
RUST_LOG=warn "$bin" serve --addr "127.0.0.1:$port" --db "$work/shares.sqlite" \
  --share-rate 100000 --share-burst 100000 --max-shares-per-holder 100000 \
  >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
  if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "om-verifier exited early:"; cat "$work/server.log"; exit 1
  fi
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null

status=0
config="$PWD/.ci/schemathesis.toml"
# Run from the temp dir: schemathesis leaves its example database there.
(cd "$work" && "$st" --config-file "$config" run "$base/openapi.json" \
  --url "$base" \
  --checks all \
  --max-examples "$max_examples" \
  --workers 1 \
  --request-timeout 20 \
  --seed 9 \
  --no-color) || status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "om-verifier died during the run:"; cat "$work/server.log"; status=1
fi
if grep -q "panicked" "$work/server.log"; then
  echo "om-verifier logged a panic:"; grep -n "panicked" "$work/server.log"; status=1
fi
exit "$status"
