//! Retries, `Retry-After`, timeouts, service errors and lenient responses, through the generated
//! client against a local server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use hwcloud_modelarts::{models, operations, Config, Credentials, Error, ModelArtsClient};
use sdk_e2e::server::{Reply, TestServer};
use sdk_e2e::verify::verify;
use sdk_e2e::{seed, AK, PROJECT_ID, SK};
use serde_json::json;

fn config(server: &TestServer) -> Config {
    Config::new(Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID))
        .with_endpoint(server.url())
        .with_retry_base_delay(Duration::from_millis(1))
}

fn client(server: &TestServer) -> ModelArtsClient {
    ModelArtsClient::new(config(server)).unwrap()
}

fn list() -> operations::ListDatasetsRequest {
    operations::ListDatasetsRequest::new().with_limit(5)
}

fn create() -> operations::CreateNodePoolRequest {
    operations::CreateNodePoolRequest::new("pool-1", serde_json::from_value(seed::request_example()).unwrap())
}

fn datasets() -> serde_json::Value {
    json!({"datasets": [{"dataset_id": "d1", "dataset_name": "one"}], "total_number": 1})
}

#[tokio::test]
async fn get_503_then_200_is_retried_and_each_attempt_signed_afresh() {
    let server = TestServer::sequence(vec![
        Reply::new(503).header("X-Request-Id", "r-busy").body("busy"),
        Reply::new(200).json(&datasets()),
    ])
    .await;
    let list = client(&server).list_datasets(&list()).await.unwrap();
    assert_eq!(list.total_number, Some(1));
    assert_eq!(list.datasets.unwrap()[0].dataset_id.as_deref(), Some("d1"));
    let got = server.received();
    assert_eq!(got.len(), 2);
    for r in &got {
        assert_eq!(r.target, format!("/v2/{PROJECT_ID}/datasets?limit=5"));
        verify(r, AK, SK).unwrap();
    }
}

#[tokio::test]
async fn post_503_is_not_retried() {
    let server = TestServer::sequence(vec![Reply::new(503), Reply::new(200).json(&seed::response_200_example())]).await;
    let err = client(&server).create_node_pool(&create()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received().len(), 1, "a POST that reached the server is not sent again");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server =
        TestServer::sequence(vec![Reply::new(429).header("Retry-After", "1"), Reply::new(200).json(&datasets())]).await;
    let start = Instant::now();
    client(&server).list_datasets(&list()).await.unwrap();
    let waited = start.elapsed();
    assert_eq!(server.received().len(), 2);
    assert!(waited >= Duration::from_millis(950), "waited only {waited:?}");
    assert!(waited < Duration::from_secs(5), "waited {waited:?}");
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_error_is_returned() {
    let server = TestServer::sequence(vec![Reply::new(502).header("X-Request-Id", "r-last")]).await;
    let c = ModelArtsClient::new(config(&server).with_max_attempts(3)).unwrap();
    let err = c.list_datasets(&list()).await.unwrap_err();
    assert_eq!(server.received().len(), 3);
    let service = err.as_service().unwrap();
    assert_eq!(service.status, 502);
    assert_eq!(service.operation, "ListDatasets");
    assert_eq!(service.request_id.as_deref(), Some("r-last"));
}

#[tokio::test]
async fn slow_server_times_out_without_retry() {
    let server = TestServer::sequence(vec![Reply::new(200).json(&datasets()).delay(Duration::from_secs(3))]).await;
    let c = ModelArtsClient::new(config(&server).with_timeout(Duration::from_millis(300))).unwrap();
    let start = Instant::now();
    let err = c.list_datasets(&list()).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { operation: "ListDatasets", kind: "total", after } if after == Duration::from_millis(300)),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "ListDatasets: timed out after 300ms (total timeout)");
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn documented_400_is_a_typed_error_with_code_status_and_request_id() {
    assert_eq!(seed::response_400_example(), json!({"error_code": "ModelArts.50004000", "error_msg": "Bad request."}));
    let server = TestServer::sequence(vec![Reply::new(400)
        .header("X-Request-Id", "0b4f1c2e-req-400")
        .json(&seed::response_400_example())])
    .await;
    let err = client(&server).create_node_pool(&create()).await.unwrap_err();
    let Error::Service(service) = &err else { panic!("{err:?}") };
    assert_eq!(service.status, 400);
    assert_eq!(service.operation, "CreateNodePool");
    assert_eq!(service.error_code.as_deref(), Some("ModelArts.50004000"));
    assert_eq!(service.error_msg.as_deref(), Some("Bad request."));
    assert_eq!(service.request_id.as_deref(), Some("0b4f1c2e-req-400"));
    assert_eq!(service.raw_body, None);
    let shown = err.to_string();
    assert_eq!(shown, "ModelArts.50004000: Bad request. (HTTP 400, request id 0b4f1c2e-req-400)");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn html_500_keeps_a_readable_raw_body() {
    let page = "<html>\n<head><title>500 Internal Server Error</title></head>\n<body><center><h1>500 Internal Server Error</h1></center></body>\n</html>\n";
    let server = TestServer::sequence(vec![Reply::new(500)
        .header("Content-Type", "text/html")
        .header("X-Request-Id", "r-500")
        .body(page)])
    .await;
    let err = client(&server).list_datasets(&list()).await.unwrap_err();
    assert_eq!(server.received().len(), 1, "500 is not retried");
    let service = err.as_service().unwrap();
    assert_eq!(service.status, 500);
    assert_eq!(service.error_code, None);
    assert_eq!(service.raw_body.as_deref(), Some(page));
    let shown = err.to_string();
    assert!(
        shown.starts_with(
            "ListDatasets failed (HTTP 500, request id r-500): <html> <head><title>500 Internal Server Error"
        ),
        "{shown}"
    );
    assert!(!shown.contains('\n'), "{shown}");
}

/// A value the docs do not list and a field they do not document: the response still
/// deserializes, the enum keeps the value and serializes it back unchanged, the field is ignored.
#[tokio::test]
async fn unknown_enum_value_and_unknown_field() {
    let mut body = seed::response_200_example();
    body["kind"] = json!("SomethingNew");
    body["apiVersion"] = json!("v3");
    body["metadata"]["brandNewField"] = json!({"nested": [1, 2]});
    body["status"] = json!("Creating");
    let server = TestServer::sequence(vec![Reply::new(200).json(&body)]).await;
    let created = client(&server).create_node_pool(&create()).await.unwrap();
    assert_eq!(created.kind, Some(models::Kind::Unknown("SomethingNew".into())));
    assert_eq!(created.kind.as_ref().map(models::Kind::as_str), Some("SomethingNew"));
    assert_eq!(created.api_version, Some(models::ApiVersion::Unknown("v3".into())));

    let back = serde_json::to_value(&created).unwrap();
    assert_eq!(back["kind"], "SomethingNew");
    assert_eq!(back["apiVersion"], "v3");
    let mut expected = seed::response_200_example();
    expected["kind"] = json!("SomethingNew");
    expected["apiVersion"] = json!("v3");
    assert_eq!(back, expected, "everything but the unknown fields comes back unchanged");
}

#[tokio::test]
async fn success_body_that_does_not_match_is_a_decode_error_naming_the_path() {
    let mut body = seed::response_200_example();
    body["spec"]["resources"]["count"] = json!("many");
    let server = TestServer::sequence(vec![Reply::new(200).json(&body)]).await;
    let err = client(&server).create_node_pool(&create()).await.unwrap_err();
    match &err {
        Error::Decode { path, .. } => assert_eq!(path, "spec.resources.count"),
        other => panic!("{other:?}"),
    }
}
