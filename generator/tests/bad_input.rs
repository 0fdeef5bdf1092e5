//! Bad input: each case ends in its expected diagnostics and exit status, with
//! no panic, and a failed run leaves the previous output byte for byte intact.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const PREVIOUS: &str = "previous output, must survive a failed run\n";

struct Outcome {
    codes: BTreeSet<String>,
    exit: i32,
    output: String,
}

fn run(input: &Path) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("openapi.yaml");
    std::fs::write(&out, PREVIOUS).unwrap();
    let result = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["spec", &input.to_string_lossy(), "--service", "things", "--format", "json", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!stderr.contains("panicked"), "{} panicked:\n{stderr}", input.display());
    let codes = stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["code"].as_str().map(str::to_string))
        .collect();
    Outcome { codes, exit: result.status.code().unwrap_or(-1), output: std::fs::read_to_string(&out).unwrap() }
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad").join(name)
}

fn check(name: &str, want: &[&str], exit: i32) -> Outcome {
    let o = run(&fixture(name));
    let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
    assert_eq!(o.codes, want, "{name}: diagnostic codes");
    assert_eq!(o.exit, exit, "{name}: exit status");
    if exit == 0 {
        assert!(o.output.starts_with("openapi: 3.0.3"), "{name}: spec written");
    } else {
        assert_eq!(o.output, PREVIOUS, "{name}: a failed run must not touch the output");
    }
    o
}

#[test]
fn empty_file_is_a_page_without_operations() {
    check("empty.html", &["I0207"], 0);
}

#[test]
fn binary_and_undecodable_files_are_refused() {
    check("binary.html", &["E0101"], 1);
    check("invalid_utf8.txt", &["E0101"], 1);
}

#[test]
fn gbk_pages_are_decoded_with_a_warning() {
    let o = check("gbk.html", &["W0102"], 0);
    assert!(o.output.contains("名称") && o.output.contains("CreateThing"));
}

#[test]
fn truncated_html_keeps_what_is_there() {
    let o = check("truncated.html", &["W0201", "W0203"], 0);
    assert!(o.output.contains("name:"));
}

/// Text copied from a browser and cut inside a table row: the rows before the cut are read, the
/// cut row is reported (its missing cells read as empty).
#[test]
fn copy_cut_mid_table_keeps_the_rows_before_the_cut() {
    let o = check("cut_mid_table.txt", &["W0203"], 0);
    assert!(o.output.contains("message_template_name:") && o.output.contains("maxLength: 64"), "{}", o.output);
    assert!(o.output.contains("content:"));
}

/// A copied cell whose lines look like a list (`Note: ...`, `Value range:` / `1-65535`, two
/// sentences, `Minimum: 1`) but are prose: no enum is made of them.
#[test]
fn copied_prose_shaped_like_a_list_makes_no_enum() {
    let o = check("list_like_prose.txt", &[], 0);
    assert!(!o.output.contains("enum:"), "{}", o.output);
    assert!(o.output.contains("default: 80") && o.output.contains("maximum: 65535"), "{}", o.output);
}

#[test]
fn huge_page_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("huge.html");
    let row = "<tr><td>x</td><td>No</td><td>String</td><td>padding</td></tr>\n";
    std::fs::write(&page, row.repeat(50 * 1024 * 1024 / row.len())).unwrap();
    let o = run(&page);
    assert_eq!(o.codes, BTreeSet::from(["E0103".to_string()]));
    assert_eq!((o.exit, o.output.as_str()), (1, PREVIOUS));
}

#[test]
fn deeply_nested_html_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    std::fs::write(&page, format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000))).unwrap();
    let o = run(&page);
    assert_eq!(o.codes, BTreeSet::from(["E0105".to_string()]));
    assert_eq!(o.exit, 1);
}

#[test]
fn broken_tables_are_reported() {
    check("no_header.html", &["W0202"], 0);
    check("header_only.html", &["W0215"], 0);
    check("ragged_rows.html", &["W0203"], 0);
    // colspan copies the type into the required column: reported, not guessed
    check("spans.html", &["W0205"], 0);
}

#[test]
fn pages_with_two_operations_and_with_none() {
    let o = check("two_operations.html", &[], 0);
    assert!(o.output.contains("operationId: ManageThing") && o.output.contains("operationId: ManageThing2"));
    check("overview.html", &["I0207"], 0);
}

#[test]
fn duplicate_table_names_with_different_fields_get_distinct_names() {
    let o = check("duplicate_names", &["I0301"], 0);
    assert!(o.output.contains("  Thing:") && o.output.contains("CreateBThing:"));
}

#[test]
fn types_naming_missing_tables_and_unknown_types_fall_back_to_free_form() {
    check("missing_table.html", &["W0204"], 0);
    check("unknown_type.html", &["W0201"], 0);
}

#[test]
fn reference_cycles_are_legal_unless_every_link_is_required() {
    let o = check("cycle.html", &[], 0);
    assert!(o.output.contains("$ref: '#/components/schemas/Node'"));
    check("required_cycle.html", &["E0213"], 1);
}

#[test]
fn odd_property_names_are_kept_or_reported() {
    let o = check("odd_names.html", &["W0210", "W0211"], 0);
    for name in ["type:", "self:", "名称:", "os.x/y.z:"] {
        assert!(o.output.contains(name), "{name} kept");
    }
}

#[test]
fn examples_that_are_not_json_are_reported() {
    check("bad_example.html", &["W0208"], 0);
}
