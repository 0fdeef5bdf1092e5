//! Extension points: a user's credentials provider, the OIDC ID-token source (against a fake IAM
//! on 127.0.0.1), a user's transport and a user's retry classifier.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{Reply, TestServer};
use hwcloud_runtime::idtoken::{ID_TOKEN_PATH, SECURITY_TOKENS_PATH};
use hwcloud_runtime::{
    AttemptResult, BoxFuture, Client, Config, Credentials, DefaultRetryClassifier, Error, HttpRequest, HttpResponse,
    Method, ProvideCredentials, Request, RetryClassifier, RetryContext, RetryDecision, Transport, TransportError,
};

fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| map.get(name).cloned()
}

/// A vault: hands out its keys and counts how often it was asked.
#[derive(Debug, Default)]
struct Vault {
    asked: AtomicUsize,
}

impl ProvideCredentials for Vault {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        let n = self.asked.fetch_add(1, Ordering::SeqCst);
        Box::pin(async move { Ok(Credentials::ak_sk(format!("VAULTAK{n}"), "VAULTSK").with_project_id("p")) })
    }
}

#[tokio::test]
async fn user_provider_signs_every_call() {
    let server = TestServer::sequence(vec![Reply::new(200)]).await;
    let vault = Arc::new(Vault::default());
    let config =
        Config::from_lookup(lookup(&[])).unwrap().with_credentials_provider(vault.clone()).with_endpoint(server.url());
    assert_eq!(config.credential_source(), "provider");
    let client = Client::new("svc", config).unwrap();
    for _ in 0..2 {
        client.execute(Request::new(Method::GET, "/v1/{project_id}/x", "GetX")).await.unwrap();
    }
    let got = server.received();
    assert!(got[0].header("authorization").unwrap().contains("Access=VAULTAK0,"), "{:?}", got[0]);
    assert!(got[1].header("authorization").unwrap().contains("Access=VAULTAK1,"), "{:?}", got[1]);
    assert_eq!(got[0].path, "/v1/p/x");
    assert_eq!(vault.asked.load(Ordering::SeqCst), 2);
    assert!(!format!("{client:?}").contains("VAULTSK"));
}

