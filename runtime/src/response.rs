//! A received response, whatever its status code.

use std::fmt;

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

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

    /// The operation this response answers.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Parses the body as JSON. On failure, [`Error::Decode`] names the JSON path that failed and
    /// quotes the start of the body.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        let decode_error = |path: String, message: String| Error::Decode {
            path,
            message,
            snippet: truncate_lossy(&self.body, MAX_DECODE_SNIPPET),
        };
        let mut de = serde_json::Deserializer::from_slice(&self.body);
        let value = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| decode_error(e.path().to_string(), e.inner().to_string()))?;
        de.end().map_err(|e| decode_error(".".to_owned(), e.to_string()))?;
        Ok(value)
    }

    /// The [`Error::Service`] for this response: status, request id, and the error code and
    /// message from the body (flat `error_code`/`error_msg` or nested `error.code`/
    /// `error.message`), or the raw body truncated when it is neither.
    pub fn into_error(self) -> Error {
        let request_id = self.request_id().map(str::to_owned);
        Error::Service(ServiceError::from_parts(self.operation, self.status, request_id, &self.body))
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
