//! The files of the crate: Rust sources (quote + prettyplease) and the
//! non-Rust files (askama templates in `templates/crate/`).

use super::docs;
use super::enums;
use super::example_bin;
use super::examples;
use super::layout;
use super::model::{Kind, Lowered, Op, Outcome, Ty, TypeDef};
use super::naming;
use super::operations;
use super::options::{CrateOptions, EmitError, GeneratedFile, ServiceNames};
use super::structs;
use super::tokens::{self, GENERATED};
use askama::Template;
use proc_macro2::TokenStream;
use quote::quote;

/// How a user's unit tests run the client without a network (README and crate docs).
pub const MOCK_INTRO: &str =
    "With the `test-util` feature of `hwcloud-runtime` (in `[dev-dependencies]`; this crate's own \
`test-util` feature re-exports the same module as `mock`), `Config::mock` sends every call to an \
in-process `MockTransport`: canned responses per operation id, every request recorded, no socket.";

/// What the generated crate promises, in Markdown; shared by the README and the crate docs.
pub const CONVENTIONS: &str = "\
- **Required fields** are plain `T`. Optional fields, and fields whose page does not say whether \
they are required, are `Option<T>` and left out of the JSON when `None`. Structs are \
`#[non_exhaustive]` (new response fields are not breaking changes): build them with \
`new(required fields)` and the `with_*` setters; `Default` exists when every field is optional.
- **Requests are strict**: constructors take every required field. A required enum field with a \
single documented value (such as `kind: NodePool`) is set by `new`.
- **Responses are lenient**: in a schema used by a response, a required field whose type has a \
default (`String`, numbers, `bool`, lists, maps, `serde_json::Value`, structs without required \
fields) reads as that default when the response leaves it out. A missing required field of an enum \
type or of a struct with required fields is a `Error::Decode`. Unknown fields are ignored; a field \
given twice is an error.
- **Serde**: every model type implements `Serialize` and `Deserialize`. For structs both impls \
are written out rather than derived (one `serialize_field` per field; a map visitor on \
`hwcloud_runtime::de`): serde's derives expand to several times the code and made up most of the \
build.
- **Enums** are open: `#[non_exhaustive]`, one variant per documented value plus `Unknown(String)`, \
which keeps any other value and serializes it back unchanged. `as_str()`, `Display`, `FromStr` \
(infallible) and `From<&str>`/`From<String>` convert. A variant is named from its value when the \
value is a word (`NodePool`, `on_demand` → `OnDemand`), else from its documented English meaning \
(`\"0\": pay-per-use` → `PayPerUse`); only values without usable meanings keep the value \
(`0` → `V0`). The documented meaning is the variant's doc. Enums of integers, numbers or booleans \
keep their primitive type and list the values in the field docs.
- **Methods** are named from the page's operationId (`CreateNodePool` → `create_node_pool`), else \
from its title as verb and object (`Querying VPCs` → `list_vpcs`), at most 50 characters. \
Variants of one API in several sections of the docs take a word of their own section or title \
(`create_security_group_openstack`, `list_dnat_rules_private`); where only the API version tells \
them apart, the current one keeps the plain name and older or deprecated ones end in `_legacy`. \
Operations the docs mark deprecated or discarded are `#[deprecated]`.
- **Types** carry no API version or route: request types are `<Method>Request`, bodies \
`<Method>Body`, responses `<Method>Response` or the operation's object (`create_node_pool` returns \
`NodePool`); documented structures keep their caption; inline types are named from their property \
(`billing_mode` → `BillingMode`), qualified by their owner (`PoolResourceBillingMode`) only when \
two different structures would share a name.
- **Fields** are snake_case (`os.modelarts/billing.mode` → `os_modelarts_billing_mode`, \
`type` → `r#type`) and keep the JSON name through `#[serde(rename)]`. A query or header parameter \
repeating a path parameter's name is qualified by its location (`query_name`).
- **Pagination**: a list operation with `offset`/`limit`, `marker`/`limit` or `page`/`per_page` \
parameters also has `<method>_stream`, a `futures` `Stream` of its items fetched page by page, or, \
when the page has no single list of items, `<method>_pages`, a `Stream` of whole pages. They end at \
an empty or short page, the page's total, or the last marker.
- **Wire types**: `int32` → `i32`, other integers → `i64`, `float` → `f32`, other numbers → `f64`, maps \
→ `BTreeMap<String, V>`, free-form objects → `serde_json::Value`, recursive fields → `Box<T>`.
- **Statuses**: a method returns the body of the documented success status (or `()` when it has \
none; an enum when several are documented). Every other status is \
`Err(response.into_error())`, the runtime's error with the service's error code and message. An \
operation whose page documents no success response returns the raw `hwcloud_runtime::Response` \
for any `2xx` status.
";

