//! Pagination streams of the generated clients against a local server serving three pages:
//! an item stream (`*_stream`) and a page stream (`*_pages`, for pages without a single list of
//! items), each ending on the documented end condition (a short page).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use futures_util::StreamExt;
use sdk_e2e::server::{Received, Reply, TestServer};
use sdk_e2e::{AK, PROJECT_ID, SK};
use serde_json::json;

/// The value of query parameter `name` (0 when absent).
fn query_number(req: &Received, name: &str) -> usize {
    req.query_pairs().iter().find(|(k, _)| k == name).and_then(|(_, v)| v.parse().ok()).unwrap_or(0)
}

/// Pages numbered from 1 (`offset` is a page number on these pages) of two entries, the third
/// short: entries 1-2, 3-4, 5.
fn page_entries(req: &Received) -> Vec<usize> {
    let page = query_number(req, "offset").max(1);
    let first = (page - 1) * 2 + 1;
    (first..first + 2).filter(|n| *n <= 5).collect()
}

#[tokio::test]
async fn item_stream_follows_three_pages() {
    use hwcloud_modelarts::{operations, Config, Credentials, ModelArtsClient};
    let server = TestServer::start(|req, _| {
        let auth: Vec<_> = page_entries(req).iter().map(|n| json!({"user_id": format!("user-{n}")})).collect();
        Reply::new(200).json(&json!({"total_count": 5, "auth": auth}))
    })
    .await;
    let credentials = Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID);
    let client = ModelArtsClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap();
    let request = operations::ListAuthorizationsRequest::new().with_offset(1).with_limit(2);
    let users: Vec<String> = client
        .list_authorizations_stream(&request)
        .map(|item| item.unwrap().user_id.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(users, ["user-1", "user-2", "user-3", "user-4", "user-5"]);
    let offsets: Vec<usize> = server.received().iter().map(|r| query_number(r, "offset")).collect();
    assert_eq!(offsets, [1, 2, 3], "three pages, then the short page ends the stream");
}

#[tokio::test]
async fn page_stream_follows_three_pages() {
    use hwcloud_evs::{operations, Config, Credentials, EvsClient};
    let server = TestServer::start(|req, _| {
        let links: Vec<_> = page_entries(req).iter().map(|n| json!({"href": format!("link-{n}")})).collect();
        Reply::new(200).json(&json!({"snapshots_links": links}))
    })
    .await;
    let credentials = Credentials::ak_sk(AK, SK).with_project_id(PROJECT_ID);
    let client = EvsClient::new(Config::new(credentials).with_endpoint(server.url())).unwrap();
    let request = operations::ListEvsSnapshotsRequest::new().with_offset(1).with_limit(2);
    let pages: Vec<usize> = client
        .list_evs_snapshots_pages(&request)
        .map(|page| page.unwrap().snapshots_links.unwrap_or_default().len())
        .collect()
        .await;
    assert_eq!(pages, [2, 2, 1]);
    let offsets: Vec<usize> = server.received().iter().map(|r| query_number(r, "offset")).collect();
    assert_eq!(offsets, [1, 2, 3]);
}
