//! Endpoint resolution and validation.
//!
//! Order, first match wins:
//!
//! 1. a full endpoint override ([`Config::with_endpoint`](crate::Config::with_endpoint));
//! 2. the custom region list of the configuration
//!    ([`Config::with_region_endpoints`](crate::Config::with_region_endpoints));
//! 3. the environment variable `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION_ID}` (upper case, `-`
//!    becomes `_`), as in the official SDKs;
//! 4. the regions file, `HUAWEICLOUD_SDK_REGIONS_FILE` or `~/.huaweicloud/regions.yaml`
//!    (`SERVICE:` then a list of `- id: ...` / `endpoint: ...`), as in the official SDKs;
//! 5. the service's own region table, [`ServiceDescriptor::regions`] (declared in
//!    `spec/services.yaml` and emitted into each generated crate's `DESCRIPTOR`);
//! 6. the cloud's naming rule, for regions known to the cloud.
//!
//! Only `https` is accepted, except plain `http` to a loopback host (`127.0.0.0/8`, `::1`,
//! `localhost`) for local testing.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::PathBuf;

use reqwest::Url;

use crate::env::{home_dir, Env};
use crate::service::{Cloud, ServiceDescriptor};
use crate::Error;

/// Environment variable naming the regions file (official).
pub const ENV_REGIONS_FILE: &str = "HUAWEICLOUD_SDK_REGIONS_FILE";
/// Prefix of the per-service, per-region endpoint variables (official):
/// `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION_ID}`.
pub const ENV_REGION_ENDPOINT_PREFIX: &str = "HUAWEICLOUD_SDK_REGION";

/// A validated endpoint: scheme, host and optional port, no path.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    /// Base URL, e.g. `https://modelarts.cn-north-4.myhuaweicloud.com/`.
    pub(crate) url: Url,
    /// Value of the `Host` header: host, plus `:port` when the port is not the scheme's default.
    pub(crate) host: String,
    /// Whether the host is a loopback address (plain http allowed, no proxy used).
    pub(crate) loopback: bool,
}

/// The environment variable overriding the endpoint of `service` in `region`.
pub fn region_env_var(service: &str, region: &str) -> String {
    let norm = |s: &str| s.replace(['-', '.'], "_").to_ascii_uppercase();
    format!("{ENV_REGION_ENDPOINT_PREFIX}_{}_{}", norm(service), norm(region))
}

/// The regions file's path: `HUAWEICLOUD_SDK_REGIONS_FILE`, else `~/.huaweicloud/regions.yaml`.
pub(crate) fn regions_file_path(env: &Env) -> Option<PathBuf> {
    match env(ENV_REGIONS_FILE).filter(|p| !p.trim().is_empty()) {
        Some(p) => Some(PathBuf::from(p.trim())),
        None => home_dir(env).map(|h| h.join(".huaweicloud").join("regions.yaml")),
    }
}

#[derive(serde::Deserialize)]
struct RegionEntry {
    id: Option<String>,
    endpoint: Option<String>,
    endpoints: Option<Vec<String>>,
}

/// The endpoint of `service` in `region` from a regions file's text (service names compared
/// case-insensitively, as the official SDKs upper-case them).
pub(crate) fn endpoint_from_regions_yaml(text: &str, service: &str, region: &str) -> Result<Option<String>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let doc: BTreeMap<String, Vec<RegionEntry>> =
        serde_yaml::from_str(text).map_err(|e| format!("not a regions file (SERVICE: [{{id, endpoint}}]): {e}"))?;
    let Some((_, entries)) = doc.iter().find(|(k, _)| k.eq_ignore_ascii_case(service)) else { return Ok(None) };
    Ok(entries
        .iter()
        .filter(|e| e.id.as_deref() == Some(region))
        .find_map(|e| e.endpoint.clone().or_else(|| e.endpoints.as_ref().and_then(|l| l.first().cloned()))))
}

/// What endpoint resolution looks at.
pub(crate) struct EndpointQuery<'a> {
    pub(crate) service: &'a ServiceDescriptor,
    pub(crate) cloud: Cloud,
    pub(crate) region: Option<&'a str>,
    pub(crate) endpoint: Option<&'a str>,
    pub(crate) region_endpoints: &'a BTreeMap<String, String>,
    pub(crate) env: &'a Env,
}

/// What the endpoint sources say.
pub(crate) enum Lookup {
    /// An endpoint, and the name of the source that gave it.
    Found(Endpoint, String),
    /// No source gives one; the error says what was tried.
    NotFound(Error),
}

#[cfg(test)]
impl Lookup {
    /// The endpoint and its source, or the error saying what was tried.
    pub(crate) fn found(self) -> Result<(Endpoint, String), Error> {
        match self {
            Lookup::Found(endpoint, source) => Ok((endpoint, source)),
            Lookup::NotFound(why) => Err(why),
        }
    }
}

