//! The common document model every reader produces.
//!
//! HTML, Markdown, reStructuredText and copied plain text all become a flat list of [`Node`]s.
//! Tables keep their caption, anchors, header and rows; cells keep their
//! paragraphs, list items, links and code, so the extractor never needs to know
//! which format a page came from.

use serde::Serialize;

/// Where a node starts in its source file (1-based line). `None` where the
/// reader could not tell (e.g. HTML fragments produced by a converter).
pub type Line = Option<usize>;

/// Which reader produced a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Markdown,
    Text,
    /// reStructuredText (Sphinx sources of the Open Telekom Cloud docs).
    Rst,
}

/// One input page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Path as given on the command line or relative to the docs folder.
    pub path: String,
    pub format: Format,
    pub nodes: Vec<Node>,
}

/// Inline text with the links found inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Text {
    /// Whitespace-normalised text (runs of spaces collapsed, trimmed).
    pub text: String,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    /// The target as written: `#Page__request_X`, `other.html`, ...
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub kind: NodeKind,
    pub line: Line,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum NodeKind {
    /// A heading; `level` 1 is the page title.
    Heading {
        level: u8,
        text: Text,
    },
    Paragraph(Text),
    /// One list item (lists are flattened: nesting depth is kept, not structure).
    ListItem {
        depth: u8,
        text: Text,
    },
    /// Preformatted text: JSON examples, request lines inside `<pre>`.
    Code(String),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// Caption text without the "Table 3" / "表3" number prefix
    /// (`Request body parameters`, `NodePoolSpec`).
    pub caption: Option<String>,
    /// The caption's number prefix as written (`Table 3`, `表3`), if any.
    pub label: Option<String>,
    /// Anchor names/ids that link to this table (`CreateDataset__request_X`, `request_X`).
    pub anchors: Vec<String>,
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    pub line: Line,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub line: Line,
}

/// A table cell: its paragraphs, list items and code blocks in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell {
    pub nodes: Vec<Node>,
}

impl Text {
    pub fn plain(text: impl Into<String>) -> Self {
        Text { text: normalize_ws(&text.into()), links: Vec::new() }
    }
}

impl Node {
    pub fn new(kind: NodeKind, line: Line) -> Self {
        Node { kind, line }
    }

    /// The node's text as one string (tables render as nothing).
    pub fn text(&self) -> &str {
        match &self.kind {
            NodeKind::Heading { text, .. } | NodeKind::Paragraph(text) | NodeKind::ListItem { text, .. } => &text.text,
            NodeKind::Code(code) => code,
            NodeKind::Table(_) => "",
        }
    }
}

impl Cell {
    /// A cell of the nodes a reader made of it. A table nested in the cell becomes one paragraph
    /// per row (cells joined by ` | `): nothing is lost, and cells stay flat.
    pub fn from_nodes(nodes: Vec<Node>) -> Self {
        if !nodes.iter().any(|n| matches!(n.kind, NodeKind::Table(_))) {
            return Cell { nodes };
        }
        let mut flat = Vec::with_capacity(nodes.len());
        for n in nodes {
            match n.kind {
                NodeKind::Table(t) => flat.extend(flatten_table(&t)),
                _ => flat.push(n),
            }
        }
        Cell { nodes: flat }
    }

    /// All text of the cell, paragraphs joined by newlines, list items prefixed with `• `.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut first = true;
        for node in &self.nodes {
            let (prefix, text) = match &node.kind {
                NodeKind::ListItem { text, .. } => ("• ", text.text.as_str()),
                NodeKind::Table(_) => continue,
                _ => ("", node.text()),
            };
            if !first {
                out.push('\n');
            }
            first = false;
            out.push_str(prefix);
            out.push_str(text);
        }
        out
    }

    /// Every link in the cell, in order.
    pub fn links(&self) -> impl Iterator<Item = &Link> {
        self.nodes.iter().flat_map(|n| match &n.kind {
            NodeKind::Heading { text, .. } | NodeKind::Paragraph(text) | NodeKind::ListItem { text, .. } => {
                text.links.as_slice()
            }
            _ => &[],
        })
    }

    pub fn from_text(text: impl Into<String>, line: Line) -> Self {
        Cell { nodes: vec![Node::new(NodeKind::Paragraph(Text::plain(text)), line)] }
    }
}

/// The tables among `nodes`, in order.
pub fn tables(nodes: &[Node]) -> Vec<&Table> {
    nodes.iter().filter_map(|n| if let NodeKind::Table(t) = &n.kind { Some(t) } else { None }).collect()
}

