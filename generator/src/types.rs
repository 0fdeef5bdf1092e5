//! The grammar of a type cell: `String`, `Integer`, `NodePoolSpec object`,
//! `Array of PoolNodeAz objects`, `Array of strings`, `Map<String,String>`.
//!
//! Shared by the text reader (which needs to recognise a type line to find row
//! boundaries) and the extractor (which turns it into a schema).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum TypeExpr {
    String,
    /// 32-bit integer (`Integer`, `int`, `int32`).
    Integer,
    /// 64-bit integer (`Long`, `int64`).
    Long,
    Float,
    Double,
    Number,
    Boolean,
    /// Free-form JSON object (`Object`, `Json`).
    Object,
    /// Binary upload (`File`).
    File,
    /// A named object type (`NodePoolSpec object`); the name as written.
    Named(String),
    Array(Box<TypeExpr>),
    /// `Map<String, V>`.
    Map(Box<TypeExpr>),
}

const SCALARS: &[(&str, TypeExpr)] = &[
    ("string", TypeExpr::String),
    ("strings", TypeExpr::String),
    ("str", TypeExpr::String),
    ("char", TypeExpr::String),
    ("integer", TypeExpr::Integer),
    ("integers", TypeExpr::Integer),
    ("int", TypeExpr::Integer),
    ("int32", TypeExpr::Integer),
    ("short", TypeExpr::Integer),
    ("long", TypeExpr::Long),
    ("longs", TypeExpr::Long),
    ("int64", TypeExpr::Long),
    ("bigint", TypeExpr::Long),
    ("float", TypeExpr::Float),
    ("floats", TypeExpr::Float),
    ("double", TypeExpr::Double),
    ("doubles", TypeExpr::Double),
    ("number", TypeExpr::Number),
    ("numbers", TypeExpr::Number),
    ("bigdecimal", TypeExpr::Number),
    ("decimal", TypeExpr::Number),
    ("boolean", TypeExpr::Boolean),
    ("booleans", TypeExpr::Boolean),
    ("bool", TypeExpr::Boolean),
    ("object", TypeExpr::Object),
    ("objects", TypeExpr::Object),
    ("json", TypeExpr::Object),
    ("jsonobject", TypeExpr::Object),
    ("map", TypeExpr::Object),
    ("dictionary", TypeExpr::Object),
    ("anytype", TypeExpr::Object),
    ("long integer", TypeExpr::Long),
    // Dates travel as strings (`2024-01-01T00:00:00Z`); the description keeps the format.
    ("datetime", TypeExpr::String),
    ("date time", TypeExpr::String),
    ("date", TypeExpr::String),
    ("byte", TypeExpr::Integer),
    ("dict", TypeExpr::Object),
    ("file", TypeExpr::File),
    ("binary", TypeExpr::File),
];

/// Parse a type cell. `None` when the text is not a type this grammar knows.
pub fn parse(text: &str) -> Option<TypeExpr> {
    let t = text.trim().trim_end_matches(['.', '。']).trim();
    if t.is_empty() || t.len() > 120 {
        return None;
    }
    if let Some(s) = scalar(t) {
        return Some(s);
    }
    if let Some((scalar, _)) = sized_scalar(t) {
        return Some(scalar);
    }
    // `Dictionary data structure. For details, see Table 3.`: the type, then a sentence
    // pointing to its table (the row's table mentions resolve it).
    if let Some(head) = t.split_once(". ").map(|(head, _)| head).filter(|h| !h.contains(". ")) {
        if let Some(e) = parse(head) {
            return Some(e);
        }
    }
    if let Some(e) = data_structure(t) {
        return Some(e);
    }
    // `Array[String]`, `Array String`.
    if let Some(inner) = crate::lexicon::strip_prefix_ci(t, "array[").and_then(|r| r.strip_suffix(']')) {
        return parse_arg(inner).map(|e| TypeExpr::Array(Box::new(e)));
    }
    let nested = || strip_word(t, "arrays of").or_else(|| strip_word(t, "lists of"));
    if let Some(inner) = strip_word(t, "array of").or_else(|| strip_word(t, "list of")).or_else(nested) {
        return parse(inner).map(|e| TypeExpr::Array(Box::new(e)));
    }
    if let Some(inner) = strip_word(t, "array").filter(|rest| scalar(rest).is_some()) {
        return parse(inner).map(|e| TypeExpr::Array(Box::new(e)));
    }
    if let Some(inner) = generic_arg(t, &["array", "list", "set"]) {
        return parse_arg(inner).map(|e| TypeExpr::Array(Box::new(e)));
    }
    // Older pages: `Array`, `JSON Array` (elements undocumented), `jobs array`, `String array`.
    let lower = t.to_ascii_lowercase();
    if matches!(lower.as_str(), "array" | "json array" | "jsonarray" | "list" | "arrays") {
        return Some(TypeExpr::Array(Box::new(TypeExpr::Object)));
    }
    if let Some(at) = lower.find(" array") {
        // `config array corresponding to infer_type`: the words after describe, the word before names.
        return t.get(..at).and_then(parse_arg).map(|e| TypeExpr::Array(Box::new(e)));
    }
    if let Some(inner) = t.strip_suffix("[]") {
        return parse(inner).map(|e| TypeExpr::Array(Box::new(e)));
    }
    if let Some(args) = generic_arg(t, &["map", "dict", "hashmap"]) {
        let value = split_top_comma(args).map(|(_, v)| v).unwrap_or(args);
        return parse_arg(value).map(|e| TypeExpr::Map(Box::new(e)));
    }
    let lower = t.to_ascii_lowercase();
    for suffix in [" objects", " object"] {
        if lower.ends_with(suffix) {
            let name = t.get(..t.len() - suffix.len())?.trim();
            // `Array of Map<String,String> objects`: the generic type is the element.
            if name.ends_with('>') {
                return parse(name);
            }
            return type_name(name).map(|n| scalar(n).unwrap_or_else(|| TypeExpr::Named(n.to_string())));
        }
    }
    None
}

