//! Spec: operation IR -> OpenAPI 3.0.3 (build), hand-written fixes (overrides),
//! and YAML in and out.

pub mod build;
pub mod diff;
pub mod groups;
pub mod link_tables;
pub mod merge;
pub mod openapi;
pub mod overrides;

use openapi::OpenApi;

/// The spec as YAML, deterministic byte for byte.
pub fn to_yaml(spec: &OpenApi) -> Result<String, serde_yaml::Error> {
    serde_yaml::to_string(spec)
}

pub fn from_yaml(text: &str) -> Result<OpenApi, serde_yaml::Error> {
    serde_yaml::from_str(text)
}
