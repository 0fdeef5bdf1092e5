//! Client configuration: where credentials come from, region or endpoint, cloud, IAM and metadata
//! endpoints, transport (timeouts, proxy, CAs, root store), retries and interceptors.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{credentials_file_path, ProfileFile, ENV_AK, ENV_DOMAIN_ID, ENV_PROJECT_ID, ENV_SK};
use crate::env::{process_env, Env};
use crate::idtoken::{IdTokenSource, ENV_IDP_ID, ENV_ID_TOKEN_FILE};
use crate::interceptor::Interceptor;
use crate::metadata::DEFAULT_REFRESH_AHEAD;
use crate::options::CallOptions;
use crate::otc_login::OtcLogin;
use crate::retry::{DefaultRetryClassifier, RetryClassifier};
use crate::service::Cloud;
use crate::transport::Transport;
use crate::{Credentials, Error, ProvideCredentials};

/// Environment variable holding the region, read by [`Config::from_env`].
pub const ENV_REGION: &str = "HUAWEICLOUD_SDK_REGION";

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default total timeout of one attempt (connect, send, receive the whole body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default number of attempts (the first try included).
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// Default base delay of the exponential backoff.
pub const DEFAULT_RETRY_BASE_DELAY: Duration = Duration::from_millis(200);
/// Default cap on one wait between attempts, for backoff and for `Retry-After` alike.
pub const DEFAULT_MAX_RETRY_DELAY: Duration = Duration::from_secs(20);

/// Where the credentials come from, in the order of the default chain.
#[derive(Clone, Debug)]
pub(crate) enum CredentialSource {
    /// Given in code.
    Explicit(Credentials),
    /// `HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` and friends.
    Environment(Credentials),
    /// The credentials file; the section is chosen by the service's scope at client creation.
    Profile(ProfileFile),
    /// An OIDC ID token exchanged for temporary keys through IAM.
    IdToken(IdTokenSource),
    /// An Open Telekom Cloud login (`clouds.yaml`, `OS_*` variables, or given in code).
    Otc(OtcLogin),
    /// Temporary keys from the instance metadata service, with ids from the environment.
    Metadata { project_id: Option<String>, domain_id: Option<String>, note: Option<String> },
    /// The user's own source.
    Provider(Arc<dyn ProvideCredentials>),
}

/// Which certificate authorities verify the service's TLS certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RootStore {
    /// The operating system's verifier and trust store (`rustls-platform-verifier`), plus any
    /// extra CA certificates. The default.
    #[default]
    Platform,
    /// The Mozilla roots bundled into the binary (`webpki-root-certs`), plus any extra CA
    /// certificates: for `FROM scratch` containers without a trust store. Needs the
    /// `webpki-roots` Cargo feature.
    #[cfg(feature = "webpki-roots")]
    WebpkiRoots,
    /// Only the extra CA certificates ([`Config::with_ca_file`], [`Config::with_ca_pem`]): for
    /// private or self-signed clouds.
    ExtraOnly,
}

/// Configuration of a [`Client`](crate::Client). `Debug` never shows secrets.
#[derive(Clone)]
pub struct Config {
    pub(crate) source: CredentialSource,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<String>,
    pub(crate) region_endpoints: BTreeMap<String, String>,
    pub(crate) cloud: Option<Cloud>,
    pub(crate) iam_endpoint: Option<String>,
    pub(crate) metadata_endpoint: Option<String>,
    pub(crate) refresh_ahead: Duration,
    pub(crate) env: Env,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) max_attempts: u32,
    pub(crate) retry_base_delay: Duration,
    pub(crate) max_retry_delay: Duration,
    pub(crate) proxy: Option<String>,
    pub(crate) no_proxy: Option<String>,
    pub(crate) ca_files: Vec<PathBuf>,
    pub(crate) ca_pems: Vec<Vec<u8>>,
    pub(crate) root_store: RootStore,
    pub(crate) interceptors: Vec<Arc<dyn Interceptor>>,
    pub(crate) defaults: CallOptions,
    pub(crate) transport: Option<Arc<dyn Transport>>,
    pub(crate) retry_classifier: Arc<dyn RetryClassifier>,
    #[cfg(feature = "test-util")]
    pub(crate) mock: Option<Arc<crate::mock::MockTransport>>,
}

