//! `examples/<operation>.rs`: a command-line program per operation listed in
//! [`CrateOptions::examples`](super::CrateOptions::examples).
//!
//! The program reads AK/SK and the project id from the official environment
//! variables (`Config::from_env`), takes `--endpoint URL` (else the region of
//! `HUAWEICLOUD_SDK_REGION`, else the spec's default region), one
//! `--kebab-case-name VALUE` flag per parameter (path, query and header; the
//! `project_id` path parameter is optional, filled in from the credentials) and
//! `--body FILE` when the operation has a body (default: the first valid
//! request example of the documentation, embedded in the program). It sends the
//! request through the generated client, prints the typed response serialized
//! back to JSON on stdout and exits 0; an error is printed on stderr (the
//! runtime error's `Display`: status, error code, request id) with exit code 1.
//! Bad arguments are reported with exit code 2; `--help` prints the usage.
//!
//! Arguments are parsed by hand (no extra dependency); only the helpers a
//! program uses are emitted, so it compiles without warnings under clippy.

use super::examples::raw_string;
use super::ident;
use super::model::{Kind, Location, Lowered, Op, Outcome, Param, Payload, Ty, TypeDef};
use super::operations::displayable;
use super::options::{EmitError, GeneratedFile, ServiceNames};
use super::tokens::{self, GENERATED};
use proc_macro2::TokenStream;
use quote::quote;

/// Flags every program has; a parameter whose flag would repeat one is renamed `param-<name>`.
const RESERVED: &[&str] = &["endpoint", "body", "help"];

/// How a flag's text becomes the parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// `String`: taken as is.
    Text,
    /// Numbers, booleans, enums (`FromStr`).
    Parse,
    /// Lists of `FromStr` values outside the path: the flag repeats.
    List,
    /// Anything else (objects, maps, lists in the path): JSON text.
    Json,
}

/// One parameter flag.
struct Flag<'a> {
    /// Without the leading `--`.
    name: String,
    param: &'a Param,
    read: Read,
}

/// The body of the operation, as the program gets it.
enum BodyInput {
    /// The operation has no body.
    None,
    /// A JSON body from `--body FILE`, else from the embedded example (when there is one).
    Json { example: Option<String> },
    /// A non-JSON body: the bytes of `--body FILE`.
    Raw,
}

/// The file name stem of the program of `op` (`create_node_pool`).
pub fn program_name(op: &Op) -> String {
    ident::unraw(&op.fn_name).to_string()
}

fn read_of(p: &Param, all: &Lowered) -> Read {
    match &p.ty {
        Ty::String => Read::Text,
        Ty::Vec(inner) if p.location != Location::Path && displayable(inner, all, 0) => Read::List,
        ty if displayable(ty, all, 0) => Read::Parse,
        _ => Read::Json,
    }
}

/// Kebab-case flag name of an identifier (`sort_by` → `sort-by`, `r#type` → `type`).
fn kebab(ident: &str) -> String {
    ident::unraw(ident).trim_matches('_').replace('_', "-")
}

fn flags<'a>(op: &'a Op, all: &Lowered) -> Vec<Flag<'a>> {
    let mut taken: Vec<String> = RESERVED.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    for p in &op.params {
        let base = kebab(&p.ident);
        let base = if base.is_empty() { "param".to_string() } else { base };
        let mut name = if taken.contains(&base) { format!("param-{base}") } else { base };
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("param-{}-{n}", kebab(&p.ident));
            n += 1;
        }
        taken.push(name.clone());
        out.push(Flag { name, param: p, read: read_of(p, all) });
    }
    out
}

/// The first request example of `op` that matches the documented tables, as pretty JSON.
fn request_example(op: &Op, all: &Lowered) -> Result<Option<String>, EmitError> {
    let prefix = format!("{} request ", op.fn_name);
    let Some(example) = all.examples.iter().find(|e| e.problems.is_empty() && e.what.starts_with(&prefix)) else {
        return Ok(None);
    };
    serde_json::to_string_pretty(&example.value)
        .map(Some)
        .map_err(|e| EmitError::Spec(format!("example {}: {e}", example.what)))
}

fn body_input(op: &Op, all: &Lowered) -> Result<BodyInput, EmitError> {
    Ok(match &op.body {
        None => BodyInput::None,
        Some(b) if b.raw_content_type.is_some() => BodyInput::Raw,
        Some(_) => BodyInput::Json { example: request_example(op, all)? },
    })
}

/// What the usage text says a flag takes.
fn value_hint(flag: &Flag, all: &Lowered) -> String {
    let scalar = |ty: &Ty| -> String {
        match ty {
            Ty::Bool => "true|false".to_string(),
            Ty::I32 | Ty::I64 => "INTEGER".to_string(),
            Ty::F32 | Ty::F64 => "NUMBER".to_string(),
            Ty::Json => "JSON".to_string(),
            Ty::Named(n) => match all.get(n) {
                Some(TypeDef { kind: Kind::Enum(variants), .. }) if !variants.is_empty() && variants.len() <= 8 => {
                    variants.iter().map(|v| v.value.as_str()).collect::<Vec<_>>().join("|")
                }
                _ => "VALUE".to_string(),
            },
            _ => "VALUE".to_string(),
        }
    };
    match (&flag.read, &flag.param.ty) {
        (Read::Json, _) => "JSON".to_string(),
        (Read::List, Ty::Vec(inner)) => scalar(inner),
        (_, ty) => scalar(ty),
    }
}

