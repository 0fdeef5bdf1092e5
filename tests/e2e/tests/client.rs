//! The generated client against a local server that checks each request as received (method,
//! raw path, query, headers, body) and verifies its signature with the independent verifier of
//! `sdk_e2e::verify` (never `hwcloud_runtime::signer`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hwcloud_modelarts::{models, operations, Config, Credentials, Error, ModelArtsClient};
use sdk_e2e::server::{Received, Reply, TestServer};
use sdk_e2e::verify::verify;
use sdk_e2e::{seed, AK, PROJECT_ID, SK};
use serde_json::json;

/// Answers correctly signed requests with `ok(request)`, anything else with the gateway's 401.
async fn verifying_server(ok: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> TestServer {
    TestServer::start(move |req, _| match verify(req, AK, SK) {
        Ok(_) => ok(req),
        Err(why) => Reply::new(401)
            .header("X-Request-Id", "req-unsigned")
            .json(&json!({"error_code": "APIGW.0301", "error_msg": why})),
    })
    .await
}

fn client(server: &TestServer) -> ModelArtsClient {
    let credentials = Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID);
    ModelArtsClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap()
}

fn seed_body() -> models::CreateNodePoolBody {
    serde_json::from_value(seed::request_example()).unwrap()
}

#[tokio::test]
async fn create_node_pool_is_sent_as_documented_and_signed() {
    let server =
        verifying_server(|_| Reply::new(200).header("X-Request-Id", "req-create").json(&seed::response_200_example()))
            .await;
    let request = operations::CreateNodePoolRequest::new("pool-1", seed_body());
    let created = client(&server).create_node_pool(&request).await.unwrap();
    let expected: models::CreateNodePoolResponse = serde_json::from_value(seed::response_200_example()).unwrap();
    assert_eq!(created, expected);

    let got = server.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.target, format!("/v2/{PROJECT_ID}/pools/pool-1/nodepools"));
    assert_eq!(r.query, "");
    assert_eq!(r.header("host"), Some(server.addr.to_string().as_str()));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-project-id"), Some(PROJECT_ID));
    assert!(r.header("x-sdk-date").is_some());
    assert!(r.header("user-agent").is_some_and(|ua| !ua.is_empty()));
    assert_eq!(r.header("content-length"), Some(r.body.len().to_string().as_str()));
    assert!(r.header("x-auth-token").is_none());
    assert_eq!(r.json(), seed::request_example(), "the body is the page's request example");
    let signed = verify(r, AK, SK).unwrap().signed_headers;
    for h in ["content-type", "host", "x-project-id", "x-sdk-date"] {
        assert!(signed.iter().any(|s| s == h), "{h} not signed: {signed:?}");
    }
    assert!(!signed.iter().any(|s| s == "authorization"), "{signed:?}");
}

#[tokio::test]
async fn explicit_project_id_and_temporary_credentials() {
    let server = verifying_server(|_| Reply::new(200).json(&seed::response_200_example())).await;
    let credentials = Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID).with_security_token("sts-token-123");
    let c = ModelArtsClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap();
    let request = operations::CreateNodePoolRequest::new("pool-1", seed_body()).with_project_id("other-project");
    c.create_node_pool(&request).await.unwrap();
    let r = &server.received()[0];
    assert_eq!(r.target, "/v2/other-project/pools/pool-1/nodepools");
    assert_eq!(r.header("x-security-token"), Some("sts-token-123"));
    let signed = verify(r, AK, SK).unwrap().signed_headers;
    assert!(signed.iter().any(|s| s == "x-security-token"), "{signed:?}");
}

#[tokio::test]
async fn query_parameters_are_encoded_in_order_and_signed() {
    let server =
        verifying_server(|_| Reply::new(200).json(&json!({"datasets": [], "total_number": 0, "workspaceId": "0"})))
            .await;
    let request = operations::ListDatasetsRequest::new()
        .with_contain_versions(true)
        .with_limit(10)
        .with_offset(0)
        .with_order(models::Order::Desc)
        .with_search_content("my data/集 a&b=c+d")
        .with_sort_by(models::DatasetSortBy::CreateTime);
    let list = client(&server).list_datasets(&request).await.unwrap();
    assert_eq!(list.total_number, Some(0));
    assert_eq!(list.datasets, Some(vec![]));

    let r = &server.received()[0];
    assert_eq!(r.method, "GET");
    assert_eq!(r.path, format!("/v2/{PROJECT_ID}/datasets"));
    assert_eq!(
        r.query,
        "contain_versions=true&limit=10&offset=0&order=desc&search_content=my%20data%2F%E9%9B%86%20a%26b%3Dc%2Bd&sort_by=create_time"
    );
    let pairs = r.query_pairs();
    assert!(pairs.contains(&("search_content".into(), "my data/集 a&b=c+d".into())), "{pairs:?}");
    assert!(r.body.is_empty());
    assert!(r.header("content-type").is_none());
    verify(r, AK, SK).unwrap();
}

