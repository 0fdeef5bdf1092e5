//! The waiter against a local job API (`GET /v1/{project_id}/jobs/{job_id}`) moving through its
//! states: to `SUCCESS`, to `FAIL` (the job's error surfaced), and never finishing (the deadline).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Reply, TestServer};
use hwcloud_runtime::waiter::{verdict, wait, wait_until, WaitError, WaitOptions};
use hwcloud_runtime::{Client, Config, Credentials, Error, Method, Request};
use serde_json::{json, Value};

fn client(url: String) -> Client {
    Client::new("ecs", Config::new(Credentials::ak_sk("ak", "sk").with_project_id("p")).with_endpoint(url)).unwrap()
}

fn job(status: &str) -> Reply {
    Reply::new(200).json(json!({ "job_id": "j-1", "status": status }))
}

/// Short pauses, a deadline no loaded machine misses.
fn options() -> WaitOptions {
    WaitOptions::new()
        .with_delay(Duration::from_millis(5))
        .with_max_delay(Duration::from_millis(20))
        .with_timeout(Duration::from_secs(120))
}

/// Polls the job `j-1` until its status is documented terminal.
async fn wait_for_job(client: &Client, options: &WaitOptions) -> Result<Value, WaitError<Value>> {
    let poll = || async {
        let request =
            Request::new(Method::GET, "/v1/{project_id}/jobs/{job_id}", "ShowJob").path_param("job_id", "j-1");
        let response = client.execute(request).await?;
        if response.status() != 200 {
            return Err(response.into_error());
        }
        response.json::<Value>()
    };
    let accept = |job: &Value| {
        let details = [("error_code", job["error_code"].as_str()), ("fail_reason", job["fail_reason"].as_str())];
        verdict(job["status"].as_str(), &["SUCCESS"], &["FAIL"], &details)
    };
    wait(options, poll, accept).await
}

#[tokio::test]
async fn init_running_success() {
    let server = TestServer::sequence(vec![job("INIT"), job("RUNNING"), job("RUNNING"), job("SUCCESS")]).await;
    let done = wait_for_job(&client(server.url()), &options()).await.unwrap();
    assert_eq!(done["status"], "SUCCESS");
    let received = server.received();
    assert_eq!(received.len(), 4);
    assert!(received.iter().all(|r| r.method == "GET" && r.path == "/v1/p/jobs/j-1"), "{received:?}");
}

#[tokio::test]
async fn running_fail_surfaces_the_job_error() {
    let failed = Reply::new(200).json(json!({
        "job_id": "j-1", "status": "FAIL", "error_code": "Ecs.0013", "fail_reason": "insufficient EIP quota"
    }));
    let server = TestServer::sequence(vec![job("INIT"), job("RUNNING"), failed]).await;
    let err = wait_for_job(&client(server.url()), &options()).await.unwrap_err();
    let message = err.to_string();
    let WaitError::Failed { reason, last, polls } = err else { panic!("{message}") };
    assert_eq!(reason, "FAIL (error_code: Ecs.0013, fail_reason: insufficient EIP quota)");
    assert_eq!(last["error_code"], "Ecs.0013");
    assert_eq!(polls, 3);
    assert!(message.contains("insufficient EIP quota"), "{message}");
}

#[tokio::test]
async fn never_finishing_ends_at_the_deadline() {
    let server = TestServer::sequence(vec![job("INIT"), job("RUNNING")]).await;
    let options = options().with_timeout(Duration::from_millis(300));
    let err = wait_for_job(&client(server.url()), &options).await.unwrap_err();
    let message = err.to_string();
    let WaitError::TimedOut { polls, state, last, waited } = err else { panic!("{message}") };
    assert!(polls >= 1, "{message}");
    assert_eq!(state.as_deref(), Some("RUNNING"), "{message}");
    assert_eq!(last.unwrap()["status"], "RUNNING");
    assert!(waited >= Duration::from_millis(300), "{waited:?}");
    assert!(message.contains("last state: RUNNING"), "{message}");
}

#[tokio::test]
async fn a_service_error_ends_the_wait() {
    let server =
        TestServer::sequence(vec![job("RUNNING"), Reply::new(404).json(json!({"error_code": "Ecs.0114"}))]).await;
    let err = wait_for_job(&client(server.url()), &options()).await.unwrap_err();
    assert!(matches!(&err, WaitError::Poll(Error::Service(e)) if e.status == 404), "{err}");
}

/// `wait_until` on an ordinary get: until the server's status is in a set.
#[tokio::test]
async fn wait_until_a_status_in_a_set() {
    let volume = |status: &str| Reply::new(200).json(json!({ "volume": { "id": "v-1", "status": status } }));
    let server = TestServer::sequence(vec![volume("creating"), volume("creating"), volume("available")]).await;
    let client = client(server.url());
    let poll = || async {
        let request = Request::new(Method::GET, "/v2/{project_id}/volumes/{volume_id}", "ShowVolume")
            .path_param("volume_id", "v-1");
        client.execute(request).await?.json::<Value>()
    };
    let volume =
        wait_until(&options(), poll, |v| matches!(v["volume"]["status"].as_str(), Some("available" | "error")))
            .await
            .unwrap();
    assert_eq!(volume["volume"]["status"], "available");
    assert_eq!(server.received().len(), 3);
}
