//! Rust identifiers from JSON names, operation ids and enum values: pure
//! functions, deterministic, ASCII only.
//!
//! Rules (table-tested below):
//! - Words are split at every character that is not an ASCII letter or digit, at
//!   lower→upper case changes (`maxCount`), before the last capital of a run of
//!   capitals followed by a lower-case letter (`HTTPServer` → `HTTP`, `Server`)
//!   and after a digit followed by a capital (`int32Value`). Non-ASCII characters
//!   are dropped: names stay transliteration-free and the crate never trips the
//!   `non_ascii_idents` / `mixed_script_confusables` lints.
//! - Fields and functions are `snake_case`; a name with no ASCII letter or digit
//!   left becomes `field`, a leading digit gets `_` (`1st` → `_1st`), keywords
//!   become raw identifiers (`r#type`) except those that cannot be raw (`self`,
//!   `Self`, `super`, `crate`), which get a trailing `_`.
//! - Type names keep the documented spelling where it is already a valid
//!   `UpperCamelCase` name (`CreateNodePoolMetaVO`); otherwise every segment gets
//!   an upper-case first letter (`data_source` → `DataSource`), all-capital
//!   segments are title-cased (`RUNNING` → `Running`), digits at the start get a
//!   prefix (`0` → `V0` for enum variants).
//! - Collisions after sanitising are resolved by [`Namer`] in document order:
//!   `name`, `name_2`, `name_3` (fields) or `Name`, `Name2` (types).

use std::collections::HashSet;

/// Keywords of every edition (strict, reserved and weak ones that matter).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Words of `s` (see the module docs), in their original case.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for segment in s.split(|c: char| !c.is_ascii_alphanumeric()) {
        let chars: Vec<char> = segment.chars().collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let next = chars.get(i + 1).copied();
            let boundary = match prev {
                None => false,
                Some(p) => {
                    c.is_ascii_uppercase()
                        && (p.is_ascii_lowercase()
                            || p.is_ascii_digit()
                            || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase())))
                }
            };
            if boundary && !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            word.push(c);
        }
        if !word.is_empty() {
            out.push(word);
        }
    }
    out
}

/// `name` can be written as an identifier token: ASCII letters, digits and `_`, not starting
/// with a digit, not `_` alone; `r#` before it asks for a raw identifier.
pub fn is_valid(name: &str) -> bool {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    !bare.is_empty()
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !bare.starts_with(|c: char| c.is_ascii_digit())
        && bare != "_"
}

/// `true` for a strict or reserved Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// A `snake_case` field, parameter or function name (may be a raw identifier).
pub fn snake_ident(name: &str) -> String {
    let joined = words(name).iter().map(|w| w.to_ascii_lowercase()).collect::<Vec<_>>().join("_");
    let base = if joined.is_empty() { "field".to_string() } else { joined };
    let base = if base.starts_with(|c: char| c.is_ascii_digit()) { format!("_{base}") } else { base };
    keyword_safe(base)
}

fn keyword_safe(base: String) -> String {
    if NOT_RAW.contains(&base.as_str()) {
        format!("{base}_")
    } else if is_keyword(&base) {
        format!("r#{base}")
    } else {
        base
    }
}

/// An `UpperCamelCase` name. `digit_prefix` goes before a leading digit.
pub fn pascal_ident(name: &str, digit_prefix: &str) -> String {
    let mut out = String::new();
    for segment in name.split(|c: char| !c.is_ascii_alphanumeric()).filter(|s| !s.is_empty()) {
        let all_caps = segment.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1
            && !segment.chars().any(|c| c.is_ascii_lowercase());
        let mut chars = segment.chars();
        let Some(first) = chars.next() else { continue };
        if out.ends_with(|c: char| c.is_ascii_digit()) && first.is_ascii_digit() {
            out.push('_');
        }
        out.push(first.to_ascii_uppercase());
        if all_caps {
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        } else {
            out.extend(chars);
        }
    }
    // `AB` (from `a_b`) would trip clippy's `upper_case_acronyms`.
    if out.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1 && !out.chars().any(|c| c.is_ascii_lowercase()) {
        let mut chars = out.chars();
        if let Some(first) = chars.next() {
            out = std::iter::once(first).chain(chars.map(|c| c.to_ascii_lowercase())).collect();
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out = format!("{digit_prefix}{out}");
    }
    if out == "Self" {
        out.push_str("Value");
    }
    out
}

/// A type name from a schema name or other text (`Type` when nothing is left).
pub fn type_ident(name: &str) -> String {
    let out = pascal_ident(name, "T");
    if out.is_empty() {
        "Type".to_string()
    } else {
        out
    }
}

/// An enum variant from a value: `NodePool`, `v2` → `V2`, `0` → `V0`, `-1` → `Neg1`, `` → `Empty`.
pub fn variant_ident(value: &str) -> String {
    let negative = value.starts_with('-') && value.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
    let out = pascal_ident(value, "V");
    if out.is_empty() {
        "Empty".to_string()
    } else if negative {
        format!("Neg{}", out.trim_start_matches('V'))
    } else {
        out
    }
}

/// The identifier without a raw prefix (`r#type` → `type`), for composing names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out unique names in document order.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    used: HashSet<String>,
    snake: bool,
}

