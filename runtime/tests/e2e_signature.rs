//! End to end: a local server checks each request's signature with its own small implementation
//! of SDK-HMAC-SHA256 (written here, from the raw request line, headers and body, the way the API
//! gateway does), and the tests check method, path, query, headers and body as received.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{Received, Reply, TestServer};
use hmac::{Hmac, KeyInit, Mac};
use hwcloud_runtime::{Client, Config, Credentials, Method, Request};
use serde_json::json;
use sha2::{Digest, Sha256};

const AK: &str = "HPUAEXAMPLEAK0000001";
const SK: &str = "exampleSecretKey0123456789abcdefghijklmn";

// ---- independent verifier -------------------------------------------------------------------

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn dec(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Recomputes the signature of a received request; returns the list of signed headers.
fn verify(req: &Received, ak: &str, sk: &str) -> Result<Vec<String>, String> {
    let auth = req.header("authorization").ok_or("no Authorization header")?;
    let rest = auth.strip_prefix("SDK-HMAC-SHA256 ").ok_or("wrong algorithm")?;
    let mut access = None;
    let mut signed = None;
    let mut signature = None;
    for part in rest.split(", ") {
        let (k, v) = part.split_once('=').ok_or("malformed Authorization")?;
        match k {
            "Access" => access = Some(v),
            "SignedHeaders" => signed = Some(v),
            "Signature" => signature = Some(v),
            _ => return Err(format!("unknown Authorization field {k}")),
        }
    }
    if access != Some(ak) {
        return Err("wrong access key".into());
    }
    let signed: Vec<String> = signed.ok_or("no SignedHeaders")?.split(';').map(str::to_owned).collect();
    for required in ["host", "x-sdk-date"] {
        if !signed.iter().any(|s| s == required) {
            return Err(format!("{required} not signed"));
        }
    }
    let date = req.header("x-sdk-date").ok_or("no X-Sdk-Date")?;
    let ok_date = date.len() == 16
        && date.as_bytes()[8] == b'T'
        && date.ends_with('Z')
        && date.bytes().enumerate().all(|(i, b)| i == 8 || i == 15 || b.is_ascii_digit());
    if !ok_date {
        return Err(format!("bad X-Sdk-Date {date}"));
    }

    // As the official SDKs and the gateway: decode the whole path, split at every `/` (a `%2F`
    // inside a segment included), encode each piece again.
    let mut uri = dec(&req.path).split('/').map(enc).collect::<Vec<_>>().join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    let mut pairs: Vec<(String, String)> = req
        .query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (dec(k), dec(v))
        })
        .collect();
    pairs.sort();
    let query = pairs.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
    let mut headers = String::new();
    for name in &signed {
        let value = req.header(name).ok_or(format!("signed header {name} missing"))?;
        headers.push_str(&format!("{name}:{}\n", value.trim()));
    }
    let payload = match req.header("x-sdk-content-sha256") {
        Some(v) => v.to_owned(),
        None => sha256_hex(&req.body),
    };
    let canonical = format!("{}\n{uri}\n{query}\n{headers}\n{}\n{payload}", req.method, signed.join(";"));
    let to_sign = format!("SDK-HMAC-SHA256\n{date}\n{}", sha256_hex(canonical.as_bytes()));
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(sk.as_bytes()).unwrap();
    mac.update(to_sign.as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    if Some(expected.as_str()) != signature {
        return Err(format!("signature mismatch; canonical request was:\n{canonical}"));
    }
    Ok(signed)
}

/// A server answering 200 to correctly signed requests and 401 to the rest.
async fn verifying_server(ak: &'static str, sk: &'static str) -> TestServer {
    TestServer::start(move |req, _| match verify(req, ak, sk) {
        Ok(_) => Reply::new(200).header("X-Request-Id", "req-ok").json(json!({"ok": true})),
        Err(why) => Reply::new(401)
            .header("X-Request-Id", "req-bad")
            .json(json!({"error_code": "APIGW.0301", "error_msg": why})),
    })
    .await
}

fn client(server: &TestServer, creds: Credentials) -> Client {
    Client::new("modelarts", Config::new(creds).with_endpoint(server.url())).unwrap()
}

