//! The reStructuredText reader (hand-written; no maintained Rust crate parses
//! grid tables): the Sphinx/docutils subset that API reference pages use.
//!
//! - Section titles with any adornment character, underline only or over- and
//!   underline; levels follow the order in which styles first appear (as in
//!   docutils), so the page title is level 1.
//! - `.. _label:` targets right before a table (or before its `.. table::`
//!   directive) become the table's anchors (several may stack), as does the
//!   directive's `:name:` option. Labels are lower-cased like Sphinx does, and
//!   so are `:ref:` targets, so `#label` links resolve against them.
//! - `.. table:: **Table 3** Foo`: the caption is rendered inline (markup
//!   stripped) and split into label `Table 3` and caption `Foo` with
//!   [`lexicon::split_caption`](crate::lexicon::split_caption). A numbered caption
//!   paragraph right before a table without directive captions it too.
//! - Grid tables (see [`grid`]): rows above the `+===+` separator are the header
//!   (none without one; with several, the first is the header and the others
//!   lead the body, as the HTML reader does); row and column spans are expanded
//!   by repeating the spanning cell in every slot it covers, as the HTML reader
//!   does for `rowspan`/`colspan`. Simple tables (`=====  =====`) likewise.
//!   Cell content is read as RST body: paragraphs, list items, code, notes.
//!   Tables nested in cells are kept as one paragraph per row.
//! - Inline markup (see [`inline`]): `**strong**`, `*em*`, ``` ``literal`` ```,
//!   roles; `:ref:`Text <label>`` and `` `Text <url>`_ `` become links
//!   (`#label` / the URL) whose text stays in the paragraph.
//! - `.. code-block::`, `.. code::` and `::` literal blocks become code
//!   (dedented); admonitions (`note`, `important`, `caution`, `warning`, ...)
//!   are read in place; other directives, comments, substitution definitions
//!   and field lists (`:original_name: x.html`) are skipped.
//! - Bullet and enumerated lists become list items with their depth; block
//!   quotes and definition lists are read in place.
//!
//! Every node, table and row carries its 1-based source line. The reader never
//! fails: a grid table whose borders do not line up is read line by line with
//! the columns of its top border (a partial table); damaged markup is text.
//! Readers cannot report diagnostics (they return nodes only), so such
//! fallbacks are silent.

mod blocks;
pub mod grid;
pub mod inline;
mod simple;

use super::model::Node;
use std::borrow::Cow;

/// Read a reStructuredText page into document nodes.
pub fn read(src: &str) -> Vec<Node> {
    let owned: Vec<(Cow<'_, str>, usize)> = split_lines(src);
    let lines: Vec<Ln<'_>> = owned.iter().map(|(text, no)| Ln::new(text, *no, 0)).collect();
    blocks::Parser::default().read(&lines)
}

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
fn split_lines(src: &str) -> Vec<(Cow<'_, str>, usize)> {
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

#[cfg(test)]
mod tests;
