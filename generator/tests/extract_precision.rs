//! Precision of extraction on whole pages: what a page does not say never reaches the spec.
//! Pages are written inline as reStructuredText, the corpus format; [`grid`] draws their tables.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::diagnostics::{Code, Diagnostic};
use generator::extract::ir::{Field, Page, ParamLocation, Ty};
use generator::ingest::{self, Format};
use generator::spec::build::{self, ServiceInfo};
use generator::spec::openapi::OpenApi;
use generator::types::TypeExpr;

/// A grid table (`+---+` borders) with a header row; a cell's lines are split at `\n`.
fn grid(header: &[&str], rows: &[&[&str]]) -> String {
    let all: Vec<&[&str]> = std::iter::once(header).chain(rows.iter().copied()).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|c| all.iter().flat_map(|r| r[c].lines()).map(|l| l.chars().count()).max().unwrap_or(0) + 2)
        .collect();
    let border = |ch: char| {
        let mut s = String::from("+");
        for w in &widths {
            s.push_str(&ch.to_string().repeat(*w));
            s.push('+');
        }
        s
    };
    let row_text = |r: &[&str]| {
        let height = r.iter().map(|c| c.lines().count().max(1)).max().unwrap_or(1);
        (0..height)
            .map(|i| {
                let mut s = String::from("|");
                for (c, w) in r.iter().zip(&widths) {
                    let line = c.lines().nth(i).unwrap_or("");
                    s.push_str(&format!(" {line:<width$}|", width = w - 1));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut out = vec![border('-'), row_text(header), border('=')];
    for r in rows {
        out.push(row_text(r));
        out.push(border('-'));
    }
    out.iter().flat_map(|r| r.lines()).map(|l| format!("   {l}")).collect::<Vec<_>>().join("\n")
}

/// A captioned table directive.
fn table(caption: &str, header: &[&str], rows: &[&[&str]]) -> String {
    format!(".. table:: **Table 1** {caption}\n\n{}\n", grid(header, rows))
}

/// An operation page: title, URI line, then the given sections.
fn page(uri: &str, body: &str) -> String {
    format!("Test Operation\n==============\n\nURI\n---\n\n{uri}\n\n{body}\n")
}

fn extract(rst: &str) -> (Page, Vec<Diagnostic>) {
    let doc = ingest::read_str("page.rst", rst, Format::Rst);
    generator::extract::extract(&doc)
}

fn spec(rst: &str) -> (OpenApi, Vec<Diagnostic>) {
    let (page, mut diags) = extract(rst);
    let spec = build::build(&[page], &ServiceInfo::new("T", "t"), &mut diags);
    (spec, diags)
}

fn param<'a>(page: &'a Page, name: &str) -> (&'a ParamLocation, &'a Field) {
    let p = page.operations[0].params.iter().find(|p| p.field.name == name).expect(name);
    (&p.location, &p.field)
}

const HEADER: [&str; 4] = ["Parameter", "Mandatory", "Type", "Description"];

#[test]
fn a_path_table_row_the_uri_puts_in_the_query_keeps_its_mandatory_cell() {
    let rows: &[&[&str]] = &[
        &["project_id", "Yes", "String", "Project ID."],
        &["offset", "No", "Integer", "Offset."],
        &["limit", "Yes", "Integer", "Page size."],
        &["marker", "", "String", "Marker."],
    ];
    let rst = page(
        "GET /v1/{project_id}/x?offset={offset}&limit={limit}&marker={marker}",
        &table("Path parameters", &HEADER, rows),
    );
    let (page, _) = extract(&rst);
    let (loc, f) = param(&page, "project_id");
    assert_eq!((*loc, f.required), (ParamLocation::Path, Some(true)));
    let (loc, f) = param(&page, "offset");
    assert_eq!((*loc, f.required), (ParamLocation::Query, Some(false)), "the Mandatory cell says No");
    let (loc, f) = param(&page, "limit");
    assert_eq!((*loc, f.required), (ParamLocation::Query, Some(true)));
    // No Mandatory cell: the table's role (path: required) decides.
    let (loc, f) = param(&page, "marker");
    assert_eq!((*loc, f.required), (ParamLocation::Query, Some(true)));
    let (spec, _) = spec(&rst);
    let (_, _, op) = spec.operations().into_iter().next().unwrap();
    let offset = op.parameters.iter().find(|p| p.name == "offset").unwrap();
    assert!(!offset.required);
}

/// A page whose response section says None but whose example shows a body.
fn response_none_page(example: &str) -> String {
    let statuses = table("Status codes", &["Status Code", "Description"], &[&["200", "OK"]]);
    page(
        "POST /v1/{project_id}/x/action",
        &format!(
            "{}\nResponse Parameters\n-------------------\n\nNone\n\nExample Responses\n-----------------\n\n.. code-block::\n\n   {example}\n\nStatus Codes\n------------\n\n{statuses}",
            table("Path parameters", &HEADER, &[&["project_id", "Yes", "String", "Project ID."]]),
        ),
    )
}

#[test]
fn a_response_body_shown_only_by_its_example_is_kept_free_form_and_reported() {
    let (page, diags) = extract(&response_none_page(r#"{"result": "true"}"#));
    let ok = page.operations[0].responses.iter().find(|r| r.status == 200).expect("200");
    assert_eq!(ok.body, Some(Ty::Scalar(TypeExpr::Object)), "free-form JSON");
    let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == Code::W0218).collect();
    assert_eq!(found.len(), 1, "{diags:?}");
    assert_eq!(found[0].file, "page.rst");
    assert!(found[0].line.is_some(), "{found:?}");
    let (spec, _) = spec(&response_none_page(r#"{"result": "true"}"#));
    let yaml = serde_yaml::to_string(&spec).unwrap();
    assert!(yaml.contains("'200':"), "{yaml}");
    let (_, _, op) = spec.operations().into_iter().next().unwrap();
    let body = &op.responses["200"].content["application/json"].schema;
    assert!(body.properties.is_empty(), "no properties: {body:?}");

    // An example with no body (`{}`) or no example: nothing is added and nothing reported.
    let (page, diags) = extract(&response_none_page("{}"));
    assert!(page.operations[0].responses.iter().all(|r| r.body.is_none()));
    assert!(diags.iter().all(|d| d.code != Code::W0218));
}

fn query_field<'a>(page: &'a Page, name: &str) -> &'a Field {
    param(page, name).1
}

#[test]
fn structured_descriptions_from_rst_pages_give_no_label_enums_and_no_placeholder_defaults() {
    let bullets = "-  Definition: Start resource ID of pagination query.\n\n-  Range: N/A\n\n-  Default Value: N/A";
    let bold = "**Definition**\n\nAdmin password.\n\n**Constraints**\n\nN/A\n\n**Range**\n\nN/A\n\n**Default Value**\n\nN/A\n\nMinimum length: 8";
    let bold_values = "**Definition**\n\nDisk mode.\n\n**Range**\n\n-  **MANUAL**: not expanded.\n-  **AUTO**: expanded.\n\n**Default Value**\n\nAUTO";
    let zh = "参数解释：\n\n排序方向。\n\n约束限制：\n\n不涉及。\n\n取值范围：\n\n-  asc：升序\n-  desc：降序\n\n默认取值：\n\n不涉及。";
    let rows: &[&[&str]] = &[
        &["marker", "No", "String", bullets],
        &["password", "No", "String", bold],
        &["disk_config", "No", "String", bold_values],
        &["sort_dir", "No", "String", zh],
    ];
    let rst = page("GET /v3/{project_id}/vpc/vpcs", &table("Query Parameters", &HEADER, rows));
    let (page, diags) = extract(&rst);
    let names: Vec<&str> = page.operations[0]
        .params
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .map(|p| p.field.name.as_str())
        .collect();
    assert_eq!(names, ["marker", "password", "disk_config", "sort_dir"], "{diags:?}\n{rst}");
    let marker = query_field(&page, "marker");
    assert!(marker.enum_values.is_empty() && marker.default.is_none(), "{marker:?}");
    let password = query_field(&page, "password");
    assert!(password.enum_values.is_empty() && password.default.is_none(), "{password:?}");
    assert_eq!(password.constraints.min_length, Some(8));
    let disk = query_field(&page, "disk_config");
    let values: Vec<&str> = disk.enum_values.iter().filter_map(|e| e.value.as_str()).collect();
    assert_eq!(values, ["MANUAL", "AUTO"]);
    assert_eq!(disk.default.as_ref().and_then(|d| d.as_str()), Some("AUTO"));
    let sort = query_field(&page, "sort_dir");
    let values: Vec<&str> = sort.enum_values.iter().filter_map(|e| e.value.as_str()).collect();
    assert_eq!(values, ["asc", "desc"]);
    assert!(sort.default.is_none());
}

#[test]
fn a_list_of_kinds_of_characters_is_an_open_set_even_where_some_items_look_like_values() {
    // Tag keys of the VPN pages: `Digits` and `Hyphens (-) and underscores (_)` read as values on
    // their own, but their siblings `Uppercase letters` name kinds of characters, so none is a value.
    let key = "Specifies the tag key.\n\n-  Cannot be left blank.\n-  Can contain only the following character types:\n\n   -  Uppercase letters\n   -  Lowercase letters\n   -  Digits\n   -  Hyphens (-) and underscores (_)";
    let values = "Status.\n\n-  ACTIVE\n-  DOWN";
    let rows: &[&[&str]] = &[&["key", "No", "String", key], &["status", "No", "String", values]];
    let rst = page("GET /v2/{project_id}/tags", &table("Query Parameters", &HEADER, rows));
    let (page, diags) = extract(&rst);
    let key = query_field(&page, "key");
    assert!(key.enum_values.is_empty(), "{key:?}\n{diags:?}");
    let status = query_field(&page, "status");
    let values: Vec<&str> = status.enum_values.iter().filter_map(|e| e.value.as_str()).collect();
    assert_eq!(values, ["ACTIVE", "DOWN"]);
}

#[test]
fn an_abnormal_response_table_is_the_body_of_failed_calls() {
    // BMS action pages: `Normal response` and `Abnormal response` tables, and status codes that
    // list only 200.
    let header: &[&str] = &["Parameter", "Type", "Description"];
    let normal = table("Normal response", header, &[&["job_id", "String", "Task ID."]]);
    let abnormal =
        table("Abnormal response", header, &[&["error", "Dictionary data structure", "The error. See Table 6."]]);
    let error =
        table("**error** data structure", header, &[&["message", "String", "Message."], &["code", "String", "Code."]]);
    let body = format!("Response Parameter\n------------------\n\n{normal}\n{abnormal}\n{error}");
    let (spec, diags) = spec(&page("POST /v1/{project_id}/baremetalservers/action", &body));
    let op = spec.paths.values().flat_map(|p| p.values()).next().expect("one operation");
    let default = op.responses.get("default").expect("a default response");
    let schema = &default.content.get("application/json").expect("JSON").schema;
    let name = schema.reference.as_deref().and_then(|r| r.strip_prefix("#/components/schemas/")).expect("a $ref");
    let error_obj = spec.components.schemas.get(name).expect("the error schema");
    assert!(error_obj.properties.contains_key("error"), "{error_obj:?}\n{diags:?}");
    assert!(op.responses.contains_key("200"));
    assert!(!diags.iter().any(|d| d.code == Code::W0217), "{diags:?}");
}

#[test]
fn a_one_row_object_table_is_documented_by_the_uncaptioned_table_after_it() {
    // Direct Connect's update pages: `virtual_gateway | Dictionary` alone in its table, its fields
    // in the next table, which has no caption.
    let outer = table("Request parameter", &HEADER, &[&["virtual_gateway", "Yes", "Dictionary", "The object."]]);
    let inner = grid(&HEADER, &[&["name", "No", "String", "Name."], &["description", "No", "String", "Text."]]);
    let body = format!("Request\n-------\n\n{outer}\n{inner}\n");
    let (page, diags) = extract(&page("PUT /v2.0/dcaas/virtual-gateways/{id}", &body));
    let body = page.operations[0].request_body.as_ref().and_then(|t| t.object()).expect("a body");
    let outer = &page.objects[body];
    let field = outer.fields.iter().find(|f| f.name == "virtual_gateway").expect("the row");
    let inner = field.ty.object().map(|o| &page.objects[o]).expect("an object type");
    let names: Vec<&str> = inner.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["name", "description"], "{diags:?}");
}

#[test]
fn enum_forms_of_unseen_pages_are_read_and_counted_alike() {
    // Each form on a page: the extractor's enum, and the coverage counter's bullets, agree.
    let qualified = "Status.\n\n-  **ACTIVE** (default): The resource is usable.\n-  **ERROR**: The resource failed.";
    let empty = "**Definition**\n\nHost status.\n\n**Range**\n\n-  **UP**: normal.\n-  **DOWN**: abnormal.\n-  Empty string: There is no host information.";
    let bare = "Disk mode.\n\n-  **MANUAL** : not expanded.\n-  **AUTO** : expanded.";
    let zh = "磁盘模式。\n\n-  **MANUAL**：不扩展\n-  **AUTO**：自动扩展";
    let values = "Language. Values:\n\n-  en-us\n-  zh-cn";
    let options = "Filter type. Value options:\n\n-  **prefix**: name prefix\n-  **suffix**: name suffix";
    let null =
        "Sync mode. The value can be:\n\n-  **sync**: synchronous\n-  **async**: asynchronous\n-  **null**: not set";
    let cidr =
        "CIDR block.\n\n-  Range:\n\n   Recommended IP address ranges:\n\n   -  10.0.0.0/8-24\n   -  172.16.0.0/12-24";
    let rows: &[&[&str]] = &[
        &["status", "No", "String", qualified],
        &["host_status", "No", "String", empty],
        &["disk_mode", "No", "String", bare],
        &["disk_mode_zh", "No", "String", zh],
        &["language", "No", "String", values],
        &["filter", "No", "String", options],
        &["sync", "No", "String", null],
        &["cidr", "No", "String", cidr],
    ];
    let rst = page("GET /v1/{project_id}/hosts", &table("Query Parameters", &HEADER, rows));
    let (page, diags) = extract(&rst);
    let want: &[(&str, &[&str], Option<&str>)] = &[
        ("status", &["ACTIVE", "ERROR"], Some("ACTIVE")),
        ("host_status", &["UP", "DOWN", ""], None),
        ("disk_mode", &["MANUAL", "AUTO"], None),
        ("disk_mode_zh", &["MANUAL", "AUTO"], None),
        ("language", &["en-us", "zh-cn"], None),
        ("filter", &["prefix", "suffix"], None),
        ("sync", &["sync", "async"], None),
        ("cidr", &[], None),
    ];
    for (name, values, default) in want {
        let f = query_field(&page, name);
        let got: Vec<&str> = f.enum_values.iter().filter_map(|e| e.value.as_str()).collect();
        assert_eq!(got, *values, "{name}: {diags:?}");
        assert_eq!(f.default.as_ref().and_then(|d| d.as_str()), *default, "{name}");
    }
    // The coverage counter counts the same values, and finds nothing the page does not say.
    let doc = ingest::read_str("page.rst", &rst, Format::Rst);
    let (spec, _) = spec(&rst);
    let cov = generator::coverage::measure("t", &[doc], &spec);
    let f = &cov.figures;
    assert_eq!((f.enum_bullets, f.enum_extracted), (15, 15), "{:?}", cov.losses);
    assert_eq!((f.false_enums, f.open_set_enums, f.unstated_defaults), (0, 0, 0), "{:?}", cov.losses);
}

#[test]
fn a_sentence_naming_an_object_captions_the_table_after_it() {
    // PLAS: no table has a caption; `The Result object has the following attributes.` names the
    // table after it, and `Result object` in a type cell links to it. Coverage reads the same caption.
    let outer =
        grid(&HEADER, &[&["operationId", "Yes", "String", "ID."], &["result", "No", "Result object", "Result."]]);
    let inner = grid(
        &HEADER,
        &[
            &["result", "No", "String", "Result.\n\nValue range:\n\n-  success\n-  failed"],
            &["reason", "No", "String", "Why."],
        ],
    );
    let body = format!("Response\n--------\n\n-  Parameter description\n\n{outer}\n\nThe Result object has the following attributes.\n\n{inner}\n");
    let rst = page("GET /v1.0/operations/{id}", &body);
    let (page, diags) = extract(&rst);
    let result = page.objects.iter().find(|o| o.name.as_deref() == Some("Result")).expect("the Result object");
    let names: Vec<&str> = result.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["result", "reason"], "{diags:?}");
    assert!(!diags.iter().any(|d| d.code == Code::W0204), "{diags:?}");
    let doc = ingest::read_str("page.rst", &rst, Format::Rst);
    let (spec, _) = spec(&rst);
    let cov = generator::coverage::measure("t", &[doc], &spec);
    let f = &cov.figures;
    assert_eq!((f.rows_reached, f.rows, f.orphan_tables), (4, 4, 0), "{:?}", cov.losses);
    assert_eq!((f.enum_extracted, f.enum_bullets), (2, 2), "{:?}", cov.losses);
}

#[test]
fn a_one_row_object_table_is_documented_by_the_next_table_whose_caption_names_nothing() {
    // VBS: `backup | dict` alone under `Parameter description`, its fields in the next table,
    // captioned `Parameter description` too: a generic caption is no caption.
    let outer = table("Parameter description", &HEADER, &[&["backup", "Yes", "dict", "The backup."]]);
    let inner = table(
        "Parameter description",
        &HEADER,
        &[&["volume_id", "Yes", "string", "Disk."], &["force", "No", "boolean", "Force."]],
    );
    let body = format!("Request\n-------\n\n{outer}\n{inner}\n");
    let (page, diags) = extract(&page("POST /v3/{project_id}/backups", &body));
    let body = page.operations[0].request_body.as_ref().and_then(|t| t.object()).expect("a body");
    let field = page.objects[body].fields.iter().find(|f| f.name == "backup").expect("the row");
    let inner = field.ty.object().map(|o| &page.objects[o]).expect("an object type");
    let names: Vec<&str> = inner.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["volume_id", "force"], "{diags:?}");
}

