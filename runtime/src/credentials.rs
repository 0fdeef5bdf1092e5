//! Credentials: AK/SK (optionally temporary, with a security token) or an IAM token, plus the
//! project and domain ids. Secrets never appear in `Debug` output.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::service::Scope;
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

/// Environment variable naming the credentials file (official; default
/// `~/.huaweicloud/credentials`).
pub const ENV_CREDENTIALS_FILE: &str = "HUAWEICLOUD_SDK_CREDENTIALS_FILE";
/// Environment variable overriding the IAM endpoint used for project and domain id look-ups
/// (official).
pub const ENV_IAM_ENDPOINT: &str = "HUAWEICLOUD_SDK_IAM_ENDPOINT";

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
    pub(crate) iam_endpoint: Option<String>,
    pub(crate) expires_at: Option<SystemTime>,
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
            iam_endpoint: None,
            expires_at: None,
        }
    }

    /// An IAM token, sent as `X-Auth-Token`; requests are not signed.
    pub fn token(token: impl Into<String>) -> Self {
        Credentials {
            auth: Auth::Token(Secret(token.into())),
            security_token: None,
            project_id: None,
            domain_id: None,
            iam_endpoint: None,
            expires_at: None,
        }
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

    /// The IAM endpoint for project and domain id look-ups (as `iam_endpoint` of the official
    /// credentials file); it wins over `HUAWEICLOUD_SDK_IAM_ENDPOINT` and the cloud's default.
    pub fn with_iam_endpoint(mut self, url: impl Into<String>) -> Self {
        self.iam_endpoint = Some(url.into());
        self
    }

    /// AK/SK credentials from a credentials file in the official format (INI): the `[basic]`
    /// section for project-scoped services, `[global]` for global ones, with `ak`, `sk`
    /// (required), `project_id` / `domain_id`, `security_token` and `iam_endpoint`.
    ///
    /// Fails with [`Error::Credentials`] naming the file when it cannot be read, is malformed, has
    /// no such section or the section lacks `ak` or `sk`; the message never contains a value.
    pub fn from_profile_file(path: impl AsRef<Path>, scope: Scope) -> Result<Self, Error> {
        let path = path.as_ref();
        let profile = ProfileFile::read(path)?;
        match profile.credentials(scope) {
            Ok(c) => Ok(c),
            Err(why) => Err(Error::Credentials(format!("credentials file {}: {why}", path.display()))),
        }
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

    /// When temporary credentials stop being valid: the client asks its provider again for an
    /// attempt after this time instead of signing with them.
    pub fn with_expiry(mut self, at: SystemTime) -> Self {
        self.expires_at = Some(at);
        self
    }

    /// The expiry set with [`with_expiry`](Self::with_expiry).
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }

    /// The project id, if set.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The domain id, if set.
    pub fn domain_id(&self) -> Option<&str> {
        self.domain_id.as_deref()
    }

    /// The IAM endpoint set with [`with_iam_endpoint`](Self::with_iam_endpoint) or read from a
    /// credentials file.
    pub fn iam_endpoint(&self) -> Option<&str> {
        self.iam_endpoint.as_deref()
    }

    /// Whether these are temporary AK/SK credentials (with a security token).
    pub fn is_temporary(&self) -> bool {
        self.security_token.is_some()
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

/// The default credentials file: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
/// `~/.huaweicloud/credentials`, and whether the path was set explicitly.
pub(crate) fn credentials_file_path(env: &crate::env::Env) -> Option<(PathBuf, bool)> {
    match env(ENV_CREDENTIALS_FILE).filter(|p| !p.trim().is_empty()) {
        Some(p) => Some((PathBuf::from(p.trim()), true)),
        None => crate::env::home_dir(env).map(|h| (h.join(".huaweicloud").join("credentials"), false)),
    }
}

/// A parsed credentials file: lower-cased section name to lower-cased key to value. `Debug` shows
/// only the path and the section names.
#[derive(Clone)]
pub(crate) struct ProfileFile {
    pub(crate) path: PathBuf,
    sections: BTreeMap<String, BTreeMap<String, String>>,
}

impl fmt::Debug for ProfileFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileFile").field("path", &self.path).field("sections", &self.sections.keys()).finish()
    }
}

