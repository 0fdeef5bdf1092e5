//! Fuzz the reStructuredText reader: any bytes, decoded as a page, must read without panicking.
#![no_main]

use generator::ingest::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((text, _)) = ingest::decode("fuzz", data) {
        let _ = ingest::read_str("fuzz", &text, Format::Rst);
    }
});
