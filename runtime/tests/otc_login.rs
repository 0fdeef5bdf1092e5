//! Open Telekom Cloud login against a fake IAM and a fake service on 127.0.0.1: IAM issues tokens
//! in `X-Subject-Token` with a short `expires_at` and a catalog; the service accepts only a
//! current token. Variables are read through lookup closures (no process environment), files
//! live in per-test directories.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::{Received, Reply, TestServer};
use hwcloud_runtime::{
    BoxFuture, CallOptions, Client, Config, Error, HttpRequest, HttpResponse, Method, OtcLogin, Request,
    ReqwestTransport, Transport, TransportError,
};
use serde_json::{json, Value};

/// What IAM issued and what the service should do with it.
#[derive(Default)]
struct Cloud {
    /// Issued tokens and their expiry.
    tokens: HashMap<String, SystemTime>,
    /// Tokens the service refuses from now on.
    revoked: Vec<String>,
    issued: usize,
    /// Lifetime of new tokens.
    lifetime: Duration,
    /// The service refuses each token after its first successful use.
    revoke_after_use: bool,
    /// The service refuses everything.
    always_401: bool,
    /// The service refuses everything, saying the token has expired.
    always_expired: bool,
    /// IAM answers 503.
    iam_down: bool,
}

type Shared = Arc<Mutex<Cloud>>;

/// `YYYY-MM-DDTHH:MM:SS.000000Z` (days to civil date, proleptic Gregorian).
fn utc(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000000Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

fn body(r: &Received) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

/// IAM: checks the identity (alice/pw in OTC01, token `user-token`, or `assume_role` of agency
/// `ag` in OTC02 with a current token) and issues `tok-N`.
fn iam_reply(cloud: &Shared, r: &Received, service_url: &str) -> Reply {
    if r.method == "GET" && r.path == "/v3/projects" {
        let current = r.header("X-Auth-Token").is_some_and(|t| cloud.lock().unwrap().tokens.contains_key(t));
        let name = r.query.strip_prefix("name=").unwrap_or_default();
        return match current {
            true => Reply::new(200).json(json!({"projects": [{"id": format!("looked-up-{name}"), "name": name}]})),
            false => Reply::new(401),
        };
    }
    if r.method != "POST" || r.path != "/v3/auth/tokens" {
        return Reply::new(404);
    }
    if cloud.lock().unwrap().iam_down {
        return Reply::new(503);
    }
    let b = body(r);
    let id = &b["auth"]["identity"];
    let ok = match id["methods"][0].as_str().unwrap_or_default() {
        "password" => {
            let u = &id["password"]["user"];
            u["name"] == "alice" && u["domain"]["name"] == "OTC01" && u["password"] == "pw"
        }
        "token" => id["token"]["id"] == "user-token",
        "assume_role" => {
            let current = r.header("X-Auth-Token").is_some_and(|t| cloud.lock().unwrap().tokens.contains_key(t));
            current && id["assume_role"]["agency_name"] == "ag" && id["assume_role"]["domain_name"] == "OTC02"
        }
        _ => false,
    };
    if !ok {
        return Reply::new(401).json(json!({"error": {"code": 401, "message": "The username or password is wrong."}}));
    }
    let mut c = cloud.lock().unwrap();
    c.issued += 1;
    let token = format!("tok-{}", c.issued);
    let expires = SystemTime::now() + c.lifetime;
    c.tokens.insert(token.clone(), expires);
    let project = &b["auth"]["scope"]["project"];
    let scope = match (project["id"].as_str(), project["name"].as_str()) {
        (Some(id), _) => ("project", json!({"id": id, "domain": {"id": "dom-1"}})),
        (None, Some(name)) => ("project", json!({"id": format!("id-{name}"), "name": name, "domain": {"id": "dom-1"}})),
        (None, None) => ("domain", json!({"id": "dom-1", "name": "OTC01"})),
    };
    Reply::new(201).header("X-Subject-Token", &token).json(json!({"token": {
        "expires_at": utc(expires),
        "methods": [id["methods"][0]],
        scope.0: scope.1,
        "catalog": [
            {"type": "compute", "name": "nova", "endpoints": []},
            {"type": "vpc", "name": "vpc", "endpoints": [
                {"interface": "public", "region": "eu-nl", "url": "https://vpc.eu-nl.example/v1"},
                {"interface": "public", "region": "eu-de", "region_id": "eu-de", "url": format!("{service_url}/v1/%(tenant_id)s")}
            ]}
        ]
    }}))
}

/// The service: 200 with the project it saw for a current token, 401 otherwise.
fn service_reply(cloud: &Shared, r: &Received) -> Reply {
    let mut c = cloud.lock().unwrap();
    let token = r.header("X-Auth-Token").unwrap_or_default().to_owned();
    let current = c.tokens.get(&token).is_some_and(|e| *e > SystemTime::now()) && !c.revoked.contains(&token);
    if c.always_expired {
        return Reply::new(401).json(json!({"error_code": "APIGW.0307", "error_msg": "The token has expired"}));
    }
    if c.always_401 || !current {
        return Reply::new(401)
            .json(json!({"error_code": "APIGW.0301", "error_msg": "Incorrect IAM authentication information"}));
    }
    if c.revoke_after_use {
        c.revoked.push(token.clone());
    }
    Reply::new(200).json(json!({"token": token, "project": r.header("X-Project-Id")}))
}

struct Fake {
    cloud: Shared,
    iam: TestServer,
    service: TestServer,
}

impl Fake {
    async fn start(lifetime: Duration) -> Fake {
        let cloud: Shared = Arc::new(Mutex::new(Cloud { lifetime, ..Cloud::default() }));
        let c = cloud.clone();
        let service = TestServer::start(move |r, _| service_reply(&c, r)).await;
        let (c, url) = (cloud.clone(), service.url());
        let iam = TestServer::start(move |r, _| iam_reply(&c, r, &url)).await;
        Fake { cloud, iam, service }
    }

    fn auth_url(&self) -> String {
        format!("{}/v3", self.iam.url())
    }

    fn iam_calls(&self) -> Vec<Received> {
        self.iam.received()
    }
}

/// A directory of its own for a test's files and `HOME`.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hwcloud-otc-login-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn lookup(vars: Vec<(&str, String)>) -> impl Fn(&str) -> Option<String> + Send + Sync + 'static {
    let map: HashMap<String, String> = vars.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    move |name| map.get(name).cloned()
}

