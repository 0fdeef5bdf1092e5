//! The HTML reader (`scraper`): exported help-center pages and full published
//! pages. Site chrome (navigation, header, footer, scripts) is skipped; when
//! the page has an `<article>` or `<main>`, only that is read.

use super::model::{is_normalized, normalize_ws, Cell, Line, Link, Node, NodeKind, Row, Table, Text};
use crate::lexicon;
use scraper::{ElementRef, Html, Node as DomNode};

/// Elements whose content is never part of the documentation.
const CHROME: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select", "svg", "iframe",
    "template", "head", "title", "meta", "link",
];

/// Elements that hold inline content (gathered into one paragraph).
const INLINE: &[&str] = &[
    "a", "b", "strong", "i", "em", "span", "code", "sup", "sub", "u", "font", "small", "big", "tt", "kbd", "var",
    "abbr", "cite", "q", "samp", "mark", "del", "ins", "s", "label", "img", "wbr",
];

/// Tables nested inside cells deeper than this are flattened to text.
const MAX_TABLE_DEPTH: usize = 4;

/// Elements nested deeper than this are read as plain text (no recursion),
/// so a hostile page cannot exhaust the stack.
const MAX_NESTING: usize = 256;

/// Pages nested deeper than this are refused before parsing: the HTML parser's
/// cost grows with depth squared, so a hostile page could stall the run.
pub const MAX_DEPTH: usize = 512;

