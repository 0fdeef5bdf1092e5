//! The one error type of the runtime.
//!
//! The variant is chosen by *what happened* (the HTTP status code for service errors), never by
//! guessing from the shape of a response body.

use std::fmt;
use std::time::Duration;

/// Boxed underlying cause of a transport-level failure.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Most bytes of a non-JSON error body kept in [`ServiceError::raw_body`].
pub const MAX_RAW_BODY: usize = 512;

/// Most bytes of a response body quoted in [`Error::Decode`].
pub const MAX_DECODE_SNIPPET: usize = 200;

/// Everything that can go wrong when calling a Huawei Cloud API.
///
/// The helpers answer the usual questions whatever shape the service's error body has
/// (`{"error_code", "error_msg"}`, `{"error": {"code", "message"}}`, Nova's
/// `{"itemNotFound": {..}}`, ...):
///
/// ```
/// use hwcloud_runtime::{Client, Error, Method, Request};
///
/// /// The server, or `None` when it does not exist.
/// async fn find_server(client: &Client, id: &str) -> Result<Option<serde_json::Value>, Error> {
///     let request = Request::new(Method::GET, "/v1/{project_id}/cloudservers/{server_id}", "ShowServer")
///         .path_param("server_id", id);
///     let response = client.execute(request).await?;
///     if response.is_success() {
///         return response.json().map(Some);
///     }
///     match response.into_error() {
///         e if e.is_not_found() => Ok(None),
///         e => {
///             if e.is_throttling() || e.is_retryable() {
///                 eprintln!("busy, try later: {e}");
///             }
///             if let Some(reason) = e.encoded_authorization_message() {
///                 eprintln!("denied by a policy ({:?}); the encoded reason: {reason}", e.service_code());
///             }
///             eprintln!("request id for a support ticket: {:?}", e.request_id());
///             Err(e)
///         }
///     }
/// }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status code the operation does not document as success.
    #[error("{0}")]
    Service(ServiceError),

    /// The request was not sent: the service could not be reached (DNS, connection refused, TLS
    /// handshake, connection closed before the request was written). Nothing happened.
    #[error("{operation}: could not reach the service (the request was not sent): {message}")]
    Transport {
        /// Operation name, e.g. `CreateNodePool`.
        operation: &'static str,
        /// Human-readable description, the cause chain joined by `: `.
        message: String,
        /// Underlying error.
        #[source]
        source: BoxError,
    },

    /// The request was sent (or may have been), but no complete answer came back: connection
    /// reset after the request was written, truncated body. It may or may not have taken effect;
    /// check before repeating a call that creates or changes something.
    #[error("{operation}: the request was sent but the outcome is unknown (no complete answer; it may or may not have taken effect): {message}")]
    OutcomeUnknown {
        /// Operation name, e.g. `CreateNodePool`.
        operation: &'static str,
        /// Human-readable description, the cause chain joined by `: `.
        message: String,
        /// Underlying error.
        #[source]
        source: BoxError,
    },

    /// The connect timeout or the per-attempt total timeout elapsed.
    #[error("{operation}: timed out after {} ({kind} timeout)", fmt_duration(*after))]
    Timeout {
        /// Operation name, e.g. `CreateNodePool`.
        operation: &'static str,
        /// Which timeout elapsed: `connect` or `total`.
        kind: &'static str,
        /// The configured value of that timeout.
        after: Duration,
    },

    /// A response body did not match the expected type (malformed JSON, an HTML page where JSON
    /// was expected, a missing required field).
    #[error("{operation}: could not decode the response body (HTTP {status}{}) at `{path}`: {message} (body starts with: {snippet})", fmt_request_id(request_id.as_deref()))]
    Decode {
        /// Operation name, e.g. `ShowPool`.
        operation: &'static str,
        /// HTTP status code of the response.
        status: u16,
        /// Value of the `X-Request-Id` response header, for support tickets.
        request_id: Option<String>,
        /// JSON path of the value that failed, e.g. `spec.resources[0].count` (`.` for the root).
        path: String,
        /// What serde reported.
        message: String,
        /// The first bytes of the body, lossily decoded as UTF-8.
        snippet: String,
    },

    /// The service rejected the request's time (`X-Sdk-Date`): this machine's clock differs too
    /// much from the service's. The runtime corrects its signing time and tries once more when
    /// the answer carries a `Date` header; this error means that did not help or was impossible.
    #[error("{error}: clock skew: the service rejected the request time{}; synchronise this machine's clock (NTP)", fmt_skew(*skew_seconds))]
    ClockSkew {
        /// The service's answer.
        error: ServiceError,
        /// Service time minus local time, in seconds, when the answer had a `Date` header.
        skew_seconds: Option<i64>,
    },

    /// The client configuration is unusable (no region, refused endpoint, ...).
    #[error("configuration error: {0}")]
    Config(String),

    /// Credentials are missing or unusable (e.g. a required environment variable is not set).
    #[error("credentials error: {0}")]
    Credentials(String),

    /// The request cannot be sent as built (missing path parameter, header value with CR/LF, ...).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl Error {
    /// The service error, when this is [`Error::Service`] or [`Error::ClockSkew`].
    pub fn as_service(&self) -> Option<&ServiceError> {
        match self {
            Error::Service(e) | Error::ClockSkew { error: e, .. } => Some(e),
            _ => None,
        }
    }

    /// The service rejected the request time ([`Error::ClockSkew`]).
    pub fn is_clock_skew(&self) -> bool {
        matches!(self, Error::ClockSkew { .. })
    }

    /// The request id of the answer, when there was one ([`Error::Service`],
    /// [`Error::ClockSkew`], [`Error::Decode`]).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Decode { request_id, .. } => request_id.as_deref(),
            _ => self.as_service().and_then(|e| e.request_id.as_deref()),
        }
    }

    /// HTTP status code of the answer ([`Error::Service`], [`Error::ClockSkew`],
    /// [`Error::Decode`]).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Decode { status, .. } => Some(*status),
            _ => self.as_service().map(|e| e.status),
        }
    }

    /// The service's own error code (`VPC.0111`, `APIGW.0101`), when the body gave one.
    pub fn service_code(&self) -> Option<&str> {
        self.as_service().and_then(|e| e.error_code.as_deref())
    }

    /// The request may have reached the service without a complete answer coming back
    /// ([`Error::OutcomeUnknown`], or a total or operation timeout): it may have taken effect.
    pub fn is_outcome_unknown(&self) -> bool {
        match self {
            Error::OutcomeUnknown { .. } => true,
            Error::Timeout { kind, .. } => *kind != "connect",
            _ => false,
        }
    }

    /// The request was certainly not sent ([`Error::Transport`], a connect timeout): repeating it
    /// is safe.
    pub fn is_not_sent(&self) -> bool {
        matches!(self, Error::Transport { .. } | Error::Timeout { kind: "connect", .. })
    }

    /// The encoded reason an IAM policy denied the call, when the body gave one.
    pub fn encoded_authorization_message(&self) -> Option<&str> {
        self.as_service().and_then(|e| e.encoded_authorization_message.as_deref())
    }

    /// The resource (or the operation's path) does not exist: a 404, or an error code naming
    /// it (Nova's and Trove's `itemNotFound`, Neutron's `NetworkNotFound`, `...NotFound`).
    pub fn is_not_found(&self) -> bool {
        let code = self.service_code().unwrap_or_default().to_ascii_lowercase();
        self.status() == Some(404) || code.ends_with("notfound")
    }

    /// The service refused the call for its rate: 429, an error code naming throttling or flow
    /// control, the gateway's throttling code `APIGW.0308`, or Nova's `overLimit`.
    pub fn is_throttling(&self) -> bool {
        let code = self.service_code().unwrap_or_default().to_ascii_lowercase();
        self.status() == Some(429)
            || code.contains("throttl")
            || code.contains("flowcontrol")
            || code == "apigw.0308"
            || code == "overlimit"
    }

    /// The [`DefaultRetryClassifier`](crate::DefaultRetryClassifier) would try this again: the
    /// request was not sent (any method), or the service answered 429, 502, 503 or 504 (for an
    /// idempotent method; a POST or PATCH that got one is retried only by a custom classifier).
    /// Timeouts and unknown outcomes are not retryable: the call may have taken effect.
    pub fn is_retryable(&self) -> bool {
        self.is_not_sent() || self.status().is_some_and(is_retryable_status)
    }
}

