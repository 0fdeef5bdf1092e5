//! Fault injection against a raw TCP server on 127.0.0.1 that writes its answers byte by byte:
//! resets before and after the request, 5xx bursts and `Retry-After`, a slow first byte against
//! the operation deadline, a truncated body, malformed JSON, HTML with 200, clock skew, and
//! temporary keys that expire mid-run.
//!
//! Every case checks that nothing panics, that a POST reaches the server at most once unless the
//! service said a retry is safe, that the call ends within a (generous) deadline, and that the
//! error's `Display` says what happened.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use hwcloud_runtime::{BoxFuture, Client, Config, Credentials, Error, Method, ProvideCredentials, Request, Response};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Far above anything a case needs; only a hang would reach it.
const GENEROUS: Duration = Duration::from_secs(20);

/// What the server does with the n-th connection.
#[derive(Clone, Debug)]
enum Act {
    /// Reset (RST) at once, without reading the request.
    ResetBeforeRequest,
    /// Read the whole request, then reset without answering.
    ResetAfterRequest,
    /// Read the whole request, wait, then write these bytes and close.
    Answer(Duration, Vec<u8>),
}

/// A request as read off the socket.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

type Script = dyn Fn(usize, Option<&Seen>) -> Act + Send + Sync;

struct RawServer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
}

impl RawServer {
    async fn start(script: impl Fn(usize, Option<&Seen>) -> Act + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (rec, script): (_, Arc<Script>) = (seen.clone(), Arc::new(script));
        let connections = Arc::new(AtomicUsize::new(0));
        let count = connections.clone();
        let task = tokio::spawn(async move {
            for n in 0.. {
                let Ok((stream, _)) = listener.accept().await else { return };
                count.fetch_add(1, Ordering::SeqCst);
                let (rec, script) = (rec.clone(), script.clone());
                tokio::spawn(async move {
                    let _ = serve(n, stream, rec, script).await;
                });
            }
        });
        RawServer { addr, connections, seen, task }
    }

    /// Answers the n-th connection with `acts[n]`, repeating the last.
    async fn sequence(acts: Vec<Act>) -> Self {
        Self::start(move |n, _| acts[n.min(acts.len() - 1)].clone()).await
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn posts(&self) -> usize {
        self.seen().iter().filter(|s| s.method == "POST").count()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    n: usize,
    mut stream: TcpStream,
    rec: Arc<Mutex<Vec<Seen>>>,
    script: Arc<Script>,
) -> std::io::Result<()> {
    if let Act::ResetBeforeRequest = script(n, None) {
        stream.set_zero_linger()?;
        return Ok(());
    }
    let seen = read_request(&mut stream).await?;
    rec.lock().unwrap().push(seen.clone());
    match script(n, Some(&seen)) {
        Act::ResetBeforeRequest | Act::ResetAfterRequest => stream.set_zero_linger(),
        Act::Answer(delay, bytes) => {
            tokio::time::sleep(delay).await;
            stream.write_all(&bytes).await?;
            stream.shutdown().await
        }
    }
}

async fn read_request(stream: &mut TcpStream) -> std::io::Result<Seen> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let method = lines.next().unwrap_or_default().split(' ').next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned())).collect();
    let seen = Seen { method, headers };
    let len: usize = seen.header("content-length").and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut have = buf.len() - head_end - 4;
    while have < len {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        have += n;
    }
    Ok(seen)
}

/// A complete HTTP/1.1 answer.
fn http(status: u16, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (n, v) in headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(body);
    out.into_bytes()
}

fn answer(status: u16, headers: &[(&str, &str)], body: &str) -> Act {
    Act::Answer(Duration::ZERO, http(status, headers, body))
}

fn config(url: String) -> Config {
    Config::new(Credentials::ak_sk("ak", "sk").with_project_id("p"))
        .with_env_lookup(|_| None)
        .with_endpoint(url)
        .with_retry_base_delay(Duration::from_millis(1))
        .with_max_attempts(4)
}

fn post() -> Request {
    Request::new(Method::POST, "/v1/p/things", "CreateThing").json_body(&serde_json::json!({"name": "x"})).unwrap()
}

fn get() -> Request {
    Request::new(Method::GET, "/v1/p/things", "ListThings")
}

/// Runs a call under the generous deadline (a hang fails the test instead of blocking the suite).
async fn run(client: &Client, request: Request) -> Result<Response, Error> {
    tokio::time::timeout(GENEROUS, client.execute(request)).await.expect("the call hung past the generous deadline")
}