/// Where the crate docs send a reader for the conventions (the crate's README repeats the
/// generator's: [`CONVENTIONS`]).
pub const CONVENTIONS_POINTER: &str = "The conventions of the generated code (required and optional fields, lenient responses, open enums, names, pagination, statuses) are in the *Conventions* section of this crate's `README.md`.";

/// The code examples of the README and the crate docs (see [`super::usage`]).
pub struct Snippets {
    /// A call of one operation.
    pub usage: Option<String>,
    /// A unit test over the runtime's mock transport (with hidden `# ` lines for rustdoc).
    pub mock: Option<String>,
}

impl Snippets {
    /// The mock example as the README shows it (without rustdoc's hidden lines).
    fn mock_for_readme(&self) -> String {
        let lines = self.mock.as_deref().unwrap_or_default().lines();
        lines.filter(|l| !l.starts_with("# ")).map(|l| format!("{l}\n")).collect()
    }
}

#[derive(Template)]
#[template(path = "crate/Cargo.toml", escape = "none")]
struct CargoToml {
    generated: &'static str,
    name: String,
    version: String,
    description: String,
    runtime_path: String,
    standalone: bool,
}

struct ProgramRow {
    name: String,
    operation: String,
    method: String,
    path: String,
}

struct OpRow {
    fn_name: String,
    request: String,
    method: String,
    path: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "crate/README.md", escape = "none")]
struct Readme {
    generated: &'static str,
    crate_name: String,
    title: String,
    service: String,
    cloud: &'static str,
    spec_version: String,
    client: String,
    runtime_path: String,
    usage: String,
    mock: String,
    lib: String,
    conventions: String,
    operations: Vec<OpRow>,
    type_count: usize,
    example_count: usize,
    invalid_count: usize,
    programs: Vec<ProgramRow>,
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn file(path: &str, mut contents: String) -> GeneratedFile {
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    GeneratedFile { path: path.into(), contents }
}

pub fn cargo_toml(options: &CrateOptions, names: &ServiceNames) -> Result<GeneratedFile, EmitError> {
    let t = CargoToml {
        generated: GENERATED,
        name: toml_string(&options.crate_name),
        version: toml_string(&options.version),
        description: toml_string(&format!("Typed async client for the {} {} (generated)", names.cloud(), names.title)),
        runtime_path: toml_string(&options.runtime_path),
        standalone: !options.workspace_member,
    };
    Ok(file("Cargo.toml", t.render()?))
}

pub fn readme(
    options: &CrateOptions,
    names: &ServiceNames,
    all: &Lowered,
    snippets: &Snippets,
    spec_version: &str,
) -> Result<GeneratedFile, EmitError> {
    let cell = |s: &str| s.lines().next().unwrap_or_default().replace('|', "\\|").trim().to_string();
    let t = Readme {
        generated: "Generated by the hwcloud SDK generator from the OpenAPI spec: do not edit by hand.",
        crate_name: options.crate_name.clone(),
        title: names.title.clone(),
        service: names.service.clone(),
        cloud: names.cloud(),
        spec_version: spec_version.to_string(),
        client: names.client.clone(),
        runtime_path: options.runtime_path.clone(),
        usage: snippets.usage.clone().unwrap_or_default(),
        mock: snippets.mock_for_readme(),
        lib: options.crate_name.replace('-', "_"),
        conventions: format!("## Conventions\n\n{CONVENTIONS}"),
        operations: all
            .ops
            .iter()
            .map(|op| OpRow {
                fn_name: super::ident::unraw(&op.fn_name).to_string(),
                request: op.request.clone(),
                method: op.method.clone(),
                path: op.path.clone(),
                summary: cell(op.docs.first().map(String::as_str).unwrap_or_default()),
            })
            .collect(),
        type_count: all.types.len(),
        example_count: all.examples.len(),
        invalid_count: all.examples.iter().filter(|e| !e.problems.is_empty()).count(),
        programs: program_rows(options, all),
    };
    Ok(file("README.md", t.render()?))
}

/// The example programs the README lists (operations unknown to the spec are skipped here and
/// reported by [`example_programs`]).
fn program_rows(options: &CrateOptions, all: &Lowered) -> Vec<ProgramRow> {
    let mut rows: Vec<ProgramRow> = Vec::new();
    for id in &options.examples {
        let Some(op) = all.ops.iter().find(|op| &op.operation_id == id) else { continue };
        let name = example_bin::program_name(op);
        if rows.iter().any(|r| r.name == name) {
            continue;
        }
        rows.push(ProgramRow { name, operation: id.clone(), method: op.method.clone(), path: op.path.clone() });
    }
    rows
}

fn inner_docs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #text])
    });
    quote!(#(#attrs)*)
}

