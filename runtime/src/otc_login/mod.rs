//! Open Telekom Cloud login, as the OpenStack and OTC tools do it: `clouds.yaml` (merged with
//! `secure.yaml`) selected by `OS_CLOUD`, and the `OS_*` environment variables.
//!
//! * **Where**: [`Config::from_env`](crate::Config::from_env) looks here after the Huawei Cloud
//!   sources (the `HUAWEICLOUD_SDK_*` variables and the credentials file) and before the instance
//!   metadata service; [`Config::otc`] takes an [`OtcLogin`] built in code or read with
//!   [`OtcLogin::from_env`].
//! * **How**: a password or an existing token is exchanged for an IAM token
//!   (`POST {auth_url}/auth/tokens`, the token in `X-Subject-Token`), optionally assumed into an
//!   agency (`assume_role`); requests then carry `X-Auth-Token` instead of an AK/SK signature.
//!   AK/SK (`OS_ACCESS_KEY` / `OS_SECRET_KEY`, `ak` / `sk`) sign requests as usual.
//! * **Token life**: the client's [`ProvideCredentials`](crate::ProvideCredentials) (one IAM
//!   request however many calls wait, through the client's transport): cached, fetched again
//!   ahead of expiry (the margin of
//!   [`Config::with_credential_refresh_ahead`](crate::Config::with_credential_refresh_ahead)),
//!   and dropped by [`invalidate`](crate::ProvideCredentials::invalidate) when a service answers
//!   401, which the client does once per call before trying again; a second 401 is returned to
//!   the caller.
//! * **Endpoint**: when no other source gives one, the public endpoint of the service in the
//!   region from the token's catalog (scheme, host and port only: operations carry full paths).

mod catalog;
mod clouds_yaml;
mod identity;
mod login;
mod os_env;
mod session;
mod settings;
mod token;

pub use clouds_yaml::{ENV_CLIENT_CONFIG_FILE, ENV_CLIENT_SECURE_FILE, ENV_CLOUD};
pub use login::OtcLogin;

pub(crate) use login::discover;
pub(crate) use session::OtcSession;
