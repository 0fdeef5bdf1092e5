//! Extract: a [`Document`] -> the operations and object tables it describes.
//!
//! The page is walked once to learn each table's context (section, status
//! code, caption role); then rows become fields ([`table::read_row`]), type
//! names are resolved to the page's tables, and operations are assembled.

pub mod describe;
pub mod examples;
pub mod ir;
pub mod table;

use crate::diagnostics::{Code, Diagnostic};
use crate::ingest::{Document, NodeKind, Table};
use crate::lexicon::{self, Section, TableRole};
use crate::types::TypeExpr;
use ir::{Example, Field, Lang, Object, Operation, Page, Param, ParamLocation, Response, Source, Ty};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use table::{Columns, RawField};

/// Extract everything a page says. Never fails: problems are diagnostics.
pub fn extract(doc: &Document) -> (Page, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let walk = walk(doc, &mut diags);
    let lang = detect_lang(doc);
    let mut page = Page { file: doc.path.clone(), lang, operations: Vec::new(), objects: Vec::new() };
    let base_id = operation_id(doc, walk.title.as_deref());
    if walk.uris.is_empty() {
        report_unplaced(&walk, &doc.path, &mut diags);
        return (page, diags);
    }
    let placed = place_tables(&walk, &doc.path, &mut diags);
    let mut built = build_objects(&walk, &placed, &doc.path, &base_id, &mut diags);
    page.objects = std::mem::take(&mut built.objects);
    for (i, (method, path, line)) in walk.uris.iter().enumerate() {
        let id = match (i, &base_id) {
            (0, Some(id)) => id.clone(),
            (_, Some(id)) => format!("{id}{}", i + 1),
            (_, None) => id_from_route(method, path),
        };
        let source = Source { file: doc.path.clone(), table: None, row: None, line: *line };
        let mut op = Operation {
            id,
            id_explicit: base_id.is_some(),
            method: method.clone(),
            path: path.clone(),
            title: walk.title.as_deref().map(strip_id_suffix),
            description: (!walk.description.is_empty()).then(|| walk.description.join("\n")),
            params: built.params.clone(),
            request_body: built.request_body.clone(),
            request_examples: walk.request_examples.clone(),
            responses: responses(&walk, &built),
            source,
            translations: Default::default(),
        };
        dedupe_params(&mut op, &doc.path, &mut diags);
        check_path_params(&mut op, &doc.path, &mut diags);
        examples::validate_operation(&mut op, &page.objects, &doc.path, &mut diags);
        page.operations.push(op);
    }
    (page, diags)
}

/// A table with what the page around it says about it.
struct Placed<'a> {
    table: &'a Table,
    section: Option<Section>,
    status: Option<u16>,
}

/// What one pass over the page collects.
#[derive(Default)]
struct Walk<'a> {
    title: Option<String>,
    description: Vec<String>,
    uris: Vec<(String, String, Option<usize>)>,
    tables: Vec<Placed<'a>>,
    request_examples: Vec<Example>,
    /// (status marker, is a failure example, example)
    response_examples: Vec<(Option<u16>, bool, Example)>,
    /// Status code -> description, from the status code table and markers.
    statuses: BTreeMap<u16, Option<String>>,
}

