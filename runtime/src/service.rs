//! Clouds and services: which cloud a generated crate talks to, its endpoint rules, and the static
//! descriptor a generated client hands to [`Client::for_service`](crate::Client::for_service).

use std::fmt;

/// A cloud whose API gateways sign with `SDK-HMAC-SHA256`, with its endpoint and IAM host rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cloud {
    /// Huawei Cloud: `https://{service}.{region}.myhuaweicloud.com`, IAM at
    /// `https://iam.{region}.myhuaweicloud.com` (or `https://iam.myhuaweicloud.com`).
    HuaweiCloud,
    /// Open Telekom Cloud: `https://{service}.{region}.otc.t-systems.com`; its Swiss region
    /// `eu-ch2` is `https://{service}.eu-ch2.sc.otc.t-systems.com` with IAM at
    /// `https://iam-pub.eu-ch2.sc.otc.t-systems.com`.
    OpenTelekomCloud,
}

/// Regions of Huawei Cloud known to the runtime (the official SDKs' region lists). A region not
/// listed here needs an endpoint from one of the override sources.
pub const HUAWEICLOUD_REGIONS: &[&str] = &[
    "af-north-1",
    "af-south-1",
    "ae-ad-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "cn-east-2",
    "cn-east-3",
    "cn-east-4",
    "cn-east-5",
    "cn-north-1",
    "cn-north-2",
    "cn-north-4",
    "cn-north-9",
    "cn-north-11",
    "cn-north-12",
    "cn-south-1",
    "cn-south-2",
    "cn-south-4",
    "cn-southwest-2",
    "cn-southwest-3",
    "eu-west-0",
    "eu-west-101",
    "la-north-2",
    "la-south-2",
    "me-east-1",
    "my-kualalumpur-1",
    "na-mexico-1",
    "ru-moscow-1",
    "sa-brazil-1",
    "tr-west-1",
];

/// Regions of Open Telekom Cloud known to the runtime (`eu-ch2` is Swiss OTC).
pub const OTC_REGIONS: &[&str] = &["eu-de", "eu-nl", "eu-ch2"];

/// Regions whose IAM endpoint is regional on Huawei Cloud (the official SDKs' IAM table); others
/// use the global `https://iam.myhuaweicloud.com`.
const HUAWEICLOUD_REGIONAL_IAM: &[&str] = &[
    "af-south-1",
    "ae-ad-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "cn-east-2",
    "cn-east-3",
    "cn-east-4",
    "cn-east-5",
    "cn-north-1",
    "cn-north-2",
    "cn-north-4",
    "cn-north-9",
    "cn-south-1",
    "cn-south-2",
    "cn-southwest-2",
    "eu-west-0",
    "la-north-2",
    "la-south-2",
    "me-east-1",
    "my-kualalumpur-1",
    "na-mexico-1",
    "ru-moscow-1",
    "sa-brazil-1",
];

impl Cloud {
    /// The cloud named as in `spec/services.yaml` (`huaweicloud`, `otc`; also `swiss-otc`, which
    /// is Open Telekom Cloud).
    pub fn from_name(name: &str) -> Option<Cloud> {
        match name.trim().to_ascii_lowercase().as_str() {
            "huaweicloud" | "huawei-cloud" | "hwc" => Some(Cloud::HuaweiCloud),
            "otc" | "open-telekom-cloud" | "opentelekomcloud" | "swiss-otc" | "otc-swiss" => {
                Some(Cloud::OpenTelekomCloud)
            }
            _ => None,
        }
    }

