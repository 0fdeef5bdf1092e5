//! The document side of coverage: what the pages document, counted from the
//! document model alone (never from what the extractor made of it).

use crate::ingest::{Cell, Document, NodeKind, Table};
use crate::lexicon;
use regex::Regex;
use std::sync::LazyLock;

/// A documented row of a parameter table on an operation page.
#[derive(Debug, Clone)]
pub struct DocRow {
    pub name: String,
    pub line: Option<usize>,
    /// Anchors of other tables of the page that the row's cells link to.
    pub table_links: Vec<String>,
    /// Enum values written as bullets in the description (`VALUE: meaning` or a bare `VALUE`).
    pub enum_bullets: Vec<String>,
    /// The description lists some values and something that is not one (`- tcp - IP protocol
    /// number`): the set is open, so the field is no enum.
    pub open_set: bool,
    /// What the Mandatory column says.
    pub mandatory: Mandatory,
    /// The text of every cell but the name, where a default must be stated.
    pub text: String,
}

/// The Mandatory cell of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mandatory {
    /// The table has no Mandatory column.
    NoColumn,
    Empty,
    Yes,
    No,
    /// Neither yes nor no (`Yes for ...`, `-`): not checked.
    Unclear,
}

/// A parameter table (a header with a name column and a type, required or description column).
#[derive(Debug, Clone)]
pub struct DocTable {
    pub caption: Option<String>,
    pub anchors: Vec<String>,
    pub line: Option<usize>,
    pub rows: Vec<DocRow>,
}

/// What one operation page documents.
#[derive(Debug, Clone)]
pub struct DocPage {
    pub file: String,
    pub tables: Vec<DocTable>,
    /// JSON code blocks (examples) on the page.
    pub json_examples: usize,
}

static METHOD_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S*/").ok());

/// An operation page has a `METHOD /path` line outside its tables; other pages
/// (overviews, appendices) are not counted. In a code block the line counts only under a
/// URI heading: elsewhere it is an example request, which "how to call an API" pages show too.
pub fn is_operation_page(doc: &Document) -> bool {
    let Some(re) = METHOD_LINE.as_ref() else { return false };
    let mut in_uri_section = false;
    doc.nodes.iter().any(|n| match &n.kind {
        NodeKind::Heading { text, .. } => {
            in_uri_section = lexicon::section(&text.text) == Some(lexicon::Section::Uri);
            false
        }
        NodeKind::Paragraph(t) | NodeKind::ListItem { text: t, .. } => re.is_match(t.text.trim()),
        NodeKind::Code(c) => in_uri_section && c.lines().next().is_some_and(|l| re.is_match(l.trim())),
        _ => false,
    })
}

/// The parameter tables and examples of an operation page; `None` for other pages.
pub fn survey(doc: &Document) -> Option<DocPage> {
    if !is_operation_page(doc) {
        return None;
    }
    let tables = crate::ingest::model::tables(&doc.nodes);
    let anchors: Vec<&str> = tables.iter().flat_map(|t| t.anchors.iter().map(String::as_str)).collect();
    let json_examples = doc.nodes.iter().filter(|n| matches!(&n.kind, NodeKind::Code(c) if is_json(c))).count();
    let tables = tables.iter().filter(|t| is_parameter_table(t)).map(|t| doc_table(t, &anchors)).collect();
    Some(DocPage { file: doc.path.clone(), tables, json_examples })
}

/// A header with a name column and at least one other column of a parameter
/// table; status-code and error-code tables are not parameter tables.
pub fn is_parameter_table(t: &Table) -> bool {
    let texts: Vec<String> = t.header.iter().map(Cell::text).collect();
    let has = |list: &[&str]| texts.iter().any(|h| lexicon::contains_ci(list, h));
    let first_is_status = texts.first().is_some_and(|h| lexicon::contains_ci(lexicon::STATUS_HEADERS, h));
    has(lexicon::NAME_HEADERS)
        && (has(lexicon::TYPE_HEADERS) || has(lexicon::REQUIRED_HEADERS) || has(lexicon::DESCRIPTION_HEADERS))
        && !first_is_status
        && !has(lexicon::ERROR_CODE_HEADERS)
}

