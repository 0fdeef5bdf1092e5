//! `cargo bench -p generator --bench pipeline`: the docs -> spec pipeline against
//! a floor that only reads and parses the same files, on
//!
//! * `all`: the docs of every service in `spec/services.yaml` (HTML, RST,
//!   Markdown, text; services in parallel and each one run as `generator generate`
//!   runs it: list, read + extract in parallel, merge, build, overrides, YAML);
//! * `x1`: the ModelArts pages; `x10`: the same replicated ten times under new
//!   names (written once to a temporary folder, so both sides read files).
//!
//! The floor reads every page and parses it with the cheapest parser for its
//! format: `scraper::Html::parse_document` for HTML (and text pages),
//! `pulldown_cmark` events for Markdown, and a minimal RST table scan (grid
//! tables cut at their border's `+` columns, simple tables at their rule's `=`
//! runs, `list-table` items; each cell's text collected). Floor and pipeline
//! runs are interleaved so a burst of load hits both. Prints medians, the
//! median of the paired ratios, and x10 / x1; the `all` row also against the
//! old RST floor that only counted border characters (`floor-lines`).
//! `--once pipeline|floor|floor-lines` runs one side once (for callgrind).
//! Timings only, no asserts.

use generator::config::Config;
use generator::pipeline;
use generator::spec::build::ServiceInfo;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const RUNS: usize = 7;

// The allocator of the `generator` binary, so both sides allocate as the CLI does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Service {
    docs: PathBuf,
    info: ServiceInfo,
    overrides: Option<(String, String)>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn services() -> Vec<Service> {
    let config = Config::load(&root().join("spec/services.yaml")).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    config
        .services
        .iter()
        .map(|s| Service {
            docs: s.docs.clone(),
            info: ServiceInfo { version: "0.1.0".into(), ..ServiceInfo::from_config(s) },
            overrides: s
                .overrides
                .as_ref()
                .and_then(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?))),
        })
        .collect()
}

/// The ModelArts pages copied `copies` times into a fresh folder, copy i > 0 as `Copy<i><name>`.
fn replicate(copies: usize) -> PathBuf {
    let docs = root().join("spec/modelarts/docs");
    let dir = std::env::temp_dir().join(format!("hwcloud-bench-pages-x{copies}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    for e in std::fs::read_dir(&docs).into_iter().flatten().flatten() {
        let p = e.path();
        let Some(name) = p.file_name().and_then(|n| n.to_str()) else { continue };
        if !p.is_file() || !pipeline::PAGE_EXTENSIONS.iter().any(|x| name.ends_with(&format!(".{x}"))) {
            continue;
        }
        for i in 0..copies {
            let to = if i == 0 { name.to_string() } else { format!("Copy{i}{name}") };
            let _ = std::fs::copy(&p, dir.join(to));
        }
    }
    dir
}

/// The old RST floor (`floor-lines`): counts grid borders, simple-table rules and list-table
/// rows without reading any cell text.
fn rst_lines(text: &str) -> usize {
    let mut n = 0;
    let mut in_list_table = false;
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("+-")
            || t.starts_with("+=")
            || (t.starts_with("==") && t.bytes().all(|b| b == b'=' || b == b' '))
        {
            n += t.bytes().filter(|&b| b == b'+' || b == b' ').count();
        } else if t.starts_with(".. list-table::") {
            in_list_table = true;
        } else if in_list_table && t.starts_with("* -") {
            n += 1;
        } else if in_list_table && !t.is_empty() && !line.starts_with(' ') {
            in_list_table = false;
        }
    }
    n
}

/// What the RST floor keeps of a table: one `String` per cell (its lines joined).
#[derive(Default)]
struct Cells {
    cells: usize,
    bytes: usize,
}

impl Cells {
    fn row(&mut self, row: &mut Vec<String>) {
        self.cells += row.len();
        self.bytes += row.iter().map(String::len).sum::<usize>();
        row.clear();
    }
}

/// Append one line's part of a cell (trimmed) to the cell's text.
fn push_part(cell: &mut String, part: &str) {
    let part = part.trim();
    if !part.is_empty() {
        if !cell.is_empty() {
            cell.push(' ');
        }
        cell.push_str(part);
    }
}

