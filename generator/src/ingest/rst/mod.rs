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
mod lines;
mod simple;

use super::model::Node;
use lines::{split_lines, Ln};
use std::borrow::Cow;

/// Read a reStructuredText page into document nodes.
pub fn read(src: &str) -> Vec<Node> {
    let owned: Vec<(Cow<'_, str>, usize)> = split_lines(src);
    let lines: Vec<Ln<'_>> = owned.iter().map(|(text, no)| Ln::new(text, *no, 0)).collect();
    blocks::Parser::default().read(&lines)
}

#[cfg(test)]
mod tests;