fn doc_table(t: &Table, page_anchors: &[&str]) -> DocTable {
    let texts: Vec<String> = t.header.iter().map(Cell::text).collect();
    let name_col = texts.iter().position(|h| lexicon::contains_ci(lexicon::NAME_HEADERS, h)).unwrap_or(0);
    let desc_col = texts.iter().position(|h| lexicon::contains_ci(lexicon::DESCRIPTION_HEADERS, h));
    let type_col = texts.iter().position(|h| lexicon::contains_ci(lexicon::TYPE_HEADERS, h));
    let required_col = texts.iter().position(|h| lexicon::contains_ci(lexicon::REQUIRED_HEADERS, h));
    let mut rows: Vec<DocRow> = t
        .rows
        .iter()
        .filter_map(|r| {
            let name = r.cells.get(name_col)?.text();
            let name = name.lines().next().unwrap_or("").trim().to_string();
            // `[Array]` rows give a body's shape (an array of the linked table), not a parameter.
            if name.is_empty() || lexicon::is_none_marker(&name) || lexicon::is_array_row(&name) {
                return None;
            }
            // A row typed as a scalar that links to a table refers to it for context ("the
            // **flavor** field in Table 5"): only links of object-typed rows stand for types.
            let scalar_typed = type_col.and_then(|c| r.cells.get(c)).is_some_and(|c| is_scalar_type(&c.text()));
            let table_links = r
                .cells
                .iter()
                .filter(|_| !scalar_typed)
                .flat_map(Cell::links)
                .filter_map(|l| l.href.rsplit_once('#').map(|(_, a)| a.to_string()))
                .filter(|a| page_anchors.contains(&a.as_str()) && !t.anchors.contains(a))
                .collect();
            // Bullets under an object-typed row list its fields, not values.
            let scalar = type_col.and_then(|c| r.cells.get(c)).is_none_or(|c| holds_values(&c.text()));
            let bullets =
                desc_col.and_then(|c| r.cells.get(c)).filter(|_| scalar).map(read_bullets).unwrap_or_default();
            let mandatory = match required_col {
                None => Mandatory::NoColumn,
                Some(c) => mandatory(&r.cells.get(c).map(Cell::text).unwrap_or_default()),
            };
            let text = r.cells.iter().enumerate().filter(|(i, _)| *i != name_col).map(|(_, c)| c.text());
            Some(DocRow {
                name,
                line: r.line,
                table_links,
                open_set: bullets.open_set && bullets.values.is_empty(),
                enum_bullets: bullets.values,
                mandatory,
                text: text.collect::<Vec<_>>().join("\n"),
            })
        })
        .collect();
    // A Mandatory column empty in every row says nothing (a copy that lost the column's cells).
    if rows.iter().all(|r| r.mandatory == Mandatory::Empty) {
        rows.iter_mut().for_each(|r| r.mandatory = Mandatory::NoColumn);
    }
    DocTable { caption: t.caption.clone(), anchors: t.anchors.clone(), line: t.line, rows }
}

fn mandatory(cell: &str) -> Mandatory {
    if cell.trim().is_empty() {
        return Mandatory::Empty;
    }
    match lexicon::required_flag(cell) {
        Some(true) => Mandatory::Yes,
        Some(false) => Mandatory::No,
        None => Mandatory::Unclear,
    }
}

/// What the bullets of a description cell say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bullets {
    /// The values of the enum the bullets list (see [`enum_bullets`]).
    pub values: Vec<String>,
    /// A list mixes items that state a value with items that do not (labels aside).
    pub open_set: bool,
}

