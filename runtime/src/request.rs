//! One API call as the generated code builds it, and its rendering into what is sent.

use std::fmt;

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::Method;

use crate::encode::encode_path_segment;
use crate::options::CallOptions;
use crate::service::Scope;
use crate::signer::{HEADER_CONTENT_SHA256, UNSIGNED_PAYLOAD};
use crate::{Credentials, Error};

/// Headers the runtime sets itself; a call may not set them.
pub(crate) const MANAGED_HEADERS: &[&str] = &[
    "host",
    "authorization",
    "x-sdk-date",
    "x-auth-token",
    "x-security-token",
    "x-sdk-content-sha256",
    "content-length",
    "transfer-encoding",
    "connection",
];

/// One API call: method, path template and parameters, query, headers and body.
///
/// Builder methods never fail; a problem (e.g. a header value containing CR/LF) is reported as
/// [`Error::InvalidRequest`] by [`Client::execute`](crate::Client::execute), before anything is
/// sent.
#[derive(Clone)]
pub struct Request {
    pub(crate) method: Method,
    pub(crate) path_template: &'static str,
    pub(crate) operation: &'static str,
    path_params: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Option<Body>,
    problem: Option<String>,
    pub(crate) options: CallOptions,
}

#[derive(Clone)]
struct Body {
    bytes: Vec<u8>,
    content_type: String,
}

/// A request rendered for sending: encoded path, decoded query, headers (without `Host`, date and
/// authentication, which are added per attempt) and body.
pub(crate) struct Prepared {
    pub(crate) operation: &'static str,
    pub(crate) method: Method,
    pub(crate) encoded_path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
}

impl Request {
    /// A call of `operation` (e.g. `CreateNodePool`, used in spans and errors) on
    /// `path_template` (e.g. `/v2/{project_id}/pools/{pool_name}/nodepools`).
    pub fn new(method: Method, path_template: &'static str, operation: &'static str) -> Self {
        Request {
            method,
            path_template,
            operation,
            path_params: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            problem: None,
            options: CallOptions::default(),
        }
    }

    /// Options for this call only (timeouts, retries, extra headers); they win over the client's.
    pub fn with_options(mut self, options: CallOptions) -> Self {
        self.options = self.options.merged(&options);
        self
    }

    /// Whether the path template has `{name}` and the call did not set it.
    pub(crate) fn needs(&self, name: &str) -> bool {
        self.path_template.contains(&format!("{{{name}}}")) && !self.path_params.iter().any(|(n, _)| n == name)
    }

