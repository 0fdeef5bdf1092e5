//! Credentials: AK/SK (optionally temporary, with a security token) or an IAM token, plus the
//! project and domain ids. Secrets never appear in `Debug` output.

use std::fmt;

use crate::Error;

/// Environment variable holding the access key id.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// Environment variable holding the secret access key.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// Environment variable holding the project id.
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";
/// Environment variable holding the account (domain) id.
pub const ENV_DOMAIN_ID: &str = "HUAWEICLOUD_SDK_DOMAIN_ID";
/// Environment variable holding the security token of temporary AK/SK credentials.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

/// A string that is never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug)]
pub(crate) enum Auth {
    /// Signed with `SDK-HMAC-SHA256`.
    AkSk { ak: String, sk: Secret },
    /// Sent as `X-Auth-Token`.
    Token(Secret),
}

/// Credentials for Huawei Cloud APIs.
///
/// `Debug` shows only the first characters of the access key and never the secret key or tokens.
#[derive(Clone)]
pub struct Credentials {
    pub(crate) auth: Auth,
    pub(crate) security_token: Option<Secret>,
    pub(crate) project_id: Option<String>,
    pub(crate) domain_id: Option<String>,
}

impl Credentials {
    /// Permanent (or, with [`with_security_token`](Self::with_security_token), temporary) AK/SK
    /// credentials; every request is signed.
    pub fn ak_sk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Credentials {
            auth: Auth::AkSk { ak: ak.into(), sk: Secret(sk.into()) },
            security_token: None,
            project_id: None,
            domain_id: None,
        }
    }

    /// An IAM token, sent as `X-Auth-Token`; requests are not signed.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials { auth: Auth::Token(Secret(token.into())), security_token: None, project_id: None, domain_id: None }
    }

    /// The security token of temporary AK/SK credentials, sent (and signed) as
    /// `X-Security-Token`. Ignored for IAM-token credentials.
    pub fn with_security_token(mut self, t: impl Into<String>) -> Self {
        self.security_token = Some(Secret(t.into()));
        self
    }

    /// The project id: sent as `X-Project-Id` and used for a `{project_id}` path parameter the
    /// call did not set.
    pub fn with_project_id(mut self, p: impl Into<String>) -> Self {
        self.project_id = Some(p.into());
        self
    }

    /// The account (domain) id: used for a `{domain_id}` path parameter the call did not set, and
    /// sent as `X-Domain-Id` when no project id is set (global services).
    pub fn with_domain_id(mut self, d: impl Into<String>) -> Self {
        self.domain_id = Some(d.into());
        self
    }

    /// AK/SK credentials from the official environment variables: [`ENV_AK`] and [`ENV_SK`]
    /// (required), [`ENV_PROJECT_ID`], [`ENV_DOMAIN_ID`] and [`ENV_SECURITY_TOKEN`] (optional).
    ///
    /// A missing or empty required variable is an [`Error::Credentials`] naming it.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables through `lookup` (for tests and for
    /// configuration sources other than the process environment). Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let ak = get(ENV_AK);
        let sk = get(ENV_SK);
        let (ak, sk) = match (ak, sk) {
            (Some(ak), Some(sk)) => (ak, sk),
            (ak, sk) => {
                let missing: Vec<&str> = [(ak.is_none(), ENV_AK), (sk.is_none(), ENV_SK)]
                    .iter()
                    .filter(|(m, _)| *m)
                    .map(|(_, n)| *n)
                    .collect();
                let (noun, verb) = if missing.len() == 1 { ("variable", "is") } else { ("variables", "are") };
                return Err(Error::Credentials(format!(
                    "environment {noun} {} {verb} not set (AK/SK credentials need {ENV_AK} and {ENV_SK})",
                    missing.join(" and ")
                )));
            }
        };
        let mut creds = Credentials::ak_sk(ak.trim(), sk.trim());
        if let Some(p) = get(ENV_PROJECT_ID) {
            creds = creds.with_project_id(p.trim());
        }
        if let Some(d) = get(ENV_DOMAIN_ID) {
            creds = creds.with_domain_id(d.trim());
        }
        if let Some(t) = get(ENV_SECURITY_TOKEN) {
            creds = creds.with_security_token(t.trim());
        }
        Ok(creds)
    }

    /// The project id, if set.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The domain id, if set.
    pub fn domain_id(&self) -> Option<&str> {
        self.domain_id.as_deref()
    }

    /// The access key id, for AK/SK credentials.
    pub fn access_key(&self) -> Option<&str> {
        match &self.auth {
            Auth::AkSk { ak, .. } => Some(ak),
            Auth::Token(_) => None,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Credentials");
        match &self.auth {
            Auth::AkSk { ak, .. } => {
                d.field("kind", &"ak_sk").field("ak", &mask(ak)).field("sk", &"<redacted>");
                if self.security_token.is_some() {
                    d.field("security_token", &"<redacted>");
                }
            }
            Auth::Token(_) => {
                d.field("kind", &"iam_token").field("token", &"<redacted>");
            }
        }
        d.field("project_id", &self.project_id).field("domain_id", &self.domain_id).finish()
    }
}

/// First four characters of an identifier, then `***`.
fn mask(s: &str) -> String {
    let head: String = s.chars().take(4).collect();
    format!("{head}***")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts() {
        let c = Credentials::ak_sk("AKEXAMPLE123", "TOPSECRETSK").with_security_token("TOPSECRETTOKEN");
        let s = format!("{c:?}");
        assert!(!s.contains("TOPSECRET"), "{s}");
        assert!(!s.contains("AKEXAMPLE123"), "{s}");
        let t = format!("{:?}", Credentials::token("TOPSECRETIAM"));
        assert!(!t.contains("TOPSECRET"), "{t}");
    }
}
