//! An in-process transport for unit tests (feature `test-util`): canned responses per operation
//! id, every request recorded, no socket opened.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), hwcloud_runtime::Error> {
//! use hwcloud_runtime::mock::{MockResponse, MockTransport};
//! use hwcloud_runtime::{Client, Config, Method, Request};
//!
//! let mock = MockTransport::new();
//! mock.on("ShowPool", MockResponse::json(200, serde_json::json!({"name": "pool-1"})));
//! let client = Client::new("modelarts", Config::mock(&mock))?;
//!
//! let response = client.execute(Request::new(Method::GET, "/v2/{project_id}/pools/{name}", "ShowPool").path_param("name", "pool-1")).await?;
//! assert_eq!(response.status(), 200);
//! let sent = mock.requests();
//! assert_eq!(sent[0].path, "/v2/mock-project-id/pools/pool-1");
//! # Ok(())
//! # }
//! ```

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use reqwest::header::HeaderMap;

use crate::{Config, Credentials};

/// Project id of [`Config::mock`].
pub const MOCK_PROJECT_ID: &str = "mock-project-id";
/// Domain id of [`Config::mock`].
pub const MOCK_DOMAIN_ID: &str = "mock-domain-id";
/// Region of [`Config::mock`].
pub const MOCK_REGION: &str = "cn-north-4";

/// A canned response.
#[derive(Debug, Clone)]
pub struct MockResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl MockResponse {
    /// A response with this status and no body (e.g. `204`).
    pub fn status(status: u16) -> Self {
        MockResponse { status, headers: Vec::new(), body: Vec::new() }
    }

    /// A JSON response.
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self::status(status).header("Content-Type", "application/json").body(body.to_string())
    }

    /// An error response in the services' flat shape (`error_code`, `error_msg`).
    pub fn error(status: u16, code: &str, message: &str) -> Self {
        Self::json(status, serde_json::json!({"error_code": code, "error_msg": message}))
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

/// A request as the mock received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// Operation id.
    pub operation: String,
    /// HTTP method.
    pub method: String,
    /// Host the request was addressed to.
    pub host: String,
    /// Percent-encoded path, as it would be sent.
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Headers as signed; `Authorization`, `X-Security-Token` and `X-Auth-Token` read
    /// `<redacted>`.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// A header's value (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`Null` when empty or not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

#[derive(Default)]
struct State {
    canned: HashMap<String, VecDeque<MockResponse>>,
    requests: Vec<RecordedRequest>,
}

/// The mock transport. Responses queued with [`on`](Self::on) for an operation are returned in
/// order, the last one repeating; an operation without any gets `501` with error code
/// `MOCK.0001`.
#[derive(Default)]
pub struct MockTransport {
    state: Mutex<State>,
}

impl std::fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockTransport").field("requests", &self.lock().requests.len()).finish_non_exhaustive()
    }
}

impl MockTransport {
    /// An empty mock.
    pub fn new() -> Arc<Self> {
        Arc::new(MockTransport::default())
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues a response for `operation` (the operation id, e.g. `CreateNodePool`).
    pub fn on(&self, operation: &str, response: MockResponse) -> &Self {
        self.lock().canned.entry(operation.to_owned()).or_default().push_back(response);
        self
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The requests of one operation.
    pub fn requests_for(&self, operation: &str) -> Vec<RecordedRequest> {
        self.lock().requests.iter().filter(|r| r.operation == operation).cloned().collect()
    }

    pub(crate) fn answer(&self, request: RecordedRequest) -> (u16, HeaderMap, Vec<u8>) {
        let mut state = self.lock();
        let operation = request.operation.clone();
        state.requests.push(request);
        let response = match state.canned.get_mut(&operation) {
            Some(queue) if queue.len() > 1 => queue.pop_front(),
            Some(queue) => queue.front().cloned(),
            None => None,
        }
        .unwrap_or_else(|| {
            MockResponse::error(501, "MOCK.0001", &format!("no canned response for operation {operation}"))
        });
        let mut headers = HeaderMap::new();
        for (n, v) in &response.headers {
            if let (Ok(n), Ok(v)) =
                (reqwest::header::HeaderName::from_bytes(n.as_bytes()), reqwest::header::HeaderValue::from_str(v))
            {
                headers.append(n, v);
            }
        }
        (response.status, headers, response.body)
    }
}

impl Config {
    /// A configuration sending every call to `mock`: fixed AK/SK, project id
    /// [`MOCK_PROJECT_ID`], domain id [`MOCK_DOMAIN_ID`], region [`MOCK_REGION`]; no environment
    /// variable or file is read and no socket is opened.
    pub fn mock(mock: &Arc<MockTransport>) -> Config {
        let credentials =
            Credentials::ak_sk("MOCKAK", "MOCKSK").with_project_id(MOCK_PROJECT_ID).with_domain_id(MOCK_DOMAIN_ID);
        Config::new(credentials).with_env_lookup(|_| None).with_region(MOCK_REGION).with_mock_transport(mock.clone())
    }

    /// Sends every call of clients built from this configuration to `mock` instead of the
    /// network.
    pub fn with_mock_transport(mut self, mock: Arc<MockTransport>) -> Config {
        self.mock = Some(mock);
        self
    }
}
