//! `cargo bench -p generator --bench pipeline`: the read -> extract -> spec
//! pipeline against the floor of parsing the same pages with `scraper` alone,
//! on the committed ModelArts pages (x1) and a synthetic service made by
//! replicating them under new names (x10). Prints medians and ratios.
//! The comparison with progenitor and openapi-generator is in scripts/bench.sh.

use generator::ingest;
use generator::spec::build::{self, ServiceInfo};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

/// Pages as (name, text): the docs folder, replicated `copies` times under new names.
fn pages(copies: usize) -> Vec<(String, String)> {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/modelarts/docs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&docs).into_iter().flatten().flatten().map(|e| e.path()).collect();
    files.retain(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("html" | "txt" | "md")));
    files.sort();
    let originals: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), std::fs::read_to_string(p).ok()?)))
        .collect();
    (0..copies)
        .flat_map(|i| {
            originals.iter().map(move |(name, text)| {
                // A copy is a new service page: new file name, so new operation ids and schema owners.
                let name = if i == 0 { name.clone() } else { format!("Copy{i}{name}") };
                (name, text.clone())
            })
        })
        .collect()
}

fn floor(pages: &[(String, String)]) -> usize {
    pages.par_iter().map(|(_, text)| scraper::Html::parse_document(text).tree.nodes().count()).sum()
}

fn pipeline(pages: &[(String, String)]) -> usize {
    let extracted: Vec<_> = pages
        .par_iter()
        .map(|(name, text)| {
            let format = ingest::detect_format(Path::new(name), text);
            let doc = ingest::read_str(name, text, format);
            generator::extract::extract(&doc).0
        })
        .collect();
    let info = ServiceInfo::new("Bench", "bench");
    let mut diags = Vec::new();
    let merged = generator::spec::merge::merge_languages(extracted, &mut diags);
    let spec = build::build(&merged, &info, &mut diags);
    generator::spec::to_yaml(&spec).map(|y| y.len()).unwrap_or(0)
}

fn median(mut f: impl FnMut() -> usize) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times.get(RUNS / 2).copied().unwrap_or_default()
}

fn main() {
    println!("| input | pages | parse floor | pipeline | pipeline / floor |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut base = None;
    for copies in [1, 10] {
        let input = pages(copies);
        let f = median(|| floor(&input));
        let p = median(|| pipeline(&input));
        println!(
            "| x{copies} | {} | {:.1} ms | {:.1} ms | {:.2} |",
            input.len(),
            f.as_secs_f64() * 1e3,
            p.as_secs_f64() * 1e3,
            p.as_secs_f64() / f.as_secs_f64()
        );
        match base {
            None => base = Some(p),
            Some(b) => println!("\npipeline x10 / x1 = {:.2} (linear would be 10)", p.as_secs_f64() / b.as_secs_f64()),
        }
    }
}
