//! The Markdown reader (`pulldown-cmark` with GFM tables).
//!
//! - Headings, paragraphs, list items (with their nesting depth, 1-based) and
//!   fenced/indented code map one to one onto document nodes. A list item's
//!   first paragraph is the item; its later paragraphs follow as paragraphs.
//! - GFM pipe tables become [`Table`]s: the head row is the header; a cell's
//!   `<br>`-separated parts become separate paragraphs (a part starting with
//!   `• `/`- `/`* ` a list item); inline links are kept.
//! - Captions: a paragraph right before a table that splits as a numbered
//!   caption (`**Table 2** Request body parameters`, `表2 请求Body参数`) is the
//!   table's caption and label. Pandoc writes a pipe table's caption *after*
//!   it, so a caption paragraph right after an uncaptioned table is that
//!   table's when its number is the table's (`**Table 1** ...` after the first
//!   table), when it is pandoc's `: ...`/`Table: ...` form, or when no table
//!   follows; a repeat of a table's own caption is dropped. Sentences that start
//!   like a caption (`Table 1 describes the parameters.`) are paragraphs.
//! - Anchors: `<a name="X"></a>`, `<a id="X"></a>` and pandoc's `<span id="X"></span>`,
//!   inline or as HTML blocks, right before a table become its anchors.
//! - Raw HTML blocks holding a `<table>` (what pandoc writes when cells have
//!   several paragraphs or lists) are handed to the HTML reader and its nodes
//!   spliced in, line numbers shifted to the Markdown file. A table block that
//!   blank lines split into several Markdown blocks is taken whole, up to its
//!   closing `</table>`. Other HTML blocks with content go to the HTML reader
//!   too; empty wrappers (`<div>`, `</div>`) and comments are skipped.
//!
//! Every node carries the 1-based line where it starts.

use super::model::{normalize_ws, Cell, Line, Link, Node, NodeKind, Row, Table, Text};
use crate::lexicon;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Read a markdown page into document nodes.
pub fn read(src: &str) -> Vec<Node> {
    let mut reader = Reader::new(src);
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(src, Options::ENABLE_TABLES).into_offset_iter().collect();
    for (event, range) in events {
        if reader.skip.as_ref().is_some_and(|s| range.start >= s.start && range.start < s.end) {
            continue;
        }
        reader.event(event, range);
    }
    reader.finish()
}

/// A list item being read: its first paragraph (or its tight text) becomes the item.
struct Item {
    depth: u8,
    line: Line,
    emitted: bool,
}

/// A caption paragraph whose table has not been seen yet.
struct PendingCaption {
    label: String,
    caption: String,
    /// The paragraph, emitted as is when no table claims the caption.
    node: Node,
    /// The uncaptioned table right before the caption, which may own it
    /// (pandoc writes a pipe table's caption after the table).
    after: Option<usize>,
}

/// A table being read.
struct TableBuild {
    line: Line,
    header: Vec<Cell>,
    rows: Vec<Row>,
    row: Vec<Cell>,
    row_line: Line,
}

/// What the inline text being gathered belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Paragraph,
    Heading(u8),
    Item,
    Cell,
}

struct Reader<'a> {
    src: &'a str,
    /// `src` ASCII-lowercased, for finding tags.
    lower: String,
    line_starts: Vec<usize>,
    out: Vec<Node>,
    list_depth: u8,
    items: Vec<Item>,
    inline: Option<(Target, Line, Inline)>,
    code: Option<(Line, String)>,
    table: Option<TableBuild>,
    /// A caption paragraph waiting for its table.
    pending_caption: Option<PendingCaption>,
    /// Tables emitted so far (caption numbers count them).
    tables: usize,
    /// Anchors waiting for the next table.
    pending_anchors: Vec<String>,
    /// Index in `out` of the table just emitted, while nothing else followed it.
    last_table: Option<usize>,
    /// Source range of a raw HTML table already handed to the HTML reader.
    skip: Option<Range<usize>>,
}

