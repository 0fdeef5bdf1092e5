//! `clouds.yaml` and `secure.yaml` as the OpenStack tools find and merge them.
//!
//! Each file is the one named by its variable (`OS_CLIENT_CONFIG_FILE`,
//! `OS_CLIENT_SECURE_FILE`), else the first of `clouds.yaml` / `clouds.yml` / `clouds.json`
//! (`secure.*`) in the current directory, `~/.config/openstack` (`$XDG_CONFIG_HOME/openstack`)
//! and `/etc/openstack`. `secure.yaml` is merged into `clouds.yaml` key by key, so passwords can
//! live apart from the rest.

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::settings::Settings;
use crate::env::Env;
use crate::Error;

/// Environment variable selecting the cloud of `clouds.yaml`.
pub const ENV_CLOUD: &str = "OS_CLOUD";
/// Environment variable naming `clouds.yaml`.
pub const ENV_CLIENT_CONFIG_FILE: &str = "OS_CLIENT_CONFIG_FILE";
/// Environment variable naming `secure.yaml`.
pub const ENV_CLIENT_SECURE_FILE: &str = "OS_CLIENT_SECURE_FILE";

const EXTENSIONS: &[&str] = &["yaml", "yml", "json"];

/// `clouds.yaml` merged with `secure.yaml`: the `clouds` mapping. `Debug`-free on purpose (it
/// holds passwords).
pub(crate) struct CloudFiles {
    pub(crate) path: PathBuf,
    secure: Option<PathBuf>,
    clouds: Mapping,
}

/// The directories searched, in order.
fn search_dirs(env: &Env) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push(cwd);
    }
    let config_home = env("XDG_CONFIG_HOME")
        .filter(|d| !d.trim().is_empty())
        .map(PathBuf::from)
        .or_else(|| crate::env::home_dir(env).map(|h| h.join(".config")));
    if let Some(dir) = config_home {
        dirs.push(dir.join("openstack"));
    }
    dirs.push(PathBuf::from("/etc/openstack"));
    dirs
}

/// The file named by `var`, else the first `{stem}.{yaml,yml,json}` on the search path.
fn find(env: &Env, var: &str, stem: &str) -> Option<PathBuf> {
    if let Some(p) = env(var).filter(|p| !p.trim().is_empty()) {
        return Some(PathBuf::from(p.trim()));
    }
    search_dirs(env)
        .into_iter()
        .flat_map(|d| EXTENSIONS.iter().map(move |e| d.join(format!("{stem}.{e}"))))
        .find(|p| p.is_file())
}

/// What was searched, for errors.
pub(crate) fn not_found_note(env: &Env) -> String {
    let dirs: Vec<String> = search_dirs(env).iter().map(|d| d.join("clouds.yaml").display().to_string()).collect();
    format!("no clouds.yaml was found ({ENV_CLIENT_CONFIG_FILE} is not set; searched {})", dirs.join(", "))
}

/// `clouds.yaml` merged with `secure.yaml`, when a `clouds.yaml` exists.
pub(crate) fn load(env: &Env) -> Result<Option<CloudFiles>, Error> {
    let Some(path) = find(env, ENV_CLIENT_CONFIG_FILE, "clouds") else { return Ok(None) };
    let mut clouds = read_clouds(&path)?;
    let secure = find(env, ENV_CLIENT_SECURE_FILE, "secure");
    if let Some(secure_path) = &secure {
        merge(&mut clouds, read_clouds(secure_path)?);
    }
    Ok(Some(CloudFiles { path, secure, clouds }))
}

/// The `clouds` mapping of one file (YAML, or JSON, which YAML reads too).
fn read_clouds(path: &Path) -> Result<Mapping, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Credentials(format!("cannot read {}: {e}", path.display())))?;
    parse_clouds(&text).map_err(|why| Error::Credentials(format!("{}: {why}", path.display())))
}

pub(crate) fn parse_clouds(text: &str) -> Result<Mapping, String> {
    if text.trim().is_empty() {
        return Ok(Mapping::new());
    }
    // The YAML error may quote the offending line, which can hold a password: not shown.
    let doc: Value = serde_yaml::from_str(text).map_err(|e| match e.location() {
        Some(l) => format!("not valid YAML (line {}, column {})", l.line(), l.column()),
        None => "not valid YAML".to_owned(),
    })?;
    match doc.get("clouds") {
        None | Some(Value::Null) => Ok(Mapping::new()),
        Some(Value::Mapping(m)) => Ok(m.clone()),
        Some(_) => Err("`clouds` is not a mapping of cloud names".to_owned()),
    }
}

