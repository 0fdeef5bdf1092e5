//! The same API page as HTML, Markdown and copied text yields the same
//! operations and schemas (sources and prose aside).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::pipeline::{self, PageFile};
use generator::spec::build::ServiceInfo;
use generator::spec::diff::type_sig;
use generator::spec::openapi::OpenApi;
use std::path::PathBuf;

fn spec(file: &str) -> OpenApi {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readers").join(file);
    let (pages, _) = pipeline::extract_pages(&[PageFile { path, display: "ListWorkspaces".into() }]);
    let info = ServiceInfo::new("T", "t");
    pipeline::build_spec(&pages, &info, None).0
}

/// The API surface: operations with their parameters and bodies, schemas with
/// their properties, types, required flags and enum values.
fn surface(spec: &OpenApi) -> Vec<String> {
    let mut out = Vec::new();
    for (path, method, op) in spec.operations() {
        out.push(format!("op {method} {path} {}", op.operation_id));
        for p in &op.parameters {
            out.push(format!(
                "  param {} {} {} {} {:?}",
                p.location,
                p.name,
                p.required,
                type_sig(&p.schema),
                p.schema.enum_values
            ));
        }
        for (status, r) in &op.responses {
            let body = r.content.values().next().map(|m| type_sig(&m.schema)).unwrap_or_default();
            out.push(format!("  response {status} {body}"));
        }
    }
    for (name, s) in &spec.components.schemas {
        out.push(format!("schema {name} required={:?}", s.required));
        for (prop, p) in &s.properties {
            let inner = p.items.as_deref().unwrap_or(p);
            out.push(format!("  {prop}: {} {:?}", type_sig(p), inner.enum_values));
        }
    }
    out
}

#[test]
fn html_markdown_and_text_yield_the_same_api() {
    let html = surface(&spec("ListWorkspaces.html"));
    assert!(html.len() > 10, "{html:#?}");
    assert_eq!(surface(&spec("ListWorkspaces.md")), html, "Markdown differs from HTML");
    assert_eq!(surface(&spec("ListWorkspaces.en.txt")), html, "text differs from HTML");
}