/// A list item of a description.
struct Item {
    /// The values it states for the recall count ([`bullet_values`]).
    values: Vec<String>,
    /// A structuring label (`Definition: ...`, `Range:`, `Note: ...`) or a remark (a sentence):
    /// neither a value nor an open item.
    label: bool,
    /// It states a value in any form (`VALUE (meaning)` too): for telling open sets.
    valued: bool,
    /// It names JSON null (`null: not set`): no value of the field's type, and no open item.
    null: bool,
    /// It ends with a colon: with items below it, it heads them ([`lexicon::is_group_heading`]).
    heading: bool,
}

/// Bullets of a description cell that state a value: `VALUE: meaning`,
/// `VALUE (meaning)` or a bare `VALUE`. A single such bullet is not an enum.
/// Bullets listing what a value may contain (`The value can contain: - Letters - Digits`)
/// are character classes, not values, and are not counted. A list with an item that states no
/// value (`-  IP protocol number (0-255)`, `-  Key ID: A 36-byte string`) is an open set, not an
/// enum: none of its items is counted.
pub fn enum_bullets(cell: &Cell) -> Vec<String> {
    read_bullets(cell).values
}

/// The enum values of a description cell's bullets, and whether one of its lists is an open
/// set: some items state a value, others (not labels like `Definition:`) state none.
pub fn read_bullets(cell: &Cell) -> Bullets {
    let mut out = Bullets::default();
    // The value lists of the cell, each whole.
    let mut lists: Vec<Vec<String>> = Vec::new();
    // Depth under which list items belong to a "can contain:" list (paragraphs count as depth 0).
    let mut skip_below: Option<u8> = None;
    // The current run of sibling items: its depth and each item.
    let mut run: Option<(u8, Vec<Item>)> = None;
    // The depth of each list in `lists`.
    let mut depths: Vec<u8> = Vec::new();
    let close =
        |run: &mut Option<(u8, Vec<Item>)>, out: &mut Bullets, lists: &mut Vec<Vec<String>>, depths: &mut Vec<u8>| {
            if let Some((depth, mut items)) = run.take() {
                items.retain(|i| !i.null);
                if items.iter().all(|i| !i.values.is_empty()) {
                    depths.push(depth);
                    lists.push(items.into_iter().flat_map(|i| i.values).collect());
                } else {
                    let open = items.iter().filter(|i| !i.label);
                    out.open_set |= open.clone().any(|i| i.valued) && open.clone().any(|i| !i.valued);
                }
            }
        };
    // The structured-description part the cell is in (`**Constraints**`, `约束限制：`): bullets
    // under Constraints or Unit state conditions (`X: major version`), not values.
    let mut part: Option<lexicon::DescLabel> = None;
    for node in &cell.nodes {
        if let NodeKind::Paragraph(t) = &node.kind {
            match lexicon::desc_label(&t.text) {
                Some((label, _)) => part = Some(label),
                // A note is one paragraph with its list; the text after it is the description again.
                None if part == Some(lexicon::DescLabel::Note) => part = None,
                None => {}
            }
        }
        // (A note may list values: `.. note::` with `AX: Account level.`, `XA: Project level.`.)
        let conditions = matches!(part, Some(lexicon::DescLabel::Constraints | lexicon::DescLabel::Unit));
        if conditions && matches!(node.kind, NodeKind::ListItem { .. }) {
            run = None;
            continue;
        }
        let (text, depth, item) = match &node.kind {
            NodeKind::ListItem { text, depth } => (&text.text, *depth, true),
            NodeKind::Paragraph(t) => (&t.text, 0, false),
            // `-  Linux` over a code block, `-  Windows` over another: headings of examples, not values.
            NodeKind::Code(_) => {
                run = None;
                continue;
            }
            _ => continue,
        };
        if skip_below.is_some_and(|d| item && depth > d) {
            continue;
        }
        skip_below = None;
        // `-  **Ready**:` (or `-  Federation statuses:`) with items below it heads a group of
        // values: a heading, not a value.
        if let Some((_, items)) = run.as_mut().filter(|(d, _)| item && depth > *d) {
            if items.last().is_some_and(|i| i.heading) {
                items.pop();
            }
        }
        if run.as_ref().is_some_and(|(d, _)| !item || *d != depth) {
            close(&mut run, &mut out, &mut lists, &mut depths);
        }
        // `The value can contain:` lists characters, `Recommended IP address ranges:` suggestions.
        if lexicon::introduces_characters(text) || lexicon::introduces_examples(text) {
            skip_below = Some(depth);
            continue;
        }
        if item {
            let null = names_null(text);
            let values = if null { Vec::new() } else { bullet_values(text) };
            let valued = !values.is_empty() || states_a_value(text);
            let heading = lexicon::is_group_heading(text);
            let item =
                Item { values, label: is_label_item(text) || (!valued && is_remark(text)), valued, null, heading };
            run.get_or_insert_with(|| (depth, Vec::new())).1.push(item);
        }
    }
    close(&mut run, &mut out, &mut lists, &mut depths);
    let text = cell.text();
    for (i, list) in lists.iter().enumerate() {
        if !names_parts(list, &lists, i) && !names_placeholders(list, &text) && !repeats(list, &lists, &depths, i) {
            out.values.extend(list.iter().cloned());
        }
    }
    if out.values.len() < 2 {
        out.values.clear();
    }
    out
}

