//! Login settings as flat `key -> value` pairs, with the `clouds.yaml` `auth` key names
//! (`auth_url`, `username`, `password`, `project_name`, ...) plus `region_name`, whether they
//! came from a file or from `OS_*` variables.

use std::collections::BTreeMap;

use super::identity::{Agency, Ref, TokenScope, User};

/// Settings of one cloud. Empty values count as unset.
#[derive(Clone, Default)]
pub(crate) struct Settings(BTreeMap<String, String>);

/// Keys that alone make a login (the others only refine one).
const LOGIN_KEYS: &[&str] = &["auth_url", "username", "user_id", "password", "token", "ak", "sk"];

impl Settings {
    pub(crate) fn set(&mut self, key: &str, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.0.insert(key.to_owned(), value.to_owned());
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    fn id_or_name(&self, id: &str, name: &str) -> Option<Ref> {
        match (self.get(id), self.get(name)) {
            (Some(i), _) => Some(Ref::Id(i.to_owned())),
            (None, Some(n)) => Some(Ref::Name(n.to_owned())),
            (None, None) => None,
        }
    }

    /// Whether these settings say who logs in (not just where or in which region).
    pub(crate) fn has_login(&self) -> bool {
        LOGIN_KEYS.iter().any(|k| self.get(k).is_some())
    }

    /// `self` with the values of `over` replacing its own.
    pub(crate) fn overlaid(&self, over: &Settings) -> Settings {
        let mut merged = self.clone();
        merged.0.extend(over.0.iter().map(|(k, v)| (k.clone(), v.clone())));
        merged
    }

    /// The user of a password login: `user_id`, or `username` in `user_domain_id` /
    /// `user_domain_name` (else `domain_id` / `domain_name`, as the OpenStack tools read them).
    pub(crate) fn user(&self) -> Result<User, String> {
        if let Some(id) = self.get("user_id") {
            return Ok(User::Id(id.to_owned()));
        }
        let name = self.get("username").ok_or("a password login needs a user name (OS_USERNAME, `username`)")?;
        let domain = self
            .id_or_name("user_domain_id", "user_domain_name")
            .or_else(|| self.id_or_name("domain_id", "domain_name"))
            .ok_or("a user name needs its domain (OS_USER_DOMAIN_NAME, `user_domain_name`)")?;
        Ok(User::Name { name: name.to_owned(), domain })
    }

    /// The token scope: `project_id`, `project_name` (in `project_domain_*`, else `domain_*`,
    /// else the user's domain), then a domain scope of `domain_id` / `domain_name`.
    pub(crate) fn scope(&self, user_domain: Option<Ref>) -> TokenScope {
        if let Some(id) = self.get("project_id") {
            return TokenScope::Project { project: Ref::Id(id.to_owned()), domain: None };
        }
        if let Some(name) = self.get("project_name") {
            let domain = self
                .id_or_name("project_domain_id", "project_domain_name")
                .or_else(|| self.id_or_name("domain_id", "domain_name"))
                .or(user_domain);
            return TokenScope::Project { project: Ref::Name(name.to_owned()), domain };
        }
        match self.id_or_name("domain_id", "domain_name") {
            Some(domain) => TokenScope::Domain(domain),
            None => TokenScope::Default,
        }
    }

    /// The agency: `agency_name` created by `agency_domain_id` / `agency_domain_name`, scoped to
    /// `target_project_id` / `target_project_name` when given.
    pub(crate) fn agency(&self) -> Option<Agency> {
        let name = self.get("agency_name")?;
        let domain = self.id_or_name("agency_domain_id", "agency_domain_name")?;
        let target = if let Some(id) = self.get("target_project_id") {
            TokenScope::Project { project: Ref::Id(id.to_owned()), domain: None }
        } else if let Some(name) = self.get("target_project_name") {
            TokenScope::Project { project: Ref::Name(name.to_owned()), domain: Some(domain.clone()) }
        } else {
            TokenScope::Default
        };
        Some(Agency { name: name.to_owned(), domain, target })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Settings from `(key, value)` pairs (also for the login's tests).
    pub(crate) fn settings(pairs: &[(&str, &str)]) -> Settings {
        let mut s = Settings::default();
        for (k, v) in pairs {
            s.set(k, v);
        }
        s
    }

    #[test]
    fn user_and_scope() {
        let s = settings(&[("username", "u"), ("user_domain_name", "OTC01"), ("project_name", "eu-de_x")]);
        assert_eq!(s.user(), Ok(User::Name { name: "u".into(), domain: Ref::Name("OTC01".into()) }));
        let scope = s.scope(Some(Ref::Name("OTC01".into())));
        assert_eq!(
            scope,
            TokenScope::Project { project: Ref::Name("eu-de_x".into()), domain: Some(Ref::Name("OTC01".into())) }
        );
        assert!(settings(&[("username", "u")]).user().is_err_and(|e| e.contains("OS_USER_DOMAIN_NAME")));
        let d = settings(&[("domain_name", "D")]);
        assert_eq!(d.scope(None), TokenScope::Domain(Ref::Name("D".into())));
        assert_eq!(
            settings(&[("project_id", "p"), ("project_name", "n")]).scope(None).clone(),
            TokenScope::Project { project: Ref::Id("p".into()), domain: None }
        );
        assert!(!settings(&[("region_name", "eu-de")]).has_login());
        assert!(settings(&[("sk", "x"), ("", " ")]).has_login());
    }

    #[test]
    fn agency_and_overlay() {
        let s = settings(&[("agency_name", "ag"), ("agency_domain_name", "OTC02"), ("target_project_name", "eu-nl")]);
        let a = s.agency().unwrap_or_else(|| panic!("agency"));
        assert_eq!(a.name, "ag");
        assert_eq!(
            a.target,
            TokenScope::Project { project: Ref::Name("eu-nl".into()), domain: Some(Ref::Name("OTC02".into())) }
        );
        assert!(settings(&[("agency_name", "ag")]).agency().is_none());
        let merged = settings(&[("username", "file"), ("password", "p")]).overlaid(&settings(&[("username", "env")]));
        assert_eq!((merged.get("username"), merged.get("password")), (Some("env"), Some("p")));
    }
}
