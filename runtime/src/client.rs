//! The client: builds, signs and sends requests, with retries and tracing.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use tracing::{field, Instrument, Span};

use crate::credentials::Auth;
use crate::encode::encode_query;
use crate::endpoint::Endpoint;
use crate::error::chain_message;
use crate::request::Prepared;
use crate::response::HEADER_REQUEST_ID;
use crate::retry::{parse_retry_after, Outcome, RetryPolicy};
use crate::signer::{self, format_sdk_date, SigningRequest, HEADER_SDK_DATE};
use crate::{Config, Credentials, Error, Request, Response};

/// `User-Agent` sent with every request (not signed).
pub const USER_AGENT: &str = concat!("hwcloud-runtime-rust/", env!("CARGO_PKG_VERSION"));

/// A client for one service. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    service: &'static str,
    http: reqwest::Client,
    endpoint: Endpoint,
    credentials: Credentials,
    retry: RetryPolicy,
    connect_timeout: Duration,
    timeout: Duration,
}

impl Client {
    /// A client for `service`, the endpoint service name (e.g. `"modelarts"`).
    ///
    /// Fails with [`Error::Config`] when no endpoint can be resolved or the endpoint is refused
    /// (plain `http` to a non-loopback host), and with [`Error::Credentials`] when a credential
    /// cannot be sent in a header.
    pub fn new(service: &'static str, config: Config) -> Result<Self, Error> {
        let endpoint =
            Endpoint::resolve(service, config.region.as_deref(), config.endpoint.as_deref(), &config.region_endpoints)?;
        check_credentials(&config.credentials)?;
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            // A redirect would carry the signature and tokens to wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(USER_AGENT)
            .https_only(!endpoint.loopback);
        if endpoint.loopback {
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| Error::Config(format!("could not build the HTTP client: {}", chain_message(&e))))?;
        let retry = RetryPolicy {
            max_attempts: config.max_attempts.max(1),
            base_delay: config.retry_base_delay,
            max_delay: config.max_retry_delay,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                service,
                http,
                endpoint,
                credentials: config.credentials,
                retry,
                connect_timeout: config.connect_timeout,
                timeout: config.timeout,
            }),
        })
    }

    /// The endpoint service name.
    pub fn service(&self) -> &'static str {
        self.inner.service
    }

    /// The resolved endpoint, e.g. `https://modelarts.cn-north-4.myhuaweicloud.com/`.
    pub fn endpoint(&self) -> &str {
        self.inner.endpoint.url.as_str()
    }

    /// Sends `request`, retrying as described in the [`retry`](crate#retries) rules, and returns
    /// the final response whatever its status code. Errors are only those where no usable
    /// response exists: invalid request, transport failure, timeout.
    pub async fn execute(&self, request: Request) -> Result<Response, Error> {
        let span = tracing::info_span!(
            "hwcloud.call",
            service = self.inner.service,
            operation = request.operation,
            method = %request.method,
            status = field::Empty,
            attempt = field::Empty,
            request_id = field::Empty,
        );
        self.run(request).instrument(span).await
    }

    async fn run(&self, request: Request) -> Result<Response, Error> {
        let inner = &*self.inner;
        let operation = request.operation;
        let prepared = request.prepare(&inner.credentials)?;

        let mut url = inner.endpoint.url.clone();
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

        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            Span::current().record("attempt", attempt);
            let headers = self.attempt_headers(&prepared, operation)?;
            let mut builder = inner.http.request(prepared.method.clone(), url.clone()).headers(headers);
            if let Some(body) = &prepared.body {
                builder = builder.body(body.clone());
            }
            let response = match builder.send().await {
                Ok(r) => r,
                Err(e) => {
                    if e.is_connect() && inner.retry.should_retry(&prepared.method, Outcome::ConnectFailed, attempt) {
                        let delay = inner.retry.delay(attempt, None);
                        tracing::warn!(attempt, delay_ms = delay.as_millis() as u64, error = %chain_message(&e), "connect failed, retrying");
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(self.transport_error(operation, e));
                }
            };
            let status = response.status().as_u16();
            let request_id = response.headers().get(HEADER_REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned);
            let span = Span::current();
            span.record("status", status);
            if let Some(id) = &request_id {
                span.record("request_id", id.as_str());
            }
            if inner.retry.should_retry(&prepared.method, Outcome::Status(status), attempt) {
                let retry_after = parse_retry_after(response.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()));
                let delay = inner.retry.delay(attempt, retry_after);
                tracing::warn!(
                    attempt,
                    status,
                    request_id,
                    delay_ms = delay.as_millis() as u64,
                    "retryable status, retrying"
                );
                drop(response);
                tokio::time::sleep(delay).await;
                continue;
            }
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|e| self.transport_error(operation, e))?;
            tracing::debug!(attempt, status, request_id, body_len = body.len(), "response received");
            return Ok(Response::new(operation, status, headers, body.to_vec()));
        }
    }

    /// Headers of one attempt: the prepared ones plus `Host`, a fresh `X-Sdk-Date` and the
    /// authentication (signature, or IAM token).
    fn attempt_headers(&self, prepared: &Prepared, operation: &'static str) -> Result<HeaderMap, Error> {
        let inner = &*self.inner;
        let mut list = prepared.headers.clone();
        list.push(("Host".to_owned(), inner.endpoint.host.clone()));
        let mut secret_headers: Vec<(&'static str, String)> = Vec::new();
        match &inner.credentials.auth {
            Auth::AkSk { ak, sk } => {
                list.push((HEADER_SDK_DATE.to_owned(), format_sdk_date(SystemTime::now())));
                if let Some(token) = &inner.credentials.security_token {
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
        for (name, value) in &list {
            let sensitive = name.eq_ignore_ascii_case("x-security-token");
            map.insert(header_name(name, operation)?, header_value(name, value, sensitive, operation)?);
        }
        for (name, value) in &secret_headers {
            map.insert(header_name(name, operation)?, header_value(name, value, true, operation)?);
        }
        Ok(map)
    }

    fn transport_error(&self, operation: &'static str, e: reqwest::Error) -> Error {
        if e.is_timeout() {
            let (kind, after) =
                if e.is_connect() { ("connect", self.inner.connect_timeout) } else { ("total", self.inner.timeout) };
            return Error::Timeout { operation, kind, after };
        }
        Error::Transport { operation, message: chain_message(&e), source: Box::new(e) }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.inner.service)
            .field("endpoint", &self.inner.endpoint.url.as_str())
            .field("credentials", &self.inner.credentials)
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
    use reqwest::Method;

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
