//! The public Rust API of a generated crate, read off the lowered model
//! ([`Lowered`], after the naming pass), and the semver impact of the
//! difference between two of them.
//!
//! This is what the crate version follows: a rename, a retype, a moved or
//! removed item, a removed enum variant or a new required field (the `new`
//! constructor changes) is **breaking**; a new item, a new optional field of a
//! `#[non_exhaustive]` struct or a new variant of an open enum is **additive**;
//! a change of docs only is **doc-only**. The spec-level report
//! ([`crate::spec::diff`]) explains the changes in the CHANGELOG; this one
//! decides the bump, so a doc edit that renames or retypes a Rust item is
//! never called additive.

use super::model::{Kind, Lowered, Outcome, Payload, Ty};
use crate::spec::diff::Impact;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One public item and what a caller depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// `struct`, `enum`, `type`, `union`, `fn`, `request`.
    pub kind: String,
    /// Members: field -> (type, required) for structs and requests, variant -> value for enums,
    /// variant -> type for unions; the signature for `fn` and `type` (key `""`).
    pub members: BTreeMap<String, (String, bool)>,
    /// Docs of the item and its members, for doc-only changes (not kept in the committed
    /// baseline, [`to_baseline`]: the spec diff reports doc changes).
    #[serde(skip)]
    pub docs: String,
}

/// Every public item by path (`pools::NodePool`, `ModelArtsClient::create_node_pool`).
pub type Surface = BTreeMap<String, Item>;

fn ty_text(t: &Ty) -> String {
    match t {
        Ty::String => "String".into(),
        Ty::Bool => "bool".into(),
        Ty::I32 => "i32".into(),
        Ty::I64 => "i64".into(),
        Ty::F32 => "f32".into(),
        Ty::F64 => "f64".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::Bytes => "Vec<u8>".into(),
        Ty::Vec(inner) => format!("Vec<{}>", ty_text(inner)),
        Ty::Map(inner) => format!("BTreeMap<String, {}>", ty_text(inner)),
        Ty::Named(n) => n.clone(),
    }
}

/// The public API of a lowered crate.
pub fn surface(l: &Lowered) -> Surface {
    let mut out = Surface::new();
    for t in &l.types {
        let mut members = BTreeMap::new();
        let mut docs = t.docs.join("\n");
        let kind = match &t.kind {
            Kind::Struct(fields) => {
                for f in fields {
                    let boxed = if f.boxed { "Box " } else { "" };
                    members.insert(f.ident.clone(), (format!("{boxed}{}", ty_text(&f.ty)), f.required));
                    docs.push_str(&f.docs.join("\n"));
                }
                "struct"
            }
            Kind::Enum(vs) => {
                for v in vs {
                    members.insert(v.ident.clone(), (v.value.clone(), false));
                    docs.push_str(&v.docs.join("\n"));
                }
                "enum"
            }
            Kind::OneOf(vs) => {
                for (v, ty) in vs {
                    members.insert(v.clone(), (ty_text(ty), false));
                }
                "union"
            }
            Kind::Alias(ty) => {
                members.insert(String::new(), (ty_text(ty), false));
                "type"
            }
        };
        out.insert(format!("{}::{}", t.module, t.name), Item { kind: kind.to_string(), members, docs });
    }
    for op in &l.ops {
        let mut members = BTreeMap::new();
        let mut docs = String::new();
        for p in &op.params {
            members.insert(p.ident.clone(), (ty_text(&p.ty), p.required));
            docs.push_str(&p.docs.join("\n"));
        }
        if let Some(b) = &op.body {
            members.insert(b.ident.clone(), (ty_text(&b.ty), b.required));
        }
        out.insert(format!("{}::{}", op.group, op.request), Item { kind: "request".into(), members, docs });
        let ret = match &op.outcome {
            Outcome::Undocumented => "hwcloud_runtime::Response".to_string(),
            Outcome::Single(s) => match &s.payload {
                Payload::None => "()".into(),
                Payload::Raw => "Vec<u8>".into(),
                Payload::Json(t) => ty_text(t),
            },
            Outcome::Several { name, arms } => {
                let mut variants = BTreeMap::new();
                for a in arms {
                    let payload = match &a.payload {
                        Payload::None => String::new(),
                        Payload::Raw => "Vec<u8>".into(),
                        Payload::Json(t) => ty_text(t),
                    };
                    variants.insert(a.variant.clone(), (payload, false));
                }
                out.insert(
                    format!("{}::{name}", op.group),
                    Item { kind: "enum".into(), members: variants, docs: String::new() },
                );
                name.clone()
            }
        };
        let mut sig = BTreeMap::new();
        sig.insert(String::new(), (format!("(&{}) -> {ret}", op.request), op.deprecated));
        sig.insert("route".into(), (format!("{} {}", op.method, op.path), false));
        out.insert(
            format!("Client::{}", op.fn_name),
            Item { kind: "fn".into(), members: sig, docs: op.docs.join("\n") },
        );
        let headers = match &op.headers {
            Some(h) => {
                let fields = h.fields.iter().map(|f| (f.ident.clone(), (ty_text(&f.ty), false))).collect();
                let docs = h.fields.iter().flat_map(|f| f.docs.iter().cloned()).collect::<Vec<_>>().join("\n");
                out.insert(format!("{}::{}", op.group, h.name), Item { kind: "struct".into(), members: fields, docs });
                h.name.clone()
            }
            None => "()".to_string(),
        };
        // The route stays with the plain method: a rename is still recognised by it.
        let mut sig = BTreeMap::new();
        sig.insert(String::new(), (format!("(&{}) -> Output<{ret}, {headers}>", op.request), op.deprecated));
        out.insert(
            format!("Client::{}", super::operations::metadata_fn_name(op)),
            Item { kind: "fn".into(), members: sig, docs: String::new() },
        );
    }
    out
}

