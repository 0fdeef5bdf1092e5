//! Two versions of the same pages: the second made by editing a copy of a
//! corpus page the way docs change. Each diff is snapshot-tested and classified.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::ingest::{self, Format};
use generator::spec::build::{self, ServiceInfo};
use generator::spec::diff::{self, Impact};
use generator::spec::openapi::OpenApi;

const PAGE: &str = include_str!("../../spec/modelarts/docs/CreateDataset.html");

fn spec_of(name: &str, html: &str) -> OpenApi {
    let doc = ingest::read_str(name, html, Format::Html);
    let (page, _) = generator::extract::extract(&doc);
    let info = ServiceInfo::new("ModelArts", "modelarts");
    build::build(&[page], &info, &mut Vec::new())
}

/// The `<tr>...</tr>` of the first row whose name cell is `name`.
fn row(html: &str, name: &str) -> (usize, usize) {
    let at = html.find(&format!(">{name}</p>")).unwrap_or_else(|| panic!("no row {name}"));
    let start = html[..at].rfind("<tr").expect("row start");
    let end = html[at..].find("</tr>").expect("row end") + at + "</tr>".len();
    (start, end)
}

fn edit_row(html: &str, name: &str, f: impl Fn(&str) -> String) -> String {
    let (s, e) = row(html, name);
    format!("{}{}{}", &html[..s], f(&html[s..e]), &html[e..])
}

fn report(name: &str, v2: &str, display: &str) -> (Option<Impact>, String) {
    let changes = diff::diff(&spec_of("CreateDataset.html", PAGE), &spec_of(display, v2));
    let md = diff::markdown(&changes);
    insta::assert_snapshot!(name, md);
    (diff::worst(&changes), md)
}

#[test]
fn added_optional_field_is_additive() {
    let v2 = edit_row(PAGE, "description", |r| format!("{r}{}", r.replace(">description<", ">labels_note<")));
    let (impact, md) = report("add_optional_field", &v2, "CreateDataset.html");
    assert_eq!(impact, Some(Impact::Additive), "{md}");
    assert!(md.contains("CreateDatasetRequestBody.labels_note"));
}

#[test]
fn removed_field_is_breaking() {
    let v2 = edit_row(PAGE, "workspace_id", |_| String::new());
    let (impact, md) = report("remove_field", &v2, "CreateDataset.html");
    assert_eq!(impact, Some(Impact::Breaking), "{md}");
    assert!(md.contains("CreateDatasetRequestBody.workspace_id") && md.contains("property-removed"));
}

#[test]
fn added_enum_value_is_additive() {
    let v2 = edit_row(PAGE, "dataset_type", |r| {
        r.replacen("The options are as follows:", "The options are as follows: - <strong>999</strong>: new kind", 1)
    });
    let (impact, md) = report("add_enum_value", &v2, "CreateDataset.html");
    assert_eq!(impact, Some(Impact::Additive), "{md}");
    assert!(md.contains("new value 999"));
}

#[test]
fn flipped_required_is_breaking() {
    let v2 = edit_row(PAGE, "work_path", |r| r.replacen(">Yes<", ">No<", 1));
    let (impact, md) = report("flip_required", &v2, "CreateDataset.html");
    assert_eq!(impact, Some(Impact::Breaking), "{md}");
    assert!(md.contains("property-required-changed"));
}

#[test]
fn retyped_field_is_breaking() {
    let v2 = edit_row(PAGE, "work_path_type", |r| r.replacen(">Integer<", ">String<", 1));
    let (impact, md) = report("retype_field", &v2, "CreateDataset.html");
    assert_eq!(impact, Some(Impact::Breaking), "{md}");
    assert!(md.contains("integer/int32 -> string"));
}

#[test]
fn renamed_operation_is_breaking() {
    let (impact, md) = report("rename_operation", PAGE, "CreateDatasetV2.html");
    assert_eq!(impact, Some(Impact::Breaking), "{md}");
    assert!(md.contains("`CreateDataset` is now `CreateDatasetV2`"));
}

#[test]
fn same_pages_have_no_changes() {
    assert!(diff::diff(&spec_of("CreateDataset.html", PAGE), &spec_of("CreateDataset.html", PAGE)).is_empty());
}
