//! The committed ModelArts pages: every operation page yields its operations
//! with no error, and every parameter-table row is in the spec or in a diagnostic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::diagnostics::{Code, Diagnostic, Level};
use generator::extract::table::Columns;
use generator::ingest::{self, NodeKind};
use generator::pipeline;
use generator::spec::build::ServiceInfo;
use generator::spec::openapi::{OpenApi, Schema};
use std::collections::HashSet;
use std::path::PathBuf;

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/modelarts/docs")
}

fn info() -> ServiceInfo {
    ServiceInfo::new("ModelArts", "modelarts")
}

fn build() -> (OpenApi, Vec<generator::diagnostics::Diagnostic>, Vec<pipeline::PageFile>) {
    let files = pipeline::collect_pages(&[docs()]).expect("docs folder");
    let (pages, mut diags) = pipeline::extract_pages(&files);
    let (spec, more) = pipeline::build_spec(&pages, &info(), None);
    diags.extend(more);
    (spec, diags, files)
}

#[test]
fn every_operation_page_yields_operations_without_errors() {
    let (spec, diags, files) = build();
    let errors: Vec<String> = diags.iter().filter(|d| d.level == Level::Error).map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "error diagnostics:\n{}", errors.join("\n"));
    // Pages named like an operation (CreateDataset.html) each yield that operationId.
    let ids: HashSet<&str> = spec.operations().iter().map(|(_, _, o)| o.operation_id.as_str()).collect();
    for f in &files {
        let stem = generator::extract::strip_lang_suffix(f.path.file_stem().and_then(|s| s.to_str()).unwrap_or(""));
        if stem.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
            assert!(ids.contains(stem), "{} yields no operation {stem}", f.display);
        }
    }
    assert!(spec.operations().len() >= 140, "only {} operations", spec.operations().len());
}

/// Every (file, table, row) of every parameter table on every page.
fn documented_rows(files: &[pipeline::PageFile]) -> Vec<(String, Option<String>, String)> {
    let mut rows = Vec::new();
    for f in files {
        let Ok((doc, _)) = ingest::read_file(&f.path, &f.display) else { continue };
        for node in &doc.nodes {
            let NodeKind::Table(t) = &node.kind else { continue };
            let Some(cols) = Columns::from_header(&t.header) else { continue };
            for r in &t.rows {
                let name = r.cells.get(cols.name).map(|c| c.text()).unwrap_or_default();
                let name = name.lines().next().unwrap_or("").trim().to_string();
                rows.push((f.display.clone(), t.caption.clone(), name));
            }
        }
    }
    rows
}

fn schema_covers(spec: &OpenApi, file: &str, table: Option<&str>, row: &str) -> bool {
    let table_source = format!("{file} > {}", table.unwrap_or(""));
    let in_schema = |s: &Schema| {
        s.properties.contains_key(row)
            && s.x_source.as_deref().is_some_and(|x| x.split("; ").any(|part| part == table_source || part == file))
    };
    let exact = format!("{table_source} > {row}");
    spec.components.schemas.values().any(in_schema)
        || spec.operations().iter().any(|(_, _, op)| {
            op.parameters.iter().any(|p| p.x_source.as_deref() == Some(exact.as_str()))
                || op.responses.values().any(|r| r.headers.contains_key(row))
        })
}

#[test]
fn every_parameter_row_is_in_the_spec_or_in_a_diagnostic() {
    let (spec, diags, files) = build();
    let rows = documented_rows(&files);
    assert!(rows.len() > 2000, "only {} rows found", rows.len());
    let mut missing = Vec::new();
    for (file, table, row) in &rows {
        // A page-level diagnostic covers a row only when it says the whole page was not used;
        // a table-level one only when it says the table's rows were not read.
        let page_dropped = |d: &Diagnostic| {
            matches!(d.code, Code::I0207 | Code::W0214 | Code::E0101 | Code::E0103) && d.table.is_none()
        };
        let table_dropped =
            |d: &Diagnostic| matches!(d.code, Code::W0202 | Code::W0206) && d.table == *table && d.row.is_none();
        let diagnosed = diags.iter().any(|d| {
            d.file == *file
                && (page_dropped(d) || table_dropped(d) || d.table == *table && d.row.as_deref() == Some(row.as_str()))
        });
        if !diagnosed && !schema_covers(&spec, file, table.as_deref(), row) {
            missing.push(format!("{file} > {} > {row}", table.as_deref().unwrap_or("")));
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} rows are neither in the spec nor in a diagnostic:\n{}",
        missing.len(),
        rows.len(),
        missing.join("\n")
    );
}
