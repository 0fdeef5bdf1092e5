//! Examples are checked against the tables they illustrate: each mismatch
//! (unknown field, wrong type, missing required field) is a warning naming
//! the page and the JSON path, and is kept on the example for the emitter.

use super::ir::{Example, Field, Object, Operation, Ty};
use crate::diagnostics::{Code, Diagnostic};
use crate::types::TypeExpr;
use serde_json::Value;

/// Deeper than this, an example is not walked further (cyclic schemas).
const MAX_DEPTH: usize = 64;

pub fn validate_operation(op: &mut Operation, objects: &[Object], file: &str, diags: &mut Vec<Diagnostic>) {
    if let Some(body) = &op.request_body {
        let bodies: Vec<&Ty> = std::iter::once(body).chain(&op.request_alternatives).collect();
        for ex in &mut op.request_examples {
            // With alternative bodies, an example is checked against the one it fits best.
            let best = bodies
                .iter()
                .min_by_key(|b| {
                    let mut problems = Vec::new();
                    mismatches(&ex.value, b, objects, "$", 0, &mut problems);
                    problems.len()
                })
                .copied()
                .unwrap_or(body);
            check(ex, best, objects, file, &format!("request example of {}", op.id), diags);
        }
    }
    for resp in &mut op.responses {
        let Some(body) = &resp.body else { continue };
        for ex in &mut resp.examples {
            check(ex, body, objects, file, &format!("{} response example of {}", resp.status, op.id), diags);
        }
    }
}

fn check(ex: &mut Example, ty: &Ty, objects: &[Object], file: &str, what: &str, diags: &mut Vec<Diagnostic>) {
    let mut problems = Vec::new();
    mismatches(&ex.value, ty, objects, "$", 0, &mut problems);
    for p in &problems {
        diags.push(
            Diagnostic::new(Code::W0209, file, format!("{what} does not match the tables: {p}"))
                .line(ex.line)
                .hint("the docs disagree with themselves; fix the table or the example with an override"),
        );
    }
    ex.problems = problems;
}

/// Every place `value` disagrees with `ty`, as `path: problem`.
pub fn mismatches(value: &Value, ty: &Ty, objects: &[Object], path: &str, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    match ty {
        Ty::Object(i) => {
            let Some(obj) = objects.get(*i) else { return };
            let Some(map) = value.as_object() else {
                out.push(format!("{path}: expected an object, found {}", kind(value)));
                return;
            };
            for (k, v) in map {
                match obj.fields.iter().find(|f| &f.name == k) {
                    Some(f) => {
                        let at = format!("{path}.{k}");
                        mismatches(v, &f.ty, objects, &at, depth + 1, out);
                        check_values(v, f, &at, out);
                    }
                    None => out.push(format!("{path}.{k}: unknown field")),
                }
            }
            for f in obj.fields.iter().filter(|f| f.required == Some(true)) {
                if !map.contains_key(&f.name) {
                    out.push(format!("{path}.{}: missing required field", f.name));
                }
            }
        }
        Ty::Array(inner) => match value.as_array() {
            Some(items) => {
                for (i, v) in items.iter().enumerate() {
                    mismatches(v, inner, objects, &format!("{path}[{i}]"), depth + 1, out);
                }
            }
            None => out.push(format!("{path}: expected an array, found {}", kind(value))),
        },
        Ty::Map(inner) => match value.as_object() {
            Some(map) => {
                for (k, v) in map {
                    mismatches(v, inner, objects, &format!("{path}.{k}"), depth + 1, out);
                }
            }
            None => out.push(format!("{path}: expected a map, found {}", kind(value))),
        },
        Ty::Scalar(t) => {
            if !scalar_fits(value, t) {
                out.push(format!("{path}: expected {}, found {}", scalar_name(t), kind(value)));
            }
        }
    }
}

/// Enum values and bounds the table states, checked on a scalar or on each array element.
fn check_values(value: &Value, f: &Field, path: &str, out: &mut Vec<String>) {
    if let Some(items) = value.as_array() {
        for (i, v) in items.iter().enumerate() {
            check_values(v, f, &format!("{path}[{i}]"), out);
        }
        return;
    }
    if value.is_object() || value.is_null() {
        return;
    }
    if !f.enum_values.is_empty() && !f.enum_values.iter().any(|e| &e.value == value || numeric_eq(&e.value, value)) {
        out.push(format!("{path}: {value} is not one of the documented values"));
    }
    let c = &f.constraints;
    if let Some(n) = value.as_f64() {
        if c.minimum.is_some_and(|m| n < m) || c.maximum.is_some_and(|m| n > m) {
            out.push(format!("{path}: {value} is outside the documented range"));
        }
    }
    if let Some(s) = value.as_str() {
        let len = s.chars().count() as u64;
        if c.min_length.is_some_and(|m| len < m) || c.max_length.is_some_and(|m| len > m) {
            out.push(format!("{path}: length {len} is outside the documented length"));
        }
    }
}

fn numeric_eq(a: &Value, b: &Value) -> bool {
    matches!((a.as_f64(), b.as_f64()), (Some(x), Some(y)) if x == y)
}

fn scalar_fits(value: &Value, t: &TypeExpr) -> bool {
    match t {
        TypeExpr::String => value.is_string(),
        // `Integer` is documented as 32-bit; a larger value contradicts the table.
        TypeExpr::Integer => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        TypeExpr::Long => value.is_i64() || value.is_u64(),
        TypeExpr::Float | TypeExpr::Double | TypeExpr::Number => value.is_number(),
        TypeExpr::Boolean => value.is_boolean(),
        _ => true,
    }
}

fn scalar_name(t: &TypeExpr) -> &'static str {
    match t {
        TypeExpr::String => "a string",
        TypeExpr::Integer => "a 32-bit integer",
        TypeExpr::Long => "an integer",
        TypeExpr::Float | TypeExpr::Double | TypeExpr::Number => "a number",
        TypeExpr::Boolean => "a boolean",
        _ => "a value",
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