/// The API groups (modules) in the order their first operation appears.
pub fn groups(all: &Lowered) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for op in &all.ops {
        if !out.contains(&op.group) {
            out.push(op.group.clone());
        }
    }
    out
}

pub fn lib_rs(
    names: &ServiceNames,
    all: &Lowered,
    snippets: &Snippets,
    spec_version: &str,
    // Items of optional parts (the waiters' module and re-exports).
    extra: TokenStream,
) -> Result<GeneratedFile, EmitError> {
    let mut lines = vec![
        format!(
            "Typed async client for the {} {} (endpoint service `{}`), generated from its OpenAPI spec (version {}).",
            names.cloud(),
            docs::escape_line(&names.title),
            names.service,
            docs::escape_line(spec_version)
        ),
        String::new(),
        format!(
            "Make a [`{}`] and call its async methods, one per operation. Each takes a request type from [`operations`]; bodies and responses are types of [`models`] (each API group's module holds its own). {CONVENTIONS_POINTER}",
            names.client
        ),
    ];
    if let Some(usage) = &snippets.usage {
        lines.extend(["".into(), "# Usage".into(), "".into(), "```no_run".into()]);
        lines.extend(usage.lines().map(str::to_string));
        lines.push("```".into());
    }
    if let Some(mock) = &snippets.mock {
        lines.extend(["".into(), "# Testing code that calls the client".into(), "".into()]);
        lines.push(MOCK_INTRO.to_string());
        lines.extend(["".into(), "```".into()]);
        lines.extend(mock.lines().map(str::to_string));
        lines.push("```".into());
    }
    let docs = inner_docs(&lines);
    let client = tokens::ident(&names.client);
    // `pub mod` in name order: the reader finds a module where the docs' index lists it.
    let mut modules = groups(all);
    modules.extend([naming::SHARED_MODULE.to_string(), "operations".to_string()]);
    modules.sort();
    let modules = modules.into_iter().map(|g| {
        let g = tokens::ident(&g);
        quote!(pub mod #g;)
    });
    let tokens = quote! {
        #docs
        mod client;
        #(#modules)*
        #extra

        pub use client::#client;
        pub use hwcloud_runtime::{CallOptions, Cloud, Config, Credentials, Error, Output, Response};
        #[cfg(feature = "test-util")]
        pub use hwcloud_runtime::mock;
    };
    Ok(file("src/lib.rs", tokens::render("src/lib.rs", &[GENERATED], tokens)?))
}

/// Path of a named type as written in module `module`.
fn path_from<'a>(all: &'a Lowered, module: &str) -> impl Fn(&str) -> TokenStream + 'a {
    let module = module.to_string();
    move |name: &str| match all.get(name) {
        Some(t) if t.module == module => quote!(),
        _ => quote!(crate::models::),
    }
}

