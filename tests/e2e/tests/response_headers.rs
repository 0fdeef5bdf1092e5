//! Headers of success responses reach the caller: IAM's token (only in `X-Subject-Token`), and
//! the request id of any response, through the generated `_with_metadata` methods.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hwcloud_iam::{operations, Config, Credentials, IamClient};
use hwcloud_modelarts::ModelArtsClient;
use sdk_e2e::server::{Reply, TestServer};
use sdk_e2e::{AK, PROJECT_ID, SK};
use serde_json::json;

const TOKEN: &str = "MIIZfgYJKoZIhvcNAQcCoIIZbzCCGWsCAQExDTALBglghkgBZQMEAgEwgXg";

fn password_request() -> operations::GetUserTokenThroughPasswordAuthenticationRequest {
    let body = json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "domain": {"name": "IAMDomain"}, "name": "IAMUser", "password": "IAMPassword"}}},
        "scope": {"project": {"name": "cn-north-4"}}}});
    operations::GetUserTokenThroughPasswordAuthenticationRequest::new(serde_json::from_value(body).unwrap())
        .with_nocatalog("true")
}

fn token_reply() -> Reply {
    Reply::new(201)
        .header("X-Subject-Token", TOKEN)
        .header("X-Request-Id", "req-token")
        .json(&json!({"token": {"expires_at": "2026-12-06T08:00:00.000000Z", "methods": ["password"]}}))
}

fn iam(server: &TestServer) -> IamClient {
    // A global service signs with the account (domain) id: given, so nothing asks IAM for it.
    let credentials = Credentials::ak_sk(AK, SK).with_domain_id("d-0001");
    IamClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap()
}

#[tokio::test]
async fn password_token_comes_from_the_x_subject_token_header() {
    let server = TestServer::sequence(vec![token_reply()]).await;
    let out =
        iam(&server).get_user_token_through_password_authentication_with_metadata(&password_request()).await.unwrap();
    assert_eq!(out.status(), 201);
    assert_eq!(out.headers().x_subject_token.as_deref(), Some(TOKEN));
    assert_eq!(out.request_id(), Some("req-token"));
    let expires = out.body().token.as_ref().and_then(|t| t.expires_at.as_deref());
    assert_eq!(expires, Some("2026-12-06T08:00:00.000000Z"));
    // The token is a credential: debug output of the output and of the headers does not show it.
    let shown = format!("{out:?} {:?}", out.headers());
    assert!(!shown.contains(TOKEN) && shown.contains("<redacted>"), "{shown}");

    let got = server.received();
    assert_eq!((got[0].method.as_str(), got[0].target.as_str()), ("POST", "/v3/auth/tokens?nocatalog=true"));
}

#[tokio::test]
async fn the_plain_method_still_returns_the_body() {
    let server = TestServer::sequence(vec![token_reply()]).await;
    let body = iam(&server).get_user_token_through_password_authentication(&password_request()).await.unwrap();
    assert!(body.token.is_some());
}

/// An operation documenting no response header: its output still has the request id, and any
/// header by name.
#[tokio::test]
async fn every_success_carries_its_request_id() {
    let server = TestServer::sequence(vec![Reply::new(200)
        .header("X-Request-Id", "req-list")
        .header("X-Custom", "kept")
        .json(&json!({"total_count": 0, "auth": []}))])
    .await;
    let credentials = Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID);
    let client = ModelArtsClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap();
    let request = hwcloud_modelarts::operations::ListAuthorizationsRequest::new();
    let out = client.list_authorizations_with_metadata(&request).await.unwrap();
    assert_eq!(out.request_id(), Some("req-list"));
    assert_eq!(out.header("x-custom"), Some("kept"));
    assert_eq!(out.headers(), &());
}

/// The README's "Response headers and request ids" example, compiled here.
#[allow(dead_code)]
async fn readme_example(
    client: &IamClient,
    body: hwcloud_iam::models::GetUserTokenThroughPasswordAuthenticationBody,
) -> Result<Option<String>, hwcloud_iam::Error> {
    let request = operations::GetUserTokenThroughPasswordAuthenticationRequest::new(body);
    let out: hwcloud_iam::Output<_, _> =
        client.get_user_token_through_password_authentication_with_metadata(&request).await?;
    println!("status {}, request id {}", out.status(), out.request_id().unwrap_or("-"));
    let token = out.headers().x_subject_token.clone(); // typed, documented header
    let _date = out.header("Date"); // any other header by name
    let _expires = out.into_body().token.and_then(|t| t.expires_at);
    Ok(token)
}
