//! URI lines: `POST /v2/{project_id}/pools/{pool_name}/nodepools`.

use regex::Regex;
use std::sync::LazyLock;

pub(super) static URI: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(/[^\s?#]*)(?:[?#]\S*)?$").ok());
pub(super) fn uri(text: &str) -> Option<(String, String)> {
    let caps = URI.as_ref()?.captures(text.trim())?;
    Some((caps.get(1)?.as_str().to_string(), caps.get(2)?.as_str().trim_end_matches('/').to_string()))
        .map(|(m, p)| (m, if p.is_empty() { "/".to_string() } else { p }))
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_lines() {
        assert_eq!(uri("POST /v2/{project_id}/datasets"), Some(("POST".into(), "/v2/{project_id}/datasets".into())));
        assert_eq!(
            uri("GET /v2/{project_id}/datasets?offset=1"),
            Some(("GET".into(), "/v2/{project_id}/datasets".into()))
        );
        assert_eq!(uri("POST https://{endpoint}/v2/x"), None);
    }
}
