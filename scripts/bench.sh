#!/usr/bin/env bash
# Performance benchmarks, one command on a fresh clone:
#
#   ./scripts/bench.sh            # full run (about 60-90 min on 2 cores once the peers are installed)
#   ./scripts/bench.sh --quick    # fewer repetitions, same rows (about 30-40 min)
#
# Measures on this machine, in one run, and prints a table of RATIOS (medians):
#   1. pipeline (read, extract, merge, spec, YAML) vs a floor that only reads and parses the same
#      files (scraper for HTML, pulldown-cmark for Markdown, a minimal table scan for RST), over all
#      13 services and over the ModelArts pages x1 / x10, and linearity x10 / x1:
#      `cargo bench -p generator --bench pipeline` (wall time, BENCH_PIPELINE_REPEATS times, then on
#      one rayon thread), and the same as instruction counts under `valgrind --tool=callgrind`
#      (`--once floor|pipeline`, one thread: repeatable on a busy machine);
#   2. spec -> Rust crate for every spec in spec/services.yaml and a synthetic 100-operation spec
#      (bench/synth_spec.py): `generator crate` vs `cargo-progenitor` vs openapi-generator `-g rust`
#      (bench/crates.py); ModelArts x1 / x10 also with hyperfine;
#   3. clean `cargo build` and `cargo check` (dependencies prebuilt) of each generated crate and of
#      progenitor's crate for the same spec, with peak RSS (/usr/bin/time -v) (bench/crates.py);
#   4. time and peak RSS of `generator spec` on the ModelArts docs x1 / x10.
# Installs the peers it needs: hyperfine, GNU time and valgrind (apt), cargo-progenitor
# (cargo install), openapi-generator-cli (PyPI, bundles the jar; in bench/.venv),
# PyYAML (bench/.venv). Java 17+ must be on PATH for openapi-generator.
#
# Environment (all optional):
#   BENCH_WORK=DIR               scratch folder, must be outside this workspace (default /tmp/hwcloud-bench)
#   BENCH_RUNS=N                 timed runs of ours/progenitor spec->Rust (default 10; x10 and per-spec rows: half)
#   BENCH_OAG_RUNS=N             timed runs of openapi-generator (default 5; x10: 3)
#   BENCH_BUILD_RUNS=N           timed clean builds and checks per crate (default 3)
#   BENCH_PIPELINE_REPEATS=N     `cargo bench` repetitions (default 3; each is a median of 7)
#   BENCH_SPECS="a b"            services for the per-spec crate rows (default: all in spec/services.yaml)
#   BENCH_BUILD_X10=1            also build the ModelArts x10 crates (step build; slow)
#   BENCH_PROFILE=0|1|fp         perf profile of the release binary on x10 (default 1 when perf works;
#                                fp: build a separate binary with frame pointers + line tables first)
#   BENCH_STEPS="..."            run only these steps of: pipeline callgrind gen crates build mem profile
#                                (default: all but build; results of the other steps from an earlier run
#                                are kept and reported)
#   BENCH_PROGENITOR_VERSION=V   cargo-progenitor version to install when missing (default 0.15.1)
#   BENCH_OAG_VERSION=V          openapi-generator-cli version (default 7.26.0)
# Results: bench/results/ (JSON per measurement, logs, summary.md; gitignored).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# Tools installed with `cargo install` (cargo-progenitor, maybe hyperfine) land here.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

QUICK=0
[ "${1:-}" = "--quick" ] && QUICK=1
if ((QUICK)); then d_runs=3 d_oag=1 d_build=1 d_rep=1; else d_runs=10 d_oag=5 d_build=3 d_rep=3; fi
RUNS=${BENCH_RUNS:-$d_runs}
OAG_RUNS=${BENCH_OAG_RUNS:-$d_oag}
BUILD_RUNS=${BENCH_BUILD_RUNS:-$d_build}
REPEATS=${BENCH_PIPELINE_REPEATS:-$d_rep}
RUNS10=$(((RUNS + 1) / 2))
OAG_RUNS10=$((OAG_RUNS < 3 ? OAG_RUNS : 3))
PROGENITOR_VERSION=${BENCH_PROGENITOR_VERSION:-0.15.1}
OAG_VERSION=${BENCH_OAG_VERSION:-7.26.0}
WORK=${BENCH_WORK:-/tmp/hwcloud-bench}
RES=$ROOT/bench/results
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
GEN=$TARGET/release/generator
SPEC=$ROOT/spec/modelarts/openapi.yaml
DOCS=$ROOT/spec/modelarts/docs

