//! `tests/examples.rs`: every documented request and response example
//! deserializes into its generated type and serializes back to the same JSON.
//! Examples the spec lists in `x-invalid-examples` are emitted as `#[ignore]`d
//! tests whose reason names the problems, so none is skipped silently.

use super::model::Example;
use super::options::EmitError;
use super::tokens;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// A raw string literal holding `text` (enough `#`s to never end early).
pub fn raw_string(text: &str) -> Result<Literal, EmitError> {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse::<Literal>()
        .map_err(|e| EmitError::Syntax { file: "tests/examples.rs".to_string(), message: e.to_string() })
}

fn example_test(ex: &Example, models: &TokenStream) -> Result<TokenStream, EmitError> {
    let name = tokens::ident(&ex.test_name);
    let ty = tokens::ty(&ex.ty, models);
    let json =
        serde_json::to_string_pretty(&ex.value).map_err(|e| EmitError::Spec(format!("example {}: {e}", ex.what)))?;
    let json = raw_string(&json)?;
    let doc = format!(" Documented example: {}.", ex.what);
    let ignore = if ex.problems.is_empty() {
        quote!()
    } else {
        let reason = format!("the example contradicts the documented tables: {}", ex.problems.join("; "));
        quote!(#[ignore = #reason])
    };
    Ok(quote! {
        #[doc = #doc]
        #[test]
        #ignore
        fn #name() {
            let json = #json;
            round_trip::<#ty>(json);
        }
    })
}

/// The test file; `lib` is the crate's library name.
pub fn examples_file(lib: &str, examples: &[Example]) -> Result<String, EmitError> {
    let lib = tokens::ident(lib);
    let models = quote!(#lib::models::);
    let tests = examples.iter().map(|ex| example_test(ex, &models)).collect::<Result<Vec<_>, _>>()?;
    let ignored = examples.iter().filter(|e| !e.problems.is_empty()).count();
    let summary = format!(
        " Examples from the documentation: {}. Those that contradict the documented tables ({}) are `#[ignore]`d with the problems as the reason (run them with `cargo test -- --ignored`).",
        examples.len(),
        ignored
    );
    if examples.is_empty() {
        let file = quote! {
            //! Round trips of the documentation's examples: this API's pages have none.
        };
        return tokens::render("tests/examples.rs", &[tokens::GENERATED], file);
    }
    let file = quote! {
        //! Round trips of the documentation's examples: each one deserializes into
        //! its generated type and serializes back to the same JSON (a `null` member
        //! counts as absent; numbers compare by value; a required member the example
        //! leaves out comes back as its default, as responses are read leniently).
        #![doc = ""]
        #![doc = #summary]

        use serde_json::Value;

        /// JSON equality where a `null` member equals an absent one, numbers compare by
        /// value, and a member only the round trip has holds a default (`""`, `0`, `[]`, ...).
        fn same(a: &Value, b: &Value) -> bool {
            match (a, b) {
                (Value::Object(x), Value::Object(y)) => x
                    .keys()
                    .chain(y.keys())
                    .all(|k| match (x.get(k), y.get(k)) {
                        (None, Some(added)) => is_default(added),
                        (p, q) => same(p.unwrap_or(&Value::Null), q.unwrap_or(&Value::Null)),
                    }),
                (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q)),
                (Value::Number(x), Value::Number(y)) => {
                    x == y
                        || match (x.as_f64(), y.as_f64()) {
                            (Some(p), Some(q)) => (p - q).abs() <= 1e-6 * p.abs().max(q.abs()).max(1.0),
                            _ => false,
                        }
                }
                _ => a == b,
            }
        }

        /// What `#[serde(default)]` fills in for a member the response left out.
        fn is_default(v: &Value) -> bool {
            match v {
                Value::Null => true,
                Value::Bool(b) => !b,
                Value::Number(n) => n.as_f64() == Some(0.0),
                Value::String(s) => s.is_empty(),
                Value::Array(a) => a.is_empty(),
                Value::Object(o) => o.values().all(is_default),
            }
        }

        /// Deserialize `json` into `T`, serialize it back, compare.
        fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(json: &str) {
            let original: Value = serde_json::from_str(json).expect("the example is JSON");
            let typed: T = match serde_json::from_value(original.clone()) {
                Ok(typed) => typed,
                Err(e) => panic!("the example does not deserialize: {e}"),
            };
            let back = serde_json::to_value(&typed).expect("serializes");
            assert!(same(&original, &back), "the round trip changed the example:\nbefore: {original}\nafter:  {back}");
        }

        #(#tests)*
    };
    tokens::render("tests/examples.rs", &[tokens::GENERATED], file)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::emit::model::Ty;
    use serde_json::json;

    #[test]
    fn raw_strings_never_end_early() {
        assert_eq!(raw_string("{\"a\": 1}").unwrap().to_string(), "r#\"{\"a\": 1}\"#");
        assert_eq!(raw_string("\"# x").unwrap().to_string(), "r##\"\"# x\"##");
    }

    #[test]
    fn invalid_examples_are_ignored_with_the_reason() {
        let examples = vec![
            Example {
                op: 0,
                part: "request".into(),
                name: "example1".into(),
                test_name: "create_node_pool_request_example1".into(),
                ty: Ty::Named("CreateNodePoolRequestBody".into()),
                value: json!({"kind": "NodePool"}),
                problems: vec![],
                what: "create_node_pool request example1".into(),
            },
            Example {
                op: 0,
                part: "request".into(),
                name: "example1".into(),
                test_name: "create_node_pool_request_example2".into(),
                ty: Ty::Named("CreateNodePoolRequestBody".into()),
                value: json!({"count": "1"}),
                problems: vec!["$.count: expected an integer, found a string".into()],
                what: "create_node_pool request example2".into(),
            },
        ];
        let out = examples_file("hwcloud_modelarts", &examples).unwrap();
        assert!(out.contains("round_trip::<hwcloud_modelarts::models::CreateNodePoolRequestBody>(json);"), "{out}");
        assert!(
            out.contains("#[ignore = \"the example contradicts the documented tables: $.count: expected an integer, found a string\"]"),
            "{out}"
        );
        assert_eq!(out.matches("#[ignore = ").count(), 1, "{out}");
    }
}
