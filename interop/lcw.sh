#!/usr/bin/env bash
# The Learner Credential Wallet as it is (interop/lcw/lcw.mjs follows its own
# code at commit 1c46a82) against the real om-verifier and om-issuer.
#
#   bash interop/lcw.sh [BIN_DIR]     (from the repository root)
#
# BIN_DIR holds the built om-verifier and om-issuer (default target/debug);
# interop/node_modules and interop/lcw/node_modules must be installed
# (npm ci in each). Flows, all on 127.0.0.1, in temporary folders removed on
# exit:
#  (a) a mentor runs `om-issuer endorse --deliver SERVICE --png`: the client
#      decodes the QR code from the PNG, feeds its text to the wallet's
#      dispatch, receives the letter through the one-step link and stores it;
#  (b) a letter with & < > " ' and &amp; &lt; in its text and names,
#      delivered the same way, arrives intact: its text is the one written,
#      and it verifies with om-verifier verify and with Digital Bazaar's
#      libraries (interop/check-letter.mjs);
#  (c) the employer's check: POST /ask, the client runs the wallet's
#      interaction flow with the interaction URL of the page's state, and
#      the state ends "answered", verdict valid, the programme rule complete
#      (the service trusts the team that confirmed both writers).
# Exit status: 0 when every step holds, 1 when one does not, 2 when the setup fails.
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
for d in interop/node_modules/@digitalbazaar/vc interop/lcw/node_modules/@digitalcredentials/vc; do
  if [ ! -d "$root/$d" ]; then
    echo "FAIL  $d missing: run npm ci in interop/ and in interop/lcw/" >&2
    exit 2
  fi
done

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

fail() {
  echo "FAIL  $*"
  if [ -f "$work/verifier.log" ]; then
    echo "--- om-verifier log ---" >&2
    tail -n 30 "$work/verifier.log" >&2
  fi
  exit 1
}
lcw() { (cd "$root/interop/lcw" && node lcw.mjs "$@"); }
json_field() { node -e 'const v=JSON.parse(process.argv[1]); const r=process.argv[2].split(".").reduce((o,k)=>o?.[k],v); console.log(typeof r === "object" ? JSON.stringify(r) : r)' "$1" "$2"; }

port=$(node -e '
  const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
base="http://127.0.0.1:$port"

issuer() {
  local home=$1
  shift
  OM_HOME="$home" OM_PASSPHRASE="interop throwaway passphrase" \
    OM_ALLOW_LOCAL_FETCH=1 "$bin/om-issuer" "$@"
}
did_of() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).did)' "$1/identity.json"; }

team_home=$(mktemp -d "$work/team.XXXXXX")
issuer "$team_home" init --name "Interop Team" >"$team_home/init.out" 2>&1 || {
  cat "$team_home/init.out" >&2; echo "FAIL  om-issuer init (team)" >&2; exit 2; }
team_did=$(did_of "$team_home")

"$bin/om-verifier" serve --addr "127.0.0.1:$port" --public-url "$base" \
  --db "$work/v.sqlite" --allow-local-fetch --trust "$team_did" \
  >"$work/verifier.log" 2>&1 </dev/null &
server_pid=$!
healthy=
for _ in $(seq 1 300); do
  kill -0 "$server_pid" 2>/dev/null || break
  if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1));' "$base/healthz"; then
    healthy=1
    break
  fi
  sleep 0.1
done
if [ -z "$healthy" ]; then
  cat "$work/verifier.log" >&2
  echo "FAIL  om-verifier did not become healthy on $base" >&2
  exit 2
fi
echo "ok    om-verifier serving on $base, trusting the team $team_did"

wallet="$work/lcw-wallet"
did=$(lcw did --wallet "$wallet") || { echo "FAIL  lcw.mjs did" >&2; exit 2; }
echo "ok    the Learner Credential Wallet client's profile: $did"

# Has a writer ($1 name, $2 role, $3 letter file, $4 subject name) confirmed
# by the team deliver a letter about $did, its QR code written to $work/$2.png.
deliver() {
  local home writer_did as
  home=$(mktemp -d "$work/home.XXXXXX")
  issuer "$home" init --name "$1" >"$home/init.out" 2>&1 || { cat "$home/init.out" >&2; return 2; }
  writer_did=$(did_of "$home")
  if [ "$2" = mentor ]; then
    as=(--as co-mentor --of "$did" --of-name "$4")
  else
    as=(--as participant)
  fi
  { issuer "$team_home" team confirm --did "$writer_did" --name "$1" "${as[@]}" -o "$home/c.json" &&
    issuer "$home" confirmations add "$home/c.json"; } >"$home/confirm.out" 2>&1 || {
    cat "$home/confirm.out" >&2; return 2; }
  issuer "$home" endorse --to "$did" --name "$4" --role "$2" --letter "$3" \
    --deliver "$base" --png "$work/$2.png" >"$home/endorse.out" 2>&1 || {
    cat "$home/endorse.out" >&2; return 2; }
  grep -Eo 'https://lcw\.app/request\.html\?[^[:space:]"'\''<>]*' "$home/endorse.out" | head -n 1
}

