//! Temporary AK/SK from the instance metadata service of ECS, CCE nodes and ModelArts jobs
//! (`GET http://169.254.169.254/openstack/latest/securitykey`), cached and refreshed ahead of
//! expiry; one fetch at a time however many calls wait for it.
//!
//! As in the official SDKs, a session token is asked for first (`PUT /meta-data/latest/api/token`
//! with `X-Metadata-Token-Ttl-Seconds`) and sent as `X-Metadata-Token`; a metadata service that
//! does not offer tokens (404, 405, 503) is asked without one. The answer is
//! `{"credential": {"access", "secret", "securitytoken", "expires_at"}}`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::Mutex;

use crate::error::chain_message;
use crate::transport::BoxFuture;
use crate::{Credentials, Error, ProvideCredentials};

/// Default address of the metadata service.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://169.254.169.254";
/// Environment variable overriding the metadata address (this runtime's own, for tests and
/// unusual networks; not an official variable).
pub const ENV_METADATA_ENDPOINT: &str = "HUAWEICLOUD_SDK_METADATA_ENDPOINT";
/// Path of the temporary security key.
pub const SECURITY_KEY_PATH: &str = "/openstack/latest/securitykey";
/// Path of the session token.
pub const TOKEN_PATH: &str = "/meta-data/latest/api/token";
/// Default time before expiry at which cached keys are refreshed.
pub const DEFAULT_REFRESH_AHEAD: Duration = Duration::from_secs(5 * 60);
const TOKEN_TTL_SECONDS: &str = "21600";
const TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Debug)]
pub(crate) struct Cached {
    pub(crate) credentials: Credentials,
    pub(crate) expires_at: SystemTime,
}

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    token: Option<String>,
}

/// The metadata credential source of one client.
pub(crate) struct MetadataProvider {
    base: String,
    http: reqwest::Client,
    refresh_ahead: Duration,
    project_id: Option<String>,
    domain_id: Option<String>,
    /// What the earlier sources of the chain lacked, for the error when metadata fails too.
    note: Option<String>,
    state: Mutex<State>,
}