#[test]
fn an_unreferenced_table_after_the_one_free_form_row_sharing_a_word_documents_it() {
    // EVS: `resource_detail | object`, then `Parameters in the VolumeDetailForTag field` that no
    // row names: the order and the shared word `detail` link them. A status table after a free-form
    // row shares no word and stays apart.
    let outer = table(
        "Parameters in the resources field",
        &["Parameter", "Type", "Description"],
        &[&["resource_id", "String", "ID."], &["resource_detail", "object", "The details."]],
    );
    let inner = table(
        "Parameters in the VolumeDetailForTag field",
        &["Parameter", "Type", "Description"],
        &[&["id", "String", "ID."], &["size", "Integer", "Size."]],
    );
    let other =
        table("Parameters in the meta field", &["Parameter", "Type", "Description"], &[&["extra", "Object", "More."]]);
    let codes = table("Error return code", &["Parameter", "Type", "Description"], &[&["code", "String", "Code."]]);
    let body = format!(
        "Response\n--------\n\n{}\n{outer}\n{inner}\n{other}\n{codes}\n",
        table(
            "Response parameters",
            &["Parameter", "Type", "Description"],
            &[
                &["resources", "Array of objects", "See Parameters in the resources field."],
                &["meta", "Object", "Meta."]
            ]
        )
    );
    let (page, diags) = extract(&page("GET /v2/{project_id}/volumes", &body));
    let field = |table: &str, name: &str| {
        let o = page.objects.iter().find(|o| o.source.table.as_deref() == Some(table)).expect(table);
        o.fields.iter().find(|f| f.name == name).expect(name).clone()
    };
    let detail = field("Parameters in the resources field", "resource_detail");
    let target = detail.ty.object().map(|o| page.objects[o].source.table.clone());
    assert_eq!(target, Some(Some("Parameters in the VolumeDetailForTag field".to_string())), "{diags:?}");
    assert_eq!(field("Parameters in the meta field", "extra").ty, Ty::Scalar(TypeExpr::Object), "no word in common");
}

