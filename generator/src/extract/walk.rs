//! One pass over a page: title, description, URI lines, the section and status
//! code each table sits under, examples, and the status codes the page lists.

use super::ir::Example;
use super::uri;
use crate::diagnostics::{Code, Diagnostic};
use crate::ingest::{Document, NodeKind, Table};
use crate::lexicon::{self, Section};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A table with what the page around it says about it.
pub(super) struct Placed<'a> {
    pub(super) table: &'a Table,
    pub(super) section: Option<Section>,
    pub(super) status: Option<u16>,
}

/// What one pass over the page collects.
#[derive(Default)]
pub(super) struct Walk<'a> {
    pub(super) title: Option<String>,
    pub(super) description: Vec<String>,
    pub(super) uris: Vec<(String, String, Option<usize>)>,
    /// Query names shown in each URI line (`?a={a}`, `{?a,b}`), same order as `uris`.
    pub(super) uri_queries: Vec<Vec<String>>,
    pub(super) tables: Vec<Placed<'a>>,
    pub(super) request_examples: Vec<Example>,
    /// (status marker, is a failure example, example)
    pub(super) response_examples: Vec<(Option<u16>, bool, Example)>,
    /// Status code -> description, from the status code table and markers.
    pub(super) statuses: BTreeMap<u16, Option<String>>,
}

pub(super) static REQUEST_LINE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\S+$").ok());
impl Walk<'_> {
    fn add_uri(&mut self, u: uri::Uri, line: Option<usize>) {
        if !self.uris.iter().any(|(m, p, _)| *m == u.method && *p == u.path) {
            self.uris.push((u.method, u.path, line));
            self.uri_queries.push(u.query);
        }
    }
}

pub(super) fn walk<'a>(doc: &'a Document, diags: &mut Vec<Diagnostic>) -> Walk<'a> {
    let mut w = Walk::default();
    let mut section: Option<Section> = None;
    let mut status: Option<u16> = None;
    let mut summary: Option<String> = None;
    // The split form: `PATH: /x` and `Method: GET` on separate lines.
    let mut split_path: Option<(String, Vec<String>, Option<usize>)> = None;
    let mut split_method: Option<String> = None;
    // A URI section that gives only the method (`GET`): the path comes from the page's example
    // request line (`GET https://{Endpoint}/`).
    let mut bare_method: Option<String> = None;
    // A list item naming an example section (`-  Example request`, older pages) makes the code
    // blocks after it examples of that kind, until the next heading or table; the section (and
    // where later tables belong) stays.
    let mut example_item: Option<Section> = None;
    for node in &doc.nodes {
        let text = node.text();
        let heading_section = match &node.kind {
            NodeKind::Heading { .. } | NodeKind::Paragraph(_) => lexicon::section(text),
            _ => None,
        };
        if let Some(s) = heading_section {
            section = Some(s);
            (status, summary, example_item) = (None, None, None);
            continue;
        }
        if let NodeKind::ListItem { .. } = &node.kind {
            if let Some(s) = lexicon::section(text).filter(|s| s.holds_examples()) {
                (example_item, status, summary) = (Some(s), None, None);
                continue;
            }
        }
        match &node.kind {
            NodeKind::Heading { level, text } => {
                example_item = None;
                if w.title.is_none() && (*level == 1 || section.is_none()) {
                    w.title = Some(text.text.clone());
                }
            }
            NodeKind::Table(t) => {
                example_item = None;
                if section == Some(Section::StatusCodes) || is_status_table(t) {
                    read_status_table(t, &mut w.statuses);
                }
                w.tables.push(Placed { table: t, section, status });
            }
            NodeKind::Paragraph(_) | NodeKind::ListItem { .. } | NodeKind::Code(_) => {
                if let Some(code) = lexicon::status_marker(text) {
                    status = Some(code);
                    w.statuses.entry(code).or_insert(None);
                    summary = None;
                    continue;
                }
                // URI lines sit before the parameter tables; later `GET /x` text is prose or a table cell.
                if let (NodeKind::Code(code), Some(method)) = (&node.kind, &bare_method) {
                    let first = code.lines().next().and_then(uri::uri).filter(|u| &u.method == method);
                    if let Some(u) = first.filter(|_| w.uris.is_empty()) {
                        w.add_uri(u, node.line);
                        bare_method = None;
                    }
                }
                if section == Some(Section::Uri) && uri::is_method(text) {
                    bare_method = Some(text.trim().to_ascii_uppercase());
                    continue;
                }
                if matches!(section, None | Some(Section::Function | Section::Uri)) {
                    if let Some(u) = uri::uri(text) {
                        w.add_uri(u, node.line);
                        continue;
                    }
                    if let Some((path, query)) = uri::path_line(text) {
                        split_path = Some((path, query, node.line));
                    } else if let Some(m) = uri::method_line(text) {
                        split_method = Some(m);
                    }
                    if let (Some((path, query, line)), Some(method)) = (&split_path, &split_method) {
                        let u = uri::Uri { method: method.clone(), path: path.clone(), query: query.clone() };
                        w.add_uri(u, *line);
                        (split_path, split_method) = (None, None);
                        continue;
                    }
                }
                let section = example_item.or(section);
                let examples = section.is_some_and(Section::holds_examples);
                match (&node.kind, section) {
                    (NodeKind::Code(code), Some(s)) if examples => {
                        let label = summary.take();
                        let Some(kind) = example_kind(s, code, label.as_deref()) else { continue };
                        if let Some(example) = parse_example(code, label, node.line, &doc.path, diags) {
                            match kind {
                                ExampleKind::Request => w.request_examples.push(example),
                                ExampleKind::Response => w.response_examples.push((status, false, example)),
                                ExampleKind::Failure => w.response_examples.push((status, true, example)),
                            }
                        }
                    }
                    (NodeKind::Paragraph(t) | NodeKind::ListItem { text: t, .. }, _) if examples => {
                        if !REQUEST_LINE.as_ref().is_some_and(|r| r.is_match(&t.text)) {
                            summary = Some(t.text.clone());
                        }
                        if let (Some(code), Some(Section::ResponseExample)) = (status, section) {
                            w.statuses.entry(code).or_insert_with(|| Some(t.text.clone()));
                        }
                    }
                    (NodeKind::Paragraph(t), Some(Section::Function)) => w.description.push(t.text.clone()),
                    // Pages without a "Function" heading start with the description.
                    (NodeKind::Paragraph(t), None)
                        if w.title.is_some()
                            && w.description.is_empty()
                            && w.uris.is_empty()
                            && !lexicon::is_chrome_line(&t.text) =>
                    {
                        w.description.push(t.text.clone());
                    }
                    _ => {}
                }
            }
        }
    }
    w
}

