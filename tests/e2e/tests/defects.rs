//! The three defects found by checking requests against the official SDK core's signer, each
//! through the generated client against a local server that verifies signatures the official way:
//! a `/` inside a path parameter, free-form JSON query values, and an empty `204`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hwcloud_modelarts::{operations, Config, Credentials, ModelArtsClient};
use sdk_e2e::server::{Received, Reply, TestServer};
use sdk_e2e::verify::verify;
use sdk_e2e::{AK, PROJECT_ID, SK};
use serde_json::json;

async fn verifying_server(ok: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(move |req, _| match verify(req, AK, SK) {
        Ok(_) => ok(req),
        Err(why) => Reply::new(401).json(&json!({"error_code": "APIGW.0301", "error_msg": why})),
    })
    .await
}

fn client(server: &TestServer) -> ModelArtsClient {
    let credentials = Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID);
    ModelArtsClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap()
}

/// `team/a` travels as `team%2Fa` and is signed with the canonical URI `.../team/a/`.
#[tokio::test]
async fn slash_in_path_parameter_is_signed_as_the_official_sdks_sign_it() {
    let server = verifying_server(|_| Reply::new(200).json(&json!({"dataset_id": "x"}))).await;
    client(&server).desc_dataset(&operations::DescDatasetRequest::new("team/a")).await.unwrap();
    let r = &server.received()[0];
    assert_eq!(r.path, format!("/v2/{PROJECT_ID}/datasets/team%2Fa"));
    let canonical = verify(r, AK, SK).unwrap().canonical_request;
    assert!(canonical.starts_with(&format!("GET\n/v2/{PROJECT_ID}/datasets/team/a/\n")), "{canonical}");
}

/// A `Vec<serde_json::Value>` query parameter sends string items without their JSON quotes.
#[tokio::test]
async fn json_query_values_are_sent_as_plain_text() {
    let server = verifying_server(|_| Reply::new(200).json(&json!({"tasks": [], "count": 0}))).await;
    let request =
        operations::ListProcessorTasksRequest::new().with_version_id(vec![json!("v1"), json!("v 2"), json!(3)]);
    client(&server).list_processor_tasks(&request).await.unwrap();
    let r = &server.received()[0];
    assert_eq!(r.query, "version_id=v1&version_id=v%202&version_id=3");
    assert!(!r.query.contains("%22"), "{}", r.query);
    verify(r, AK, SK).unwrap();
}

/// An operation documented with `204` returns its (all-optional) type on a real, empty 204.
#[tokio::test]
async fn empty_204_is_a_success() {
    let server = verifying_server(|_| Reply::new(204)).await;
    let request = operations::DeleteLabelAndSamplesRequest::new("ds-1", "label-1");
    let deleted = client(&server).delete_label_and_samples(&request).await.unwrap();
    assert_eq!(deleted, Default::default());
    assert!(server.received()[0].body.is_empty());
}
