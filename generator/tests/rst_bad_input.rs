//! Damaged reStructuredText pages: the reader falls back (partial tables,
//! text) instead of failing, and the CLI reads such a page through to a spec
//! without panicking.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::ingest::{self, model::tables, Format, NodeKind};
use std::process::Command;

const HEAD: &str = "\
Creating a Thing
================

URI
---

POST /v1/{project_id}/things

Request Parameters
------------------

.. table:: **Table 1** Request body parameters

";

fn page(table: &str) -> String {
    format!("{HEAD}{table}")
}

/// Run `generator spec` on the page; it must not panic, must exit 0 and write a spec.
fn spec_of(name: &str, src: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    std::fs::write(&input, src).unwrap();
    let out = dir.path().join("openapi.yaml");
    let result = Command::new(env!("CARGO_BIN_EXE_generator"))
        .args(["spec", &input.to_string_lossy(), "--service", "things", "--format", "json", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
    assert_eq!(result.status.code(), Some(0), "{name}:\n{stderr}");
    let spec = std::fs::read_to_string(&out).unwrap();
    assert!(spec.starts_with("openapi: 3.0.3"), "{name}: spec written");
    spec
}

#[test]
fn truncated_grid_table_keeps_the_rows_read() {
    let src = page(
        "   +-----------+-----------+--------+-------------+
   | Parameter | Mandatory | Type   | Description |
   +===========+===========+========+=============+
   | name      | Yes       | String | The name.   |
   +-----------+-----------+--------+-------------+
   | size      | No        | Integer| The size, cut",
    );
    let doc = ingest::read_str("t.rst", &src, Format::Rst);
    let t = tables(&doc.nodes)[0];
    assert_eq!(t.caption.as_deref(), Some("Request body parameters"));
    assert_eq!(t.header.len(), 4);
    let names: Vec<String> = t.rows.iter().map(|r| r.cells[0].text()).collect();
    assert_eq!(names, ["name", "size"]);
    let spec = spec_of("truncated.rst", &src);
    assert!(spec.contains("/v1/{project_id}/things"), "{spec}");
    assert!(spec.contains("name:") && spec.contains("size:"), "{spec}");
}

#[test]
fn ragged_grid_table_is_read_line_by_line() {
    let src = page(
        "   +-----------+-----------+--------+-------------+
   | Parameter | Mandatory | Type   | Description |
   +===========+===========+========+=============+
   | name      | Yes       | String | The name.
   +-----------+-----------+--------+------
   | count | No | Integer | How many. |
   +-----------+-----------+--------+-------------+
   | flag      | No        | Boolean| A flag.     |
   +-----------+-----------+--------+-------------+

Response Parameters
-------------------

None
",
    );
    let doc = ingest::read_str("t.rst", &src, Format::Rst);
    let t = tables(&doc.nodes)[0];
    assert_eq!(t.rows.len(), 3);
    assert_eq!(t.rows[0].cells[0].text(), "name");
    assert_eq!(t.rows[2].cells.iter().map(|c| c.text()).collect::<Vec<_>>(), ["flag", "No", "Boolean", "A flag."]);
    assert!(doc
        .nodes
        .iter()
        .any(|n| matches!(&n.kind, NodeKind::Heading { text, .. } if text.text == "Response Parameters")));
    let spec = spec_of("ragged.rst", &src);
    assert!(spec.contains("flag:"), "{spec}");
}

#[test]
fn unclosed_literal_and_markup_stay_text() {
    let src = page(
        "   +-----------+-----------+--------+----------------------------+
   | Parameter | Mandatory | Type   | Description                |
   +===========+===========+========+============================+
   | name      | Yes       | String | Use ``quotes and **bold    |
   |           |           |        | and :ref:`Table 2 <nowhere |
   +-----------+-----------+--------+----------------------------+

Example Request
---------------

.. code-block:: json

   {\"name\": \"x\"
",
    );
    let doc = ingest::read_str("t.rst", &src, Format::Rst);
    let t = tables(&doc.nodes)[0];
    assert_eq!(t.rows[0].cells[3].text(), "Use ``quotes and **bold and :ref:`Table 2 <nowhere");
    assert!(doc.nodes.iter().any(|n| matches!(&n.kind, NodeKind::Code(c) if c == "{\"name\": \"x\"")));
    spec_of("unclosed.rst", &src);
}

#[test]
fn tabs_crlf_and_a_table_without_separators() {
    let src = page("   +-----------+--------+\r\n   | Parameter | Type   |\r\n   | name\t    | String |\r\n")
        .replace('\n', "\r\n");
    let doc = ingest::read_str("t.rst", &src, Format::Rst);
    let t = tables(&doc.nodes)[0];
    assert!(t.header.is_empty());
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].cells[0].text(), "Parameter name");
    spec_of("crlf.rst", &src);
}

#[test]
fn rst_pages_are_found_in_folders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.rst"), page("   =========  ======  ========\n   Parameter  Type    Mandatory\n   =========  ======  ========\n   name       String  Yes\n   =========  ======  ========\n")).unwrap();
    let files = generator::pipeline::collect_pages(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(ingest::detect_format(&files[0].path, ""), Format::Rst);
}
