//! The seed page (Chinese CreateNodePool, copied from the browser with its
//! required column lost) and the overrides that restore the required flags.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::diagnostics::Level;
use generator::pipeline::{self, PageFile};
use generator::spec::build::ServiceInfo;
use generator::spec::openapi::{OpenApi, Schema};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn seed_spec() -> OpenApi {
    let files = vec![PageFile {
        path: root().join("spec/modelarts/docs/CreateNodePool.zh.txt"),
        display: "CreateNodePool.zh.txt".into(),
    }];
    let (pages, mut diags) = pipeline::extract_pages(&files);
    let overrides = std::fs::read_to_string(root().join("spec/modelarts/overrides.yaml")).expect("overrides");
    let info = ServiceInfo::new("ModelArts", "modelarts");
    let (spec, more) = pipeline::build_spec(&pages, &info, Some(("overrides.yaml", &overrides)));
    diags.extend(more);
    // The service's overrides also link tables on other pages, which this one-page run does not read.
    let other_page = |d: &&generator::diagnostics::Diagnostic| {
        d.message.contains("override matches nothing: link-table") && !d.message.contains("CreateNodePool")
    };
    let bad: Vec<String> =
        diags.iter().filter(|d| d.level >= Level::Warning).filter(|d| !other_page(d)).map(|d| d.to_string()).collect();
    assert!(bad.is_empty(), "unexpected diagnostics:\n{}", bad.join("\n"));
    spec
}

fn schema<'a>(spec: &'a OpenApi, name: &str) -> &'a Schema {
    spec.components.schemas.get(name).unwrap_or_else(|| panic!("no schema {name}"))
}

fn prop<'a>(s: &'a Schema, name: &str) -> &'a Schema {
    s.properties.get(name).unwrap_or_else(|| panic!("no property {name}"))
}

fn enum_strings(s: &Schema) -> Vec<String> {
    s.enum_values.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect()
}

#[test]
fn seed_spec_snapshot() {
    let yaml = generator::spec::to_yaml(&seed_spec()).expect("yaml");
    insta::assert_snapshot!("seed_create_node_pool", yaml);
}

#[test]
fn seed_operation_matches_the_page() {
    let spec = seed_spec();
    let ops = spec.operations();
    let [(path, method, op)] = ops.as_slice() else { panic!("expected one operation, got {}", ops.len()) };
    assert_eq!(
        (*path, *method, op.operation_id.as_str()),
        ("/v2/{project_id}/pools/{pool_name}/nodepools", "post", "CreateNodePool")
    );
    let params: Vec<(&str, &str, bool)> =
        op.parameters.iter().map(|p| (p.name.as_str(), p.location.as_str(), p.required)).collect();
    assert_eq!(params, [("project_id", "path", true), ("pool_name", "path", true)]);

    let body_ref = op.request_body.as_ref().and_then(|b| b.content.get("application/json")).map(|m| &m.schema);
    let body_name = body_ref.and_then(Schema::ref_name).expect("body is a $ref");
    let ok = op.responses.get("200").and_then(|r| r.content.get("application/json")).expect("200 body");
    // The 200 response documents the request's structure; the required flags of the overrides
    // bind the caller only, so it has schemas of its own (tests/response_roles.rs).
    assert_eq!(ok.schema.ref_name(), Some("CreateNodePoolResponse"));
    assert!(schema(&spec, "CreateNodePoolResponse").required.is_empty());
    let err = op.responses.get("400").and_then(|r| r.content.get("application/json")).expect("400 body");
    assert_eq!(err.schema.ref_name(), Some("ErrorResponse"));
    assert_eq!(op.request_body.as_ref().map(|b| b.content["application/json"].examples.len()), Some(1));
    assert_eq!(ok.examples.len(), 1);
    assert_eq!(err.examples.len(), 1);

    let body = schema(&spec, body_name);
    assert_eq!(enum_strings(prop(body, "apiVersion")), ["v2"]);
    assert_eq!(enum_strings(prop(body, "kind")), ["NodePool"]);
    // `spec` is optional on the English page and in the official SDKs (overrides.yaml).
    assert_eq!(body.required, ["apiVersion", "kind", "metadata"]);
    assert_eq!(prop(body, "metadata").ref_name(), Some("CreateNodePoolMetaVO"));

    let meta = schema(&spec, "CreateNodePoolMetaVO");
    assert_eq!(meta.required, ["name"]);
    let ann = schema(&spec, "CreateNodePoolAnnotations");
    assert_eq!(ann.properties.len(), 7);
    assert!(ann.properties.keys().all(|k| k.starts_with("os.modelarts/")));
    assert_eq!(enum_strings(prop(ann, "os.modelarts/billing.mode")), ["0", "1"]);
    assert_eq!(enum_strings(prop(ann, "os.modelarts/period.type")), ["2", "3", "4"]);
    assert_eq!(enum_strings(prop(ann, "os.modelarts/auto.renew")), ["0", "1"]);
    assert!(prop(ann, "os.modelarts/promotion.info").x_required_unknown);

    let res = schema(&spec, "PoolResource");
    assert_eq!(res.required, ["flavor", "count", "maxCount"]);
    assert_eq!(prop(res, "count").format.as_deref(), Some("int32"));
    assert_eq!(prop(res, "maxCount").format.as_deref(), Some("int32"));
    let azs = prop(res, "azs").all_of.first().or(Some(prop(res, "azs"))).expect("azs");
    assert_eq!(azs.schema_type.as_deref(), Some("array"));
    assert_eq!(azs.items.as_deref().and_then(Schema::ref_name), Some("PoolNodeAz"));
    let labels = prop(res, "labels");
    assert_eq!(labels.schema_type.as_deref(), Some("object"));
    assert!(labels.additional_properties.is_some());
    assert_eq!(schema(&spec, "PoolNodeAz").required, ["az", "count"]);
    assert_eq!(schema(&spec, "Taint").required, ["key", "effect"]);
    assert_eq!(schema(&spec, "UserTag").required, ["key", "value"]);
    let net = schema(&spec, "NodeNetwork");
    assert_eq!(prop(net, "securityGroups").items.as_deref().and_then(|i| i.schema_type.as_deref()), Some("string"));
    let step = schema(&spec, "CreatingStep");
    assert_eq!(prop(step, "step").format.as_deref(), Some("int32"));
    assert_eq!(enum_strings(prop(step, "type")), ["rack"]);
    assert_eq!(prop(&schema(&spec, "ErrorResponse").clone(), "error_code").schema_type.as_deref(), Some("string"));
}
