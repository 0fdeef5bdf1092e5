#!/usr/bin/env bash
# Make the synthetic xN docs folder for the pipeline memory/time runs:
#   bench/replicate_docs.sh SRC_DOCS_DIR COPIES OUT_DIR
# Copy 0 keeps the original file names; copy i (1..COPIES-1) is every page file
# again as `Copy<i><name>` (the same naming as generator/benches/pipeline.rs),
# so every copy is a new page with new operation ids and schema owners.
# Only page files are copied (.html .htm .md .markdown .txt), not LICENSE.
set -euo pipefail
src=$1 copies=$2 out=$3
rm -rf "$out"
mkdir -p "$out"
shopt -s nullglob
for ((i = 0; i < copies; i++)); do
  for f in "$src"/*.html "$src"/*.htm "$src"/*.md "$src"/*.markdown "$src"/*.txt; do
    b=$(basename "$f")
    if ((i == 0)); then cp "$f" "$out/$b"; else cp "$f" "$out/Copy$i$b"; fi
  done
done
