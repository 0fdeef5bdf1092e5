//! The text reader: a page copied from a browser as plain text.
//!
//! Copied text loses all markup: every table cell becomes its own paragraph,
//! list items become `  • item` lines, and nothing marks where a table row
//! starts. The reader works in two passes:
//!
//! 1. **Units.** Each non-blank line becomes a unit: a paragraph, a bullet
//!    (`•`/`◦`/`▪`, depth 1/2/3), or a JSON example gathered from a line starting
//!    with `{` or `[` until its brackets balance (strings are tracked, blank
//!    lines inside are dropped; one that never balances stops before the next
//!    section title, caption or status marker; a one-line value must parse).
//!    Lines with tabs keep their tab-separated fields (some browsers copy a
//!    table row as one tab-separated line; following lines continue its last cell).
//! 2. **Structure.** A table starts at a caption (`表2 请求Body参数`,
//!    `Table 2 Request body parameters`) followed by a run of header words, or
//!    at a run of at least two header words starting with a name or status
//!    column, without a caption (the status-code table; a section title right
//!    before such a run stays a heading). A header run stops at a word whose
//!    column role it already has (`参数`, …, `描述`, then the first row `name`).
//!    Rows are recovered from their shape:
//!    - tables with a type column: a row starts at a name-like paragraph (one
//!      token) followed by the middle columns (an optional `是/否`/`Yes/No` line,
//!      a line `types::parse` accepts, ...); the last column takes every unit up
//!      to the next row start. A required column the header announces but the
//!      rows lack yields an empty cell, so every row has as many cells as the
//!      header. When `x` and the next line could both start a row by name and
//!      type alone (`NodePool`, `file`, `File`), the row starts at the later one;
//!    - tables without a type column (status codes, error codes): a row starts
//!      at a paragraph shaped like the first row's first cell (`200`,
//!      `ModelArts.0001`); otherwise rows are cut every `header.len()` cells.
//!      Extra paragraphs join the last column, missing ones are empty.
//!
//!    A table ends at the next caption, section title, status marker, header
//!    run, or the end of the page, except that such a paragraph directly
//!    followed by a row is a one-word description (`Description`, `host_name`,
//!    `String`, ...). Paragraphs between the header and the first row follow
//!    the table as paragraphs.
//!
//! Outside tables, section titles become level-2 headings (the lexicon's,
//! plus older pages' `Request Body`, `Samples`, ...), the first short
//! non-chrome line before the first section (after `更新时间…`/`分享`) the
//! level-1 title, status markers paragraphs, and everything else paragraphs,
//! list items and code. Every node carries its 1-based source line.

use super::model::{normalize_ws, Cell, Link, Node, NodeKind, Row, Table, Text};
use crate::{lexicon, types};

