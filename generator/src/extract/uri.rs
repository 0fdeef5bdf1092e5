//! URI lines: `POST /v2/{project_id}/pools/{pool_name}/nodepools`, with the
//! forms older and newer pages use: a scheme and host before the path
//! (`GET https://{Endpoint}/v3/...`), a query part (`?a={a}&b={b}`, RFC 6570
//! `{?a,b}`), and the split form `PATH: /v1/x` + `Method: GET`.

use regex::Regex;
use std::sync::LazyLock;

/// A URI line: method, an OpenAPI path (no query), and the query names it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Uri {
    pub(super) method: String,
    pub(super) path: String,
    pub(super) query: Vec<String>,
}

const METHODS: &str = "GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS";

static LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"^({METHODS})\s+(?:https?://[^/\s]+)?(/[^\s?]*(?:\?.*)?)$")).ok());
static PATH_ONLY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:path|uri|url|request uri)\s*[:：]\s*(?:https?://[^/\s]+)?(/\S*)$").ok());
static METHOD_ONLY: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:method|request method|http method)\s*[:：]\s*({METHODS})$")).ok());

/// `METHOD /path?query` (optionally with scheme and host).
pub(super) fn uri(text: &str) -> Option<Uri> {
    let caps = LINE.as_ref()?.captures(text.trim())?;
    let method = caps.get(1)?.as_str().to_ascii_uppercase();
    // A query part may be written with stray spaces (`&begin_time={begin _time}`).
    let target: String = caps.get(2)?.as_str().chars().filter(|c| !c.is_whitespace()).collect();
    let (path, query) = split_target(&target)?;
    Some(Uri { method, path, query })
}

/// A method alone (`GET`), as a URI section without its path writes it.
pub(super) fn is_method(text: &str) -> bool {
    METHODS.split('|').any(|m| m == text.trim())
}

/// `PATH: /v1/x` of the split form.
pub(super) fn path_line(text: &str) -> Option<(String, Vec<String>)> {
    let caps = PATH_ONLY.as_ref()?.captures(text.trim())?;
    split_target(caps.get(1)?.as_str())
}

/// `Method: GET` of the split form.
pub(super) fn method_line(text: &str) -> Option<String> {
    let caps = METHOD_ONLY.as_ref()?.captures(text.trim())?;
    Some(caps.get(1)?.as_str().to_ascii_uppercase())
}

/// `/x/{id}{?a,b}` or `/x?a={a}&b` -> (`/x/{id}`, [a, b]). `None` when what is
/// left is not a path template (unbalanced braces).
fn split_target(target: &str) -> Option<(String, Vec<String>)> {
    let mut query = Vec::new();
    let mut path = String::new();
    let mut rest = target;
    while let Some(open) = rest.find('{') {
        path.push_str(rest.get(..open)?);
        let close = open + closing_brace(rest.get(open..)?)?;
        let inner = rest.get(open + 1..close)?;
        if let Some(names) = inner.strip_prefix(['?', '&']) {
            // `{?a,b}`, and the mixed form `{?a={a}&b={b}}`.
            let names = names.split([',', '&']).map(|n| n.split('=').next().unwrap_or("").trim());
            query.extend(names.filter(|n| !n.is_empty()).map(str::to_string));
        } else {
            path.push('{');
            path.push_str(inner.trim_matches('*'));
            path.push('}');
        }
        rest = rest.get(close + 1..)?;
    }
    path.push_str(rest);
    let (path, q) = match path.split_once(['?', '#']) {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (path, String::new()),
    };
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let name = pair.split('=').next().unwrap_or("").trim();
        if !name.is_empty() && !query.iter().any(|n| n == name) {
            query.push(name.to_string());
        }
    }
    let path = path.trim_end_matches('/');
    let path = if path.is_empty() { "/".to_string() } else { path.to_string() };
    if path.contains(['{', '}']) && !balanced(&path) {
        return None;
    }
    Some((path, query))
}

/// The index of the `}` that closes the `{` at the start of `s`; a query group
/// (`{?a={a}&b={b}}`) may hold braces of its own.
fn closing_brace(s: &str) -> Option<usize> {
    if !s.strip_prefix('{').is_some_and(|r| r.starts_with(['?', '&'])) {
        return s.find('}');
    }
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

fn balanced(path: &str) -> bool {
    let mut open = false;
    for c in path.chars() {
        match c {
            '{' if !open => open = true,
            '}' if open => open = false,
            '{' | '}' => return false,
            _ => {}
        }
    }
    !open
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Option<(String, String, Vec<String>)> {
        uri(text).map(|u| (u.method, u.path, u.query))
    }

    #[test]
    fn uri_lines() {
        assert_eq!(
            parts("POST /v2/{project_id}/datasets"),
            Some(("POST".into(), "/v2/{project_id}/datasets".into(), vec![]))
        );
        assert_eq!(
            parts("GET /v2/{project_id}/datasets?offset=1"),
            Some(("GET".into(), "/v2/{project_id}/datasets".into(), vec!["offset".into()]))
        );
        assert_eq!(parts("POST https://{Endpoint}/v2/x").map(|p| p.1), Some("/v2/x".into()));
        assert_eq!(
            parts("GET /v2/recordsets?zone_type={zone_type}&limit={limit}"),
            Some(("GET".into(), "/v2/recordsets".into(), vec!["zone_type".into(), "limit".into()]))
        );
        assert_eq!(
            parts("GET /v3/{project_id}/x/{id}{?a,b}"),
            Some(("GET".into(), "/v3/{project_id}/x/{id}".into(), vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            parts("GET /v2.1/{project_id}/flavors/detail{?minDisk={minDisk}&sort_dir={sort_dir}}"),
            Some(("GET".into(), "/v2.1/{project_id}/flavors/detail".into(), vec!["minDisk".into(), "sort_dir".into()]))
        );
        assert_eq!(parts("GET /v1/{a"), None);
        assert_eq!(parts("GET /v1/x{?a={a}"), None);
        assert_eq!(parts("GET /v3/x?a={a}&b={b _c}").map(|p| p.2), Some(vec!["a".into(), "b".into()]));
        assert_eq!(parts("This GET /x is prose"), None);
    }

    #[test]
    fn split_form() {
        assert_eq!(
            path_line("PATH: /rds/v1/{project_id}/backups/{backupId}").map(|p| p.0),
            Some("/rds/v1/{project_id}/backups/{backupId}".into())
        );
        assert_eq!(method_line("Method: DELETE"), Some("DELETE".into()));
        assert_eq!(method_line("Method: fetch it"), None);
    }
}
