//! Runtime for the generated Huawei Cloud SDK crates.
//!
//! Generated operations build a [`Request`], hand it to [`Client::execute`] and decide success
//! from the documented status codes, turning anything else into an [`Error`] with
//! [`Response::into_error`]. This crate does the rest:
//!
//! * **Signing**: AK/SK `SDK-HMAC-SHA256`, byte-exact with the official SDKs ([`signer`]); every
//!   attempt is signed afresh with a new `X-Sdk-Date`. IAM tokens go in `X-Auth-Token`.
//! * **Credentials**: code, else the official chain of [`Config::from_env`]: `HUAWEICLOUD_SDK_*`
//!   environment variables, the credentials file (`~/.huaweicloud/credentials`), temporary keys
//!   of the instance metadata service ([`metadata`]) refreshed ahead of expiry; project and
//!   domain ids looked up through IAM ([`iam`]) when not configured. After the Huawei sources,
//!   an Open Telekom Cloud login ([`OtcLogin`]: `clouds.yaml`, `OS_*` variables; password,
//!   token, AK/SK or agency) whose IAM token is cached, refreshed and renewed once on a 401.
//!   Secrets never appear in `Debug` output, errors or logs.
//! * **Endpoints**: per cloud ([`Cloud`]: Huawei Cloud, Open Telekom Cloud with Swiss `eu-ch2`)
//!   and per service ([`ServiceDescriptor`]), with the official overrides
//!   `HUAWEICLOUD_SDK_REGION_{SERVICE}_{REGION_ID}` and `~/.huaweicloud/regions.yaml`; plain
//!   `http` only to loopback hosts.
//! * **Hooks and tests**: [`CallOptions`] per call, [`Interceptor`]s around every attempt, and
//!   with the `test-util` feature an in-process `mock` transport.
//! * **Transport**: `reqwest` over rustls (certificates always verified, redirects not followed),
//!   connect and total timeouts, retries, and a `tracing` span per call (`hwcloud.call` with
//!   `service`, `operation`, `method`, `attempt`, `status`, `request_id`; never a secret).
//!
//! # Retries
//!
//! A connect error is retried for every method (nothing reached the server). `429`, `502`, `503`
//! and `504` are retried for GET, HEAD, PUT, DELETE and OPTIONS only. Waits grow exponentially
//! from [`Config::with_retry_base_delay`] with jitter; a `Retry-After: <seconds>` header is used
//! instead when present; both are capped by [`Config::with_max_retry_delay`]. Timeouts are not
//! retried. [`Config::with_max_attempts`] bounds the number of attempts.
//!
//! # Example
//!
//! ```no_run
//! use hwcloud_runtime::{Client, Config, Credentials, Method, Request};
//!
//! # async fn demo() -> Result<(), hwcloud_runtime::Error> {
//! let credentials = Credentials::ak_sk("my-ak", "my-sk").with_project_id("0c1f2a");
//! let client = Client::new("modelarts", Config::new(credentials).with_region("cn-north-4"))?;
//!
//! let request = Request::new(Method::GET, "/v2/{project_id}/pools/{pool_name}", "ShowPool")
//!     .path_param("pool_name", "pool-1")
//!     .query("limit", 10);
//! let response = client.execute(request).await?;
//! if response.status() != 200 {
//!     return Err(response.into_error());
//! }
//! let pool: serde_json::Value = response.json()?;
//! println!("{pool}");
//! # Ok(())
//! # }
//! ```

mod client;
mod config;
mod credentials;
pub mod de;
mod encode;
mod endpoint;
mod error;
pub mod iam;
mod interceptor;
pub mod metadata;
#[cfg(feature = "test-util")]
pub mod mock;
#[doc(hidden)]
pub mod open_enum;
mod options;
mod otc_login;
pub mod paginate;
mod request;
mod response;
mod retry;
mod service;
pub mod signer;

pub use client::{Client, USER_AGENT};
pub use config::{
    Config, RootStore, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_RETRY_DELAY,
    DEFAULT_RETRY_BASE_DELAY, DEFAULT_TIMEOUT, ENV_REGION,
};
pub use credentials::{
    Credentials, ENV_AK, ENV_CREDENTIALS_FILE, ENV_DOMAIN_ID, ENV_IAM_ENDPOINT, ENV_PROJECT_ID, ENV_SECURITY_TOKEN,
    ENV_SK,
};
pub use encode::{encode_component, encode_path, encode_path_segment, encode_query};
pub use endpoint::{region_env_var, ENV_REGIONS_FILE, ENV_REGION_ENDPOINT_PREFIX};
pub use error::{BoxError, Error, ServiceError, MAX_DECODE_SNIPPET, MAX_RAW_BODY};
pub use interceptor::{AttemptContext, AttemptOutcome, Interceptor, SignedRequest};
pub use metadata::ENV_METADATA_ENDPOINT;
pub use options::CallOptions;
pub use otc_login::{OtcLogin, ENV_CLIENT_CONFIG_FILE, ENV_CLIENT_SECURE_FILE, ENV_CLOUD};
pub use request::Request;
pub use reqwest::Method;
pub use response::{Response, HEADER_REQUEST_ID};
pub use service::{Cloud, Scope, ServiceDescriptor, HUAWEICLOUD_REGIONS, MODELARTS, OTC_REGIONS};
