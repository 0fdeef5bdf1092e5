//! Precision on small synthetic pages: for each kind of defect, a row where the spec says what
//! the page does not (detected) and a row where it agrees (no false positive).

use super::*;
use crate::ingest::{read_str, Format};

/// An RST grid table: `rows` of (name, mandatory, type, description lines).
fn grid(caption: &str, rows: &[(&str, &str, &str, &[&str])]) -> String {
    let header = ["Parameter", "Mandatory", "Type", "Description"];
    let cells = |r: &(&str, &str, &str, &[&str])| -> [Vec<String>; 4] {
        let one = |s: &str| vec![s.to_string()];
        [one(r.0), one(r.1), one(r.2), r.3.iter().map(|s| s.to_string()).collect()]
    };
    let all: Vec<[Vec<String>; 4]> = rows.iter().map(cells).collect();
    let width = |i: usize| {
        let body = all.iter().flat_map(|c| c[i].iter().map(|l| l.chars().count())).max().unwrap_or(0);
        body.max(header[i].len()) + 2
    };
    let widths: Vec<usize> = (0..4).map(width).collect();
    let rule =
        |c: char| format!("   +{}+\n", widths.iter().map(|w| c.to_string().repeat(*w)).collect::<Vec<_>>().join("+"));
    let line = |texts: [&str; 4]| {
        let cells: Vec<String> = texts.iter().zip(&widths).map(|(t, w)| format!(" {t:<0$}", w - 1)).collect();
        format!("   |{}|\n", cells.join("|"))
    };
    let mut s = format!(".. table:: **Table 1** {caption}\n\n{}", rule('-'));
    s += &line(header);
    s += &rule('=');
    for c in &all {
        let height = c.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let at = |k: usize| c[k].get(i).map(String::as_str).unwrap_or("");
            s += &line([at(0), at(1), at(2), at(3)]);
        }
        s += &rule('-');
    }
    s + "\n"
}

const FILE: &str = "things.rst";

fn page() -> crate::ingest::Document {
    let path = grid("Path Parameters", &[("project_id", "No", "String", &["Project ID."])]);
    let query = grid(
        "Query Parameters",
        &[
            ("marker", "No", "String", &["-  Definition: ID of the last record.", "", "-  Range: None"]),
            ("level", "No", "String", &["Log level. Valid value:", "", "-  ALL", "-  NOTE"]),
            ("protocol", "No", "String", &["Protocol.", "", "-  tcp", "-  udp", "-  IP protocol number (0-255)"]),
            ("type", "No", "String", &["Type.", "", "-  ecs (ECS)", "-  eni: NIC", "-  The type cannot be empty."]),
            ("name", "No", "String", &["Name.", "", "Default Value: N/A"]),
            ("alias", "No", "String", &["Alias.", "", "Default Value: N/A"]),
            ("limit", "No", "Integer", &["Page size. The default value is 10."]),
            ("offset", "No", "Integer", &["Offset."]),
            ("cursor", "", "String", &["Cursor."]),
            ("scope", "Yes", "String", &["Scope."]),
            ("region", "Yes", "String", &["Region."]),
        ],
    );
    let text = format!("Query Things\n============\n\nURI\n---\n\nGET /v3/{{project_id}}/things\n\n{path}{query}");
    read_str(FILE, &text, Format::Rst)
}

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v3/{project_id}/things:
    get:
      operationId: ListThings
      x-source: things.rst
      responses: {"200": {description: OK}}
      parameters:
        - {name: project_id, in: path, required: true, schema: {type: string}, x-source: things.rst > Path Parameters > project_id}
        - {name: marker, in: query, schema: {type: string, enum: [Definition, Range]}, x-source: things.rst > Query Parameters > marker}
        - {name: level, in: query, schema: {type: string, enum: [ALL, NOTE]}, x-source: things.rst > Query Parameters > level}
        - {name: protocol, in: query, schema: {type: string, enum: [tcp, udp]}, x-source: things.rst > Query Parameters > protocol}
        - {name: type, in: query, schema: {type: string, enum: [ecs, eni]}, x-source: things.rst > Query Parameters > type}
        - {name: name, in: query, schema: {type: string, default: N/A}, x-source: things.rst > Query Parameters > name}
        - {name: alias, in: query, schema: {type: string, default: N}, x-source: things.rst > Query Parameters > alias}
        - {name: limit, in: query, schema: {type: integer, default: 10}, x-source: things.rst > Query Parameters > limit}
        - {name: offset, in: query, required: true, schema: {type: integer}, x-source: things.rst > Query Parameters > offset}
        - {name: cursor, in: query, required: true, schema: {type: string}, x-source: things.rst > Query Parameters > cursor}
        - {name: scope, in: query, schema: {type: string}, x-source: things.rst > Query Parameters > scope}
        - {name: region, in: query, required: true, schema: {type: string}, x-source: things.rst > Query Parameters > region}
"#;

/// The precision defects found, as (kind, row).
fn defects() -> Vec<(LossKind, String)> {
    let spec = crate::spec::from_yaml(SPEC).expect("spec");
    let cov = measure("t", &[page()], &spec);
    assert_eq!(cov.figures.rows_reached, 12, "{cov:#?}");
    cov.losses.iter().filter(|l| l.kind.is_precision()).map(|l| (l.kind, l.row.clone().unwrap_or_default())).collect()
}

fn found(kind: LossKind, row: &str) -> bool {
    defects().contains(&(kind, row.to_string()))
}

#[test]
fn labels_as_enum_values_are_false_enums() {
    assert!(found(LossKind::FalseEnum, "marker"));
    // `NOTE` is listed as a value (a log level), not used as a label.
    assert!(!found(LossKind::FalseEnum, "level"));
}

