//! A typed subset of OpenAPI 3.0.3: exactly what the generator writes and the
//! emitter reads. Field order here is the order in the YAML.
//!
//! Extensions (`x-`) the generator uses; see README "Spec conventions":
//! - `x-source` (operation, schema, property): `file > table caption > row` where it came from.
//! - `x-required-unknown: true` (property, parameter): the page did not say; never in `required`.
//! - `x-enum-descriptions` (schema with `enum`): the meaning of each value, same order.
//! - `x-descriptions` (anything with a description): `{zh: ..., en: ...}` when both languages were read.
//! - `x-operations` (operation): when several pages document one METHOD + path, every page's own
//!   operation, in page order; the operation itself then has a `oneOf` request body.
//! - `x-invalid-examples` (media type): page examples that contradict the tables, with the problems.
//! - `x-hwcloud-service` (document root): the service's facts from `spec/services.yaml` (name,
//!   cloud, endpoint service name, scope, per-region endpoints), which the emitter writes into
//!   the generated client's `DESCRIPTOR`; `servers` keeps the cloud's URL template.
//! - `x-hwcloud-job` (operation): this GET reports the state of a job ([`JobApi`]); written by
//!   the waiters pass (`spec::waiters`).
//! - `x-hwcloud-waiter` (operation): the success answer carries the id of a job that the job API
//!   named there reports on ([`WaiterLink`]); written by the same pass.