impl Endpoint {
    /// Resolves the endpoint, telling "no source gives one" (which a token catalog may make up
    /// for) from an error: a configured endpoint that is refused, a regions file unreadable.
    pub(crate) fn lookup(q: &EndpointQuery<'_>) -> Result<Lookup, Error> {
        let service = q.service.name;
        if let Some(url) = q.endpoint {
            return Ok(Lookup::Found(Endpoint::parse(url)?, "Config::with_endpoint".to_owned()));
        }
        let Some(region) = q.region else {
            return Ok(Lookup::NotFound(Error::Config(
                "no region or endpoint configured: use Config::with_region, Config::with_endpoint or set HUAWEICLOUD_SDK_REGION"
                    .to_owned(),
            )));
        };
        if !is_dns_label_chain(region) || region.contains('.') {
            return Err(Error::Config(format!("region `{region}` is not a valid region name")));
        }
        if let Some(url) = q.region_endpoints.get(region) {
            return Ok(Lookup::Found(Endpoint::parse(url)?, "Config::with_region_endpoints".to_owned()));
        }
        let var = region_env_var(service, region);
        if let Some(url) = (q.env)(&var).filter(|u| !u.trim().is_empty()) {
            let e = Endpoint::parse(&url).map_err(|e| Error::Config(format!("{var}: {e}")))?;
            return Ok(Lookup::Found(e, var));
        }
        let file = regions_file_path(q.env);
        let mut file_note = "no regions file".to_owned();
        if let Some(path) = &file {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let found = endpoint_from_regions_yaml(&text, service, region)
                        .map_err(|e| Error::Config(format!("regions file {}: {e}", path.display())))?;
                    if let Some(url) = found {
                        let e = Endpoint::parse(&url)
                            .map_err(|e| Error::Config(format!("regions file {}: {e}", path.display())))?;
                        return Ok(Lookup::Found(e, format!("regions file {}", path.display())));
                    }
                    file_note = format!(
                        "regions file {} (no {} entry for {region})",
                        path.display(),
                        service.to_ascii_uppercase()
                    );
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    file_note = format!("regions file {} (not found)", path.display());
                }
                Err(e) => return Err(Error::Config(format!("cannot read regions file {}: {e}", path.display()))),
            }
        }
        if !is_dns_label_chain(service) {
            return Err(Error::Config(format!("service name `{service}` is not a valid host name part")));
        }
        if let Some(url) = q.service.table_endpoint(q.cloud, region) {
            return Ok(Lookup::Found(Endpoint::parse(url)?, format!("{service} region table")));
        }
        if let Some(url) = q.service.endpoint_in(q.cloud, region) {
            return Ok(Lookup::Found(Endpoint::parse(&url)?, format!("{} endpoint rule", q.cloud)));
        }
        Ok(Lookup::NotFound(Error::Config(format!(
            "no endpoint for service `{service}` in region `{region}`: tried {var}, {file_note}, the service's region table and the {} rule (known regions: {}); set one of them or use Config::with_endpoint",
            q.cloud,
            q.cloud.regions().join(", ")
        ))))
    }

    /// Parses and checks a full endpoint URL. A URL without a scheme gets `https://`.
    pub(crate) fn parse(raw: &str) -> Result<Self, Error> {
        let raw = raw.trim();
        let with_scheme = if raw.contains("://") { raw.to_owned() } else { format!("https://{raw}") };
        let url =
            Url::parse(&with_scheme).map_err(|e| Error::Config(format!("endpoint `{raw}` is not a valid URL: {e}")))?;
        let host_str = url.host_str().filter(|h| !h.is_empty()).map(str::to_owned);
        let host_str = host_str.ok_or_else(|| Error::Config(format!("endpoint `{raw}` has no host")))?;
        let loopback = is_loopback_host(&host_str);
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(Error::Config(format!(
                    "endpoint `{raw}` uses plain http; only https is allowed (plain http only to 127.0.0.0/8, ::1 or localhost)"
                )))
            }
            other => return Err(Error::Config(format!("endpoint `{raw}` has unsupported scheme `{other}`; use https"))),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Config(format!(
                "endpoint `{}` must not contain user information",
                redact_userinfo(&url)
            )));
        }
        if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::Config(format!("endpoint `{raw}` must be scheme://host[:port] without path or query")));
        }
        let host = match url.port() {
            Some(port) => format!("{host_str}:{port}"),
            None => host_str,
        };
        Ok(Endpoint { url, host, loopback })
    }
}

