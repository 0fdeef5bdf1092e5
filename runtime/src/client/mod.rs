//! The client: resolves the endpoint and credentials, fills project and domain ids, signs and sends
//! requests with retries, interceptors and tracing. The phases of one call are in `send.rs`.

mod send;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderValue;
use tracing::{field, Instrument};

use crate::answers::ClockOffset;
use crate::config::{redact_url, CredentialSource, RootStore};
use crate::credentials::{Auth, ENV_IAM_ENDPOINT};
use crate::endpoint::{Endpoint, EndpointQuery, Lookup};
use crate::env::Env;
use crate::error::chain_message;
use crate::iam;
use crate::idtoken::{IdTokenProvider, IdTokenSource};
use crate::interceptor::Interceptor;
use crate::metadata::{MetadataProvider, DEFAULT_METADATA_ENDPOINT, ENV_METADATA_ENDPOINT};
use crate::options::CallOptions;
use crate::otc_login::{OtcLogin, OtcSession};
use crate::provider::expired;
use crate::retry::{RetryClassifier, RetryPolicy};
use crate::service::{Cloud, Scope, ServiceDescriptor};
use crate::transport::{ReqwestTransport, Transport};
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
