//! Per-call options: timeouts, retry policy and extra headers for one call or one client handle.

use std::time::Duration;

/// Options overriding the configuration for one call ([`Request::with_options`](crate::Request::with_options))
/// or for every call of a client handle ([`Client::with_options`](crate::Client::with_options)).
/// Unset fields keep the configured value; a request's options win over the client handle's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) max_attempts: Option<u32>,
    pub(crate) retry_base_delay: Option<Duration>,
    pub(crate) max_retry_delay: Option<Duration>,
    pub(crate) headers: Vec<(String, String)>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Total timeout of one attempt.
    pub fn with_timeout(mut self, d: Duration) -> Self {
        self.timeout = Some(d);
        self
    }

    /// Deadline of the whole operation (every attempt and wait, credential and id look-ups).
    pub fn with_operation_timeout(mut self, d: Duration) -> Self {
        self.operation_timeout = Some(d);
        self
    }

    /// Number of attempts including the first; `1` disables retries.
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = Some(n.max(1));
        self
    }

    /// Base delay of the exponential backoff.
    pub fn with_retry_base_delay(mut self, d: Duration) -> Self {
        self.retry_base_delay = Some(d);
        self
    }

    /// Cap on one wait between attempts.
    pub fn with_max_retry_delay(mut self, d: Duration) -> Self {
        self.max_retry_delay = Some(d);
        self
    }

    /// An extra header, signed like the others (replacing a header of the same name set by the
    /// call). Headers the runtime manages (`Authorization`, `X-Sdk-Date`, ...) are refused when
    /// the call is made.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// These options with `over`'s set fields winning; headers are concatenated (`over`'s last).
    pub fn merged(&self, over: &CallOptions) -> CallOptions {
        CallOptions {
            timeout: over.timeout.or(self.timeout),
            operation_timeout: over.operation_timeout.or(self.operation_timeout),
            max_attempts: over.max_attempts.or(self.max_attempts),
            retry_base_delay: over.retry_base_delay.or(self.retry_base_delay),
            max_retry_delay: over.max_retry_delay.or(self.max_retry_delay),
            headers: self.headers.iter().chain(&over.headers).cloned().collect(),
        }
    }
}
