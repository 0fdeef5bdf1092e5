//! An SDK-HMAC-SHA256 verifier, written from the API gateway's description of the algorithm
//! (the one the official Huawei Cloud SDKs implement), independent of `hwcloud_runtime::signer`:
//!
//! ```text
//! CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HexEncode(SHA256(Body))
//! StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n HexEncode(SHA256(CanonicalRequest))
//! Signature        = HexEncode(HMAC-SHA256(SK, StringToSign))
//! Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b;c, Signature=...
//! ```
//!
//! The canonical URI is the request path decoded as a whole, split at every `/` (so a `%2F` inside
//! a path parameter is a separator, as in the official SDKs' `_process_canonical_uri` /
//! `CanonicalURI`), each piece encoded again (RFC 3986 unreserved characters kept), ending in `/`; the canonical query string is the
//! decoded pairs sorted by name then value, encoded the same way; canonical headers are
//! `name:trimmed value\n` for each signed header, in the order of `SignedHeaders` (lower case,
//! sorted). `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` replaces the body hash.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::server::Received;

/// Most seconds `X-Sdk-Date` may be away from now (the gateway allows 15 minutes).
pub const MAX_CLOCK_SKEW: u64 = 15 * 60;

/// RFC 3986 percent-encoding of everything but unreserved characters, upper-case hex.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-decoding to bytes (a malformed escape is kept as is).
pub fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn decode_text(s: &str) -> String {
    String::from_utf8_lossy(&percent_decode(s)).into_owned()
}

/// The decoded `(name, value)` pairs of a raw query string, in order.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_text(k), decode_text(v))
        })
        .collect()
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Seconds since the epoch of `YYYYMMDDTHHMMSSZ`.
fn parse_sdk_date(date: &str) -> Option<u64> {
    let b = date.as_bytes();
    let well_formed = b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b.iter().enumerate().all(|(i, c)| i == 8 || i == 15 || c.is_ascii_digit());
    if !well_formed {
        return None;
    }
    let num = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<i64>().ok());
    let (y, m, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
    let (hh, mm, ss) = (num(9..11)?, num(11..13)?, num(13..15)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hh * 3600 + mm * 60 + ss).ok()
}

/// What a verified request was signed with.
#[derive(Debug, Clone)]
pub struct Verified {
    /// `SignedHeaders`, as sent.
    pub signed_headers: Vec<String>,
    /// The canonical request the signature covers.
    pub canonical_request: String,
}

/// Checks the signature of a received request against `ak`/`sk`.
pub fn verify(req: &Received, ak: &str, sk: &str) -> Result<Verified, String> {
    let auth = req.header("authorization").ok_or("no Authorization header")?;
    let rest = auth.strip_prefix("SDK-HMAC-SHA256 ").ok_or_else(|| format!("wrong algorithm in `{auth}`"))?;
    let (mut access, mut signed, mut signature) = (None, None, None);
    for part in rest.split(", ") {
        let (k, v) = part.split_once('=').ok_or("malformed Authorization")?;
        match k {
            "Access" => access = Some(v),
            "SignedHeaders" => signed = Some(v),
            "Signature" => signature = Some(v),
            _ => return Err(format!("unknown Authorization field {k}")),
        }
    }
    if access != Some(ak) {
        return Err(format!("wrong access key {access:?}"));
    }
    let signed: Vec<String> = signed.ok_or("no SignedHeaders")?.split(';').map(str::to_owned).collect();
    let mut sorted = signed.clone();
    sorted.sort();
    sorted.dedup();
    if sorted != signed || signed.iter().any(|h| h.chars().any(|c| c.is_ascii_uppercase())) {
        return Err(format!("SignedHeaders must be lower case, sorted, without repeats: {signed:?}"));
    }
    for required in ["host", "x-sdk-date"] {
        if !signed.iter().any(|s| s == required) {
            return Err(format!("{required} is not signed"));
        }
    }
    let date = req.header("x-sdk-date").ok_or("no X-Sdk-Date")?;
    let at = parse_sdk_date(date).ok_or_else(|| format!("bad X-Sdk-Date {date}"))?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or_default();
    if at.abs_diff(now) > MAX_CLOCK_SKEW {
        return Err(format!("X-Sdk-Date {date} is more than 15 minutes away from now"));
    }

    let mut uri = decode_text(&req.path).split('/').map(percent_encode).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let mut pairs = query_pairs(&req.query);
    pairs.sort();
    let query =
        pairs.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect::<Vec<_>>().join("&");
    let mut headers = String::new();
    for name in &signed {
        let value = req.header(name).ok_or_else(|| format!("signed header {name} is missing"))?;
        headers.push_str(&format!("{name}:{}\n", value.trim()));
    }
    let payload = match req.header("x-sdk-content-sha256") {
        Some(v) => v.to_owned(),
        None => sha256_hex(&req.body),
    };
    let canonical = format!("{}\n{uri}\n{query}\n{headers}\n{}\n{payload}", req.method, signed.join(";"));
    let to_sign = format!("SDK-HMAC-SHA256\n{date}\n{}", sha256_hex(canonical.as_bytes()));
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(sk.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(to_sign.as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    if Some(expected.as_str()) != signature {
        return Err(format!("signature mismatch; the canonical request was:\n{canonical}"));
    }
    Ok(Verified { signed_headers: signed, canonical_request: canonical })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_sdk_date("19700101T000000Z"), Some(0));
        assert_eq!(parse_sdk_date("20240229T235959Z"), Some(1_709_251_199));
        assert_eq!(parse_sdk_date("20240229 235959Z"), None);
        assert_eq!(parse_sdk_date("20241301T000000Z"), None);
    }

    #[test]
    fn encoding() {
        assert_eq!(percent_encode("a b/两~"), "a%20b%2F%E4%B8%A4~");
        assert_eq!(percent_decode("a%20b%2F%E4%B8%A4%zz"), "a b/两%zz".as_bytes());
    }
}
