//! Extract: a [`Document`] -> the operations and object tables it describes.
//!
//! The page is walked once to learn each table's context (section, status
//! code, caption role); then rows become fields ([`table::read_row`]), type
//! names are resolved to the page's tables, and operations are assembled.

pub mod describe;
pub mod examples;
mod ids;
pub mod ir;
mod lang;
mod objects;
mod roles;
pub mod structured;
pub mod table;
mod uri;
mod walk;

pub use ids::strip_lang_suffix;

use crate::diagnostics::{Code, Diagnostic};
use crate::ingest::Document;
use crate::types::TypeExpr;
use crate::words;
use ids::{operation_id, strip_id_suffix};
use ir::{Field, Operation, Page, Param, ParamLocation, Response, Source, Ty};
use objects::{build_objects, Built};
use std::collections::BTreeMap;
use table::Columns;
use walk::{walk, Walk};

/// Extract everything a page says. Never fails: problems are diagnostics.
pub fn extract(doc: &Document) -> (Page, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let walk = walk(doc, &mut diags);
    let lang = lang::detect(doc);
    let mut page = Page {
        file: doc.path.clone(),
        title: walk.title.as_deref().map(strip_id_suffix),
        lang,
        operations: Vec::new(),
        objects: Vec::new(),
    };
    let deprecated = words::says_deprecated(walk.title.as_deref().unwrap_or(""))
        || walk.description.iter().any(|d| words::says_api_deprecated(d));
    let base_id = operation_id(doc, walk.title.as_deref());
    if walk.uris.is_empty() {
        report_unplaced(&walk, &doc.path, &mut diags);
        return (page, diags);
    }
    let placed = roles::place_tables(&walk, &doc.path, &mut diags);
    let mut built = build_objects(&walk, &placed, &doc.path, &base_id, &mut diags);
    page.objects = std::mem::take(&mut built.objects);
    for (i, (method, path, line)) in walk.uris.iter().enumerate() {
        let id = match (i, &base_id) {
            (0, Some(id)) => id.clone(),
            (_, Some(id)) => format!("{id}{}", i + 1),
            (_, None) => words::route_id(method, path),
        };
        let source = Source { file: doc.path.clone(), table: None, row: None, line: *line };
        let mut op = Operation {
            id,
            id_explicit: base_id.is_some(),
            method: method.clone(),
            path: path.clone(),
            title: walk.title.as_deref().map(strip_id_suffix),
            description: (!walk.description.is_empty()).then(|| walk.description.join("\n")),
            deprecated,
            params: built.params.clone(),
            request_body: built.request_body.clone(),
            request_alternatives: built.request_alternatives.clone(),
            request_examples: walk.request_examples.clone(),
            responses: responses(&walk, &built, &doc.path, &mut diags),
            error_body: built.error_body.clone(),
            source,
            translations: Default::default(),
        };
        dedupe_params(&mut op, &doc.path, &mut diags);
        check_path_params(&mut op, &doc.path, &mut diags);
        add_uri_query(&mut op, walk.uri_queries.get(i).map(Vec::as_slice).unwrap_or_default(), &doc.path, &mut diags);
        examples::validate_operation(&mut op, &page.objects, &doc.path, &mut diags);
        page.operations.push(op);
    }
    (page, diags)
}

