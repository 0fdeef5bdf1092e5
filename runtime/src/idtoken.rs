//! Temporary AK/SK from an OpenID Connect ID token (workload identity: a Kubernetes service
//! account token, a CI job's OIDC token), as the official SDKs do with
//! `HUAWEICLOUD_SDK_IDP_ID` and `HUAWEICLOUD_SDK_ID_TOKEN_FILE`:
//!
//! 1. the token file is read afresh (the platform rotates it);
//! 2. IAM's "Obtaining a Token with an OpenID Connect ID Token": `POST
//!    /v3.0/OS-AUTH/id-token/tokens` with `X-Idp-Id` and `{"auth": {"id_token": {"id": ..}}}`;
//!    the federated token comes back in `X-Subject-Token`;
//! 3. IAM's "Obtaining a Temporary Access Key and Security Token Through a Token": `POST
//!    /v3.0/OS-CREDENTIAL/securitytokens` with that token; the answer is
//!    `{"credential": {"access", "secret", "securitytoken", "expires_at"}}`.
//!
//! The keys are cached and exchanged again ahead of expiry.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use tokio::sync::Mutex;

use crate::metadata::parse_temporary_key;
use crate::transport::{BoxFuture, HttpRequest, Transport};
use crate::{Credentials, Error, ProvideCredentials};

/// Environment variable holding the identity provider id (official).
pub const ENV_IDP_ID: &str = "HUAWEICLOUD_SDK_IDP_ID";
/// Environment variable naming the file holding the OIDC ID token (official).
pub const ENV_ID_TOKEN_FILE: &str = "HUAWEICLOUD_SDK_ID_TOKEN_FILE";
/// IAM path exchanging an ID token for a federated token.
pub const ID_TOKEN_PATH: &str = "/v3.0/OS-AUTH/id-token/tokens";
/// IAM path exchanging a token for temporary AK/SK.
pub const SECURITY_TOKENS_PATH: &str = "/v3.0/OS-CREDENTIAL/securitytokens";
/// Lifetime asked for the temporary keys, as the official SDKs do.
const DURATION_SECONDS: u64 = 21_600;
const TIMEOUT: Duration = Duration::from_secs(10);

/// What the configuration says about an ID-token source.
#[derive(Debug, Clone)]
pub(crate) struct IdTokenSource {
    pub(crate) idp_id: String,
    pub(crate) token_file: PathBuf,
    pub(crate) project_id: Option<String>,
    pub(crate) domain_id: Option<String>,
}

/// The ID-token source of one client: exchanges through `iam` with the client's transport.
pub(crate) struct IdTokenProvider {
    source: IdTokenSource,
    iam: String,
    transport: Arc<dyn Transport>,
    refresh_ahead: Duration,
    cached: Mutex<Option<Credentials>>,
}

impl std::fmt::Debug for IdTokenProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "OIDC ID token {} (identity provider {}) via IAM {}",
            self.source.token_file.display(),
            self.source.idp_id,
            self.iam
        )
    }
}

impl IdTokenProvider {
    pub(crate) fn new(
        source: IdTokenSource,
        iam: &str,
        transport: Arc<dyn Transport>,
        refresh_ahead: Duration,
    ) -> Self {
        let iam = iam.trim_end_matches('/').to_owned();
        IdTokenProvider { source, iam, transport, refresh_ahead, cached: Mutex::new(None) }
    }

    async fn credentials(&self) -> Result<Credentials, Error> {
        let mut cached = self.cached.lock().await;
        let now = SystemTime::now();
        if let Some(c) = cached.as_ref() {
            if c.expires_at.is_some_and(|at| at > now + self.refresh_ahead) {
                return Ok(c.clone());
            }
        }
        let fresh = self.exchange().await?;
        tracing::debug!(iam = %self.iam, "temporary credentials obtained with the OIDC ID token");
        *cached = Some(fresh.clone());
        Ok(fresh)
    }

    async fn exchange(&self) -> Result<Credentials, Error> {
        let file = &self.source.token_file;
        let id_token = std::fs::read_to_string(file)
            .map_err(|e| Error::Credentials(format!("cannot read the ID token file {}: {e}", file.display())))?;
        let id_token = id_token.trim();
        if id_token.is_empty() {
            return Err(Error::Credentials(format!("the ID token file {} is empty", file.display())));
        }
        let body = serde_json::json!({"auth": {"id_token": {"id": id_token}}});
        let answer = self.post(ID_TOKEN_PATH, &body, ("X-Idp-Id", &self.source.idp_id, false)).await?;
        let subject = answer
            .headers
            .get("X-Subject-Token")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                Error::Credentials(format!("IAM {}{ID_TOKEN_PATH} answered without X-Subject-Token", self.iam))
            })?
            .to_owned();
        let body = serde_json::json!({"auth": {"identity": {
            "methods": ["token"],
            "token": {"id": subject, "duration_seconds": DURATION_SECONDS},
        }}});
        let answer = self.post(SECURITY_TOKENS_PATH, &body, ("X-Auth-Token", &subject, true)).await?;
        let text = String::from_utf8_lossy(&answer.body);
        let what = format!("the temporary key from IAM {}{SECURITY_TOKENS_PATH}", self.iam);
        let key =
            parse_temporary_key(&what, &text, self.source.project_id.as_deref(), self.source.domain_id.as_deref())?;
        Ok(key.credentials)
    }

    /// One JSON POST to IAM with one extra header; a status other than 200 or 201 is an error
    /// naming the path and the service's error code (never a token).
    async fn post(
        &self,
        path: &str,
        body: &serde_json::Value,
        header: (&'static str, &str, bool),
    ) -> Result<crate::transport::HttpResponse, Error> {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json;charset=utf8"));
        let mut value = HeaderValue::from_str(header.1)
            .map_err(|_| Error::Credentials(format!("the {} value cannot be sent in a header", header.0)))?;
        value.set_sensitive(header.2);
        headers.insert(header.0, value);
        let request = HttpRequest {
            operation: if path == ID_TOKEN_PATH { "CreateTokenWithIdToken" } else { "CreateTemporaryAccessKeyByToken" },
            method: Method::POST,
            url: format!("{}{path}", self.iam),
            headers,
            body: Some(body.to_string().into_bytes()),
            timeout: TIMEOUT,
        };
        let answer = self
            .transport
            .send(request)
            .await
            .map_err(|e| Error::Credentials(format!("IAM {}{path} could not be reached: {e}", self.iam)))?;
        if answer.status != 200 && answer.status != 201 {
            let err = crate::ServiceError::from_parts("IAM", answer.status, None, &answer.body);
            return Err(Error::Credentials(format!("IAM {}{path} refused the exchange: {err}", self.iam)));
        }
        Ok(answer)
    }
}

impl ProvideCredentials for IdTokenProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(self.credentials())
    }

    fn invalidate(&self) {
        if let Ok(mut c) = self.cached.try_lock() {
            *c = None;
        }
    }
}
