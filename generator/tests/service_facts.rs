//! One source of service facts: what `spec/services.yaml` declares about a service (cloud,
//! scope, per-region endpoints) reaches the spec as `x-hwcloud-service` and, read back from the
//! spec, the generated client's `DESCRIPTOR`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::config::{Cloud, Config, Scope, Service};
use generator::emit::{files, ServiceNames};
use generator::spec::build::{self, ServiceInfo};
use generator::spec::{self, openapi::OpenApi};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn configured(name: &str) -> Service {
    let config = Config::load(&root().join("spec/services.yaml")).unwrap();
    config.services.into_iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no {name} in services.yaml"))
}

/// The spec `generate` writes for `service`, through YAML and back as the emitter reads it.
fn spec_of(service: &Service) -> (String, OpenApi) {
    let mut diags = Vec::new();
    let spec = build::build(&[], &ServiceInfo::from_config(service), &mut diags);
    let yaml = spec::to_yaml(&spec).unwrap();
    (yaml.clone(), spec::from_yaml(&yaml).unwrap())
}

/// The `DESCRIPTOR` item of the emitted `src/client.rs`, without white space or the trailing
/// commas of arguments the formatter put on lines of their own.
fn descriptor(spec: &OpenApi) -> String {
    let client = files::client_rs(&ServiceNames::of(spec).unwrap()).unwrap().contents;
    let flat: String = client.chars().filter(|c| !c.is_whitespace()).collect();
    let start = flat.find("pubconstDESCRIPTOR").unwrap_or_else(|| panic!("no DESCRIPTOR in {client}"));
    flat[start..].split(';').next().unwrap_or_default().replace(",)", ")").replace(",]", "]")
}

#[test]
fn modelarts_region_table_reaches_the_descriptor() {
    let modelarts = configured("modelarts");
    assert_eq!(modelarts.cloud, Cloud::Huaweicloud);
    assert_eq!(modelarts.scope, Scope::Project);
    let (yaml, spec) = spec_of(&modelarts);
    assert!(
        yaml.contains(
            "x-hwcloud-service:\n  name: modelarts\n  cloud: huaweicloud\n  endpoint: modelarts\n  scope: project\n  regions:\n    ap-southeast-1: https://modelarts.ap-southeast-1.myhuaweicloud.cn\n"
        ),
        "{yaml}"
    );
    assert!(!yaml.contains("x-cloud"), "the cloud is said once: {yaml}");
    // `servers` stays the cloud's template, valid OpenAPI with its `region` variable.
    assert_eq!(spec.servers[0].url, "https://modelarts.{region}.myhuaweicloud.com");
    assert_eq!(spec.servers[0].variables["region"].default, "cn-north-4");
    assert_eq!(
        descriptor(&spec),
        "pubconstDESCRIPTOR:hwcloud_runtime::ServiceDescriptor=hwcloud_runtime::ServiceDescriptor::new(Self::SERVICE,hwcloud_runtime::Cloud::HuaweiCloud).with_regions(&[(\"ap-southeast-1\",\"https://modelarts.ap-southeast-1.myhuaweicloud.cn\")])"
    );
}

#[test]
fn iam_is_global_with_its_swiss_host() {
    let (yaml, spec) = spec_of(&configured("iam"));
    assert!(yaml.contains("  cloud: otc\n  endpoint: iam\n  scope: global\n"), "{yaml}");
    let d = descriptor(&spec);
    assert!(d.contains("Cloud::OpenTelekomCloud).global().with_regions(&[(\"eu-ch2\",\"https://iam-pub.eu-ch2.sc.otc.t-systems.com\")])"), "{d}");
}

#[test]
fn a_plain_service_gets_the_cloud_rule_only() {
    let (yaml, spec) = spec_of(&configured("vpc"));
    assert!(
        yaml.contains("x-hwcloud-service:\n  name: vpc\n  cloud: otc\n  endpoint: vpc\n  scope: project\n"),
        "{yaml}"
    );
    assert!(!yaml.contains("regions:"), "{yaml}");
    assert!(
        descriptor(&spec).ends_with("ServiceDescriptor::new(Self::SERVICE,hwcloud_runtime::Cloud::OpenTelekomCloud)")
    );
}

/// A spec written before the extension (cloud in `info.x-cloud` only) still emits its cloud.
#[test]
fn older_specs_keep_their_cloud() {
    let spec = spec::from_yaml(
        "openapi: 3.0.3\ninfo: {title: T API, version: 0.1.0, x-cloud: otc}\nservers: [{url: 'https://t.{region}.otc.t-systems.com'}]\npaths: {}\n",
    )
    .unwrap();
    assert!(
        descriptor(&spec).ends_with("ServiceDescriptor::new(Self::SERVICE,hwcloud_runtime::Cloud::OpenTelekomCloud)")
    );
}

#[test]
fn bad_region_tables_are_refused() {
    let dir = std::env::temp_dir().join(format!("service-facts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let entry = |regions: &str| {
        format!(
            "services:\n  - name: x\n    title: X\n    endpoint: x\n    docs: d\n    spec: s.yaml\n    crate: c\n    crate_name: hwcloud-x\n    regions: {regions}\n"
        )
    };
    for bad in
        ["{r-1: 'http://x.example.com'}", "{r-1: 'https://x.example.com/path'}", "{'r 1': 'https://x.example.com'}"]
    {
        let path = dir.join("services.yaml");
        std::fs::write(&path, entry(bad)).unwrap();
        let err = Config::load(&path).err().unwrap_or_else(|| panic!("{bad} accepted"));
        assert!(err.contains("service `x`"), "{err}");
    }
    let path = dir.join("services.yaml");
    std::fs::write(&path, entry("{r-1: 'https://x.r-1.example.com'}")).unwrap();
    assert_eq!(Config::load(&path).unwrap().services[0].regions["r-1"], "https://x.r-1.example.com");
    std::fs::remove_dir_all(&dir).ok();
}