/// `OS_*` password login of alice to the fake IAM, `HOME` in an empty directory.
fn password_env(fake: &Fake, home: &str) -> Vec<(&'static str, String)> {
    vec![
        ("HOME", temp_dir(home).display().to_string()),
        ("OS_AUTH_URL", fake.auth_url()),
        ("OS_USERNAME", "alice".into()),
        ("OS_PASSWORD", "pw".into()),
        ("OS_USER_DOMAIN_NAME", "OTC01".into()),
        ("OS_PROJECT_NAME", "eu-de_demo".into()),
        ("OS_REGION_NAME", "eu-de".into()),
    ]
}

fn get() -> Request {
    Request::new(Method::GET, "/v1/{project_id}/vpcs", "ListVpcs")
}

async fn call(client: &Client) -> Value {
    let response = client.execute(get()).await.unwrap();
    assert_eq!(response.status(), 200, "{}", String::from_utf8_lossy(response.body()));
    response.json().unwrap()
}

fn client_from_env(fake: &Fake, vars: Vec<(&'static str, String)>) -> Client {
    let config = Config::from_lookup(lookup(vars)).unwrap();
    assert_eq!(config.credential_source(), "Open Telekom Cloud login");
    Client::new("vpc", config.with_endpoint(fake.service.url())).unwrap()
}

#[tokio::test]
async fn os_env_password_login_with_project_name() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let client = client_from_env(&fake, password_env(&fake, "os-env"));
    let answer = call(&client).await;
    assert_eq!(answer["token"], "tok-1");
    assert_eq!(answer["project"], "id-eu-de_demo");
    let calls = fake.iam_calls();
    assert_eq!(calls.len(), 1);
    let b = body(&calls[0]);
    assert_eq!(b["auth"]["scope"]["project"], json!({"name": "eu-de_demo", "domain": {"name": "OTC01"}}));
    assert_eq!(calls[0].header("Content-Type"), Some("application/json"));
    // The project id came from the token: the path was filled without an IAM look-up.
    assert_eq!(fake.service.received()[0].path, "/v1/id-eu-de_demo/vpcs");
    let shown = format!("{client:?}");
    assert!(shown.contains("password login") && !shown.contains("pw\""), "{shown}");
}