pub(super) fn is_status_table(t: &Table) -> bool {
    t.header.first().is_some_and(|c| lexicon::contains_ci(lexicon::STATUS_HEADERS, &c.text()))
        && !t.header.iter().any(|c| lexicon::contains_ci(lexicon::TYPE_HEADERS, &c.text()))
        && !t.header.iter().any(|c| lexicon::contains_ci(lexicon::ERROR_CODE_HEADERS, &c.text()))
}

pub(super) fn read_status_table(t: &Table, statuses: &mut BTreeMap<u16, Option<String>>) {
    for row in &t.rows {
        let mut cells = row.cells.iter().map(|c| c.text());
        // `200`, `400 Bad Request`: the code is the first word.
        let Some(code) = cells.next().and_then(|c| c.split_whitespace().next()?.parse::<u16>().ok()) else { continue };
        let desc = cells.next_back().filter(|d| !d.trim().is_empty());
        let entry = statuses.entry(code).or_insert(None);
        if entry.is_none() {
            *entry = desc;
        }
    }
}

pub(super) enum ExampleKind {
    Request,
    Response,
    /// A response example of a failed call (`Failed sample response`).
    Failure,
}

/// Whether a code block is a request or a response example: by section, else
/// (mixed `Samples` sections) by a leading request line or the label's words.
pub(super) fn example_kind(section: Section, code: &str, label: Option<&str>) -> Option<ExampleKind> {
    let label = label.unwrap_or("").to_lowercase();
    let says = |words: &[&str]| words.iter().any(|w| label.contains(w));
    let request_line = code.lines().next().is_some_and(|l| REQUEST_LINE.as_ref().is_some_and(|r| r.is_match(l.trim())));
    match section {
        Section::RequestExample => Some(ExampleKind::Request),
        Section::ResponseExample if says(lexicon::FAILURE_WORDS) => Some(ExampleKind::Failure),
        Section::ResponseExample => Some(ExampleKind::Response),
        _ if request_line || (says(lexicon::REQUEST_WORDS) && !says(lexicon::RESPONSE_WORDS)) => {
            Some(ExampleKind::Request)
        }
        _ if says(lexicon::RESPONSE_WORDS) && says(lexicon::FAILURE_WORDS) => Some(ExampleKind::Failure),
        _ if says(lexicon::RESPONSE_WORDS) => Some(ExampleKind::Response),
        _ => None,
    }
}

/// A JSON example from a code block, with a leading request line removed.
pub(super) fn parse_example(
    code: &str,
    summary: Option<String>,
    line: Option<usize>,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Example> {
    let mut body = code.trim();
    if let Some(first) = body.lines().next() {
        if REQUEST_LINE.as_ref().is_some_and(|r| r.is_match(first.trim())) {
            body = body.get(first.len()..).unwrap_or("").trim();
        }
    }
    if body.is_empty() {
        return None;
    }
    match serde_json::from_str(body) {
        Ok(value) => Some(Example { summary, value, line, problems: Vec::new() }),
        Err(e) => {
            diags.push(
                Diagnostic::new(Code::W0208, file, format!("example is not JSON ({e}); not attached"))
                    .line(line)
                    .hint("examples in other formats are kept out of the spec"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_str, Format};

    /// Older pages write the example sections as list items inside the Request and Response
    /// sections (`-  Example request`): their code blocks are examples; tables stay in place.
    #[test]
    fn list_items_naming_example_sections_hold_examples() {
        let page = "Creating a Zone\n===============\n\nURI\n---\n\nPOST /v2/zones\n\nRequest\n-------\n\n\
            -  Example request\n\n   .. code-block::\n\n      {\"name\": \"a.\"}\n\n\
            .. table:: **Table 1** Parameter description\n\n   ==== ======= ====== ===========\n   \
            Name Mandatory Type   Description\n   ==== ======= ====== ===========\n   \
            name Yes       String Zone name.\n   ==== ======= ====== ===========\n\n\
            Response\n--------\n\n-  Example response\n\n   .. code-block::\n\n      {\"id\": \"z1\"}\n";
        let doc = read_str("zone.rst", page, Format::Rst);
        let w = walk(&doc, &mut Vec::new());
        assert_eq!(w.request_examples.len(), 1, "{:?}", w.request_examples);
        assert_eq!(w.response_examples.len(), 1);
        assert_eq!(w.response_examples.first().map(|e| &e.2.value), Some(&serde_json::json!({"id": "z1"})));
        // The table after the request example is still a request table.
        assert_eq!(w.tables.len(), 1);
        assert_eq!(w.tables.first().map(|t| t.section), Some(Some(Section::RequestParameters)));
    }
}
