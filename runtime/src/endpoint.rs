//! Endpoint resolution and validation.
//!
//! Order: a full endpoint override, else the custom region list, else
//! `https://{service}.{region}.myhuaweicloud.com`. Only `https` is accepted, except plain `http`
//! to a loopback host (`127.0.0.0/8`, `::1`, `localhost`) for local testing.

use std::collections::BTreeMap;
use std::net::IpAddr;

use reqwest::Url;

use crate::Error;

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

impl Endpoint {
    /// Resolves the endpoint for `service` from the configuration's parts.
    pub(crate) fn resolve(
        service: &str,
        region: Option<&str>,
        endpoint: Option<&str>,
        region_endpoints: &BTreeMap<String, String>,
    ) -> Result<Self, Error> {
        if let Some(url) = endpoint {
            return Endpoint::parse(url);
        }
        let Some(region) = region else {
            return Err(Error::Config(
                "no region or endpoint configured: use Config::with_region, Config::with_endpoint or set HUAWEICLOUD_SDK_REGION"
                    .to_owned(),
            ));
        };
        if let Some(url) = region_endpoints.get(region) {
            return Endpoint::parse(url);
        }
        if !is_dns_label_chain(service) {
            return Err(Error::Config(format!("service name `{service}` is not a valid host name part")));
        }
        if !is_dns_label_chain(region) || region.contains('.') {
            return Err(Error::Config(format!("region `{region}` is not a valid region name")));
        }
        Endpoint::parse(&format!("https://{service}.{region}.myhuaweicloud.com"))
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

    #[test]
    fn default_pattern() {
        let e = Endpoint::resolve("modelarts", Some("cn-north-4"), None, &BTreeMap::new())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://modelarts.cn-north-4.myhuaweicloud.com/");
        assert_eq!(e.host, "modelarts.cn-north-4.myhuaweicloud.com");
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
        assert!(Endpoint::resolve("svc", Some("evil.com/x"), None, &BTreeMap::new()).is_err());
        assert!(Endpoint::resolve("svc", None, None, &BTreeMap::new()).is_err());
    }
}
