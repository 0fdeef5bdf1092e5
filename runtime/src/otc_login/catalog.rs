//! The service catalog of a token: the public endpoint of a service in a region.
//!
//! Catalog URLs may carry a version and project path (`https://ecs.eu-de.otc.t-systems.com/v1/%(tenant_id)s`);
//! only scheme, host and port are kept, since generated operations send full paths.

use serde::Deserialize;

use crate::endpoint::Endpoint;
use crate::Error;

/// One `token.catalog[]` entry.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct CatalogService {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    endpoints: Vec<CatalogEndpoint>,
}

#[derive(Clone, Debug, Deserialize)]
struct CatalogEndpoint {
    #[serde(default)]
    interface: String,
    region: Option<String>,
    region_id: Option<String>,
    url: String,
}

/// The public endpoint of `service` (its catalog `type`, else `name`, compared without case) in
/// `region` (any region when `None`; also endpoints without a region, for global services).
pub(crate) fn find(catalog: &[CatalogService], service: &str, region: Option<&str>) -> Result<Endpoint, Error> {
    let matches = |s: &&CatalogService| s.kind.eq_ignore_ascii_case(service) || s.name.eq_ignore_ascii_case(service);
    let entry = catalog.iter().find(|s| s.kind.eq_ignore_ascii_case(service)).or_else(|| catalog.iter().find(matches));
    let Some(entry) = entry else {
        let kinds: Vec<&str> = catalog.iter().map(|s| s.kind.as_str()).collect();
        return Err(Error::Config(format!(
            "no endpoint for service `{service}`: none configured, and the token's catalog has no such service (types: {})",
            kinds.join(", ")
        )));
    };
    let in_region = |e: &&CatalogEndpoint| match (region, e.region.as_deref(), e.region_id.as_deref()) {
        (None, _, _) | (_, None, None) => true,
        (Some(r), a, b) => a == Some(r) || b == Some(r),
    };
    let url = entry
        .endpoints
        .iter()
        .filter(|e| e.interface.eq_ignore_ascii_case("public"))
        .find(in_region)
        .map(|e| e.url.as_str())
        .ok_or_else(|| {
            Error::Config(format!(
                "the token's catalog has no public endpoint of `{service}` in region `{}`",
                region.unwrap_or("(any)")
            ))
        })?;
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::Config(format!("catalog endpoint `{url}` of `{service}` is not a valid URL: {e}")))?;
    Endpoint::parse(&parsed.origin().ascii_serialization())
        .map_err(|e| Error::Config(format!("catalog endpoint of `{service}`: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Vec<CatalogService> {
        serde_json::from_str(
            r#"[
              {"type":"compute","name":"nova","endpoints":[]},
              {"type":"vpc","name":"vpc","endpoints":[
                {"interface":"internal","region":"eu-de","url":"https://internal.example"},
                {"interface":"public","region":"eu-nl","region_id":"eu-nl","url":"https://vpc.eu-nl.example/v1/%(tenant_id)s"},
                {"interface":"public","region":"eu-de","region_id":"eu-de","url":"https://vpc.eu-de.example:8443/v1/p"}]},
              {"type":"identity","name":"iam","endpoints":[{"interface":"public","url":"https://iam.example/v3"}]}
            ]"#,
        )
        .unwrap_or_default()
    }

    #[test]
    fn public_endpoint_of_the_region() {
        let c = catalog();
        let e = find(&c, "vpc", Some("eu-de")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://vpc.eu-de.example:8443/");
        let e = find(&c, "VPC", Some("eu-nl")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://vpc.eu-nl.example/");
        let e = find(&c, "iam", Some("eu-de")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.url.as_str(), "https://iam.example/");
        assert!(find(&c, "vpc", Some("eu-ch2")).is_err_and(|e| e.to_string().contains("eu-ch2")));
        assert!(find(&c, "dns", Some("eu-de")).is_err_and(|e| e.to_string().contains("compute, vpc, identity")));
        assert!(find(&c, "compute", None).is_err());
    }
}
