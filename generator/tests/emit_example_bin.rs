//! Snapshot of the example program emitted for CreateNodePool from the fixture spec
//! (`tests/fixtures/emit/nodepool.yaml`), and the program files `emit_crate` adds for
//! `CrateOptions::examples`. Review changes with `cargo insta review`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::emit::{emit_crate, CrateOptions};
use generator::spec::openapi::OpenApi;

fn fixture() -> OpenApi {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/emit/nodepool.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn options(examples: &[&str]) -> CrateOptions {
    CrateOptions {
        crate_name: "hwcloud-modelarts".into(),
        version: "0.1.0".into(),
        runtime_path: "../../runtime".into(),
        workspace_member: true,
        examples: examples.iter().map(|s| s.to_string()).collect(),
        service: None,
    }
}

#[test]
fn create_node_pool_program() {
    let files = emit_crate(&fixture(), &options(&["CreateNodePool"])).unwrap();
    let program = files.iter().find(|f| f.path.to_str() == Some("examples/create_node_pool.rs")).unwrap();
    insta::assert_snapshot!(program.contents);
}

#[test]
fn programs_come_after_the_crate_files_and_change_the_manifest_and_readme() {
    let without = emit_crate(&fixture(), &options(&[])).unwrap();
    let with = emit_crate(&fixture(), &options(&["ListNodePools", "CreateNodePool"])).unwrap();
    let paths: Vec<String> = with.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(paths.len(), without.len() + 2);
    assert_eq!(paths[without.len()..], ["examples/list_node_pools.rs", "examples/create_node_pool.rs"]);
    // Sources other than the manifest and the README do not change.
    for (a, b) in
        without.iter().zip(&with).filter(|(a, _)| !["Cargo.toml", "README.md"].contains(&a.path.to_str().unwrap()))
    {
        assert_eq!(a, b);
    }
    // The doctests (the mock-transport example) run on tokio with or without programs.
    assert!(with[0].contents.contains("[dev-dependencies]\n"), "{}", with[0].contents);
    assert!(with[0].contents.contains("\ntokio = "), "{}", with[0].contents);
    assert!(without[0].contents.contains("\ntokio = "), "{}", without[0].contents);
    assert!(
        with[1]
            .contents
            .contains("* `cargo run -p hwcloud-modelarts --example list_node_pools -- --help`: `ListNodePools`"),
        "{}",
        with[1].contents
    );
    assert!(!without[1].contents.contains("## Example programs"));
}

#[test]
fn unknown_operation_is_an_error() {
    let err = emit_crate(&fixture(), &options(&["NoSuchOperation"])).unwrap_err();
    assert!(err.to_string().contains("`examples` lists `NoSuchOperation`"), "{err}");
}
