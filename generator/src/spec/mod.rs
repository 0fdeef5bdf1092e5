//! Spec: operation IR <-> OpenAPI 3.0.3.

pub mod openapi;
