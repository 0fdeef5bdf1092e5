//! Path parameters cannot change the path, header injection is refused, plain http only to
//! loopback, secrets never shown in Debug output, errors or traces.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Reply, TestServer};
use hwcloud_runtime::{Client, Config, Credentials, Error, Method, Request};

const SECRET_SK: &str = "SK-TOP-SECRET-0123456789";
const SECRET_TOKEN: &str = "STS-TOP-SECRET-TOKEN";

fn creds() -> Credentials {
    Credentials::ak_sk("AKIDEXAMPLE0001", SECRET_SK).with_security_token(SECRET_TOKEN).with_project_id("p1")
}

async fn ok_server() -> TestServer {
    TestServer::sequence(vec![Reply::new(200)]).await
}

fn client(server: &TestServer) -> Client {
    Client::new("svc", Config::new(creds()).with_endpoint(server.url())).unwrap()
}

#[tokio::test]
async fn path_params_stay_in_their_segment() {
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("a b", "a%20b"),
        ("资源池", "%E8%B5%84%E6%BA%90%E6%B1%A0"),
        ("%2e%2e", "%252e%252e"),
        ("..\\x", "..%5Cx"),
        ("a?b#c", "a%3Fb%23c"),
        ("...", "..."),
        ("v1.2", "v1.2"),
    ];
    for (value, encoded) in cases {
        let server = ok_server().await;
        let req = Request::new(Method::GET, "/v1/{project_id}/items/{id}/detail", "ShowItem").path_param("id", value);
        let resp = client(&server).execute(req).await.unwrap();
        assert_eq!(resp.status(), 200);
        let got = server.received();
        assert_eq!(got[0].target, format!("/v1/p1/items/{encoded}/detail"), "value {value:?}");
    }
}

/// `.` and `..` are encoded as `%2E` / `%2E%2E` (see the unit tests), but the URL parser under
/// reqwest resolves those as relative steps (WHATWG URL rules), so such a call is refused before
/// anything is sent rather than sent to another path.
#[tokio::test]
async fn dot_segments_never_reach_another_path() {
    for value in [".", ".."] {
        let server = ok_server().await;
        let req = Request::new(Method::DELETE, "/v1/{project_id}/items/{id}", "DeleteItem").path_param("id", value);
        match client(&server).execute(req).await {
            Err(Error::InvalidRequest(msg)) => assert!(msg.contains("cannot be sent unchanged"), "{msg}"),
            other => panic!("{value:?}: expected a refusal, got {other:?}"),
        }
        assert!(server.received().is_empty(), "nothing is sent for {value:?}");
    }
}

#[tokio::test]
async fn missing_path_param_is_refused_and_project_id_is_filled() {
    let server = ok_server().await;
    let c = client(&server);
    let err = c.execute(Request::new(Method::GET, "/v1/{project_id}/pools/{pool_name}", "ShowPool")).await.unwrap_err();
    assert!(matches!(&err, Error::InvalidRequest(m) if m.contains("`pool_name`")), "{err:?}");
    assert!(server.received().is_empty());

    let resp = c.execute(Request::new(Method::GET, "/v1/{project_id}/pools", "ListPools")).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(server.received()[0].target, "/v1/p1/pools");
}

#[tokio::test]
async fn crlf_in_header_is_refused_before_sending() {
    let server = ok_server().await;
    let c = client(&server);
    for value in ["a\r\nX-Injected: 1", "a\nb", "a\rb"] {
        let err = c.execute(Request::new(Method::GET, "/v1/x", "Op").header("X-Trace", value)).await.unwrap_err();
        match &err {
            Error::InvalidRequest(m) => {
                assert!(m.contains("CR or LF"), "{m}");
                assert!(!m.contains("Injected"), "the value is not echoed: {m}");
            }
            other => panic!("{other:?}"),
        }
    }
    let err = c.execute(Request::new(Method::GET, "/v1/x", "Op").header("Authorization", "forged")).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)));
    assert!(server.received().is_empty());
}

#[test]
fn plain_http_only_to_loopback() {
    for url in [
        "http://example.com",
        "http://modelarts.cn-north-4.myhuaweicloud.com",
        "http://10.1.2.3:80",
        "http://localhost.evil.com",
    ] {
        let err = Client::new("svc", Config::new(creds()).with_endpoint(url)).unwrap_err();
        match &err {
            Error::Config(m) => assert!(m.contains("only https"), "{m}"),
            other => panic!("{url}: {other:?}"),
        }
    }
    for url in
        ["http://127.0.0.1:9", "http://127.8.0.1", "http://localhost:8080", "http://[::1]:8080", "https://example.com"]
    {
        assert!(Client::new("svc", Config::new(creds()).with_endpoint(url)).is_ok(), "{url}");
    }
    let err = Client::new(
        "svc",
        Config::new(creds()).with_region_endpoints([("r1".into(), "http://10.0.0.1".into())]).with_region("r1"),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Config(_)));
}

#[test]
fn endpoint_resolution() {
    let c = Client::new("modelarts", Config::new(creds()).with_region("cn-north-4")).unwrap();
    assert_eq!(c.endpoint(), "https://modelarts.cn-north-4.myhuaweicloud.com/");
    let c = Client::new(
        "modelarts",
        Config::new(creds())
            .with_region("eu-de")
            .with_region_endpoints([("eu-de".to_owned(), "https://modelarts.eu-de.otc.t-systems.com".to_owned())]),
    )
    .unwrap();
    assert_eq!(c.endpoint(), "https://modelarts.eu-de.otc.t-systems.com/");
    let c = Client::new(
        "modelarts",
        Config::new(creds()).with_region("cn-north-4").with_endpoint("https://override.example:8443"),
    )
    .unwrap();
    assert_eq!(c.endpoint(), "https://override.example:8443/");
    let err = Client::new("modelarts", Config::new(creds())).unwrap_err();
    assert!(matches!(&err, Error::Config(m) if m.contains("no region or endpoint")), "{err}");
    assert!(Client::new("modelarts", Config::new(creds()).with_region("x/../evil")).is_err());
}

#[test]
fn debug_output_has_no_secret() {
    let config = Config::new(creds()).with_region("cn-north-4");
    let token_config = Config::new(Credentials::token(SECRET_TOKEN));
    let client = Client::new("svc", config.clone()).unwrap();
    for shown in [
        format!("{:?}", creds()),
        format!("{config:?}"),
        format!("{config:#?}"),
        format!("{token_config:?}"),
        format!("{client:?}"),
    ] {
        assert!(!shown.contains(SECRET_SK), "{shown}");
        assert!(!shown.contains(SECRET_TOKEN), "{shown}");
        assert!(!shown.contains("AKIDEXAMPLE0001"), "{shown}");
    }
    assert!(format!("{config:?}").contains("cn-north-4"));
}

#[test]
fn bad_credentials_are_refused_without_echo() {
    let err = Client::new("svc", Config::new(Credentials::token("MIIsecret\r\nvalue")).with_region("cn-north-4"))
        .unwrap_err();
    assert!(matches!(&err, Error::Credentials(m) if !m.contains("MIIsecret")), "{err:?}");
}
