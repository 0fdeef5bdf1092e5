//! The generated example program `create_node_pool`: built once per test process with the
//! `cargo` that runs the tests (same target directory, so it is usually already up to date),
//! then run as a child process.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Package of the generated crate.
pub const PACKAGE: &str = "hwcloud-modelarts";
/// Name of the example program.
pub const EXAMPLE: &str = "create_node_pool";

/// Builds the example (once) and returns the path of its executable, as cargo reports it.
pub fn binary() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(build).clone()
}

fn build() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let start = std::time::Instant::now();
    let out = Command::new(cargo)
        .args(["build", "-q", "-p", PACKAGE, "--example", EXAMPLE, "--message-format=json-render-diagnostics"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run cargo: {e}"));
    assert!(out.status.success(), "cargo build --example {EXAMPLE} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    eprintln!("built example {EXAMPLE} in {:.1?}", start.elapsed());
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == EXAMPLE)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("cargo reported no executable for example {EXAMPLE}:\n{stdout}"))
}

/// Runs the example with these arguments and environment variables (the `HUAWEICLOUD_SDK_*`
/// variables of the test process are removed first), off the async runtime.
pub async fn run(args: Vec<String>, env: Vec<(String, String)>) -> Output {
    let bin = binary();
    tokio::task::spawn_blocking(move || {
        let mut cmd = Command::new(&bin);
        for (name, _) in std::env::vars() {
            if name.starts_with("HUAWEICLOUD_SDK_") {
                cmd.env_remove(name);
            }
        }
        cmd.args(args).envs(env).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()))
    })
    .await
    .unwrap_or_else(|e| panic!("the example's task failed: {e}"))
}
