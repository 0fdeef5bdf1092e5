//! Streams over paginated list operations (offset/limit, marker/limit, page/per_page).
//!
//! A generated `*_stream` method hands [`items`] its first request, a function
//! sending one request, a function that reads the next request from a page
//! (`None` at the documented end: an empty page, a short page, the total
//! reached, no next marker) and a function taking the items out of a page.
//! Pages are fetched lazily, one at a time, as the stream is polled; an error
//! ends the stream after it is yielded.

use crate::Error;
use futures_core::Stream;
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
mod tests {
    use super::*;

    #[test]
    fn end_conditions() {
        assert!(!more(0, Some(10), None, None), "empty page");
        assert!(!more(3, Some(10), None, None), "short page");
        assert!(more(10, Some(10), None, None), "full page");
        assert!(!more(10, Some(10), Some(30), Some(30)), "total reached");
        assert!(more(10, None, Some(10), Some(30)));
    }
}
