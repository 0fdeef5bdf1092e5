//! The IAM token of one client: obtained at the first call, cached, fetched again ahead of expiry
//! or after a 401, one request at a time however many calls wait for it.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderValue, CONTENT_TYPE};
use tokio::sync::Mutex;

use super::catalog;
use super::login::{Hidden, Method, OtcLogin, Ref, TokenScope};
use super::token::{self, IssuedToken, HEADER_SUBJECT_TOKEN};
use crate::credentials::Auth;
use crate::endpoint::Endpoint;
use crate::error::chain_message;
use crate::{Credentials, Error};

/// A token login of one client.
pub(crate) struct OtcSession {
    login: OtcLogin,
    token_url: String,
    iam: Endpoint,
    http: reqwest::Client,
    refresh_ahead: Duration,
    /// Service and region whose endpoint comes from the token's catalog, when nothing else
    /// gave one.
    catalog_target: Option<(String, Option<String>)>,
    /// The first catalog endpoint found, for `Client::endpoint`.
    catalog_seen: OnceLock<Endpoint>,
    token: Mutex<Option<Arc<IssuedToken>>>,
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
    /// A session for a password or token login; `http` is the client's transport settings
    /// (proxy, CAs, timeouts).
    pub(crate) fn new(login: OtcLogin, http: reqwest::Client, refresh_ahead: Duration) -> Result<Self, Error> {
        Ok(OtcSession {
            token_url: login.token_url()?,
            iam: login.iam_endpoint()?,
            login,
            http,
            refresh_ahead,
            catalog_target: None,
            catalog_seen: OnceLock::new(),
            token: Mutex::new(None),
        })
    }

    /// The IAM endpoint (scheme, host, port of `auth_url`).
    pub(crate) fn iam_endpoint(&self) -> &Endpoint {
        &self.iam
    }

    /// Takes the endpoint of `service` from the token's catalog at each call, since no other
    /// source gave one (`why`). Returns the stand-in endpoint and source shown until then.
    pub(crate) fn endpoint_from_catalog(
        &mut self,
        service: &str,
        region: Option<String>,
        why: &Error,
    ) -> (Endpoint, String) {
        tracing::debug!(service, reason = %why, "no configured endpoint; using the IAM token's catalog");
        let source = format!(
            "token catalog of {} (public endpoint of `{service}` in {})",
            self.login.auth_url(),
            region.as_deref().unwrap_or("any region")
        );
        self.catalog_target = Some((service.to_owned(), region));
        (self.iam.clone(), source)
    }

    /// The catalog endpoint, when the endpoint comes from the catalog (`None` otherwise).
    pub(crate) async fn catalog_endpoint(&self) -> Result<Option<Endpoint>, Error> {
        let Some((service, region)) = &self.catalog_target else { return Ok(None) };
        let token = self.token().await?;
        let endpoint = catalog::find(&token.catalog, service, region.as_deref())?;
        let _ = self.catalog_seen.set(endpoint.clone());
        Ok(Some(endpoint))
    }

    /// The first catalog endpoint used, if any.
    pub(crate) fn catalog_endpoint_seen(&self) -> Option<&Endpoint> {
        self.catalog_seen.get()
    }

    /// Credentials of the current token: the token, with the project and domain ids of its
    /// scope.
    pub(crate) async fn credentials(&self) -> Result<Credentials, Error> {
        let token = self.token().await?;
        let mut c = Credentials::token(&token.value.0);
        if let Some(p) = &token.project_id {
            c = c.with_project_id(p);
        }
        if let Some(d) = &token.domain_id {
            c = c.with_domain_id(d);
        }
        Ok(c)
    }

    /// Forgets the cached token if it is the one in `used` (a service refused it), so that the
    /// next call gets a new one; a token another call already replaced is left alone.
    pub(crate) async fn invalidate(&self, used: &Credentials) {
        let Auth::Token(used) = &used.auth else { return };
        let mut cached = self.token.lock().await;
        if cached.as_ref().is_some_and(|t| t.value.0 == used.expose()) {
            *cached = None;
        }
    }

    /// The cached token while it is valid for longer than the refresh margin, else a new one
    /// (the cached one is kept, with a warning, when IAM fails before it expires).
    async fn token(&self) -> Result<Arc<IssuedToken>, Error> {
        let mut cached = self.token.lock().await;
        let now = SystemTime::now();
        if let Some(t) = cached.as_ref().filter(|t| t.expires_at > now + self.refresh_ahead) {
            return Ok(t.clone());
        }
        match self.issue().await {
            Ok(fresh) => {
                let fresh = Arc::new(fresh);
                *cached = Some(fresh.clone());
                Ok(fresh)
            }
            Err(e) => match cached.as_ref().filter(|t| t.expires_at > now) {
                Some(t) => {
                    tracing::warn!(error = %e, "could not renew the IAM token; using the current one until it expires");
                    Ok(t.clone())
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

    async fn post(&self, what: &str, body: serde_json::Value, auth: Option<&Hidden>) -> Result<IssuedToken, Error> {
        let url = &self.token_url;
        let fail = |why: String| token::error(what, url, why);
        let bytes = serde_json::to_vec(&body).map_err(|e| fail(e.to_string()))?;
        let mut request =
            self.http.post(url).header(CONTENT_TYPE, HeaderValue::from_static("application/json")).body(bytes);
        if let Some(t) = auth {
            let mut v = HeaderValue::from_str(&t.0).map_err(|_| fail("the token cannot be sent in a header".into()))?;
            v.set_sensitive(true);
            request = request.header("X-Auth-Token", v);
        }
        let response = request.send().await.map_err(|e| fail(chain_message(&e)))?;
        let status = response.status().as_u16();
        let subject = response.headers().get(HEADER_SUBJECT_TOKEN).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = response.bytes().await.map_err(|e| fail(chain_message(&e)))?;
        if !(200..300).contains(&status) {
            return Err(fail(format!("HTTP {status}: {}", token::refusal_reason(&body))));
        }
        let issued = token::parse_answer(subject.as_deref(), &body).map_err(fail)?;
        tracing::info!(method = what, origin = %self.login.origin, "IAM token obtained");
        Ok(issued)
    }

    /// For `Debug` of the client: kind, origin and IAM endpoint, no secret.
    pub(crate) fn describe(&self) -> String {
        format!("Open Telekom Cloud {} login ({}) at {}", self.login.kind(), self.login.origin, self.login.auth_url())
    }
}
