//! Coverage: how much of what the pages document reached the spec.
//!
//! The pages are counted from the document model ([`doc`]), independently of
//! the extractor; the spec is walked from each page's operations ([`reach`]).
//! A row only reported in a diagnostic is a loss, not coverage.

pub mod doc;
mod figures;
pub mod precision;
pub mod reach;
mod report;

pub use figures::{Coverage, Figures, Loss, LossKind};
pub use report::{markdown, read_figures, summary_line};

use figures::join_quoted;

use crate::ingest::Document;
use crate::lexicon;
use crate::spec::openapi::{OpenApi, Schema};

/// Coverage of `spec` over the pages it was built from.
pub fn measure(service: &str, docs: &[Document], spec: &OpenApi) -> Coverage {
    let reach = reach::reach(spec);
    let mut cov = Coverage { service: service.to_string(), ..Default::default() };
    cov.figures.pages = docs.len();
    cov.figures.operations = spec.operations().len();
    for page in docs.iter().filter_map(doc::survey) {
        cov.figures.operation_pages += 1;
        cov.figures.examples_on_pages += page.json_examples;
        let empty = reach::PageReach::default();
        let reached = reach.get(&page.file).unwrap_or(&empty);
        cov.figures.examples_checked += reached.examples;
        cov.figures.examples_contradicting += reached.invalid_examples;
        page_losses(spec, &page, reached, &mut cov);
    }
    invalid_paths(spec, &mut cov);
    let kinds: Vec<LossKind> = cov.losses.iter().map(|l| l.kind).collect();
    for kind in kinds {
        cov.figures.count(kind);
    }
    cov.losses.sort_by(|a, b| (a.kind, &a.file, a.line).cmp(&(b.kind, &b.file, b.line)));
    cov
}

fn page_losses(spec: &OpenApi, page: &doc::DocPage, reached: &reach::PageReach<'_>, cov: &mut Coverage) {
    let f = &mut cov.figures;
    for table in page.tables.iter().filter(|t| !t.rows.is_empty()) {
        f.tables += 1;
        let caption = table.caption.as_deref();
        let loss = |kind, row: Option<&doc::DocRow>, detail: String| Loss {
            kind,
            file: page.file.clone(),
            table: table.caption.clone(),
            row: row.map(|r| r.name.clone()),
            line: row.map(|r| r.line).unwrap_or(table.line),
            detail,
        };
        let mut any = false;
        let mut missing = Vec::new();
        for row in &table.rows {
            f.rows += 1;
            f.links += row.table_links.len();
            f.enum_bullets += row.enum_bullets.len();
            let fields = reached.find(&page.file, caption, &row.name);
            if fields.is_empty() {
                missing.push(row);
                continue;
            }
            for defect in precision::check(spec, page, row, &fields) {
                cov.losses.push(loss(defect.kind, Some(row), defect.detail));
            }
            let schemas: Vec<&Schema> = fields.iter().map(|f| f.schema).collect();
            any = true;
            f.rows_reached += 1;
            if schemas.iter().any(|s| reach::has_reference(s)) {
                f.links_resolved += row.table_links.len();
            } else if !row.table_links.is_empty() {
                let detail = format!("links to table `{}` but is not a reference", row.table_links.join("`, `"));
                cov.losses.push(loss(LossKind::UnresolvedLink, Some(row), detail));
            }
            if schemas.iter().all(|s| reach::is_free_form(spec, s)) && has_table_for(page, table, row) {
                f.free_form_with_table += 1;
                cov.losses.push(loss(
                    LossKind::FreeForm,
                    Some(row),
                    "free-form object; the page has a table for it".into(),
                ));
            }
            if !row.enum_bullets.is_empty() {
                let values: Vec<String> = schemas.iter().flat_map(|s| reach::enum_strings(spec, s)).collect();
                // `True` on the page is JSON `true` in a boolean enum.
                let same = |v: &String, b: &String| {
                    v == b || (matches!(v.as_str(), "true" | "false") && v.eq_ignore_ascii_case(b))
                };
                let lost: Vec<&String> =
                    row.enum_bullets.iter().filter(|b| !values.iter().any(|v| same(v, b))).collect();
                f.enum_extracted += row.enum_bullets.len() - lost.len();
                if !lost.is_empty() {
                    let detail = format!("values not in the enum: {}", join_quoted(&lost));
                    cov.losses.push(loss(LossKind::Enum, Some(row), detail));
                }
            }
        }
        if any {
            for row in missing {
                cov.losses.push(loss(LossKind::Row, Some(row), "row not in the spec".into()));
            }
        } else {
            f.orphan_tables += 1;
            let names: Vec<&String> = table.rows.iter().map(|r| &r.name).collect();
            let mut detail =
                format!("no row of this table reached the spec ({} rows: {})", names.len(), join_quoted(&names));
            let kind = if referred(page, table) {
                LossKind::OrphanTable
            } else {
                f.rows_page_defects += table.rows.len();
                detail.push_str("; no row of the page names, types or links to it");
                LossKind::PageOrphan
            };
            cov.losses.push(loss(kind, None, detail));
        }
    }
}

