//! The emitted crate, end to end: emitted from the fixture spec into a folder
//! outside the workspace (`workspace_member: false`, runtime as a path
//! dependency, example programs in `examples/`), then `cargo clippy
//! --all-targets -D warnings`, `cargo test` (example round trips and the usage
//! doctest) and `cargo doc` with rustdoc warnings denied. Artifacts go to
//! `target/emit-check` so repeated runs are fast.
//!
//! Set `EMIT_KEEP=<dir>` to write the crate to `<dir>` instead of a temp dir.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use generator::emit::model::lower;
use generator::emit::{emit_crate, CrateOptions, GeneratedFile};
use generator::spec::openapi::OpenApi;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> OpenApi {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fixture() -> OpenApi {
    load(&manifest_dir().join("tests/fixtures/emit/nodepool.yaml"))
}

fn options(name: &str) -> CrateOptions {
    let runtime = manifest_dir().join("../runtime").canonicalize().unwrap();
    CrateOptions {
        crate_name: name.to_string(),
        version: "0.1.0".to_string(),
        runtime_path: runtime.display().to_string(),
        workspace_member: false,
        examples: vec![],
        service: None,
    }
}

fn write(dir: &Path, files: &[GeneratedFile]) {
    for f in files {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.contents).unwrap();
    }
    // Same dependency versions as the workspace: no resolution, no index update.
    std::fs::copy(manifest_dir().join("../Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // The workspace's lint settings (`large-error-threshold`: the runtime's `Error` is large on purpose).
    std::fs::copy(manifest_dir().join("../clippy.toml"), dir.join("clippy.toml")).unwrap();
}

fn cargo(dir: &Path, args: &[&str]) {
    let target = manifest_dir().join("../target/emit-check");
    let start = Instant::now();
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap();
    eprintln!("cargo {} ({:.1?})", args.join(" "), start.elapsed());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "cargo {} failed in {}:\n{stdout}\n{stderr}", args.join(" "), dir.display());
    if let Some(line) = stderr.lines().find(|l| l.starts_with("warning")) {
        panic!("cargo {} warned: {line}\n{stderr}", args.join(" "));
    }
}

/// Emits the crate with an example program for each of `examples`, then lints (example programs
/// included), tests and documents it.
fn build_and_test(spec: &OpenApi, name: &str, examples: Vec<String>) {
    build_and_test_with(spec, name, examples, vec![]);
}

/// [`build_and_test`] with more test files written into the crate.
fn build_and_test_with(spec: &OpenApi, name: &str, examples: Vec<String>, tests: Vec<GeneratedFile>) {
    let options = CrateOptions { examples, ..options(name) };
    let mut files = emit_crate(spec, &options).unwrap();
    files.extend(tests);
    let tmp = tempfile::tempdir().unwrap();
    let dir = match std::env::var_os("EMIT_KEEP") {
        Some(keep) => {
            let keep = PathBuf::from(keep);
            let _ = std::fs::remove_dir_all(&keep);
            keep
        }
        None => tmp.path().to_path_buf(),
    };
    write(&dir, &files);
    let start = Instant::now();
    cargo(&dir, &["clippy", "--all-targets", "--", "-D", "warnings"]);
    cargo(&dir, &["test"]);
    cargo(&dir, &["doc", "--no-deps"]);
    eprintln!("{name}: built, linted, tested and documented in {:.1?}", start.elapsed());
}

#[test]
fn emitted_files_are_deterministic() {
    let spec = fixture();
    let first = emit_crate(&spec, &options("hwcloud-modelarts")).unwrap();
    let second = emit_crate(&spec, &options("hwcloud-modelarts")).unwrap();
    assert_eq!(first, second);
    let paths: Vec<String> = first.iter().map(|f| f.path.display().to_string()).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "README.md",
            "src/lib.rs",
            "src/client.rs",
            "src/models/mod.rs",
            "src/models/types.rs",
            "src/models/serde_impls.rs",
            "src/operations.rs",
            "src/servers/mod.rs",
            "src/servers/requests.rs",
            "src/servers/types.rs",
            "src/servers/serde_impls.rs",
            "src/pools/mod.rs",
            "src/pools/requests.rs",
            "src/pools/types.rs",
            "src/pools/serde_impls.rs",
            "src/selectors/mod.rs",
            "src/selectors/requests.rs",
            "src/selectors/types.rs",
            "src/selectors/serde_impls.rs",
            "tests/examples.rs"
        ]
    );
}

