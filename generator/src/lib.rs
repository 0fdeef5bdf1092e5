//! Huawei Cloud API documentation pages -> OpenAPI 3.0.3 -> Rust SDK crate.
//!
//! Stages, each a module with one job, data flowing one way:
//! - [`ingest`]: HTML / Markdown / copied text -> [`ingest::Document`]
//! - [`extract`]: document -> operation IR ([`extract::ir`]), using the zh/en [`lexicon`]
//! - [`spec`]: IR -> OpenAPI (merging pages, deduplicating schemas, overrides)
//! - [`emit`]: OpenAPI -> Rust crate
//!
//! [`words`] holds the grammar (plurals, gerunds, deprecation, route ids) extraction and
//! emission share.

pub mod changelog;
pub mod config;
pub mod coverage;
pub mod diagnostics;
pub mod emit;
pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod spec;
pub mod types;
pub mod words;
