//! YAML 1.1 readers (PyYAML, the OpenAPI validators built on it, older tools) resolve more plain
//! scalars than YAML 1.2 does: `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `=` is the `value`
//! tag, `<<` the merge key, `0123` and `1_000` and `1:20` integers, `2001-12-14` a date, `1.`
//! a float. libyaml (through serde_yaml) writes them plain, as YAML 1.2 allows. The spec quotes
//! every plain scalar a YAML 1.1 reader would read as anything but the same string, so an
//! enum `[yes, no, =]` stays three strings in every reader. What YAML 1.2 (serde_yaml's own
//! inference: `null`, `~`, `true`, numbers, `.inf`) reads as typed, serde_yaml already quotes.

use regex::Regex;
use std::sync::LazyLock;

/// Plain words a YAML 1.1 reader resolves: booleans (`y`/`n` of the 1.1 spec included, though
/// PyYAML leaves them), nulls, the `value` and `merge` keys, and the YAML 1.1 `yaml` type.
const WORDS: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "true", "True",
    "TRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", "=", "<<", "!", "&", "*",
];

/// PyYAML's implicit resolvers for ints, floats and timestamps (the YAML 1.1 type repository),
/// joined into one anchored pattern.
static NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let int =
        r"[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+";
    let float = r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)";
    let date = r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?";
    Regex::new(&format!("^(?:{int}|{float}|{date})$")).ok()
});

/// Whether a YAML 1.1 reader takes the plain scalar `s` for something other than the string `s`.
pub fn yaml11_typed(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b'0'..=b'9' | b'+' | b'-' | b'.') => NUMBER.as_ref().is_none_or(|re| re.is_match(s)),
        Some(_) => s.len() <= 5 && WORDS.contains(&s),
    }
}

/// Whether serde_yaml reads the plain scalar `s` as a string. A plain scalar it would read as
/// typed (`12`, `1.5`, `true`) was written for a typed value: serde_yaml quotes such strings.
fn serde_yaml_string(s: &str) -> bool {
    // The common typed value, an integer without a leading zero, without a parser.
    let digits = s.strip_prefix('-').unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0')) {
        return false;
    }
    matches!(serde_yaml::from_str::<serde_yaml::Value>(s), Ok(serde_yaml::Value::String(_)))
}

/// Whether the plain scalar `s` of serde_yaml's output must be quoted for YAML 1.1 readers: a
/// string there that YAML 1.1 reads as typed. Empty is no scalar (`: value` of a `? key`).
fn needs_quotes(s: &str) -> bool {
    !s.is_empty() && yaml11_typed(s) && serde_yaml_string(s)
}

/// `text` (libyaml's block style) with every plain key or value that [`needs_quotes`]
/// single-quoted. Lines inside block scalars (`|-`, `>`) are content and stay as they are.
pub fn quote_yaml11(text: &str) -> String {
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
        // Quoting a scalar never makes or unmakes a block indicator, so the source line tells.
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

/// One line onto `out`: `- yes`, `key: no`, `yes: ...`, `- on: x`, `'quoted key': =`.
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
    // A quoted key (or a quoted value alone) is written as is; what follows it is looked at.
    if let Some(end) = quoted_end(rest) {
        let (quoted, after) = rest.split_at(end);
        out.push_str(quoted);
        match after.strip_prefix(": ") {
            Some(value) => {
                out.push_str(": ");
                push_scalar(out, value);
            }
            None => out.push_str(after),
        }
        return;
    }
    match split_colon_space(rest) {
        Some((key, value)) => {
            push_scalar(out, key);
            out.push_str(": ");
            push_scalar(out, value);
        }
        None => match rest.strip_suffix(':') {
            Some(key) => {
                push_scalar(out, key);
                out.push(':');
            }
            None => push_scalar(out, rest),
        },
    }
}