// ---- tests ----------------------------------------------------------------------------------

#[tokio::test]
async fn signed_post_is_verified_and_sent_as_built() {
    let server = verifying_server(AK, SK).await;
    let c = client(&server, Credentials::ak_sk(AK, SK).with_project_id("0c1f2a"));
    let body = json!({"kind": "NodePool", "metadata": {"name": "节点池 1"}, "spec": {"count": 2}});
    let req = Request::new(Method::POST, "/v2/{project_id}/pools/{pool_name}/nodepools", "CreateNodePool")
        .path_param("pool_name", "pool one/两")
        .query("status", "created")
        .query("labelSelector", "os.modelarts/name=a b")
        .query("status", "abnormal")
        .query("limit", 10)
        .header("X-Client-Trace", "  trace-1  ")
        .json_body(&body)
        .unwrap();
    let resp = c.execute(req).await.unwrap();
    assert_eq!(resp.status(), 200, "{}", String::from_utf8_lossy(resp.body()));
    assert_eq!(resp.request_id(), Some("req-ok"));

    let got = server.received();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.path, "/v2/0c1f2a/pools/pool%20one%2F%E4%B8%A4/nodepools");
    assert_eq!(r.query, "status=created&labelSelector=os.modelarts%2Fname%3Da%20b&status=abnormal&limit=10");
    assert_eq!(r.header("host"), Some(server.addr.to_string().as_str()));
    assert_eq!(r.header("x-project-id"), Some("0c1f2a"));
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("x-client-trace"), Some("trace-1"));
    assert_eq!(r.body, serde_json::to_vec(&body).unwrap());
    let signed = verify(r, AK, SK).unwrap();
    for h in ["content-type", "host", "x-client-trace", "x-project-id", "x-sdk-date"] {
        assert!(signed.iter().any(|s| s == h), "{h} not signed: {signed:?}");
    }
}

#[tokio::test]
async fn temporary_credentials_and_unsigned_payload() {
    let server = verifying_server(AK, SK).await;
    let creds = Credentials::ak_sk(AK, SK).with_project_id("p1").with_security_token("gQpjbi1ub3J0aC00iSecurityToken");
    let c = client(&server, creds);
    let req = Request::new(Method::PUT, "/v1/{project_id}/objects/{name}", "PutObject")
        .path_param("name", "raw")
        .raw_body(vec![0, 1, b'b', b'i', b'n'], "application/octet-stream");
    let resp = c.execute(req).await.unwrap();
    assert_eq!(resp.status(), 200, "{}", String::from_utf8_lossy(resp.body()));
    let r = &server.received()[0];
    assert_eq!(r.header("x-security-token"), Some("gQpjbi1ub3J0aC00iSecurityToken"));
    assert_eq!(r.header("x-sdk-content-sha256"), Some("UNSIGNED-PAYLOAD"));
    assert_eq!(r.body, vec![0, 1, b'b', b'i', b'n']);
    let signed = verify(r, AK, SK).unwrap();
    assert!(signed.iter().any(|s| s == "x-security-token"));
    assert!(signed.iter().any(|s| s == "x-sdk-content-sha256"));
}

#[tokio::test]
async fn iam_token_is_sent_unsigned() {
    let server = TestServer::sequence(vec![Reply::new(204)]).await;
    let c = client(&server, Credentials::token("MIIEXAMPLETOKEN").with_project_id("p9"));
    let resp = c
        .execute(Request::new(Method::DELETE, "/v1/{project_id}/jobs/{id}", "DeleteJob").path_param("id", 7))
        .await
        .unwrap();
    assert_eq!(resp.status(), 204);
    let r = &server.received()[0];
    assert_eq!(r.method, "DELETE");
    assert_eq!(r.target, "/v1/p9/jobs/7");
    assert_eq!(r.header("x-auth-token"), Some("MIIEXAMPLETOKEN"));
    assert_eq!(r.header("x-project-id"), Some("p9"));
    assert!(r.header("authorization").is_none());
}

