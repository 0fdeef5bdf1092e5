//! The emit IR: what the crate will contain, with every name decided.
//!
//! [`lower`] turns the OpenAPI model into types (one per component schema, plus
//! named types for inline enums and objects), operations and examples, then
//! runs the analyses the emitters need: where a type is used (request,
//! response), which fields must be boxed (recursion), which types have a
//! `Default`, and which required fields deserialize leniently.

use super::docs;
use super::ident::{self, Namer};
use super::options::EmitError;
use crate::spec::openapi::{AdditionalProperties, MediaType, OpenApi, Operation, Parameter, Schema};
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

pub use super::lowered::{
    Body, Example, Field, Kind, Location, Lowered, Op, Origin, Outcome, Param, Payload, ResponseHeader,
    ResponseHeaders, Status, Success, Ty, TypeDef, Variant,
};

use super::naming::reserved::{CLIENT_METHODS, PRELUDE};

struct Lowerer<'a> {
    spec: &'a OpenApi,
    names: Namer,
    components: HashMap<&'a str, String>,
    types: Vec<TypeDef>,
    enums: HashMap<(Vec<String>, Vec<String>), String>,
    fn_names: Namer,
    op_types: Namer,
    test_names: Namer,
    examples: Vec<Example>,
    /// Types of every documented response body, errors included.
    responses: Vec<Ty>,
    /// The operation being lowered: its index and the provisional prefix of its inline types.
    op_ctx: Option<(usize, String)>,
    /// Lowering the items of an array.
    in_list: bool,
}

/// Lower a spec. Fails on references to missing schemas.
/// `spec` with an id on every operation: a valid OpenAPI document may leave `operationId` out;
/// such an operation gets the id extraction makes from METHOD + path, marked as made from the
/// route so the naming pass names it from its summary (or the route).
fn with_operation_ids(spec: &OpenApi) -> std::borrow::Cow<'_, OpenApi> {
    if spec.operations().iter().all(|(_, _, op)| !op.operation_id.is_empty()) {
        return std::borrow::Cow::Borrowed(spec);
    }
    let mut filled = spec.clone();
    for (path, item) in &mut filled.paths {
        for (method, op) in item.iter_mut() {
            if op.operation_id.is_empty() {
                op.operation_id = crate::words::route_id(method, path);
                op.x_operation_id_source = Some("route".to_string());
            }
        }
    }
    std::borrow::Cow::Owned(filled)
}

pub fn lower(spec: &OpenApi) -> Result<Lowered, EmitError> {
    let spec = &*with_operation_ids(spec);
    let mut l = Lowerer {
        spec,
        names: Namer::pascal().reserve(PRELUDE.iter().copied()),
        components: HashMap::new(),
        types: Vec::new(),
        enums: HashMap::new(),
        fn_names: Namer::snake().reserve(CLIENT_METHODS.iter().copied()),
        op_types: Namer::pascal().reserve(PRELUDE.iter().copied()),
        test_names: Namer::snake().reserve(["round_trip", "same"]),
        examples: Vec::new(),
        responses: Vec::new(),
        op_ctx: None,
        in_list: false,
    };
    for name in spec.components.schemas.keys() {
        let base = ident::type_ident(name);
        let base = if PRELUDE.contains(&base.as_str()) { format!("{base}Model") } else { base };
        let rust = l.names.claim(&base);
        l.components.insert(name.as_str(), rust);
    }
    for (name, schema) in &spec.components.schemas {
        l.component(name, schema)?;
    }
    let mut ops = Vec::new();
    for (i, (path, method, op)) in spec.operations().into_iter().enumerate() {
        l.op_ctx = Some((i, ident::type_ident(&op.operation_id)));
        ops.push(l.operation(path, method, op)?);
    }
    let mut out = Lowered { types: l.types, ops, examples: l.examples };
    let mut responses = l.responses;
    super::naming::apply(&mut out, &mut responses);
    analyse(&mut out, &responses);
    Ok(out)
}

