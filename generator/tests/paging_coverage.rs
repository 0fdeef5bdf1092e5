//! Every operation the docs page through gets an item stream (`<method>_stream`) or, where the
//! page has no single list, a page stream (`<method>_pages`).
//!
//! "Paged" is decided here from the operation's query parameters alone, independently of the
//! emitter's planner (`emit::paginate::detect`): a position (`marker`, `offset`, `start`,
//! `page`, ...) together with a page size (`limit`, `page_size`, `per_page`, ...).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use generator::emit::model::{lower, Location, Op};
use generator::spec::openapi::OpenApi;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

const POSITIONS: &[&str] = &[
    "marker",
    "next",
    "offset",
    "start",
    "start_number",
    "page",
    "page_no",
    "pageno",
    "page_num",
    "pagenum",
    "cur_page",
    "current_page",
    "page_index",
    "cursor",
];
const SIZES: &[&str] = &["limit", "maxitems", "max_items", "page_size", "pagesize", "per_page", "size", "page_limit"];

fn query<'a>(op: &'a Op, names: &[&str]) -> Option<&'a str> {
    op.params
        .iter()
        .filter(|p| p.location == Location::Query)
        .find(|p| names.iter().any(|n| p.wire.eq_ignore_ascii_case(n)))
        .map(|p| p.wire.as_str())
}

/// The docs page through `op`: it takes a position and a page size in its query.
fn is_paged(op: &Op) -> bool {
    query(op, POSITIONS).is_some() && query(op, SIZES).is_some()
}

/// (service, operation id, has a stream per the planner) of every paged operation.
fn paged_operations() -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(root().join("spec")).unwrap().flatten().map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(text) = std::fs::read_to_string(dir.join("openapi.yaml")) else { continue };
        let service = dir.file_name().unwrap().to_string_lossy().to_string();
        let spec: OpenApi = serde_yaml::from_str(&text).unwrap();
        let all = lower(&spec).unwrap();
        for op in all.ops.iter().filter(|op| is_paged(op)) {
            let planned = generator::emit::paginate::detect(op, &all).is_some();
            out.push((service.clone(), op.operation_id.clone(), planned));
        }
    }
    out
}

/// Paged operations the planner cannot follow, with the reason; the test fails when one of them
/// gets a stream (take it off the list) as well as when another paged operation has none.
const KNOWN: &[(&str, &str, &str)] = &[
    ("antiddos", "GetAntiddosByFloatingIpIdLogs", "the page types `logs` as an object (its table), not a list"),
    ("deh", "GetDedicatedHosts", "the `dedicated_hosts` items have no documented type (a link to a table on another page), so the marker's id cannot be read from them"),
    ("dws", "GetClustersByClusterIdRedistribution", "the page has no list: `redis_info` is one object"),
    ("cfw", "GetAclRules", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetAddressItems", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetAddressSets", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetBlackWhiteLists", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetCfwLogsAccessControl", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetCfwLogsAttack", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetCfwLogsFlow", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetDomainSetDomainsByDomainSetId", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetDomainSets", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetEipsProtect", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetFirewallEastWest", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetFirewallExist", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetServiceItems", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetServiceSets", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    ("cfw", "GetCfwAclTags", "the items sit one object down (`data.records` / `data`), where the planner does not look yet"),
    (
        "dms",
        "GetInstancesByInstanceIdTasks",
        "`start` is documented as the id of the task to start at, typed integer, while task ids are text",
    ),
    ("eip", "GetFloatingips", "`limit` and `marker` have no documented type"),
    (
        "functiongraph",
        "GetFgsFunctionsStatistics",
        "monthly statistics: the page has neither a next marker nor a total, only per-month lists",
    ),
    ("ims", "GetCloudimagesTags", "the page lists tag strings, not images: the image-id marker cannot be read from it"),
    ("rds", "GetRecycleInstances", "`limit` is extracted with the type of another table (`BackupIds`)"),
];

#[test]
fn every_paged_operation_gets_a_stream_by_the_planner() {
    let ops = paged_operations();
    assert!(ops.len() > 200, "only {} paged operations found: the scan no longer sees the specs", ops.len());
    let known = |svc: &str, id: &str| KNOWN.iter().any(|(s, o, _)| *s == svc && *o == id);
    let mut problems = Vec::new();
    for (svc, id, planned) in &ops {
        match (planned, known(svc, id)) {
            (false, false) => problems.push(format!("{svc} {id}: paged in the docs, but no _stream/_pages method")),
            (true, true) => problems.push(format!("{svc} {id}: now gets a stream: take it off KNOWN")),
            _ => {}
        }
    }
    for (svc, id, _) in KNOWN {
        if !ops.iter().any(|(s, o, _)| s == svc && o == id) {
            problems.push(format!("{svc} {id}: listed in KNOWN but no longer a paged operation"));
        }
    }
    let streamed = ops.iter().filter(|(_, _, p)| *p).count();
    println!("{streamed} of {} paged operations get a stream; {} known without", ops.len(), KNOWN.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The Rust sources of the crate generated for `service` under `generated`, joined.
fn crate_source(generated: &Path, service: &str) -> String {
    // Modules are folders of files by role (`src/<group>/mod.rs`, `requests.rs`, ...).
    let mut files: Vec<PathBuf> = Vec::new();
    let mut dirs = vec![generated.join(service).join("src")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect::<Vec<_>>().join("\n")
}

/// The generated crates (`generated/`, or `PAGING_GENERATED_DIR` for a scratch regeneration) have
/// the stream of every paged operation not in [`KNOWN`]: the client method is found by its docs
/// line ``/// `GET /path` (`OperationId`)``, its stream as `<method>_stream` or `<method>_pages`.
#[test]
fn every_paged_operation_has_a_stream_in_the_generated_crates() {
    let generated = std::env::var_os("PAGING_GENERATED_DIR").map_or_else(|| root().join("generated"), PathBuf::from);
    let method = regex::Regex::new(
        r"(?s)/// `[A-Z]+ [^`]*` \(`(\w+)`\)\n(?:\s*///[^\n]*\n|\s*#\[[^\n]*\n)*\s*pub async fn (?:r#)?(\w+)\(",
    )
    .unwrap();
    let mut sources = std::collections::HashMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (svc, id, _) in paged_operations() {
        if KNOWN.iter().any(|(s, o, _)| *s == svc && *o == id) {
            continue;
        }
        let text: &String = sources.entry(svc.clone()).or_insert_with(|| crate_source(&generated, &svc));
        let Some(name) = method.captures_iter(text).find(|c| c[1] == *id).map(|c| c[2].to_string()) else {
            problems.push(format!("{svc} {id}: no client method in {}", generated.join(&svc).display()));
            continue;
        };
        checked += 1;
        let has = ["stream", "pages"].iter().any(|suffix| {
            let stream = generator::emit::naming::suffixed_method(&name, suffix);
            text.contains(&format!("pub fn {stream}<")) || text.contains(&format!("pub fn r#{stream}<"))
        });
        if !has {
            problems.push(format!("{svc} {id}: `{name}` has no `{name}_stream` or `{name}_pages`"));
        }
    }
    assert!(checked > 200, "only {checked} paged client methods found in {}", generated.display());
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
