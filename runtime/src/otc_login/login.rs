//! [`OtcLogin`]: who logs in (password, token or AK/SK), to which scope, through which agency.
//! Secrets are never shown by `Debug`.

use super::clouds_yaml::{self, ENV_CLOUD};
use super::identity::{Agency, Hidden, Method, Ref, TokenScope, User};
use super::os_env;
use super::settings::Settings;
use crate::endpoint::Endpoint;
use crate::env::Env;
use crate::service::Cloud;
use crate::Error;

/// An Open Telekom Cloud login: IAM endpoint, credentials, scope, optional agency and region.
///
/// Built in code, or read from `clouds.yaml` / `secure.yaml` and the `OS_*` variables with
/// [`from_env`](Self::from_env). `Debug` never shows a password, token or secret key.
///
/// ```
/// use hwcloud_runtime::{Config, OtcLogin};
/// let login = OtcLogin::password("OTC00000000001000000xxx", "alice", "s3cret")
///     .with_project_name("eu-de_demo")
///     .with_region("eu-de");
/// assert_eq!(login.auth_url(), "https://iam.eu-de.otc.t-systems.com/v3");
/// let config = Config::otc(login);
/// assert_eq!(config.region(), Some("eu-de"));
/// ```
#[derive(Clone, Debug)]
pub struct OtcLogin {
    pub(crate) auth_url: Option<String>,
    pub(crate) method: Method,
    pub(crate) scope: TokenScope,
    pub(crate) agency: Option<Agency>,
    pub(crate) region: Option<String>,
    pub(crate) origin: String,
}

impl OtcLogin {
    fn with_method(method: Method) -> Self {
        OtcLogin {
            auth_url: None,
            method,
            scope: TokenScope::Default,
            agency: None,
            region: None,
            origin: "code".to_owned(),
        }
    }

    /// Password login of the IAM user `user_name` of the account (domain) `user_domain_name`
    /// (`OTC00000000001000000xxx` on Open Telekom Cloud).
    pub fn password(
        user_domain_name: impl Into<String>,
        user_name: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        let user = User::Name { name: user_name.into(), domain: Ref::Name(user_domain_name.into()) };
        Self::with_method(Method::Password { user, password: Hidden(password.into()) })
    }

    /// Login with an existing IAM token, exchanged for one with the configured scope (and a
    /// catalog) as the OpenStack tools do.
    pub fn token(token: impl Into<String>) -> Self {
        Self::with_method(Method::Token(Hidden(token.into())))
    }

    /// AK/SK: requests are signed, no token is obtained (so no catalog endpoint either).
    pub fn ak_sk(ak: impl Into<String>, sk: impl Into<String>) -> Self {
        Self::with_method(Method::AkSk { ak: ak.into(), sk: Hidden(sk.into()), security_token: None })
    }

    /// The IAM endpoint with its version, e.g. `https://iam.eu-de.otc.t-systems.com/v3` (the
    /// default is the Open Telekom Cloud IAM of the region, `eu-de` without one).
    pub fn with_auth_url(mut self, url: impl Into<String>) -> Self {
        self.auth_url = Some(url.into());
        self
    }

    /// Scopes the token to the project of this name (e.g. `eu-de` or `eu-de_myproject`).
    pub fn with_project_name(mut self, name: impl Into<String>) -> Self {
        self.scope = TokenScope::Project { project: Ref::Name(name.into()), domain: self.user_domain() };
        self
    }

    /// Scopes the token to the project of this id.
    pub fn with_project_id(mut self, id: impl Into<String>) -> Self {
        self.scope = TokenScope::Project { project: Ref::Id(id.into()), domain: None };
        self
    }

    /// Scopes the token to the domain (account) of this name, for global services such as IAM.
    pub fn with_domain_name(mut self, name: impl Into<String>) -> Self {
        self.scope = TokenScope::Domain(Ref::Name(name.into()));
        self
    }

    /// Assumes the agency `agency_name` created by the account `agency_domain_name`; the agency
    /// token is scoped to the project named after the region unless
    /// [`with_agency_project_name`](Self::with_agency_project_name) or
    /// [`with_agency_project_id`](Self::with_agency_project_id) say otherwise (to the domain
    /// without a region).
    pub fn with_agency(mut self, agency_domain_name: impl Into<String>, agency_name: impl Into<String>) -> Self {
        self.agency = Some(Agency {
            name: agency_name.into(),
            domain: Ref::Name(agency_domain_name.into()),
            target: TokenScope::Default,
        });
        self
    }