impl Config {
    /// A configuration with the given credentials and default timeouts and retries; set a region
    /// or an endpoint before building a client. Endpoint overrides from the environment and the
    /// regions file still apply, as in the official SDKs.
    pub fn new(credentials: Credentials) -> Self {
        Self::with_source(CredentialSource::Explicit(credentials), process_env())
    }

    fn with_source(source: CredentialSource, env: Env) -> Self {
        Config {
            source,
            region: None,
            endpoint: None,
            region_endpoints: BTreeMap::new(),
            cloud: None,
            iam_endpoint: None,
            metadata_endpoint: None,
            refresh_ahead: DEFAULT_REFRESH_AHEAD,
            env,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            operation_timeout: None,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            retry_base_delay: DEFAULT_RETRY_BASE_DELAY,
            max_retry_delay: DEFAULT_MAX_RETRY_DELAY,
            proxy: None,
            no_proxy: None,
            ca_files: Vec::new(),
            ca_pems: Vec::new(),
            root_store: RootStore::default(),
            interceptors: Vec::new(),
            defaults: CallOptions::default(),
            transport: None,
            retry_classifier: Arc::new(DefaultRetryClassifier),
            #[cfg(feature = "test-util")]
            mock: None,
        }
    }

    /// The default credential chain, as in the official SDKs, plus the region from
    /// `HUAWEICLOUD_SDK_REGION`:
    ///
    /// 1. the environment: `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` (both, or it is an error
    ///    naming the missing one), `HUAWEICLOUD_SDK_SECURITY_TOKEN`, `HUAWEICLOUD_SDK_PROJECT_ID`,
    ///    `HUAWEICLOUD_SDK_DOMAIN_ID`;
    ///    else, when `HUAWEICLOUD_SDK_IDP_ID` and `HUAWEICLOUD_SDK_ID_TOKEN_FILE` are set (both, or
    ///    it is an error naming the missing one), the OIDC ID token of that file exchanged through
    ///    IAM for temporary keys, with the project and domain ids of the same variables;
    /// 2. the credentials file `HUAWEICLOUD_SDK_CREDENTIALS_FILE` (an error when set but
    ///    unreadable) or `~/.huaweicloud/credentials`: section `[basic]` for project-scoped
    ///    services, `[global]` for global ones;
    /// 3. an Open Telekom Cloud login: `clouds.yaml` / `secure.yaml` with `OS_CLOUD`, and the
    ///    `OS_*` variables (see [`OtcLogin::from_env`](crate::OtcLogin::from_env)); its region
    ///    when `HUAWEICLOUD_SDK_REGION` is not set;
    /// 4. temporary keys from the instance metadata service (`http://169.254.169.254`, or
    ///    `HUAWEICLOUD_SDK_METADATA_ENDPOINT`), fetched at the first call and refreshed ahead of
    ///    expiry.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables (including `HOME`) through `lookup`,
    /// which is kept for the endpoint and IAM overrides read when a client is built.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Result<Self, Error> {
        let env: Env = Arc::new(lookup);
        let get = |name: &str| env(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let source = if get(ENV_AK).is_some() || get(ENV_SK).is_some() {
            CredentialSource::Environment(Credentials::from_lookup(|n| env(n))?)
        } else if let Some(source) = id_token_from_env(&get)? {
            CredentialSource::IdToken(source)
        } else {
            match credentials_file_path(&env) {
                Some((path, explicit)) if explicit || path.is_file() => {
                    CredentialSource::Profile(ProfileFile::read(&path)?)
                }
                // After the Huawei sources: an Open Telekom Cloud login (see `otc_login`).
                other => match crate::otc_login::discover(&env)? {
                    Some(login) => CredentialSource::Otc(login),
                    None => CredentialSource::Metadata {
                        project_id: get(ENV_PROJECT_ID),
                        domain_id: get(ENV_DOMAIN_ID),
                        note: Some(match other {
                            Some((path, _)) => format!("no credentials file at {}", path.display()),
                            None => "no credentials file (HOME is not set)".to_owned(),
                        }),
                    },
                },
            }
        };
        let login_region = match &source {
            CredentialSource::Otc(login) => login.region.clone(),
            _ => None,
        };
        let mut config = Self::with_source(source, env.clone());
        if let Some(region) = get(ENV_REGION).or(login_region) {
            config = config.with_region(region);
        }
        Ok(config)
    }

