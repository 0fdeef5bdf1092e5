//! The figures and losses of one service's coverage: plain data, read by every part of `coverage`.

use serde::{Deserialize, Serialize};

/// The figures of one service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub pages: usize,
    pub operation_pages: usize,
    pub operations: usize,
    /// Rows of parameter tables on operation pages.
    pub rows: usize,
    /// Of those, rows present as a parameter or property reachable from an operation of their page.
    pub rows_reached: usize,
    /// Parameter tables with rows.
    pub tables: usize,
    /// Tables none of whose rows reached the spec.
    pub orphan_tables: usize,
    /// Links from a row to another table of its page.
    pub links: usize,
    /// Links whose row refers to a schema in the spec.
    pub links_resolved: usize,
    /// Reached fields left as a free-form `object` although a table of the page is named after them.
    pub free_form_with_table: usize,
    /// Enum values written as bullets in descriptions.
    pub enum_bullets: usize,
    pub enum_extracted: usize,
    /// JSON example blocks on operation pages.
    pub examples_on_pages: usize,
    /// Examples attached to the spec (checked against the tables).
    pub examples_checked: usize,
    pub examples_contradicting: usize,
    pub invalid_paths: usize,
    /// Precision (what the spec says that the page does not); `default` so that figures
    /// committed before these were counted still read.
    /// Reached rows whose enum holds description labels (`Definition`, `Range`).
    #[serde(default)]
    pub false_enums: usize,
    /// Reached rows with an enum where the page lists an open set.
    #[serde(default)]
    pub open_set_enums: usize,
    /// Defaults that are placeholders (`N/A`, `None`, `-`, `无`).
    #[serde(default)]
    pub placeholder_defaults: usize,
    /// Defaults the row does not state.
    #[serde(default)]
    pub unstated_defaults: usize,
    /// Rows of orphan tables that no row of their page names, types or links to: the page puts
    /// them out of reach (a defect of the page, named in the report).
    #[serde(default)]
    pub rows_page_defects: usize,
    /// Required flags where the Mandatory column says No (or nothing, in a row whose cell is
    /// empty); path parameters aside.
    #[serde(default)]
    pub required_contradictions: usize,
    /// Fields the Mandatory column says Yes to that the spec leaves optional.
    #[serde(default)]
    pub required_missing: usize,
}

impl Figures {
    /// Rows reached, or in a table the page itself gives no way to reach.
    pub fn rows_or_page_defects_pct(&self) -> f64 {
        pct(self.rows_reached + self.rows_page_defects, self.rows)
    }

    pub fn rows_pct(&self) -> f64 {
        pct(self.rows_reached, self.rows)
    }

    pub fn enums_pct(&self) -> f64 {
        pct(self.enum_extracted, self.enum_bullets)
    }

    pub fn unresolved_links(&self) -> usize {
        self.links - self.links_resolved
    }

    /// Every precision defect: false enums, open-set enums, bad defaults, wrong required flags.
    pub fn precision_defects(&self) -> usize {
        self.false_enums
            + self.open_set_enums
            + self.placeholder_defaults
            + self.unstated_defaults
            + self.required_contradictions
            + self.required_missing
    }

    pub(super) fn count(&mut self, kind: LossKind) {
        match kind {
            LossKind::FalseEnum => self.false_enums += 1,
            LossKind::OpenSetEnum => self.open_set_enums += 1,
            LossKind::PlaceholderDefault => self.placeholder_defaults += 1,
            LossKind::UnstatedDefault => self.unstated_defaults += 1,
            LossKind::RequiredContradiction => self.required_contradictions += 1,
            LossKind::RequiredMissing => self.required_missing += 1,
            _ => {}
        }
    }
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LossKind {
    Row,
    OrphanTable,
    /// An orphan table that no row of its page refers to.
    PageOrphan,
    UnresolvedLink,
    FreeForm,
    Enum,
    InvalidPath,
    FalseEnum,
    OpenSetEnum,
    PlaceholderDefault,
    UnstatedDefault,
    RequiredContradiction,
    RequiredMissing,
}

impl LossKind {
    pub fn label(self) -> &'static str {
        match self {
            LossKind::Row => "row not in the spec",
            LossKind::OrphanTable => "orphan table",
            LossKind::PageOrphan => "orphan table the page puts out of reach (a defect of the page)",
            LossKind::UnresolvedLink => "unresolved link",
            LossKind::FreeForm => "free-form object with a table",
            LossKind::Enum => "enum values not extracted",
            LossKind::InvalidPath => "invalid path",
            LossKind::FalseEnum => "false enum (description labels as values)",
            LossKind::OpenSetEnum => "enum where the page gives an open set",
            LossKind::PlaceholderDefault => "placeholder default",
            LossKind::UnstatedDefault => "default the page does not state",
            LossKind::RequiredContradiction => "required although the Mandatory column says no",
            LossKind::RequiredMissing => "optional although the Mandatory column says yes",
        }
    }

    /// Something in the spec that is not on the page (rather than the reverse).
    pub fn is_precision(self) -> bool {
        matches!(
            self,
            LossKind::FalseEnum
                | LossKind::OpenSetEnum
                | LossKind::PlaceholderDefault
                | LossKind::UnstatedDefault
                | LossKind::RequiredContradiction
                | LossKind::RequiredMissing
        )
    }
}

/// One thing documented that did not reach the spec, or one thing in the spec the page does not say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loss {
    pub kind: LossKind,
    pub file: String,
    pub table: Option<String>,
    pub row: Option<String>,
    pub line: Option<usize>,
    pub detail: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub service: String,
    pub figures: Figures,
    pub losses: Vec<Loss>,
}

pub(super) fn join_quoted(items: &[&String]) -> String {
    let shown: Vec<String> = items.iter().take(8).map(|s| format!("`{s}`")).collect();
    let more = items.len().saturating_sub(8);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
