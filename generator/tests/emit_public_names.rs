//! The public API of every generated crate (`generated/*/src`, as committed) against the rules
//! of the naming pass: no API versions, route-glued or numbered names, no method over 50
//! characters or named from the route, no response typed `*Request*`, no per-field boilerplate
//! or source locations in the docs. Fails with every offending name, so a regression shows.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::spec::openapi::OpenApi;
use regex::Regex;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// (service, file name, contents) of every generated source file.
fn sources() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut crates: Vec<PathBuf> =
        std::fs::read_dir(root().join("generated")).unwrap().map(|e| e.unwrap().path()).collect();
    crates.sort();
    for dir in crates {
        let service = dir.file_name().unwrap().to_string_lossy().to_string();
        // Modules are folders of files by role: every `.rs` file under `src`, named by its path there.
        let src = dir.join("src");
        let mut files: Vec<PathBuf> = Vec::new();
        let mut dirs = vec![src.clone()];
        while let Some(d) = dirs.pop() {
            let Ok(entries) = std::fs::read_dir(&d) else { continue };
            for path in entries.map(|e| e.unwrap().path()) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        files.sort();
        for f in files {
            let name = f.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            out.push((service.clone(), name, std::fs::read_to_string(&f).unwrap()));
        }
    }
    assert!(out.len() > 13, "the generated crates are missing");
    out
}

fn captures(re: &str, text: &str) -> Vec<String> {
    Regex::new(re).unwrap().captures_iter(text).map(|c| c[1].to_string()).collect()
}

/// Offending names as `service/file: name (why)`.
fn check(
    rule: &str,
    names: impl Fn(&str) -> Vec<String>,
    bad: impl Fn(&str) -> bool,
    files: &[(String, String, String)],
) -> Vec<String> {
    let mut out = Vec::new();
    for (service, file, text) in files {
        for n in names(text) {
            if bad(&n) {
                out.push(format!("{service}/{file}: {n} ({rule})"));
            }
        }
    }
    out
}

fn types(text: &str) -> Vec<String> {
    captures(r"(?m)^\s*pub (?:struct|enum|type) (\w+)", text)
}

/// The client's operation methods and their streams (setters follow field names).
fn methods(text: &str) -> Vec<String> {
    let mut out = captures(r"(?m)^\s*pub async fn (\w+)", text);
    out.extend(captures(r"(?m)^\s*pub fn (\w+_(?:stream|pages))<", text));
    out
}

fn re(pattern: &'static str) -> Regex {
    Regex::new(pattern).unwrap()
}

static VERSIONED_TYPE: LazyLock<Regex> = LazyLock::new(|| re(r"(^|[a-z])V\d+(_\d+)*([A-Z]|$)"));
static NUMBERED_TYPE: LazyLock<Regex> =
    LazyLock::new(|| re(r"[A-Za-z]\d+$|[a-z](Two|Three|Four|Five|Six|Seven|Eight|Nine)$|V(Zero|One|Two|Three)"));
static VERSIONED_METHOD: LazyLock<Regex> = LazyLock::new(|| re(r"(^|_)v\d+(_\d+)*(_|$)"));
static NUMBERED_FIELD: LazyLock<Regex> = LazyLock::new(|| re(r"_\d+$"));
static NUMBERED_MODULE: LazyLock<Regex> = LazyLock::new(|| re(r"(^|_)v?\d+(_|$)"));

/// A version token in a type name: `V2Job`, `ScalingPolicyV1Request`, `DbInstanceV1_0`.
fn versioned_type(n: &str) -> bool {
    VERSIONED_TYPE.is_match(n)
}

/// Numbered (`DataSource2`) or spelled-number fallbacks (`StatementTwo`, `VOneZero`).
/// Words that end in digits and are words of the docs (`allow_address_netmasks_ipv6`), not numbering.
const DIGIT_WORDS: &[&str] = &["Ipv4", "Ipv6", "Md5", "Sha1", "Sha256", "Base64", "Utf8", "X509", "Http2"];

