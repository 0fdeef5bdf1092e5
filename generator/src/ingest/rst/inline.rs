//! Inline markup: RST text -> plain [`Text`] with its links.
//!
//! `**strong**`, `*emphasis*`, ``` ``literal`` ``` and `` `interpreted` `` keep
//! their content; roles keep their content too, except `:ref:`/`:numref:`
//! (`Text <label>` -> text `Text`, link `#label`) and `:doc:` (link to the
//! document). `` `Text <url>`_ `` (or `__`) links to the URL, `` `Name`_ `` to
//! `#name`. Backslash escapes are resolved; substitution references (`|x|`)
//! stay as written. Markup without its end-string is text. One pass: each
//! delimiter kind remembers where a search for its end failed, so unclosed
//! markup costs no rescans.

use super::super::model::{normalize_ws, Link, Text};

/// Render inline RST to plain text and links.
pub fn render(src: &str) -> Text {
    if !src.bytes().any(|b| matches!(b, b'\\' | b'`' | b'*' | b':')) {
        return Text { text: normalize_ws(src), links: Vec::new() };
    }
    let mut r = Renderer { src, out: String::with_capacity(src.len()), links: Vec::new(), failed: [usize::MAX; 4] };
    r.run();
    Text { text: normalize_ws(&r.out), links: r.links }
}

/// Delimiter kinds whose end-string search is memoised.
const STRONG: usize = 0;
const EMPHASIS: usize = 1;
const LITERAL: usize = 2;
const BACKTICK: usize = 3;

struct Renderer<'a> {
    src: &'a str,
    out: String,
    links: Vec<Link>,
    /// Per delimiter kind: a search for an end-string starting at or after this offset finds none.
    failed: [usize; 4],
}

impl Renderer<'_> {
    fn run(&mut self) {
        let src = self.src;
        let mut i = 0;
        while i < src.len() {
            // Text up to the next markup character is copied as one run, not char by char.
            let run = src
                .as_bytes()
                .get(i..)
                .map_or(0, |b| b.iter().position(|&c| matches!(c, b'\\' | b'`' | b'*' | b':')).unwrap_or(b.len()));
            if run > 0 {
                self.out.push_str(src.get(i..i + run).unwrap_or(""));
                i += run;
                continue;
            }
            let Some(ch) = src.get(i..).and_then(|s| s.chars().next()) else { break };
            let prev = src.get(..i).and_then(|s| s.chars().next_back());
            let rest = src.get(i..).unwrap_or("");
            let next = match ch {
                '\\' => {
                    let after = rest.get(1..).and_then(|s| s.chars().next());
                    match after {
                        Some(c) if c.is_whitespace() => i + 1 + c.len_utf8(),
                        Some(c) => {
                            self.out.push(c);
                            i + 1 + c.len_utf8()
                        }
                        None => i + 1,
                    }
                }
                '`' if rest.starts_with("``") => self.delimited(i, prev, "``", LITERAL).unwrap_or_else(|| {
                    self.out.push_str("``");
                    i + 2
                }),
                '`' => self.backtick(i, prev, None).unwrap_or_else(|| {
                    self.out.push('`');
                    i + 1
                }),
                '*' if rest.starts_with("**") => self.delimited(i, prev, "**", STRONG).unwrap_or_else(|| {
                    self.out.push_str("**");
                    i + 2
                }),
                '*' => self.delimited(i, prev, "*", EMPHASIS).unwrap_or_else(|| {
                    self.out.push('*');
                    i + 1
                }),
                ':' => self.role(i, prev).unwrap_or_else(|| {
                    self.out.push(':');
                    i + 1
                }),
                c => {
                    self.out.push(c);
                    i + c.len_utf8()
                }
            };
            i = next;
        }
    }

    /// `**x**`, `*x*`, ``` ``x`` ``` at `i`: push the content, return the offset after the end-string.
    fn delimited(&mut self, i: usize, prev: Option<char>, delim: &str, kind: usize) -> Option<usize> {
        let start = i + delim.len();
        if !can_open(prev, self.src.get(start..).and_then(|s| s.chars().next())) {
            return None;
        }
        let end = self.find_end(start, delim, kind)?;
        let content = self.src.get(start..end)?;
        if kind == LITERAL {
            self.out.push_str(content);
        } else {
            push_unescaped(&mut self.out, content);
        }
        Some(end + delim.len())
    }

    /// `` `x` ``, `` `x <url>`_ ``, `` `x`:role: `` at `i`, or the content of a role (`role` given).
    fn backtick(&mut self, i: usize, prev: Option<char>, role: Option<&str>) -> Option<usize> {
        let start = i + 1;
        if role.is_none() && !can_open(prev, self.src.get(start..).and_then(|s| s.chars().next())) {
            return None;
        }
        let end = self.find_end(start, "`", BACKTICK)?;
        let content = self.src.get(start..end)?;
        let after = self.src.get(end + 1..).unwrap_or("");
        if let Some(role) = role {
            self.apply_role(role, content);
            return Some(end + 1);
        }
        if let Some(rest) = after.strip_prefix('_') {
            let underscores = if rest.starts_with('_') { 2 } else { 1 };
            let (title, target) = split_target(content);
            let href = match target {
                Some(t) => {
                    t.strip_suffix('_').map(|n| format!("#{}", normalize_name(n))).unwrap_or_else(|| t.to_string())
                }
                None => format!("#{}", normalize_name(title)),
            };
            let text = unescape(title);
            self.out.push_str(&text);
            self.links.push(Link { text: normalize_ws(&text), href });
            return Some(end + 1 + underscores);
        }
        if let Some((role, len)) = role_prefix(after) {
            self.apply_role(role, content);
            return Some(end + 1 + len);
        }
        push_unescaped(&mut self.out, content);
        Some(end + 1)
    }

    /// `:role:`content`` at `i`.
    fn role(&mut self, i: usize, prev: Option<char>) -> Option<usize> {
        if prev.is_some_and(|p| !is_open_prefix(p)) {
            return None;
        }
        let rest = self.src.get(i..)?;
        let (role, len) = role_prefix(rest)?;
        if !rest.get(len..)?.starts_with('`') || rest.get(len..)?.starts_with("``") {
            return None;
        }
        let role = role.to_string();
        self.backtick(i + len, None, Some(&role))
    }

    fn apply_role(&mut self, role: &str, content: &str) {
        let role = role.rsplit(':').next().unwrap_or(role);
        match role {
            "ref" | "numref" | "doc" | "any" | "term" => {
                let (title, target) = split_target(content);
                let target = target.unwrap_or(title).trim_start_matches('~');
                let text = unescape(title);
                let href = if role == "doc" { target.to_string() } else { format!("#{}", normalize_name(target)) };
                self.out.push_str(&text);
                if role != "term" {
                    self.links.push(Link { text: normalize_ws(&text), href });
                }
            }
            "literal" | "code" | "samp" | "file" => self.out.push_str(content),
            _ => push_unescaped(&mut self.out, content),
        }
    }

    /// Offset of the end-string `delim` closing markup whose content starts at `from`.
    fn find_end(&mut self, from: usize, delim: &str, kind: usize) -> Option<usize> {
        let failed = self.failed.get(kind).copied().unwrap_or(usize::MAX);
        if from >= failed {
            return None;
        }
        let src = self.src;
        let bytes = src.as_bytes();
        let mut at = from;
        let found = loop {
            let Some(off) = src.get(at..).and_then(|s| s.find(delim)) else { break None };
            let pos = at + off;
            let before = src.get(..pos).and_then(|s| s.chars().next_back());
            let after = src.get(pos + delim.len()..).and_then(|s| s.chars().next());
            let escaped = pos > 0 && bytes.get(pos - 1) == Some(&b'\\') && kind != LITERAL;
            let doubled = kind == EMPHASIS && after == Some('*');
            if pos > from && before.is_some_and(|c| !c.is_whitespace()) && can_close(after) && !escaped && !doubled {
                break Some(pos);
            }
            at = pos + delim.len().max(1);
        };
        if found.is_none() {
            if let Some(f) = self.failed.get_mut(kind) {
                *f = (*f).min(from);
            }
        }
        found
    }
}

