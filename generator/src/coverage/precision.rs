//! Precision: what the spec says of a documented row that the page does not.
//!
//! Each check reads the row from the document model ([`super::doc`]) and the
//! field from the spec ([`super::reach`]); nothing here asks the extractor.

use super::doc::{is_description_label, DocPage, DocRow, Mandatory};
#[cfg(test)]
use super::doc::{is_label_item, is_remark, states_a_value};
use super::figures::{join_quoted, LossKind};
use super::reach::{self, Field};
use crate::spec::openapi::{OpenApi, Schema};
use serde_json::Value;

/// Cells that say "nothing": a default equal to one of them is a placeholder, not a value.
pub const PLACEHOLDERS: &[&str] = &["N/A", "NA", "None", "-", "—", "/", "无", "不涉及", "空"];

/// The row's text uses `label` as a label: `label:` opening a line or after a space
/// (`- Definition: ...`, `Definition: ... Range: ...`, `**Range**:`), or a paragraph of the label
/// alone (`**Default Value**`). A bare list item `NOTE` is a listed value, not a label.
pub fn uses_as_label(text: &str, label: &str) -> bool {
    let label = label.trim().to_lowercase();
    text.lines().any(|line| {
        let bare = line.trim().trim_matches('*').trim();
        if !line.starts_with('•') && bare.trim_end_matches([':', '：']).trim().to_lowercase() == label {
            return true;
        }
        let lower = line.to_lowercase();
        lower.match_indices(label.as_str()).any(|(at, _)| {
            let before = lower.get(..at).and_then(|b| b.chars().next_back());
            let after = lower.get(at + label.len()..).unwrap_or("").trim_start_matches('*');
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '•' | '*' | '。' | '.'))
                && after.starts_with([':', '：'])
        })
    })
}

/// A default that stands for "nothing" (`N/A`, `None`, `-`, `无`).
pub fn is_placeholder(value: &Value) -> bool {
    matches!(value, Value::String(s) if PLACEHOLDERS.contains(&s.trim()))
}

/// The row's text states `value`: as a whole token (so `N` is not stated by `N/A`), or, for a
/// value with spaces, as a substring. Numbers compare by value (`1` is stated by `1.0`).
pub fn states(text: &str, value: &Value) -> bool {
    let v = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Null => return false,
        other => other.to_string(),
    };
    if v.is_empty() {
        // `Default value: Empty string: ...` states the default "".
        let lower = text.to_lowercase();
        return ["empty string", "空字符串", "空串"].iter().any(|w| lower.contains(w));
    }
    if v.chars().any(|c| !is_token_char(c)) {
        return text.to_lowercase().contains(&v.to_lowercase());
    }
    let Ok(number) = v.parse::<f64>() else {
        return tokens(text).any(|t| t.eq_ignore_ascii_case(&v));
    };
    // `86,400` states 86400: digit groups are joined before the text is split.
    let joined: String =
        text.char_indices().filter(|&(i, c)| !(c == ',' && digit_group(text, i))).map(|(_, c)| c).collect();
    let stated = tokens(&joined).any(|t| t.parse::<f64>() == Ok(number));
    stated
}

/// The comma at byte `i` of `text` separates digit groups (`86,400`).
fn digit_group(text: &str, i: usize) -> bool {
    let before = text.get(..i).and_then(|b| b.chars().next_back()).is_some_and(|c| c.is_ascii_digit());
    let after = text.get(i + 1..).unwrap_or("");
    let group = after.chars().take_while(char::is_ascii_digit).count();
    before && group == 3
}

/// Characters of a value token: `10.0.0.0/8`, `-1`, `cn-north-4`, `N/A`.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/' | '+' | '@' | '=' | '~' | '%' | '#')
}

fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_token_char(c)).map(|t| t.trim_end_matches('.')).filter(|t| !t.is_empty())
}

/// One precision defect of a row, before it becomes a [`super::Loss`].
#[derive(Debug, Clone, PartialEq)]
pub struct Defect {
    pub kind: LossKind,
    pub detail: String,
}

