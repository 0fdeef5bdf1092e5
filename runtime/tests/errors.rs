//! Service errors are built from the status code and the body; decode errors name the JSON path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Reply, TestServer};
use hwcloud_runtime::{Client, Config, Credentials, Error, Method, Request, MAX_RAW_BODY};
use serde_json::json;

async fn call(reply: Reply) -> hwcloud_runtime::Response {
    let server = TestServer::sequence(vec![reply]).await;
    let c = Client::new("modelarts", Config::new(Credentials::ak_sk("ak", "sk")).with_endpoint(server.url())).unwrap();
    c.execute(Request::new(Method::GET, "/v2/pools", "ListPools")).await.unwrap()
}

#[tokio::test]
async fn flat_error_shape() {
    let resp = call(
        Reply::new(400)
            .header("X-Request-Id", "abc")
            .json(json!({"error_code": "ModelArts.50004000", "error_msg": "Bad request."})),
    )
    .await;
    assert_eq!(resp.status(), 400);
    let err = resp.into_error();
    assert_eq!(err.to_string(), "ModelArts.50004000: Bad request. (HTTP 400, request id abc)");
    let Error::Service(e) = &err else { panic!("{err:?}") };
    assert_eq!(e.status, 400);
    assert_eq!(e.request_id.as_deref(), Some("abc"));
    assert_eq!(e.error_code.as_deref(), Some("ModelArts.50004000"));
    assert_eq!(e.error_msg.as_deref(), Some("Bad request."));
    assert_eq!(e.raw_body, None);
    assert_eq!(e.operation, "ListPools");
}

#[tokio::test]
async fn nested_error_shape() {
    let resp = call(
        Reply::new(404)
            .header("X-Request-Id", "r-404")
            .json(json!({"error": {"code": "ModelArts.4104", "message": "Pool not found."}})),
    )
    .await;
    let err = resp.into_error();
    let e = err.as_service().unwrap();
    assert_eq!(e.status, 404);
    assert_eq!(e.error_code.as_deref(), Some("ModelArts.4104"));
    assert_eq!(e.error_msg.as_deref(), Some("Pool not found."));
    assert_eq!(err.to_string(), "ModelArts.4104: Pool not found. (HTTP 404, request id r-404)");
}

#[tokio::test]
async fn html_500_keeps_truncated_raw_body() {
    let page =
        format!("<html><head><title>500 Internal Server Error</title></head><body>{}</body></html>", "x".repeat(5000));
    let resp = call(Reply::new(500).header("Content-Type", "text/html").body(page.clone())).await;
    assert_eq!(resp.status(), 500);
    assert_eq!(resp.body(), page.as_bytes());
    let err = resp.into_error();
    let e = err.as_service().unwrap();
    assert_eq!(e.status, 500);
    assert_eq!(e.error_code, None);
    let raw = e.raw_body.as_deref().unwrap();
    assert!(raw.starts_with("<html><head><title>500 Internal Server Error"), "{raw}");
    assert!(raw.len() <= MAX_RAW_BODY + '…'.len_utf8());
    assert!(raw.ends_with('…'));
    let shown = err.to_string();
    assert!(shown.starts_with("ListPools failed (HTTP 500): <html>"), "{shown}");
}

#[tokio::test]
async fn unknown_json_shape_is_kept_raw() {
    let resp = call(Reply::new(403).json(json!({"message": "forbidden"}))).await;
    let err = resp.into_error();
    let e = err.as_service().unwrap();
    assert_eq!(e.error_code, None);
    assert_eq!(e.raw_body.as_deref(), Some(r#"{"message":"forbidden"}"#));
    assert_eq!(e.request_id, None);
}

/// The status code decides, not the body: a 200 that looks like an error is a response.
#[tokio::test]
async fn success_status_with_error_shaped_body_is_not_an_error() {
    let resp = call(Reply::new(200).json(json!({"error_code": "X.1", "error_msg": "looks bad"}))).await;
    assert_eq!(resp.status(), 200);
    assert!(resp.is_success());
    let v: serde_json::Value = resp.json().unwrap();
    assert_eq!(v["error_code"], "X.1");
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Pools {
    items: Vec<Pool>,
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Pool {
    name: String,
    count: u32,
}

#[tokio::test]
async fn decode_error_names_the_json_path() {
    let resp =
        call(Reply::new(200).json(json!({"items": [{"name": "a", "count": 1}, {"name": "b", "count": "many"}]}))).await;
    let err = resp.json::<Pools>().unwrap_err();
    match &err {
        Error::Decode { path, message, snippet, .. } => {
            assert_eq!(path, "items[1].count");
            assert!(message.contains("invalid type"), "{message}");
            assert!(snippet.starts_with(r#"{"items":"#), "{snippet}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("`items[1].count`"), "{err}");

    let resp = call(Reply::new(200).header("Content-Type", "text/html").body("<html>gateway</html>")).await;
    assert!(matches!(resp.json::<Pools>(), Err(Error::Decode { .. })));
}

#[tokio::test]
async fn response_accessors() {
    let resp = call(Reply::new(202).header("X-Request-Id", "rid").header("X-Custom", "v").body("done")).await;
    assert_eq!(resp.status(), 202);
    assert_eq!(resp.request_id(), Some("rid"));
    assert_eq!(resp.header("x-custom"), Some("v"));
    assert_eq!(resp.header("missing"), None);
    assert_eq!(resp.body(), b"done");
    assert_eq!(resp.operation(), "ListPools");
}
