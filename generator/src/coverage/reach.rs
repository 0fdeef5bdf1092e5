//! The spec side of coverage: every parameter and property reachable from the
//! operations of each page, with the table it came from (`x-source`).

use crate::spec::openapi::{AdditionalProperties, OpenApi, Operation, Schema};
use std::collections::{HashMap, HashSet};

/// (file, table caption, row name): where a field was documented.
type Key = (String, Option<String>, String);

/// A parameter or property the spec has for a documented row.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    pub schema: &'a Schema,
    /// The parameter's `required`, or whether the property is in its object's `required`;
    /// `None` for a response header (the spec keeps no flag for them).
    pub required: Option<bool>,
    /// A path parameter (required by OpenAPI whatever the page says).
    pub in_path: bool,
}

impl<'a> Field<'a> {
    fn new(schema: &'a Schema, required: Option<bool>) -> Self {
        Field { schema, required, in_path: false }
    }
}

/// Per page file: the documented rows reachable from the page's operations.
#[derive(Debug, Default)]
pub struct PageReach<'a> {
    /// Several when one page has two tables of one caption (a request and a response `publicip`):
    /// the spec's sources do not tell them apart, so a row counts when any of them has it.
    fields: HashMap<Key, Vec<Field<'a>>>,
    /// Response headers (the spec keeps no source for them): by name.
    headers: HashMap<String, &'a Schema>,
    pub examples: usize,
    pub invalid_examples: usize,
}

impl<'a> PageReach<'a> {
    /// The fields documented by row `name` of a table captioned `caption` on `file`.
    pub fn find(&self, file: &str, caption: Option<&str>, name: &str) -> Vec<Field<'a>> {
        let key = (file.to_string(), caption.map(str::to_string), name.to_string());
        match self.fields.get(&key) {
            Some(found) => found.clone(),
            None => self.headers.get(name).map(|s| Field::new(s, None)).into_iter().collect(),
        }
    }

    fn insert(&mut self, key: Key, field: Field<'a>) {
        let found = self.fields.entry(key).or_default();
        if !found.iter().any(|f| std::ptr::eq(f.schema, field.schema)) {
            found.push(field);
        }
    }
}

/// `file > table > row` -> (file, table); the row part is dropped.
fn split_source(source: &str) -> (String, Option<String>) {
    let mut parts = source.split(" > ");
    let file = parts.next().unwrap_or("").to_string();
    let rest: Vec<&str> = parts.collect();
    let table = if rest.len() >= 2 { rest.first().map(|s| s.to_string()) } else { None };
    (file, table)
}

/// A schema's `x-source`: `a.html > Caption; b.html > Caption` (every table merged into it).
fn schema_sources(source: &str) -> Vec<(String, Option<String>)> {
    source
        .split("; ")
        .map(|part| match part.split_once(" > ") {
            Some((file, table)) => (file.to_string(), Some(table.to_string())),
            None => (part.to_string(), None),
        })
        .collect()
}

/// Reachable fields of every page's operations.
pub fn reach(spec: &OpenApi) -> HashMap<String, PageReach<'_>> {
    let mut out: HashMap<String, PageReach<'_>> = HashMap::new();
    for (_, _, op) in spec.operations() {
        let (file, _) = split_source(op.x_source.as_deref().unwrap_or(""));
        let page = out.entry(file).or_default();
        Walker { spec, page, seen: HashSet::new() }.operation(op);
    }
    out
}

struct Walker<'s, 'p> {
    spec: &'s OpenApi,
    page: &'p mut PageReach<'s>,
    seen: HashSet<&'s str>,
}

