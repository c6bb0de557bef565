#!/usr/bin/env bash
# Verification cost in CPU instructions (valgrind's callgrind), for the working
# tree and, optionally, an earlier commit, in one run. Instruction counts do not
# depend on what else the machine is doing, so a small change shows where
# criterion's timings (core/benches/verify.rs) are lost in the noise of a shared
# machine.
#
# Each operation's cost is measured as (count(N2) - count(N1)) / (N2 - N1), so
# the setup (key generation, the bundled contexts) cancels out. Every cost is
# also given as a ratio to one raw Ed25519 verify_strict measured the same way.
#
#   core/benches/cost.sh                 # the working tree only
#   core/benches/cost.sh 17275f0         # that commit, then the working tree
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASE="${1:-}"
cd "$ROOT"
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }

WORK="$(mktemp -d)"
cleanup() { git worktree remove --force "$WORK/base" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

build() { # build DIR OUT: the verify_cost example of the tree in DIR
  (cd "$1" && CARGO_TARGET_DIR="$ROOT/target" cargo build -q --release -p om-core --example verify_cost)
  cp "$ROOT/target/release/examples/verify_cost" "$2"
}
build "$ROOT" "$WORK/after"
if [ -n "$BASE" ]; then
  git worktree add -q --detach "$WORK/base" "$BASE"
  # The same measuring code on both sides: only the library differs.
  cp core/examples/verify_cost.rs "$WORK/base/core/examples/"
  cp core/benches/support/letter.rs "$WORK/base/core/benches/support/"
  build "$WORK/base" "$WORK/before"
fi

instructions() { # BIN MODE N
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$1" "$2" "$3" 2>&1 |
    awk '/Collected/ { print $4 }'
}
per_op() { # BIN MODE N1 N2
  local a b
  a=$(instructions "$1" "$2" "$3")
  b=$(instructions "$1" "$2" "$4")
  echo $(((b - a) / ($4 - $3)))
}

report() { # KEY NAME BIN
  local base
  base=$(per_op "$3" baseline 100 300)
  printf '%s\n  %-14s %12s instructions\n' "$2" baseline "$base"
  for mode in letter-rdfc letter-jcs vp-rdfc vp-jcs; do
    local c
    c=$(per_op "$3" "$mode" 10 30)
    awk -v m="$mode" -v c="$c" -v b="$base" 'BEGIN { printf "  %-14s %12d instructions  %6.2fx baseline\n", m, c, c / b }'
    echo "$1 $mode $c" >>"$WORK/costs"
  done
}

if [ -n "$BASE" ]; then report before "before ($BASE)" "$WORK/before"; fi
report after "after (working tree)" "$WORK/after"
if [ -n "$BASE" ]; then
  echo "after / before:"
  awk '$1 == "before" { b[$2] = $3 } $1 == "after" { a[$2] = $3 }
       END { for (m in a) printf "  %-14s %.3f\n", m, a[m] / b[m] }' "$WORK/costs" | sort
fi