impl<'a> Reader<'a> {
    fn new(src: &'a str) -> Self {
        let line_starts = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Reader {
            src,
            lower: src.to_ascii_lowercase(),
            line_starts,
            out: Vec::new(),
            list_depth: 0,
            items: Vec::new(),
            inline: None,
            code: None,
            table: None,
            pending_caption: None,
            tables: 0,
            pending_anchors: Vec::new(),
            last_table: None,
            skip: None,
        }
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> Line {
        Some(self.line_starts.partition_point(|&s| s <= offset))
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let line = self.line(range.start);
        match event {
            Event::Start(tag) => self.start(tag, range, line),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some((_, code)) = self.code.as_mut() {
                    code.push_str(&t);
                } else {
                    self.inline_mut(line).push_text(&t);
                }
            }
            Event::Code(t) => self.inline_mut(line).push_text(&t),
            Event::SoftBreak => self.inline_mut(line).push_text(" "),
            Event::HardBreak => self.inline_mut(line).split(),
            Event::InlineHtml(html) => self.inline_mut(line).push_html(&html),
            // Only inside HTML blocks, which are read whole at their start.
            Event::Html(_) => {}
            Event::Rule
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    /// The inline buffer, opening one for stray inline content (a tight list item's text).
    fn inline_mut(&mut self, line: Line) -> &mut Inline {
        let target = if self.items.last().is_some_and(|i| !i.emitted) { Target::Item } else { Target::Paragraph };
        &mut self.inline.get_or_insert_with(|| (target, line, Inline::default())).2
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>, line: Line) {
        match tag {
            Tag::Paragraph => {
                let in_item = self.items.last().is_some_and(|i| !i.emitted);
                let item_text_pending =
                    self.inline.as_ref().is_some_and(|(t, _, buf)| *t == Target::Item && !buf.is_empty());
                if !in_item || item_text_pending {
                    self.flush_item_text();
                }
                let target =
                    if self.items.last().is_some_and(|i| !i.emitted) { Target::Item } else { Target::Paragraph };
                self.inline = Some((target, line, Inline::default()));
            }
            Tag::Heading { level, .. } => {
                self.flush_item_text();
                self.inline = Some((Target::Heading(level as u8), line, Inline::default()));
            }
            Tag::List(_) => {
                self.flush_item_text();
                self.list_depth = self.list_depth.saturating_add(1);
            }
            Tag::Item => {
                self.flush_item_text();
                self.items.push(Item { depth: self.list_depth.max(1), line, emitted: false });
            }
            Tag::CodeBlock(_) => {
                self.flush_item_text();
                self.code = Some((line, String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_item_text();
                self.html_block(range);
            }
            Tag::Table(_) => {
                self.flush_item_text();
                self.table =
                    Some(TableBuild { line, header: Vec::new(), rows: Vec::new(), row: Vec::new(), row_line: line });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.row = Vec::new();
                    t.row_line = line;
                }
            }
            Tag::TableCell => self.inline = Some((Target::Cell, line, Inline::default())),
            Tag::Link { dest_url, .. } => self.inline_mut(line).open_link(&dest_url),
            Tag::Image { .. } => self.inline_mut(line).images += 1,
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => self.flush_item_text(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if let Some((target, line, buf)) = self.inline.take() {
                    let parts = buf.finish();
                    if target == Target::Item {
                        self.emit_item(parts.texts, line);
                    } else {
                        self.paragraph(parts, line);
                    }
                }
            }
            TagEnd::Heading(_) => {
                if let Some((Target::Heading(level), line, buf)) = self.inline.take() {
                    let parts = buf.finish();
                    let text = join_texts(parts.texts);
                    if !text.text.is_empty() {
                        self.push(NodeKind::Heading { level, text }, line);
                    }
                }
            }
            TagEnd::List(_) => {
                self.flush_item_text();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::Item => {
                self.flush_item_text();
                self.items.pop();
            }
            TagEnd::CodeBlock => {
                if let Some((line, code)) = self.code.take() {
                    let code = code.trim_end_matches(['\n', '\r']).to_string();
                    if !code.trim().is_empty() {
                        self.push(NodeKind::Code(code), line);
                    }
                }
            }
            TagEnd::TableCell => {
                if let Some((_, line, buf)) = self.inline.take() {
                    let cell = cell_of(buf.finish().texts, line);
                    if let Some(t) = self.table.as_mut() {
                        t.row.push(cell);
                    }
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let cells = std::mem::take(&mut t.row);
                    t.rows.push(Row { cells, line: t.row_line });
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    let table = Table { header: t.header, rows: t.rows, line: t.line, ..Default::default() };
                    self.push_table(table, t.line);
                }
            }
            TagEnd::Link => {
                if let Some((_, _, buf)) = self.inline.as_mut() {
                    buf.close_link();
                }
            }
            TagEnd::Image => {
                if let Some((_, _, buf)) = self.inline.as_mut() {
                    buf.images = buf.images.saturating_sub(1);
                }
            }
            _ => {}
        }
    }

    /// Text gathered directly inside a list item (tight lists) becomes the item.
    fn flush_item_text(&mut self) {
        if self.inline.as_ref().is_some_and(|(t, _, _)| *t == Target::Item) {
            if let Some((_, line, buf)) = self.inline.take() {
                self.emit_item(buf.finish().texts, line);
            }
        }
    }

    /// The open item's first paragraph: its first part is the item, the rest paragraphs.
    fn emit_item(&mut self, texts: Vec<Text>, line: Line) {
        let Some(item) = self.items.last_mut() else {
            for text in texts {
                self.push(NodeKind::Paragraph(text), line);
            }
            return;
        };
        item.emitted = true;
        let (depth, item_line) = (item.depth, item.line.or(line));
        let mut texts = texts.into_iter();
        if let Some(first) = texts.next() {
            self.push(NodeKind::ListItem { depth, text: first }, item_line);
        }
        for text in texts {
            self.push(NodeKind::Paragraph(text), line);
        }
    }

    /// A finished top-level paragraph: anchors, a caption, or text.
    fn paragraph(&mut self, parts: Parts, line: Line) {
        self.pending_anchors.extend(parts.anchors);
        if parts.texts.is_empty() {
            return;
        }
        if let [text] = parts.texts.as_slice() {
            if self.caption_after_table(&text.text) {
                return;
            }
            if let Some((label, caption)) = caption(&text.text) {
                self.flush_pending_caption();
                let node = Node::new(NodeKind::Paragraph(text.clone()), line);
                let after = self.last_table.filter(|&i| self.table_at(i).is_some_and(|t| t.caption.is_none()));
                self.pending_caption = Some(PendingCaption { label, caption, node, after });
                self.last_table = None;
                return;
            }
        }
        for text in parts.texts {
            self.push(NodeKind::Paragraph(text), line);
        }
    }

    fn table_at(&self, idx: usize) -> Option<&Table> {
        match self.out.get(idx) {
            Some(Node { kind: NodeKind::Table(t), .. }) => Some(t),
            _ => None,
        }
    }

    fn table_at_mut(&mut self, idx: usize) -> Option<&mut Table> {
        match self.out.get_mut(idx) {
            Some(Node { kind: NodeKind::Table(t), .. }) => Some(t),
            _ => None,
        }
    }

    /// A caption paragraph right after a table that belongs to it: pandoc's
    /// `: Table 2 ...` / `Table: ...`, a caption whose number is that table's
    /// (`**Table 1** Path parameters` after the first table), or a repeat of
    /// the caption the table already has (pandoc repeats HTML captions).
    fn caption_after_table(&mut self, text: &str) -> bool {
        let Some(idx) = self.last_table else {
            return false;
        };
        let tables = self.tables;
        let Some(table) = self.table_at_mut(idx) else {
            return false;
        };
        let pandoc = text.strip_prefix(':').or_else(|| lexicon::strip_prefix_ci(text, "Table:")).map(str::trim);
        let split = caption(pandoc.unwrap_or(text));
        let claimed = match (&table.caption, pandoc, &split) {
            (Some(_), _, Some((label, caption))) => {
                table.label.as_deref() == Some(label.as_str()) && table.caption.as_deref() == Some(caption.as_str())
            }
            (Some(_), _, None) => false,
            (None, Some(rest), _) if !rest.is_empty() => {
                set_caption(table, rest);
                true
            }
            (None, _, Some((label, _))) if caption_number(label) == Some(tables) => {
                set_caption(table, text);
                true
            }
            _ => false,
        };
        if claimed {
            self.last_table = None;
        }
        claimed
    }

    /// A waiting caption no table claimed: it belongs to the table before it, or is a paragraph.
    fn flush_pending_caption(&mut self) {
        if let Some(p) = self.pending_caption.take() {
            match p.after.and_then(|i| self.table_at_mut(i)).filter(|t| t.caption.is_none()) {
                Some(table) => {
                    table.label = Some(p.label);
                    table.caption = Some(p.caption);
                }
                None => self.out.push(p.node),
            }
        }
    }

    /// Push a non-table node: a waiting caption was just a paragraph, waiting anchors are dropped.
    fn push(&mut self, kind: NodeKind, line: Line) {
        self.flush_pending_caption();
        self.pending_anchors.clear();
        self.last_table = None;
        self.out.push(Node::new(kind, line));
    }

    /// Push a table, giving it the waiting caption and anchors.
    fn push_table(&mut self, mut table: Table, line: Line) {
        if table.caption.is_none() {
            if let Some(p) = self.pending_caption.take() {
                table.label = Some(p.label);
                table.caption = Some(p.caption);
            }
        } else {
            // The table has its own caption: a waiting one was the previous table's.
            self.flush_pending_caption();
        }
        let mut anchors = std::mem::take(&mut self.pending_anchors);
        anchors.append(&mut table.anchors);
        table.anchors = anchors;
        self.out.push(Node::new(NodeKind::Table(table), line));
        self.tables += 1;
        self.last_table = Some(self.out.len() - 1);
    }

    /// An HTML block: anchors before a table, or content for the HTML reader.
    /// A `<table>` is read whole, up to its closing tag, even when blank lines
    /// inside it made Markdown split it into several blocks.
    fn html_block(&mut self, range: Range<usize>) {
        let Some(block) = self.src.get(range.clone()) else {
            return;
        };
        let end = if contains_ci(block, "<table") {
            table_end(&self.lower, range.start).map_or(range.end, |e| e.max(range.end))
        } else {
            range.end
        };
        self.skip = Some(range.start..end);
        let Some(fragment) = self.src.get(range.start..end) else {
            return;
        };
        if strip_tags(fragment).trim().is_empty() && !contains_ci(fragment, "<table") {
            // `<a name="X"></a>` lines, comments, empty wrappers.
            self.pending_anchors.extend(anchor_names(fragment));
            return;
        }
        let offset = self.line(range.start).unwrap_or(1) - 1;
        for mut node in super::html::read(fragment) {
            shift_lines(&mut node, offset);
            match node.kind {
                NodeKind::Table(table) => self.push_table(table, node.line),
                kind => self.push(kind, node.line),
            }
        }
    }

    fn finish(mut self) -> Vec<Node> {
        if let Some((target, line, buf)) = self.inline.take() {
            let parts = buf.finish();
            if target == Target::Item {
                self.emit_item(parts.texts, line);
            } else {
                self.paragraph(parts, line);
            }
        }
        self.flush_pending_caption();
        self.out
    }
}

/// A numbered table caption (`表2 请求Body参数`, `Table 2 Request body parameters`),
/// split into label and title. A sentence that starts like one (`Table 1 describes
/// the parameters.`) is not a caption.
fn caption(s: &str) -> Option<(String, String)> {
    lexicon::split_caption(s)
}

/// Byte offset of the end of the line holding the `</table>` that closes the
/// table opened at or after `start`; `None` when it never closes. `lower` is
/// the whole source, ASCII-lowercased (same byte offsets).
fn table_end(lower: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut pos = start;
    loop {
        let rest = lower.get(pos..)?;
        let rel = [rest.find("<table"), rest.find("</table")].into_iter().flatten().min()?;
        let at = pos + rel;
        let closing = lower.get(at..).is_some_and(|r| r.starts_with("</table"));
        let tag_end = lower.get(at..).and_then(|r| r.find('>')).map_or(lower.len(), |e| at + e + 1);
        if closing {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(lower.get(tag_end..).and_then(|r| r.find('\n')).map_or(lower.len(), |e| tag_end + e));
            }
        } else {
            depth += 1;
        }
        pos = tag_end;
    }
}

/// Add `offset` to every line number in a node (tables: their rows and cells too).
fn shift_lines(node: &mut Node, offset: usize) {
    shift(&mut node.line, offset);
    if let NodeKind::Table(t) = &mut node.kind {
        shift(&mut t.line, offset);
        for cell in &mut t.header {
            cell.nodes.iter_mut().for_each(|n| shift_lines(n, offset));
        }
        for row in &mut t.rows {
            shift(&mut row.line, offset);
            for cell in &mut row.cells {
                cell.nodes.iter_mut().for_each(|n| shift_lines(n, offset));
            }
        }
    }
}

fn shift(line: &mut Line, offset: usize) {
    if let Some(l) = line.as_mut() {
        *l += offset;
    }
}

fn set_caption(table: &mut Table, text: &str) {
    match lexicon::split_caption(text) {
        Some((label, caption)) => {
            table.label = Some(label);
            table.caption = Some(caption);
        }
        None => table.caption = Some(text.to_string()),
    }
}

/// A table cell from its `<br>`-separated parts; `• x` parts are list items.
fn cell_of(texts: Vec<Text>, line: Line) -> Cell {
    let nodes = texts
        .into_iter()
        .map(|text| {
            let bullet = ["• ", "- ", "* ", "◦ "].iter().find_map(|b| text.text.strip_prefix(b));
            let kind = match bullet {
                Some(rest) => {
                    let depth = if text.text.starts_with('◦') { 2 } else { 1 };
                    NodeKind::ListItem {
                        depth,
                        text: Text { text: rest.trim().to_string(), links: text.links.clone() },
                    }
                }
                None => NodeKind::Paragraph(text),
            };
            Node::new(kind, line)
        })
        .collect();
    Cell { nodes }
}

fn join_texts(texts: Vec<Text>) -> Text {
    let mut out = Text::default();
    for t in texts {
        if !out.text.is_empty() {
            out.text.push(' ');
        }
        out.text.push_str(&t.text);
        out.links.extend(t.links);
    }
    out
}

fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_ascii_lowercase().contains(needle)
}

/// Anchors named by the tags in a piece of HTML.
fn anchor_names(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tail = rest.get(at + 1..).unwrap_or_default();
        let end = tail.find('>').unwrap_or(tail.len());
        out.extend(tag_anchors(tail.get(..end).unwrap_or_default()));
        rest = tail.get(end..).unwrap_or_default();
    }
    out
}

/// The anchors an opening tag names: `a name="X"` / `a id="X"` without an href,
/// `span id="X"` (pandoc's rendering of those). `tag` is the text between `<` and `>`.
fn tag_anchors(tag: &str) -> Vec<String> {
    let tag = tag.trim_end_matches('/');
    let name_len = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
    let (name, attrs) = tag.split_at(name_len);
    let anchor_tag =
        name.eq_ignore_ascii_case("span") || (name.eq_ignore_ascii_case("a") && attr(attrs, "href").is_none());
    if !anchor_tag {
        return Vec::new();
    }
    ["name", "id"].iter().filter_map(|k| attr(attrs, k)).collect()
}

/// The number of a caption label: `Table 3` -> 3, `表12` -> 12.
fn caption_number(label: &str) -> Option<usize> {
    let digits: String = label.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The value of attribute `name` in the inside of a tag (`a name="x" id='y'`).
fn attr(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut search = 0;
    while let Some(rel) = lower.get(search..).and_then(|r| r.find(name)) {
        let at = search + rel;
        search = at + name.len();
        let before_ok = at == 0 || lower.get(..at).is_some_and(|b| b.ends_with(|c: char| c.is_whitespace()));
        let after = attrs.get(at + name.len()..)?.trim_start();
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !before_ok {
            continue;
        }
        let quote = value.chars().next()?;
        let v = if quote == '"' || quote == '\'' {
            let inner = value.get(1..)?;
            inner.get(..inner.find(quote)?)?
        } else {
            value.get(..value.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(value.len()))?
        };
        return Some(v.to_string());
    }
    None
}

/// Text of a piece of HTML with tags and comments removed.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Inline content being gathered; `<br>` splits it into parts.
#[derive(Default)]
struct Inline {
    parts: Vec<Text>,
    raw: String,
    links: Vec<Link>,
    /// Open links: (byte position in `raw`, href).
    open: Vec<(usize, String)>,
    /// Open `<a href>` written as inline HTML.
    html_links: usize,
    anchors: Vec<String>,
    /// Inside an image: its alt text is not content.
    images: usize,
    /// Inside a Sphinx permalink (`<a class="headerlink">¶</a>`, which pandoc keeps as inline HTML).
    permalink: bool,
}

/// What an inline buffer yields.
struct Parts {
    texts: Vec<Text>,
    anchors: Vec<String>,
}

impl Inline {
    fn is_empty(&self) -> bool {
        self.raw.trim().is_empty() && self.parts.is_empty()
    }

    fn push_text(&mut self, t: &str) {
        if self.images == 0 && !self.permalink {
            self.raw.push_str(t);
        }
    }

    fn open_link(&mut self, href: &str) {
        self.open.push((self.raw.len(), href.to_string()));
    }

    fn close_link(&mut self) {
        if let Some((start, href)) = self.open.pop() {
            let text = normalize_ws(self.raw.get(start..).unwrap_or_default());
            self.links.push(Link { text, href });
        }
    }

    fn push_html(&mut self, html: &str) {
        let tag = html.trim().trim_start_matches('<').trim_end_matches('>');
        let closing = tag.starts_with('/');
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            "br" => self.split(),
            "a" if closing && self.permalink => self.permalink = false,
            "a" if !closing
                && attr(tag.get(name.len()..).unwrap_or_default(), "class")
                    .is_some_and(|c| c.split_whitespace().any(|c| c == "headerlink")) =>
            {
                self.permalink = true;
            }
            "a" if closing && self.html_links > 0 => {
                self.html_links -= 1;
                self.close_link();
            }
            "a" if closing => {}
            "a" | "span" if !closing => match attr(tag.get(name.len()..).unwrap_or_default(), "href") {
                Some(href) if name == "a" => {
                    self.html_links += 1;
                    self.open_link(&href);
                }
                _ => self.anchors.extend(tag_anchors(tag)),
            },
            _ => {}
        }
    }

    /// End the current part (`<br>`).
    fn split(&mut self) {
        while !self.open.is_empty() {
            self.close_link();
        }
        let text = normalize_ws(&std::mem::take(&mut self.raw));
        let links = std::mem::take(&mut self.links);
        if !text.is_empty() {
            self.parts.push(Text { text, links });
        }
    }

    fn finish(mut self) -> Parts {
        self.split();
        Parts { texts: self.parts, anchors: self.anchors }
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::ingest::model::tables;

    fn texts(cells: &[Cell]) -> Vec<String> {
        cells.iter().map(Cell::text).collect()
    }

    /// (kind, text, line) of each node, for compact assertions.
    fn outline(nodes: &[Node]) -> Vec<(String, Option<usize>)> {
        nodes
            .iter()
            .map(|n| {
                let k = match &n.kind {
                    NodeKind::Heading { level, .. } => format!("h{level}"),
                    NodeKind::Paragraph(_) => "p".into(),
                    NodeKind::ListItem { depth, .. } => format!("li{depth}"),
                    NodeKind::Code(_) => "code".into(),
                    NodeKind::Table(t) => format!("table[{}]", t.caption.as_deref().unwrap_or("")),
                };
                (format!("{k}:{}", n.text()), n.line)
            })
            .collect()
    }

    const GFM: &str = "# Creating a Dataset

#### URI

POST /v2/{project_id}/datasets

<a name=\"CreateDataset__request_Label\"></a><a id=\"request_Label\"></a>

**Table 3** Label

| Parameter | Mandatory | Type | Description |
|---|---|---|---|
| attributes | No | Array of [LabelAttribute](#CreateDataset__request_LabelAttribute) objects | Attributes. Options:<br>• **0**: image<br>• **1**: text |
| name | Yes | String | Name<br/>second line |

Text after.

- one
  - nested `code`
- two

  second paragraph

```json
{
  \"a\" : 1
}
```
";

    #[test]
    fn gfm_tables_with_caption_anchors_breaks_and_links() {
        let nodes = read(GFM);
        let t = tables(&nodes)[0];
        assert_eq!((t.label.as_deref(), t.caption.as_deref()), (Some("Table 3"), Some("Label")));
        assert_eq!(t.anchors, ["CreateDataset__request_Label", "request_Label"]);
        assert_eq!(texts(&t.header), ["Parameter", "Mandatory", "Type", "Description"]);
        assert_eq!(t.rows.len(), 2);
        let attr = &t.rows[0];
        assert_eq!(texts(&attr.cells[..3]), ["attributes", "No", "Array of LabelAttribute objects"]);
        let link = attr.cells[2].links().next().unwrap();
        assert_eq!(
            (link.text.as_str(), link.href.as_str()),
            ("LabelAttribute", "#CreateDataset__request_LabelAttribute")
        );
        assert_eq!(attr.cells[3].text(), "Attributes. Options:\n• 0: image\n• 1: text");
        assert!(matches!(attr.cells[3].nodes[1].kind, NodeKind::ListItem { depth: 1, .. }));
        assert_eq!(t.rows[1].cells[3].text(), "Name\nsecond line");
        assert_eq!((t.line, attr.line, t.rows[1].line), (Some(11), Some(13), Some(14)));
        assert_eq!(attr.cells[3].nodes[2].line, Some(13));
    }

    #[test]
    fn headings_paragraphs_lists_and_code_with_lines() {
        let got = outline(&read(GFM));
        let want: Vec<(String, Option<usize>)> = [
            ("h1:Creating a Dataset", 1),
            ("h4:URI", 3),
            ("p:POST /v2/{project_id}/datasets", 5),
            ("table[Label]:", 11),
            ("p:Text after.", 16),
            ("li1:one", 18),
            ("li2:nested code", 19),
            ("li1:two", 20),
            ("p:second paragraph", 22),
            ("code:{\n  \"a\" : 1\n}", 24),
        ]
        .iter()
        .map(|(t, l)| (t.to_string(), Some(*l)))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_caption_without_a_table_stays_a_paragraph_and_pandoc_captions_follow_tables() {
        let nodes = read("表2 请求Body参数\n\n正文。\n\n| 参数 | 参数类型 | 描述 |\n|---|---|---|\n| a | String | d |\n\n: 表3 响应Body参数\n");
        let got = outline(&nodes);
        assert_eq!(got[0], ("p:表2 请求Body参数".to_string(), Some(1)));
        assert_eq!(got[1].0, "p:正文。");
        let t = tables(&nodes)[0];
        assert_eq!((t.label.as_deref(), t.caption.as_deref()), (Some("表3"), Some("响应Body参数")));
        assert_eq!(nodes.len(), 3);
    }

    #[test]
    fn tight_and_loose_items_and_anchors_dropped_before_non_tables() {
        let nodes = read("<a name=\"x\"></a>\n\n## 请求示例\n\n1. first\n\n   more\n2. second\n");
        let got: Vec<String> = outline(&nodes).into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, ["h2:请求示例", "li1:first", "p:more", "li1:second"]);
    }

    /// pandoc keeps Sphinx's permalink marks as inline HTML: they are not part of the heading.
    #[test]
    fn sphinx_permalinks_are_not_content() {
        let md =
            "## URI<a href=\"#uri\" class=\"headerlink\" title=\"Link\">¶</a>\n\nSee <a href=\"#t1\">Table 1</a>.\n";
        let nodes = read(md);
        assert_eq!(nodes[0].kind, NodeKind::Heading { level: 2, text: Text::plain("URI") });
        let NodeKind::Paragraph(p) = &nodes[1].kind else { panic!("{nodes:?}") };
        assert_eq!((p.text.as_str(), p.links[0].href.as_str()), ("See Table 1.", "#t1"));
    }

    #[test]
    fn raw_html_tables_go_to_the_html_reader_with_shifted_lines() {
        let src = "## Request\n\n**Table 2** Query parameters\n\n<table>\n<tr><th>Parameter</th><th>Type</th><th>Description</th></tr>\n<tr><td>offset</td><td>Integer</td><td><p>Start.</p>\n\n<p>Minimum: 0</p></td></tr>\n</table>\n\nAfter.\n";
        let nodes = read(src);
        let got: Vec<String> = outline(&nodes).into_iter().map(|(t, _)| t).collect();
        assert_eq!(got, ["h2:Request", "table[Query parameters]:", "p:After."]);
        let t = tables(&nodes)[0];
        assert_eq!(t.label.as_deref(), Some("Table 2"));
        assert_eq!(t.line, Some(5));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, Some(7));
        assert_eq!(texts(&t.rows[0].cells), ["offset", "Integer", "Start.\nMinimum: 0"]);
        assert_eq!(nodes[2].line, Some(12));
    }

    #[test]
    fn line_offsets_and_table_ends() {
        let src = "a\n<table>\n<table></table>\n</table> x\nb\n\nc";
        let start = src.find("<table>").unwrap();
        assert_eq!(table_end(src, start), src.find("\nb"));
        assert_eq!(table_end("<table><tr>", 0), None);
        let mut node = Node::new(
            NodeKind::Table(Table {
                line: Some(1),
                rows: vec![Row { cells: vec![Cell::from_text("x", Some(2))], line: Some(2) }],
                ..Default::default()
            }),
            Some(1),
        );
        shift_lines(&mut node, 10);
        let NodeKind::Table(t) = &node.kind else { panic!() };
        assert_eq!(
            (node.line, t.line, t.rows[0].line, t.rows[0].cells[0].nodes[0].line),
            (Some(11), Some(11), Some(12), Some(12))
        );
        assert_eq!(anchor_names(r#"<a name="A"></a><a id='B'></a><a href="x">l</a>"#), ["A", "B"]);
    }

    #[test]
    fn reads_list_workspaces_with_gfm_and_raw_html_tables() {
        let nodes = read(include_str!("../../tests/fixtures/readers/ListWorkspaces.md"));
        let ts = tables(&nodes);
        let summary: Vec<(Option<&str>, Option<&str>, usize, usize)> =
            ts.iter().map(|t| (t.label.as_deref(), t.caption.as_deref(), t.header.len(), t.rows.len())).collect();
        assert_eq!(
            summary,
            [
                (Some("Table 1"), Some("Path parameters"), 4, 1),
                (Some("Table 2"), Some("Query parameters"), 4, 7),
                (Some("Table 3"), Some("Response body parameters"), 3, 3),
                (Some("Table 4"), Some("workspacePropertiesWithoutGrants"), 3, 11),
                (None, None, 2, 4),
            ]
        );
        assert_eq!(
            ts[3].anchors,
            ["ListWorkspaces__response_workspacePropertiesWithoutGrants", "response_workspacePropertiesWithoutGrants"]
        );
        assert_eq!(ts[2].anchors, ["ListWorkspaces__response_listWorkspacesResp"]);
        assert_eq!(ts[4].anchors, ["ListWorkspaces__status_code"]);
        assert!(ts[0].anchors.is_empty() && ts[1].anchors.is_empty());
        assert_eq!(
            ts[1].rows[0].cells[3].text(),
            "Start page for pagination display. The default value is 0.\nMinimum: 0\nDefault: 0"
        );
        assert_eq!(
            ts[1].rows[3].cells[3].text(),
            "Query sequence. Options:\n• asc: ascending order\n• desc: descending order (default value)"
        );
        assert_eq!(
            ts[2].rows[2].cells[1].links().next().map(|l| l.href.as_str()),
            Some("#ListWorkspaces__response_workspacePropertiesWithoutGrants")
        );
        assert!(ts.iter().all(|t| t.rows.iter().all(|r| r.cells.len() == t.header.len())));
        // Lines point into the Markdown file, also inside raw HTML tables.
        let src = include_str!("../../tests/fixtures/readers/ListWorkspaces.md");
        let line_of = |needle: &str| src.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        assert_eq!(ts[1].line, line_of("<table>"));
        assert_eq!(ts[1].rows[0].line, line_of("<td><p>offset</p></td>").map(|l| l - 1));
        assert_eq!(ts[0].rows[0].line, line_of("| project_id |"));
        let code: Vec<&Node> = nodes.iter().filter(|n| matches!(n.kind, NodeKind::Code(_))).collect();
        assert_eq!(code.len(), 2);
        assert!(code[0].text().starts_with("GET https://"));
        assert!(serde_json::from_str::<serde_json::Value>(code[1].text()).is_ok());
        assert!(
            matches!(&nodes[0].kind, NodeKind::Heading { level: 1, text } if text.text == "Querying a Workspace List")
        );
        assert!(nodes.iter().all(|n| n.line.is_some()));
    }
}