/// `null: not set` (or a bare `null`): the item names JSON null.
fn names_null(item: &str) -> bool {
    let head = item.split([':', '：']).next().unwrap_or("").trim().trim_end_matches(['.', '。']);
    lexicon::contains_ci(lexicon::NULL_VALUES, head.trim_matches(['"', '\'', '`']))
}

/// A list whose every value is a segment of a value of another list of the cell (`s1`, `small`
/// under `cce.s1.small`) explains the parts of those values; its items are not values.
fn names_parts(list: &[String], lists: &[Vec<String>], at: usize) -> bool {
    let segment_of = |v: &str, whole: &str| v != whole && whole.split(['.', '-', '_', ':', '/']).any(|s| s == v);
    let others = || lists.iter().enumerate().filter(|(j, _)| *j != at).flat_map(|(_, l)| l);
    list.iter().all(|v| others().any(|w| segment_of(v, w)))
}

/// A nested list of the same names as another nested list of the cell (`driverCores`,
/// `executorCores` under each of `A`, `B` and `C`) names what each of those values sets:
/// attributes, not values. (Misnested values, listed once, stay values.)
fn repeats(list: &[String], lists: &[Vec<String>], depths: &[u8], at: usize) -> bool {
    let top = depths.iter().min().copied().unwrap_or(0);
    let nested = |j: usize| depths.get(j).is_some_and(|d| *d > top);
    if !nested(at) {
        return false;
    }
    let mut mine: Vec<&String> = list.iter().collect();
    mine.sort();
    lists.iter().enumerate().filter(|(j, _)| *j != at && nested(*j)).any(|(_, other)| {
        let mut theirs: Vec<&String> = other.iter().collect();
        theirs.sort();
        theirs == mine
    })
}

/// A list whose every value stands in braces in the cell (`{type}:{count}:{size}`) names the
/// parts of a format; its items are not values.
fn names_placeholders(list: &[String], cell_text: &str) -> bool {
    list.iter().all(|v| !v.is_empty() && cell_text.contains(&format!("{{{v}}}")))
}

/// The values a bullet states: one ([`bullet_value`]), or bare tokens joined by `and`, `or`
/// and commas (`http and https`).
pub fn bullet_values(item: &str) -> Vec<String> {
    if let Some(v) = bullet_value(item) {
        return vec![v];
    }
    let t = item.trim().trim_end_matches(['.', '。']);
    let parts: Vec<&str> = t
        .split(", ")
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" or "))
        .map(|p| p.trim().trim_start_matches("or ").trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty())
        .collect();
    let bare = |p: &&str| !p.contains([':', '：']) && bullet_value(p).is_some();
    if parts.len() >= 2 && parts.iter().all(bare) {
        parts.iter().filter_map(|p| bullet_value(p)).collect()
    } else {
        Vec::new()
    }
}