/// Some row of another table of the page refers to `table`: links to its anchor, is named by a
/// word of its caption (`resource_tag` for `resource_tag field description`, `tags` for `tag`),
/// or names a word of its caption in its type or description (`Array of PolicyTemplate objects`).
/// Generous on purpose: only a table nothing on the page leads to counts as the page's defect, and
/// a table whose caption names nothing (or that has none) is never one.
fn referred(page: &doc::DocPage, table: &doc::DocTable) -> bool {
    let words: Vec<&str> = name_words(table.caption.as_deref().unwrap_or(""))
        .filter(|w| w.chars().count() >= 3 && !lexicon::contains_ci(CAPTION_FILLER, w))
        .collect();
    if words.is_empty() {
        return true;
    }
    let names_a_word = |text: &str| {
        name_words(text)
            .any(|t| words.iter().any(|w| w.eq_ignore_ascii_case(t) || w.eq_ignore_ascii_case(t.trim_end_matches('s'))))
    };
    page.tables.iter().filter(|t| !std::ptr::eq(*t, table)).flat_map(|t| &t.rows).any(|r| {
        r.table_links.iter().any(|l| table.anchors.contains(l)) || names_a_word(&r.name) || names_a_word(&r.text)
    })
}

/// The words of `text` that can be names (`resource_tag`, `os-extended-volumes:volumes_attached`).
fn name_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
}

/// Caption words that name no field or type (`Description of the share field`).
const CAPTION_FILLER: &[&str] = &[
    "parameter",
    "parameters",
    "description",
    "descriptions",
    "data",
    "structure",
    "field",
    "fields",
    "object",
    "objects",
    "the",
    "and",
    "for",
    "request",
    "response",
    "body",
    "table",
    "information",
    "attribute",
    "attributes",
    "value",
    "values",
    "list",
    "details",
    "with",
];

/// The page has a table for this field: the row links to one, or a caption names the field.
fn has_table_for(page: &doc::DocPage, own: &doc::DocTable, row: &doc::DocRow) -> bool {
    !row.table_links.is_empty()
        || page
            .tables
            .iter()
            .any(|t| !std::ptr::eq(t, own) && t.caption.as_deref().is_some_and(|c| caption_names(c, &row.name)))
}

/// `Description of the peering field`, `peering objects`, `PoolSpec`: the caption names `field` as a word.
fn caption_names(caption: &str, field: &str) -> bool {
    caption.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).any(|w| w == field)
}

/// OpenAPI paths: start with `/`, no query or fragment, balanced `{name}` templates.
pub fn is_valid_path(path: &str) -> bool {
    if !path.starts_with('/') || path.contains(['?', '#', ' ', '\t']) {
        return false;
    }
    let mut open = false;
    let mut name = String::new();
    for c in path.chars() {
        match (c, open) {
            ('{', false) => open = true,
            ('}', true) => {
                if name.is_empty() {
                    return false;
                }
                name.clear();
                open = false;
            }
            ('{' | '}', _) => return false,
            (c, true) if !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')) => return false,
            (c, true) => name.push(c),
            _ => {}
        }
    }
    !open
}

fn invalid_paths(spec: &OpenApi, cov: &mut Coverage) {
    for (path, item) in &spec.paths {
        if is_valid_path(path) {
            continue;
        }
        cov.figures.invalid_paths += 1;
        let file = item.values().next().and_then(|o| o.x_source.clone()).unwrap_or_default();
        cov.losses.push(Loss {
            kind: LossKind::InvalidPath,
            file: file.split(" > ").next().unwrap_or("").to_string(),
            table: None,
            row: None,
            line: None,
            detail: format!("`{path}` is not a valid OpenAPI path"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert!(is_valid_path("/v2/{project_id}/pools/{pool_name}"));
        assert!(!is_valid_path("/v2/{id}{?a,b}"));
        assert!(!is_valid_path("/v2/x?a={a}"));
        assert!(!is_valid_path("/v2/{a"));
        assert!(!is_valid_path("v2"));
    }

    #[test]
    fn captions_name_fields() {
        assert!(caption_names("Description of the peering field", "peering"));
        assert!(caption_names("peering objects", "peering"));
        assert!(!caption_names("peerings objects", "peering"));
    }

    fn row(name: &str, text: &str) -> doc::DocRow {
        doc::DocRow {
            name: name.into(),
            line: None,
            table_links: Vec::new(),
            enum_bullets: Vec::new(),
            open_set: false,
            mandatory: doc::Mandatory::NoColumn,
            text: text.into(),
        }
    }

    fn table(caption: Option<&str>, rows: Vec<doc::DocRow>) -> doc::DocTable {
        doc::DocTable { caption: caption.map(str::to_string), anchors: Vec::new(), line: None, rows }
    }

    #[test]
    fn a_table_nothing_on_its_page_leads_to_is_the_pages_defect() {
        let gateway = table(Some("Response parameters"), vec![row("vpn_gateway", "String | The gateway.")]);
        let template = table(Some("PolicyTemplate"), vec![row("ike_policy", "IkePolicy object")]);
        let page = |tables| doc::DocPage { file: "p.rst".into(), tables, json_examples: 0 };
        assert!(!referred(&page(vec![gateway.clone(), template.clone()]), &template));
        // A row typing it, or named by its caption (plural or not), leads to it.
        let typed = table(Some("Response parameters"), vec![row("policy", "PolicyTemplate object | ...")]);
        assert!(referred(&page(vec![typed, template.clone()]), &template));
        let tags = table(Some("resource_tag field description"), vec![row("key", "String")]);
        let named = table(Some("Request parameters"), vec![row("resource_tags", "Array | Tags.")]);
        assert!(referred(&page(vec![named, tags.clone()]), &tags));
        // A table without a caption that names something is never counted as the page's defect.
        let bare = table(None, vec![row("methods", "String")]);
        assert!(referred(&page(vec![gateway, bare.clone()]), &bare));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod precision_tests;
