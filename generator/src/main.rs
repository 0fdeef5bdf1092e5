//! `generator`: Huawei Cloud API docs -> OpenAPI 3.0.3 -> Rust SDK crate.

use clap::{Parser, Subcommand, ValueEnum};
use generator::diagnostics::{Diagnostic, Level};
use generator::{pipeline, render, spec};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cloud;
mod generate;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "generator",
    version,
    about = "Turns Huawei Cloud API documentation pages into OpenAPI specs and Rust SDK crates"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate every service in the config (the default command).
    Generate(generate::Args),
    /// Read pages and print one service's OpenAPI YAML.
    Spec {
        /// Page files or folders (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Service name (endpoint name, e.g. `modelarts`).
        #[arg(long)]
        service: String,
        /// Write the YAML here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Overrides file to apply.
        #[arg(long)]
        overrides: Option<PathBuf>,
        /// The cloud the service is on: `huaweicloud` or `otc` (endpoint pattern, default region).
        #[arg(long, default_value = "huaweicloud")]
        cloud: String,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Every change between two specs, with its impact on the generated Rust API.
    /// Exit 0: no API change (doc-only at most); 3: additive only; 4: breaking.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
        format: DiffFormat,
    },
    /// Write a Rust SDK crate for a spec.
    Crate {
        #[arg(long)]
        spec: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Package name (default: `hwcloud-<service>`).
        #[arg(long)]
        name: Option<String>,
        /// The `hwcloud-runtime` crate (default: this workspace's `runtime/`).
        #[arg(long)]
        runtime_path: Option<PathBuf>,
        /// Emit an example program `examples/<snake_case_op>.rs` for this operation id (repeatable).
        #[arg(long = "example", value_name = "OPID")]
        examples: Vec<String>,
        /// Endpoint service name (e.g. `ecs`): required when the spec has no `servers`, else it
        /// overrides the first host label of the first server.
        #[arg(long)]
        service: Option<String>,
    },
    /// How much of what the pages document reached the spec, per configured service.
    Coverage {
        /// Config file listing the services (default: spec/services.yaml).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Only this service (repeatable).
        #[arg(long)]
        service: Vec<String>,
        #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
        format: DiffFormat,
    },
    /// Every service of a corpus (one folder each, Open Telekom Cloud) -> specs and crates in a
    /// scratch folder, with one table row per service (a development tool: `scripts/cloud.sh`).
    Cloud(cloud::Args),
    /// Read pages and report diagnostics only.
    Lint {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Exit non-zero on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    Md,
    Json,
}

/// How diagnostics are printed.
#[derive(Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => generate::run(&generate::Args::default()),
        Some(Command::Generate(args)) => generate::run(&args),
        Some(Command::Spec { paths, service, output, overrides, cloud, format }) => {
            let cloud = generator::config::Cloud::from_name(&cloud)
                .ok_or_else(|| format!("unknown cloud `{cloud}` (huaweicloud or otc)"));
            cloud.and_then(|cloud| spec_cmd(&paths, &service, cloud, output, overrides, format))
        }
        Some(Command::Cloud(args)) => cloud::run(&args),
        Some(Command::Lint { paths, deny_warnings, format }) => lint_cmd(&paths, deny_warnings, format),
        Some(Command::Coverage { config, service, format }) => coverage_cmd(config, &service, format),
        Some(Command::Diff { old, new, format }) => diff_cmd(&old, &new, format),
        Some(Command::Crate { spec, out, name, runtime_path, examples, service }) => {
            crate_cmd(&spec, &out, name, runtime_path, examples, service)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn spec_cmd(
    paths: &[PathBuf],
    service: &str,
    cloud: generator::config::Cloud,
    output: Option<PathBuf>,
    overrides: Option<PathBuf>,
    format: Format,
) -> Result<ExitCode, String> {
    let files = pipeline::collect_pages(paths).map_err(|d| d.to_string())?;
    let (pages, mut diags) = pipeline::extract_pages(&files);
    let overrides_text = match &overrides {
        Some(p) => Some(std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?),
        None => None,
    };
    let overrides_name = overrides.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    let info = generate::service_info(service, service, cloud, cloud.default_region());
    let (spec, more) =
        pipeline::build_spec(&pages, &info, overrides_text.as_deref().map(|t| (overrides_name.as_str(), t)));
    diags.extend(more);
    print_diagnostics(&diags, format, paths);
    let code = exit_for(&diags, false);
    if code != ExitCode::SUCCESS {
        // The spec would be wrong: write nothing, leave any previous output as it was.
        eprintln!("spec: errors above; no spec written");
        return Ok(code);
    }
    let yaml = spec::to_yaml(&spec).map_err(|e| format!("cannot write YAML: {e}"))?;
    match output {
        Some(path) => generator::output::write_atomic(&path, &yaml)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => print!("{yaml}"),
    }
    Ok(code)
}

fn diff_cmd(old: &Path, new: &Path, format: DiffFormat) -> Result<ExitCode, String> {
    let load = |p: &Path| -> Result<spec::openapi::OpenApi, String> {
        let text = std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        spec::from_yaml(&text).map_err(|e| format!("{} is not a spec this tool reads: {e}", p.display()))
    };
    let (old, new) = (load(old)?, load(new)?);
    let changes = spec::diff::diff(&old, &new);
    // The impact is the Rust API's (names and types as the emitter decides them); the spec
    // report explains it per operation.
    let api = generator::emit::api_changes(&old, &new);
    let impact = match &api {
        Ok(api) => {
            generator::emit::api::worst(api).or(spec::diff::worst(&changes).map(|_| spec::diff::Impact::DocOnly))
        }
        Err(_) => spec::diff::worst(&changes),
    };
    match format {
        DiffFormat::Md => {
            match &api {
                Ok(api) => print!("{}", generator::emit::api::markdown(api)),
                Err(e) => println!("### Rust API: not compared ({e})\n"),
            }
            println!("### Changes per operation\n");
            print!("{}", spec::diff::markdown_by_operation(&changes));
        }
        DiffFormat::Json => {
            let report = serde_json::json!({
                "impact": impact.map(spec::diff::Impact::label),
                "rust_api": api.as_ref().ok(),
                "spec": changes,
            });
            println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?)
        }
    }
    Ok(match impact {
        Some(spec::diff::Impact::Breaking) => ExitCode::from(4),
        Some(spec::diff::Impact::Additive) => ExitCode::from(3),
        _ => ExitCode::SUCCESS,
    })
}