#[test]
fn an_unknown_list_type_stays_a_list() {
    let rows: &[&[&str]] = &[&["path", "Yes", "String", "Path."], &["params", "No", "List<Params>", "Parameters."]];
    let body = format!("Request\n-------\n\n{}\n", table("Request parameters", &HEADER, rows));
    let (page, _) = extract(&page("POST /v1/{project_id}/connections/import", &body));
    let body = page.operations[0].request_body.as_ref().and_then(|t| t.object()).expect("a body");
    let params = page.objects[body].fields.iter().find(|f| f.name == "params").expect("params");
    assert_eq!(params.ty, Ty::Array(Box::new(Ty::Scalar(TypeExpr::Object))));
}

#[test]
fn values_grouped_under_headings_are_the_values_of_every_group() {
    // UCS: `-  **Ready**:` and `-  Federation statuses:` head lists of values a level below; the
    // headings name groups (values of another field), and the extractor and the counter agree.
    let status = "Cluster status. Options:\n\n-  **Ready**:\n\n   -  **True**: ready.\n   -  **False**: not ready.\n\n-  Federation statuses:\n\n   -  **Federalized**: added.\n   -  **Failed**: failed.";
    let rows: &[&[&str]] = &[&["status", "No", "String", status]];
    let rst = page("GET /v1/clusters", &table("Query Parameters", &HEADER, rows));
    let (page, diags) = extract(&rst);
    let got: Vec<&str> = query_field(&page, "status").enum_values.iter().filter_map(|e| e.value.as_str()).collect();
    assert_eq!(got, ["True", "False", "Federalized", "Failed"], "{diags:?}");
    let doc = ingest::read_str("page.rst", &rst, Format::Rst);
    let (spec, _) = spec(&rst);
    let cov = generator::coverage::measure("t", &[doc], &spec);
    let f = &cov.figures;
    assert_eq!((f.enum_bullets, f.enum_extracted, f.false_enums), (4, 4, 0), "{:?}", cov.losses);
}

#[test]
fn capitalised_booleans_are_boolean_values() {
    // DMS for RocketMQ: `-  **True**: online` under a Boolean row.
    let online = "Whether the client is online.\n\n-  **True**: online\n-  **False**: not online";
    let rows: &[&[&str]] = &[&["online", "No", "Boolean", online]];
    let rst = page("GET /v2/{project_id}/diagnosis", &table("Query Parameters", &HEADER, rows));
    let (page, diags) = extract(&rst);
    let got: Vec<bool> = query_field(&page, "online").enum_values.iter().filter_map(|e| e.value.as_bool()).collect();
    assert_eq!(got, [true, false], "{diags:?}");
    let doc = ingest::read_str("page.rst", &rst, Format::Rst);
    let (spec, _) = spec(&rst);
    let cov = generator::coverage::measure("t", &[doc], &spec);
    let f = &cov.figures;
    assert_eq!((f.enum_bullets, f.enum_extracted, f.false_enums), (2, 2, 0), "{:?}", cov.losses);
}
