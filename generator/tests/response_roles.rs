//! CreateNodePool returns the structure it is sent, and the ModelArts overrides mark fields of that
//! structure required (the English page and the official SDKs do). Those flags bind the caller, not
//! the server: the 200 response gets its own schemas without them, and decodes a body that leaves
//! the fields out; the request body keeps them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::emit::{emit_crate, CrateOptions};
use generator::pipeline;
use generator::spec::build::ServiceInfo;
use generator::spec::openapi::{OpenApi, Schema};
use std::path::PathBuf;

fn modelarts() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/modelarts")
}

/// The spec of the CreateNodePool page alone, with the service's overrides (entries for other
/// pages match nothing here and are reported; that is not what this test looks at).
fn spec() -> OpenApi {
    let files = pipeline::collect_pages(&[modelarts().join("docs/CreateNodePool.zh.txt")]).unwrap();
    let (pages, _) = pipeline::extract_pages(&files);
    let overrides = std::fs::read_to_string(modelarts().join("overrides.yaml")).unwrap();
    let (spec, _) =
        pipeline::build_spec(&pages, &ServiceInfo::new("ModelArts", "modelarts"), Some(("overrides.yaml", &overrides)));
    spec
}

fn component<'a>(spec: &'a OpenApi, s: &Schema) -> (&'a str, &'a Schema) {
    let name = s.ref_name().expect("a component");
    let (name, schema) = spec.components.schemas.get_key_value(name).expect("defined");
    (name.as_str(), schema)
}

fn property<'a>(spec: &'a OpenApi, s: &Schema, prop: &str) -> (&'a str, &'a Schema) {
    component(spec, s.properties.get(prop).expect(prop))
}

#[test]
fn create_node_pool_response_does_not_require_request_only_fields() {
    let spec = spec();
    let (_, _, op) = spec.operations().into_iter().find(|(_, _, o)| o.operation_id == "CreateNodePool").unwrap();
    let body = &op.request_body.as_ref().unwrap().content["application/json"].schema;
    let ok = &op.responses["200"].content["application/json"].schema;
    let (request_name, request) = component(&spec, body);
    let (response_name, response) = component(&spec, ok);
    assert_ne!(request_name, response_name);
    assert_eq!(request.required, ["apiVersion", "kind", "metadata"]);
    assert!(response.required.is_empty(), "{:?}", response.required);
    assert_eq!(request.properties.keys().collect::<Vec<_>>(), response.properties.keys().collect::<Vec<_>>());
    // Nested: the request's metadata requires `name`, the response's does not.
    assert_eq!(property(&spec, request, "metadata").1.required, ["name"]);
    assert!(property(&spec, response, "metadata").1.required.is_empty());
    // A schema no override touched is still one schema for both.
    let (req_meta, resp_meta) = (property(&spec, request, "metadata").1, property(&spec, response, "metadata").1);
    assert_eq!(property(&spec, req_meta, "annotations").0, property(&spec, resp_meta, "annotations").0);
}

#[test]
fn create_node_pool_returns_a_type_with_optional_fields() {
    let spec = spec();
    let runtime = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let options = CrateOptions {
        crate_name: "hwcloud-modelarts".to_string(),
        version: "0.1.0".to_string(),
        runtime_path: runtime.display().to_string(),
        workspace_member: false,
        examples: vec![],
        service: None,
    };
    let files = emit_crate(&spec, &options).unwrap();
    let code: String =
        files.iter().filter(|f| f.path.extension().is_some_and(|e| e == "rs")).map(|f| f.contents.as_str()).collect();
    let signature = code.split("pub async fn create_node_pool(").nth(1).expect("the method");
    let returned = signature.split("Result<crate::models::").nth(1).and_then(|r| r.split(',').next()).expect("a model");
    let body = code.split(&format!("pub struct {returned} {{")).nth(1).and_then(|b| b.split("\n}").next()).unwrap();
    for field in ["api_version", "kind", "metadata"] {
        assert!(body.contains(&format!("pub {field}: Option<")), "{returned}.{field} in\n{body}");
    }
    // The request body keeps them required.
    let request = code.split("pub struct CreateNodePoolBody {").nth(1).and_then(|b| b.split("\n}").next()).unwrap();
    assert!(request.contains("pub metadata: CreateNodePoolMetaVO"), "{request}");
}
