//! IAM token requests (`POST /v3/auth/tokens`) and answers.
//!
//! Bodies are Keystone v3 with the Open Telekom Cloud `assume_role` method for agencies:
//! `{"auth": {"identity": {"methods": [...], ...}, "scope": {...}}}`. The token comes back in
//! the `X-Subject-Token` header; the body's `token` gives `expires_at`, the project and domain,
//! and the catalog.

use std::time::SystemTime;

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::catalog::CatalogService;
use super::identity::{Agency, Hidden, Method, Ref, TokenScope, User};
use crate::metadata::parse_utc_timestamp;
use crate::Error;

/// Header carrying the issued token.
pub(crate) const HEADER_SUBJECT_TOKEN: &str = "X-Subject-Token";

/// A token IAM issued, with what the client needs from its body.
pub(crate) struct IssuedToken {
    pub(crate) value: Hidden,
    pub(crate) expires_at: SystemTime,
    pub(crate) project_id: Option<String>,
    pub(crate) domain_id: Option<String>,
    pub(crate) catalog: Vec<CatalogService>,
}

fn reference(r: &Ref) -> Value {
    match r {
        Ref::Id(id) => json!({ "id": id }),
        Ref::Name(name) => json!({ "name": name }),
    }
}

/// The `scope` object, or `None` for an unscoped token.
fn scope(s: &TokenScope) -> Option<Value> {
    match s {
        TokenScope::Project { project, domain } => {
            let mut p = reference(project);
            if let (Some(d), Value::Object(map)) = (domain, &mut p) {
                map.insert("domain".to_owned(), reference(d));
            }
            Some(json!({ "project": p }))
        }
        TokenScope::Domain(d) => Some(json!({ "domain": reference(d) })),
        TokenScope::Default => None,
    }
}

fn request(identity: Value, s: &TokenScope) -> Value {
    let mut auth = Map::new();
    auth.insert("identity".to_owned(), identity);
    if let Some(scope) = scope(s) {
        auth.insert("scope".to_owned(), scope);
    }
    json!({ "auth": auth })
}

/// The body asking for a token with a password or an existing token (`None` for AK/SK, which
/// needs no token).
pub(crate) fn login_body(method: &Method, s: &TokenScope) -> Option<Value> {
    let identity = match method {
        Method::Password { user, password } => {
            let mut u = match user {
                User::Id(id) => json!({ "id": id }),
                User::Name { name, domain } => json!({ "name": name, "domain": reference(domain) }),
            };
            if let Value::Object(map) = &mut u {
                map.insert("password".to_owned(), Value::String(password.0.clone()));
            }
            json!({ "methods": ["password"], "password": { "user": u } })
        }
        Method::Token(token) => json!({ "methods": ["token"], "token": { "id": token.0 } }),
        Method::AkSk { .. } => return None,
    };
    Some(request(identity, s))
}

/// The body assuming `agency` (sent with the user's token in `X-Auth-Token`).
pub(crate) fn assume_role_body(agency: &Agency, s: &TokenScope) -> Value {
    let mut role = Map::new();
    match &agency.domain {
        Ref::Id(id) => role.insert("domain_id".to_owned(), Value::String(id.clone())),
        Ref::Name(name) => role.insert("domain_name".to_owned(), Value::String(name.clone())),
    };
    role.insert("agency_name".to_owned(), Value::String(agency.name.clone()));
    request(json!({ "methods": ["assume_role"], "assume_role": role }), s)
}

#[derive(Deserialize)]
struct Answer {
    token: TokenBody,
}

#[derive(Deserialize)]
struct TokenBody {
    expires_at: String,
    project: Option<Scoped>,
    domain: Option<Scoped>,
    user: Option<Scoped>,
    #[serde(default)]
    catalog: Vec<CatalogService>,
}

#[derive(Deserialize)]
struct Scoped {
    id: Option<String>,
    domain: Option<Box<Scoped>>,
}

