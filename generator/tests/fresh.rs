//! The committed `spec/` and `generated/` are what the generator makes of the committed pages
//! (as rust-analyzer's codegen tests do): a change to the pages, the overrides or the generator
//! without `cargo run -p generator` fails here, with a diff per stale file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

#[test]
fn committed_specs_and_crates_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = Command::new(env!("CARGO_BIN_EXE_generator"))
        .current_dir(&root)
        .args(["generate", "--check"])
        .output()
        .expect("run generator generate --check");
    assert!(
        out.status.success(),
        "spec/ or generated/ is stale; run `cargo run -p generator` and commit the result\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
