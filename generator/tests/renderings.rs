//! Format equivalence: the Sphinx HTML, pandoc Markdown and browser-copied text
//! renderings of committed services (dns, kms, nat, smn, vpc: `tests/fixtures/renderings/<svc>/{html,md,txt,txt-bullets}`,
//! made by `scripts/render.sh`) give the same API as the RST pages they were
//! rendered from, compared per operation: parameters, body and response
//! properties, required flags, types, enum values, defaults and ranges.
//!
//! Every difference is listed; the test fails on any. The Chinese fixture set
//! (`tests/fixtures/renderings-zh`) gets the same comparison.
//!
//! `RENDER_REPORT=1 cargo test -p generator --test renderings -- --nocapture`
//! prints the per form and per service figures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::pipeline::{self, PageFile};
use generator::spec::build::ServiceInfo;
use generator::spec::diff::type_sig;
use generator::spec::openapi::{OpenApi, Schema};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Facts of one operation: a key (`query limit`, `body servers[].name`, `200 zones[].id`) and what the
/// spec says of it.
type Facts = BTreeMap<String, String>;

fn build(files: Vec<PageFile>) -> OpenApi {
    build_with_diagnostics(files).0
}

/// The spec, and how many diagnostics of each code reading and building it gave.
fn build_with_diagnostics(files: Vec<PageFile>) -> (OpenApi, BTreeMap<String, usize>) {
    let (pages, mut diags) = pipeline::extract_pages(&files);
    let (spec, more) = pipeline::build_spec(&pages, &ServiceInfo::new("T", "t"), None);
    diags.extend(more);
    let mut codes = BTreeMap::new();
    for d in diags {
        *codes.entry(format!("{:?}", d.code)).or_insert(0) += 1;
    }
    (spec, codes)
}

/// The spec's operations, keyed by `METHOD path`, each as its facts.
fn facts(spec: &OpenApi) -> BTreeMap<String, Facts> {
    let mut out = BTreeMap::new();
    for (path, method, op) in spec.operations() {
        let mut f = Facts::new();
        f.insert("operationId".into(), op.operation_id.clone());
        for p in &op.parameters {
            let key = format!("{} {}", p.location, p.name);
            f.insert(key.clone(), format!("required={} {}", p.required, schema_fact(spec, &p.schema)));
            walk(spec, &p.schema, &key, &mut f, 0);
        }
        if let Some(body) = &op.request_body {
            for m in body.content.values() {
                f.insert("body".into(), format!("required={} {}", body.required, schema_fact(spec, &m.schema)));
                walk(spec, &m.schema, "body", &mut f, 0);
            }
        }
        for (status, r) in &op.responses {
            for m in r.content.values() {
                walk(spec, &m.schema, status, &mut f, 0);
            }
        }
        out.insert(format!("{} {path}", method.to_uppercase()), f);
    }
    out
}

fn resolve<'a>(spec: &'a OpenApi, s: &'a Schema) -> &'a Schema {
    let mut s = s;
    for _ in 0..8 {
        let next = s.ref_name().or_else(|| s.all_of.first().and_then(|a| a.ref_name()));
        match next.and_then(|n| spec.components.schemas.get(n)) {
            Some(t) => s = t,
            None => break,
        }
    }
    s
}

fn schema_fact(spec: &OpenApi, s: &Schema) -> String {
    let r = resolve(spec, s);
    let inner = r.items.as_deref().map(|i| resolve(spec, i)).unwrap_or(r);
    let mut parts = vec![format!("type={}", type_sig(r))];
    if !inner.enum_values.is_empty() {
        parts.push(format!("enum={:?}", inner.enum_values));
    }
    for (label, v) in [("default", &r.default), ("default", &inner.default)] {
        if let Some(v) = v {
            parts.push(format!("{label}={v}"));
        }
    }
    for (label, v) in [("min", r.minimum.or(inner.minimum)), ("max", r.maximum.or(inner.maximum))] {
        if let Some(v) = v {
            parts.push(format!("{label}={v}"));
        }
    }
    let lens = [
        ("minLength", r.min_length.or(inner.min_length)),
        ("maxLength", r.max_length.or(inner.max_length)),
        ("minItems", r.min_items),
        ("maxItems", r.max_items),
    ];
    for (label, v) in lens {
        if let Some(v) = v {
            parts.push(format!("{label}={v}"));
        }
    }
    parts.dedup();
    parts.join(" ")
}

