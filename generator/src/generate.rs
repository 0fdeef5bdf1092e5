//! `generator generate`: every configured service, docs -> spec -> crate,
//! written atomically, or compared with what is committed (`--check`).

use crate::{default_config, exit_for, print_diagnostics, Format};
use generator::config::{Cloud, Config, Service};
use generator::diagnostics::{Diagnostic, Level};
use generator::emit::{self, CrateOptions};
use generator::output::{self, Files};
use generator::spec::build::ServiceInfo;
use generator::{changelog, config, pipeline, render, spec};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Default)]
pub struct Args {
    /// Config file listing the services.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Regenerate in memory and exit 1 with a diff if anything on disk is stale.
    #[arg(long)]
    check: bool,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Print every warning and info in full (by default they are counted per code).
    #[arg(long)]
    verbose: bool,
}

pub fn service_info(title: &str, endpoint: &str, cloud: Cloud, region: &str) -> ServiceInfo {
    ServiceInfo {
        title: title.to_string(),
        endpoint: endpoint.to_string(),
        default_region: region.to_string(),
        version: changelog::INITIAL_VERSION.to_string(),
        cloud,
        name: endpoint.to_string(),
        scope: Default::default(),
        regions: Default::default(),
    }
}

/// Everything one service produces, in memory.
struct Outputs {
    spec_path: PathBuf,
    spec_yaml: String,
    coverage_path: PathBuf,
    /// `spec/<service>/rust-api.json`: the crate's public API, the next run's semver baseline.
    api_path: PathBuf,
    api_json: String,
    coverage: generator::coverage::Coverage,
    coverage_md: String,
    crate_dir: PathBuf,
    crate_files: Files,
    /// `spec/<service>/.commit.tmp-gen`: the files of the spec folder being written together.
    journal_path: PathBuf,
    pages: usize,
    operations: usize,
    schemas: usize,
}

