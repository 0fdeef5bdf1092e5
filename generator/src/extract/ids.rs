//! Operation ids: from the title (`Title - OperationId`) or the file name; from the route
//! ([`crate::words::route_id`]) when the page gives none.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_suffixes_leave_file_stems() {
        assert_eq!(strip_lang_suffix("CreateNodePool.zh"), "CreateNodePool");
    }
}
