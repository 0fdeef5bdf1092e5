//! Request and response roles of shared schemas. A table the docs use for a request body and
//! for a response (CreateNodePool returns what it was sent) is one component, and a required
//! flag on it binds both. A flag that holds for requests only (an override: the pages mark the
//! field mandatory for the caller, the server may leave it out) must not make decoding the
//! response fail. So before such flags are set, the responses get their own copies of the shared
//! schemas on their way to a flagged one ([`detach_responses`]); after, each copy that came out
//! the same as its original is folded back ([`reshare`]): sharing stays where the flags agree.

use super::openapi::{AdditionalProperties, OpenApi, Operation, Schema};
use super::visit::{walk_responses, walk_schema};
use std::collections::{BTreeMap, BTreeSet};

const PREFIX: &str = "#/components/schemas/";

/// The response copies made by [`detach_responses`]: original name -> copy name.
#[derive(Debug, Default)]
pub struct Detached(BTreeMap<String, String>);

impl Detached {
    /// The response copy of `original`, if one was made.
    pub fn copy_of(&self, original: &str) -> Option<&str> {
        self.0.get(original).map(String::as_str)
    }
}

/// Give the responses their own copy of every schema that requests share with them and that
/// reaches one of `targets` (the schemas whose flags are about to become request-only).
pub fn detach_responses(spec: &mut OpenApi, targets: &BTreeSet<String>) -> Detached {
    let (requests, responses) = roles(spec);
    let shared: BTreeSet<&String> = requests.intersection(&responses).collect();
    let mut copied: BTreeSet<String> = shared.iter().filter(|s| targets.contains(**s)).map(|s| s.to_string()).collect();
    // Shared schemas referring to a copied one are copied too (every path leads through shared
    // schemas only: what a shared schema refers to is reachable from both roles).
    loop {
        let more: Vec<String> = shared
            .iter()
            .filter(|s| !copied.contains(**s))
            .filter(|s| spec.components.schemas.get(**s).is_some_and(|x| refs(x).iter().any(|r| copied.contains(r))))
            .map(|s| s.to_string())
            .collect();
        if more.is_empty() {
            break;
        }
        copied.extend(more);
    }
    let mut names = BTreeMap::new();
    for original in copied {
        let name =
            response_name(&original, |n| spec.components.schemas.contains_key(n) || names.values().any(|v| v == n));
        names.insert(original, name);
    }
    let only_responses: Vec<String> = responses.difference(&requests).cloned().collect();
    for (original, copy) in &names {
        if let Some(schema) = spec.components.schemas.get(original).cloned() {
            spec.components.schemas.insert(copy.clone(), schema);
        }
    }
    // Copies and response-only schemas are reached from responses only: redirected in place.
    let mut redirect = |s: &mut Schema| retarget(s, &names);
    for name in names.values().chain(&only_responses) {
        if let Some(schema) = spec.components.schemas.get_mut(name) {
            walk_schema(schema, &mut redirect);
        }
    }
    for item in spec.paths.values_mut() {
        for op in item.values_mut() {
            responses_mut(op, &mut redirect);
        }
    }
    spec.components.schemas.sort_keys();
    Detached(names)
}

/// Fold back every copy that is its original again once references to folded copies are read as
/// references to their originals (the largest such set, so copies in a cycle fold together).
pub fn reshare(spec: &mut OpenApi, detached: Detached) {
    let mut folding = detached.0;
    loop {
        let back: BTreeMap<String, String> = folding.iter().map(|(o, c)| (c.clone(), o.clone())).collect();
        let before = folding.len();
        folding.retain(|original, copy| {
            let (Some(o), Some(c)) = (spec.components.schemas.get(original), spec.components.schemas.get(copy)) else {
                return false;
            };
            let mut c = c.clone();
            walk_schema(&mut c, &mut |s| retarget(s, &back));
            &c == o
        });
        if folding.len() == before {
            break;
        }
    }
    let back: BTreeMap<String, String> = folding.iter().map(|(o, c)| (c.clone(), o.clone())).collect();
    for copy in back.keys() {
        spec.components.schemas.shift_remove(copy);
    }
    super::visit::for_each_schema(spec, &mut |s| retarget(s, &back));
}

/// The copy's name, in the form of the other response bodies: `CreateNodePoolRequestBody` ->
/// `CreateNodePoolResponse`, `XRequestY` -> `XResponseY`, else `Response` added; numbered if taken.
fn response_name(original: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if let Some(op) = original.strip_suffix("RequestBody") {
        format!("{op}Response")
    } else if let Some((head, tail)) = original.rsplit_once("Request") {
        format!("{head}Response{tail}")
    } else {
        format!("{original}Response")
    };
    std::iter::once(base.clone()).chain((2..).map(|n| format!("{base}{n}"))).find(|n| !taken(n)).unwrap_or(base)
}

/// A `$ref` to a renamed schema points to its new name.
fn retarget(s: &mut Schema, names: &BTreeMap<String, String>) {
    let Some(name) = s.reference.as_deref().and_then(|r| r.strip_prefix(PREFIX)) else { return };
    if let Some(to) = names.get(name) {
        s.reference = Some(format!("{PREFIX}{to}"));
    }
}

/// The schemas reachable from requests (bodies, parameters) and from responses (bodies, headers).
fn roles(spec: &OpenApi) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut requests, mut responses) = (Vec::new(), Vec::new());
    for item in spec.paths.values() {
        for op in item.values() {
            operation_refs(op, &mut requests, &mut responses);
        }
    }
    (closure(spec, requests), closure(spec, responses))
}

