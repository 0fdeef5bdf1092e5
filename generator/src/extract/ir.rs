//! The operation IR: what one page says, independent of page format and of OpenAPI.

use crate::types::TypeExpr;
use serde::Serialize;

/// Where something came from: file, table and row (and line where known).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    pub file: String,
    pub table: Option<String>,
    pub row: Option<String>,
    pub line: Option<usize>,
}

impl Source {
    /// `file > table > row`, as written to `x-source`.
    pub fn render(&self) -> String {
        let mut s = self.file.clone();
        for part in [&self.table, &self.row].into_iter().flatten() {
            s.push_str(" > ");
            s.push_str(part);
        }
        s
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A field's type with object references resolved to tables of the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Ty {
    /// A scalar or free-form type (never `TypeExpr::Named`).
    Scalar(TypeExpr),
    /// Index into [`Page::objects`].
    Object(usize),
    Array(Box<Ty>),
    Map(Box<Ty>),
}

impl Ty {
    /// This type with its object part (a free-form `Object`, or a named one) replaced by object
    /// `o`, keeping the array and map shape around it.
    pub fn with_object(&self, o: usize) -> Ty {
        match self {
            Ty::Array(inner) => Ty::Array(Box::new(inner.with_object(o))),
            Ty::Map(inner) => Ty::Map(Box::new(inner.with_object(o))),
            _ => Ty::Object(o),
        }
    }

    /// The object a type refers to, through arrays and maps.
    pub fn object(&self) -> Option<usize> {
        match self {
            Ty::Object(o) => Some(*o),
            Ty::Array(inner) | Ty::Map(inner) => inner.object(),
            Ty::Scalar(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    pub value: serde_json::Value,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    /// `None`: the page does not say.
    pub required: Option<bool>,
    pub description: String,
    pub enum_values: Vec<EnumValue>,
    pub default: Option<serde_json::Value>,
    pub constraints: Constraints,
    pub source: Source,
    /// Other rows that document the same parameter (a path parameter repeated in a "Request
    /// parameter" table): the spec names them too, so no row is lost from its sources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also_documented_at: Vec<Source>,
    /// Descriptions by language code, when the page was merged with its translation.
    pub translations: std::collections::BTreeMap<String, String>,
}

impl Field {
    /// A string field no table documents (a path or query name only the URI shows).
    pub fn string(name: String, required: Option<bool>, source: Source) -> Self {
        Field {
            name,
            ty: Ty::Scalar(TypeExpr::String),
            required,
            description: String::new(),
            enum_values: Vec::new(),
            default: None,
            constraints: Constraints::default(),
            source,
            also_documented_at: Vec::new(),
            translations: std::collections::BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Constraints {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

/// A table describing an object type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Object {
    /// The type name the page gives it (caption or anchor), if it is an identifier.
    pub name: Option<String>,
    /// Name to use when the page gives none (`CreateNodePoolRequestBody`).
    pub fallback_name: String,
    pub fields: Vec<Field>,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

impl ParamLocation {
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    pub location: ParamLocation,
    pub field: Field,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Example {
    pub summary: Option<String>,
    pub value: serde_json::Value,
    pub line: Option<usize>,
    /// Where the example disagrees with the tables (JSON path: problem).
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Response {
    pub status: u16,
    pub description: Option<String>,
    /// Index into [`Page::objects`] of the body table.
    pub body: Option<Ty>,
    pub headers: Vec<Field>,
    pub examples: Vec<Example>,
}

/// One operation (one `METHOD /path` of a page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    pub id: String,
    /// The page states the id (title suffix or file name); otherwise it was made from the route.
    pub id_explicit: bool,
    pub method: String,
    pub path: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The page says the API is deprecated or discarded.
    pub deprecated: bool,
    pub params: Vec<Param>,
    pub request_body: Option<Ty>,
    /// Other bodies the page documents for other cases: the request sends one of
    /// `request_body` and these.
    pub request_alternatives: Vec<Ty>,
    pub request_examples: Vec<Example>,
    pub responses: Vec<Response>,
    /// The body of a failed call (`Abnormal response`): the spec's `default` response, and the
    /// body of each documented error status that has none of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_body: Option<Ty>,
    pub source: Source,
    /// Operation descriptions by language code, when merged with a translation.
    pub translations: std::collections::BTreeMap<String, String>,
}

/// Everything extracted from one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub file: String,
    /// The page's title (also kept for pages without operations: folder index pages name API groups).
    pub title: Option<String>,
    pub lang: Lang,
    pub operations: Vec<Operation>,
    pub objects: Vec<Object>,
}
