#!/usr/bin/env python3
"""The README's two coverage tables (recall, then precision), from
`generator coverage --format json` on standard input (one JSON object per service).

    ./target/release/generator coverage --format json | python3 scripts/coverage-tables.py
"""
import json
import sys


def pct(part, whole):
    return f"{100.0 * part / whole:.1f}% ({part}/{whole})" if whole else "- (0/0)"


def main():
    rows = [json.loads(line) for line in sys.stdin if line.strip()]
    print("| service | pages (operation pages) | operations | rows reachable | rows reachable or out of reach "
          "by a page defect | orphan tables | unresolved links | free-form with table | enum bullets extracted "
          "| invalid paths |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        f = r["figures"]
        print(f"| {r['service']} | {f['pages']} ({f['operation_pages']}) | {f['operations']} "
              f"| {pct(f['rows_reached'], f['rows'])} "
              f"| {pct(f['rows_reached'] + f.get('rows_page_defects', 0), f['rows'])} | {f['orphan_tables']} "
              f"| {f['links'] - f['links_resolved']} | {f['free_form_with_table']} "
              f"| {pct(f['enum_extracted'], f['enum_bullets'])} | {f['invalid_paths']} |")
    keys = ("rows", "rows_reached", "rows_page_defects", "enum_bullets", "enum_extracted")
    total = {k: sum(r["figures"].get(k, 0) for r in rows) for k in keys}
    print(f"| **all {len(rows)}** | | | {pct(total['rows_reached'], total['rows'])} "
          f"| {pct(total['rows_reached'] + total['rows_page_defects'], total['rows'])} | | | "
          f"| {pct(total['enum_extracted'], total['enum_bullets'])} | |")
    print()
    print("Precision on the same specs (each figure counts documented rows; the coverage test fails on any):")
    print()
    keys = ["false_enums", "open_set_enums", "placeholder_defaults", "unstated_defaults",
            "required_contradictions", "required_missing"]
    print("| service | false enums | open-set enums | placeholder defaults | unstated defaults "
          "| required against the page | required missing |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        f = r["figures"]
        print(f"| {r['service']} | " + " | ".join(str(f[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