/// `:name:` at the start of `s` (roles may have a domain: `:py:func:`): the name and the prefix length.
fn role_prefix(s: &str) -> Option<(&str, usize)> {
    let body = s.strip_prefix(':')?;
    let mut len = 0;
    for (j, c) in body.char_indices() {
        if c == ':' {
            let after = body.get(j + 1..)?;
            if after.starts_with('`') && j > 0 {
                len = j;
                break;
            }
            if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            return None;
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+')) {
            return None;
        }
    }
    if len == 0 {
        return None;
    }
    Some((body.get(..len)?, len + 2))
}

/// `Title <target>` -> (`Title`, Some(`target`)); `text` -> (`text`, None).
fn split_target(content: &str) -> (&str, Option<&str>) {
    let trimmed = content.trim_end();
    if let Some(body) = trimmed.strip_suffix('>') {
        if let Some(open) = body.rfind('<') {
            let title = body.get(..open).unwrap_or("").trim_end();
            let target = body.get(open + 1..).unwrap_or("").trim();
            if !target.is_empty() {
                let title = if title.is_empty() { target } else { title };
                return (title, Some(target));
            }
        }
    }
    (content, None)
}

/// Reference names as docutils/Sphinx normalise them: whitespace collapsed, lower case.
pub fn normalize_name(name: &str) -> String {
    normalize_ws(name).to_lowercase()
}

/// Inline markup may start after whitespace, the start, or opening punctuation...
fn can_open(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(is_open_prefix) && next.is_some_and(|c| !c.is_whitespace())
}

fn is_open_prefix(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\'' | '"' | '(' | '[' | '{' | '<' | '-' | '/' | ':' | '‘' | '“' | '«' | '（' | '，')
}

/// ...and end before whitespace, the end, or closing punctuation.
fn can_close(next: Option<char>) -> bool {
    next.is_none_or(|c| !c.is_alphanumeric())
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_unescaped(&mut out, s);
    out
}

fn push_unescaped(out: &mut String, s: &str) {
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n) if n.is_whitespace() => {}
                Some(n) => out.push(n),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
}
