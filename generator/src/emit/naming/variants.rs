//! Enum variant names: from the value, or from its English meaning.

use crate::emit::ident;
use crate::words::lower_words;
use std::collections::HashSet;

/// A value that names itself (`on_demand`, `RUNNING`, `v2`), unlike `0` or `-1`.
/// A value that names its variant itself: a word (`on_demand` -> `OnDemand`), or the empty
/// string (`Empty`, whatever its meaning says).
fn is_word_value(v: &str) -> bool {
    v.is_empty()
        || (v.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && v.chars().any(|c| c.is_ascii_alphabetic()))
}

/// A variant name from an English meaning: `pay-per-use` → `PayPerUse`, `The job is running.` →
/// `JobIsRunning`; `None` for long sentences.
pub fn meaning_ident(meaning: &str) -> Option<String> {
    let head = meaning.split([':', ',', '.', ';', '(', '，', '：', '。', '\n']).next().unwrap_or_default();
    let words: Vec<String> =
        lower_words(head).into_iter().filter(|w| !["the", "a", "an"].contains(&w.as_str())).collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let id = ident::variant_ident(&words.join("_"));
    (id.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && id != "Unknown").then_some(id)
}

/// Variant names of one enum: (value, English meaning) → names.
pub fn variant_names(values: &[(String, Option<String>)]) -> Vec<String> {
    let by_value: Vec<String> = values.iter().map(|(v, _)| ident::variant_ident(v)).collect();
    let needs_meaning = values.iter().any(|(v, _)| !is_word_value(v));
    let mut out = by_value.clone();
    if needs_meaning {
        let from_meaning: Option<Vec<String>> = values
            .iter()
            .zip(&by_value)
            .map(
                |((v, m), byv)| if is_word_value(v) { Some(byv.clone()) } else { m.as_deref().and_then(meaning_ident) },
            )
            .collect();
        if let Some(names) = from_meaning {
            let unique: HashSet<&String> = names.iter().collect();
            if unique.len() == names.len() {
                out = names;
            }
        }
    }
    // Still equal after sanitising (`a-b`, `a_b`): the later ones keep more of the value.
    let mut seen: HashSet<String> = HashSet::from(["Unknown".to_string()]);
    for (i, name) in out.iter_mut().enumerate() {
        if !seen.insert(name.clone()) {
            let raw = values.get(i).map(|(v, _)| v.as_str()).unwrap_or_default();
            let mut alt =
                format!("{name}{}", ident::pascal_ident(&raw.replace(|c: char| c.is_ascii_alphanumeric(), ""), "V"));
            if alt == *name || seen.contains(&alt) {
                alt = format!("{name}Alt");
            }
            while seen.contains(&alt) {
                alt.push_str("Alt");
            }
            seen.insert(alt.clone());
            *name = alt;
        }
    }
    out
}
