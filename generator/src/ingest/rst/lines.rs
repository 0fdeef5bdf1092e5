//! Source lines of an RST page: [`Ln`] (a line or the part of one a cell or list item holds),
//! tab expansion and trimming. A leaf module: the parsers of the reader all stand on it.

use std::borrow::Cow;

/// One source line (or the part of one that belongs to a table cell or a list item).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ln<'a> {
    pub text: &'a str,
    /// 1-based source line.
    pub no: usize,
    /// Column at which `text` starts (a list item's text after its marker).
    pub col: usize,
    /// Leading spaces of `text`.
    lead: usize,
    /// End of `text` without trailing whitespace (`lead` or less when blank).
    end: usize,
}

impl<'a> Ln<'a> {
    pub fn new(text: &'a str, no: usize, col: usize) -> Self {
        let lead = text.bytes().take_while(|&b| b == b' ').count();
        let end = text.get(lead..).map_or(lead, |rest| lead + trim_end(rest).len());
        Ln { text, no, col, lead, end }
    }

    /// Column of the first non-blank character.
    pub fn indent(&self) -> usize {
        self.col + self.lead
    }

    pub fn is_blank(&self) -> bool {
        // `end` is past the last non-whitespace character, so only a blank line has none after `lead`.
        self.end <= self.lead
    }

    /// The text without indentation and trailing whitespace.
    pub fn trimmed(&self) -> &'a str {
        self.text.get(self.lead..self.end).unwrap_or("")
    }
}

/// [`str::trim_end`], on bytes while the end is ASCII (table cells end in runs of padding).
pub(crate) fn trim_end(s: &str) -> &str {
    let b = s.as_bytes();
    // ASCII whitespace as `char::is_whitespace` has it: tab, line feed, VT, FF, CR, space.
    let n = b.iter().rposition(|c| !matches!(c, b' ' | b'\t'..=b'\r')).map_or(0, |p| p + 1);
    let kept = s.get(..n).unwrap_or(s);
    // A non-ASCII last byte may end a Unicode space (U+3000 ...): the library decides.
    if b.get(n.wrapping_sub(1)).is_some_and(|c| *c >= 0x80) {
        kept.trim_end()
    } else {
        kept
    }
}

/// Lines without their end (`\n`, `\r\n`), tabs expanded to 8-column stops
/// (as docutils does); borrowed unless a tab or stray `\r` had to go.
pub(super) fn split_lines(src: &str) -> Vec<(Cow<'_, str>, usize)> {
    src.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            // A byte test (all four are ASCII): a char-pattern search decodes every line.
            let text = if line.bytes().any(|b| matches!(b, b'\t' | b'\r' | 0x0b | 0x0c)) {
                let mut out = String::with_capacity(line.len() + 8);
                let mut col = 0usize;
                for ch in line.chars() {
                    match ch {
                        '\t' => {
                            let n = 8 - col % 8;
                            out.extend(std::iter::repeat_n(' ', n));
                            col += n;
                        }
                        '\r' | '\u{b}' | '\u{c}' => {
                            out.push(' ');
                            col += 1;
                        }
                        c => {
                            out.push(c);
                            col += 1;
                        }
                    }
                }
                Cow::Owned(out)
            } else {
                Cow::Borrowed(line)
            };
            (text, i + 1)
        })
        .collect()
}
