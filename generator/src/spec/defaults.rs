//! A default that contradicts its own schema (`N` of a `Default Value: N/A` under `minLength: 8`,
//! a value outside the enum or the range, a string for an integer) makes the spec invalid
//! OpenAPI: the validators check each default against its schema. Such a default is left out of
//! the spec, and each one is reported (W0308) with the row it came from.

use super::openapi::{OpenApi, Operation, Schema};
use crate::diagnostics::{Code, Diagnostic};
use serde_json::Value;

/// Drop every default of `spec` that its schema rejects; one diagnostic each.
pub fn check(spec: &mut OpenApi, diags: &mut Vec<Diagnostic>) {
    // A parameter's source is the parameter's (its schema has none of its own).
    for item in spec.paths.values_mut() {
        for op in item.values_mut() {
            parameters(op, diags);
        }
    }
    let mut visit = |s: &mut Schema| {
        let Some(default) = &s.default else { return };
        if let Some(why) = contradiction(s, default) {
            diags.push(report(s.x_source.as_deref(), default, &why));
            s.default = None;
        }
    };
    super::visit::for_each_schema(spec, &mut visit);
}

fn parameters(op: &mut Operation, diags: &mut Vec<Diagnostic>) {
    for p in &mut op.parameters {
        let Some(default) = &p.schema.default else { continue };
        if let Some(why) = contradiction(&p.schema, default) {
            diags.push(report(p.x_source.as_deref(), default, &why));
            p.schema.default = None;
        }
    }
    for o in &mut op.x_operations {
        parameters(o, diags);
    }
}

/// What of `s` rejects `default`, if anything does.
fn contradiction(s: &Schema, default: &Value) -> Option<String> {
    if !s.enum_values.is_empty() && !s.enum_values.contains(default) {
        return Some("it is not one of the enum values".into());
    }
    let type_ok = match s.schema_type.as_deref() {
        Some("string") => default.is_string(),
        Some("integer") => default.is_i64() || default.is_u64(),
        Some("number") => default.is_number(),
        Some("boolean") => default.is_boolean(),
        Some("array") => default.is_array(),
        Some("object") => default.is_object(),
        _ => true,
    };
    if !type_ok {
        return Some(format!("it is not of type {}", s.schema_type.as_deref().unwrap_or_default()));
    }
    if let Some(text) = default.as_str() {
        let len = text.chars().count() as u64;
        if let Some(min) = s.min_length.filter(|&m| len < m) {
            return Some(format!("it is shorter than minLength {min}"));
        }
        if let Some(max) = s.max_length.filter(|&m| len > m) {
            return Some(format!("it is longer than maxLength {max}"));
        }
    }
    if let Some(n) = default.as_f64() {
        if let Some(min) = s.minimum.filter(|&m| n < m) {
            return Some(format!("it is below minimum {min}"));
        }
        if let Some(max) = s.maximum.filter(|&m| n > m) {
            return Some(format!("it is above maximum {max}"));
        }
    }
    None
}

/// W0308 at the row the schema came from (`x-source`: `file > table > row`).
fn report(source: Option<&str>, default: &Value, why: &str) -> Diagnostic {
    let source = source.unwrap_or_default();
    let mut parts = source.split(" > ");
    let file = parts.next().unwrap_or_default();
    let (table, row) = (parts.next(), parts.next());
    let what = row.map_or(String::new(), |r| format!("`{r}`: "));
    let d = Diagnostic::new(
        Code::W0308,
        file,
        format!("{what}the default {default} contradicts the field's schema ({why}); left out"),
    )
    .table(table)
    .hint("the page's default is a placeholder or a typo; the field has no default in the spec");
    match row {
        Some(r) => d.row(r),
        None => d,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use serde_json::json;

    fn with(schema: Schema, default: Value) -> OpenApi {
        let mut spec = OpenApi::default();
        let mut object = Schema::of_type("object");
        let prop = Schema { default: Some(default), x_source: Some("p.rst > Table 2 > password".into()), ..schema };
        object.properties.insert("password".into(), prop);
        spec.components.schemas.insert("Body".into(), object);
        spec
    }

    fn checked(schema: Schema, default: Value) -> (Option<Value>, Vec<Diagnostic>) {
        let mut spec = with(schema, default);
        let mut diags = Vec::new();
        check(&mut spec, &mut diags);
        (spec.components.schemas["Body"].properties["password"].default.clone(), diags)
    }

    #[test]
    fn a_default_the_schema_rejects_is_left_out_and_reported() {
        let short = Schema { min_length: Some(8), ..Schema::of_type("string") };
        let (default, diags) = checked(short, json!("N"));
        assert_eq!(default, None);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::W0308);
        assert_eq!((diags[0].file.as_str(), diags[0].table.as_deref()), ("p.rst", Some("Table 2")));
        assert!(diags[0].message.contains("minLength 8"), "{}", diags[0].message);
        let cases = [
            (Schema { enum_values: vec![json!("a")], ..Schema::of_type("string") }, json!("b")),
            (Schema::of_type("integer"), json!("N/A")),
            (Schema { maximum: Some(10.0), ..Schema::of_type("integer") }, json!(11)),
            (Schema { max_length: Some(2), ..Schema::of_type("string") }, json!("abc")),
        ];
        for (schema, value) in cases {
            assert_eq!(checked(schema, value.clone()).0, None, "{value}");
        }
    }

    #[test]
    fn a_default_the_schema_accepts_stays() {
        let cases = [
            (Schema { min_length: Some(1), max_length: Some(3), ..Schema::of_type("string") }, json!("中文字")),
            (Schema { enum_values: vec![json!(1), json!(2)], ..Schema::of_type("integer") }, json!(2)),
            (Schema { minimum: Some(0.0), maximum: Some(1.5), ..Schema::of_type("number") }, json!(1.5)),
            (Schema::of_type("boolean"), json!(false)),
        ];
        for (schema, value) in cases {
            let (default, diags) = checked(schema, value.clone());
            assert_eq!(default, Some(value));
            assert!(diags.is_empty());
        }
    }
}
