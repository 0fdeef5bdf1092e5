//! *emit*: OpenAPI → a typed async Rust SDK crate, returned as files in memory.
//!
//! [`emit_crate`] lowers the spec into an IR with every name decided
//! ([`model`]), then one small emitter per construct writes the code:
//! identifiers ([`ident`]), doc comments ([`docs`]), structs ([`structs`]),
//! enums ([`enums`]), operations ([`operations`]), example tests
//! ([`examples`]), example programs ([`example_bin`]); [`files`] assembles
//! the crate (Rust through quote and prettyplease, `Cargo.toml` and
//! `README.md` through askama templates in `templates/crate/`). The generated
//! crate depends on `hwcloud-runtime`.

pub mod api;
pub mod check;
pub mod docs;
pub mod enums;
pub mod example_bin;
pub mod examples;
pub mod files;
pub mod ident;
pub mod lowered;
pub mod model;
pub mod naming;
pub mod operations;
pub mod options;
pub mod paginate;
pub mod serde_impls;
pub mod structs;
pub mod tokens;
pub mod usage;

use crate::spec::openapi::OpenApi;
pub use options::{CrateOptions, EmitError, GeneratedFile, ServiceNames};
use rayon::prelude::*;

/// The changes of the public Rust API from the crate of `old` to the crate of `new`
/// (see [`api`]): what the version bump follows.
pub fn api_changes(old: &OpenApi, new: &OpenApi) -> Result<Vec<api::ApiChange>, EmitError> {
    Ok(api::diff(&api::surface(&model::lower(old)?), &api::surface(&model::lower(new)?)))
}

/// Emit the crate for `spec`: `Cargo.toml`, `README.md`, `src/lib.rs`,
/// `src/client.rs`, `src/models.rs`, `src/operations.rs`, one `src/<group>.rs`
/// per API group, `tests/examples.rs`, and `examples/<operation>.rs` per entry
/// of [`CrateOptions::examples`].
pub fn emit_crate(spec: &OpenApi, options: &CrateOptions) -> Result<Vec<GeneratedFile>, EmitError> {
    emit_lowered(spec, &model::lower(spec)?, options)
}

/// [`emit_crate`] from the model `all` already lowered from `spec` (`generate` also reads the
/// public API off it, [`api::surface`]).
pub fn emit_lowered(
    spec: &OpenApi,
    all: &model::Lowered,
    options: &CrateOptions,
) -> Result<Vec<GeneratedFile>, EmitError> {
    let names = ServiceNames::with_service(spec, options.service.as_deref())?;
    let lib = options.crate_name.replace('-', "_");
    let snippets = files::Snippets {
        usage: usage::snippet(all, &lib, &names.client, &names.region),
        mock: usage::mock_snippet(all, &lib, &names.client, &names.region),
    };
    let programs = files::example_programs(options, &names, all)?;
    let mut out = vec![
        files::cargo_toml(options, &names)?,
        files::readme(options, &names, all, &snippets, &spec.info.version)?,
        files::lib_rs(&names, all, &snippets, &spec.info.version)?,
        files::client_rs(&names)?,
    ];
    // The modules are most of the work (formatting is a full parse of each file): in parallel.
    let groups = files::groups(all);
    let (models, modules) = rayon::join(
        || files::models_rs(&names, all),
        || groups.par_iter().map(|g| files::group_rs(&names, all, g)).collect::<Result<Vec<_>, _>>(),
    );
    out.push(models?);
    out.push(files::operations_rs(&names, all)?);
    out.extend(modules?);
    out.push(files::examples_rs(options, all)?);
    out.extend(programs);
    Ok(out)
}