fn enum_strings(schema: &Schema) -> Vec<String> {
    schema
        .enum_values
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// A string enum (open enum type); enums of other types keep their primitive type.
fn is_string_enum(schema: &Schema) -> bool {
    !schema.enum_values.is_empty()
        && matches!(schema.schema_type.as_deref(), Some("string") | None)
        && schema.enum_values.iter().all(|v| v.is_string())
}

impl<'a> Lowerer<'a> {
    fn component_name(&self, r: &str) -> Result<String, EmitError> {
        self.components.get(r).cloned().ok_or_else(|| EmitError::Spec(format!("reference to unknown schema `{r}`")))
    }

    fn schema_of(&self, r: &str) -> Result<&'a Schema, EmitError> {
        self.spec.components.schemas.get(r).ok_or_else(|| EmitError::Spec(format!("reference to unknown schema `{r}`")))
    }

    fn reserve_slot(&mut self, name: &str, origin: Origin) -> usize {
        self.types.push(TypeDef {
            name: name.to_string(),
            docs: Vec::new(),
            kind: Kind::Alias(Ty::Json),
            in_request: false,
            in_response: false,
            origin,
            module: String::new(),
        });
        self.types.len() - 1
    }

    fn fill_slot(&mut self, slot: usize, docs: Vec<String>, kind: Kind) {
        if let Some(t) = self.types.get_mut(slot) {
            t.docs = docs::link_tables(docs, None);
            t.kind = kind;
        }
    }

    fn component(&mut self, name: &str, schema: &Schema) -> Result<(), EmitError> {
        let rust = self.component_name(name)?;
        let slot = self.reserve_slot(&rust, Origin::Component(name.to_string()));
        let docs = docs::description_lines(schema.description.as_deref(), &schema.x_descriptions);
        let kind = if let Some(target) = schema.ref_name() {
            Kind::Alias(Ty::Named(self.component_name(target)?))
        } else if is_string_enum(schema) {
            Kind::Enum(variants(schema))
        } else {
            self.kind_of(&rust, schema)?
        };
        self.fill_slot(slot, docs, kind);
        Ok(())
    }

    /// The kind of a named type for a non-enum, non-reference schema.
    fn kind_of(&mut self, rust: &str, schema: &Schema) -> Result<Kind, EmitError> {
        if !schema.all_of.is_empty() {
            let (props, required) = self.flatten(schema, 0)?;
            return self.fields(rust, &props, &required).map(Kind::Struct);
        }
        if !schema.one_of.is_empty() {
            let mut variants = Vec::new();
            let mut namer = Namer::pascal().reserve(PRELUDE.iter().copied());
            for (i, part) in schema.one_of.iter().enumerate() {
                let ty = self.ty(part, rust, &format!("Variant{}", i + 1))?;
                let base = match &ty {
                    Ty::Named(n) => n.clone(),
                    _ => format!("Variant{}", i + 1),
                };
                variants.push((namer.claim(&base), ty));
            }
            return Ok(Kind::OneOf(variants));
        }
        let is_object = matches!(schema.schema_type.as_deref(), Some("object") | None);
        if !schema.properties.is_empty() && is_object {
            return self.fields(rust, &schema.properties, &schema.required).map(Kind::Struct);
        }
        Ok(Kind::Alias(self.plain_ty(schema, rust, "Item")?))
    }

    /// Properties and required names of an `allOf` composition, merged in order.
    fn flatten(&self, schema: &Schema, depth: usize) -> Result<(IndexMap<String, Schema>, Vec<String>), EmitError> {
        if depth > 16 {
            return Err(EmitError::Spec("allOf nested too deep or cyclic".to_string()));
        }
        let mut props = IndexMap::new();
        let mut required = Vec::new();
        for part in &schema.all_of {
            let part = match part.ref_name() {
                Some(r) => self.schema_of(r)?,
                None => part,
            };
            let (p, r) = self.flatten(part, depth + 1)?;
            props.extend(p);
            required.extend(r);
        }
        props.extend(schema.properties.iter().map(|(k, v)| (k.clone(), v.clone())));
        required.extend(schema.required.iter().cloned());
        Ok((props, required))
    }

    fn fields(
        &mut self,
        parent: &str,
        props: &IndexMap<String, Schema>,
        required: &[String],
    ) -> Result<Vec<Field>, EmitError> {
        let mut namer = Namer::snake();
        let mut out = Vec::new();
        let in_list = std::mem::replace(&mut self.in_list, false);
        for (wire, prop) in props {
            let ident = namer.claim(&field_ident(wire, &namer));
            let ty = self.ty(prop, parent, wire)?;
            let is_required = required.contains(wire) && !prop.x_required_unknown;
            let docs = field_docs(prop, self.inline_enum_doc(prop));
            out.push(Field {
                wire: wire.clone(),
                ident,
                ty,
                required: is_required,
                docs,
                boxed: false,
                lenient: false,
                fixed: None,
            });
        }
        self.in_list = in_list;
        Ok(out)
    }

    /// Values of a non-string enum (kept as a primitive type) for the docs.
    fn inline_enum_doc(&self, prop: &Schema) -> bool {
        !prop.enum_values.is_empty() && !is_string_enum(prop) && prop.ref_name().is_none()
    }

    /// A provisional unique name for an inline type, and where it comes from.
    fn inline_name(&mut self, parent: &str, field: &str) -> (String, Origin) {
        let base = format!("{parent}{}", ident::type_ident(field));
        let origin = match &self.op_ctx {
            Some((op, prefix)) if prefix == parent => {
                if field == "RequestBody" {
                    Origin::Body { op: *op }
                } else if let Some(status) = field.strip_prefix("Response") {
                    Origin::Response { op: *op, status: status.to_string() }
                } else {
                    Origin::Param { op: *op, param: field.to_string() }
                }
            }
            _ => Origin::Property { parent: parent.to_string(), property: field.to_string(), list: self.in_list },
        };
        (self.names.claim(&base), origin)
    }

    /// The type of a property, parameter or body schema; inline enums and objects become named types.
    fn ty(&mut self, schema: &Schema, parent: &str, field: &str) -> Result<Ty, EmitError> {
        if let Some(r) = schema.ref_name() {
            return self.component_name(r).map(Ty::Named);
        }
        if is_string_enum(schema) {
            let key = (enum_strings(schema), schema.x_enum_descriptions.clone());
            if let Some(existing) = self.enums.get(&key) {
                return Ok(Ty::Named(existing.clone()));
            }
            let (name, origin) = self.inline_name(parent, field);
            self.enums.insert(key, name.clone());
            let docs = docs::description_lines(schema.description.as_deref(), &schema.x_descriptions);
            let slot = self.reserve_slot(&name, origin);
            self.fill_slot(slot, docs, Kind::Enum(variants(schema)));
            return Ok(Ty::Named(name));
        }
        let inline_object = !schema.properties.is_empty()
            && matches!(schema.schema_type.as_deref(), Some("object") | None)
            || schema.all_of.len() > 1
            || !schema.one_of.is_empty();
        if inline_object {
            let (name, origin) = self.inline_name(parent, field);
            let slot = self.reserve_slot(&name, origin);
            let docs = docs::description_lines(schema.description.as_deref(), &schema.x_descriptions);
            let kind = self.kind_of(&name, schema)?;
            self.fill_slot(slot, docs, kind);
            return Ok(Ty::Named(name));
        }
        self.plain_ty(schema, parent, field)
    }

    /// Primitive, array and map types.
    fn plain_ty(&mut self, schema: &Schema, parent: &str, field: &str) -> Result<Ty, EmitError> {
        let format = schema.format.as_deref();
        Ok(match schema.schema_type.as_deref() {
            Some("string") => Ty::String,
            Some("boolean") => Ty::Bool,
            Some("integer") => match format {
                Some("int32") => Ty::I32,
                _ => Ty::I64,
            },
            Some("number") => match format {
                Some("float") => Ty::F32,
                _ => Ty::F64,
            },
            Some("array") => match &schema.items {
                Some(items) => {
                    let in_list = std::mem::replace(&mut self.in_list, true);
                    let item = self.ty(items, parent, field);
                    self.in_list = in_list;
                    Ty::Vec(Box::new(item?))
                }
                None => Ty::Vec(Box::new(Ty::Json)),
            },
            _ => match schema.additional_properties.as_deref() {
                Some(AdditionalProperties::Schema(values)) => {
                    Ty::Map(Box::new(self.ty(values, parent, &format!("{field}Value"))?))
                }
                _ => Ty::Json,
            },
        })
    }

    fn operation(&mut self, path: &str, method: &str, op: &Operation) -> Result<Op, EmitError> {
        let id = op.operation_id.as_str();
        let op_index = self.op_ctx.as_ref().map(|(i, _)| *i).unwrap_or_default();
        // An HTTP method the runtime has no constant for is an error, not a silent GET.
        if !["get", "put", "post", "delete", "options", "head", "patch", "trace"]
            .contains(&method.to_ascii_lowercase().as_str())
        {
            return Err(EmitError::Spec(format!("{id}: unknown HTTP method `{method}` for `{path}`")));
        }
        let type_base = ident::type_ident(id);
        let fn_name = self.fn_names.claim(&ident::snake_ident(id));
        let request = self.op_types.claim(&format!("{type_base}Request"));
        // Path parameters claim their names first: a query parameter repeating one gets the `_2`.
        let mut field_names = Namer::snake();
        let mut idents: HashMap<usize, String> = HashMap::new();
        // Headers the runtime sets itself (auth, signing, framing) are not the caller's to pass.
        let parameters: Vec<&Parameter> =
            op.parameters.iter().filter(|p| !(p.location == "header" && is_runtime_header(&p.name))).collect();
        let path_first = parameters.iter().enumerate().filter(|(_, p)| p.location == "path");
        let others = parameters.iter().enumerate().filter(|(_, p)| p.location != "path");
        for (i, p) in path_first.chain(others) {
            // A query or header parameter repeating a path parameter's name is qualified by its location.
            let base = ident::snake_ident(&p.name);
            let base = if field_names.is_taken(&base) {
                ident::snake_ident(&format!("{}_{}", p.location, ident::unraw(&base)))
            } else {
                base
            };
            idents.insert(i, field_names.claim(&base));
        }
        let mut params = Vec::new();
        for (i, p) in parameters.iter().enumerate() {
            let location = match p.location.as_str() {
                "path" => Location::Path,
                "query" => Location::Query,
                "header" => Location::Header,
                other => {
                    return Err(EmitError::Spec(format!(
                        "{id}: parameter `{}` in unsupported location `{other}`",
                        p.name
                    )))
                }
            };
            let from_credentials = location == Location::Path && p.name == "project_id";
            let required = (location == Location::Path || (p.required && !p.x_required_unknown)) && !from_credentials;
            let ty = self.ty(&p.schema, &type_base, &p.name)?;
            let mut docs = field_docs_with(
                p.description.as_deref(),
                &p.x_descriptions,
                &p.schema,
                self.inline_enum_doc(&p.schema),
            );
            if from_credentials {
                docs = docs::paragraphs(vec![
                    docs,
                    vec![
                        "`None`: the runtime fills it in from the credentials (`Credentials::with_project_id`).".into()
                    ],
                ]);
            }
            params.push(Param {
                wire: p.name.clone(),
                ident: idents.get(&i).cloned().unwrap_or_else(|| ident::snake_ident(&p.name)),
                location,
                ty,
                required,
                from_credentials,
                docs,
            });
        }
        let mut body = None;
        if let Some(rb) = &op.request_body {
            let json = rb.content.iter().find(|(ct, _)| is_json(ct));
            let (ty, raw_content_type, media) = match json {
                Some((_, media)) => (self.ty(&media.schema, &type_base, "RequestBody")?, None, Some(media)),
                None => match rb.content.keys().next() {
                    Some(ct) => (Ty::Bytes, Some(ct.clone()), None),
                    None => (Ty::Json, None, None),
                },
            };
            let docs = match rb.description.as_deref() {
                Some(d) => docs::text_lines(d),
                None => vec!["The request body.".to_string()],
            };
            if let Some(media) = media {
                push_examples(&mut self.examples, &mut self.test_names, (op_index, &fn_name), "request", &ty, media);
            }
            body = Some(Body { ident: field_names.claim("body"), ty, required: rb.required, raw_content_type, docs });
        }
        let mut arms = Vec::new();
        let mut errors = Vec::new();
        let mut headers = HeaderFields::default();
        for (code, response) in &op.responses {
            let json = response.content.iter().find(|(ct, _)| is_json(ct));
            let payload = match json {
                Some((_, media)) => {
                    let ty = self.ty(&media.schema, &type_base, &format!("Response{code}"))?;
                    push_examples(
                        &mut self.examples,
                        &mut self.test_names,
                        (op_index, &fn_name),
                        &format!("response_{code}"),
                        &ty,
                        media,
                    );
                    self.responses.push(ty.clone());
                    Payload::Json(ty)
                }
                None if response.content.is_empty() => Payload::None,
                None => Payload::Raw,
            };
            let Some(status) = success_status(code) else {
                if code != "default" {
                    errors.push((code.clone(), response.description.clone()));
                }
                continue;
            };
            headers.add(response);
            arms.push(Success {
                status,
                variant: status_variant(code),
                payload,
                docs: docs::text_lines(&response.description),
            });
        }
        let outcome = match arms.len() {
            0 => Outcome::Undocumented,
            1 => match arms.pop() {
                Some(only) => Outcome::Single(only),
                None => Outcome::Undocumented,
            },
            _ => Outcome::Several { name: self.op_types.claim(&format!("{type_base}Response")), arms },
        };
        let summary = op.summary.as_deref().unwrap_or_default();
        let mut head = docs::text_lines(summary);
        let description = op.description.as_deref().filter(|d| d.trim() != summary.trim());
        // The crate has no tables to point to.
        let text = docs::link_tables(docs::description_lines(description, &op.x_descriptions), None)
            .into_iter()
            .filter(|l| !head.contains(l))
            .collect::<Vec<_>>();
        if head.is_empty() {
            head = vec![format!("Operation {}.", docs::code(id))];
        }
        let call = vec![format!("`{} {}` ({})", method.to_ascii_uppercase(), path, docs::code(id))];
        Ok(Op {
            method: method.to_ascii_uppercase(),
            path: path.to_string(),
            operation_id: id.to_string(),
            summary: op.summary.clone(),
            route_id: match op.x_operation_id_source.as_deref() {
                Some(source) => source == "route",
                None => crate::words::is_route_id(id, method, path),
            },
            group: if op.tags.is_empty() { String::new() } else { super::naming::modules::group_of(&op.tags, path) },
            tag: op.tags.first().cloned().unwrap_or_default(),
            deprecated: op.deprecated || crate::words::title_says_deprecated(op.summary.as_deref().unwrap_or_default()),
            fn_name,
            request,
            docs: docs::paragraphs(vec![head, text, call]),
            params,
            body,
            outcome,
            headers: headers.into_struct(|| self.op_types.claim(&format!("{type_base}Headers"))),
            errors,
        })
    }
}