#[test]
fn enums_of_open_sets() {
    assert!(found(LossKind::OpenSetEnum, "protocol"));
    // `VALUE (meaning)` states a value; a sentence among the items is a remark.
    assert!(!found(LossKind::OpenSetEnum, "type"));
}

#[test]
fn placeholder_and_unstated_defaults() {
    assert!(found(LossKind::PlaceholderDefault, "name"));
    // `N` is what is left of `N/A`: the row does not state it.
    assert!(found(LossKind::UnstatedDefault, "alias"));
    assert!(!defects().iter().any(|(_, row)| row == "limit"));
}

#[test]
fn required_flags_against_the_mandatory_column() {
    assert!(found(LossKind::RequiredContradiction, "offset"));
    assert!(found(LossKind::RequiredContradiction, "cursor"));
    assert!(found(LossKind::RequiredMissing, "scope"));
    // Path parameters are required whatever the page says; agreeing flags are no defect.
    assert!(!found(LossKind::RequiredContradiction, "project_id"));
    assert!(!found(LossKind::RequiredContradiction, "region"));
    assert!(!found(LossKind::RequiredContradiction, "limit"));
}

#[test]
fn a_mandatory_column_empty_in_every_row_says_nothing() {
    let table =
        grid("Query Parameters", &[("offset", "", "Integer", &["Offset."]), ("cursor", "", "String", &["Cursor."])]);
    let text = format!("Query Things\n============\n\nGET /v3/things\n\n{table}");
    let spec = SPEC.replace("/v3/{project_id}/things", "/v3/things");
    let spec = crate::spec::from_yaml(&spec).expect("spec");
    let cov = measure("t", &[read_str(FILE, &text, Format::Rst)], &spec);
    assert_eq!(cov.figures.rows_reached, 2);
    assert_eq!(cov.figures.required_contradictions, 0, "{:#?}", cov.losses);
}

#[test]
fn figures_count_each_kind() {
    let spec = crate::spec::from_yaml(SPEC).expect("spec");
    let f = measure("t", &[page()], &spec).figures;
    let counts = (
        f.false_enums,
        f.open_set_enums,
        f.placeholder_defaults,
        f.unstated_defaults,
        f.required_contradictions,
        f.required_missing,
    );
    assert_eq!(counts, (1, 1, 1, 1, 2, 1));
    assert_eq!(f.precision_defects(), 7);
    let md = markdown(&measure("t", &[page()], &spec));
    assert!(md.contains("| false enums (description labels as values) | 1 |"), "{md}");
    assert!(md.contains("`things.rst:"), "{md}");
    assert_eq!(read_figures(&md), Some(f));
}

#[test]
fn figures_committed_before_precision_still_read() {
    let old = r#"<!-- coverage-figures: {"pages":1,"operation_pages":1,"operations":1,"rows":1,"rows_reached":1,"tables":1,"orphan_tables":0,"links":0,"links_resolved":0,"free_form_with_table":0,"enum_bullets":0,"enum_extracted":0,"examples_on_pages":0,"examples_checked":0,"examples_contradicting":0,"invalid_paths":0} -->"#;
    assert_eq!(read_figures(old).map(|f| f.precision_defects()), Some(0));
}

#[test]
fn labels_in_bold_paragraphs_and_chinese_lines() {
    let table = grid(
        "Query Parameters",
        &[
            ("marker", "No", "String", &["**Definition**", "", "Marker.", "", "**Range**", "", "N/A"]),
            ("offset", "否", "Integer", &["参数解释：偏移量。", "", "取值范围：不涉及。", "", "默认取值：不涉及。"]),
            ("limit", "否", "Integer", &["参数解释：每页条数。", "", "默认取值：10。"]),
        ],
    );
    let text = format!("Query Things\n============\n\nGET /v3/things\n\n{table}");
    let spec = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /v3/things:
    get:
      operationId: ListThings
      x-source: things.rst
      responses: {"200": {description: OK}}
      parameters:
        - {name: marker, in: query, schema: {type: string, enum: [Definition, Range]}, x-source: things.rst > Query Parameters > marker}
        - {name: offset, in: query, schema: {type: integer, enum: [参数解释, 取值范围], default: 不涉及}, x-source: things.rst > Query Parameters > offset}
        - {name: limit, in: query, schema: {type: integer, default: 10}, x-source: things.rst > Query Parameters > limit}
"#;
    let spec = crate::spec::from_yaml(spec).expect("spec");
    let cov = measure("t", &[read_str(FILE, &text, Format::Rst)], &spec);
    let found: Vec<(LossKind, &str)> =
        cov.losses.iter().filter(|l| l.kind.is_precision()).map(|l| (l.kind, l.row.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        found,
        [(LossKind::FalseEnum, "marker"), (LossKind::FalseEnum, "offset"), (LossKind::PlaceholderDefault, "offset")],
        "{:#?}",
        cov.losses
    );
}

#[test]
fn a_row_documented_twice_with_both_flags_is_two_cases() {
    // Two header tables of one call (an agency token: Yes; a user token: No); the spec keeps it optional.
    let yes = grid("Query Parameters", &[("offset", "Yes", "Integer", &["Offset with one token."])]);
    let no = grid("Query Parameters", &[("offset", "No", "Integer", &["Offset with another token."])]);
    let text = format!("Query Things\n============\n\nGET /v3/things\n\n{yes}\n{no}");
    let spec = SPEC.replace("/v3/{project_id}/things", "/v3/things");
    let spec = crate::spec::from_yaml(&spec).expect("spec");
    let cov = measure("t", &[read_str(FILE, &text, Format::Rst)], &spec);
    assert_eq!(cov.figures.required_missing + cov.figures.required_contradictions, 0, "{:#?}", cov.losses);
}
