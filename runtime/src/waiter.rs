//! Waiting for a job: poll until an acceptor says done or failed, or a deadline passes.
//!
//! Many writes answer at once with a `job_id` and carry on in the background; the service's job
//! API (`GET /v1/{project_id}/jobs/{job_id}`) then reports `INIT`, `RUNNING`, and finally
//! `SUCCESS` or `FAIL`. [`wait`] polls any async call with growing, optionally jittered, pauses
//! until its acceptor returns [`Verdict::Done`] or [`Verdict::Failed`], or the
//! [`WaitOptions::with_timeout`] deadline passes. [`wait_until`] is the same with a plain
//! predicate ("until the status is one of ..."), for any get of any service. The generated crates
//! use [`wait`] with [`verdict`] in their `*_until_done` and `*_and_wait` methods.
//!
//! A failed poll (transport, service error) ends the wait with [`WaitError::Poll`]: the client
//! has already retried what was safe to retry.
//!
//! ```no_run
//! use hwcloud_runtime::waiter::{wait_until, WaitOptions};
//! use hwcloud_runtime::{Client, Method, Request};
//! use std::time::Duration;
//!
//! # async fn demo(client: Client) -> Result<(), Box<dyn std::error::Error>> {
//! let options = WaitOptions::new().with_timeout(Duration::from_secs(600));
//! let job: serde_json::Value = wait_until(
//!     &options,
//!     || {
//!         let client = client.clone();
//!         async move {
//!             let request = Request::new(Method::GET, "/v1/{project_id}/jobs/{job_id}", "ShowJob")
//!                 .path_param("job_id", "0123");
//!             client.execute(request).await?.json::<serde_json::Value>()
//!         }
//!     },
//!     |job| matches!(job["status"].as_str(), Some("SUCCESS" | "FAIL")),
//! )
//! .await?;
//! println!("{}", job["status"]);
//! # Ok(())
//! # }
//! ```

use crate::Error;
use std::future::Future;
use std::time::Duration;
use tokio::time::Instant;

/// How long [`WaitOptions::new`] waits in all.
pub const DEFAULT_WAIT_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// The first pause between two polls of [`WaitOptions::new`].
pub const DEFAULT_FIRST_DELAY: Duration = Duration::from_secs(2);
/// The longest pause between two polls of [`WaitOptions::new`].
pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(30);

/// What an acceptor says about one poll's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Verdict {
    /// Finished well: the wait returns this answer.
    Done,
    /// Finished badly: the wait returns [`WaitError::Failed`] with this reason.
    Failed(String),
    /// Not finished: poll again. The state as read (e.g. `RUNNING`), for the timeout's message.
    Pending(Option<String>),
}

/// How often and how long to poll: the first poll at once, then pauses that start at
/// [`with_delay`](Self::with_delay) and double up to [`with_max_delay`](Self::with_max_delay)
/// (each between half and all of that when jittered), until [`with_timeout`](Self::with_timeout)
/// after the start. A poll still running at the deadline is abandoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitOptions {
    timeout: Duration,
    first_delay: Duration,
    max_delay: Duration,
    jitter: bool,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self::new()
    }
}

impl WaitOptions {
    /// [`DEFAULT_WAIT_TIMEOUT`], pauses from [`DEFAULT_FIRST_DELAY`] to [`DEFAULT_MAX_DELAY`], jittered.
    pub const fn new() -> Self {
        Self {
            timeout: DEFAULT_WAIT_TIMEOUT,
            first_delay: DEFAULT_FIRST_DELAY,
            max_delay: DEFAULT_MAX_DELAY,
            jitter: true,
        }
    }

    /// Gives up this long after the start (a poll running then is abandoned).
    pub const fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The first pause between two polls; each following one doubles, up to the maximum.
    pub const fn with_delay(mut self, delay: Duration) -> Self {
        self.first_delay = delay;
        self
    }