    /// Temporary keys from the instance metadata service only (no environment or file keys).
    pub fn from_metadata() -> Self {
        Self::with_source(CredentialSource::Metadata { project_id: None, domain_id: None, note: None }, process_env())
    }

    /// Temporary keys obtained with an OpenID Connect ID token: the token in `token_file` (read
    /// again at every exchange, since platforms rotate it) is exchanged through IAM, as
    /// identity provider `idp_id`, for temporary AK/SK, refreshed ahead of expiry. The IAM endpoint
    /// is [`with_iam_endpoint`](Self::with_iam_endpoint), `HUAWEICLOUD_SDK_IAM_ENDPOINT` or the
    /// cloud's default.
    pub fn from_id_token_file(idp_id: impl Into<String>, token_file: impl Into<PathBuf>) -> Self {
        let source =
            IdTokenSource { idp_id: idp_id.into(), token_file: token_file.into(), project_id: None, domain_id: None };
        Self::with_source(CredentialSource::IdToken(source), process_env())
    }

    /// Credentials from `provider` (a vault, a secrets manager), asked at the start of every call
    /// and again when the credentials it gave have expired or were rejected as expired. Replaces
    /// the credential chain.
    pub fn with_credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.source = CredentialSource::Provider(provider);
        self
    }

    /// Sends requests with `transport` instead of the built-in `reqwest` client (whose proxy, CA
    /// and connect-timeout settings then do not apply).
    pub fn with_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Decides which attempts are retried, instead of the
    /// [`DefaultRetryClassifier`](crate::DefaultRetryClassifier).
    pub fn with_retry_classifier(mut self, classifier: Arc<dyn RetryClassifier>) -> Self {
        self.retry_classifier = classifier;
        self
    }

    /// Reads environment variables through `lookup` instead of the process environment (for the
    /// endpoint, regions-file, IAM and metadata overrides).
    pub fn with_env_lookup(mut self, lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Self {
        self.env = Arc::new(lookup);
        self
    }

    /// The region, e.g. `cn-north-4` or `eu-de`.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// A full endpoint override, e.g. `https://modelarts.cn-north-4.myhuaweicloud.com` (a missing
    /// scheme means `https`). Plain `http` is accepted only for loopback hosts.
    pub fn with_endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// A custom region list: region name to full endpoint URL, consulted before every other
    /// source but [`with_endpoint`](Self::with_endpoint).
    pub fn with_region_endpoints(mut self, map: impl IntoIterator<Item = (String, String)>) -> Self {
        self.region_endpoints.extend(map);
        self
    }

    /// The cloud whose endpoint rules apply, instead of the one the crate was generated for.
    pub fn with_cloud(mut self, cloud: Cloud) -> Self {
        self.cloud = Some(cloud);
        self
    }

    /// The IAM endpoint for project and domain id look-ups (wins over the credentials file's
    /// `iam_endpoint`, `HUAWEICLOUD_SDK_IAM_ENDPOINT` and the cloud's default).
    pub fn with_iam_endpoint(mut self, url: impl Into<String>) -> Self {
        self.iam_endpoint = Some(url.into());
        self
    }

    /// The metadata service address (default `http://169.254.169.254`, or
    /// `HUAWEICLOUD_SDK_METADATA_ENDPOINT`); only link-local or loopback `http` addresses.
    pub fn with_metadata_endpoint(mut self, url: impl Into<String>) -> Self {
        self.metadata_endpoint = Some(url.into());
        self
    }

    /// How long before expiry temporary keys (metadata service, ID token) and Open Telekom Cloud
    /// IAM tokens are refreshed (default 5 minutes).
    pub fn with_credential_refresh_ahead(mut self, d: Duration) -> Self {
        self.refresh_ahead = d;
        self
    }

    /// Connect timeout (default 10 s).
    pub fn with_connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }

    /// Total timeout of one attempt, from connecting to the end of the response body
    /// (default 60 s). A timed-out attempt is not retried.
    pub fn with_timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Deadline of a whole operation: every attempt, every wait between attempts, and credential
    /// and project id look-ups (default none).
    pub fn with_operation_timeout(mut self, d: Duration) -> Self {
        self.operation_timeout = Some(d);
        self
    }

    /// Number of attempts including the first (default 3); `0` counts as `1`.
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Base delay of the exponential backoff (default 200 ms): the wait before attempt `n + 1` is
    /// drawn from `[d·2ⁿ⁻¹ / 2, d·2ⁿ⁻¹]`, capped by [`with_max_retry_delay`](Self::with_max_retry_delay).
    pub fn with_retry_base_delay(mut self, d: Duration) -> Self {
        self.retry_base_delay = d;
        self
    }

    /// Cap on one wait between attempts, for the backoff and for a server's `Retry-After`
    /// (default 20 s).
    pub fn with_max_retry_delay(mut self, d: Duration) -> Self {
        self.max_retry_delay = d;
        self
    }

    /// Sends every request through this proxy, e.g. `http://user:password@proxy.corp:3128`
    /// (credentials in the URL are sent as `Proxy-Authorization: Basic`). Without it, the usual
    /// `HTTPS_PROXY` / `NO_PROXY` variables apply, except for loopback endpoints.
    pub fn with_proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Hosts that bypass [`with_proxy`](Self::with_proxy), comma-separated as in `NO_PROXY`
    /// (`example.com`, `.internal`, `10.0.0.0/8`, `*`).
    pub fn with_no_proxy(mut self, list: impl Into<String>) -> Self {
        self.no_proxy = Some(list.into());
        self
    }

    /// Trusts the CA certificates of a PEM file too (private or self-signed clouds).
    pub fn with_ca_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.ca_files.push(path.into());
        self
    }

    /// Trusts the CA certificates of this PEM text too.
    pub fn with_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_pems.push(pem.into());
        self
    }

    /// Which roots verify TLS certificates (default [`RootStore::Platform`]).
    pub fn with_root_store(mut self, store: RootStore) -> Self {
        self.root_store = store;
        self
    }

    /// Adds an interceptor, called around every attempt (see [`Interceptor`]).
    pub fn with_interceptor(mut self, interceptor: Arc<dyn Interceptor>) -> Self {
        self.interceptors.push(interceptor);
        self
    }

    /// Default per-call options of clients built from this configuration.
    pub fn with_call_options(mut self, options: CallOptions) -> Self {
        self.defaults = options;
        self
    }

    /// The credentials, when given in code or read from the environment (`None` when they come
    /// from the credentials file, whose section depends on the service, or from the metadata
    /// service).
    pub fn credentials(&self) -> Option<&Credentials> {
        match &self.source {
            CredentialSource::Explicit(c) | CredentialSource::Environment(c) => Some(c),
            _ => None,
        }
    }

    /// Where the credentials come from: `explicit`, `environment`, `OIDC ID token`,
    /// `credentials file`, `Open Telekom Cloud login`, `instance metadata` or `provider`.
    pub fn credential_source(&self) -> &'static str {
        match &self.source {
            CredentialSource::Explicit(_) => "explicit",
            CredentialSource::Environment(_) => "environment",
            CredentialSource::IdToken(_) => "OIDC ID token",
            CredentialSource::Profile(_) => "credentials file",
            CredentialSource::Otc(_) => "Open Telekom Cloud login",
            CredentialSource::Metadata { .. } => "instance metadata",
            CredentialSource::Provider(_) => "provider",
        }
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Config");
        d.field("credentials", &self.source)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field("region_endpoints", &self.region_endpoints)
            .field("cloud", &self.cloud)
            .field("iam_endpoint", &self.iam_endpoint)
            .field("metadata_endpoint", &self.metadata_endpoint)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("max_attempts", &self.max_attempts)
            .field("proxy", &self.proxy.as_deref().map(redact_url))
            .field("no_proxy", &self.no_proxy)
            .field("ca_files", &self.ca_files)
            .field("root_store", &self.root_store)
            .field("interceptors", &self.interceptors.len())
            .field("transport", &self.transport)
            .field("retry_classifier", &self.retry_classifier);
        d.finish_non_exhaustive()
    }
}

