//! Diagnostics for people (miette, with the source line) and for tools (JSON).

use crate::diagnostics::{Diagnostic, Level};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
};
use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A diagnostic with the source text it points into, for miette.
struct Located<'a> {
    diag: &'a Diagnostic,
    source: Option<LineSource>,
    span: Option<SourceSpan>,
}

impl fmt::Debug for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.diag)
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.diag.message)
    }
}

impl std::error::Error for Located<'_> {}

impl miette::Diagnostic for Located<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{} {}", self.diag.code, self.diag.location())))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.level {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
            Level::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diag.hint.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        let label = self.diag.row.clone().or_else(|| self.diag.table.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(label, span))))
    }
}

/// Render one diagnostic with the line it points at. `root` is where the
/// diagnostic's file path is relative to.
pub fn human(diag: &Diagnostic, root: Option<&Path>) -> String {
    let (source, span) = match (diag.line, root) {
        (Some(line), Some(root)) => source_line(&root.join(&diag.file), &diag.file, line),
        (Some(line), None) => source_line(Path::new(&diag.file), &diag.file, line),
        _ => (None, None),
    };
    let located = Located { diag, source, span };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_context_lines(0);
    match handler.render_report(&mut out, &located) {
        Ok(()) => out,
        Err(_) => format!("{diag}\n"),
    }
}

/// Only the line a diagnostic points at, with its place in the page: miette
/// gets one line to lay out instead of walking the page from byte 0 for each
/// diagnostic.
struct LineSource {
    name: String,
    /// The line up to the end of the span (what miette shows with no context lines).
    text: Vec<u8>,
    /// Byte offset of the line in the page.
    offset: usize,
    /// 0-based line number.
    line: usize,
}

impl SourceCode for LineSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, MietteError> {
        if span.offset() < self.offset || span.offset() + span.len() > self.offset + self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text,
            SourceSpan::new(self.offset.into(), self.text.len()),
            self.line,
            0,
            1,
        )))
    }
}

thread_local! {
    /// The page read last: diagnostics come grouped by page, so each page is read once.
    static PAGE: RefCell<Option<(PathBuf, Rc<String>)>> = const { RefCell::new(None) };
}

fn page_text(path: &Path) -> Option<Rc<String>> {
    PAGE.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some((p, text)) = cell.as_ref() {
            if p == path {
                return Some(text.clone());
            }
        }
        let text = Rc::new(std::fs::read_to_string(path).ok()?);
        *cell = Some((path.to_path_buf(), text.clone()));
        Some(text)
    })
}

fn source_line(path: &Path, name: &str, line: usize) -> (Option<LineSource>, Option<SourceSpan>) {
    let Some(text) = page_text(path) else { return (None, None) };
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let len = l.trim_end().len().min(200);
            let span = SourceSpan::new(offset.into(), len);
            let text = l.as_bytes().get(..len).unwrap_or(l.as_bytes()).to_vec();
            let source = LineSource { name: name.to_string(), text, offset, line: i };
            return (Some(source), Some(span));
        }
        offset += l.len() + 1;
    }
    (None, None)
}

/// `2 errors, 3 warnings, 1 info`
pub fn summary_line(diags: &[Diagnostic]) -> String {
    let (e, w, i) = crate::diagnostics::summary(diags);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}, {}", plural(e, "error"), plural(w, "warning"), plural(i, "info"))
}
