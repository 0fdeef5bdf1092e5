//! What changed between two specs, and what each change does to the generated
//! Rust API, classified the way the emitter maps the spec:
//! - structs are `#[non_exhaustive]` with `new(required..)` constructors and
//!   `with_x` setters: a new optional property is additive, a new required one
//!   changes the constructor (breaking);
//! - required is `T`, optional or unknown is `Option<T>`: flipping it is breaking;
//! - enums are open (`#[non_exhaustive]` + `Unknown(String)`): a new value is
//!   additive, a removed value removes a variant (breaking);
//! - description-only changes are doc-only.

use super::openapi::{AdditionalProperties, OpenApi, Operation, Schema};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Impact {
    DocOnly,
    Additive,
    Breaking,
}

impl Impact {
    pub fn label(self) -> &'static str {
        match self {
            Impact::DocOnly => "doc-only",
            Impact::Additive => "additive",
            Impact::Breaking => "breaking",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub impact: Impact,
    /// `operation-added`, `property-removed`, `enum-value-added`, ...
    pub kind: &'static str,
    /// What changed: `CreateNodePool`, `PoolResource.count`, `CreateNodePool(query limit)`.
    pub subject: String,
    pub detail: String,
    /// Operations whose request or response uses the changed thing (sorted).
    pub operations: Vec<String>,
}

/// All changes, most severe first, then by subject.
pub fn diff(old: &OpenApi, new: &OpenApi) -> Vec<Change> {
    let mut out = Vec::new();
    let usage = SchemaUsage::of(new).merged(SchemaUsage::of(old));
    operations(old, new, &mut out);
    schemas(old, new, &usage, &mut out);
    out.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.subject.cmp(&b.subject)).then(a.kind.cmp(b.kind)));
    out
}

/// The most severe impact, if anything changed.
pub fn worst(changes: &[Change]) -> Option<Impact> {
    changes.iter().map(|c| c.impact).max()
}

fn change(
    impact: Impact,
    kind: &'static str,
    subject: impl Into<String>,
    detail: impl Into<String>,
    ops: Vec<String>,
) -> Change {
    Change { impact, kind, subject: subject.into(), detail: detail.into(), operations: ops }
}

fn ops_by_id(spec: &OpenApi) -> BTreeMap<String, (String, String, &Operation)> {
    spec.operations().into_iter().map(|(p, m, o)| (o.operation_id.clone(), (p.to_string(), m.to_string(), o))).collect()
}

fn operations(old: &OpenApi, new: &OpenApi, out: &mut Vec<Change>) {
    let (old_ops, new_ops) = (ops_by_id(old), ops_by_id(new));
    let removed: Vec<&String> = old_ops.keys().filter(|k| !new_ops.contains_key(*k)).collect();
    let added: Vec<&String> = new_ops.keys().filter(|k| !old_ops.contains_key(*k)).collect();
    let mut renamed_to = BTreeSet::new();
    for id in &removed {
        let Some((path, method, _)) = old_ops.get(*id) else { continue };
        let twin = added
            .iter()
            .find(|a| new_ops.get(**a).is_some_and(|(p, m, _)| p == path && m == method) && !renamed_to.contains(**a));
        match twin {
            Some(to) => {
                renamed_to.insert((*to).clone());
                let detail = format!("{} {path}: `{id}` is now `{to}` (method renamed)", method.to_uppercase());
                out.push(change(Impact::Breaking, "operation-renamed", id.as_str(), detail, vec![(*to).clone()]));
            }
            None => {
                let detail = format!("{} {path} removed", method.to_uppercase());
                out.push(change(Impact::Breaking, "operation-removed", id.as_str(), detail, vec![(*id).clone()]));
            }
        }
    }
    for id in added.into_iter().filter(|a| !renamed_to.contains(*a)) {
        if let Some((path, method, _)) = new_ops.get(id) {
            let detail = format!("{} {path} added", method.to_uppercase());
            out.push(change(Impact::Additive, "operation-added", id.as_str(), detail, vec![id.clone()]));
        }
    }
    for (id, (path, method, op)) in &new_ops {
        let Some((old_path, old_method, old_op)) = old_ops.get(id) else { continue };
        if path != old_path || method != old_method {
            let detail = format!("{} {old_path} -> {} {path}", old_method.to_uppercase(), method.to_uppercase());
            out.push(change(Impact::Breaking, "operation-moved", id.as_str(), detail, vec![id.clone()]));
        }
        parameters(id, old_op, op, out);
        if old_op.summary != op.summary || old_op.description != op.description {
            out.push(change(
                Impact::DocOnly,
                "operation-doc",
                id.as_str(),
                "summary or description changed",
                vec![id.clone()],
            ));
        }
        bodies(id, old_op, op, out);
    }
}