#[tokio::test]
async fn clouds_yaml_merged_with_secure_yaml_selected_by_os_cloud() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let dir = temp_dir("clouds");
    let clouds = format!(
        "clouds:\n  other:\n    auth: {{auth_url: 'https://iam.example/v3', username: bob}}\n  otc:\n    profile: otc\n    auth:\n      auth_url: '{}'\n      username: alice\n      user_domain_name: OTC01\n      project_name: eu-de_file\n    region_name: eu-de\n",
        fake.auth_url()
    );
    std::fs::write(dir.join("clouds.yaml"), clouds).unwrap();
    std::fs::write(dir.join("secure.yaml"), "clouds:\n  otc:\n    auth:\n      password: pw\n").unwrap();
    let mut vars = vec![
        ("HOME", dir.display().to_string()),
        ("OS_CLIENT_CONFIG_FILE", dir.join("clouds.yaml").display().to_string()),
        ("OS_CLIENT_SECURE_FILE", dir.join("secure.yaml").display().to_string()),
        ("OS_CLOUD", "otc".to_owned()),
    ];
    let config = Config::from_lookup(lookup(vars.clone())).unwrap();
    assert_eq!(config.region(), Some("eu-de"), "the region of the cloud");
    let client = Client::new("vpc", config.with_endpoint(fake.service.url())).unwrap();
    assert_eq!(call(&client).await["project"], "id-eu-de_file");

    // An OS_* variable wins over the file, as on the `openstack` command line.
    vars.push(("OS_PROJECT_NAME", "eu-de_env".to_owned()));
    let client = client_from_env(&fake, vars.clone());
    assert_eq!(call(&client).await["project"], "id-eu-de_env");

    // Without secure.yaml the password is missing, and the error says so.
    let without_secure: Vec<_> = vars.iter().filter(|(k, _)| *k != "OS_CLIENT_SECURE_FILE").cloned().collect();
    let without_secure: Vec<_> = without_secure
        .into_iter()
        .chain([("OS_CLIENT_SECURE_FILE", dir.join("absent.yaml").display().to_string())])
        .collect();
    let e = Config::from_lookup(lookup(without_secure)).unwrap_err();
    assert!(e.to_string().contains("absent.yaml"), "{e}");
    let e = OtcLogin::from_lookup(lookup(vec![
        ("OS_CLIENT_CONFIG_FILE", dir.join("clouds.yaml").display().to_string()),
        ("OS_CLOUD", "nope".to_owned()),
    ]))
    .unwrap_err();
    assert!(e.to_string().contains("no such cloud (clouds: other, otc)"), "{e}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn a_single_cloud_needs_no_os_cloud_and_several_are_skipped() {
    let dir = temp_dir("single");
    let path = dir.join("clouds.yaml");
    std::fs::write(&path, "clouds:\n  only:\n    auth: {token: user-token, auth_url: 'http://127.0.0.1:9/v3'}\n")
        .unwrap();
    let vars = vec![("HOME", dir.display().to_string()), ("OS_CLIENT_CONFIG_FILE", path.display().to_string())];
    let login = OtcLogin::from_lookup(lookup(vars.clone())).unwrap();
    assert_eq!((login.kind(), login.auth_url().as_str()), ("token", "http://127.0.0.1:9/v3"));
    assert!(login.origin().contains("cloud `only`"), "{}", login.origin());
    std::fs::write(&path, "clouds:\n  a: {auth: {token: t}}\n  b: {auth: {token: t}}\n").unwrap();
    assert_eq!(Config::from_lookup(lookup(vars)).unwrap().credential_source(), "instance metadata");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn domain_scoped_token_looks_the_project_up() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let mut vars = password_env(&fake, "domain-scope");
    vars.retain(|(k, _)| *k != "OS_PROJECT_NAME");
    vars.push(("OS_DOMAIN_NAME", "OTC01".to_owned()));
    let client = client_from_env(&fake, vars);
    call(&client).await;
    let calls = fake.iam_calls();
    assert_eq!(body(&calls[0])["auth"]["scope"], json!({"domain": {"name": "OTC01"}}));
    assert_eq!((calls[1].method.as_str(), calls[1].query.as_str()), ("GET", "name=eu-de"));
    assert_eq!(calls[1].header("X-Auth-Token"), Some("tok-1"));
    assert_eq!(fake.service.received()[0].path, "/v1/looked-up-eu-de/vpcs");
}

