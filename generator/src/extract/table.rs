//! One table row -> one [`Field`]: where a documentation row becomes a typed field.

use super::describe::describe_text;
use super::ir::{Constraints, Field, Source, Ty};
use crate::diagnostics::{Code, Diagnostic};
use crate::ingest::{Cell, Row, Table};
use crate::lexicon;
use crate::types::{self, TypeExpr};

/// Which column holds what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Columns {
    pub name: usize,
    pub required: Option<usize>,
    pub kind: Option<usize>,
    pub description: Option<usize>,
    pub count: usize,
}

impl Columns {
    /// Columns from the header; `None` when it is not a parameter table: it needs
    /// a type column, or a name column with a required or description column
    /// (`Parameter | Mandatory | Description`: the Mandatory cell is never a type).
    pub fn from_header(header: &[Cell]) -> Option<Columns> {
        let texts: Vec<String> = header.iter().map(Cell::text).collect();
        let find = |list: &[&str]| texts.iter().position(|t| lexicon::contains_ci(list, t));
        let kind = find(lexicon::TYPE_HEADERS);
        let name = find(lexicon::NAME_HEADERS);
        let required = find(lexicon::REQUIRED_HEADERS);
        let description = find(lexicon::DESCRIPTION_HEADERS);
        if kind.is_none() && (name.is_none() || (required.is_none() && description.is_none())) {
            return None;
        }
        Some(Columns { name: name.unwrap_or(0), required, kind, description, count: texts.len() })
    }

    /// Columns guessed from the row width when the table has no header.
    pub fn guess(width: usize) -> Option<Columns> {
        match width {
            4 => Some(Columns { name: 0, required: Some(1), kind: Some(2), description: Some(3), count: 4 }),
            3 => Some(Columns { name: 0, required: None, kind: Some(1), description: Some(2), count: 3 }),
            _ => None,
        }
    }
}

/// A row before its type is resolved against the page's tables.
#[derive(Debug, Clone)]
pub struct RawField {
    pub field: Field,
    /// The parsed type cell (named types unresolved).
    pub type_expr: Option<TypeExpr>,
    /// The type cell is only a name ([`types::parse_page_name`]): a type when a table of the page
    /// is named so, else an unknown type (W0201).
    pub tentative: bool,
    /// The table has no type column (parameters are then strings).
    pub untyped: bool,
    /// Link targets in the type cell (`#X__request_Y` -> `X__request_Y`).
    pub type_links: Vec<String>,
    /// Link targets in the other cells ("For details, see Table 3" as a link).
    pub other_links: Vec<String>,
    /// Tables the description names by number (`Table 3`, `表3`), normalised by [`table_label_key`].
    pub table_mentions: Vec<String>,
    /// Texts of the links in the other cells (`Parameters in the volume field`): a link whose
    /// target the reader could not keep still names its table by caption.
    pub link_texts: Vec<String>,
}

/// `Table 3` / `table  3` / `表3` -> `table3` / `表3`: how captions and mentions are compared.
pub fn table_label_key(label: &str) -> String {
    label.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// `Table 3`, `表 3` written anywhere in a text.
fn mentioned_tables(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in lexicon::CAPTION_PREFIXES {
        let mut rest = text;
        while let Some(i) = rest.find(prefix) {
            let after = rest.get(i + prefix.len()..).unwrap_or("");
            let digits: String = after.trim_start().chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
            let digits = digits.trim_end_matches('-');
            if !digits.is_empty() {
                out.push(table_label_key(&format!("{prefix}{digits}")));
            }
            rest = after;
        }
    }
    out
}

fn anchors_of<'a>(cells: impl Iterator<Item = &'a Cell>) -> Vec<String> {
    cells.flat_map(Cell::links).filter_map(|l| l.href.rsplit_once('#').map(|(_, a)| a.to_string())).collect()
}