    /// The regions known to the runtime.
    pub fn regions(self) -> &'static [&'static str] {
        match self {
            Cloud::HuaweiCloud => HUAWEICLOUD_REGIONS,
            Cloud::OpenTelekomCloud => OTC_REGIONS,
        }
    }

    /// Whether `region` is a known region of this cloud.
    pub fn knows_region(self, region: &str) -> bool {
        self.regions().contains(&region)
    }

    /// The endpoint of `service` in `region` by the cloud's naming rule (no check that the region
    /// exists).
    pub fn service_endpoint(self, service: &str, region: &str) -> String {
        match self {
            Cloud::HuaweiCloud => format!("https://{service}.{region}.myhuaweicloud.com"),
            Cloud::OpenTelekomCloud if region == "eu-ch2" => format!("https://{service}.eu-ch2.sc.otc.t-systems.com"),
            Cloud::OpenTelekomCloud => format!("https://{service}.{region}.otc.t-systems.com"),
        }
    }

    /// The endpoint of a global service (no region in the host).
    pub fn global_endpoint(self, service: &str) -> String {
        match self {
            Cloud::HuaweiCloud => format!("https://{service}.myhuaweicloud.com"),
            Cloud::OpenTelekomCloud => format!("https://{service}.eu-de.otc.t-systems.com"),
        }
    }

    /// The IAM endpoint used to look up project and domain ids for `region` (`None` for global
    /// services).
    pub fn iam_endpoint(self, region: Option<&str>) -> String {
        match (self, region) {
            (Cloud::HuaweiCloud, Some(r)) if HUAWEICLOUD_REGIONAL_IAM.contains(&r) => {
                format!("https://iam.{r}.myhuaweicloud.com")
            }
            (Cloud::HuaweiCloud, _) => "https://iam.myhuaweicloud.com".to_owned(),
            (Cloud::OpenTelekomCloud, Some("eu-ch2")) => "https://iam-pub.eu-ch2.sc.otc.t-systems.com".to_owned(),
            (Cloud::OpenTelekomCloud, Some(r)) if OTC_REGIONS.contains(&r) => {
                format!("https://iam.{r}.otc.t-systems.com")
            }
            (Cloud::OpenTelekomCloud, _) => "https://iam.eu-de.otc.t-systems.com".to_owned(),
        }
    }

    /// Human-readable name.
    pub fn display_name(self) -> &'static str {
        match self {
            Cloud::HuaweiCloud => "Huawei Cloud",
            Cloud::OpenTelekomCloud => "Open Telekom Cloud",
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// Whether a service's calls are scoped to a project (regional services: `X-Project-Id`,
/// `{project_id}`) or to the account (global services such as IAM: `X-Domain-Id`, `{domain_id}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A regional service; the project id is looked up through IAM when not configured.
    Project,
    /// A global service; the domain (account) id is looked up through IAM when not configured.
    Global,
}

/// What a generated client tells the runtime about its service.
///
/// The runtime keeps no table of services: each generated crate's `DESCRIPTOR` carries the facts
/// declared for its service in `spec/services.yaml` (cloud, scope, per-region endpoints), written
/// into the spec as `x-hwcloud-service` and emitted from there.
///
/// ```
/// use hwcloud_runtime::{Cloud, ServiceDescriptor};
/// static SERVICE: ServiceDescriptor = ServiceDescriptor::new("modelarts", Cloud::HuaweiCloud)
///     .with_regions(&[("ap-southeast-1", "https://modelarts.ap-southeast-1.myhuaweicloud.cn")]);
/// assert_eq!(SERVICE.endpoint_for("ap-southeast-1").as_deref(), Some("https://modelarts.ap-southeast-1.myhuaweicloud.cn"));
/// assert_eq!(SERVICE.endpoint_for("cn-north-4").as_deref(), Some("https://modelarts.cn-north-4.myhuaweicloud.com"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ServiceDescriptor {
    /// Endpoint service name, the first label of the host (`modelarts`, `vpc`, `iam`).
    pub name: &'static str,
    /// The cloud the crate was generated for (overridable with
    /// [`Config::with_cloud`](crate::Config::with_cloud)).
    pub cloud: Cloud,
    /// Project-scoped or global.
    pub scope: Scope,
    /// Regions whose endpoint differs from the cloud's rule: `(region id, endpoint URL)`. Also
    /// the way to reach a region the cloud's region list does not know yet.
    pub regions: &'static [(&'static str, &'static str)],
}

