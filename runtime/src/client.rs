//! The client: resolves the endpoint and credentials, fills project and domain ids, signs and sends
//! requests with retries, interceptors and tracing.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use tracing::{field, Instrument, Span};

use crate::answers::{self, ClockOffset};
use crate::config::{redact_url, CredentialSource, RootStore};
use crate::credentials::{Auth, ENV_IAM_ENDPOINT};
use crate::encode::encode_query;
use crate::endpoint::{Endpoint, EndpointQuery, Lookup};
use crate::env::Env;
use crate::error::chain_message;
use crate::iam;
use crate::idtoken::{IdTokenProvider, IdTokenSource};
use crate::interceptor::{AttemptContext, AttemptOutcome, Interceptor, SignedRequest};
use crate::metadata::{MetadataProvider, DEFAULT_METADATA_ENDPOINT, ENV_METADATA_ENDPOINT};
use crate::options::CallOptions;
use crate::otc_login::{OtcLogin, OtcSession};
use crate::provider::{expired, same_secret};
use crate::request::{check_header, Prepared};
use crate::response::HEADER_REQUEST_ID;
use crate::retry::{parse_retry_after, AttemptResult, RetryClassifier, RetryContext, RetryDecision, RetryPolicy};
use crate::service::{Cloud, Scope, ServiceDescriptor};
use crate::signer::{self, format_sdk_date, SigningRequest, HEADER_SDK_DATE};
use crate::transport::{DispatchFailure, HttpRequest, HttpResponse, ReqwestTransport, Transport, TransportError};
use crate::{Config, Credentials, Error, Method, ProvideCredentials, Request, Response};

/// `User-Agent` sent with every request (not signed).
pub const USER_AGENT: &str = concat!("hwcloud-runtime-rust/", env!("CARGO_PKG_VERSION"));

/// A client for one service. Cheap to clone; clones share the connection pool, the credential
/// cache and the looked-up ids.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    options: CallOptions,
}

/// The credential chain's answer for one service, before the client's provider is built.
enum Resolved {
    Static(Credentials),
    Metadata(MetadataProvider),
    IdToken(IdTokenSource),
    /// An Open Telekom Cloud token login (AK/SK logins are `Static`).
    Otc(OtcLogin),
    Provider(Arc<dyn ProvideCredentials>),
}

enum Sender {
    Transport(Arc<dyn Transport>),
    #[cfg(feature = "test-util")]
    Mock(Arc<crate::mock::MockTransport>),
}

struct Inner {
    service: ServiceDescriptor,
    cloud: Cloud,
    region: Option<String>,
    transport: Sender,
    endpoint: Endpoint,
    endpoint_source: String,
    credentials: Arc<dyn ProvideCredentials>,
    /// The token login whose catalog gives the endpoint, when nothing else gave one.
    catalog: Option<Arc<OtcSession>>,
    classifier: Arc<dyn RetryClassifier>,
    clock: ClockOffset,
    iam_endpoint: String,
    retry: RetryPolicy,
    connect_timeout: Duration,
    timeout: Duration,
    operation_timeout: Option<Duration>,
    interceptors: Vec<Arc<dyn Interceptor>>,
}

impl Client {
    /// A client for `service`, the endpoint service name (e.g. `"modelarts"`), as a
    /// project-scoped Huawei Cloud service reached by the cloud's endpoint rule. The runtime knows
    /// no service's exceptions: a generated crate's client (its `DESCRIPTOR`) carries them.
    ///
    /// Fails with [`Error::Config`] when no endpoint can be resolved or the endpoint is refused
    /// (plain `http` to a non-loopback host), and with [`Error::Credentials`] when the
    /// credentials are unusable.
    pub fn new(service: &'static str, config: Config) -> Result<Self, Error> {
        Self::for_service(&ServiceDescriptor::new(service, Cloud::HuaweiCloud), config)
    }

