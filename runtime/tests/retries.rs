//! Retries, backoff, Retry-After and timeouts against a local server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::{closed_port, Reply, TestServer};
use hwcloud_runtime::{Client, Config, Credentials, Error, Method, Request};

fn config(url: String) -> Config {
    Config::new(Credentials::ak_sk("ak", "sk").with_project_id("p"))
        .with_endpoint(url)
        .with_retry_base_delay(Duration::from_millis(1))
}

fn client(url: String) -> Client {
    Client::new("svc", config(url)).unwrap()
}

#[tokio::test]
async fn get_503_then_200_succeeds_in_two_attempts() {
    let server = TestServer::sequence(vec![Reply::new(503), Reply::new(200).body("ok")]).await;
    let resp = client(server.url()).execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.body(), b"ok");
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn post_503_is_not_retried() {
    let server = TestServer::sequence(vec![Reply::new(503), Reply::new(200)]).await;
    let req = Request::new(Method::POST, "/v1/x", "CreateX").json_body(&serde_json::json!({})).unwrap();
    let resp = client(server.url()).execute(req).await.unwrap();
    assert_eq!(resp.status(), 503);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn post_and_patch_429_are_not_retried() {
    for method in [Method::POST, Method::PATCH] {
        let server = TestServer::sequence(vec![Reply::new(429), Reply::new(200)]).await;
        let resp = client(server.url()).execute(Request::new(method.clone(), "/v1/x", "Op")).await.unwrap();
        assert_eq!(resp.status(), 429, "{method}");
        assert_eq!(server.received().len(), 1, "{method}");
    }
}

#[tokio::test]
async fn idempotent_methods_retry_429_502_503_504() {
    for (method, status) in [(Method::GET, 429), (Method::PUT, 502), (Method::DELETE, 504), (Method::HEAD, 503)] {
        let server = TestServer::sequence(vec![Reply::new(status), Reply::new(200)]).await;
        let resp = client(server.url()).execute(Request::new(method.clone(), "/v1/x", "Op")).await.unwrap();
        assert_eq!(resp.status(), 200, "{method} {status}");
        assert_eq!(server.received().len(), 2, "{method} {status}");
    }
}

#[tokio::test]
async fn other_statuses_are_not_retried() {
    for status in [400, 401, 404, 409, 500, 501] {
        let server = TestServer::sequence(vec![Reply::new(status), Reply::new(200)]).await;
        let resp = client(server.url()).execute(Request::new(Method::GET, "/v1/x", "Op")).await.unwrap();
        assert_eq!(resp.status(), status);
        assert_eq!(server.received().len(), 1, "{status}");
    }
}

#[tokio::test]
async fn attempts_are_bounded_and_last_response_returned() {
    let server = TestServer::sequence(vec![Reply::new(503).header("X-Request-Id", "r-last")]).await;
    let c = Client::new("svc", config(server.url()).with_max_attempts(4)).unwrap();
    let resp = c.execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap();
    assert_eq!(resp.status(), 503);
    assert_eq!(server.received().len(), 4);
    let err = resp.into_error();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.as_service().unwrap().request_id.as_deref(), Some("r-last"));

    let server = TestServer::sequence(vec![Reply::new(503)]).await;
    let c = Client::new("svc", config(server.url()).with_max_attempts(1)).unwrap();
    assert_eq!(c.execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap().status(), 503);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = TestServer::sequence(vec![Reply::new(429).header("Retry-After", "1"), Reply::new(200)]).await;
    let start = Instant::now();
    let resp = client(server.url()).execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap();
    let elapsed = start.elapsed();
    assert_eq!(resp.status(), 200);
    assert_eq!(server.received().len(), 2);
    assert!(elapsed >= Duration::from_millis(950), "waited only {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "waited {elapsed:?}");
}

#[tokio::test]
async fn retry_after_is_capped() {
    let server = TestServer::sequence(vec![Reply::new(503).header("Retry-After", "3600"), Reply::new(200)]).await;
    let c = Client::new("svc", config(server.url()).with_max_retry_delay(Duration::from_millis(50))).unwrap();
    let start = Instant::now();
    let resp = c.execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
}

#[tokio::test]
async fn slow_server_gives_timeout_error_without_retry() {
    let server = TestServer::sequence(vec![Reply::new(200).delay(Duration::from_secs(3))]).await;
    let c = Client::new("svc", config(server.url()).with_timeout(Duration::from_millis(200))).unwrap();
    let start = Instant::now();
    let err = c.execute(Request::new(Method::GET, "/v1/slow", "GetSlow")).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { operation: "GetSlow", kind: "total", after } if after == Duration::from_millis(200)),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "GetSlow: timed out after 200ms (total timeout)");
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn connect_error_is_a_transport_error_after_retries() {
    let port = closed_port().await;
    let c = Client::new("svc", config(format!("http://127.0.0.1:{port}")).with_max_attempts(2)).unwrap();
    let err = c.execute(Request::new(Method::POST, "/v1/x", "CreateX")).await.unwrap_err();
    match &err {
        Error::Transport { operation, .. } => assert_eq!(*operation, "CreateX"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("CreateX: could not reach the service"), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

/// A POST is retried when the connection could not be made: the server comes up between attempts.
#[tokio::test]
async fn post_is_retried_after_connect_error() {
    let port = closed_port().await;
    let url = format!("http://127.0.0.1:{port}");
    let c =
        Client::new("svc", config(url).with_max_attempts(8).with_retry_base_delay(Duration::from_millis(100))).unwrap();
    let late = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        TestServer::sequence_on(listener, vec![Reply::new(201)])
    });
    let req = Request::new(Method::POST, "/v1/x", "CreateX").json_body(&serde_json::json!({"n": 1})).unwrap();
    let resp = c.execute(req).await.unwrap();
    assert_eq!(resp.status(), 201);
    let server = late.await.unwrap();
    assert_eq!(server.received().len(), 1, "the POST reached the server exactly once");
}