/// A standalone crate (its own `[workspace]`), written atomically.
fn crate_cmd(
    spec_path: &Path,
    out: &Path,
    name: Option<String>,
    runtime: Option<PathBuf>,
    examples: Vec<String>,
    service: Option<String>,
) -> Result<ExitCode, String> {
    let text = std::fs::read_to_string(spec_path).map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let spec =
        spec::from_yaml(&text).map_err(|e| format!("{} is not a spec this tool reads: {e}", spec_path.display()))?;
    let names = generator::emit::ServiceNames::with_service(&spec, service.as_deref()).map_err(|e| e.to_string())?;
    let runtime = match runtime {
        Some(p) => p,
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime"),
    };
    let runtime = std::fs::canonicalize(&runtime).map_err(|e| format!("runtime crate {}: {e}", runtime.display()))?;
    let options = generator::emit::CrateOptions {
        crate_name: name.unwrap_or_else(|| format!("hwcloud-{}", names.service)),
        version: spec.info.version.clone(),
        runtime_path: runtime.to_string_lossy().into_owned(),
        workspace_member: false,
        examples,
        service: Some(names.service.clone()),
    };
    let files: generator::output::Files = generator::emit::emit_crate(&spec, &options)
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|f| (f.path, f.contents))
        .collect();
    generator::output::replace_dir(out, &files).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {} files of crate {} to {}", files.len(), options.crate_name, out.display());
    Ok(ExitCode::SUCCESS)
}

fn coverage_cmd(config: Option<PathBuf>, only: &[String], format: DiffFormat) -> Result<ExitCode, String> {
    let config = generator::config::Config::load(&config.unwrap_or_else(default_config))?;
    let unknown: Vec<&String> = only.iter().filter(|s| !config.services.iter().any(|c| &c.name == *s)).collect();
    if !unknown.is_empty() {
        return Err(format!("no service named {unknown:?} in the config"));
    }
    for service in config.services.iter().filter(|s| only.is_empty() || only.contains(&s.name)) {
        let built = generate::build_service(service)?;
        match format {
            DiffFormat::Md => print!("{}", generator::coverage::markdown(&built.coverage)),
            DiffFormat::Json => println!("{}", serde_json::to_string(&built.coverage).map_err(|e| e.to_string())?),
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn lint_cmd(paths: &[PathBuf], deny_warnings: bool, format: Format) -> Result<ExitCode, String> {
    let files = pipeline::collect_pages(paths).map_err(|d| d.to_string())?;
    let (pages, mut diags) = pipeline::extract_pages(&files);
    let info = generate::service_info("lint", "lint", Default::default(), "cn-north-4");
    let (_, more) = pipeline::build_spec(&pages, &info, None);
    diags.extend(more);
    print_diagnostics(&diags, format, paths);
    Ok(exit_for(&diags, deny_warnings))
}

/// Exit 1 when an error (or, with `deny_warnings`, a warning) was reported.
pub fn exit_for(diags: &[Diagnostic], deny_warnings: bool) -> ExitCode {
    let worst = diags.iter().map(|d| d.level).max();
    match worst {
        Some(Level::Error) => ExitCode::from(1),
        Some(Level::Warning) if deny_warnings => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// Diagnostics to stderr: rendered with their source line, or as JSON lines.
pub fn print_diagnostics(diags: &[Diagnostic], format: Format, inputs: &[PathBuf]) {
    let root = inputs.first().filter(|p| p.is_dir()).map(PathBuf::as_path);
    for d in diags {
        match format {
            Format::Json => eprintln!("{}", serde_json::to_string(d).unwrap_or_default()),
            Format::Human => {
                eprint!("{}", render::human(d, root.or(Some(Path::new(""))).filter(|r| !r.as_os_str().is_empty())))
            }
        }
    }
    if format == Format::Human {
        eprintln!("{}", render::summary_line(diags));
    }
}

/// The default config: `spec/services.yaml` from the current folder, else from the workspace.
pub fn default_config() -> PathBuf {
    let here = PathBuf::from("spec/services.yaml");
    if here.exists() {
        return here;
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/services.yaml")
}
