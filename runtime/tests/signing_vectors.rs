//! Every vector of `tests/data/signing_vectors.json` (official SDK and signing-guide vectors, plus
//! derived ones) is reproduced byte for byte: canonical request, string to sign, Authorization.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hwcloud_runtime::encode_path;
use hwcloud_runtime::signer::{default_signed_headers, sign, sign_with_signed_headers, SigningRequest};
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/signing_vectors.json");
    let text = std::fs::read_to_string(path).expect("read signing vectors");
    let doc: Value = serde_json::from_str(&text).expect("parse signing vectors");
    doc["vectors"].as_array().expect("vectors array").clone()
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("vector field {key} missing"))
}

struct Parts {
    encoded_path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn parts(v: &Value) -> Parts {
    let query = v["query"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned()))
        .collect();
    let headers = v["headers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, val)| (k.clone(), val.as_str().unwrap().to_owned()))
        .collect();
    Parts { encoded_path: encode_path(s(v, "path")), query, headers, body: s(v, "body_utf8").as_bytes().to_vec() }
}

#[test]
fn every_vector_is_reproduced() {
    let vectors = vectors();
    assert!(vectors.len() >= 13, "expected all vectors, found {}", vectors.len());
    let mut failures = Vec::new();
    for v in &vectors {
        let name = s(v, "name");
        let p = parts(v);
        let req = SigningRequest {
            method: s(v, "method"),
            encoded_path: &p.encoded_path,
            query: &p.query,
            headers: &p.headers,
            body: &p.body,
        };
        let signed: Vec<&str> = s(v, "signed_headers").split(';').collect();
        let sig = sign_with_signed_headers(&req, s(v, "ak"), s(v, "sk"), &signed).expect(name);
        if sig.canonical_request != s(v, "canonical_request") {
            failures.push(format!(
                "{name}: canonical request\n--- got\n{}\n--- want\n{}",
                sig.canonical_request,
                s(v, "canonical_request")
            ));
        }
        if sig.string_to_sign != s(v, "string_to_sign") {
            failures.push(format!("{name}: string to sign\n{}\n!=\n{}", sig.string_to_sign, s(v, "string_to_sign")));
        }
        if sig.authorization != s(v, "authorization") {
            failures.push(format!("{name}: authorization\n{}\n!=\n{}", sig.authorization, s(v, "authorization")));
        }
        assert_eq!(sig.signed_headers, s(v, "signed_headers"), "{name}");
    }
    assert!(failures.is_empty(), "{} vector mismatches:\n{}", failures.len(), failures.join("\n\n"));
}

/// Where a vector signs every header it has (Python SDK profile), the default signed-header set
/// (all names but those with `_`) gives the same Authorization.
#[test]
fn default_signed_set_matches_python_profile_vectors() {
    let mut checked = 0;
    for v in &vectors() {
        let p = parts(v);
        if default_signed_headers(&p.headers).join(";") != s(v, "signed_headers") {
            continue;
        }
        let req = SigningRequest {
            method: s(v, "method"),
            encoded_path: &p.encoded_path,
            query: &p.query,
            headers: &p.headers,
            body: &p.body,
        };
        let sig = sign(&req, s(v, "ak"), s(v, "sk")).unwrap();
        assert_eq!(sig.authorization, s(v, "authorization"), "{}", s(v, "name"));
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} vectors use the default set");
}

#[test]
fn signature_changes_with_any_input() {
    let v = &vectors()[0];
    let p = parts(v);
    let base = SigningRequest {
        method: s(v, "method"),
        encoded_path: &p.encoded_path,
        query: &p.query,
        headers: &p.headers,
        body: &p.body,
    };
    let reference = sign(&base, "AccessKey", "SecretKey").unwrap().signature;
    assert_ne!(sign(&base, "AccessKey", "OtherKey").unwrap().signature, reference);
    let other_path = SigningRequest { encoded_path: "/path2", ..base };
    assert_ne!(sign(&other_path, "AccessKey", "SecretKey").unwrap().signature, reference);
    let other_body = SigningRequest { body: b"x", ..base };
    assert_ne!(sign(&other_body, "AccessKey", "SecretKey").unwrap().signature, reference);
}