fn parameters(id: &str, old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    let key = |p: &super::openapi::Parameter| (p.location.clone(), p.name.clone());
    let old_params: BTreeMap<_, _> = old.parameters.iter().map(|p| (key(p), p)).collect();
    let new_params: BTreeMap<_, _> = new.parameters.iter().map(|p| (key(p), p)).collect();
    let ops = vec![id.to_string()];
    for ((loc, name), p) in &new_params {
        let subject = format!("{id}({loc} {name})");
        match old_params.get(&(loc.clone(), name.clone())) {
            None if p.required => {
                out.push(change(Impact::Breaking, "parameter-added", subject, "new required parameter", ops.clone()))
            }
            None => {
                out.push(change(Impact::Additive, "parameter-added", subject, "new optional parameter", ops.clone()))
            }
            Some(o) => {
                if o.required != p.required {
                    let detail = format!("required {} -> {}", o.required, p.required);
                    out.push(change(
                        Impact::Breaking,
                        "parameter-required-changed",
                        subject.clone(),
                        detail,
                        ops.clone(),
                    ));
                }
                if type_sig(&o.schema) != type_sig(&p.schema) {
                    let detail = format!("type {} -> {}", type_sig(&o.schema), type_sig(&p.schema));
                    out.push(change(Impact::Breaking, "parameter-retyped", subject.clone(), detail, ops.clone()));
                }
                enum_changes(&subject, &o.schema, &p.schema, &ops, out);
                if o.description != p.description {
                    out.push(change(Impact::DocOnly, "parameter-doc", subject, "description changed", ops.clone()));
                }
            }
        }
    }
    for (loc, name) in old_params.keys().filter(|k| !new_params.contains_key(*k)) {
        out.push(change(
            Impact::Breaking,
            "parameter-removed",
            format!("{id}({loc} {name})"),
            "parameter removed",
            ops.clone(),
        ));
    }
}

/// Request and response body types of an operation (schema references).
fn bodies(id: &str, old: &Operation, new: &Operation, out: &mut Vec<Change>) {
    let body =
        |o: &Operation| o.request_body.as_ref().and_then(|b| b.content.values().next()).map(|m| type_sig(&m.schema));
    if body(old) != body(new) {
        let detail =
            format!("request body {} -> {}", body(old).unwrap_or("none".into()), body(new).unwrap_or("none".into()));
        out.push(change(Impact::Breaking, "request-body-changed", id, detail, vec![id.to_string()]));
    }
    let responses = |o: &Operation| -> BTreeMap<String, String> {
        o.responses
            .iter()
            .map(|(s, r)| (s.clone(), r.content.values().next().map(|m| type_sig(&m.schema)).unwrap_or_default()))
            .collect()
    };
    let (old_r, new_r) = (responses(old), responses(new));
    for (status, sig) in &new_r {
        match old_r.get(status) {
            None => out.push(change(
                Impact::Additive,
                "response-added",
                format!("{id}({status})"),
                "new documented status",
                vec![id.to_string()],
            )),
            Some(o) if o != sig => {
                let detail = format!("body {o} -> {sig}");
                out.push(change(
                    Impact::Breaking,
                    "response-changed",
                    format!("{id}({status})"),
                    detail,
                    vec![id.to_string()],
                ));
            }
            Some(_) => {}
        }
    }
    for status in old_r.keys().filter(|s| !new_r.contains_key(*s)) {
        out.push(change(
            Impact::Breaking,
            "response-removed",
            format!("{id}({status})"),
            "status no longer documented",
            vec![id.to_string()],
        ));
    }
}

