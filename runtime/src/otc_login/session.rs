//! The IAM token of one client, served as its [`ProvideCredentials`]: obtained at the first
//! call, cached, fetched again ahead of expiry or after the service refused it
//! ([`ProvideCredentials::invalidate`]), one IAM request at a time however many calls wait for it.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::Method as HttpMethod;

use super::catalog;
use super::identity::{Hidden, Method, Ref, TokenScope};
use super::login::OtcLogin;
use super::token::{self, IssuedToken, HEADER_SUBJECT_TOKEN};
use crate::endpoint::Endpoint;
use crate::transport::{BoxFuture, HttpRequest, Transport};
use crate::{Credentials, Error, ProvideCredentials};

/// A token login of one client.
pub(crate) struct OtcSession {
    login: OtcLogin,
    token_url: String,
    /// The client's transport (proxy, CAs, or the user's own).
    transport: Arc<dyn Transport>,
    refresh_ahead: Duration,
    timeout: Duration,
    /// Service and region whose endpoint comes from the token's catalog, when nothing else
    /// gave one.
    catalog_target: Option<(String, Option<String>)>,
    /// The first catalog endpoint found, for `Client::endpoint`.
    catalog_seen: OnceLock<Endpoint>,
    /// The current token: read without waiting, dropped by `invalidate` (which cannot wait).
    token: Mutex<Option<Arc<IssuedToken>>>,
    /// Held while a token is requested, so that concurrent calls share one IAM request.
    issuing: tokio::sync::Mutex<()>,
}

impl OtcLogin {
    /// AK/SK logins sign requests with static credentials: those, with the project or domain id
    /// when configured and the IAM endpoint of `auth_url` for id look-ups. `None` for token
    /// logins.
    pub(crate) fn static_credentials(&self) -> Result<Option<Credentials>, Error> {
        let Method::AkSk { ak, sk, security_token } = &self.method else { return Ok(None) };
        let iam = self.iam_endpoint()?;
        let mut c = Credentials::ak_sk(ak, &sk.0).with_iam_endpoint(iam.url.as_str().trim_end_matches('/'));
        if let Some(t) = security_token {
            c = c.with_security_token(&t.0);
        }
        match &self.scope {
            TokenScope::Project { project: Ref::Id(id), .. } => c = c.with_project_id(id),
            TokenScope::Domain(Ref::Id(id)) => c = c.with_domain_id(id),
            // The runtime looks the project up by the region's name (the default project).
            TokenScope::Project { project: Ref::Name(name), .. } if Some(name.as_str()) != self.region.as_deref() => {
                return Err(Error::Credentials(format!(
                    "Open Telekom Cloud AK/SK login ({}): project `{name}` is given by name; give its id (OS_PROJECT_ID, `project_id`), only the region's own project is found by name",
                    self.origin
                )))
            }
            _ => {}
        }
        Ok(Some(c))
    }
}

impl OtcSession {
    /// A session for a password or token login, asking IAM through `transport`.
    pub(crate) fn new(
        login: OtcLogin,
        transport: Arc<dyn Transport>,
        refresh_ahead: Duration,
        timeout: Duration,
    ) -> Result<Self, Error> {
        Ok(OtcSession {
            token_url: login.token_url()?,
            login,
            transport,
            refresh_ahead,
            timeout,
            catalog_target: None,
            catalog_seen: OnceLock::new(),
            token: Mutex::new(None),
            issuing: tokio::sync::Mutex::new(()),
        })
    }

    /// Takes the endpoint of `service` in `region` from the token's catalog at each call, since
    /// no other source gave one.
    pub(crate) fn use_catalog(&mut self, service: &str, region: Option<String>) {
        self.catalog_target = Some((service.to_owned(), region));
    }

    /// The catalog endpoint, when the endpoint comes from the catalog (`None` otherwise).
    pub(crate) async fn catalog_endpoint(&self) -> Result<Option<Endpoint>, Error> {
        let Some((service, region)) = &self.catalog_target else { return Ok(None) };
        // The token the call's credentials came from (asking again could renew it).
        let token = match self.cached() {
            Some(t) => t,
            None => self.token().await?,
        };
        let endpoint = catalog::find(&token.catalog, service, region.as_deref())?;
        let _ = self.catalog_seen.set(endpoint.clone());
        Ok(Some(endpoint))
    }

    /// The first catalog endpoint used, if any.
    pub(crate) fn catalog_endpoint_seen(&self) -> Option<&Endpoint> {
        self.catalog_seen.get()
    }