#[tokio::test]
async fn token_login_exchanges_the_token() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let vars = vec![
        ("HOME", temp_dir("token").display().to_string()),
        ("OS_AUTH_URL", fake.auth_url()),
        ("OS_AUTH_TOKEN", "user-token".into()),
        ("OS_PROJECT_ID", "p-42".into()),
    ];
    let client = client_from_env(&fake, vars);
    let answer = call(&client).await;
    assert_eq!((answer["token"].as_str(), answer["project"].as_str()), (Some("tok-1"), Some("p-42")));
    let b = body(&fake.iam_calls()[0]);
    assert_eq!(b["auth"]["identity"], json!({"methods": ["token"], "token": {"id": "user-token"}}));
    assert_eq!(b["auth"]["scope"], json!({"project": {"id": "p-42"}}));
}

#[tokio::test]
async fn agency_is_assumed_with_the_user_token() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let mut vars = password_env(&fake, "agency");
    vars.retain(|(k, _)| *k != "OS_PROJECT_NAME");
    vars.extend([
        ("OS_AGENCY_NAME", "ag".to_owned()),
        ("OS_AGENCY_DOMAIN_NAME", "OTC02".to_owned()),
        ("OS_TARGET_PROJECT_NAME", "eu-de_target".to_owned()),
    ]);
    let client = client_from_env(&fake, vars);
    let answer = call(&client).await;
    assert_eq!((answer["token"].as_str(), answer["project"].as_str()), (Some("tok-2"), Some("id-eu-de_target")));
    let calls = fake.iam_calls();
    assert_eq!(calls.len(), 2);
    // The user's own token is scoped to their domain, then assumes the agency.
    assert_eq!(body(&calls[0])["auth"]["scope"], json!({"domain": {"name": "OTC01"}}));
    assert_eq!(calls[1].header("X-Auth-Token"), Some("tok-1"));
    let b = body(&calls[1]);
    assert_eq!(b["auth"]["identity"]["methods"], json!(["assume_role"]));
    assert_eq!(b["auth"]["identity"]["assume_role"], json!({"domain_name": "OTC02", "agency_name": "ag"}));
    assert_eq!(b["auth"]["scope"]["project"]["name"], "eu-de_target");
}

#[tokio::test]
async fn one_token_for_many_requests() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let client = client_from_env(&fake, password_env(&fake, "cache"));
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { call(&c).await })
        })
        .collect();
    for c in calls {
        assert_eq!(c.await.unwrap()["token"], "tok-1");
    }
    assert_eq!(call(&client).await["token"], "tok-1");
    assert_eq!(fake.iam_calls().len(), 1, "one IAM call for nine requests");
    assert_eq!(fake.service.received().len(), 9);
}

#[tokio::test]
async fn token_is_refreshed_ahead_of_expiry() {
    // Tokens live 30 s; with a 60 s margin each call finds the cached token too close to its end.
    let fake = Fake::start(Duration::from_secs(30)).await;
    let config = Config::from_lookup(lookup(password_env(&fake, "refresh"))).unwrap();
    let config = config.with_credential_refresh_ahead(Duration::from_secs(60)).with_endpoint(fake.service.url());
    let client = Client::new("vpc", config).unwrap();
    for n in 1..=3 {
        assert_eq!(call(&client).await["token"], format!("tok-{n}"));
    }
    assert_eq!(fake.iam_calls().len(), 3);
    // With a margin shorter than the lifetime, the token is kept.
    let config = Config::from_lookup(lookup(password_env(&fake, "refresh")))
        .unwrap()
        .with_credential_refresh_ahead(Duration::from_secs(10))
        .with_endpoint(fake.service.url());
    let client = Client::new("vpc", config).unwrap();
    assert_eq!(call(&client).await["token"], "tok-4");
    assert_eq!(call(&client).await["token"], "tok-4");
    assert_eq!(fake.iam_calls().len(), 4);
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_current_token_until_it_expires() {
    let fake = Fake::start(Duration::from_secs(30)).await;
    let config = Config::from_lookup(lookup(password_env(&fake, "fallback"))).unwrap();
    let config = config.with_credential_refresh_ahead(Duration::from_secs(60)).with_endpoint(fake.service.url());
    let client = Client::new("vpc", config).unwrap();
    assert_eq!(call(&client).await["token"], "tok-1");
    fake.cloud.lock().unwrap().iam_down = true;
    // Due for refresh, IAM fails, tok-1 is still valid: used.
    assert_eq!(call(&client).await["token"], "tok-1");
    assert_eq!(fake.iam_calls().len(), 2);
    // A client without a token gets the IAM error.
    let fresh = client_from_env(&fake, password_env(&fake, "fallback"));
    let e = fresh.execute(get()).await.unwrap_err();
    assert!(e.to_string().contains("HTTP 503"), "{e}");
}

#[tokio::test]
async fn a_refused_token_is_renewed_once() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    fake.cloud.lock().unwrap().revoke_after_use = true;
    let client = client_from_env(&fake, password_env(&fake, "renew"));
    assert_eq!(call(&client).await["token"], "tok-1");
    // tok-1 is now refused: 401, a new token, the call again.
    assert_eq!(call(&client).await["token"], "tok-2");
    assert_eq!(fake.iam_calls().len(), 2);
    let seen: Vec<String> =
        fake.service.received().iter().map(|r| r.header("X-Auth-Token").unwrap_or_default().to_owned()).collect();
    assert_eq!(seen, ["tok-1", "tok-1", "tok-2"]);
}

