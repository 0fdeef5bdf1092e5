//! Inputs found by fuzzing (scripts/fuzz.sh) replayed through every reader and
//! the extractor: none may panic.

use generator::ingest::{self, Format};
use generator::spec::build::{self, ServiceInfo};

#[test]
fn fuzz_findings_read_and_extract_without_panicking() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let Ok(bytes) = std::fs::read(entry.path()) else { continue };
        let Ok((text, _)) = ingest::decode("fuzz", &bytes) else { continue };
        for format in [Format::Html, Format::Markdown, Format::Text, Format::Rst] {
            let doc = ingest::read_str("fuzz", &text, format);
            let (page, _) = generator::extract::extract(&doc);
            let info = ServiceInfo::new("Fuzz", "fuzz");
            let spec = build::build(&[page], &info, &mut Vec::new());
            assert!(generator::spec::to_yaml(&spec).is_ok());
        }
        replayed += 1;
    }
    assert!(replayed > 0, "no regression inputs in {}", dir.display());
}