pub fn run(args: &Args) -> Result<ExitCode, String> {
    let config_path = args.config.clone().unwrap_or_else(default_config);
    let config = Config::load(&config_path)?;
    let mut all_diags = Vec::new();
    let mut outputs = Vec::new();
    let mut summaries = Vec::new();
    // Services are independent: produce them all at once (each one's serial part, build and emit,
    // overlaps the others' parallel reading), then report and write them in config order.
    if !args.check {
        // A run killed while committing a spec folder: finish it before it is read as a baseline.
        for service in &config.services {
            output::finish_pending(&journal_path(service))
                .map_err(|e| format!("cannot finish the last run's writes in {}: {e}", service.spec.display()))?;
        }
    }
    let produced: Vec<_> = config.services.par_iter().map(produce).collect();
    for (service, result) in config.services.iter().zip(produced) {
        let (out, diags) = result?;
        if args.verbose || args.format == Format::Json {
            print_diagnostics(&diags, args.format, std::slice::from_ref(&service.docs));
        } else {
            print_brief(&diags, service);
        }
        println!("coverage {}", generator::coverage::summary_line(&out.coverage));
        summaries.push(render::summary_line(&diags));
        all_diags.extend(diags);
        outputs.push(out);
    }
    if exit_for(&all_diags, false) != ExitCode::SUCCESS {
        eprintln!("generate: errors above; nothing was written");
        return Ok(ExitCode::from(1));
    }
    if args.check {
        return Ok(check(&outputs));
    }
    for (out, summary) in outputs.iter().zip(&summaries) {
        // The crate first, the spec last: the committed spec is the state the next run
        // compares against, so it moves only once everything derived from it is in place.
        if !out.crate_files.is_empty() {
            output::replace_dir(&out.crate_dir, &out.crate_files)
                .map_err(|e| format!("cannot write {}: {e}", out.crate_dir.display()))?;
        }
        // The spec and the API baseline are what the next run compares against: they move together.
        let files = [
            (out.coverage_path.as_path(), out.coverage_md.as_str()),
            (out.api_path.as_path(), out.api_json.as_str()),
            (out.spec_path.as_path(), out.spec_yaml.as_str()),
        ];
        output::write_together(&out.journal_path, &files)
            .map_err(|e| format!("cannot write {}: {e}", out.spec_path.display()))?;
        println!(
            "{}: {} pages, {} operations, {} schemas; {}; wrote {} and {} files in {}",
            out.spec_path.display(),
            out.pages,
            out.operations,
            out.schemas,
            summary,
            out.spec_path.display(),
            out.crate_files.len(),
            out.crate_dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Errors in full; warnings and infos counted per code, so the run fits on one screen.
fn print_brief(diags: &[Diagnostic], service: &Service) {
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.level == Level::Error).cloned().collect();
    if !errors.is_empty() {
        print_diagnostics(&errors, Format::Human, std::slice::from_ref(&service.docs));
    }
    let mut counts: std::collections::BTreeMap<String, (usize, &Diagnostic)> = std::collections::BTreeMap::new();
    for d in diags.iter().filter(|d| d.level != Level::Error) {
        counts.entry(d.code.to_string()).or_insert((0, d)).0 += 1;
    }
    for (code, (n, first)) in counts {
        eprintln!("  {code} x{n:<4} e.g. {}: {}", first.location(), first.message.chars().take(90).collect::<String>());
    }
    if !diags.is_empty() {
        eprintln!("  (all of them: `generator lint {}` or `generator generate --verbose`)", service.docs.display());
    }
}

/// A service's spec (overrides applied), its coverage, and the diagnostics.
pub struct Built {
    pub spec: spec::openapi::OpenApi,
    pub coverage: generator::coverage::Coverage,
    pub pages: usize,
    pub diags: Vec<Diagnostic>,
}

/// Docs -> spec for one service, measuring coverage on the way.
pub fn build_service(service: &Service) -> Result<Built, String> {
    let files = pipeline::collect_pages(std::slice::from_ref(&service.docs)).map_err(|d| d.to_string())?;
    let (docs, pages, mut diags) = pipeline::extract_pages_with_docs(&files);
    let overrides = match &service.overrides {
        Some(p) => Some((
            display_name(p),
            std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?,
        )),
        None => None,
    };
    let info = ServiceInfo::from_config(service);
    let (spec, more) = pipeline::build_spec(&pages, &info, overrides.as_ref().map(|(n, t)| (n.as_str(), t.as_str())));
    diags.extend(more);
    let coverage = generator::coverage::measure(&service.name, &docs, &spec);
    Ok(Built { spec, coverage, pages: pages.len(), diags })
}

fn produce(service: &Service) -> Result<(Outputs, Vec<Diagnostic>), String> {
    let Built { mut spec, coverage, pages, mut diags } = build_service(service)?;
    // Lowered once: the public API it has decides the version, then the crate is emitted from it.
    let lowered = emit::model::lower(&spec).map_err(|e| format!("{}: {e}", service.name))?;
    diags.extend(emit::check::identifiers(&lowered, &service.spec.display().to_string()));
    let surface = emit::api::surface(&lowered);
    let changelog = version_and_changelog(service, &mut spec, &surface);
    let spec_yaml = spec::to_yaml(&spec).map_err(|e| format!("cannot write YAML: {e}"))?;
    let options = CrateOptions {
        crate_name: service.crate_name.clone(),
        version: spec.info.version.clone(),
        runtime_path: config::relative(&service.crate_dir, &service.runtime).to_string_lossy().replace('\\', "/"),
        workspace_member: true,
        examples: service.examples.clone(),
        service: None,
    };
    let mut crate_files: Files = emit::emit_lowered(&spec, &lowered, &options)
        .map_err(|e| format!("{}: {e}", service.name))?
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect();
    crate_files.insert(PathBuf::from("CHANGELOG.md"), changelog);
    let coverage_path = coverage_path(service);
    let out = Outputs {
        api_path: api_path(service),
        api_json: emit::api::to_baseline(&surface),
        spec_path: service.spec.clone(),
        spec_yaml,
        coverage_path,
        coverage_md: generator::coverage::markdown(&coverage),
        coverage,
        crate_dir: service.crate_dir.clone(),
        crate_files,
        journal_path: journal_path(service),
        pages,
        operations: spec.operations().len(),
        schemas: spec.components.schemas.len(),
    };
    Ok((out, diags))
}

/// Compare with the committed spec: set the crate version (in `info.version`)
/// and return the CHANGELOG with a new entry when the API changed.
fn version_and_changelog(service: &Service, spec: &mut spec::openapi::OpenApi, surface: &emit::api::Surface) -> String {
    let old = std::fs::read_to_string(&service.spec).ok().and_then(|t| spec::from_yaml(&t).ok());
    let existing = std::fs::read_to_string(service.crate_dir.join("CHANGELOG.md")).ok();
    let Some(old) = old else {
        spec.info.version = changelog::INITIAL_VERSION.to_string();
        return existing.unwrap_or_else(changelog::initial);
    };
    let changes = spec::diff::diff(&old, spec);
    // The bump follows the Rust API: against the committed baseline when there is one (so a
    // change of the generator moves the version too), else what the emitter makes of both specs.
    // Spec changes that leave it as it is are doc-only.
    let baseline = std::fs::read_to_string(api_path(service)).ok().and_then(|t| emit::api::from_baseline(&t));
    let changes_of_api = match baseline {
        Some(old_surface) => {
            let mut new_surface = surface.clone();
            new_surface.values_mut().for_each(|item| item.docs.clear());
            Ok(emit::api::diff(&old_surface, &new_surface))
        }
        None => emit::api_changes(&old, spec),
    };
    let (api, impact) = match changes_of_api {
        Ok(api) => {
            let impact = emit::api::worst(&api).or(spec::diff::worst(&changes).map(|_| spec::diff::Impact::DocOnly));
            (api, impact)
        }
        // The committed spec no longer lowers (an older format): classify on the spec.
        Err(_) => (Vec::new(), spec::diff::worst(&changes)),
    };
    match impact {
        None => {
            spec.info.version = old.info.version.clone();
            existing.unwrap_or_else(changelog::initial)
        }
        Some(impact) => {
            spec.info.version = changelog::bump(&old.info.version, impact);
            println!(
                "{}: API changed, {} -> {} ({}):",
                service.name,
                old.info.version,
                spec.info.version,
                impact.label()
            );
            print!("{}", emit::api::markdown(&api));
            print!("{}", spec::diff::markdown_by_operation(&changes));
            let entry = changelog::entry_with_api(&spec.info.version, impact, &changes, &api);
            changelog::prepend(existing.as_deref(), &entry)
        }
    }
}

/// `spec/<service>/rust-api.json`, beside the spec.
pub fn api_path(service: &Service) -> PathBuf {
    service.spec.parent().unwrap_or(Path::new(".")).join("rust-api.json")
}

/// `spec/<service>/.commit.tmp-gen`, beside the spec (ignored by git like every `*.tmp-gen`).
fn journal_path(service: &Service) -> PathBuf {
    service.spec.parent().unwrap_or(Path::new(".")).join(".commit.tmp-gen")
}

/// `spec/<service>/COVERAGE.md`, beside the spec.
pub fn coverage_path(service: &Service) -> PathBuf {
    service.spec.parent().unwrap_or(Path::new(".")).join("COVERAGE.md")
}

fn display_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Compare in-memory outputs with the disk; print a short unified diff per stale file.
fn check(outputs: &[Outputs]) -> ExitCode {
    let mut stale = 0;
    for out in outputs {
        let outputs =
            [(&out.spec_path, &out.spec_yaml), (&out.coverage_path, &out.coverage_md), (&out.api_path, &out.api_json)];
        for (path, want) in outputs {
            let have = std::fs::read_to_string(path).ok();
            if have.as_deref() != Some(want.as_str()) {
                stale += 1;
                print_diff(path, have.as_deref(), Some(want));
            }
        }
        for (rel, have, want) in output::stale(&out.crate_dir, &out.crate_files) {
            stale += 1;
            print_diff(&out.crate_dir.join(rel), have.as_deref(), want.as_deref());
        }
    }
    if stale == 0 {
        println!("generate --check: spec/ and generated/ are fresh");
        ExitCode::SUCCESS
    } else {
        println!("generate --check: {stale} stale file(s); run `cargo run -p generator` and commit the result");
        ExitCode::from(1)
    }
}

const MAX_DIFF_LINES: usize = 40;

fn print_diff(path: &Path, old: Option<&str>, new: Option<&str>) {
    let diff = similar::TextDiff::from_lines(old.unwrap_or(""), new.unwrap_or(""));
    let name = path.display().to_string();
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&format!("{name} (on disk)"), &format!("{name} (generated)"))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    for l in lines.iter().take(MAX_DIFF_LINES) {
        println!("{l}");
    }
    if lines.len() > MAX_DIFF_LINES {
        println!("... {} more diff lines", lines.len() - MAX_DIFF_LINES);
    }
}