static URI: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(/[^\s?#]*)(?:[?#]\S*)?$").ok());
static REQUEST_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+$").ok());

fn uri(text: &str) -> Option<(String, String)> {
    let caps = URI.as_ref()?.captures(text.trim())?;
    Some((caps.get(1)?.as_str().to_string(), caps.get(2)?.as_str().trim_end_matches('/').to_string()))
        .map(|(m, p)| (m, if p.is_empty() { "/".to_string() } else { p }))
}

fn walk<'a>(doc: &'a Document, diags: &mut Vec<Diagnostic>) -> Walk<'a> {
    let mut w = Walk::default();
    let mut section: Option<Section> = None;
    let mut status: Option<u16> = None;
    let mut summary: Option<String> = None;
    for node in &doc.nodes {
        let text = node.text();
        let heading_section = match &node.kind {
            NodeKind::Heading { .. } | NodeKind::Paragraph(_) => lexicon::section(text),
            _ => None,
        };
        if let Some(s) = heading_section {
            section = Some(s);
            status = None;
            summary = None;
            continue;
        }
        match &node.kind {
            NodeKind::Heading { level, text } => {
                if w.title.is_none() && (*level == 1 || section.is_none()) {
                    w.title = Some(text.text.clone());
                }
            }
            NodeKind::Table(t) => {
                if section == Some(Section::StatusCodes) || is_status_table(t) {
                    read_status_table(t, &mut w.statuses);
                }
                w.tables.push(Placed { table: t, section, status });
            }
            NodeKind::Paragraph(_) | NodeKind::ListItem { .. } | NodeKind::Code(_) => {
                if let Some(code) = lexicon::status_marker(text) {
                    status = Some(code);
                    w.statuses.entry(code).or_insert(None);
                    summary = None;
                    continue;
                }
                // URI lines sit before the parameter tables; later `GET /x` text is prose or a table cell.
                if matches!(section, None | Some(Section::Function | Section::Uri)) {
                    if let Some((m, p)) = uri(text) {
                        if !w.uris.iter().any(|(m2, p2, _)| *m2 == m && *p2 == p) {
                            w.uris.push((m, p, node.line));
                        }
                        continue;
                    }
                }
                let examples =
                    matches!(section, Some(Section::RequestExample | Section::ResponseExample | Section::Examples));
                match (&node.kind, section) {
                    (NodeKind::Code(code), Some(s)) if examples => {
                        let label = summary.take();
                        let Some(kind) = example_kind(s, code, label.as_deref()) else { continue };
                        if let Some(example) = parse_example(code, label, node.line, &doc.path, diags) {
                            match kind {
                                ExampleKind::Request => w.request_examples.push(example),
                                ExampleKind::Response => w.response_examples.push((status, false, example)),
                                ExampleKind::Failure => w.response_examples.push((status, true, example)),
                            }
                        }
                    }
                    (NodeKind::Paragraph(t) | NodeKind::ListItem { text: t, .. }, _) if examples => {
                        if !REQUEST_LINE.as_ref().is_some_and(|r| r.is_match(&t.text)) {
                            summary = Some(t.text.clone());
                        }
                        if let (Some(code), Some(Section::ResponseExample)) = (status, section) {
                            w.statuses.entry(code).or_insert_with(|| Some(t.text.clone()));
                        }
                    }
                    (NodeKind::Paragraph(t), Some(Section::Function)) => w.description.push(t.text.clone()),
                    // Pages without a "Function" heading start with the description.
                    (NodeKind::Paragraph(t), None)
                        if w.title.is_some()
                            && w.description.is_empty()
                            && w.uris.is_empty()
                            && !lexicon::is_chrome_line(&t.text) =>
                    {
                        w.description.push(t.text.clone());
                    }
                    _ => {}
                }
            }
        }
    }
    w
}

fn is_status_table(t: &Table) -> bool {
    t.header.first().is_some_and(|c| lexicon::contains_ci(lexicon::STATUS_HEADERS, &c.text()))
        && !t.header.iter().any(|c| lexicon::contains_ci(lexicon::TYPE_HEADERS, &c.text()))
        && !t.header.iter().any(|c| lexicon::contains_ci(lexicon::ERROR_CODE_HEADERS, &c.text()))
}

fn read_status_table(t: &Table, statuses: &mut BTreeMap<u16, Option<String>>) {
    for row in &t.rows {
        let mut cells = row.cells.iter().map(|c| c.text());
        let Some(code) = cells.next().and_then(|c| c.trim().parse::<u16>().ok()) else { continue };
        let desc = cells.next_back().filter(|d| !d.trim().is_empty());
        let entry = statuses.entry(code).or_insert(None);
        if entry.is_none() {
            *entry = desc;
        }
    }
}

