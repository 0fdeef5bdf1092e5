//! The seed page's examples and the generated types: the request body written by hand in a few
//! lines is exactly the page's request example, and the page's 200 response example
//! deserializes into the response type and back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hwcloud_modelarts::models::{
    ApiVersion, CreateNodePoolAnnotations, CreateNodePoolBody, CreateNodePoolMetaVO, CreateNodePoolResponse, Kind,
    NodeNetwork, NodePoolSpec, PoolResource,
};
use sdk_e2e::seed;

#[test]
fn request_body_built_by_hand_is_the_page_example() {
    // `spec` is optional in the spec since the table stopped marking it required.
    let body = CreateNodePoolBody::new(
        CreateNodePoolMetaVO::new("nodepool-1").with_annotations(CreateNodePoolAnnotations::new()),
    )
    .with_spec(NodePoolSpec::new(
        PoolResource::new("modelarts.vm.2u4g.dcc", 1, 1).with_node_pool("nodepool-1").with_network(
            NodeNetwork::new()
                .with_vpc("277e9abc-0e6b-431a-9232-cfd25d5fc566")
                .with_subnet("03796378-c356-4c14-826b-e4913aa9c8b9")
                .with_security_groups(vec!["0a15b48d-06f1-41e4-b782-ade90087bf59".into()]),
        ),
    ));
    // `new` sets the only documented `kind` and `apiVersion`.
    assert_eq!(body.kind, Kind::NodePool);
    assert_eq!(body.api_version, ApiVersion::V2);
    assert_eq!(serde_json::to_value(&body).unwrap(), seed::request_example());
    // And the other way round.
    let parsed: CreateNodePoolBody = serde_json::from_value(seed::request_example()).unwrap();
    assert_eq!(parsed, body);
}

#[test]
fn response_200_example_deserializes_into_the_response_type() {
    let example = seed::response_200_example();
    // The response has its own type: the fields required of the caller may be left out by the server.
    let created: CreateNodePoolResponse = serde_json::from_value(example.clone()).unwrap();
    assert_eq!(created.metadata.as_ref().and_then(|m| m.name.as_deref()), Some("nodepool-1"));
    let resources = created.spec.as_ref().and_then(|s| s.resources.as_ref()).unwrap();
    assert_eq!(resources.flavor.as_deref(), Some("modelarts.vm.2u4g.dcc"));
    assert_eq!(resources.max_count, Some(1));
    let network = resources.network.as_ref().unwrap();
    assert_eq!(network.security_groups.as_deref(), Some(&["0a15b48d-06f1-41e4-b782-ade90087bf59".to_string()][..]));
    assert_eq!(serde_json::to_value(&created).unwrap(), example);
}

#[test]
fn the_generated_spec_embeds_the_same_example_in_the_program() {
    // The example program sends the spec's request example by default; it is the page's.
    let program = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../generated/modelarts/examples/create_node_pool.rs"
    ))
    .unwrap();
    let start = program.find("const EXAMPLE_BODY: &str = r#\"").unwrap() + "const EXAMPLE_BODY: &str = r#\"".len();
    let end = start + program[start..].find("\"#;").unwrap();
    let embedded: serde_json::Value = serde_json::from_str(&program[start..end]).unwrap();
    assert_eq!(embedded, seed::request_example());
}

#[test]
fn a_response_without_the_fields_required_of_the_caller_decodes() {
    let created: CreateNodePoolResponse = serde_json::from_value(serde_json::json!({"kind": "NodePool"})).unwrap();
    assert_eq!(created.kind, Some(Kind::NodePool));
    assert!(created.metadata.is_none() && created.api_version.is_none());
}
