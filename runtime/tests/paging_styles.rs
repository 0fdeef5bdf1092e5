//! The paging styles the generated streams follow, each against a local server: a next marker
//! in an OpenStack `*_links` entry with `rel: next` (ELB v2.0), a numeric next marker inside
//! `page_info` (FunctionGraph), a text marker inside `meta_data` (CES, CTS), and page numbers
//! counted from 1 (RDS `cur_page`, ECS `page`/`size`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{Reply, TestServer};
use futures_util::StreamExt;
use hwcloud_runtime::paginate::{items, link_param, more};
use hwcloud_runtime::{Client, Config, Credentials, Error, Method, Request};
use serde_json::{json, Value};

/// Five items `0..5` in pages of two, the position read from `query` by `at`.
fn slice(query: &str, key: &str) -> (usize, Vec<usize>) {
    let at: usize =
        query.split('&').find_map(|kv| kv.strip_prefix(&format!("{key}="))).and_then(|v| v.parse().ok()).unwrap_or(0);
    (at, (at..(at + 2).min(5)).collect())
}

async fn client_for(server: &TestServer) -> Client {
    Client::new("demo", Config::new(Credentials::ak_sk("ak", "sk").with_project_id("p")).with_endpoint(server.url()))
        .unwrap()
}

async fn get(client: &Client, query: Vec<(&'static str, String)>) -> Result<Value, Error> {
    let mut request = Request::new(Method::GET, "/v1/items", "ListItems");
    for (k, v) in query {
        request = request.query(k, v);
    }
    let response = client.execute(request).await?;
    if !response.is_success() {
        return Err(response.into_error());
    }
    response.json::<Value>()
}

fn ids(page: &Value, list: &str) -> Vec<u64> {
    page[list].as_array().unwrap().iter().map(|i| i["id"].as_u64().unwrap()).collect()
}

#[tokio::test]
async fn next_marker_from_links_with_rel_next() {
    let server = TestServer::start(|r, _| {
        let (at, items) = slice(&r.query, "marker");
        let next = at + items.len();
        let mut links = vec![json!({"href": "https://x/v1/items?limit=2", "rel": "self"})];
        if next < 5 {
            links.push(json!({"href": format!("https://x/v1/items?limit=2&marker={next}"), "rel": "next"}));
        }
        let items: Vec<Value> = items.iter().map(|i| json!({"id": i})).collect();
        Reply::new(200).json(json!({"items": items, "items_links": links}))
    })
    .await;
    let client = client_for(&server).await;
    let all: Vec<u64> = items(
        None::<String>,
        |marker| {
            let client = client.clone();
            async move {
                let mut q = vec![("limit", "2".to_string())];
                q.extend(marker.map(|m| ("marker", m)));
                get(&client, q).await
            }
        },
        |_, page: &Value| {
            let links = page["items_links"].as_array()?;
            let next = links.iter().find(|l| l["rel"] == "next")?;
            link_param(next["href"].as_str()?, "marker").map(Some)
        },
        |page| ids(&page, "items"),
    )
    .map(Result::unwrap)
    .collect()
    .await;
    assert_eq!(all, [0, 1, 2, 3, 4]);
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn numeric_next_marker_inside_page_info() {
    let server = TestServer::start(|r, _| {
        let (at, items) = slice(&r.query, "marker");
        let items: Vec<Value> = items.iter().map(|i| json!({"id": i})).collect();
        let next = at + items.len();
        Reply::new(200)
            .json(json!({"items": items, "count": 5, "page_info": {"next_marker": next, "current_count": 2}}))
    })
    .await;
    let client = client_for(&server).await;
    let all: Vec<u64> = items(
        "0".to_string(),
        |marker| {
            let client = client.clone();
            async move { get(&client, vec![("limit", "2".into()), ("marker", marker)]).await }
        },
        |_, page: &Value| {
            let count = page["items"].as_array().map_or(0, Vec::len);
            if !more(count, Some(2), None, page["count"].as_i64()) {
                return None;
            }
            page["page_info"]["next_marker"].as_i64().map(|m| m.to_string()).filter(|m| !m.is_empty())
        },
        |page| ids(&page, "items"),
    )
    .map(Result::unwrap)
    .collect()
    .await;
    assert_eq!(all, [0, 1, 2, 3, 4]);
    // The last page is short: no request after it.
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn page_numbers_from_one_until_a_short_page() {
    let server = TestServer::start(|r, _| {
        let (page, _) = slice(&r.query, "cur_page");
        let (_, items) = slice(&format!("at={}", (page.max(1) - 1) * 2), "at");
        let items: Vec<Value> = items.iter().map(|i| json!({"id": i})).collect();
        Reply::new(200).json(json!({"items": items, "totalRecord": 5}))
    })
    .await;
    let client = client_for(&server).await;
    let all: Vec<u64> = items(
        1i64,
        |page| {
            let client = client.clone();
            async move { get(&client, vec![("cur_page", page.to_string()), ("per_page", "2".into())]).await }
        },
        |page_no: &i64, page: &Value| {
            let count = page["items"].as_array().map_or(0, Vec::len);
            more(count, Some(2), None, page["totalRecord"].as_i64()).then(|| page_no.max(&1) + 1)
        },
        |page| ids(&page, "items"),
    )
    .map(Result::unwrap)
    .collect()
    .await;
    assert_eq!(all, [0, 1, 2, 3, 4]);
    let targets: Vec<String> = server.received().iter().map(|r| r.query.clone()).collect();
    assert_eq!(targets.len(), 3, "{targets:?}");
    assert!(targets[2].contains("cur_page=3"), "{targets:?}");
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_after_its_error() {
    let server = TestServer::start(|r, n| {
        if n == 1 {
            return Reply::new(404).json(json!({"message": {"code": "CES.0001", "details": "gone"}}));
        }
        let (_, items) = slice(&r.query, "start");
        let items: Vec<Value> = items.iter().map(|i| json!({"id": i})).collect();
        Reply::new(200).json(json!({"items": items, "meta_data": {"marker": "2", "count": 2}}))
    })
    .await;
    let client = client_for(&server).await;
    let got: Vec<Result<u64, Error>> = items(
        "0".to_string(),
        |start| {
            let client = client.clone();
            async move { get(&client, vec![("limit", "2".into()), ("start", start)]).await }
        },
        |_, page: &Value| page["meta_data"]["marker"].as_str().map(str::to_owned),
        |page| ids(&page, "items"),
    )
    .collect()
    .await;
    assert_eq!(got.len(), 3, "two items, then the error");
    let err = got[2].as_ref().unwrap_err();
    assert!(err.is_not_found() && !err.is_retryable());
    assert_eq!(err.service_code(), Some("CES.0001"));
}
