//! The Rust-API semver classification on a real documentation update: the 2022 ModelArts
//! pages (HTML) against their 2025 edition (reStructuredText), both committed as specs in
//! `tests/fixtures/modelarts-editions/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::emit::{api, api_changes};
use generator::spec::diff::{self, Impact};
use generator::spec::openapi::OpenApi;

fn edition(year: &str) -> OpenApi {
    let path = format!("{}/tests/fixtures/modelarts-editions/{year}.yaml", env!("CARGO_MANIFEST_DIR"));
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn modelarts_2022_to_2025_is_breaking_on_the_rust_api() {
    let (old, new) = (edition("2022"), edition("2025"));
    let changes = api_changes(&old, &new).unwrap();
    assert_eq!(api::worst(&changes), Some(Impact::Breaking));
    let find = |subject: &str| changes.iter().find(|c| c.subject == subject).unwrap_or_else(|| panic!("{subject}"));
    // The 2025 pages give no operationId: the method is named from the page title, a rename.
    let renamed = find("Client::accept_samples");
    assert!(
        renamed.detail.starts_with("renamed to `Client::submit_acceptance_task_sample_review_comments`"),
        "{renamed:?}"
    );
    // CreateNodePool is not in the 2025 edition.
    assert_eq!(find("Client::create_node_pool").detail, "fn removed");
    // New operations are additive.
    assert!(changes.iter().any(|c| c.impact == Impact::Additive && c.subject.starts_with("Client::")));
    // No API change at all between an edition and itself.
    assert!(api_changes(&new, &new).unwrap().is_empty());
}

#[test]
fn the_spec_report_is_grouped_per_operation() {
    let (old, new) = (edition("2022"), edition("2025"));
    let changes = diff::diff(&old, &new);
    let md = diff::markdown_by_operation(&changes);
    assert!(md.starts_with("#### "), "{}", &md[..200]);
    let sections: Vec<&str> = md.lines().filter(|l| l.starts_with("#### ")).collect();
    assert!(sections.len() > 100, "{}", sections.len());
    assert!(sections.iter().any(|s| s.starts_with("#### CreateNodePool (breaking)")), "{sections:?}");
    // Each operation appears once.
    let mut names: Vec<&str> = sections.iter().map(|s| s.split(' ').nth(1).unwrap()).collect();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n);
}
