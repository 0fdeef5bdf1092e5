//! The verb-object phrase of an operation, read from its title (English or Chinese) or its
//! route: the words a method name is made of.

use crate::lexicon::{CLAUSE_WORDS, KEPT_PREPS, OBJECT_FILLER, OWNER_PREPS, TITLE_VERBS, ZH_TITLE_VERBS};
use crate::words::{de_gerund, is_english, is_plural, is_version_segment, lower_words, plural, singular};

/// A verb-object phrase read from a title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrase {
    /// `list`, `get`, `create`, `batch_add`, ... (lower-case words).
    pub verb: Vec<String>,
    /// The object, owner first: `training_job_version`.
    pub object: Vec<String>,
    /// Words the name left out (parenthesised qualifiers, the rest of a long owner):
    /// used to tell apart two operations with the same name.
    pub qualifiers: Vec<Vec<String>>,
}

/// The text without parenthesised parts, and the parts.
pub(super) fn split_parens(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' | '[' => {
                depth += 1;
            }
            ')' | '）' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parts.push(std::mem::take(&mut current));
                }
            }
            _ if depth > 0 => current.push(c),
            _ => out.push(c),
        }
    }
    (out, parts)
}

/// Drop filler words (articles, `details`, `specified`).
fn strip_filler(words: &[String]) -> Vec<String> {
    words.iter().filter(|w| !OBJECT_FILLER.contains(&w.as_str())).cloned().collect()
}

/// The verb-object phrase of an English title (`None` when the title does not start with a verb).
pub fn title_phrase(title: &str) -> Option<Phrase> {
    if !is_english(title) {
        return None;
    }
    let (text, parens) = split_parens(title);
    // `a Function's Versions`: the possessive is no word of the name.
    let text = text.replace("'s ", " ").replace("\u{2019}s ", " ");
    let mut words = lower_words(&text);
    if words.is_empty() {
        return None;
    }
    let mut verb: Vec<String> = Vec::new();
    // `Batch Deleting X`, `Deleting X in Batches`.
    let mut batch = false;
    if words.first().is_some_and(|w| w == "batch" || w == "batches") && words.len() > 1 {
        batch = true;
        words.remove(0);
    }
    let first = words.first()?.clone();
    let base = TITLE_VERBS.iter().find(|(w, _)| *w == first).map(|(_, v)| v.to_string()).or_else(|| {
        // Any other gerund: `Rebuilding` → `rebuild`.
        first.strip_suffix("ing").filter(|s| s.len() > 2).map(de_gerund)
    })?;
    words.remove(0);
    let mut rest = words;
    for pair in [["in", "batches"], ["in", "batch"]] {
        if let Some(i) = rest.windows(2).position(|w| w == pair) {
            rest.drain(i..i + 2);
            batch = true;
        }
    }
    if batch {
        verb.push("batch".into());
    }
    // Drop relative clauses up to the next preposition.
    let mut cleaned = Vec::new();
    let mut skipping = false;
    for w in rest {
        if CLAUSE_WORDS.contains(&w.as_str()) {
            skipping = true;
            continue;
        }
        if skipping && (OWNER_PREPS.contains(&w.as_str()) || KEPT_PREPS.contains(&w.as_str())) {
            skipping = false;
        }
        if !skipping {
            cleaned.push(w);
        }
    }
    let mut rest = cleaned;
    // `a list of X`, `the X list`, `all X`: a list.
    let mut list = base == "list";
    if let Some(i) = rest.iter().position(|w| w == "list") {
        if rest.get(i + 1).is_some_and(|w| w == "of") {
            rest.drain(i..i + 2);
        } else {
            rest.remove(i);
        }
        list = true;
    }
    if rest.first().is_some_and(|w| w == "all") {
        rest.remove(0);
        list = true;
    }
    // Head, owner and kept connectors.
    let mut head: Vec<String> = Vec::new();
    let mut owner: Vec<String> = Vec::new();
    let mut kept: Vec<String> = Vec::new();
    let mut qualifiers: Vec<Vec<String>> = Vec::new();
    let mut state = 0; // 0 head, 1 owner, 2 kept, 3 dropped tail
    let mut tail: Vec<String> = Vec::new();
    for w in rest {
        let is_owner_prep = OWNER_PREPS.contains(&w.as_str());
        let is_kept = KEPT_PREPS.contains(&w.as_str());
        match state {
            0 if is_owner_prep && !head.is_empty() => state = 1,
            0 if is_kept && !head.is_empty() => {
                state = 2;
                kept.push(w);
            }
            0 => head.push(w),
            1 if (is_owner_prep || is_kept) && !owner.is_empty() => {
                state = 3;
                tail.push(w);
            }
            1 => owner.push(w),
            2 if is_owner_prep => {
                state = 3;
                tail.push(w);
            }
            2 => kept.push(w),
            _ => tail.push(w),
        }
    }
    let head = strip_filler(&head);
    let owner = strip_filler(&owner);
    let kept: Vec<String> = kept.iter().filter(|w| !["a", "an", "the"].contains(&w.as_str())).cloned().collect();
    if !tail.is_empty() {
        let t: Vec<String> = tail.iter().filter(|w| !["a", "an", "the"].contains(&w.as_str())).cloned().collect();
        qualifiers.push(t);
    }
    for p in &parens {
        let w = strip_filler(&lower_words(p));
        if !w.is_empty() {
            qualifiers.push(w);
        }
    }
    if head.is_empty() && owner.is_empty() {
        return None;
    }
    let head_plural = head.last().is_some_and(|w| is_plural(w));
    let mut object: Vec<String> = owner;
    object.extend(head);
    object.extend(kept);
    let verb_word = match base.as_str() {
        "query" if list || head_plural => "list",
        "query" => "get",
        other => other,
    };
    if verb_word == "list" {
        // `list_training_jobs`: the last word of the head is plural (before kept connectors).
        let head_end = object.len() - object.iter().rev().take_while(|w| KEPT_PREPS.contains(&w.as_str())).count();
        let connector = object.iter().position(|w| KEPT_PREPS.contains(&w.as_str())).unwrap_or(head_end);
        if let Some(last) = connector.checked_sub(1).and_then(|i| object.get_mut(i)) {
            *last = plural(last);
        }
    }
    verb.push(verb_word.to_string());
    Some(Phrase { verb, object, qualifiers })
}