fn schemas(old: &OpenApi, new: &OpenApi, usage: &SchemaUsage, out: &mut Vec<Change>) {
    let (o, n) = (&old.components.schemas, &new.components.schemas);
    let removed: Vec<&String> = o.keys().filter(|k| !n.contains_key(*k)).collect();
    let added: Vec<&String> = n.keys().filter(|k| !o.contains_key(*k)).collect();
    let mut renamed = BTreeSet::new();
    for name in &removed {
        let ops = usage.ops(name);
        let twin =
            o.get(*name).and_then(|old_s| added.iter().find(|a| n.get(**a).is_some_and(|s| shape(s) == shape(old_s))));
        match twin {
            Some(to) => {
                renamed.insert((*to).clone());
                out.push(change(
                    Impact::Breaking,
                    "schema-renamed",
                    name.as_str(),
                    format!("type `{name}` is now `{to}`"),
                    ops,
                ));
            }
            None => out.push(change(
                Impact::Breaking,
                "schema-removed",
                name.as_str(),
                format!("type `{name}` removed"),
                ops,
            )),
        }
    }
    for name in added.into_iter().filter(|a| !renamed.contains(*a)) {
        out.push(change(
            Impact::Additive,
            "schema-added",
            name.as_str(),
            format!("new type `{name}`"),
            usage.ops(name),
        ));
    }
    for (name, new_s) in n {
        if let Some(old_s) = o.get(name) {
            properties(name, old_s, new_s, &usage.ops(name), out);
        }
    }
}

fn properties(schema: &str, old: &Schema, new: &Schema, ops: &[String], out: &mut Vec<Change>) {
    let ops = ops.to_vec();
    for (prop, p) in &new.properties {
        let subject = format!("{schema}.{prop}");
        let required = new.required.contains(prop);
        let Some(o) = old.properties.get(prop) else {
            let (impact, detail) = if required {
                (Impact::Breaking, "new required property (constructor changes)")
            } else {
                (Impact::Additive, "new optional property")
            };
            out.push(change(impact, "property-added", subject, detail, ops.clone()));
            continue;
        };
        let was_required = old.required.contains(prop);
        if was_required != required {
            let detail = format!("required {was_required} -> {required} (`T` <-> `Option<T>`)");
            out.push(change(Impact::Breaking, "property-required-changed", subject.clone(), detail, ops.clone()));
        }
        if type_sig(o) != type_sig(p) {
            let detail = format!("type {} -> {}", type_sig(o), type_sig(p));
            out.push(change(Impact::Breaking, "property-retyped", subject.clone(), detail, ops.clone()));
        }
        enum_changes(&subject, o, p, &ops, out);
        if o.description != p.description || o.x_descriptions != p.x_descriptions {
            out.push(change(Impact::DocOnly, "property-doc", subject, "description changed", ops.clone()));
        }
    }
    for prop in old.properties.keys().filter(|k| !new.properties.contains_key(*k)) {
        out.push(change(
            Impact::Breaking,
            "property-removed",
            format!("{schema}.{prop}"),
            "property removed",
            ops.clone(),
        ));
    }
}

fn enum_values(s: &Schema) -> Vec<String> {
    let s = s.items.as_deref().unwrap_or(s);
    s.enum_values.iter().map(|v| v.to_string()).collect()
}

fn enum_changes(subject: &str, old: &Schema, new: &Schema, ops: &[String], out: &mut Vec<Change>) {
    let (o, n) = (enum_values(old), enum_values(new));
    for v in n.iter().filter(|v| !o.contains(v)) {
        out.push(change(Impact::Additive, "enum-value-added", subject, format!("new value {v}"), ops.to_vec()));
    }
    for v in o.iter().filter(|v| !n.contains(v)) {
        out.push(change(Impact::Breaking, "enum-value-removed", subject, format!("value {v} removed"), ops.to_vec()));
    }
}

