//! The text reader.

use super::model::Node;

/// Read a text page into document nodes.
pub fn read(_src: &str) -> Vec<Node> {
    Vec::new()
}