    /// The project (by name) of the agency token (`OS_TARGET_PROJECT_NAME`); after
    /// [`with_agency`](Self::with_agency).
    pub fn with_agency_project_name(mut self, name: impl Into<String>) -> Self {
        if let Some(a) = &mut self.agency {
            a.target = TokenScope::Project { project: Ref::Name(name.into()), domain: Some(a.domain.clone()) };
        }
        self
    }

    /// The project (by id) of the agency token (`OS_TARGET_PROJECT_ID`); after
    /// [`with_agency`](Self::with_agency).
    pub fn with_agency_project_id(mut self, id: impl Into<String>) -> Self {
        if let Some(a) = &mut self.agency {
            a.target = TokenScope::Project { project: Ref::Id(id.into()), domain: None };
        }
        self
    }

    /// The region (`OS_REGION_NAME`, `region_name`), e.g. `eu-de`.
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The login of `clouds.yaml` / `secure.yaml` and the `OS_*` variables of the process
    /// environment: the cloud named by `OS_CLOUD` (or the file's only cloud), with the `OS_*`
    /// variables over its values (as the `openstack` command line does).
    ///
    /// Fails with [`Error::Credentials`] when there is no login to find or it is incomplete.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), reading variables (`HOME`, `XDG_CONFIG_HOME` and the
    /// `OS_*` ones) through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String> + Send + Sync + 'static) -> Result<Self, Error> {
        let env: Env = std::sync::Arc::new(lookup);
        discover(&env)?.ok_or_else(|| {
            Error::Credentials(format!(
                "no Open Telekom Cloud login: {ENV_CLOUD} is not set, no OS_AUTH_URL / OS_USERNAME / OS_TOKEN / OS_ACCESS_KEY variable is set, and {}",
                clouds_yaml::not_found_note(&env)
            ))
        })
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The IAM endpoint (with its version) tokens are requested from.
    pub fn auth_url(&self) -> String {
        match &self.auth_url {
            Some(url) => url.trim().trim_end_matches('/').to_owned(),
            None => {
                format!("{}/v3", Cloud::OpenTelekomCloud.iam_endpoint(Some(self.region.as_deref().unwrap_or("eu-de"))))
            }
        }
    }

