#!/usr/bin/env bash
# The load benchmark (load.sh) for two builds of om-verifier in one run: the
# commit given (default: the one before the closed-world processor, c50c04d)
# and the working tree, both release builds, one after the other on the same
# machine. Prints both summaries and the ratios.
#
#   verifier/bench/compare.sh [BASE_COMMIT]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASE="${1:-c50c04d}"
cd "$ROOT"
WORK="$(mktemp -d)"
cleanup() { git worktree remove --force "$WORK/base" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

cargo build -q --release -p om-verifier
cp target/release/om-verifier "$WORK/after"
git worktree add -q --detach "$WORK/base" "$BASE"
# Reuse the compiled dependencies: only the workspace's crates rebuild.
mkdir -p "$WORK/target"
cp -a target/release "$WORK/target/"
(cd "$WORK/base" && CARGO_TARGET_DIR="$WORK/target" cargo build -q --release -p om-verifier)
cp "$WORK/target/release/om-verifier" "$WORK/before"
rm -rf "$WORK/target"

run() { BIN="$2" "$ROOT/verifier/bench/load.sh" | tee "$WORK/$1.txt" | tail -5; }
echo "== before ($BASE)"; run before "$WORK/before"
echo "== after (working tree)"; run after "$WORK/after"
field() { awk -F': *' -v k="$1" '$1 ~ k {print $2; exit}' "$WORK/$2.txt" | awk '{print $1}'; }
B="$(field 'HTTP requests/s' before)"; A="$(field 'HTTP requests/s' after)"
awk -v a="$A" -v b="$B" 'BEGIN { printf "requests/s: before %s, after %s, ratio %.1fx\n", b, a, a / b }'
echo "p99: before $(field 'HTTP p99' before), after $(field 'HTTP p99' after)"
