#!/usr/bin/env bash
# Fuzzing: runs every cargo-fuzz target in fuzz/ for FUZZ_SECONDS (default 30),
# starting from the seed corpus in fuzz/corpus/<target>/, and fails on any crash:
# a panic, a broken invariant, a stack overflow, running out of memory
# (-rss_limit_mb) or one input taking longer than FUZZ_TIMEOUT seconds.
#
# Needs the nightly toolchain; cargo-fuzz is installed when missing. Where
# nightly is absent this prints a notice and succeeds (the corpus is still
# replayed on stable by `cargo test`: core/tests/fuzz_corpus.rs). With CI=true
# and nightly present, failing to get cargo-fuzz is an error.
#
# New inputs found during the run go to a scratch folder, not into the
# repository's corpus. A crash leaves its input in fuzz/artifacts/<target>/;
# reproduce it with `cargo +nightly fuzz run -s none -a <target> <file>`, then
# minimise it (`cargo +nightly fuzz tmin ...`) and add it to fuzz/corpus/<target>/.
#
# Environment: FUZZ_SECONDS (per target, default 30), FUZZ_TIMEOUT (per input,
# default 20), FUZZ_TARGETS (space-separated subset, default all),
# FUZZ_SANITIZER (default none: the crates forbid unsafe code and the oracle is
# a panic, so AddressSanitizer would mostly halve the executions), FUZZ_JOBS
# (targets fuzzed at once, default the number of cores: each target still gets
# its FUZZ_SECONDS on a core of its own).
#
#   bash .ci/fuzz.sh          # build, then fuzz every target
#   bash .ci/fuzz.sh build    # only build (.ci/run does this in the background
#                             # while the interop checks wait on the network)
#   bash .ci/fuzz.sh run      # fuzz (cargo fuzz run builds first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

seconds=${FUZZ_SECONDS:-30}
timeout=${FUZZ_TIMEOUT:-20}
sanitizer=${FUZZ_SANITIZER:-none}

skip() {
  echo "note: $1; fuzzing skipped (the corpus is replayed by cargo test)"
  exit 0
}

if ! cargo +nightly --version >/dev/null 2>&1; then
  skip "no nightly toolchain"
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  if ! cargo install cargo-fuzz --locked; then
    if [ "${CI:-}" = true ]; then
      echo "error: nightly is present but cargo-fuzz could not be installed" >&2
      exit 1
    fi
    skip "cargo-fuzz could not be installed"
  fi
fi

mode=${1:-all}
flags=(--sanitizer "$sanitizer" --debug-assertions)
if [ "$mode" != run ]; then
  cargo +nightly fuzz build "${flags[@]}"
fi
if [ "$mode" = build ]; then
  echo "fuzz targets built"
  exit 0
fi
targets=${FUZZ_TARGETS:-$(cargo +nightly fuzz list)}
jobs_max=${FUZZ_JOBS:-$(nproc)}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One target: its output goes to its own log, its exit status to its own file.
fuzz_one() {
  local t=$1
  mkdir -p "$scratch/$t" "fuzz/corpus/$t"
  local rc=0
  cargo +nightly fuzz run "${flags[@]}" "$t" "$scratch/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout="$timeout" -rss_limit_mb=2048 \
    -print_final_stats=1 >"$scratch/$t.log" 2>&1 || rc=$?
  echo "$rc" >"$scratch/$t.rc"
}

echo "fuzzing $(echo $targets | wc -w) targets, ${seconds}s each, $jobs_max at a time"
for t in $targets; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do
    wait -n || true
  done
  fuzz_one "$t" &
done
wait

failed=()
for t in $targets; do
  rc=$(cat "$scratch/$t.rc" 2>/dev/null || echo missing)
  if [ "$rc" = 0 ]; then
    echo "== fuzz target $t: no crash"
    grep -E '^(Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))' "$scratch/$t.log" || true
  else
    echo "== fuzz target $t: FAILED (exit $rc); the end of its output:"
    tail -n 60 "$scratch/$t.log" || true
    failed+=("$t")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "error: fuzz targets crashed: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
echo "fuzzing: no crash in $(echo $targets | wc -w) targets, ${seconds}s each"
