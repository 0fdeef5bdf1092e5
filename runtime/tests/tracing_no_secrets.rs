//! Traces name the call (span `hwcloud.call` with operation, method, attempt, status, request
//! id) and never contain a secret. Alone in its binary: the thread-local subscriber must not share
//! tracing's callsite cache with concurrently running tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Capture, Reply, TestServer};
use hwcloud_runtime::{Client, Config, Credentials, Method, Request};

const SECRET_SK: &str = "SK-TOP-SECRET-0123456789";
const SECRET_TOKEN: &str = "STS-TOP-SECRET-TOKEN";

fn creds() -> Credentials {
    Credentials::ak_sk("AKIDEXAMPLE0001", SECRET_SK).with_security_token(SECRET_TOKEN).with_project_id("p1")
}

#[test]
fn traces_name_the_call_but_no_secret() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let server =
                TestServer::sequence(vec![Reply::new(503), Reply::new(200).header("X-Request-Id", "rid-42")]).await;
            let config = Config::new(creds())
                .with_endpoint(server.url())
                .with_retry_base_delay(std::time::Duration::from_millis(1));
            let c = Client::new("svc", config).unwrap();
            let req = Request::new(Method::PUT, "/v1/{project_id}/x", "UpdateX")
                .json_body(&serde_json::json!({"a": 1}))
                .unwrap();
            assert_eq!(c.execute(req).await.unwrap().status(), 200);
        });
    });
    let out = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    for expected in
        ["hwcloud.call", "operation=\"UpdateX\"", "method=PUT", "status=200", "attempt=2", "request_id=\"rid-42\""]
    {
        assert!(out.contains(expected), "missing {expected} in:\n{out}");
    }
    assert!(!out.contains(SECRET_SK), "{out}");
    assert!(!out.contains(SECRET_TOKEN), "{out}");
    assert!(!out.contains("Signature="), "{out}");
}