/// The usage text (`--help`).
fn usage(op: &Op, crate_name: &str, flags: &[Flag], body: &BodyInput, region: &str, all: &Lowered) -> String {
    let program = program_name(op);
    let mut synopsis = vec!["[--endpoint URL]".to_string()];
    let mut rows: Vec<(String, String)> = vec![(
        "--endpoint URL".to_string(),
        format!("endpoint to call (default: the region of HUAWEICLOUD_SDK_REGION, else {region})"),
    )];
    for f in flags {
        let hint = value_hint(f, all);
        let place = match f.param.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        };
        let mut what = format!("{place} parameter {}", f.param.wire);
        if f.param.from_credentials {
            what.push_str(" (default: HUAWEICLOUD_SDK_PROJECT_ID)");
        } else if f.param.required {
            what.push_str(" (required)");
        }
        if f.read == Read::List {
            what.push_str("; repeat the flag for several values");
        }
        let spec = format!("--{} {hint}", f.name);
        synopsis.push(if f.param.required { spec.clone() } else { format!("[{spec}]") });
        rows.push((spec, what));
    }
    let body_required = op.body.as_ref().is_some_and(|b| b.required);
    match body {
        BodyInput::None => {}
        BodyInput::Json { example } => {
            let what = match (example, body_required) {
                (Some(_), _) => "JSON request body (default: the documented request example)",
                (None, true) => "JSON request body (required)",
                (None, false) => "JSON request body (default: none)",
            };
            synopsis.push(if example.is_none() && body_required {
                "--body FILE".to_string()
            } else {
                "[--body FILE]".to_string()
            });
            rows.push(("--body FILE".to_string(), what.to_string()));
        }
        BodyInput::Raw => {
            let ct = op.body.as_ref().and_then(|b| b.raw_content_type.as_deref()).unwrap_or("raw");
            synopsis.push(if body_required { "--body FILE".to_string() } else { "[--body FILE]".to_string() });
            rows.push((
                "--body FILE".to_string(),
                format!("request body, sent as {ct}{}", if body_required { " (required)" } else { "" }),
            ));
        }
    }
    let width = rows.iter().map(|(s, _)| s.chars().count()).max().unwrap_or(0);
    let mut text = format!(
        "{} {}: sends the request and prints the response as JSON.\n\n\
         Usage: cargo run -p {crate_name} --example {program} -- {}\n\n",
        op.method,
        op.path,
        synopsis.join(" ")
    );
    for (spec, what) in &rows {
        let pad = " ".repeat(width.saturating_sub(spec.chars().count()));
        text.push_str(&format!("  {spec}{pad}  {what}\n"));
    }
    text.push_str(
        "\nCredentials come from HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (required), \
         HUAWEICLOUD_SDK_PROJECT_ID and HUAWEICLOUD_SDK_SECURITY_TOKEN.\n\
         Exit status: 0 on success, 1 when the call fails (the error goes to stderr), 2 for bad arguments.",
    );
    text
}

/// Which helper functions (and imports) the program uses.
#[derive(Default)]
struct Needs {
    models: bool,
    required: bool,
    all: bool,
    parse: bool,
    json: bool,
    read_json: bool,
    read_bytes: bool,
}

/// `true` when the type names a type of the models module.
fn mentions_models(ty: &Ty) -> bool {
    match ty {
        Ty::Named(_) => true,
        Ty::Vec(inner) | Ty::Map(inner) => mentions_models(inner),
        _ => false,
    }
}

/// The type as the program writes it (`models::X`), noting the `models` import.
fn type_tokens(ty: &Ty, needs: &mut Needs) -> TokenStream {
    needs.models |= mentions_models(ty);
    tokens::ty(ty, &quote!(models::))
}

