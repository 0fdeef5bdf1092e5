//! The generated example program `create_node_pool` (built with cargo, run as a child process)
//! against a local server that verifies Huawei signatures the way the official SDKs compute
//! them (`sdk_e2e::verify`) and answers with the seed page's examples.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Output;

use sdk_e2e::server::{Received, Reply, TestServer};
use sdk_e2e::verify::verify;
use sdk_e2e::{program, seed, AK, PROJECT_ID, SK};
use serde_json::json;

/// The official environment variables, nothing else.
fn env() -> Vec<(String, String)> {
    vec![
        ("HUAWEICLOUD_SDK_AK".into(), AK.into()),
        ("HUAWEICLOUD_SDK_SK".into(), SK.into()),
        ("HUAWEICLOUD_SDK_PROJECT_ID".into(), PROJECT_ID.into()),
    ]
}

fn args(server: &TestServer, extra: &[&str]) -> Vec<String> {
    let mut out = vec!["--endpoint".to_string(), server.url(), "--pool-name".to_string(), "pool-1".to_string()];
    out.extend(extra.iter().map(|s| s.to_string()));
    out
}

/// Checks what the gateway would check, then answers like ModelArts.
fn gateway(reply_ok: Reply) -> impl Fn(&Received, usize) -> Reply + Send + Sync + 'static {
    move |req, _| {
        if let Err(why) = verify(req, AK, SK) {
            return Reply::new(401)
                .header("X-Request-Id", "req-unsigned")
                .json(&json!({"error_code": "APIGW.0301", "error_msg": why}));
        }
        let expected_path = format!("/v2/{PROJECT_ID}/pools/pool-1/nodepools");
        if req.method != "POST" || req.target != expected_path {
            return Reply::new(404).json(&json!({"error_code": "APIGW.0101", "error_msg": "no such API"}));
        }
        reply_ok.clone()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn show(out: &Output) -> String {
    format!("status {:?}\nstdout:\n{}\nstderr:\n{}", out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[tokio::test]
async fn sends_the_documented_example_and_prints_the_response() {
    let server = TestServer::start(gateway(
        Reply::new(200).header("X-Request-Id", "req-ok").json(&seed::response_200_example()),
    ))
    .await;
    let out = program::run(args(&server, &[]), env()).await;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let printed: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", show(&out)));
    assert_eq!(printed, seed::response_200_example(), "{}", show(&out));

    let got = server.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.json(), seed::request_example(), "the default body is the page's request example");
    assert_eq!(r.header("x-project-id"), Some(PROJECT_ID));
    assert_eq!(r.header("content-type"), Some("application/json"));
    let signed = verify(r, AK, SK).unwrap().signed_headers;
    for h in ["content-type", "host", "x-project-id", "x-sdk-date"] {
        assert!(signed.iter().any(|s| s == h), "{h} not signed: {signed:?}");
    }
}

#[tokio::test]
async fn service_error_goes_to_stderr_with_exit_code_1() {
    let server = TestServer::start(gateway(
        Reply::new(400).header("X-Request-Id", "req-bad-400").json(&seed::response_400_example()),
    ))
    .await;
    let out = program::run(args(&server, &[]), env()).await;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(out.stdout.is_empty(), "{}", show(&out));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.trim_end(), "error: ModelArts.50004000: Bad request. (HTTP 400, request id req-bad-400)");
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn body_from_a_file_and_project_id_from_the_command_line() {
    let mut body = seed::request_example();
    body["metadata"]["name"] = json!("节点池-2");
    body["spec"]["resources"]["count"] = json!(3);
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("body-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_vec_pretty(&body).unwrap()).unwrap();

    let server = TestServer::start(|req: &Received, _| match verify(req, AK, SK) {
        Ok(_) => Reply::new(200).body(req.body.clone()),
        Err(why) => Reply::new(401).json(&json!({"error_code": "APIGW.0301", "error_msg": why})),
    })
    .await;
    let out =
        program::run(args(&server, &["--body", path.to_str().unwrap(), "--project-id", "cli-project"]), env()).await;
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    let r = &server.received()[0];
    assert_eq!(r.target, "/v2/cli-project/pools/pool-1/nodepools");
    assert_eq!(r.json(), body);
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, body);
}

#[tokio::test]
async fn missing_credentials_and_bad_arguments() {
    let server = TestServer::sequence(vec![Reply::new(200)]).await;

    let no_sk: Vec<(String, String)> = env().into_iter().filter(|(k, _)| k != "HUAWEICLOUD_SDK_SK").collect();
    let out = program::run(args(&server, &[]), no_sk).await;
    assert_eq!(out.status.code(), Some(1), "{}", show(&out));
    assert!(text(&out.stderr).contains("HUAWEICLOUD_SDK_SK"), "{}", show(&out));

    let out = program::run(vec!["--endpoint".into(), server.url()], env()).await;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("`--pool-name` is required"), "{}", show(&out));

    let out = program::run(args(&server, &["--colour", "blue"]), env()).await;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("unknown flag `--colour`"), "{}", show(&out));

    let out = program::run(args(&server, &["--body", "/nonexistent/body.json"]), env()).await;
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    assert!(text(&out.stderr).contains("cannot read /nonexistent/body.json"), "{}", show(&out));

    let out = program::run(vec!["--help".into()], env()).await;
    assert_eq!(out.status.code(), Some(0), "{}", show(&out));
    assert!(text(&out.stdout).contains("--pool-name VALUE"), "{}", show(&out));

    assert!(server.received().is_empty(), "nothing was sent");
}