/// How deeply the page's tags nest (a cheap scan, no parsing).
pub fn nesting_depth(src: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = src.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes.get(i..).and_then(|b| memchr::memchr(b'<', b)) {
        i += off + 1;
        let rest = bytes.get(i..).unwrap_or(&[]);
        if rest.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        // The tag name compared in place (no String per tag: this runs over every tag of every page).
        let len = rest.iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'!').count();
        let name = rest.get(..len).unwrap_or(&[]);
        if name.first().is_none_or(|&c| c == b'!') || is_void(name) {
            continue;
        }
        let self_closing = memchr::memchr(b'>', rest).is_some_and(|end| end > 0 && rest.get(end - 1) == Some(&b'/'));
        if !self_closing {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// A void element's tag name (`br`, `IMG` ...; no end tag), lower-cased into a small buffer
/// once and matched at once (this runs for every tag of every page).
fn is_void(name: &[u8]) -> bool {
    let mut buf = [0u8; 6];
    if name.len() > buf.len() {
        return false;
    }
    for (d, c) in buf.iter_mut().zip(name) {
        *d = c.to_ascii_lowercase();
    }
    matches!(
        buf.get(..name.len()).unwrap_or(&[]),
        b"br"
            | b"img"
            | b"hr"
            | b"meta"
            | b"link"
            | b"input"
            | b"col"
            | b"area"
            | b"base"
            | b"wbr"
            | b"source"
            | b"param"
            | b"embed"
            | b"track"
            | b"!"
    )
}

/// Read an HTML page or fragment into document nodes. A page nested deeper
/// than [`MAX_DEPTH`] yields nothing (callers report it; see `ingest::read_file`).
pub fn read(src: &str) -> Vec<Node> {
    if nesting_depth(src) > MAX_DEPTH {
        return Vec::new();
    }
    read_checked(src)
}

/// [`read`] of a page whose [`nesting_depth`] the caller has checked (`ingest::read_file`
/// refuses deeper pages with a diagnostic; scanning again would cost a pass over every page).
pub(crate) fn read_checked(src: &str) -> Vec<Node> {
    let html = Html::parse_document(src);
    let root = article_root(&html).unwrap_or_else(|| html.root_element());
    let mut walker =
        Walker { lines: LineLocator::new(src), out: Vec::new(), pending_anchors: Vec::new(), depth: 0, nesting: 0 };
    walker.block_children(root, 0);
    walker.out
}

/// The article element of a full published page, if it has one: the first `article` with
/// text, else the first `main`, else the first `[role=main]` (in the order `Html::select`
/// visits nodes), found in one pass over the nodes instead of one selector pass each.
fn article_root(html: &Html) -> Option<ElementRef<'_>> {
    let mut found: [Option<ElementRef<'_>>; 3] = [None; 3];
    for el in html.tree.nodes().filter_map(ElementRef::wrap).filter(|e| e.parent().is_some()) {
        let v = el.value();
        let hits = [v.name() == "article", v.name() == "main", attr(v, "role") == Some("main")];
        for (slot, hit) in found.iter_mut().zip(hits) {
            if hit && slot.is_none() && el.text().any(|t| !t.trim().is_empty()) {
                *slot = Some(el);
            }
        }
        if found.first().is_some_and(Option::is_some) {
            break;
        }
    }
    found.into_iter().flatten().next()
}

struct Walker<'s> {
    lines: LineLocator<'s>,
    out: Vec<Node>,
    /// `<a name>`/`<a id>` anchors seen since the last content; they name the next table.
    pending_anchors: Vec<String>,
    depth: usize,
    /// Element nesting of the current walk (see [`MAX_NESTING`]).
    nesting: usize,
}

impl Walker<'_> {
    /// Walk the children of a block element, emitting block nodes to `self.out`.
    fn block_children(&mut self, el: ElementRef<'_>, list_depth: u8) {
        let mut inline = InlineBuf::default();
        for child in el.children() {
            match child.value() {
                DomNode::Text(t) => inline.push_text(t),
                DomNode::Element(e) => {
                    let Some(child_el) = ElementRef::wrap(child) else { continue };
                    let name = e.name();
                    if CHROME.contains(&name) {
                        continue;
                    }
                    if name == "br" {
                        self.flush(&mut inline, "<p");
                        continue;
                    }
                    if (name == "a" || name == "span") && is_anchor_only(child_el) {
                        self.pending_anchors.extend(anchor_names(child_el));
                        continue;
                    }
                    if INLINE.contains(&name) {
                        inline.push_element(child_el);
                        continue;
                    }
                    self.flush(&mut inline, "<p");
                    self.block(child_el, list_depth);
                }
                _ => {}
            }
        }
        self.flush(&mut inline, "<p");
    }

    fn block(&mut self, el: ElementRef<'_>, list_depth: u8) {
        if self.nesting >= MAX_NESTING {
            let text = normalize_ws(&el.text().collect::<String>());
            self.push_paragraph(Text { text, links: Vec::new() }, None);
            return;
        }
        self.nesting += 1;
        self.block_inner(el, list_depth);
        self.nesting -= 1;
    }

    fn block_inner(&mut self, el: ElementRef<'_>, list_depth: u8) {
        let name = el.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.get(1..).and_then(|d| d.parse().ok()).unwrap_or(2);
                let line = self.lines.knows().then(|| self.lines.find(&[&format!("<{name}")])).flatten();
                let text = inline_text(el);
                if !text.text.is_empty() {
                    self.push(NodeKind::Heading { level, text }, line);
                }
            }
            "p" | "dt" | "dd" | "caption" | "figcaption" | "blockquote" if !has_block_child(el) => {
                // Needles formatted only for a walk that knows lines (not in cells and list items).
                let line = self
                    .lines
                    .knows()
                    .then(|| self.lines.find(&[&format!("<{name}>"), &format!("<{name} ")]))
                    .flatten();
                let text = inline_text(el);
                self.push_paragraph(text, line);
            }
            "pre" | "textarea" => {
                let line = self.lines.find(&["<pre", "<textarea"]);
                let code: String = el.text().collect();
                let code = code.trim_matches('\n').to_string();
                if !code.trim().is_empty() {
                    self.push(NodeKind::Code(code), line);
                }
            }
            "ul" | "ol" | "dl" => self.block_children(el, list_depth.saturating_add(1)),
            "li" => self.list_item(el, list_depth.max(1)),
            "table" => self.table(el),
            _ => self.block_children(el, list_depth),
        }
    }

    /// A list item: its own inline text becomes the item, nested blocks follow it.
    fn list_item(&mut self, el: ElementRef<'_>, depth: u8) {
        let line = self.lines.find(&["<li"]);
        let mut sub = Walker {
            lines: LineLocator::empty(),
            out: Vec::new(),
            pending_anchors: Vec::new(),
            depth: self.depth,
            nesting: self.nesting,
        };
        sub.block_children(el, depth);
        let mut first = true;
        for node in sub.out {
            match node.kind {
                NodeKind::Paragraph(text) if first => {
                    self.push(NodeKind::ListItem { depth, text }, line);
                }
                other => self.push(other, line),
            }
            first = false;
        }
    }

    fn table(&mut self, el: ElementRef<'_>) {
        let line = self.lines.find(&["<table"]);
        let mut anchors = std::mem::take(&mut self.pending_anchors);
        if let Some(id) = attr(el.value(), "id") {
            anchors.push(id.to_string());
        }
        let mut table = Table { anchors, line, ..Default::default() };
        if let Some(cap) = child_elements(el).find(|c| c.value().name() == "caption") {
            set_caption(&mut table, &inline_text(cap).text);
        } else if let Some(prev) = self.out.last() {
            // A caption written as a paragraph just before the table (`表2 请求Body参数`).
            if let NodeKind::Paragraph(t) = &prev.kind {
                if lexicon::split_caption(&t.text).is_some() {
                    let text = t.text.clone();
                    self.out.pop();
                    set_caption(&mut table, &text);
                }
            }
        }
        let grid = self.grid(el);
        split_header(&mut table, grid);
        self.push(NodeKind::Table(table), line);
    }

    /// All rows of a table as a grid, with colspan/rowspan expanded.
    fn grid(&mut self, table: ElementRef<'_>) -> Vec<(bool, Row)> {
        let mut rows = Vec::new();
        let mut carried: Vec<(usize, usize, Cell)> = Vec::new(); // (column, rows left, cell) from rowspan
        for tr in rows_of(table) {
            let line = self.lines.find(&["<tr"]);
            let mut cells: Vec<Cell> = Vec::new();
            let mut all_th = true;
            for td in child_elements(tr).filter(|c| matches!(c.value().name(), "td" | "th")) {
                fill_carried(&mut cells, &mut carried);
                all_th &= td.value().name() == "th";
                let mut cell = self.cell(td);
                let colspan = span_attr(td, "colspan");
                let rowspan = span_attr(td, "rowspan");
                for k in 0..colspan {
                    if rowspan > 1 {
                        carried.push((cells.len(), rowspan - 1, cell.clone()));
                    }
                    // The last slot takes the cell itself: one copy fewer for every cell of every table.
                    cells.push(if k + 1 == colspan { std::mem::take(&mut cell) } else { cell.clone() });
                }
            }
            fill_carried(&mut cells, &mut carried);
            carried.retain(|(_, left, _)| *left > 0);
            if !cells.is_empty() {
                rows.push((all_th, Row { cells, line }));
            }
        }
        rows
    }

    fn cell(&mut self, td: ElementRef<'_>) -> Cell {
        let mut sub = Walker {
            lines: LineLocator::empty(),
            out: Vec::new(),
            pending_anchors: Vec::new(),
            depth: self.depth + 1,
            nesting: self.nesting,
        };
        if sub.depth > MAX_TABLE_DEPTH {
            return Cell::from_text(normalize_ws(&td.text().collect::<String>()), None);
        }
        sub.block_children(td, 0);
        Cell::from_nodes(sub.out)
    }

    fn flush(&mut self, inline: &mut InlineBuf, _hint: &str) {
        let text = inline.take();
        if !text.text.is_empty() {
            self.push_paragraph(text, None);
        }
    }

    fn push_paragraph(&mut self, text: Text, line: Line) {
        if !text.text.is_empty() {
            self.push(NodeKind::Paragraph(text), line);
        }
    }

    fn push(&mut self, kind: NodeKind, line: Line) {
        if !matches!(kind, NodeKind::Table(_)) {
            self.pending_anchors.clear();
        }
        self.out.push(Node::new(kind, line));
    }
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

