#!/usr/bin/env bash
# The VC-API exchanges of om-verifier, answered by an independent wallet
# (interop/exchanges.mjs, Digital Bazaar's JavaScript libraries).
#
#   bash interop/exchanges.sh [BIN_DIR]     (from the repository root)
#
# BIN_DIR holds the built om-verifier and om-issuer (default target/debug).
# Starts `om-verifier serve` on a free loopback port with a database in a
# temporary folder, has two issuers (a mentor and a peer, each in its own
# temporary OM_HOME) deliver a letter to the script's did:key through it, then
# runs `node exchanges.mjs run`. Everything stays on 127.0.0.1; the server and
# the temporary folders are removed on exit. Exit status: the script's (0 when
# every step holds), 2 when the setup fails.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-target/debug}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
for b in om-verifier om-issuer; do
  if [ ! -x "$bin/$b" ]; then
    echo "FAIL  $bin/$b not found: build with cargo build -p om-verifier -p om-issuer" >&2
    exit 2
  fi
done
if [ ! -d "$root/interop/node_modules/@digitalbazaar/vc" ]; then
  echo "FAIL  interop/node_modules missing: run (cd interop && npm ci)" >&2
  exit 2
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free loopback port (the kernel picks one, then it is released).
port=$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
base="http://127.0.0.1:$port"

# Runs om-issuer as the issuer whose home is $1 (a throwaway passphrase).
issuer() {
  local home=$1
  shift
  OM_HOME="$home" OM_PASSPHRASE="interop throwaway passphrase" \
    OM_ALLOW_LOCAL_FETCH=1 "$bin/om-issuer" "$@"
}

# The team that runs the cohort: it confirms each writer (om-issuer team
# confirm), the writer keeps it, and the service trusts the team (--trust).
team_home=$(mktemp -d "$work/team.XXXXXX")
issuer "$team_home" init --name "Interop Team" >"$team_home/init.out" 2>&1 || {
  echo "FAIL  om-issuer init (team):" >&2
  cat "$team_home/init.out" >&2
  exit 2
}
team_did=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).did)' \
  "$team_home/identity.json")

"$bin/om-verifier" serve --addr "127.0.0.1:$port" --public-url "$base" \
  --db "$work/v.sqlite" --allow-local-fetch --trust "$team_did" \
  >"$work/verifier.log" 2>&1 </dev/null &
server_pid=$!

healthy=
for _ in $(seq 1 300); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    break
  fi
  if node -e '
    fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1),
                                () => process.exit(1));' "$base/healthz"; then
    healthy=1
    break
  fi
  sleep 0.1
done
if [ -z "$healthy" ]; then
  echo "FAIL  om-verifier did not become healthy on $base:" >&2
  cat "$work/verifier.log" >&2
  exit 2
fi
echo "ok    om-verifier serving on $base"

did=$(cd "$root/interop" && node exchanges.mjs did)
printf 'I saw this participant learn in the open.\n' >"$work/letter.md"

# Has an issuer ($1: name, $2: role) deliver a letter about $did; prints the
# interaction URL endorse printed.
deliver() {
  local home
  home=$(mktemp -d "$work/home.XXXXXX")
  issuer "$home" init --name "$1" >"$home/init.out" 2>&1 || {
    echo "FAIL  om-issuer init --name '$1':" >&2
    cat "$home/init.out" >&2
    return 2
  }
  local writer_did as
  writer_did=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).did)' \
    "$home/identity.json")
  if [ "$2" = mentor ]; then
    as=(--as co-mentor --of "$did" --of-name "JS Wallet")
  else
    as=(--as participant)
  fi
  { issuer "$team_home" team confirm --did "$writer_did" --name "$1" "${as[@]}" \
      -o "$home/confirmation.json" &&
    issuer "$home" confirmations add "$home/confirmation.json"; } >"$home/confirm.out" 2>&1 || {
    echo "FAIL  om-issuer team confirm / confirmations add for '$1':" >&2
    cat "$home/confirm.out" >&2
    return 2
  }
  issuer "$home" endorse --to "$did" --name "JS Wallet" --role "$2" \
    --letter "$work/letter.md" --deliver "$base" >"$home/endorse.out" 2>&1 || {
    echo "FAIL  om-issuer endorse --role $2 --deliver $base:" >&2
    cat "$home/endorse.out" >&2
    return 2
  }
  local url
  url=$(grep -Eo 'https?://[^[:space:]"'\''<>]*/interactions/[^[:space:]"'\''<>]*' \
    "$home/endorse.out" | head -n 1)
  if [ -z "$url" ]; then
    echo "FAIL  no interaction URL in om-issuer endorse's output:" >&2
    cat "$home/endorse.out" >&2
    return 2
  fi
  printf '%s\n' "$url"
}

first=$(deliver "Maria Mentor" mentor) || exit 2
echo "ok    om-issuer endorse --role mentor --deliver: ${first%%\?*}"
second=$(deliver "Pat Peer" peer) || exit 2
echo "ok    om-issuer endorse --role peer --deliver: ${second%%\?*}"

status=0
(cd "$root/interop" && node exchanges.mjs run --base "$base" \
  --delivery "$first" --delivery "$second") || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- om-verifier log ---" >&2
  tail -n 40 "$work/verifier.log" >&2
fi
exit "$status"
