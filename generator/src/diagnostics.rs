//! Diagnostics: what every stage reports about the input instead of failing.
//!
//! Each has a stable code, a level, and where it is: file, line where the reader
//! knows it, table caption and row name. The CLI renders them with miette.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

/// Stable diagnostic codes. The first digit groups them by stage:
/// 01xx reading, 02xx extracting, 03xx building the spec, 04xx overrides, 05xx emitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Code {
    /// The file could not be read (I/O) or is not text.
    E0101,
    /// The file is not UTF-8; it was decoded as GBK.
    W0102,
    /// The file is above the size limit and was not read.
    E0103,
    /// The file is empty or has no API content (overview page).
    I0104,
    /// HTML nested deeper than the limit; not read.
    E0105,
    /// A type cell names a type this tool does not know.
    W0201,
    /// A table has no recognisable header.
    W0202,
    /// A row has fewer or more cells than the header.
    W0203,
    /// An object type names a table that is not on the page.
    W0204,
    /// The required column holds a value that is neither yes nor no.
    W0205,
    /// A table could not be placed (no operation, or unknown role).
    W0206,
    /// A page describes no operation.
    I0207,
    /// An example is not valid JSON.
    W0208,
    /// An example does not match the schema (unknown field, wrong type, missing required).
    W0209,
    /// The same property name appears twice in one table.
    W0210,
    /// A row has an empty name.
    W0211,
    /// Enum values could not be parsed as the field's type.
    W0212,
    /// A table is nested deeper than the limit, or a reference chain is cyclic through required fields.
    E0213,
    /// A page has parameter tables but no `METHOD /path` line: nothing was taken from it.
    W0214,
    /// A parameter table has a header but no rows.
    W0215,
    /// An object table that no field, parameter or body refers to (its rows reach no operation).
    W0217,
    /// A query parameter is only named in the URI line (no table row): added as an optional string.
    I0216,
    /// A success response documents no body, but its example shows one: kept as a free-form JSON value.
    W0218,
    /// Two schemas share a name but differ in structure; one was renamed.
    I0301,
    /// The two language versions of a page disagree (language merge).
    W0302,
    /// The same operationId is used by two pages.
    E0303,
    /// Two pages without a stated operationId got the same one from their route; told apart by title.
    I0304,
    /// A table's caption gives no usable schema name (no ASCII letters or digits): named from its operation.
    W0305,
    /// A field refers to a table its page does not have: typed as a free-form object.
    W0306,
    /// An operation's HTTP method is not one OpenAPI knows: the operation is left out.
    W0307,
    /// A default contradicts its own schema (enum, type, length, range): left out of the spec.
    W0308,
    /// An override matches nothing.
    E0401,
    /// The overrides file is invalid.
    E0402,
    /// Emission problem (identifier could not be made, etc.).
    E0501,
}

impl Code {
    pub fn level(self) -> Level {
        let name = format!("{self:?}");
        match name.as_bytes().first() {
            Some(b'E') => Level::Error,
            Some(b'W') => Level::Warning,
            _ => Level::Info,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    pub code: Code,
    pub message: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: code.level(),
            code,
            message: message.into(),
            file: file.into(),
            line: None,
            table: None,
            row: None,
            hint: None,
        }
    }

    pub fn line(mut self, line: Option<usize>) -> Self {
        self.line = line;
        self
    }

    pub fn table(mut self, table: Option<&str>) -> Self {
        self.table = table.map(str::to_string);
        self
    }

    pub fn row(mut self, row: impl Into<String>) -> Self {
        self.row = Some(row.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line: table "X" row "y"` — the location part of a one-line rendering.
    pub fn location(&self) -> String {
        let mut s = self.file.clone();
        if let Some(l) = self.line {
            s.push_str(&format!(":{l}"));
        }
        if let Some(t) = &self.table {
            s.push_str(&format!(", table \"{t}\""));
        }
        if let Some(r) = &self.row {
            s.push_str(&format!(", row \"{r}\""));
        }
        s
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        };
        write!(f, "{level}[{}]: {}: {}", self.code, self.location(), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// Count of diagnostics per level.
pub fn summary(diags: &[Diagnostic]) -> (usize, usize, usize) {
    let count = |l| diags.iter().filter(|d| d.level == l).count();
    (count(Level::Error), count(Level::Warning), count(Level::Info))
}