case "$WORK/" in "$ROOT"/*)
  echo "BENCH_WORK must be outside $ROOT (progenitor's crate has no [workspace] table)" >&2
  exit 2
  ;;
esac

say() { printf '\n== %s\n' "$*"; }
q() { printf '%q ' "$@"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() { as_root apt-get install -y -q "$@" >/dev/null 2>&1 || { as_root apt-get update -q >/dev/null 2>&1 && as_root apt-get install -y -q "$@" >/dev/null 2>&1; }; }

STEPS=${BENCH_STEPS:-pipeline callgrind gen crates mem profile}
step() { [[ " $STEPS " == *" $1 "* ]]; }
[ -z "${BENCH_STEPS:-}" ] && rm -rf "$RES"
mkdir -p "$RES" "$WORK"
{
  echo "date: $(date -u +%FT%TZ)"
  echo "host: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB"
  echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "generator: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- generator runtime templates 2>/dev/null || echo ' + uncommitted changes')"
  echo "rustc: $(rustc --version)"
  [ -n "${BENCH_STEPS:-}" ] && echo "steps this run: $STEPS (other results from an earlier run)"
} >>"$RES/env.txt"

say "peers"
command -v hyperfine >/dev/null || apt_install hyperfine || cargo install hyperfine --locked
[ -x /usr/bin/time ] || apt_install time
if step callgrind; then command -v valgrind >/dev/null || apt_install valgrind; fi
command -v cargo-progenitor >/dev/null || cargo install cargo-progenitor --locked --version "$PROGENITOR_VERSION"
VENV=$ROOT/bench/.venv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "openapi-generator-cli==$OAG_VERSION" pyyaml
PY=$VENV/bin/python
JAR=$("$PY" -c 'import importlib.resources as r; print(r.files("openapi_generator_cli") / "openapi-generator.jar")')
[ -f "$JAR" ] || { echo "openapi-generator-cli $OAG_VERSION did not bring its jar ($JAR)" >&2; exit 1; }
command -v java >/dev/null || { echo "java (17+) is needed for openapi-generator" >&2; exit 1; }
# swagger-parser refuses YAML over 3 Mi code points unless told otherwise (the x10 spec is 12 MB).
OAG=(java -DmaxYamlCodePoints=2147483647 -jar "$JAR")
{
  echo "hyperfine: $(hyperfine --version)"
  echo "cargo-progenitor: $(cargo install --list | sed -n 's/^cargo-progenitor v\(.*\):/\1/p')"
  echo "openapi-generator: $("${OAG[@]}" version 2>/dev/null | tail -n1)"
  echo "java: $(java -version 2>&1 | head -n1)"
} >>"$RES/env.txt"
cat "$RES/env.txt"

say "release build of the generator"
cargo build --release -q -p generator
HAVE_CRATE=0
if "$GEN" crate --help >/dev/null 2>&1; then HAVE_CRATE=1; else echo "generator crate: not available yet, its rows are pending"; fi
echo "$HAVE_CRATE" >"$RES/have_crate"

# hf NAME RUNS PREPARE COMMAND...: hyperfine, one warm-up, JSON to results/NAME.json.
hf() {
  local name=$1 runs=$2 prepare=$3 warm=${WARMUP:-1}
  shift 3
  hyperfine --style basic --warmup "$warm" --runs "$runs" --prepare "$prepare" \
    --command-name "$name" --export-json "$RES/$name.json" "$(q "$@")" >>"$RES/hyperfine.log" 2>&1 \
    || { echo "  $name: FAILED (see results/hyperfine.log)"; return 0; }
  "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("  %s: median %.3f s over %d runs" % (r["command"], r["median"], len(r["times"])))' "$RES/$name.json" || true
}

if step pipeline; then
say "1. pipeline vs scraper parse floor (cargo bench, x$REPEATS; then the same on one rayon thread)"
for ((i = 1; i <= REPEATS; i++)); do
  cargo bench -q -p generator --bench pipeline 2>>"$RES/cargo-bench.log" | tee "$RES/pipeline-$i.txt"
done
# One thread: the ratio of work (CPU time), much less sensitive to other processes taking a core.
for ((i = 1; i <= REPEATS; i++)); do
  RAYON_NUM_THREADS=1 cargo bench -q -p generator --bench pipeline 2>>"$RES/cargo-bench.log" | tee "$RES/pipeline1t-$i.txt"
done
fi

if step callgrind; then
  say "1b. pipeline vs floor in instructions (valgrind --tool=callgrind, one rayon thread)"
  PB=$(cargo bench --no-run -q -p generator --bench pipeline --message-format json 2>/dev/null \
    | "$PY" -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "pipeline" and m.get("executable"): print(m["executable"])' | tail -n1)
  for row in all x1 x10; do
    for side in floor pipeline; do
      RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$WORK/callgrind-$row-$side.out" \
        "$PB" "$row" --once "$side" >/dev/null 2>"$RES/callgrind-$row-$side.txt" || echo "  callgrind $row $side: FAILED"
      echo "  $row $side: $(sed -n 's/.*I *refs: *//p' "$RES/callgrind-$row-$side.txt") instructions"
    done
  done
  # Where the pipeline's instructions go (inclusive, generator functions and the big library calls).
  callgrind_annotate --inclusive=yes "$WORK/callgrind-all-pipeline.out" 2>/dev/null \
    | grep -E '\[' | grep -E 'generator::|parse_document|serde_yaml::ser::to_string|aho_corasick' | grep -v 'closure' \
    | sed -E 's/ \[[^]]*\]$//; s#/[^ ]*/(src|benches)/#\1/#' | head -n 60 >"$RES/callgrind-all-pipeline-inclusive.txt"