/// The header is the leading run of all-`<th>` rows (or `<thead>` rows); the rest are body rows.
fn split_header(table: &mut Table, grid: Vec<(bool, Row)>) {
    let mut rows = grid.into_iter().peekable();
    if let Some((is_header, first)) = rows.next() {
        let looks_like_header = is_header
            || first.cells.iter().filter(|c| lexicon::is_header_word(&c.text())).count() * 2 > first.cells.len();
        if looks_like_header {
            table.header = first.cells;
        } else {
            table.rows.push(first);
        }
    }
    table.rows.extend(rows.map(|(_, r)| r));
}

fn fill_carried(cells: &mut Vec<Cell>, carried: &mut [(usize, usize, Cell)]) {
    while let Some(entry) = carried.iter_mut().find(|(col, left, _)| *col == cells.len() && *left > 0) {
        entry.1 -= 1;
        cells.push(entry.2.clone());
    }
}

/// `Element::attr` without interning `name` (it builds an atom per call; this runs for every
/// cell and link): the attribute without prefix or namespace whose local name is `name`.
fn attr<'e>(el: &'e scraper::node::Element, name: &str) -> Option<&'e str> {
    el.attrs.iter().find(|(q, _)| q.prefix.is_none() && q.ns.is_empty() && &*q.local == name).map(|(_, v)| &**v)
}