impl<'s> Walker<'s, '_> {
    fn operation(&mut self, op: &'s Operation) {
        for p in &op.parameters {
            let field = Field { schema: &p.schema, required: Some(p.required), in_path: p.location == "path" };
            self.field(&p.name, p.x_source.as_deref(), field);
        }
        if let Some(body) = &op.request_body {
            for media in body.content.values() {
                self.page.examples += media.examples.len() + media.x_invalid_examples.len();
                self.page.invalid_examples += media.x_invalid_examples.len();
                self.schema(&media.schema);
            }
        }
        for resp in op.responses.values() {
            for (name, h) in &resp.headers {
                self.page.headers.insert(name.clone(), &h.schema);
                self.schema(&h.schema);
            }
            for media in resp.content.values() {
                self.page.examples += media.examples.len() + media.x_invalid_examples.len();
                self.page.invalid_examples += media.x_invalid_examples.len();
                self.schema(&media.schema);
            }
        }
    }

    fn field(&mut self, name: &str, source: Option<&str>, field: Field<'s>) {
        // `a > T1 > x; a > T2 > x`: a parameter that two tables of its page document.
        for source in source.into_iter().flat_map(|s| s.split("; ")) {
            let (file, caption) = split_source(source);
            self.page.insert((file, caption, name.to_string()), field);
        }
        self.schema(field.schema);
    }

    fn schema(&mut self, schema: &'s Schema) {
        if let Some(name) = schema.reference.as_deref().and_then(|r| r.strip_prefix("#/components/schemas/")) {
            if self.seen.insert(name) {
                if let Some(target) = self.spec.components.schemas.get(name) {
                    self.schema(target);
                }
            }
        }
        for s in schema.all_of.iter().chain(&schema.one_of) {
            self.schema(s);
        }
        let merged = schema.x_source.as_deref().map(schema_sources).unwrap_or_default();
        for (name, prop) in &schema.properties {
            // Tables that disagree or say nothing leave the flag unknown (`x-required-unknown`).
            let required = (!prop.x_required_unknown).then(|| schema.required.contains(name));
            let field = Field::new(prop, required);
            for (file, caption) in &merged {
                self.page.insert((file.clone(), caption.clone(), name.clone()), field);
            }
            self.field(name, prop.x_source.as_deref(), field);
        }
        if let Some(items) = &schema.items {
            self.schema(items);
        }
        if let Some(extra) = &schema.additional_properties {
            if let AdditionalProperties::Schema(s) = extra.as_ref() {
                self.schema(s);
            }
        }
    }
}

/// The schema a field finally stands for: through `allOf` wrappers, array
/// items and map values.
pub fn innermost<'a>(spec: &'a OpenApi, schema: &'a Schema) -> &'a Schema {
    let mut s = schema;
    for _ in 0..16 {
        if let [only] = s.all_of.as_slice() {
            s = only;
        } else if let Some(items) = &s.items {
            s = items;
        } else if let Some(AdditionalProperties::Schema(v)) = s.additional_properties.as_deref() {
            s = v;
        } else if let Some(target) = s.ref_name().and_then(|n| spec.components.schemas.get(n)) {
            return target;
        } else {
            break;
        }
    }
    s
}

/// Refers to a named schema somewhere (directly, in items, in map values).
pub fn has_reference(schema: &Schema) -> bool {
    schema.ref_name().is_some()
        || schema.one_of.iter().chain(&schema.all_of).any(has_reference)
        || schema.items.as_deref().is_some_and(has_reference)
        || matches!(schema.additional_properties.as_deref(), Some(AdditionalProperties::Schema(s)) if has_reference(s))
}

/// A free-form object (or array/map of them): nothing of its structure is known.
pub fn is_free_form(spec: &OpenApi, schema: &Schema) -> bool {
    if has_reference(schema) {
        return false;
    }
    let s = innermost(spec, schema);
    s.schema_type.as_deref() == Some("object") && s.properties.is_empty()
}

/// The enum values a field admits (its own, or its items'), as strings.
pub fn enum_strings(spec: &OpenApi, schema: &Schema) -> Vec<String> {
    let s = innermost(spec, schema);
    let values = if s.enum_values.is_empty() { &schema.enum_values } else { &s.enum_values };
    values
        .iter()
        .map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}
