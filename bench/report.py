#!/usr/bin/env python3
"""Summarise bench/results/ (written by scripts/bench.sh) as Markdown tables.

    report.py RESULTS_DIR

Ratios first (medians of medians), then the absolute medians they come from.
A row whose inputs are missing prints `pending` (e.g. `generator crate` not
available yet) or `failed` (the tool ran and failed; see its log).
"""

import json
import os
import re
import statistics
import sys

RES = sys.argv[1] if len(sys.argv) > 1 else "bench/results"


def path(name):
    return os.path.join(RES, name)


def load_json(name):
    try:
        with open(path(name), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def median_s(name):
    d = load_json(name + ".json")
    if not d:
        return None
    return d["results"][0]["median"]


def read(name):
    try:
        with open(path(name), encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


# 1. cargo bench output: "| x1 | 198 | 138.4 ms | 352.6 ms | 2.55 |"
ROW = re.compile(r"^\|\s*(x\d+|all)\s*\|\s*(\d+)\s*\|\s*([\d.]+) ms\s*\|\s*([\d.]+) ms\s*\|\s*([\d.]+)\s*\|")


def parse_bench(prefix):
    out = {}
    for f in sorted(os.listdir(RES)) if os.path.isdir(RES) else []:
        if f.startswith(prefix) and f.endswith(".txt"):
            for line in read(f).splitlines():
                m = ROW.match(line)
                if m:
                    b = out.setdefault(m.group(1), {"pages": int(m.group(2)), "floor": [], "pipeline": []})
                    b["floor"].append(float(m.group(3)))
                    b["pipeline"].append(float(m.group(4)))
    return out


bench = parse_bench("pipeline-")
bench1t = parse_bench("pipeline1t-")


def bmed(size, key, data=None):
    b = (bench if data is None else data).get(size)
    return statistics.median(b[key]) if b and b[key] else None


def rss_kb(prefix):
    vals = []
    for f in sorted(os.listdir(RES)):
        if f.startswith(prefix):
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", read(f) or "")
            if m:
                vals.append(int(m.group(1)))
    return statistics.median(vals) if vals else None


have_crate = (read("have_crate") or "0").strip() == "1"
inputs = load_json("inputs.json") or {}


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt(x, digits=2):
    return "—" if x is None else f"{x:.{digits}f}"


def cell(x, why="—", digits=2):
    return fmt(x, digits) if x is not None else why


def verdict(ok, why="—"):
    return why if ok is None else ("met" if ok else "**not met**")


rows = []
pa = ratio(bmed("all", "pipeline"), bmed("all", "floor"))
rows.append(("pipeline / parse floor, all 13 services (HTML, RST, Markdown, text)", cell(pa), "", "≤ 1.5", verdict(None if pa is None else pa <= 1.5)))
pf1 = ratio(bmed("x1", "pipeline"), bmed("x1", "floor"))
pf10 = ratio(bmed("x10", "pipeline"), bmed("x10", "floor"))
ok = None if pf1 is None or pf10 is None else (pf1 <= 1.5 and pf10 <= 1.5)
rows.append(("pipeline / scraper parse floor", cell(pf1), cell(pf10), "≤ 1.5", verdict(ok)))

def irefs(row, side):
    m = re.search(r"I\s+refs:\s+([\d,]+)", read(f"callgrind-{row}-{side}.txt") or "")
    return int(m.group(1).replace(",", "")) if m else None


ca = ratio(irefs("all", "pipeline"), irefs("all", "floor"))
rows.append(("pipeline / parse floor, all 13 services, instructions (callgrind, one thread)", cell(ca), "", "≤ 1.5",
             verdict(None if ca is None else ca <= 1.5)))
c1, c10 = ratio(irefs("x1", "pipeline"), irefs("x1", "floor")), ratio(irefs("x10", "pipeline"), irefs("x10", "floor"))
rows.append(("pipeline / parse floor, instructions (callgrind, one thread)", cell(c1), cell(c10), "≤ 1.5",
             verdict(None if c1 is None or c10 is None else (c1 <= 1.5 and c10 <= 1.5))))
cl = ratio(irefs("x10", "pipeline"), irefs("x1", "pipeline"))
rows.append(("pipeline x10 / x1, instructions", cell(cl), "", "≤ 11", verdict(None if cl is None else cl <= 11)))

lin = ratio(bmed("x10", "pipeline"), bmed("x1", "pipeline"))
rows.append(("pipeline x10 / x1 (cargo bench, in-process)", cell(lin), "", "≤ 11", verdict(None if lin is None else lin <= 11)))
t1 = ratio(bmed("x1", "pipeline", bench1t), bmed("x1", "floor", bench1t))
t10 = ratio(bmed("x10", "pipeline", bench1t), bmed("x10", "floor", bench1t))
rows.append(("pipeline / parse floor, one rayon thread (work ratio)", cell(t1), cell(t10), "≤ 1.5",
             verdict(None if t1 is None or t10 is None else (t1 <= 1.5 and t10 <= 1.5))))
lin1 = ratio(bmed("x10", "pipeline", bench1t), bmed("x1", "pipeline", bench1t))
rows.append(("pipeline x10 / x1, one rayon thread", cell(lin1), "", "≤ 11", verdict(None if lin1 is None else lin1 <= 11)))
flin = ratio(bmed("x10", "floor"), bmed("x1", "floor"))
rows.append(("parse floor x10 / x1 (reference)", cell(flin), "", "", ""))
clin = ratio(median_s("spec-x10"), median_s("spec-x1"))
rows.append(("`generator spec` CLI x10 / x1 (whole process)", cell(clin), "", "≤ 11", verdict(None if clin is None else clin <= 11)))

ours1, ours10 = median_s("ours-x1"), median_s("ours-x10")
prog1, prog10 = median_s("progenitor-x1"), median_s("progenitor-x10")
oag1, oag10 = median_s("oag-x1"), median_s("oag-x10")
why = "pending" if not have_crate else "failed"
p1, p10 = ratio(prog1, ours1), ratio(prog10, ours10)
ok = None if p1 is None or p10 is None else (p1 >= 4 and p10 >= 4)
rows.append(("spec→Rust: progenitor time / ours (ours ≤ 0.25×)", cell(p1, why), cell(p10, why), "≥ 4", verdict(ok, why)))
o1, o10 = ratio(oag1, ours1), ratio(oag10, ours10)
ok = None if o1 is None or o10 is None else (o1 >= 30 and o10 >= 30)
rows.append(("spec→Rust: openapi-generator time / ours (ours ≤ 1/30)", cell(o1, why), cell(o10, why), "≥ 30", verdict(ok, why)))
rows.append(("spec→Rust: ours x10 / x1", cell(ratio(ours10, ours1), why), "", "≤ 11 (same bar)",
             verdict(None if ratio(ours10, ours1) is None else ratio(ours10, ours1) <= 11, why)))
rows.append(("spec→Rust: progenitor x10 / x1 (reference)", cell(ratio(prog10, prog1), "failed"), "", "", ""))

b1 = ratio(median_s("build-ours-x1"), median_s("build-progenitor-x1"))
b10 = ratio(median_s("build-ours-x10"), median_s("build-progenitor-x10"))
ran_x10 = os.path.exists(path("build-progenitor-x10.log")) or os.path.exists(path("build-ours-x10.log"))
x10_note = cell(b10, why if ran_x10 else "not run (BENCH_BUILD_X10=1)")
ran_x1 = os.path.exists(path("build-progenitor-x1.log")) or os.path.exists(path("build-ours-x1.log"))
if ran_x1 or ran_x10:
    rows.append(("clean build of generated crate: ours / progenitor (ModelArts x1 / x10, step build)", cell(b1, why), x10_note, "≤ 0.6",
                 verdict(None if b1 is None else b1 <= 0.6, why)))

r1, r10 = rss_kb("time-spec-x1-"), rss_kb("time-spec-x10-")
m1 = ratio(r1 * 1024 if r1 else None, inputs.get("docs-x1"))
m10 = ratio(r10 * 1024 if r10 else None, inputs.get("docs-x10"))
rows.append(("`generator spec` peak RSS / input bytes", cell(m1), cell(m10), "", ""))
rows.append(("`generator spec` peak RSS x10 / x1", cell(ratio(r10, r1)), "", "", ""))
c1, c10 = rss_kb("time-crate-x1."), rss_kb("time-crate-x10.")
rows.append(("`generator crate` peak RSS / input spec bytes", cell(ratio(c1 * 1024 if c1 else None, inputs.get("x1.yaml")), why),
             cell(ratio(c10 * 1024 if c10 else None, inputs.get("x10.yaml")), why), "", ""))

out = []
out.append("### Ratios (medians; lower is better for ours unless the row says otherwise)\n")
out.append("| comparison | x1 | x10 | target | verdict |")
out.append("| --- | ---: | ---: | ---: | --- |")
for r in rows:
    out.append("| " + " | ".join(r) + " |")

out.append("\n### Absolute medians\n")
out.append("| measurement | x1 | x10 | runs |")
out.append("| --- | ---: | ---: | --- |")


def ms(x):
    return "—" if x is None else (f"{x * 1e3:.0f} ms" if x < 10 else f"{x:.1f} s")


def runs(name):
    d = load_json(name + ".json")
    return str(len(d["results"][0]["times"])) if d else "—"


nrep = len(bench.get("x1", {}).get("floor", []))
out.append(f"| parse floor (scraper, in-process, rayon) | {fmt(bmed('x1', 'floor'), 1)} ms | {fmt(bmed('x10', 'floor'), 1)} ms | median of {nrep} × median of 7 |")
out.append(f"| pipeline (read, extract, merge, spec, YAML; in-process) | {fmt(bmed('x1', 'pipeline'), 1)} ms | {fmt(bmed('x10', 'pipeline'), 1)} ms | median of {nrep} × median of 7 |")
nrep1 = len(bench1t.get("x1", {}).get("floor", []))
out.append(f"| parse floor, one rayon thread | {fmt(bmed('x1', 'floor', bench1t), 1)} ms | {fmt(bmed('x10', 'floor', bench1t), 1)} ms | median of {nrep1} × median of 7 |")
out.append(f"| pipeline, one rayon thread | {fmt(bmed('x1', 'pipeline', bench1t), 1)} ms | {fmt(bmed('x10', 'pipeline', bench1t), 1)} ms | median of {nrep1} × median of 7 |")
out.append(f"| `generator spec DOCS` (whole process) | {ms(median_s('spec-x1'))} | {ms(median_s('spec-x10'))} | {runs('spec-x1')} / {runs('spec-x10')} |")
out.append(f"| ours: `generator crate` | {ms(ours1) if ours1 else why} | {ms(ours10) if ours10 else why} | {runs('ours-x1')} / {runs('ours-x10')} |")
out.append(f"| `cargo-progenitor progenitor` | {ms(prog1)} | {ms(prog10)} | {runs('progenitor-x1')} / {runs('progenitor-x10')} |")
out.append(f"| openapi-generator `-g rust` (java -jar) | {ms(oag1)} | {ms(oag10)} | {runs('oag-x1')} / {runs('oag-x10')} |")
for tool, label in [("ours", "ours"), ("progenitor", "progenitor (compat spec)")]:
    out.append(f"| clean `cargo build` of {label} crate | {ms(median_s(f'build-{tool}-x1'))} | {ms(median_s(f'build-{tool}-x10'))} | {runs(f'build-{tool}-x1')} / {runs(f'build-{tool}-x10')} |")
out.append(f"| `generator spec` peak RSS | {fmt(r1 / 1024 if r1 else None, 0)} MiB | {fmt(r10 / 1024 if r10 else None, 0)} MiB | median of 3 |")
cr1, cr10 = rss_kb("time-crate-x1."), rss_kb("time-crate-x10.")
out.append(f"| `generator crate` peak RSS | {fmt(cr1 / 1024 if cr1 else None, 0)} MiB | {fmt(cr10 / 1024 if cr10 else None, 0)} MiB | 1 |")
if inputs:
    out.append(f"| input pages (files, bytes) | {inputs.get('pages-x1')} , {inputs.get('docs-x1', 0) / 2**20:.1f} MiB | {inputs.get('pages-x10')} , {inputs.get('docs-x10', 0) / 2**20:.1f} MiB | |")
    out.append(f"| input spec (bytes) | {inputs.get('x1.yaml', 0) / 2**20:.1f} MiB | {inputs.get('x10.yaml', 0) / 2**20:.1f} MiB | |")

for n in ["x1", "x10"]:
    g = load_json(f"gen-{n}.json")
    if g:
        parts = [f"{t}: {v['rs_files']} .rs files, {v['rs_lines']} lines, {v['async_fns']} `pub async fn`" for t, v in g.items()]
        out.append(f"\nGenerated ({n}): " + "; ".join(parts) + ".")
for n in ["x1", "x10"]:
    s = read(f"progenitor-raw-{n}.status")
    if s is not None:
        s = s.strip()
        out.append(f"\nprogenitor's crate for the committed {n} spec: "
                   + ("compiles." if s == "ok" else f"does not compile ({s} errors; see progenitor-raw-check-{n}.log). "
                      "The build rows use its output for the copy made by bench/progenitor_compat.py."))
crates = load_json("crates.json")
if crates:
    def med(entry, key="times"):
        v = [x for x in (entry or {}).get(key) or [] if x is not None]
        return statistics.median(v) if v and (entry or {}).get("ok") else None

    out.append("\n### Every spec: spec → crate, and building the crate (medians)\n")
    out.append("Ratios are ours / peer (lower is better for ours). Targets: generation ≤ 0.25 of progenitor's time "
               "and ≤ 1/30 (0.033) of openapi-generator's; clean build ≤ 0.6 and peak memory ≤ 0.5 of progenitor's "
               "crate for the same spec (progenitor's crate is made from bench/progenitor_compat.py's copy). "
               "`check` is `cargo check`.\n")
    out.append("| spec | ours gen | gen / progenitor | gen / openapi-gen | ours build | build / progenitor | "
               "ours check | check / progenitor | build peak RSS ours, MiB | RSS / progenitor | check RSS / progenitor |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    tally = {k: [0, 0] for k in ["gen-p", "gen-o", "build", "rss"]}

    def judge(key, x, limit):
        if x is not None:
            tally[key][1] += 1
            tally[key][0] += x <= limit
        return cell(x, "failed", 3 if limit < 0.1 else 2)

    for name, r in crates.items():
        go, gp, ga = med(r.get("gen-ours")), med(r.get("gen-progenitor")), med(r.get("gen-oag"))
        bo, bp = med(r.get("build-ours")), med(r.get("build-progenitor"))
        ko, kp = med(r.get("check-ours")), med(r.get("check-progenitor"))
        mo, mp = med(r.get("build-ours"), "rss_kb"), med(r.get("build-progenitor"), "rss_kb")
        ro, rp = med(r.get("check-ours"), "rss_kb"), med(r.get("check-progenitor"), "rss_kb")
        out.append("| " + " | ".join([
            name, ms(go), judge("gen-p", ratio(go, gp), 0.25), judge("gen-o", ratio(go, ga), 1 / 30),
            ms(bo), judge("build", ratio(bo, bp), 0.6), ms(ko), cell(ratio(ko, kp), "failed"),
            fmt(mo / 1024 if mo else None, 0), judge("rss", ratio(mo, mp), 0.5), cell(ratio(ro, rp), "failed")]) + " |")
    out.append("\nSpecs meeting each target: " + "; ".join(
        f"{label} {a}/{b}" for label, (a, b) in [("gen ≤ 0.25 progenitor", tally["gen-p"]), ("gen ≤ 1/30 openapi-generator", tally["gen-o"]),
                                                 ("build ≤ 0.6", tally["build"]), ("peak RSS ≤ 0.5", tally["rss"])]) + ".")
    sizes = []
    for name, r in crates.items():
        parts = [f"{t} {r[f'gen-{t}'].get('rs_lines', '?')}" for t in ["ours", "progenitor", "oag"] if r.get(f"gen-{t}", {}).get("ok")]
        sizes.append(f"{name}: " + ", ".join(parts))
    out.append("\nGenerated lines of Rust (ours, progenitor, openapi-generator): " + "; ".join(sizes) + ".")

env = read("env.txt")
if env:
    out.append("\n```\n" + env.strip() + "\n```")
print("\n".join(out))
