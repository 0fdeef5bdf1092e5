//! Modules of the generated crate: one per API group.

use super::reserved::RESERVED_MODULES;
use crate::emit::ident;
use crate::words::{is_version_segment, is_version_word, lower_words};

/// The group of an operation: its first tag, else the first resource segment of its path.
pub fn group_of(tags: &[String], path: &str) -> String {
    if let Some(tag) = tags.first() {
        let words = lower_words(tag);
        // Versions and status words say which edition of a section, not what it is about:
        // `Backup and Restoration (API v1 (To Be Discarded))` and its v3 edition are one module.
        let kept: Vec<&String> = words
            .iter()
            .filter(|w| !["management", "apis", "api", "and", "the", "of", "for"].contains(&w.as_str()))
            .filter(|w| {
                !is_version_word(w) && !["recommended", "to", "be", "discarded", "deprecated"].contains(&w.as_str())
            })
            .collect();
        let words: Vec<String> = kept.into_iter().cloned().collect();
        if !words.is_empty() {
            return module_safe(&words.join("_"));
        }
    }
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut chosen = None;
    for (i, seg) in segs.iter().enumerate() {
        let next_is_project = segs.get(i + 1).is_some_and(|n| n.contains("project_id") || n.contains("tenant_id"));
        if seg.starts_with('{') || is_version_segment(seg) || *seg == "api" || next_is_project {
            continue;
        }
        chosen = Some(lower_words(seg).join("_"));
        break;
    }
    module_safe(&chosen.unwrap_or_else(|| "service".to_string()))
}

fn module_safe(name: &str) -> String {
    let s = ident::snake_ident(name);
    let s = ident::unraw(&s).to_string();
    if RESERVED_MODULES.contains(&s.as_str()) || ident::is_keyword(&s) || s.starts_with('_') {
        format!("{}_api", s.trim_start_matches('_'))
    } else {
        s
    }
}