impl MetadataProvider {
    pub(crate) fn new(
        base: &str,
        refresh_ahead: Duration,
        project_id: Option<String>,
        domain_id: Option<String>,
        note: Option<String>,
    ) -> Result<Self, Error> {
        let base = base.trim().trim_end_matches('/').to_owned();
        let url = reqwest::Url::parse(&base)
            .map_err(|e| Error::Config(format!("metadata endpoint `{base}` is not a valid URL: {e}")))?;
        let host = url.host_str().unwrap_or_default();
        let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
        let host_ok = match bare.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V4(ip)) => ip.is_loopback() || ip.is_link_local(),
            Ok(std::net::IpAddr::V6(ip)) => ip.is_loopback(),
            Err(_) => host.eq_ignore_ascii_case("localhost"),
        };
        if url.scheme() != "http" || !host_ok {
            return Err(Error::Config(format!(
                "metadata endpoint `{base}` must be http:// to a link-local (169.254.0.0/16) or loopback address"
            )));
        }
        // The metadata service is on the instance's own link: never through a proxy.
        let http = reqwest::Client::builder()
            .no_proxy()
            .connect_timeout(TIMEOUT)
            .timeout(TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(crate::USER_AGENT)
            .build()
            .map_err(|e| Error::Config(format!("could not build the metadata HTTP client: {}", chain_message(&e))))?;
        Ok(MetadataProvider {
            base,
            http,
            refresh_ahead,
            project_id,
            domain_id,
            note,
            state: Mutex::new(State::default()),
        })
    }

    fn forget(&self) {
        // A fetch in progress (lock held) brings fresh keys anyway.
        if let Ok(mut state) = self.state.try_lock() {
            state.cached = None;
        }
    }

    /// Current temporary credentials: the cached ones while they are valid for longer than the
    /// refresh margin, else fetched again (the old ones are kept, with a warning, when the fetch
    /// fails before they expire).
    pub(crate) async fn credentials(&self) -> Result<Credentials, Error> {
        let mut state = self.state.lock().await;
        let now = SystemTime::now();
        if let Some(c) = &state.cached {
            if c.expires_at > now + self.refresh_ahead {
                return Ok(c.credentials.clone());
            }
        }
        match self.fetch(&mut state).await {
            Ok(fresh) => {
                let creds = fresh.credentials.clone();
                tracing::debug!(endpoint = %self.base, "temporary credentials obtained from instance metadata");
                state.cached = Some(fresh);
                Ok(creds)
            }
            Err(e) => match &state.cached {
                Some(c) if c.expires_at > now => {
                    tracing::warn!(error = %e, "could not refresh temporary credentials; using the current ones until they expire");
                    Ok(c.credentials.clone())
                }
                _ => Err(e),
            },
        }
    }

    async fn fetch(&self, state: &mut State) -> Result<Cached, Error> {
        if state.token.is_none() {
            state.token = self.session_token(false).await?;
        }
        let mut response = self.get_key(state.token.as_deref()).await?;
        if response.0 == 401 && !response.1.contains("Cloud Service Agency") {
            state.token = self.session_token(true).await?;
            response = self.get_key(state.token.as_deref()).await?;
        }
        let (status, body) = response;
        if status != 200 {
            let hint = if body.contains("Cloud Service Agency") {
                " (the instance has no agency: configure a Cloud Service Agency for it)"
            } else {
                ""
            };
            return Err(Error::Credentials(format!(
                "instance metadata {}{SECURITY_KEY_PATH} answered HTTP {status}{hint}",
                self.base
            )));
        }
        parse_security_key(&body, self.project_id.as_deref(), self.domain_id.as_deref())
    }

    async fn session_token(&self, required: bool) -> Result<Option<String>, Error> {
        let url = format!("{}{TOKEN_PATH}", self.base);
        let resp = self
            .http
            .put(&url)
            .header("X-Metadata-Token-Ttl-Seconds", TOKEN_TTL_SECONDS)
            .send()
            .await
            .map_err(|e| self.unreachable(&e))?;
        let status = resp.status().as_u16();
        let text = resp.text().await.map_err(|e| self.unreachable(&e))?;
        match status {
            200 if !text.trim().is_empty() => Ok(Some(text.trim().to_owned())),
            404 | 405 | 503 if !required => Ok(None),
            _ => Err(Error::Credentials(format!("instance metadata {}{TOKEN_PATH} answered HTTP {status}", self.base))),
        }
    }

    async fn get_key(&self, token: Option<&str>) -> Result<(u16, String), Error> {
        let mut req = self.http.get(format!("{}{SECURITY_KEY_PATH}", self.base));
        if let Some(t) = token {
            let mut v = reqwest::header::HeaderValue::from_str(t)
                .map_err(|_| Error::Credentials("the metadata session token cannot be sent in a header".to_owned()))?;
            v.set_sensitive(true);
            req = req.header("X-Metadata-Token", v);
        }
        let resp = req.send().await.map_err(|e| self.unreachable(&e))?;
        let status = resp.status().as_u16();
        let body = resp.text().await.map_err(|e| self.unreachable(&e))?;
        Ok((status, body))
    }

    fn unreachable(&self, e: &reqwest::Error) -> Error {
        match &self.note {
            Some(note) => Error::Credentials(format!(
                "no credentials: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set, {note}, and the instance metadata service at {} could not be reached ({})",
                self.base,
                chain_message(e)
            )),
            None => Error::Credentials(format!(
                "the instance metadata service at {} could not be reached ({})",
                self.base,
                chain_message(e)
            )),
        }
    }
}

impl std::fmt::Debug for MetadataProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "instance metadata at {}", self.base)
    }
}

impl ProvideCredentials for MetadataProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(self.credentials())
    }

    fn invalidate(&self) {
        self.forget();
    }
}

/// Reads `{"credential": {"access", "secret", "securitytoken", "expires_at"}}` (also the
/// `credentials` / camel-case spellings the official SDKs accept).
pub(crate) fn parse_security_key(
    body: &str,
    project_id: Option<&str>,
    domain_id: Option<&str>,
) -> Result<Cached, Error> {
    parse_temporary_key("the instance metadata security key", body, project_id, domain_id)
}

