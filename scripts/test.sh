#!/usr/bin/env bash
# The whole test suite: formatting, lints (generated crate included), unit,
# snapshot and integration tests (freshness of spec/ and generated/ among them:
# generator/tests/fresh.rs), and the
# OpenAPI validator on every committed spec. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

# A one-off run gains nothing from incremental caches, which were 5 of the
# 13 GB a cold run left in target/.
export CARGO_INCREMENTAL=0

echo "== toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "== openapi-spec-validator (PyPI)"
python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator >/dev/null 2>&1 \
  || python3 -m pip install --quiet --break-system-packages openapi-spec-validator

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy --all-targets -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

echo "== cargo test"
log=$(mktemp)
cargo test --workspace --no-fail-fast 2>&1 | tee "$log"
passed=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s += $4} END {print s + 0}')
failed=$(grep -Eo '[0-9]+ failed' "$log" | awk '{s += $1} END {print s + 0}')

echo "== rustdoc without warnings (runtime and every generated crate)"
crates=(-p hwcloud-runtime)
for dir in generated/*/; do crates+=(-p "hwcloud-$(basename "$dir")"); done
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -q "${crates[@]}"

echo "== OpenAPI validation"
for spec in spec/*/openapi.yaml; do
  python3 - "$spec" <<'PY'
import sys
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename
spec, _ = read_from_filename(sys.argv[1])
validate(spec)
print(f"{sys.argv[1]}: valid OpenAPI {spec['openapi']}")
PY
done

echo "tests: $passed passed, $failed failed"
