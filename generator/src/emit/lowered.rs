//! The lowered model's data: types, operations and examples with every name decided, as
//! [`super::model::lower`] makes them and [`super::naming`] names them. Data only, so the
//! passes over it import it without importing each other.

use serde_json::Value;

/// A Rust type of a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    String,
    Bool,
    I32,
    I64,
    F32,
    F64,
    /// `serde_json::Value`: free-form objects and untyped values.
    Json,
    Vec(Box<Ty>),
    /// `BTreeMap<String, _>` (`additionalProperties` with a schema).
    Map(Box<Ty>),
    /// `Vec<u8>`: a non-JSON body.
    Bytes,
    /// A type of the models module, by its Rust name.
    Named(String),
}

impl Ty {
    /// The model type this type is, or holds (as list items or map values).
    pub fn named(&self) -> Option<&str> {
        match self {
            Ty::Named(n) => Some(n),
            Ty::Vec(t) | Ty::Map(t) => t.named(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The JSON name.
    pub wire: String,
    pub ident: String,
    pub ty: Ty,
    /// `T` rather than `Option<T>`.
    pub required: bool,
    pub docs: Vec<String>,
    /// `Box<T>`: the field closes a cycle of direct containment.
    pub boxed: bool,
    /// `#[serde(default)]` on a required field (schema used in responses, type has a `Default`).
    pub lenient: bool,
    /// Required field of an enum type with one documented value: `new` sets it.
    pub fixed: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub ident: String,
    pub value: String,
    pub docs: Vec<String>,
    /// The documented meaning in English, if any (names numeric values: `"0": pay-per-use` → `PayPerUse`).
    pub meaning: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Struct(Vec<Field>),
    /// An open string enum.
    Enum(Vec<Variant>),
    /// An untagged union (`oneOf`): variant name, type.
    OneOf(Vec<(String, Ty)>),
    Alias(Ty),
}

/// Where a type comes from: the input of the naming pass ([`super::naming`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A component schema, by its spec name.
    Component(String),
    /// Declared inline in property `property` of the type whose provisional name is `parent`;
    /// `list`: the property is an array of it.
    Property { parent: String, property: String, list: bool },
    /// The inline request body of operation `op` (index into [`Lowered::ops`]).
    Body { op: usize },
    /// The inline response body of operation `op` for `status`.
    Response { op: usize, status: String },
    /// The inline schema of parameter `param` of operation `op`.
    Param { op: usize, param: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub docs: Vec<String>,
    pub kind: Kind,
    pub in_request: bool,
    pub in_response: bool,
    pub origin: Origin,
    /// The module the type is defined in (an API group, or `models` for shared types).
    pub module: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub wire: String,
    pub ident: String,
    pub location: Location,
    pub ty: Ty,
    /// `T` rather than `Option<T>`.
    pub required: bool,
    /// `project_id` in the path: optional, the runtime fills it from the credentials.
    pub from_credentials: bool,
    pub docs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub ident: String,
    pub ty: Ty,
    pub required: bool,
    /// `None` for JSON; the content type of a raw (`Vec<u8>`) body otherwise.
    pub raw_content_type: Option<String>,
    pub docs: Vec<String>,
}

/// Status codes a success arm matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Code(u16),
    /// `2XX`
    Range(u16, u16),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    None,
    Json(Ty),
    /// A non-JSON body: `Vec<u8>`.
    Raw,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Success {
    pub status: Status,
    /// The variant of the response enum (several success codes).
    pub variant: String,
    pub payload: Payload,
    pub docs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// No 2xx response documented: any 2xx returns the raw response.
    Undocumented,
    Single(Success),
    /// Several success codes: an enum of the operations module.
    Several {
        name: String,
        arms: Vec<Success>,
    },
}

/// One response header the reference documents on a success response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The header name as documented (`X-Subject-Token`).
    pub wire: String,
    pub ident: String,
    /// A string, or a number or boolean parsed from the header's text.
    pub ty: Ty,
    pub docs: Vec<String>,
}

/// The documented success headers of an operation: a struct of the operations module.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeaders {
    pub name: String,
    pub fields: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Op {
    pub method: String,
    pub path: String,
    pub operation_id: String,
    /// The page title (`summary`), input of the naming pass.
    pub summary: Option<String>,
    /// The operationId was made from METHOD + path (the page gives none).
    pub route_id: bool,
    /// The API group (module) the operation belongs to.
    pub group: String,
    /// The docs section the page belongs to (first OpenAPI tag), empty when none: its
    /// parenthesised part tells variants of one API apart (`Security Group (Native OpenStack APIs)`).
    pub tag: String,
    /// The docs mark the operation deprecated or discarded.
    pub deprecated: bool,
    pub fn_name: String,
    pub request: String,
    pub docs: Vec<String>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub outcome: Outcome,
    /// The headers documented on the success responses, `None` when there are none.
    pub headers: Option<ResponseHeaders>,
    /// Documented error statuses and their descriptions.
    pub errors: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The operation (index into [`Lowered::ops`]), the part (`request`, `response_200`) and the
    /// example's name on the page: the naming pass makes `test_name` and `what` from them.
    pub op: usize,
    pub part: String,
    pub name: String,
    pub test_name: String,
    pub ty: Ty,
    pub value: Value,
    /// What the page example gets wrong (`x-invalid-examples`): the test is ignored.
    pub problems: Vec<String>,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lowered {
    pub types: Vec<TypeDef>,
    pub ops: Vec<Op>,
    pub examples: Vec<Example>,
}

impl Lowered {
    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}