fn responses(walk: &Walk<'_>, built: &Built, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<Response> {
    let default_status = walk.statuses.keys().find(|s| (200..300).contains(*s)).copied().unwrap_or(200);
    let mut by_status: BTreeMap<u16, Response> = BTreeMap::new();
    for (code, desc) in &walk.statuses {
        by_status.insert(*code, Response { status: *code, description: desc.clone(), ..Default::default() });
    }
    fn entry(map: &mut BTreeMap<u16, Response>, s: u16) -> &mut Response {
        map.entry(s).or_insert_with(|| Response { status: s, ..Default::default() })
    }
    // The first body table of a status is its body; later ones are nested tables the page did not link.
    for (s, body) in &built.response_bodies {
        let r = entry(&mut by_status, s.unwrap_or(default_status));
        if r.body.is_none() {
            r.body = Some(body.clone());
        }
    }
    for (s, h) in &built.response_headers {
        entry(&mut by_status, s.unwrap_or(default_status)).headers.push(h.clone());
    }
    let first_error = walk.statuses.keys().find(|s| **s >= 400).copied();
    for (s, failure, ex) in &walk.response_examples {
        // A failure example without a status marker belongs to the first documented error status.
        let status = match (s, failure) {
            (Some(s), _) => *s,
            (None, false) => default_status,
            (None, true) => match first_error {
                Some(e) => e,
                None => continue,
            },
        };
        entry(&mut by_status, status).examples.push(ex.clone());
    }
    for r in by_status.values_mut() {
        keep_example_body(r, file, diags);
    }
    by_status.into_values().collect()
}

/// A success response the page gives no body table for ("Response parameters: None") whose
/// example shows a JSON body (`{"result": "true"}`): the body is kept as a free-form JSON value
/// rather than lost, and reported.
fn keep_example_body(r: &mut Response, file: &str, diags: &mut Vec<Diagnostic>) {
    // 204 and 205 have no content by definition: an example there belongs to another status.
    if r.body.is_some() || !(200..300).contains(&r.status) || matches!(r.status, 204 | 205) {
        return;
    }
    let shown = |v: &serde_json::Value| match v {
        serde_json::Value::Object(m) => !m.is_empty(),
        serde_json::Value::Array(a) => !a.is_empty(),
        _ => false,
    };
    let Some(ex) = r.examples.iter().find(|e| shown(&e.value)) else { return };
    r.body = Some(Ty::Scalar(TypeExpr::Object));
    diags.push(
        Diagnostic::new(
            Code::W0218,
            file,
            format!(
                "status {} documents no response body, but its example shows one; kept as a free-form JSON value",
                r.status
            ),
        )
        .line(ex.line)
        .hint("document the body in a table, or set its type in the overrides file"),
    );
}

/// A parameter documented twice (same name and location): the first row is used.
fn dedupe_params(op: &mut Operation, file: &str, diags: &mut Vec<Diagnostic>) {
    let mut kept: Vec<Param> = Vec::new();
    for p in std::mem::take(&mut op.params) {
        if let Some(first) = kept.iter_mut().find(|k| k.location == p.location && k.field.name == p.field.name) {
            table::merge_required(&mut first.field.required, p.field.required);
            first.field.also_documented_at.push(p.field.source.clone());
            diags.push(
                Diagnostic::new(
                    Code::W0210,
                    file,
                    format!(
                        "{} parameter `{}` is documented twice; the first row is used (required only if both say so)",
                        p.location.as_str(),
                        p.field.name
                    ),
                )
                .line(p.field.source.line)
                .table(p.field.source.table.as_deref())
                .row(p.field.name.clone()),
            );
        } else {
            kept.push(p);
        }
    }
    op.params = kept;
}

/// Path params named in the URI but not documented are added (required, string)
/// and reported; documented ones are always required. A row of a path table that the
/// URI puts in the query keeps its Mandatory cell (the page's word wins over the table's role).
fn check_path_params(op: &mut Operation, file: &str, diags: &mut Vec<Diagnostic>) {
    restore_path_templates(op, file, diags);
    for p in op.params.iter_mut().filter(|p| p.location == ParamLocation::Path) {
        p.field.required = Some(true);
    }
    let names: Vec<String> =
        op.path.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string())).collect();
    for name in names {
        if !op.params.iter().any(|p| p.location == ParamLocation::Path && p.field.name == name) {
            diags.push(
                Diagnostic::new(
                    Code::W0206,
                    file,
                    format!(
                        "path parameter `{name}` of {} {} has no row in a path parameter table; added as a string",
                        op.method, op.path
                    ),
                )
                .line(op.source.line),
            );
            let source = Source { file: file.to_string(), table: None, row: Some(name.clone()), line: op.source.line };
            let field = Field::string(name, Some(true), source);
            op.params.push(Param { location: ParamLocation::Path, field });
        }
    }
}