/// The headers documented on an operation's success responses, each once (names compare
/// case-insensitively, as HTTP does; the first description wins).
struct HeaderFields {
    fields: Vec<ResponseHeader>,
    idents: Namer,
}

impl Default for HeaderFields {
    fn default() -> Self {
        HeaderFields { fields: Vec::new(), idents: Namer::snake() }
    }
}

impl HeaderFields {
    fn add(&mut self, response: &crate::spec::openapi::Response) {
        for (wire, header) in &response.headers {
            if self.fields.iter().any(|f| f.wire.eq_ignore_ascii_case(wire)) {
                continue;
            }
            let ty = header_ty(&header.schema);
            let docs = field_docs_with(header.description.as_deref(), &Default::default(), &header.schema, false);
            let ident = self.idents.claim(&ident::snake_ident(wire));
            self.fields.push(ResponseHeader { wire: wire.clone(), ident, ty, docs });
        }
    }

    fn into_struct(self, name: impl FnOnce() -> String) -> Option<ResponseHeaders> {
        (!self.fields.is_empty()).then(|| ResponseHeaders { name: name(), fields: self.fields })
    }
}

/// A header's text is a scalar: numbers and booleans are parsed, anything else stays a string.
fn header_ty(schema: &Schema) -> Ty {
    match (schema.schema_type.as_deref(), schema.format.as_deref()) {
        (Some("boolean"), _) => Ty::Bool,
        (Some("integer"), Some("int32")) => Ty::I32,
        (Some("integer"), _) => Ty::I64,
        (Some("number"), Some("float")) => Ty::F32,
        (Some("number"), _) => Ty::F64,
        _ => Ty::String,
    }
}