impl ServiceDescriptor {
    /// A project-scoped service of `cloud` without endpoint exceptions.
    pub const fn new(name: &'static str, cloud: Cloud) -> Self {
        ServiceDescriptor { name, cloud, scope: Scope::Project, regions: &[] }
    }

    /// The same service, global (account-scoped, e.g. IAM).
    pub const fn global(mut self) -> Self {
        self.scope = Scope::Global;
        self
    }

    /// The same service with a table of endpoint exceptions.
    pub const fn with_regions(mut self, regions: &'static [(&'static str, &'static str)]) -> Self {
        self.regions = regions;
        self
    }

    /// The built-in endpoint for `region`: the service's table, else the cloud's rule when the
    /// region is known to the cloud.
    pub fn endpoint_for(&self, region: &str) -> Option<String> {
        self.endpoint_in(self.cloud, region)
    }

    pub(crate) fn endpoint_in(&self, cloud: Cloud, region: &str) -> Option<String> {
        match self.table_endpoint(cloud, region) {
            Some(url) => Some(url.to_owned()),
            None => cloud.knows_region(region).then(|| cloud.service_endpoint(self.name, region)),
        }
    }

    /// The endpoint of `region` in the service's own table; the table holds for the cloud the
    /// crate was generated for only (another cloud has other hosts).
    pub(crate) fn table_endpoint(&self, cloud: Cloud, region: &str) -> Option<&'static str> {
        if cloud != self.cloud {
            return None;
        }
        self.regions.iter().find(|(r, _)| *r == region).map(|(_, url)| *url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_rules() {
        let vpc = ServiceDescriptor::new("vpc", Cloud::OpenTelekomCloud);
        assert_eq!(vpc.endpoint_for("eu-de").as_deref(), Some("https://vpc.eu-de.otc.t-systems.com"));
        assert_eq!(vpc.endpoint_for("eu-ch2").as_deref(), Some("https://vpc.eu-ch2.sc.otc.t-systems.com"));
        assert_eq!(vpc.endpoint_for("cn-north-4"), None);
        // A service's own region table (from spec/services.yaml via the generated descriptor)
        // wins over the cloud's rule, on the cloud it was generated for only.
        static MODELARTS: ServiceDescriptor = ServiceDescriptor::new("modelarts", Cloud::HuaweiCloud)
            .with_regions(&[("ap-southeast-1", "https://modelarts.ap-southeast-1.myhuaweicloud.cn")]);
        assert_eq!(
            MODELARTS.endpoint_for("ap-southeast-1").as_deref(),
            Some("https://modelarts.ap-southeast-1.myhuaweicloud.cn")
        );
        assert_eq!(
            MODELARTS.endpoint_for("cn-north-4").as_deref(),
            Some("https://modelarts.cn-north-4.myhuaweicloud.com")
        );
        assert_eq!(
            MODELARTS.endpoint_in(Cloud::OpenTelekomCloud, "eu-nl").as_deref(),
            Some("https://modelarts.eu-nl.otc.t-systems.com")
        );
        assert_eq!(Cloud::OpenTelekomCloud.iam_endpoint(Some("eu-ch2")), "https://iam-pub.eu-ch2.sc.otc.t-systems.com");
        assert_eq!(Cloud::OpenTelekomCloud.iam_endpoint(Some("eu-de")), "https://iam.eu-de.otc.t-systems.com");
        assert_eq!(Cloud::HuaweiCloud.iam_endpoint(Some("cn-north-4")), "https://iam.cn-north-4.myhuaweicloud.com");
        assert_eq!(Cloud::HuaweiCloud.iam_endpoint(Some("tr-west-1")), "https://iam.myhuaweicloud.com");
        assert_eq!(Cloud::from_name("otc"), Some(Cloud::OpenTelekomCloud));
        assert_eq!(Cloud::from_name("huaweicloud"), Some(Cloud::HuaweiCloud));
        assert_eq!(ServiceDescriptor::new("iam", Cloud::HuaweiCloud).global().scope, Scope::Global);
    }
}
