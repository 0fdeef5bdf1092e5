//! Every service's input pages are copied into the repository with where they came from
//! (`SOURCE.md`) and the licence they were published under (`LICENSE`) beside them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use generator::config::Config;
use std::path::PathBuf;

#[test]
fn every_service_docs_folder_names_its_source_and_licence() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let config = Config::load(&spec.join("services.yaml")).unwrap();
    let mut missing = Vec::new();
    for service in &config.services {
        let docs = spec.join(&service.docs);
        for file in ["SOURCE.md", "LICENSE"] {
            if !docs.join(file).is_file() {
                missing.push(format!("{}: no {file} in {}", service.name, docs.display()));
            }
        }
    }
    assert!(missing.is_empty(), "pages copied without provenance:\n{}", missing.join("\n"));
}