/// A field's identifier; when another JSON name of the struct has the same snake_case form
/// (`fooBar` and `foo_bar`), this one is qualified by how its JSON name is written.
fn field_ident(wire: &str, namer: &Namer) -> String {
    let base = ident::snake_ident(wire);
    if !namer.is_taken(&base) {
        return base;
    }
    let spelling = if wire.contains('.') {
        "dotted"
    } else if wire.contains('/') {
        "slashed"
    } else if wire.contains('-') {
        "dashed"
    } else if wire.chars().any(|c| c.is_ascii_uppercase()) && wire.chars().any(|c| c.is_ascii_lowercase()) {
        "camel"
    } else if wire.chars().any(|c| c.is_ascii_uppercase()) {
        "upper"
    } else {
        "plain"
    };
    ident::snake_ident(&format!("{}_{spelling}", ident::unraw(&base)))
}

fn is_json(content_type: &str) -> bool {
    let ct = content_type.split(';').next().unwrap_or_default().trim();
    ct == "application/json" || ct.ends_with("+json") || ct == "*/*"
}

fn push_examples(
    out: &mut Vec<Example>,
    names: &mut Namer,
    (op, fn_name): (usize, &str),
    what: &str,
    ty: &Ty,
    media: &MediaType,
) {
    let prefix = ident::unraw(fn_name);
    for (name, ex) in &media.examples {
        out.push(Example {
            op,
            part: what.to_string(),
            name: name.clone(),
            test_name: names.claim(&ident::snake_ident(&format!("{prefix}_{what}_{name}"))),
            ty: ty.clone(),
            value: ex.value.clone(),
            problems: Vec::new(),
            what: format!("{fn_name} {what} {name}"),
        });
    }
    for (name, ex) in &media.x_invalid_examples {
        let mut problems = ex.problems.clone();
        if problems.is_empty() {
            problems.push("listed in x-invalid-examples".to_string());
        }
        out.push(Example {
            op,
            part: what.to_string(),
            name: name.clone(),
            test_name: names.claim(&ident::snake_ident(&format!("{prefix}_{what}_{name}"))),
            ty: ty.clone(),
            value: ex.value.clone(),
            problems,
            what: format!("{fn_name} {what} {name}"),
        });
    }
}

