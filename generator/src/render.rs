//! Diagnostics for people (miette, with the source line) and for tools (JSON).

use crate::diagnostics::{Diagnostic, Level};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;
use std::path::Path;

/// A diagnostic with the source text it points into, for miette.
struct Located<'a> {
    diag: &'a Diagnostic,
    source: Option<NamedSource<String>>,
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

fn source_line(path: &Path, name: &str, line: usize) -> (Option<NamedSource<String>>, Option<SourceSpan>) {
    let Ok(text) = std::fs::read_to_string(path) else { return (None, None) };
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let len = l.trim_end().len().min(200);
            let span = SourceSpan::new(offset.into(), len);
            return (Some(NamedSource::new(name, text)), Some(span));
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
