//! When to retry and how long to wait.
//!
//! * A request that was not sent (connect error, connection closed before it was written) is
//!   retried for every method.
//! * `429`, `502`, `503` and `504` are retried for idempotent methods only (GET, HEAD, PUT,
//!   DELETE, OPTIONS); a POST or PATCH may already have had an effect.
//! * Timeouts and requests whose outcome is unknown (reset after sending, truncated answer) are
//!   not retried.
//! * [`RetryClassifier`] lets users replace these rules; attempts stay bounded either way.
//! * The wait is exponential with jitter, or the server's `Retry-After` (seconds), both capped.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::Method;

use crate::error::is_retryable_status;
use crate::transport::DispatchFailure;

/// What one attempt produced, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum AttemptResult<'a> {
    /// No response: the transport failed, and says how far the request got.
    Failed(DispatchFailure),
    /// The service answered.
    Response {
        /// Status code.
        status: u16,
        /// Headers.
        headers: &'a HeaderMap,
        /// The whole body.
        body: &'a [u8],
    },
}

/// One attempt, for a [`RetryClassifier`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct RetryContext<'a> {
    /// Operation name.
    pub operation: &'static str,
    /// HTTP method.
    pub method: &'a Method,
    /// Attempt number, from 1.
    pub attempt: u32,
    /// What the attempt produced.
    pub result: AttemptResult<'a>,
}

/// Whether to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryDecision {
    /// Return this result to the caller.
    DontRetry,
    /// Try again after the usual wait (the server's `Retry-After`, else backoff).
    Retry,
    /// Try again after this wait (still capped by the maximum retry delay).
    RetryAfter(Duration),
}

/// Decides which attempts are tried again. The runtime still bounds the number of attempts and
/// the operation deadline; a classifier only says whether a result is worth another try.
///
/// Replace the [`DefaultRetryClassifier`] with [`Config::with_retry_classifier`](crate::Config::with_retry_classifier)
/// (e.g. to retry a POST the service documents as idempotent). Retrying a request whose outcome
/// is unknown may apply it twice.
pub trait RetryClassifier: Send + Sync + fmt::Debug {
    /// The decision for one attempt.
    fn classify(&self, ctx: &RetryContext<'_>) -> RetryDecision;
}

/// The default: retry only what is safe. A request that was never sent is retried for every
/// method; `429`, `502`, `503` and `504` for idempotent methods (GET, HEAD, PUT, DELETE,
/// OPTIONS) only; timeouts, unknown outcomes and every other status are not retried.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultRetryClassifier;

impl RetryClassifier for DefaultRetryClassifier {
    fn classify(&self, ctx: &RetryContext<'_>) -> RetryDecision {
        match ctx.result {
            AttemptResult::Failed(DispatchFailure::NotSent) => RetryDecision::Retry,
            AttemptResult::Failed(_) => RetryDecision::DontRetry,
            AttemptResult::Response { status, .. } if is_retryable_status(status) && is_idempotent(ctx.method) => {
                RetryDecision::Retry
            }
            AttemptResult::Response { .. } => RetryDecision::DontRetry,
        }
    }
}

/// Retry settings taken from the [`Config`](crate::Config).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
}

impl RetryPolicy {
    /// The wait after failed attempt number `attempt` (1-based): `Retry-After` when given, else
    /// exponential backoff with jitter; both capped by `max_delay`.
    pub(crate) fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_delay);
        }
        let exp = 2u32.saturating_pow(attempt.saturating_sub(1).min(20));
        let full = self.base_delay.saturating_mul(exp).min(self.max_delay);
        // "Equal jitter": half fixed, half random, so waits never collapse to zero.
        let half = full / 2;
        let spread = u64::try_from((full - half).as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(fastrand::u64(0..=spread))
    }
}

/// GET, HEAD, PUT, DELETE and OPTIONS.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS].contains(method)
}

/// `Retry-After` in seconds (the HTTP-date form is ignored and the backoff used instead).
pub(crate) fn parse_retry_after(value: Option<&str>) -> Option<Duration> {
    value?.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(100), max_delay: Duration::from_secs(1) }
    }

    fn decide(method: Method, result: AttemptResult<'_>) -> RetryDecision {
        DefaultRetryClassifier.classify(&RetryContext { operation: "Op", method: &method, attempt: 1, result })
    }

    #[test]
    fn default_classifier_retries_only_what_is_safe() {
        let h = HeaderMap::new();
        let status = |status| AttemptResult::Response { status, headers: &h, body: b"" };
        assert_eq!(decide(Method::GET, status(503)), RetryDecision::Retry);
        assert_eq!(decide(Method::POST, status(503)), RetryDecision::DontRetry);
        assert_eq!(decide(Method::PATCH, status(429)), RetryDecision::DontRetry);
        assert_eq!(decide(Method::GET, status(500)), RetryDecision::DontRetry);
        assert_eq!(decide(Method::DELETE, status(429)), RetryDecision::Retry);
        assert_eq!(decide(Method::POST, AttemptResult::Failed(DispatchFailure::NotSent)), RetryDecision::Retry);
        for kind in [DispatchFailure::OutcomeUnknown, DispatchFailure::Timeout, DispatchFailure::ConnectTimeout] {
            assert_eq!(decide(Method::GET, AttemptResult::Failed(kind)), RetryDecision::DontRetry, "{kind:?}");
        }
    }

    #[test]
    fn backoff_grows_with_jitter_and_cap() {
        let p = policy();
        for _ in 0..50 {
            let d1 = p.delay(1, None);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100), "{d1:?}");
            let d3 = p.delay(3, None);
            assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400), "{d3:?}");
            assert!(p.delay(30, None) <= Duration::from_secs(1));
        }
        assert_eq!(p.delay(1, Some(Duration::from_secs(3600))), Duration::from_secs(1));
        assert_eq!(p.delay(1, Some(Duration::ZERO)), Duration::ZERO);
    }

    #[test]
    fn retry_after_seconds_only() {
        assert_eq!(parse_retry_after(Some(" 2 ")), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT")), None);
        assert_eq!(parse_retry_after(None), None);
    }
}