/// `200` → 200, `2XX` → 200..=299; `None` for other classes and `default`.
pub fn success_status(code: &str) -> Option<Status> {
    if code.eq_ignore_ascii_case("2xx") {
        return Some(Status::Range(200, 299));
    }
    let n: u16 = code.parse().ok()?;
    (200..300).contains(&n).then_some(Status::Code(n))
}

/// Variant name of a success status in a response enum.
pub fn status_variant(code: &str) -> String {
    match code {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "203" => "NonAuthoritative",
        "204" => "NoContent",
        "205" => "ResetContent",
        "206" => "PartialContent",
        "207" => "MultiStatus",
        _ => return format!("Status{}", code.to_ascii_uppercase()),
    }
    .to_string()
}

fn variants(schema: &Schema) -> Vec<Variant> {
    let mut namer = Namer::pascal().reserve(["Unknown"]);
    enum_strings(schema)
        .into_iter()
        .enumerate()
        .map(|(i, value)| {
            let docs = match schema.x_enum_descriptions.get(i).filter(|d| !d.trim().is_empty()) {
                Some(d) => docs::text_lines(d),
                None => vec![format!("{}.", docs::code(&value))],
            };
            let meaning = schema
                .x_enum_descriptions_en
                .get(i)
                .or_else(|| schema.x_enum_descriptions.get(i))
                .filter(|d| crate::words::is_english(d))
                .cloned();
            Variant { ident: namer.claim(&ident::variant_ident(&value)), value, docs, meaning }
        })
        .collect()
}

