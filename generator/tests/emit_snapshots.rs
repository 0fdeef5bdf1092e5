//! Snapshots of the code emitted for the fixture spec (`tests/fixtures/emit/nodepool.yaml`):
//! the CreateNodePool operation, the other operation shapes, representative
//! schemas and the manifest. Review changes with `cargo insta review`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::emit::model::{lower, Lowered};
use generator::emit::{files, CrateOptions, ServiceNames};
use generator::spec::openapi::OpenApi;

fn fixture() -> OpenApi {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/emit/nodepool.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn lowered() -> (ServiceNames, Lowered) {
    let spec = fixture();
    (ServiceNames::of(&spec).unwrap(), lower(&spec).unwrap())
}

/// The files of a module folder, each after a line with its path.
fn joined(files: Vec<generator::emit::GeneratedFile>) -> String {
    files.iter().map(|f| format!("// ---- {}\n{}", f.path.display(), f.contents)).collect()
}

/// The group module of one operation, with only that operation: its request type, response
/// enum (if any) and client method.
fn operation(id: &str) -> String {
    let (names, mut all) = lowered();
    all.ops.retain(|op| op.operation_id == id);
    assert_eq!(all.ops.len(), 1, "operation {id}");
    all.types.clear();
    let group = all.ops[0].group.clone();
    joined(files::group_rs(&names, &all, &group).unwrap())
}

/// The model types with these Rust names, in spec order (rendered as one module).
fn models(names_wanted: &[&str]) -> String {
    let (names, mut all) = lowered();
    all.types.retain(|t| names_wanted.contains(&t.name.as_str()));
    assert_eq!(
        all.types.len(),
        names_wanted.len(),
        "types {names_wanted:?} of {:?}",
        lowered().1.types.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    for t in &mut all.types {
        t.module = "models".into();
    }
    joined(files::models_rs(&names, &all).unwrap())
}

/// Method and type names of the fixture: what the naming pass decided.
#[test]
fn names() {
    let (_, all) = lowered();
    let mut out = String::new();
    for op in &all.ops {
        out.push_str(&format!("{} {} -> {}::{} / {}\n", op.method, op.path, op.group, op.fn_name, op.request));
    }
    for t in &all.types {
        out.push_str(&format!("type {}::{} ({:?})\n", t.module, t.name, t.origin));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn create_node_pool_operation() {
    insta::assert_snapshot!(operation("CreateNodePool"));
}

#[test]
fn list_node_pools_query_and_header_parameters() {
    insta::assert_snapshot!(operation("ListNodePools"));
}

#[test]
fn delete_node_pool_two_success_statuses() {
    insta::assert_snapshot!(operation("DeleteNodePool"));
}

#[test]
fn rebuild_server_undocumented_success() {
    insta::assert_snapshot!(operation("RebuildServer"));
}

#[test]
fn create_node_pool_models() {
    insta::assert_snapshot!(models(&[
        "CreateNodePoolBody",
        "Kind",
        "CreateNodePoolMetaVO",
        "CreateNodePoolAnnotations",
        "OsModelartsBillingMode",
        "PoolResource",
    ]));
}

#[test]
fn recursive_renamed_and_keyword_models() {
    insta::assert_snapshot!(models(&["NodePoolStatus", "Selector", "SelectorGroup", "ValidateSelectorResult"]));
}

#[test]
fn manifest() {
    let spec = fixture();
    let options = CrateOptions {
        crate_name: "hwcloud-modelarts".into(),
        version: "0.1.0".into(),
        runtime_path: "../../runtime".into(),
        workspace_member: false,
        examples: vec![],
        service: None,
    };
    let files = generator::emit::emit_crate(&spec, &options).unwrap();
    insta::assert_snapshot!(files[0].contents);
}

#[test]
fn inline_enums_are_named_after_their_field_and_deduplicated() {
    let (_, all) = lowered();
    let names: Vec<&str> = all.types.iter().map(|t| t.name.as_str()).collect();
    for want in ["ApiVersion", "Kind", "CreatingStepType", "Phase", "Reboot", "RebootType", "ValidateSelectorResult"] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    // NodePool.kind and NodePool.apiVersion repeat CreateNodePoolRequestBody's enums; the
    // ListNodePools `status` parameter repeats NodePoolStatus.phase: one type each.
    for not_wanted in ["NodePoolKind", "NodePoolApiVersion", "ListNodePoolsStatus"] {
        assert!(!names.contains(&not_wanted), "{not_wanted} should be deduplicated");
    }
}

/// The waiter methods of the job fixture (`tests/fixtures/emit/jobs.yaml`) after the waiters
/// pass: a job API per shape (`status`, `job.status` of a query id, a task API with another
/// path parameter) and the operations that start their jobs.
#[test]
fn waiters() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/emit/jobs.yaml");
    let mut spec: OpenApi = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(generator::spec::waiters::annotate(&mut spec), 4);
    let all = lower(&spec).unwrap();
    let plan = generator::emit::waiters::plan(&spec, &all);
    assert_eq!(
        plan.names,
        [
            "show_job_until_done",
            "show_instance_job_until_done",
            "show_import_task_until_done",
            "create_servers_and_wait",
            "delete_server_and_wait",
            "create_instance_and_wait",
            "import_task_and_wait"
        ]
    );
    let file = generator::emit::waiters::waiters_rs(&ServiceNames::of(&spec).unwrap(), &plan).unwrap().unwrap();
    insta::assert_snapshot!(file.contents);
}