/// Read a text page into document nodes.
pub fn read(src: &str) -> Vec<Node> {
    let units = tokenize(src);
    let title = find_title(&units);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(unit) = units.get(i) {
        if title == Some(i) {
            out.push(Node::new(NodeKind::Heading { level: 1, text: Text::plain(&unit.text) }, Some(unit.line)));
            i += 1;
            continue;
        }
        if let Some((table, orphans, next)) = table_at(&units, i) {
            out.push(Node::new(NodeKind::Table(table), Some(unit.line)));
            out.extend(orphans);
            i = next;
            continue;
        }
        let kind = match unit.kind {
            Kind::Para if is_section_title(&unit.text) => NodeKind::Heading { level: 2, text: Text::plain(&unit.text) },
            Kind::Code { .. } => NodeKind::Code(unit.text.clone()),
            Kind::Bullet(depth) => NodeKind::ListItem { depth, text: Text::plain(&unit.text) },
            Kind::Para => NodeKind::Paragraph(Text::plain(&unit.text)),
        };
        out.push(Node::new(kind, Some(unit.line)));
        i += 1;
    }
    for node in &mut out {
        if let NodeKind::Table(t) = &mut node.kind {
            for cell in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                unmarked_list_items(cell);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Recoveries of what copying drops

/// Lists without markers: a browser's copy drops the `•` of list items, so a description cell
/// holds plain lines. In a cell without list items, these lines become items again:
/// - item-shaped lines after a line ending with a colon (`The value can be:`, `可选值如下：`);
/// - a run of at least two item-shaped lines after the cell's first line (`Resource type.`,
///   `DNS-public_zone`, `DNS-private_zone`).
///
/// An item-shaped line is a value (up to three words, no sentence end: `email`, `http and https`)
/// or a value and its meaning (`HOST_NAME: matches the domain name.`, `0：按需计费`), whose head is
/// not a description label (`Note:`, `Default value:`, `Minimum:`...): lines of prose shaped so
/// stay paragraphs. A copy that kept its bullets is left as it is, so both copies read the same.
fn unmarked_list_items(cell: &mut Cell) {
    if cell.nodes.iter().any(|n| matches!(n.kind, NodeKind::ListItem { .. } | NodeKind::Table(_))) {
        return;
    }
    let text_of = |n: &Node| match &n.kind {
        NodeKind::Paragraph(t) => Some(t.text.clone()),
        _ => None,
    };
    let texts: Vec<Option<String>> = cell.nodes.iter().map(text_of).collect();
    let shaped: Vec<bool> = texts.iter().map(|t| t.as_deref().is_some_and(is_item_shaped)).collect();
    let mut items = vec![false; texts.len()];
    // The cell's first line is its description, never an item.
    let mut k = 1;
    while k < texts.len() {
        let run = shaped.get(k..).unwrap_or_default().iter().take_while(|s| **s).count();
        let after_enum_introducer = texts.get(k - 1).cloned().flatten().is_some_and(|t| introduces_only_values(&t));
        if run >= 2 || (run == 1 && after_enum_introducer) {
            items.iter_mut().skip(k).take(run).for_each(|i| *i = true);
        }
        k += run.max(1);
    }
    for (node, item) in cell.nodes.iter_mut().zip(items) {
        if let (true, NodeKind::Paragraph(text)) = (item, &mut node.kind) {
            node.kind = NodeKind::ListItem { depth: 1, text: std::mem::take(text) };
        }
    }
}

/// `Enumerated values:`, `枚举值：`, `可选值如下：`: a line that introduces values and nothing else
/// (not `Value range:`, which may introduce one range), so one value after it is a one-item list.
fn introduces_only_values(text: &str) -> bool {
    let Some(head) = text.trim().strip_suffix([':', '：']) else { return false };
    let lower = head.to_lowercase();
    lexicon::contains_ci(lexicon::ENUM_INTRODUCERS, head)
        && !lexicon::contains_ci(lexicon::NOT_ENUM_LABELS, head)
        && !lower.contains("range")
        && !head.contains("范围")
}

/// A line shaped like a list item of values (see [`unmarked_list_items`]).
fn is_item_shaped(text: &str) -> bool {
    let short = |s: &str| {
        let s = s.trim();
        !s.is_empty() && s.chars().count() <= 48 && s.split_whitespace().count() <= 3
    };
    match text.split_once([':', '：']) {
        // `The value can be:` introduces items; it is not one.
        Some((_, meaning)) if meaning.trim().is_empty() => false,
        Some((h, _)) => short(h) && !is_label(h) && !h.trim().ends_with(['.', '。', ',', '，']),
        // A bare value may be a word that is also a label written in lower case (`default` among
        // `email`, `sms`); a label written as such (`Note`, `Default Value`, `默认值`) is not one.
        None => {
            short(text)
                && !text.ends_with(['.', '。', ';', '；', ',', '，'])
                && (!is_label(text) || text.starts_with(|c: char| c.is_ascii_lowercase()))
        }
    }
}

/// A description label (`Note`, `Default value`, `Minimum`, `取值范围`): a line it opens is not a value.
fn is_label(head: &str) -> bool {
    let head = head.trim().trim_matches(['*', '(', ')', '（', '）']);
    [
        lexicon::NOT_ENUM_LABELS,
        lexicon::ENUM_INTRODUCERS,
        lexicon::DEFAULT_INTRODUCERS,
        lexicon::DEFAULT_MARKERS,
        lexicon::MINIMUM,
        lexicon::MAXIMUM,
        lexicon::MIN_LENGTH,
        lexicon::MAX_LENGTH,
    ]
    .iter()
    .any(|list| lexicon::contains_ci(list, head))
}

/// `Table 3` / `表3` -> `table3`: the anchor a numbered table gets, and the target of a mention.
fn label_anchor(label: &str) -> String {
    label.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// The numbered tables a text names (`Array of Table 3 objects`, `For details, see Table 3.`), as
/// (mention as written, anchor).
fn table_mentions(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for prefix in lexicon::CAPTION_PREFIXES {
        let mut from = 0;
        while let Some(at) = text.get(from..).and_then(|r| r.find(prefix)).map(|i| i + from) {
            let after = text.get(at + prefix.len()..).unwrap_or_default();
            let gap = after.len() - after.trim_start_matches(' ').len();
            let digits: String =
                after.get(gap..).unwrap_or_default().chars().take_while(char::is_ascii_digit).collect();
            from = at + prefix.len();
            if !digits.is_empty() {
                let written = text.get(at..at + prefix.len() + gap + digits.len()).unwrap_or_default().to_string();
                out.push((written.clone(), label_anchor(&written)));
            }
        }
    }
    out
}

/// A type cell that names a numbered table by its caption (`Array of Firewall Group objects` with
/// `Table 3 Firewall Group objects`), where the page's own type cell linked to it: (name as written,
/// anchor). The link covers the name without `object(s)`, as the page's link does (`Array of
/// :ref:`Firewall Group <t3>` objects`); names of one word (`subnet object`) resolve by name already.
/// Only the whole cell, bare or after `Array of`/`List of`, so prose naming a caption in passing
/// links nothing. Of tables so captioned (the request's and the response's), the first after the
/// cell's table, else the last before it.
fn type_naming_caption(text: &str, at: usize, named: &[(usize, String, String)]) -> Option<(String, String)> {
    let stem = |s: &str| {
        let s = s.trim();
        let lower = s.to_lowercase();
        let cut = [" objects", " object"].iter().find_map(|x| lower.strip_suffix(x).map(|r| r.len()));
        s.get(..cut.unwrap_or(s.len())).unwrap_or(s).to_string()
    };
    let t = normalize_ws(text);
    let lower = t.to_lowercase();
    let start = ["array of ", "list of "].iter().find_map(|p| lower.strip_prefix(p).map(|_| p.len())).unwrap_or(0);
    let written = stem(t.get(start..)?);
    if written.split_whitespace().count() < 2 {
        return None;
    }
    let same = || named.iter().filter(|(_, c, _)| stem(c).to_lowercase() == written.to_lowercase());
    let (_, _, anchor) = same().find(|(k, _, _)| *k > at).or_else(|| same().rfind(|(k, _, _)| *k < at))?;
    Some((written, anchor.clone()))
}

/// `caption3:parameters in the snapshot field`: the anchor the unnumbered table at node 3 gets from
/// its caption (pages repeat a caption for the request's and the response's table).
fn caption_anchor(node: usize, caption: &str) -> String {
    format!("caption{node}:{}", normalize_ws(caption).to_lowercase())
}

/// Captions of at least three words name a table in text; a word like `tags` names nothing.
fn linkable_caption(t: &Table) -> Option<String> {
    t.caption.as_deref().filter(|c| t.label.is_none() && c.split_whitespace().count() >= 3).map(str::to_lowercase)
}

/// Links a copy dropped, recovered from what the text still says (called once captions are set):
/// - by number: `Array of Table 3 objects`, "For details, see Table 3" name the table numbered
///   so; each numbered table gets its label as an anchor;
/// - by caption: "For details, see Parameters in the snapshot field" names the unnumbered table
///   captioned so: the first one after the mention's table, else the last one before it.
///
/// Each mention in a cell of a table on the page becomes a link to it, as the page's own link was.
pub fn link_tables(nodes: &mut [Node]) {
    let mut labels: Vec<String> = Vec::new();
    let mut captions: Vec<(usize, String)> = Vec::new();
    // Numbered tables by their caption's name (`Firewall Group objects`), as a type cell names them.
    let mut named: Vec<(usize, String, String)> = Vec::new();
    for (i, n) in nodes.iter_mut().enumerate() {
        let NodeKind::Table(t) = &mut n.kind else { continue };
        if let Some(label) = t.label.as_deref().map(label_anchor) {
            t.anchors.push(label.clone());
            if let Some(c) = t.caption.as_deref().filter(|c| c.split_whitespace().count() >= 2) {
                named.push((i, normalize_ws(c).to_lowercase(), label.clone()));
            }
            labels.push(label);
        } else if let Some(c) = linkable_caption(t) {
            t.anchors.push(caption_anchor(i, &c));
            captions.push((i, c));
        }
    }
    if labels.is_empty() && captions.is_empty() {
        return;
    }
    for (i, node) in nodes.iter_mut().enumerate() {
        let NodeKind::Table(t) = &mut node.kind else { continue };
        let texts = t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()).flat_map(|c| c.nodes.iter_mut());
        for n in texts {
            let (NodeKind::Paragraph(text) | NodeKind::ListItem { text, .. }) = &mut n.kind else { continue };
            let mut found: Vec<(String, String)> =
                table_mentions(&text.text).into_iter().filter(|(_, anchor)| labels.contains(anchor)).collect();
            found.extend(type_naming_caption(&text.text, i, &named));
            let lower = text.text.to_lowercase();
            let mut named: Vec<&String> =
                captions.iter().map(|(_, c)| c).filter(|c| lower.contains(c.as_str())).collect();
            named.dedup();
            for caption in named {
                let same = || captions.iter().filter(|(_, c)| c == caption);
                let target = same().find(|(k, _)| *k > i).or_else(|| same().rfind(|(k, _)| *k < i));
                if let (Some((k, _)), Some(at)) = (target, lower.find(caption.as_str())) {
                    let written = text.text.get(at..at + caption.len()).unwrap_or(caption).to_string();
                    found.push((written, caption_anchor(*k, caption)));
                }
            }
            for (written, anchor) in found {
                if !text.links.iter().any(|l| l.text == written) {
                    text.links.push(Link { text: written, href: format!("#{anchor}") });
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Pass 1: lines -> units

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    /// A list item with its 1-based depth.
    Bullet(u8),
    /// A JSON example; single-line ones read as paragraphs inside table cells.
    Code {
        multi_line: bool,
    },
}

#[derive(Debug, Clone)]
struct Unit {
    kind: Kind,
    /// Normalised text (code keeps its lines).
    text: String,
    /// Tab-separated fields when the line has at least two.
    fields: Vec<String>,
    line: usize,
    /// Tabs on blank lines right before this unit: the cell separators of a table that Chromium's
    /// `innerText` writes on lines of their own between cells whose paragraphs end in line breaks.
    seps_before: usize,
}

impl Unit {
    fn is_para(&self) -> bool {
        self.kind == Kind::Para
    }

    /// A plain paragraph (not a tab-separated row).
    fn is_simple_para(&self) -> bool {
        self.kind == Kind::Para && self.fields.is_empty()
    }

    /// The node this unit becomes inside a table cell.
    fn cell_node(&self) -> Node {
        let kind = match self.kind {
            Kind::Para => NodeKind::Paragraph(Text::plain(&self.text)),
            Kind::Bullet(depth) => NodeKind::ListItem { depth, text: Text::plain(&self.text) },
            Kind::Code { multi_line: true } => NodeKind::Code(self.text.clone()),
            Kind::Code { multi_line: false } => NodeKind::Paragraph(Text::plain(&self.text)),
        };
        Node::new(kind, Some(self.line))
    }
}

fn tokenize(src: &str) -> Vec<Unit> {
    let lines: Vec<&str> = src.lines().collect();
    let mut units: Vec<Unit> = Vec::new();
    let mut i = 0;
    let mut seps = 0;
    while let Some(raw) = lines.get(i) {
        let line = i + 1;
        let trimmed = raw.trim_matches(is_space);
        if trimmed.is_empty() {
            seps += raw.matches('\t').count();
            i += 1;
            continue;
        }
        let before = units.len();
        let json_last = starts_json(trimmed).then(|| json_end(&lines, i)).filter(|&end| {
            // A one-line value must parse: `[1] See the note` is prose.
            end > i || serde_json::from_str::<serde_json::Value>(trimmed).is_ok()
        });
        if let Some(end) = json_last {
            let code: Vec<&str> = lines
                .get(i..=end)
                .unwrap_or_default()
                .iter()
                .map(|l| l.trim_end_matches(is_space))
                .filter(|l| !l.is_empty())
                .collect();
            units.push(Unit {
                kind: Kind::Code { multi_line: end > i },
                text: code.join("\n"),
                fields: Vec::new(),
                line,
                seps_before: 0,
            });
            i = end + 1;
            mark_separators(&mut units, before, &mut seps);
            continue;
        }
        if let Some((depth, rest)) = bullet(raw) {
            let mut text = normalize_ws(rest);
            if text.is_empty() {
                // `•` alone on its line: the item's text is the next non-blank line.
                let next =
                    (i + 1..lines.len()).find(|&k| lines.get(k).is_some_and(|l| !l.trim_matches(is_space).is_empty()));
                if let Some((k, l)) = next.and_then(|k| lines.get(k).map(|l| (k, l))) {
                    if bullet(l).is_none() && !starts_json(l.trim_matches(is_space)) {
                        text = normalize_ws(l);
                        i = k;
                    }
                }
            }
            units.push(Unit { kind: Kind::Bullet(depth), text, fields: Vec::new(), line, seps_before: 0 });
            i += 1;
            mark_separators(&mut units, before, &mut seps);
            continue;
        }
        let fields: Vec<String> =
            if trimmed.contains('\t') { trimmed.split('\t').map(normalize_ws).collect() } else { Vec::new() };
        let fields = if fields.iter().filter(|f| !f.is_empty()).count() >= 2 { fields } else { Vec::new() };
        units.push(Unit { kind: Kind::Para, text: normalize_ws(trimmed), fields, line, seps_before: 0 });
        i += 1;
        mark_separators(&mut units, before, &mut seps);
    }
    join_separated_cells(units)
}

/// The unit just pushed (if any, past index `before`) gets the separators seen before it.
fn mark_separators(units: &mut [Unit], before: usize, seps: &mut usize) {
    if units.len() > before {
        if let Some(u) = units.last_mut() {
            u.seps_before = std::mem::take(seps);
        }
    }
}

/// Chromium's `innerText` of a table whose cells hold paragraphs: each cell's paragraphs, then a
/// line holding only a tab before the next cell (`name` / `\t` / `Yes` / `\t` / `String` / `\t` /
/// `Description...`). Each such row becomes one tab-separated unit, as a browser that copies a
/// row as one line gives it: the paragraph before the first separator, each one-paragraph cell
/// between separators, and the first paragraph after the last separator (a cell is the row's last
/// when no separator follows its first paragraph); the last cell's later paragraphs follow as
/// continuation lines. Several tabs on one line part empty cells. Pages without such lines are
/// returned as they are.
fn join_separated_cells(units: Vec<Unit>) -> Vec<Unit> {
    if units.iter().all(|u| u.seps_before == 0) {
        return units;
    }
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    let mut iter = units.into_iter().peekable();
    while let Some(first) = iter.next() {
        if first.kind != Kind::Para || iter.peek().is_none_or(|n| n.seps_before == 0) {
            out.push(first);
            continue;
        }
        let mut fields = vec![first.text.clone()];
        let mut opening = None;
        while let Some(cell) = iter.next_if(|n| n.seps_before > 0) {
            fields.extend(std::iter::repeat_n(String::new(), cell.seps_before - 1));
            let last = iter.peek().is_none_or(|n| n.seps_before == 0);
            if cell.kind == Kind::Para || !last {
                fields.push(cell.text);
            } else {
                // A last cell opening with a list item or code keeps it as its own unit.
                fields.push(String::new());
                opening = Some(cell);
            }
            if last {
                break;
            }
        }
        out.push(Unit { fields, seps_before: 0, ..first });
        out.extend(opening);
    }
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// `  • item` -> (depth, `item`). Browsers copy list markers as `•`, `◦`, `▪`
/// by nesting level; `-` lines are left alone (they come from preformatted text).
fn bullet(raw: &str) -> Option<(u8, &str)> {
    let t = raw.trim_start_matches(is_space);
    let mut chars = t.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let depth = match first {
        '•' | '●' | '‣' | '⁃' => 1,
        '◦' | '○' => 2,
        '▪' | '■' | '▫' | '□' => 3,
        _ => return None,
    };
    Some((depth, rest.trim_matches(is_space)))
}

/// A line that opens a JSON example: `{`, `{ "a"`, `[ {`, `[ "x" ]`, `[]`.
fn starts_json(t: &str) -> bool {
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let next = chars.as_str().trim_start().chars().next();
    match first {
        '{' => matches!(next, None | Some('"' | '}')),
        '[' => matches!(next, None | Some('{' | '[' | '"' | ']' | '-' | '0'..='9')),
        _ => false,
    }
}

/// Index of the line where the JSON value opened at `start` closes. Strings are
/// tracked so `"x" : "}"` does not close anything. A value that never closes
/// stops before the next section title, caption or status marker.
fn json_end(lines: &[&str], start: usize) -> usize {
    let mut depth = 0i32;
    let mut last_content = start;
    for (k, l) in lines.iter().enumerate().skip(start) {
        let t = l.trim_matches(is_space);
        if k > start && is_boundary(t) {
            return last_content;
        }
        if !t.is_empty() {
            last_content = k;
        }
        let (mut in_str, mut escaped) = (false, false);
        for c in l.chars() {
            if in_str {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_str = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_str = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth -= 1;
                    if depth <= 0 {
                        return k;
                    }
                }
                _ => {}
            }
        }
    }
    last_content
}

fn is_boundary(t: &str) -> bool {
    !t.is_empty() && (is_section_title(t) || caption(t).is_some() || lexicon::status_marker(t).is_some())
}

// ---------------------------------------------------------------------------
// Pass 2: units -> nodes

/// A paragraph that titles a section of the page.
fn is_section_title(s: &str) -> bool {
    lexicon::status_marker(s).is_none() && lexicon::section(s).is_some()
}

/// A numbered table caption (`表2 请求Body参数`, `Table 2 Request body parameters`),
/// split into label and title. A sentence that starts like one (`Table 1 describes
/// the parameters.`) is not a caption.
fn caption(s: &str) -> Option<(String, String)> {
    lexicon::split_caption(s)
}

/// Lines copied with the page that are not content.
fn is_chrome(s: &str) -> bool {
    lexicon::is_chrome_line(s)
}

/// The page title: the first short, non-chrome paragraph before the first section title.
fn find_title(units: &[Unit]) -> Option<usize> {
    let first_section = units.iter().position(|u| u.is_para() && is_section_title(&u.text))?;
    let before = units.get(..first_section)?;
    before.iter().position(|u| {
        u.is_simple_para()
            && !is_chrome(&u.text)
            && u.text.chars().count() <= 120
            && caption(&u.text).is_none()
            && !u.text.ends_with([':', '：'])
    })
}

fn is_header(s: &str) -> bool {
    lexicon::is_header_word(s)
}

/// What a column holds, from its header word.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    Name,
    Required,
    Type,
    Description,
    Status,
    ErrorCode,
    ErrorMessage,
    Other(String),
}

fn role(s: &str) -> Role {
    let table: &[(Role, &[&str])] = &[
        (Role::Name, lexicon::NAME_HEADERS),
        (Role::Required, lexicon::REQUIRED_HEADERS),
        (Role::Type, lexicon::TYPE_HEADERS),
        (Role::Description, lexicon::DESCRIPTION_HEADERS),
        (Role::Status, lexicon::STATUS_HEADERS),
        (Role::ErrorCode, lexicon::ERROR_CODE_HEADERS),
        (Role::ErrorMessage, lexicon::ERROR_MESSAGE_HEADERS),
    ];
    table
        .iter()
        .find(|(_, words)| lexicon::contains_ci(words, s))
        .map(|(r, _)| r.clone())
        .unwrap_or_else(|| Role::Other(s.trim().to_lowercase()))
}

/// A table's header: (text, line) per column, and whether it came as one tab-separated line.
struct Header {
    cells: Vec<(String, usize)>,
    tabbed: bool,
}

impl Header {
    fn roles(&self) -> Vec<Role> {
        self.cells.iter().map(|(t, _)| role(t)).collect()
    }
}

/// The header run starting at `k` (at least two header words), and the index after it.
fn header_at(units: &[Unit], k: usize) -> Option<(Header, usize)> {
    let first = units.get(k)?;
    if first.kind != Kind::Para {
        return None;
    }
    if !first.fields.is_empty() {
        // A tab-separated row is a header when its words are header words, all but one at most
        // (`Attribute`, `Type`, `Description`: older pages name the first column otherwise).
        let words: Vec<&String> = first.fields.iter().filter(|f| !f.is_empty()).collect();
        let known = words.iter().filter(|f| is_header(f)).count();
        let all = known == words.len() || (known >= 2 && known + 1 == words.len());
        let cells = first.fields.iter().filter(|f| !f.is_empty()).map(|f| (f.clone(), first.line)).collect();
        return all.then_some((Header { cells, tabbed: true }, k + 1));
    }
    let mut cells: Vec<(String, usize)> = Vec::new();
    let mut roles: Vec<Role> = Vec::new();
    let mut j = k;
    while let Some(u) = units.get(j) {
        if !u.is_simple_para() || !is_header(&u.text) {
            break;
        }
        let r = role(&u.text);
        // A repeated role is the first row's name (`name`, `type`), not another column;
        // so is a word followed by a type line.
        if roles.contains(&r) || units.get(j + 1).is_some_and(|n| n.is_para() && types::parse(&n.text).is_some()) {
            break;
        }
        roles.push(r);
        cells.push((u.text.clone(), u.line));
        j += 1;
    }
    (cells.len() >= 2).then_some((Header { cells, tabbed: false }, j))
}

/// A header run that can open a table without a caption: it starts with a
/// name or status column.
fn bare_header_at(units: &[Unit], k: usize) -> Option<(Header, usize)> {
    let (header, next) = header_at(units, k)?;
    let first = header.cells.first().map(|(t, _)| role(t))?;
    matches!(first, Role::Name | Role::Status | Role::ErrorCode).then_some((header, next))
}

/// Whether the unit at `j` ends a table.
fn is_terminator(units: &[Unit], j: usize) -> bool {
    let Some(u) = units.get(j) else { return true };
    // A section written as a list item (`• Example request`), as pages that list their sections do.
    if matches!(u.kind, Kind::Bullet(_)) && is_section_title(&u.text) {
        return true;
    }
    u.is_para()
        && (caption(&u.text).is_some()
            || is_section_title(&u.text)
            || lexicon::status_marker(&u.text).is_some()
            || bare_header_at(units, j).is_some())
}

/// A table starting at unit `i`: the table, units before its first row that
/// fit no row (emitted after it), and the index after the table.
fn table_at(units: &[Unit], i: usize) -> Option<(Table, Vec<Node>, usize)> {
    let unit = units.get(i).filter(|u| u.is_para())?;
    let (label, caption, header, body_start) = match caption(&unit.text) {
        Some((label, caption)) if unit.fields.is_empty() => {
            let (header, next) = header_at(units, i + 1)?;
            (Some(label), Some(caption), header, next)
        }
        _ => {
            // A section title right before a header run (`状态码` / `状态码`, `描述`) is a heading.
            if unit.fields.is_empty() && bare_header_at(units, i + 1).is_some() {
                return None;
            }
            let (header, next) = bare_header_at(units, i)?;
            (None, None, header, next)
        }
    };
    let roles = header.roles();
    let body = if header.tabbed {
        tabbed_rows(units, body_start, &roles)
    } else if roles.len() > 2 && roles.get(1..roles.len() - 1).is_some_and(|mid| mid.contains(&Role::Type)) {
        typed_rows(units, body_start, &roles)
    } else {
        untyped_rows(units, body_start, roles.len())
    };
    let table = Table {
        caption,
        label,
        anchors: Vec::new(),
        header: header.cells.iter().map(|(t, l)| Cell::from_text(t.as_str(), Some(*l))).collect(),
        rows: body.rows,
        line: Some(unit.line),
    };
    Some((table, body.orphans, body.next))
}

struct Body {
    rows: Vec<Row>,
    orphans: Vec<Node>,
    next: usize,
}

/// Rows of a table with a type column: name, middle columns, then the last column.
fn typed_rows(units: &[Unit], start: usize, roles: &[Role]) -> Body {
    let mut body = Body { rows: Vec::new(), orphans: Vec::new(), next: start };
    let mut j = start;
    loop {
        if let Some((mut cells, after)) = match_row(units, j, roles) {
            let line = units.get(j).map(|u| u.line);
            let mut last = Cell::default();
            j = after;
            while !description_ends_at(units, j, roles) {
                if let Some(u) = units.get(j) {
                    last.nodes.push(u.cell_node());
                }
                j += 1;
            }
            cells.push(last);
            body.rows.push(Row { cells, line });
        } else if is_terminator(units, j) {
            break;
        } else {
            // Units before the first row that fit no row.
            if let Some(u) = units.get(j) {
                body.orphans.push(u.cell_node());
            }
            j += 1;
        }
    }
    body.next = j;
    body
}

/// Whether the last cell of a row stops before unit `j`: a new row starts
/// there, or the table ends. A terminator-looking paragraph followed by a row
/// (`Description`, then `host_name`, `String`) is a one-word description.
fn description_ends_at(units: &[Unit], j: usize, roles: &[Role]) -> bool {
    if j >= units.len() || row_starts_at(units, j, roles) {
        return true;
    }
    is_terminator(units, j) && !row_starts_at(units, j + 1, roles) && !is_label_line(units, j)
}

/// `Constraints:`, `Range:`: a description's label standing alone with its colon, inside the last
/// row's description; a section of the page is titled without one (`Constraints`).
fn is_label_line(units: &[Unit], j: usize) -> bool {
    units.get(j).is_some_and(|u| {
        u.is_simple_para()
            && u.text.ends_with([':', '：'])
            && lexicon::desc_label(&u.text).is_some_and(|(_, rest)| rest.is_empty())
    })
}

/// The fixed cells of a row starting at `j` (all columns but the last) and the
/// index after them, when the units there have a row's shape.
fn match_row(units: &[Unit], j: usize, roles: &[Role]) -> Option<(Vec<Cell>, usize)> {
    let name = units.get(j).filter(|u| u.is_simple_para() && is_name_like(&u.text))?;
    let mut cells = vec![Cell::from_text(name.text.as_str(), Some(name.line))];
    let mut p = j + 1;
    for r in roles.get(1..roles.len().saturating_sub(1)).unwrap_or_default() {
        let next = units.get(p).filter(|u| u.is_simple_para());
        match r {
            Role::Required => match next.filter(|u| lexicon::required_flag(&u.text).is_some()) {
                Some(u) => {
                    cells.push(Cell::from_text(u.text.as_str(), Some(u.line)));
                    p += 1;
                }
                None => cells.push(Cell::default()),
            },
            Role::Type => {
                let u = next.filter(|u| types::parse(&u.text).is_some())?;
                cells.push(Cell::from_text(u.text.as_str(), Some(u.line)));
                p += 1;
            }
            _ => {
                let u = next?;
                cells.push(Cell::from_text(u.text.as_str(), Some(u.line)));
                p += 1;
            }
        }
    }
    Some((cells, p))
}

/// Whether a new row starts at `j` while reading a description. When both `j`
/// and `j + 1` could start a row by name + type alone (`x`, `file`, `File`),
/// `j` is the end of the description and the row starts at `j + 1`.
fn row_starts_at(units: &[Unit], j: usize, roles: &[Role]) -> bool {
    let Some((cells, _)) = match_row(units, j, roles) else {
        return false;
    };
    let has_flag = roles.iter().zip(&cells).any(|(r, c)| *r == Role::Required && !c.nodes.is_empty());
    has_flag || match_row(units, j + 1, roles).is_none()
}

/// A parameter name: one token, not ending like a sentence.
fn is_name_like(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 128
        && !s.chars().any(char::is_whitespace)
        && !s.ends_with(['。', '，', ',', '；', ';', '：', ':', '、'])
}

/// The shape of a first-column value, used to find rows of tables without a type column.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// `200`, `404`.
    Digits(usize),
    /// `ModelArts.0001`, `APIGW.0101`, `CBC_1001`.
    ErrorCode,
    Other,
}

fn shape(s: &str) -> Shape {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        Shape::Digits(s.len())
    } else if is_name_like(s)
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().any(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        Shape::ErrorCode
    } else {
        Shape::Other
    }
}

/// Rows of a table without a type column (status codes, error codes).
fn untyped_rows(units: &[Unit], start: usize, width: usize) -> Body {
    let mut body = Body { rows: Vec::new(), orphans: Vec::new(), next: start };
    let key = units.get(start).filter(|u| u.is_simple_para()).map(|u| shape(&u.text)).unwrap_or(Shape::Other);
    let keyed = key != Shape::Other;
    let starts_row = |j: usize| units.get(j).is_some_and(|u| u.is_simple_para() && shape(&u.text) == key);
    let mut j = start;
    while j < units.len() && !is_terminator(units, j) {
        // Gather this row's cell groups: a paragraph opens a group, bullets and code join it.
        let line = units.get(j).map(|u| u.line);
        let mut groups: Vec<Cell> = Vec::new();
        while let Some(u) = units.get(j) {
            let opens = u.kind == Kind::Para || groups.is_empty();
            if !groups.is_empty() && is_terminator(units, j) {
                break;
            }
            if opens && keyed && !groups.is_empty() && starts_row(j) {
                break;
            }
            if opens && !keyed && groups.len() == width {
                break;
            }
            match groups.last_mut() {
                Some(cell) if !opens => cell.nodes.push(u.cell_node()),
                _ => groups.push(Cell { nodes: vec![u.cell_node()] }),
            }
            j += 1;
        }
        body.rows.push(Row { cells: fit(groups, width), line });
    }
    body.next = j;
    body
}

/// Fit cell groups to `width` columns: extra groups join the last column, missing ones are empty.
fn fit(mut groups: Vec<Cell>, width: usize) -> Vec<Cell> {
    let width = width.max(1);
    if groups.len() > width {
        let extra: Vec<Node> = groups.drain(width..).flat_map(|c| c.nodes).collect();
        if let Some(last) = groups.last_mut() {
            last.nodes.extend(extra);
        }
    }
    groups.resize_with(width, Cell::default);
    groups
}

/// Rows copied as tab-separated lines; following non-tab lines continue the last cell.
fn tabbed_rows(units: &[Unit], start: usize, roles: &[Role]) -> Body {
    let width = roles.len();
    let mut body = Body { rows: Vec::new(), orphans: Vec::new(), next: start };
    let mut j = start;
    while let Some(u) = units.get(j) {
        if !u.fields.is_empty() {
            let mut fields = u.fields.clone();
            if let Some(r) = roles.iter().position(|r| *r == Role::Required) {
                let has_flag = fields.get(r).is_some_and(|f| lexicon::required_flag(f).is_some());
                if fields.len() < width && !has_flag && r <= fields.len() {
                    fields.insert(r, String::new());
                }
            }
            let cells: Vec<Cell> = fields
                .iter()
                .map(|f| if f.is_empty() { Cell::default() } else { Cell::from_text(f.as_str(), Some(u.line)) })
                .collect();
            // A row with fewer cells than the header (a copy cut inside it) stays short, so the
            // extractor reports it (W0203) and reads the missing cells as empty.
            let cells = if cells.len() > width { fit(cells, width) } else { cells };
            body.rows.push(Row { cells, line: Some(u.line) });
        } else if (is_terminator(units, j) && !inside_tabbed_table(units, j, width) && !is_label_line(units, j))
            || titles_next_table(units, j)
        {
            break;
        } else if let Some(cell) = body.rows.last_mut().and_then(|r| r.cells.last_mut()) {
            cell.nodes.push(u.cell_node());
        } else {
            body.orphans.push(u.cell_node());
        }
        j += 1;
    }
    body.next = j;
    body
}

/// A line or list item right before a header row (`Parameters in the snapshot field`, then
/// `Parameter\tType...`):
/// the next table's unnumbered caption, not the end of the last description.
fn titles_next_table(units: &[Unit], j: usize) -> bool {
    let line = |u: &Unit| u.fields.is_empty() && matches!(u.kind, Kind::Para | Kind::Bullet(_));
    units.get(j).is_some_and(line) && bare_header_at(units, j + 1).is_some()
}

/// A section-title-like paragraph inside a description (`Constraints:`, `Examples`) between
/// tab-separated rows: another row follows before any caption, status marker or header run, so the
/// table goes on (a section of the page is followed by its own caption or header first, or by rows
/// of another width).
fn inside_tabbed_table(units: &[Unit], j: usize, width: usize) -> bool {
    let hard = |k: usize| {
        units.get(k).is_some_and(|u| {
            u.is_para()
                && (caption(&u.text).is_some()
                    || lexicon::status_marker(&u.text).is_some()
                    || bare_header_at(units, k).is_some())
        })
    };
    if hard(j) {
        return false;
    }
    for k in j + 1..units.len() {
        if let Some(u) = units.get(k).filter(|u| !u.fields.is_empty()) {
            // A row of this table: as many cells as its header (another table's rows differ).
            return !hard(k) && u.fields.len() == width;
        }
        if hard(k) {
            return false;
        }
    }
    false
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::ingest::model::tables;

    fn texts(cells: &[Cell]) -> Vec<String> {
        cells.iter().map(Cell::text).collect()
    }

    /// Paragraphs separated by blank lines, like a copied page.
    fn page(paras: &[&str]) -> String {
        paras.join("\n\n")
    }

    #[test]
    fn caption_header_and_rows_without_the_required_column() {
        let src = page(&[
            "表1 路径参数",
            "参数",
            "是否必选",
            "参数类型",
            "描述",
            "project_id",
            "String",
            "项目ID。",
            "pool_name",
            "String",
            "资源池名称。",
        ]);
        let nodes = read(&src);
        assert_eq!(nodes.len(), 1);
        let t = tables(&nodes)[0];
        assert_eq!((t.label.as_deref(), t.caption.as_deref()), (Some("表1"), Some("路径参数")));
        assert_eq!(texts(&t.header), ["参数", "是否必选", "参数类型", "描述"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(texts(&t.rows[0].cells), ["project_id", "", "String", "项目ID。"]);
        assert_eq!(texts(&t.rows[1].cells), ["pool_name", "", "String", "资源池名称。"]);
        assert_eq!(t.line, Some(1));
        assert_eq!(t.rows[1].line, Some(17));
        assert_eq!(t.rows[1].cells[2].nodes[0].line, Some(19));
    }

    #[test]
    fn rows_with_required_flags_and_names_that_are_header_words() {
        let src = page(&[
            "Table 3 Label",
            "Parameter",
            "Mandatory",
            "Type",
            "Description",
            "name",
            "Yes",
            "String",
            "Label name.",
            "type",
            "No",
            "Integer",
            "Label type.",
            "required",
            "No",
            "Boolean",
            "Whether it is required.",
        ]);
        let t = tables(&read(&src))[0].clone();
        assert_eq!(t.header.len(), 4);
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| texts(&r.cells)).collect();
        assert_eq!(
            rows,
            [
                ["name", "Yes", "String", "Label name."],
                ["type", "No", "Integer", "Label type."],
                ["required", "No", "Boolean", "Whether it is required."],
            ]
        );
    }

    #[test]
    fn descriptions_keep_paragraphs_and_bullets_in_order() {
        let src = "表4 X\n\n参数\n\n参数类型\n\n描述\n\nperiod.type\n\nString\n\n包周期订购类型。可选值如下:\n\n  • 2:月\n\n  • 3:年\n  ◦ 嵌套\n\n当计费模式为包周期时该参数必传。\n\nmode\n\nString\n\nv2\n";
        let t = tables(&read(src))[0].clone();
        assert_eq!(t.rows.len(), 2);
        let desc = &t.rows[0].cells[2];
        let kinds: Vec<&str> = desc
            .nodes
            .iter()
            .map(|n| match &n.kind {
                NodeKind::Paragraph(_) => "p",
                NodeKind::ListItem { depth: 1, .. } => "li1",
                NodeKind::ListItem { depth: 2, .. } => "li2",
                _ => "?",
            })
            .collect();
        assert_eq!(kinds, ["p", "li1", "li1", "li2", "p"]);
        assert_eq!(
            desc.text(),
            "包周期订购类型。可选值如下:\n• 2:月\n• 3:年\n• 嵌套\n当计费模式为包周期时该参数必传。"
        );
        assert_eq!(desc.nodes[3].line, Some(18));
        // A one-word description is not mistaken for a row start.
        assert_eq!(texts(&t.rows[1].cells), ["mode", "String", "v2"]);
    }

    #[test]
    fn a_description_that_reads_like_a_section_title() {
        let src = page(&[
            "Table 1 Node",
            "Parameter",
            "Type",
            "Description",
            "description",
            "String",
            "Description",
            "host_name",
            "String",
            "Host name",
            "Request Body",
            "None",
        ]);
        let nodes = read(&src);
        let t = tables(&nodes)[0];
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| texts(&r.cells)).collect();
        assert_eq!(rows, [["description", "String", "Description"], ["host_name", "String", "Host name"]]);
        assert!(matches!(&nodes[1].kind, NodeKind::Heading { level: 2, text } if text.text == "Request Body"));
    }

    #[test]
    fn a_one_word_description_before_a_row_named_like_a_type() {
        let src =
            page(&["表1 X", "参数", "参数类型", "描述", "a", "String", "NodePool", "file", "File", "上传的文件。"]);
        let t = tables(&read(&src))[0].clone();
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| texts(&r.cells)).collect();
        assert_eq!(rows, [["a", "String", "NodePool"], ["file", "File", "上传的文件。"]]);
    }

    #[test]
    fn one_line_json_must_parse() {
        let nodes = read("[1] See the note.\n\n{ \"a\" : [ 1 ] }\n");
        assert!(matches!(&nodes[0].kind, NodeKind::Paragraph(t) if t.text == "[1] See the note."));
        assert!(matches!(&nodes[1].kind, NodeKind::Code(c) if c == "{ \"a\" : [ 1 ] }"));
    }

    #[test]
    fn json_is_gathered_into_one_code_node_across_blank_lines_and_strings() {
        let src = "请求示例\n\nPOST https://{endpoint}/v1/x\n\n{\n  \"a\" : \"}\",\n\n  \"b\" : [ 1, 2 ],\n  \"c\" : { \"d\" : \"[\" }\n}\n\n响应示例\n";
        let nodes = read(src);
        let kinds: Vec<String> =
            nodes.iter().map(|n| format!("{:?}@{:?}", std::mem::discriminant(&n.kind), n.line)).collect();
        assert_eq!(kinds.len(), 4, "{kinds:?}");
        assert!(matches!(&nodes[0].kind, NodeKind::Heading { level: 2, text } if text.text == "请求示例"));
        assert!(matches!(&nodes[1].kind, NodeKind::Paragraph(t) if t.text.starts_with("POST https://")));
        let NodeKind::Code(code) = &nodes[2].kind else { panic!("{:?}", nodes[2]) };
        assert_eq!(nodes[2].line, Some(5));
        let v: serde_json::Value = serde_json::from_str(code).unwrap();
        assert_eq!(v["a"], "}");
        assert_eq!(v["c"]["d"], "[");
        assert!(matches!(&nodes[3].kind, NodeKind::Heading { level: 2, .. }));
        assert_eq!(nodes[3].line, Some(12));
    }

    #[test]
    fn unbalanced_json_stops_at_the_next_section() {
        let nodes = read("响应示例\n\n{\n  \"a\" : 1\n\n状态码\n\n状态码\n\n描述\n\n200\n\nOK\n");
        assert!(matches!(&nodes[1].kind, NodeKind::Code(c) if c == "{\n  \"a\" : 1"));
        assert!(matches!(&nodes[2].kind, NodeKind::Heading { level: 2, .. }));
        assert_eq!(tables(&nodes).len(), 1);
    }

    #[test]
    fn status_code_table_without_caption_after_its_section_title() {
        let src = page(&[
            "状态码",
            "状态码",
            "描述",
            "200",
            "OK。",
            "400",
            "Bad request",
            "第二段。",
            "错误码",
            "请参见错误码",
        ]);
        let nodes = read(&src);
        assert!(matches!(&nodes[0].kind, NodeKind::Heading { level: 2, text } if text.text == "状态码"));
        let t = tables(&nodes)[0];
        assert_eq!(t.caption, None);
        assert_eq!(t.line, Some(3));
        assert_eq!(texts(&t.header), ["状态码", "描述"]);
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| texts(&r.cells)).collect();
        assert_eq!(rows, [vec!["200", "OK。"], vec!["400", "Bad request\n第二段。"]]);
        assert!(matches!(&nodes[2].kind, NodeKind::Heading { text, .. } if text.text == "错误码"));
        assert!(matches!(&nodes[3].kind, NodeKind::Paragraph(t) if t.text == "请参见错误码"));
    }

    #[test]
    fn error_code_table_rows_follow_the_first_column_shape() {
        let src = page(&[
            "Error Codes",
            "Status Code",
            "Error Codes",
            "Error Message",
            "Description",
            "Solution",
            "400",
            "ModelArts.0001",
            "Bad request.",
            "The request is invalid.",
            "Check the request.",
            "404",
            "ModelArts.0002",
            "Not found.",
            "The resource does not exist.",
            "Check the ID.",
            "  • list the resources first",
            "500",
            "ModelArts.0003",
            "Internal error.",
        ]);
        let nodes = read(&src);
        let t = tables(&nodes)[0];
        assert_eq!(t.header.len(), 5);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(
            texts(&t.rows[1].cells),
            [
                "404",
                "ModelArts.0002",
                "Not found.",
                "The resource does not exist.",
                "Check the ID.\n• list the resources first"
            ]
        );
        assert_eq!(texts(&t.rows[2].cells), ["500", "ModelArts.0003", "Internal error.", "", ""]);
        assert!(t.rows.iter().all(|r| r.cells.len() == 5));
    }

    #[test]
    fn tab_separated_rows() {
        let src = "Table 1 Path parameters\nParameter\tMandatory\tType\tDescription\nproject_id\tYes\tString\tProject ID.\npool_name\tString\tPool name.\nSecond paragraph.\n\nRequest Parameters\n";
        let nodes = read(src);
        let t = tables(&nodes)[0];
        assert_eq!(t.header.len(), 4);
        assert_eq!(texts(&t.rows[0].cells), ["project_id", "Yes", "String", "Project ID."]);
        assert_eq!(texts(&t.rows[1].cells), ["pool_name", "", "String", "Pool name.\nSecond paragraph."]);
        assert!(matches!(&nodes[1].kind, NodeKind::Heading { .. }));
    }

    /// Chromium's innerText of a table: cells on their own lines, a tab-only line between cells.
    #[test]
    fn inner_text_cells_with_separator_lines() {
        let src = "Table 1 Response body parameters\n\nParameter\n\n\t\n\nType\n\n\t\n\nDescription\n\n\n\n\n\
                   status\n\n\t\n\nString\n\n\t\n\nStatus.\n\nConstraints:\n\nRead only.\n\n\n\n\n\
                   items\n\n\t\n\nArray of Table 2 objects\n\n\t\n\nItems. For details, see Table 2.\n\n\
                   Table 2 Item\n\nParameter\n\n\t\n\nType\n\n\t\n\nDescription\n\n\n\n\n\
                   id\n\n\t\n\nString\n\n\t\n\nID.\n\nExample response\n\n{\"a\": 1}\n";
        let nodes = crate::ingest::read_str("p.txt", src, crate::ingest::Format::Text).nodes;
        let ts = tables(&nodes);
        assert_eq!(ts.len(), 2, "{nodes:#?}");
        assert_eq!(texts(&ts[0].rows[0].cells), ["status", "String", "Status.\nConstraints:\nRead only."]);
        assert_eq!(
            texts(&ts[0].rows[1].cells),
            ["items", "Array of Table 2 objects", "Items. For details, see Table 2."]
        );
        // Links by table number: both mentions point to Table 2's anchor.
        let hrefs: Vec<&str> = ts[0].rows[1].cells.iter().flat_map(Cell::links).map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["#table2", "#table2"]);
        assert_eq!(ts[1].anchors, ["table2"]);
        assert_eq!(texts(&ts[1].rows[0].cells), ["id", "String", "ID."]);
    }

    fn cell_nodes(src: &str) -> Vec<(String, String)> {
        let nodes = read(src);
        let t = tables(&nodes)[0].clone();
        let cell = t.rows[0].cells.last().unwrap().clone();
        cell.nodes
            .iter()
            .map(|n| {
                let kind = if matches!(n.kind, NodeKind::ListItem { .. }) { "li" } else { "p" };
                (kind.to_string(), n.text().to_string())
            })
            .collect()
    }

    fn table_page(description: &str) -> String {
        format!("Table 1 Request body parameters\nParameter\tMandatory\tType\tDescription\nrule\tYes\tString\t{description}\n")
    }

    /// Lists without markers read as the copy with bullets does (issue 19 item 3).
    #[test]
    fn unmarked_lists_read_as_bulleted_ones() {
        let plain = "Match type.\nThe value can be one of the following:\nHOST_NAME: matches the domain name.\nPATH: matches the path.\nFor details, see the guide.";
        let bulleted = "Match type.\nThe value can be one of the following:\n  • HOST_NAME: matches the domain name.\n  • PATH: matches the path.\nFor details, see the guide.";
        let want = [
            ("p", "Match type."),
            ("p", "The value can be one of the following:"),
            ("li", "HOST_NAME: matches the domain name."),
            ("li", "PATH: matches the path."),
            ("p", "For details, see the guide."),
        ]
        .map(|(k, t)| (k.to_string(), t.to_string()));
        assert_eq!(cell_nodes(&table_page(plain)), want);
        assert_eq!(cell_nodes(&table_page(bulleted)), want);
        // Bare values after a description without an introducer, and Chinese `值：含义` items.
        let bare = cell_nodes(&table_page("Resource type.\nDNS-public_zone\nDNS-private_zone"));
        assert_eq!(bare.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["p", "li", "li"]);
        // One value after a line that introduces only values; a label line ends the run.
        let one = cell_nodes(&table_page("Tracker type.\nEnumerated values:\nsystem"));
        assert_eq!(one.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["p", "p", "li"]);
        let labelled =
            cell_nodes(&table_page("Definition\nRange\ntrue: Enable.\nfalse: Disable.\nDefault Value\nfalse"));
        assert_eq!(labelled.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["p", "p", "li", "li", "p", "p"]);
        let zh = cell_nodes(&table_page("计费模式。\n可选值如下：\n0：按需计费\n1：包周期计费"));
        assert_eq!(zh.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["p", "p", "li", "li"]);
    }

    /// Lines that look like a list but are prose stay paragraphs: labels, one value after a label,
    /// sentences.
    #[test]
    fn prose_shaped_like_a_list_stays_prose() {
        for description in [
            "Port of the rule.\nValue range:\n0-65535\nDefault value:\n0",
            "Name of the rule.\nNote: The name must be unique.\nExample: rule-01",
            "Name of the rule.\nMinimum: 1\nMaximum: 64",
            "Name of the rule.\nThe name is case sensitive.\nIt cannot be changed later.",
            "Name of the rule.\nNote\nDefault",
        ] {
            let nodes = cell_nodes(&table_page(description));
            assert!(nodes.iter().all(|(k, _)| k == "p"), "{description:?}: {nodes:?}");
        }
    }

    /// `• Example request` is a section written as a list item: it ends the table.
    #[test]
    fn a_section_written_as_a_list_item_ends_the_table() {
        let src = format!("{}  • Example request\nPOST /v1/rules\n", table_page("Rule name."));
        let nodes = read(&src);
        assert_eq!(texts(&tables(&nodes)[0].rows[0].cells), ["rule", "Yes", "String", "Rule name."]);
        assert!(nodes.iter().any(|n| n.text() == "Example request"));
    }

    /// Links by caption: the mention names the first table so captioned after its own table (the
    /// response's `snapshot` links to the response's table, not the request's of the same caption).
    #[test]
    fn links_by_caption_go_to_the_next_table_so_captioned() {
        let table = |field: &str, desc: &str| format!("Parameter\tType\tDescription\n{field}\tObject\t{desc}\n");
        let src = format!(
            "Request\n{}Parameters in the snapshot field\n{}Response\n{}Parameters in the snapshot field\n{}",
            table("snapshot", "See Parameters in the snapshot field."),
            table("volume_id", "Disk ID."),
            table("snapshot", "For details, see Parameters in the snapshot field."),
            table("id", "Snapshot ID."),
        );
        let nodes = crate::ingest::read_str("p.txt", &src, crate::ingest::Format::Text).nodes;
        let ts = tables(&nodes);
        assert_eq!(ts.len(), 4, "{nodes:#?}");
        let href = |t: &Table| t.rows[0].cells[2].links().next().map(|l| l.href.clone()).unwrap_or_default();
        assert_eq!(format!("#{}", ts[1].anchors[0]), href(ts[0]));
        assert_eq!(format!("#{}", ts[3].anchors[0]), href(ts[2]));
        assert_ne!(ts[1].anchors, ts[3].anchors);
    }

    /// A section title inside a description (`Examples`) does not end the table when a row of the
    /// table's width follows; a section followed by rows of another width does.
    #[test]
    fn section_titles_inside_descriptions_of_tabbed_rows() {
        let src = "Table 1 Request body parameters\nParameter\tMandatory\tType\tDescription\n\
                   user_data\tNo\tString\tUser data.\nExamples\nabc\n\
                   name\tYes\tString\tName.\nResponse\nReturned Values\tDescription\n400 Bad Request\tError.\n";
        let nodes = read(src);
        let t = tables(&nodes)[0];
        assert_eq!(t.rows.len(), 2, "{nodes:#?}");
        assert_eq!(texts(&t.rows[0].cells)[3], "User data.\nExamples\nabc");
        assert_eq!(texts(&t.rows[1].cells)[3], "Name.");
    }

    /// A type cell naming a numbered table by its caption links to it, as the page's type cell did;
    /// of two tables so captioned, the one after the cell's table; one-word names are left to names.
    #[test]
    fn type_cells_link_to_the_table_their_caption_names() {
        let table = |caption: &str, field: &str, kind: &str| {
            format!("{caption}\nParameter\tType\tDescription\n{field}\t{kind}\tThe {field}.\n")
        };
        let src = [
            table("Table 1 Request parameter", "groups", "Array of Firewall Group objects"),
            table("Table 2 Firewall Group objects", "id", "String"),
            table("Table 3 Response parameter", "group", "Firewall Group object"),
            table("Table 4 Firewall Group objects", "id", "String"),
            table("Table 5 subnet objects", "subnet", "subnet object"),
        ]
        .concat();
        let nodes = crate::ingest::read_str("p.txt", &src, crate::ingest::Format::Text).nodes;
        let ts = tables(&nodes);
        let link = |t: &Table| t.rows[0].cells[1].links().map(|l| (l.text.clone(), l.href.clone())).collect::<Vec<_>>();
        assert_eq!(link(ts[0]), [("Firewall Group".to_string(), "#table2".to_string())]);
        assert_eq!(link(ts[2]), [("Firewall Group".to_string(), "#table4".to_string())]);
        assert!(link(ts[4]).is_empty());
    }

    /// `Constraints:` alone on its line in the last row's description is the description's label,
    /// not the page's section (which is titled without a colon): the row keeps its labelled parts.
    #[test]
    fn label_lines_in_the_last_row_keep_the_description() {
        let src = "Table 2 Request body parameters\nParameter\tMandatory\tType\tDescription\n\
                   dry_run\tNo\tBoolean\tDefinition:\nCheck only.\nConstraints:\nN/A\nRange:\n\
                   true: Check.\nfalse: Send.\nDefault Value:\nfalse\nTable 3 firewall object\n\
                   Parameter\tType\tDescription\nid\tString\tID.\n";
        let nodes = read(src);
        let t = tables(&nodes)[0];
        assert_eq!(
            texts(&t.rows[0].cells)[3],
            "Definition:\nCheck only.\nConstraints:\nN/A\nRange:\n• true: Check.\n• false: Send.\nDefault Value:\nfalse"
        );
        assert_eq!(tables(&nodes).len(), 2);
    }

    /// A captioned table whose tab-separated header has one word the lexicon does not know.
    #[test]
    fn tabbed_header_with_one_unknown_word() {
        let src = "Table 2 floatingip objects\nAttribute\tType\tDescription\nstatus\tString\tStatus.\n";
        let t = tables(&read(src))[0].clone();
        assert_eq!(texts(&t.header), ["Attribute", "Type", "Description"]);
        assert_eq!(texts(&t.rows[0].cells), ["status", "String", "Status."]);
    }

    /// An empty cell is two tabs on one separator line.
    #[test]
    fn inner_text_empty_cell() {
        let src = "Table 1 Query parameters\n\nParameter\n\n\t\n\nMandatory\n\n\t\n\nType\n\n\t\n\nDescription\n\n\n\n\
                   limit\n\n\t\t\n\nInteger\n\n\t\n\nPage size.\n";
        let t = tables(&read(src))[0].clone();
        assert_eq!(texts(&t.rows[0].cells), ["limit", "", "Integer", "Page size."]);
    }

    #[test]
    fn title_after_chrome_sections_and_markers() {
        let src = "更新时间:2024-10-23 GMT+08:00\n分享\n\n创建节点池\n\n功能介绍\n\n创建节点池。\n\n响应参数\n\n状态码: 200\n\n  • 单独的列表项\n";
        let nodes = read(src);
        let summary: Vec<(String, Option<usize>)> = nodes
            .iter()
            .map(|n| {
                let k = match &n.kind {
                    NodeKind::Heading { level, .. } => format!("h{level}"),
                    NodeKind::Paragraph(_) => "p".into(),
                    NodeKind::ListItem { depth, .. } => format!("li{depth}"),
                    _ => "?".into(),
                };
                (format!("{k}:{}", n.text()), n.line)
            })
            .collect();
        let want = [
            ("p:更新时间:2024-10-23 GMT+08:00", 1),
            ("p:分享", 2),
            ("h1:创建节点池", 4),
            ("h2:功能介绍", 6),
            ("p:创建节点池。", 8),
            ("h2:响应参数", 10),
            ("p:状态码: 200", 12),
            ("li1:单独的列表项", 14),
        ];
        assert_eq!(summary, want.map(|(t, l)| (t.to_string(), Some(l))));
    }

    fn by_caption<'a>(ts: &[&'a Table], label: &str) -> &'a Table {
        ts.iter().find(|t| t.label.as_deref() == Some(label)).copied().unwrap_or_else(|| panic!("no {label}"))
    }

    /// Checks shared by the zh seed and its English twin.
    fn check_create_node_pool(src: &str, prefix: &str) -> Vec<Node> {
        let nodes = read(src);
        let ts = tables(&nodes);
        // 22 captioned tables plus the status-code table.
        assert_eq!(ts.len(), 23);
        assert_eq!(ts.iter().filter(|t| t.caption.is_some()).count(), 22);
        let n = |i: u32| format!("{prefix}{i}");
        assert_eq!(by_caption(&ts, &n(4)).caption.as_deref(), Some("CreateNodePoolAnnotations"));
        assert_eq!(by_caption(&ts, &n(4)).rows.len(), 7);
        assert_eq!(by_caption(&ts, &n(14)).rows.len(), 7);
        assert_eq!(by_caption(&ts, &n(6)).caption.as_deref(), Some("PoolResource"));
        assert_eq!(by_caption(&ts, &n(6)).rows.len(), 11);
        assert_eq!(by_caption(&ts, &n(16)).rows.len(), 11);
        let want_rows = [2, 4, 2, 7, 1, 11, 2, 3, 2, 3, 2, 4, 2, 7, 1, 11, 2, 3, 2, 3, 2, 2];
        let got_rows: Vec<usize> = (1..=22).map(|i| by_caption(&ts, &n(i)).rows.len()).collect();
        assert_eq!(got_rows, want_rows);
        for t in &ts {
            assert!(!t.rows.is_empty());
            for r in &t.rows {
                assert_eq!(r.cells.len(), t.header.len(), "{:?} row at {:?}", t.caption, r.line);
                assert!(!r.cells[0].text().is_empty());
            }
        }
        for i in 1..=11 {
            assert_eq!(by_caption(&ts, &n(i)).header.len(), 4);
        }
        for i in 12..=22 {
            assert_eq!(by_caption(&ts, &n(i)).header.len(), 3);
        }
        let status = ts.iter().find(|t| t.caption.is_none()).unwrap();
        assert_eq!(status.rows.iter().map(|r| r.cells[0].text()).collect::<Vec<_>>(), ["200", "400"]);
        let codes: Vec<&Node> = nodes.iter().filter(|n| matches!(n.kind, NodeKind::Code(_))).collect();
        assert_eq!(codes.len(), 3);
        for c in &codes {
            let v: serde_json::Value = serde_json::from_str(c.text()).unwrap_or_else(|e| panic!("{e}: {}", c.text()));
            assert!(v.is_object());
        }
        assert!(nodes.iter().all(|n| n.line.is_some()));
        assert!(matches!(&nodes[2].kind, NodeKind::Heading { level: 1, .. }));
        nodes
    }

    #[test]
    fn reads_the_zh_seed() {
        let nodes = check_create_node_pool(include_str!("../../tests/fixtures/readers/CreateNodePool.zh.txt"), "表");
        assert_eq!(nodes[2].text(), "创建节点池");
        assert_eq!(nodes[2].line, Some(4));
        let ts = tables(&nodes);
        let annotations = by_caption(&ts, "表4");
        assert_eq!(annotations.line, Some(102));
        let period = &annotations.rows[2];
        assert_eq!(period.line, Some(128));
        assert_eq!(texts(&period.cells[..3]), ["os.modelarts/period.type", "", "String"]);
        assert_eq!(
            period.cells[3].text(),
            "包周期订购类型。可选值如下:\n• 2:月\n• 3:年\n• 4:小时\n当计费模式为包周期时该参数必传。"
        );
        let codes: Vec<Option<usize>> =
            nodes.iter().filter(|n| matches!(n.kind, NodeKind::Code(_))).map(|n| n.line).collect();
        assert_eq!(codes, [Some(742), Some(770), Some(796)]);
        let headings: Vec<&str> =
            nodes.iter().filter(|n| matches!(n.kind, NodeKind::Heading { level: 2, .. })).map(Node::text).collect();
        assert_eq!(
            headings,
            ["功能介绍", "调试", "URI", "请求参数", "响应参数", "请求示例", "响应示例", "状态码", "错误码", "相关文档"]
        );
        let markers = nodes.iter().filter(|n| lexicon::status_marker(n.text()).is_some()).count();
        assert_eq!(markers, 4);
    }

    #[test]
    fn reads_the_english_twin() {
        let nodes =
            check_create_node_pool(include_str!("../../tests/fixtures/readers/CreateNodePool.en.txt"), "Table ");
        assert_eq!(nodes[2].text(), "Creating a Node Pool");
        let ts = tables(&nodes);
        let flags =
            |label: &str| -> Vec<String> { by_caption(&ts, label).rows.iter().map(|r| r.cells[1].text()).collect() };
        assert_eq!(flags("Table 2"), ["Yes"; 4]);
        assert_eq!(flags("Table 3"), ["Yes", "No"]);
        assert_eq!(flags("Table 6")[..4], ["Yes", "Yes", "Yes", "No"]);
        assert_eq!(flags("Table 8"), ["Yes", "No", "Yes"]);
        assert_eq!(by_caption(&ts, "Table 2").rows[0].cells[3].text(), "API version. Options:\n• v2");
        let headings: Vec<&str> =
            nodes.iter().filter(|n| matches!(n.kind, NodeKind::Heading { level: 2, .. })).map(Node::text).collect();
        assert_eq!(
            headings,
            [
                "Function",
                "Debugging",
                "URI",
                "Request Parameters",
                "Response Parameters",
                "Example Requests",
                "Example Responses",
                "Status Codes",
                "Error Codes",
                "Related Documents"
            ]
        );
    }

    #[test]
    fn reads_list_workspaces() {
        let nodes = read(include_str!("../../tests/fixtures/readers/ListWorkspaces.en.txt"));
        let ts = tables(&nodes);
        assert_eq!(ts.iter().map(|t| t.rows.len()).collect::<Vec<_>>(), [1, 7, 3, 11, 4]);
        let offset = &by_caption(&ts, "Table 2").rows[0];
        assert_eq!(
            offset.cells[3].text(),
            "Start page for pagination display. The default value is 0.\nMinimum: 0\nDefault: 0"
        );
        let order = &by_caption(&ts, "Table 2").rows[3];
        assert_eq!(order.cells[3].nodes.len(), 3);
        let desc_row = &by_caption(&ts, "Table 4").rows[2];
        assert_eq!(
            texts(&desc_row.cells),
            ["description", "String", "Workspace description. Enter 0 to 256 characters."]
        );
        assert!(
            matches!(&nodes[0].kind, NodeKind::Heading { level: 1, text } if text.text == "Querying a Workspace List")
        );
        let code = nodes.iter().find(|n| matches!(n.kind, NodeKind::Code(_))).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(code.text()).is_ok());
    }
}