/// Every precision defect of a documented row of `page` against the fields it reached.
pub fn check(spec: &OpenApi, page: &DocPage, row: &DocRow, fields: &[Field<'_>]) -> Vec<Defect> {
    let mut out = Vec::new();
    enums(spec, row, fields, &mut out);
    defaults(spec, page, row, fields, &mut out);
    if !documents_cases(page, row) {
        required(row, fields, &mut out);
    }
    out
}

/// Two rows of one name and caption on a page, one Mandatory and one not (`X-Auth-Token` Yes
/// with an agency token, No with a user token): cases of one call, where either flag is right.
fn documents_cases(page: &DocPage, row: &DocRow) -> bool {
    let Some(table) = page.tables.iter().find(|t| t.rows.iter().any(|r| std::ptr::eq(r, row))) else {
        return false;
    };
    let flags: Vec<Mandatory> = page
        .tables
        .iter()
        .filter(|t| t.caption == table.caption)
        .flat_map(|t| &t.rows)
        .filter(|r| r.name == row.name)
        .map(|r| r.mandatory)
        .collect();
    flags.contains(&Mandatory::Yes) && flags.contains(&Mandatory::No)
}

fn enums(spec: &OpenApi, row: &DocRow, fields: &[Field<'_>], out: &mut Vec<Defect>) {
    let values: Vec<String> = fields.iter().flat_map(|f| reach::enum_strings(spec, f.schema)).collect();
    let mut labels: Vec<&String> =
        values.iter().filter(|v| is_description_label(v) && uses_as_label(&row.text, v)).collect();
    labels.dedup();
    if !labels.is_empty() {
        let detail = format!("enum values that are description labels: {}", join_quoted(&labels));
        out.push(Defect { kind: LossKind::FalseEnum, detail });
    } else if row.open_set && !values.is_empty() {
        let mut shown: Vec<&String> = values.iter().collect();
        shown.dedup();
        let detail = format!("an enum ({}) where the page gives an open set", join_quoted(&shown));
        out.push(Defect { kind: LossKind::OpenSetEnum, detail });
    }
}

/// A default must be stated by the row, or by another row of that name on the page (a request
/// and a response table of one page often share a schema).
fn defaults(spec: &OpenApi, page: &DocPage, row: &DocRow, fields: &[Field<'_>], out: &mut Vec<Defect>) {
    let namesakes = || page.tables.iter().flat_map(|t| &t.rows).filter(|r| r.name == row.name);
    let mut seen: Vec<&Value> = Vec::new();
    for value in fields.iter().flat_map(|f| field_defaults(spec, f.schema)) {
        if seen.contains(&value) {
            continue;
        }
        seen.push(value);
        if is_placeholder(value) {
            let detail = format!("default `{}` is a placeholder, not a value", show(value));
            out.push(Defect { kind: LossKind::PlaceholderDefault, detail });
        } else if !states(&row.text, value) && !namesakes().any(|r| states(&r.text, value)) {
            let detail = format!("default `{}` is not stated by the row", show(value));
            out.push(Defect { kind: LossKind::UnstatedDefault, detail });
        }
    }
}

/// A field's default, and its innermost schema's (a referenced enum, array items).
fn field_defaults<'a>(spec: &'a OpenApi, schema: &'a Schema) -> impl Iterator<Item = &'a Value> {
    let inner = reach::innermost(spec, schema);
    let inner = (!std::ptr::eq(inner, schema)).then_some(inner);
    schema.default.iter().chain(inner.and_then(|s| s.default.as_ref()))
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The Mandatory column against the spec's required flags. Path parameters are required by
/// OpenAPI whatever the page says. When one row reached several fields (two tables of one
/// caption), the row is right when any of them agrees.
fn required(row: &DocRow, fields: &[Field<'_>], out: &mut Vec<Defect>) {
    let known: Vec<bool> = fields.iter().filter(|f| !f.in_path).filter_map(|f| f.required).collect();
    if known.is_empty() || fields.iter().any(|f| f.in_path) {
        return;
    }
    let (kind, detail) = match row.mandatory {
        Mandatory::Yes if !known.contains(&true) => {
            (LossKind::RequiredMissing, "the page says Mandatory: Yes; the spec does not require it")
        }
        Mandatory::No if !known.contains(&false) => {
            (LossKind::RequiredContradiction, "the page says Mandatory: No; the spec requires it")
        }
        Mandatory::Empty if !known.contains(&false) => {
            (LossKind::RequiredContradiction, "the Mandatory cell is empty; the spec requires it")
        }
        _ => return,
    };
    out.push(Defect { kind, detail: detail.into() });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels() {
        assert!(is_description_label("Definition"));
        assert!(is_description_label("默认取值"));
        assert!(!is_description_label("default"));
        assert!(!is_description_label("ACTIVE"));
        assert!(is_label_item("Definition: ID of the VPC."));
        assert!(is_label_item("Range:"));
        assert!(is_label_item("**Default Value**"));
        assert!(is_label_item("参数解释：项目ID"));
        assert!(!is_label_item("tcp"));
        assert!(!is_label_item("IP protocol number"));
        assert!(states_a_value("ecs (ECS)"));
        assert!(states_a_value("egw: VPC endpoint."));
        assert!(!states_a_value("IP protocol number (0-255)"));
        assert!(is_remark("The protocol cannot be empty."));
        assert!(!is_remark("IP protocol number"));
    }

    #[test]
    fn label_uses() {
        assert!(uses_as_label("• Definition: ID of the VPC.\n• Range: None", "Range"));
        assert!(uses_as_label("Definition: ID of the VPC. Range: None", "Range"));
        assert!(uses_as_label("Definition:\nID of the VPC.\nDefault Value\nN/A", "Default Value"));
        assert!(uses_as_label("参数解释：项目ID。", "参数解释"));
        assert!(!uses_as_label("Valid value:\n• ALL\n• NOTE", "NOTE"));
        assert!(!uses_as_label("Value ranges: 1-10", "Range"));
        assert!(!uses_as_label("Arrange: 1-10", "Range"));
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder(&json!("N/A")));
        assert!(is_placeholder(&json!("无")));
        assert!(!is_placeholder(&json!("none")));
        assert!(!is_placeholder(&json!(0)));
    }

    #[test]
    fn stated_defaults() {
        assert!(states("Default Value: 10", &json!(10)));
        assert!(states("默认值为false。", &json!(false)));
        assert!(states("The default value is 1.0.", &json!(1)));
        assert!(states("**Default value**:\nEmpty string: Tasks of all states are queried.", &json!("")));
        assert!(!states("Default value: 10", &json!("")));
        assert!(states("The default value is 86,400.", &json!(86400)));
        assert!(!states("Values: 1,2,3.", &json!(123)));
        assert!(states("The default value is `ACTIVE`.", &json!("active")));
        assert!(states("Defaults to the main region.", &json!("the main region")));
        assert!(!states("Default Value: N/A", &json!("N")));
        assert!(!states("The value ranges from 10 to 100.", &json!(1)));
    }
}