fi

say "inputs"
"$PY" bench/replicate_spec.py "$SPEC" 10 "$WORK/x10.yaml"
cp "$SPEC" "$WORK/x1.yaml"
"$PY" bench/progenitor_compat.py "$WORK/x1.yaml" "$WORK/x1-progenitor.yaml" 2>"$RES/progenitor-compat-x1.txt"
"$PY" bench/progenitor_compat.py "$WORK/x10.yaml" "$WORK/x10-progenitor.yaml" 2>"$RES/progenitor-compat-x10.txt"
cat "$RES/progenitor-compat-x1.txt"
bench/replicate_docs.sh "$DOCS" 1 "$WORK/docs-x1"
bench/replicate_docs.sh "$DOCS" 10 "$WORK/docs-x10"
"$PY" - "$WORK" "$RES/inputs.json" <<'PY'
import json, os, sys
work, out = sys.argv[1], sys.argv[2]
def size(p):
    return sum(os.path.getsize(os.path.join(p, f)) for f in os.listdir(p)) if os.path.isdir(p) else os.path.getsize(p)
d = {k: size(os.path.join(work, k)) for k in ["docs-x1", "docs-x10", "x1.yaml", "x10.yaml"]}
d["pages-x1"] = len(os.listdir(os.path.join(work, "docs-x1")))
d["pages-x10"] = len(os.listdir(os.path.join(work, "docs-x10")))
json.dump(d, open(out, "w"), indent=1)
print(d)
PY

step gen && for n in x1 x10; do
  [ $n = x1 ] && say "2. spec -> Rust (release binaries; output folder removed before each run)"
  runs=$RUNS oruns=$OAG_RUNS
  [ $n = x10 ] && runs=$RUNS10 oruns=$OAG_RUNS10
  out=$WORK/gen-$n
  # One checked run each first: exit status, what was generated.
  if ((HAVE_CRATE)); then
    "$GEN" crate --spec "$WORK/$n.yaml" --out "$out/ours" --name bench-ours >"$RES/gen-ours-$n.log" 2>&1 \
      && hf "ours-$n" "$runs" "rm -rf $(q "$out/ours")" "$GEN" crate --spec "$WORK/$n.yaml" --out "$out/ours" --name bench-ours \
      || echo "  ours-$n: generator crate FAILED (results/gen-ours-$n.log)"
  fi
  # progenitor on the spec as committed (what it is asked to do), timed without the `cargo` wrapper.
  cargo-progenitor progenitor -i "$WORK/$n.yaml" -o "$out/progenitor" -n bench-progenitor -v 0.1.0 >"$RES/gen-progenitor-$n.log" 2>&1 \
    && hf "progenitor-$n" "$runs" "rm -rf $(q "$out/progenitor")" cargo-progenitor progenitor -i "$WORK/$n.yaml" -o "$out/progenitor" -n bench-progenitor -v 0.1.0 \
    || echo "  progenitor-$n: FAILED on the spec (results/gen-progenitor-$n.log)"
  "${OAG[@]}" generate -g rust -i "$WORK/$n.yaml" -o "$out/oag" >"$RES/gen-oag-$n.log" 2>&1 \
    && hf "oag-$n" "$oruns" "rm -rf $(q "$out/oag")" "${OAG[@]}" generate -g rust -i "$WORK/$n.yaml" -o "$out/oag" \
    || echo "  oag-$n: FAILED (results/gen-oag-$n.log)"
  "$PY" - "$out" "$RES/gen-$n.json" <<'PY'