/// The ID-token source of the official variables, when `HUAWEICLOUD_SDK_IDP_ID` or
/// `HUAWEICLOUD_SDK_ID_TOKEN_FILE` is set; an error naming the other when only one is.
fn id_token_from_env(get: &dyn Fn(&str) -> Option<String>) -> Result<Option<IdTokenSource>, Error> {
    match (get(ENV_IDP_ID), get(ENV_ID_TOKEN_FILE)) {
        (None, None) => Ok(None),
        (Some(idp_id), Some(file)) => Ok(Some(IdTokenSource {
            idp_id,
            token_file: PathBuf::from(file),
            project_id: get(ENV_PROJECT_ID),
            domain_id: get(ENV_DOMAIN_ID),
        })),
        (idp, _) => {
            let (set, missing) =
                if idp.is_some() { (ENV_IDP_ID, ENV_ID_TOKEN_FILE) } else { (ENV_ID_TOKEN_FILE, ENV_IDP_ID) };
            Err(Error::Credentials(format!("{set} is set but {missing} is not (ID-token credentials need both)")))
        }
    }
}

impl Config {
    /// A configuration that logs in to Open Telekom Cloud with `login` (see [`OtcLogin`]); the
    /// region is the login's unless set with [`with_region`](Self::with_region).
    ///
    /// ```no_run
    /// use hwcloud_runtime::{Client, Cloud, Config, Method, OtcLogin, Request, ServiceDescriptor};
    ///
    /// static VPC: ServiceDescriptor = ServiceDescriptor::new("vpc", Cloud::OpenTelekomCloud);
    ///
    /// # async fn demo() -> Result<(), hwcloud_runtime::Error> {
    /// // From clouds.yaml / secure.yaml (OS_CLOUD=otc) or the OS_* variables:
    /// let client = Client::for_service(&VPC, Config::from_env()?)?;
    ///
    /// // Or in code: password login, token scoped to a project, through an agency.
    /// let password = std::env::var("OTC_PASSWORD").unwrap_or_default();
    /// let login = OtcLogin::password("OTC00000000001000000xxx", "alice", password)
    ///     .with_region("eu-de")
    ///     .with_agency("OTC00000000001000000yyy", "ops-agency")
    ///     .with_agency_project_name("eu-de_shared");
    /// let client = Client::for_service(&VPC, Config::otc(login))?;
    ///
    /// let response = client.execute(Request::new(Method::GET, "/v1/{project_id}/vpcs", "ListVpcs")).await?;
    /// if response.status() != 200 {
    ///     return Err(response.into_error());
    /// }
    /// let vpcs: serde_json::Value = response.json()?;
    /// println!("{vpcs}");
    /// # Ok(())
    /// # }
    /// ```
    pub fn otc(login: OtcLogin) -> Self {
        let region = login.region.clone();
        // The placeholder credentials are replaced by the login right away.
        let mut config = Config::new(crate::Credentials::token(String::new()));
        config.source = CredentialSource::Otc(login);
        config.region = region;
        config
    }
}

/// A URL with any password replaced by `***`.
pub(crate) fn redact_url(raw: &str) -> String {
    match reqwest::Url::parse(raw) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "<unparsable URL>".to_owned(),
    }
}