/// The statuses the default retry classifier retries for idempotent methods: 429, 502, 503,
/// 504 (here, not in `retry`, so that the error does not depend on the retry loop).
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// An error answer from the service, built from a non-success HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceError {
    /// Operation name, e.g. `CreateNodePool`.
    pub operation: &'static str,
    /// HTTP status code.
    pub status: u16,
    /// Value of the `X-Request-Id` response header (or the body's `request_id`).
    pub request_id: Option<String>,
    /// `error_code` (flat shape) or `error.code` (nested shape); for Nova's
    /// `{"itemNotFound": {"code": 404, ..}}` the key naming the error (`itemNotFound`).
    pub error_code: Option<String>,
    /// `error_msg` (flat shape) or `error.message` (nested shape).
    pub error_msg: Option<String>,
    /// The encoded reason an IAM policy denied the call (`encoded_authorization_message`), to be
    /// decoded by an administrator.
    pub encoded_authorization_message: Option<String>,
    /// The body, lossily decoded and truncated to [`MAX_RAW_BODY`] bytes, when it was not one of
    /// the known JSON error shapes (e.g. an HTML error page from a proxy).
    pub raw_body: Option<String>,
}

impl ServiceError {
    /// Builds the error from a response's parts, reading the code, message, request id and
    /// encoded authorization message from every error body shape the services document (see
    /// `error_body`): flat `{"error_code", "error_msg"}` and its spellings (`errorCode`,
    /// `errCode`, `code` + `message`, ...), wrapped `{"error": {..}}` and `{"message": {..}}`, and
    /// one object under a key naming the error (`{"itemNotFound": {..}}`, `NeutronError`).
    pub fn from_parts(operation: &'static str, status: u16, request_id: Option<String>, body: &[u8]) -> Self {
        let mut err = ServiceError {
            operation,
            status,
            request_id,
            error_code: None,
            error_msg: None,
            encoded_authorization_message: None,
            raw_body: None,
        };
        match crate::error_body::parse(body) {
            Some(parsed) => {
                err.error_code = parsed.code;
                err.error_msg = parsed.message;
                err.encoded_authorization_message = parsed.encoded_authorization_message;
                if err.request_id.is_none() {
                    err.request_id = parsed.request_id;
                }
            }
            None => err.raw_body = Some(truncate_lossy(body, MAX_RAW_BODY)),
        }
        err
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.error_code, &self.error_msg) {
            (Some(code), Some(msg)) => write!(f, "{code}: {msg}")?,
            (Some(code), None) => write!(f, "{code}")?,
            (None, Some(msg)) => write!(f, "{}: {msg}", self.operation)?,
            (None, None) => write!(f, "{} failed", self.operation)?,
        }
        match &self.request_id {
            Some(id) => write!(f, " (HTTP {}, request id {id})", self.status)?,
            None => write!(f, " (HTTP {})", self.status)?,
        }
        if let Some(raw) = &self.raw_body {
            let flat: String = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
            if !flat.is_empty() {
                write!(f, ": {flat}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

/// Lossy UTF-8 of at most `max` bytes of `bytes` (cut at a character boundary), with `…` appended
/// when something was cut.
pub(crate) fn truncate_lossy(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    if text.len() <= max {
        return text.into_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = text.get(..end).unwrap_or_default().to_owned();
    out.push('…');
    out
}

fn fmt_request_id(id: Option<&str>) -> String {
    id.map(|id| format!(", request id {id}")).unwrap_or_default()
}

fn fmt_skew(skew: Option<i64>) -> String {
    match skew {
        Some(s) if s > 0 => format!(" (this machine's clock is about {s} s behind the service's)"),
        Some(s) if s < 0 => format!(" (this machine's clock is about {} s ahead of the service's)", -s),
        _ => String::new(),
    }
}

fn fmt_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// The cause chain of an error, joined by `: ` (reqwest's top-level message alone rarely says why).
pub(crate) fn chain_message(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut cur = err.source();
    while let Some(e) = cur {
        let s = e.to_string();
        if parts.last() != Some(&s) {
            parts.push(s);
        }
        cur = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_shape() {
        let e = ServiceError::from_parts(
            "Op",
            400,
            Some("abc".into()),
            br#"{"error_code":"ModelArts.50004000","error_msg":"Bad request."}"#,
        );
        assert_eq!(e.to_string(), "ModelArts.50004000: Bad request. (HTTP 400, request id abc)");
        assert!(e.raw_body.is_none());
    }

    #[test]
    fn nested_shape_and_body_request_id() {
        let e = ServiceError::from_parts(
            "Op",
            404,
            None,
            br#"{"error":{"code":"APIGW.0101","message":"not found"},"request_id":"r1"}"#,
        );
        assert_eq!(e.error_code.as_deref(), Some("APIGW.0101"));
        assert_eq!(e.error_msg.as_deref(), Some("not found"));
        assert_eq!(e.request_id.as_deref(), Some("r1"));
    }

    #[test]
    fn vpc_neutron_and_nova_shapes() {
        let vpc = ServiceError::from_parts("X", 400, None, br#"{"code":"VPC.0111","message":"bad cidr"}"#);
        assert_eq!((vpc.error_code.as_deref(), vpc.error_msg.as_deref()), (Some("VPC.0111"), Some("bad cidr")));
        let neutron = ServiceError::from_parts(
            "X",
            404,
            None,
            br#"{"NeutronError":{"type":"NetworkNotFound","message":"Network x could not be found.","detail":""}}"#,
        );
        assert_eq!(neutron.error_code.as_deref(), Some("NetworkNotFound"));
        assert_eq!(neutron.error_msg.as_deref(), Some("Network x could not be found."));
        assert!(neutron.raw_body.is_none());
        let nova = ServiceError::from_parts(
            "X",
            404,
            None,
            br#"{"itemNotFound":{"code":404,"message":"Instance not found"}}"#,
        );
        assert_eq!(
            (nova.error_code.as_deref(), nova.error_msg.as_deref()),
            (Some("itemNotFound"), Some("Instance not found"))
        );
        // Two unknown members: not an error shape, kept raw.
        let other = ServiceError::from_parts("X", 500, None, br#"{"a":{"code":"1"},"b":{}}"#);
        assert!(other.error_code.is_none() && other.raw_body.is_some());
    }

    #[test]
    fn helpers_tell_not_found_and_throttling() {
        let not_found =
            Error::Service(ServiceError::from_parts("X", 404, None, br#"{"code":"VPC.0202","message":"x"}"#));
        assert!(not_found.is_not_found() && !not_found.is_throttling());
        assert_eq!(not_found.service_code(), Some("VPC.0202"));
        let limited = Error::Service(ServiceError::from_parts("X", 429, None, b""));
        assert!(limited.is_throttling() && !limited.is_not_found());
        let flow = Error::Service(ServiceError::from_parts(
            "X",
            400,
            None,
            br#"{"error_code":"Common.Throttling","error_msg":"too many"}"#,
        ));
        assert!(flow.is_throttling());
        assert!(!Error::Config("x".into()).is_not_found());
        let gateway = Error::Service(ServiceError::from_parts(
            "X",
            400,
            None,
            br#"{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached"}"#,
        ));
        assert!(gateway.is_throttling());
        let nova =
            Error::Service(ServiceError::from_parts("X", 413, None, br#"{"overLimit":{"code":413,"message":"m"}}"#));
        assert!(nova.is_throttling());
    }

    /// A not-found error told by its code when the status is not 404 (a gateway may map it).
    #[test]
    fn not_found_by_code() {
        let service = |status, body: &[u8]| Error::Service(ServiceError::from_parts("X", status, None, body));
        assert!(service(400, br#"{"itemNotFound":{"code":400,"message":"m"}}"#).is_not_found());
        assert!(service(400, br#"{"NeutronError":{"type":"PortNotFound","message":"m"}}"#).is_not_found());
        assert!(!service(400, br#"{"code":"VPC.0111","message":"m"}"#).is_not_found());
        assert_eq!(service(400, br#"{"code":"VPC.0111","message":"m"}"#).service_code(), Some("VPC.0111"));
    }

    /// `is_retryable` says what the default retry classifier retries (for idempotent methods).
    #[test]
    fn retryable_follows_the_default_classifier() {
        let status = |s| Error::Service(ServiceError::from_parts("X", s, None, b""));
        for s in [429, 502, 503, 504] {
            assert!(status(s).is_retryable(), "{s}");
        }
        for s in [400, 404, 409, 500] {
            assert!(!status(s).is_retryable(), "{s}");
        }
        let not_sent = Error::Transport { operation: "X", message: "refused".into(), source: "refused".into() };
        assert!(not_sent.is_retryable());
        let unknown = Error::OutcomeUnknown { operation: "X", message: "reset".into(), source: "reset".into() };
        assert!(!unknown.is_retryable());
        assert!(Error::Timeout { operation: "X", kind: "connect", after: Duration::from_secs(1) }.is_retryable());
        assert!(!Error::Timeout { operation: "X", kind: "total", after: Duration::from_secs(1) }.is_retryable());
        assert!(!Error::Config("x".into()).is_retryable());
    }

    #[test]
    fn encoded_authorization_message_is_kept() {
        let denied = Error::Service(ServiceError::from_parts(
            "X",
            403,
            None,
            br#"{"error_code":"IAM.0003","error_msg":"Policy doesn't allow","encoded_authorization_message":"ZW5j"}"#,
        ));
        assert_eq!(denied.encoded_authorization_message(), Some("ZW5j"));
        assert_eq!(denied.service_code(), Some("IAM.0003"));
    }

    #[test]
    fn raw_is_truncated_on_char_boundary() {
        let body = "界".repeat(400);
        let s = truncate_lossy(body.as_bytes(), MAX_RAW_BODY);
        assert!(s.len() <= MAX_RAW_BODY + '…'.len_utf8());
        assert!(s.ends_with('…'));
        let e = ServiceError::from_parts("Op", 500, None, b"<html>\n<body>oops</body></html>");
        assert_eq!(e.to_string(), "Op failed (HTTP 500): <html> <body>oops</body></html>");
    }

    #[test]
    fn timeout_display() {
        let e = Error::Timeout { operation: "Op", kind: "total", after: Duration::from_millis(250) };
        assert_eq!(e.to_string(), "Op: timed out after 250ms (total timeout)");
    }
}
