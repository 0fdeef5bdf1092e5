#![allow(clippy::indexing_slicing, clippy::unwrap_used, clippy::panic)]

use super::*;
use crate::ingest::model::{tables, Cell, Link, NodeKind, Table};

fn texts(nodes: &[Node]) -> Vec<String> {
    nodes
        .iter()
        .map(|n| match &n.kind {
            NodeKind::Heading { level, text } => format!("h{level} {}", text.text),
            NodeKind::Paragraph(t) => format!("p {}", t.text),
            NodeKind::ListItem { depth, text } => format!("li{depth} {}", text.text),
            NodeKind::Code(c) => format!("code {c}"),
            NodeKind::Table(t) => format!("table {}x{}", t.rows.len(), t.header.len()),
        })
        .collect()
}

fn lines_of(nodes: &[Node]) -> Vec<usize> {
    nodes.iter().map(|n| n.line.unwrap_or(0)).collect()
}

fn only_table(src: &str) -> Table {
    let nodes = read(src);
    let ts = tables(&nodes);
    assert_eq!(ts.len(), 1, "{:#?}", texts(&nodes));
    ts[0].clone()
}

fn cells(cells: &[Cell]) -> Vec<String> {
    cells.iter().map(Cell::text).collect()
}

fn grid_rows(t: &Table) -> Vec<Vec<String>> {
    t.rows.iter().map(|r| cells(&r.cells)).collect()
}

#[test]
fn inline_markup_renders_to_text_and_links() {
    let link = |text: &str, href: &str| Link { text: text.into(), href: href.into() };
    let cases: &[(&str, &str, Vec<Link>)] = &[
        ("plain  text\nnext line", "plain text next line", vec![]),
        ("**bold** and *em* and ``lit *x*``", "bold and em and lit *x*", vec![]),
        (":ref:`Port <VPC_0001__table123>` object", "Port object", vec![link("Port", "#vpc_0001__table123")]),
        ("For details, see :ref:`Table 3 <lbl>`.", "For details, see Table 3.", vec![link("Table 3", "#lbl")]),
        (":ref:`some_label`", "some_label", vec![link("some_label", "#some_label")]),
        ("see :doc:`the guide </api/guide>`", "see the guide", vec![link("the guide", "/api/guide")]),
        (
            "`Regions <https://x.example/r?a=1>`__ list",
            "Regions list",
            vec![link("Regions", "https://x.example/r?a=1")],
        ),
        ("`Named`_ target", "Named target", vec![link("Named", "#named")]),
        (":literal:`a*b` and :sub:`2`", "a*b and 2", vec![]),
        ("`title ref`", "title ref", vec![]),
        ("|image1| stays", "|image1| stays", vec![]),
        (r"\*not em\* and a\ b", "*not em* and ab", vec![]),
        ("2*3*4 and a**b", "2*3*4 and a**b", vec![]),
        ("**unclosed bold", "**unclosed bold", vec![]),
        ("``unclosed literal", "``unclosed literal", vec![]),
        (":ref:`unclosed", ":ref:`unclosed", vec![]),
        ("Value: `x", "Value: `x", vec![]),
        ("time *yyyy-MM-ddTHH:mm:ss*", "time yyyy-MM-ddTHH:mm:ss", vec![]),
        ("**a** **b**", "a b", vec![]),
        ("trailing \\", "trailing", vec![]),
    ];
    for (src, text, links) in cases {
        let got = inline::render(src);
        assert_eq!(&got.text, text, "text of {src:?}");
        assert_eq!(&got.links, links, "links of {src:?}");
    }
}

