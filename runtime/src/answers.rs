//! Error answers the runtime itself acts on, because the service rejected the request at its
//! gateway before doing anything (so trying again is safe for every method):
//!
//! * **clock skew**: the signed `X-Sdk-Date` is too far from the service's clock (API Gateway's
//!   "Request time out of range" / signature-expired answers, 400/401/403). With the answer's
//!   `Date` header the runtime learns the offset, signs with corrected time and tries once more.
//! * **refused credentials**: temporary keys or a token the service says have expired (401/403),
//!   or an IAM token answered with 401 whatever the message (expired early, revoked). The runtime
//!   tells the provider ([`ProvideCredentials::invalidate`](crate::ProvideCredentials::invalidate)),
//!   asks it again and, when that gave other credentials, tries once more.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, DATE};

use crate::credentials::Auth;
use crate::error::ServiceError;
use crate::metadata::parse_utc_timestamp;
use crate::Credentials;

/// Smallest offset worth correcting: below it, the clock is not what the service objects to.
const MIN_SKEW: Duration = Duration::from_secs(60);

/// The error code and message of an answer, lower-cased, for the checks below.
fn answer_text(status: u16, body: &[u8]) -> String {
    let e = ServiceError::from_parts("", status, None, body);
    let parts = [e.error_code, e.error_msg, e.raw_body];
    parts.into_iter().flatten().collect::<Vec<_>>().join(" ").to_ascii_lowercase()
}

/// Whether the service rejected the request time.
pub(crate) fn is_clock_skew(status: u16, body: &[u8]) -> bool {
    if !matches!(status, 400 | 401 | 403) {
        return false;
    }
    let text = answer_text(status, body);
    ["time out of range", "signature expired", "request expired", "request has expired", "clock skew"]
        .iter()
        .any(|m| text.contains(m))
        || (text.contains("x-sdk-date") && (text.contains("expired") || text.contains("range")))
}

/// Whether the service rejected the credentials as expired (and not the request time).
pub(crate) fn is_expired_credentials(status: u16, body: &[u8]) -> bool {
    if !matches!(status, 401 | 403) || is_clock_skew(status, body) {
        return false;
    }
    let text = answer_text(status, body);
    text.contains("expired") && ["token", "credential", "access key", " ak"].iter().any(|m| text.contains(m))
}

/// Whether the service refused `used`: rejected as expired, or a 401 to an IAM token (a token
/// carries no request time, so its 401 is about the token itself).
pub(crate) fn is_refused_credentials(status: u16, body: &[u8], used: &Credentials) -> bool {
    is_expired_credentials(status, body)
        || (status == 401 && matches!(used.auth, Auth::Token(_)) && !is_clock_skew(status, body))
}

/// Service time minus `now`, in seconds, from the answer's `Date` header.
pub(crate) fn skew_seconds(headers: &HeaderMap, now: SystemTime) -> Option<i64> {
    let server = http_date(headers.get(DATE)?.to_str().ok()?)?;
    Some(match server.duration_since(now) {
        Ok(ahead) => i64::try_from(ahead.as_secs()).unwrap_or(i64::MAX),
        Err(behind) => -i64::try_from(behind.duration().as_secs()).unwrap_or(i64::MAX),
    })
}

/// An HTTP date in the IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT`.
pub(crate) fn http_date(value: &str) -> Option<SystemTime> {
    let rest = value.trim().split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let (day, month, year, time, zone) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if zone != "GMT" || parts.next().is_some() {
        return None;
    }
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    parse_utc_timestamp(&format!("{year}-{month:02}-{day}T{time}Z"))
}

/// The offset between the service's clock and this machine's, learnt from clock-skew answers and
/// applied to every later signature of the client.
#[derive(Debug, Default)]
pub(crate) struct ClockOffset(AtomicI64);

impl ClockOffset {
    /// The signing time: now, corrected by the learnt offset.
    pub(crate) fn now(&self) -> SystemTime {
        let offset = self.0.load(Ordering::Relaxed);
        let now = SystemTime::now();
        let shift = Duration::from_secs(offset.unsigned_abs());
        if offset >= 0 {
            now + shift
        } else {
            now.checked_sub(shift).unwrap_or(now)
        }
    }

    /// Learns the offset of a clock-skew answer; `false` when it has no usable `Date` or the
    /// difference is too small to explain the rejection.
    pub(crate) fn learn(&self, headers: &HeaderMap) -> bool {
        match skew_seconds(headers, SystemTime::now()) {
            Some(s) if s.unsigned_abs() >= MIN_SKEW.as_secs() => {
                self.0.store(s, Ordering::Relaxed);
                true
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_answers() {
        let skew = br#"{"error_code":"APIGW.0201","error_msg":"Request time out of range","request_id":"r"}"#;
        assert!(is_clock_skew(401, skew) && !is_clock_skew(500, skew) && !is_expired_credentials(401, skew));
        let expired = br#"{"error_code":"APIGW.0301","error_msg":"The security token has expired"}"#;
        assert!(is_expired_credentials(401, expired) && !is_clock_skew(401, expired));
        assert!(!is_expired_credentials(404, expired));
        assert!(!is_clock_skew(401, br#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication"}"#));
    }

    #[test]
    fn refused_credentials() {
        let token = Credentials::token("T");
        let keys = Credentials::ak_sk("AK", "SK");
        let incorrect = br#"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information"}"#;
        // A token's 401 is about the token; keys are renewed only when said to be expired.
        assert!(is_refused_credentials(401, incorrect, &token) && !is_refused_credentials(401, incorrect, &keys));
        assert!(!is_refused_credentials(403, incorrect, &token));
        let expired = br#"{"error_code":"APIGW.0301","error_msg":"The security token has expired"}"#;
        assert!(is_refused_credentials(401, expired, &keys) && is_refused_credentials(401, expired, &token));
        let skew = br#"{"error_code":"APIGW.0201","error_msg":"Request time out of range"}"#;
        assert!(!is_refused_credentials(401, skew, &token));
    }

    #[test]
    fn http_dates() {
        let t = http_date("Sun, 06 Nov 1994 08:49:37 GMT").and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok());
        assert_eq!(t, Some(Duration::from_secs(784_111_777)));
        assert!(http_date("Sunday, 06-Nov-94 08:49:37 GMT").is_none());
        assert!(http_date("Sun, 06 Foo 1994 08:49:37 GMT").is_none());
    }
}
