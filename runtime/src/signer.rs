//! AK/SK request signing, `SDK-HMAC-SHA256`, byte-exact with the official SDKs.
//!
//! ```text
//! canonical request = METHOD \n canonical URI \n canonical query \n canonical headers \n
//!                     signed headers \n payload hash
//! string to sign    = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(sha256(canonical request))
//! signature         = hex(hmac_sha256(key = SK, string to sign))
//! Authorization     = SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex
//! ```
//!
//! Only canonicalisation is written here; hashing and HMAC come from `sha2` and `hmac`.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::encode::{encode_bytes, encode_component};
use crate::Error;

/// Name of the signing algorithm, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// Header carrying the signing time, `YYYYMMDDTHHMMSSZ` in UTC.
pub const HEADER_SDK_DATE: &str = "X-Sdk-Date";
/// Header that, when present, replaces the body hash in the canonical request.
pub const HEADER_CONTENT_SHA256: &str = "X-Sdk-Content-Sha256";
/// Value of [`HEADER_CONTENT_SHA256`] for bodies that are not signed (non-JSON content types).
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// A request as the signer sees it.
#[derive(Debug, Clone, Copy)]
pub struct SigningRequest<'a> {
    /// HTTP method, upper case (`GET`, `POST`, ...).
    pub method: &'a str,
    /// The path exactly as sent on the wire, already percent-encoded (see
    /// [`encode_path`](crate::encode_path) for a decoded path).
    pub encoded_path: &'a str,
    /// Decoded query parameters in any order; a key may repeat.
    pub query: &'a [(String, String)],
    /// Request headers as sent; must contain `X-Sdk-Date`.
    pub headers: &'a [(String, String)],
    /// The exact body bytes sent (empty for none).
    pub body: &'a [u8],
}

/// The result of signing, with the intermediate strings for tests and debugging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The signed header names, lower case, sorted, joined with `;`.
    pub signed_headers: String,
    /// Hex HMAC-SHA256 signature.
    pub signature: String,
    /// Value of the `Authorization` header.
    pub authorization: String,
}

/// Signs with the default signed-header set: every header of the request, lower-cased, except
/// names containing `_` (see [`default_signed_headers`]).
pub fn sign(request: &SigningRequest<'_>, ak: &str, sk: &str) -> Result<Signature, Error> {
    let names = default_signed_headers(request.headers);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    sign_with_signed_headers(request, ak, sk, &names)
}

/// Signs with an explicit set of signed header names (any case, any order; sorted here).
///
/// Every named header must be present in the request. Names containing `_` are refused, as the
/// gateway never signs them.
pub fn sign_with_signed_headers(
    request: &SigningRequest<'_>,
    ak: &str,
    sk: &str,
    signed_headers: &[&str],
) -> Result<Signature, Error> {
    let date = header_value(request.headers, HEADER_SDK_DATE)
        .ok_or_else(|| Error::InvalidRequest(format!("cannot sign a request without a {HEADER_SDK_DATE} header")))?;

    let mut names: Vec<String> = signed_headers.iter().map(|n| n.trim().to_ascii_lowercase()).collect();
    names.sort();
    names.dedup();
    let mut canonical_headers = String::new();
    for name in &names {
        if name.contains('_') || name.is_empty() {
            return Err(Error::InvalidRequest(format!("header name `{name}` cannot be signed")));
        }
        let value = header_value(request.headers, name)
            .ok_or_else(|| Error::InvalidRequest(format!("signed header `{name}` is not in the request")))?;
        canonical_headers.push_str(name);
        canonical_headers.push(':');
        canonical_headers.push_str(&value);
        canonical_headers.push('\n');
    }
    let signed = names.join(";");

    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        canonical_uri(request.encoded_path),
        canonical_query(request.query),
        canonical_headers,
        signed,
        payload_hash(request.headers, request.body),
    );
    let string_to_sign = format!("{ALGORITHM}\n{date}\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())));
    let signature = hmac_hex(sk.as_bytes(), string_to_sign.as_bytes())?;
    let authorization = format!("{ALGORITHM} Access={ak}, SignedHeaders={signed}, Signature={signature}");
    Ok(Signature { canonical_request, string_to_sign, signed_headers: signed, signature, authorization })
}

