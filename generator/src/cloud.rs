//! `generator cloud`: every service of a corpus (each top-level folder is one Open Telekom Cloud
//! service), pages -> spec -> crate in one process, services in parallel. A development tool
//! (`scripts/cloud.sh` validates the specs and checks the crates it writes): the scratch folder
//! gets `<service>/openapi.yaml`, `crates/<service>/` (members of one `Cargo.toml` workspace, so
//! one `cargo check` with one target folder checks them all), and `cloud.json` with the figures
//! of the table it prints.

use generator::config::Cloud;
use generator::coverage::{self, Coverage};
use generator::diagnostics::{Diagnostic, Level};
use generator::emit::{self, CrateOptions};
use generator::spec::openapi::OpenApi;
use generator::{output, pipeline, spec};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// The corpus: one folder of pages per service.
    corpus: PathBuf,
    /// Scratch folder for the specs, the crates and `cloud.json` (created; its contents replaced).
    #[arg(long)]
    out: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long)]
    jobs: Option<usize>,
}

/// One service's row of the table (`cloud.json` holds them for `scripts/cloud.sh`).
#[derive(Debug, Serialize)]
struct Row {
    service: String,
    pages: usize,
    operations: usize,
    rows: usize,
    rows_reached: usize,
    enum_bullets: usize,
    enum_extracted: usize,
    /// Enum values that are description labels (`Definition`, `Range`, `取值范围` ...), from the
    /// coverage figures' precision count.
    false_enums: usize,
    /// Every precision defect of the coverage figures: false enums, enums of open sets,
    /// placeholder or unstated defaults, required flags against the Mandatory column.
    precision_defects: usize,
    orphan_tables: usize,
    /// Diagnostics per code.
    diagnostics: BTreeMap<String, usize>,
    errors: usize,
    /// Why no crate was written, if none was.
    crate_error: Option<String>,
}

#[derive(Debug, Serialize)]
struct Report {
    services: Vec<Row>,
    /// Wall-clock seconds of pages -> specs (read, extract, build, coverage, YAML written) for all.
    specs_seconds: f64,
    /// CPU seconds (every thread) of the same: what it costs on a quiet machine; the wall clock
    /// of a shared one depends on the other load.
    specs_cpu_seconds: Option<f64>,
    /// Wall-clock seconds of specs -> crates (emitted and written).
    crates_seconds: f64,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let services = service_folders(&args.corpus)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start {} worker threads: {e}", args.jobs.unwrap_or(0)))?;
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let out = std::fs::canonicalize(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let built: Vec<Result<Built, String>> =
        pool.install(|| services.par_iter().map(|(name, dir)| build(name, dir, &out)).collect());
    let specs_seconds = start.elapsed().as_secs_f64();
    let specs_cpu_seconds = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    let built: Vec<Built> = built.into_iter().collect::<Result<_, _>>()?;
    let runtime = runtime_dir()?;
    let start = Instant::now();
    let crate_errors: Vec<Option<String>> =
        pool.install(|| built.par_iter().map(|b| write_crate(b, &out, &runtime).err()).collect());
    let crates_seconds = start.elapsed().as_secs_f64();
    write_workspace(&out, &built, &crate_errors)?;
    let services: Vec<Row> = built.iter().zip(crate_errors).map(|(b, e)| row(b, e)).collect();
    let report = Report { services, specs_seconds, specs_cpu_seconds, crates_seconds };
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    output::write_atomic(&out.join("cloud.json"), &json).map_err(|e| format!("cannot write cloud.json: {e}"))?;
    print!("{}", table(&report));
    Ok(ExitCode::SUCCESS)
}

/// User and system CPU seconds of this process so far (all threads), from `/proc/self/stat`
/// (Linux; fields 14 and 15, in clock ticks of 1/100 s, the kernel's USER_HZ); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces: count after it.
    let after = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = after.split_whitespace().skip(11);
    let user: f64 = fields.next()?.parse().ok()?;
    let system: f64 = fields.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// Every top-level folder of the corpus, by name.
fn service_folders(corpus: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let entries = std::fs::read_dir(corpus).map_err(|e| format!("cannot list {}: {e}", corpus.display()))?;
    let mut services: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p)))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    services.sort();
    if services.is_empty() {
        return Err(format!("{} has no service folders", corpus.display()));
    }
    Ok(services)
}

struct Built {
    name: String,
    spec: OpenApi,
    coverage: Coverage,
    pages: usize,
    diags: Vec<Diagnostic>,
}