/// The value a bullet states, if it reads like `VALUE: meaning` or is a bare token.
pub fn bullet_value(item: &str) -> Option<String> {
    let item = item.trim();
    let (head, has_meaning) = match item.find([':', '：']) {
        Some(i) => (item.get(..i)?, true),
        None => (item.trim_end_matches(['.', '。', ';', '；', ',', '，']), false),
    };
    let head = head.trim().trim_matches(['"', '\'', '`', '“', '”', '‘', '’']);
    // `Empty string: no host` states the value "".
    if has_meaning && lexicon::contains_ci(lexicon::EMPTY_STRING_VALUES, head) {
        return Some(String::new());
    }
    let head = without_qualifier(head);
    let token_like = !head.is_empty()
        && head.chars().count() <= 64
        && !head.contains(char::is_whitespace)
        && head.chars().all(|c| c.is_ascii_graphic())
        && !head.ends_with(['(', '['])
        && !lexicon::contains_ci(lexicon::NOT_ENUM_LABELS, head);
    (token_like && (has_meaning || !head.is_empty())).then(|| head.to_string())
}

/// `ACTIVE (default)` -> `ACTIVE`: a token and a short qualifier in parentheses (three words at most).
fn without_qualifier(head: &str) -> &str {
    let Some((value, q)) = head.split_once(" (") else { return head };
    match q.strip_suffix(')') {
        Some(q) if !value.contains(char::is_whitespace) && q.split_whitespace().count() <= 3 && !q.contains('(') => {
            value.trim()
        }
        _ => head,
    }
}

/// Labels that structure a description (`- Definition: ...`, `**Range**`, `默认取值：`).
/// An enum value equal to one of them was read from the structure, not from a list of values.
pub const DESCRIPTION_LABELS: &[&str] = &[
    "Definition",
    "Range",
    "Value range",
    "Constraints",
    "Constraint",
    "Default Value",
    "Default value",
    "Unit",
    "Units",
    "Note",
    "Notes",
    "Example",
    "Examples",
    "Remarks",
    "参数解释",
    "约束限制",
    "取值范围",
    "默认取值",
    "默认值",
    "单位",
    "说明",
    "示例",
    "注意",
];

/// An enum value that is a description label.
pub fn is_description_label(value: &str) -> bool {
    lexicon::contains_ci(DESCRIPTION_LABELS, value.trim())
}

/// A list item that opens with a label (`Definition: ...`, `Range:`, `Note: ...`): it structures
/// the description and states neither a value nor an open item.
pub fn is_label_item(item: &str) -> bool {
    let item = item.trim();
    let head = match item.find([':', '：']) {
        Some(i) => item.get(..i).unwrap_or(item),
        None => item.trim_end_matches(['.', '。']),
    };
    let head = head.trim().trim_matches('*').trim();
    is_description_label(head) || lexicon::contains_ci(lexicon::NOT_ENUM_LABELS, head)
}

/// A list item that states a value: `VALUE: meaning`, a bare `VALUE`, or `VALUE (meaning)`.
pub fn states_a_value(item: &str) -> bool {
    !bullet_values(item).is_empty()
        || item.trim().split_once(" (").is_some_and(|(head, _)| bullet_value(head).is_some())
}

/// A sentence (`The protocol cannot be empty.`): a remark among the items of a list, where an
/// open item names a kind of value (`IP protocol number`, `Key ID: A 36-byte string`).
pub fn is_remark(item: &str) -> bool {
    let item = item.trim();
    item.ends_with(['.', '。']) && item.contains(char::is_whitespace)
}

/// A type cell of a scalar (or array of scalars), whose values an enum can list.
fn holds_values(type_text: &str) -> bool {
    crate::types::parse(type_text).is_none_or(|t| scalar(&t))
}

/// `String`, `Array of integers`: a type cell that names no object.
fn is_scalar_type(type_text: &str) -> bool {
    crate::types::parse(type_text).is_some_and(|t| scalar(&t))
}