fn field_docs(schema: &Schema, list_values: bool) -> Vec<String> {
    field_docs_with(schema.description.as_deref(), &schema.x_descriptions, schema, list_values)
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Docs of a field or parameter: description(s), then the facts the schema states.
fn field_docs_with(
    description: Option<&str>,
    others: &std::collections::BTreeMap<String, String>,
    schema: &Schema,
    list_values: bool,
) -> Vec<String> {
    let text = docs::description_lines(description, others);
    let mut facts = Vec::new();
    if let Some(d) = &schema.default {
        let shown = match d {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        facts.push(format!("Default: {}.", docs::code(&shown)));
    }
    match (schema.minimum, schema.maximum) {
        (Some(lo), Some(hi)) => facts.push(format!("Range: {} to {}.", number(lo), number(hi))),
        (Some(lo), None) => facts.push(format!("Minimum: {}.", number(lo))),
        (None, Some(hi)) => facts.push(format!("Maximum: {}.", number(hi))),
        (None, None) => {}
    }
    match (schema.min_length, schema.max_length) {
        (Some(lo), Some(hi)) => facts.push(format!("Length: {lo} to {hi}.")),
        (Some(lo), None) => facts.push(format!("Minimum length: {lo}.")),
        (None, Some(hi)) => facts.push(format!("Maximum length: {hi}.")),
        (None, None) => {}
    }
    match (schema.min_items, schema.max_items) {
        (Some(lo), Some(hi)) => facts.push(format!("Items: {lo} to {hi}.")),
        (Some(lo), None) => facts.push(format!("Minimum items: {lo}.")),
        (None, Some(hi)) => facts.push(format!("Maximum items: {hi}.")),
        (None, None) => {}
    }
    let mut values = Vec::new();
    if list_values {
        values.push("Documented values:".to_string());
        for (i, v) in schema.enum_values.iter().enumerate() {
            let meaning = schema.x_enum_descriptions.get(i).map(|d| docs::escape_line(d)).unwrap_or_default();
            let shown = docs::code(&v.to_string());
            values.push(if meaning.is_empty() { format!("- {shown}") } else { format!("- {shown}: {meaning}") });
        }
    }
    docs::paragraphs(vec![text, facts, values])
}

/// Named types a type refers to, with whether the reference is direct (stored inline).
fn refs(ty: &Ty, direct: bool, out: &mut Vec<(String, bool)>) {
    match ty {
        Ty::Named(n) => out.push((n.clone(), direct)),
        Ty::Vec(t) | Ty::Map(t) => refs(t, false, out),
        _ => {}
    }
}

fn type_refs(kind: &Kind) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    match kind {
        Kind::Struct(fields) => fields.iter().for_each(|f| refs(&f.ty, true, &mut out)),
        Kind::OneOf(vs) => vs.iter().for_each(|(_, t)| refs(t, true, &mut out)),
        Kind::Alias(t) => refs(t, true, &mut out),
        Kind::Enum(_) => {}
    }
    out
}

/// Usage, boxing, defaults and leniency.
fn analyse(l: &mut Lowered, responses: &[Ty]) {
    let index: HashMap<String, usize> = l.types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
    let edges: Vec<Vec<(usize, bool)>> = l
        .types
        .iter()
        .map(|t| type_refs(&t.kind).into_iter().filter_map(|(n, d)| index.get(&n).map(|&i| (i, d))).collect())
        .collect();

    // Usage: everything reachable from request parts / responses.
    let mut request_roots = Vec::new();
    let mut response_roots = Vec::new();
    for op in &l.ops {
        for p in &op.params {
            refs(&p.ty, true, &mut request_roots);
        }
        if let Some(b) = &op.body {
            refs(&b.ty, true, &mut request_roots);
        }
    }
    for t in responses {
        refs(t, true, &mut response_roots);
    }
    let reach = |roots: &[(String, bool)]| -> HashSet<usize> {
        let mut seen = HashSet::new();
        let mut stack: Vec<usize> = roots.iter().filter_map(|(n, _)| index.get(n).copied()).collect();
        while let Some(i) = stack.pop() {
            if seen.insert(i) {
                if let Some(es) = edges.get(i) {
                    stack.extend(es.iter().map(|(j, _)| *j));
                }
            }
        }
        seen
    };
    let in_request = reach(&request_roots);
    let in_response = reach(&response_roots);
    for (i, t) in l.types.iter_mut().enumerate() {
        t.in_request = in_request.contains(&i);
        t.in_response = in_response.contains(&i);
    }

    // Boxing: a direct field to a type that reaches back through direct containment.
    let direct_reach = |from: usize| -> HashSet<usize> {
        let mut seen = HashSet::new();
        let mut stack = vec![from];
        while let Some(i) = stack.pop() {
            for (j, d) in edges.get(i).map(Vec::as_slice).unwrap_or_default() {
                if *d && seen.insert(*j) {
                    stack.push(*j);
                }
            }
        }
        seen
    };
    let reaches: Vec<HashSet<usize>> = (0..l.types.len()).map(direct_reach).collect();
    for (i, t) in l.types.iter_mut().enumerate() {
        if let Kind::Struct(fields) = &mut t.kind {
            for f in fields {
                if let Ty::Named(n) = &f.ty {
                    if let Some(&j) = index.get(n) {
                        f.boxed = reaches.get(j).is_some_and(|r| r.contains(&i));
                    }
                }
            }
        }
    }

    // Defaults: structs without required fields, and what is built from them.
    let snapshot = l.types.clone();
    let lookup = |n: &str| index.get(n).and_then(|&i| snapshot.get(i));
    for t in &mut l.types {
        let response = t.in_response;
        if let Kind::Struct(fields) = &mut t.kind {
            for f in fields.iter_mut().filter(|f| f.required) {
                f.lenient = response && has_default(&f.ty, &lookup, 0);
                if let Ty::Named(n) = &f.ty {
                    if let Some(TypeDef { kind: Kind::Enum(vs), .. }) = lookup(n) {
                        if let [only] = vs.as_slice() {
                            f.fixed = Some(only.ident.clone());
                        }
                    }
                }
            }
        }
    }
}

/// Whether the Rust type implements `Default`.
pub fn has_default<'t>(ty: &Ty, lookup: &impl Fn(&str) -> Option<&'t TypeDef>, depth: usize) -> bool {
    match ty {
        Ty::Named(n) => match lookup(n) {
            Some(TypeDef { kind: Kind::Struct(fields), .. }) => fields.iter().all(|f| !f.required),
            Some(TypeDef { kind: Kind::Alias(t), .. }) => depth < 16 && has_default(t, lookup, depth + 1),
            _ => false,
        },
        _ => true,
    }
}

