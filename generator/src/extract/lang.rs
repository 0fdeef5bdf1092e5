//! The language of a page.

use super::ir::Lang;
use crate::ingest::Document;

pub(super) fn detect(doc: &Document) -> Lang {
    let cjk =
        doc.nodes.iter().take(40).map(|n| n.text()).any(|t| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
    if cjk {
        Lang::Zh
    } else {
        Lang::En
    }
}
