//! `spec/services.yaml`: which services `generator generate` regenerates.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub services: Vec<Service>,
}

/// One service. Paths are relative to the config file's folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Short name (`modelarts`).
    pub name: String,
    /// Human title (`ModelArts`).
    pub title: String,
    /// Endpoint service name in `https://{endpoint}.{region}.myhuaweicloud.com`.
    pub endpoint: String,
    #[serde(default = "default_region")]
    pub region: String,
    /// Folder of input pages.
    pub docs: PathBuf,
    #[serde(default)]
    pub overrides: Option<PathBuf>,
    /// Where the OpenAPI YAML is written.
    pub spec: PathBuf,
    /// Where the crate is written.
    #[serde(rename = "crate")]
    pub crate_dir: PathBuf,
    pub crate_name: String,
}

fn default_region() -> String {
    "cn-north-4".to_string()
}

impl Config {
    /// Load the config, resolving its relative paths against its folder.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut config: Config = serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let base = path.parent().unwrap_or(Path::new("."));
        for s in &mut config.services {
            s.docs = normalize(&base.join(&s.docs));
            s.spec = normalize(&base.join(&s.spec));
            s.crate_dir = normalize(&base.join(&s.crate_dir));
            s.overrides = s.overrides.as_ref().map(|o| normalize(&base.join(o)));
        }
        Ok(config)
    }
}

/// `spec/../generated/x` -> `generated/x` (lexically; no file system access).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