/// The byte length of the single- or double-quoted scalar `s` starts with, if it starts with one.
fn quoted_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let quote = *b.first().filter(|&&q| q == b'\'' || q == b'"')?;
    let mut i = 1;
    while let Some(&c) = b.get(i) {
        match c {
            // `''` in single quotes, `\x` in double quotes: an escaped character.
            b'\'' if quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
            b'\\' if quote == b'"' => i += 2,
            c if c == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
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

fn push_scalar(out: &mut String, scalar: &str) {
    if needs_quotes(scalar) {
        out.push('\'');
        for (i, part) in scalar.split('\'').enumerate() {
            if i > 0 {
                out.push_str("''");
            }
            out.push_str(part);
        }
        out.push('\'');
    } else {
        out.push_str(scalar);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Plain scalars that PyYAML (YAML 1.1) reads as booleans, nulls, numbers, dates or tags.
    const YAML11_SPECIAL: &[&str] = &[
        "y",
        "Y",
        "n",
        "N",
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "=",
        "<<",
        "0123",
        "0_7",
        "1_000",
        "+1_000",
        "0b101",
        "-0b1",
        "0x_1F",
        "1:20",
        "-190:20:30",
        "1.",
        "+1.5_0",
        "1.5e+3",
        ".5",
        "1:20.5",
        "2001-12-14",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5",
        "2002-12-14T00:00:00Z",
        "2001-1-2 3:04:05",
    ];

    /// Strings no reader takes for anything else: left plain (as libyaml writes them).
    const PLAIN: &[&str] =
        &["1.0.0", "v1", "yes please", "On-demand", "9a", "1e5x", "2001-12-14x", "12:30 pm", "==", "<", "a=b", "1:60"];

    fn enum_yaml(values: &[&str]) -> String {
        quote_yaml11(&serde_yaml::to_string(&serde_json::json!({ "enum": values, "key": values })).unwrap())
    }

    #[test]
    fn yaml11_special_scalars_are_quoted() {
        let text = enum_yaml(YAML11_SPECIAL);
        for s in YAML11_SPECIAL {
            assert!(yaml11_typed(s), "{s:?}");
            let quoted = format!("- '{s}'\n");
            let double = format!("- \"{s}\"\n");
            assert!(text.contains(&quoted) || text.contains(&double), "{s:?} in\n{text}");
        }
    }

    #[test]
    fn plain_strings_stay_plain() {
        let text = enum_yaml(PLAIN);
        for s in PLAIN {
            assert!(!yaml11_typed(s), "{s:?}");
            assert!(text.contains(&format!("- {s}\n")), "{s:?} in\n{text}");
        }
    }

    #[test]
    fn typed_values_stay_typed() {
        let value = serde_json::json!({ "a": 12, "b": -3, "c": 1.5, "d": true, "e": null, "f": 0, "g": [1, 2.25] });
        let text = serde_yaml::to_string(&value).unwrap();
        assert_eq!(quote_yaml11(&text), text);
    }

    #[test]
    fn keys_and_values_are_quoted_where_they_are_scalars() {
        let text = "enum:\n- yes\n- =\n- maybe\nnames:\n  on: 1\n  x: off\n  - - Y\n  'k: v': <<\n? long\n: =\n";
        let want =
            "enum:\n- 'yes'\n- '='\n- maybe\nnames:\n  'on': 1\n  x: 'off'\n  - - 'Y'\n  'k: v': '<<'\n? long\n: '='\n";
        assert_eq!(quote_yaml11(text), want);
    }

    #[test]
    fn block_scalars_and_quoted_text_stay() {
        let text =
            "description: |-\n  yes\n  no: really\nnext: 'no'\nlast: \"yes\"\nafter: no\n- 'it''s': \"a\\\"b\": =\n";
        let want =
            "description: |-\n  yes\n  no: really\nnext: 'no'\nlast: \"yes\"\nafter: 'no'\n- 'it''s': \"a\\\"b\": =\n";
        assert_eq!(quote_yaml11(text), want);
    }

    #[test]
    fn quoted_end_finds_the_closing_quote() {
        assert_eq!(quoted_end("'a''b': c"), Some(6));
        assert_eq!(quoted_end("\"a\\\"b\": c"), Some(6));
        assert_eq!(quoted_end("plain"), None);
        assert_eq!(quoted_end("'open"), None);
    }

    #[test]
    fn colon_space_split_is_split_once() {
        for s in ["", ":", ": ", "a: b", "a:b: c", "a::  b", "é: x", "a:", "key: value: more", "x :y"] {
            assert_eq!(split_colon_space(s), s.split_once(": "), "{s:?}");
        }
    }

    /// Short strings over an alphabet of the characters that make scalars special: each one,
    /// written as a key and as a value and quoted for YAML 1.1, reads back as itself.
    #[test]
    fn tricky_strings_read_back_as_themselves() {
        const ALPHABET: &[char] = &[
            '0', '1', '7', '9', '-', '+', ':', '.', '_', 'e', 'x', 'b', 'y', 'n', 'o', '=', '<', '~', ' ', '#', 'T',
            '\'',
        ];
        let mut strings = vec![String::new()];
        for s in YAML11_SPECIAL.iter().chain(PLAIN) {
            strings.push(s.to_string());
        }
        for a in ALPHABET {
            for b in ALPHABET {
                strings.push(format!("{a}{b}"));
                for c in ALPHABET {
                    strings.push(format!("{a}{b}{c}"));
                }
            }
        }
        for chunk in strings.chunks(500) {
            let map: indexmap::IndexMap<&str, &str> = chunk.iter().map(|s| (s.as_str(), s.as_str())).collect();
            let list: Vec<&str> = chunk.iter().map(String::as_str).collect();
            let text = quote_yaml11(&serde_yaml::to_string(&(&map, &list)).unwrap());
            let (back_map, back_list): (indexmap::IndexMap<String, String>, Vec<String>) =
                serde_yaml::from_str(&text).unwrap();
            assert_eq!(back_list, list);
            assert!(back_map.iter().map(|(k, v)| (k.as_str(), v.as_str())).eq(map.iter().map(|(k, v)| (*k, *v))));
            // No plain key or value of the result is one YAML 1.1 would read as typed.
            for line in text.lines() {
                let mut item = line.trim_start();
                while let Some(rest) = item.strip_prefix("- ") {
                    item = rest;
                }
                let (key, value) = split_colon_space(item).unwrap_or((item, ""));
                for scalar in [key, value] {
                    assert!(scalar.starts_with(['\'', '"']) || !needs_quotes(scalar), "{scalar:?} in {line:?}");
                }
            }
        }
    }
}