#[tokio::test]
async fn reset_before_the_request_is_sent_is_not_sent_or_unknown_and_never_doubles_a_post() {
    let server = RawServer::sequence(vec![Act::ResetBeforeRequest]).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let err = run(&client, post()).await.unwrap_err();
    let text = err.to_string();
    // The server read nothing: however the client classified it, no POST reached it.
    assert_eq!(server.posts(), 0);
    assert!(err.is_not_sent() || err.is_outcome_unknown(), "{err:?}");
    // "Not sent" (hyper: the request was never started) is retried for a POST too, up to the
    // attempt limit; an unknown outcome is not.
    let attempts = server.connections.load(Ordering::SeqCst);
    assert_eq!(attempts, if err.is_not_sent() { 4 } else { 1 }, "{err}");
    assert!(
        text.contains("CreateThing") && (text.contains("not sent") || text.contains("outcome is unknown")),
        "{text}"
    );
}

#[tokio::test]
async fn connection_refused_is_not_sent() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap().port()
    };
    let client = Client::new("svc", config(format!("http://127.0.0.1:{port}"))).unwrap();
    let err = run(&client, post()).await.unwrap_err();
    assert!(err.is_not_sent() && !err.is_outcome_unknown(), "{err:?}");
    assert!(err.to_string().contains("the request was not sent"), "{err}");
}

#[tokio::test]
async fn reset_after_the_request_is_outcome_unknown_and_a_post_is_not_retried() {
    let server = RawServer::sequence(vec![Act::ResetAfterRequest, answer(201, &[], "{}")]).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let err = run(&client, post()).await.unwrap_err();
    assert!(err.is_outcome_unknown() && !err.is_not_sent(), "{err:?}");
    assert!(err.to_string().contains("outcome is unknown"), "{err}");
    assert_eq!(server.posts(), 1, "a POST whose outcome is unknown must not be sent again");
}