    /// A client for the service a generated crate describes (cloud, scope, region table).
    pub fn for_service(service: &ServiceDescriptor, config: Config) -> Result<Self, Error> {
        let service = *service;
        let cloud = config.cloud.unwrap_or(service.cloud);
        let found = Endpoint::lookup(&EndpointQuery {
            service: &service,
            cloud,
            region: config.region.as_deref(),
            endpoint: config.endpoint.as_deref(),
            region_endpoints: &config.region_endpoints,
            env: &config.env,
        })?;
        let found = match found {
            // Only a token login's catalog can make up for a missing endpoint.
            Lookup::NotFound(why) if !matches!(config.source, CredentialSource::Otc(_)) => return Err(why),
            other => other,
        };
        let resolved = resolve_credentials(&config, service.scope)?;
        // Open Telekom Cloud token login: the token's catalog is the last endpoint source (never
        // in place of a configured endpoint that was refused).
        let (endpoint, endpoint_source, from_catalog) = match (found, &resolved) {
            (Lookup::Found(endpoint, source), _) => (endpoint, source, false),
            (Lookup::NotFound(why), Resolved::Otc(login)) => {
                tracing::debug!(service = service.name, reason = %why, "no configured endpoint; using the IAM token's catalog");
                (login.iam_endpoint()?, catalog_source(login, service.name, config.region.as_deref()), true)
            }
            (Lookup::NotFound(why), _) => return Err(why),
        };
        let static_iam = match &resolved {
            Resolved::Static(c) => {
                check_credentials(c)?;
                c.iam_endpoint.clone()
            }
            Resolved::Otc(login) => Some(login.iam_endpoint()?.url.as_str().to_owned()),
            _ => None,
        };
        let iam_raw = config
            .iam_endpoint
            .clone()
            .or(static_iam)
            .or_else(|| (config.env)(ENV_IAM_ENDPOINT).filter(|v| !v.trim().is_empty()))
            .unwrap_or_else(|| cloud.iam_endpoint(config.region.as_deref()));
        let iam_endpoint = Endpoint::parse(&iam_raw).map_err(|e| Error::Config(format!("IAM endpoint: {e}")))?;
        let iam_url = iam_endpoint.url.as_str().trim_end_matches('/').to_owned();

        // Built only when something sends through it (not for a mock-only client).
        let transport = || -> Result<Arc<dyn Transport>, Error> {
            match &config.transport {
                Some(t) => Ok(t.clone()),
                None => Ok(Arc::new(ReqwestTransport::new(http_client(&config, &endpoint)?))),
            }
        };
        let mut catalog = None;
        let credentials: Arc<dyn ProvideCredentials> = match resolved {
            Resolved::Static(c) => Arc::new(c),
            Resolved::Metadata(m) => Arc::new(m),
            Resolved::IdToken(source) => {
                Arc::new(IdTokenProvider::new(source, &iam_url, transport()?, config.refresh_ahead))
            }
            Resolved::Otc(login) => {
                let mut session = OtcSession::new(login, transport()?, config.refresh_ahead, config.timeout)?;
                if from_catalog {
                    session.use_catalog(service.name, config.region.clone());
                }
                let session = Arc::new(session);
                catalog = from_catalog.then(|| session.clone());
                session
            }
            Resolved::Provider(p) => p,
        };
        #[cfg(feature = "test-util")]
        let transport = match &config.mock {
            Some(mock) => Sender::Mock(mock.clone()),
            None => Sender::Transport(transport()?),
        };
        #[cfg(not(feature = "test-util"))]
        let transport = Sender::Transport(transport()?);

        let retry = RetryPolicy {
            max_attempts: config.max_attempts.max(1),
            base_delay: config.retry_base_delay,
            max_delay: config.max_retry_delay,
        };
        tracing::debug!(service = service.name, endpoint = %endpoint.url, source = %endpoint_source, "endpoint resolved");
        Ok(Client {
            inner: Arc::new(Inner {
                service,
                cloud,
                region: config.region.clone(),
                transport,
                endpoint,
                endpoint_source,
                credentials,
                catalog,
                classifier: config.retry_classifier.clone(),
                clock: ClockOffset::default(),
                iam_endpoint: iam_url,
                retry,
                connect_timeout: config.connect_timeout,
                timeout: config.timeout,
                operation_timeout: config.operation_timeout,
                interceptors: config.interceptors.clone(),
            }),
            options: config.defaults.clone(),
        })
    }