/// A schema's type as a short signature: `string`, `integer/int32`, `[PoolNodeAz]`, `map<string>`, `Ref`.
pub fn type_sig(s: &Schema) -> String {
    if let Some(name) = s.ref_name() {
        return name.to_string();
    }
    if !s.one_of.is_empty() {
        return format!("oneOf({})", s.one_of.iter().map(type_sig).collect::<Vec<_>>().join("|"));
    }
    if let Some(items) = &s.items {
        return format!("[{}]", type_sig(items));
    }
    if let Some(ap) = s.additional_properties.as_deref() {
        return match ap {
            AdditionalProperties::Schema(v) => format!("map<{}>", type_sig(v)),
            AdditionalProperties::Any(_) => "map<any>".to_string(),
        };
    }
    match (&s.schema_type, &s.format) {
        (Some(t), Some(f)) => format!("{t}/{f}"),
        (Some(t), None) => t.clone(),
        _ => "any".to_string(),
    }
}

/// Structure without docs, for recognising a renamed schema.
fn shape(s: &Schema) -> Vec<(String, String, bool)> {
    s.properties.iter().map(|(k, p)| (k.clone(), type_sig(p), s.required.contains(k))).collect()
}

/// Which operations use which schemas (directly or through other schemas).
struct SchemaUsage {
    ops: BTreeMap<String, BTreeSet<String>>,
}

impl SchemaUsage {
    fn of(spec: &OpenApi) -> SchemaUsage {
        let mut ops: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, _, op) in spec.operations() {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<String> = Vec::new();
            let mut roots = Vec::new();
            if let Some(b) = &op.request_body {
                roots.extend(b.content.values().map(|m| &m.schema));
            }
            roots.extend(op.responses.values().flat_map(|r| r.content.values().map(|m| &m.schema)));
            for r in roots {
                refs(r, &mut stack);
            }
            while let Some(name) = stack.pop() {
                if seen.insert(name.clone()) {
                    if let Some(s) = spec.components.schemas.get(&name) {
                        refs(s, &mut stack);
                    }
                }
            }
            for name in seen {
                ops.entry(name).or_default().insert(op.operation_id.clone());
            }
        }
        SchemaUsage { ops }
    }

    fn merged(mut self, other: SchemaUsage) -> SchemaUsage {
        for (k, v) in other.ops {
            self.ops.entry(k).or_default().extend(v);
        }
        self
    }

    fn ops(&self, schema: &str) -> Vec<String> {
        self.ops.get(schema).map(|s| s.iter().cloned().collect()).unwrap_or_default()
    }
}

fn refs(s: &Schema, out: &mut Vec<String>) {
    if let Some(n) = s.ref_name() {
        out.push(n.to_string());
    }
    for p in s.properties.values().chain(s.all_of.iter()).chain(s.one_of.iter()) {
        refs(p, out);
    }
    if let Some(i) = &s.items {
        refs(i, out);
    }
    if let Some(AdditionalProperties::Schema(v)) = s.additional_properties.as_deref() {
        refs(v, out);
    }
}

/// The report as Markdown, grouped by impact.
pub fn markdown(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "No API changes.\n".to_string();
    }
    let mut out = String::new();
    for impact in [Impact::Breaking, Impact::Additive, Impact::DocOnly] {
        let group: Vec<&Change> = changes.iter().filter(|c| c.impact == impact).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("### {} ({})\n\n", heading(impact), group.len()));
        for c in group {
            let ops = if c.operations.is_empty() {
                String::new()
            } else {
                format!(" — affects {}", c.operations.join(", "))
            };
            out.push_str(&format!("- `{}`: {} ({}){ops}\n", c.subject, c.detail, c.kind));
        }
        out.push('\n');
    }
    out
}