/// Collapse whitespace runs (including non-breaking spaces) to one space and trim.
pub fn normalize_ws(s: &str) -> String {
    // Words are copied whole; characters are decoded only where a byte is not ASCII (every text
    // run of every page comes here).
    // Allocated at the first word: blank runs (between the elements of every page) allocate nothing.
    let mut out = String::new();
    let bytes = s.as_bytes();
    let mut word: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (blank, len) = if b < 0x80 {
            // ASCII whitespace as `char::is_whitespace` has it: tab, line feed, VT, FF, CR, space.
            (matches!(b, b' ' | b'\t'..=b'\r'), 1)
        } else {
            match s.get(i..).and_then(|t| t.chars().next()) {
                Some(ch) => (is_ws(ch), ch.len_utf8()),
                None => (false, 1),
            }
        };
        if blank {
            if let Some(start) = word.take() {
                push_word(&mut out, s.get(start..i).unwrap_or(""), s.len() - start);
            }
        } else if word.is_none() {
            word = Some(i);
        }
        i += len;
    }
    if let Some(start) = word {
        push_word(&mut out, s.get(start..).unwrap_or(""), s.len() - start);
    }
    out
}

/// Whether [`normalize_ws`] would return `s` unchanged: no leading, trailing or doubled blank,
/// and no blank other than a plain space.
pub fn is_normalized(s: &str) -> bool {
    let mut after_blank = true; // a leading blank is not normal
    for ch in s.chars() {
        if ch == ' ' {
            if after_blank {
                return false;
            }
            after_blank = true;
        } else if is_ws(ch) {
            return false;
        } else {
            after_blank = false;
        }
    }
    !after_blank || s.is_empty()
}

/// What [`normalize_ws`] collapses: Unicode whitespace, no-break, zero-width space and BOM.
fn is_ws(ch: char) -> bool {
    ch.is_whitespace() || ch == '\u{a0}' || ch == '\u{200b}' || ch == '\u{feff}'
}

fn push_word(out: &mut String, word: &str, rest: usize) {
    if out.is_empty() {
        out.reserve(rest);
    } else {
        out.push(' ');
    }
    out.push_str(word);
}

/// Tables without a caption right after a short line naming a table
/// (`-  Parameters in the **volume** field`, `Request parameters`) get that line
/// as caption: pages in every format write captions this way.
pub fn captions_from_lead_lines(mut nodes: Vec<Node>) -> Vec<Node> {
    let mut lead: Option<String> = None;
    for node in &mut nodes {
        match &mut node.kind {
            NodeKind::Table(t) => {
                if t.caption.is_none() {
                    t.caption = lead.take();
                }
                lead = None;
            }
            NodeKind::Paragraph(text) | NodeKind::ListItem { text, .. } => lead = caption_like(&text.text),
            _ => lead = None,
        }
    }
    nodes
}

fn caption_like(text: &str) -> Option<String> {
    use crate::lexicon;
    let t = text.trim();
    // `The Result object has the following attributes.`: the object it names.
    if let Some(caption) = lexicon::lead_sentence_caption(t) {
        return Some(caption);
    }
    if t.is_empty() || t.chars().count() > 100 || t.ends_with(['.', '。', ':', '：', ';']) {
        return None;
    }
    // `auth`, `auth.identity`, `token.user.domain`: the field path a nested table describes.
    let field_path = t.chars().count() <= 64
        && t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && t.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ':' | '@'))
        && !lexicon::is_none_marker(t);
    let names_table = field_path
        || lexicon::caption_object_name(t).is_some()
        || lexicon::contains_ci(lexicon::GENERIC_TABLES, t)
        || !matches!(lexicon::table_role(t), Some(lexicon::TableRole::Object));
    names_table.then(|| t.to_string())
}

/// A table nested in a cell, as one paragraph per row (cells joined by ` | `).
fn flatten_table(t: &Table) -> Vec<Node> {
    t.rows
        .iter()
        .map(|r| {
            let text = r.cells.iter().map(|c| c.text().replace('\n', " ")).collect::<Vec<_>>().join(" | ");
            Node::new(NodeKind::Paragraph(Text::plain(text)), r.line)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old definition: split at whitespace, drop empty pieces, join with one space.
    fn by_split(s: &str) -> String {
        s.split(is_ws).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn normalize_ws_is_split_and_join() {
        let mut cases: Vec<String> = [
            "",
            " ",
            "a",
            "  a  b\t\nc  ",
            "\u{a0}x\u{200b}y\u{feff}",
            "名\u{3000}字 ",
            "a\u{85}b\u{2028}c",
            "\u{1c}x\u{1f}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every character below U+3100 between two letters.
        cases.extend((0u32..0x3100).filter_map(char::from_u32).map(|c| format!("a{c}b {c}")));
        for s in &cases {
            assert_eq!(normalize_ws(s), by_split(s), "{s:?}");
        }
    }

    #[test]
    fn is_normalized_says_whether_normalize_ws_keeps_it() {
        let mut cases: Vec<String> =
            ["", " ", "a", "a b", "a  b", " a", "a ", "a\tb", "名 字", "名\u{3000}字", "x\u{a0}"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        cases.extend((0u32..0x3100).filter_map(char::from_u32).map(|c| format!("a{c}b")));
        cases.extend((0u32..0x3100).filter_map(char::from_u32).map(|c| format!("{c}")));
        for s in &cases {
            assert_eq!(is_normalized(s), normalize_ws(s) == *s, "{s:?}");
        }
    }
}
