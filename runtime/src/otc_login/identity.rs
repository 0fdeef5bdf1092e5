//! Who logs in and to what: the parts of an [`OtcLogin`](super::OtcLogin) that the settings
//! readers, the login and the token request share. Secrets are never shown by `Debug`.

use std::fmt;

/// A string `Debug` never shows.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Hidden(pub(crate) String);

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

/// An IAM object named by id or by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ref {
    Id(String),
    Name(String),
}

/// The user of a password login: by id, or by name within a domain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum User {
    Id(String),
    Name { name: String, domain: Ref },
}

/// How the login proves who it is.
#[derive(Clone, Debug)]
pub(crate) enum Method {
    Password { user: User, password: Hidden },
    Token(Hidden),
    AkSk { ak: String, sk: Hidden, security_token: Option<Hidden> },
}

/// What a token is scoped to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum TokenScope {
    /// A project, by id, or by name (with its domain when known).
    Project { project: Ref, domain: Option<Ref> },
    /// A domain (account): for global services such as IAM.
    Domain(Ref),
    /// Nothing configured: the project named after the region when there is one, else unscoped.
    Default,
}

/// An agency to assume (`assume_role`): its name, the domain (account) that created it, and
/// the scope of the agency token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Agency {
    pub(crate) name: String,
    pub(crate) domain: Ref,
    pub(crate) target: TokenScope,
}