    /// Sets the `{name}` path parameter. The value is percent-encoded as one path segment: `/`,
    /// spaces and non-ASCII are encoded, and a value of exactly `.` or `..` becomes `%2E` /
    /// `%2E%2E`, so a value can never change the path's structure.
    pub fn path_param(mut self, name: &str, value: impl fmt::Display) -> Self {
        let value = value.to_string();
        match self.path_params.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.path_params.push((name.to_owned(), value)),
        }
        self
    }

    /// Adds a query parameter; call it again with the same name for each element of an array.
    ///
    /// The value is written as its plain text, whatever its type: strings (and string-valued
    /// enums) without quotes, numbers and booleans as written in JSON. This holds for free-form
    /// JSON values too (`serde_json::Value::String("v1")` is sent as `v1`, not `"v1"`); arrays and
    /// objects nested in a free-form value are sent as compact JSON. A `None` or JSON `null`
    /// leaves the parameter out. A value that cannot be serialised makes the call fail with
    /// [`Error::InvalidRequest`].
    pub fn query(mut self, name: &str, value: impl serde::Serialize) -> Self {
        match query_text(&value) {
            Ok(Some(text)) => self.query.push((name.to_owned(), text)),
            Ok(None) => {}
            Err(e) => self.note(format!("query parameter `{name}` cannot be written: {e}")),
        }
        self
    }

    /// Sets a header (replacing an earlier one of the same name). A value containing CR or LF, an
    /// invalid name, or a header the runtime manages (`Host`, `Authorization`, `X-Sdk-Date`,
    /// `X-Auth-Token`, `X-Security-Token`, ...) makes the call fail with
    /// [`Error::InvalidRequest`].
    pub fn header(mut self, name: &str, value: impl fmt::Display) -> Self {
        let value = value.to_string();
        if let Err(problem) = check_header(name, &value) {
            self.note(problem);
            return self;
        }
        let value = value.trim().to_owned();
        match self.headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            Some(slot) => slot.1 = value,
            None => self.headers.push((name.to_owned(), value)),
        }
        self
    }

    /// Serialises `body` as JSON and sends it with `Content-Type: application/json`.
    pub fn json_body<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::InvalidRequest(format!("{}: the request body could not be serialised as JSON: {e}", self.operation))
        })?;
        self.body = Some(Body { bytes, content_type: "application/json".to_owned() });
        Ok(self)
    }

    /// Sends `bytes` as the body with the given content type. A non-JSON content type is sent
    /// with `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD`, as the official SDKs do.
    pub fn raw_body(mut self, bytes: Vec<u8>, content_type: &str) -> Self {
        if let Err(problem) = check_header("Content-Type", content_type) {
            self.note(problem);
        }
        self.body = Some(Body { bytes, content_type: content_type.trim().to_owned() });
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The operation name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The path template.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }

    fn note(&mut self, problem: String) {
        if self.problem.is_none() {
            self.problem = Some(problem);
        }
    }

    /// Renders the call: fills the path template (the project and domain ids from `credentials`
    /// when the call did not set them), adds content and id headers.
    pub(crate) fn prepare(self, credentials: &Credentials, scope: Scope) -> Result<Prepared, Error> {
        let op = self.operation;
        if let Some(problem) = self.problem {
            return Err(Error::InvalidRequest(format!("{op}: {problem}")));
        }
        let (path_template, fixed_query) = match self.path_template.split_once('?') {
            Some((p, q)) => (p, q),
            None => (self.path_template, ""),
        };
        let mut used = vec![false; self.path_params.len()];
        let mut segments = Vec::new();
        for segment in path_template.trim_start_matches('/').split('/') {
            let decoded = render_segment(segment, |name| {
                if let Some(i) = self.path_params.iter().position(|(n, _)| n == name) {
                    if let Some(u) = used.get_mut(i) {
                        *u = true;
                    }
                    return self.path_params.get(i).map(|(_, v)| v.clone());
                }
                match name {
                    "project_id" => credentials.project_id.clone(),
                    "domain_id" => credentials.domain_id.clone(),
                    _ => None,
                }
            })
            .map_err(|p| Error::InvalidRequest(format!("{op}: {p}")))?;
            segments.push(encode_path_segment(&decoded));
        }
        if let Some((name, _)) = self.path_params.iter().zip(&used).find(|(_, u)| !**u).map(|(p, _)| p) {
            return Err(Error::InvalidRequest(format!(
                "{op}: path parameter `{name}` is not in the path template `{}`",
                self.path_template
            )));
        }
        let encoded_path = format!("/{}", segments.join("/"));

        let mut query: Vec<(String, String)> = fixed_query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.to_owned(), v.to_owned()),
                None => (p.to_owned(), String::new()),
            })
            .collect();
        query.extend(self.query);

        let mut headers = self.headers;
        let has = |headers: &[(String, String)], name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        if let Some(body) = &self.body {
            if !has(&headers, "content-type") {
                headers.push(("Content-Type".to_owned(), body.content_type.clone()));
            }
        }
        let content_type = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("content-type")).map(|(_, v)| v.clone());
        if let Some(ct) = content_type {
            if !is_json(&ct) {
                headers.push((HEADER_CONTENT_SHA256.to_owned(), UNSIGNED_PAYLOAD.to_owned()));
            }
        }
        match (scope, &credentials.project_id, &credentials.domain_id) {
            (Scope::Project, Some(p), _) if !has(&headers, "x-project-id") => {
                headers.push(("X-Project-Id".to_owned(), p.clone()))
            }
            (Scope::Project, None, Some(d)) | (Scope::Global, _, Some(d)) if !has(&headers, "x-domain-id") => {
                headers.push(("X-Domain-Id".to_owned(), d.clone()))
            }
            _ => {}
        }
        for (name, value) in &headers {
            if HeaderValue::from_bytes(value.as_bytes()).is_err() {
                return Err(Error::InvalidRequest(format!("{op}: header `{name}` has a value that cannot be sent")));
            }
        }
        Ok(Prepared {
            operation: op,
            method: self.method,
            encoded_path,
            query,
            headers,
            body: self.body.map(|b| b.bytes),
        })
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("operation", &self.operation)
            .field("path_template", &self.path_template)
            .field("path_params", &self.path_params)
            .field("query", &self.query)
            .field("header_names", &self.headers.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>())
            .field("body_len", &self.body.as_ref().map(|b| b.bytes.len()))
            .finish()
    }
}