/// `DependJobs data structure`, `Dictionary data structure`, `List data structure`,
/// `Tags structure` (as in `Tags structure array`): the words before name the type.
fn data_structure(t: &str) -> Option<TypeExpr> {
    if t.eq_ignore_ascii_case("data structure") {
        return Some(TypeExpr::Object);
    }
    let lower = t.to_ascii_lowercase();
    let head = [" data structure", " structure"]
        .iter()
        .find(|s| lower.ends_with(*s))
        .and_then(|s| t.get(..t.len() - s.len()))?
        .trim();
    match head.to_ascii_lowercase().as_str() {
        "list" | "array" => Some(TypeExpr::Array(Box::new(TypeExpr::Object))),
        "dict" | "map" | "json" => Some(TypeExpr::Object),
        _ => scalar(head).or_else(|| type_name(head).map(|n| TypeExpr::Named(n.to_string()))),
    }
}

/// A type cell that [`parse`] does not know but that reads as a type name of the page:
/// a bare identifier (`Resource_tag`, `policy_param`) or `Array of <identifier>`
/// (`Array of resource_tags`). Only a table of the same page named so (or after its
/// singular) makes it a type; the text reader never uses this, since any word would match.
pub fn parse_page_name(text: &str) -> Option<TypeExpr> {
    let t = text.trim().trim_end_matches(['.', '。']).trim();
    if let Some(e) = parse(t) {
        return Some(e);
    }
    let name = |n: &str| type_name(n).filter(|n| n.len() >= 3).map(|n| TypeExpr::Named(n.to_string()));
    match strip_word(t, "array of").or_else(|| strip_word(t, "list of")) {
        Some(inner) => name(inner).map(|e| TypeExpr::Array(Box::new(e))),
        None => name(t),
    }
}

/// A generic argument: a type, or a bare type name (`Map<String,PoolResource>`).
fn parse_arg(t: &str) -> Option<TypeExpr> {
    let t = t.trim();
    let t = t.strip_suffix(" type").unwrap_or(t);
    parse(t).or_else(|| type_name(t.trim()).map(|n| TypeExpr::Named(n.to_string())))
}

/// `String(255)`, `Integer (10)`: a scalar with its maximum length or digits.
pub fn sized_scalar(text: &str) -> Option<(TypeExpr, u64)> {
    let t = text.trim();
    let (head, rest) = t.split_once('(')?;
    let size = rest.strip_suffix(')')?.trim().parse().ok()?;
    scalar(head.trim()).map(|s| (s, size))
}

fn scalar(t: &str) -> Option<TypeExpr> {
    SCALARS.iter().find(|(w, _)| w.eq_ignore_ascii_case(t)).map(|(_, e)| e.clone())
}

fn strip_word<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    crate::lexicon::strip_prefix_ci(t, word).filter(|rest| rest.starts_with(' ')).map(str::trim)
}

/// `Map<String,X>` -> `String,X` for any of the given generic names.
fn generic_arg<'a>(t: &'a str, names: &[&str]) -> Option<&'a str> {
    let open = t.find('<')?;
    let head = t.get(..open)?.trim();
    if !names.iter().any(|n| n.eq_ignore_ascii_case(head)) || !t.ends_with('>') {
        return None;
    }
    t.get(open + 1..t.len() - 1).map(str::trim)
}

