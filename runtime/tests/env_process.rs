//! `from_env` against the real process environment. The only test in this binary, so no other
//! test can observe or race with the variables it sets.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hwcloud_runtime::{Config, Credentials, Error};

#[test]
fn from_env_reads_the_official_variables() {
    for name in [
        "HUAWEICLOUD_SDK_AK",
        "HUAWEICLOUD_SDK_SK",
        "HUAWEICLOUD_SDK_PROJECT_ID",
        "HUAWEICLOUD_SDK_DOMAIN_ID",
        "HUAWEICLOUD_SDK_SECURITY_TOKEN",
        "HUAWEICLOUD_SDK_REGION",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("HUAWEICLOUD_SDK_AK", "env-ak");
    match Credentials::from_env() {
        Err(Error::Credentials(m)) => assert!(m.contains("HUAWEICLOUD_SDK_SK"), "{m}"),
        other => panic!("{other:?}"),
    }
    std::env::set_var("HUAWEICLOUD_SDK_SK", "env-sk");
    std::env::set_var("HUAWEICLOUD_SDK_PROJECT_ID", "env-project");
    std::env::set_var("HUAWEICLOUD_SDK_REGION", "ap-southeast-1");
    let config = Config::from_env().unwrap();
    assert_eq!(config.region(), Some("ap-southeast-1"));
    assert_eq!(config.credentials().unwrap().access_key(), Some("env-ak"));
    assert_eq!(config.credentials().unwrap().project_id(), Some("env-project"));
}
