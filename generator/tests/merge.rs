//! The seed (Chinese, required column lost) plus an English text version of
//! the same page merge into one operation with the required flags, no overrides.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::pipeline::{self, PageFile};
use generator::spec::build::ServiceInfo;
use std::path::PathBuf;

#[test]
fn zh_and_en_pages_merge_with_required_flags_and_both_descriptions() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let files = vec![
        PageFile {
            path: root.join("tests/fixtures/readers/CreateNodePool.en.txt"),
            display: "CreateNodePool.en.txt".into(),
        },
        PageFile {
            path: root.join("../spec/modelarts/docs/CreateNodePool.zh.txt"),
            display: "CreateNodePool.zh.txt".into(),
        },
    ];
    let (pages, mut diags) = pipeline::extract_pages(&files);
    let info = ServiceInfo::new("ModelArts", "modelarts");
    let (spec, more) = pipeline::build_spec(&pages, &info, None);
    diags.extend(more);
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(diags.is_empty(), "diagnostics:\n{}", shown.join("\n"));
    assert_eq!(spec.operations().len(), 1);
    let s = |n: &str| spec.components.schemas.get(n).unwrap_or_else(|| panic!("no schema {n}"));
    assert_eq!(s("CreateNodePoolRequestBody").required, ["apiVersion", "kind", "metadata", "spec"]);
    assert_eq!(s("CreateNodePoolMetaVO").required, ["name"]);
    assert_eq!(s("NodePoolSpec").required, ["resources"]);
    assert_eq!(s("PoolResource").required, ["flavor", "count", "maxCount"]);
    assert_eq!(s("PoolNodeAz").required, ["az", "count"]);
    assert_eq!(s("Taint").required, ["key", "effect"]);
    assert_eq!(s("UserTag").required, ["key", "value"]);
    let flavor = &s("PoolResource").properties["flavor"];
    assert_eq!(flavor.x_descriptions.keys().collect::<Vec<_>>(), ["en", "zh"]);
    assert!(flavor.x_descriptions["zh"].contains("资源规格名称"));
}