/// A model type's item, and its written-out serde impls (structs only).
fn type_item(t: &TypeDef, all: &Lowered, prefix: &dyn Fn(&str) -> TokenStream) -> (TokenStream, Option<TokenStream>) {
    match &t.kind {
        Kind::Struct(fields) => {
            let strict = !t.in_response && is_one_of_case(all, &t.name);
            let s = structs::model_struct(&t.name, &t.docs, fields, prefix, strict);
            (s.item, Some(s.serde))
        }
        Kind::Enum(variants) => (enums::open_enum(&t.name, &t.docs, variants), None),
        Kind::OneOf(variants) => (enums::one_of(&t.name, &t.docs, variants, prefix), None),
        Kind::Alias(ty) => {
            let name = tokens::ident(&t.name);
            let d = docs::doc_attrs(&t.docs);
            let ty = tokens::ty_with(ty, prefix);
            (quote! { #d pub type #name = #ty; }, None)
        }
    }
}

/// The model types of `module` and their serde impls, as parts of its folder.
fn type_parts(all: &Lowered, module: &str) -> [layout::Part; 2] {
    let prefix = path_from(all, module);
    let (mut types, mut serde) = (Vec::new(), Vec::new());
    for t in all.types.iter().filter(|t| t.module == module) {
        let (item, impls) = type_item(t, all, &prefix);
        types.push(item);
        serde.extend(impls);
    }
    [
        layout::Part { stem: "types", doc: "Model types of this module.", public: true, items: types },
        layout::Part {
            stem: "serde_impls",
            doc: "The written-out `Serialize` and `Deserialize` impls of this module's structs.",
            public: false,
            items: serde,
        },
    ]
}

/// The names `module` defines: its model types, and the request and response types of the
/// operations of group `module`.
fn module_names(all: &Lowered, module: &str) -> std::collections::BTreeSet<String> {
    let mut names: std::collections::BTreeSet<String> =
        all.types.iter().filter(|t| t.module == module).map(|t| t.name.clone()).collect();
    for op in all.ops.iter().filter(|o| o.group == module) {
        names.insert(op.request.clone());
        if let Outcome::Several { name, .. } = &op.outcome {
            names.insert(name.clone());
        }
        if let Some(headers) = &op.headers {
            names.insert(headers.name.clone());
        }
    }
    names
}

/// A struct that is a case of some `oneOf` type.
fn is_one_of_case(all: &Lowered, name: &str) -> bool {
    all.types.iter().any(|t| match &t.kind {
        Kind::OneOf(cases) => cases.iter().any(|(_, ty)| matches!(ty, Ty::Named(n) if n == name)),
        _ => false,
    })
}

/// `models`: the types several groups share, and a re-export of every other model type.
pub fn models_rs(names: &ServiceNames, all: &Lowered) -> Result<Vec<GeneratedFile>, EmitError> {
    let module = naming::SHARED_MODULE;
    let mut by_module: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
    for t in all.types.iter().filter(|t| t.module != module) {
        by_module.entry(t.module.as_str()).or_default().push(t.name.as_str());
    }
    let uses = by_module.iter().map(|(m, names)| {
        let m = tokens::ident(m);
        let names = names.iter().map(|n| tokens::ident(n));
        quote!(pub use crate::#m::{#(#names),*};)
    });
    let head = format!(" Every model type of the {} by its short name: the types several API groups share are defined here, the others are re-exported from their group's module.", docs::escape_line(&names.title));
    layout::files(layout::ModuleDir {
        module,
        docs: quote!(#![doc = #head]),
        head: quote!(#(#uses)*),
        parts: type_parts(all, module).into(),
        methods: Vec::new(),
        client: tokens::ident(&names.client),
        names: module_names(all, module),
    })
}

/// `operations`: a re-export of every request type and response enum.
pub fn operations_rs(names: &ServiceNames, all: &Lowered) -> Result<GeneratedFile, EmitError> {
    let mut by_module: std::collections::BTreeMap<&str, Vec<&str>> = std::collections::BTreeMap::new();
    for op in &all.ops {
        let list = by_module.entry(op.group.as_str()).or_default();
        list.push(op.request.as_str());
        if let Outcome::Several { name, .. } = &op.outcome {
            list.push(name.as_str());
        }
        if let Some(headers) = &op.headers {
            list.push(headers.name.as_str());
        }
    }
    let uses = by_module.iter().map(|(m, names)| {
        let m = tokens::ident(m);
        let names = names.iter().map(|n| tokens::ident(n));
        quote!(pub use crate::#m::{#(#names),*};)
    });
    let head = format!(" Every request type of [`{}`](crate::{}) (and response enum of an operation with several success statuses, and the documented response headers of an operation that has some), re-exported from its group's module.", names.client, names.client);
    let tokens = quote! {
        #![doc = #head]
        #(#uses)*
    };
    Ok(file("src/operations.rs", tokens::render("src/operations.rs", &[GENERATED], tokens)?))
}

/// One API group: its operations (request types, response enums, client methods) and the types only they use.
pub fn group_rs(names: &ServiceNames, all: &Lowered, group: &str) -> Result<Vec<GeneratedFile>, EmitError> {
    let ops: Vec<&Op> = all.ops.iter().filter(|o| o.group == group).collect();
    let mut head = vec![
        format!("{}: {} operation{}.", docs::code(group), ops.len(), if ops.len() == 1 { "" } else { "s" }),
        String::new(),
    ];
    for op in &ops {
        let f = super::ident::unraw(&op.fn_name);
        let summary =
            op.summary.as_deref().map(|s| docs::escape_line(s.lines().next().unwrap_or_default())).unwrap_or_default();
        head.push(format!("- [`{client}::{f}`](crate::{client}::{f}): {summary}", client = names.client));
    }
    let mut requests = Vec::new();
    for op in &ops {
        requests.push(operations::request_type(op, &names.client));
        requests.extend(operations::response_enum(op, &names.client));
        requests.extend(operations::headers_type(op, &names.client));
    }
    let mut methods: Vec<TokenStream> = Vec::new();
    for op in &ops {
        methods.push(operations::client_method(op, all));
        if let Some(p) = super::paginate::detect(op, all) {
            methods.push(super::paginate::stream_method(op, &p));
        }
    }
    let requests = layout::Part {
        stem: "requests",
        doc: "Request types of this module's operations (and their response enums and headers).",
        public: true,
        items: requests,
    };
    let [types, serde] = type_parts(all, group);
    layout::files(layout::ModuleDir {
        module: group,
        docs: inner_docs(&head),
        head: quote!(),
        parts: vec![requests, types, serde],
        methods,
        client: tokens::ident(&names.client),
        names: module_names(all, group),
    })
}

pub fn client_rs(names: &ServiceNames) -> Result<GeneratedFile, EmitError> {
    let client = tokens::ident(&names.client);
    let client_name = &names.client;
    let service = &names.service;
    let type_doc = docs::doc_attrs(&[
        format!("Client of the {} (endpoint service `{}`).", docs::escape_line(&names.title), service),
        String::new(),
        "One async method per operation, documented with the module of its API group. Cheap to clone; clones share the connection pool of the runtime client.".to_string(),
    ]);
    let descriptor = descriptor(names);
    let tokens = quote! {
        //! The service client.

        #type_doc
        #[derive(Clone)]
        pub struct #client {
            pub(crate) inner: hwcloud_runtime::Client,
        }

        impl std::fmt::Debug for #client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#client_name).finish_non_exhaustive()
            }
        }

        impl #client {
            /// The endpoint service name (the first label of the host name).
            pub const SERVICE: &'static str = #service;

            /// The cloud, endpoints and scope of this service for the runtime.
            pub const DESCRIPTOR: hwcloud_runtime::ServiceDescriptor = #descriptor;

            /// A client for this service with the given configuration.
            ///
            /// # Errors
            ///
            /// When the runtime rejects the configuration.
            pub fn new(config: hwcloud_runtime::Config) -> Result<Self, hwcloud_runtime::Error> {
                hwcloud_runtime::Client::for_service(&Self::DESCRIPTOR, config).map(Self::from_runtime)
            }

            /// A client whose calls use `options` (deadline, headers, ...); shares the connection pool.
            pub fn with_options(&self, options: hwcloud_runtime::CallOptions) -> Self {
                Self { inner: self.inner.with_options(options) }
            }

            /// A client configured from the environment (`Config::from_env`).
            ///
            /// # Errors
            ///
            /// When the environment does not hold a usable configuration.
            pub fn from_env() -> Result<Self, hwcloud_runtime::Error> {
                Self::new(hwcloud_runtime::Config::from_env()?)
            }

            /// Wraps a runtime client (which must have been created for [`Self::SERVICE`]).
            pub fn from_runtime(inner: hwcloud_runtime::Client) -> Self {
                Self { inner }
            }

            /// The runtime client, for requests this crate does not model.
            pub fn runtime(&self) -> &hwcloud_runtime::Client {
                &self.inner
            }
        }
    };
    Ok(file("src/client.rs", tokens::render("src/client.rs", &[GENERATED], tokens)?))
}

/// `ServiceDescriptor::new(..)` with the scope and region table of `x-hwcloud-service`
/// (`spec/services.yaml`): the runtime has no table of its own.
pub fn descriptor(names: &ServiceNames) -> TokenStream {
    let cloud = if names.otc { quote!(OpenTelekomCloud) } else { quote!(HuaweiCloud) };
    let mut descriptor = quote!(hwcloud_runtime::ServiceDescriptor::new(Self::SERVICE, hwcloud_runtime::Cloud::#cloud));
    if names.global {
        descriptor = quote!(#descriptor.global());
    }
    if !names.regions.is_empty() {
        let regions = names.regions.iter().map(|(region, url)| quote!((#region, #url)));
        descriptor = quote!(#descriptor.with_regions(&[#(#regions),*]));
    }
    descriptor
}

pub fn examples_rs(options: &CrateOptions, all: &Lowered) -> Result<GeneratedFile, EmitError> {
    let lib = options.crate_name.replace('-', "_");
    Ok(file("tests/examples.rs", examples::examples_file(&lib, &all.examples)?))
}

/// `examples/<operation>.rs` for each operation id in `options.examples`.
pub fn example_programs(
    options: &CrateOptions,
    names: &ServiceNames,
    all: &Lowered,
) -> Result<Vec<GeneratedFile>, EmitError> {
    example_bin::programs(&options.examples, all, &options.crate_name, names)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        assert_eq!(toml_string(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
    }

    #[test]
    fn standalone_crates_get_an_empty_workspace() {
        let names = ServiceNames {
            title: "ModelArts API".into(),
            service: "modelarts".into(),
            client: "ModelArtsClient".into(),
            region: "cn-north-4".into(),
            otc: false,
            global: false,
            regions: Vec::new(),
        };
        let mut options = CrateOptions {
            crate_name: "hwcloud-modelarts".into(),
            version: "0.1.0".into(),
            runtime_path: "../../runtime".into(),
            workspace_member: false,
            examples: vec![],
            service: None,
        };
        let standalone = cargo_toml(&options, &names).unwrap().contents;
        assert!(standalone.contains("\n[workspace]\n"), "{standalone}");
        assert!(standalone.contains("hwcloud-runtime = { path = \"../../runtime\" }"), "{standalone}");
        options.workspace_member = true;
        let member = cargo_toml(&options, &names).unwrap().contents;
        assert!(!member.contains("[workspace]"), "{member}");
    }
}