#[tokio::test]
async fn explicit_project_id_param_wins_and_get_has_empty_body_hash() {
    let server = verifying_server(AK, SK).await;
    let c = client(&server, Credentials::ak_sk(AK, SK).with_project_id("from-creds"));
    let req = Request::new(Method::GET, "/v1/{project_id}/notebooks/", "ListNotebooks")
        .path_param("project_id", "explicit")
        .query("name", "my pool/a一")
        .query("marker", "");
    let resp = c.execute(req).await.unwrap();
    assert_eq!(resp.status(), 200, "{}", String::from_utf8_lossy(resp.body()));
    let r = &server.received()[0];
    assert_eq!(r.target, "/v1/explicit/notebooks/?name=my%20pool%2Fa%E4%B8%80&marker=");
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn every_retry_is_signed_again() {
    let server = TestServer::start(|req, n| {
        if verify(req, AK, SK).is_err() {
            return Reply::new(401);
        }
        if n == 0 {
            Reply::new(503)
        } else {
            Reply::new(200)
        }
    })
    .await;
    let config = Config::new(Credentials::ak_sk(AK, SK))
        .with_endpoint(server.url())
        .with_retry_base_delay(std::time::Duration::from_millis(1));
    let c = Client::new("modelarts", config).unwrap();
    let resp = c.execute(Request::new(Method::GET, "/v1/things", "ListThings")).await.unwrap();
    assert_eq!(resp.status(), 200);
    let got = server.received();
    assert_eq!(got.len(), 2);
    for r in &got {
        verify(r, AK, SK).unwrap();
    }
}

/// A `/` inside a path parameter travels as `%2F` (one segment for the server) and is signed as a
/// separator, as the official SDKs sign it; a verifier following them accepts the request.
#[tokio::test]
async fn slash_in_path_param_is_signed_as_separator() {
    let server = verifying_server(AK, SK).await;
    let c = client(&server, Credentials::ak_sk(AK, SK).with_project_id("p"));
    let req = Request::new(Method::GET, "/v1/{project_id}/teams/{team}", "ShowTeam").path_param("team", "team/a");
    let resp = c.execute(req).await.unwrap();
    assert_eq!(resp.status(), 200, "{}", String::from_utf8_lossy(resp.body()));
    let r = &server.received()[0];
    assert_eq!(r.path, "/v1/p/teams/team%2Fa");
    let auth = r.header("authorization").unwrap();
    // The canonical URI the official signer computes is `/v1/p/teams/team/a/`.
    let canonical = format!(
        "GET\n/v1/p/teams/team/a/\n\n{}\n{}\n{}",
        ["host", "x-project-id", "x-sdk-date"]
            .iter()
            .map(|h| format!("{h}:{}", r.header(h).unwrap()))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n",
        "host;x-project-id;x-sdk-date",
        sha256_hex(b"")
    );
    let to_sign = format!("SDK-HMAC-SHA256\n{}\n{}", r.header("x-sdk-date").unwrap(), sha256_hex(canonical.as_bytes()));
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SK.as_bytes()).unwrap();
    mac.update(to_sign.as_bytes());
    assert!(auth.ends_with(&format!("Signature={}", hex::encode(mac.finalize().into_bytes()))), "{auth}");
}

/// The verifier is not vacuous: a tampered request or a wrong key fails.
#[tokio::test]
async fn verifier_rejects_tampering() {
    let server = verifying_server(AK, SK).await;
    let c = client(&server, Credentials::ak_sk(AK, SK));
    let req = Request::new(Method::POST, "/v1/x", "Op").json_body(&json!({"a": 1})).unwrap();
    assert_eq!(c.execute(req).await.unwrap().status(), 200);
    let mut r = server.received()[0].clone();
    verify(&r, AK, SK).unwrap();
    assert!(verify(&r, AK, "wrong-secret").is_err());
    r.body = br#"{"a":2}"#.to_vec();
    assert!(verify(&r, AK, SK).is_err());

    let wrong = client(&server, Credentials::ak_sk(AK, "not-the-secret"));
    let resp = wrong.execute(Request::new(Method::GET, "/v1/x", "Op")).await.unwrap();
    assert_eq!(resp.status(), 401);
    let err = resp.into_error();
    assert!(err.to_string().starts_with("APIGW.0301: signature mismatch"), "{err}");
}
