//! Real-deployment features against stand-ins on 127.0.0.1: endpoint rules and overrides, the
//! credential chain (environment, credentials file, instance metadata with refresh), project and
//! domain ids through IAM, proxy, CA files, deadlines, per-call options, interceptors, the mock
//! transport. Environment variables are passed through lookup closures, never set on the process.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use common::{closed_port, Received, Reply, TestServer};
use hwcloud_runtime::mock::{MockResponse, MockTransport};
use hwcloud_runtime::{
    AttemptContext, AttemptOutcome, CallOptions, Client, Cloud, Config, Credentials, Error, Interceptor, Method,
    Request, RootStore, ServiceDescriptor, SignedRequest,
};
use serde_json::json;

fn env(vars: &[(&str, String)]) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    move |name| map.get(name).cloned()
}

fn temp_dir(name: &str) -> PathBuf {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
    let dir = std::env::temp_dir().join(format!("hwcloud-rt-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(dir.join(".huaweicloud")).unwrap();
    dir
}

fn creds() -> Credentials {
    Credentials::ak_sk("AKTEST", "SKTEST")
}

fn rfc3339(t: SystemTime) -> String {
    // Only for the stand-ins: seconds since the epoch to `YYYY-MM-DDTHH:MM:SS.000000Z`.
    let secs = t.duration_since(UNIX_EPOCH).unwrap().as_secs();
    let date = hwcloud_runtime::signer::format_sdk_date(UNIX_EPOCH + Duration::from_secs(secs));
    format!(
        "{}-{}-{}T{}:{}:{}.000000Z",
        &date[0..4],
        &date[4..6],
        &date[6..8],
        &date[9..11],
        &date[11..13],
        &date[13..15]
    )
}

// ---- endpoints --------------------------------------------------------------------------------

#[test]
fn cloud_profiles_and_region_tables() {
    static VPC_OTC: ServiceDescriptor = ServiceDescriptor::new("vpc", Cloud::OpenTelekomCloud);
    let no_env = || Config::new(creds()).with_env_lookup(|_| None);
    let c = Client::for_service(&VPC_OTC, no_env().with_region("eu-de")).unwrap();
    assert_eq!(c.endpoint(), "https://vpc.eu-de.otc.t-systems.com/");
    assert_eq!(c.iam_endpoint(), "https://iam.eu-de.otc.t-systems.com");
    let c = Client::for_service(&VPC_OTC, no_env().with_region("eu-ch2")).unwrap();
    assert_eq!(c.endpoint(), "https://vpc.eu-ch2.sc.otc.t-systems.com/");
    assert_eq!(c.iam_endpoint(), "https://iam-pub.eu-ch2.sc.otc.t-systems.com");
    // The exceptions come from the descriptor (generated from spec/services.yaml), not the runtime.
    static MODELARTS: ServiceDescriptor = ServiceDescriptor::new("modelarts", Cloud::HuaweiCloud)
        .with_regions(&[("ap-southeast-1", "https://modelarts.ap-southeast-1.myhuaweicloud.cn")]);
    let c = Client::for_service(&MODELARTS, no_env().with_region("ap-southeast-1")).unwrap();
    assert_eq!(c.endpoint(), "https://modelarts.ap-southeast-1.myhuaweicloud.cn/");
    let c = Client::new("modelarts", no_env().with_region("ap-southeast-1")).unwrap();
    assert_eq!(c.endpoint(), "https://modelarts.ap-southeast-1.myhuaweicloud.com/", "no runtime table");
    let c = Client::new("modelarts", no_env().with_region("eu-nl").with_cloud(Cloud::OpenTelekomCloud)).unwrap();
    assert_eq!(c.endpoint(), "https://modelarts.eu-nl.otc.t-systems.com/");
    let err = Client::for_service(&VPC_OTC, no_env().with_region("cn-north-4")).unwrap_err().to_string();
    assert!(err.contains("region `cn-north-4`") && err.contains("HUAWEICLOUD_SDK_REGION_VPC_CN_NORTH_4"), "{err}");
    assert!(err.contains("eu-de, eu-nl, eu-ch2"), "{err}");
}

#[test]
fn override_sources_in_the_official_order() {
    let home = temp_dir("regions");
    std::fs::write(
        home.join(".huaweicloud/regions.yaml"),
        "MODELARTS:\n  - id: cn-north-4\n    endpoint: 'https://from-file.example.com'\n  - id: my-private-1\n    endpoint: 'https://private.example.com'\n",
    )
    .unwrap();
    let home_s = home.display().to_string();
    let var = ("HUAWEICLOUD_SDK_REGION_MODELARTS_CN_NORTH_4", "http://127.0.0.1:9".to_owned());

    // Environment variable first.
    let c =
        Config::new(creds()).with_env_lookup(env(&[("HOME", home_s.clone()), var.clone()])).with_region("cn-north-4");
    let c = Client::new("modelarts", c).unwrap();
    assert_eq!(c.endpoint(), "http://127.0.0.1:9/");
    assert_eq!(c.endpoint_source(), "HUAWEICLOUD_SDK_REGION_MODELARTS_CN_NORTH_4");
    // Then the regions file (also for regions unknown to the cloud).
    let c = Config::new(creds()).with_env_lookup(env(&[("HOME", home_s.clone())])).with_region("my-private-1");
    assert_eq!(Client::new("modelarts", c).unwrap().endpoint(), "https://private.example.com/");
    let c = Config::new(creds()).with_env_lookup(env(&[("HOME", home_s.clone())])).with_region("cn-north-4");
    assert_eq!(Client::new("modelarts", c).unwrap().endpoint(), "https://from-file.example.com/");
    // HUAWEICLOUD_SDK_REGIONS_FILE names another file.
    let other = home.join("other.yaml");
    std::fs::write(&other, "modelarts:\n  - id: cn-north-4\n    endpoint: https://other.example.com\n").unwrap();
    let c = Config::new(creds())
        .with_env_lookup(env(&[
            ("HOME", home_s.clone()),
            ("HUAWEICLOUD_SDK_REGIONS_FILE", other.display().to_string()),
        ]))
        .with_region("cn-north-4");
    assert_eq!(Client::new("modelarts", c).unwrap().endpoint(), "https://other.example.com/");
    // Code wins over both.
    let c = Config::new(creds())
        .with_env_lookup(env(&[("HOME", home_s.clone()), var]))
        .with_region("cn-north-4")
        .with_region_endpoints([("cn-north-4".to_owned(), "https://code.example.com".to_owned())]);
    assert_eq!(Client::new("modelarts", c).unwrap().endpoint(), "https://code.example.com/");
    // A broken regions file is an error naming it.
    std::fs::write(home.join(".huaweicloud/regions.yaml"), "- not: a map\n").unwrap();
    let c = Config::new(creds()).with_env_lookup(env(&[("HOME", home_s)])).with_region("cn-north-4");
    let err = Client::new("modelarts", c).unwrap_err().to_string();
    assert!(err.contains("regions.yaml"), "{err}");
    let _ = std::fs::remove_dir_all(home);
}

// ---- credential chain -------------------------------------------------------------------------

fn ok_server_verifying_ak(ak: &'static str) -> impl Fn(&Received, usize) -> Reply + Send + Sync + 'static {
    move |req, _| {
        let auth = req.header("authorization").unwrap_or_default();
        if auth.contains(&format!("Access={ak},")) {
            Reply::new(200).json(json!({"ok": true}))
        } else {
            Reply::new(401).json(json!({"error_code": "APIGW.0301", "error_msg": "wrong AK"}))
        }
    }
}

#[tokio::test]
async fn credentials_file_is_the_second_source() {
    let home = temp_dir("profile");
    std::fs::write(
        home.join(".huaweicloud/credentials"),
        "[basic]\nak = AKFILE\nsk = SKFILE-SECRET\nproject_id = p-file\n\n[global]\nak = AKGLOBAL\nsk = SKG\ndomain_id = d-file\n",
    )
    .unwrap();
    let server = TestServer::start(ok_server_verifying_ak("AKFILE")).await;
    let config = Config::from_lookup(env(&[("HOME", home.display().to_string())])).unwrap().with_endpoint(server.url());
    assert_eq!(config.credential_source(), "credentials file");
    assert!(!format!("{config:?}").contains("SKFILE-SECRET"));
    let c = Client::new("modelarts", config).unwrap();
    let resp = c.execute(Request::new(Method::GET, "/v1/{project_id}/x", "Op")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(server.received()[0].path, "/v1/p-file/x");
    assert!(!format!("{c:?}").contains("SKFILE-SECRET"));

    // Environment keys win over the file.
    let config = Config::from_lookup(env(&[
        ("HOME", home.display().to_string()),
        ("HUAWEICLOUD_SDK_AK", "AKENV".into()),
        ("HUAWEICLOUD_SDK_SK", "SKENV".into()),
    ]))
    .unwrap();
    assert_eq!(config.credential_source(), "environment");

    // The global section for global services; an explicit path that does not exist is an error.
    static IAM_LIKE: ServiceDescriptor = ServiceDescriptor::new("iam", Cloud::HuaweiCloud).global();
    let server = TestServer::start(ok_server_verifying_ak("AKGLOBAL")).await;
    let config = Config::from_lookup(env(&[("HOME", home.display().to_string())])).unwrap().with_endpoint(server.url());
    let c = Client::for_service(&IAM_LIKE, config).unwrap();
    c.execute(Request::new(Method::GET, "/v3/{domain_id}/x", "Op")).await.unwrap();
    assert_eq!(server.received()[0].path, "/v3/d-file/x");
    assert_eq!(server.received()[0].header("x-domain-id"), Some("d-file"));
    let err =
        Config::from_lookup(env(&[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", "/nonexistent/creds".into())])).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/creds"), "{err}");
    let _ = std::fs::remove_dir_all(home);
}

/// A metadata stand-in issuing temporary keys: the first expires within the refresh margin, the
/// later ones in an hour. Counts token and key requests.
struct Metadata {
    server: TestServer,
    keys: Arc<AtomicUsize>,
}

async fn metadata_server(first_expires_in: Duration) -> Metadata {
    let keys = Arc::new(AtomicUsize::new(0));
    let counter = keys.clone();
    let server = TestServer::start(move |req, _| {
        if req.method == "PUT" && req.path == "/meta-data/latest/api/token" {
            assert_eq!(req.header("x-metadata-token-ttl-seconds"), Some("21600"));
            return Reply::new(200).body("session-token-1");
        }
        if req.method == "GET" && req.path == "/openstack/latest/securitykey" {
            if req.header("x-metadata-token") != Some("session-token-1") {
                return Reply::new(401).body("token required");
            }
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            let expires = SystemTime::now() + if n == 1 { first_expires_in } else { Duration::from_secs(3600) };
            return Reply::new(200).json(json!({"credential": {
                "access": format!("TMPAK{n}"),
                "secret": format!("TMPSK-SECRET-{n}"),
                "securitytoken": format!("TMPTOKEN-SECRET-{n}"),
                "expires_at": rfc3339(expires),
            }}));
        }
        Reply::new(404)
    })
    .await;
    Metadata { server, keys }
}

#[tokio::test]
async fn metadata_keys_are_refreshed_ahead_of_expiry_and_shared() {
    let md = metadata_server(Duration::from_secs(120)).await;
    let api = TestServer::start(|_, _| Reply::new(200)).await;
    let config = Config::from_lookup(env(&[("HUAWEICLOUD_SDK_METADATA_ENDPOINT", md.server.url())]))
        .unwrap()
        .with_endpoint(api.url());
    assert_eq!(config.credential_source(), "instance metadata");
    let c = Client::new("svc", config).unwrap();
    // The first key expires in 2 minutes, inside the 5-minute margin: the next call refreshes.
    c.execute(Request::new(Method::GET, "/v1/a", "Op")).await.unwrap();
    c.execute(Request::new(Method::GET, "/v1/b", "Op")).await.unwrap();
    // Concurrent calls share the second key: no further fetch.
    let calls: Vec<_> = (0..8)
        .map(|i| {
            let c = c.clone();
            tokio::spawn(async move { c.execute(Request::new(Method::GET, "/v1/c", "Op").query("i", i)).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().status(), 200);
    }
    assert_eq!(md.keys.load(Ordering::SeqCst), 2);
    let got = api.received();
    assert!(got[0].header("authorization").unwrap().contains("Access=TMPAK1,"));
    assert_eq!(got[0].header("x-security-token"), Some("TMPTOKEN-SECRET-1"));
    for r in &got[1..] {
        assert!(r.header("authorization").unwrap().contains("Access=TMPAK2,"), "{r:?}");
        assert_eq!(r.header("x-security-token"), Some("TMPTOKEN-SECRET-2"));
    }
    let shown = format!("{c:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
}

#[tokio::test]
async fn concurrent_first_calls_fetch_metadata_once() {
    let md = metadata_server(Duration::from_secs(3600)).await;
    let api = TestServer::start(|_, _| Reply::new(200)).await;
    let config = Config::from_metadata().with_metadata_endpoint(md.server.url()).with_endpoint(api.url());
    let c = Client::new("svc", config).unwrap();
    let calls: Vec<_> = (0..10)
        .map(|_| {
            tokio::spawn({
                let c = c.clone();
                async move { c.execute(Request::new(Method::GET, "/v1/x", "Op")).await }
            })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(md.keys.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn no_source_at_all_is_a_clear_error() {
    let port = closed_port().await;
    let config = Config::from_lookup(env(&[
        ("HOME", "/nonexistent-home".into()),
        ("HUAWEICLOUD_SDK_METADATA_ENDPOINT", format!("http://127.0.0.1:{port}")),
    ]))
    .unwrap()
    .with_endpoint("http://127.0.0.1:9");
    let err = Client::new("svc", config).unwrap().execute(Request::new(Method::GET, "/v1/x", "Op")).await.unwrap_err();
    let text = err.to_string();
    for part in ["HUAWEICLOUD_SDK_AK", "no credentials file at /nonexistent-home/.huaweicloud/credentials", "metadata"]
    {
        assert!(text.contains(part), "{part} missing: {text}");
    }
}

// ---- project and domain ids through IAM -------------------------------------------------------

async fn iam_server(projects: serde_json::Value) -> TestServer {
    TestServer::start(move |req, _| {
        if req.header("authorization").is_none() {
            return Reply::new(401);
        }
        match req.path.as_str() {
            "/v3/projects" => Reply::new(200).delay(Duration::from_millis(50)).json(projects.clone()),
            "/v3/auth/domains" => Reply::new(200).json(json!({"domains": [{"id": "dom-1", "name": "acct"}]})),
            _ => Reply::new(404),
        }
    })
    .await
}

#[tokio::test]
async fn project_id_is_looked_up_once_and_cached() {
    let iam = iam_server(json!({"projects": [{"id": "proj-eu-de", "name": "eu-de"}]})).await;
    let api = TestServer::start(|_, _| Reply::new(200)).await;
    static VPC: ServiceDescriptor = ServiceDescriptor::new("vpc", Cloud::OpenTelekomCloud);
    let config = Config::new(Credentials::ak_sk("AK-IAM-1", "SK"))
        .with_env_lookup(|_| None)
        .with_region("eu-de")
        .with_region_endpoints([("eu-de".to_owned(), api.url())])
        .with_iam_endpoint(iam.url());
    let c = Client::for_service(&VPC, config.clone()).unwrap();
    let calls: Vec<_> = (0..6)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move { c.execute(Request::new(Method::GET, "/v1/{project_id}/vpcs", "ListVpcs")).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    // A second client with the same AK, region and IAM reuses the cached id.
    Client::for_service(&VPC, config)
        .unwrap()
        .execute(Request::new(Method::GET, "/v1/{project_id}/vpcs", "ListVpcs"))
        .await
        .unwrap();
    let lookups = iam.received();
    assert_eq!(lookups.len(), 1, "one look-up under concurrent first calls");
    assert_eq!(lookups[0].target, "/v3/projects?name=eu-de");
    for r in api.received() {
        assert_eq!(r.path, "/v1/proj-eu-de/vpcs");
        assert_eq!(r.header("x-project-id"), Some("proj-eu-de"));
    }
}

#[tokio::test]
async fn region_without_project_and_domain_lookup() {
    let iam = iam_server(json!({"projects": []})).await;
    let api = TestServer::start(|_, _| Reply::new(200)).await;
    let config = Config::new(Credentials::ak_sk("AK-IAM-2", "SK"))
        .with_env_lookup(|_| None)
        .with_region("cn-north-4")
        .with_endpoint(api.url())
        .with_iam_endpoint(iam.url());
    let err = Client::new("svc", config.clone())
        .unwrap()
        .execute(Request::new(Method::GET, "/v1/{project_id}/x", "Op"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("region `cn-north-4` has no project"), "{err}");
    assert!(api.received().is_empty());

    // A global service signs with the domain id, looked up through /v3/auth/domains.
    static GLOBAL: ServiceDescriptor = ServiceDescriptor::new("iam", Cloud::HuaweiCloud).global();
    let c = Client::for_service(&GLOBAL, config).unwrap();
    c.execute(Request::new(Method::GET, "/v3/{domain_id}/things", "Op")).await.unwrap();
    let r = &api.received()[0];
    assert_eq!(r.path, "/v3/dom-1/things");
    assert_eq!(r.header("x-domain-id"), Some("dom-1"));
    assert!(r.header("x-project-id").is_none());
}

// ---- transport --------------------------------------------------------------------------------

#[tokio::test]
async fn proxy_with_credentials_and_no_proxy() {
    let proxy = TestServer::start(|_, _| Reply::new(200).body("via proxy")).await;
    let direct = TestServer::start(|_, _| Reply::new(200).body("direct")).await;
    let proxy_url = format!("http://user:pa%24s@{}", proxy.addr);
    let config = Config::new(creds()).with_endpoint(direct.url()).with_proxy(&proxy_url);
    assert!(!format!("{config:?}").contains("pa%24s"), "{config:?}");
    let resp =
        Client::new("svc", config.clone()).unwrap().execute(Request::new(Method::GET, "/v1/x", "Op")).await.unwrap();
    assert_eq!(resp.body(), b"via proxy");
    let r = &proxy.received()[0];
    assert_eq!(r.target, format!("{}/v1/x", direct.url()), "absolute-form target through the proxy");
    // base64("user:pa$s")
    assert_eq!(r.header("proxy-authorization"), Some("Basic dXNlcjpwYSRz"));

    let bypass = config.with_no_proxy("127.0.0.1");
    let resp = Client::new("svc", bypass).unwrap().execute(Request::new(Method::GET, "/v1/x", "Op")).await.unwrap();
    assert_eq!(resp.body(), b"direct");
    assert_eq!(proxy.received().len(), 1);
}

#[test]
fn ca_files_and_root_stores() {
    let ca = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/test-ca.pem");
    let base = || Config::new(creds()).with_env_lookup(|_| None).with_region("cn-north-4");
    Client::new("svc", base().with_ca_file(ca)).unwrap();
    Client::new("svc", base().with_ca_file(ca).with_root_store(RootStore::ExtraOnly)).unwrap();
    let err = Client::new("svc", base().with_root_store(RootStore::ExtraOnly)).unwrap_err();
    assert!(err.to_string().contains("needs CA certificates"), "{err}");
    let err = Client::new("svc", base().with_ca_file("/nonexistent/ca.pem")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/ca.pem"), "{err}");
    let err = Client::new("svc", base().with_ca_pem(b"not a pem".to_vec())).unwrap_err();
    assert!(err.to_string().contains("no certificate") || err.to_string().contains("PEM"), "{err}");
}

#[tokio::test]
async fn operation_deadline_and_per_call_options() {
    let server = TestServer::start(|req, _| match req.path.as_str() {
        "/slow" => Reply::new(200).delay(Duration::from_millis(400)),
        _ => Reply::new(503),
    })
    .await;
    let config = Config::new(creds())
        .with_endpoint(server.url())
        .with_retry_base_delay(Duration::from_millis(100))
        .with_max_attempts(10)
        .with_operation_timeout(Duration::from_millis(250));
    let c = Client::new("svc", config).unwrap();
    let start = Instant::now();
    let err = c.execute(Request::new(Method::GET, "/busy", "GetBusy")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { kind: "operation", .. }), "{err:?}");
    assert!(start.elapsed() < Duration::from_millis(600), "{:?}", start.elapsed());
    assert_eq!(err.to_string(), "GetBusy: timed out after 250ms (operation timeout)");

    // Per call: one attempt, a short per-attempt timeout, an extra signed header.
    let opts = CallOptions::new().with_max_attempts(1).with_operation_timeout(Duration::from_secs(5));
    let before = server.received().len();
    let resp = c.with_options(opts.clone()).execute(Request::new(Method::GET, "/busy", "GetBusy")).await.unwrap();
    assert_eq!(resp.status(), 503);
    assert_eq!(server.received().len(), before + 1);
    let req = Request::new(Method::GET, "/slow", "GetSlow")
        .with_options(opts.clone().with_timeout(Duration::from_millis(100)).with_header("X-Trace-Id", "t-1"));
    let err = c.execute(req).await.unwrap_err();
    assert!(
        matches!(err, Error::Timeout { kind: "total", after, .. } if after == Duration::from_millis(100)),
        "{err:?}"
    );
    let last = server.received().pop().unwrap();
    assert_eq!(last.header("x-trace-id"), Some("t-1"));
    assert!(last.header("authorization").unwrap().contains("x-trace-id"), "the extra header is signed");
    let bad = Request::new(Method::GET, "/x", "Op").with_options(CallOptions::new().with_header("Authorization", "x"));
    assert!(matches!(c.execute(bad).await, Err(Error::InvalidRequest(_))));
}

#[derive(Default)]
struct Recorder {
    events: Mutex<Vec<String>>,
}

impl Interceptor for Recorder {
    fn before_signing(&self, ctx: &AttemptContext<'_>, headers: &mut Vec<(String, String)>) {
        headers.push(("X-Attempt".into(), ctx.attempt.to_string()));
        self.events.lock().unwrap().push(format!("before {} #{}", ctx.operation, ctx.attempt));
    }
    fn after_signing(&self, _ctx: &AttemptContext<'_>, request: &SignedRequest<'_>) {
        let auth = request.headers.iter().find(|(n, _)| n == "Authorization").map(|(_, v)| v.clone());
        self.events.lock().unwrap().push(format!("signed auth={}", auth.unwrap_or_default()));
    }
    fn after_attempt(&self, _ctx: &AttemptContext<'_>, o: &AttemptOutcome) {
        self.events.lock().unwrap().push(format!(
            "after status={:?} rid={:?} retrying={} timed={}",
            o.status,
            o.request_id,
            o.retrying,
            o.latency > Duration::ZERO
        ));
    }
}

#[tokio::test]
async fn interceptors_see_every_attempt_without_secrets() {
    let server = TestServer::sequence(vec![
        Reply::new(503).header("X-Request-Id", "r1"),
        Reply::new(200).header("X-Request-Id", "r2"),
    ])
    .await;
    let recorder = Arc::new(Recorder::default());
    let config = Config::new(creds())
        .with_endpoint(server.url())
        .with_retry_base_delay(Duration::from_millis(1))
        .with_interceptor(recorder.clone());
    Client::new("svc", config).unwrap().execute(Request::new(Method::GET, "/v1/x", "GetX")).await.unwrap();
    let events = recorder.events.lock().unwrap().clone();
    assert_eq!(
        events,
        [
            "before GetX #1",
            "signed auth=<redacted>",
            "after status=Some(503) rid=Some(\"r1\") retrying=true timed=true",
            "before GetX #2",
            "signed auth=<redacted>",
            "after status=Some(200) rid=Some(\"r2\") retrying=false timed=true",
        ]
    );
    let got = server.received();
    assert_eq!(got[1].header("x-attempt"), Some("2"));
    assert!(got[1].header("authorization").unwrap().contains("x-attempt"));
}

// ---- mock transport ---------------------------------------------------------------------------

#[tokio::test]
async fn mock_transport_answers_per_operation_and_records() {
    let mock = MockTransport::new();
    mock.on("CreateThing", MockResponse::json(201, json!({"id": "t-1"})))
        .on("GetThing", MockResponse::status(503))
        .on("GetThing", MockResponse::json(200, json!({"id": "t-1"})));
    let c = Client::new("svc", Config::mock(&mock).with_retry_base_delay(Duration::from_millis(1))).unwrap();
    let req = Request::new(Method::POST, "/v1/{project_id}/things", "CreateThing").json_body(&json!({"n": 1})).unwrap();
    assert_eq!(c.execute(req).await.unwrap().status(), 201);
    let got = c
        .execute(Request::new(Method::GET, "/v1/{project_id}/things/{id}", "GetThing").path_param("id", "t-1"))
        .await
        .unwrap();
    assert_eq!(got.status(), 200, "the 503 was retried, then the last canned answer repeats");
    let unknown = c.execute(Request::new(Method::GET, "/v1/x", "Nope")).await.unwrap();
    assert_eq!(unknown.status(), 501);
    let sent = mock.requests();
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[0].path, "/v1/mock-project-id/things");
    assert_eq!(sent[0].json(), json!({"n": 1}));
    assert_eq!(sent[0].header("authorization"), Some("<redacted>"));
    assert_eq!(mock.requests_for("GetThing").len(), 2);
}