fn scalar(t: &crate::types::TypeExpr) -> bool {
    use crate::types::TypeExpr;
    match t {
        TypeExpr::Array(inner) => scalar(inner),
        TypeExpr::String
        | TypeExpr::Integer
        | TypeExpr::Long
        | TypeExpr::Float
        | TypeExpr::Double
        | TypeExpr::Number
        | TypeExpr::Boolean => true,
        _ => false,
    }
}

fn is_json(code: &str) -> bool {
    let body = code.trim();
    let body = match body.lines().next() {
        Some(first) if METHOD_LINE.as_ref().is_some_and(|r| r.is_match(first.trim())) => {
            body.get(first.len()..).unwrap_or("").trim()
        }
        _ => body,
    };
    (body.starts_with('{') || body.starts_with('[')) && serde_json::from_str::<serde_json::Value>(body).is_ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::ingest::{Node, Text};

    #[test]
    fn items_heading_code_examples_are_not_values() {
        let item = |t: &str| Node { kind: NodeKind::ListItem { depth: 1, text: Text::plain(t) }, line: None };
        let code = |t: &str| Node { kind: NodeKind::Code(t.into()), line: None };
        let para = |t: &str| Node { kind: NodeKind::Paragraph(Text::plain(t)), line: None };
        let cell = Cell {
            nodes: vec![
                para("Before base64 encoding:"),
                item("Linux"),
                code("#!/bin/bash"),
                item("Windows"),
                code("rem cmd"),
            ],
        };
        assert_eq!(read_bullets(&cell), Bullets::default());
        let values = Cell { nodes: vec![para("The value can be:"), item("Linux"), item("Windows")] };
        assert_eq!(enum_bullets(&values), ["Linux", "Windows"]);
    }

    #[test]
    fn bullets_under_constraints_are_not_values() {
        let item = |t: &str| Node { kind: NodeKind::ListItem { depth: 1, text: Text::plain(t) }, line: None };
        let para = |t: &str| Node { kind: NodeKind::Paragraph(Text::plain(t)), line: None };
        let cell = Cell {
            nodes: vec![
                para("Definition"),
                para("Cluster version, in the format of vX.Y[.Z[-rN]]."),
                para("Constraints"),
                item("X: major version"),
                item("Y: minor version"),
                para("Range"),
                item("v1.28"),
                item("v1.30"),
            ],
        };
        assert_eq!(enum_bullets(&cell), ["v1.28", "v1.30"]);
    }

    /// A cell of nodes: `"• x"` an item at depth 1, `"•• x"` at depth 2, else a paragraph.
    fn nested(parts: &[&str]) -> Cell {
        let nodes = parts
            .iter()
            .map(|p| {
                let depth = p.chars().take_while(|c| *c == '•').count();
                let text = Text::plain(p.trim_start_matches('•').trim());
                let kind = match depth {
                    0 => NodeKind::Paragraph(text),
                    d => NodeKind::ListItem { depth: d as u8, text },
                };
                Node { kind, line: None }
            })
            .collect();
        Cell { nodes }
    }

    #[test]
    fn the_same_names_under_each_value_explain_them_and_headings_head_groups() {
        // DLI: `A`, `B` each over `driverCores: 2;`, `executorCores: 1;`: attributes of each value.
        let explained = nested(&[
            "Range",
            "• A: 8 vCPUs",
            "•• driverCores: 2;",
            "•• executorCores: 1;",
            "• B: 16 vCPUs",
            "•• driverCores: 2;",
            "•• executorCores: 2;",
        ]);
        assert_eq!(enum_bullets(&explained), ["A", "B"]);
        // HSS: values nested once below a value by mistake stay values.
        let misnested = nested(&[
            "Its value can be:",
            "• 1001: malware",
            "• 1011: ransomware",
            "•• 1015: Web shell",
            "•• 1017: reverse shell",
        ]);
        assert_eq!(enum_bullets(&misnested), ["1001", "1011", "1015", "1017"]);
        // UCS: `Ready:` heads its values.
        let grouped = nested(&[
            "Options:",
            "• Ready:",
            "•• True: ready",
            "•• False: not ready",
            "• Cluster:",
            "•• Failed: failed",
        ]);
        assert_eq!(enum_bullets(&grouped), ["True", "False", "Failed"]);
    }

    #[test]
    fn enum_forms_of_unseen_pages_are_counted() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            ("Values:", &["Language. Values:", "• en-us", "• zh-cn"], &["en-us", "zh-cn"]),
            ("Value options:", &["Type. Value options:", "• prefix: a", "• suffix: b"], &["prefix", "suffix"]),
            ("取值：", &["方向。取值：", "• asc：升序", "• desc：降序"], &["asc", "desc"]),
            ("qualifier", &["Status.", "• ACTIVE (default): normal", "• ERROR: failed"], &["ACTIVE", "ERROR"]),
            ("bare qualifier", &["Status.", "• ACTIVE (default)", "• ERROR"], &["ACTIVE", "ERROR"]),
            ("spaces around the colon", &["Mode.", "• MANUAL : a.", "• AUTO : b."], &["MANUAL", "AUTO"]),
            ("full-width colon", &["模式。", "• MANUAL：手动", "• AUTO：自动"], &["MANUAL", "AUTO"]),
            (
                "empty string last",
                &["Status.", "• UP: normal.", "• DOWN: abnormal.", "• Empty string: no host."],
                &["UP", "DOWN", ""],
            ),
            ("null last", &["Status.", "• UP: normal.", "• DOWN: abnormal.", "• null: not reported."], &["UP", "DOWN"]),
            (
                "a bare Empty is a value",
                &["State.", "• Dead: no members.", "• Empty: metadata only."],
                &["Dead", "Empty"],
            ),
        ];
        for (form, parts, want) in cases {
            let got = read_bullets(&nested(parts));
            assert_eq!(got.values, *want, "{form}");
            assert!(!got.open_set, "{form}");
        }
    }

    #[test]
    fn parts_placeholders_and_suggestions_are_not_values() {
        // The parts of the values listed above them (CCE `flavorResize`).
        let parts = nested(&[
            "Flavor.",
            "• cce.s1.small: small",
            "• cce.s2.large: large",
            "Note",
            "• s1: one master node.",
            "• s2: three master nodes.",
            "• small: 50 nodes.",
        ]);
        assert_eq!(read_bullets(&parts).values, ["cce.s1.small", "cce.s2.large"]);
        // The parts of a format (ECS `quota:local_disk`).
        let format =
            nested(&["The format is {type}:{count}.", "• type: the disk type.", "• count: the number of disks."]);
        assert!(read_bullets(&format).values.is_empty());
        // Suggestions (VPC `cidr`).
        let cidr =
            nested(&["CIDR.", "• Range:", "Recommended IP address ranges:", "•• 10.0.0.0/8-24", "•• 172.16.0.0/12-24"]);
        assert_eq!(read_bullets(&cidr), Bullets::default());
    }

    #[test]
    fn one_bullet_can_state_two_values() {
        assert_eq!(super::bullet_values("http and https"), ["http", "https"]);
        assert_eq!(super::bullet_values("PUBLIC"), ["PUBLIC"]);
        assert!(super::bullet_values("IP protocol number (0-255)").is_empty());
    }

    #[test]
    fn bullet_values() {
        assert_eq!(bullet_value("PENDING_ACCEPTANCE"), Some("PENDING_ACCEPTANCE".into()));
        assert_eq!(bullet_value("0: pay-per-use"), Some("0".into()));
        assert_eq!(bullet_value("true：开启"), Some("true".into()));
        assert_eq!(bullet_value("Contains 1 to 64 characters."), None);
        assert_eq!(bullet_value("Note: read this"), None);
        assert_eq!(bullet_value("Value range: 1-10"), None);
    }
}