    /// Credentials of the current token: the token, with the project and domain ids of its
    /// scope and its expiry (so that the client asks again when it passes mid-call).
    async fn credentials(&self) -> Result<Credentials, Error> {
        let token = self.token().await?;
        let mut c = Credentials::token(&token.value.0).with_expiry(token.expires_at);
        if let Some(p) = &token.project_id {
            c = c.with_project_id(p);
        }
        if let Some(d) = &token.domain_id {
            c = c.with_domain_id(d);
        }
        Ok(c)
    }

    fn slot(&self) -> MutexGuard<'_, Option<Arc<IssuedToken>>> {
        self.token.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn cached(&self) -> Option<Arc<IssuedToken>> {
        self.slot().clone()
    }

    /// The cached token if it is valid for longer than the refresh margin.
    fn fresh(&self) -> Option<Arc<IssuedToken>> {
        let due = SystemTime::now() + self.refresh_ahead;
        self.cached().filter(|t| t.expires_at > due)
    }

    /// The cached token while it is valid for longer than the refresh margin, else a new one
    /// (the cached one is kept, with a warning, when IAM fails before it expires).
    async fn token(&self) -> Result<Arc<IssuedToken>, Error> {
        if let Some(t) = self.fresh() {
            return Ok(t);
        }
        let _issuing = self.issuing.lock().await;
        // Another call may have obtained one while this one waited.
        if let Some(t) = self.fresh() {
            return Ok(t);
        }
        match self.issue().await {
            Ok(fresh) => {
                let fresh = Arc::new(fresh);
                *self.slot() = Some(fresh.clone());
                Ok(fresh)
            }
            Err(e) => match self.cached().filter(|t| t.expires_at > SystemTime::now()) {
                Some(t) => {
                    tracing::warn!(error = %e, "could not renew the IAM token; using the current one until it expires");
                    Ok(t)
                }
                None => Err(e),
            },
        }
    }

    /// A new token: the login's, then the agency's when one is configured.
    async fn issue(&self) -> Result<IssuedToken, Error> {
        let what = self.login.kind();
        let body = token::login_body(&self.login.method, &self.login.token_scope())
            .ok_or_else(|| token::error(what, &self.token_url, "AK/SK logins have no token"))?;
        let user = self.post(what, body, None).await?;
        let Some(agency) = &self.login.agency else { return Ok(user) };
        let body = token::assume_role_body(agency, &self.login.agency_scope(agency));
        self.post("assume_role", body, Some(&user.value)).await
    }

    async fn post(
        &self,
        what: &'static str,
        body: serde_json::Value,
        auth: Option<&Hidden>,
    ) -> Result<IssuedToken, Error> {
        let url = &self.token_url;
        let fail = |why: String| token::error(what, url, why);
        let bytes = serde_json::to_vec(&body).map_err(|e| fail(e.to_string()))?;
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if let Some(t) = auth {
            let mut v = HeaderValue::from_str(&t.0).map_err(|_| fail("the token cannot be sent in a header".into()))?;
            v.set_sensitive(true);
            headers.insert("X-Auth-Token", v);
        }
        let request = HttpRequest {
            operation: if auth.is_some() { "KeystoneCreateAgencyToken" } else { "KeystoneCreateUserToken" },
            method: HttpMethod::POST,
            url: url.clone(),
            headers,
            body: Some(bytes),
            timeout: self.timeout,
        };
        let answer = self.transport.send(request).await.map_err(|e| fail(e.to_string()))?;
        if !(200..300).contains(&answer.status) {
            return Err(fail(format!("HTTP {}: {}", answer.status, token::refusal_reason(&answer.body))));
        }
        let subject = answer.headers.get(HEADER_SUBJECT_TOKEN).and_then(|v| v.to_str().ok());
        let issued = token::parse_answer(subject, &answer.body).map_err(fail)?;
        tracing::info!(method = what, origin = %self.login.origin, "IAM token obtained");
        Ok(issued)
    }

    /// For `Debug` of the client: kind, origin and IAM endpoint, no secret.
    pub(crate) fn describe(&self) -> String {
        format!("Open Telekom Cloud {} login ({}) at {}", self.login.kind(), self.login.origin, self.login.auth_url())
    }
}

impl fmt::Debug for OtcSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// The client's credentials provider for a token login; `invalidate` drops the cached token so
/// that the next call obtains a new one.
impl ProvideCredentials for OtcSession {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        Box::pin(self.credentials())
    }

    fn invalidate(&self) {
        *self.slot() = None;
    }
}