#[tokio::test]
async fn path_parameters_stay_inside_their_segment() {
    let server = verifying_server(|_| Reply::new(200).json(&json!({"dataset_id": "x"}))).await;
    let c = client(&server);
    let cases = [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("a b", "a%20b"),
        ("数据集", "%E6%95%B0%E6%8D%AE%E9%9B%86"),
        ("../../v1/other?x=1#f", "..%2F..%2Fv1%2Fother%3Fx%3D1%23f"),
        ("%2F", "%252F"),
    ];
    for (i, (value, encoded)) in cases.iter().enumerate() {
        c.desc_dataset(&operations::DescDatasetRequest::new(*value)).await.unwrap();
        let r = &server.received()[i];
        assert_eq!(r.target, format!("/v2/{PROJECT_ID}/datasets/{encoded}"), "value {value:?}");
        assert_eq!(r.segments(), ["v2", PROJECT_ID, "datasets", value], "value {value:?}");
        verify(r, AK, SK).unwrap_or_else(|e| panic!("{value:?}: {e}"));
    }

    // The same through a POST with a body: the pool name is one segment.
    let server = verifying_server(|_| Reply::new(200).json(&seed::response_200_example())).await;
    let request = operations::CreateNodePoolRequest::new("资源池 a/b", seed_body());
    client(&server).create_node_pool(&request).await.unwrap();
    let r = &server.received()[0];
    assert_eq!(r.segments(), ["v2", PROJECT_ID, "pools", "资源池 a/b", "nodepools"]);
    verify(r, AK, SK).unwrap();

    // `.` and `..` alone cannot be sent without becoming a relative step: refused, nothing sent.
    let server = verifying_server(|_| Reply::new(200)).await;
    for value in [".", ".."] {
        let err = client(&server).desc_dataset(&operations::DescDatasetRequest::new(value)).await.unwrap_err();
        assert!(matches!(err, Error::InvalidRequest(_)), "{value:?}: {err:?}");
    }
    assert!(server.received().is_empty());
}

/// The verifier is not vacuous: a wrong secret key gets the gateway's 401, which is a typed error.
#[tokio::test]
async fn wrong_secret_key_is_rejected() {
    let server = verifying_server(|_| Reply::new(200).json(&seed::response_200_example())).await;
    let credentials = Credentials::ak_sk(AK, "not-the-secret-key").with_project_id(PROJECT_ID);
    let c = ModelArtsClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap();
    let err = c.create_node_pool(&operations::CreateNodePoolRequest::new("p", seed_body())).await.unwrap_err();
    let service = err.as_service().unwrap();
    assert_eq!(service.status, 401);
    assert_eq!(service.error_code.as_deref(), Some("APIGW.0301"));
    assert_eq!(service.request_id.as_deref(), Some("req-unsigned"));
    assert!(err.to_string().starts_with("APIGW.0301: signature mismatch"), "{err}");

    let mut r = server.received()[0].clone();
    assert!(verify(&r, AK, SK).is_err());
    r.body = b"{}".to_vec();
    assert!(verify(&r, AK, SK).is_err());
}

/// ModelArts' region table comes from `spec/services.yaml` through the generated `DESCRIPTOR`
/// (the runtime has none): in ap-southeast-1 the client goes to the `.cn` host the official
/// region table gives, elsewhere to the cloud's rule.
#[test]
fn region_table_of_services_yaml_picks_the_endpoint() {
    let config = |region: &str| {
        Config::new(Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID))
            .with_env_lookup(|_| None)
            .with_region(region)
    };
    let client = ModelArtsClient::new(config("ap-southeast-1")).unwrap();
    assert_eq!(client.runtime().endpoint(), "https://modelarts.ap-southeast-1.myhuaweicloud.cn/");
    assert_eq!(client.runtime().endpoint_source(), "modelarts region table");
    let client = ModelArtsClient::new(config("cn-north-4")).unwrap();
    assert_eq!(client.runtime().endpoint(), "https://modelarts.cn-north-4.myhuaweicloud.com/");
    assert_eq!(
        ModelArtsClient::DESCRIPTOR.regions,
        [("ap-southeast-1", "https://modelarts.ap-southeast-1.myhuaweicloud.cn")]
    );
}
