//! *emit*: OpenAPI → a typed async Rust SDK crate, returned as files in memory.
//!
//! [`emit_crate`] lowers the spec into an IR with every name decided
//! ([`model`]), then one small emitter per construct writes the code:
//! identifiers ([`ident`]), doc comments ([`docs`]), structs ([`structs`]),
//! enums ([`enums`]), operations ([`operations`]), example tests
//! ([`examples`]), example programs ([`example_bin`]); [`files`] assembles
//! the crate (Rust through quote and prettyplease, `Cargo.toml` and
//! `README.md` through askama templates in `templates/crate/`). The generated
//! crate depends on `hwcloud-runtime`.

pub mod api;
pub mod check;
pub mod docs;
pub mod enums;
pub mod example_bin;
pub mod examples;
pub mod files;
pub mod ident;
pub mod lowered;
pub mod model;
pub mod naming;
pub mod operations;
pub mod paginate;
pub mod serde_impls;
pub mod structs;
pub mod tokens;
pub mod usage;

use crate::config::{Cloud, Scope};
use crate::spec::openapi::OpenApi;
use rayon::prelude::*;
use std::path::PathBuf;

/// How to name and wire the emitted crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateOptions {
    /// Package name, e.g. `hwcloud-modelarts` (library `hwcloud_modelarts`).
    pub crate_name: String,
    pub version: String,
    /// Path of the `hwcloud-runtime` crate for the path dependency, relative to
    /// the emitted crate's folder or absolute.
    pub runtime_path: String,
    /// `false`: the manifest gets an empty `[workspace]` table so the crate
    /// builds on its own inside or outside another workspace.
    pub workspace_member: bool,
    /// Operation ids that get an example program, `examples/<snake_case_op>.rs`
    /// ([`example_bin`]); the manifest then has a `tokio` dev-dependency.
    pub examples: Vec<String>,
    /// The endpoint service name when the spec has no `servers` (else taken from the first server).
    pub service: Option<String>,
}

/// One emitted file: path relative to the crate folder, and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// The spec breaks an invariant the emitter relies on (unknown `$ref`, no server, ...).
    #[error("cannot emit a crate from this spec: {0}")]
    Spec(String),
    /// The emitter produced tokens that do not parse: a bug in the emitter.
    #[error("generated {file} does not parse: {message}")]
    Syntax { file: String, message: String },
    #[error("template: {0}")]
    Template(#[from] askama::Error),
}

/// Names that come from the spec as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceNames {
    /// `info.title`, e.g. `ModelArts API`.
    pub title: String,
    /// Endpoint service name: the first host label of the first server, e.g. `modelarts`.
    pub service: String,
    /// The client type, e.g. `ModelArtsClient`.
    pub client: String,
    /// The default of the server's `region` variable (for the usage example).
    pub region: String,
    /// The cloud is Open Telekom Cloud (`x-hwcloud-service.cloud`, else `info.x-cloud`, is `otc`).
    pub otc: bool,
    /// `x-hwcloud-service.scope` is `global`: account-scoped, like IAM.
    pub global: bool,
    /// `x-hwcloud-service.regions`: region id -> endpoint, where the cloud's rule does not hold.
    pub regions: Vec<(String, String)>,
}

