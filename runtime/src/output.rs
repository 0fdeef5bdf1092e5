//! A successful call's result with what came beside the body: the documented response headers
//! as a typed value, the request id, and every other header by name.
//!
//! The generated `<operation>_with_metadata` methods return one; the plain `<operation>`
//! methods return only the body ([`Output::into_body`]).

use std::fmt;

use reqwest::header::HeaderMap;

use crate::response::{Response, HEADER_REQUEST_ID};

/// The body `T` of a successful response, its documented headers `H` (a struct of the
/// operations module with one field per header the API reference lists, `()` when it lists
/// none), the status and the request id.
///
/// ```
/// # fn show(out: hwcloud_runtime::Output<Vec<u8>>) {
/// let id = out.request_id().unwrap_or("-").to_owned();
/// let date = out.header("Date").map(str::to_owned);
/// let body: Vec<u8> = out.into_body();
/// # let _ = (id, date, body);
/// # }
/// ```
pub struct Output<T, H = ()> {
    body: T,
    headers: H,
    status: u16,
    raw_headers: HeaderMap,
}

impl<T, H> Output<T, H> {
    /// The body, decoded.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The documented response headers, typed; a header the response lacks is `None`.
    pub fn headers(&self) -> &H {
        &self.headers
    }

    /// The `X-Request-Id` header: what support asks for about this call.
    pub fn request_id(&self) -> Option<&str> {
        self.header(HEADER_REQUEST_ID)
    }

    /// Any response header by name (case-insensitive), documented or not; `None` when absent
    /// or not valid UTF-8.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.raw_headers.get(name).and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
    }

    /// The HTTP status code (one of the documented success codes).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The body alone.
    pub fn into_body(self) -> T {
        self.body
    }

    /// The body and the typed headers.
    pub fn into_parts(self) -> (T, H) {
        (self.body, self.headers)
    }
}

impl<T: fmt::Debug, H: fmt::Debug> fmt::Debug for Output<T, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the raw header map: it may hold tokens (`X-Subject-Token`) the typed headers
        // already show only when documented.
        f.debug_struct("Output")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}

impl Response {
    /// This response's status and headers around `body` and the typed `headers` read from it
    /// (generated code; the raw header map is kept for [`Output::header`]).
    pub fn into_output<T, H>(self, body: T, headers: H) -> Output<T, H> {
        let (status, raw_headers) = self.into_head();
        Output { body, headers, status, raw_headers }
    }

    /// The response itself as the body of an [`Output`]: for operations whose reference
    /// documents no success response, whose methods return the raw [`Response`].
    pub fn into_raw_output(self) -> Output<Response> {
        let raw_headers = self.head_clone();
        Output { status: self.status(), raw_headers, headers: (), body: self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response() -> Response {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", "req-1".parse().unwrap_or_else(|_| unreachable!()));
        headers.insert("location", "/v1/pools/p1".parse().unwrap_or_else(|_| unreachable!()));
        Response::new("Op", 201, headers, b"{}".to_vec())
    }

    #[test]
    fn output_keeps_status_request_id_and_every_header() {
        let out = response().into_output("body", Some("typed"));
        assert_eq!(out.status(), 201);
        assert_eq!(out.request_id(), Some("req-1"));
        assert_eq!(out.header("Location"), Some("/v1/pools/p1"));
        assert_eq!(out.header("X-Absent"), None);
        assert_eq!(out.headers(), &Some("typed"));
        assert_eq!(out.into_parts(), ("body", Some("typed")));
    }

    #[test]
    fn raw_output_wraps_the_response() {
        let out = response().into_raw_output();
        assert_eq!(out.request_id(), Some("req-1"));
        assert_eq!(out.body().status(), 201);
        assert_eq!(out.into_body().body(), b"{}");
    }
}
