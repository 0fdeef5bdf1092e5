//! A received response, whatever its status code.

use std::fmt;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::answers;
use crate::error::{truncate_lossy, ServiceError, MAX_DECODE_SNIPPET};
use crate::Error;

/// Name of the response header carrying the request id.
pub const HEADER_REQUEST_ID: &str = "X-Request-Id";

/// A complete response: status, headers and the whole body.
///
/// [`Client::execute`](crate::Client::execute) returns one for every status code; the generated
/// code checks the status against the documented ones and calls [`into_error`](Self::into_error)
/// for the others.
pub struct Response {
    operation: &'static str,
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Response {
    pub(crate) fn new(operation: &'static str, status: u16, headers: HeaderMap, body: Vec<u8>) -> Self {
        Response { operation, status, headers, body }
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Whether the status code is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The `X-Request-Id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.header(HEADER_REQUEST_ID)
    }

    /// A header's value (case-insensitive name); `None` when absent or not valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Status and headers, the body dropped (an [`Output`](crate::Output) holds the decoded one).
    pub(crate) fn into_head(self) -> (u16, HeaderMap) {
        (self.status, self.headers)
    }

    /// A copy of the headers.
    pub(crate) fn head_clone(&self) -> HeaderMap {
        self.headers.clone()
    }

    /// The operation this response answers.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Parses the body as JSON. On failure, [`Error::Decode`] names the JSON path that failed and
    /// quotes the start of the body.
    ///
    /// An empty body (a real `204 No Content`, or whitespace only) is read as JSON `null`, which
    /// gives `()`, `None` or `serde_json::Value::Null`, and failing that as `{}`, which gives a
    /// struct whose fields are all optional; any other type is an [`Error::Decode`] saying the body
    /// was empty.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let decode_error = |path: String, message: String| Error::Decode {
            operation: self.operation,
            status: self.status,
            request_id: self.request_id().map(str::to_owned),
            path,
            message: match self.header("Content-Type") {
                // A gateway's HTML page with 200: say so rather than only "expected value".
                Some(t) if !t.to_ascii_lowercase().contains("json") => {
                    format!("{message} (content type `{t}`, not JSON)")
                }
                _ => message,
            },
            snippet: truncate_lossy(&self.body, MAX_DECODE_SNIPPET),
        };
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return serde_json::from_str::<T>("null").or_else(|_| serde_json::from_str::<T>("{}")).map_err(|e| {
                decode_error(
                    ".".to_owned(),
                    format!("the body is empty (HTTP {}) and the type needs a value: {e}", self.status),
                )
            });
        }
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        let value = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| decode_error(e.path().to_string(), e.inner().to_string()))?;
        de.end().map_err(|e| decode_error(".".to_owned(), e.to_string()))?;
        Ok(value)
    }

    /// The [`Error::Service`] for this response: status, request id, and the error code and
    /// message from the body (flat `error_code`/`error_msg` or nested `error.code`/
    /// `error.message`), or the raw body truncated when it is neither.
    ///
    /// An answer rejecting the request time is an [`Error::ClockSkew`] instead, with the
    /// difference to the service's clock when the answer has a `Date` header.
    pub fn into_error(self) -> Error {
        let request_id = self.request_id().map(str::to_owned);
        let error = ServiceError::from_parts(self.operation, self.status, request_id, &self.body);
        if answers::is_clock_skew(self.status, &self.body) {
            let skew_seconds = answers::skew_seconds(&self.headers, std::time::SystemTime::now());
            return Error::ClockSkew { error, skew_seconds };
        }
        Error::Service(error)
    }
}

impl fmt::Debug for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Response")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("body_len", &self.body.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Pool {
        spec: Spec,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Spec {
        count: u32,
    }

    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    struct AllOptional {
        #[serde(default)]
        error_code: Option<String>,
    }

    /// A real 204 has no body at all: it decodes as `()`, `None`, `Value::Null` or an all-optional
    /// struct, and is a decode error naming the emptiness for a type that needs content.
    #[test]
    fn empty_body_decodes_as_null_or_empty_object() {
        let r = Response::new("Op", 204, HeaderMap::new(), Vec::new());
        r.json::<()>().unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(r.json::<Option<Pool>>(), Ok(None)));
        assert_eq!(r.json::<serde_json::Value>().ok(), Some(serde_json::Value::Null));
        assert_eq!(r.json::<AllOptional>().ok(), Some(AllOptional::default()));
        match r.json::<Pool>() {
            Err(Error::Decode { message, .. }) => assert!(message.contains("empty"), "{message}"),
            other => panic!("unexpected {other:?}"),
        }
        let r = Response::new("Op", 200, HeaderMap::new(), b" \r\n".to_vec());
        r.json::<()>().unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn decode_error_has_path_and_snippet() {
        let r = Response::new("Op", 200, HeaderMap::new(), br#"{"spec":{"count":"two"}}"#.to_vec());
        match r.json::<Pool>() {
            Err(Error::Decode { path, snippet, .. }) => {
                assert_eq!(path, "spec.count");
                assert!(snippet.contains("two"));
            }
            other => panic!("unexpected {other:?}"),
        }
        let r = Response::new("Op", 200, HeaderMap::new(), br#"{"spec":{"count":2}} x"#.to_vec());
        assert!(matches!(r.json::<Pool>(), Err(Error::Decode { .. })));
    }
}
