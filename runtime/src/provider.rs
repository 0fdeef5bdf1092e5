//! Where a client gets its credentials: the [`ProvideCredentials`] trait, implemented by the
//! built-in sources (fixed credentials, instance metadata, OIDC ID-token file, Open Telekom Cloud
//! token login) and by users' own
//! (a vault, a secrets manager).

use std::fmt;
use std::time::SystemTime;

use crate::credentials::Auth;
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

/// Whether `a` and `b` authenticate with the same secret (same access key and security token,
/// or same IAM token): asking again gave nothing new when they do.
pub(crate) fn same_secret(a: &Credentials, b: &Credentials) -> bool {
    match (&a.auth, &b.auth) {
        (Auth::AkSk { ak: x, .. }, Auth::AkSk { ak: y, .. }) => {
            x == y && a.security_token.as_ref().map(|t| t.expose()) == b.security_token.as_ref().map(|t| t.expose())
        }
        (Auth::Token(x), Auth::Token(y)) => x.expose() == y.expose(),
        _ => false,
    }
}

/// Whether `c` expires before `now` (credentials without an expiry never do).
pub(crate) fn expired(c: &Credentials, now: SystemTime) -> bool {
    c.expires_at.is_some_and(|at| at <= now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_secret_compares_what_authenticates() {
        let keys = Credentials::ak_sk("AK", "SK").with_security_token("T1");
        assert!(same_secret(&keys, &keys.clone().with_project_id("p")));
        assert!(!same_secret(&keys, &Credentials::ak_sk("AK", "SK").with_security_token("T2")));
        assert!(!same_secret(&keys, &Credentials::ak_sk("AK2", "SK").with_security_token("T1")));
        assert!(same_secret(&Credentials::token("A"), &Credentials::token("A")));
        assert!(!same_secret(&Credentials::token("A"), &Credentials::token("B")));
        assert!(!same_secret(&Credentials::token("AK"), &Credentials::ak_sk("AK", "SK")));
    }
}
