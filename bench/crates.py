#!/usr/bin/env python3
"""spec -> crate and crate -> binary, for every spec given: ours vs cargo-progenitor vs openapi-generator.

    crates.py --work DIR --out RESULTS.json --gen-runs N --oag-runs N --build-runs N \
              --generator BIN --runtime DIR --oag 'java ... -jar X' --python PY NAME=SPEC...

For each NAME=SPEC (run one after the other; nothing else should be running):

1. generation, `--gen-runs` timed runs each (output folder removed before every run, not timed):
   ours `generator crate --spec S --out D`, `cargo-progenitor progenitor -i S -o D -n N -v 0.1.0`
   (the spec as is), openapi-generator `generate -g rust -i S -o D` (`--oag-runs` runs).
2. the crates, all in one CARGO_TARGET_DIR under `--work` so dependencies are built once: ours
   (with `--runtime-path`) and progenitor's output for `bench/progenitor_compat.py`'s copy of the
   spec (progenitor's crate for some specs as is does not compile: schema names that differ only
   in case). The first crate of each tool is built and checked once untimed (dependencies);
   then `--build-runs` times each: `cargo clean -p <crate>`, then `cargo build` (dev profile,
   library) under `/usr/bin/time -v` (wall time and peak RSS: the largest process, rustc for the
   crate), and the same for `cargo check`.

Writes every measurement to RESULTS.json (medians are taken by report.py). Timings only.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--work", required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--gen-runs", type=int, default=5)
ap.add_argument("--oag-runs", type=int, default=3)
ap.add_argument("--build-runs", type=int, default=3)
ap.add_argument("--generator", required=True)
ap.add_argument("--runtime", required=True)
ap.add_argument("--oag", required=True, help="openapi-generator command prefix, shell words")
ap.add_argument("--python", default=sys.executable)
ap.add_argument("--compat", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "progenitor_compat.py"))
ap.add_argument("--steps", default="gen build")
ap.add_argument("specs", nargs="+")
args = ap.parse_args()
steps = args.steps.split()
work = os.path.abspath(args.work)
os.makedirs(work, exist_ok=True)
logdir = os.path.join(os.path.dirname(os.path.abspath(args.out)), "crates-logs")
os.makedirs(logdir, exist_ok=True)
results = {}
if os.path.exists(args.out):
    with open(args.out, encoding="utf-8") as f:
        results = json.load(f)


def save():
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=1)


def run(cmd, log, env=None):
    """Run, stdout+stderr to log; (ok, seconds)."""
    start = time.perf_counter()
    with open(log, "ab") as f:
        f.write(("\n$ " + shlex.join(cmd) + "\n").encode())
        f.flush()
        rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env).returncode
    return rc == 0, time.perf_counter() - start


def timed(cmd, log, env=None):
    """Under /usr/bin/time -v: (ok, wall seconds, peak RSS KiB)."""
    tfile = log + ".time"
    ok, secs = run(["/usr/bin/time", "-v", "-o", tfile] + cmd, log, env)
    rss = None
    try:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(tfile, encoding="utf-8").read())
        rss = int(m.group(1)) if m else None
    except OSError:
        pass
    return ok, secs, rss


def rs_stats(root):
    files = [os.path.join(d, f) for d, _, fs in os.walk(root) if "/target" not in d for f in fs if f.endswith(".rs")]
    text = "".join(open(p, encoding="utf-8", errors="replace").read() for p in files)
    return {"rs_files": len(files), "rs_lines": text.count("\n"), "async_fns": len(re.findall(r"\bpub async fn\b", text))}


def gen_cmds(spec, out, name):
    return {
        "ours": [args.generator, "crate", "--spec", spec, "--out", out, "--name", f"bench-ours-{name}"],
        "progenitor": ["cargo-progenitor", "progenitor", "-i", spec, "-o", out, "-n", f"bench-progenitor-{name}", "-v", "0.1.0"],
        "oag": shlex.split(args.oag) + ["generate", "-g", "rust", "-i", spec, "-o", out],
    }


def gen_step(name, spec):
    r = results.setdefault(name, {})
    for tool, runs in [("ours", args.gen_runs), ("progenitor", args.gen_runs), ("oag", args.oag_runs)]:
        out = os.path.join(work, "gen", name, tool)
        cmd = gen_cmds(spec, out, name)[tool]
        log = os.path.join(logdir, f"gen-{tool}-{name}.log")
        times, ok = [], True
        for _ in range(max(1, runs)):
            shutil.rmtree(out, ignore_errors=True)
            ok, secs = run(cmd, log)
            if not ok:
                break
            times.append(secs)
        r[f"gen-{tool}"] = {"ok": ok, "times": times, **(rs_stats(out) if ok else {})}
        print(f"  {name} gen {tool}: " + (f"{sorted(times)[len(times) // 2]:.3f} s" if ok else f"FAILED ({log})"), flush=True)
        save()


def build_step(name, spec, warmed):
    r = results.setdefault(name, {})
    env = dict(os.environ, CARGO_TARGET_DIR=os.path.join(work, "build", "target"))
    base = os.path.join(work, "build", name)
    crates = {}
    ours = os.path.join(base, "ours")
    shutil.rmtree(ours, ignore_errors=True)
    ok, _ = run([args.generator, "crate", "--spec", spec, "--out", ours, "--name", f"bench-ours-{name}",
                 "--runtime-path", args.runtime], os.path.join(logdir, f"crate-ours-{name}.log"))
    if ok:
        crates["ours"] = (ours, f"bench-ours-{name}")
    compat = os.path.join(base, "compat.yaml")
    prog = os.path.join(base, "progenitor")
    shutil.rmtree(prog, ignore_errors=True)
    plog = os.path.join(logdir, f"crate-progenitor-{name}.log")
    ok, _ = run([args.python, args.compat, spec, compat], plog)
    ok = ok and run(["cargo-progenitor", "progenitor", "-i", compat, "-o", prog, "-n", f"bench-progenitor-{name}", "-v", "0.1.0"], plog)[0]
    if ok:
        crates["progenitor"] = (prog, f"bench-progenitor-{name}")
    else:
        r["build-progenitor"] = {"ok": False, "why": "progenitor failed on the compat spec"}
    for tool, (d, pkg) in crates.items():
        manifest = os.path.join(d, "Cargo.toml")
        log = os.path.join(logdir, f"build-{tool}-{name}.log")
        if tool not in warmed:
            # Dependencies: built and checked once, untimed.
            run(["cargo", "build", "-q", "--manifest-path", manifest], log, env)
            run(["cargo", "check", "-q", "--manifest-path", manifest], log, env)
            warmed.add(tool)
        for mode in ["build", "check"]:
            times, rss, ok = [], [], True
            for _ in range(max(1, args.build_runs)):
                run(["cargo", "clean", "-q", "-p", pkg, "--manifest-path", manifest], log, env)
                ok, secs, kb = timed(["cargo", mode, "-q", "--manifest-path", manifest], log, env)
                if not ok:
                    break
                times.append(secs)
                rss.append(kb)
            r[f"{mode}-{tool}"] = {"ok": ok, "times": times, "rss_kb": rss}
            med = sorted(times)[len(times) // 2] if times else None
            print(f"  {name} {mode} {tool}: " + (f"{med:.1f} s, {max(x or 0 for x in rss) / 1024:.0f} MiB" if ok else f"FAILED ({log})"), flush=True)
            save()


warmed = set()
for item in args.specs:
    name, spec = item.split("=", 1)
    spec = os.path.abspath(spec)
    if "gen" in steps:
        gen_step(name, spec)
    if "build" in steps:
        build_step(name, spec, warmed)
save()
