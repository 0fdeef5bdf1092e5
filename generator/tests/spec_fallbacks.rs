//! What used to be silent fallbacks when building the spec are diagnostics: an HTTP method
//! OpenAPI does not know (once read as GET), a caption that gives no schema name and a
//! reference to a table the page does not have (once both named `Object`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::diagnostics::{Code, Diagnostic};
use generator::extract::ir::{Page, Ty};
use generator::ingest::{self, Format};
use generator::spec::build::{self, ServiceInfo};
use generator::spec::openapi::OpenApi;

const PAGE: &str = include_str!("../../spec/modelarts/docs/CreateDataset.html");

fn page() -> Page {
    let doc = ingest::read_str("CreateDataset.html", PAGE, Format::Html);
    generator::extract::extract(&doc).0
}

fn build(page: Page) -> (OpenApi, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let spec = build::build(&[page], &ServiceInfo::new("ModelArts", "modelarts"), &mut diags);
    (spec, diags)
}

fn with_code(diags: &[Diagnostic], code: Code) -> Vec<&Diagnostic> {
    diags.iter().filter(|d| d.code == code).collect()
}

#[test]
fn the_corpus_page_has_none_of_them() {
    let (spec, diags) = build(page());
    for code in [Code::W0305, Code::W0306, Code::W0307] {
        assert!(with_code(&diags, code).is_empty(), "{code}: {diags:?}");
    }
    assert!(!spec.components.schemas.contains_key("Object"));
}

#[test]
fn an_unknown_http_method_is_reported_and_left_out() {
    let mut p = page();
    p.operations[0].method = "FETCH".into();
    let (spec, diags) = build(p);
    let found = with_code(&diags, Code::W0307);
    assert_eq!(found.len(), 1, "{diags:?}");
    assert!(found[0].message.contains("FETCH") && found[0].file == "CreateDataset.html", "{found:?}");
    assert!(spec.operations().is_empty(), "not read as GET");
}

#[test]
fn a_caption_without_a_usable_name_is_reported_and_named_from_its_operation() {
    let mut p = page();
    let i = p.objects.iter().position(|o| o.name.is_some()).expect("a captioned table");
    p.objects[i].name = Some("数据集".into());
    let fallback = p.objects[i].fallback_name.clone();
    let (spec, diags) = build(p);
    let found = with_code(&diags, Code::W0305);
    assert_eq!(found.len(), 1, "{diags:?}");
    assert!(found[0].message.contains("数据集"), "{found:?}");
    assert!(!spec.components.schemas.contains_key("Object"));
    assert!(spec.components.schemas.keys().any(|k| k.starts_with(fallback.as_str())), "{fallback}");
}

#[test]
fn a_reference_to_a_missing_table_is_reported_and_free_form() {
    let mut p = page();
    let missing = p.objects.len() + 7;
    p.objects[0].fields[0].ty = Ty::Object(missing);
    let (spec, diags) = build(p);
    let found = with_code(&diags, Code::W0306);
    assert_eq!(found.len(), 1, "{diags:?}");
    assert!(found[0].message.contains(&format!("#{missing}")), "{found:?}");
    let yaml = serde_yaml::to_string(&spec).unwrap();
    assert!(!yaml.contains("#/components/schemas/Object'"), "no reference to a made-up `Object`");
}
