//! Ingest: bytes of a page -> the common [`Document`] model.
//!
//! The reader is picked by extension (.html/.htm, .md/.markdown, .txt, .rst) and by
//! sniffing the content when the extension says nothing.

pub mod html;
pub mod markdown;
pub mod model;
pub mod rst;
pub mod text;

pub use model::{Cell, Document, Format, Line, Link, Node, NodeKind, Row, Table, Text};

use crate::diagnostics::{Code, Diagnostic};
use std::path::Path;

/// Pages above this size are refused (a 50 MB "page" is not documentation).
pub const MAX_PAGE_BYTES: usize = 8 * 1024 * 1024;

/// Pick the reader for a file from its extension, or from its content.
pub fn detect_format(path: &Path, content: &str) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        Some("txt" | "text") => Format::Text,
        Some("rst" | "rest") => Format::Rst,
        _ => sniff(content),
    }
}

fn sniff(content: &str) -> Format {
    let head: String = content.chars().take(4096).collect::<String>().to_ascii_lowercase();
    let html_markers = ["<!doctype html", "<html", "<table", "<h1", "<div", "<p>", "<p "];
    if html_markers.iter().any(|m| head.contains(m)) && !head.contains("\n|") {
        Format::Html
    } else if head.lines().any(|l| l.trim_start().starts_with('|') || l.starts_with("# ") || l.starts_with("## ")) {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Decode a page's bytes: UTF-8 (BOM stripped), else GBK with a warning.
/// Binary content (NUL bytes) is refused.
pub fn decode(path: &str, bytes: &[u8]) -> Result<(String, Option<Diagnostic>), Diagnostic> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(Diagnostic::new(
            Code::E0103,
            path,
            format!("page is {} bytes, above the {} byte limit", bytes.len(), MAX_PAGE_BYTES),
        )
        .hint("split the page, or check that this is an API reference page"));
    }
    if bytes.contains(&0) {
        return Err(Diagnostic::new(Code::E0101, path, "file is binary (contains NUL bytes), not a document"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::GBK.decode(bytes);
            if had_errors {
                return Err(Diagnostic::new(Code::E0101, path, "file is neither UTF-8 nor GBK text")
                    .hint("save the page as UTF-8"));
            }
            let warn = Diagnostic::new(Code::W0102, path, "file is not UTF-8; decoded as GBK")
                .hint("save the page as UTF-8 to silence this");
            Ok((text.into_owned(), Some(warn)))
        }
    }
}

/// Read a page held in memory with the reader for `format`.
pub fn read_str(path: &str, content: &str, format: Format) -> Document {
    read_str_at(path, content, format, false)
}

/// [`read_str`]; `depth_checked` when the caller has refused HTML nested deeper than
/// [`html::MAX_DEPTH`] already.
fn read_str_at(path: &str, content: &str, format: Format, depth_checked: bool) -> Document {
    let nodes = match format {
        Format::Html if depth_checked => html::read_checked(content),
        Format::Html => html::read(content),
        Format::Markdown => markdown::read(content),
        Format::Text => text::read(content),
        Format::Rst => rst::read(content),
    };
    let mut nodes = model::captions_from_lead_lines(nodes);
    if format == Format::Text {
        // Links a copy dropped, named by table number or caption (needs the captions set above).
        text::link_tables(&mut nodes);
    }
    Document { path: path.to_string(), format, nodes }
}

/// Read a page from disk. `display` is the path used in diagnostics.
pub fn read_file(path: &Path, display: &str) -> Result<(Document, Vec<Diagnostic>), Diagnostic> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::new(Code::E0101, display, format!("cannot read file: {e}")))?;
    let (content, warning) = decode(display, &bytes)?;
    let format = detect_format(path, &content);
    if matches!(format, Format::Html | Format::Markdown) && html::nesting_depth(&content) > html::MAX_DEPTH {
        return Err(Diagnostic::new(
            Code::E0105,
            display,
            format!("HTML nested deeper than {} levels; page not read", html::MAX_DEPTH),
        )
        .hint("this is not a documentation page, or it is damaged"));
    }
    Ok((read_str_at(display, &content, format, true), warning.into_iter().collect()))
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension_then_content() {
        assert_eq!(detect_format(Path::new("a.HTML"), ""), Format::Html);
        assert_eq!(detect_format(Path::new("a.md"), ""), Format::Markdown);
        assert_eq!(detect_format(Path::new("a.txt"), "<table>"), Format::Text);
        assert_eq!(detect_format(Path::new("a"), "<h1>x</h1>"), Format::Html);
        assert_eq!(detect_format(Path::new("a"), "# Title\n\n| a | b |\n|---|---|\n"), Format::Markdown);
        assert_eq!(detect_format(Path::new("a"), "创建节点池\n\nURI\n"), Format::Text);
    }

    #[test]
    fn a_page_checked_for_depth_reads_the_same() {
        let page = "<h1>T</h1><table><tr><th>Parameter</th></tr><tr><td>a</td></tr></table>";
        assert_eq!(read_str_at("p", page, Format::Html, true).nodes, read_str("p", page, Format::Html).nodes);
        let deep = "<div>".repeat(html::MAX_DEPTH + 1) + "x";
        assert!(read_str("p", &deep, Format::Html).nodes.is_empty());
    }

    #[test]
    fn decodes_gbk_with_a_warning_and_refuses_binary() {
        let (gbk, _, _) = encoding_rs::GBK.encode("参数类型");
        let (text, warn) = decode("x", &gbk).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(text, "参数类型");
        assert_eq!(warn.map(|w| w.code), Some(Code::W0102));
        assert!(decode("x", b"\x00\x01binary").is_err());
    }
}