fn split_top_comma(s: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' | '，' if depth == 0 => return Some((s.get(..i)?.trim(), s.get(i + c.len_utf8()..)?.trim())),
            _ => {}
        }
    }
    None
}

/// A type name: an identifier (letters, digits, `_`, `.`, `-`), no spaces.
fn type_name(name: &str) -> Option<&str> {
    let ok = !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'));
    ok.then_some(name)
}

impl TypeExpr {
    /// The named types this expression refers to.
    pub fn named(&self) -> Option<&str> {
        match self {
            TypeExpr::Named(n) => Some(n),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => inner.named(),
            _ => None,
        }
    }

    /// Replace the named type (used when a link resolves it to a table).
    pub fn with_name(&self, name: &str) -> TypeExpr {
        match self {
            TypeExpr::Named(_) => TypeExpr::Named(name.to_string()),
            TypeExpr::Array(inner) => TypeExpr::Array(Box::new(inner.with_name(name))),
            TypeExpr::Map(inner) => TypeExpr::Map(Box::new(inner.with_name(name))),
            other => other.clone(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use TypeExpr::*;

    fn named(n: &str) -> TypeExpr {
        Named(n.into())
    }

    #[test]
    fn parses_the_documented_forms() {
        let cases: &[(&str, TypeExpr)] = &[
            ("String", String),
            ("Integer", Integer),
            ("Long", Long),
            ("Float", Float),
            ("Double", Double),
            ("Number", Number),
            ("Boolean", Boolean),
            ("Object", Object),
            ("File", File),
            ("NodePoolSpec object", named("NodePoolSpec")),
            ("Array of PoolNodeAz objects", Array(Box::new(named("PoolNodeAz")))),
            ("Array of strings", Array(Box::new(String))),
            ("Array of String", Array(Box::new(String))),
            ("Array of integers", Array(Box::new(Integer))),
            ("Map<String,String>", Map(Box::new(String))),
            ("Map<String, PoolResource>", Map(Box::new(named("PoolResource")))),
            ("Map<String,Array<String>>", Map(Box::new(Array(Box::new(String))))),
            ("List<String>", Array(Box::new(String))),
            ("Array of Array of strings", Array(Box::new(Array(Box::new(String))))),
            ("JSON Array", Array(Box::new(Object))),
            ("jobs array", Array(Box::new(named("jobs")))),
            ("String array", Array(Box::new(String))),
            ("Array of arrays of Dimension objects", Array(Box::new(Array(Box::new(named("Dimension")))))),
            ("String(255)", String),
            ("Array of Map<String,String> objects", Array(Box::new(Map(Box::new(String))))),
            ("Integer (10)", Integer),
            ("Dictionary", Object),
            ("Dictionary data structure", Object),
            ("Dictionary data structure. For details, see Table 3.", Object),
            ("List data structure. For details, see Table 14.", Array(Box::new(Object))),
            ("Data structure", Object),
            ("DependJobs data structure", named("DependJobs")),
            ("Tags structure array", Array(Box::new(named("Tags")))),
            ("Array[String]", Array(Box::new(String))),
            ("Array String", Array(Box::new(String))),
            ("Long integer", Long),
            ("datetime", String),
            ("Date Time", String),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text).as_ref(), Some(want), "{text}");
        }
    }

    #[test]
    fn page_names_are_bare_identifiers_or_arrays_of_them() {
        assert_eq!(parse_page_name("Resource_tag"), Some(named("Resource_tag")));
        assert_eq!(parse_page_name("Array of resource_tags"), Some(Array(Box::new(named("resource_tags")))));
        assert_eq!(parse_page_name("String"), Some(String));
        for t in ["a b", "Array of", "Bad Request", "TLS 1.2", "No"] {
            assert_eq!(parse_page_name(t), None, "{t}");
        }
        // `parse` itself stays strict: the text reader tells type lines by it.
        assert_eq!(parse("Resource_tag"), None);
    }

    #[test]
    fn sized_scalars_keep_their_size() {
        assert_eq!(sized_scalar("String(255)"), Some((String, 255)));
        assert_eq!(sized_scalar("String"), None);
        assert_eq!(sized_scalar("Port(1)"), None);
    }

    #[test]
    fn rejects_prose() {
        for t in ["", "资源池名称。", "This is a description", "Yes", "是", "Array of", "foo bar object"] {
            assert_eq!(parse(t), None, "{t}");
        }
    }
}