/// The verb of a Chinese title (`查询` → `list` or `get`, `创建` → `create`, ...).
pub fn zh_verb(title: &str) -> Option<Vec<String>> {
    let t = title.trim();
    let mut verb = Vec::new();
    let t = match t.strip_prefix("批量") {
        Some(rest) => {
            verb.push("batch".to_string());
            rest
        }
        None => t,
    };
    let (_, base) = ZH_TITLE_VERBS.iter().find(|(w, _)| t.starts_with(w))?;
    let base = match *base {
        "query" if t.contains("列表") || t.contains("所有") => "list",
        "query" => "get",
        other => other,
    };
    verb.push(base.to_string());
    Some(verb)
}

/// The resource a route acts on: its last static segments (`/v2/{project_id}/pools/{pool_name}/nodepools`
/// → `nodepools`), and whether the route ends in a parameter (one item, not the collection).
pub fn route_object(path: &str) -> (Vec<String>, bool) {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let item = segs.last().is_some_and(|s| s.starts_with('{'));
    let statics: Vec<&str> = segs.iter().copied().filter(|s| !s.starts_with('{') && !is_version_segment(s)).collect();
    let last = statics.last().map(|s| lower_words(s)).unwrap_or_default();
    let words = if item { last.iter().map(|w| singular(w)).collect() } else { last };
    (words, item)
}

/// Verb-object words from the route alone (no usable title).
pub(super) fn route_phrase(method: &str, path: &str) -> Phrase {
    let (object, item) = route_object(path);
    let verb = match (method.to_ascii_uppercase().as_str(), item) {
        ("GET", false) => "list",
        ("GET", true) => "get",
        ("POST", _) => "create",
        ("PUT" | "PATCH", _) => "update",
        ("DELETE", _) => "delete",
        (m, _) => return Phrase { verb: vec![m.to_ascii_lowercase()], object, qualifiers: vec![] },
    };
    Phrase { verb: vec![verb.to_string()], object, qualifiers: vec![] }
}
