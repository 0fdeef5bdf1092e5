//! The `OS_*` environment variables of the OpenStack and Open Telekom Cloud tools, as login
//! settings.

use super::settings::Settings;
use crate::env::Env;

/// Variable and settings key; for a key named twice the first variable set wins.
const VARIABLES: &[(&str, &str)] = &[
    ("OS_AUTH_URL", "auth_url"),
    ("OS_USERNAME", "username"),
    ("OS_USER_ID", "user_id"),
    ("OS_PASSWORD", "password"),
    ("OS_USER_DOMAIN_NAME", "user_domain_name"),
    ("OS_USER_DOMAIN_ID", "user_domain_id"),
    ("OS_DOMAIN_NAME", "domain_name"),
    ("OS_DOMAIN_ID", "domain_id"),
    ("OS_PROJECT_NAME", "project_name"),
    ("OS_TENANT_NAME", "project_name"),
    ("OS_PROJECT_ID", "project_id"),
    ("OS_TENANT_ID", "project_id"),
    ("OS_PROJECT_DOMAIN_NAME", "project_domain_name"),
    ("OS_PROJECT_DOMAIN_ID", "project_domain_id"),
    ("OS_TOKEN", "token"),
    ("OS_AUTH_TOKEN", "token"),
    ("OS_ACCESS_KEY", "ak"),
    ("OS_SECRET_KEY", "sk"),
    ("OS_SECURITY_TOKEN", "security_token"),
    ("OS_REGION_NAME", "region_name"),
    ("OS_AGENCY_NAME", "agency_name"),
    ("OS_AGENCY_DOMAIN_NAME", "agency_domain_name"),
    ("OS_AGENCY_DOMAIN_ID", "agency_domain_id"),
    ("OS_TARGET_PROJECT_NAME", "target_project_name"),
    ("OS_TARGET_PROJECT_ID", "target_project_id"),
];

/// The settings the `OS_*` variables give.
pub(crate) fn settings(env: &Env) -> Settings {
    let mut s = Settings::default();
    for (var, key) in VARIABLES {
        if s.get(key).is_none() {
            if let Some(value) = env(var) {
                s.set(key, &value);
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_spelling_wins() {
        let env: Env = std::sync::Arc::new(|n: &str| match n {
            "OS_TOKEN" => Some("t1".to_owned()),
            "OS_AUTH_TOKEN" => Some("t2".to_owned()),
            "OS_TENANT_NAME" => Some("legacy".to_owned()),
            "OS_PROJECT_NAME" => Some("  ".to_owned()),
            _ => None,
        });
        let s = settings(&env);
        assert_eq!((s.get("token"), s.get("project_name")), (Some("t1"), Some("legacy")));
    }
}