# (a) a plain letter, from the QR code.
printf 'I saw this participant learn in the open.\n' >"$work/plain.md"
link=$(deliver "Pat Peer" peer "$work/plain.md" "LCW User") || { echo "FAIL  delivering the peer's letter" >&2; exit 2; }
echo "ok    om-issuer endorse --role peer --deliver --png: first link printed ${link%%\?*}?…"
lcw scan --wallet "$wallet" --png "$work/peer.png" || fail "(a) the wallet did not receive the letter from the QR code"
n=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).length)' "$wallet/credentials.json")
[ "$n" = 1 ] || fail "(a) the wallet holds $n credentials, not 1"
echo "ok    (a) the letter from the QR code is in the wallet"

# (b) a letter with the characters an HTML-entity decoder acts on.
special='Ana & Bo <b>led</b> "the" circle; it'"'"'s 3 > 2 &amp; 1 &lt; 2 &#39; &quot;.'
printf '%s\n' "$special" >"$work/special.md"
deliver "Maria \"M&M\" O'Neil <Mentor>" mentor "$work/special.md" "LCW <User> & co" >/dev/null \
  || { echo "FAIL  delivering the mentor's letter" >&2; exit 2; }
echo "ok    om-issuer endorse --role mentor --deliver --png (text and names with & < > \" ' &amp; &lt;)"
lcw scan --wallet "$wallet" --png "$work/mentor.png" || fail "(b) the wallet did not receive the letter"
node -e '
  const fs = require("fs");
  const records = JSON.parse(fs.readFileSync(process.argv[1]));
  records.forEach((r, i) => fs.writeFileSync(`${process.argv[2]}/stored-${i}.json`, JSON.stringify(r.credential)));
  const text = records[1].credential.credentialSubject.endorsementComment;
  const want = fs.readFileSync(process.argv[3], "utf8").trim();
  if (text.trim() !== want) { console.log(`FAIL  (b) the stored text is ${JSON.stringify(text)}, not ${JSON.stringify(want)}`); process.exit(1); }
  console.log(`ok    (b) the stored letter text is exactly the one written: ${JSON.stringify(text)}`);
' "$wallet/credentials.json" "$work" "$work/special.md" || fail "(b) the letter text changed"
(cd "$root/interop" && node check-letter.mjs "$work/stored-0.json" "$work/stored-1.json") \
  || fail "(b) a stored letter does not verify with Digital Bazaar's libraries"
"$bin/om-verifier" verify --trust "$team_did" "$work/stored-0.json" "$work/stored-1.json" >"$work/verify.out" 2>&1 \
  || { cat "$work/verify.out"; fail "(b) om-verifier verify refuses a stored letter"; }
echo "ok    (b) om-verifier verify: both stored letters VALID, confirmed by the team"

# (c) the employer's check.
asked=$(cd "$root/interop/lcw" && node employer.mjs ask "$base") || fail "(c) POST /ask"
page=$(printf '%s\n' "$asked" | sed -n 1p)
interaction=$(printf '%s\n' "$asked" | sed -n 2p)
echo "ok    (c) POST /ask → a page waiting, its QR code: $interaction"
lcw paste --wallet "$wallet" "$interaction" || fail "(c) the wallet's interaction flow failed"
state=$(cd "$root/interop/lcw" && node employer.mjs state "$page") || fail "(c) GET the page's state"
[ "$(json_field "$state" state)" = answered ] || fail "(c) the page's state: $state"
[ "$(json_field "$state" verdict)" = valid ] || fail "(c) the verdict: $state"
[ "$(json_field "$state" report.details.rule.complete)" = true ] || fail "(c) the rule: $(json_field "$state" report.details.rule)"
[ "$(json_field "$state" report.details.holder)" = "$did" ] || fail "(c) the holder: $state"
echo "ok    (c) the page's state: answered, verdict valid, rule complete ($(json_field "$state" report.details.rule.statement))"
echo "all Learner Credential Wallet flows as expected"
