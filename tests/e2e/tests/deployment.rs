//! The generated example program and client in real-deployment set-ups, against stand-ins on
//! 127.0.0.1 that verify signatures independently: keys from the official credentials file and
//! the endpoint from `HUAWEICLOUD_SDK_REGION_MODELARTS_CN_NORTH_4` alone (no flags but the
//! operation's own `--pool-name`), the project id looked up through an IAM stand-in, temporary
//! keys from an instance-metadata stand-in; and the mock transport for users' unit tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hwcloud_modelarts::{operations, Config, ModelArtsClient};
use hwcloud_runtime::mock::{MockResponse, MockTransport, MOCK_PROJECT_ID};
use sdk_e2e::server::{Received, Reply, TestServer};
use sdk_e2e::verify::verify;
use sdk_e2e::{program, seed, AK, PROJECT_ID, SK};
use serde_json::json;

const REGION_VAR: &str = "HUAWEICLOUD_SDK_REGION_MODELARTS_CN_NORTH_4";

fn home(name: &str) -> PathBuf {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("home-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(dir.join(".huaweicloud")).unwrap();
    dir
}

fn show(out: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// ModelArts behind a gateway that verifies the signature with `ak`/`sk`.
async fn gateway(ak: &'static str, sk: &'static str, project: &'static str) -> TestServer {
    TestServer::start(move |req: &Received, _| {
        let key_ak = req.header("authorization").and_then(|a| a.split("Access=").nth(1)).unwrap_or_default();
        let (ak, sk) = if key_ak.starts_with("TMPAK") { ("TMPAK1", "TMPSK1") } else { (ak, sk) };
        if let Err(why) = verify(req, ak, sk) {
            return Reply::new(401).json(&json!({"error_code": "APIGW.0301", "error_msg": why}));
        }
        if req.target != format!("/v2/{project}/pools/pool-1/nodepools") {
            return Reply::new(404).json(&json!({"error_code": "APIGW.0101", "error_msg": req.target}));
        }
        Reply::new(200).json(&seed::response_200_example())
    })
    .await
}

/// IAM answering `GET /v3/projects?name=cn-north-4` to correctly signed requests.
async fn iam(ak: &'static str, sk: &'static str) -> TestServer {
    TestServer::start(move |req: &Received, _| {
        if let Err(why) = verify(req, ak, sk) {
            return Reply::new(401).json(&json!({"error_code": "APIGW.0301", "error_msg": why}));
        }
        if req.target != "/v3/projects?name=cn-north-4" {
            return Reply::new(404);
        }
        Reply::new(200).json(&json!({"projects": [{"id": PROJECT_ID, "name": "cn-north-4"}]}))
    })
    .await
}

fn args() -> Vec<String> {
    vec!["--pool-name".into(), "pool-1".into()]
}

#[tokio::test]
async fn example_with_credentials_file_and_region_endpoint_variable() {
    let server = gateway(AK, SK, PROJECT_ID).await;
    let dir = home("profile");
    std::fs::write(
        dir.join(".huaweicloud/credentials"),
        format!("[basic]\nak = {AK}\nsk = {SK}\nproject_id = {PROJECT_ID}\n"),
    )
    .unwrap();
    let env = vec![("HOME".to_string(), dir.display().to_string()), (REGION_VAR.to_string(), server.url())];
    let out = program::run(args(), env).await;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, seed::response_200_example());
    let r = &server.received()[0];
    assert_eq!(r.header("x-project-id"), Some(PROJECT_ID));
    assert!(r.header("x-security-token").is_none());
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn example_with_credentials_file_variable_and_project_from_iam() {
    let server = gateway(AK, SK, PROJECT_ID).await;
    let iam = iam(AK, SK).await;
    let dir = home("profile-iam");
    let file = dir.join("my-credentials.ini");
    std::fs::write(&file, format!("[basic]\nak = {AK}\nsk = {SK}\n")).unwrap();
    let env = vec![
        ("HOME".to_string(), "/nonexistent-home".to_string()),
        ("HUAWEICLOUD_SDK_CREDENTIALS_FILE".to_string(), file.display().to_string()),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT".to_string(), iam.url()),
        (REGION_VAR.to_string(), server.url()),
    ];
    let out = program::run(args(), env).await;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(iam.received().len(), 1);
    assert_eq!(server.received()[0].header("x-project-id"), Some(PROJECT_ID));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn example_with_metadata_keys() {
    let server = gateway(AK, SK, PROJECT_ID).await;
    let iam = iam("TMPAK1", "TMPSK1").await;
    let fetched = Arc::new(AtomicUsize::new(0));
    let count = fetched.clone();
    let metadata = TestServer::start(move |req: &Received, _| match (req.method.as_str(), req.path.as_str()) {
        ("PUT", "/meta-data/latest/api/token") => Reply::new(200).body("md-token"),
        ("GET", "/openstack/latest/securitykey") if req.header("x-metadata-token") == Some("md-token") => {
            count.fetch_add(1, Ordering::SeqCst);
            Reply::new(200).json(&json!({"credential": {
                "access": "TMPAK1", "secret": "TMPSK1", "securitytoken": "STS-TOKEN-1",
                "expires_at": "2099-01-01T00:00:00.000000Z"
            }}))
        }
        _ => Reply::new(401),
    })
    .await;
    let dir = home("metadata");
    let env = vec![
        ("HOME".to_string(), dir.display().to_string()),
        ("HUAWEICLOUD_SDK_METADATA_ENDPOINT".to_string(), metadata.url()),
        ("HUAWEICLOUD_SDK_IAM_ENDPOINT".to_string(), iam.url()),
        (REGION_VAR.to_string(), server.url()),
    ];
    let out = program::run(args(), env).await;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert_eq!(fetched.load(Ordering::SeqCst), 1);
    let r = &server.received()[0];
    assert_eq!(r.header("x-security-token"), Some("STS-TOKEN-1"));
    assert!(verify(r, "TMPAK1", "TMPSK1").unwrap().signed_headers.contains(&"x-security-token".to_string()));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("TMPSK1"));
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn example_without_any_credentials_names_every_source() {
    let closed = {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let env = vec![
        ("HOME".to_string(), "/nonexistent-home".to_string()),
        ("HUAWEICLOUD_SDK_METADATA_ENDPOINT".to_string(), format!("http://127.0.0.1:{closed}")),
        (REGION_VAR.to_string(), "http://127.0.0.1:9".to_string()),
    ];
    let out = tokio::time::timeout(Duration::from_secs(60), program::run(args(), env)).await.unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("HUAWEICLOUD_SDK_AK") && stderr.contains("credentials file") && stderr.contains("metadata"),
        "{stderr}"
    );
}

/// What a user's unit test of code calling the generated client looks like (no socket).
#[tokio::test]
async fn generated_client_over_the_mock_transport() {
    let mock = MockTransport::new();
    mock.on("CreateNodePool", MockResponse::json(200, seed::response_200_example()));
    let client = ModelArtsClient::new(Config::mock(&mock)).unwrap();
    let body = serde_json::from_value(seed::request_example()).unwrap();
    let created = client.create_node_pool(&operations::CreateNodePoolRequest::new("pool-1", body)).await.unwrap();
    assert_eq!(serde_json::to_value(&created).unwrap(), seed::response_200_example());
    let sent = mock.requests_for("CreateNodePool");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "POST");
    assert_eq!(sent[0].path, format!("/v2/{MOCK_PROJECT_ID}/pools/pool-1/nodepools"));
    assert_eq!(sent[0].json(), seed::request_example());

    mock.on("DeleteLabelAndSamples", MockResponse::status(204));
    client.delete_label_and_samples(&operations::DeleteLabelAndSamplesRequest::new("ds", "l")).await.unwrap();
    mock.on("DescDataset", MockResponse::error(404, "ModelArts.4352", "dataset not found"));
    let err = client.desc_dataset(&operations::DescDatasetRequest::new("nope")).await.unwrap_err();
    assert_eq!(err.to_string(), "ModelArts.4352: dataset not found (HTTP 404)");
}