fn operation_refs(op: &Operation, requests: &mut Vec<String>, responses: &mut Vec<String>) {
    for p in &op.parameters {
        visit(&p.schema, &mut |s| requests.extend(direct(s)));
    }
    for m in op.request_body.iter().flat_map(|b| b.content.values()) {
        visit(&m.schema, &mut |s| requests.extend(direct(s)));
    }
    for r in op.responses.values() {
        for schema in r.content.values().map(|m| &m.schema).chain(r.headers.values().map(|h| &h.schema)) {
            visit(schema, &mut |s| responses.extend(direct(s)));
        }
    }
    for o in &op.x_operations {
        operation_refs(o, requests, responses);
    }
}

/// Every schema of an operation's responses (bodies, headers), combined operations included.
fn responses_mut(op: &mut Operation, f: &mut dyn FnMut(&mut Schema)) {
    walk_responses(op, f);
    for o in &mut op.x_operations {
        responses_mut(o, f);
    }
}

/// Every schema `todo` names, and every one they refer to, directly or through others.
fn closure(spec: &OpenApi, mut todo: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if let Some(schema) = spec.components.schemas.get(&name).filter(|_| !seen.contains(&name)) {
            todo.extend(refs(schema));
            seen.insert(name);
        }
    }
    seen
}

/// The component `s` itself refers to (not what nested schemas do).
fn direct(s: &Schema) -> Option<String> {
    s.reference.as_deref().and_then(|r| r.strip_prefix(PREFIX)).map(str::to_string)
}

/// The components a schema refers to, at any depth inside it.
fn refs(schema: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    visit(schema, &mut |s| out.extend(direct(s)));
    out
}

/// `s` and every schema nested in it, as [`walk_schema`] but read-only.
fn visit(s: &Schema, f: &mut dyn FnMut(&Schema)) {
    f(s);
    for p in s.properties.values() {
        visit(p, f);
    }
    for c in s.all_of.iter().chain(&s.one_of) {
        visit(c, f);
    }
    if let Some(i) = s.items.as_deref() {
        visit(i, f);
    }
    if let Some(AdditionalProperties::Schema(a)) = s.additional_properties.as_deref() {
        visit(a, f);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::spec::openapi::{MediaType, PathItem, RequestBody, Response};
    use crate::spec::overrides::Overrides;

    /// `POST /x` sends a `Body` and returns it; `Body.inner` is an `Inner`; `Inner.tag` a `Tag`.
    fn spec(inner_required: &[&str]) -> OpenApi {
        let mut s = OpenApi::default();
        let object = |props: &[(&str, Schema)], required: &[&str]| {
            let mut o = Schema::of_type("object");
            o.properties = props.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
            o.required = required.iter().map(|r| r.to_string()).collect();
            o
        };
        let schemas = &mut s.components.schemas;
        schemas.insert("Body".into(), object(&[("inner", Schema::reference("Inner"))], &[]));
        schemas.insert(
            "Inner".into(),
            object(&[("name", Schema::of_type("string")), ("tag", Schema::reference("Tag"))], inner_required),
        );
        schemas.insert("Tag".into(), object(&[("k", Schema::of_type("string"))], &[]));
        let json = |schema| [("application/json".to_string(), MediaType { schema, ..Default::default() })].into();
        let op = Operation {
            operation_id: "PostX".into(),
            request_body: Some(RequestBody { content: json(Schema::reference("Body")), ..Default::default() }),
            responses: [(
                "200".to_string(),
                Response { content: json(Schema::reference("Body")), ..Default::default() },
            )]
            .into(),
            ..Default::default()
        };
        s.paths.insert("/x".into(), PathItem::from([("post".to_string(), op)]));
        s
    }

    fn apply(s: &mut OpenApi, overrides: &str) {
        assert!(Overrides::parse("o.yaml", overrides).unwrap().apply(s, "o.yaml").is_empty());
    }

    fn response_ref(s: &OpenApi) -> &str {
        s.paths["/x"]["post"].responses["200"].content["application/json"].schema.ref_name().unwrap()
    }

    #[test]
    fn a_flag_for_requests_gives_the_response_its_own_schemas() {
        let mut s = spec(&[]);
        apply(&mut s, "set-required:\n  - {schema: Inner, properties: [name]}\n");
        assert_eq!(response_ref(&s), "BodyResponse");
        assert_eq!(s.components.schemas["Inner"].required, ["name"]);
        assert!(s.components.schemas["InnerResponse"].required.is_empty());
        assert_eq!(s.components.schemas["BodyResponse"].properties["inner"].ref_name(), Some("InnerResponse"));
        // `Tag` has no flag of its own: one schema for both.
        assert_eq!(s.components.schemas["InnerResponse"].properties["tag"].ref_name(), Some("Tag"));
        assert!(!s.components.schemas.contains_key("TagResponse"));
    }

    #[test]
    fn where_the_flags_agree_the_schema_stays_shared() {
        let mut s = spec(&["name"]);
        let before = s.clone();
        apply(&mut s, "set-required:\n  - {schema: Inner, properties: [name]}\n");
        assert_eq!(s, before);
        // Marking a field optional holds for both roles.
        apply(&mut s, "set-required:\n  - {schema: Inner, properties: [name], required: false}\n");
        assert_eq!(response_ref(&s), "Body");
        assert!(s.components.schemas["Inner"].required.is_empty());
    }

    #[test]
    fn copies_are_named_as_response_bodies() {
        let taken = |n: &str| n == "XResponse";
        assert_eq!(response_name("CreateXRequestBody", taken), "CreateXResponse");
        assert_eq!(response_name("XRequest", taken), "XResponse2");
        assert_eq!(response_name("Meta", taken), "MetaResponse");
    }
}
