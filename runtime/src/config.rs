//! Client configuration: credentials, region or endpoint, timeouts and retry settings.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::{Credentials, Error};

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

/// Configuration of a [`Client`](crate::Client). `Debug` never shows secrets.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) credentials: Credentials,
    pub(crate) region: Option<String>,
    pub(crate) endpoint: Option<String>,
    pub(crate) region_endpoints: BTreeMap<String, String>,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) max_attempts: u32,
    pub(crate) retry_base_delay: Duration,
    pub(crate) max_retry_delay: Duration,
}

impl Config {
    /// A configuration with default timeouts and retries; set a region or an endpoint before
    /// building a client.
    pub fn new(credentials: Credentials) -> Self {
        Config {
            credentials,
            region: None,
            endpoint: None,
            region_endpoints: BTreeMap::new(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
            retry_base_delay: DEFAULT_RETRY_BASE_DELAY,
            max_retry_delay: DEFAULT_MAX_RETRY_DELAY,
        }
    }

    /// Credentials from the environment ([`Credentials::from_env`]) and the region from
    /// `HUAWEICLOUD_SDK_REGION` when set.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let credentials = Credentials::from_lookup(&lookup)?;
        let mut config = Config::new(credentials);
        if let Some(region) = lookup(ENV_REGION).filter(|r| !r.trim().is_empty()) {
            config = config.with_region(region.trim());
        }
        Ok(config)
    }

    /// The region, e.g. `cn-north-4`; the endpoint becomes `https://{service}.{region}.myhuaweicloud.com`
    /// unless the custom region list or an endpoint override says otherwise.
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

    /// A custom region list: region name to full endpoint URL, consulted before the default
    /// endpoint pattern.
    pub fn with_region_endpoints(mut self, map: impl IntoIterator<Item = (String, String)>) -> Self {
        self.region_endpoints.extend(map);
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

    /// The credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
}
