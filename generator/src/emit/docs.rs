//! Doc comments from spec text: escaped so rustdoc renders the text as written
//! and reports nothing (no HTML tags, no intra-doc links, no code blocks, no
//! bare URLs).

use proc_macro2::TokenStream;
use quote::quote;
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn url_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"https?://[A-Za-z0-9\-._~:/?#@!$&'*+,;=%{}]+"#).ok()).as_ref()
}

/// Markdown-escape plain text (no URL handling).
fn escape_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '`' => out.push_str("\\`"),
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("\\|"),
            _ => out.push(c),
        }
    }
    out
}

/// One line of spec text as Markdown: escaped, URLs as autolinks, `•` bullets as list items.
pub fn escape_line(line: &str) -> String {
    let line = line.trim();
    let (bullet, rest) = match line.strip_prefix('•') {
        Some(rest) => ("- ", rest.trim_start()),
        None => ("", line),
    };
    let mut out = String::from(bullet);
    let mut last = 0;
    if let Some(re) = url_re() {
        for m in re.find_iter(rest) {
            let url = m.as_str().trim_end_matches(['.', ',', ';', ':', ')', '\'', '!', '?']);
            let end = m.start() + url.len();
            out.push_str(&escape_plain(rest.get(last..m.start()).unwrap_or_default()));
            out.push('<');
            out.push_str(url);
            out.push('>');
            last = end;
        }
    }
    out.push_str(&escape_plain(rest.get(last..).unwrap_or_default()));
    // A line of only `-`/`=` would turn the previous line into a heading; `#` starts one.
    if out.starts_with('#') || (!out.is_empty() && out.chars().all(|c| c == '-' || c == '=')) {
        out.insert(0, '\\');
    }
    // `1. text` / `+ text` would become a list, which is harmless; `- ` only when we made it.
    if bullet.is_empty() && (out.starts_with("- ") || out.starts_with("+ ")) {
        out.insert(0, '\\');
    }
    out
}

fn table_ref_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:For (?:details|more information|(?:the )?information)[^.;]*?, see|\bSee) Table \d+(?: for (?:details|its value))?\.?",
        )
        .ok()
    })
    .as_ref()
}

/// Lines of field docs with the docs' pointers to a table ("For details, see Table 3.") made a
/// link to `target`, the type the field's table became, or dropped when there is none: the
/// crate has no "Table 3". `target` is a model type (every one is re-exported by `models`).
pub fn link_tables(lines: Vec<String>, target: Option<&str>) -> Vec<String> {
    let Some(re) = table_ref_re() else { return lines };
    let link = target.map(|t| format!("See [`{t}`](crate::models::{t})."));
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let line = if re.is_match(&line) {
            let replaced = re.replace_all(&line, link.as_deref().unwrap_or_default());
            let text = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
            // A bullet left empty goes with its text.
            if text.is_empty() || text == "-" {
                continue;
            }
            text
        } else {
            line
        };
        // One paragraph break at a time, none first or last.
        if line.is_empty() && out.last().is_none_or(String::is_empty) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod table_tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn table_pointers_link_the_type_or_go() {
        let docs = lines("List of sub-jobs. For details, see Table 3.\n- The list.");
        assert_eq!(
            link_tables(docs.clone(), Some("SubJob")),
            lines("List of sub-jobs. See [`SubJob`](crate::models::SubJob).\n- The list.")
        );
        assert_eq!(link_tables(docs, None), lines("List of sub-jobs.\n- The list."));
        let alone = lines("Name.\n\nFor details about image\\_tags, see Table 12.\n\nMore.");
        assert_eq!(link_tables(alone, None), lines("Name.\n\nMore."));
        // A condition pointing at a table is left as written: it says more than the link.
        let cond = lines("If infer\\_type is set to batch, see Table 4.");
        assert_eq!(link_tables(cond.clone(), Some("Batch")), cond);
    }
}

/// Escaped lines of a (possibly multi-line) text; blank lines are kept as paragraph breaks.
pub fn text_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let escaped = escape_line(line);
        if escaped.is_empty() && !matches!(out.last(), Some(l) if !l.is_empty()) {
            continue;
        }
        // Text right after a list item would continue the item (clippy: doc_lazy_continuation).
        if !escaped.is_empty() && !escaped.starts_with("- ") && out.last().is_some_and(|l| l.starts_with("- ")) {
            out.push(String::new());
        }
        out.push(escaped);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Text of an item: `description`, then texts in other languages (`x-descriptions`) that differ.
pub fn description_lines(description: Option<&str>, others: &BTreeMap<String, String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
        out.extend(text_lines(d));
        seen.push(d.trim());
    }
    for text in others.values() {
        if text.trim().is_empty() || seen.contains(&text.trim()) {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(text_lines(text));
        seen.push(text.trim());
    }
    out
}

/// A value in backticks, or escaped text when it contains a backtick itself.
pub fn code(value: &str) -> String {
    if value.contains('`') || value.contains('\n') {
        escape_plain(&value.replace('\n', " "))
    } else {
        format!("`{value}`")
    }
}

/// Doc attributes, one per line (printed as `///` lines).
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// Lines joined into paragraphs, with an empty line between non-empty groups.
pub fn paragraphs(groups: Vec<Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for group in groups.into_iter().filter(|g| !g.is_empty()) {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(group);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(escape_line("Map<String,String>"), "Map&lt;String,String&gt;");
        assert_eq!(escape_line("range [1, 100]"), "range \\[1, 100\\]");
        assert_eq!(escape_line("    indented code?"), "indented code?");
        assert_eq!(escape_line("• asc: ascending"), "- asc: ascending");
        assert_eq!(escape_line("- not a list"), "\\- not a list");
        assert_eq!(escape_line("a_b *c* `d`"), "a\\_b \\*c\\* \\`d\\`");
        assert_eq!(escape_line("# 1"), "\\# 1");
    }

    #[test]
    fn text_after_a_list_is_a_new_paragraph() {
        assert_eq!(
            text_lines("Options:\n• 2: month\n• 3: year\nRequired for yearly billing."),
            vec!["Options:", "- 2: month", "- 3: year", "", "Required for yearly billing."]
        );
    }

    #[test]
    fn urls_become_autolinks() {
        assert_eq!(
            escape_line("see https://support.huaweicloud.com/api-modelarts/x.html."),
            "see <https://support.huaweicloud.com/api-modelarts/x.html>."
        );
    }

    #[test]
    fn other_languages_are_appended_once() {
        let mut others = BTreeMap::new();
        others.insert("en".to_string(), "Pool name.".to_string());
        others.insert("zh".to_string(), "资源池名称。".to_string());
        assert_eq!(description_lines(Some("资源池名称。"), &others), vec!["资源池名称。", "", "Pool name."]);
    }
}