enum ExampleKind {
    Request,
    Response,
    /// A response example of a failed call (`Failed sample response`).
    Failure,
}

/// Whether a code block is a request or a response example: by section, else
/// (mixed `Samples` sections) by a leading request line or the label's words.
fn example_kind(section: Section, code: &str, label: Option<&str>) -> Option<ExampleKind> {
    let label = label.unwrap_or("").to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| label.contains(w));
    let request_line = code.lines().next().is_some_and(|l| REQUEST_LINE.as_ref().is_some_and(|r| r.is_match(l.trim())));
    match section {
        Section::RequestExample => Some(ExampleKind::Request),
        Section::ResponseExample if says(lexicon::FAILURE_WORDS) => Some(ExampleKind::Failure),
        Section::ResponseExample => Some(ExampleKind::Response),
        _ if request_line || (says(lexicon::REQUEST_WORDS) && !says(lexicon::RESPONSE_WORDS)) => {
            Some(ExampleKind::Request)
        }
        _ if says(lexicon::RESPONSE_WORDS) && says(lexicon::FAILURE_WORDS) => Some(ExampleKind::Failure),
        _ if says(lexicon::RESPONSE_WORDS) => Some(ExampleKind::Response),
        _ => None,
    }
}

/// A JSON example from a code block, with a leading request line removed.
fn parse_example(
    code: &str,
    summary: Option<String>,
    line: Option<usize>,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Example> {
    let mut body = code.trim();
    if let Some(first) = body.lines().next() {
        if REQUEST_LINE.as_ref().is_some_and(|r| r.is_match(first.trim())) {
            body = body.get(first.len()..).unwrap_or("").trim();
        }
    }
    if body.is_empty() {
        return None;
    }
    match serde_json::from_str(body) {
        Ok(value) => Some(Example { summary, value, line, problems: Vec::new() }),
        Err(e) => {
            diags.push(
                Diagnostic::new(Code::W0208, file, format!("example is not JSON ({e}); not attached"))
                    .line(line)
                    .hint("examples in other formats are kept out of the spec"),
            );
            None
        }
    }
}

/// The role of each table, decided from its caption and its place on the page.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Param(ParamLocation),
    RequestBody,
    ResponseBody(Option<u16>),
    ResponseHeader(Option<u16>),
    Object { response: bool },
    Status,
    Ignored,
}

fn place_tables(walk: &Walk<'_>, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<Role> {
    walk.tables.iter().map(|p| role(p, walk, file, diags)).collect()
}

fn role(p: &Placed<'_>, walk: &Walk<'_>, file: &str, diags: &mut Vec<Diagnostic>) -> Role {
    let response_side =
        matches!(p.section, Some(Section::ResponseParameters | Section::ResponseExample)) || p.status.is_some();
    if is_status_table(p.table) || p.section == Some(Section::StatusCodes) {
        return Role::Status;
    }
    if p.section == Some(Section::ErrorCodes) {
        return Role::Ignored;
    }
    let by_caption = p.table.caption.as_deref().and_then(lexicon::table_role);
    match by_caption {
        Some(TableRole::Path) => Role::Param(ParamLocation::Path),
        Some(TableRole::Query) => Role::Param(ParamLocation::Query),
        Some(TableRole::RequestHeader) => Role::Param(ParamLocation::Header),
        Some(TableRole::RequestBody) => Role::RequestBody,
        Some(TableRole::ResponseHeader) => Role::ResponseHeader(p.status),
        Some(TableRole::ResponseBody) => Role::ResponseBody(p.status),
        Some(TableRole::StatusCodes) => Role::Status,
        Some(TableRole::ErrorCodes) => Role::Ignored,
        Some(TableRole::Object) => Role::Object { response: response_side },
        None => uncaptioned_role(p, walk, response_side, file, diags),
    }
}