/// A documented path parameter the URI line shows as a sample value
/// (`/v1/b2782e6708b8475c993e6064bc456bf8/fl/flow_logs`): the one segment that looks
/// like an ID becomes `{name}`. A documented path parameter the path cannot hold
/// is a query parameter instead, reported either way.
fn restore_path_templates(op: &mut Operation, file: &str, diags: &mut Vec<Diagnostic>) {
    let missing: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Path && !op.path.contains(&format!("{{{}}}", p.field.name)))
        .map(|p| p.field.name.clone())
        .collect();
    let looks_like_id = |seg: &str| {
        let hex = seg.chars().filter(|c| c.is_ascii_hexdigit()).count();
        seg.len() >= 16 && hex + seg.matches('-').count() == seg.len()
    };
    let ids: Vec<usize> = op.path.split('/').enumerate().filter(|(_, s)| looks_like_id(s)).map(|(i, _)| i).collect();
    if let ([name], [at]) = (missing.as_slice(), ids.as_slice()) {
        let segments: Vec<String> = op
            .path
            .split('/')
            .enumerate()
            .map(|(i, s)| if i == *at { format!("{{{name}}}") } else { s.to_string() })
            .collect();
        diags.push(
            Diagnostic::new(
                Code::W0206,
                file,
                format!("the URI shows a sample value where path parameter `{name}` goes; read as `{{{name}}}`"),
            )
            .line(op.source.line),
        );
        op.path = segments.join("/");
        return;
    }
    for name in missing {
        diags.push(
            Diagnostic::new(
                Code::W0206,
                file,
                format!("path parameter `{name}` is not in {} {}; read as a query parameter", op.method, op.path),
            )
            .line(op.source.line)
            .hint("fix the URI or the parameter table"),
        );
        for p in op.params.iter_mut().filter(|p| p.location == ParamLocation::Path && p.field.name == name) {
            p.location = ParamLocation::Query;
            // No Mandatory cell: the path table's role still says required.
            p.field.required = p.field.required.or(Some(true));
        }
    }
}

/// Query names the URI line shows (`?a={a}`, `{?a,b}`) that no table documents:
/// optional strings, reported.
fn add_uri_query(op: &mut Operation, names: &[String], file: &str, diags: &mut Vec<Diagnostic>) {
    for name in names {
        if op.params.iter().any(|p| p.location == ParamLocation::Query && p.field.name == *name) {
            continue;
        }
        diags.push(
            Diagnostic::new(
                Code::I0216,
                file,
                format!(
                    "query parameter `{name}` is only named in the URI of {} {}; added as an optional string",
                    op.method, op.path
                ),
            )
            .line(op.source.line),
        );
        let source = Source { file: file.to_string(), table: None, row: Some(name.clone()), line: op.source.line };
        let field = Field::string(name.clone(), Some(false), source);
        op.params.push(Param { location: ParamLocation::Query, field });
    }
}

/// Every row of a page with no operation is reported (nothing is dropped silently).
fn report_unplaced(walk: &Walk<'_>, file: &str, diags: &mut Vec<Diagnostic>) {
    let rows: usize = walk
        .tables
        .iter()
        .filter(|p| Columns::from_header(&p.table.header).is_some())
        .map(|p| p.table.rows.len())
        .sum();
    let mut d = Diagnostic::new(Code::I0207, file, "page describes no operation (no `METHOD /path` line)");
    if rows > 0 {
        d = Diagnostic::new(
            Code::W0214,
            file,
            format!("page has {rows} parameter rows but no `METHOD /path` line; nothing was taken from it"),
        )
        .hint("add the URI line, or leave overview pages out of the docs folder");
    }
    diags.push(d);
}
