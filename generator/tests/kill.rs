//! Killing `generator generate` at many points never leaves a half-written
//! output: every file under spec/ and generated/ is, byte for byte, either as
//! it was before the run or as a complete run writes it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const PAGES: &[&str] =
    &["CreateNodePool.zh.txt", "CreateDataset.html", "ListDatasets.html", "DeleteDataset.html", "CreateLabels.html"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A small project: spec/services.yaml, docs, and no overrides.
fn project(root: &Path) {
    let docs = root.join("spec/svc/docs");
    std::fs::create_dir_all(&docs).unwrap();
    for p in PAGES {
        std::fs::copy(repo().join("spec/modelarts/docs").join(p), docs.join(p)).unwrap();
    }
    std::fs::write(
        root.join("spec/services.yaml"),
        "services:\n  - name: svc\n    title: Svc\n    endpoint: svc\n    docs: svc/docs\n    spec: svc/openapi.yaml\n    crate: ../generated/svc\n    crate_name: svc-sdk\n",
    )
    .unwrap();
}

fn generate(root: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["generate", "--config"])
        .arg(root.join("spec/services.yaml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Every output file (spec/ and generated/), without the run's own temporaries.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for top in ["spec", "generated"] {
        let mut stack = vec![root.join(top)];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                if name.ends_with(".tmp-gen") || name.ends_with(".old-gen") {
                    continue;
                }
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.insert(p.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&p).unwrap());
                }
            }
        }
    }
    out
}

#[test]
fn a_killed_run_leaves_each_output_as_before_or_as_after() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    project(root);
    assert!(generate(root).wait().unwrap().success());
    // A doc change, so the next run rewrites spec and crate.
    let page = root.join("spec/svc/docs/CreateDataset.html");
    let html = std::fs::read_to_string(&page).unwrap().replace(">workspace_id</p>", ">workspace_ref</p>");
    std::fs::write(&page, html).unwrap();
    let before = snapshot(root);

    // What a complete run writes, computed in a copy.
    let copy = tempfile::tempdir().unwrap();
    project(copy.path());
    std::fs::copy(&page, copy.path().join("spec/svc/docs/CreateDataset.html")).unwrap();
    for (rel, bytes) in &before {
        let target = copy.path().join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    assert!(generate(copy.path()).wait().unwrap().success());
    let after = snapshot(copy.path());
    assert_ne!(before, after, "the doc change must change the outputs");

    for step in 0..24u64 {
        let mut child = generate(root);
        std::thread::sleep(Duration::from_millis(step * step * 3));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(root);
        for (rel, bytes) in &now {
            let same_as_before = before.get(rel) == Some(bytes);
            let same_as_after = after.get(rel) == Some(bytes);
            assert!(
                same_as_before || same_as_after,
                "kill after {}ms: {} is neither before nor after",
                step * step * 3,
                rel.display()
            );
        }
        for rel in before.keys().filter(|k| after.contains_key(*k)) {
            assert!(now.contains_key(rel), "kill after {}ms: {} is missing", step * step * 3, rel.display());
        }
        if now == after {
            break; // the run completed before the kill
        }
    }
}