/// About 5 s with a warm `target/emit-check`, about 4 min cold (the runtime's
/// dependencies are compiled twice: checked for clippy, built for the tests).
#[test]
#[ignore = "slow when cold (~4 min): run with `cargo test -p generator --test emit_crate -- --ignored`"]
fn fixture_crate_builds_without_warnings_and_passes_its_tests() {
    // An example program for every operation: every parameter, body and outcome shape compiles.
    let spec = fixture();
    let all: Vec<String> = lower(&spec).unwrap().ops.into_iter().map(|op| op.operation_id).collect();
    let location = location_test(&spec, "hwcloud_modelarts_fixture");
    build_and_test_with(&spec, "hwcloud-modelarts-fixture", all, vec![location]);
}

/// A test of the emitted fixture crate: `create_node_pool_with_metadata` against a one-shot
/// server on 127.0.0.1 gives the documented `Location` header as a typed field, and the request
/// id. (No committed spec documents `Location`; the fixture's CreateNodePool does.)
fn location_test(spec: &OpenApi, lib: &str) -> GeneratedFile {
    let all = lower(spec).unwrap();
    let op = all.ops.iter().position(|o| o.operation_id == "CreateNodePool").unwrap();
    let example = |part: &str| all.examples.iter().find(|e| e.op == op && e.part == part).unwrap().value.to_string();
    let (request, response) = (example("request"), example("response_200"));
    let contents = format!(
        r####"//! Written by the generator's `emit_crate` test: the documented `Location` header.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{{BufRead, BufReader, Read, Write}};
use std::net::TcpListener;

use {lib}::{{operations, Config, Credentials, ModelArtsClient}};

const REQUEST: &str = r###"{request}"###;
const RESPONSE: &str = r###"{response}"###;

/// Answers one request with 200, a `Location` and a request id, on a thread of its own.
fn one_shot_server() -> String {{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {{
        let (stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut length = 0usize;
        loop {{
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {{
                break;
            }}
            if let Some((name, value)) = line.split_once(':') {{
                if name.eq_ignore_ascii_case("content-length") {{
                    length = value.trim().parse().unwrap();
                }}
            }}
        }}
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body).unwrap();
        let answer = format!(
            "HTTP/1.1 200 OK\r\nLocation: /v2/p/pools/pool-1/nodepools/np-1\r\nX-Request-Id: req-location\r\nContent-Type: application/json\r\nContent-Length: {{}}\r\nConnection: close\r\n\r\n{{}}",
            RESPONSE.len(),
            RESPONSE
        );
        let mut stream = stream;
        stream.write_all(answer.as_bytes()).unwrap();
    }});
    format!("http://{{addr}}")
}}

#[tokio::test]
async fn location_header_is_a_typed_field() {{
    let endpoint = one_shot_server();
    let credentials = Credentials::ak_sk("ak", "sk").with_project_id("p");
    let client = ModelArtsClient::new(Config::new(credentials).with_endpoint(endpoint)).unwrap();
    let request = operations::CreateNodePoolRequest::new("pool-1", serde_json::from_str(REQUEST).unwrap());
    let out = client.create_node_pool_with_metadata(&request).await.unwrap();
    assert_eq!(out.headers().location.as_deref(), Some("/v2/p/pools/pool-1/nodepools/np-1"));
    assert_eq!(out.request_id(), Some("req-location"));
    assert_eq!(out.status(), 200);
}}
"####
    );
    GeneratedFile { path: PathBuf::from("tests/response_headers.rs"), contents }
}

/// The committed ModelArts spec (141 operations, ~55k lines): about 70 s warm.
#[test]
#[ignore = "slow: builds the crate of the whole committed ModelArts spec"]
fn modelarts_crate_builds_without_warnings_and_passes_its_tests() {
    let spec = load(&manifest_dir().join("../spec/modelarts/openapi.yaml"));
    build_and_test(&spec, "hwcloud-modelarts", vec!["CreateNodePool".to_string()]);
}