/// The default signed-header set: every header name, lower-cased, sorted, without duplicates and
/// without names containing `_`.
pub fn default_signed_headers(headers: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .map(|(n, _)| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty() && !n.contains('_'))
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The canonical URI, as the official SDKs and the API gateway compute it: the path as sent is
/// percent-decoded as a whole, split at every `/` (so a `%2F` inside a path parameter value
/// becomes a separator), each piece percent-encoded again (RFC 3986 unreserved characters kept),
/// joined with `/`, and a `/` appended when it does not end with one.
///
/// ```
/// use hwcloud_runtime::signer::canonical_uri;
/// assert_eq!(canonical_uri("/v1/team%2Fa"), "/v1/team/a/");
/// assert_eq!(canonical_uri("/v1/a%20b/%25/"), "/v1/a%20b/%25/");
/// ```
pub fn canonical_uri(encoded_path: &str) -> String {
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(encoded_path).collect();
    let mut uri = decoded.split(|b| *b == b'/').map(encode_bytes).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The canonical query: keys sorted, the values of a repeated key sorted, `key=value` pairs
/// percent-encoded and joined with `&`.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    sorted.sort();
    sorted.iter().map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v))).collect::<Vec<_>>().join("&")
}

/// The payload hash: the `X-Sdk-Content-Sha256` header's value when present, otherwise the hex
/// SHA-256 of the body bytes.
pub fn payload_hash(headers: &[(String, String)], body: &[u8]) -> String {
    header_value(headers, HEADER_CONTENT_SHA256).unwrap_or_else(|| hex::encode(Sha256::digest(body)))
}

/// Formats a time as `X-Sdk-Date` wants it: `YYYYMMDDTHHMMSSZ`, UTC.
pub fn format_sdk_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Trimmed value of a header (case-insensitive name); repeated headers are joined with `,`.
fn header_value(headers: &[(String, String)], name: &str) -> Option<String> {
    let values: Vec<&str> =
        headers.iter().filter(|(n, _)| n.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.trim()).collect();
    if values.is_empty() {
        None
    } else {
        Some(values.join(","))
    }
}

fn hmac_hex(key: &[u8], data: &[u8]) -> Result<String, Error> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .map_err(|_| Error::Credentials("the secret key cannot be used as an HMAC key".to_owned()))?;
    mac.update(data);
    Ok(hex::encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn sdk_date_format() {
        let t = UNIX_EPOCH + Duration::from_secs(1_136_214_245); // 2006-01-02T15:04:05Z
        assert_eq!(format_sdk_date(t), "20060102T150405Z");
        assert_eq!(format_sdk_date(UNIX_EPOCH), "19700101T000000Z");
        let leap = UNIX_EPOCH + Duration::from_secs(1_709_208_000); // 2024-02-29T12:00:00Z
        assert_eq!(format_sdk_date(leap), "20240229T120000Z");
        let y2100 = UNIX_EPOCH + Duration::from_secs(4_107_542_399); // 2100-02-28T23:59:59Z
        assert_eq!(format_sdk_date(y2100), "21000228T235959Z");
    }

    #[test]
    fn query_sorted_by_key_then_value() {
        let q = vec![
            ("b".to_owned(), "2".to_owned()),
            ("a".to_owned(), "z y".to_owned()),
            ("b".to_owned(), "1".to_owned()),
        ];
        assert_eq!(canonical_query(&q), "a=z%20y&b=1&b=2");
    }

    /// A `/` inside a path parameter value travels as `%2F` but is signed as a separator, as the
    /// official SDKs (Python `_process_canonical_uri`, Go `CanonicalURI`) sign it.
    #[test]
    fn canonical_uri_decodes_then_splits() {
        assert_eq!(canonical_uri("/v2/p/team%2Fa"), "/v2/p/team/a/");
        assert_eq!(canonical_uri("/v2/p/%E8%B5%84%20x/"), "/v2/p/%E8%B5%84%20x/");
        assert_eq!(canonical_uri("/a%2B%26%3D%25b"), "/a%2B%26%3D%25b/");
        assert_eq!(canonical_uri("/v1/%252F"), "/v1/%252F/");
        assert_eq!(canonical_uri("/"), "/");
    }

    #[test]
    fn missing_date_is_an_error() {
        let req = SigningRequest { method: "GET", encoded_path: "/", query: &[], headers: &[], body: b"" };
        assert!(matches!(sign(&req, "ak", "sk"), Err(Error::InvalidRequest(_))));
    }

    #[test]
    fn underscore_names_never_signed() {
        let headers =
            vec![("X-Sdk-Date".to_owned(), "20060102T150405Z".to_owned()), ("A_B".to_owned(), "x".to_owned())];
        assert_eq!(default_signed_headers(&headers), vec!["x-sdk-date".to_owned()]);
        let req = SigningRequest { method: "GET", encoded_path: "/", query: &[], headers: &headers, body: b"" };
        assert!(sign_with_signed_headers(&req, "ak", "sk", &["a_b", "x-sdk-date"]).is_err());
    }
}