import json, os, re, sys
out, dst = sys.argv[1], sys.argv[2]
info = {}
for tool in ["ours", "progenitor", "oag"]:
    root = os.path.join(out, tool)
    if not os.path.isdir(root):
        continue
    rs = [os.path.join(d, f) for d, _, fs in os.walk(root) if "/target" not in d for f in fs if f.endswith(".rs")]
    text = "".join(open(p, encoding="utf-8", errors="replace").read() for p in rs)
    info[tool] = {"rs_files": len(rs), "rs_bytes": len(text.encode()), "rs_lines": text.count("\n"),
                  "async_fns": len(re.findall(r"\bpub async fn\b", text))}
json.dump(info, open(dst, "w"), indent=1)
print("  generated:", info)
PY
done

if step crates; then
  say "2b. every spec: spec -> crate, then clean build and check of the crate (bench/crates.py)"
  "$PY" bench/synth_spec.py 100 "$WORK/synth100.yaml"
  mapfile -t specs < <("$PY" -c 'import sys, yaml
want = sys.argv[1].split()
for s in yaml.safe_load(open("spec/services.yaml"))["services"]:
    if not want or s["name"] in want: print(s["name"] + "=spec/" + s["spec"])' "${BENCH_SPECS:-}")
  specs+=("synth100=$WORK/synth100.yaml")
  rm -f "$RES/crates.json"
  "$PY" bench/crates.py --work "$WORK/crates" --out "$RES/crates.json" --gen-runs "$RUNS10" --oag-runs "$OAG_RUNS10" \
    --build-runs "$BUILD_RUNS" --generator "$GEN" --runtime "$ROOT/runtime" --oag "$(q "${OAG[@]}")" --python "$PY" "${specs[@]}"
fi

export CARGO_TARGET_DIR=$WORK/build/target
sizes=()
step build && sizes=(x1) && say "3. clean build of the generated crate, dependencies prebuilt (cargo build, dev profile)"
step build && [ "${BENCH_BUILD_X10:-0}" = 1 ] && sizes+=(x10)
for n in "${sizes[@]+"${sizes[@]}"}"; do
  b=$WORK/build/$n
  mkdir -p "$b"
  crates=()
  if ((HAVE_CRATE)); then
    "$GEN" crate --spec "$WORK/$n.yaml" --out "$b/ours" --name bench-ours --runtime-path "$ROOT/runtime" >/dev/null && crates+=("ours:bench-ours")
  fi
  # progenitor's output on the committed spec does not compile (schema names that differ only in
  # case collide); record that, then build its output for the compat copy (bench/progenitor_compat.py).
  rm -rf "$b/progenitor-raw"
  cargo-progenitor progenitor -i "$WORK/$n.yaml" -o "$b/progenitor-raw" -n bench-progenitor-raw -v 0.1.0 >/dev/null 2>&1 || true
  if [ -f "$b/progenitor-raw/Cargo.toml" ]; then
    if cargo check -q --manifest-path "$b/progenitor-raw/Cargo.toml" >"$RES/progenitor-raw-check-$n.log" 2>&1; then
      echo "ok" >"$RES/progenitor-raw-$n.status"
    else
      grep '^error' "$RES/progenitor-raw-check-$n.log" | grep -vc 'could not compile' >"$RES/progenitor-raw-$n.status" || true
    fi
    echo "  progenitor's output for the $n spec as is: $(sed 's/^\([0-9]*\)$/does not compile, \1 errors/' "$RES/progenitor-raw-$n.status")"
  fi
  rm -rf "$b/progenitor"
  cargo-progenitor progenitor -i "$WORK/$n-progenitor.yaml" -o "$b/progenitor" -n bench-progenitor -v 0.1.0 >/dev/null 2>&1 \
    && crates+=("progenitor:bench-progenitor")
  for c in "${crates[@]}"; do
    dir=${c%%:*} pkg=${c##*:}
    m=$b/$dir/Cargo.toml
    if cargo build -q --manifest-path "$m" >"$RES/build-$dir-$n.log" 2>&1; then
      WARMUP=0 hf "build-$dir-$n" "$([ $n = x1 ] && echo "$BUILD_RUNS" || echo "${BENCH_BUILD_X10_RUNS:-1}")" "cargo clean -q -p $pkg --manifest-path $(q "$m")" cargo build -q --manifest-path "$m"
    else
      echo "  $dir-$n: does not build (results/build-$dir-$n.log)"
    fi
  done
done
unset CARGO_TARGET_DIR

step mem && for n in x1 x10; do
  [ $n = x1 ] && say "4. pipeline CLI: time and peak memory (generator spec DOCS --service x -o FILE)"
  hf "spec-$n" "$([ $n = x1 ] && echo "$RUNS" || echo "$RUNS10")" "rm -f $(q "$WORK/spec-$n.yaml")" \
    "$GEN" spec "$WORK/docs-$n" --service x -o "$WORK/spec-$n.yaml"
  for i in 1 2 3; do
    /usr/bin/time -v "$GEN" spec "$WORK/docs-$n" --service x -o "$WORK/spec-$n.yaml" 2>"$RES/time-spec-$n-$i.txt" >/dev/null || true
  done
  if ((HAVE_CRATE)); then
    /usr/bin/time -v "$GEN" crate --spec "$WORK/$n.yaml" --out "$WORK/gen-$n/ours" --name bench-ours 2>"$RES/time-crate-$n.txt" >/dev/null || true
  fi
done

PROFILE=${BENCH_PROFILE:-1}
step profile || PROFILE=0
if [ "$PROFILE" != 0 ]; then
  say "profile (perf, x10)"
  command -v perf >/dev/null || apt_install linux-perf || true
  PGEN=$GEN
  if [ "$PROFILE" = fp ]; then
    export CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_PROFILE_BENCH_DEBUG=line-tables-only RUSTFLAGS="-C force-frame-pointers=yes"
    cargo build --release -q -p generator --target-dir "$TARGET/bench-profile"
    PBENCH=$(cargo bench --no-run -q -p generator --bench pipeline --target-dir "$TARGET/bench-profile" --message-format json 2>/dev/null \
      | "$PY" -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "pipeline" and m.get("executable"): print(m["executable"])' | tail -n1)
    unset CARGO_PROFILE_RELEASE_DEBUG CARGO_PROFILE_BENCH_DEBUG RUSTFLAGS
    PGEN=$TARGET/bench-profile/release/generator
  fi
  if command -v perf >/dev/null && perf record -q -o /dev/null true >/dev/null 2>&1; then
    cg=()
    [ "$PROFILE" = fp ] && cg=(-g)
    prof() { # NAME COMMAND...
      local name=$1
      shift
      perf record -q -F 2000 "${cg[@]}" -o "$WORK/perf-$name.data" "$@" >/dev/null 2>&1 || true
      perf report -i "$WORK/perf-$name.data" --stdio --no-children --sort symbol --percent-limit 0.7 -g none 2>/dev/null \
        | grep -v '^#' | grep -v '^$' | sed 's/[ -]*$//' | head -n 30 >"$RES/perf-$name.txt"
      if [ "$PROFILE" = fp ]; then
        perf report -i "$WORK/perf-$name.data" --stdio --children --sort symbol --percent-limit 1 -g none 2>/dev/null \
          | grep -v '^#' | grep -v '^$' | sed 's/[ -]*$//' \
          | grep -E 'generator::|pipeline::|scraper::html::Html::parse_document|miette::handlers|serde_yaml::(de|ser)::|prettyplease::unparse|syn::parse::Parser' \
          | head -n 60 >"$RES/perf-$name-inclusive.txt"
      fi
      echo "  $name: top self time"
      head -n 10 "$RES/perf-$name.txt" | sed 's/^/    /'
    }
    prof spec-x10 "$PGEN" spec "$WORK/docs-x10" --service x -o "$WORK/spec-x10.yaml"
    # The in-process pipeline of the cargo bench (floor and pipeline, x1 and x10), no CLI around it.
    [ -n "${PBENCH:-}" ] && (cd generator && prof bench "$PBENCH")
    ((HAVE_CRATE)) && prof crate-x10 "$PGEN" crate --spec "$WORK/x10.yaml" --out "$WORK/gen-x10/ours" --name bench-ours
  else
    echo "  perf not usable here (perf_event_paranoid / no perf); skipped"
  fi
fi

echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RES/env.txt"
say "summary (also bench/results/summary.md)"
"$PY" bench/report.py "$RES" | tee "$RES/summary.md"