#[tokio::test]
async fn a_second_401_is_the_answer() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    fake.cloud.lock().unwrap().always_401 = true;
    let client = client_from_env(&fake, password_env(&fake, "no-loop"));
    let response = client.execute(get()).await.unwrap();
    assert_eq!(response.status(), 401);
    let e = response.into_error();
    assert_eq!(e.status(), Some(401));
    assert_eq!(e.service_code(), Some("APIGW.0301"));
    assert_eq!(fake.iam_calls().len(), 2, "one renewal, no loop");
    assert_eq!(fake.service.received().len(), 2);
}

#[tokio::test]
async fn a_token_refused_as_expired_is_renewed_once_not_twice() {
    // Both the runtime's "expired credentials" answer and the token's 401: one reason, one renewal.
    let fake = Fake::start(Duration::from_secs(3600)).await;
    fake.cloud.lock().unwrap().always_expired = true;
    let client = client_from_env(&fake, password_env(&fake, "expired-401"));
    let response = client.with_options(CallOptions::new().with_max_attempts(5)).execute(get()).await.unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.into_error().service_code(), Some("APIGW.0307"));
    assert_eq!(fake.iam_calls().len(), 2, "one renewal");
    let seen: Vec<String> =
        fake.service.received().iter().map(|r| r.header("X-Auth-Token").unwrap_or_default().to_owned()).collect();
    assert_eq!(seen, ["tok-1", "tok-2"]);
}

#[tokio::test]
async fn concurrent_refusals_renew_each_call_at_most_once() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    fake.cloud.lock().unwrap().always_401 = true;
    let client = client_from_env(&fake, password_env(&fake, "concurrent-401"));
    let calls: Vec<_> = (0..4)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.execute(get()).await.unwrap().status() })
        })
        .collect();
    for c in calls {
        assert_eq!(c.await.unwrap(), 401);
    }
    assert_eq!(fake.service.received().len(), 8, "two attempts per call");
    let iam = fake.iam_calls().len();
    assert!((2..=5).contains(&iam), "one first token, at most one renewal per call: {iam}");
}

/// A transport that forwards to `reqwest` and records the operations it sent.
#[derive(Debug)]
struct Recording {
    inner: ReqwestTransport,
    operations: Mutex<Vec<&'static str>>,
}

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.operations.lock().unwrap().push(request.operation);
        self.inner.send(request)
    }
}

#[tokio::test]
async fn the_login_goes_through_the_clients_transport() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let transport = Arc::new(Recording {
        inner: ReqwestTransport::new(reqwest::Client::builder().no_proxy().build().unwrap()),
        operations: Mutex::new(Vec::new()),
    });
    let config = Config::from_lookup(lookup(password_env(&fake, "transport"))).unwrap();
    let client =
        Client::new("vpc", config.with_endpoint(fake.service.url()).with_transport(transport.clone())).unwrap();
    assert_eq!(call(&client).await["token"], "tok-1");
    assert_eq!(*transport.operations.lock().unwrap(), ["KeystoneCreateUserToken", "ListVpcs"]);
}

