//! A successful response over a real socket keeps its headers: the request id, a `Location`
//! and a token header reach the caller through [`hwcloud_runtime::Output`].
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Reply, TestServer};
use hwcloud_runtime::{Client, Config, Credentials, Method, Request};
use serde_json::json;

async fn call(reply: Reply) -> hwcloud_runtime::Response {
    let server = TestServer::sequence(vec![reply]).await;
    let c = Client::new("modelarts", Config::new(Credentials::ak_sk("ak", "sk")).with_endpoint(server.url())).unwrap();
    c.execute(Request::new(Method::POST, "/v2/pools", "CreatePool")).await.unwrap()
}

#[tokio::test]
async fn success_keeps_request_id_location_and_other_headers() {
    let response = call(
        Reply::new(201)
            .header("X-Request-Id", "req-201")
            .header("Location", "/v2/pools/pool-1")
            .header("X-Subject-Token", "MIIt0k")
            .json(json!({"name": "pool-1"})),
    )
    .await;
    let body: serde_json::Value = response.json().unwrap();
    let location = response.header("Location").map(str::to_owned);
    let out = response.into_output(body, location);
    assert_eq!(out.status(), 201);
    assert_eq!(out.request_id(), Some("req-201"));
    assert_eq!(out.headers().as_deref(), Some("/v2/pools/pool-1"));
    assert_eq!(out.header("x-subject-token"), Some("MIIt0k"));
    assert_eq!(out.body()["name"], "pool-1");
    // The debug form shows the request id but not undocumented headers (tokens).
    let debug = format!("{out:?}");
    assert!(debug.contains("req-201") && !debug.contains("MIIt0k"), "{debug}");
}

#[tokio::test]
async fn undocumented_success_wraps_the_raw_response() {
    let out = call(Reply::new(204).header("X-Request-Id", "req-204")).await.into_raw_output();
    assert_eq!(out.request_id(), Some("req-204"));
    assert_eq!(out.body().status(), 204);
}
