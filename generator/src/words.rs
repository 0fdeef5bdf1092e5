//! The English (and a little Chinese) grammar shared by extraction and emission: plural and
//! singular nouns, gerunds, what marks an API deprecated, and the operation id made from a
//! route. The word lists live in [`crate::lexicon`]; the rules that use them live here, once.

use crate::lexicon;

/// `true` when `id` was made from METHOD + path (`GetServersByServerId`), or
/// starts with such an id (several pages of one METHOD + path), i.e. the page
/// gave no operationId. Used while the spec carries no `x-operation-id-source`.
pub fn is_route_id(id: &str, method: &str, path: &str) -> bool {
    let route = route_id(method, path);
    id == route || id.strip_prefix(&route).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The id extraction makes from a route: `POST /v2/{project_id}/pools/{pool_name}/nodepools`
/// → `PostPoolsByPoolNameNodepools`.
pub fn route_id(method: &str, path: &str) -> String {
    let mut id = pascal(&method.to_ascii_lowercase());
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if param != "project_id" {
                id.push_str("By");
                id.push_str(&pascal(param));
            }
        } else if !is_route_version(seg) {
            id.push_str(&pascal(seg));
        }
    }
    id
}

/// `Post`, `PoolName`: each alphanumeric run with an upper-case first letter, joined.
pub fn pascal(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// A version segment as route ids leave it out: lower-case `v` only (`V1.0` stays in
/// `GetV10Alarms`); the committed operation ids were made by this rule.
fn is_route_version(seg: &str) -> bool {
    seg.strip_prefix('v').is_some_and(|d| d.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// A path segment naming an API version: `v2`, `V1`, `v1.0`.
pub fn is_version_segment(seg: &str) -> bool {
    seg.starts_with(['v', 'V'])
        && seg.len() > 1
        && seg.get(1..).is_some_and(|d| d.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// A version word (`v2`, `V1`, `0` of `v2.0`).
pub fn is_version_word(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit()) || is_version_segment(w)
}

/// The text (a title, a section name, a sentence) says the API is deprecated or discarded
/// ([`lexicon::DEPRECATED_WORDS`]).
pub fn says_deprecated(text: &str) -> bool {
    let lower = text.to_lowercase();
    lexicon::DEPRECATED_WORDS.iter().any(|w| lower.contains(w))
}

/// A title or section name says the API is deprecated: [`says_deprecated`], or a word only a
/// title uses so ([`lexicon::DEPRECATED_TITLE_WORDS`]).
pub fn title_says_deprecated(title: &str) -> bool {
    let lower = title.to_lowercase();
    says_deprecated(title) || lexicon::DEPRECATED_TITLE_WORDS.iter().any(|w| lower.contains(w))
}

/// A description sentence saying the API itself (not one of its fields) is deprecated.
pub fn says_api_deprecated(text: &str) -> bool {
    text.split(['.', '。']).any(|s| {
        says_deprecated(s)
            && ["this api", "the api", "该接口", "此接口", "本接口"].iter().any(|a| s.to_lowercase().contains(a))
    })
}

/// Mostly ASCII letters: an English text (meanings in other languages do not name variants).
pub fn is_english(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let ascii = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    ascii > 0 && ascii * 10 >= letters * 9
}

/// A plural English noun (`jobs`, `policies`), not a word that merely ends in `s` (`status`).
pub fn is_plural(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !["ss", "us", "is", "os"].iter().any(|s| word.ends_with(s))
        && !["status", "alias", "dns", "https", "vpcs_"].contains(&word)
}

/// `jobs` → `job`, `policies` → `policy`, `statuses` → `status`; other words unchanged.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if !is_plural(&lower) {
        return word.to_string();
    }
    let cut = |n: usize| word.get(..word.len().saturating_sub(n)).unwrap_or(word).to_string();
    if lower.ends_with("ies") && lower.len() > 4 {
        return format!("{}y", cut(3));
    }
    if ["sses", "xes", "ches", "shes", "uses"].iter().any(|s| lower.ends_with(s)) {
        return cut(2);
    }
    cut(1)
}

/// `tags` -> `tag`, `policies` -> `policy`: the name extraction looks up for one element of a
/// list field (`None` when the name does not end like a plural). Cruder than [`singular`]
/// (`matches` -> `matche`); the committed specs were made with it, and moving extraction to
/// [`singular`] changes one (SFS: `matches` finds its table `Match`), so that is a change of
/// output of its own, not part of this refactor.
pub fn element_name(name: &str) -> Option<String> {
    if let Some(stem) = name.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    name.strip_suffix('s').filter(|s| !s.ends_with('s') && s.len() >= 2).map(str::to_string)
}

/// `job` → `jobs`, `policy` → `policies`; plural words unchanged.
pub fn plural(word: &str) -> String {
    // `AZs`, `IPs`: an abbreviation's plural.
    let short_plural = word.len() == 3 && word.ends_with('s') && !word.ends_with("ss") && word != "dns";
    if is_plural(word) || short_plural {
        return word.to_string();
    }
    if word.ends_with('y') && !word.ends_with("ay") && !word.ends_with("ey") && !word.ends_with("oy") {
        return format!("{}ies", word.get(..word.len() - 1).unwrap_or(word));
    }
    if ["s", "x", "ch", "sh"].iter().any(|s| word.ends_with(s)) {
        return format!("{word}es");
    }
    format!("{word}s")
}

/// Lower-case words; a hyphenated compound stays one word (`Built-in` → `built_in`).
pub fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase().split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("_"))
        .filter(|w| !w.is_empty())
        .collect()
}