#[test]
fn chain_order_huawei_sources_then_otc_login_then_metadata() {
    let dir = temp_dir("chain");
    let file = dir.join("credentials");
    std::fs::write(&file, "[basic]\nak = FILEAK\nsk = FILESK\n").unwrap();
    let os = vec![
        ("HOME", dir.display().to_string()),
        ("OS_AUTH_URL", "https://iam.example/v3".to_owned()),
        ("OS_TOKEN", "user-token".to_owned()),
    ];
    let with = |extra: &[(&'static str, &str)]| {
        let mut vars = os.clone();
        vars.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
        Config::from_lookup(lookup(vars)).unwrap().credential_source()
    };
    let file = file.display().to_string();
    let aksk = [("HUAWEICLOUD_SDK_AK", "ak"), ("HUAWEICLOUD_SDK_SK", "sk")];
    let idp = [("HUAWEICLOUD_SDK_IDP_ID", "idp"), ("HUAWEICLOUD_SDK_ID_TOKEN_FILE", "/tmp/token")];
    assert_eq!(with(&aksk), "environment");
    assert_eq!(with(&idp), "OIDC ID token");
    assert_eq!(with(&[("HUAWEICLOUD_SDK_CREDENTIALS_FILE", file.as_str())]), "credentials file");
    assert_eq!(with(&[]), "Open Telekom Cloud login");
    let home_only = vec![("HOME", dir.display().to_string())];
    assert_eq!(Config::from_lookup(lookup(home_only)).unwrap().credential_source(), "instance metadata");
}

#[tokio::test]
async fn endpoint_from_the_token_catalog() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let home = temp_dir("catalog");
    let login = OtcLogin::password("OTC01", "alice", "pw").with_auth_url(fake.auth_url()).with_region("eu-de");
    let config = Config::otc(login).with_env_lookup(lookup(vec![("HOME", home.display().to_string())]));
    // No endpoint configured, and the Huawei Cloud rule does not know eu-de: the catalog's.
    let client = Client::new("vpc", config).unwrap();
    assert!(client.endpoint_source().starts_with("token catalog of"), "{}", client.endpoint_source());
    let answer = call(&client).await;
    assert_eq!(answer["project"], "id-eu-de", "the project named after the region by default");
    assert_eq!(client.endpoint(), format!("{}/", fake.service.url()));
    assert_eq!(fake.service.received()[0].path, "/v1/id-eu-de/vpcs");
    // A configured endpoint that is refused stays an error (the catalog does not stand in).
    let config =
        Config::otc(OtcLogin::password("OTC01", "alice", "pw").with_auth_url(fake.auth_url()).with_region("eu-de"))
            .with_env_lookup(lookup(vec![("HOME", home.display().to_string())]))
            .with_endpoint("http://vpc.example.com");
    let e = Client::new("vpc", config).unwrap_err();
    assert!(matches!(e, Error::Config(_)) && e.to_string().contains("vpc.example.com"), "{e}");
    // A service the catalog lacks is an error naming it.
    let config =
        Config::otc(OtcLogin::password("OTC01", "alice", "pw").with_auth_url(fake.auth_url()).with_region("eu-de"))
            .with_env_lookup(lookup(vec![("HOME", home.display().to_string())]));
    let e = Client::new("dns", config).unwrap().execute(get()).await.unwrap_err();
    assert!(matches!(e, Error::Config(_)) && e.to_string().contains("`dns`"), "{e}");
}

#[tokio::test]
async fn ak_sk_login_signs_requests() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let server = TestServer::start(|_, _| Reply::new(200).json(json!({}))).await;
    let vars = vec![
        ("HOME", temp_dir("aksk").display().to_string()),
        ("OS_AUTH_URL", fake.auth_url()),
        ("OS_ACCESS_KEY", "OTCAK".to_owned()),
        ("OS_SECRET_KEY", "OTCSK".to_owned()),
        ("OS_PROJECT_ID", "p-9".to_owned()),
    ];
    let config = Config::from_lookup(lookup(vars)).unwrap();
    let client = Client::new("vpc", config.with_endpoint(server.url())).unwrap();
    assert_eq!(client.execute(get()).await.unwrap().status(), 200);
    let r = &server.received()[0];
    assert!(r.header("Authorization").unwrap().starts_with("SDK-HMAC-SHA256 Access=OTCAK"));
    assert!(r.header("X-Auth-Token").is_none());
    assert_eq!(r.path, "/v1/p-9/vpcs");
    assert!(fake.iam_calls().is_empty());
    assert_eq!(client.iam_endpoint(), fake.iam.url());
}

#[tokio::test]
async fn a_refused_login_is_a_credentials_error_without_the_password() {
    let fake = Fake::start(Duration::from_secs(3600)).await;
    let mut vars = password_env(&fake, "refused");
    vars.retain(|(k, _)| *k != "OS_PASSWORD");
    vars.push(("OS_PASSWORD", "wrong-secret".to_owned()));
    let client = client_from_env(&fake, vars);
    let e = client.execute(get()).await.unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, Error::Credentials(_)), "{e:?}");
    assert!(text.contains("HTTP 401") && text.contains("username or password is wrong"), "{text}");
    assert!(!text.contains("wrong-secret"), "{text}");
    assert!(fake.service.received().is_empty());
}
