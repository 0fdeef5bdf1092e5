//! Open Telekom Cloud login traces: no password, user token or issued token. Alone in its binary
//! (the thread-local subscriber must not share tracing's callsite cache with other tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Capture, Reply, TestServer};
use hwcloud_runtime::{Client, Config, Method, OtcLogin, Request};

const PASSWORD: &str = "PASSWORD-TOP-SECRET";
const USER_TOKEN: &str = "USER-TOKEN-TOP-SECRET";
const AGENCY_TOKEN: &str = "AGENCY-TOKEN-TOP-SECRET";

fn token_reply(token: &str) -> Reply {
    Reply::new(201).header("X-Subject-Token", token).json(serde_json::json!({"token": {
        "expires_at": "2099-01-01T00:00:00.000000Z",
        "project": {"id": "p1", "domain": {"id": "d1"}},
        "catalog": []
    }}))
}

#[test]
fn login_traces_hold_no_secret() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let iam = TestServer::sequence(vec![token_reply(USER_TOKEN), token_reply(AGENCY_TOKEN)]).await;
            let service = TestServer::start(|r, _| match r.header("X-Auth-Token") {
                Some(AGENCY_TOKEN) => Reply::new(200),
                _ => Reply::new(401),
            })
            .await;
            let login = OtcLogin::password("OTC01", "alice", PASSWORD)
                .with_auth_url(format!("{}/v3", iam.url()))
                .with_agency("OTC02", "ag");
            let client = Client::new("svc", Config::otc(login).with_endpoint(service.url())).unwrap();
            let shown = format!("{client:?}");
            assert!(!shown.contains(PASSWORD), "{shown}");
            let response = client.execute(Request::new(Method::GET, "/v1/{project_id}/x", "GetX")).await.unwrap();
            assert_eq!(response.status(), 200);
            assert_eq!(iam.received().len(), 2);
        });
    });
    let out = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(out.contains("IAM token obtained"), "{out}");
    for secret in [PASSWORD, USER_TOKEN, AGENCY_TOKEN] {
        assert!(!out.contains(secret), "{secret} in:\n{out}");
    }
}
