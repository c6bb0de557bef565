#!/usr/bin/env bash
# Letters made by om-issuer, verified by the Digital Credentials Consortium's
# verifier-core (what the Learner Credential Wallet and VerifierPlus run).
#
#   bash interop/verifier-core/run.sh [BIN_DIR]     (from the repository root)
#
# BIN_DIR holds the built om-issuer (default target/debug). A throwaway
# issuer (temporary OM_HOME) signs: the default letter (Open Badges 3.0,
# eddsa-rdfc-2022) as a mentor and as a peer, a plain VC 2.0 letter, and a
# letter with & < > " ' in its text; each must have a valid signature in
# verifier-core, with nothing fetched but the W3C undefined-terms context
# (verify.mjs). An eddsa-jcs-2022 letter (which om-issuer warns about) and a
# letter whose text was changed after signing must be refused.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-target/debug}
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
if [ ! -x "$bin/om-issuer" ]; then
  echo "FAIL  $bin/om-issuer not found: build with cargo build -p om-issuer" >&2
  exit 2
fi
if [ ! -d "$here/node_modules/@digitalcredentials/verifier-core" ]; then
  echo "FAIL  interop/verifier-core/node_modules missing: run (cd interop/verifier-core && npm ci)" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OM_HOME="$work/home" OM_PASSPHRASE="interop throwaway passphrase"
ana=did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK

"$bin/om-issuer" init --name "Maria Okafor" >"$work/init.out" 2>&1 || {
  cat "$work/init.out" >&2
  exit 2
}
printf 'Ana ran twelve study circles and wrote the guide.\n' >"$work/plain.md"
printf 'Ana & I wrote <the> "guide" together; it'"'"'s 5 > 4. &amp; stays &amp;.\n' >"$work/marks.md"

endorse() {
  local out=$1
  shift
  "$bin/om-issuer" endorse --to "$ana" --name "Ana Lima" --out "$work/$out" "$@" \
    >>"$work/endorse.out" 2>&1 || {
    cat "$work/endorse.out" >&2
    exit 2
  }
}
endorse mentor.json --role mentor --letter "$work/plain.md"
endorse peer.json --role peer --letter "$work/plain.md"
endorse plain-vc.json --role peer --format vc --letter "$work/plain.md"
endorse marks.json --role mentor --letter "$work/marks.md"
endorse jcs.json --role peer --suite eddsa-jcs-2022 --letter "$work/plain.md"
# The mentor letter with one word of its text changed after signing.
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync(process.argv[1]));
  c.credentialSubject.endorsementComment =
    c.credentialSubject.endorsementComment.replace("twelve", "twenty");
  fs.writeFileSync(process.argv[2], JSON.stringify(c));' \
  "$work/mentor.json" "$work/tampered.json"

cd "$here"
status=0
node verify.mjs "$work/mentor.json" "$work/peer.json" "$work/plain-vc.json" "$work/marks.json" || status=1
node verify.mjs --expect-invalid "$work/jcs.json" "$work/tampered.json" || status=1
exit $status
