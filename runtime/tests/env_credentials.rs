//! Credentials and region from environment variables, through a lookup closure (no shared
//! process state, so the tests cannot race).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use hwcloud_runtime::{Config, Credentials, Error};

fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    move |name| map.get(name).cloned()
}

fn credentials_error(result: Result<Credentials, Error>) -> String {
    match result {
        Err(Error::Credentials(m)) => m,
        other => panic!("expected a credentials error, got {other:?}"),
    }
}

#[test]
fn missing_sk_is_named() {
    let m = credentials_error(Credentials::from_lookup(lookup(&[("HUAWEICLOUD_SDK_AK", "ak")])));
    assert!(m.contains("HUAWEICLOUD_SDK_SK is not set"), "{m}");
}

#[test]
fn missing_ak_is_named() {
    let m = credentials_error(Credentials::from_lookup(lookup(&[("HUAWEICLOUD_SDK_SK", "secret-value")])));
    assert!(m.contains("HUAWEICLOUD_SDK_AK is not set"), "{m}");
    assert!(!m.contains("secret-value"), "{m}");
}

#[test]
fn both_missing_are_named_and_empty_counts_as_missing() {
    let m = credentials_error(Credentials::from_lookup(lookup(&[("HUAWEICLOUD_SDK_AK", "  ")])));
    assert!(m.contains("HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK are not set"), "{m}");
    // With neither variable, the chain goes on (credentials file, then instance metadata).
    let config = Config::from_lookup(lookup(&[])).unwrap();
    assert_eq!(config.credential_source(), "instance metadata");
    // One of the two without the other is an error naming the missing one, not a fall-through.
    let e = Config::from_lookup(lookup(&[("HUAWEICLOUD_SDK_AK", "ak")])).unwrap_err();
    assert!(e.to_string().contains("HUAWEICLOUD_SDK_SK is not set"), "{e}");
}

#[test]
fn all_variables_are_read() {
    let vars = [
        ("HUAWEICLOUD_SDK_AK", "AKVALUE"),
        ("HUAWEICLOUD_SDK_SK", "SKVALUE"),
        ("HUAWEICLOUD_SDK_PROJECT_ID", "proj"),
        ("HUAWEICLOUD_SDK_DOMAIN_ID", "dom"),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "TOKENVALUE"),
        ("HUAWEICLOUD_SDK_REGION", "cn-north-4"),
    ];
    let c = Credentials::from_lookup(lookup(&vars)).unwrap();
    assert_eq!(c.access_key(), Some("AKVALUE"));
    assert_eq!(c.project_id(), Some("proj"));
    assert_eq!(c.domain_id(), Some("dom"));
    let shown = format!("{c:?}");
    assert!(!shown.contains("SKVALUE") && !shown.contains("TOKENVALUE"), "{shown}");

    let config = Config::from_lookup(lookup(&vars)).unwrap();
    assert_eq!(config.region(), Some("cn-north-4"));
    assert_eq!(config.credential_source(), "environment");
    let config = Config::from_lookup(lookup(&vars[..2])).unwrap();
    assert_eq!(config.region(), None);
    assert_eq!(config.credentials().unwrap().project_id(), None);
}