    /// A handle on the same client (same connection pool and caches) whose calls use `options`
    /// over the configured values.
    pub fn with_options(&self, options: CallOptions) -> Client {
        Client { inner: self.inner.clone(), options: self.options.merged(&options) }
    }

    /// The endpoint service name.
    pub fn service(&self) -> &'static str {
        self.inner.service.name
    }

    /// The cloud whose rules apply.
    pub fn cloud(&self) -> Cloud {
        self.inner.cloud
    }

    /// The resolved endpoint, e.g. `https://modelarts.cn-north-4.myhuaweicloud.com/`. An
    /// endpoint from an IAM token's catalog is known from the first call on (the IAM endpoint
    /// until then).
    pub fn endpoint(&self) -> &str {
        let seen = self.inner.catalog.as_ref().and_then(|s| s.catalog_endpoint_seen());
        seen.unwrap_or(&self.inner.endpoint).url.as_str()
    }

    /// Where the endpoint came from, e.g. `HUAWEICLOUD_SDK_REGION_MODELARTS_CN_NORTH_4` or
    /// `Huawei Cloud endpoint rule`.
    pub fn endpoint_source(&self) -> &str {
        &self.inner.endpoint_source
    }

    /// The IAM endpoint used for project and domain id look-ups.
    pub fn iam_endpoint(&self) -> &str {
        &self.inner.iam_endpoint
    }

    /// Sends `request`, retrying as described in the [`retry`](crate#retries) rules, and returns
    /// the final response whatever its status code. Errors are only those where no usable
    /// response exists: invalid request, credentials or id look-up failure, transport failure,
    /// timeout.
    pub async fn execute(&self, request: Request) -> Result<Response, Error> {
        let options = self.options.merged(&request.options);
        let operation = request.operation;
        let span = tracing::info_span!(
            "hwcloud.call",
            service = self.inner.service.name,
            operation = request.operation,
            method = %request.method,
            status = field::Empty,
            attempt = field::Empty,
            request_id = field::Empty,
        );
        let deadline = options.operation_timeout.or(self.inner.operation_timeout);
        let run = self.run(request, &options).instrument(span);
        match deadline {
            Some(after) => tokio::time::timeout(after, run).await.map_err(|_| Error::Timeout {
                operation,
                kind: "operation",
                after,
            })?,
            None => run.await,
        }
    }

    async fn run(&self, mut request: Request, options: &CallOptions) -> Result<Response, Error> {
        for (name, value) in &options.headers {
            request = request.header(name, value);
        }
        let mut credentials = self.current_credentials().await?;
        let scope = self.inner.service.scope;
        if request.needs("project_id") && credentials.project_id.is_none() {
            let project_id = self.project_id(&credentials).await?;
            credentials.project_id = Some(project_id);
        }
        let wants_domain = request.needs("domain_id") || (scope == Scope::Global && !request.needs("project_id"));
        if wants_domain && credentials.domain_id.is_none() && matches!(credentials.auth, Auth::AkSk { .. }) {
            let domain_id = self.domain_id(&credentials).await?;
            credentials.domain_id = Some(domain_id);
        }
        let prepared = request.prepare(&credentials, scope)?;
        let catalog = match &self.inner.catalog {
            Some(session) => session.catalog_endpoint().await?,
            None => None,
        };
        let endpoint = catalog.as_ref().unwrap_or(&self.inner.endpoint);
        self.send(endpoint, prepared, credentials, true, options).await
    }

    async fn current_credentials(&self) -> Result<Credentials, Error> {
        let c = self.inner.credentials.provide_credentials().await?;
        check_credentials(&c)?;
        Ok(c)
    }

    /// Fresh credentials from the provider, keeping the project and domain ids of the call.
    async fn renewed(&self, old: &Credentials) -> Result<Credentials, Error> {
        tracing::info!("credentials expired; asking the provider again");
        let mut fresh = self.current_credentials().await?;
        if expired(&fresh, SystemTime::now()) {
            return Err(Error::Credentials(
                "the credentials provider returned credentials that have already expired".to_owned(),
            ));
        }
        fresh.project_id = fresh.project_id.or_else(|| old.project_id.clone());
        fresh.domain_id = fresh.domain_id.or_else(|| old.domain_id.clone());
        Ok(fresh)
    }

    /// The project id of the client's region, looked up through IAM once per access key (account
    /// for token logins), region and IAM endpoint.
    async fn project_id(&self, credentials: &Credentials) -> Result<String, Error> {
        let inner = &*self.inner;
        let Some(region) = inner.region.clone() else {
            return Err(Error::Credentials(
                "no project id: set HUAWEICLOUD_SDK_PROJECT_ID or Credentials::with_project_id, or a region so that it can be looked up through IAM"
                    .to_owned(),
            ));
        };
        // Token logins have no access key: their account (domain) keeps their look-ups apart.
        let ak = credentials.access_key().or(credentials.domain_id()).unwrap_or_default().to_owned();
        let key = format!("project\n{ak}\n{region}\n{}", inner.iam_endpoint);
        iam::cached(key, async {
            tracing::info!(region = %region, iam = %inner.iam_endpoint, "project id not configured; looking it up through IAM");
            let request = Request::new(Method::GET, iam::PROJECTS_PATH, "KeystoneListProjects").query("name", &region);
            let response = self.iam_call(request, credentials).await?;
            let id = iam::project_id_from(response.body(), &region, &inner.iam_endpoint)?;
            tracing::info!(region = %region, project_id = %id, "project id obtained from IAM");
            Ok(id)
        })
        .await
    }

    /// The account's domain id, looked up through IAM once per access key and IAM endpoint.
    async fn domain_id(&self, credentials: &Credentials) -> Result<String, Error> {
        let inner = &*self.inner;
        let ak = credentials.access_key().unwrap_or_default().to_owned();
        let key = format!("domain\n{ak}\n{}", inner.iam_endpoint);
        iam::cached(key, async {
            tracing::info!(iam = %inner.iam_endpoint, "domain id not configured; looking it up through IAM");
            let response = self
                .iam_call(Request::new(Method::GET, iam::DOMAINS_PATH, "KeystoneListAuthDomains"), credentials)
                .await?;
            iam::domain_id_from(response.body(), &inner.iam_endpoint)
        })
        .await
    }

    async fn iam_call(&self, request: Request, credentials: &Credentials) -> Result<Response, Error> {
        let mut bare = credentials.clone();
        bare.project_id = None;
        bare.domain_id = None;
        let iam = Endpoint::parse(&self.inner.iam_endpoint)?;
        let operation = request.operation;
        let prepared = request.prepare(&bare, Scope::Global)?;
        let response = self.send(&iam, prepared, bare, false, &self.options).await?;
        if response.status() != 200 {
            let status = response.status();
            let err = response.into_error();
            return Err(Error::Credentials(format!(
                "{operation} at IAM {} failed (HTTP {status}): {err}",
                self.inner.iam_endpoint
            )));
        }
        Ok(response)
    }

    /// Sends a prepared request to `endpoint` with retries; with `refresh`, credentials that
    /// expire during the call are asked again from the provider before the next attempt.
    async fn send(
        &self,
        endpoint: &Endpoint,
        prepared: Prepared,
        mut credentials: Credentials,
        refresh: bool,
        options: &CallOptions,
    ) -> Result<Response, Error> {
        let inner = &*self.inner;
        let operation = prepared.operation;
        let mut url = endpoint.url.clone();
        url.set_path(&prepared.encoded_path);
        let query = encode_query(&prepared.query);
        url.set_query(if query.is_empty() { None } else { Some(&query) });
        if url.path() != prepared.encoded_path || url.query().unwrap_or("") != query {
            // The URL parser would rewrite what was signed (it resolves `%2E%2E` segments):
            // refuse rather than send a request to another path.
            return Err(Error::InvalidRequest(format!(
                "{operation}: the path `{}` cannot be sent unchanged (a path parameter of `.` or `..`?)",
                prepared.encoded_path
            )));
        }
        let retry = RetryPolicy {
            max_attempts: options.max_attempts.unwrap_or(inner.retry.max_attempts).max(1),
            base_delay: options.retry_base_delay.unwrap_or(inner.retry.base_delay),
            max_delay: options.max_retry_delay.unwrap_or(inner.retry.max_delay),
        };
        let timeout = options.timeout.unwrap_or(inner.timeout);
        let url_text = url.to_string();

        let mut attempt: u32 = 0;
        // One more try each when the gateway rejected the request time or the credentials as
        // expired: it did nothing, so this is safe for every method.
        let (mut clock_corrected, mut credentials_renewed) = (false, false);
        loop {
            attempt += 1;
            Span::current().record("attempt", attempt);
            let ctx = AttemptContext {
                service: inner.service.name,
                operation,
                method: &prepared.method,
                url: &url_text,
                attempt,
            };
            if refresh && expired(&credentials, SystemTime::now()) {
                credentials = self.renewed(&credentials).await?;
            }
            let mut extra = Vec::new();
            for i in &inner.interceptors {
                i.before_signing(&ctx, &mut extra);
            }
            let (headers, shown) = self.attempt_headers(endpoint, &prepared, &credentials, extra)?;
            for i in &inner.interceptors {
                i.after_signing(
                    &ctx,
                    &SignedRequest { headers: &shown, body_len: prepared.body.as_ref().map_or(0, Vec::len) },
                );
            }
            let started = Instant::now();
            let sent = self.transmit(&prepared, &url_text, endpoint, headers, shown, timeout).await;
            let latency = started.elapsed();
            let HttpResponse { status, headers, body, .. } = match sent {
                Ok(r) => r,
                Err(e) => {
                    let result = AttemptResult::Failed(e.kind());
                    if let Some(delay) = self.retry_delay(&retry, &prepared.method, operation, attempt, result) {
                        let message = e.to_string();
                        notify(&inner.interceptors, &ctx, None, None, latency, Some(message.clone()), true);
                        tracing::warn!(attempt, delay_ms = delay.as_millis() as u64, error = %message, kind = ?e.kind(), "request not completed, retrying");
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    let err = self.transport_error(operation, e, timeout);
                    notify(&inner.interceptors, &ctx, None, None, latency, Some(err.to_string()), false);
                    return Err(err);
                }
            };
            let request_id = headers.get(HEADER_REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let span = Span::current();
            span.record("status", status);
            if let Some(id) = &request_id {
                span.record("request_id", id.as_str());
            }
            if !clock_corrected && answers::is_clock_skew(status, &body) && inner.clock.learn(&headers) {
                clock_corrected = true;
                notify(&inner.interceptors, &ctx, Some(status), request_id.clone(), latency, None, true);
                tracing::warn!(
                    attempt,
                    status,
                    request_id,
                    "the service rejected the request time (clock skew); signing with the service's clock and retrying"
                );
                continue;
            }
            if refresh && !credentials_renewed && answers::is_refused_credentials(status, &body, &credentials) {
                credentials_renewed = true;
                inner.credentials.invalidate();
                let fresh = self.renewed(&credentials).await?;
                if !same_secret(&fresh, &credentials) {
                    credentials = fresh;
                    notify(&inner.interceptors, &ctx, Some(status), request_id.clone(), latency, None, true);
                    tracing::warn!(
                        attempt,
                        status,
                        request_id,
                        "the service rejected the credentials as expired or refused the IAM token; retrying with fresh ones"
                    );
                    continue;
                }
            }
            let result = AttemptResult::Response { status, headers: &headers, body: &body };
            if let Some(delay) = self.retry_delay(&retry, &prepared.method, operation, attempt, result) {
                notify(&inner.interceptors, &ctx, Some(status), request_id.clone(), latency, None, true);
                tracing::warn!(
                    attempt,
                    status,
                    request_id,
                    delay_ms = delay.as_millis() as u64,
                    "retryable status, retrying"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            notify(&inner.interceptors, &ctx, Some(status), request_id.clone(), latency, None, false);
            tracing::debug!(attempt, status, request_id, body_len = body.len(), "response received");
            return Ok(Response::new(operation, status, headers, body));
        }
    }

    /// The wait before another attempt, when the classifier wants one and attempts are left.
    fn retry_delay(
        &self,
        retry: &RetryPolicy,
        method: &Method,
        operation: &'static str,
        attempt: u32,
        result: AttemptResult<'_>,
    ) -> Option<Duration> {
        if attempt >= retry.max_attempts {
            return None;
        }
        let ctx = RetryContext { operation, method, attempt, result };
        match self.inner.classifier.classify(&ctx) {
            RetryDecision::DontRetry => None,
            RetryDecision::Retry => {
                let retry_after = match result {
                    AttemptResult::Response { headers, .. } => {
                        parse_retry_after(headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()))
                    }
                    AttemptResult::Failed(_) => None,
                };
                Some(retry.delay(attempt, retry_after))
            }
            RetryDecision::RetryAfter(wait) => Some(wait.min(retry.max_delay)),
        }
    }

    async fn transmit(
        &self,
        prepared: &Prepared,
        url: &str,
        endpoint: &Endpoint,
        headers: HeaderMap,
        shown: Vec<(String, String)>,
        timeout: Duration,
    ) -> Result<HttpResponse, TransportError> {
        match &self.inner.transport {
            Sender::Transport(transport) => {
                let _ = (shown, endpoint);
                let request = HttpRequest {
                    operation: prepared.operation,
                    method: prepared.method.clone(),
                    url: url.to_owned(),
                    headers,
                    body: prepared.body.clone(),
                    timeout,
                };
                transport.send(request).await
            }
            #[cfg(feature = "test-util")]
            Sender::Mock(mock) => {
                let _ = headers;
                let (status, headers, body) = mock.answer(crate::mock::RecordedRequest {
                    operation: prepared.operation.to_owned(),
                    method: prepared.method.to_string(),
                    host: endpoint.host.clone(),
                    path: prepared.encoded_path.clone(),
                    query: prepared.query.clone(),
                    headers: shown,
                    body: prepared.body.clone().unwrap_or_default(),
                });
                Ok(HttpResponse::new(status, headers, body))
            }
        }
    }

    /// Headers of one attempt: the prepared ones plus the interceptors', `Host`, a fresh
    /// `X-Sdk-Date` and the authentication (signature, or IAM token); also the list as shown to
    /// interceptors and mocks, secrets redacted.
    fn attempt_headers(
        &self,
        endpoint: &Endpoint,
        prepared: &Prepared,
        credentials: &Credentials,
        extra: Vec<(String, String)>,
    ) -> Result<(HeaderMap, Vec<(String, String)>), Error> {
        let operation = prepared.operation;
        let mut list = prepared.headers.clone();
        for (name, value) in extra {
            check_header(&name, &value).map_err(|p| Error::InvalidRequest(format!("{operation}: interceptor: {p}")))?;
            match list.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                Some(slot) => slot.1 = value.trim().to_owned(),
                None => list.push((name, value.trim().to_owned())),
            }
        }
        list.push(("Host".to_owned(), endpoint.host.clone()));
        let mut secret_headers: Vec<(&'static str, String)> = Vec::new();
        match &credentials.auth {
            Auth::AkSk { ak, sk } => {
                list.push((HEADER_SDK_DATE.to_owned(), format_sdk_date(self.inner.clock.now())));
                if let Some(token) = &credentials.security_token {
                    list.push(("X-Security-Token".to_owned(), token.expose().to_owned()));
                }
                let signing = SigningRequest {
                    method: prepared.method.as_str(),
                    encoded_path: &prepared.encoded_path,
                    query: &prepared.query,
                    headers: &list,
                    body: prepared.body.as_deref().unwrap_or_default(),
                };
                let signature = signer::sign(&signing, ak, sk.expose())?;
                secret_headers.push(("Authorization", signature.authorization));
            }
            Auth::Token(token) => secret_headers.push(("X-Auth-Token", token.expose().to_owned())),
        }
        let mut map = HeaderMap::with_capacity(list.len() + secret_headers.len());
        let mut shown = Vec::with_capacity(list.len() + secret_headers.len());
        for (name, value) in &list {
            let sensitive = name.eq_ignore_ascii_case("x-security-token");
            map.insert(header_name(name, operation)?, header_value(name, value, sensitive, operation)?);
            shown.push((name.clone(), if sensitive { "<redacted>".to_owned() } else { value.clone() }));
        }
        for (name, value) in &secret_headers {
            map.insert(header_name(name, operation)?, header_value(name, value, true, operation)?);
            shown.push(((*name).to_owned(), "<redacted>".to_owned()));
        }
        Ok((map, shown))
    }

    fn transport_error(&self, operation: &'static str, e: TransportError, timeout: Duration) -> Error {
        match e.kind() {
            DispatchFailure::ConnectTimeout => {
                Error::Timeout { operation, kind: "connect", after: self.inner.connect_timeout }
            }
            DispatchFailure::Timeout => Error::Timeout { operation, kind: "total", after: timeout },
            DispatchFailure::OutcomeUnknown => {
                Error::OutcomeUnknown { operation, message: e.to_string(), source: e.into_source() }
            }
            _ => Error::Transport { operation, message: e.to_string(), source: e.into_source() },
        }
    }
}

fn notify(
    interceptors: &[Arc<dyn Interceptor>],
    ctx: &AttemptContext<'_>,
    status: Option<u16>,
    request_id: Option<String>,
    latency: Duration,
    error: Option<String>,
    retrying: bool,
) {
    if interceptors.is_empty() {
        return;
    }
    let outcome = AttemptOutcome { status, request_id, latency, error, retrying };
    for i in interceptors {
        i.after_attempt(ctx, &outcome);
    }
}

/// The credentials of the chain's first source that has them for this scope.
fn resolve_credentials(config: &Config, scope: Scope) -> Result<Resolved, Error> {
    let metadata =
        |project_id: Option<String>, domain_id: Option<String>, note: Option<String>| -> Result<Resolved, Error> {
            let env: &Env = &config.env;
            let base = config
                .metadata_endpoint
                .clone()
                .or_else(|| env(ENV_METADATA_ENDPOINT).filter(|v| !v.trim().is_empty()))
                .unwrap_or_else(|| DEFAULT_METADATA_ENDPOINT.to_owned());
            Ok(Resolved::Metadata(MetadataProvider::new(&base, config.refresh_ahead, project_id, domain_id, note)?))
        };
    match &config.source {
        CredentialSource::Explicit(c) | CredentialSource::Environment(c) => Ok(Resolved::Static(c.clone())),
        CredentialSource::IdToken(source) => Ok(Resolved::IdToken(source.clone())),
        CredentialSource::Provider(p) => Ok(Resolved::Provider(p.clone())),
        // AK/SK logins sign with static keys; password and token logins get IAM tokens.
        CredentialSource::Otc(login) => match login.static_credentials()? {
            Some(c) => Ok(Resolved::Static(c)),
            None => Ok(Resolved::Otc(login.clone())),
        },
        CredentialSource::Profile(file) => match file.credentials(scope) {
            Ok(c) => Ok(Resolved::Static(c)),
            Err(why) => {
                tracing::info!(file = %file.path.display(), reason = %why, "credentials file has no keys for this service; using instance metadata");
                metadata(
                    None,
                    None,
                    Some(format!("the credentials file {} has no keys for it ({why})", file.path.display())),
                )
            }
        },
        CredentialSource::Metadata { project_id, domain_id, note } => {
            metadata(project_id.clone(), domain_id.clone(), note.clone())
        }
    }
}

/// Where a catalog endpoint comes from, for `Client::endpoint_source`.
fn catalog_source(login: &OtcLogin, service: &str, region: Option<&str>) -> String {
    format!(
        "token catalog of {} (public endpoint of `{service}` in {})",
        login.auth_url(),
        region.unwrap_or("any region")
    )
}

/// The HTTP client: timeouts, no redirects, proxy, CA certificates and root store.
fn http_client(config: &Config, endpoint: &Endpoint) -> Result<reqwest::Client, Error> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        // A redirect would carry the signature and tokens to wherever it points.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(USER_AGENT);
    match &config.proxy {
        Some(url) => {
            let shown = redact_url(url);
            let mut proxy = reqwest::Proxy::all(url.as_str())
                .map_err(|e| Error::Config(format!("proxy `{shown}` is not usable: {}", chain_message(&e))))?;
            if let Some(list) = &config.no_proxy {
                proxy = proxy.no_proxy(reqwest::NoProxy::from_string(list));
            }
            builder = builder.proxy(proxy);
        }
        None if endpoint.loopback => builder = builder.no_proxy(),
        None => {}
    }
    let mut certs = Vec::new();
    for path in &config.ca_files {
        let pem =
            std::fs::read(path).map_err(|e| Error::Config(format!("cannot read CA file {}: {e}", path.display())))?;
        certs.extend(pem_certificates(&pem, &path.display().to_string())?);
    }
    for (i, pem) in config.ca_pems.iter().enumerate() {
        certs.extend(pem_certificates(pem, &format!("CA PEM #{}", i + 1))?);
    }
    builder = match config.root_store {
        RootStore::Platform if certs.is_empty() => builder,
        RootStore::Platform => builder.tls_certs_merge(certs),
        #[cfg(feature = "webpki-roots")]
        RootStore::WebpkiRoots => {
            let mut all: Vec<reqwest::Certificate> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
                .iter()
                .filter_map(|der| reqwest::Certificate::from_der(der.as_ref()).ok())
                .collect();
            all.extend(certs);
            builder.tls_certs_only(all)
        }
        RootStore::ExtraOnly if certs.is_empty() => {
            return Err(Error::Config(
                "RootStore::ExtraOnly needs CA certificates (Config::with_ca_file or Config::with_ca_pem)".to_owned(),
            ))
        }
        RootStore::ExtraOnly => builder.tls_certs_only(certs),
    };
    builder.build().map_err(|e| Error::Config(format!("could not build the HTTP client: {}", chain_message(&e))))
}

fn pem_certificates(pem: &[u8], what: &str) -> Result<Vec<reqwest::Certificate>, Error> {
    let certs = reqwest::Certificate::from_pem_bundle(pem)
        .map_err(|e| Error::Config(format!("{what} is not a PEM certificate bundle: {}", chain_message(&e))))?;
    if certs.is_empty() {
        return Err(Error::Config(format!("{what} has no certificate")));
    }
    Ok(certs)
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials: &dyn fmt::Debug = &self.inner.credentials;
        f.debug_struct("Client")
            .field("service", &self.inner.service.name)
            .field("cloud", &self.inner.cloud)
            .field("endpoint", &self.inner.endpoint.url.as_str())
            .field("credentials", credentials)
            .finish_non_exhaustive()
    }
}