/// Pages -> spec for one service (no overrides: a first reading), written as `<out>/<name>/openapi.yaml`.
fn build(name: &str, dir: &Path, out: &Path) -> Result<Built, String> {
    let files = pipeline::collect_pages(&[dir.to_path_buf()]).map_err(|d| d.to_string())?;
    let (docs, pages, mut diags) = pipeline::extract_pages_with_docs(&files);
    let info = crate::generate::service_info(&name.to_uppercase(), name, Cloud::Otc, Cloud::Otc.default_region());
    let (spec, more) = pipeline::build_spec(&pages, &info, None);
    diags.extend(more);
    let coverage = coverage::measure(name, &docs, &spec);
    let yaml = spec::to_yaml(&spec).map_err(|e| format!("{name}: cannot write YAML: {e}"))?;
    let path = out.join(name).join("openapi.yaml");
    output::write_atomic(&path, &yaml).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    // The losses, row by row, next to the spec: what the table row of this service summarises.
    let report = out.join(name).join("COVERAGE.md");
    output::write_atomic(&report, &coverage::markdown(&coverage))
        .map_err(|e| format!("cannot write {}: {e}", report.display()))?;
    Ok(Built { name: name.to_string(), spec, coverage, pages: pages.len(), diags })
}

/// The crate of one service as `generator crate` writes it, as a member of the scratch workspace.
fn write_crate(b: &Built, out: &Path, runtime: &Path) -> Result<(), String> {
    let names = emit::ServiceNames::with_service(&b.spec, Some(&b.name)).map_err(|e| e.to_string())?;
    let options = CrateOptions {
        crate_name: format!("hwcloud-{}", b.name),
        version: b.spec.info.version.clone(),
        runtime_path: runtime.to_string_lossy().into_owned(),
        workspace_member: true,
        examples: Vec::new(),
        service: Some(names.service.clone()),
    };
    let files: output::Files = emit::emit_crate(&b.spec, &options)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect();
    let dir = out.join("crates").join(&b.name);
    output::replace_dir(&dir, &files).map_err(|e| format!("cannot write {}: {e}", dir.display()))
}

/// This repository's runtime crate (the crates' path dependency).
fn runtime_dir() -> Result<PathBuf, String> {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    std::fs::canonicalize(&runtime).map_err(|e| format!("runtime crate {}: {e}", runtime.display()))
}

/// `<out>/Cargo.toml`: a workspace of the crates that were written.
fn write_workspace(out: &Path, built: &[Built], errors: &[Option<String>]) -> Result<(), String> {
    let members: Vec<String> = built
        .iter()
        .zip(errors)
        .filter(|(_, e)| e.is_none())
        .map(|(b, _)| format!("    \"crates/{}\",\n", b.name))
        .collect();
    let text =
        format!("# Written by `generator cloud`.\n[workspace]\nresolver = \"2\"\nmembers = [\n{}]\n", members.concat());
    output::write_atomic(&out.join("Cargo.toml"), &text).map_err(|e| format!("cannot write the workspace: {e}"))
}

fn row(b: &Built, crate_error: Option<String>) -> Row {
    let f = &b.coverage.figures;
    let mut diagnostics = BTreeMap::new();
    for d in &b.diags {
        *diagnostics.entry(d.code.to_string()).or_insert(0) += 1;
    }
    Row {
        service: b.name.clone(),
        pages: b.pages,
        operations: f.operations,
        rows: f.rows,
        rows_reached: f.rows_reached,
        enum_bullets: f.enum_bullets,
        enum_extracted: f.enum_extracted,
        false_enums: f.false_enums,
        precision_defects: f.precision_defects(),
        orphan_tables: f.orphan_tables,
        errors: b.diags.iter().filter(|d| d.level == Level::Error).count(),
        diagnostics,
        crate_error,
    }
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The Markdown table, one row per service, and the totals.
fn table(r: &Report) -> String {
    let mut t = String::from(
        "| service | pages | operations | rows reachable | enums extracted | false enums | precision defects | orphans | errors | diagnostics by code | crate |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n",
    );
    for s in &r.services {
        let codes: Vec<String> = s.diagnostics.iter().map(|(c, n)| format!("{c}:{n}")).collect();
        t.push_str(&format!(
            "| {} | {} | {} | {:.1}% | {:.1}% | {} | {} | {} | {} | {} | {} |\n",
            s.service,
            s.pages,
            s.operations,
            pct(s.rows_reached, s.rows),
            pct(s.enum_extracted, s.enum_bullets),
            s.false_enums,
            s.precision_defects,
            s.orphan_tables,
            s.errors,
            codes.join(" "),
            s.crate_error.as_deref().map_or("written".to_string(), |e| format!("not written: {e}")),
        ));
    }
    let sum = |f: fn(&Row) -> usize| r.services.iter().map(f).sum::<usize>();
    let cpu = r.specs_cpu_seconds.map_or(String::new(), |c| format!(" ({c:.2} s CPU)"));
    t.push_str(&format!(
        "\n{} services: {} operations, rows {:.1}%, enums {:.1}%, false enums {}, precision defects {}; pages -> specs {:.2} s{cpu}, specs -> crates {:.2} s\n",
        r.services.len(),
        sum(|s| s.operations),
        pct(sum(|s| s.rows_reached), sum(|s| s.rows)),
        pct(sum(|s| s.enum_extracted), sum(|s| s.enum_bullets)),
        sum(|s| s.false_enums),
        sum(|s| s.precision_defects),
        r.specs_seconds,
        r.crates_seconds,
    ));
    t
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn cpu_time_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(cpu_seconds().is_some_and(|s| s >= 0.0));
        }
    }
}
