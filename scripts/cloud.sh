#!/usr/bin/env bash
# The whole cloud: every service folder of a corpus of Open Telekom Cloud API references
# (default ../shared/corpus/otc-rst) -> spec and crate in a scratch folder (`generator cloud`,
# release build, one process), each spec validated with openapi-spec-validator, every crate
# checked by one `cargo check` of a scratch workspace. Prints one table row per service and a
# totals line. A development tool, not part of the test suite (scripts/test.sh).
#
#   scripts/cloud.sh [CORPUS_DIR]
#   CLOUD_OUT (default target/cloud): the scratch folder, emptied first; JOBS (default 2): generator
#   threads; CLOUD_TARGET (default $CLOUD_OUT/target, so cold: the check time counts the
#   dependencies too): the crates' target folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$(cd "${1:-$root/../shared/corpus/otc-rst}" && pwd)"
out="${CLOUD_OUT:-$root/target/cloud}"
jobs="${JOBS:-2}"
cd "$root"

python3 -c 'import openapi_spec_validator' 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator >/dev/null 2>&1 \
  || python3 -m pip install --quiet --break-system-packages openapi-spec-validator

echo "== generator (release)"
cargo build --release -q -p generator
rm -rf "$out"
mkdir -p "$out"

echo "== pages -> specs -> crates: $corpus"
./target/release/generator cloud "$corpus" --out "$out" --jobs "$jobs" >"$out/generator.md"
tail -n 1 "$out/generator.md"

echo "== OpenAPI validation"
python3 - "$out" <<'PY'
import json, os, sys
from multiprocessing import Pool
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

out = sys.argv[1]
services = [s["service"] for s in json.load(open(os.path.join(out, "cloud.json")))["services"]]

def check(service):
    try:
        spec, _ = read_from_filename(os.path.join(out, service, "openapi.yaml"))
        validate(spec)
        return service, None
    except Exception as e:  # the first problem, on one line
        return service, " ".join(str(e).split())[:160]

with Pool(2) as pool:
    results = dict(pool.map(check, services))
json.dump(results, open(os.path.join(out, "validation.json"), "w"), indent=1)
print(f"{sum(v is None for v in results.values())} of {len(results)} specs valid")
PY

echo "== cargo check (one workspace, every crate)"
# The repository's lock file: the dependencies resolve to the versions the repository is tested with.
cp Cargo.lock "$out/Cargo.lock"
start=$(date +%s.%N)
cargo check --manifest-path "$out/Cargo.toml" --workspace --keep-going --message-format=json \
  --target-dir "${CLOUD_TARGET:-$out/target}" >"$out/check.jsonl" 2>"$out/check.stderr" || true
end=$(date +%s.%N)
echo "$start $end" | awk '{printf "%.0f\n", $2 - $1}' >"$out/check.seconds"
echo "crate check: $(cat "$out/check.seconds") s"

echo "== whole cloud"
python3 - "$out" <<'PY'
import json, os, sys

out = sys.argv[1]
report = json.load(open(os.path.join(out, "cloud.json")))
valid = json.load(open(os.path.join(out, "validation.json")))
check_seconds = float(open(os.path.join(out, "check.seconds")).read())

# Packages with an error message; packages that finished (a compiler-artifact of their lib).
failed, checked, first_error = set(), set(), {}
for line in open(os.path.join(out, "check.jsonl")):
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    # `path+file:///x/crates/ecs#hwcloud-ecs@0.1.0` (the name left out when it is the folder's)
    # or the older `hwcloud-ecs 0.1.0 (path+file:///...)`.
    pid = msg.get("package_id", "")
    if "#" in pid:
        url, frag = pid.split("#", 1)
        name = frag.split("@")[0] if "@" in frag else url.rstrip("/").split("/")[-1]
    else:
        name = pid.split(" ")[0]
    if msg.get("reason") == "compiler-message" and msg["message"]["level"] == "error":
        failed.add(name)
        first_error.setdefault(name, msg["message"]["message"][:100])
    if msg.get("reason") == "compiler-artifact":
        checked.add(name)

def pct(part, whole):
    return 100.0 if whole == 0 else part * 100.0 / whole

rows = [
    "| service | operations | rows reachable | enums extracted | false enums | precision defects | orphans | diagnostics by code | spec valid | crate checks |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
]
n_valid = n_check = 0
for s in report["services"]:
    name = s["service"]
    crate = "hwcloud-" + name
    problem = valid.get(name, "not validated")
    spec_ok = problem is None
    if s["crate_error"]:
        crate_ok, crate_note = False, "not written: " + s["crate_error"][:80]
    elif crate in failed:
        crate_ok, crate_note = False, "no: " + first_error.get(crate, "")
    elif crate in checked:
        crate_ok, crate_note = True, "yes"
    else:
        crate_ok, crate_note = False, "no (not checked)"
    n_valid += spec_ok
    n_check += crate_ok
    codes = " ".join(f"{c}:{n}" for c, n in s["diagnostics"].items())
    rows.append(
        f"| {name} | {s['operations']} | {pct(s['rows_reached'], s['rows']):.1f}% "
        f"| {pct(s['enum_extracted'], s['enum_bullets']):.1f}% | {s['false_enums']} | {s['precision_defects']} | {s['orphan_tables']} "
        f"| {codes} | {'yes' if spec_ok else 'no: ' + problem} | {crate_note} |"
    )
print("\n".join(rows))
total = lambda key: sum(s[key] for s in report["services"])
n = len(report["services"])
print()
print(f"pages -> specs {report['specs_seconds']:.2f} s, specs -> crates {report['crates_seconds']:.2f} s, "
      f"crate check {check_seconds:.0f} s (one workspace, {os.cpu_count()} cores)")
print(f"{n} services: {n_valid} specs valid, {n_check} crates check, "
      f"rows {pct(total('rows_reached'), total('rows')):.1f}%, "
      f"enums {pct(total('enum_extracted'), total('enum_bullets')):.1f}%, "
      f"false enums {total('false_enums')}, precision defects {total('precision_defects')}, "
      f"{report['specs_seconds']:.2f} s")
PY