    /// The longest pause between two polls.
    pub const fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// `true` (the default): each pause is a random time between half and all of its nominal
    /// length, so that many waiters do not poll in step.
    pub const fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The overall deadline, from the start of the wait.
    pub const fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The pause after poll number `poll` (1-based).
    fn delay(&self, poll: u32) -> Duration {
        let exp = 2u32.saturating_pow(poll.saturating_sub(1).min(20));
        let full = self.first_delay.saturating_mul(exp).min(self.max_delay);
        if !self.jitter {
            return full;
        }
        let half = full / 2;
        let spread = u64::try_from((full - half).as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(fastrand::u64(0..=spread))
    }
}

/// Why a wait ended without success. `T` is the polled answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError<T> {
    /// A poll failed (the client had already retried what was safe to retry).
    #[error("polling failed: {0}")]
    Poll(#[source] Error),
    /// The acceptor said the job failed; the reason is what the answer says (status, error code,
    /// failure reason).
    #[error("the job failed: {reason}")]
    Failed {
        /// The job's status and error, as the answer gives them.
        reason: String,
        /// The answer that said so.
        last: Box<T>,
        /// Polls made, this one included.
        polls: u32,
    },
    /// The deadline passed with the job unfinished.
    #[error("gave up waiting after {waited:?} and {polls} polls (last state: {})", state.as_deref().unwrap_or("unknown"))]
    TimedOut {
        /// Time from the start of the wait.
        waited: Duration,
        /// Polls answered.
        polls: u32,
        /// The state the last answer was in, when the acceptor said.
        state: Option<String>,
        /// The last answer, if any poll answered.
        last: Option<Box<T>>,
    },
    /// The call that starts the job answered without the id to wait for.
    #[error("{operation}: the answer carries no `{field}` to wait for")]
    NoJobId {
        /// Operation name, e.g. `CreateVolume`.
        operation: &'static str,
        /// The missing field, e.g. `job_id`.
        field: &'static str,
    },
}

impl<T> From<Error> for WaitError<T> {
    fn from(e: Error) -> Self {
        WaitError::Poll(e)
    }
}

/// Polls `poll` (first at once, then after each pause of `options`) until `accept` says
/// [`Verdict::Done`] (the answer is returned) or [`Verdict::Failed`], a poll fails, or the
/// deadline passes.
///
/// # Errors
///
/// [`WaitError::Failed`], [`WaitError::Poll`] or [`WaitError::TimedOut`], as above.
pub async fn wait<T, F, Fut, A>(options: &WaitOptions, mut poll: F, mut accept: A) -> Result<T, WaitError<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
    A: FnMut(&T) -> Verdict,
{
    let start = Instant::now();
    let deadline = start + options.timeout;
    let mut polls = 0u32;
    let mut last: Option<(T, Option<String>)> = None;
    let timed_out = |polls, last: Option<(T, Option<String>)>| {
        let (last, state) = match last {
            Some((t, state)) => (Some(Box::new(t)), state),
            None => (None, None),
        };
        WaitError::TimedOut { waited: start.elapsed(), polls, state, last }
    };
    loop {
        let Ok(answer) = tokio::time::timeout_at(deadline, poll()).await else {
            return Err(timed_out(polls, last));
        };
        let answer = answer.map_err(WaitError::Poll)?;
        polls = polls.saturating_add(1);
        match accept(&answer) {
            Verdict::Done => return Ok(answer),
            Verdict::Failed(reason) => return Err(WaitError::Failed { reason, last: Box::new(answer), polls }),
            Verdict::Pending(state) => last = Some((answer, state)),
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(timed_out(polls, last));
        }
        // The last pause is cut short so that one more poll happens at the deadline.
        tokio::time::sleep(options.delay(polls).min(deadline - now)).await;
    }
}

/// [`wait`] with a plain predicate: polls until `done` holds for an answer (e.g. "the status is
/// one of `ACTIVE`, `ERROR`"), which is returned; there is no failed state.
///
/// # Errors
///
/// [`WaitError::Poll`] or [`WaitError::TimedOut`].
pub async fn wait_until<T, F, Fut, P>(options: &WaitOptions, poll: F, mut done: P) -> Result<T, WaitError<T>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
    P: FnMut(&T) -> bool,
{
    wait(options, poll, |answer| if done(answer) { Verdict::Done } else { Verdict::Pending(None) }).await
}

/// The verdict on a job's `status`: [`Verdict::Done`] when it is one of `success`,
/// [`Verdict::Failed`] when one of `failure` (the reason: the status and each present `details`
/// entry, e.g. `("fail_reason", Some("quota exceeded"))`), else [`Verdict::Pending`]. Letter case
/// is ignored.
pub fn verdict(status: Option<&str>, success: &[&str], failure: &[&str], details: &[(&str, Option<&str>)]) -> Verdict {
    let Some(status) = status else { return Verdict::Pending(None) };
    let is_in = |set: &[&str]| set.iter().any(|s| s.eq_ignore_ascii_case(status));
    if is_in(success) {
        return Verdict::Done;
    }
    if !is_in(failure) {
        return Verdict::Pending(Some(status.to_string()));
    }
    let details: Vec<String> = details
        .iter()
        .filter_map(|(name, value)| value.filter(|v| !v.is_empty()).map(|v| format!("{name}: {v}")))
        .collect();
    if details.is_empty() {
        Verdict::Failed(status.to_string())
    } else {
        Verdict::Failed(format!("{status} ({})", details.join(", ")))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let ok = &["SUCCESS"];
        let bad = &["FAIL"];
        assert_eq!(verdict(Some("SUCCESS"), ok, bad, &[]), Verdict::Done);
        assert_eq!(verdict(Some("success"), ok, bad, &[]), Verdict::Done);
        assert_eq!(verdict(Some("RUNNING"), ok, bad, &[]), Verdict::Pending(Some("RUNNING".into())));
        assert_eq!(verdict(None, ok, bad, &[]), Verdict::Pending(None));
        assert_eq!(verdict(Some("FAIL"), ok, bad, &[("error_code", None)]), Verdict::Failed("FAIL".into()));
        let details = [("error_code", Some("Ecs.0001")), ("fail_reason", Some("no quota")), ("message", Some(""))];
        assert_eq!(
            verdict(Some("FAIL"), ok, bad, &details),
            Verdict::Failed("FAIL (error_code: Ecs.0001, fail_reason: no quota)".into())
        );
    }

    #[test]
    fn pauses_double_up_to_the_cap() {
        let o = WaitOptions::new().with_delay(Duration::from_secs(1)).with_max_delay(Duration::from_secs(5));
        let fixed = o.with_jitter(false);
        assert_eq!(fixed.delay(1), Duration::from_secs(1));
        assert_eq!(fixed.delay(3), Duration::from_secs(4));
        assert_eq!(fixed.delay(4), Duration::from_secs(5));
        assert_eq!(fixed.delay(u32::MAX), Duration::from_secs(5));
        for _ in 0..50 {
            let d = o.delay(2);
            assert!(d >= Duration::from_secs(1) && d <= Duration::from_secs(2), "{d:?}");
        }
    }

    /// Paused time: the pauses cost nothing and the deadline is exact.
    #[tokio::test(start_paused = true)]
    async fn states_move_to_done() {
        let states = ["INIT", "RUNNING", "RUNNING", "SUCCESS"];
        let mut i = 0;
        let options = WaitOptions::new().with_timeout(Duration::from_secs(3600));
        let answer = wait(
            &options,
            || {
                let state = states[i.min(states.len() - 1)];
                i += 1;
                async move { Ok::<_, Error>(state) }
            },
            |s| verdict(Some(s), &["SUCCESS"], &["FAIL"], &[]),
        )
        .await
        .unwrap();
        assert_eq!((answer, i), ("SUCCESS", 4));
    }

    #[tokio::test(start_paused = true)]
    async fn never_done_times_out_with_the_last_state() {
        let options = WaitOptions::new().with_timeout(Duration::from_secs(100)).with_jitter(false);
        let err = wait(&options, || async { Ok::<_, Error>("RUNNING") }, |s| verdict(Some(s), &["OK"], &[], &[]))
            .await
            .unwrap_err();
        let WaitError::TimedOut { polls, state, last, waited } = &err else { panic!("{err}") };
        // At once, then after 2, 4, 8, 16, 30, 30 s (60 s), and at the deadline (100 s).
        assert_eq!(*polls, 8);
        assert_eq!(state.as_deref(), Some("RUNNING"));
        assert_eq!(last.as_deref(), Some(&"RUNNING"));
        assert_eq!(*waited, Duration::from_secs(100));
        assert!(err.to_string().contains("last state: RUNNING"), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_poll_hanging_past_the_deadline_is_abandoned() {
        let options = WaitOptions::new().with_timeout(Duration::from_secs(10));
        let err = wait_until(&options, std::future::pending::<Result<u8, Error>>, |_| true).await.unwrap_err();
        assert!(matches!(err, WaitError::TimedOut { polls: 0, last: None, .. }), "{err}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_failed_poll_ends_the_wait() {
        let err =
            wait_until(&WaitOptions::new(), || async { Err::<u8, _>(Error::InvalidRequest("no".into())) }, |_| false)
                .await
                .unwrap_err();
        assert!(matches!(err, WaitError::Poll(Error::InvalidRequest(_))), "{err}");
    }
}
