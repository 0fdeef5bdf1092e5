//! Object linking: body and object tables become objects, and every type
//! cell naming an object (`X object`, `Array of X objects`, a link) is resolved
//! to the table that describes it.

use super::ir::{Field, Object, Param, ParamLocation, Source, Ty};
use super::roles::{is_response_role, Role};
use super::table::{self, Columns, RawField};
use super::walk::Walk;
use crate::diagnostics::{Code, Diagnostic};
use crate::ingest::Table;
use crate::lexicon;
use crate::types::TypeExpr;
use crate::words::{self, pascal};

/// Objects, parameters and bodies built from the placed tables.
pub(super) struct Built {
    pub(super) objects: Vec<Object>,
    pub(super) params: Vec<Param>,
    pub(super) request_body: Option<Ty>,
    /// Further request bodies the page documents for other cases (`Parameters for creating an
    /// image from an OBS file`, `... from a data disk`): the body is one of them.
    pub(super) request_alternatives: Vec<Ty>,
    pub(super) response_bodies: Vec<(Option<u16>, Ty)>,
    /// The body of failed calls (`Abnormal response`).
    pub(super) error_body: Option<Ty>,
    pub(super) response_headers: Vec<(Option<u16>, Field)>,
}

pub(super) fn build_objects(
    walk: &Walk<'_>,
    roles: &[Role],
    file: &str,
    op_id: &Option<String>,
    diags: &mut Vec<Diagnostic>,
) -> Built {
    let base =
        op_id.clone().unwrap_or_else(|| walk.uris.first().map(|(m, p, _)| words::route_id(m, p)).unwrap_or_default());
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
            Role::UriParams => params_raw.extend(rows.into_iter().map(|r| (uri_location(walk, &r.field.name), r))),
            Role::ResponseHeader(status) => headers_raw.extend(rows.into_iter().map(|r| (*status, r))),
            Role::RequestBody | Role::ResponseBody(_) | Role::ErrorBody | Role::Object { .. } => {
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
    let field_names: Vec<Vec<String>> =
        raw_rows.iter().map(|rows| rows.iter().map(|r| r.field.name.clone()).collect()).collect();
    let resolver =
        Resolver { walk, roles, object_of_table: &object_of_table, objects: &objects, field_names: &field_names };
    let mut resolved = Vec::new();
    for (table_idx, obj) in object_of_table.iter().enumerate() {
        let Some(obj) = obj else { continue };
        let rows = raw_rows.get(*obj).cloned().unwrap_or_default();
        let fields: Vec<Field> = rows.into_iter().map(|r| resolver.field(r, table_idx, file, diags)).collect();
        resolved.push((*obj, fields));
    }
    let params: Vec<Param> = params_raw
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
    link_next_unreferenced(walk, roles, &object_of_table, &mut objects);
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
    let mut request_bodies = body_of(&|r| *r == Role::RequestBody).into_iter().map(|(_, t)| t);
    let mut request_body = request_bodies.next();
    // Tables whose caption says "request body" (`v2.0 request message body`) are bodies whatever
    // their fields; others must look like another case of the first body.
    let captioned_body = |t: &Ty| {
        let table = t.object().and_then(|o| object_of_table.iter().position(|x| *x == Some(o)));
        let caption = table.and_then(|t| walk.tables.get(t)).and_then(|p| p.table.caption.as_deref());
        caption.and_then(lexicon::table_role) == Some(lexicon::TableRole::RequestBody)
    };
    let mut response_bodies = body_of(&|r| matches!(r, Role::ResponseBody(_)));
    // Bodies that are JSON arrays: their one-row wrapper table is read, though nothing refers to it.
    let mut wrappers: Vec<Ty> = Vec::new();
    let error_body = body_of(&|r| *r == Role::ErrorBody)
        .into_iter()
        .map(|(_, t)| unwrap_array_body(t, &objects, &mut wrappers))
        .next();
    // A page whose body table is captioned with its type (`NodePool structure`): the first
    // object table of that side that no field refers to is the body.
    let sends_body = walk.uris.iter().any(|(m, _, _)| matches!(m.as_str(), "POST" | "PUT" | "PATCH"));
    if request_body.is_none() && sends_body {
        request_body = top_object(roles, &object_of_table, &objects, false).map(Ty::Object);
    }
    if response_bodies.is_empty() {
        response_bodies.extend(top_object(roles, &object_of_table, &objects, true).map(|o| (None, Ty::Object(o))));
    }
    // Request-side tables whose caption names no type (`Parameter for Replica creation`) may be
    // another case of the body too.
    let unnamed_objects = roles
        .iter()
        .zip(&object_of_table)
        .filter(|(r, _)| **r == Role::Object { response: false })
        .filter_map(|(_, o)| *o)
        .filter(|o| objects.get(*o).is_some_and(|obj| obj.name.is_none()))
        .map(Ty::Object);
    let body_object = request_body.as_ref().and_then(Ty::object);
    let later: Vec<(Ty, bool)> = request_bodies
        .chain(unnamed_objects)
        .filter(|t| t.object() != body_object)
        .map(|t| (captioned_body(&t), t))
        .map(|(captioned, t)| (unwrap_array_body(t, &objects, &mut wrappers), captioned))
        .collect();
    request_body = request_body.map(|t| unwrap_array_body(t, &objects, &mut wrappers));
    let request_alternatives = alternatives(request_body.as_ref(), later, &mut objects);
    for (_, t) in &mut response_bodies {
        *t = unwrap_array_body(t.clone(), &objects, &mut wrappers);
    }
    let roots: Vec<&Ty> =
        request_body.iter().chain(&request_alternatives).chain(&error_body).chain(&wrappers).collect();
    report_unreferenced(&objects, &params, &roots, &response_bodies, file, diags);
    Built { objects, params, request_body, request_alternatives, response_bodies, error_body, response_headers }
}

/// An object table nothing refers to, right after a table with exactly one free-form row
/// (`resource_detail | object`) on the same side, whose caption shares a name word with the row
/// (`detail`): the table documents that row's object (EVS's `Parameters in the VolumeDetailForTag
/// field`). The page gives the order and a word, not the name; a second free-form row, or no
/// word in common (status tables, a nested table of another object), would make it a guess.
fn link_next_unreferenced(walk: &Walk<'_>, roles: &[Role], object_of_table: &[Option<usize>], objects: &mut [Object]) {
    for t in 1..object_of_table.len() {
        let (Some(Some(next)), Some(Some(prev))) = (object_of_table.get(t), object_of_table.get(t - 1)) else {
            continue;
        };
        let (next, prev) = (*next, *prev);
        let same_side = roles.get(t).map(is_response_role) == roles.get(t - 1).map(is_response_role);
        let nested = matches!(roles.get(t), Some(Role::Object { .. }));
        let captioned_body = walk.tables.get(t).and_then(|p| p.table.caption.as_deref()).and_then(lexicon::table_role)
            != Some(lexicon::TableRole::Object);
        if !same_side || !nested || captioned_body || next == prev || is_referenced(next, objects) {
            continue;
        }
        let Some(fields) = objects.get_mut(prev).map(|o| &mut o.fields) else { continue };
        let mut free = fields.iter_mut().filter(|f| is_free_form(&f.ty));
        if let (Some(only), None) = (free.next(), free.next()) {
            let caption = walk.tables.get(t).and_then(|p| p.table.caption.as_deref()).unwrap_or("");
            if shares_a_name_word(&only.name, caption) {
                only.ty = only.ty.with_object(next);
            }
        }
    }
}

/// A field name and a caption share a word (`metric_datas` and `metricDataBean parameter
/// description`: `metric`). A dotted caption (`a.b.operator`) is named by its last part only.
fn shares_a_name_word(field: &str, caption: &str) -> bool {
    let named = lexicon::caption_object_name(caption).unwrap_or(caption);
    let named = named.rsplit('.').next().unwrap_or(named);
    let theirs = name_words(named);
    name_words(field).iter().any(|w| theirs.contains(w))
}

/// The words of a name, split at `_`, `-`, spaces and camel case, lower case and singular,
/// without the words every caption has (`parameter`, `description`, `data`).
fn name_words(name: &str) -> Vec<String> {
    const FILLER: &[&str] = &[
        "parameter",
        "description",
        "data",
        "structure",
        "field",
        "object",
        "information",
        "info",
        "the",
        "and",
        "for",
        "of",
        "in",
        "list",
        "value",
        "type",
        "code",
    ];
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        let boundary = !c.is_ascii_alphanumeric() || (c.is_ascii_uppercase() && prev_lower);
        if boundary && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    words.push(word);
    words
        .into_iter()
        .map(|w| match w.strip_suffix("es").filter(|s| s.ends_with("ch") || s.ends_with("sh") || s.ends_with('x')) {
            Some(stem) => stem.to_string(),
            None => words::element_name(&w).unwrap_or(w),
        })
        .filter(|w| w.len() >= 3 && !FILLER.contains(&w.as_str()))
        .collect()
}

/// A body table whose only row is `[Array]` stands for a JSON array: the body is that row's type
/// (the wrapper table goes to `wrappers`, read though no field refers to it).
fn unwrap_array_body(body: Ty, objects: &[Object], wrappers: &mut Vec<Ty>) -> Ty {
    let Ty::Object(o) = body else { return body };
    match objects.get(o).map(|obj| obj.fields.as_slice()) {
        Some([only]) if lexicon::is_array_row(&only.name) => {
            wrappers.push(body);
            only.ty.clone()
        }
        _ => body,
    }
}

/// Request-body tables after the first that no field refers to are alternative bodies. Each
/// body is then named after a field no other body has (`...RequestBodyWithImageUrl`), the one
/// thing that tells the cases apart.
fn alternatives(first: Option<&Ty>, later: Vec<(Ty, bool)>, objects: &mut [Object]) -> Vec<Ty> {
    // A table for another case of the whole body shares fields with the first body (`name`,
    // `description`: two or more); others document a nested object the page left unlinked.
    let first_fields: Vec<&str> = first
        .and_then(Ty::object)
        .and_then(|o| objects.get(o))
        .map(|o| o.fields.iter().map(|f| f.name.as_str()).collect())
        .unwrap_or_default();
    let shares = |o: usize| {
        let shared =
            objects.get(o).map(|obj| obj.fields.iter().filter(|f| first_fields.contains(&f.name.as_str())).count());
        shared.is_some_and(|n| n >= 2)
    };
    // (An `[Array]` body is already its element type here: the element is referenced by the
    // wrapper table only, which is not a field of any object that reaches the spec.)
    let alts: Vec<Ty> = later
        .into_iter()
        .filter(|(t, captioned)| {
            t.object()
                .is_some_and(|o| (!is_referenced(o, objects) || matches!(t, Ty::Array(_))) && (*captioned || shares(o)))
        })
        .map(|(t, _)| t)
        .collect();
    let bodies: Vec<usize> = first.and_then(Ty::object).into_iter().chain(alts.iter().filter_map(Ty::object)).collect();
    if alts.is_empty() {
        return alts;
    }
    // Every case is named after its own field, the first one too: the body is one of them.
    for &o in &bodies {
        let in_other_body = |name: &str| {
            bodies
                .iter()
                .filter(|b| **b != o)
                .filter_map(|b| objects.get(*b))
                .any(|b| b.fields.iter().any(|g| g.name == name))
        };
        let unique = objects.get(o).and_then(|obj| {
            let mut fields = obj.fields.iter().filter(|f| !in_other_body(&f.name));
            let first = fields.clone().next();
            fields.find(|f| f.required == Some(true)).or(first).map(|f| f.name.clone())
        });
        if let (Some(obj), Some(field)) = (objects.get_mut(o), unique) {
            obj.fallback_name = format!("{}With{}", obj.fallback_name, pascal(&field));
        }
    }
    alts
}

pub(super) fn read_rows(table: &Table, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<RawField> {
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
pub(super) fn dedupe_fields(fields: Vec<Field>, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    for f in fields {
        if let Some(first) = out.iter_mut().find(|o| o.name == f.name) {
            table::merge_required(&mut first.required, f.required);
            diags.push(
                Diagnostic::new(
                    Code::W0210,
                    file,
                    format!(
                        "property `{}` appears twice in this table; the first row is used (required only if both rows say so)",
                        f.name
                    ),
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
pub(super) struct Resolver<'w, 'a> {
    pub(super) walk: &'w Walk<'a>,
    pub(super) roles: &'w [Role],
    pub(super) object_of_table: &'w [Option<usize>],
    pub(super) objects: &'w [Object],
    /// Per object: the names of its table's rows (objects get their fields only after resolving).
    pub(super) field_names: &'w [Vec<String>],
}

impl Resolver<'_, '_> {
    fn field(&self, raw: RawField, from_table: usize, file: &str, diags: &mut Vec<Diagnostic>) -> Field {
        let mut field = raw.field;
        let linked = || self.linked(&raw.other_links, &raw.table_mentions, from_table);
        let by_link_text = || self.by_caption_text(&raw.link_texts, from_table);
        field.ty = match &raw.type_expr {
            // An unreadable type cell (already reported) with a link to a table: that table.
            // Tables without a type column document parameters and headers: strings on the wire.
            None => linked().or_else(by_link_text).map(Ty::Object).unwrap_or(Ty::Scalar(if raw.untyped {
                TypeExpr::String
            } else {
                TypeExpr::Object
            })),
            Some(expr) => match self.ty(expr, &raw.type_links, from_table) {
                // `Object`, `Array`, `Array of objects`: the description's link or a
                // table named after the field says what the object is.
                Ok(ty) if is_free_form(&ty) => {
                    let by_name = |n: &str| self.find(n, &[], from_table).filter(|o| Some(*o) != self.own(from_table));
                    let own_name = self.own(from_table).and_then(|o| self.objects.get(o)).and_then(|o| o.name.clone());
                    let by_path = || own_name.as_ref().and_then(|p| by_name(&format!("{p}.{}", field.name)));
                    let by_prefix = || self.by_name_prefix(&field.name, from_table);
                    // `tags | Array<Object>` with a table `Description of field tag`: the element's name.
                    let by_singular = || {
                        words::element_name(&field.name)
                            .filter(|_| matches!(ty, Ty::Array(_)))
                            .and_then(|s| by_name(&s))
                    };
                    // A link or "see Table 16" to a table named after another field, while a table
                    // is named after this one (`profile parameters`, `AIProject` for `ai_project`):
                    // older pages renumber tables, so the name wins.
                    let named = || {
                        by_path()
                            .or_else(|| by_name(&field.name))
                            .or_else(|| self.by_loose_name(&field.name, from_table))
                    };
                    let linked = || match linked() {
                        Some(o) if self.names_a_sibling(o, &field.name, from_table) => named().or(Some(o)),
                        other => other,
                    };
                    let found = linked()
                        .or_else(by_path)
                        .or_else(by_link_text)
                        .or_else(|| by_name(&field.name))
                        .or_else(by_singular);
                    match found.or_else(by_prefix).or_else(|| self.uncaptioned_after(from_table)) {
                        Some(o) => ty.with_object(o),
                        None => ty,
                    }
                }
                // `list<map<String, String>>` linking to a table of the map's keys (`href`, `rel`):
                // the table's object, which names what the map only types.
                Ok(ty) if is_scalar_map(&ty) => match linked().or_else(by_link_text) {
                    Some(o) => map_as_object(&ty).with_object(o),
                    None => ty,
                },
                Ok(ty) => ty,
                Err(name) => self
                    .by_field_name(expr, &field.name, from_table)
                    .or_else(|| linked().or_else(by_link_text).map(|o| shape(expr).with_object(o)))
                    .unwrap_or_else(|| {
                        if raw.tentative {
                            diags.push(
                                table::unknown_type(file, &name)
                                    .line(field.source.line)
                                    .table(field.source.table.as_deref())
                                    .row(field.name.clone()),
                            );
                            return Ty::Scalar(TypeExpr::Object);
                        }
                        diags.push(
                            Diagnostic::new(
                                Code::W0204,
                                file,
                                format!(
                                    "type `{name}` names a table that is not on this page; read as a free-form object"
                                ),
                            )
                            .line(field.source.line)
                            .table(field.source.table.as_deref())
                            .row(field.name.clone())
                            .hint("add the table, or fix the type with set-type in the overrides file"),
                        );
                        // `List<Params>` stays a list (of free-form objects).
                        shape(expr)
                    }),
            },
        };
        field
    }

    /// The object of the table a row's link or "see Table N" points to (never its own table).
    fn linked(&self, links: &[String], mentions: &[String], from: usize) -> Option<usize> {
        let own = self.own(from);
        let by_anchor = links.iter().find_map(|link| {
            self.tables_with_objects()
                .find(|(t, _)| self.walk.tables.get(*t).is_some_and(|p| p.table.anchors.iter().any(|a| a == link)))
        });
        let by_label = || {
            mentions.iter().find_map(|m| {
                self.tables_with_objects().find(|(t, _)| {
                    self.walk.tables.get(*t).and_then(|p| p.table.label.as_deref()).map(table::table_label_key).as_ref()
                        == Some(m)
                })
            })
        };
        by_anchor.or_else(by_label).map(|(t, o)| self.same_side(t, o, from)).filter(|o| Some(*o) != own)
    }

    /// A request row linking to a response table (or the reverse) while a table of the same
    /// name is on the row's side: the docs copied the link; the table on the row's side is meant.
    fn same_side(&self, table: usize, object: usize, from: usize) -> usize {
        let side = |t: usize| self.roles.get(t).map(is_response_role);
        if side(table) == side(from) {
            return object;
        }
        let Some(name) = self.objects.get(object).and_then(|o| o.name.as_deref()) else { return object };
        let twins: Vec<(usize, usize)> = self
            .tables_with_objects()
            .filter(|&(t, o)| {
                side(t) == side(from) && self.objects.get(o).and_then(|x| x.name.as_deref()) == Some(name)
            })
            .collect();
        self.nearest(&twins, from).unwrap_or(object)
    }

    /// A link whose text is the caption of another table of the page: the nearest
    /// following one on the same side (request/response), then any.
    fn by_caption_text(&self, texts: &[String], from: usize) -> Option<usize> {
        let own = self.own(from);
        texts.iter().find_map(|text| {
            let matching: Vec<(usize, usize)> = self
                .tables_with_objects()
                .filter(|(t, o)| {
                    Some(*o) != own
                        && self
                            .walk
                            .tables
                            .get(*t)
                            .and_then(|p| p.table.caption.as_deref())
                            .is_some_and(|c| c.eq_ignore_ascii_case(text.trim()))
                })
                .collect();
            self.nearest(&matching, from)
        })
    }

    /// Of candidate (table, object) pairs: the nearest following one on the side of
    /// table `from` (request/response), else any on that side, else the first.
    fn nearest(&self, candidates: &[(usize, usize)], from: usize) -> Option<usize> {
        let side = |t: usize| self.roles.get(t).map(is_response_role);
        let after = candidates.iter().find(|(t, _)| *t > from && side(*t) == side(from));
        let same = candidates.iter().find(|(t, _)| side(*t) == side(from));
        after.or(same).or(candidates.first()).map(|(_, o)| *o)
    }

    /// A table whose one row is `virtual_gateway | Dictionary`, followed by a table without a
    /// caption (or a generic one) on the same side: that table documents the object (Direct Connect's update pages).
    /// Tables of several rows are left alone: the next table may be another case of the body.
    fn uncaptioned_after(&self, from: usize) -> Option<usize> {
        let side = |t: usize| self.roles.get(t).map(is_response_role);
        let rows = self.own(from).and_then(|o| self.field_names.get(o)).map_or(0, Vec::len);
        if rows != 1 {
            return None;
        }
        let next = from.checked_add(1)?;
        let placed = self.walk.tables.get(next)?;
        let object = (*self.object_of_table.get(next)?)?;
        // A caption that names nothing (`Parameter description` under each of them) is no caption.
        let unnamed = placed.table.caption.as_deref().is_none_or(|c| lexicon::contains_ci(lexicon::GENERIC_TABLES, c));
        (unnamed && side(next) == side(from)).then_some(object)
    }

    /// `error | Object` with a table `ErrorDetail` on the page: the one object table
    /// whose name starts with the field's name, when there is exactly one.
    fn by_name_prefix(&self, field: &str, from: usize) -> Option<usize> {
        let own = self.own(from);
        let prefix: String =
            field.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if prefix.len() < 3 {
            return None;
        }
        let mut found = self.tables_with_objects().filter(|(_, o)| {
            Some(*o) != own
                && self.objects.get(*o).and_then(|obj| obj.name.as_deref()).is_some_and(|n| {
                    let n = n.to_ascii_lowercase();
                    n.starts_with(&prefix) && n.len() > prefix.len()
                })
        });
        let first = found.next().map(|(_, o)| o)?;
        // Several tables of one name (request and response side) are one candidate.
        let name = self.objects.get(first).and_then(|o| o.name.clone());
        found.all(|(_, o)| self.objects.get(o).and_then(|x| x.name.clone()) == name).then_some(first)
    }

    /// Object `o` is named after another row of the table `field` is in (`flavor_details` for
    /// `profile`): the link went to a sibling's table.
    fn names_a_sibling(&self, o: usize, field: &str, from: usize) -> bool {
        let Some(name) = self.objects.get(o).and_then(|obj| obj.name.as_deref()) else { return false };
        let siblings = self.own(from).and_then(|own| self.field_names.get(own));
        loose(name) != loose(field) && siblings.is_some_and(|names| names.iter().any(|n| loose(n) == loose(name)))
    }

    /// The one object whose name is `field` up to case and `_` (`AIProject` for `ai_project`).
    fn by_loose_name(&self, field: &str, from: usize) -> Option<usize> {
        let own = self.own(from);
        let mut found = self.tables_with_objects().filter(|(_, o)| Some(*o) != own).filter(|(_, o)| {
            self.objects.get(*o).and_then(|obj| obj.name.as_deref()).is_some_and(|n| loose(n) == loose(field))
        });
        let first = found.next().map(|(_, o)| o)?;
        found.next().is_none().then_some(first)
    }

    fn own(&self, table: usize) -> Option<usize> {
        self.object_of_table.get(table).copied().flatten()
    }

    fn tables_with_objects(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.object_of_table.iter().enumerate().filter_map(|(t, o)| o.map(|o| (t, o)))
    }

    /// Older pages name a nested table after the field (`template_inputs parameters`),
    /// or after its path (`auth.identity` for field `identity` of table `auth`).
    fn by_field_name(&self, expr: &TypeExpr, field: &str, from: usize) -> Option<Ty> {
        expr.named()?;
        let own = self.own(from).and_then(|o| self.objects.get(o)).and_then(|o| o.name.clone());
        let path = own.map(|p| format!("{p}.{field}"));
        path.and_then(|p| self.ty(&expr.with_name(&p), &[], from).ok())
            .or_else(|| self.ty(&expr.with_name(field), &[], from).ok())
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
        let by_name: Vec<(usize, usize)> = candidates
            .iter()
            .filter(|(_, o)| self.objects.get(*o).is_some_and(|obj| obj.name.as_deref() == Some(name)))
            .copied()
            .collect();
        if by_name.is_empty() {
            // `Data structure of the primaryNic/extNics field`, `... of the spec/extendParam field`:
            // one table for several fields, or for a field given by its path.
            let shared: Vec<(usize, usize)> =
                candidates.iter().filter(|(t, _)| self.caption_names_among(*t, name)).copied().collect();
            if !shared.is_empty() {
                return self.nearest(&shared, from);
            }
            // `Resource_tag`, `Array of resource_tags` for a table `Description of field resource_tag`:
            // the name up to case and `_`, or its singular.
            let wanted: Vec<String> =
                std::iter::once(loose(name)).chain(words::element_name(name).map(|s| loose(&s))).collect();
            let loosely: Vec<(usize, usize)> = candidates
                .iter()
                .filter(|(_, o)| {
                    self.objects.get(*o).and_then(|obj| obj.name.as_deref()).is_some_and(|n| wanted.contains(&loose(n)))
                })
                .copied()
                .collect();
            return self.nearest(&loosely, from);
        }
        self.nearest(&by_name, from)
    }

    /// The caption of table `t` names `field` as one of `a/b` (fields, or a path ending in it).
    fn caption_names_among(&self, t: usize, field: &str) -> bool {
        let caption = self.walk.tables.get(t).and_then(|p| p.table.caption.as_deref()).unwrap_or("");
        lexicon::caption_object_name(caption)
            .is_some_and(|n| n.contains('/') && n.split('/').any(|part| part.trim() == field))
    }
}

/// The first object table of one side (request or response) that no field refers to.
fn top_object(roles: &[Role], object_of_table: &[Option<usize>], objects: &[Object], response: bool) -> Option<usize> {
    roles
        .iter()
        .zip(object_of_table)
        .filter(|(r, _)| **r == Role::Object { response })
        .filter_map(|(_, o)| *o)
        .find(|o| !is_referenced(*o, objects))
}

/// Some field of some object has object `o` as its type (or element type).
fn is_referenced(o: usize, objects: &[Object]) -> bool {
    objects.iter().any(|obj| obj.fields.iter().any(|f| f.ty.object() == Some(o)))
}

/// Object tables no body, parameter or field refers to: their rows reach no
/// operation, so each such table is reported (never dropped silently).
fn report_unreferenced(
    objects: &[Object],
    params: &[Param],
    request_bodies: &[&Ty],
    response_bodies: &[(Option<u16>, Ty)],
    file: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mark = |ty: &Ty, used: &mut Vec<bool>| {
        if let Some(u) = ty.object().and_then(|o| used.get_mut(o)) {
            *u = true;
        }
    };
    let mut used = vec![false; objects.len()];
    let roots = request_bodies.iter().copied().chain(response_bodies.iter().map(|(_, t)| t));
    for ty in roots.chain(params.iter().map(|p| &p.field.ty)) {
        mark(ty, &mut used);
    }
    for obj in objects {
        for f in &obj.fields {
            mark(&f.ty, &mut used);
        }
    }
    for (obj, used) in objects.iter().zip(used) {
        if !used {
            diags.push(
                Diagnostic::new(
                    Code::W0217,
                    file,
                    format!("no field or body refers to this table; its {} rows are not in the spec", obj.fields.len()),
                )
                .line(obj.source.line)
                .table(obj.source.table.as_deref())
                .hint("link the field to the table (type `X object` or a link), or fix the type with set-type"),
            );
        }
    }
}

/// A row of a URI parameter table: in the path when a URI names it, else in the query.
/// An uncaptioned table of HTTP header names (`X-Auth-Token`, `Content-Type`) gives headers.
fn uri_location(walk: &Walk<'_>, name: &str) -> ParamLocation {
    let in_path = walk.uris.iter().any(|(_, path, _)| path.contains(&format!("{{{name}}}")));
    if in_path {
        ParamLocation::Path
    } else if lexicon::is_http_header(name) {
        ParamLocation::Header
    } else {
        ParamLocation::Query
    }
}

/// A type whose object part is unknown: `Object`, `Array of objects`, `Map<String,Object>`.
fn is_free_form(ty: &Ty) -> bool {
    match ty {
        Ty::Scalar(TypeExpr::Object) => true,
        Ty::Array(inner) | Ty::Map(inner) => is_free_form(inner),
        _ => false,
    }
}

/// A name compared loosely: lower case, without `_` and `-`.
fn loose(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '_' | '-')).flat_map(char::to_lowercase).collect()
}

/// `Map<String,String>`, `Array of Map<String,String>`.
fn is_scalar_map(ty: &Ty) -> bool {
    match ty {
        Ty::Array(inner) => is_scalar_map(inner),
        Ty::Map(inner) => matches!(inner.as_ref(), Ty::Scalar(t) if *t != TypeExpr::Object),
        _ => false,
    }
}

/// The map part of a type as a free-form object, for [`Ty::with_object`].
fn map_as_object(ty: &Ty) -> Ty {
    match ty {
        Ty::Array(inner) => Ty::Array(Box::new(map_as_object(inner))),
        _ => Ty::Scalar(TypeExpr::Object),
    }
}

/// The array/map shape of a type expression, with a free-form object inside.
fn shape(expr: &TypeExpr) -> Ty {
    match expr {
        TypeExpr::Array(inner) => Ty::Array(Box::new(shape(inner))),
        TypeExpr::Map(inner) => Ty::Map(Box::new(shape(inner))),
        _ => Ty::Scalar(TypeExpr::Object),
    }
}

/// The page's own name for an object table: its caption when that is a type
/// name (`NodePoolSpec`, `jobs parameters` -> `jobs`). Body tables are named from
/// the operation instead (`<Op>RequestBody`), so a page reads the same in every
/// format: copied text keeps no anchors to take a name from.
pub(super) fn object_name(table: &Table, role: Role) -> Option<String> {
    let Role::Object { .. } = role else { return None };
    let caption = table.caption.as_deref().unwrap_or("");
    let named = lexicon::caption_object_name(caption).unwrap_or(caption);
    // `spec/extendParam` (a path), `primaryNic/extNics` (two fields of one type): the last part, so
    // the same table on several pages is one schema.
    let named = match named.rsplit_once('/') {
        Some((head, last)) if head.split('/').all(is_type_name) => last,
        _ => named,
    };
    is_type_name(named).then(|| named.to_string())
}

pub(super) fn is_type_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

pub(super) fn fallback_name(op: &str, role: Role, walk: &Walk<'_>) -> String {
    let first_success = walk.statuses.keys().find(|s| (200..300).contains(*s)).copied().unwrap_or(200);
    match role {
        Role::RequestBody => format!("{op}RequestBody"),
        Role::ResponseBody(Some(s)) if s >= 400 => "ErrorResponse".to_string(),
        Role::ErrorBody => "ErrorResponse".to_string(),
        Role::ResponseBody(Some(s)) if s != first_success => format!("{op}Response{s}"),
        Role::ResponseBody(_) => format!("{op}Response"),
        _ => format!("{op}Object"),
    }
}
