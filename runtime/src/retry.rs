//! When to retry and how long to wait.
//!
//! * A connect error is retried for every method: the request never reached the server.
//! * `429`, `502`, `503` and `504` are retried for idempotent methods only (GET, HEAD, PUT,
//!   DELETE, OPTIONS); a POST or PATCH may already have had an effect.
//! * Timeouts and other transport errors are not retried.
//! * The wait is exponential with jitter, or the server's `Retry-After` (seconds), both capped.

use std::time::Duration;

use reqwest::Method;

/// What one attempt produced, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The connection could not be established; nothing was sent.
    ConnectFailed,
    /// The server answered with this status code.
    Status(u16),
}

/// Retry settings taken from the [`Config`](crate::Config).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
}

impl RetryPolicy {
    /// Whether `outcome` of attempt number `attempt` (1-based) should be followed by another try.
    pub(crate) fn should_retry(&self, method: &Method, outcome: Outcome, attempt: u32) -> bool {
        if attempt >= self.max_attempts {
            return false;
        }
        match outcome {
            Outcome::ConnectFailed => true,
            Outcome::Status(429 | 502 | 503 | 504) => is_idempotent(method),
            Outcome::Status(_) => false,
        }
    }

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

    #[test]
    fn retry_rules() {
        let p = policy();
        assert!(p.should_retry(&Method::GET, Outcome::Status(503), 1));
        assert!(!p.should_retry(&Method::GET, Outcome::Status(503), 3));
        assert!(!p.should_retry(&Method::POST, Outcome::Status(503), 1));
        assert!(!p.should_retry(&Method::PATCH, Outcome::Status(429), 1));
        assert!(p.should_retry(&Method::POST, Outcome::ConnectFailed, 1));
        assert!(!p.should_retry(&Method::GET, Outcome::Status(500), 1));
        assert!(p.should_retry(&Method::DELETE, Outcome::Status(429), 2));
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