/// Reads an answer: the token value from `X-Subject-Token`, the rest from the body. The domain
/// id is the token's domain, else the project's, else the user's.
pub(crate) fn parse_answer(subject_token: Option<&str>, body: &[u8]) -> Result<IssuedToken, String> {
    let value = subject_token.map(str::trim).filter(|t| !t.is_empty()).ok_or("no X-Subject-Token header")?;
    let answer: Answer = serde_json::from_slice(body).map_err(|e| format!("the token body is unusable: {e}"))?;
    let t = answer.token;
    let expires_at =
        parse_utc_timestamp(&t.expires_at).ok_or("`token.expires_at` is not a UTC timestamp".to_owned())?;
    let domain_of = |s: &Option<Scoped>| s.as_ref().and_then(|s| s.domain.as_ref()).and_then(|d| d.id.clone());
    let domain_id =
        t.domain.as_ref().and_then(|d| d.id.clone()).or_else(|| domain_of(&t.project)).or_else(|| domain_of(&t.user));
    Ok(IssuedToken {
        value: Hidden(value.to_owned()),
        expires_at,
        project_id: t.project.and_then(|p| p.id),
        domain_id,
        catalog: t.catalog,
    })
}

/// IAM's reason for refusing, from `{"error": {"message"}}` (Keystone) or `{"error_msg"}`,
/// shortened; never the request.
pub(crate) fn refusal_reason(body: &[u8]) -> String {
    let doc: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let message = doc
        .pointer("/error/message")
        .or_else(|| doc.get("error_msg"))
        .and_then(Value::as_str)
        .unwrap_or("no error message");
    message.chars().take(200).collect()
}

/// The error for a refused or unusable token request.
pub(crate) fn error(what: &str, url: &str, why: impl std::fmt::Display) -> Error {
    Error::Credentials(format!("IAM token request ({what}) to {url}: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies() {
        let user = User::Name { name: "u".into(), domain: Ref::Name("OTC01".into()) };
        let method = Method::Password { user, password: Hidden("pw".into()) };
        let s = TokenScope::Project { project: Ref::Name("eu-de".into()), domain: Some(Ref::Id("d1".into())) };
        let body = login_body(&method, &s).unwrap_or_default();
        assert_eq!(body.pointer("/auth/identity/methods/0"), Some(&json!("password")));
        assert_eq!(body.pointer("/auth/identity/password/user/password"), Some(&json!("pw")));
        assert_eq!(body.pointer("/auth/identity/password/user/domain/name"), Some(&json!("OTC01")));
        assert_eq!(body.pointer("/auth/scope/project/name"), Some(&json!("eu-de")));
        assert_eq!(body.pointer("/auth/scope/project/domain/id"), Some(&json!("d1")));
        let unscoped = login_body(&Method::Token(Hidden("t".into())), &TokenScope::Default).unwrap_or_default();
        assert_eq!(unscoped.pointer("/auth/identity/token/id"), Some(&json!("t")));
        assert!(unscoped.pointer("/auth/scope").is_none());
        let agency = Agency { name: "ag".into(), domain: Ref::Name("OTC02".into()), target: TokenScope::Default };
        let body = assume_role_body(&agency, &TokenScope::Domain(Ref::Name("OTC02".into())));
        assert_eq!(body.pointer("/auth/identity/assume_role/domain_name"), Some(&json!("OTC02")));
        assert_eq!(body.pointer("/auth/identity/assume_role/agency_name"), Some(&json!("ag")));
        assert_eq!(body.pointer("/auth/scope/domain/name"), Some(&json!("OTC02")));
    }

    #[test]
    fn answers() {
        let body = br#"{"token":{"expires_at":"2030-01-01T00:00:00.000000Z","project":{"id":"p1","domain":{"id":"d1"}},"catalog":[]}}"#;
        let t = parse_answer(Some("TOKEN"), body).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((t.project_id.as_deref(), t.domain_id.as_deref()), (Some("p1"), Some("d1")));
        assert!(parse_answer(None, body).is_err());
        assert!(parse_answer(Some("T"), br#"{"token":{"expires_at":"tomorrow"}}"#).is_err());
        assert_eq!(refusal_reason(br#"{"error":{"code":401,"message":"bad password"}}"#), "bad password");
        assert_eq!(refusal_reason(b"<html>"), "no error message");
    }
}