impl ProfileFile {
    pub(crate) fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Credentials(format!("cannot read the credentials file {}: {e}", path.display())))?;
        Self::parse(path, &text)
            .map_err(|why| Error::Credentials(format!("credentials file {}: {why}", path.display())))
    }

    /// INI as Python's `configparser` reads it: `[section]`, `key = value` or `key: value`, `#`
    /// and `;` comment lines, names case-insensitive, values trimmed.
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Self, String> {
        let mut sections: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let name = name.trim().to_ascii_lowercase();
                sections.entry(name.clone()).or_default();
                current = Some(name);
                continue;
            }
            let Some(pos) = line.find(['=', ':']) else {
                return Err(format!("line {} is neither `[section]` nor `key = value`", i + 1));
            };
            let (key, value) = (line.get(..pos).unwrap_or_default(), line.get(pos + 1..).unwrap_or_default());
            let Some(section) = &current else {
                return Err(format!("line {} is outside of a section ([basic] or [global])", i + 1));
            };
            sections
                .entry(section.clone())
                .or_default()
                .insert(key.trim().to_ascii_lowercase(), value.trim().to_owned());
        }
        Ok(ProfileFile { path: path.to_owned(), sections })
    }

    pub(crate) fn section_name(scope: Scope) -> &'static str {
        match scope {
            Scope::Project => "basic",
            Scope::Global => "global",
        }
    }

    /// The credentials of the section for `scope`; the error says what is missing (no values).
    pub(crate) fn credentials(&self, scope: Scope) -> Result<Credentials, String> {
        let name = Self::section_name(scope);
        let section = self.sections.get(name).ok_or_else(|| format!("no [{name}] section"))?;
        let get = |k: &str| section.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        let (Some(ak), Some(sk)) = (get("ak"), get("sk")) else {
            return Err(format!("the [{name}] section needs `ak` and `sk`"));
        };
        let mut c = Credentials::ak_sk(ak, sk);
        if let Some(t) = get("security_token") {
            c = c.with_security_token(t);
        }
        if let Some(p) = get("project_id") {
            c = c.with_project_id(p);
        }
        if let Some(d) = get("domain_id") {
            c = c.with_domain_id(d);
        }
        if let Some(e) = get("iam_endpoint") {
            c = c.with_iam_endpoint(e);
        }
        Ok(c)
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
    fn profile_file_sections() {
        let text = "# comment\n[basic]\nak = AKBASIC\nsk=SKBASIC\nproject_id: p-1\n; other\n[Global]\nAK = AKGLOBAL\nsk = SKGLOBAL\ndomain_id = d-1\niam_endpoint = https://iam.example\nsecurity_token = TOK\n";
        let p = ProfileFile::parse(Path::new("creds"), text).unwrap_or_else(|e| panic!("{e}"));
        let b = p.credentials(Scope::Project).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((b.access_key(), b.project_id(), b.domain_id()), (Some("AKBASIC"), Some("p-1"), None));
        let g = p.credentials(Scope::Global).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (g.access_key(), g.domain_id(), g.iam_endpoint()),
            (Some("AKGLOBAL"), Some("d-1"), Some("https://iam.example"))
        );
        assert!(g.is_temporary());
        assert!(!format!("{p:?}").contains("SK"), "{p:?}");

        let p = ProfileFile::parse(Path::new("c"), "[basic]\nak = x\n").unwrap_or_else(|e| panic!("{e}"));
        assert!(p.credentials(Scope::Project).err().unwrap_or_default().contains("`ak` and `sk`"));
        assert!(p.credentials(Scope::Global).err().unwrap_or_default().contains("no [global] section"));
        assert!(ProfileFile::parse(Path::new("c"), "ak = x\n")
            .err()
            .unwrap_or_default()
            .contains("outside of a section"));
        assert!(ProfileFile::parse(Path::new("c"), "[basic]\nnonsense\n").is_err());
    }

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