/// The report as Markdown, one section per operation (the operations a change affects; types
/// no operation uses last), most severe change first in each.
pub fn markdown_by_operation(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "No API changes.\n".to_string();
    }
    let mut by_op: BTreeMap<String, Vec<&Change>> = BTreeMap::new();
    let mut unused = Vec::new();
    for c in changes {
        if c.operations.is_empty() {
            unused.push(c);
        }
        for op in &c.operations {
            by_op.entry(op.clone()).or_default().push(c);
        }
    }
    let mut out = String::new();
    let section = |title: &str, list: &[&Change], out: &mut String| {
        let worst = list.iter().map(|c| c.impact).max().unwrap_or(Impact::DocOnly);
        out.push_str(&format!("#### {title} ({})\n\n", worst.label()));
        let docs = list.iter().filter(|c| c.impact == Impact::DocOnly).count();
        for c in list.iter().filter(|c| c.impact != Impact::DocOnly) {
            out.push_str(&format!("- {}: `{}`: {}\n", c.impact.label(), c.subject, c.detail));
        }
        if docs > 0 {
            out.push_str(&format!("- doc-only: {docs} descriptions changed\n"));
        }
        out.push('\n');
    };
    let mut ordered: Vec<(&String, &Vec<&Change>)> = by_op.iter().collect();
    ordered.sort_by(|a, b| {
        let w = |l: &Vec<&Change>| l.iter().map(|c| c.impact).max();
        w(b.1).cmp(&w(a.1)).then(a.0.cmp(b.0))
    });
    for (op, list) in ordered {
        section(op, list, &mut out);
    }
    if !unused.is_empty() {
        section("types no operation uses", &unused, &mut out);
    }
    out
}

fn heading(impact: Impact) -> &'static str {
    match impact {
        Impact::Breaking => "Breaking changes",
        Impact::Additive => "Additions",
        Impact::DocOnly => "Documentation",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn spec_with(props: &[(&str, &str, bool)]) -> OpenApi {
        let mut s = OpenApi::default();
        let mut obj = Schema::of_type("object");
        for (name, ty, req) in props {
            obj.properties.insert(name.to_string(), Schema::of_type(ty));
            if *req {
                obj.required.push(name.to_string());
            }
        }
        s.components.schemas.insert("A".into(), obj);
        s
    }

    #[test]
    fn classifies_property_changes_as_the_emitter_maps_them() {
        let old = spec_with(&[("a", "string", true), ("b", "string", false)]);
        let cases = [
            (
                spec_with(&[("a", "string", true), ("b", "string", false), ("c", "string", false)]),
                Impact::Additive,
                "property-added",
            ),
            (
                spec_with(&[("a", "string", true), ("b", "string", false), ("c", "string", true)]),
                Impact::Breaking,
                "property-added",
            ),
            (spec_with(&[("a", "string", true)]), Impact::Breaking, "property-removed"),
            (spec_with(&[("a", "integer", true), ("b", "string", false)]), Impact::Breaking, "property-retyped"),
            (
                spec_with(&[("a", "string", false), ("b", "string", false)]),
                Impact::Breaking,
                "property-required-changed",
            ),
        ];
        for (new, impact, kind) in cases {
            let d = diff(&old, &new);
            assert_eq!(d.len(), 1, "{d:?}");
            assert_eq!((d[0].impact, d[0].kind), (impact, kind));
        }
        assert!(diff(&old, &old).is_empty());
    }

    #[test]
    fn enum_values_added_are_additive_removed_are_breaking() {
        let mut old = spec_with(&[("k", "string", false)]);
        old.components.schemas["A"].properties["k"].enum_values = vec!["x".into()];
        let mut new = old.clone();
        new.components.schemas["A"].properties["k"].enum_values = vec!["x".into(), "y".into()];
        assert_eq!(worst(&diff(&old, &new)), Some(Impact::Additive));
        assert_eq!(worst(&diff(&new, &old)), Some(Impact::Breaking));
    }
}