    /// `password`, `token` or `ak_sk`.
    pub fn kind(&self) -> &'static str {
        match self.method {
            Method::Password { .. } => "password",
            Method::Token(_) => "token",
            Method::AkSk { .. } => "ak_sk",
        }
    }

    /// Where the login was read from: `code`, `OS_* environment variables` or the cloud and
    /// file of `clouds.yaml`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The user's domain, as the default domain of a project named without one.
    fn user_domain(&self) -> Option<Ref> {
        match &self.method {
            Method::Password { user: User::Name { domain, .. }, .. } => Some(domain.clone()),
            _ => None,
        }
    }

    /// `POST` target of token requests: `{auth_url}/auth/tokens`, with `/v3` added to a bare host.
    pub(crate) fn token_url(&self) -> Result<String, Error> {
        let base = self.auth_url();
        let url = reqwest::Url::parse(&base)
            .map_err(|e| Error::Config(format!("auth_url `{base}` is not a valid URL: {e}")))?;
        // User information would be sent as basic authentication, a query would be dropped.
        if !url.username().is_empty() || url.password().is_some() || url.query().is_some() || url.fragment().is_some() {
            return Err(Error::Config(
                "auth_url must be scheme://host[:port]/path, without user information or query".to_owned(),
            ));
        }
        let versioned = if url.path().trim_matches('/').is_empty() { format!("{base}/v3") } else { base };
        Ok(format!("{versioned}/auth/tokens"))
    }

    /// The IAM endpoint (scheme, host and port of `auth_url`), checked like service endpoints:
    /// `https`, or plain `http` to loopback only.
    pub(crate) fn iam_endpoint(&self) -> Result<Endpoint, Error> {
        let base = self.auth_url();
        let url = reqwest::Url::parse(&base)
            .map_err(|e| Error::Config(format!("auth_url `{base}` is not a valid URL: {e}")))?;
        let origin = url.origin().ascii_serialization();
        Endpoint::parse(&origin).map_err(|e| Error::Config(format!("auth_url: {e}")))
    }

    /// The scope of the (first) token: as configured, else the project named after the region,
    /// else none. A user who assumes an agency gets a token of their own domain by default.
    pub(crate) fn token_scope(&self) -> TokenScope {
        match (&self.scope, &self.agency, &self.region) {
            (TokenScope::Default, Some(_), _) => self.user_domain().map_or(TokenScope::Default, TokenScope::Domain),
            (TokenScope::Default, None, Some(region)) => {
                TokenScope::Project { project: Ref::Name(region.clone()), domain: self.user_domain() }
            }
            (scope, _, _) => scope.clone(),
        }
    }

    /// The scope of the agency token: as configured, else the region's project, else the
    /// agency's domain.
    pub(crate) fn agency_scope(&self, agency: &Agency) -> TokenScope {
        match (&agency.target, &self.region) {
            (TokenScope::Default, Some(region)) => {
                TokenScope::Project { project: Ref::Name(region.clone()), domain: Some(agency.domain.clone()) }
            }
            (TokenScope::Default, None) => TokenScope::Domain(agency.domain.clone()),
            (scope, _) => scope.clone(),
        }
    }

    /// Reads a login from merged settings (`clouds.yaml` values under the `OS_*` variables).
    pub(crate) fn from_settings(s: &Settings, origin: String) -> Result<Self, Error> {
        let bad = |why: String| Error::Credentials(format!("Open Telekom Cloud login ({origin}): {why}"));
        let method = if let Some(token) = s.get("token") {
            Method::Token(Hidden(token.to_owned()))
        } else if let Some(password) = s.get("password") {
            Method::Password { user: s.user().map_err(bad)?, password: Hidden(password.to_owned()) }
        } else if let (Some(ak), Some(sk)) = (s.get("ak"), s.get("sk")) {
            let security_token = s.get("security_token").map(|t| Hidden(t.to_owned()));
            Method::AkSk { ak: ak.to_owned(), sk: Hidden(sk.to_owned()), security_token }
        } else {
            return Err(bad(
                "no password (OS_PASSWORD), token (OS_TOKEN) or AK/SK (OS_ACCESS_KEY and OS_SECRET_KEY)".to_owned()
            ));
        };
        let mut login = Self::with_method(method);
        login.origin = origin;
        login.auth_url = s.get("auth_url").map(str::to_owned);
        login.region = s.get("region_name").map(str::to_owned);
        login.scope = s.scope(login.user_domain());
        login.agency = s.agency();
        if login.agency.is_some() && matches!(login.method, Method::AkSk { .. }) {
            return Err(Error::Credentials(format!(
                "Open Telekom Cloud login ({}): an agency (OS_AGENCY_NAME) needs a password or token login, not AK/SK",
                login.origin
            )));
        }
        Ok(login)
    }
}