#[tokio::test]
async fn reset_after_a_get_is_outcome_unknown_too() {
    let server = RawServer::sequence(vec![Act::ResetAfterRequest]).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let err = run(&client, get()).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn bursts_of_502_503_504_are_retried_for_get_with_retry_after() {
    let server = RawServer::sequence(vec![
        answer(503, &[("Retry-After", "0")], ""),
        answer(502, &[], "<html>bad gateway</html>"),
        answer(504, &[("Retry-After", "3600")], ""),
        answer(200, &[("Content-Type", "application/json")], "{\"ok\":true}"),
    ])
    .await;
    // A Retry-After of an hour is capped by the maximum retry delay.
    let client = Client::new("svc", config(server.url()).with_max_retry_delay(Duration::from_millis(20))).unwrap();
    let resp = run(&client, get()).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn retry_after_seconds_is_waited_for() {
    let server = RawServer::sequence(vec![answer(429, &[("Retry-After", "1")], ""), answer(200, &[], "{}")]).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let started = Instant::now();
    let resp = run(&client, get()).await.unwrap();
    assert_eq!(resp.status(), 200);
    // A lower bound only: the runtime waited as told (never less than the sleep).
    assert!(started.elapsed() >= Duration::from_millis(900), "{:?}", started.elapsed());
}

#[tokio::test]
async fn burst_of_5xx_is_not_retried_for_post_and_500_not_at_all() {
    for status in [500, 502, 503, 504] {
        let server = RawServer::sequence(vec![
            answer(status, &[("X-Request-Id", "rid-5xx"), ("Retry-After", "0")], "<html>oops</html>"),
            answer(201, &[], "{}"),
        ])
        .await;
        let client = Client::new("svc", config(server.url())).unwrap();
        let resp = run(&client, post()).await.unwrap();
        assert_eq!(resp.status(), status);
        assert_eq!(server.posts(), 1, "{status}");
        let text = resp.into_error().to_string();
        assert!(text.contains(&format!("HTTP {status}")) && text.contains("rid-5xx"), "{text}");

        let server = RawServer::sequence(vec![answer(500, &[], ""), answer(200, &[], "{}")]).await;
        let client = Client::new("svc", config(server.url())).unwrap();
        assert_eq!(run(&client, get()).await.unwrap().status(), 500);
        assert_eq!(server.seen().len(), 1);
    }
}

#[tokio::test]
async fn slow_first_byte_hits_the_operation_deadline() {
    let server = RawServer::sequence(vec![Act::Answer(Duration::from_secs(30), http(201, &[], "{}"))]).await;
    let client = Client::new("svc", config(server.url()).with_operation_timeout(Duration::from_millis(300))).unwrap();
    let started = Instant::now();
    let err = run(&client, post()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10), "deadline not held: {:?}", started.elapsed());
    assert!(matches!(err, Error::Timeout { kind: "operation", .. }), "{err:?}");
    assert!(err.is_outcome_unknown(), "a POST cut by the deadline may have taken effect");
    assert!(err.to_string().contains("timed out after 300ms (operation timeout)"), "{err}");
    assert_eq!(server.posts(), 1);
}

#[tokio::test]
async fn slow_first_byte_hits_the_attempt_timeout_and_is_not_retried() {
    let server = RawServer::sequence(vec![Act::Answer(Duration::from_secs(30), http(200, &[], "{}"))]).await;
    let client = Client::new("svc", config(server.url()).with_timeout(Duration::from_millis(200))).unwrap();
    let err = run(&client, get()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { kind: "total", .. }) && err.is_outcome_unknown(), "{err:?}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn truncated_body_is_outcome_unknown() {
    let mut bytes = b"HTTP/1.1 201 Created\r\nContent-Length: 100\r\nContent-Type: application/json\r\n\r\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"abc");
    let server = RawServer::sequence(vec![Act::Answer(Duration::ZERO, bytes)]).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let err = run(&client, post()).await.unwrap_err();
    assert!(err.is_outcome_unknown(), "{err:?}");
    assert!(err.to_string().contains("CreateThing: the request was sent but the outcome is unknown"), "{err}");
    assert_eq!(server.posts(), 1);
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_status_and_request_id() {
    let body = "{\"items\": [1, 2,";
    let server = RawServer::sequence(vec![answer(
        200,
        &[("Content-Type", "application/json"), ("X-Request-Id", "rid-json")],
        body,
    )])
    .await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let resp = run(&client, get()).await.unwrap();
    let err = resp.json::<serde_json::Value>().unwrap_err();
    assert_eq!((err.status(), err.request_id()), (Some(200), Some("rid-json")));
    let text = err.to_string();
    assert!(text.contains("ListThings: could not decode the response body (HTTP 200, request id rid-json)"), "{text}");
}

#[tokio::test]
async fn html_with_200_is_a_decode_error_naming_the_content_type() {
    let server = RawServer::sequence(vec![answer(
        200,
        &[("Content-Type", "text/html; charset=utf-8"), ("X-Request-Id", "rid-html")],
        "<html><body>Welcome to the captive portal</body></html>",
    )])
    .await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let err = run(&client, post()).await.unwrap().json::<serde_json::Value>().unwrap_err();
    let text = err.to_string();
    assert!(text.contains("content type `text/html; charset=utf-8`, not JSON"), "{text}");
    assert!(text.contains("captive portal") && text.contains("rid-html"), "{text}");
    assert_eq!(server.posts(), 1);
}

/// `X-Sdk-Date` (`20060102T150405Z`) as seconds since the epoch.
fn sdk_date_secs(v: &str) -> Option<i64> {
    let d = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<i64>().ok());
    let (y, m, day, hh, mm, ss) = (d(0..4)?, d(4..6)?, d(6..8)?, d(9..11)?, d(11..13)?, d(13..15)?);
    let yy = if m <= 2 { y - 1 } else { y };
    let era = yy.div_euclid(400);
    let yoe = yy - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

/// An HTTP `Date` for `secs` since the epoch.
fn http_date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    format!(
        "{wd}, {d:02} {} {y} {:02}:{:02}:{:02} GMT",
        months[(m - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// A gateway whose clock is an hour ahead: requests signed more than 15 minutes away from it
/// get the signature-expired answer (with or without its `Date`).
async fn skewed_gateway(send_date: bool) -> RawServer {
    RawServer::start(move |_, seen| {
        let server_now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64 + 3600;
        let signed = seen.and_then(|s| s.header("x-sdk-date")).and_then(sdk_date_secs).unwrap_or(0);
        let date = http_date(server_now);
        let mut headers = vec![("X-Request-Id", "rid-skew")];
        if send_date {
            headers.push(("Date", date.as_str()));
        }
        if (signed - server_now).abs() > 15 * 60 {
            let body = r#"{"error_code":"APIGW.0201","error_msg":"Request time out of range","request_id":"rid-skew"}"#;
            return answer(401, &headers, body);
        }
        answer(201, &headers, "{}")
    })
    .await
}

#[tokio::test]
async fn clock_skew_is_corrected_from_the_server_date_and_the_post_retried_once() {
    let server = skewed_gateway(true).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let resp = run(&client, post()).await.unwrap();
    assert_eq!(resp.status(), 201);
    assert_eq!(server.posts(), 2, "rejected at the gateway, then signed with the service's clock");
    // The client keeps the offset: the next call is right the first time.
    assert_eq!(run(&client, post()).await.unwrap().status(), 201);
    assert_eq!(server.posts(), 3);
}

#[tokio::test]
async fn clock_skew_without_a_date_is_an_error_that_says_so() {
    let server = skewed_gateway(false).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let resp = run(&client, post()).await.unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(server.posts(), 1);
    let err = resp.into_error();
    assert!(err.is_clock_skew() && err.status() == Some(401), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("clock skew") && text.contains("APIGW.0201") && text.contains("rid-skew"), "{text}");
}

#[tokio::test]
async fn clock_skew_error_reports_the_difference() {
    let date = http_date(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64 + 3600);
    let body = r#"{"error_code":"APIGW.0201","error_msg":"Request time out of range"}"#;
    // Every answer rejects the time: one corrected retry, then the error.
    let server = RawServer::sequence(vec![answer(401, &[("Date", date.as_str())], body)]).await;
    let client = Client::new("svc", config(server.url())).unwrap();
    let resp = run(&client, post()).await.unwrap();
    assert_eq!(server.posts(), 2);
    let text = resp.into_error().to_string();
    assert!(text.contains("clock skew") && text.contains("behind the service's"), "{text}");
}

/// Temporary keys that are good for `ttl`; every ask gives new ones (`TMP0`, `TMP1`, ...).
#[derive(Debug)]
struct Expiring {
    ttl: Option<Duration>,
    asked: AtomicUsize,
    invalidated: AtomicUsize,
}

impl Expiring {
    fn new(ttl: Option<Duration>) -> Arc<Self> {
        Arc::new(Expiring { ttl, asked: AtomicUsize::new(0), invalidated: AtomicUsize::new(0) })
    }
}

impl ProvideCredentials for Expiring {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        let n = self.asked.fetch_add(1, Ordering::SeqCst);
        let mut c = Credentials::ak_sk(format!("TMP{n}"), format!("SK{n}")).with_security_token(format!("TOK{n}"));
        if let Some(ttl) = self.ttl {
            c = c.with_expiry(SystemTime::now() + ttl);
        }
        Box::pin(async move { Ok(c.with_project_id("p")) })
    }

    fn invalidate(&self) {
        self.invalidated.fetch_add(1, Ordering::SeqCst);
    }
}

fn access_key(seen: &Seen) -> String {
    let auth = seen.header("authorization").unwrap_or_default();
    auth.split("Access=").nth(1).and_then(|r| r.split(',').next()).unwrap_or_default().to_owned()
}

#[tokio::test]
async fn keys_expiring_between_attempts_are_asked_again() {
    let server = RawServer::sequence(vec![answer(503, &[("Retry-After", "1")], ""), answer(200, &[], "{}")]).await;
    let provider = Expiring::new(Some(Duration::from_millis(300)));
    let config = config(server.url()).with_credentials_provider(provider.clone());
    let client = Client::new("svc", config).unwrap();
    assert_eq!(run(&client, get()).await.unwrap().status(), 200);
    // Keys good for 300 ms and a wait of a second between attempts: the second attempt must
    // be signed with keys asked again, not the expired ones (however slow the machine is).
    let seen = server.seen();
    let keys: Vec<String> = seen.iter().map(access_key).collect();
    assert_eq!(keys.len(), 2);
    assert!(keys[0].starts_with("TMP") && keys[1] != keys[0], "{keys:?}");
    let n = keys[1].trim_start_matches("TMP");
    assert_eq!(seen[1].header("x-security-token"), Some(format!("TOK{n}").as_str()));
}

#[tokio::test]
async fn keys_the_service_calls_expired_are_renewed_and_the_post_retried_once() {
    let server = RawServer::start(|_, seen| match seen.map(access_key).as_deref() {
        Some("TMP0") => answer(
            401,
            &[("X-Request-Id", "rid-exp")],
            r#"{"error_code":"APIGW.0301","error_msg":"The security token has expired"}"#,
        ),
        _ => answer(201, &[], "{}"),
    })
    .await;
    let provider = Expiring::new(None);
    let client = Client::new("svc", config(server.url()).with_credentials_provider(provider.clone())).unwrap();
    assert_eq!(run(&client, post()).await.unwrap().status(), 201);
    assert_eq!(server.posts(), 2, "rejected at authentication, so sending it again is safe");
    assert_eq!((provider.asked.load(Ordering::SeqCst), provider.invalidated.load(Ordering::SeqCst)), (2, 1));
}

#[tokio::test]
async fn keys_rejected_again_after_renewal_give_the_service_error() {
    let body = r#"{"error_code":"APIGW.0301","error_msg":"The security token has expired"}"#;
    let server = RawServer::sequence(vec![answer(401, &[("X-Request-Id", "rid-exp")], body)]).await;
    let provider = Expiring::new(None);
    let client = Client::new("svc", config(server.url()).with_credentials_provider(provider.clone())).unwrap();
    let resp = run(&client, post()).await.unwrap();
    assert_eq!(server.posts(), 2, "one renewal per call, no loop");
    let text = resp.into_error().to_string();
    assert!(text.contains("security token has expired") && text.contains("HTTP 401"), "{text}");
}
