//! Fuzz the whole pipeline after reading: extract, build the spec, write YAML.
//! The first byte picks the reader so one corpus exercises all four.
#![no_main]

use generator::ingest::{self, Format};
use generator::spec::build::{self, ServiceInfo};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let format = match pick % 4 {
        0 => Format::Html,
        1 => Format::Markdown,
        2 => Format::Rst,
        _ => Format::Text,
    };
    let Ok((text, _)) = ingest::decode("fuzz", rest) else { return };
    if matches!(format, Format::Html | Format::Markdown) && ingest::html::nesting_depth(&text) > ingest::html::MAX_DEPTH
    {
        return;
    }
    let doc = ingest::read_str("fuzz", &text, format);
    let (page, _) = generator::extract::extract(&doc);
    let info = ServiceInfo::new("Fuzz", "fuzz");
    let spec = build::build(&[page], &info, &mut Vec::new());
    let _ = generator::spec::to_yaml(&spec);
});
