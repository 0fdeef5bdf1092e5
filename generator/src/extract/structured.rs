//! Structured descriptions: a description cell written as labelled parts, in any of its forms
//! (`- Definition: ...` bullets, `**Definition**` paragraphs followed by their text, `Definition:
//! ... Range: ...` in one paragraph, `参数解释：` ...). The labels are the lexicon's
//! ([`lexicon::DESC_LABELS`]); a label is never a value.

use crate::ingest::{Cell, Node, NodeKind, Text};
use crate::lexicon::{self, DescLabel};

/// One labelled part of a description: the text after its label (`rest`) and the nodes up to
/// the next label. `label` is `None` for what comes before the first label.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub label: Option<DescLabel>,
    /// The label's own node, as the first node when its text goes on after the colon.
    pub cell: Cell,
    /// The text on the label's line after its colon (empty for a bare label).
    pub rest: String,
}

impl Part {
    /// The part's text as one string: `rest`, then the text of the nodes that follow.
    pub fn text(&self) -> String {
        self.cell.text()
    }
}

/// The parts of a structured description; `None` when no node opens with a label that
/// structures a description (a cell with only a `Note:` is prose).
///
/// A node after a label belongs to its part when it is deeper than the label's node (the values
/// under `-  Range:`), or when the label stands alone as a paragraph (`**Range**`, then its
/// paragraphs). Anything else after a labelled line (`Unit: MB.`, then `The value can be ...`)
/// starts an unlabelled part.
pub fn parts(cell: &Cell) -> Option<Vec<Part>> {
    let mut parts: Vec<Part> = Vec::new();
    // Depth of the node that opened the current part, and whether it was a bare paragraph.
    let mut opened: Option<(u8, bool)> = None;
    // Depth of a sentence ending in a colon (`The options are as follows:`): the items below it
    // are its list, so `-  **Default**: default format` there is a value, not a label.
    let mut list_of: Option<u8> = None;
    for node in &cell.nodes {
        let (text, depth, is_item) = match &node.kind {
            NodeKind::Paragraph(t) => (Some(t), 0, false),
            NodeKind::ListItem { depth, text } => (Some(text), *depth, true),
            _ => (None, opened.map_or(0, |(d, _)| d + 1), false),
        };
        if list_of.is_some_and(|at| !is_item || depth <= at) {
            list_of = None;
        }
        // Unlabelled text runs on to the next label.
        let unlabelled = parts.last().is_some_and(|p| p.label.is_none());
        let belongs = unlabelled || opened.is_some_and(|(at, bare_paragraph)| bare_paragraph || depth > at);
        let label = text.filter(|_| list_of.is_none()).and_then(|t| lexicon::desc_label(&t.text));
        match label {
            Some((DescLabel::Note, _)) if belongs && opened.is_some_and(|(at, _)| depth > at) => {
                push_node(&mut parts, node.clone())
            }
            Some((label, rest)) => {
                opened = Some((depth, rest.is_empty() && !is_item));
                for (label, rest) in split_inline(label, rest) {
                    let nodes = if rest.is_empty() {
                        Vec::new()
                    } else {
                        vec![Node::new(NodeKind::Paragraph(Text::plain(rest)), node.line)]
                    };
                    parts.push(Part { label: Some(label), cell: Cell { nodes }, rest: rest.to_string() });
                }
            }
            None => {
                if list_of.is_none() && text.is_some_and(|t| t.text.trim_end().ends_with([':', '：'])) {
                    list_of = Some(depth);
                }
                if belongs || parts.is_empty() {
                    push_node(&mut parts, node.clone());
                } else {
                    parts.push(Part { label: None, cell: Cell { nodes: vec![node.clone()] }, rest: String::new() });
                }
            }
        }
    }
    parts.iter().any(|p| p.label.is_some_and(DescLabel::structures)).then_some(parts)
}

fn push_node(parts: &mut Vec<Part>, node: Node) {
    match parts.last_mut() {
        Some(p) => p.cell.nodes.push(node),
        None => parts.push(Part { label: None, cell: Cell { nodes: vec![node] }, rest: String::new() }),
    }
}

/// `Definition: ID. Range: N/A` (one paragraph holding several labelled lines): one part per
/// label.
fn split_inline(label: DescLabel, rest: &str) -> Vec<(DescLabel, &str)> {
    let mut out = Vec::new();
    let (mut label, mut rest) = (label, rest);
    while let Some((at, next, text_at)) = next_label(rest) {
        out.push((label, rest.get(..at).unwrap_or("").trim()));
        label = next;
        rest = rest.get(text_at..).unwrap_or("").trim();
    }
    out.push((label, rest.trim()));
    out
}

/// The first label inside `text` (after a space or the end of a sentence, and followed by its
/// colon): where it starts, the label, and where its text starts.
fn next_label(text: &str) -> Option<(usize, DescLabel, usize)> {
    for (i, _) in text.char_indices().skip(1) {
        let before = text.get(..i)?;
        if !(before.ends_with(char::is_whitespace) || before.ends_with(['。', '；', ';'])) {
            continue;
        }
        let tail = text.get(i..)?;
        let colon = tail.find([':', '：'])?;
        let Some((next, "")) = lexicon::desc_label(tail.get(..colon)?) else { continue };
        if next.structures() {
            let colon_len = tail.get(colon..)?.chars().next().map_or(1, char::len_utf8);
            return Some((i, next, i + colon + colon_len));
        }
    }
    None
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn inline_labels_split_at_their_colon() {
        let got = split_inline(DescLabel::Definition, "Project ID. Range: N/A Default Value: 3");
        assert_eq!(
            got,
            vec![(DescLabel::Definition, "Project ID."), (DescLabel::Range, "N/A"), (DescLabel::Default, "3")]
        );
        let got = split_inline(DescLabel::Definition, "项目ID。取值范围：不涉及。默认取值：不涉及。");
        assert_eq!(
            got,
            vec![(DescLabel::Definition, "项目ID。"), (DescLabel::Range, "不涉及。"), (DescLabel::Default, "不涉及。")]
        );
        // A label word inside a sentence, or without its colon, does not split.
        let got = split_inline(DescLabel::Definition, "The Range of ports. Default is 3");
        assert_eq!(got, vec![(DescLabel::Definition, "The Range of ports. Default is 3")]);
    }
}