/// `(start, end)` byte spans of the runs of `c` in `line`.
fn runs(line: &str, c: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, b) in line.bytes().chain([b' ']).enumerate() {
        match (b == c, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The text of `line` between byte offsets (clamped, empty when not on a char boundary).
fn part(line: &str, from: usize, to: usize) -> &str {
    line.get(from.min(line.len())..to.min(line.len())).unwrap_or("")
}

/// Minimal RST table scan: grid tables cut at the `+` columns of their border line, simple
/// tables at the `=` runs of their rule, `list-table` items; every cell's text collected as a
/// `String` (no inline markup, no spans: a spanning row is cut like any other).
fn rst_tables(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Cells::default();
    let mut row: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        i += 1;
        if t.starts_with("+-") || t.starts_with("+=") {
            // Grid: columns from the border's `+`; rows end at the next border.
            let seps: Vec<usize> = t.bytes().enumerate().filter(|(_, b)| *b == b'+').map(|(k, _)| k).collect();
            row = vec![String::new(); seps.len().saturating_sub(1)];
            while let Some(l) = lines.get(i) {
                let l = l.get(indent.min(l.len())..).unwrap_or("");
                if l.starts_with('+') {
                    out.row(&mut row);
                    row.resize(seps.len().saturating_sub(1), String::new());
                } else if l.starts_with('|') {
                    for (cell, w) in row.iter_mut().zip(seps.windows(2)) {
                        if let [from, to] = *w {
                            push_part(cell, part(l, from + 1, to));
                        }
                    }
                } else {
                    break;
                }
                i += 1;
            }
            row.clear();
        } else if t.starts_with("==") && t.contains(' ') && t.bytes().all(|b| b == b'=' || b == b' ') {
            // Simple table: columns are the rule's `=` runs (the last takes the rest of the line);
            // each line is a row, rules are skipped, the third rule ends the table.
            let spans = runs(line, b'=');
            let mut rules = 1;
            while let Some(l) = lines.get(i) {
                i += 1;
                let lt = l.trim_start();
                if lt.starts_with("==") && lt.bytes().all(|b| b == b'=' || b == b' ') {
                    rules += 1;
                    if rules == 3 {
                        break;
                    }
                    continue;
                }
                if lt.is_empty() {
                    continue;
                }
                for (k, &(from, to)) in spans.iter().enumerate() {
                    let to = if k + 1 == spans.len() { usize::MAX } else { to };
                    let mut cell = String::new();
                    push_part(&mut cell, part(l, from, to));
                    row.push(cell);
                }
                out.row(&mut row);
            }
        } else if t.starts_with(".. list-table::") {
            // `* -` starts a row, `-` starts a cell, deeper lines continue the cell.
            while let Some(l) = lines.get(i) {
                let lt = l.trim_start();
                if !lt.is_empty() && l.len() - lt.len() <= indent {
                    break;
                }
                i += 1;
                if let Some(first) = lt.strip_prefix("* -") {
                    out.row(&mut row);
                    row.push(first.trim().to_string());
                } else if let Some(next) = lt.strip_prefix("- ").or((lt == "-").then_some("")) {
                    row.push(next.trim().to_string());
                } else if let Some(cell) = row.last_mut() {
                    push_part(cell, lt);
                }
            }
            out.row(&mut row);
        }
    }
    out.cells + out.bytes
}

/// Which RST scan the floor uses: the table scan, or the old line count (`floor-lines`).
#[derive(Clone, Copy)]
enum Rst {
    Tables,
    Lines,
}

fn parse_floor(path: &Path, rst: Rst) -> usize {
    let Ok(bytes) = std::fs::read(path) else { return 0 };
    let text = String::from_utf8_lossy(&bytes);
    match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("rst") => match rst {
            Rst::Tables => rst_tables(&text),
            Rst::Lines => rst_lines(&text),
        },
        Some("md" | "markdown") => {
            pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES).count()
        }
        _ => scraper::Html::parse_document(&text).tree.nodes().count(),
    }
}

fn floor(docs: &Path, rst: Rst) -> usize {
    let files = pipeline::collect_pages(&[docs.to_path_buf()]).unwrap_or_default();
    files.par_iter().map(|f| parse_floor(&f.path, rst)).sum()
}

fn run_service(docs: &Path, info: &ServiceInfo, overrides: Option<&(String, String)>) -> usize {
    let files = pipeline::collect_pages(&[docs.to_path_buf()]).unwrap_or_default();
    let (pages, _) = pipeline::extract_pages(&files);
    let (spec, _) = pipeline::build_spec(&pages, info, overrides.map(|(n, t)| (n.as_str(), t.as_str())));
    generator::spec::to_yaml(&spec).map(|y| y.len()).unwrap_or(0)
}

