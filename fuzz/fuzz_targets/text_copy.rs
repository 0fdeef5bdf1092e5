//! Fuzz the copied-text paths of the text reader: tables as Chromium's innerText writes them (a
//! tab-only line between cells, runs of blank lines between rows, some with several tabs for empty
//! cells), list items with and without `•` markers, captions and `Table N` mentions, type cells
//! naming a caption (`Array of Firewall Group objects`), label lines (`Range:`) in a last row,
//! section titles inside cells, and copies cut anywhere. The bytes pick from those pieces, so the
//! fuzzer reaches the row joining, the marker-less list and the table-link recoveries at once; the
//! result goes on through the extractor and the spec builder. Nothing may panic.
#![no_main]

use generator::ingest::{self, Format};
use generator::spec::build::{self, ServiceInfo};
use libfuzzer_sys::fuzz_target;

const PIECES: &[&str] = &[
    "Table 1 Request body parameters",
    "表2 请求Body参数",
    "Parameter",
    "Mandatory",
    "Type",
    "Description",
    "参数",
    "是否必选",
    "参数类型",
    "描述",
    "name",
    "Yes",
    "否",
    "String",
    "Integer",
    "Array of Table 2 objects",
    "PolicySpec object",
    "Array of Firewall Group objects",
    "Table 3 Firewall Group objects",
    "Firewall Group object",
    "Range:",
    "Definition:",
    "The value can be:",
    "可选值如下：",
    "ACTIVE: running",
    "0：按需计费",
    "DNS-public_zone",
    "Value range:",
    "0-65535",
    "Default value:",
    "Note",
    "For details, see Table 2.",
    "Constraints:",
    "Example request",
    "Response",
    "状态码：200",
    "{\"a\": [1, 2",
    "}",
    "  • v2",
    "    ◦ item",
    "•",
];

fuzz_target!(|data: &[u8]| {
    let mut page = String::new();
    for pair in data.chunks(2) {
        let (&a, b) = match pair.split_first() {
            Some(x) => x,
            None => break,
        };
        let piece = PIECES.get(usize::from(a) % PIECES.len()).copied().unwrap_or("");
        // The separator after the piece: a paragraph break, a cell separator, a row break, an empty
        // cell, a line break, or the raw byte (cut mid-line, odd characters).
        let sep = match b.first().map(|b| b % 6) {
            Some(0) => "\n\n".to_string(),
            Some(1) => "\n\n\t\n\n".to_string(),
            Some(2) => "\n\n\n\n\n".to_string(),
            Some(3) => "\n\n\t\t\n\n".to_string(),
            Some(4) => "\n".to_string(),
            _ => char::from(b.first().copied().unwrap_or(b' ')).to_string(),
        };
        page.push_str(piece);
        page.push_str(&sep);
    }
    let doc = ingest::read_str("fuzz.txt", &page, Format::Text);
    let (page, _) = generator::extract::extract(&doc);
    let spec = build::build(&[page], &ServiceInfo::new("Fuzz", "fuzz"), &mut Vec::new());
    let _ = generator::spec::to_yaml(&spec);
});