impl Namer {
    /// For `snake_case` names: collisions get `_2`, `_3`, ...
    pub fn snake() -> Self {
        Namer { used: HashSet::new(), snake: true }
    }

    /// For `UpperCamelCase` names: collisions get `2`, `3`, ...
    pub fn pascal() -> Self {
        Namer { used: HashSet::new(), snake: false }
    }

    /// Mark names as taken without handing them out.
    pub fn reserve<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        self.used.extend(names.into_iter().map(|n| unraw(n).to_string()));
        self
    }

    /// `true` when `name` was handed out or reserved.
    pub fn is_taken(&self, name: &str) -> bool {
        self.used.contains(unraw(name))
    }

    /// `base` if free, else the first free numbered form.
    pub fn claim(&mut self, base: &str) -> String {
        if self.used.insert(unraw(base).to_string()) {
            return base.to_string();
        }
        let stem = unraw(base);
        let mut n = 2usize;
        loop {
            let candidate = if self.snake { format!("{stem}_{n}") } else { format!("{stem}{n}") };
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn snake_table() {
        let table = [
            ("os.modelarts/billing.mode", "os_modelarts_billing_mode"),
            ("apiVersion", "api_version"),
            ("maxCount", "max_count"),
            ("securityGroups", "security_groups"),
            ("HTTPServer", "http_server"),
            ("int32Value", "int32_value"),
            ("@modelarts:hard_coefficient", "modelarts_hard_coefficient"),
            ("type", "r#type"),
            ("match", "r#match"),
            ("async", "r#async"),
            ("self", "self_"),
            ("Self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("1st", "_1st"),
            ("-x", "x"),
            ("_type", "r#type"),
            ("名称", "field"),
            ("名称id", "id"),
            ("", "field"),
            ("error_code", "error_code"),
            ("ContinueToken", "continue_token"),
            ("continue", "r#continue"),
        ];
        for (input, want) in table {
            assert_eq!(snake_ident(input), want, "snake_ident({input:?})");
        }
    }

    #[test]
    fn type_table() {
        let table = [
            ("CreateNodePoolMetaVO", "CreateNodePoolMetaVO"),
            ("data_source", "DataSource"),
            ("createWorkspaceReq", "CreateWorkspaceReq"),
            ("GetTrainingJobConfigsByConfigNamedata_source", "GetTrainingJobConfigsByConfigNamedataSource"),
            ("UUID", "Uuid"),
            ("a_b", "Ab"),
            ("self", "SelfValue"),
            ("3d", "T3d"),
            ("名称", "Type"),
        ];
        for (input, want) in table {
            assert_eq!(type_ident(input), want, "type_ident({input:?})");
        }
    }

    #[test]
    fn variant_table() {
        let table = [
            ("NodePool", "NodePool"),
            ("v2", "V2"),
            ("rack", "Rack"),
            ("0", "V0"),
            ("1", "V1"),
            ("-1", "Neg1"),
            ("2.0", "V2_0"),
            ("RUNNING", "Running"),
            ("on_demand", "OnDemand"),
            ("modelarts.vm.cpu.2u", "ModelartsVmCpu2u"),
            ("", "Empty"),
            ("按需", "Empty"),
            ("self", "SelfValue"),
        ];
        for (input, want) in table {
            assert_eq!(variant_ident(input), want, "variant_ident({input:?})");
        }
    }

    #[test]
    fn namer_resolves_collisions_in_order() {
        let mut fields = Namer::snake();
        assert_eq!(fields.claim("name"), "name");
        assert_eq!(fields.claim("name"), "name_2");
        assert_eq!(fields.claim("name"), "name_3");
        assert_eq!(fields.claim("r#type"), "r#type");
        assert_eq!(fields.claim("r#type"), "type_2");
        let mut types = Namer::pascal().reserve(["Unknown"]);
        assert!(types.is_taken("Unknown"));
        assert_eq!(types.claim("Unknown"), "Unknown2");
        assert_eq!(types.claim("Running"), "Running");
    }
}
