//! Sending one call, in the phases of an orchestrator: the request was *prepared* by the
//! caller (ids filled, path and query encoded); each attempt is *signed* (interceptors before
//! and after), *sent* through the transport, and its answer *classified*: done, try again at
//! once (the clock or the credentials were corrected) or after a *retry decision*'s delay, or
//! failed.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use tracing::Span;

use super::{Client, Sender};
use crate::answers;
use crate::credentials::Auth;
use crate::encode::encode_query;
use crate::endpoint::Endpoint;
use crate::interceptor::{AttemptContext, AttemptOutcome, Interceptor, SignedRequest};
use crate::options::CallOptions;
use crate::provider::{expired, same_secret};
use crate::request::{check_header, Prepared};
use crate::response::HEADER_REQUEST_ID;
use crate::retry::{parse_retry_after, AttemptResult, RetryContext, RetryDecision, RetryPolicy};
use crate::signer::{self, format_sdk_date, SigningRequest, HEADER_SDK_DATE};
use crate::transport::{DispatchFailure, HttpRequest, HttpResponse, TransportError};
use crate::{Credentials, Error, Method, Response};

/// What the classify phase made of one attempt.
enum Verdict {
    /// The call's answer: a response the retry policy leaves alone.
    Done(Response),
    /// Another attempt after this wait (zero when the clock or the credentials were corrected).
    Again(Duration),
    /// The call failed.
    Fail(Error),
}

/// What one call carries from attempt to attempt.
struct CallState {
    attempt: u32,
    credentials: Credentials,
    /// Renew credentials that expire during the call (not for the IAM look-ups of the call).
    refresh: bool,
    /// One more try each when the gateway rejected the request time or the credentials as
    /// expired: it did nothing, so this is safe for every method.
    clock_corrected: bool,
    credentials_renewed: bool,
}

/// The request of one call as every attempt sends it.
struct Target<'a> {
    endpoint: &'a Endpoint,
    prepared: Prepared,
    url: String,
    retry: RetryPolicy,
    timeout: Duration,
}

impl Client {
    /// Sends a prepared request to `endpoint` with retries; with `refresh`, credentials that
    /// expire during the call are asked again from the provider before the next attempt.
    pub(super) async fn send(
        &self,
        endpoint: &Endpoint,
        prepared: Prepared,
        credentials: Credentials,
        refresh: bool,
        options: &CallOptions,
    ) -> Result<Response, Error> {
        let target = self.target(endpoint, prepared, options)?;
        let mut state =
            CallState { attempt: 0, credentials, refresh, clock_corrected: false, credentials_renewed: false };
        loop {
            state.attempt += 1;
            Span::current().record("attempt", state.attempt);
            if state.refresh && expired(&state.credentials, SystemTime::now()) {
                state.credentials = self.renewed(&state.credentials).await?;
            }
            let ctx = AttemptContext {
                service: self.inner.service.name,
                operation: target.prepared.operation,
                method: &target.prepared.method,
                url: &target.url,
                attempt: state.attempt,
            };
            let (headers, shown) = self.sign(&ctx, &target, &state.credentials)?;
            let started = Instant::now();
            let sent =
                self.transmit(&target.prepared, &target.url, target.endpoint, headers, shown, target.timeout).await;
            let latency = started.elapsed();
            match self.classify(&ctx, &target, &mut state, sent, latency).await? {
                Verdict::Done(response) => return Ok(response),
                Verdict::Fail(err) => return Err(err),
                Verdict::Again(delay) if delay.is_zero() => {}
                Verdict::Again(delay) => tokio::time::sleep(delay).await,
            }
        }
    }

