//! Body elements: one pass over the lines of a body (the page, a list item,
//! a directive's content, a table cell), recursing into indented blocks.

use super::grid::{self, RawTable};
use super::inline::{self, normalize_name};
use super::lines::Ln;
use super::simple;
use crate::ingest::model::{Cell, Node, NodeKind, Row, Table, Text};
use crate::lexicon;

/// Bodies nested deeper than this (lists in quotes in notes ...) are read as plain text.
const MAX_NESTING: usize = 48;

/// Tables in cells of tables ... deeper than this are read as plain text.
const MAX_TABLE_DEPTH: usize = 4;

/// Directives whose content is body text, read in place.
const ADMONITIONS: &[&str] = &[
    "note",
    "notice",
    "important",
    "caution",
    "warning",
    "tip",
    "hint",
    "attention",
    "danger",
    "error",
    "admonition",
    "seealso",
    "topic",
    "sidebar",
    "container",
    "only",
    "rst-class",
    "versionadded",
    "versionchanged",
    "deprecated",
];

/// The title docutils renders above a specific admonition (`.. note::` -> `Note`).
fn admonition_title(name: &str) -> Option<&'static str> {
    Some(match name {
        "note" => "Note",
        "notice" => "Notice",
        "important" => "Important",
        "caution" => "Caution",
        "warning" => "Warning",
        "tip" => "Tip",
        "hint" => "Hint",
        "attention" => "Attention",
        "danger" => "Danger",
        "error" => "Error",
        "seealso" => "See also",
        _ => return None,
    })
}

/// Directives whose content is code.
const CODE: &[&str] = &["code-block", "code", "sourcecode", "parsed-literal", "literal"];

/// Directives whose argument is a title-like line of text.
const TITLED: &[&str] = &["admonition", "topic", "sidebar", "rubric"];

#[derive(Default)]
pub(super) struct Parser {
    /// Title adornments in order of first appearance: (character, with overline).
    styles: Vec<(char, bool)>,
    /// `.. _label:` targets since the last content; they name the next table.
    anchors: Vec<String>,
    /// Targets before the last paragraph or list item: a caption line (`-  .. _x:` /
    /// `Parameters in the **links** field`) between a target and its table keeps the target.
    carried: Vec<String>,
    /// The caption and line of the `.. table::` directive being read.
    directive: Option<(Option<String>, usize)>,
    out: Vec<Node>,
    nesting: usize,
    table_depth: usize,
}