#[test]
fn modelarts_spec_emits() {
    let spec = load(&manifest_dir().join("../spec/modelarts/openapi.yaml"));
    let files = emit_crate(&spec, &options("hwcloud-modelarts")).unwrap();
    let pools = files.iter().find(|f| f.path == Path::new("src/pools/mod.rs")).unwrap();
    assert!(pools.contents.contains("pub async fn create_node_pool("));
    // Long modules are split in parts: no source file is longer than this.
    for f in files.iter().filter(|f| f.path.starts_with("src")) {
        let lines = f.contents.lines().count();
        assert!(lines <= generator::emit::layout::MAX_LINES, "{}: {lines} lines", f.path.display());
    }
}

#[test]
fn a_spec_without_servers_needs_a_service_name() {
    let mut spec = fixture();
    spec.servers.clear();
    let err = emit_crate(&spec, &options("hwcloud-demo")).unwrap_err().to_string();
    assert!(err.contains("--service"), "{err}");
    let with = CrateOptions { service: Some("demo".into()), ..options("hwcloud-demo") };
    let files = emit_crate(&spec, &with).unwrap();
    let client = files.iter().find(|f| f.path == Path::new("src/client.rs")).unwrap();
    assert!(client.contents.contains("pub const SERVICE: &'static str = \"demo\";"), "{}", client.contents);
}

/// A minimal valid OpenAPI 3.0 document: no `operationId`, no `servers`.
const MINIMAL: &str = r#"
openapi: 3.0.3
info: {title: Pets, version: '1.0'}
paths:
  /v1/pets:
    get:
      summary: Listing Pets
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  pets: {type: array, items: {type: object, properties: {name: {type: string}}}}
  /v1/pets/{pet_id}:
    delete:
      parameters:
      - {name: pet_id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: Deleted}
"#;

#[test]
fn a_spec_without_operation_ids_or_servers_emits() {
    let spec: OpenApi = serde_yaml::from_str(MINIMAL).unwrap();
    assert!(spec.operations().iter().all(|(_, _, op)| op.operation_id.is_empty()));
    let with = CrateOptions { service: Some("pets".into()), ..options("hwcloud-pets") };
    let files = emit_crate(&spec, &with).unwrap();
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    // Named from the summary, else from METHOD + path, through the naming pass.
    assert!(all.contains("pub async fn list_pets("), "summary names the method");
    assert!(all.contains("pub async fn delete_pet("), "METHOD + path name the method");
    assert!(all.contains("pub struct ListPetsRequest"), "request types follow the method");
}

/// The job fixture's crate with its waiter methods (after the spec's waiters pass), and a test
/// driving them against a local job API: `create_servers_and_wait` through INIT, RUNNING,
/// SUCCESS; `show_job_until_done` to FAIL (the job's error surfaced) and to the deadline.
#[test]
#[ignore = "slow when cold (~4 min): run with `cargo test -p generator --test emit_crate -- --ignored`"]
fn job_fixture_crate_waits_for_its_jobs() {
    let mut spec = load(&manifest_dir().join("tests/fixtures/emit/jobs.yaml"));
    assert_eq!(generator::spec::waiters::annotate(&mut spec), 4);
    build_and_test_with(&spec, "hwcloud-jobs-fixture", vec![], vec![waiter_test("hwcloud_jobs_fixture")]);
}

fn waiter_test(lib: &str) -> GeneratedFile {
    let contents = format!(
        r####"//! Written by the generator's `emit_crate` test: the waiter methods against a local job API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{{BufRead, BufReader, Read, Write}};
use std::net::TcpListener;
use std::sync::{{Arc, Mutex}};
use std::time::Duration;

use {lib}::{{models, operations, Config, Credentials, JobsClient, WaitError, WaitOptions}};

/// Answers the n-th request with `answers[n]` (the last one repeated), one connection each;
/// records `METHOD target` of every request.
fn server(answers: Vec<&'static str>) -> (String, Arc<Mutex<Vec<String>>>) {{
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {{
        for n in 0.. {{
            let Ok((stream, _)) = listener.accept() else {{ return }};
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            reader.read_line(&mut head).unwrap();
            log.lock().unwrap().push(head.split_whitespace().take(2).collect::<Vec<_>>().join(" "));
            let mut length = 0usize;
            loop {{
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line.trim().is_empty() {{
                    break;
                }}
                if let Some((name, value)) = line.split_once(':') {{
                    if name.eq_ignore_ascii_case("content-length") {{
                        length = value.trim().parse().unwrap();
                    }}
                }}
            }}
            let mut body = vec![0u8; length];
            reader.read_exact(&mut body).unwrap();
            let answer = answers[n.min(answers.len() - 1)];
            let reply = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {{}}\r\nConnection: close\r\n\r\n{{answer}}",
                answer.len()
            );
            let mut stream = stream;
            let _ = stream.write_all(reply.as_bytes());
        }}
    }});
    (format!("http://{{addr}}"), seen)
}}