fn redact_userinfo(url: &Url) -> String {
    let mut u = url.clone();
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

/// Dot-separated labels of ASCII letters, digits and `-`.
fn is_dns_label_chain(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// `localhost`, `127.0.0.0/8` or `::1`, as the URL parser normalised the host (IPv6 in brackets).
fn is_loopback_host(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ModelArts as its generated crate describes it (`spec/services.yaml`).
    static MODELARTS: ServiceDescriptor = ServiceDescriptor::new("modelarts", Cloud::HuaweiCloud)
        .with_regions(&[("ap-southeast-1", "https://modelarts.ap-southeast-1.myhuaweicloud.cn")]);

    fn resolve(
        service: &'static str,
        region: Option<&str>,
        vars: &[(&str, &str)],
    ) -> Result<(Endpoint, String), Error> {
        let desc =
            if service == MODELARTS.name { MODELARTS } else { ServiceDescriptor::new(service, Cloud::HuaweiCloud) };
        resolve_with(&desc, region, vars)
    }

    fn resolve_with(
        desc: &ServiceDescriptor,
        region: Option<&str>,
        vars: &[(&str, &str)],
    ) -> Result<(Endpoint, String), Error> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let env: Env = std::sync::Arc::new(move |n: &str| vars.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()));
        Endpoint::lookup(&EndpointQuery {
            service: desc,
            cloud: desc.cloud,
            region,
            endpoint: None,
            region_endpoints: &BTreeMap::new(),
            env: &env,
        })
        .and_then(Lookup::found)
    }

    #[test]
    fn default_pattern() {
        let (e, source) = resolve("modelarts", Some("cn-north-4"), &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://modelarts.cn-north-4.myhuaweicloud.com/");
        assert_eq!(e.host, "modelarts.cn-north-4.myhuaweicloud.com");
        assert_eq!(source, "Huawei Cloud endpoint rule");
    }

    /// The descriptor's region table is the only source of a service's exceptions: the same
    /// service without it gets the cloud's rule, and the user's overrides still win over it.
    #[test]
    fn descriptor_region_table() {
        let (e, source) = resolve("modelarts", Some("ap-southeast-1"), &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://modelarts.ap-southeast-1.myhuaweicloud.cn/");
        assert_eq!(e.host, "modelarts.ap-southeast-1.myhuaweicloud.cn");
        assert_eq!(source, "modelarts region table");
        let bare = ServiceDescriptor::new("modelarts", Cloud::HuaweiCloud);
        let (e, _) = resolve_with(&bare, Some("ap-southeast-1"), &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://modelarts.ap-southeast-1.myhuaweicloud.com/");
        let var = [("HUAWEICLOUD_SDK_REGION_MODELARTS_AP_SOUTHEAST_1", "https://own.example.com")];
        let (e, _) = resolve("modelarts", Some("ap-southeast-1"), &var).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://own.example.com/");
    }

    #[test]
    fn env_override_and_unknown_region() {
        assert_eq!(region_env_var("modelarts", "cn-north-4"), "HUAWEICLOUD_SDK_REGION_MODELARTS_CN_NORTH_4");
        let vars = [("HUAWEICLOUD_SDK_REGION_MODELARTS_MY_REGION_1", "http://127.0.0.1:9")];
        let (e, source) = resolve("modelarts", Some("my-region-1"), &vars).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "http://127.0.0.1:9/");
        assert_eq!(source, "HUAWEICLOUD_SDK_REGION_MODELARTS_MY_REGION_1");
        let err = resolve("modelarts", Some("xx-nowhere-9"), &[("HOME", "/nonexistent-home")])
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        for part in [
            "xx-nowhere-9",
            "HUAWEICLOUD_SDK_REGION_MODELARTS_XX_NOWHERE_9",
            "regions.yaml (not found)",
            "region table",
        ] {
            assert!(err.contains(part), "{part} missing in {err}");
        }
    }

    #[test]
    fn regions_yaml() {
        let text = "MODELARTS:\n  - id: 'r-1'\n    endpoint: 'https://m.r-1.example.com'\nECS:\n  - id: r-1\n    endpoints: ['https://e1', 'https://e2']\n";
        assert_eq!(
            endpoint_from_regions_yaml(text, "modelarts", "r-1").ok().flatten().as_deref(),
            Some("https://m.r-1.example.com")
        );
        assert_eq!(endpoint_from_regions_yaml(text, "ecs", "r-1").ok().flatten().as_deref(), Some("https://e1"));
        assert_eq!(endpoint_from_regions_yaml(text, "modelarts", "r-2").ok().flatten(), None);
        assert!(endpoint_from_regions_yaml("- a\n", "x", "y").is_err());
    }

    #[test]
    fn loopback_rules() {
        for ok in ["http://127.0.0.1:8080", "http://127.9.9.9", "http://localhost:1", "http://[::1]:9", "http://127.1"]
        {
            assert!(Endpoint::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["http://example.com", "http://localhost.example.com", "http://10.0.0.1", "http://[::2]", "ftp://h"]
        {
            assert!(matches!(Endpoint::parse(bad), Err(Error::Config(_))), "{bad}");
        }
        assert!(Endpoint::parse("https://h/path").is_err());
        assert!(Endpoint::parse("https://user:pw@h").is_err_and(|e| !e.to_string().contains("pw")));
    }

    #[test]
    fn host_header_keeps_non_default_port() {
        let e = Endpoint::parse("http://127.0.0.1:8443").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.host, "127.0.0.1:8443");
        let e = Endpoint::parse("https://h.example.com:443").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.host, "h.example.com");
        let e = Endpoint::parse("http://[::1]:80").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.host, "[::1]");
    }

    #[test]
    fn region_is_checked() {
        assert!(resolve("svc", Some("evil.com/x"), &[]).is_err());
        assert!(resolve("svc", None, &[]).is_err());
    }
}
