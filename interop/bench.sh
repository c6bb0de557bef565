#!/usr/bin/env bash
# The held-out comparison (a benchmark, not a test): N Open Badges 3.0 letters
# signed with eddsa-rdfc-2022 by Digital Bazaar's libraries, each by its own
# did:key, verified in one run by Digital Bazaar's libraries (one Node.js
# process, one letter after the other, as their API does) and by
# `om-verifier verify DIR` (release build, every core), and the ratio.
#
#   interop/bench.sh            # N=300
#   N=1000 interop/bench.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${N:-300}"
cd "$ROOT"
cargo build -q --release -p om-verifier
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cargo run -q -p om-core --example interop_fixtures -- "$WORK/fixtures" >/dev/null
(cd interop && npm ci --silent --no-audit --no-fund >/dev/null 2>&1 || true)
(cd interop && node bench.mjs sign "$WORK/fixtures/letter-ob3-rdfc.json" "$WORK/letters" "$N")

now() { date +%s.%N; }
DB_LINE="$(cd interop && node bench.mjs verify "$WORK/letters")"
echo "digitalbazaar: $DB_LINE"
DB_SECONDS="$(echo "$DB_LINE" | sed -E 's/.* in ([0-9.]+) s.*/\1/')"

start="$(now)"
"$ROOT/target/release/om-verifier" verify "$WORK/letters" >"$WORK/om.txt"
end="$(now)"
OM_SECONDS="$(echo "$end - $start" | bc -l)"
VALID="$(grep -c ': VALID ' "$WORK/om.txt" || true)"
printf 'om-verifier:   verified %s of %s in %.3f s (%.1f letters/s, %s cores, whole process)\n' \
  "$VALID" "$N" "$OM_SECONDS" "$(echo "$N / $OM_SECONDS" | bc -l)" "$(nproc)"
printf 'ratio: om-verifier is %.1fx the rate of Digital Bazaar'"'"'s libraries\n' \
  "$(echo "$DB_SECONDS / $OM_SECONDS" | bc -l)"
[ "$VALID" = "$N" ] || { echo "om-verifier did not verify every letter" >&2; head -20 "$WORK/om.txt" >&2; exit 1; }
