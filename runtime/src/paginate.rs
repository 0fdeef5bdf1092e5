//! Streams over paginated list operations (offset/limit, marker/limit, page/per_page).
//!
//! A generated `*_stream` method hands [`items`] its first request, a function
//! sending one request, a function that reads the next request from a page
//! (`None` at the documented end: an empty page, a short page, the total
//! reached, no next marker) and a function taking the items out of a page.
//! Pages are fetched lazily, one at a time, as the stream is polled; an error
//! ends the stream after it is yielded.

use crate::Error;
/// The `Stream` trait the generated `*_stream` methods return (from `futures-core`).
pub use futures_core::Stream;
use futures_util::stream::{self, StreamExt};
use std::future::Future;

/// Every page, starting with `first`: `fetch` sends a request, `next` gives the
/// request of the following page or `None` after the last one.
pub fn pages<R, P, F, Fut, N>(first: R, fetch: F, next: N) -> impl Stream<Item = Result<P, Error>>
where
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
    N: FnMut(&R, &P) -> Option<R>,
    R: Clone,
{
    stream::unfold((Some(first), fetch, next), |(state, mut fetch, mut next)| async move {
        let request = state?;
        match fetch(request.clone()).await {
            Ok(page) => {
                let following = next(&request, &page);
                Some((Ok(page), (following, fetch, next)))
            }
            Err(e) => Some((Err(e), (None, fetch, next))),
        }
    })
}

/// Every item of every page (see [`pages`]); `items` takes the items out of a page.
pub fn items<R, P, T, F, Fut, N, I>(first: R, fetch: F, next: N, mut items: I) -> impl Stream<Item = Result<T, Error>>
where
    F: FnMut(R) -> Fut,
    Fut: Future<Output = Result<P, Error>>,
    N: FnMut(&R, &P) -> Option<R>,
    I: FnMut(P) -> Vec<T>,
    R: Clone,
{
    pages(first, fetch, next).flat_map(move |page| {
        let batch: Vec<Result<T, Error>> = match page {
            Ok(p) => items(p).into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
        stream::iter(batch)
    })
}

/// The value of query parameter `name` in a paging link's `href` (OpenStack's
/// `loadbalancers_links: [{"href": "https://..?limit=2&marker=x", "rel": "next"}]`), decoded;
/// `None` when the href has no such parameter or it is empty. A relative href is read too.
pub fn link_param(href: &str, name: &str) -> Option<String> {
    let query = href.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(key) == name).then(|| decode(value)).filter(|v| !v.is_empty())
    })
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, then percent escapes.
fn decode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

/// The end condition shared by the generated streams: `true` when another page may follow a
/// page of `count` items, asked for with `limit` (if any), having seen `seen` of `total` (if
/// the page says).
pub fn more(count: usize, limit: Option<i64>, seen: Option<i64>, total: Option<i64>) -> bool {
    if count == 0 {
        return false;
    }
    if let (Some(seen), Some(total)) = (seen, total) {
        if seen >= total {
            return false;
        }
    }
    match limit {
        Some(l) if l > 0 => i64::try_from(count).unwrap_or(i64::MAX) >= l,
        _ => true,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::{Client, Config, Credentials, Method, Request};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A local server with three pages of `limit=2` items: offset 0 and 2 are full, 4 is short.
    async fn server() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else { return };
                let log = log.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 8192];
                    let n = socket.read(&mut buf).await.unwrap_or(0);
                    let head = String::from_utf8_lossy(&buf[..n]).to_string();
                    let target = head.split_whitespace().nth(1).unwrap_or("").to_string();
                    log.lock().unwrap().push(target.clone());
                    let offset: usize = target
                        .split(['?', '&'])
                        .find_map(|kv| kv.strip_prefix("offset="))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let items: Vec<usize> = (offset..(offset + 2).min(5)).collect();
                    let body = format!("{{\"total\":5,\"items\":{items:?}}}");
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(reply.as_bytes()).await;
                });
            }
        });
        (url, seen)
    }

    #[derive(serde::Deserialize)]
    struct Page {
        total: i64,
        items: Vec<i64>,
    }

    #[tokio::test]
    async fn three_pages_from_a_local_server() {
        let (url, seen) = server().await;
        let credentials = Credentials::ak_sk("ak", "sk").with_project_id("p");
        let client = Client::new("demo", Config::new(credentials).with_endpoint(url)).unwrap();
        let fetch = |offset: i64| {
            let client = client.clone();
            async move {
                let request =
                    Request::new(Method::GET, "/v1/items", "ListItems").query("offset", offset).query("limit", 2);
                client.execute(request).await?.json::<Page>()
            }
        };
        let all: Vec<i64> = items(
            0i64,
            fetch,
            |offset: &i64, page: &Page| {
                let count = page.items.len();
                let seen = offset + i64::try_from(count).unwrap();
                more(count, Some(2), Some(seen), Some(page.total)).then_some(seen)
            },
            |page: Page| page.items,
        )
        .map(|r| r.unwrap())
        .collect()
        .await;
        assert_eq!(all, [0, 1, 2, 3, 4]);
        let targets = seen.lock().unwrap().clone();
        assert_eq!(targets.len(), 3, "{targets:?}");
        assert!(targets[2].contains("offset=4"), "{targets:?}");
    }

    #[test]
    fn link_params() {
        let next = "https://elb.example.com/v2.0/lbaas/loadbalancers?limit=2&marker=a%2Fb+c&page_reverse=False";
        assert_eq!(link_param(next, "marker").as_deref(), Some("a/b c"));
        assert_eq!(link_param(next, "limit").as_deref(), Some("2"));
        assert_eq!(link_param("/v2.0/ports?marker=p1#frag", "marker").as_deref(), Some("p1"));
        assert_eq!(link_param("/v2.0/ports?marker=&limit=1", "marker"), None);
        assert_eq!(link_param("/v2.0/ports", "marker"), None);
        assert_eq!(link_param("/v2.0/ports?markers=x", "marker"), None);
    }

    #[test]
    fn end_conditions() {
        assert!(!more(0, Some(10), None, None), "empty page");
        assert!(!more(3, Some(10), None, None), "short page");
        assert!(more(10, Some(10), None, None), "full page");
        assert!(!more(10, Some(10), Some(30), Some(30)), "total reached");
        assert!(more(10, None, Some(10), Some(30)));
    }
}
