//! What the emitters share about the crate being written: its options, its files, its
//! service names, and the error they fail with. A leaf: the emitters import it, never
//! [`super`] (the module that runs them).

use super::ident;
use crate::config::{Cloud, Scope};
use crate::spec::openapi::OpenApi;
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
    /// ([`super::example_bin`]); the manifest then has a `tokio` dev-dependency.
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