/// `rebuild` from `rebuild` (after `ing` was cut): doubled consonants and a lost `e` restored.
pub fn de_gerund(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 2 && b.get(n - 1) == b.get(n - 2) && !matches!(b.get(n - 1), Some(b'l' | b's' | b'z' | b'f')) {
        return stem.get(..n - 1).unwrap_or(stem).to_string();
    }
    // `manag` → `manage`, `provid` → `provide`, `clos` → `close`, `invok` → `invoke`.
    const SILENT_E: &[&str] = &[
        "ag", "at", "iz", "yz", "ur", "ir", "v", "ok", "os", "ov", "ud", "ib", "ac", "uc", "as", "us", "id", "rs",
        "bl", "pl",
    ];
    if SILENT_E.iter().any(|e| stem.ends_with(e)) && !stem.ends_with("ss") {
        return format!("{stem}e");
    }
    stem.to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn route_ids_are_recognised() {
        assert!(is_route_id("GetDemanagerInstances", "get", "/v1/{project_id}/demanager/instances"));
        assert!(is_route_id(
            "PostDemanagerInstancesByInstanceIdActionRestartingMlStudioInstance",
            "post",
            "/v1/{project_id}/demanager/instances/{instance_id}/action"
        ));
        assert!(!is_route_id("CreateNodePool", "post", "/v2/{project_id}/pools/{pool_name}/nodepools"));
    }

    #[test]
    fn singular_and_plural() {
        for (p, s) in [
            ("jobs", "job"),
            ("policies", "policy"),
            ("statuses", "status"),
            ("status", "status"),
            ("boxes", "box"),
            ("vpcs", "vpc"),
        ] {
            assert_eq!(singular(p), s);
        }
        for (s, p) in [("job", "jobs"), ("policy", "policies"), ("box", "boxes"), ("jobs", "jobs"), ("key", "keys")] {
            assert_eq!(plural(s), p);
        }
    }

    #[test]
    fn routes_make_readable_ids() {
        assert_eq!(route_id("POST", "/v2/{project_id}/pools/{pool_name}/nodepools"), "PostPoolsByPoolNameNodepools");
        assert_eq!(route_id("GET", "/v1.0/{project_id}/servers"), "GetServers");
    }
}