fn client(endpoint: String) -> JobsClient {{
    JobsClient::new(Config::new(Credentials::ak_sk("ak", "sk").with_project_id("p")).with_endpoint(endpoint)).unwrap()
}}

/// Short pauses, a deadline no loaded machine misses.
fn options() -> WaitOptions {{
    WaitOptions::new().with_delay(Duration::from_millis(5)).with_max_delay(Duration::from_millis(20)).with_timeout(Duration::from_secs(120))
}}

fn status(job: &models::Job) -> Option<&str> {{
    job.status.as_ref().map(|s| s.as_str())
}}

#[tokio::test]
async fn create_and_wait_to_success() {{
    let (endpoint, seen) = server(vec![
        r#"{{"job_id": "j-1"}}"#,
        r#"{{"job_id": "j-1", "status": "INIT"}}"#,
        r#"{{"job_id": "j-1", "status": "RUNNING"}}"#,
        r#"{{"job_id": "j-1", "status": "SUCCESS", "entities": {{"server_id": "s-1"}}}}"#,
    ]);
    let request = operations::CreateServersRequest::new(models::ServerItem::new("web"));
    let job = client(endpoint).create_servers_and_wait(&request, &options()).await.unwrap();
    assert_eq!(status(&job), Some("SUCCESS"));
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen, ["POST /v1/p/cloudservers", "GET /v1/p/jobs/j-1", "GET /v1/p/jobs/j-1", "GET /v1/p/jobs/j-1"]);
}}

#[tokio::test]
async fn until_done_surfaces_the_failure() {{
    let (endpoint, _) = server(vec![
        r#"{{"status": "RUNNING"}}"#,
        r#"{{"status": "FAIL", "error_code": "Ecs.0013", "fail_reason": "insufficient quota"}}"#,
    ]);
    let err = client(endpoint).show_job_until_done(&operations::ShowJobRequest::new("j-1"), &options()).await.unwrap_err();
    let message = err.to_string();
    let WaitError::Failed {{ reason, last, .. }} = err else {{ panic!("{{message}}") }};
    assert_eq!(reason, "FAIL (error_code: Ecs.0013, fail_reason: insufficient quota)");
    assert_eq!(last.error_code.as_deref(), Some("Ecs.0013"));
}}

#[tokio::test]
async fn until_done_gives_up_at_the_deadline() {{
    let (endpoint, _) = server(vec![r#"{{"status": "RUNNING"}}"#]);
    let options = options().with_timeout(Duration::from_millis(200));
    let err = client(endpoint).show_job_until_done(&operations::ShowJobRequest::new("j-1"), &options).await.unwrap_err();
    let message = err.to_string();
    let WaitError::TimedOut {{ state, last, .. }} = err else {{ panic!("{{message}}") }};
    assert_eq!(state.as_deref(), Some("RUNNING"));
    assert_eq!(status(&last.unwrap()), Some("RUNNING"));
}}

#[tokio::test]
async fn a_start_without_job_id_says_so() {{
    let (endpoint, _) = server(vec![r#"{{"order_id": "o-1"}}"#]);
    let request = operations::CreateServersRequest::new(models::ServerItem::new("web"));
    let err = client(endpoint).create_servers_and_wait(&request, &options()).await.unwrap_err();
    assert!(matches!(err, WaitError::NoJobId {{ operation: "CreateServers", field: "job_id" }}), "{{err}}");
}}
"####
    );
    GeneratedFile { path: PathBuf::from("tests/waiters.rs"), contents }
}
