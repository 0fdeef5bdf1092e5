//! Percent-encoding shared by the wire format and the canonical request.
//!
//! Everything except the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is encoded, with
//! upper-case hex digits; a space becomes `%20`. Because the request sent on the wire uses exactly
//! this encoding, the canonical request signs what is sent.

use percent_encoding::{percent_encode, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Every byte but the RFC 3986 unreserved characters.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one component (a path segment, a query key or a query value).
pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, NOT_UNRESERVED).to_string()
}

/// Percent-encodes raw bytes (a decoded path piece that need not be UTF-8).
pub(crate) fn encode_bytes(bytes: &[u8]) -> String {
    percent_encode(bytes, NOT_UNRESERVED).to_string()
}

/// Percent-encodes one decoded path segment so that it stays one segment: `/` becomes `%2F`, and
/// a segment of exactly `.` or `..` becomes `%2E` / `%2E%2E` so it cannot be read as a relative
/// path step.
pub fn encode_path_segment(segment: &str) -> String {
    match segment {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        other => encode_component(other),
    }
}

/// Encodes a decoded path (as in the signing vectors, e.g. `/v2/资源 池/x`): split on `/`, each
/// segment encoded with [`encode_path_segment`], joined with `/`.
pub fn encode_path(decoded_path: &str) -> String {
    decoded_path.split('/').map(encode_path_segment).collect::<Vec<_>>().join("/")
}

/// The query string sent on the wire: `key=value` pairs in the caller's order, both sides
/// percent-encoded, joined with `&`.
pub fn encode_query(pairs: &[(String, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v))).collect::<Vec<_>>().join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_kept_rest_encoded() {
        assert_eq!(encode_component("aZ09-._~"), "aZ09-._~");
        assert_eq!(encode_component("a b/c:d=e&f+g%"), "a%20b%2Fc%3Ad%3De%26f%2Bg%25");
        assert_eq!(encode_component("资源"), "%E8%B5%84%E6%BA%90");
    }

    #[test]
    fn dot_segments() {
        assert_eq!(encode_path_segment("."), "%2E");
        assert_eq!(encode_path_segment(".."), "%2E%2E");
        assert_eq!(encode_path_segment("../x"), "..%2Fx");
        assert_eq!(encode_path_segment("%2e"), "%252e");
        assert_eq!(encode_path("/a/资源 池/np:a b/"), "/a/%E8%B5%84%E6%BA%90%20%E6%B1%A0/np%3Aa%20b/");
    }
}
