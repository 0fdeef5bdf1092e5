//! Project and domain ids through IAM, as the official SDKs look them up when the credentials
//! have none: `GET /v3/projects?name={region}` for regional services and `GET /v3/auth/domains`
//! for global ones, signed with the caller's keys. Results are cached per process by access key,
//! region and IAM endpoint; concurrent first calls share one look-up.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use tokio::sync::OnceCell;

use crate::Error;

/// Path listing the projects (Keystone).
pub const PROJECTS_PATH: &str = "/v3/projects";
/// Path listing the caller's domains (Keystone).
pub const DOMAINS_PATH: &str = "/v3/auth/domains";

type Cells = Mutex<HashMap<String, Arc<OnceCell<String>>>>;

fn cells() -> &'static Cells {
    static CELLS: OnceLock<Cells> = OnceLock::new();
    CELLS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The cached value for `key`, computed by `lookup` once however many callers ask at the same
/// time; a failed look-up is not cached.
pub(crate) async fn cached<F>(key: String, lookup: F) -> Result<String, Error>
where
    F: std::future::Future<Output = Result<String, Error>>,
{
    let cell = {
        let mut map = cells().lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key).or_default().clone()
    };
    cell.get_or_try_init(|| lookup).await.cloned()
}

/// The project id of `region` from a `GET /v3/projects?name=` answer.
pub(crate) fn project_id_from(body: &[u8], region: &str, iam: &str) -> Result<String, Error> {
    let doc: serde_json::Value = serde_json::from_slice(body).map_err(|_| {
        Error::Credentials(format!("IAM {iam}{PROJECTS_PATH}?name={region} did not answer with a project list"))
    })?;
    let projects = doc.get("projects").and_then(|p| p.as_array()).cloned().unwrap_or_default();
    let ids: Vec<&str> = projects.iter().filter_map(|p| p.get("id").and_then(|i| i.as_str())).collect();
    let exact: Vec<&str> = projects
        .iter()
        .filter(|p| p.get("name").and_then(|n| n.as_str()) == Some(region))
        .filter_map(|p| p.get("id").and_then(|i| i.as_str()))
        .collect();
    match (ids.as_slice(), exact.as_slice()) {
        ([one], _) | (_, [one]) => Ok((*one).to_owned()),
        ([], _) => Err(Error::Credentials(format!(
            "region `{region}` has no project for these credentials (IAM {iam} returned none): check the region, or set HUAWEICLOUD_SDK_PROJECT_ID / Credentials::with_project_id"
        ))),
        _ => Err(Error::Credentials(format!(
            "IAM {iam} returned {} projects for region `{region}`: set the project id with HUAWEICLOUD_SDK_PROJECT_ID or Credentials::with_project_id",
            ids.len()
        ))),
    }
}

/// The domain id from a `GET /v3/auth/domains` answer.
pub(crate) fn domain_id_from(body: &[u8], iam: &str) -> Result<String, Error> {
    let doc: serde_json::Value = serde_json::from_slice(body)
        .map_err(|_| Error::Credentials(format!("IAM {iam}{DOMAINS_PATH} did not answer with a domain list")))?;
    let domains = doc.get("domains").and_then(|p| p.as_array()).cloned().unwrap_or_default();
    match domains.as_slice() {
        [one] => one.get("id").and_then(|i| i.as_str()).map(str::to_owned).ok_or_else(|| {
            Error::Credentials(format!("IAM {iam}{DOMAINS_PATH} returned a domain without id"))
        }),
        _ => Err(Error::Credentials(format!(
            "IAM {iam}{DOMAINS_PATH} returned {} domains: set the domain id with HUAWEICLOUD_SDK_DOMAIN_ID or Credentials::with_domain_id",
            domains.len()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        let one = br#"{"projects":[{"id":"p1","name":"eu-de"}],"links":{}}"#;
        assert_eq!(project_id_from(one, "eu-de", "iam").ok().as_deref(), Some("p1"));
        let sub = br#"{"projects":[{"id":"p1","name":"eu-de"},{"id":"p2","name":"eu-de_sub"}]}"#;
        assert_eq!(project_id_from(sub, "eu-de", "iam").ok().as_deref(), Some("p1"));
        let none = br#"{"projects":[]}"#;
        assert!(project_id_from(none, "xx-1", "iam").is_err_and(|e| e.to_string().contains("`xx-1` has no project")));
        assert_eq!(domain_id_from(br#"{"domains":[{"id":"d1","name":"acct"}]}"#, "iam").ok().as_deref(), Some("d1"));
        assert!(domain_id_from(br#"{"domains":[]}"#, "iam").is_err());
    }
}