/// One change of the public Rust API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiChange {
    pub impact: Impact,
    /// The item (`pools::NodePool`, `pools::NodePool.kind`, `Client::create_node_pool`).
    pub subject: String,
    pub detail: String,
}

fn change(impact: Impact, subject: impl Into<String>, detail: impl Into<String>) -> ApiChange {
    ApiChange { impact, subject: subject.into(), detail: detail.into() }
}

/// Every change between two APIs, most severe first.
pub fn diff(old: &Surface, new: &Surface) -> Vec<ApiChange> {
    let mut out = Vec::new();
    for (path, o) in old {
        let Some(n) = new.get(path) else {
            // A type that moved module is still removed from its old path; a method of the same
            // route under another name is a rename.
            let name = path.rsplit("::").next().unwrap_or(path);
            let moved = new.keys().find(|k| k.rsplit("::").next() == Some(name) && o.kind != "fn");
            let route = o.members.get("route").filter(|_| o.kind == "fn");
            let renamed = route.and_then(|r| {
                new.iter().find(|(k, i)| i.kind == "fn" && !old.contains_key(*k) && i.members.get("route") == Some(r))
            });
            let detail = match (moved, renamed) {
                (_, Some((to, _))) => {
                    format!("renamed to `{to}` (same route `{}`)", route.map(|r| r.0.as_str()).unwrap_or_default())
                }
                (Some(to), _) => format!("{} moved to `{to}`", o.kind),
                _ => format!("{} removed", o.kind),
            };
            out.push(change(Impact::Breaking, path, detail));
            continue;
        };
        if o.kind != n.kind {
            out.push(change(Impact::Breaking, path, format!("{} is now a {}", o.kind, n.kind)));
            continue;
        }
        members(path, o, n, &mut out);
        if o.docs != n.docs {
            out.push(change(Impact::DocOnly, path, "docs changed"));
        }
    }
    for (path, n) in new {
        if !old.contains_key(path) {
            out.push(change(Impact::Additive, path, format!("new {}", n.kind)));
        }
    }
    out.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.subject.cmp(&b.subject)));
    out
}