impl ServiceNames {
    /// The cloud the service runs on, for the docs.
    pub fn cloud(&self) -> &'static str {
        if self.otc {
            "Open Telekom Cloud"
        } else {
            "Huawei Cloud"
        }
    }

    pub fn of(spec: &OpenApi) -> Result<Self, EmitError> {
        Self::with_service(spec, None)
    }

    /// Names for `spec`; `service` (the endpoint service name) is required only when the
    /// spec has no `servers` entry to take it from.
    pub fn with_service(spec: &OpenApi, service: Option<&str>) -> Result<Self, EmitError> {
        if let Some(service) = service {
            let valid =
                !service.is_empty() && service.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                return Err(EmitError::Spec(format!(
                    "service name `{service}` must be a plain name (letters, digits, `-`, `_`)"
                )));
            }
        }
        let Some(server) = spec.servers.first() else {
            let Some(service) = service else {
                return Err(EmitError::Spec(
                    "the spec has no `servers` entry to take the endpoint service name from: pass `--service NAME`"
                        .to_string(),
                ));
            };
            let title = spec.info.title.trim();
            let stem = title.strip_suffix("API").unwrap_or(title).trim();
            let stem = if stem.is_empty() { service } else { stem };
            return Ok(ServiceNames {
                title: if title.is_empty() { service.to_string() } else { title.to_string() },
                client: format!("{}Client", ident::type_ident(stem)),
                service: service.to_string(),
                region: "cn-north-4".into(),
                ..facts(spec)
            });
        };
        let host = server.url.split("://").nth(1).unwrap_or(&server.url);
        let service = match (service, &spec.x_hwcloud_service) {
            (Some(s), _) => s.to_string(),
            (None, Some(facts)) => facts.endpoint.clone(),
            (None, None) => host.split(['.', '/', ':']).next().unwrap_or_default().to_string(),
        };
        let valid = !service.is_empty() && service.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(EmitError::Spec(format!(
                "cannot take the endpoint service name from the server URL `{}` (its first host label must be a plain name)",
                server.url
            )));
        }
        let title = spec.info.title.trim();
        let stem = title.strip_suffix("API").unwrap_or(title).trim();
        let stem = if stem.is_empty() { service.as_str() } else { stem };
        let region = server.variables.get("region").map(|v| v.default.clone()).unwrap_or_else(|| "cn-north-4".into());
        Ok(ServiceNames {
            title: if title.is_empty() { service.clone() } else { title.to_string() },
            client: format!("{}Client", ident::type_ident(stem)),
            service,
            region,
            ..facts(spec)
        })
    }
}

/// The runtime facts of `spec` (`x-hwcloud-service`, else the older `info.x-cloud` alone), in a
/// [`ServiceNames`] whose names the caller fills in.
fn facts(spec: &OpenApi) -> ServiceNames {
    let (otc, global, regions) = match &spec.x_hwcloud_service {
        Some(f) => (
            f.cloud == Cloud::Otc,
            f.scope == Scope::Global,
            f.regions.iter().map(|(r, u)| (r.clone(), u.clone())).collect(),
        ),
        None => (spec.info.x_cloud.as_deref() == Some("otc"), false, Vec::new()),
    };
    ServiceNames {
        title: String::new(),
        service: String::new(),
        client: String::new(),
        region: String::new(),
        otc,
        global,
        regions,
    }
}

/// The changes of the public Rust API from the crate of `old` to the crate of `new`
/// (see [`api`]): what the version bump follows.
pub fn api_changes(old: &OpenApi, new: &OpenApi) -> Result<Vec<api::ApiChange>, EmitError> {
    Ok(api::diff(&api::surface(&model::lower(old)?), &api::surface(&model::lower(new)?)))
}

/// Emit the crate for `spec`: `Cargo.toml`, `README.md`, `src/lib.rs`,
/// `src/client.rs`, `src/models.rs`, `src/operations.rs`, one `src/<group>.rs`
/// per API group, `tests/examples.rs`, and `examples/<operation>.rs` per entry
/// of [`CrateOptions::examples`].
pub fn emit_crate(spec: &OpenApi, options: &CrateOptions) -> Result<Vec<GeneratedFile>, EmitError> {
    emit_lowered(spec, &model::lower(spec)?, options)
}

/// [`emit_crate`] from the model `all` already lowered from `spec` (`generate` also reads the
/// public API off it, [`api::surface`]).
pub fn emit_lowered(
    spec: &OpenApi,
    all: &model::Lowered,
    options: &CrateOptions,
) -> Result<Vec<GeneratedFile>, EmitError> {
    let names = ServiceNames::with_service(spec, options.service.as_deref())?;
    let lib = options.crate_name.replace('-', "_");
    let snippets = files::Snippets {
        usage: usage::snippet(all, &lib, &names.client, &names.region),
        mock: usage::mock_snippet(all, &lib, &names.client, &names.region),
    };
    let programs = files::example_programs(options, &names, all)?;
    let mut out = vec![
        files::cargo_toml(options, &names)?,
        files::readme(options, &names, all, &snippets, &spec.info.version)?,
        files::lib_rs(&names, all, &snippets, &spec.info.version)?,
        files::client_rs(&names)?,
    ];
    // The modules are most of the work (formatting is a full parse of each file): in parallel.
    let groups = files::groups(all);
    let (models, modules) = rayon::join(
        || files::models_rs(&names, all),
        || groups.par_iter().map(|g| files::group_rs(&names, all, g)).collect::<Result<Vec<_>, _>>(),
    );
    out.push(models?);
    out.push(files::operations_rs(&names, all)?);
    out.extend(modules?);
    out.push(files::examples_rs(options, all)?);
    out.extend(programs);
    Ok(out)
}
