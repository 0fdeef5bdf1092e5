#!/usr/bin/env python3
"""Make a synthetic xN service from one OpenAPI spec (for the spec -> Rust benchmark).

    replicate_spec.py SPEC COPIES OUT

Copy 0 is the spec unchanged. Copy i (1..COPIES-1) adds, for every path,
`/copy{i}` + path, with every operationId (also inside `x-operations`) suffixed
`Copy{i}`, and for every schema in components.schemas a schema `<Name>Copy{i}`;
every `$ref: '#/components/schemas/<Name>'` inside a copy points at the copy's
schema. Nothing else changes (info, servers, descriptions, examples, x-source),
so every generator sees COPIES times the same amount of distinct work.
"""

import sys

import yaml

REF = "#/components/schemas/"

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def rename(node, suffix):
    """A deep copy of node with schema refs and operationIds suffixed."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF):
                out[key] = value + suffix
            elif key == "operationId" and isinstance(value, str):
                out[key] = value + suffix
            else:
                out[key] = rename(value, suffix)
        return out
    if isinstance(node, list):
        return [rename(v, suffix) for v in node]
    return node


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, copies, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(src, encoding="utf-8") as f:
        spec = yaml.load(f, Loader=Loader)
    paths = dict(spec["paths"])
    schemas = dict(spec.get("components", {}).get("schemas", {}))
    for i in range(1, copies):
        suffix = f"Copy{i}"
        for path, item in spec["paths"].items():
            paths[f"/copy{i}{path}"] = rename(item, suffix)
        for name, schema in spec["components"]["schemas"].items():
            schemas[name + suffix] = rename(schema, suffix)
    spec["paths"] = dict(sorted(paths.items()))
    spec.setdefault("components", {})["schemas"] = dict(sorted(schemas.items()))
    with open(dst, "w", encoding="utf-8") as f:
        yaml.dump(spec, f, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=1 << 20)
    ops = sum(1 for item in paths.values() for m in item if m in ("get", "put", "post", "delete", "patch", "head", "options"))
    print(f"{dst}: {len(paths)} paths, {ops} path operations, {len(schemas)} schemas", file=sys.stderr)


if __name__ == "__main__":
    main()
