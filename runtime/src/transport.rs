//! The HTTP transport, behind a trait so that users can plug their own client
//! ([`Config::with_transport`](crate::Config::with_transport)); the default wraps `reqwest`.
//!
//! A transport failure says how far the request got ([`DispatchFailure`]): a request that was
//! never sent can always be retried, one whose outcome is unknown may have taken effect.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::Method;

use crate::error::{chain_message, BoxError};

/// A boxed, sendable future, as returned by the runtime's extension traits.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One attempt of one request, signed and ready to send.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    /// Operation name, e.g. `CreateNodePool` (for logs and metrics).
    pub operation: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Full URL, query included; send it unchanged (the signature covers path and query).
    pub url: String,
    /// Headers, signature included; `User-Agent` and `Content-Length` are the transport's.
    pub headers: HeaderMap,
    /// Body, when the request has one.
    pub body: Option<Vec<u8>>,
    /// Total timeout of this attempt: connect, send, and receive the whole body.
    pub timeout: Duration,
}

/// A complete HTTP response.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// The whole body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response from its parts.
    pub fn new(status: u16, headers: HeaderMap, body: Vec<u8>) -> Self {
        HttpResponse { status, headers, body }
    }
}

/// How far a failed request got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DispatchFailure {
    /// Nothing reached the service (DNS, connection refused, TLS handshake, connection closed
    /// before the request was written): safe to retry for every method.
    NotSent,
    /// The connect timeout elapsed; nothing was sent.
    ConnectTimeout,
    /// The request was (or may have been) sent, but no complete answer came back (connection
    /// reset, truncated body): it may or may not have taken effect.
    OutcomeUnknown,
    /// The attempt's total timeout elapsed after connecting: the outcome is unknown.
    Timeout,
}

impl DispatchFailure {
    /// Whether the request may have reached the service.
    pub fn may_have_been_sent(self) -> bool {
        matches!(self, DispatchFailure::OutcomeUnknown | DispatchFailure::Timeout)
    }
}

/// A transport failure: how far the request got, and why.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct TransportError {
    kind: DispatchFailure,
    message: String,
    #[source]
    source: Option<BoxError>,
}

impl TransportError {
    /// A failure of the given kind, caused by `source`.
    pub fn new(kind: DispatchFailure, source: impl Into<BoxError>) -> Self {
        let source = source.into();
        TransportError { kind, message: chain_message(source.as_ref()), source: Some(source) }
    }

    /// Nothing was sent (connect failure, DNS).
    pub fn not_sent(source: impl Into<BoxError>) -> Self {
        Self::new(DispatchFailure::NotSent, source)
    }

    /// The request was sent but no complete answer came back.
    pub fn outcome_unknown(source: impl Into<BoxError>) -> Self {
        Self::new(DispatchFailure::OutcomeUnknown, source)
    }

    /// A timeout of the given kind ([`DispatchFailure::ConnectTimeout`] or
    /// [`DispatchFailure::Timeout`]) without an underlying error.
    pub fn timed_out(kind: DispatchFailure) -> Self {
        TransportError { kind, message: "timed out".to_owned(), source: None }
    }

    /// How far the request got.
    pub fn kind(&self) -> DispatchFailure {
        self.kind
    }

    pub(crate) fn into_source(self) -> BoxError {
        match self.source {
            Some(s) => s,
            None => self.message.into(),
        }
    }
}

/// Sends one HTTP request and reads the whole response. Implement it to use another HTTP client
/// (a corporate one, a test double); the runtime signs, retries and times out around it.
///
/// Implementations should classify failures honestly: [`DispatchFailure::NotSent`] only when the
/// service cannot have received the request, since the runtime retries such a POST.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request`; any status code is a response, not an error.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The default transport: a `reqwest` client (rustls, no redirects, proxy and CA settings of the
/// [`Config`](crate::Config)).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Wraps a `reqwest` client. It should not follow redirects: a redirect would carry the
    /// signature and tokens to wherever it points.
    pub fn new(client: reqwest::Client) -> Self {
        ReqwestTransport { client }
    }

    async fn send_inner(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder =
            self.client.request(request.method, request.url.as_str()).headers(request.headers).timeout(request.timeout);
        if let Some(body) = request.body {
            builder = builder.body(body);
        }
        let response = builder.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        // The head arrived: a failure from here on is a truncated answer, never "not sent".
        let body = response.bytes().await.map_err(|e| match classify(e) {
            t if t.kind == DispatchFailure::Timeout => t,
            t => TransportError { kind: DispatchFailure::OutcomeUnknown, ..t },
        })?;
        Ok(HttpResponse { status, headers, body: body.to_vec() })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_inner(request))
    }
}

/// How far a `reqwest` failure got: connect errors and hyper's "canceled" (the connection closed
/// before the request was written) are not sent; everything else may have been.
fn classify(e: reqwest::Error) -> TransportError {
    let kind = if e.is_timeout() {
        if e.is_connect() {
            DispatchFailure::ConnectTimeout
        } else {
            DispatchFailure::Timeout
        }
    } else if e.is_connect() || hyper_error(&e).is_some_and(hyper::Error::is_canceled) {
        DispatchFailure::NotSent
    } else {
        DispatchFailure::OutcomeUnknown
    };
    TransportError::new(kind, e)
}

fn hyper_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a hyper::Error> {
    let mut cur = e.source();
    while let Some(s) = cur {
        if let Some(h) = s.downcast_ref::<hyper::Error>() {
            return Some(h);
        }
        cur = s.source();
    }
    None
}