    /// The URL, retry policy and timeout every attempt of the call uses.
    fn target<'a>(
        &self,
        endpoint: &'a Endpoint,
        prepared: Prepared,
        options: &CallOptions,
    ) -> Result<Target<'a>, Error> {
        let inner = &*self.inner;
        let mut url = endpoint.url.clone();
        url.set_path(&prepared.encoded_path);
        let query = encode_query(&prepared.query);
        url.set_query(if query.is_empty() { None } else { Some(&query) });
        if url.path() != prepared.encoded_path || url.query().unwrap_or("") != query {
            // The URL parser would rewrite what was signed (it resolves `%2E%2E` segments):
            // refuse rather than send a request to another path.
            return Err(Error::InvalidRequest(format!(
                "{}: the path `{}` cannot be sent unchanged (a path parameter of `.` or `..`?)",
                prepared.operation, prepared.encoded_path
            )));
        }
        let retry = RetryPolicy {
            max_attempts: options.max_attempts.unwrap_or(inner.retry.max_attempts).max(1),
            base_delay: options.retry_base_delay.unwrap_or(inner.retry.base_delay),
            max_delay: options.max_retry_delay.unwrap_or(inner.retry.max_delay),
        };
        let timeout = options.timeout.unwrap_or(inner.timeout);
        Ok(Target { endpoint, prepared, url: url.to_string(), retry, timeout })
    }

    /// The sign phase: interceptors' headers, then the signature (or token), shown to the
    /// interceptors with secrets redacted.
    fn sign(
        &self,
        ctx: &AttemptContext<'_>,
        target: &Target<'_>,
        credentials: &Credentials,
    ) -> Result<(HeaderMap, Vec<(String, String)>), Error> {
        let interceptors = &self.inner.interceptors;
        let mut extra = Vec::new();
        for i in interceptors {
            i.before_signing(ctx, &mut extra);
        }
        let prepared = &target.prepared;
        let (headers, shown) = self.attempt_headers(target.endpoint, prepared, credentials, extra)?;
        let body_len = prepared.body.as_ref().map_or(0, Vec::len);
        for i in interceptors {
            i.after_signing(ctx, &SignedRequest { headers: &shown, body_len });
        }
        Ok((headers, shown))
    }

    /// The classify phase: what the attempt's answer (or failure) means for the call.
    async fn classify(
        &self,
        ctx: &AttemptContext<'_>,
        target: &Target<'_>,
        state: &mut CallState,
        sent: Result<HttpResponse, TransportError>,
        latency: Duration,
    ) -> Result<Verdict, Error> {
        let inner = &*self.inner;
        let (method, operation, attempt) = (&target.prepared.method, target.prepared.operation, state.attempt);
        let HttpResponse { status, headers, body, .. } = match sent {
            Ok(r) => r,
            Err(e) => {
                let result = AttemptResult::Failed(e.kind());
                if let Some(delay) = self.retry_delay(&target.retry, method, operation, attempt, result) {
                    let message = e.to_string();
                    notify(&inner.interceptors, ctx, None, None, latency, Some(message.clone()), true);
                    tracing::warn!(attempt, delay_ms = delay.as_millis() as u64, error = %message, kind = ?e.kind(), "request not completed, retrying");
                    return Ok(Verdict::Again(delay));
                }
                let err = self.transport_error(operation, e, target.timeout);
                notify(&inner.interceptors, ctx, None, None, latency, Some(err.to_string()), false);
                return Ok(Verdict::Fail(err));
            }
        };
        let request_id = headers.get(HEADER_REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let span = Span::current();
        span.record("status", status);
        if let Some(id) = &request_id {
            span.record("request_id", id.as_str());
        }
        let again = |why: &str| {
            notify(&inner.interceptors, ctx, Some(status), request_id.clone(), latency, None, true);
            tracing::warn!(attempt, status, request_id, "{why}");
        };
        if !state.clock_corrected && answers::is_clock_skew(status, &body) && inner.clock.learn(&headers) {
            state.clock_corrected = true;
            again("the service rejected the request time (clock skew); signing with the service's clock and retrying");
            return Ok(Verdict::Again(Duration::ZERO));
        }
        if state.refresh
            && !state.credentials_renewed
            && answers::is_refused_credentials(status, &body, &state.credentials)
        {
            state.credentials_renewed = true;
            inner.credentials.invalidate();
            let fresh = self.renewed(&state.credentials).await?;
            if !same_secret(&fresh, &state.credentials) {
                state.credentials = fresh;
                again("the service rejected the credentials as expired or refused the IAM token; retrying with fresh ones");
                return Ok(Verdict::Again(Duration::ZERO));
            }
        }
        let result = AttemptResult::Response { status, headers: &headers, body: &body };
        if let Some(delay) = self.retry_delay(&target.retry, method, operation, attempt, result) {
            notify(&inner.interceptors, ctx, Some(status), request_id.clone(), latency, None, true);
            tracing::warn!(
                attempt,
                status,
                request_id,
                delay_ms = delay.as_millis() as u64,
                "retryable status, retrying"
            );
            return Ok(Verdict::Again(delay));
        }
        notify(&inner.interceptors, ctx, Some(status), request_id.clone(), latency, None, false);
        tracing::debug!(attempt, status, request_id, body_len = body.len(), "response received");
        Ok(Verdict::Done(Response::new(operation, status, headers, body)))
    }

    /// The retry decision: the wait before another attempt, when the classifier wants one and attempts are left.
    fn retry_delay(
        &self,
        retry: &RetryPolicy,
        method: &Method,
        operation: &'static str,
        attempt: u32,
        result: AttemptResult<'_>,
    ) -> Option<Duration> {
        if attempt >= retry.max_attempts {
            return None;
        }
        let ctx = RetryContext { operation, method, attempt, result };
        match self.inner.classifier.classify(&ctx) {
            RetryDecision::DontRetry => None,
            RetryDecision::Retry => {
                let retry_after = match result {
                    AttemptResult::Response { headers, .. } => {
                        parse_retry_after(headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok()))
                    }
                    AttemptResult::Failed(_) => None,
                };
                Some(retry.delay(attempt, retry_after))
            }
            RetryDecision::RetryAfter(wait) => Some(wait.min(retry.max_delay)),
        }
    }

    async fn transmit(
        &self,
        prepared: &Prepared,
        url: &str,
        endpoint: &Endpoint,
        headers: HeaderMap,
        shown: Vec<(String, String)>,
        timeout: Duration,
    ) -> Result<HttpResponse, TransportError> {
        match &self.inner.transport {
            Sender::Transport(transport) => {
                let _ = (shown, endpoint);
                let request = HttpRequest {
                    operation: prepared.operation,
                    method: prepared.method.clone(),
                    url: url.to_owned(),
                    headers,
                    body: prepared.body.clone(),
                    timeout,
                };
                transport.send(request).await
            }
            #[cfg(feature = "test-util")]
            Sender::Mock(mock) => {
                let _ = headers;
                let (status, headers, body) = mock.answer(crate::mock::RecordedRequest {
                    operation: prepared.operation.to_owned(),
                    method: prepared.method.to_string(),
                    host: endpoint.host.clone(),
                    path: prepared.encoded_path.clone(),
                    query: prepared.query.clone(),
                    headers: shown,
                    body: prepared.body.clone().unwrap_or_default(),
                });
                Ok(HttpResponse::new(status, headers, body))
            }
        }
    }

    /// Headers of one attempt: the prepared ones plus the interceptors', `Host`, a fresh
    /// `X-Sdk-Date` and the authentication (signature, or IAM token); also the list as shown to
    /// interceptors and mocks, secrets redacted.
    fn attempt_headers(
        &self,
        endpoint: &Endpoint,
        prepared: &Prepared,
        credentials: &Credentials,
        extra: Vec<(String, String)>,
    ) -> Result<(HeaderMap, Vec<(String, String)>), Error> {
        let operation = prepared.operation;
        let mut list = prepared.headers.clone();
        for (name, value) in extra {
            check_header(&name, &value).map_err(|p| Error::InvalidRequest(format!("{operation}: interceptor: {p}")))?;
            match list.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                Some(slot) => slot.1 = value.trim().to_owned(),
                None => list.push((name, value.trim().to_owned())),
            }
        }
        list.push(("Host".to_owned(), endpoint.host.clone()));
        let mut secret_headers: Vec<(&'static str, String)> = Vec::new();
        match &credentials.auth {
            Auth::AkSk { ak, sk } => {
                list.push((HEADER_SDK_DATE.to_owned(), format_sdk_date(self.inner.clock.now())));
                if let Some(token) = &credentials.security_token {
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
        let mut shown = Vec::with_capacity(list.len() + secret_headers.len());
        for (name, value) in &list {
            let sensitive = name.eq_ignore_ascii_case("x-security-token");
            map.insert(header_name(name, operation)?, header_value(name, value, sensitive, operation)?);
            shown.push((name.clone(), if sensitive { "<redacted>".to_owned() } else { value.clone() }));
        }
        for (name, value) in &secret_headers {
            map.insert(header_name(name, operation)?, header_value(name, value, true, operation)?);
            shown.push(((*name).to_owned(), "<redacted>".to_owned()));
        }
        Ok((map, shown))
    }

    fn transport_error(&self, operation: &'static str, e: TransportError, timeout: Duration) -> Error {
        match e.kind() {
            DispatchFailure::ConnectTimeout => {
                Error::Timeout { operation, kind: "connect", after: self.inner.connect_timeout }
            }
            DispatchFailure::Timeout => Error::Timeout { operation, kind: "total", after: timeout },
            DispatchFailure::OutcomeUnknown => {
                Error::OutcomeUnknown { operation, message: e.to_string(), source: e.into_source() }
            }
            _ => Error::Transport { operation, message: e.to_string(), source: e.into_source() },
        }
    }
}

fn notify(
    interceptors: &[Arc<dyn Interceptor>],
    ctx: &AttemptContext<'_>,
    status: Option<u16>,
    request_id: Option<String>,
    latency: Duration,
    error: Option<String>,
    retrying: bool,
) {
    if interceptors.is_empty() {
        return;
    }
    let outcome = AttemptOutcome { status, request_id, latency, error, retrying };
    for i in interceptors {
        i.after_attempt(ctx, &outcome);
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