/// Tables without a caption: placed by the section they are in.
fn uncaptioned_role(
    p: &Placed<'_>,
    walk: &Walk<'_>,
    response_side: bool,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Role {
    let names: Vec<String> = p.table.rows.iter().filter_map(|r| r.cells.first()).map(|c| c.text()).collect();
    let in_path = |n: &String| walk.uris.iter().any(|(_, path, _)| path.contains(&format!("{{{n}}}")));
    match p.section {
        Some(Section::Uri) if !names.is_empty() && names.iter().all(in_path) => Role::Param(ParamLocation::Path),
        Some(Section::Uri) => Role::Param(ParamLocation::Query),
        Some(Section::RequestParameters) => Role::RequestBody,
        _ if response_side => Role::ResponseBody(p.status),
        _ => {
            diags.push(
                Diagnostic::new(
                    Code::W0206,
                    file,
                    "table has no caption and is outside the request and response sections; not used",
                )
                .line(p.table.line)
                .hint("give the table a caption such as `Request body parameters`"),
            );
            Role::Ignored
        }
    }
}

/// Objects, parameters and bodies built from the placed tables.
struct Built {
    objects: Vec<Object>,
    params: Vec<Param>,
    request_body: Option<Ty>,
    response_bodies: Vec<(Option<u16>, Ty)>,
    response_headers: Vec<(Option<u16>, Field)>,
}

fn build_objects(
    walk: &Walk<'_>,
    roles: &[Role],
    file: &str,
    op_id: &Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Built {
    let base =
        op_id.clone().unwrap_or_else(|| walk.uris.first().map(|(m, p, _)| id_from_route(m, p)).unwrap_or_default());
    // 1. one object per body/object table, with its raw rows
    let mut object_of_table: Vec<Option<usize>> = vec![None; walk.tables.len()];
    let mut objects = Vec::new();
    let mut raw_rows: Vec<Vec<RawField>> = Vec::new();
    let mut params_raw: Vec<(ParamLocation, RawField)> = Vec::new();
    let mut headers_raw: Vec<(Option<u16>, RawField)> = Vec::new();
    for (i, (placed, role)) in walk.tables.iter().zip(roles).enumerate() {
        if matches!(role, Role::Status | Role::Ignored) {
            continue;
        }
        let rows = read_rows(placed.table, file, diags);
        match role {
            Role::Param(loc) => params_raw.extend(rows.into_iter().map(|r| (*loc, r))),
            Role::ResponseHeader(status) => headers_raw.extend(rows.into_iter().map(|r| (*status, r))),
            Role::RequestBody | Role::ResponseBody(_) | Role::Object { .. } => {
                let fallback = fallback_name(&base, *role, walk);
                let source = Source {
                    file: file.to_string(),
                    table: placed.table.caption.clone(),
                    row: None,
                    line: placed.table.line,
                };
                if let Some(slot) = object_of_table.get_mut(i) {
                    *slot = Some(objects.len());
                }
                objects.push(Object {
                    name: object_name(placed.table, *role),
                    fallback_name: fallback,
                    fields: Vec::new(),
                    source,
                });
                raw_rows.push(rows);
            }
            Role::Status | Role::Ignored => {}
        }
    }
    // 2. resolve the types of every row against the page's tables
    let resolver = Resolver { walk, roles, object_of_table: &object_of_table, objects: &objects };
    let mut resolved = Vec::new();
    for (table_idx, obj) in object_of_table.iter().enumerate() {
        let Some(obj) = obj else { continue };
        let rows = raw_rows.get(*obj).cloned().unwrap_or_default();
        let fields: Vec<Field> = rows.into_iter().map(|r| resolver.field(r, table_idx, file, diags)).collect();
        resolved.push((*obj, fields));
    }
    let params = params_raw
        .into_iter()
        .map(|(location, r)| Param { location, field: resolver.field(r, usize::MAX, file, diags) })
        .collect();
    let response_headers =
        headers_raw.into_iter().map(|(s, r)| (s, resolver.field(r, usize::MAX, file, diags))).collect();
    for (obj, fields) in resolved {
        if let Some(o) = objects.get_mut(obj) {
            o.fields = dedupe_fields(fields, file, diags);
        }
    }
    let body_of = |want: &dyn Fn(&Role) -> bool| -> Vec<(Option<u16>, Ty)> {
        roles
            .iter()
            .zip(&object_of_table)
            .filter(|(r, _)| want(r))
            .filter_map(|(r, o)| {
                let status = if let Role::ResponseBody(s) = r { *s } else { None };
                o.map(|o| (status, Ty::Object(o)))
            })
            .collect()
    };
    let request_body = body_of(&|r| *r == Role::RequestBody).into_iter().next().map(|(_, t)| t);
    let response_bodies = body_of(&|r| matches!(r, Role::ResponseBody(_)));
    Built { objects, params, request_body, response_bodies, response_headers }
}

fn read_rows(table: &Table, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawField> {
    let cols = match Columns::from_header(&table.header) {
        Some(c) => c,
        None => {
            let width = table.rows.first().map(|r| r.cells.len()).unwrap_or(0);
            let Some(c) = Columns::guess(width) else {
                if !table.rows.is_empty() {
                    diags.push(
                        Diagnostic::new(
                            Code::W0202,
                            file,
                            format!("table has no Parameter/Type header; its {} rows were not read", table.rows.len()),
                        )
                        .line(table.line)
                        .table(table.caption.as_deref()),
                    );
                }
                return Vec::new();
            };
            diags.push(
                Diagnostic::new(Code::W0202, file, "table has no header; columns guessed from the row width")
                    .line(table.line)
                    .table(table.caption.as_deref()),
            );
            c
        }
    };
    if table.rows.is_empty() {
        diags.push(
            Diagnostic::new(Code::W0215, file, "table has a header but no rows")
                .line(table.line)
                .table(table.caption.as_deref())
                .hint("the page may be truncated"),
        );
    }
    table.rows.iter().filter_map(|row| table::read_row(table, &cols, row, file, diags)).collect()
}

/// Duplicate property names in one table: the first wins, the rest are reported.
fn dedupe_fields(fields: Vec<Field>, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for f in fields {
        if out.iter().any(|o| o.name == f.name) {
            diags.push(
                Diagnostic::new(
                    Code::W0210,
                    file,
                    format!("property `{}` appears twice in this table; the first row is used", f.name),
                )
                .line(f.source.line)
                .table(f.source.table.as_deref())
                .row(f.name.clone()),
            );
        } else {
            out.push(f);
        }
    }
    out
}

/// Resolves `X object` / `Array of X objects` to the table that describes X.
struct Resolver<'w, 'a> {
    walk: &'w Walk<'a>,
    roles: &'w [Role],
    object_of_table: &'w [Option<usize>],
    objects: &'w [Object],
}

impl Resolver<'_, '_> {
    fn field(&self, raw: RawField, from_table: usize, file: &str, diags: &mut Vec<Diagnostic>) -> Field {
        let mut field = raw.field;
        field.ty = match &raw.type_expr {
            None => Ty::Scalar(TypeExpr::Object),
            Some(expr) => self
                .ty(expr, &raw.type_links, from_table)
                .or_else(|e| self.by_field_name(expr, &field.name, from_table).ok_or(e))
                .unwrap_or_else(|name| {
                    diags.push(
                        Diagnostic::new(
                            Code::W0204,
                            file,
                            format!("type `{name}` names a table that is not on this page; read as a free-form object"),
                        )
                        .line(field.source.line)
                        .table(field.source.table.as_deref())
                        .row(field.name.clone())
                        .hint("add the table, or fix the type with set-type in the overrides file"),
                    );
                    Ty::Scalar(TypeExpr::Object)
                }),
        };
        field
    }

    /// Older pages name a nested table after the field (`template_inputs parameters`).
    fn by_field_name(&self, expr: &TypeExpr, field: &str, from: usize) -> Option<Ty> {
        expr.named()?;
        self.ty(&expr.with_name(field), &[], from).ok()
    }

    fn ty(&self, expr: &TypeExpr, links: &[String], from: usize) -> Result<Ty, String> {
        Ok(match expr {
            TypeExpr::Named(name) => Ty::Object(self.find(name, links, from).ok_or_else(|| name.clone())?),
            TypeExpr::Array(inner) => Ty::Array(Box::new(self.ty(inner, links, from)?)),
            TypeExpr::Map(inner) => Ty::Map(Box::new(self.ty(inner, links, from)?)),
            scalar => Ty::Scalar(scalar.clone()),
        })
    }

    /// By link anchor first, then by caption: the nearest following table on the
    /// same side (request/response), then any.
    fn find(&self, name: &str, links: &[String], from: usize) -> Option<usize> {
        let candidates: Vec<(usize, usize)> =
            self.object_of_table.iter().enumerate().filter_map(|(t, o)| o.map(|o| (t, o))).collect();
        for link in links {
            if let Some((_, o)) = candidates
                .iter()
                .find(|(t, _)| self.walk.tables.get(*t).is_some_and(|p| p.table.anchors.iter().any(|a| a == link)))
            {
                return Some(*o);
            }
        }
        let side = |t: usize| self.roles.get(t).map(is_response_role);
        let by_name: Vec<&(usize, usize)> = candidates
            .iter()
            .filter(|(_, o)| self.objects.get(*o).is_some_and(|obj| obj.name.as_deref() == Some(name)))
            .collect();
        let same_side_after = by_name.iter().find(|(t, _)| *t > from && side(*t) == side(from));
        let same_side = by_name.iter().find(|(t, _)| side(*t) == side(from));
        same_side_after.or(same_side).or(by_name.first()).map(|(_, o)| *o)
    }
}

fn is_response_role(r: &Role) -> bool {
    matches!(r, Role::ResponseBody(_) | Role::ResponseHeader(_) | Role::Object { response: true })
}

/// The page's own name for an object table: its caption when that is a type
/// name (`NodePoolSpec`, `jobs parameters` -> `jobs`). Body tables are named from
/// the operation instead (`<Op>RequestBody`), so a page reads the same in every
/// format: copied text keeps no anchors to take a name from.
fn object_name(table: &Table, role: Role) -> Option<String> {
    let Role::Object { .. } = role else { return None };
    let caption = table.caption.as_deref().unwrap_or("");
    let named = lexicon::caption_object_name(caption).unwrap_or(caption);
    is_type_name(named).then(|| named.to_string())
}

fn is_type_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

fn fallback_name(op: &str, role: Role, walk: &Walk<'_>) -> String {
    let first_success = walk.statuses.keys().find(|s| (200..300).contains(*s)).copied().unwrap_or(200);
    match role {
        Role::RequestBody => format!("{op}RequestBody"),
        Role::ResponseBody(Some(s)) if s >= 400 => "ErrorResponse".to_string(),
        Role::ResponseBody(Some(s)) if s != first_success => format!("{op}Response{s}"),
        Role::ResponseBody(_) => format!("{op}Response"),
        _ => format!("{op}Object"),
    }
}

fn responses(walk: &Walk<'_>, built: &Built) -> Vec<Response> {
    let default_status = walk.statuses.keys().find(|s| (200..300).contains(*s)).copied().unwrap_or(200);
    let mut by_status: BTreeMap<u16, Response> = BTreeMap::new();
    for (code, desc) in &walk.statuses {
        by_status.insert(*code, Response { status: *code, description: desc.clone(), ..Default::default() });
    }
    fn entry(map: &mut BTreeMap<u16, Response>, s: u16) -> &mut Response {
        map.entry(s).or_insert_with(|| Response { status: s, ..Default::default() })
    }
    for (s, body) in &built.response_bodies {
        entry(&mut by_status, s.unwrap_or(default_status)).body = Some(body.clone());
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
    by_status.into_values().collect()
}

/// A parameter documented twice (same name and location): the first row is used.
fn dedupe_params(op: &mut Operation, file: &str, diags: &mut Vec<Diagnostic>) {
    let mut kept: Vec<Param> = Vec::new();
    for p in std::mem::take(&mut op.params) {
        if kept.iter().any(|k| k.location == p.location && k.field.name == p.field.name) {
            diags.push(
                Diagnostic::new(
                    Code::W0210,
                    file,
                    format!(
                        "{} parameter `{}` is documented twice; the first row is used",
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
/// and reported; documented ones are always required.
fn check_path_params(op: &mut Operation, file: &str, diags: &mut Vec<Diagnostic>) {
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
            let field = Field {
                name,
                ty: Ty::Scalar(TypeExpr::String),
                required: Some(true),
                description: String::new(),
                enum_values: Vec::new(),
                default: None,
                constraints: Default::default(),
                source,
                translations: Default::default(),
            };
            op.params.push(Param { location: ParamLocation::Path, field });
        }
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

/// operationId: `Title - OperationId`, else an identifier file stem, else none.
fn operation_id(doc: &Document, title: Option<&str>) -> Option<String> {
    if let Some(t) = title {
        for sep in lexicon::TITLE_ID_SEPARATORS {
            if let Some((_, id)) = t.rsplit_once(sep) {
                let id = id.trim();
                if is_identifier(id) {
                    return Some(id.to_string());
                }
            }
        }
    }
    let stem = std::path::Path::new(&doc.path).file_stem()?.to_str()?;
    let stem = strip_lang_suffix(stem);
    (is_identifier(stem) && stem.chars().next().is_some_and(|c| c.is_ascii_uppercase())).then(|| stem.to_string())
}

/// `Creating a Node Pool - CreateNodePool` -> `Creating a Node Pool` (the id is kept apart).
fn strip_id_suffix(title: &str) -> String {
    for sep in lexicon::TITLE_ID_SEPARATORS {
        if let Some((head, id)) = title.rsplit_once(sep) {
            if is_identifier(id.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `CreateNodePool.zh` / `CreateNodePool_en` -> `CreateNodePool`.
pub fn strip_lang_suffix(stem: &str) -> &str {
    for suffix in [".zh", ".en", "_zh", "_en", "-zh", "-en", ".zh-cn", ".en-us", "_zh-cn", "_en-us"] {
        if let Some(s) = stem.strip_suffix(suffix) {
            return s;
        }
    }
    stem
}

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `POST /v2/{project_id}/pools/{pool_name}/nodepools` -> `PostPoolsByPoolNameNodepools`.
pub fn id_from_route(method: &str, path: &str) -> String {
    let mut id = pascal(&method.to_ascii_lowercase());
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if param == "project_id" {
                continue;
            }
            id.push_str("By");
            id.push_str(&pascal(param));
        } else if !(seg.starts_with('v')
            && seg.get(1..).is_some_and(|d| d.chars().all(|c| c.is_ascii_digit() || c == '.')))
        {
            id.push_str(&pascal(seg));
        }
    }
    id
}

fn pascal(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

fn detect_lang(doc: &Document) -> Lang {
    let cjk =
        doc.nodes.iter().take(40).map(|n| n.text()).any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    if cjk {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_routes_are_readable_and_deterministic() {
        assert_eq!(
            id_from_route("POST", "/v2/{project_id}/pools/{pool_name}/nodepools"),
            "PostPoolsByPoolNameNodepools"
        );
        assert_eq!(id_from_route("GET", "/v1.0/{project_id}/servers"), "GetServers");
    }

    #[test]
    fn uri_lines() {
        assert_eq!(uri("POST /v2/{project_id}/datasets"), Some(("POST".into(), "/v2/{project_id}/datasets".into())));
        assert_eq!(
            uri("GET /v2/{project_id}/datasets?offset=1"),
            Some(("GET".into(), "/v2/{project_id}/datasets".into()))
        );
        assert_eq!(uri("POST https://{endpoint}/v2/x"), None);
        assert_eq!(strip_lang_suffix("CreateNodePool.zh"), "CreateNodePool");
    }
}
