//! YAML 1.1 readers (PyYAML, the OpenAPI validators built on it, older tools) read a plain `yes`,
//! `no`, `on` or `off` as a boolean; libyaml writes them plain, as YAML 1.2 allows. The spec quotes
//! them, so an enum `[yes, no]` stays two strings in every reader.

/// Plain scalars a YAML 1.1 reader takes for booleans (`y`/`n` included).
const BOOLEAN_WORDS: &[&str] =
    &["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"];

/// `text` (libyaml's block style) with every plain key or value in [`BOOLEAN_WORDS`] single-quoted.
/// Lines inside block scalars (`|-`, `>`) are content and stay as they are.
pub fn quote_booleans(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut block_indent: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let indent = body.len() - body.trim_start().len();
        if let Some(b) = block_indent {
            if body.trim().is_empty() || indent > b {
                out.push_str(line);
                continue;
            }
            block_indent = None;
        }
        // Quoting a word never makes or unmakes a block indicator, so the source line tells.
        if opens_block(body) {
            block_indent = Some(indent);
        }
        // Written straight into `out`: one pass over the spec, no String per line or scalar.
        quote_line(&mut out, body);
        if line.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `key: |-`, `- >`: the line's last word (after a space or `:`) is a block scalar indicator.
fn opens_block(line: &str) -> bool {
    let t = line.trim_end();
    // Every indicator ends in one of these (most lines end otherwise: no search).
    if !matches!(t.as_bytes().last(), Some(b'|' | b'>' | b'-' | b'+')) {
        return false;
    }
    match t.rsplit_once([' ', ':']) {
        Some((_, last)) => ["|", "|-", "|+", ">", ">-", ">+"].contains(&last),
        None => false,
    }
}

/// One line onto `out`: `- yes`, `key: no`, `yes: ...`, `- on: x`.
fn quote_line(out: &mut String, line: &str) {
    let indent = line.len() - line.trim_start().len();
    let (pad, mut rest) = line.split_at(indent);
    out.push_str(pad);
    while let Some(item) = rest.strip_prefix("- ") {
        out.push_str("- ");
        rest = item;
    }
    if rest == "-" {
        out.push('-');
        return;
    }
    match split_colon_space(rest) {
        Some((key, value)) if !key.starts_with(['\'', '"']) => {
            push_quoted(out, key);
            out.push_str(": ");
            push_quoted(out, value);
        }
        _ => match rest.strip_suffix(':') {
            Some(key) => {
                push_quoted(out, key);
                out.push(':');
            }
            None => push_quoted(out, rest),
        },
    }
}

/// `rest.split_once(": ")`, searching for the colon byte only.
fn split_colon_space(rest: &str) -> Option<(&str, &str)> {
    let b = rest.as_bytes();
    let mut from = 0;
    while let Some(p) = b.get(from..).and_then(|t| t.iter().position(|&c| c == b':')) {
        let at = from + p;
        if b.get(at + 1) == Some(&b' ') {
            return Some((rest.get(..at)?, rest.get(at + 2..)?));
        }
        from = at + 1;
    }
    None
}

fn push_quoted(out: &mut String, scalar: &str) {
    // Every boolean word is 1 to 3 bytes: longer scalars skip the list.
    if scalar.len() <= 3 && BOOLEAN_WORDS.contains(&scalar) {
        out.push('\'');
        out.push_str(scalar);
        out.push('\'');
    } else {
        out.push_str(scalar);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boolean_words_are_quoted_where_they_are_scalars() {
        let text = "enum:\n- yes\n- no\n- maybe\nnames:\n  on: 1\n  x: off\n  - - Y\n";
        let want = "enum:\n- 'yes'\n- 'no'\n- maybe\nnames:\n  'on': 1\n  x: 'off'\n  - - 'Y'\n";
        assert_eq!(quote_booleans(text), want);
    }

    #[test]
    fn block_scalars_and_quoted_text_stay() {
        let text = "description: |-\n  yes\n  no: really\nnext: 'no'\nlast: \"yes\"\nafter: no\n";
        let want = "description: |-\n  yes\n  no: really\nnext: 'no'\nlast: \"yes\"\nafter: 'no'\n";
        assert_eq!(quote_booleans(text), want);
    }

    #[test]
    fn colon_space_split_is_split_once() {
        for s in ["", ":", ": ", "a: b", "a:b: c", "a::  b", "é: x", "a:", "key: value: more", "x :y"] {
            assert_eq!(split_colon_space(s), s.split_once(": "), "{s:?}");
        }
    }

    #[test]
    fn the_result_reads_back_as_strings() {
        let yaml = quote_booleans("- yes\n- no\n- on\n");
        let back: Vec<String> = serde_yaml::from_str(&yaml).unwrap_or_default();
        assert_eq!(back, ["yes", "no", "on"]);
    }
}