/// Like [`parse_security_key`], for any answer of that shape (IAM's `securitytokens` too);
/// `what` names the source in errors.
pub(crate) fn parse_temporary_key(
    what: &str,
    body: &str,
    project_id: Option<&str>,
    domain_id: Option<&str>,
) -> Result<Cached, Error> {
    let bad = |why: &str| Error::Credentials(format!("{what} is unusable: {why}"));
    let doc: serde_json::Value = serde_json::from_str(body).map_err(|_| bad("not JSON"))?;
    let c = doc.get("credential").or_else(|| doc.get("credentials")).unwrap_or(&doc);
    let field = |a: &str, b: &str| c.get(a).or_else(|| c.get(b)).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    let access = field("access", "accessKeyId").ok_or_else(|| bad("no `access`"))?;
    let secret = field("secret", "secretAccessKey").ok_or_else(|| bad("no `secret`"))?;
    let token = field("securitytoken", "securityToken").ok_or_else(|| bad("no `securitytoken`"))?;
    let expires = field("expires_at", "expiration").ok_or_else(|| bad("no `expires_at`"))?;
    let expires_at = parse_utc_timestamp(expires).ok_or_else(|| bad("`expires_at` is not a UTC timestamp"))?;
    let mut credentials = Credentials::ak_sk(access, secret).with_security_token(token).with_expiry(expires_at);
    if let Some(p) = project_id {
        credentials = credentials.with_project_id(p);
    }
    if let Some(d) = domain_id {
        credentials = credentials.with_domain_id(d);
    }
    Ok(Cached { credentials, expires_at })
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+00:00)` as a time.
pub(crate) fn parse_utc_timestamp(s: &str) -> Option<SystemTime> {
    let s = s.trim();
    let body = s.strip_suffix('Z').or_else(|| s.strip_suffix("+00:00"))?;
    let (date, time) = body.split_once('T')?;
    let mut d = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, day) = (d.next()??, d.next()??, d.next()??);
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut t = hms.split(':').map(|p| p.parse::<u64>().ok());
    let (hh, mm, ss) = (t.next()??, t.next()??, t.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let nanos: u32 = format!("{:0<9}", frac.get(..frac.len().min(9)).unwrap_or_default()).parse().ok()?;
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = u64::try_from(era * 146_097 + doe - 719_468).ok()?;
    Some(UNIX_EPOCH + Duration::new(days * 86_400 + hh * 3600 + mm * 60 + ss, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let t = |s| parse_utc_timestamp(s).and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        assert_eq!(t("2006-01-02T15:04:05Z"), Some(Duration::from_secs(1_136_214_245)));
        assert_eq!(t("2006-01-02T15:04:05.500000Z"), Some(Duration::new(1_136_214_245, 500_000_000)));
        assert_eq!(t("2024-02-29T12:00:00+00:00"), Some(Duration::from_secs(1_709_208_000)));
        assert_eq!(t("2024-02-29 12:00:00"), None);
        assert_eq!(t("2024-13-01T00:00:00Z"), None);
    }

    #[test]
    fn security_key_shape() {
        let body = r#"{"credential":{"access":"TMPAK","secret":"TMPSK","securitytoken":"TOKEN","expires_at":"2030-01-01T00:00:00.000000Z"}}"#;
        let c = parse_security_key(body, Some("p"), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.credentials.access_key(), Some("TMPAK"));
        assert!(c.credentials.is_temporary());
        assert_eq!(c.credentials.project_id(), Some("p"));
        let err = parse_security_key(r#"{"credential":{"access":"A","secret":"TOPSECRET"}}"#, None, None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("no `securitytoken`") && !err.contains("TOPSECRET"), "{err}");
        assert!(parse_security_key("<html>", None, None).is_err());
    }

    #[test]
    fn endpoint_must_be_local() {
        for ok in ["http://169.254.169.254", "http://127.0.0.1:8080/", "http://localhost:1"] {
            assert!(MetadataProvider::new(ok, DEFAULT_REFRESH_AHEAD, None, None, None).is_ok(), "{ok}");
        }
        for bad in ["https://169.254.169.254", "http://example.com", "http://10.0.0.1"] {
            assert!(MetadataProvider::new(bad, DEFAULT_REFRESH_AHEAD, None, None, None).is_err(), "{bad}");
        }
    }
}