/// The expression reading one flag's value (`None`-free: the caller handles absence).
fn value_expr(flag: &Flag, value: &TokenStream, needs: &mut Needs) -> TokenStream {
    let name = &flag.name;
    match flag.read {
        Read::Text => quote!(#value),
        Read::Parse => {
            needs.parse = true;
            let ty = type_tokens(&flag.param.ty, needs);
            quote!(parse::<#ty>(#name, #value)?)
        }
        Read::Json => {
            needs.json = true;
            let ty = type_tokens(&flag.param.ty, needs);
            quote!(json::<#ty>(#name, #value)?)
        }
        Read::List if matches!(&flag.param.ty, Ty::Vec(inner) if **inner == Ty::String) => {
            quote!(#value.into_iter().map(String::from).collect())
        }
        Read::List => {
            needs.parse = true;
            let inner = match &flag.param.ty {
                Ty::Vec(inner) => type_tokens(inner, needs),
                other => type_tokens(other, needs),
            };
            quote! {
                #value.into_iter().map(|value| parse::<#inner>(#name, value)).collect::<Result<Vec<_>, _>>()?
            }
        }
    }
}

/// `fn request(flags: &Flags) -> Result<operations::XRequest, String>`.
fn request_fn(op: &Op, flags: &[Flag], body: &BodyInput, needs: &mut Needs) -> TokenStream {
    let request_ty = tokens::ident(&op.request);
    let mut lets = Vec::new();
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for f in flags {
        // A local named `flags` would hide the parsed command line.
        let id = match ident::unraw(&f.param.ident) {
            "flags" => tokens::ident("flags_value"),
            _ => tokens::ident(&f.param.ident),
        };
        let name = &f.name;
        if f.param.required {
            if f.read == Read::List {
                needs.all = true;
                let v = value_expr(f, &quote!(#id), needs);
                let missing = format!("`--{name}` is required");
                lets.push(quote! {
                    let #id = flags.all(#name);
                    if #id.is_empty() {
                        return Err(#missing.to_string());
                    }
                    let #id = #v;
                });
            } else {
                needs.required = true;
                let v = value_expr(f, &quote!(flags.required(#name)?), needs);
                lets.push(quote!(let #id = #v;));
            }
            args.push(quote!(#id));
        } else {
            let setter = tokens::ident(&format!("with_{}", ident::unraw(&f.param.ident)));
            if f.read == Read::List {
                needs.all = true;
                let v = value_expr(f, &quote!(values), needs);
                setters.push(quote! {
                    let values = flags.all(#name);
                    if !values.is_empty() {
                        request = request.#setter(#v);
                    }
                });
            } else {
                let v = value_expr(f, &quote!(value), needs);
                setters.push(quote! {
                    if let Some(value) = flags.optional(#name)? {
                        request = request.#setter(#v);
                    }
                });
            }
        }
    }
    if let Some(b) = &op.body {
        let id = tokens::ident(&b.ident);
        let ty = type_tokens(&b.ty, needs);
        let example = match body {
            BodyInput::Json { example } => example.as_ref(),
            BodyInput::None | BodyInput::Raw => None,
        };
        let mut read = |path: TokenStream| match body {
            BodyInput::Json { .. } => {
                needs.read_json = true;
                quote!(read_json(#path)?)
            }
            BodyInput::Raw => {
                needs.read_bytes = true;
                quote!(read_bytes(#path)?)
            }
            BodyInput::None => quote!(),
        };
        match (b.required, example) {
            (_, Some(_)) => {
                let parse_example = quote! {
                    serde_json::from_str(EXAMPLE_BODY).map_err(|e| format!("the documented request example: {e}"))?
                };
                let read = read(quote!(path));
                let v = quote! {
                    match flags.optional("body")? {
                        Some(path) => #read,
                        None => #parse_example,
                    }
                };
                if b.required {
                    lets.push(quote!(let #id: #ty = #v;));
                    args.push(quote!(#id));
                } else {
                    let setter = tokens::ident(&format!("with_{}", ident::unraw(&b.ident)));
                    setters.push(quote!(request = request.#setter(#v);));
                }
            }
            (true, None) => {
                needs.required = true;
                let read = read(quote!(flags.required("body")?));
                lets.push(quote!(let #id: #ty = #read;));
                args.push(quote!(#id));
            }
            (false, None) => {
                let setter = tokens::ident(&format!("with_{}", ident::unraw(&b.ident)));
                let read = read(quote!(path));
                setters.push(quote! {
                    if let Some(path) = flags.optional("body")? {
                        request = request.#setter(#read);
                    }
                });
            }
        }
    }
    let uses_flags = !lets.is_empty() || !setters.is_empty();
    let flags_arg = if uses_flags { quote!(flags) } else { quote!(_flags) };
    let new = quote!(operations::#request_ty::new(#(#args),*));
    let build = if setters.is_empty() {
        quote! { Ok(#new) }
    } else {
        quote! {
            let mut request = #new;
            #(#setters)*
            Ok(request)
        }
    };
    quote! {
        /// The request, from the command line.
        fn request(#flags_arg: &Flags) -> Result<operations::#request_ty, String> {
            #(#lets)*
            #build
        }
    }
}

/// Statements printing the successful result `response` of the call.
fn print_result(op: &Op) -> TokenStream {
    let id = &op.operation_id;
    // Text of format strings: braces of the id escaped.
    let escaped = id.replace('{', "{{").replace('}', "}}");
    let done = format!("{escaped}: success, no response body");
    let json = quote! {
        let json = serde_json::to_string_pretty(&response)?;
        println!("{json}");
    };
    let raw = quote!(std::io::stdout().write_all(&response)?;);
    match &op.outcome {
        Outcome::Undocumented => {
            let status = format!("{escaped}: HTTP {{status}}");
            quote! {
                let status = response.status();
                eprintln!(#status);
                std::io::stdout().write_all(response.body())?;
            }
        }
        Outcome::Single(s) => match &s.payload {
            Payload::None => quote!(eprintln!(#done);),
            Payload::Raw => raw,
            Payload::Json(_) => json,
        },
        Outcome::Several { name, arms } => {
            let enum_ty = tokens::ident(name);
            let arms = arms.iter().map(|arm| {
                let v = tokens::ident(&arm.variant);
                match &arm.payload {
                    Payload::None => quote!(operations::#enum_ty::#v => eprintln!(#done),),
                    Payload::Raw => quote! {
                        operations::#enum_ty::#v(bytes) => std::io::stdout().write_all(&bytes)?,
                    },
                    Payload::Json(_) => quote! {
                        operations::#enum_ty::#v(value) => {
                            let json = serde_json::to_string_pretty(&value)?;
                            println!("{json}");
                        }
                    },
                }
            });
            let other = format!("{escaped}: success ({{other:?}})");
            quote! {
                match response {
                    #(#arms)*
                    other => eprintln!(#other),
                }
            }
        }
    }
}

/// `true` when the program writes raw bytes to stdout (needs `std::io::Write`).
fn writes_raw(op: &Op) -> bool {
    match &op.outcome {
        Outcome::Undocumented => true,
        Outcome::Single(s) => s.payload == Payload::Raw,
        Outcome::Several { arms, .. } => arms.iter().any(|a| a.payload == Payload::Raw),
    }
}

/// `true` when the call returns `()` (nothing to bind).
fn returns_unit(op: &Op) -> bool {
    matches!(&op.outcome, Outcome::Single(s) if s.payload == Payload::None)
}

fn helpers(needs: &Needs) -> TokenStream {
    let required = needs.required.then(|| {
        quote! {
            /// The value of a flag that must be given once.
            fn required(&self, name: &str) -> Result<&str, String> {
                self.optional(name)?.ok_or_else(|| format!("`--{name}` is required"))
            }
        }
    });
    let all = needs.all.then(|| {
        quote! {
            /// Every value of a repeatable flag.
            fn all(&self, name: &str) -> Vec<&str> {
                self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
            }
        }
    });
    let parse = needs.parse.then(|| {
        quote! {
            /// A flag's value as a number, boolean or enum value.
            fn parse<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, String>
            where
                T::Err: std::fmt::Display,
            {
                value.parse().map_err(|e| format!("`--{name} {value}`: {e}"))
            }
        }
    });
    let json = needs.json.then(|| {
        quote! {
            /// A flag's value as JSON.
            fn json<T: serde::de::DeserializeOwned>(name: &str, value: &str) -> Result<T, String> {
                serde_json::from_str(value).map_err(|e| format!("`--{name}` is not the expected JSON: {e}"))
            }
        }
    });
    let read_json = needs.read_json.then(|| {
        quote! {
            /// A JSON file as the body type.
            fn read_json<T: serde::de::DeserializeOwned>(path: &str) -> Result<T, String> {
                let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                serde_json::from_str(&text).map_err(|e| format!("{path} is not the expected request body: {e}"))
            }
        }
    });
    let read_bytes = needs.read_bytes.then(|| {
        quote! {
            /// The bytes of a file.
            fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
                std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
            }
        }
    });
    quote! {
        /// The command line as `(flag, value)` pairs, in order.
        struct Flags(Vec<(String, String)>);

        impl Flags {
            /// `--name VALUE` and `--name=VALUE` pairs; `None` for `--help`.
            fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Self>, String> {
                let mut pairs = Vec::new();
                while let Some(arg) = args.next() {
                    if arg == "-h" || arg == "--help" {
                        return Ok(None);
                    }
                    let Some(flag) = arg.strip_prefix("--") else {
                        return Err(format!("unexpected argument `{arg}`"));
                    };
                    let (name, value) = match flag.split_once('=') {
                        Some((name, value)) => (name.to_string(), value.to_string()),
                        None => match args.next() {
                            Some(value) => (flag.to_string(), value),
                            None => return Err(format!("`--{flag}` needs a value")),
                        },
                    };
                    if !FLAGS.contains(&name.as_str()) {
                        return Err(format!("unknown flag `--{name}`"));
                    }
                    pairs.push((name, value));
                }
                Ok(Some(Flags(pairs)))
            }

            /// The value of a flag that may be given once.
            fn optional(&self, name: &str) -> Result<Option<&str>, String> {
                let mut values = self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str());
                let first = values.next();
                if values.next().is_some() {
                    return Err(format!("`--{name}` is given more than once"));
                }
                Ok(first)
            }

            #required
            #all
        }

        #parse
        #json
        #read_json
        #read_bytes
    }
}

/// The program of `op` as `examples/<name>.rs`; `crate_name` is the package name.
pub fn program(op: &Op, all: &Lowered, crate_name: &str, names: &ServiceNames) -> Result<GeneratedFile, EmitError> {
    let lib = tokens::ident(&crate_name.replace('-', "_"));
    let client = tokens::ident(&names.client);
    let fn_name = tokens::ident(&op.fn_name);
    let request_ty = tokens::ident(&op.request);
    let name = program_name(op);
    let path = format!("examples/{name}.rs");

    let flags = flags(op, all);
    let body = body_input(op, all)?;
    let usage_text = usage(op, crate_name, &flags, &body, &names.region, all);
    let usage_lit = raw_string(&usage_text)?;
    let mut needs = Needs::default();
    let request = request_fn(op, &flags, &body, &mut needs);
    let helpers = helpers(&needs);
    let imports = if needs.models { quote!(models,) } else { quote!() };

    let mut flag_names: Vec<String> = vec!["endpoint".to_string()];
    flag_names.extend(flags.iter().map(|f| f.name.clone()));
    if !matches!(body, BodyInput::None) {
        flag_names.push("body".to_string());
    }
    let example_const = match &body {
        BodyInput::Json { example: Some(json) } => {
            let lit = raw_string(json)?;
            quote! {
                /// The request body of the documentation's example, sent when `--body` is not given.
                const EXAMPLE_BODY: &str = #lit;
            }
        }
        _ => quote!(),
    };
    let region = &names.region;
    let call = if returns_unit(op) {
        quote!(client.#fn_name(request).await?;)
    } else {
        quote!(let response = client.#fn_name(request).await?;)
    };
    let print = print_result(op);
    let write_import = if writes_raw(op) {
        quote!(
            use std::io::Write as _;
        )
    } else {
        quote!()
    };
    let summary = op.docs.first().cloned().unwrap_or_default();
    let head = [
        format!(
            " `{}`: {} (`{} {}`), from the command line.",
            op.operation_id,
            summary.trim_end_matches(['.', '。']),
            op.method,
            op.path
        ),
        String::new(),
        " ```text".to_string(),
        format!(" cargo run -p {crate_name} --example {name} -- --help"),
        " ```".to_string(),
        String::new(),
        " Reads AK/SK and the project id from `HUAWEICLOUD_SDK_AK`, `HUAWEICLOUD_SDK_SK` and".to_string(),
        " `HUAWEICLOUD_SDK_PROJECT_ID`, sends the request, prints the response as JSON on stdout and".to_string(),
        " exits 0; prints the error (status, error code, request id) on stderr and exits 1 when the".to_string(),
        " call fails.".to_string(),
    ];
    let head = head.iter().map(|l| quote!(#![doc = #l]));
    let tokens = quote! {
        #(#head)*
        #![cfg_attr(rustfmt, rustfmt::skip)]

        #write_import
        use std::process::ExitCode;

        use #lib::{#imports operations, Config, #client};

        /// Usage text.
        const USAGE: &str = #usage_lit;

        /// The flags the program accepts (without `--`).
        const FLAGS: &[&str] = &[#(#flag_names),*];

        /// Region used without `--endpoint` when `HUAWEICLOUD_SDK_REGION` is not set.
        const DEFAULT_REGION: &str = #region;

        #example_const

        #helpers

        #request

        /// Parsed arguments: the endpoint override and the request; `None` for `--help`.
        fn args() -> Result<Option<(Option<String>, operations::#request_ty)>, String> {
            let Some(flags) = Flags::parse(std::env::args().skip(1))? else {
                return Ok(None);
            };
            let endpoint = flags.optional("endpoint")?.map(str::to_string);
            Ok(Some((endpoint, request(&flags)?)))
        }

        /// Sends the request and prints the response.
        async fn call(
            endpoint: Option<String>,
            request: &operations::#request_ty,
        ) -> Result<(), Box<dyn std::error::Error>> {
            let mut config = Config::from_env()?;
            match endpoint {
                Some(url) => config = config.with_endpoint(url),
                None if config.region().is_none() => config = config.with_region(DEFAULT_REGION),
                None => {}
            }
            let client = #client::new(config)?;
            #call
            #print
            Ok(())
        }

        #[tokio::main(flavor = "current_thread")]
        async fn main() -> ExitCode {
            let (endpoint, request) = match args() {
                Ok(Some(parsed)) => parsed,
                Ok(None) => {
                    println!("{USAGE}");
                    return ExitCode::SUCCESS;
                }
                Err(message) => {
                    eprintln!("error: {message} (see --help)");
                    return ExitCode::from(2);
                }
            };
            match call(endpoint, &request).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    };
    // The layout is prettyplease's, not rustfmt's: the attribute keeps `cargo fmt --check` away
    // from the file (a plain `#![rustfmt::skip]` is unstable as an inner attribute).
    const SKIP: &str = "#![cfg_attr(rustfmt, rustfmt::skip)]\n";
    let mut contents = tokens::render(&path, &[GENERATED], tokens)?.replacen(SKIP, &format!("{SKIP}\n"), 1);
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    Ok(GeneratedFile { path: path.into(), contents })
}

/// The programs of the operations `ids` (operation ids, in the given order, duplicates once).
pub fn programs(
    ids: &[String],
    all: &Lowered,
    crate_name: &str,
    names: &ServiceNames,
) -> Result<Vec<GeneratedFile>, EmitError> {
    let mut out: Vec<GeneratedFile> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if seen.contains(&id.as_str()) {
            continue;
        }
        seen.push(id);
        let op = all.ops.iter().find(|op| &op.operation_id == id).ok_or_else(|| {
            EmitError::Spec(format!("`examples` lists `{id}`, which is not an operation id of the spec"))
        })?;
        out.push(program(op, all, crate_name, names)?);
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::emit::model::{Body, Example, Origin, Status, Success, Variant};
    use crate::emit::{files, CrateOptions};
    use serde_json::json;

    fn param(wire: &str, ident: &str, location: Location, ty: Ty, required: bool) -> Param {
        Param {
            wire: wire.into(),
            ident: ident.into(),
            location,
            ty,
            required,
            from_credentials: wire == "project_id" && location == Location::Path,
            docs: vec![],
        }
    }

    fn single(payload: Payload) -> Outcome {
        Outcome::Single(Success { status: Status::Code(200), variant: "Ok".into(), payload, docs: vec![] })
    }

    fn create_node_pool() -> Op {
        Op {
            method: "POST".into(),
            path: "/v2/{project_id}/pools/{pool_name}/nodepools".into(),
            operation_id: "CreateNodePool".into(),
            summary: None,
            route_id: false,
            group: "pools".into(),
            tag: String::new(),
            deprecated: false,
            fn_name: "create_node_pool".into(),
            request: "CreateNodePoolRequest".into(),
            docs: vec!["创建节点池".into()],
            params: vec![
                param("project_id", "project_id", Location::Path, Ty::String, false),
                param("pool_name", "pool_name", Location::Path, Ty::String, true),
            ],
            body: Some(Body {
                ident: "body".into(),
                ty: Ty::Named("CreateNodePoolRequestBody".into()),
                required: true,
                raw_content_type: None,
                docs: vec![],
            }),
            outcome: single(Payload::Json(Ty::Named("CreateNodePoolRequestBody".into()))),
            headers: None,
            errors: vec![],
        }
    }

    fn list_things() -> Op {
        Op {
            method: "GET".into(),
            path: "/v1/{project_id}/things".into(),
            operation_id: "ListThings".into(),
            summary: None,
            route_id: false,
            group: "pools".into(),
            tag: String::new(),
            deprecated: false,
            fn_name: "list_things".into(),
            request: "ListThingsRequest".into(),
            docs: vec!["List things.".into()],
            params: vec![
                param("project_id", "project_id", Location::Path, Ty::String, false),
                param("limit", "limit", Location::Query, Ty::I32, false),
                param("status", "status", Location::Query, Ty::Named("Phase".into()), false),
                param("tags", "tags", Location::Query, Ty::Vec(Box::new(Ty::String)), true),
                param("ids", "ids", Location::Query, Ty::Vec(Box::new(Ty::I64)), false),
                param("filter", "filter", Location::Query, Ty::Named("Filter".into()), false),
                param("body", "body", Location::Query, Ty::String, false),
                param("flags", "flags", Location::Query, Ty::Bool, true),
                param("sortBy", "sort_by", Location::Header, Ty::String, false),
            ],
            body: None,
            outcome: single(Payload::None),
            headers: None,
            errors: vec![],
        }
    }

    fn lowered(ops: Vec<Op>) -> Lowered {
        let types = vec![
            TypeDef {
                name: "Phase".into(),
                docs: vec![],
                kind: Kind::Enum(vec![
                    Variant { ident: "Running".into(), value: "Running".into(), docs: vec![], meaning: None },
                    Variant { ident: "Failed".into(), value: "Failed".into(), docs: vec![], meaning: None },
                ]),
                in_request: true,
                in_response: false,
                origin: Origin::Component(String::new()),
                module: "models".into(),
            },
            TypeDef {
                name: "Filter".into(),
                docs: vec![],
                kind: Kind::Struct(vec![]),
                in_request: true,
                in_response: false,
                origin: Origin::Component(String::new()),
                module: "models".into(),
            },
        ];
        let examples = vec![
            Example {
                op: 0,
                part: "request".into(),
                name: "example1".into(),
                test_name: "create_node_pool_request_bad".into(),
                ty: Ty::Named("CreateNodePoolRequestBody".into()),
                value: json!({"kind": 1}),
                problems: vec!["$.kind: expected a string".into()],
                what: "create_node_pool request bad".into(),
            },
            Example {
                op: 0,
                part: "request".into(),
                name: "example1".into(),
                test_name: "create_node_pool_request_example1".into(),
                ty: Ty::Named("CreateNodePoolRequestBody".into()),
                value: json!({"kind": "NodePool", "metadata": {"name": "nodepool-1"}}),
                problems: vec![],
                what: "create_node_pool request example1".into(),
            },
        ];
        Lowered { types, ops, examples }
    }

    fn names() -> ServiceNames {
        ServiceNames {
            title: "ModelArts API".into(),
            service: "modelarts".into(),
            client: "ModelArtsClient".into(),
            region: "cn-north-4".into(),
            otc: false,
            global: false,
            regions: Vec::new(),
        }
    }

    fn emit(op: &Op, all: &Lowered) -> String {
        let file = program(op, all, "hwcloud-modelarts", &names()).unwrap();
        assert_eq!(file.path, std::path::PathBuf::from(format!("examples/{}.rs", program_name(op))));
        file.contents
    }

    fn assert_has(out: &str, wanted: &[&str]) {
        for want in wanted {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }

    #[test]
    fn create_node_pool_sends_the_first_valid_example_by_default() {
        let op = create_node_pool();
        let out = emit(&op, &lowered(vec![op.clone()]));
        assert!(out.starts_with("// @generated"), "{out}");
        assert!(
            out.contains("//! call fails.\n\n#![cfg_attr(rustfmt, rustfmt::skip)]\n\nuse std::process::ExitCode;\n"),
            "{out}"
        );
        assert_has(
            &out,
            &[
                "use hwcloud_modelarts::{models, operations, Config, ModelArtsClient};",
                "const FLAGS: &[&str] = &[\"endpoint\", \"project-id\", \"pool-name\", \"body\"];",
                "const DEFAULT_REGION: &str = \"cn-north-4\";",
                "const EXAMPLE_BODY: &str = r#\"{\n  \"kind\": \"NodePool\",",
                "let pool_name = flags.required(\"pool-name\")?;",
                "let body: models::CreateNodePoolRequestBody = match flags.optional(\"body\")? {",
                "Some(path) => read_json(path)?,",
                "serde_json::from_str(EXAMPLE_BODY)",
                "let mut request = operations::CreateNodePoolRequest::new(pool_name, body);",
                "request = request.with_project_id(value);",
                "let response = client.create_node_pool(request).await?;",
                "let json = serde_json::to_string_pretty(&response)?;",
                "None if config.region().is_none() => config = config.with_region(DEFAULT_REGION),",
                "Some(url) => config = config.with_endpoint(url),",
                "#[tokio::main(flavor = \"current_thread\")]",
                "ExitCode::FAILURE",
                "--pool-name VALUE   path parameter pool_name (required)",
                "--project-id VALUE  path parameter project_id (default: HUAWEICLOUD_SDK_PROJECT_ID)",
                "Usage: cargo run -p hwcloud-modelarts --example create_node_pool -- [--endpoint URL] [--project-id VALUE] --pool-name VALUE [--body FILE]",
            ],
        );
        // The example that contradicts the tables is not the default.
        assert!(!out.contains("\"kind\": 1"), "{out}");
        // Only the helpers the program uses.
        for unused in ["fn parse<", "fn json<", "fn all(", "fn read_bytes("] {
            assert!(!out.contains(unused), "{unused} emitted:\n{out}");
        }
    }

    #[test]
    fn flags_per_parameter_kind() {
        let op = list_things();
        let out = emit(&op, &lowered(vec![op.clone()]));
        assert_has(
            &out,
            &[
                "    \"filter\",\n    \"param-body\",\n    \"flags\",\n    \"sort-by\",\n];",
                // Required repeatable flag, a local named `flags` renamed.
                "let tags = flags.all(\"tags\");",
                "if tags.is_empty() {",
                "let tags = tags.into_iter().map(String::from).collect();",
                "let flags_value = parse::<bool>(\"flags\", flags.required(\"flags\")?)?;",
                "operations::ListThingsRequest::new(tags, flags_value)",
                "request = request.with_limit(parse::<i32>(\"limit\", value)?);",
                "request = request.with_status(parse::<models::Phase>(\"status\", value)?);",
                ".map(|value| parse::<i64>(\"ids\", value))",
                "request = request.with_filter(json::<models::Filter>(\"filter\", value)?);",
                "if let Some(value) = flags.optional(\"param-body\")? {",
                "request = request.with_body(value);",
                "request = request.with_sort_by(value);",
                // No response body: nothing to bind or print on stdout.
                "client.list_things(request).await?;",
                "eprintln!(\"ListThings: success, no response body\");",
                "--status Running|Failed",
                "--ids INTEGER",
                "--filter JSON",
                "--tags VALUE",
                "header parameter sortBy",
            ],
        );
        assert!(!out.contains("let response"), "{out}");
        assert!(!out.contains("EXAMPLE_BODY"), "{out}");
        assert!(!out.contains("\"body\""), "no --body for an operation without a body:\n{out}");
    }

    #[test]
    fn body_without_example_is_required_and_raw_bodies_are_bytes() {
        let mut op = create_node_pool();
        op.operation_id = "UploadThing".into();
        op.fn_name = "upload_thing".into();
        let out = emit(&op, &lowered(vec![]));
        assert_has(
            &out,
            &[
                "let body: models::CreateNodePoolRequestBody = read_json(flags.required(\"body\")?)?;",
                "--body FILE         JSON request body (required)",
            ],
        );
        assert!(!out.contains("EXAMPLE_BODY"), "{out}");

        op.body = Some(Body {
            ident: "body".into(),
            ty: Ty::Bytes,
            required: false,
            raw_content_type: Some("application/octet-stream".into()),
            docs: vec![],
        });
        op.outcome = single(Payload::Raw);
        let out = emit(&op, &lowered(vec![]));
        assert_has(
            &out,
            &[
                "use std::io::Write as _;",
                "if let Some(path) = flags.optional(\"body\")? {",
                "request = request.with_body(read_bytes(path)?);",
                "std::io::stdout().write_all(&response)?;",
                "request body, sent as application/octet-stream",
            ],
        );
    }

    #[test]
    fn several_and_undocumented_outcomes() {
        let mut op = list_things();
        op.params.truncate(1);
        op.outcome = Outcome::Several {
            name: "ListThingsResponse".into(),
            arms: vec![
                Success {
                    status: Status::Code(200),
                    variant: "Ok".into(),
                    payload: Payload::Json(Ty::Named("Things".into())),
                    docs: vec![],
                },
                Success {
                    status: Status::Code(204),
                    variant: "NoContent".into(),
                    payload: Payload::None,
                    docs: vec![],
                },
            ],
        };
        let out = emit(&op, &lowered(vec![]));
        assert_has(
            &out,
            &[
                "operations::ListThingsResponse::Ok(value) => {",
                "let json = serde_json::to_string_pretty(&value)?;",
                "operations::ListThingsResponse::NoContent => {",
                "other => eprintln!(\"ListThings: success ({other:?})\"),",
            ],
        );
        op.outcome = Outcome::Undocumented;
        let out = emit(&op, &lowered(vec![]));
        assert_has(
            &out,
            &[
                "use std::io::Write as _;",
                "let status = response.status();",
                "eprintln!(\"ListThings: HTTP {status}\");",
                "std::io::stdout().write_all(response.body())?;",
            ],
        );
        // Only project_id, which is optional: no `required` helper.
        assert!(!out.contains("fn required("), "{out}");
    }

    #[test]
    fn no_parameters_and_no_body() {
        let mut op = list_things();
        op.params.clear();
        let out = emit(&op, &lowered(vec![]));
        assert_has(
            &out,
            &[
                "fn request(_flags: &Flags) -> Result<operations::ListThingsRequest, String> {",
                "Ok(operations::ListThingsRequest::new())",
                "use hwcloud_modelarts::{operations, Config, ModelArtsClient};",
            ],
        );
    }

    #[test]
    fn programs_are_listed_once_and_unknown_ids_fail() {
        let all = lowered(vec![create_node_pool(), list_things()]);
        let ids: Vec<String> = ["ListThings", "CreateNodePool", "ListThings"].iter().map(|s| s.to_string()).collect();
        let files = programs(&ids, &all, "hwcloud-modelarts", &names()).unwrap();
        let paths: Vec<String> = files.iter().map(|f| f.path.display().to_string()).collect();
        assert_eq!(paths, ["examples/list_things.rs", "examples/create_node_pool.rs"]);
        let err = programs(&["Nope".to_string()], &all, "hwcloud-modelarts", &names()).unwrap_err();
        assert!(err.to_string().contains("`examples` lists `Nope`"), "{err}");
    }

    #[test]
    fn manifest_gets_tokio_for_programs_and_doctests() {
        let mut options = CrateOptions {
            crate_name: "hwcloud-modelarts".into(),
            version: "0.1.0".into(),
            runtime_path: "../../runtime".into(),
            workspace_member: true,
            examples: vec![],
            service: None,
        };
        let without = files::cargo_toml(&options, &names()).unwrap().contents;
        options.examples.push("CreateNodePool".into());
        let with = files::cargo_toml(&options, &names()).unwrap().contents;
        // The mock-transport doctest needs tokio and the runtime's `test-util` with or without programs.
        assert_eq!(without, with);
        assert!(with.contains("\ntokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n"), "{with}");
        assert!(with.contains("hwcloud-runtime = { path = \"../../runtime\", features = [\"test-util\"] }"), "{with}");
    }

    #[test]
    fn flag_names() {
        assert_eq!(kebab("sort_by"), "sort-by");
        assert_eq!(kebab("r#type"), "type");
        assert_eq!(kebab("_1st"), "1st");
        let mut op = list_things();
        op.params = vec![
            param("endpoint", "endpoint", Location::Query, Ty::String, false),
            param("help", "help", Location::Query, Ty::String, false),
            param("x", "param_help", Location::Query, Ty::String, false),
        ];
        let all = lowered(vec![]);
        let got: Vec<String> = flags(&op, &all).into_iter().map(|f| f.name).collect();
        assert_eq!(got, ["param-endpoint", "param-help", "param-param-help"]);
    }
}