#[test]
fn chain_order_environment_then_id_token_then_file() {
    let dir = std::env::temp_dir().join(format!("hwcloud-ext-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("credentials");
    std::fs::write(&file, "[basic]\nak = FILEAK\nsk = FILESK\n").unwrap();
    let file = file.to_str().unwrap().to_owned();
    let idp = [("HUAWEICLOUD_SDK_IDP_ID", "idp"), ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", "/tmp/token")];

    let mut all = vec![("HUAWEICLOUD_SDK_AK", "ak"), ("HUAWEICLOUD_SDK_SK", "sk")];
    all.extend(idp);
    all.push(("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.as_str()));
    assert_eq!(Config::from_lookup(lookup(&all)).unwrap().credential_source(), "environment");

    let mut id_and_file = idp.to_vec();
    id_and_file.push(("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.as_str()));
    assert_eq!(Config::from_lookup(lookup(&id_and_file)).unwrap().credential_source(), "OIDC ID token");

    let only_file = [("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.as_str())];
    assert_eq!(Config::from_lookup(lookup(&only_file)).unwrap().credential_source(), "credentials file");
    assert_eq!(Config::from_lookup(lookup(&[])).unwrap().credential_source(), "instance metadata");

    for (set, missing) in [idp[0], idp[1]].iter().zip(["HUAWEICLOUD_SDK_ID_TOKEN_FILE", "HUAWEICLOUD_SDK_IDP_ID"]) {
        match Config::from_lookup(lookup(&[*set])) {
            Err(Error::Credentials(m)) => assert!(m.contains(&format!("{missing} is not")), "{m}"),
            other => panic!("{other:?}"),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fake IAM that exchanges the ID token `the-id-token` of identity provider `k8s-idp`, and a
/// service that accepts only the temporary keys it issued.
async fn fake_iam_and_service() -> TestServer {
    TestServer::start(|req, _| match req.path.as_str() {
        ID_TOKEN_PATH => {
            let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
            if req.header("x-idp-id") != Some("k8s-idp") || body["auth"]["id_token"]["id"] != "the-id-token" {
                return Reply::new(401)
                    .json(serde_json::json!({"error_msg": "bad id token", "error_code": "IAM.0001"}));
            }
            Reply::new(201).header("X-Subject-Token", "federated-token").json(serde_json::json!({"token": {}}))
        }
        SECURITY_TOKENS_PATH => {
            let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap_or_default();
            let token = &body["auth"]["identity"]["token"];
            if req.header("x-auth-token") != Some("federated-token") || token["id"] != "federated-token" {
                return Reply::new(401);
            }
            Reply::new(201).json(serde_json::json!({"credential": {
                "access": "TMPAK", "secret": "TMPSK", "securitytoken": "TMPTOKEN",
                "expires_at": "2999-01-01T00:00:00.000000Z"
            }}))
        }
        _ if req.header("authorization").is_some_and(|a| a.contains("Access=TMPAK,"))
            && req.header("x-security-token") == Some("TMPTOKEN") =>
        {
            Reply::new(200).json(serde_json::json!({"ok": true}))
        }
        _ => Reply::new(401),
    })
    .await
}

fn token_file(name: &str, content: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("hwcloud-idtoken-{}-{name}", std::process::id()));
    std::fs::write(&path, content).unwrap();
    path
}

#[tokio::test]
async fn id_token_is_exchanged_through_iam_once() {
    let server = fake_iam_and_service().await;
    let file = token_file("ok", "the-id-token\n");
    let vars = [
        ("HUAWEICLOUD_SDK_IDP_ID", "k8s-idp"),
        ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", file.to_str().unwrap()),
        ("HUAWEICLOUD_SDK_PROJECT_ID", "proj-1"),
    ];
    let config =
        Config::from_lookup(lookup(&vars)).unwrap().with_iam_endpoint(server.url()).with_endpoint(server.url());
    let client = Client::new("svc", config).unwrap();
    for _ in 0..2 {
        let r = client.execute(Request::new(Method::GET, "/v1/{project_id}/x", "GetX")).await.unwrap();
        assert_eq!(r.status(), 200);
    }
    let paths: Vec<String> = server.received().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, [ID_TOKEN_PATH, SECURITY_TOKENS_PATH, "/v1/proj-1/x", "/v1/proj-1/x"]);
    std::fs::remove_file(file).unwrap();
}

#[tokio::test]
async fn id_token_refused_or_missing_is_a_credentials_error_without_secrets() {
    let server = fake_iam_and_service().await;
    let file = token_file("bad", "not-the-token");
    let config = Config::from_id_token_file("k8s-idp", &file)
        .with_env_lookup(|_| None)
        .with_iam_endpoint(server.url())
        .with_endpoint(server.url());
    let client = Client::new("svc", config).unwrap();
    let err = client.execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::Credentials(_)), "{err:?}");
    assert!(text.contains(ID_TOKEN_PATH) && text.contains("IAM.0001") && !text.contains("not-the-token"), "{text}");
    std::fs::remove_file(&file).unwrap();

    let client = Client::new(
        "svc",
        Config::from_id_token_file("k8s-idp", &file).with_iam_endpoint(server.url()).with_endpoint(server.url()),
    )
    .unwrap();
    let err = client.execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap_err();
    assert!(err.to_string().contains("cannot read the ID token file"), "{err}");
}

/// A transport that answers every request itself and records what it was given.
#[derive(Debug, Default)]
struct Recording {
    seen: Mutex<Vec<HttpRequest>>,
}

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.seen.lock().unwrap().push(request);
        Box::pin(async { Ok(HttpResponse::new(200, Default::default(), b"{\"via\":\"custom\"}".to_vec())) })
    }
}

#[tokio::test]
async fn user_transport_sends_signed_requests() {
    let transport = Arc::new(Recording::default());
    let config = Config::new(Credentials::ak_sk("ak", "sk").with_project_id("p"))
        .with_env_lookup(|_| None)
        .with_region("cn-north-4")
        .with_transport(transport.clone());
    let client = Client::new("ecs", config).unwrap();
    let req = Request::new(Method::POST, "/v1/{project_id}/servers", "CreateServers").json_body(&1).unwrap();
    let resp = client.execute(req).await.unwrap();
    assert_eq!(resp.json::<serde_json::Value>().unwrap()["via"], "custom");
    let seen = transport.seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url, "https://ecs.cn-north-4.myhuaweicloud.com/v1/p/servers");
    assert_eq!(seen[0].operation, "CreateServers");
    assert!(seen[0].headers.get("authorization").unwrap().to_str().unwrap().starts_with("SDK-HMAC-SHA256"));
    assert_eq!(seen[0].body.as_deref(), Some(&b"1"[..]));
}

/// Retries a POST on 503 too (for a service documenting it as idempotent), else the default.
#[derive(Debug)]
struct PostTooOn503;

impl RetryClassifier for PostTooOn503 {
    fn classify(&self, ctx: &RetryContext<'_>) -> RetryDecision {
        match ctx.result {
            AttemptResult::Response { status: 503, .. } => RetryDecision::RetryAfter(Duration::from_millis(1)),
            _ => DefaultRetryClassifier.classify(ctx),
        }
    }
}

#[tokio::test]
async fn user_retry_classifier_replaces_the_default() {
    let server = TestServer::sequence(vec![Reply::new(503), Reply::new(201)]).await;
    let config = Config::new(Credentials::ak_sk("ak", "sk").with_project_id("p"))
        .with_endpoint(server.url())
        .with_retry_classifier(Arc::new(PostTooOn503));
    let client = Client::new("svc", config).unwrap();
    let resp = client.execute(Request::new(Method::POST, "/v1/x", "CreateX")).await.unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(server.received().len(), 2);
}
