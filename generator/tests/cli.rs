//! The CLI's documented exit codes and output forms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn generator(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_generator")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn page() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/modelarts/docs/CreateDataset.html")
}

/// The spec of CreateDataset.html after `edit`, written to `dir/name`.
fn spec_file(dir: &Path, name: &str, edit: impl Fn(String) -> String) -> String {
    let html = dir.join("CreateDataset.html");
    std::fs::write(&html, edit(std::fs::read_to_string(page()).unwrap())).unwrap();
    let out = dir.join(name);
    let (code, _, err) =
        generator(&["spec", html.to_str().unwrap(), "--service", "modelarts", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    out.to_string_lossy().into_owned()
}

#[test]
fn diff_exit_codes_say_none_additive_or_breaking() {
    let dir = tempfile::tempdir().unwrap();
    let old = spec_file(dir.path(), "old.yaml", |h| h);
    let same = spec_file(dir.path(), "same.yaml", |h| h);
    let added = spec_file(dir.path(), "added.yaml", |h| {
        h.replacen(
            "Dataset type. The options are as follows:",
            "Dataset type. The options are as follows: - <strong>999</strong>: new",
            1,
        )
    });
    assert_eq!(generator(&["diff", &old, &same]).0, 0);
    // `dataset_type` is an `i32` in Rust: a new documented value leaves the Rust API as it
    // was (exit 0), and the spec-level report still names it. Additive Rust changes are
    // classified in `emit::api`'s tests.
    let (code, md, _) = generator(&["diff", &old, &added]);
    assert_eq!(code, 0, "{md}");
    assert!(md.contains("new value 999"));
    // Removing an optional request field is breaking; the reverse is additive.
    let removed = spec_file(dir.path(), "removed.yaml", |h| h.replacen(">workspace_id</p>", ">workspace_ref</p>", 1));
    let (code, md, _) = generator(&["diff", &old, &removed]);
    assert_eq!(code, 4, "{md}");
    assert!(md.contains("workspace_id") && md.to_lowercase().contains("breaking"), "{md}");
    let (code, json, _) = generator(&["diff", &removed, &old, "--format", "json"]);
    assert_eq!(code, 4, "renaming back removes workspace_ref: {json}");
    let changes: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(changes["impact"], "breaking");
    let spec = changes["spec"].as_array().unwrap();
    assert!(spec.iter().any(|c| c["kind"] == "property-added" && c["impact"] == "additive"));
    assert!(changes["rust_api"].as_array().unwrap().iter().any(|c| c["detail"] == "field removed"));
}

#[test]
fn lint_reports_and_deny_warnings_fails() {
    let bad = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/unknown_type.html");
    let (code, _, err) = generator(&["lint", bad.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("W0201") && err.contains("1 warning"), "{err}");
    assert_eq!(generator(&["lint", bad.to_str().unwrap(), "--deny-warnings"]).0, 1);
}
