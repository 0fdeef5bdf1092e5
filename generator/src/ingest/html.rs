//! The html reader.

use super::model::Node;

/// Read a html page into document nodes.
pub fn read(_src: &str) -> Vec<Node> {
    Vec::new()
}
