//! *emit*: OpenAPI → a typed async Rust SDK crate, returned as files in memory.
//!
//! [`emit_crate`] lowers the spec into an IR with every name decided
//! ([`model`]), then one small emitter per construct writes the code:
//! identifiers ([`ident`]), doc comments ([`docs`]), structs ([`structs`]),
//! enums ([`enums`]), operations ([`operations`]), waiters ([`waiters`]), example tests
//! ([`examples`]), example programs ([`example_bin`]); [`files`] assembles
//! the crate (Rust through quote and prettyplease, `Cargo.toml` and
//! `README.md` through askama templates in `templates/crate/`), [`layout`]
//! lays each module out as a folder of files by role. The generated crate
//! depends on `hwcloud-runtime`.

pub mod api;
pub mod check;
pub mod docs;
pub mod enums;
pub mod example_bin;
pub mod examples;
pub mod files;
pub mod ident;
pub mod layout;
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
pub mod waiters;

use crate::spec::openapi::OpenApi;
pub use options::{CrateOptions, EmitError, GeneratedFile, ServiceNames};
use rayon::prelude::*;

/// The changes of the public Rust API from the crate of `old` to the crate of `new`
/// (see [`api`]): what the version bump follows.
pub fn api_changes(old: &OpenApi, new: &OpenApi) -> Result<Vec<api::ApiChange>, EmitError> {
    Ok(api::diff(&api::surface(&model::lower(old)?), &api::surface(&model::lower(new)?)))
}

/// Emit the crate for `spec`: `Cargo.toml`, `README.md`, `src/lib.rs`,
/// `src/client.rs`, `src/operations.rs`, one folder `src/models/` and one `src/<group>/`
/// per API group (files by role, see [`layout`]), `tests/examples.rs`, and `examples/<operation>.rs` per entry
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
    let waiters = waiters::plan(spec, all);
    let mut out = vec![
        files::cargo_toml(options, &names)?,
        files::readme(options, &names, all, &snippets, &spec.info.version)?,
        files::lib_rs(&names, all, &snippets, &spec.info.version, waiters::lib_items(&waiters))?,
        files::client_rs(&names)?,
    ];
    out.extend(waiters::waiters_rs(&names, &waiters)?);
    // The modules are most of the work (formatting is a full parse of each file): in parallel.
    let groups = files::groups(all);
    let (models, modules) = rayon::join(
        || files::models_rs(&names, all),
        || groups.par_iter().map(|g| files::group_rs(&names, all, g)).collect::<Result<Vec<_>, _>>(),
    );
    out.extend(models?);
    out.push(files::operations_rs(&names, all)?);
    out.extend(modules?.into_iter().flatten());
    out.push(files::examples_rs(options, all)?);
    out.extend(programs);
    Ok(out)
}