fn members(path: &str, o: &Item, n: &Item, out: &mut Vec<ApiChange>) {
    let record = matches!(o.kind.as_str(), "struct" | "request");
    for (m, (oty, oreq)) in &o.members {
        let subject = if m.is_empty() { path.to_string() } else { format!("{path}.{m}") };
        match n.members.get(m) {
            None => {
                let what = if o.kind == "enum" || o.kind == "union" { "variant" } else { "field" };
                out.push(change(Impact::Breaking, subject, format!("{what} removed")));
            }
            Some((nty, nreq)) => {
                if oty != nty {
                    let detail = match o.kind.as_str() {
                        "enum" => format!("value `{oty}` -> `{nty}`"),
                        "fn" => format!("signature `{oty}` -> `{nty}`"),
                        _ => format!("type `{oty}` -> `{nty}`"),
                    };
                    out.push(change(Impact::Breaking, subject.clone(), detail));
                }
                if record && oreq != nreq {
                    let detail = if *nreq { "now required (`T`, in `new`)" } else { "now optional (`Option<T>`)" };
                    out.push(change(Impact::Breaking, subject, detail));
                } else if o.kind == "fn" && oreq != nreq {
                    out.push(change(
                        Impact::Additive,
                        subject,
                        if *nreq { "deprecated" } else { "no longer deprecated" },
                    ));
                }
            }
        }
    }
    for (m, (nty, nreq)) in &n.members {
        if o.members.contains_key(m) {
            continue;
        }
        let subject = format!("{path}.{m}");
        let (impact, detail) = match n.kind.as_str() {
            "enum" => (Impact::Additive, format!("new variant (`{nty}`)")),
            "union" => (Impact::Breaking, "new variant of an exhaustive union".to_string()),
            _ if *nreq => (Impact::Breaking, format!("new required field `{nty}` (`new` changes)")),
            _ => (Impact::Additive, format!("new optional field `Option<{nty}>`")),
        };
        out.push(change(impact, subject, detail));
    }
}

/// The most severe impact, if anything changed.
pub fn worst(changes: &[ApiChange]) -> Option<Impact> {
    changes.iter().map(|c| c.impact).max()
}

/// The changes as Markdown: the client methods one by one, the types counted, with the first
/// breaking ones listed.
pub fn markdown(changes: &[ApiChange]) -> String {
    const SHOWN: usize = 12;
    let mut out = String::new();
    let impact = worst(changes).map(Impact::label).unwrap_or("none");
    out.push_str(&format!("### Rust API: {impact}\n\n"));
    let (methods, types): (Vec<&ApiChange>, Vec<&ApiChange>) =
        changes.iter().filter(|c| c.impact != Impact::DocOnly).partition(|c| c.subject.starts_with("Client::"));
    let count = |list: &[&ApiChange], i: Impact| list.iter().filter(|c| c.impact == i).count();
    if !methods.is_empty() {
        out.push_str(&format!(
            "Methods: {} breaking, {} additive.\n\n",
            count(&methods, Impact::Breaking),
            count(&methods, Impact::Additive)
        ));
        for c in &methods {
            out.push_str(&format!("- {}: `{}`: {}\n", c.impact.label(), c.subject, c.detail));
        }
        out.push('\n');
    }
    if !types.is_empty() {
        out.push_str(&format!(
            "Types and fields: {} breaking, {} additive",
            count(&types, Impact::Breaking),
            count(&types, Impact::Additive)
        ));
        let breaking: Vec<&&ApiChange> = types.iter().filter(|c| c.impact == Impact::Breaking).collect();
        if breaking.is_empty() {
            out.push_str(".\n");
        } else {
            out.push_str(", e.g.:\n\n");
            for c in breaking.iter().take(SHOWN) {
                out.push_str(&format!("- `{}`: {}\n", c.subject, c.detail));
            }
            if breaking.len() > SHOWN {
                out.push_str(&format!("- ... {} more\n", breaking.len() - SHOWN));
            }
        }
        out.push('\n');
    }
    let docs = changes.iter().filter(|c| c.impact == Impact::DocOnly).count();
    if docs > 0 {
        out.push_str(&format!("Docs changed on {docs} items.\n\n"));
    }
    out
}

/// The surface as the committed baseline `spec/<service>/rust-api.json`: one JSON object, one
/// line per item, without docs. The next run compares the emitter's new surface with it, so a
/// change of the generator itself (a renamed type) moves the version too.
pub fn to_baseline(surface: &Surface) -> String {
    let mut out = String::from("{\n");
    let last = surface.len().saturating_sub(1);
    for (i, (path, item)) in surface.iter().enumerate() {
        let key = serde_json::to_string(path).unwrap_or_default();
        let value = serde_json::to_string(item).unwrap_or_default();
        out.push_str(&format!("{key}: {value}{}\n", if i == last { "" } else { "," }));
    }
    out.push_str("}\n");
    out
}