fn numbered_type(n: &str) -> bool {
    let word_end = DIGIT_WORDS.iter().any(|w| n.ends_with(w));
    NUMBERED_TYPE.is_match(n) && !word_end
}

fn versioned_method(n: &str) -> bool {
    VERSIONED_METHOD.is_match(n)
}

#[test]
fn public_names_carry_no_versions_numbers_or_routes() {
    let files = sources();
    let mut problems = Vec::new();
    problems.extend(check("API version in a type name", types, versioned_type, &files));
    // A crate's whole text: the serde impls, which hold the JSON names, are files of their own.
    let mut crate_text: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    for (service, _, text) in &files {
        crate_text.entry(service.as_str()).or_default().push_str(text);
    }
    // A number the docs give the type (`top10`, a table's name) is its name, not a fallback.
    for p in check("numbered type name", types, numbered_type, &files) {
        let (service, rest) = p.split_once('/').unwrap_or_default();
        let name = rest.split(": ").nth(1).unwrap_or_default().split(' ').next().unwrap_or_default();
        let wire = format!("\"{}\"", name.to_ascii_lowercase());
        if !crate_text.get(service).is_some_and(|t| t.to_ascii_lowercase().contains(&wire)) {
            problems.push(p);
        }
    }
    problems.extend(check("API version in a method name", methods, versioned_method, &files));
    // A twin's fixed suffix (`list_vpcs_with_metadata`, `list_vpcs_stream`) is the convention, not the name.
    let base = |n: &str| {
        let n = n.strip_suffix("_with_metadata").unwrap_or(n);
        n.strip_suffix("_stream").or_else(|| n.strip_suffix("_pages")).unwrap_or(n).len()
    };
    problems.extend(check("method over 50 characters", methods, |n| base(n) > 50, &files));
    // A number the docs give the field (`access_private_ip_1`, its JSON name in the serde impl) is
    // its name; a number the generator added to tell two fields apart is not.
    for (service, file, text) in &files {
        for n in captures(r"(?m)^\s*pub (?:r#)?(\w+): ", text) {
            let documented = crate_text.get(service.as_str()).is_some_and(|t| t.contains(&format!("\"{n}\"")));
            if NUMBERED_FIELD.is_match(&n) && !documented {
                problems.push(format!("{service}/{file}: {n} (numbered field)"));
            }
        }
    }
    problems.extend(check(
        "numbered module",
        |t| captures(r"(?m)^pub mod (\w+);", t),
        |n| NUMBERED_MODULE.is_match(n),
        &files,
    ));
    assert!(problems.is_empty(), "{} names break the naming rules:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn responses_are_never_request_types() {
    let files = sources();
    let problems = check(
        "a method returns a *Request* type",
        |t| captures(r"\) -> Result<\s*crate::(?:\w+::)*(\w+),", t),
        // `GetEcsOperationsByRequestIdResponse` names the request id the page is about, and
        // `ListAsynchronousInvocationRequestsResponse` the requests it lists: not request types.
        |n| n.replace("RequestId", "").replace("Requests", "").contains("Request"),
        &files,
    );
    let returned: usize =
        files.iter().map(|(_, _, t)| captures(r"\) -> Result<\s*crate::(?:\w+::)*(\w+),", t).len()).sum();
    assert!(returned > 500, "only {returned} typed results found: the pattern no longer matches");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Methods whose operation has no page-given id must not be named after the id made from the
/// route (`get_servers_by_server_id_os_instance_actions`).
#[test]
fn methods_are_not_named_from_the_route() {
    let mut problems = Vec::new();
    let files = sources();
    let mut route_ids: std::collections::HashMap<String, HashSet<String>> = Default::default();
    let mut seen = 0;
    // `/// `GET /path` (`OperationId`)` ... `pub async fn name(`
    let re =
        Regex::new(r"(?s)/// `[A-Z]+ [^`]*` \(`(\w+)`\)\n(?:\s*///[^\n]*\n|\s*#\[[^\n]*\n)*\s*pub async fn (\w+)\(")
            .unwrap();
    for (service, file, text) in &files {
        let route_ids = route_ids.entry(service.clone()).or_insert_with(|| {
            let Ok(spec) = std::fs::read_to_string(root().join(format!("spec/{service}/openapi.yaml"))) else {
                return HashSet::new();
            };
            let spec: OpenApi = serde_yaml::from_str(&spec).unwrap();
            spec.operations()
                .iter()
                .filter(|(_, _, op)| op.x_operation_id_source.as_deref() == Some("route"))
                .map(|(_, _, op)| op.operation_id.clone())
                .collect()
        });
        for c in re.captures_iter(text) {
            seen += 1;
            let (id, name) = (&c[1], &c[2]);
            let snake = generator::emit::ident::snake_ident(id);
            if route_ids.contains(id) && name == snake && id.len() > 12 {
                problems.push(format!("{service}/{file}: {name} is the route id `{id}`"));
            }
        }
    }
    assert!(seen > 1000, "only {seen} client methods found: the pattern no longer matches the generated docs");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn docs_have_no_boilerplate_or_source_locations() {
    let files = sources();
    let boilerplate = [
        "The documentation does not say whether this is required",
        "Schema `",
        "Documented in `",
        ".html >",
        ".rst >",
        ".md >",
    ];
    let mut problems = Vec::new();
    for (service, file, text) in &files {
        for line in text.lines().filter(|l| l.trim_start().starts_with("///")) {
            if let Some(b) = boilerplate.iter().find(|b| line.contains(*b)) {
                problems.push(format!("{service}/{file}: `{}` ({b:?})", line.trim()));
            }
        }
    }
    problems.truncate(40);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_rules_catch_what_they_are_for() {
    assert!(
        versioned_type("ScalingPolicyV2ScalingPolicy")
            && versioned_type("V3NodeSpec")
            && versioned_type("DbInstanceV1_0")
    );
    assert!(!versioned_type("Ipv6Bandwidth") && !versioned_type("PublicIPV4"));
    assert!(
        numbered_type("DataSource2")
            && numbered_type("PostVOneZeroEventsResponse")
            && numbered_type("PolicyStatementTwo")
    );
    assert!(!numbered_type("OneClickMonitoring") && !numbered_type("Ipv6Bandwidth"));
    assert!(!numbered_type("AllowIpRangesIpv6") && numbered_type("ResultModel2"));
    assert!(
        versioned_method("list_vpcs_v3")
            && versioned_method("create_alarm_rule_v1_0")
            && !versioned_method("list_ipv6_ports")
    );
}

/// Each crate's README and crate docs name the cloud of its spec (`x-hwcloud-service`) and carry the
/// mock-transport example.
#[test]
fn readmes_name_the_cloud_and_show_a_mock_test() {
    let mut problems = Vec::new();
    let mut crates: Vec<PathBuf> =
        std::fs::read_dir(root().join("generated")).unwrap().map(|e| e.unwrap().path()).collect();
    crates.sort();
    for dir in crates {
        let service = dir.file_name().unwrap().to_string_lossy().to_string();
        let Ok(spec) = std::fs::read_to_string(root().join(format!("spec/{service}/openapi.yaml"))) else { continue };
        let spec: OpenApi = serde_yaml::from_str(&spec).unwrap();
        let cloud = generator::emit::ServiceNames::of(&spec).unwrap().cloud();
        let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
        let lib = std::fs::read_to_string(dir.join("src/lib.rs")).unwrap();
        if !readme.contains(&format!("client for the {cloud} **")) || !lib.contains(&format!("client for the {cloud} "))
        {
            problems.push(format!("{service}: does not say {cloud}"));
        }
        if !readme.contains("MockTransport::new()") || !lib.contains("//! ```\n//! use hwcloud_runtime::mock::") {
            problems.push(format!("{service}: no mock-transport example"));
        }
        if readme.contains("collisions get `_2`") || readme.contains("`0` → `V0`, `-1`") {
            problems.push(format!("{service}: stale conventions"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