use crate::config::{Cloud, Scope};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenApi {
    pub openapi: String,
    pub info: Info,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<Server>,
    #[serde(rename = "x-hwcloud-service", default, skip_serializing_if = "Option::is_none")]
    pub x_hwcloud_service: Option<ServiceFacts>,
    /// API groups in the order of the docs (one per folder of pages); operations name theirs in `tags`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    #[serde(default)]
    pub paths: IndexMap<String, PathItem>,
    #[serde(default)]
    pub components: Components,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tag {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Info {
    pub title: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The cloud the service is on (`huaweicloud`, `otc`), as specs written before
    /// `x-hwcloud-service` say it; read when that extension is absent, no longer written.
    #[serde(rename = "x-cloud", default, skip_serializing_if = "Option::is_none")]
    pub x_cloud: Option<String>,
}

/// `x-hwcloud-service`: what the runtime must know about the service, declared once in
/// `spec/services.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceFacts {
    /// The service's short name in `spec/services.yaml` (`modelarts`).
    pub name: String,
    pub cloud: Cloud,
    /// Endpoint service name, the first host label (`modelarts`).
    pub endpoint: String,
    #[serde(default)]
    pub scope: Scope,
    /// Regions whose endpoint breaks the cloud's rule: region id -> `https://host`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub regions: IndexMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Server {
    pub url: String,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub variables: IndexMap<String, ServerVariable>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerVariable {
    pub default: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Operations of one path, by lower-case HTTP method.
pub type PathItem = IndexMap<String, Operation>;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Optional in OpenAPI: empty when the document gives none (the emitter then names the
    /// operation from its summary or METHOD + path).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub operation_id: String,
    /// The API group of the docs the page belongs to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    #[serde(default)]
    pub responses: IndexMap<String, Response>,
    /// The page says the API is deprecated or discarded.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(rename = "x-source", default, skip_serializing_if = "Option::is_none")]
    pub x_source: Option<String>,
    /// `route` when the page gives no id and `operationId` was made from METHOD + path;
    /// absent when the page gives it.
    #[serde(rename = "x-operation-id-source", default, skip_serializing_if = "Option::is_none")]
    pub x_operation_id_source: Option<String>,
    #[serde(rename = "x-descriptions", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub x_descriptions: BTreeMap<String, String>,
    #[serde(rename = "x-hwcloud-job", default, skip_serializing_if = "Option::is_none")]
    pub x_hwcloud_job: Option<JobApi>,
    #[serde(rename = "x-hwcloud-waiter", default, skip_serializing_if = "Option::is_none")]
    pub x_hwcloud_waiter: Option<WaiterLink>,
    #[serde(rename = "x-operations", default, skip_serializing_if = "Vec::is_empty")]
    pub x_operations: Vec<Operation>,
}

/// `x-hwcloud-job`: a GET that reports a job's state, e.g. `GET /v1/{project_id}/jobs/{job_id}`
/// with `status` in `SUCCESS`, `FAIL`, `RUNNING`, `INIT`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobApi {
    /// The parameter carrying the job's id (`job_id` in the path, or `id` in the query).
    pub param: String,
    /// Where the status is in the answer, property names joined by `.`: `status`, `job.status`.
    pub status: String,
    /// The documented values that mean the job finished well.
    pub success: Vec<String>,
    /// The documented values that mean the job failed.
    pub failure: Vec<String>,
    /// The string properties beside the status that say why a job failed (`error_code`, `fail_reason`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reason: Vec<String>,
}

/// `x-hwcloud-waiter`: the success answer carries the id of a job to wait for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiterLink {
    /// The `operationId` of the job API (an operation with `x-hwcloud-job`).
    pub operation: String,
    /// The top-level property of the success answer carrying the id (`job_id`).
    pub id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    pub name: String,
    /// `path`, `query` or `header`.
    #[serde(rename = "in")]
    pub location: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    pub schema: Schema,
    #[serde(rename = "x-required-unknown", default, skip_serializing_if = "is_false")]
    pub x_required_unknown: bool,
    #[serde(rename = "x-source", default, skip_serializing_if = "Option::is_none")]
    pub x_source: Option<String>,
    #[serde(rename = "x-descriptions", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub x_descriptions: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaType {
    pub schema: Schema,
    /// Examples from the page, named `example1`, `example2`, ... in page order.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub examples: IndexMap<String, Example>,
    /// Examples from the page that contradict its tables: kept out of `examples`
    /// (so validators pass), listed with what is wrong.
    #[serde(rename = "x-invalid-examples", default, skip_serializing_if = "IndexMap::is_empty")]
    pub x_invalid_examples: IndexMap<String, InvalidExample>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InvalidExample {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub value: Value,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Example {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    pub value: Value,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub description: String,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub headers: IndexMap<String, Header>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub content: IndexMap<String, MediaType>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Header {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub schema: Schema,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Components {
    #[serde(default)]
    pub schemas: IndexMap<String, Schema>,
}

/// A JSON Schema subset. A property that refers to a named schema and also
/// carries its own description is written `allOf: [{$ref}]` + `description`,
/// because OpenAPI 3.0 ignores siblings of `$ref`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(rename = "$ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub schema_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Schema>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub properties: IndexMap<String, Schema>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    /// `true` for a free-form map, a schema for typed map values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<Box<AdditionalProperties>>,
    #[serde(rename = "enum", default, skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    #[serde(rename = "x-enum-descriptions", default, skip_serializing_if = "Vec::is_empty")]
    pub x_enum_descriptions: Vec<String>,
    /// The English meanings of the values, when a zh page was merged with its en translation.
    #[serde(rename = "x-enum-descriptions-en", default, skip_serializing_if = "Vec::is_empty")]
    pub x_enum_descriptions_en: Vec<String>,
    #[serde(rename = "x-required-unknown", default, skip_serializing_if = "is_false")]
    pub x_required_unknown: bool,
    #[serde(rename = "x-source", default, skip_serializing_if = "Option::is_none")]
    pub x_source: Option<String>,
    #[serde(rename = "x-descriptions", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub x_descriptions: BTreeMap<String, String>,
}

// The enum itself is always boxed inside `Schema`, so the size difference does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AdditionalProperties {
    Any(bool),
    Schema(Schema),
}

impl Schema {
    pub fn of_type(t: &str) -> Self {
        Schema { schema_type: Some(t.to_string()), ..Default::default() }
    }

    pub fn reference(name: &str) -> Self {
        Schema { reference: Some(format!("#/components/schemas/{name}")), ..Default::default() }
    }

    /// The component name a `$ref` (direct or through a one-element `allOf`) points to.
    pub fn ref_name(&self) -> Option<&str> {
        if let Some(r) = &self.reference {
            return r.strip_prefix("#/components/schemas/");
        }
        match self.all_of.as_slice() {
            [only] => only.ref_name(),
            _ => None,
        }
    }
}

impl OpenApi {
    /// Every operation with its path and method, in document order; pages that
    /// share a METHOD + path come out as their own operations (from `x-operations`).
    pub fn operations(&self) -> Vec<(&str, &str, &Operation)> {
        let mut out = Vec::new();
        for (path, item) in &self.paths {
            for (method, op) in item {
                if op.x_operations.is_empty() {
                    out.push((path.as_str(), method.as_str(), op));
                } else {
                    out.extend(op.x_operations.iter().map(|o| (path.as_str(), method.as_str(), o)));
                }
            }
        }
        out
    }
}