/// Properties under `s`, as `prefix.name` facts (array items as `name[]`).
fn walk(spec: &OpenApi, s: &Schema, prefix: &str, out: &mut Facts, depth: usize) {
    if depth > 8 {
        return;
    }
    let r = resolve(spec, s);
    let obj = match r.items.as_deref() {
        Some(items) => resolve(spec, items),
        None => r,
    };
    let prefix = if r.items.is_some() { format!("{prefix}[]") } else { prefix.to_string() };
    for (name, p) in &obj.properties {
        let key = format!("{prefix}.{name}");
        let required = obj.required.contains(name);
        out.insert(key.clone(), format!("required={required} {}", schema_fact(spec, p)));
        walk(spec, p, &key, out, depth + 1);
    }
}

/// Differences of `form` from `rst`, one line each.
fn differences(rst: &BTreeMap<String, Facts>, form: &BTreeMap<String, Facts>) -> Vec<String> {
    let mut out = Vec::new();
    let ops: BTreeSet<&String> = rst.keys().chain(form.keys()).collect();
    for op in ops {
        match (rst.get(op), form.get(op)) {
            (Some(a), Some(b)) => {
                let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for k in keys {
                    match (a.get(k), b.get(k)) {
                        (Some(x), Some(y)) if x == y => {}
                        (x, y) => out.push(format!("{op}: {k}: rst {x:?} vs {y:?}")),
                    }
                }
            }
            (Some(_), None) => out.push(format!("{op}: missing")),
            (None, Some(_)) => out.push(format!("{op}: extra")),
            (None, None) => {}
        }
    }
    out
}

/// Counts used in the report: facts (rows) reached, required flags and enum values that agree.
#[derive(Default, Debug)]
struct Score {
    rows: (usize, usize),
    required: (usize, usize),
    enums: (usize, usize),
}

fn score(rst: &BTreeMap<String, Facts>, form: &BTreeMap<String, Facts>) -> Score {
    let mut s = Score::default();
    for (op, a) in rst {
        let b = form.get(op);
        for (k, v) in a {
            let got = b.and_then(|b| b.get(k));
            s.rows.1 += 1;
            s.rows.0 += usize::from(got.is_some());
            if v.contains("required=true") {
                s.required.1 += 1;
                s.required.0 += usize::from(got.is_some_and(|g| g.contains("required=true")));
            }
            if let Some(e) = enum_part(v) {
                s.enums.1 += 1;
                s.enums.0 += usize::from(got.and_then(|g| enum_part(g)) == Some(e));
            }
        }
    }
    s
}

fn enum_part(fact: &str) -> Option<&str> {
    let start = fact.find("enum=[")?;
    let end = fact[start..].find(']')?;
    Some(&fact[start..start + end])
}

fn pct((n, d): (usize, usize)) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.1}% ({n}/{d})", 100.0 * n as f64 / d as f64)
    }
}

fn pages(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

fn page_files(paths: Vec<(PathBuf, String)>) -> Vec<PageFile> {
    paths.into_iter().map(|(path, display)| PageFile { path, display }).collect()
}

/// One set of renderings: the RST pages and each form of them.
struct Set {
    name: String,
    rst: Vec<PageFile>,
    forms: Vec<(&'static str, Vec<PageFile>)>,
}

/// A committed service: html/, md/, txt/ rendered from `spec/<svc>/docs`; a rendering's file name is the
/// RST path with `/` written `__`.
fn service_set(svc: &str) -> Set {
    let dir = manifest().join("tests/fixtures/renderings").join(svc);
    let docs = manifest().join("../spec").join(svc).join("docs");
    rendered_set(svc, &dir, &docs)
}

/// The renderings in `dir` of the RST pages under `docs`.
fn rendered_set(svc: &str, dir: &Path, docs: &Path) -> Set {
    let html = pages(&dir.join("html"), "html");
    let rst = html
        .iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().replace("__", "/");
            (docs.join(format!("{stem}.rst")), format!("{stem}.rst"))
        })
        .collect();
    let form = |sub: &str, ext: &str| {
        page_files(
            pages(&dir.join(sub), ext)
                .into_iter()
                .map(|p| {
                    let stem = p.file_stem().unwrap().to_string_lossy().replace("__", "/");
                    (p, format!("{stem}.{ext}"))
                })
                .collect(),
        )
    };
    Set {
        name: svc.to_string(),
        rst: page_files(rst),
        forms: vec![
            ("html", form("html", "html")),
            ("md", form("md", "md")),
            ("txt", form("txt", "txt")),
            ("txt-bullets", form("txt-bullets", "txt")),
        ],
    }
}