impl Parser {
    pub fn read(mut self, lines: &[Ln<'_>]) -> Vec<Node> {
        self.body(lines, 0);
        self.out
    }

    fn body(&mut self, lines: &[Ln<'_>], list_depth: u8) {
        if self.nesting >= MAX_NESTING {
            self.flat(lines);
            return;
        }
        self.nesting += 1;
        let base = lines.iter().find(|l| !l.is_blank()).map_or(0, Ln::indent);
        let mut i = 0;
        while i < lines.len() {
            let next = self.block(lines, i, base, list_depth);
            i = next.max(i + 1);
        }
        self.nesting -= 1;
    }

    /// Read the block starting at `lines[i]`; returns the index after it.
    fn block(&mut self, lines: &[Ln<'_>], i: usize, base: usize, depth: u8) -> usize {
        let Some(ln) = lines.get(i) else { return i + 1 };
        if ln.is_blank() {
            return i + 1;
        }
        let ind = ln.indent();
        let t = ln.trimmed();
        if ind > base {
            // Block quote or definition: read in place.
            let end = block_end(lines, i + 1, base);
            self.body(lines.get(i..end).unwrap_or(&[]), depth);
            return end;
        }
        if t == ".." || t.starts_with(".. ") {
            return self.explicit(lines, i, ind, depth);
        }
        if grid::is_border(t) {
            return self.grid_table(lines, i, ind);
        }
        if simple::is_border(t) && t.contains(' ') {
            return self.simple_table(lines, i, ind);
        }
        if let Some(adorn) = adornment(t) {
            if let (Some(title), Some(under)) = (lines.get(i + 1), lines.get(i + 2)) {
                if !title.is_blank() && adornment(under.trimmed()) == Some(adorn) {
                    self.heading(title, (adorn, true));
                    return i + 3;
                }
            }
            if adorn == '=' && lines.get(i + 1).is_some_and(|l| !l.is_blank() && l.indent() >= ind) {
                return self.simple_table(lines, i, ind);
            }
            // A transition (or a stray adornment).
            return i + 1;
        }
        if let Some(under) = lines.get(i + 1) {
            if let Some(adorn) = adornment(under.trimmed()) {
                let len = under.trimmed().chars().count();
                if under.indent() == ind && (len >= 4 || len >= t.chars().count()) {
                    self.heading(ln, (adorn, false));
                    return i + 2;
                }
            }
        }
        if is_field(t) {
            return block_end(lines, i + 1, ind);
        }
        if let Some(marker) = list_marker(t) {
            return self.list_item(lines, i, ind, marker, depth);
        }
        if t == "|" || t.starts_with("| ") {
            return self.line_block(lines, i, ind);
        }
        self.paragraph(lines, i, ind)
    }

    fn heading(&mut self, title: &Ln<'_>, style: (char, bool)) {
        let level = match self.styles.iter().position(|s| *s == style) {
            Some(p) => p + 1,
            None => {
                self.styles.push(style);
                self.styles.len()
            }
        };
        let text = inline::render(title.trimmed());
        if !text.text.is_empty() {
            let level = u8::try_from(level).unwrap_or(u8::MAX);
            self.push(NodeKind::Heading { level, text }, Some(title.no));
        }
    }

    fn paragraph(&mut self, lines: &[Ln<'_>], i: usize, ind: usize) -> usize {
        let mut j = i + 1;
        while let Some(l) = lines.get(j) {
            if l.is_blank() || l.indent() != ind {
                break;
            }
            let lt = l.trimmed();
            let underline = lines.get(j + 1).is_some_and(|u| u.indent() == ind && adornment(u.trimmed()).is_some());
            // Friendlier than docutils: a list, table or directive right under text starts a new block.
            if list_marker(lt).is_some() || grid::is_border(lt) || lt.starts_with(".. ") || underline {
                break;
            }
            j += 1;
        }
        let body = lines.get(i..j).unwrap_or(&[]);
        let mut text = String::with_capacity(body.iter().map(|l| l.trimmed().len() + 1).sum());
        for (k, l) in body.iter().enumerate() {
            if k > 0 {
                text.push('\n');
            }
            text.push_str(l.trimmed());
        }
        let no = lines.get(i).map_or(0, |l| l.no);
        let literal = text.ends_with("::");
        if literal {
            let cut = if text == "::" {
                2
            } else if text.ends_with(" ::") || text.ends_with("\n::") {
                3
            } else {
                1
            };
            text.truncate(text.len().saturating_sub(cut));
        }
        self.push_paragraph(inline::render(&text), no);
        if literal {
            let mut k = j;
            while lines.get(k).is_some_and(Ln::is_blank) {
                k += 1;
            }
            if lines.get(k).is_some_and(|l| l.indent() > ind) {
                let end = block_end(lines, k, ind);
                self.code(lines.get(k..end).unwrap_or(&[]));
                return end;
            }
        }
        j
    }

    fn line_block(&mut self, lines: &[Ln<'_>], i: usize, ind: usize) -> usize {
        let mut j = i;
        while let Some(l) = lines.get(j) {
            let lt = l.trimmed();
            if l.is_blank() || l.indent() < ind || !(l.indent() > ind || lt == "|" || lt.starts_with("| ")) {
                break;
            }
            let text = lt.strip_prefix('|').unwrap_or(lt);
            self.push_paragraph(inline::render(text), l.no);
            j += 1;
        }
        j
    }

    fn list_item(&mut self, lines: &[Ln<'_>], i: usize, ind: usize, marker: usize, depth: u8) -> usize {
        let Some(ln) = lines.get(i) else { return i + 1 };
        let end = block_end(lines, i + 1, ind);
        let lead = ln.text.len() - ln.text.trim_start_matches(' ').len();
        let first = Ln::new(ln.text.get(lead + marker..).unwrap_or(""), ln.no, ind + marker);
        let mut item = Vec::with_capacity(end.saturating_sub(i));
        item.push(first);
        item.extend_from_slice(lines.get(i + 1..end).unwrap_or(&[]));
        let depth = depth.saturating_add(1);
        let start = self.out.len();
        self.body(&item, depth);
        if let Some(node) = self.out.get_mut(start) {
            if let NodeKind::Paragraph(text) = &mut node.kind {
                let text = std::mem::take(text);
                *node = Node::new(NodeKind::ListItem { depth, text }, Some(ln.no));
            }
        }
        end
    }

    /// `.. something`: targets, directives, substitution definitions, comments.
    fn explicit(&mut self, lines: &[Ln<'_>], i: usize, ind: usize, depth: u8) -> usize {
        let end = block_end(lines, i + 1, ind);
        let Some(ln) = lines.get(i) else { return end };
        let rest = ln.trimmed().get(2..).unwrap_or("").trim_start();
        if let Some(label) = target(rest) {
            if !label.is_empty() {
                self.anchors.push(normalize_name(label));
            }
            return end;
        }
        let Some((name, args)) = directive(rest) else { return end };
        let name = name.to_ascii_lowercase();
        let body = lines.get(i + 1..end).unwrap_or(&[]);
        let (options, content) = split_options(body, name == "table");
        if name == "table" {
            self.table_directive(ln, args, options, content, depth);
        } else if CODE.contains(&name.as_str()) {
            self.code(content);
        } else if TITLED.contains(&name.as_str()) {
            self.push_paragraph(inline::render(args), ln.no);
            self.body(content, depth);
        } else if ADMONITIONS.contains(&name.as_str()) {
            // The title docutils gives a note (`Note`), as the HTML and copied forms show it: it
            // ends the list before the note, whose items are no values of it.
            if let Some(title) = admonition_title(&name) {
                self.push_paragraph(Text::plain(title), ln.no);
            }
            let col = body.iter().find(|l| !l.is_blank()).map_or(ind + 3, Ln::indent);
            let mut all = Vec::with_capacity(body.len() + 1);
            if !args.is_empty() && name != "only" && !name.starts_with("version") && name != "deprecated" {
                all.push(Ln::new(args, ln.no, col));
            }
            all.extend_from_slice(content);
            self.body(&all, depth);
        }
        end
    }

    fn table_directive(&mut self, ln: &Ln<'_>, args: &str, options: &[Ln<'_>], content: &[Ln<'_>], depth: u8) {
        let mut caption = args.to_string();
        for opt in options {
            let t = opt.trimmed();
            if let Some(name) = t.strip_prefix(":name:") {
                let name = name.trim();
                if !name.is_empty() {
                    self.anchors.push(normalize_name(name));
                }
            } else if !t.starts_with(':') {
                // The caption continued on the next line.
                caption.push(' ');
                caption.push_str(t);
            }
        }
        let caption = inline::render(&caption).text;
        let saved = self.directive.replace((Some(caption).filter(|c| !c.is_empty()), ln.no));
        self.body(content, depth);
        self.directive = saved;
    }

    fn grid_table(&mut self, lines: &[Ln<'_>], i: usize, ind: usize) -> usize {
        let mut j = i;
        let mut rows = Vec::new();
        while let Some(l) = lines.get(j) {
            let lt = l.trimmed();
            if l.is_blank() || l.indent() != ind || !(lt.starts_with('+') || lt.starts_with('|')) {
                break;
            }
            rows.push(Ln::new(l.text.trim_start_matches(' '), l.no, 0));
            j += 1;
        }
        let raw = grid::parse(&rows);
        let line = lines.get(i).map_or(0, |l| l.no);
        self.table(raw, line);
        j
    }

    fn simple_table(&mut self, lines: &[Ln<'_>], i: usize, ind: usize) -> usize {
        let (raw, next) = simple::parse(lines, i, ind);
        let line = lines.get(i).map_or(0, |l| l.no);
        self.table(raw, line);
        next
    }

    /// Emit a table: caption and anchors from the directive and targets, cells read as body.
    fn table(&mut self, raw: RawTable<'_>, line: usize) {
        let (caption, line) = match self.directive.take() {
            Some((caption, directive_line)) => (caption, directive_line),
            None => (None, line),
        };
        if raw.rows.is_empty() {
            return;
        }
        let mut anchors = std::mem::take(&mut self.carried);
        anchors.append(&mut self.anchors);
        let mut table = Table { anchors, line: Some(line), ..Default::default() };
        match caption {
            Some(c) => set_caption(&mut table, &c),
            None => {
                // A numbered caption written as a paragraph just before the table.
                if let Some(NodeKind::Paragraph(t)) = self.out.last().map(|n| &n.kind) {
                    if lexicon::split_caption(&t.text).is_some() {
                        let text = t.text.clone();
                        self.out.pop();
                        set_caption(&mut table, &text);
                    }
                }
            }
        }
        let nrows = raw.rows.len();
        let ncols = raw.ncols.max(1);
        let mut slots: Vec<Vec<Option<Cell>>> = (0..nrows).map(|_| vec![None; ncols]).collect();
        for (r, row) in raw.rows.iter().enumerate() {
            for raw_cell in &row.cells {
                let cell = self.cell(&raw_cell.lines);
                if raw_cell.rowspan <= 1 && raw_cell.colspan <= 1 {
                    // One slot (most cells): no list of free slots to build.
                    if let Some(slot) = slots.get_mut(r).and_then(|row| row.get_mut(raw_cell.col)) {
                        if slot.is_none() {
                            *slot = Some(cell);
                        }
                    }
                    continue;
                }
                let mut free: Vec<&mut Option<Cell>> = slots
                    .iter_mut()
                    .skip(r)
                    .take(raw_cell.rowspan.max(1))
                    .flat_map(|row| row.iter_mut().skip(raw_cell.col).take(raw_cell.colspan.max(1)))
                    .filter(|slot| slot.is_none())
                    .collect();
                // Copies for the spanned slots only; the last free slot takes the cell itself.
                if let Some(last) = free.pop() {
                    for slot in free {
                        *slot = Some(cell.clone());
                    }
                    *last = Some(cell);
                }
            }
        }
        let mut rows = raw.rows.iter().zip(slots).map(|(r, cells)| Row {
            cells: cells.into_iter().map(Option::unwrap_or_default).collect(),
            line: Some(r.line),
        });
        if raw.header_rows > 0 {
            table.header = rows.next().map(|r| r.cells).unwrap_or_default();
        }
        table.rows = rows.collect();
        self.push(NodeKind::Table(table), Some(line));
    }

    /// A cell's lines read as body (its own anchors and title styles).
    fn cell(&mut self, lines: &[Ln<'_>]) -> Cell {
        if self.table_depth >= MAX_TABLE_DEPTH {
            let text = lines.iter().map(Ln::trimmed).collect::<Vec<_>>().join(" ");
            return Cell::from_text(text, lines.first().map(|l| l.no));
        }
        let mut sub = Parser { nesting: self.nesting, table_depth: self.table_depth + 1, ..Default::default() };
        sub.body(lines, 0);
        Cell::from_nodes(sub.out)
    }

    /// Literal lines as one code node, dedented, blank lines around dropped.
    fn code(&mut self, lines: &[Ln<'_>]) {
        let first = lines.iter().position(|l| !l.is_blank());
        let last = lines.iter().rposition(|l| !l.is_blank());
        let (Some(first), Some(last)) = (first, last) else { return };
        let body = lines.get(first..=last).unwrap_or(&[]);
        let min = body.iter().filter(|l| !l.is_blank()).map(Ln::indent).min().unwrap_or(0);
        let mut code = String::new();
        for (k, l) in body.iter().enumerate() {
            if k > 0 {
                code.push('\n');
            }
            if !l.is_blank() {
                code.extend(std::iter::repeat_n(' ', l.indent() - min));
                code.push_str(l.trimmed());
            }
        }
        let no = body.first().map(|l| l.no);
        self.push(NodeKind::Code(code), no);
    }

    /// Lines as one paragraph, for bodies nested too deeply to read.
    fn flat(&mut self, lines: &[Ln<'_>]) {
        let text = lines.iter().map(Ln::trimmed).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ");
        let no = lines.iter().find(|l| !l.is_blank()).map_or(0, |l| l.no);
        self.push_paragraph(Text::plain(text), no);
    }

    fn push_paragraph(&mut self, text: Text, no: usize) {
        if !text.text.is_empty() {
            self.push(NodeKind::Paragraph(text), Some(no));
        }
    }

    fn push(&mut self, kind: NodeKind, line: Option<usize>) {
        match kind {
            NodeKind::Table(_) => {}
            NodeKind::Paragraph(ref t) | NodeKind::ListItem { text: ref t, .. } if is_caption_line(&t.text) => {
                self.carried = std::mem::take(&mut self.anchors);
            }
            _ => {
                self.anchors.clear();
                self.carried.clear();
            }
        }
        self.out.push(Node::new(kind, line));
    }
}

/// A short line without closing punctuation (`Parameters in the links field`, `roles.links`).
fn is_caption_line(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 100 && !t.ends_with(['.', '。', ':', '：', ';'])
}

/// Index of the first non-blank line from `from` indented at most `ind` (the end of an indented block).
fn block_end(lines: &[Ln<'_>], from: usize, ind: usize) -> usize {
    let mut j = from;
    while let Some(l) = lines.get(j) {
        if !l.is_blank() && l.indent() <= ind {
            break;
        }
        j += 1;
    }
    j.max(from)
}

/// A section adornment: one punctuation character repeated (at least 3 times).
fn adornment(t: &str) -> Option<char> {
    let mut chars = t.chars();
    let c = chars.next()?;
    if !c.is_ascii_punctuation() || t.len() < 3 || !chars.all(|x| x == c) {
        return None;
    }
    Some(c)
}

/// A field list marker (`:original_name: x`), not a role (`:ref:`x``).
fn is_field(t: &str) -> bool {
    let Some(body) = t.strip_prefix(':') else { return false };
    let Some(end) = body.find(':') else { return false };
    let name = body.get(..end).unwrap_or("");
    let after = body.get(end + 1..).unwrap_or("");
    !name.is_empty() && !name.starts_with(' ') && !name.contains('`') && (after.is_empty() || after.starts_with(' '))
}

/// Length of a bullet or enumeration marker with the spaces after it.
fn list_marker(t: &str) -> Option<usize> {
    let mut chars = t.char_indices();
    let (_, c) = chars.next()?;
    let marker_len = if matches!(c, '-' | '*' | '+' | '•' | '‣' | '⁃') {
        c.len_utf8()
    } else if t.starts_with("#.") || t.starts_with("#)") {
        2
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let b = t.as_bytes();
        if (1..=9).contains(&digits) && matches!(b.get(digits), Some(b'.' | b')')) {
            digits + 1
        } else if b.first().is_some_and(u8::is_ascii_alphabetic) && matches!(b.get(1), Some(b'.' | b')')) {
            2
        } else if b.first() == Some(&b'(') {
            let inner = t.get(1..)?;
            let n = inner.bytes().take_while(u8::is_ascii_alphanumeric).count();
            if (1..=9).contains(&n) && inner.as_bytes().get(n) == Some(&b')') {
                n + 2
            } else {
                return None;
            }
        } else {
            return None;
        }
    };
    let after = t.get(marker_len..)?;
    if after.is_empty() {
        return Some(marker_len);
    }
    let spaces = after.len() - after.trim_start_matches(' ').len();
    (spaces > 0).then_some(marker_len + spaces)
}

/// `_label:` or `` _`label with spaces`: `` (a hyperlink target): the label.
fn target(rest: &str) -> Option<&str> {
    let body = rest.strip_prefix('_')?;
    if body.starts_with('_') {
        return Some(""); // anonymous target
    }
    let name = if let Some(quoted) = body.strip_prefix('`') {
        quoted.get(..quoted.find("`:")?)?
    } else {
        let end = body.find(": ").or_else(|| body.strip_suffix(':').map(str::len))?;
        body.get(..end)?
    };
    Some(name.trim())
}

/// `name:: arguments` -> (`name`, `arguments`).
fn directive(rest: &str) -> Option<(&str, &str)> {
    let end = rest.find("::")?;
    let name = rest.get(..end)?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')) {
        return None;
    }
    Some((name, rest.get(end + 2..)?.trim()))
}

/// A directive's body: leading option lines (`:name: x`), then the content.
/// For `table`, non-blank lines before the table continue the caption.
fn split_options<'l, 'a>(body: &'l [Ln<'a>], caption_lines: bool) -> (&'l [Ln<'a>], &'l [Ln<'a>]) {
    let n = body
        .iter()
        .take_while(|l| {
            let t = l.trimmed();
            !l.is_blank() && (is_field(t) || (caption_lines && !starts_content(t)))
        })
        .count();
    (body.get(..n).unwrap_or(&[]), body.get(n..).unwrap_or(&[]))
}

/// Lines that cannot continue a table directive's caption.
fn starts_content(t: &str) -> bool {
    grid::is_border(t) || simple::is_border(t) || t.starts_with("..")
}

fn set_caption(table: &mut Table, text: &str) {
    match lexicon::split_caption(text) {
        Some((label, title)) => {
            table.label = Some(label);
            table.caption = Some(title);
        }
        None if !text.is_empty() => table.caption = Some(text.to_string()),
        None => {}
    }
}
