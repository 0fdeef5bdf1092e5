#!/usr/bin/env bash
# Run every fuzz target for SECONDS (default 600) each, seeded with the real pages.
#   ./scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs a nightly toolchain and cargo-fuzz (installed here if missing).
# Crashes land in fuzz/artifacts/<target>/; copy them to generator/tests/fixtures/fuzz/
# so `cargo test` replays them (tests/fuzz_regressions.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(html markdown text text_copy rst extract)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  case $t in
    html) seeds=(spec/*/docs/*.html generator/tests/fixtures/renderings*/*/html/*.html) ;;
    extract) seeds=(spec/*/docs/*.html generator/tests/fixtures/rst/*.rst) ;;
    text) seeds=(spec/*/docs/*.txt generator/tests/fixtures/readers/*.txt generator/tests/fixtures/renderings*/*/txt*/*.txt) ;;
    text_copy) seeds=() ;;
    markdown) seeds=(generator/tests/fixtures/readers/*.md generator/tests/fixtures/renderings*/*/md/*.md) ;;
    rst) seeds=(generator/tests/fixtures/rst/*.rst) ;;
  esac
  i=0
  for f in "${seeds[@]}"; do i=$((i + 1)); cp "$f" "fuzz/corpus/$t/$i-$(basename "$f")"; done
  echo "== fuzz $t for ${seconds}s"
  (cd fuzz && cargo +nightly fuzz run "$t" -- -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=4096 2>&1 | tail -n 5)
done