/// The Chinese pages written for these tests (`renderings-zh/src`) and their renderings (`renderings-zh/zh`).
fn chinese_set() -> Set {
    let root = manifest().join("tests/fixtures/renderings-zh");
    let mut set = rendered_set("zh", &root.join("zh"), &root.join("src"));
    set.name = "zh".into();
    set
}

fn services() -> Vec<String> {
    let dir = manifest().join("tests/fixtures/renderings");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// Compare every form of `set` with its RST; returns the differences, prints the figures when asked.
fn compare(set: &Set) -> Vec<String> {
    let (rst_spec, rst_codes) = build_with_diagnostics(set.rst.clone());
    let rst = facts(&rst_spec);
    assert!(!rst.is_empty(), "{}: no operation from the RST pages", set.name);
    let report = std::env::var_os("RENDER_REPORT").is_some();
    let mut out = Vec::new();
    for (form, files) in &set.forms {
        let (spec, codes) = build_with_diagnostics(files.clone());
        let got = facts(&spec);
        let diffs = differences(&rst, &got);
        if report {
            let s = score(&rst, &got);
            // Diagnostics this form gives more or fewer of than the RST.
            let all: BTreeSet<&String> = codes.keys().chain(rst_codes.keys()).collect();
            let diag: Vec<String> = all
                .into_iter()
                .filter_map(|c| {
                    let (a, b) = (rst_codes.get(c).copied().unwrap_or(0), codes.get(c).copied().unwrap_or(0));
                    (a != b).then(|| format!("{c} {a}->{b}"))
                })
                .collect();
            println!(
                "{:<6} {:<11} ops {}/{}  rows {}  required {}  enums {}  differences {}  diagnostics vs rst [{}]",
                set.name,
                form,
                got.keys().filter(|k| rst.contains_key(*k)).count(),
                rst.len(),
                pct(s.rows),
                pct(s.required),
                pct(s.enums),
                diffs.len(),
                diag.join(", ")
            );
            if std::env::var_os("RENDER_REPORT_DIFFS").is_some() {
                for d in &diffs {
                    println!("    {d}");
                }
            }
        }
        out.extend(diffs.into_iter().map(|d| format!("{} {form}: {d}", set.name)));
    }
    out
}

#[test]
fn renderings_give_the_api_of_their_rst() {
    let svcs = services();
    assert!(svcs.len() >= 3, "{svcs:?}");
    let mut ops = 0;
    let mut diffs = Vec::new();
    for svc in &svcs {
        let set = service_set(svc);
        ops += set.rst.len();
        diffs.extend(compare(&set));
    }
    assert!(ops >= 150, "{ops} operation pages");
    check_known(&diffs, "renderings/known_differences.txt");
}

#[test]
fn chinese_pages_give_the_same_api_in_every_form() {
    let set = chinese_set();
    assert_eq!(set.rst.len(), 4);
    let diffs = compare(&set);
    assert!(diffs.is_empty(), "{} differences:\n{}", diffs.len(), diffs.join("\n"));
}

/// What the Chinese pages state, read from their RST: every label and list form reaches the spec.
#[test]
fn chinese_labels_and_lists_reach_the_spec() {
    let facts = facts(&build(chinese_set().rst));
    let create = &facts["POST /v1/{project_id}/backup-policies"];
    let list = &facts["GET /v1/{project_id}/backup-policies"];
    let update = &facts["PUT /v1/{project_id}/backup-policies/{policy_id}"];
    let delete = &facts["POST /v1/{project_id}/backup-policies/batch-delete"];
    let mut got = Vec::new();
    for (op, key) in [
        (create, "body.dry_run"),
        (create, "body.policy.name"),
        (create, "body.policy.operation_type"),
        (create, "body.policy.enabled"),
        (create, "body.policy.trigger.frequency"),
        (create, "body.policy.trigger.hour"),
        (create, "body.policy.trigger.timezone"),
        (create, "body.policy.retention[].max_backups"),
        (create, "body.policy.retention[].mode"),
        (create, "200.policy.status"),
        (list, "query limit"),
        (list, "query offset"),
        (list, "query operation_type"),
        (list, "query sort_dir"),
        (list, "200.policies[].operation_type"),
        (update, "path policy_id"),
        (update, "query dry_run"),
        (update, "header X-Language"),
        (update, "body.policy"),
        (update, "body.policy.name"),
        (update, "body.policy.enabled"),
        (update, "body.policy.mode"),
        (update, "body.policy.interval"),
        (update, "body.policy.timezone"),
        (update, "body.policy.tags"),
        (update, "body.policy.storage_class"),
        (update, "200.policy.status"),
        (update, "200.policy.interval"),
        (delete, "body"),
        (delete, "200.failed[].reason"),
        (delete, "400.error_code"),
        (delete, "default.error_msg"),
    ] {
        got.push(format!("{key}: {}", op.get(key).map_or("missing", String::as_str)));
    }
    insta::assert_snapshot!(got.join("\n"));
}

/// Differences a form cannot carry, each listed with its reason in `file` (lines starting with
/// `#` are the reasons). Any other difference fails the test, and so does a listed one that no
/// longer occurs (the list is kept exact).
fn check_known(diffs: &[String], file: &str) {
    let path = manifest().join("tests/fixtures").join(file);
    let listed = std::fs::read_to_string(&path).unwrap_or_default();
    let known: BTreeSet<&str> = listed.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).collect();
    let new: Vec<&String> = diffs.iter().filter(|d| !known.contains(d.as_str())).collect();
    let found: BTreeSet<&str> = diffs.iter().map(String::as_str).collect();
    let stale: Vec<&&str> = known.iter().filter(|k| !found.contains(**k)).collect();
    assert!(
        new.is_empty() && stale.is_empty(),
        "{} differences not in {file}:\n{}\n{} listed there that no longer occur:\n{}",
        new.len(),
        new.iter().map(|d| d.as_str()).collect::<Vec<_>>().join("\n"),
        stale.len(),
        stale.iter().map(|d| **d).collect::<Vec<_>>().join("\n")
    );
}