/// Merges `over` into `base`: mappings key by key, anything else replaced.
fn merge(base: &mut Mapping, over: Mapping) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(Value::Mapping(b)), Value::Mapping(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// A scalar as text (numbers and booleans too: a project id may be written unquoted).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Other spellings of settings keys.
fn canonical_key(key: &str) -> &str {
    match key {
        "access_key" => "ak",
        "secret_key" => "sk",
        "tenant_name" => "project_name",
        "tenant_id" => "project_id",
        other => other,
    }
}

impl CloudFiles {
    fn names(&self) -> Vec<String> {
        self.clouds.keys().filter_map(scalar).collect()
    }

    /// The name of the only cloud, when there is exactly one.
    pub(crate) fn only_cloud(&self) -> Option<String> {
        match self.names().as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        }
    }

    /// Where a cloud's settings come from, for messages.
    pub(crate) fn describe(&self, name: &str) -> String {
        match &self.secure {
            Some(s) => format!("cloud `{name}` of {} and {}", self.path.display(), s.display()),
            None => format!("cloud `{name}` of {}", self.path.display()),
        }
    }

    /// The settings of cloud `name`: its `auth` keys, `region_name` (else the first of
    /// `regions`), and `ak` / `sk` / `security_token` also at the cloud's top level (where the
    /// OTC extensions keep them).
    pub(crate) fn cloud(&self, name: &str) -> Result<Settings, Error> {
        let Some(cloud) = self.clouds.get(name) else {
            return Err(Error::Credentials(format!(
                "{ENV_CLOUD}={name}: {} has no such cloud (clouds: {})",
                self.path.display(),
                self.names().join(", ")
            )));
        };
        let mut s = Settings::default();
        for key in ["ak", "sk", "access_key", "secret_key", "security_token", "region_name"] {
            if let Some(v) = cloud.get(key).and_then(scalar) {
                s.set(canonical_key(key), &v);
            }
        }
        if s.get("region_name").is_none() {
            let first = cloud.get("regions").and_then(|r| r.get(0));
            if let Some(region) = first.and_then(|r| scalar(r).or_else(|| r.get("name").and_then(scalar))) {
                s.set("region_name", &region);
            }
        }
        if let Some(Value::Mapping(auth)) = cloud.get("auth") {
            for (k, v) in auth {
                if let (Some(k), Some(v)) = (scalar(k), scalar(v)) {
                    s.set(canonical_key(&k), &v);
                }
            }
        }
        Ok(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(clouds: &str, secure: &str) -> CloudFiles {
        let mut c = parse_clouds(clouds).unwrap_or_else(|e| panic!("{e}"));
        merge(&mut c, parse_clouds(secure).unwrap_or_else(|e| panic!("{e}")));
        CloudFiles { path: PathBuf::from("clouds.yaml"), secure: None, clouds: c }
    }

    #[test]
    fn merge_and_select() {
        let f = files(
            "clouds:\n  otc:\n    auth:\n      username: u\n      project_id: 1234\n    regions: [eu-nl]\n  other: {}\n",
            "clouds:\n  otc:\n    auth:\n      password: pw\n    ak: AK\n    secret_key: SK\n",
        );
        let s = f.cloud("otc").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.get("username"), Some("u"));
        assert_eq!(s.get("password"), Some("pw"));
        assert_eq!(s.get("project_id"), Some("1234"));
        assert_eq!(s.get("region_name"), Some("eu-nl"));
        assert_eq!((s.get("ak"), s.get("sk")), (Some("AK"), Some("SK")));
        assert_eq!(f.only_cloud(), None);
        let e = f.cloud("nope").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("otc, other"), "{e}");
    }

    #[test]
    fn json_and_bad_files() {
        let f = files(r#"{"clouds": {"j": {"auth": {"token": "t"}, "regions": [{"name": "eu-de"}]}}}"#, "");
        let s = f.cloud("j").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((s.get("token"), s.get("region_name")), (Some("t"), Some("eu-de")));
        assert_eq!(f.only_cloud().as_deref(), Some("j"));
        let e = parse_clouds("clouds:\n  a: {auth: {password: 'TOPSECRET\n").err().unwrap_or_default();
        assert!(e.contains("not valid YAML") && !e.contains("TOPSECRET"), "{e}");
        assert!(parse_clouds("clouds: [1]").is_err());
        assert!(parse_clouds("").is_ok_and(|m| m.is_empty()));
    }
}