/// Read one row. Problems go to `diags`; a row with no name is reported and skipped.
pub fn read_row(table: &Table, cols: &Columns, row: &Row, file: &str, diags: &mut Vec<Diagnostic>) -> Option<RawField> {
    let caption = table.caption.as_deref();
    let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i));
    let name = cell(Some(cols.name)).map(|c| first_line(&c.text())).unwrap_or_default();
    let at = |code, msg: String| Diagnostic::new(code, file, msg).line(row.line).table(caption);
    if row.cells.len() != cols.count {
        diags.push(
            at(Code::W0203, format!("row has {} cells, the header has {}", row.cells.len(), cols.count))
                .row(name.clone())
                .hint("check the page for a broken table; missing cells are read as empty"),
        );
    }
    if name.is_empty() {
        let content = row.cells.iter().map(Cell::text).collect::<Vec<_>>().join(" | ");
        diags.push(at(Code::W0211, format!("row has no parameter name; row skipped: {}", shorten(&content))));
        return None;
    }
    let source =
        Source { file: file.to_string(), table: table.caption.clone(), row: Some(name.clone()), line: row.line };
    let required = required(cell(cols.required), &name, &at, diags);
    let type_cell = cell(cols.kind);
    // A type is one phrase; a line break in its cell is layout (`Array of` / `:ref:`X <a>` objects`).
    let type_text = type_cell.map(|c| c.text().split_whitespace().collect::<Vec<_>>().join(" ")).unwrap_or_default();
    // `Array of :ref:`Table 1 <anchor>` objects`: the link stands for the type; it resolves by anchor.
    // A type cell that is only a link (`:ref:`Table 3 <anchor>``) names the object of that table.
    let type_expr = types::parse(&type_text).or_else(|| {
        let link = type_cell?.links().next()?;
        let rest = type_text.replacen(&link.text, "LinkedType", 1);
        if rest.trim() == "LinkedType" {
            return Some(TypeExpr::Named(link.text.clone()));
        }
        types::parse(&rest)
    });
    // `Resource_tag`, `Array of resource_tags`: a name the page may give a table; the resolver
    // reports it (W0201) when no table of the page is named so.
    let page_name = type_expr.is_none().then(|| types::parse_page_name(&type_text)).flatten();
    let type_expr = type_expr.or_else(|| page_name.clone());
    if type_expr.is_none() && cols.kind.is_some() {
        diags.push(unknown_type(file, &type_text).line(row.line).table(caption).row(name.clone()));
    }
    let no_cell = Cell::default();
    let desc_cell = cell(cols.description).unwrap_or(&no_cell);
    // Joined once: the description, its enum and constraint phrases and its table mentions.
    let description = desc_cell.text();
    let described = describe_text(
        desc_cell,
        &description,
        type_expr.as_ref().map(innermost).or(cols.kind.is_none().then_some(&TypeExpr::String)),
    );
    if !described.rejected_enum.is_empty() {
        diags.push(
            at(
                Code::W0212,
                format!(
                    "enum values {:?} do not fit type `{type_text}`; kept in the description only",
                    described.rejected_enum
                ),
            )
            .row(name.clone()),
        );
    }
    let type_links = anchors_of(type_cell.into_iter());
    let other_links = anchors_of(row.cells.iter().enumerate().filter(|(i, _)| Some(*i) != cols.kind).map(|(_, c)| c));
    // "see Table 3" in the description, or in the type cell (`Dictionary data structure. For details, see Table 3.`).
    let mut table_mentions = mentioned_tables(&description);
    table_mentions.extend(mentioned_tables(&type_text));
    let link_texts = row
        .cells
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != cols.kind)
        .flat_map(|(_, c)| c.links())
        .map(|l| l.text.clone())
        .collect();
    let field = Field {
        name,
        ty: Ty::Scalar(TypeExpr::Object),
        required,
        description,
        enum_values: described.enum_values,
        default: described.default,
        constraints: with_sized_type(described.constraints, &type_text),
        source,
        also_documented_at: Vec::new(),
        translations: Default::default(),
    };
    let untyped = cols.kind.is_none();
    let tentative = page_name.is_some();
    Some(RawField { field, type_expr, tentative, untyped, type_links, other_links, table_mentions, link_texts })
}

/// W0201 for a type cell no grammar reads (here, or in the resolver for a name no table of the
/// page has); the caller adds where.
pub(super) fn unknown_type(file: &str, type_text: &str) -> Diagnostic {
    Diagnostic::new(Code::W0201, file, format!("unknown type `{}`; read as a free-form value", shorten(type_text)))
        .hint("fix the type in the overrides file (set-type)")
}

/// Two rows for one field (two cases of one call: `X-Auth-Token` Yes with an agency token, No
/// with a user token): the first row is kept, required only where every case requires it.
pub(super) fn merge_required(first: &mut Option<bool>, other: Option<bool>) {
    if *first == Some(true) && other == Some(false) {
        *first = Some(false);
    }
}

/// `String(255)`: the size in the type cell is the maximum length when the description gives none.
fn with_sized_type(mut c: Constraints, type_text: &str) -> Constraints {
    if let Some((TypeExpr::String, size)) = types::sized_scalar(type_text) {
        c.max_length = c.max_length.or(Some(size));
    }
    c
}

/// Enums and constraints describe the element type of arrays.
fn innermost(t: &TypeExpr) -> &TypeExpr {
    match t {
        TypeExpr::Array(inner) => innermost(inner),
        other => other,
    }
}

fn required(
    cell: Option<&Cell>,
    name: &str,
    at: &dyn Fn(Code, String) -> Diagnostic,
    diags: &mut Vec<Diagnostic>,
) -> Option<bool> {
    let text = cell.map(Cell::text).unwrap_or_default();
    if text.trim().is_empty() {
        return None;
    }
    let flag = lexicon::required_flag(&first_line(&text));
    if flag.is_none() {
        diags.push(
            at(Code::W0205, format!("required column says `{}`; read as unknown", shorten(&text)))
                .row(name)
                .hint("set it with set-required in the overrides file"),
        );
    }
    flag
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

pub fn shorten(s: &str) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}
