//! Test harness of the end-to-end tests (`tests/`): everything runs on 127.0.0.1, never on the
//! internet.
//!
//! * [`server`]: a raw HTTP/1.1 server that records every request exactly as received (request
//!   target, headers, body) and answers with scripted replies.
//! * [`verify`]: an SDK-HMAC-SHA256 verifier written from the API gateway's description of the
//!   algorithm, independent of `hwcloud_runtime::signer`: it rebuilds the canonical request from
//!   the raw request line, headers and body.
//! * [`seed`]: the request and response examples of the seed page
//!   (`spec/modelarts/docs/CreateNodePool.zh.txt`), read from the page itself.
//! * [`program`]: builds the generated example program and runs it.

pub mod program;
pub mod seed;

/// The README's Rust examples, compiled as doctests so that they cannot fall behind the crates.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeExamples;
pub mod server;
pub mod verify;

/// Access key of the tests.
pub const AK: &str = "HPUAEXAMPLEAK0000001";
/// Secret key of the tests.
pub const SK: &str = "exampleSecretKey0123456789abcdefghijklmn";
/// Project id of the tests.
pub const PROJECT_ID: &str = "0c1f2a3b4c5d6e7f8091a2b3c4d5e6f7";