/// A baseline written by [`to_baseline`]; `None` when it does not read.
pub fn from_baseline(text: &str) -> Option<Surface> {
    serde_json::from_str(text).ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::emit::model::lower;

    fn api(yaml: &str) -> Surface {
        surface(&lower(&serde_yaml::from_str(yaml).unwrap()).unwrap())
    }

    #[test]
    fn the_baseline_reads_back_without_docs_and_catches_a_rename() {
        let now = api(BASE);
        let back = from_baseline(&to_baseline(&now)).unwrap();
        let mut undocumented = now.clone();
        undocumented.values_mut().for_each(|i| i.docs.clear());
        assert_eq!(back, undocumented);
        assert!(diff(&back, &undocumented).is_empty());
        // The generator renames a type while the spec stays the same: breaking.
        let mut renamed = undocumented.clone();
        let (path, item) =
            renamed.iter().find(|(_, i)| i.kind == "struct").map(|(p, i)| (p.clone(), i.clone())).unwrap();
        renamed.remove(&path);
        renamed.insert(format!("{path}Renamed"), item);
        assert_eq!(worst(&diff(&back, &renamed)), Some(Impact::Breaking));
    }

    const BASE: &str = r#"
openapi: 3.0.3
info: {title: Demo API, version: '1'}
servers: [{url: 'https://demo.{region}.myhuaweicloud.com'}]
paths:
  /v1/{project_id}/pools:
    post:
      operationId: CreatePool
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pool'}
      responses:
        '200': {description: OK}
components:
  schemas:
    Pool:
      type: object
      required: [name]
      properties:
        name: {type: string, description: Pool name.}
        mode: {type: string, enum: ['0', '1'], x-enum-descriptions: [pay-per-use, yearly/monthly]}
"#;

    fn impact(new: &str) -> Option<Impact> {
        worst(&diff(&api(BASE), &api(new)))
    }

    #[test]
    fn unchanged_is_nothing() {
        assert_eq!(impact(BASE), None);
    }

    #[test]
    fn doc_edits_are_doc_only() {
        assert_eq!(impact(&BASE.replace("Pool name.", "The pool's name.")), Some(Impact::DocOnly));
    }

    #[test]
    fn optional_fields_and_new_values_are_additive() {
        let added =
            BASE.replace("        name: {type: string", "        size: {type: integer}\n        name: {type: string");
        assert_eq!(impact(&added), Some(Impact::Additive));
        let value = BASE.replace(
            "enum: ['0', '1'], x-enum-descriptions: [pay-per-use, yearly/monthly]",
            "enum: ['0', '1', '2'], x-enum-descriptions: [pay-per-use, yearly/monthly, spot]",
        );
        assert_eq!(impact(&value), Some(Impact::Additive));
    }

    #[test]
    fn renames_retypes_and_removals_are_breaking() {
        // A doc edit that renames variants (the meanings name them) is breaking, not doc-only.
        let renamed = BASE.replace("[pay-per-use, yearly/monthly]", "[on demand, subscription]");
        let changes = diff(&api(BASE), &api(&renamed));
        assert_eq!(worst(&changes), Some(Impact::Breaking), "{changes:?}");
        assert!(
            changes.iter().any(|c| c.subject.ends_with("Mode.PayPerUse") && c.detail == "variant removed"),
            "{changes:?}"
        );
        let retyped = BASE.replace("name: {type: string,", "name: {type: integer,");
        assert_eq!(impact(&retyped), Some(Impact::Breaking));
        let required = BASE.replace("required: [name]", "required: [name, mode]");
        assert_eq!(impact(&required), Some(Impact::Breaking));
        let op_renamed = BASE.replace("CreatePool", "AddPool");
        let changes = diff(&api(BASE), &api(&op_renamed));
        assert!(
            changes.iter().any(|c| c.subject == "Client::create_pool"
                && c.impact == Impact::Breaking
                && c.detail.starts_with("renamed to `Client::add_pool`")),
            "{changes:?}"
        );
    }
}
