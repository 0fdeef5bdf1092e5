//! The markdown reader.

use super::model::Node;

/// Read a markdown page into document nodes.
pub fn read(_src: &str) -> Vec<Node> {
    Vec::new()
}
