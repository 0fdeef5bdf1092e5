//! Operation ids: from the title (`Title - OperationId`), the file name, or the route.

use crate::ingest::Document;
use crate::lexicon;

/// operationId: `Title - OperationId`, else an identifier file stem, else none.
pub(super) fn operation_id(doc: &Document, title: Option<&str>) -> Option<String> {
    if let Some(t) = title {
        for sep in lexicon::TITLE_ID_SEPARATORS {
            if let Some((_, id)) = t.rsplit_once(sep) {
                let id = id.trim();
                if is_identifier(id) {
                    return Some(id.to_string());
                }
            }
        }
    }
    let stem = std::path::Path::new(&doc.path).file_stem()?.to_str()?;
    let stem = strip_lang_suffix(stem);
    (is_identifier(stem) && stem.chars().next().is_some_and(|c| c.is_ascii_uppercase())).then(|| stem.to_string())
}

/// `Creating a Node Pool - CreateNodePool` -> `Creating a Node Pool` (the id is kept apart).
pub(super) fn strip_id_suffix(title: &str) -> String {
    for sep in lexicon::TITLE_ID_SEPARATORS {
        if let Some((head, id)) = title.rsplit_once(sep) {
            if is_identifier(id.trim()) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// `CreateNodePool.zh` / `CreateNodePool_en` -> `CreateNodePool`.
pub fn strip_lang_suffix(stem: &str) -> &str {
    for suffix in [".zh", ".en", "_zh", "_en", "-zh", "-en", ".zh-cn", ".en-us", "_zh-cn", "_en-us"] {
        if let Some(s) = stem.strip_suffix(suffix) {
            return s;
        }
    }
    stem
}

pub(super) fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `POST /v2/{project_id}/pools/{pool_name}/nodepools` -> `PostPoolsByPoolNameNodepools`.
pub fn id_from_route(method: &str, path: &str) -> String {
    let mut id = pascal(&method.to_ascii_lowercase());
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if param == "project_id" {
                continue;
            }
            id.push_str("By");
            id.push_str(&pascal(param));
        } else if !(seg.starts_with('v')
            && seg.get(1..).is_some_and(|d| d.chars().all(|c| c.is_ascii_digit() || c == '.')))
        {
            id.push_str(&pascal(seg));
        }
    }
    id
}

pub(super) fn pascal(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_routes_are_readable_and_deterministic() {
        assert_eq!(
            id_from_route("POST", "/v2/{project_id}/pools/{pool_name}/nodepools"),
            "PostPoolsByPoolNameNodepools"
        );
        assert_eq!(id_from_route("GET", "/v1.0/{project_id}/servers"), "GetServers");
        assert_eq!(strip_lang_suffix("CreateNodePool.zh"), "CreateNodePool");
    }
}
