//! The waiters over the committed specs: every link the spec pass writes becomes a method.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use generator::emit::model::lower;
use generator::emit::waiters::plan;
use generator::spec::{from_yaml, waiters::annotate};

#[test]
fn committed_specs_get_their_waiter_methods() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut report = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let Ok(text) = std::fs::read_to_string(entry.path().join("openapi.yaml")) else { continue };
        let mut spec = from_yaml(&text).unwrap();
        let links = annotate(&mut spec);
        let jobs = spec.operations().iter().filter(|(_, _, o)| o.x_hwcloud_job.is_some()).count();
        if links == 0 && jobs == 0 {
            continue;
        }
        let names = plan(&spec, &lower(&spec).unwrap()).names;
        let until_done = names.iter().filter(|n| n.ends_with("_until_done")).count();
        let and_wait = names.len() - until_done;
        report.push(format!("{:?}: {jobs} job APIs -> {until_done}, {links} links -> {and_wait}", entry.file_name()));
        assert_eq!((until_done, and_wait), (jobs, links), "{:?}: {names:?}", entry.file_name());
    }
    eprintln!("{}", report.join("\n"));
    assert!(report.len() >= 4, "{report:?}");
}