fn header_name(name: &str, operation: &str) -> Result<HeaderName, Error> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::InvalidRequest(format!("{operation}: `{name}` is not a valid header name")))
}

fn header_value(name: &str, value: &str, sensitive: bool, operation: &str) -> Result<HeaderValue, Error> {
    let mut v = HeaderValue::from_bytes(value.as_bytes())
        .map_err(|_| Error::InvalidRequest(format!("{operation}: header `{name}` has a value that cannot be sent")))?;
    v.set_sensitive(sensitive);
    Ok(v)
}

/// Every credential that goes into a header must be a valid header value.
fn check_credentials(c: &Credentials) -> Result<(), Error> {
    let ok = |s: &str| !s.is_empty() && HeaderValue::from_str(s).is_ok();
    let bad = |what: &str| {
        Err(Error::Credentials(format!("the {what} is empty or has characters not allowed in an HTTP header")))
    };
    match &c.auth {
        Auth::AkSk { ak, sk } => {
            if !ok(ak) {
                return bad("access key");
            }
            if sk.expose().is_empty() {
                return bad("secret key");
            }
            if c.security_token.as_ref().is_some_and(|t| !ok(t.expose())) {
                return bad("security token");
            }
        }
        Auth::Token(t) => {
            if !ok(t.expose()) {
                return bad("IAM token");
            }
        }
    }
    if c.project_id.as_deref().is_some_and(|p| !ok(p)) {
        return bad("project id");
    }
    if c.domain_id.as_deref().is_some_and(|d| !ok(d)) {
        return bad("domain id");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    fn assert_send<T: Send>(_: &T) {}

    /// Generated code spawns calls on multi-threaded runtimes: the client, the call future and
    /// the error must be `Send`.
    #[test]
    fn client_and_future_are_send() {
        let config = Config::new(Credentials::ak_sk("ak", "sk")).with_region("cn-north-4");
        let client = Client::new("svc", config).unwrap_or_else(|e| panic!("{e}"));
        assert_send_sync(&client);
        let fut = client.execute(Request::new(Method::GET, "/v1/x", "Op"));
        assert_send(&fut);
        drop(fut);
        let err = Error::Config(String::new());
        assert_send_sync(&err);
    }
}