/// The login of the `OS_*` variables and `clouds.yaml` / `secure.yaml`, if any:
///
/// * `OS_CLOUD` set: that cloud of the files (an error when there is no file or no such cloud),
///   with the `OS_*` variables over its values;
/// * else, `OS_*` login variables set: those alone;
/// * else, a `clouds.yaml` with exactly one cloud: that one;
/// * else none (a file with several clouds and no `OS_CLOUD` is skipped, with a log line).
pub(crate) fn discover(env: &Env) -> Result<Option<OtcLogin>, Error> {
    let get = |name: &str| env(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let vars = os_env::settings(env);
    let files = clouds_yaml::load(env)?;
    let (base, origin) = match (get(ENV_CLOUD), &files) {
        (Some(name), Some(files)) => (files.cloud(&name)?, files.describe(&name)),
        (Some(name), None) => {
            return Err(Error::Credentials(format!("{ENV_CLOUD}={name} but {}", clouds_yaml::not_found_note(env))))
        }
        (None, _) if vars.has_login() => (Settings::default(), "OS_* environment variables".to_owned()),
        (None, Some(files)) => match files.only_cloud() {
            Some(name) => (files.cloud(&name)?, files.describe(&name)),
            None => {
                tracing::info!(file = %files.path.display(), "clouds.yaml has several clouds and OS_CLOUD is not set; not using it");
                return Ok(None);
            }
        },
        (None, None) => return Ok(None),
    };
    OtcLogin::from_settings(&base.overlaid(&vars), origin).map(Some)
}

#[cfg(test)]
mod tests {
    use super::super::settings::tests::settings;
    use super::*;

    #[test]
    fn urls() {
        let login = OtcLogin::token("t").with_region("eu-ch2");
        assert_eq!(login.auth_url(), "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3");
        assert_eq!(
            login.token_url().ok().as_deref(),
            Some("https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3/auth/tokens")
        );
        let bare = OtcLogin::token("t").with_auth_url("https://iam.example:8443/");
        assert_eq!(bare.token_url().ok().as_deref(), Some("https://iam.example:8443/v3/auth/tokens"));
        assert_eq!(bare.iam_endpoint().map(|e| e.host).ok().as_deref(), Some("iam.example:8443"));
        for bad in ["http://iam.example/v3", "https://u:p@iam.example/v3", "https://iam.example/v3?x=1", "nonsense"] {
            let login = OtcLogin::token("t").with_auth_url(bad);
            assert!(login.token_url().is_err() || login.iam_endpoint().is_err(), "{bad}");
        }
    }

    #[test]
    fn default_scopes() {
        let user = OtcLogin::password("OTC01", "u", "pw").with_region("eu-de");
        let region_project =
            TokenScope::Project { project: Ref::Name("eu-de".into()), domain: Some(Ref::Name("OTC01".into())) };
        assert_eq!(user.token_scope(), region_project);
        let agency = user.clone().with_agency("OTC02", "ag");
        assert_eq!(agency.token_scope(), TokenScope::Domain(Ref::Name("OTC01".into())));
        let a = agency.agency.clone().unwrap_or_else(|| panic!("agency"));
        assert_eq!(
            agency.agency_scope(&a),
            TokenScope::Project { project: Ref::Name("eu-de".into()), domain: Some(Ref::Name("OTC02".into())) }
        );
        let no_region = OtcLogin::password("OTC01", "u", "pw").with_agency("OTC02", "ag");
        let a = no_region.agency.clone().unwrap_or_else(|| panic!("agency"));
        assert_eq!(no_region.agency_scope(&a), TokenScope::Domain(Ref::Name("OTC02".into())));
        assert_eq!(OtcLogin::token("t").token_scope(), TokenScope::Default);
    }

    #[test]
    fn settings_to_login() {
        let login = OtcLogin::from_settings(&settings(&[("token", "t"), ("password", "p")]), "test".into());
        assert_eq!(login.map(|l| l.kind()).ok(), Some("token"));
        let e = OtcLogin::from_settings(&settings(&[("username", "u")]), "test".into()).err();
        assert!(e.is_some_and(|e| e.to_string().contains("no password")));
        let e = OtcLogin::from_settings(&settings(&[("password", "TOPSECRET")]), "test".into()).err();
        assert!(e.is_some_and(|e| e.to_string().contains("user name") && !e.to_string().contains("TOPSECRET")));
        let aksk = settings(&[("ak", "a"), ("sk", "s"), ("agency_name", "ag"), ("agency_domain_name", "D")]);
        assert!(OtcLogin::from_settings(&aksk, "test".into()).is_err_and(|e| e.to_string().contains("agency")));
        let shown = format!("{:?}", OtcLogin::password("D", "u", "TOPSECRET"));
        assert!(!shown.contains("TOPSECRET"), "{shown}");
    }

    #[test]
    fn ak_sk_credentials() {
        let c = OtcLogin::ak_sk("AK", "SK").with_project_id("p1").static_credentials();
        let c = c.ok().flatten().unwrap_or_else(|| panic!("credentials"));
        assert_eq!((c.access_key(), c.project_id()), (Some("AK"), Some("p1")));
        assert_eq!(c.iam_endpoint(), Some("https://iam.eu-de.otc.t-systems.com"));
        let named = OtcLogin::ak_sk("AK", "SK").with_region("eu-de").with_project_name("eu-de_other");
        assert!(named.static_credentials().is_err());
        let own = OtcLogin::ak_sk("AK", "SK").with_region("eu-de").with_project_name("eu-de");
        assert!(own.static_credentials().is_ok_and(|c| c.is_some()));
        assert!(OtcLogin::token("t").static_credentials().is_ok_and(|c| c.is_none()));
    }
}