/// Measure renderings made elsewhere (not committed), one folder per service as `scripts/render.sh
/// OUT svc...` writes them:
/// `RENDER_DIR=/tmp/rend RENDER_REPORT=1 cargo test -p generator --test renderings measure -- --ignored --nocapture`
#[test]
#[ignore]
fn measure() {
    let root = PathBuf::from(std::env::var("RENDER_DIR").expect("RENDER_DIR=folder"));
    let mut svcs: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("html").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    svcs.sort();
    for svc in svcs {
        let docs = manifest().join("../spec").join(&svc).join("docs");
        let diffs = compare(&rendered_set(&svc, &root.join(&svc), &docs));
        println!("{svc}: {} differences", diffs.len());
    }
}

/// `RENDER_DUMP=page.html cargo test -p generator --test renderings dump -- --ignored --nocapture`
/// prints what a reader makes of one page.
#[test]
#[ignore]
fn dump() {
    let path = PathBuf::from(std::env::var("RENDER_DUMP").expect("RENDER_DUMP=page"));
    let (doc, _) = generator::ingest::read_file(&path, "page").unwrap();
    for n in &doc.nodes {
        match &n.kind {
            generator::ingest::NodeKind::Table(t) => {
                println!("{:?} TABLE label={:?} caption={:?} anchors={:?}", n.line, t.label, t.caption, t.anchors);
                println!("   header: {:?}", t.header.iter().map(|c| c.text()).collect::<Vec<_>>());
                for r in &t.rows {
                    let links: Vec<_> = r.cells.iter().flat_map(|c| c.links()).map(|l| &l.href).collect();
                    println!(
                        "   {:?} {:?} links={links:?}",
                        r.line,
                        r.cells.iter().map(|c| c.text()).collect::<Vec<_>>()
                    );
                }
            }
            k => println!("{:?} {k:?}", n.line),
        }
    }
    let (page, diags) = generator::extract::extract(&doc);
    for d in diags {
        println!("{d}");
    }
    println!("{} operations", page.operations.len());
}
