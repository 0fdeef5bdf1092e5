#!/usr/bin/env python3
"""A copy of a spec whose progenitor output compiles.

    progenitor_compat.py SPEC OUT

progenitor (typify) turns every schema name into a PascalCase Rust type name,
so component schemas whose names differ only in case or underscores (our
ModelArts spec has `DataSource` and `data_source`, `Flavor` and `flavor`,
`Result` and `result`, `Specification` and `specification`) become two
`pub struct` items with the same name and the crate does not compile (E0428,
E0119, ...). progenitor itself accepts the spec (exit 0); only its output is
broken.

Change 1: in every group of schema names that collide once case and
non-alphanumeric characters are ignored, the first name in sorted order that
is already PascalCase-clean (else the first name) keeps its name; each other
member is renamed to the PascalCase form of its name plus `Alt`, `Alt2`, ...
(unique), and every `$ref` to it is rewritten.

Change 2 (only matters for the x10 replica, whose copies add `Copy<n>` to
names): an operationId longer than MAX_OP_ID (69) characters or a schema name
longer than MAX_SCHEMA (79) characters, the longest ones in the committed
spec, is cut so that it is no longer than that, ending in `X<n>` (unique);
references and `x-operations` follow. progenitor formats its output with
prettyplease; with the longer x10 names
(`...PodByPodNameMetricStatisticRequestBodyCopy1`) the method signature no
longer fits, is printed verbatim on the line of the preceding
`/// - \`body\`` doc comment, becomes part of the comment, and the crate does
not compile (`unexpected closing delimiter`).

Nothing else changes: paths,
operations, `x-operations`, `oneOf`/`allOf`, content types are left as they
are, because progenitor 0.15 handled all of them on this spec. The renames
are printed to stderr.
"""

import re
import sys
from collections import defaultdict

import yaml

REF = "#/components/schemas/"
MAX_OP_ID = 69
MAX_SCHEMA = 79
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def key(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def pascal(name):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^A-Za-z0-9]+", name) if p)


def rewrite(node, renames, ops):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "operationId" and isinstance(v, str) and v in ops:
                out[k] = ops[v]
            elif k == "$ref" and isinstance(v, str) and v.startswith(REF) and v[len(REF):] in renames:
                out[k] = REF + renames[v[len(REF):]]
            else:
                out[k] = rewrite(v, renames, ops)
        return out
    if isinstance(node, list):
        return [rewrite(v, renames, ops) for v in node]
    return node


def shorten(names, limit):
    """{name: shorter name} for names over limit: cut, then `X<n>`, unique."""
    out, n = {}, 0
    for name in sorted(names):
        if len(name) <= limit:
            continue
        while True:
            n += 1
            tail = f"X{n}"
            new = name[: limit - len(tail)] + tail
            if new not in names and new not in out.values():
                break
        out[name] = new
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = yaml.load(f, Loader=Loader)
    schemas = spec["components"]["schemas"]
    groups = defaultdict(list)
    for name in sorted(schemas):
        groups[key(name)].append(name)
    taken = set(schemas)
    renames = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        clean = [m for m in members if re.fullmatch(r"[A-Z][A-Za-z0-9]*", m)]
        keep = clean[0] if clean else members[0]
        for m in members:
            if m == keep:
                continue
            base, n = pascal(m) + "Alt", 1
            new = base
            while new in taken or key(new) in groups:
                n += 1
                new = f"{base}{n}"
            taken.add(new)
            renames[m] = new
    long_names = shorten({renames.get(k, k) for k in schemas}, MAX_SCHEMA)
    renames = {k: long_names.get(renames.get(k, k), renames.get(k, k)) for k in schemas}
    renames = {k: v for k, v in renames.items() if k != v}
    for old, new in sorted(renames.items()):
        print(f"rename schema {old} -> {new}", file=sys.stderr)
    spec["components"]["schemas"] = {renames.get(k, k): v for k, v in schemas.items()}
    op_ids = set()

    def collect(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "operationId" and isinstance(v, str):
                    op_ids.add(v)
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    collect(spec["paths"])
    ops = shorten(op_ids, MAX_OP_ID)
    for old, new in sorted(ops.items()):
        print(f"shorten operationId {old} -> {new}", file=sys.stderr)
    spec = rewrite(spec, renames, ops)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        yaml.dump(spec, f, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1 << 20)
    print(f"{sys.argv[2]}: {len(renames)} schemas renamed, {len(ops)} operationIds shortened", file=sys.stderr)


if __name__ == "__main__":
    main()