#[test]
fn unclosed_markup_many_times_is_linear() {
    let src = "**a ".repeat(50_000) + &"`b ".repeat(50_000) + &":ref:`c ".repeat(20_000);
    let started = std::time::Instant::now();
    let t = inline::render(&src);
    assert!(t.text.starts_with("**a **a"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn section_levels_follow_first_appearance() {
    let src = "\
=====
Title
=====

Intro.

One
---

Two
~~~

Deep
''''

Back
----

Sub
~~~
";
    let nodes = read(src);
    assert_eq!(
        texts(&nodes),
        ["h1 Title", "p Intro.", "h2 One", "h3 Two", "h4 Deep", "h2 Back", "h3 Sub"],
        "{nodes:#?}"
    );
    assert_eq!(lines_of(&nodes), [2, 5, 7, 10, 13, 16, 19]);
}

#[test]
fn underline_styles_and_not_titles() {
    let cases: &[(&str, &[&str])] = &[
        ("Title\n=====\n\nA\n^^^^\n\nB\n****\n", &["h1 Title", "h2 A", "h3 B"]),
        ("Title\n+++++\n", &["h1 Title"]),
        ("Long title here\n----\n", &["h1 Long title here"]),
        // As in docutils: an underline shorter than the title and than 4 characters is text.
        ("Long title here\n---\n", &["p Long title here ---"]),
        ("ab\n--\n", &["p ab --"]),
        ("Text\n\n----------\n\nMore\n", &["p Text", "p More"]),
    ];
    for (src, want) in cases {
        assert_eq!(texts(&read(src)), *want, "{src:?}");
    }
}

const PAGE: &str = "\
:original_name: vpc_0001.html

.. _vpc_0001:

Creating a Port
===============

URI
---

POST /v2.0/ports

.. _vpc_0001__table1:
.. _vpc_0001__alias:

.. table:: **Table 1** Request parameter

   +-----------+-----------+-------------------------------------+---------------------------------------------+
   | Parameter | Mandatory | Type                                | Description                                 |
   +===========+===========+=====================================+=============================================+
   | port      | Yes       | :ref:`Port <vpc_0001__table123>`    | Specifies the port.                         |
   |           |           | object                              |                                             |
   |           |           |                                     | For details, see :ref:`Table 2 <x__t2>`.    |
   +-----------+-----------+-------------------------------------+---------------------------------------------+
   | status    | No        | String                              | Status:                                     |
   |           |           |                                     |                                             |
   |           |           |                                     | -  **ACTIVE**                               |
   |           |           |                                     | -  **DOWN**                                 |
   |           |           |                                     |                                             |
   |           |           |                                     |    -  nested                                |
   +-----------+-----------+-------------------------------------+---------------------------------------------+
";

#[test]
fn table_directive_caption_anchors_header_rows_links() {
    let nodes = read(PAGE);
    assert_eq!(texts(&nodes), ["h1 Creating a Port", "h2 URI", "p POST /v2.0/ports", "table 2x4"]);
    assert_eq!(lines_of(&nodes), [5, 8, 11, 16]);
    let t = tables(&nodes)[0];
    assert_eq!(t.label.as_deref(), Some("Table 1"));
    assert_eq!(t.caption.as_deref(), Some("Request parameter"));
    assert_eq!(t.anchors, ["vpc_0001__table1", "vpc_0001__alias"]);
    assert_eq!(cells(&t.header), ["Parameter", "Mandatory", "Type", "Description"]);
    let port = &t.rows[0];
    assert_eq!(port.line, Some(21));
    assert_eq!(port.cells[2].text(), "Port object");
    assert_eq!(port.cells[2].links().map(|l| l.href.as_str()).collect::<Vec<_>>(), ["#vpc_0001__table123"]);
    assert_eq!(port.cells[3].text(), "Specifies the port.\nFor details, see Table 2.");
    assert_eq!(port.cells[3].links().next().unwrap().href, "#x__t2");
    let status = &t.rows[1];
    assert_eq!(status.line, Some(25));
    assert_eq!(status.cells[3].text(), "Status:\n• ACTIVE\n• DOWN\n• nested");
    let depths: Vec<u8> = status.cells[3]
        .nodes
        .iter()
        .filter_map(|n| if let NodeKind::ListItem { depth, .. } = n.kind { Some(depth) } else { None })
        .collect();
    assert_eq!(depths, [1, 1, 2]);
    assert_eq!(status.cells[3].nodes[1].line, Some(27));
}

#[test]
fn a_list_item_anchor_names_the_table_after_its_caption_line() {
    let src = "\
-  .. _x__li1:

   Parameters in the **links** field

   +------+--------+
   | Name | Type   |
   +======+========+
   | href | String |
   +------+--------+
";
    let nodes = read(src);
    let ts = tables(&nodes);
    assert_eq!(ts.len(), 1);
    assert_eq!(ts[0].anchors, ["x__li1"]);
}

#[test]
fn anchors_only_name_the_next_table() {
    let src = "\
.. _sec:

Heading
=======

.. _t1:

+---+---+
| a | b |
+---+---+

.. _lost:

Text between.

+---+
| c |
+---+

.. table:: Plain caption
   :name: Named_Table
   :widths: 10 10

   +---+
   | d |
   +---+
";
    let nodes = read(src);
    let ts = tables(&nodes);
    assert_eq!(ts.len(), 3);
    assert_eq!(ts[0].anchors, ["t1"]);
    assert!(ts[0].caption.is_none() && ts[0].label.is_none() && ts[0].header.is_empty());
    assert_eq!(grid_rows(ts[0]), [["a", "b"]]);
    assert!(ts[1].anchors.is_empty());
    assert_eq!(ts[2].anchors, ["named_table"]);
    assert_eq!(ts[2].caption.as_deref(), Some("Plain caption"));
    assert_eq!(ts[2].label, None);
    let lines: Vec<_> = nodes.iter().filter(|n| matches!(n.kind, NodeKind::Table(_))).map(|n| n.line).collect();
    assert_eq!(lines, [Some(8), Some(16), Some(20)], "a directive's table starts at the directive");
}

#[test]
fn caption_paragraph_before_a_bare_table() {
    let t = only_table("**Table 4** Response body\n\n+---+\n| x |\n+---+\n");
    assert_eq!((t.label.as_deref(), t.caption.as_deref()), (Some("Table 4"), Some("Response body")));
}

#[test]
fn grid_spans_are_repeated_like_html() {
    let src = "\
+-----+-----+-----+
| h1  | h2  | h3  |
+=====+=====+=====+
| a   | wide      |
+-----+-----+-----+
| tall| b   | c   |
|     +-----+-----+
|     | d   | e   |
+-----+-----+-----+
";
    let t = only_table(src);
    assert_eq!(cells(&t.header), ["h1", "h2", "h3"]);
    assert_eq!(grid_rows(&t), [["a", "wide", "wide"], ["tall", "b", "c"], ["tall", "d", "e"]]);
    assert_eq!(t.rows.iter().map(|r| r.line.unwrap()).collect::<Vec<_>>(), [4, 6, 8]);
}

#[test]
fn grid_without_header_and_with_several_header_rows() {
    let t = only_table("+---+---+\n| a | b |\n+---+---+\n| c | d |\n+---+---+\n");
    assert!(t.header.is_empty());
    assert_eq!(grid_rows(&t), [["a", "b"], ["c", "d"]]);
    let t = only_table("+---+---+\n| A | B |\n+---+---+\n| a | b |\n+===+===+\n| c | d |\n+---+---+\n");
    assert_eq!(cells(&t.header), ["A", "B"]);
    assert_eq!(grid_rows(&t), [["a", "b"], ["c", "d"]]);
}

#[test]
fn cells_hold_code_notes_and_enumerations() {
    let src = "\
+------+------------------------------+
| tags | The tags.                    |
|      |                              |
|      | .. note::                    |
|      |                              |
|      |    A key-value pair. Example:|
|      |                              |
|      |    .. code-block::           |
|      |                              |
|      |       \"key=value\"            |
|      |       \"k2\": 1                |
+------+------------------------------+
| step | #. Log in.                   |
|      | #. Click **Computing**.      |
|      |                              |
|      | Literal::                    |
|      |                              |
|      |    x = 1                     |
+------+------------------------------+
";
    let t = only_table(src);
    let tags = &t.rows[0].cells[1];
    assert_eq!(
        texts(&tags.nodes),
        ["p The tags.", "p Note", "p A key-value pair. Example:", "code \"key=value\"\n\"k2\": 1"]
    );
    assert_eq!(tags.nodes[3].line, Some(10));
    let step = &t.rows[1].cells[1];
    assert_eq!(texts(&step.nodes), ["li1 Log in.", "li1 Click Computing.", "p Literal:", "code x = 1"]);
}

#[test]
fn east_asian_wide_characters_count_two_columns() {
    let src = "\
+------+----------+
| 参数 | 类型     |
+======+==========+
| name | 字符串   |
+------+----------+
";
    let t = only_table(src);
    assert_eq!(cells(&t.header), ["参数", "类型"]);
    assert_eq!(grid_rows(&t), [["name", "字符串"]]);
}

#[test]
fn simple_tables() {
    let with_header = "\
.. table:: **Table 1** Parameter description

   ============ ====== ===========================
   Parameter    Type   Description
   ============ ====== ===========================
   dnat_rule_id String Specifies the DNAT rule ID.
   tenant_id    String Specifies the project ID,
                       continued here.
   ------------ ------ ---------------------------
   last         Int    Text past the border is kept
   ============ ====== ===========================

After.
";
    let nodes = read(with_header);
    assert_eq!(texts(&nodes), ["table 3x3", "p After."]);
    let t = tables(&nodes)[0];
    assert_eq!(t.label.as_deref(), Some("Table 1"));
    assert_eq!(cells(&t.header), ["Parameter", "Type", "Description"]);
    assert_eq!(
        grid_rows(t),
        [
            ["dnat_rule_id", "String", "Specifies the DNAT rule ID."],
            ["tenant_id", "String", "Specifies the project ID, continued here."],
            ["last", "Int", "Text past the border is kept"],
        ]
    );
    assert_eq!(t.rows.iter().map(|r| r.line.unwrap()).collect::<Vec<_>>(), [6, 7, 10]);
    let t = only_table("=== ===\na   b\nc   d\n=== ===\n");
    assert!(t.header.is_empty());
    assert_eq!(grid_rows(&t), [["a", "b"], ["c", "d"]]);
}

#[test]
fn code_blocks_and_literal_blocks() {
    let src = "\
Example::

    {
      \"a\": 1
    }

.. code-block:: json
   :linenos:

   {\"b\": 2}

     indented

Just a colon ::

   raw

::

   bare
";
    assert_eq!(
        texts(&read(src)),
        [
            "p Example:",
            "code {\n  \"a\": 1\n}",
            "code {\"b\": 2}\n\n  indented",
            "p Just a colon",
            "code raw",
            "code bare",
        ]
    );
}

#[test]
fn directives_admonitions_comments_and_fields() {
    let src = "\
:original_name: a.html
:other: field

.. note::

   Note body.

   -  item in note

.. important:: Inline start
   continued.

.. toctree::
   :maxdepth: 1

   child

.. figure:: /img.png
   :alt: x

.. raw:: html

   <b>x</b>

.. |image1| image:: /x.png

.. a comment
   spanning lines

..

Last.
";
    // A note shows its title, as docutils renders it (the HTML and copied forms of the page have it).
    assert_eq!(
        texts(&read(src)),
        ["p Note", "p Note body.", "li1 item in note", "p Important", "p Inline start continued.", "p Last."]
    );
}

#[test]
fn lists_with_depth_definitions_and_quotes() {
    let src = "\
-  One
   continued

   -  Nested

      #. Deeper

-  Two
*  Star
1. First
2) Second
(a) Letter

term
   Definition text.

   Quoted paragraph.
";
    assert_eq!(
        texts(&read(src)),
        [
            "li1 One continued",
            "li2 Nested",
            "li3 Deeper",
            "li1 Two",
            "li1 Star",
            "li1 First",
            "li1 Second",
            "li1 Letter",
            "p term",
            "p Definition text.",
            "p Quoted paragraph.",
        ]
    );
}

#[test]
fn a_list_right_under_a_paragraph_starts_a_list() {
    assert_eq!(texts(&read("Values:\n-  a\n-  b\n")), ["p Values:", "li1 a", "li1 b"]);
}

#[test]
fn tabs_and_crlf() {
    let src = "Title\r\n=====\r\n\r\n+---+\r\n| x |\r\n+---+\r\n\r\n-\tTabbed item\r\n";
    let nodes = read(src);
    assert_eq!(texts(&nodes), ["h1 Title", "table 1x0", "li1 Tabbed item"]);
    assert_eq!(lines_of(&nodes), [1, 4, 8]);
}

#[test]
fn damaged_grids_fall_back_to_line_by_line() {
    // A row line lost its right border, another is short: the corner scan fails.
    let ragged = "\
+------+------+
| a    | b    |
+======+======+
| c    | d
| e    | f    |
+------+------+
| g |
+------+------+
";
    let t = only_table(ragged);
    assert_eq!(cells(&t.header), ["a", "b"]);
    assert_eq!(grid_rows(&t), [vec!["c e", "d f"], vec!["g |", ""]]);
    // Truncated: no bottom border.
    let t = only_table("+---+---+\n| a | b |\n+===+===+\n| c | d |\n| e |");
    assert_eq!(cells(&t.header), ["a", "b"]);
    assert_eq!(grid_rows(&t), [["c e", "d"]]);
    // No separator rows at all after the top border.
    let t = only_table("+---+---+\n| a | b |\n| c | d |\n");
    assert_eq!(grid_rows(&t), [["a c", "b d"]]);
    // A border only is no table.
    assert!(read("+---+\n").is_empty());
    let parsed = grid::parse(&[Ln::new("+--+", 1, 0), Ln::new("|x", 2, 0)]);
    assert!(!parsed.exact);
}

#[test]
fn hostile_inputs_stay_bounded() {
    let cases = [
        // Wide top border over many short lines (huge padded area).
        format!("+{}+\n{}", "-".repeat(100_000), "|\n".repeat(20_000)),
        // Every character a corner.
        format!("{}\n", "+".repeat(400)).repeat(400),
        // Many columns.
        format!("{}\n{}\n{}\n", "+-".repeat(5_000) + "+", "| ".repeat(5_000) + "|", "+-".repeat(5_000) + "+"),
        // Deep nesting by indentation.
        (0..3_000).map(|i| format!("{}- x\n", " ".repeat(i * 2))).collect(),
        // Deep block quotes.
        (0..3_000).map(|i| format!("{}x\n\n", " ".repeat(i))).collect(),
        "=== ===\n".repeat(10_000),
        "``".repeat(100_000),
        ".. ".repeat(10_000),
        "::\n\n".repeat(10_000),
    ];
    for src in &cases {
        let started = std::time::Instant::now();
        let _ = read(src);
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "slow on input of {} bytes", src.len());
    }
}

#[test]
fn nested_tables_in_cells_become_rows_of_text() {
    let src = "\
+---------------+
| outer         |
|               |
| +---+---+     |
| | a | b |     |
| +---+---+     |
+---------------+
";
    let t = only_table(src);
    assert_eq!(t.rows[0].cells[0].text(), "outer\na | b");
}

#[test]
fn trim_end_on_bytes_is_str_trim_end() {
    for s in
        ["", " ", "a", "a  ", "  a \t\r\n", "名  ", "a\u{3000} ", "a \u{a0}", "\u{3000}", "x\u{1c} ", "é", "a\u{85}"]
    {
        assert_eq!(super::lines::trim_end(s), s.trim_end(), "{s:?}");
    }
}