/// The text of a query value: plain strings, JSON numbers and booleans, compact JSON for arrays and
/// objects, `None` for null.
fn query_text<T: serde::Serialize + ?Sized>(value: &T) -> Result<Option<String>, serde_json::Error> {
    Ok(match serde_json::to_value(value)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        other @ (serde_json::Value::Array(_) | serde_json::Value::Object(_)) => Some(other.to_string()),
    })
}

/// Fills the `{name}` placeholders of one template segment, returning the decoded segment.
fn render_segment(segment: &str, mut lookup: impl FnMut(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = segment;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let close = after.find('}').ok_or_else(|| format!("unclosed `{{` in path segment `{segment}`"))?;
        let name = after.get(..close).unwrap_or_default();
        let value = lookup(name).ok_or_else(|| match name {
            "project_id" => "path parameter `project_id` is not set and the credentials have no project id".to_owned(),
            "domain_id" => "path parameter `domain_id` is not set and the credentials have no domain id".to_owned(),
            _ => format!("path parameter `{name}` is not set"),
        })?;
        if value.is_empty() {
            return Err(format!("path parameter `{name}` is empty"));
        }
        out.push_str(&value);
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(out)
}

/// Checks a header name and value, without echoing the value (it may be a secret).
pub(crate) fn check_header(name: &str, value: &str) -> Result<(), String> {
    if HeaderName::from_bytes(name.as_bytes()).is_err() {
        return Err(format!("`{name}` is not a valid header name"));
    }
    if MANAGED_HEADERS.iter().any(|m| m.eq_ignore_ascii_case(name)) {
        return Err(format!("header `{name}` is set by the runtime and cannot be set by a call"));
    }
    if value.contains(['\r', '\n']) {
        return Err(format!("header `{name}` has a value containing CR or LF"));
    }
    if HeaderValue::from_bytes(value.trim().as_bytes()).is_err() {
        return Err(format!("header `{name}` has a value with control characters"));
    }
    Ok(())
}

/// `application/json` or any `+json` media type, parameters ignored.
fn is_json(content_type: &str) -> bool {
    let media = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    media == "application/json" || media.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials::ak_sk("ak", "sk").with_project_id("proj")
    }

    fn path(r: Request) -> Result<String, Error> {
        r.prepare(&creds(), Scope::Project).map(|p| p.encoded_path)
    }

    #[test]
    fn fills_and_encodes_params() {
        let r = Request::new(Method::GET, "/v2/{project_id}/pools/{pool_name}/nodepools", "Op")
            .path_param("pool_name", "a/b");
        assert_eq!(path(r).ok().as_deref(), Some("/v2/proj/pools/a%2Fb/nodepools"));
        let r = Request::new(Method::GET, "/v2/{project_id}/x/{id}", "Op").path_param("id", "..");
        assert_eq!(path(r).ok().as_deref(), Some("/v2/proj/x/%2E%2E"));
    }

    #[test]
    fn missing_unknown_and_empty_params() {
        let r = Request::new(Method::GET, "/v1/{project_id}/x/{id}", "Op");
        assert!(matches!(path(r), Err(Error::InvalidRequest(m)) if m.contains("`id`")));
        let r = Request::new(Method::GET, "/v1/x", "Op").path_param("id", 1);
        assert!(matches!(path(r), Err(Error::InvalidRequest(m)) if m.contains("not in the path template")));
        let r = Request::new(Method::GET, "/v1/x/{id}", "Op").path_param("id", "");
        assert!(matches!(path(r), Err(Error::InvalidRequest(m)) if m.contains("empty")));
        let r = Request::new(Method::GET, "/v1/{project_id}", "Op");
        assert!(
            matches!(r.prepare(&Credentials::token("t"), Scope::Project), Err(Error::InvalidRequest(m)) if m.contains("project id"))
        );
    }

    #[test]
    fn header_checks() {
        let r = Request::new(Method::GET, "/", "Op").header("X-A", "v\r\nInjected: 1");
        assert!(
            matches!(r.prepare(&creds(), Scope::Project), Err(Error::InvalidRequest(m)) if m.contains("CR or LF") && !m.contains("Injected"))
        );
        let r = Request::new(Method::GET, "/", "Op").header("Authorization", "x");
        assert!(r.prepare(&creds(), Scope::Project).is_err());
        let r = Request::new(Method::GET, "/", "Op").header("bad name", "x");
        assert!(r.prepare(&creds(), Scope::Project).is_err());
    }

    #[test]
    fn content_headers() {
        let r = Request::new(Method::PUT, "/o", "Op").raw_body(vec![0, 1], "application/octet-stream");
        let p = r.prepare(&creds(), Scope::Project).unwrap_or_else(|e| panic!("{e}"));
        assert!(p.headers.iter().any(|(n, v)| n == HEADER_CONTENT_SHA256 && v == UNSIGNED_PAYLOAD));
        let r = Request::new(Method::POST, "/o", "Op")
            .json_body(&serde_json::json!({"a": 1}))
            .unwrap_or_else(|e| panic!("{e}"));
        let p = r.prepare(&creds(), Scope::Project).unwrap_or_else(|e| panic!("{e}"));
        assert!(!p.headers.iter().any(|(n, _)| n == HEADER_CONTENT_SHA256));
        assert!(p.headers.iter().any(|(n, v)| n == "X-Project-Id" && v == "proj"));
        assert!(is_json("application/merge-patch+json; charset=utf-8"));
    }

    /// Free-form JSON query values go on the wire as their text: a string item without its quotes.
    #[test]
    fn json_query_values_are_plain_text() {
        let values =
            vec![serde_json::json!("v1"), serde_json::json!(2), serde_json::json!(true), serde_json::json!(null)];
        let mut r = Request::new(Method::GET, "/v1/x", "Op");
        for v in &values {
            r = r.query("version_id", v);
        }
        let r = r.query("limit", 10u32).query("name", "a b").query("skip", None::<i32>).query("f", 1.5f64);
        let p = r.prepare(&creds(), Scope::Project).unwrap_or_else(|e| panic!("{e}"));
        let q: Vec<(&str, &str)> = p.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            q,
            [
                ("version_id", "v1"),
                ("version_id", "2"),
                ("version_id", "true"),
                ("limit", "10"),
                ("name", "a b"),
                ("f", "1.5")
            ]
        );
    }

    #[test]
    fn template_query_is_kept() {
        let r = Request::new(Method::POST, "/v1/{project_id}/jobs/action?type=stop", "Op").query("x", 1);
        let p = r.prepare(&creds(), Scope::Project).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.encoded_path, "/v1/proj/jobs/action");
        assert_eq!(p.query, vec![("type".to_owned(), "stop".to_owned()), ("x".to_owned(), "1".to_owned())]);
    }
}
