//! Runtime for the generated Huawei Cloud SDK crates.
//!
//! Generated operations build a [`Request`], hand it to [`Client::execute`] and decide success
//! from the documented status codes, turning anything else into an [`Error`] with
//! [`Response::into_error`]. This crate does the rest:
//!
//! * **Signing**: AK/SK `SDK-HMAC-SHA256`, byte-exact with the official SDKs ([`signer`]); every
//!   attempt is signed afresh with a new `X-Sdk-Date`. IAM tokens go in `X-Auth-Token`.
//! * **Credentials**: code, a [`ProvideCredentials`] of the user's
//!   ([`Config::with_credentials_provider`]), else the official chain of [`Config::from_env`]:
//!   `HUAWEICLOUD_SDK_*` environment variables (AK/SK, else an OIDC ID-token file exchanged
//!   through IAM, [`idtoken`]), the credentials file (`~/.huaweicloud/credentials`), temporary keys
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
//! * **Waiting for jobs**: [`waiter`] polls a job (or any get) with backoff until it succeeds,
//!   fails or a deadline passes; the generated crates' `*_until_done` and `*_and_wait` use it.
//! * **Transport**: a [`Transport`] of the user's ([`Config::with_transport`]), else `reqwest` over rustls (certificates always verified, redirects not followed),
//!   connect and total timeouts, retries, and a `tracing` span per call (`hwcloud.call` with
//!   `service`, `operation`, `method`, `attempt`, `status`, `request_id`; never a secret).
//!
//! # Retries
//!
//! A request that was not sent (connect error, connection closed before the request was written)
//! is retried for every method. `429`, `502`, `503` and `504` are retried for GET, HEAD, PUT,
//! DELETE and OPTIONS only; a request whose outcome is unknown ([`Error::OutcomeUnknown`]) is not.
//! [`Config::with_retry_classifier`] replaces these rules ([`RetryClassifier`]).
//!
//! Two answers of the gateway get one more try for every method, since it did nothing: a
//! rejected request time (clock skew; the runtime signs with the clock of the answer's `Date`
//! from then on, else the error is [`Error::ClockSkew`]) and refused credentials: rejected as
//! expired, or an IAM token answered with `401` (the provider is told with
//! [`ProvideCredentials::invalidate`] and asked again; a second refusal is the answer). Credentials
//! whose [`Credentials::with_expiry`] has passed are asked again before the next attempt. Waits grow exponentially
//! from [`Config::with_retry_base_delay`] with jitter; a `Retry-After: <seconds>` header is used
//! instead when present; both are capped by [`Config::with_max_retry_delay`]. Timeouts are not
//! retried. [`Config::with_max_attempts`] bounds the number of attempts.
//!
//! # Extension points
//!
//! * [`ProvideCredentials`]: the client's source of credentials, asked at every call and again
//!   when they expire or the service refuses them. Fixed credentials, the instance metadata
//!   service, the OIDC ID-token file and the Open Telekom Cloud token login implement it; plug
//!   your own (a vault) with
//!   [`Config::with_credentials_provider`].
//! * [`Transport`]: sends one signed request; the default wraps `reqwest`
//!   ([`ReqwestTransport`]); plug another HTTP client with [`Config::with_transport`]. Failures
//!   say how far the request got ([`DispatchFailure`]): not sent, or outcome unknown.
//! * [`RetryClassifier`]: which attempts are tried again; [`DefaultRetryClassifier`] retries only
//!   what is safe; replace it with [`Config::with_retry_classifier`].
//!
//! ```no_run
//! use std::sync::Arc;
//! use hwcloud_runtime::{
//!     AttemptResult, BoxFuture, Client, Config, Credentials, DefaultRetryClassifier, Error,
//!     ProvideCredentials, RetryClassifier, RetryContext, RetryDecision,
//! };
//!
//! /// Temporary keys from a vault.
//! #[derive(Debug)]
//! struct Vault;
//!
//! impl ProvideCredentials for Vault {
//!     fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
//!         Box::pin(async {
//!             // ... fetch from the vault ...
//!             let expires = std::time::SystemTime::now() + std::time::Duration::from_secs(900);
//!             Ok(Credentials::ak_sk("AK", "SK").with_security_token("TOKEN").with_expiry(expires))
//!         })
//!     }
//! }
//!
//! /// Also retries 500 for GET.
//! #[derive(Debug)]
//! struct Also500;
//!
//! impl RetryClassifier for Also500 {
//!     fn classify(&self, ctx: &RetryContext<'_>) -> RetryDecision {
//!         match ctx.result {
//!             AttemptResult::Response { status: 500, .. } if ctx.method == hwcloud_runtime::Method::GET => {
//!                 RetryDecision::Retry
//!             }
//!             _ => DefaultRetryClassifier.classify(ctx),
//!         }
//!     }
//! }
//!
//! # fn demo() -> Result<(), Error> {
//! let config = Config::from_env()?
//!     .with_region("cn-north-4")
//!     .with_credentials_provider(Arc::new(Vault))
//!     .with_retry_classifier(Arc::new(Also500));
//! let client = Client::new("ecs", config)?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```
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

mod answers;
mod client;
mod config;
mod credentials;
pub mod de;
mod encode;
mod endpoint;
mod env;
mod error;
mod error_body;
pub mod iam;
pub mod idtoken;
mod interceptor;
pub mod metadata;
#[cfg(feature = "test-util")]
pub mod mock;
#[doc(hidden)]
pub mod open_enum;
mod options;
mod otc_login;
mod output;
pub mod paginate;
mod provider;
mod request;
mod response;
mod retry;
mod service;
pub mod signer;
pub mod transport;
pub mod waiter;

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
pub use idtoken::{ENV_IDP_ID, ENV_ID_TOKEN_FILE};
pub use interceptor::{AttemptContext, AttemptOutcome, Interceptor, SignedRequest};
pub use metadata::ENV_METADATA_ENDPOINT;
pub use options::CallOptions;
pub use otc_login::{OtcLogin, ENV_CLIENT_CONFIG_FILE, ENV_CLIENT_SECURE_FILE, ENV_CLOUD};
pub use output::Output;
pub use provider::ProvideCredentials;
pub use request::Request;
pub use reqwest::Method;
pub use response::{Response, HEADER_REQUEST_ID};
pub use retry::{AttemptResult, DefaultRetryClassifier, RetryClassifier, RetryContext, RetryDecision};
pub use service::{Cloud, Scope, ServiceDescriptor, HUAWEICLOUD_REGIONS, OTC_REGIONS};
pub use transport::{
    BoxFuture, DispatchFailure, HttpRequest, HttpResponse, ReqwestTransport, Transport, TransportError,
};
pub use waiter::{Verdict, WaitError, WaitOptions};