/// Request headers `hwcloud-runtime` sets on every call (credentials, signing,
/// framing); documented header parameters with these names are left out of the
/// request types, since the runtime refuses them from callers.
const RUNTIME_HEADERS: &[&str] = &[
    "host",
    "authorization",
    "x-sdk-date",
    "x-auth-token",
    "x-security-token",
    "x-sdk-content-sha256",
    "x-project-id",
    "x-domain-id",
    "content-type",
    "content-length",
    "transfer-encoding",
    "connection",
];

fn is_runtime_header(name: &str) -> bool {
    RUNTIME_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name.trim()))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Demo API, version: '1'}
servers: [{url: 'https://demo.{region}.myhuaweicloud.com'}]
paths:
  /v1/{project_id}/nodes:
    post:
      operationId: CreateNode
      parameters:
      - {name: project_id, in: path, required: true, schema: {type: string}}
      - {name: limit, in: query, required: true, schema: {type: integer, format: int32}}
      - {name: marker, in: query, required: true, x-required-unknown: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Listing'}
components:
  schemas:
    Listing:
      type: object
      required: [count, first]
      properties:
        count: {type: integer, format: int64}
        first: {$ref: '#/components/schemas/Node'}
    Node:
      type: object
      required: [kind, name]
      properties:
        kind: {type: string, enum: [Node]}
        name: {type: string}
        parent: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
"##;

    fn lowered() -> Lowered {
        lower(&serde_yaml::from_str(SPEC).unwrap()).unwrap()
    }

    fn fields<'a>(all: &'a Lowered, name: &str) -> &'a [Field] {
        match &all.get(name).unwrap().kind {
            Kind::Struct(f) => f,
            other => panic!("{name} is {other:?}"),
        }
    }

    #[test]
    fn usage_leniency_boxing_and_fixed_values() {
        let all = lowered();
        let node = all.get("Node").unwrap();
        assert!(node.in_request && node.in_response);
        let listing = all.get("Listing").unwrap();
        assert!(!listing.in_request && listing.in_response);

        let node_fields = fields(&all, "Node");
        let kind = &node_fields[0];
        assert_eq!(kind.ty, Ty::Named("Kind".into()));
        assert_eq!(kind.fixed.as_deref(), Some("Node"));
        assert!(!kind.lenient, "an enum has no default");
        let name = &node_fields[1];
        assert!(name.required && name.lenient, "String in a response schema: #[serde(default)]");
        assert!(node_fields[2].boxed, "Node.parent is Node itself");
        assert!(!node_fields[3].boxed, "Vec is already indirect");

        let listing_fields = fields(&all, "Listing");
        assert!(listing_fields[0].lenient);
        assert!(!listing_fields[1].boxed && !listing_fields[1].lenient, "Node has required fields: no default");
    }

    #[test]
    fn parameters() {
        let all = lowered();
        let op = &all.ops[0];
        assert_eq!((op.fn_name.as_str(), op.request.as_str()), ("create_node", "CreateNodeRequest"));
        let p = |n: &str| op.params.iter().find(|p| p.wire == n).unwrap();
        assert!(p("project_id").from_credentials && !p("project_id").required);
        assert!(p("limit").required);
        assert!(!p("marker").required, "x-required-unknown wins over required");
        assert!(matches!(&op.outcome, Outcome::Single(s) if s.payload == Payload::Json(Ty::Named("Listing".into()))));
    }

    #[test]
    fn status_helpers() {
        assert_eq!(success_status("200"), Some(Status::Code(200)));
        assert_eq!(success_status("2XX"), Some(Status::Range(200, 299)));
        assert_eq!(success_status("404"), None);
        assert_eq!(success_status("default"), None);
        assert_eq!(status_variant("204"), "NoContent");
        assert_eq!(status_variant("299"), "Status299");
    }

    /// Headers of the success responses, each once whatever its case; error headers are not read.
    #[test]
    fn success_headers_become_typed_fields() {
        let spec = SPEC.replace(
            "      responses:\n        '200':\n          description: OK\n",
            "      responses:\n        '200':\n          description: OK\n          headers:\n            X-Subject-Token: {description: Signed token., schema: {type: string}}\n            X-Count: {schema: {type: integer, format: int32}}\n        '202':\n          description: Accepted\n          headers:\n            x-subject-token: {schema: {type: string}}\n            Location: {schema: {type: string}}\n        '400':\n          description: Bad\n          headers:\n            X-Error-Hint: {schema: {type: string}}\n",
        );
        let all = lower(&serde_yaml::from_str(&spec).unwrap()).unwrap();
        let headers = all.ops[0].headers.as_ref().unwrap();
        assert_eq!(headers.name, "CreateNodeHeaders");
        let got: Vec<(&str, &str, &Ty)> =
            headers.fields.iter().map(|f| (f.wire.as_str(), f.ident.as_str(), &f.ty)).collect();
        assert_eq!(
            got,
            [
                ("X-Subject-Token", "x_subject_token", &Ty::String),
                ("X-Count", "x_count", &Ty::I32),
                ("Location", "location", &Ty::String),
            ]
        );
        assert_eq!(headers.fields[0].docs, ["Signed token."]);
        assert!(lowered().ops[0].headers.is_none());
    }
}