fn span_attr(el: ElementRef<'_>, name: &str) -> usize {
    attr(el.value(), name).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 64)
}

/// `<tr>`s of a table in order, through thead/tbody/tfoot but not into nested tables.
fn rows_of(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    for child in child_elements(table) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => out.extend(child_elements(child).filter(|r| r.value().name() == "tr")),
            _ => {}
        }
    }
    out
}

fn child_elements(el: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    el.children().filter_map(ElementRef::wrap)
}

fn has_block_child(el: ElementRef<'_>) -> bool {
    el.descendants()
        .filter_map(ElementRef::wrap)
        .any(|c| matches!(c.value().name(), "table" | "ul" | "ol" | "pre" | "div" | "p"))
        && el
            .descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .any(|c| c.value().name() != "br" && !INLINE.contains(&c.value().name()))
}

/// An empty `<a name|id>` (help-center pages) or `<span id>` (Sphinx's target for a label) naming what follows.
fn is_anchor_only(a: ElementRef<'_>) -> bool {
    let named = attr(a.value(), "id").is_some() || attr(a.value(), "name").is_some();
    named && attr(a.value(), "href").is_none() && a.text().all(|t| t.trim().is_empty())
}

/// Sphinx's permalink mark (`<a class="headerlink">¶</a>` ending headings and captions): not content.
fn is_permalink(el: &scraper::node::Element) -> bool {
    el.name() == "a" && el.has_class("headerlink", scraper::CaseSensitivity::AsciiCaseInsensitive)
}

/// Sphinx's caption number (`<span class="caption-number">Table 3 </span>`): its trailing space is
/// what parts it from the caption text, so it is kept as a space.
fn is_caption_number(el: &scraper::node::Element) -> bool {
    el.has_class("caption-number", scraper::CaseSensitivity::AsciiCaseInsensitive)
}

fn anchor_names(a: ElementRef<'_>) -> Vec<String> {
    ["name", "id"].iter().filter_map(|k| attr(a.value(), k)).map(str::to_string).collect()
}

/// Inline text and links of an element.
fn inline_text(el: ElementRef<'_>) -> Text {
    let mut buf = InlineBuf::default();
    buf.push_children(el, 0);
    buf.take()
}

/// Inline content being gathered into one paragraph. Nested inline elements write
/// into the same buffer (no buffer per element of every paragraph).
#[derive(Default)]
struct InlineBuf {
    raw: String,
    links: Vec<Link>,
}

impl InlineBuf {
    fn push_text(&mut self, t: &str) {
        self.raw.push_str(t);
    }

    /// An inline element of a block's own content.
    fn push_element(&mut self, el: ElementRef<'_>) {
        self.push_element_at(el, 0);
    }

    /// An inline element inside content nested `depth` deep: its text is whitespace-normalized
    /// on its own (trimmed too), as it always was read. Inline elements are not separated by
    /// spaces unless the source has them.
    fn push_element_at(&mut self, el: ElementRef<'_>, depth: usize) {
        if is_permalink(el.value()) {
            return;
        }
        if el.value().name() == "a" {
            if let Some(href) = attr(el.value(), "href") {
                let text = normalize_ws(&el.text().collect::<String>());
                self.links.push(Link { text, href: href.to_string() });
            }
        }
        let start = self.raw.len();
        self.push_children(el, depth + 1);
        normalize_from(&mut self.raw, start);
        if is_caption_number(el.value()) {
            self.raw.push(' ');
        }
    }

