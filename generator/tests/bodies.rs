//! Request bodies the pages document in several cases, or as a JSON array.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::pipeline::{self, PageFile};
use generator::spec::build::ServiceInfo;
use generator::spec::openapi::{OpenApi, Schema};
use std::path::PathBuf;

fn spec(file: &str) -> OpenApi {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bodies").join(file);
    let (pages, _) = pipeline::extract_pages(&[PageFile { path, display: file.into() }]);
    pipeline::build_spec(&pages, &ServiceInfo::new("T", "t"), None).0
}

fn body(spec: &OpenApi) -> Schema {
    let (_, _, op) = spec.operations().into_iter().next().expect("one operation");
    let body = op.request_body.as_ref().expect("a request body");
    body.content.get("application/json").expect("JSON").schema.clone()
}

#[test]
fn a_body_per_case_is_one_of_them_each_named_after_its_own_field() {
    let spec = spec("creating_an_image.rst");
    let refs: Vec<String> = body(&spec).one_of.iter().filter_map(|s| s.reference.clone()).collect();
    assert_eq!(
        refs,
        [
            "#/components/schemas/PostCloudimagesActionRequestBodyWithInstanceId",
            "#/components/schemas/PostCloudimagesActionRequestBodyWithImageUrl",
        ]
    );
    let obs = &spec.components.schemas["PostCloudimagesActionRequestBodyWithImageUrl"];
    assert_eq!(obs.required, ["name", "image_url"]);
}

#[test]
fn an_array_row_makes_the_body_an_array_and_prose_values_an_enum() {
    let spec = spec("updating_an_image.rst");
    let body = body(&spec);
    assert_eq!(body.schema_type.as_deref(), Some("array"));
    let item = body.items.as_ref().and_then(|i| i.reference.clone()).expect("items are a schema");
    let item = &spec.components.schemas[item.trim_start_matches("#/components/schemas/")];
    assert!(!item.properties.contains_key("[Array]"));
    let op: Vec<&str> = item.properties["op"].enum_values.iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(op, ["add", "replace", "remove"]);
}
