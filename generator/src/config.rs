//! `spec/services.yaml`: which services `generator generate` regenerates.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
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
    /// Endpoint service name: the first host label (`modelarts` in
    /// `https://modelarts.{region}.myhuaweicloud.com`).
    pub endpoint: String,
    /// Which cloud the service is on; decides the endpoint pattern and the runtime profile.
    #[serde(default)]
    pub cloud: Cloud,
    /// Default region (`cn-north-4` on Huawei Cloud, `eu-de` on Open Telekom Cloud).
    #[serde(default)]
    pub region: Option<String>,
    /// `project` (regional, `X-Project-Id`) or `global` (account-wide, `X-Domain-Id`, e.g. IAM).
    #[serde(default)]
    pub scope: Scope,
    /// Regions whose endpoint breaks the cloud's rule: region id -> endpoint URL
    /// (`ap-southeast-1: https://modelarts.ap-southeast-1.myhuaweicloud.cn`).
    #[serde(default)]
    pub regions: IndexMap<String, String>,
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
    /// The `hwcloud-runtime` crate the generated crate depends on.
    #[serde(default = "default_runtime")]
    pub runtime: PathBuf,
    /// Operation ids that get an example program in the crate (`examples/<snake_case_op>.rs`).
    #[serde(default)]
    pub examples: Vec<String>,
}

fn default_runtime() -> PathBuf {
    PathBuf::from("../runtime")
}

/// The clouds the docs family covers. Open Telekom Cloud shares Huawei Cloud's documentation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cloud {
    #[default]
    Huaweicloud,
    Otc,
}

impl Cloud {
    /// The name written to the spec (`x-hwcloud-service.cloud`) and read by the emitter.
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Huaweicloud => "huaweicloud",
            Cloud::Otc => "otc",
        }
    }

    pub fn from_name(name: &str) -> Option<Cloud> {
        [Cloud::Huaweicloud, Cloud::Otc].into_iter().find(|c| c.as_str() == name)
    }

    /// `https://{service}.{region}.<domain>`.
    pub fn endpoint_template(self, service: &str) -> String {
        match self {
            Cloud::Huaweicloud => format!("https://{service}.{{region}}.myhuaweicloud.com"),
            Cloud::Otc => format!("https://{service}.{{region}}.otc.t-systems.com"),
        }
    }

    pub fn default_region(self) -> &'static str {
        match self {
            Cloud::Huaweicloud => "cn-north-4",
            Cloud::Otc => "eu-de",
        }
    }
}

/// Whether a service's calls are scoped to a project or to the account; the generated client's
/// `DESCRIPTOR` tells the runtime which id to look up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Project,
    Global,
}

impl Service {
    /// The configured region, else the cloud's default.
    pub fn region(&self) -> &str {
        self.region.as_deref().unwrap_or(self.cloud.default_region())
    }
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
            s.runtime = normalize(&base.join(&s.runtime));
            check_regions(s).map_err(|e| format!("{}: service `{}`: {e}", path.display(), s.name))?;
        }
        Ok(config)
    }
}

/// A region table entry must be usable as generated: a plain region id and an `https://host`
/// endpoint (the runtime refuses anything else at run time, too late to notice).
fn check_regions(service: &Service) -> Result<(), String> {
    let label = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    for (region, url) in &service.regions {
        if !label(region) {
            return Err(format!("region `{region}` is not a region id (letters, digits, `-`)"));
        }
        let host = url.strip_prefix("https://").unwrap_or_default();
        if host.is_empty() || !host.split('.').all(label) {
            return Err(format!("endpoint `{url}` of region `{region}` must be `https://host` without path or port"));
        }
    }
    Ok(())
}

/// `to` as seen from `from` (both relative to the same folder, or both absolute):
/// `generated/modelarts` -> `runtime` is `../../runtime`.
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let (from, to) = (normalize(from), normalize(to));
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in from.components().skip(common) {
        out.push("..");
    }
    for part in to.components().skip(common) {
        out.push(part);
    }
    out
}

/// `spec/../generated/x` -> `generated/x` (lexically; no file system access).
pub fn normalize(path: &Path) -> PathBuf {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative(Path::new("generated/modelarts"), Path::new("runtime")), PathBuf::from("../../runtime"));
        assert_eq!(relative(Path::new("spec/../generated/x"), Path::new("generated/y")), PathBuf::from("../y"));
    }
}
