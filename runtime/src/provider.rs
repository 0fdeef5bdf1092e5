//! Where a client gets its credentials: the [`ProvideCredentials`] trait, implemented by the
//! built-in sources (fixed credentials, instance metadata, OIDC ID-token file) and by users' own
//! (a vault, a secrets manager).

use std::fmt;
use std::time::SystemTime;

use crate::transport::BoxFuture;
use crate::{Credentials, Error};

/// A source of credentials, asked at the start of every call and again whenever the credentials
/// in hand have expired ([`Credentials::with_expiry`]) or the service rejected them as expired.
///
/// Implementations cache as they see fit; the runtime does not cache what they return beyond one
/// call. Errors should be [`Error::Credentials`] and must not contain secrets.
///
/// ```
/// use hwcloud_runtime::{BoxFuture, Credentials, Error, ProvideCredentials};
///
/// #[derive(Debug)]
/// struct Vault;
///
/// impl ProvideCredentials for Vault {
///     fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
///         Box::pin(async { Ok(Credentials::ak_sk("AK-FROM-VAULT", "SK-FROM-VAULT").with_project_id("p")) })
///     }
/// }
/// ```
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Current credentials.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>>;

    /// Called when the service rejected the last credentials as expired or revoked: a caching
    /// provider should fetch fresh ones at the next [`provide_credentials`](Self::provide_credentials).
    fn invalidate(&self) {}
}

/// Fixed credentials (given in code, or read from the environment or the credentials file).
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, Error>> {
        let c = self.clone();
        Box::pin(async move { Ok(c) })
    }
}

/// Whether `c` expires before `now` (credentials without an expiry never do).
pub(crate) fn expired(c: &Credentials, now: SystemTime) -> bool {
    c.expires_at.is_some_and(|at| at <= now)
}
