//! Visiting every schema of a spec, mutably: what overrides, role splitting and default checks
//! all walk. A leaf module of `spec`.

use super::openapi::{AdditionalProperties, OpenApi, Operation, Schema};

/// Visit every schema in the document, nested ones included.
pub fn for_each_schema(spec: &mut OpenApi, f: &mut dyn FnMut(&mut Schema)) {
    for s in spec.components.schemas.values_mut() {
        walk_schema(s, f);
    }
    for item in spec.paths.values_mut() {
        for op in item.values_mut() {
            walk_operation(op, f);
        }
    }
}

fn walk_operation(op: &mut Operation, f: &mut dyn FnMut(&mut Schema)) {
    for p in &mut op.parameters {
        walk_schema(&mut p.schema, f);
    }
    if let Some(b) = &mut op.request_body {
        for m in b.content.values_mut() {
            walk_schema(&mut m.schema, f);
        }
    }
    walk_responses(op, f);
    for o in &mut op.x_operations {
        walk_operation(o, f);
    }
}

/// Every schema of one operation's responses (bodies and headers), its `x-operations` aside.
pub fn walk_responses(op: &mut Operation, f: &mut dyn FnMut(&mut Schema)) {
    for r in op.responses.values_mut() {
        for m in r.content.values_mut() {
            walk_schema(&mut m.schema, f);
        }
        for h in r.headers.values_mut() {
            walk_schema(&mut h.schema, f);
        }
    }
}

/// `s` and every schema nested in it (properties, `allOf`/`oneOf`, items, map values).
pub fn walk_schema(s: &mut Schema, f: &mut dyn FnMut(&mut Schema)) {
    f(s);
    for p in s.properties.values_mut() {
        walk_schema(p, f);
    }
    for c in s.all_of.iter_mut().chain(s.one_of.iter_mut()) {
        walk_schema(c, f);
    }
    if let Some(i) = s.items.as_deref_mut() {
        walk_schema(i, f);
    }
    if let Some(AdditionalProperties::Schema(a)) = s.additional_properties.as_deref_mut() {
        walk_schema(a, f);
    }
}