fn time(f: &mut impl FnMut() -> usize) -> Duration {
    let start = Instant::now();
    std::hint::black_box(f());
    start.elapsed()
}

fn median<T: Copy + PartialOrd + Default>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// (floor, pipeline, median paired ratio), floor and pipeline interleaved.
fn measure(mut fl: impl FnMut() -> usize, mut pl: impl FnMut() -> usize) -> (Duration, Duration, f64) {
    time(&mut fl);
    time(&mut pl);
    let (mut f, mut p, mut r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let a = time(&mut fl);
        let b = time(&mut pl);
        f.push(a);
        p.push(b);
        r.push(b.as_secs_f64() / a.as_secs_f64());
    }
    (median(f), median(p), median(r))
}

fn row(name: &str, pages: usize, (f, p, r): (Duration, Duration, f64)) {
    println!("| {name} | {pages} | {:.1} ms | {:.1} ms | {r:.2} |", f.as_secs_f64() * 1e3, p.as_secs_f64() * 1e3);
}

fn count(docs: &Path) -> usize {
    pipeline::collect_pages(&[docs.to_path_buf()]).map(|f| f.len()).unwrap_or(0)
}

/// `--once floor|pipeline`: run that side once and print its result, no timing loop
/// (for `valgrind --tool=callgrind`, whose instruction counts are the work ratio on a busy machine).
fn once_mode() -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let i = args.iter().position(|a| a == "--once")?;
    args.get(i + 1).cloned()
}

fn run_once(side: &str, only: Option<&str>) {
    let row = only.unwrap_or("all");
    let (docs, services): (Option<PathBuf>, Vec<Service>) = match row {
        "all" => (None, services()),
        x => (Some(replicate(x.trim_start_matches('x').parse().unwrap_or(1))), Vec::new()),
    };
    let info = ServiceInfo::new("Bench", "bench");
    let rst = if side == "floor-lines" { Rst::Lines } else { Rst::Tables };
    let n: usize = match (side, &docs) {
        ("floor" | "floor-lines", None) => services.par_iter().map(|s| floor(&s.docs, rst)).sum(),
        ("floor" | "floor-lines", Some(d)) => floor(d, rst),
        (_, None) => services.par_iter().map(|s| run_service(&s.docs, &s.info, s.overrides.as_ref())).sum(),
        (_, Some(d)) => run_service(d, &info, None),
    };
    if let Some(d) = docs {
        let _ = std::fs::remove_dir_all(d);
    }
    println!("{row} {side}: {n}");
}

fn main() {
    let only = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-') && !["floor", "floor-lines", "pipeline"].contains(&a.as_str()));
    if let Some(side) = once_mode() {
        return run_once(&side, only.as_deref());
    }
    let want = |n: &str| only.as_deref().is_none_or(|o| o == n);
    println!("| input | pages | parse floor | pipeline | pipeline / floor |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    if want("all") {
        let services = services();
        let pages: usize = services.iter().map(|s| count(&s.docs)).sum();
        // Services in parallel on both sides, as `generator generate` runs them.
        let floor_all = |rst| services.par_iter().map(|s| floor(&s.docs, rst)).sum();
        let m = measure(
            || floor_all(Rst::Tables),
            || services.par_iter().map(|s| run_service(&s.docs, &s.info, s.overrides.as_ref())).sum(),
        );
        row("all", pages, m);
        // The old floor, whose RST scan reads no cell text (against the same pipeline median).
        let lines = median((0..RUNS).map(|_| time(&mut || floor_all(Rst::Lines))).collect());
        row("all (floor-lines)", pages, (lines, m.1, m.1.as_secs_f64() / lines.as_secs_f64()));
    }
    let info = ServiceInfo::new("Bench", "bench");
    let mut base = None;
    for copies in [1, 10] {
        if !want("x1") && !want("x10") {
            break;
        }
        let dir = replicate(copies);
        let m = measure(|| floor(&dir, Rst::Tables), || run_service(&dir, &info, None));
        row(&format!("x{copies}"), count(&dir), m);
        let _ = std::fs::remove_dir_all(&dir);
        match base {
            None => base = Some(m),
            Some(b) => println!(
                "\npipeline x10 / x1 = {:.2}; floor x10 / x1 = {:.2} (linear would be 10)",
                m.1.as_secs_f64() / b.1.as_secs_f64(),
                m.0.as_secs_f64() / b.0.as_secs_f64()
            ),
        }
    }
}