    /// The inline content of `el`'s children, nested `depth` deep (plain text past [`MAX_NESTING`]).
    fn push_children(&mut self, el: ElementRef<'_>, depth: usize) {
        if depth >= MAX_NESTING {
            self.raw.extend(el.text());
            return;
        }
        for child in el.children() {
            match child.value() {
                DomNode::Text(t) => self.push_text(t),
                DomNode::Element(e) if !CHROME.contains(&e.name()) => {
                    if let Some(c) = ElementRef::wrap(child) {
                        if e.name() == "br" {
                            self.raw.push(' ');
                        } else {
                            self.push_element_at(c, depth);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The gathered paragraph; the buffer is kept for the next one unless its text is taken whole
    /// (already normal: no copy).
    fn take(&mut self) -> Text {
        let text = if is_normalized(&self.raw) {
            std::mem::take(&mut self.raw)
        } else {
            let text = normalize_ws(&self.raw);
            self.raw.clear();
            text
        };
        Text { text, links: std::mem::take(&mut self.links) }
    }
}

/// `raw[start..]` whitespace-normalized in place; most inline elements (`<b>0</b>`, a link's
/// name) are already normal and are left as they are without a copy.
fn normalize_from(raw: &mut String, start: usize) {
    let Some(seg) = raw.get(start..) else { return };
    if is_normalized(seg) {
        return;
    }
    let seg = normalize_ws(seg);
    raw.truncate(start);
    raw.push_str(&seg);
}

/// Finds source lines for elements by scanning forward through the source in
/// document order (the DOM carries no positions). Needles are matched against the
/// ASCII-lower-cased source, compared byte by byte (no lower-cased copy of the page).
struct LineLocator<'s> {
    src: &'s [u8],
    cursor: usize,
    line_starts: Vec<usize>,
}

impl<'s> LineLocator<'s> {
    fn new(src: &'s str) -> Self {
        let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', src.as_bytes()).map(|i| i + 1)).collect();
        LineLocator { src: src.as_bytes(), cursor: 0, line_starts }
    }

    /// A locator that knows nothing (for sub-walks whose lines come from their parent).
    fn empty() -> Self {
        LineLocator { src: &[], cursor: 0, line_starts: Vec::new() }
    }

    /// Whether [`LineLocator::find`] can find anything (an empty locator finds nothing).
    fn knows(&self) -> bool {
        !self.src.is_empty()
    }

    /// The line of the next occurrence of any needle, advancing past it.
    fn find(&mut self, needles: &[&str]) -> Line {
        let rest = self.src.get(self.cursor..)?;
        let (offset, len) = earliest(rest, needles)?;
        let at = self.cursor + offset;
        self.cursor = at + len;
        Some(self.line_starts.partition_point(|&s| s <= at))
    }
}

/// The earliest occurrence of any needle in ASCII-lower-cased `hay` (the shortest one on a tie),
/// as (offset, length), in one pass: searching once per needle would scan to the end of the page
/// for every absent one.
fn earliest(hay: &[u8], needles: &[&str]) -> Option<(usize, usize)> {
    if needles.iter().any(|n| n.is_empty()) {
        return Some((0, 0));
    }
    // `hay` lower-cased starts with `n` at `at`.
    let starts = |at: usize, n: &str| {
        hay.get(at..at + n.len()).is_some_and(|h| h.iter().zip(n.as_bytes()).all(|(h, c)| h.to_ascii_lowercase() == *c))
    };
    let firsts: Vec<u8> = needles.iter().filter_map(|n| n.as_bytes().first().copied()).collect();
    // One first byte that is not a letter (`<`): the same byte in any case, found by memchr.
    let one = firsts.first().copied().filter(|f| !f.is_ascii_alphabetic() && firsts.iter().all(|g| g == f));
    let mut from = 0;
    loop {
        let rest = hay.get(from..)?;
        let at = from
            + match one {
                Some(f) => memchr::memchr(f, rest)?,
                None => rest.iter().position(|b| firsts.contains(&b.to_ascii_lowercase()))?,
            };
        let len = needles.iter().filter(|n| starts(at, n)).map(|n| n.len()).min();
        if let Some(len) = len {
            return Some((at, len));
        }
        from = at + 1;
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::ingest::model::tables;

    const PAGE: &str = r##"<html><head><title>x</title><script>var a = "<table>";</script></head><body>
<nav><ul><li>Home</li></ul></nav>
<article>
<h1 class="topictitle1">Creating a Dataset</h1>
<div class="section"><h4 class="sectiontitle">URI</h4><p>POST /v2/{project_id}/datasets</p>
<div class="tablenoborder"><a name="P__request_Label"></a><a name="request_Label"></a>
<table id="P__request_Label"><caption><b>Table 3 </b>Label</caption>
<thead><tr><th><p>Parameter</p></th><th><p>Mandatory</p></th><th><p>Type</p></th><th><p>Description</p></th></tr></thead>
<tbody>
<tr><td><p>attributes</p></td><td><p>No</p></td><td><p>Array of <a href="#P__request_LabelAttribute">LabelAttribute</a> objects</p></td>
<td><p>Attributes. Options:</p><ul><li><p><strong>0</strong>: image</p></li><li><p><strong>1</strong>: text</p></li></ul></td></tr>
<tr><td>name</td><td rowspan="2">Yes</td><td>String</td><td>Name<br>second line</td></tr>
<tr><td>type</td><td>Integer</td><td colspan="1">Type.</td></tr>
</tbody></table></div></div>
<ul><li>Creating one<pre class="screen">{
  "a" : 1
}</pre></li></ul>
</article><footer>Copyright</footer></body></html>"##;

    #[test]
    fn attributes_as_element_attr_reads_them() {
        let page = Html::parse_document(
            r#"<table id="t"><tr><td colspan="2" ROWSPAN=3>x</td></tr></table><svg><a xlink:href="h">y</a></svg>"#,
        );
        for node in page.tree.nodes() {
            if let Some(el) = ElementRef::wrap(node) {
                for name in ["id", "colspan", "rowspan", "href", "xlink:href", "role"] {
                    assert_eq!(attr(el.value(), name), el.value().attr(name), "{name}");
                }
            }
        }
    }

    #[test]
    fn void_tags_in_any_case() {
        for v in ["br", "BR", "Img", "source", "TRACK", "wbr", "!"] {
            assert!(is_void(v.as_bytes()), "{v}");
        }
        for n in ["b", "brr", "sources", "table", "", "p", "colgroup"] {
            assert!(!is_void(n.as_bytes()), "{n}");
        }
    }

    #[test]
    fn needles_match_the_lower_cased_source() {
        assert_eq!(earliest(b"<P>x<TABLE id", &["<table"]), Some((4, 6)));
        assert_eq!(earliest(b"<Pre> <p>", &["<p>", "<p "]), Some((6, 3)));
        assert_eq!(earliest(b"xAbc", &["ab", "bc"]), Some((1, 2)));
        // As against a lower-cased copy: a needle with capitals never matches.
        assert_eq!(earliest(b"AB ab", &["AB"]), None);
        assert_eq!(earliest(b"<tr", &["<tr", ""]), Some((0, 0)));
    }

    #[test]
    fn reads_the_article_not_the_chrome() {
        let nodes = read(PAGE);
        let texts: Vec<&str> = nodes.iter().map(Node::text).collect();
        assert_eq!(texts[0], "Creating a Dataset");
        assert!(!texts.iter().any(|t| t.contains("Home") || t.contains("Copyright")));
        assert!(matches!(nodes[0].kind, NodeKind::Heading { level: 1, .. }));
        assert_eq!(nodes[0].line, Some(4));
    }

    /// Sphinx's HTML: permalink marks, the caption number in its own span, a label's target as an
    /// empty `<span id>` before the table it names, tables inside list items.
    #[test]
    fn sphinx_markup_reads_as_the_page_says() {
        let page = r##"<div class="body" role="main"><section id="uri">
<h2>URI<a class="headerlink" href="#uri" title="Link to this heading">¶</a></h2>
<ul><li><p>Parameter description</p>
<table class="docutils"><thead><tr><th><p>Parameter</p></th><th><p>Type</p></th></tr></thead>
<tbody><tr><td><p>tags</p></td><td><p>Array of <a class="reference internal" href="#api-table11"><span class="std std-ref">Table 1</span></a> objects</p></td></tr></tbody></table>
<span id="api-table11"></span><table class="docutils" id="id1">
<caption><span class="caption-number">Table 1 </span><span class="caption-text">Tag structure</span><a class="headerlink" href="#id1" title="Link to this table">¶</a></caption>
<tbody><tr><td><p>key</p></td><td><p>String</p></td></tr></tbody></table></li></ul></section></div>"##;
        let nodes = read(page);
        assert_eq!(nodes[0].kind, NodeKind::Heading { level: 2, text: Text::plain("URI") });
        let ts = tables(&nodes);
        assert_eq!(ts.len(), 2, "{nodes:#?}");
        assert_eq!(ts[0].rows[0].cells[1].links().next().unwrap().href, "#api-table11");
        assert_eq!((ts[1].label.as_deref(), ts[1].caption.as_deref()), (Some("Table 1"), Some("Tag structure")));
        assert_eq!(ts[1].anchors, ["api-table11", "id1"]);
    }

    #[test]
    fn tables_keep_caption_anchors_header_rows_and_links() {
        let nodes = read(PAGE);
        let t = tables(&nodes)[0];
        assert_eq!(t.caption.as_deref(), Some("Label"));
        assert_eq!(t.label.as_deref(), Some("Table 3"));
        assert_eq!(t.anchors, vec!["P__request_Label", "request_Label", "P__request_Label"]);
        assert_eq!(
            t.header.iter().map(Cell::text).collect::<Vec<_>>(),
            ["Parameter", "Mandatory", "Type", "Description"]
        );
        assert_eq!(t.rows.len(), 3);
        let attr = &t.rows[0];
        assert_eq!(attr.cells[2].text(), "Array of LabelAttribute objects");
        assert_eq!(attr.cells[2].links().next().unwrap().href, "#P__request_LabelAttribute");
        assert_eq!(attr.cells[3].text(), "Attributes. Options:\n• 0: image\n• 1: text");
        assert_eq!(attr.line, Some(10));
    }

    #[test]
    fn rowspan_is_carried_and_br_splits_paragraphs() {
        let nodes = read(PAGE);
        let t = tables(&nodes)[0];
        assert_eq!(t.rows[1].cells[3].text(), "Name\nsecond line");
        let third: Vec<String> = t.rows[2].cells.iter().map(Cell::text).collect();
        assert_eq!(third, ["type", "Yes", "Integer", "Type."]);
    }

    #[test]
    fn nested_inline_elements_are_trimmed_on_their_own() {
        let nodes = read("<p>a<b> x <i> y\n </i></b>z <a href=\"#t\"> T  </a><br>end</p>");
        let NodeKind::Paragraph(t) = &nodes[0].kind else { panic!("{nodes:?}") };
        assert_eq!(t.text, "ax yz T end");
        assert_eq!(t.links, vec![Link { text: "T".into(), href: "#t".into() }]);
    }

    #[test]
    fn list_items_and_code() {
        let nodes = read(PAGE);
        let n = nodes.len();
        assert!(matches!(&nodes[n - 2].kind, NodeKind::ListItem { depth: 1, text } if text.text == "Creating one"));
        assert!(matches!(&nodes[n - 1].kind, NodeKind::Code(c) if c.starts_with('{') && c.ends_with('}')));
    }

    #[test]
    fn caption_paragraph_before_a_table_and_headerless_tables() {
        let nodes = read("<p>表2 请求Body参数</p><table><tr><td>参数</td><td>是否必选</td><td>参数类型</td><td>描述</td></tr><tr><td>a</td><td>是</td><td>String</td><td>d</td></tr></table><table><tr><td>x</td><td>y</td></tr></table>");
        let ts = tables(&nodes);
        assert_eq!(ts[0].caption.as_deref(), Some("请求Body参数"));
        assert_eq!(ts[0].header.len(), 4);
        assert_eq!(ts[0].rows.len(), 1);
        assert!(ts[1].header.is_empty());
        assert_eq!(ts[1].rows.len(), 1);
        assert_eq!(nodes.len(), 2);
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let deep = format!("{}<p>x</p>{}", "<div><span>".repeat(50_000), "</span></div>".repeat(50_000));
        assert_eq!(nesting_depth(&deep), 100_001);
        assert!(read(&deep).is_empty());
        let ok = format!("{}<p>x</p>{}", "<div>".repeat(200), "</div>".repeat(200));
        assert!(read(&ok).iter().any(|n| n.text() == "x"));
        assert_eq!(nesting_depth("<p>a<br>b<img src=x/></p><!-- c --><p/>"), 1);
    }
}
