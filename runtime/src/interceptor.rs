//! Hooks around every attempt, for logging, metrics, tracing propagation or extra headers.

use std::time::Duration;

use reqwest::Method;

/// What is known about one attempt of one call.
#[derive(Debug, Clone, Copy)]
pub struct AttemptContext<'a> {
    /// Endpoint service name.
    pub service: &'static str,
    /// Operation name (e.g. `CreateNodePool`; `KeystoneListProjects` for the runtime's own IAM
    /// look-up).
    pub operation: &'static str,
    /// HTTP method.
    pub method: &'a Method,
    /// The full URL, query included.
    pub url: &'a str,
    /// Attempt number, from 1.
    pub attempt: u32,
}

/// The request of one attempt as signed. Secret header values (`Authorization`,
/// `X-Security-Token`, `X-Auth-Token`) read `<redacted>`.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequest<'a> {
    /// Headers in sending order (without `User-Agent` and `Content-Length`, set by the transport).
    pub headers: &'a [(String, String)],
    /// Body length in bytes.
    pub body_len: usize,
}

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptOutcome {
    /// HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// The `X-Request-Id` response header.
    pub request_id: Option<String>,
    /// Time from sending to the end of the response body (or the failure).
    pub latency: Duration,
    /// The transport failure, when no response arrived.
    pub error: Option<String>,
    /// Whether another attempt follows.
    pub retrying: bool,
}

/// Called by the client around every attempt, in the order interceptors were added. The methods
/// have empty defaults; implement the ones needed. They run on the calling task and must not
/// block.
pub trait Interceptor: Send + Sync {
    /// Before signing: headers added or replaced here are sent and signed. A header the runtime
    /// manages makes the call fail with [`Error::InvalidRequest`](crate::Error::InvalidRequest).
    fn before_signing(&self, _ctx: &AttemptContext<'_>, _headers: &mut Vec<(String, String)>) {}

    /// After signing, just before sending.
    fn after_signing(&self, _ctx: &AttemptContext<'_>, _request: &SignedRequest<'_>) {}

    /// After the attempt: status, request id and latency, or the transport error.
    fn after_attempt(&self, _ctx: &AttemptContext<'_>, _outcome: &AttemptOutcome) {}
}
