//! Waiter methods: from the spec's `x-hwcloud-job` and `x-hwcloud-waiter` (written by
//! `spec::waiters`) to client methods over `hwcloud_runtime::waiter`, in `src/waiters.rs`.
//!
//! * A job API `get_job` gets `get_job_until_done(&request, &options)`: polls it until the
//!   status is a documented success (the job's answer is returned) or failure
//!   (`WaitError::Failed` with the status, error code and failure reason), or the deadline.
//! * An operation `create_x` whose answer carries the job's id gets
//!   `create_x_and_wait(&request, &options)`: calls it, then waits for the job as above, filling
//!   the job API's other parameters (`project_id`, `instance_id`) from the request.
//!
//! An operation is left without a waiter when the lowered model does not have the shapes the
//! extensions promise (the status or id field is missing or not a string, a parameter of the job
//! API cannot be filled), or when either side is deprecated.

use super::docs;
use super::model::{Field, Kind, Lowered, Op, Outcome, Param, Payload, Ty};
use super::options::{EmitError, GeneratedFile, ServiceNames};
use super::tokens;
use crate::spec::openapi::{JobApi, OpenApi, WaiterLink};
use proc_macro2::TokenStream;
use quote::quote;

/// The waiter methods of one crate.
#[derive(Debug, Default)]
pub struct Plan {
    pub methods: Vec<TokenStream>,
    /// Names of the methods, for the docs and tests.
    pub names: Vec<String>,
}

/// The waiter methods for the operations of `all` (lowered from `spec`, in the same order).
pub fn plan(spec: &OpenApi, all: &Lowered) -> Plan {
    let ops = spec.operations();
    let taken: Vec<&str> = all.ops.iter().map(|o| o.fn_name.as_str()).collect();
    let free = |name: &str| !taken.contains(&name);
    let mut plan = Plan::default();
    let mut jobs: Vec<(&str, Job<'_>)> = Vec::new();
    for ((_, _, spec_op), op) in ops.iter().zip(&all.ops) {
        let Some(api) = &spec_op.x_hwcloud_job else { continue };
        let Some(job) = Job::of(op, api, all) else { continue };
        let name = super::naming::suffixed_method(&op.fn_name, "until_done");
        if free(&name) {
            plan.methods.push(until_done(&job, &name));
            plan.names.push(name.clone());
            jobs.push((spec_op.operation_id.as_str(), Job { until_done: name, ..job }));
        }
    }
    for ((_, _, spec_op), op) in ops.iter().zip(&all.ops) {
        let Some(link) = &spec_op.x_hwcloud_waiter else { continue };
        let Some((_, job)) = jobs.iter().find(|(id, _)| *id == link.operation) else { continue };
        let name = super::naming::suffixed_method(&op.fn_name, "and_wait");
        if !free(&name) || plan.names.contains(&name) {
            continue;
        }
        if let Some(method) = and_wait(op, link, job, all, &name) {
            plan.methods.push(method);
            plan.names.push(name);
        }
    }
    plan
}

/// `src/waiters.rs`, when the crate has waiters.
pub fn waiters_rs(names: &ServiceNames, plan: &Plan) -> Result<Option<GeneratedFile>, EmitError> {
    if plan.methods.is_empty() {
        return Ok(None);
    }
    let client = tokens::ident(&names.client);
    let methods = &plan.methods;
    let tokens = quote! {
        //! Waiting for jobs: the `*_until_done` and `*_and_wait` methods (`hwcloud_runtime::waiter`).

        impl crate::#client {
            #(#methods)*
        }
    };
    let path = "src/waiters.rs";
    let contents = tokens::render(path, &[tokens::GENERATED], tokens)?;
    Ok(Some(GeneratedFile { path: path.into(), contents }))
}

/// What `lib.rs` adds for `src/waiters.rs`.
pub fn lib_items(plan: &Plan) -> TokenStream {
    if plan.methods.is_empty() {
        return quote!();
    }
    quote! {
        mod waiters;
        pub use hwcloud_runtime::{waiter, WaitError, WaitOptions};
    }
}

/// A job API as the emitter needs it.
#[derive(Debug, Clone)]
struct Job<'a> {
    op: &'a Op,
    api: &'a JobApi,
    /// The answer type's name.
    answer: String,
    /// `Option<&str>` of the status, with the answer bound to `job`.
    status: TokenStream,
    /// `("error_code", Option<&str>)` entries.
    reasons: Vec<TokenStream>,
    until_done: String,
}

impl<'a> Job<'a> {
    fn of(op: &'a Op, api: &'a JobApi, all: &'a Lowered) -> Option<Job<'a>> {
        if op.deprecated || op.body.is_some() {
            return None;
        }
        let answer = json_struct(op)?;
        let fields = struct_fields(all, answer)?;
        let mut segments: Vec<&str> = api.status.split('.').collect();
        let last = segments.pop()?;
        let (holder, fields) = match segments.as_slice() {
            [] => (None, fields),
            [outer] => {
                let outer = fields.iter().find(|f| f.wire == *outer)?;
                let Ty::Named(n) = &outer.ty else { return None };
                (Some(outer), struct_fields(all, n)?)
            }
            _ => return None,
        };
        let status = fields.iter().find(|f| f.wire == last && is_text(&f.ty, all))?;
        let reasons = api
            .reason
            .iter()
            .filter_map(|wire| fields.iter().find(|f| &f.wire == wire && f.ty == Ty::String))
            .map(|f| {
                let wire = &f.wire;
                let value = read_str(holder, f, false);
                quote!((#wire, #value))
            })
            .collect();
        Some(Job {
            op,
            api,
            answer: answer.to_string(),
            status: read_str(holder, status, !matches!(status.ty, Ty::String)),
            reasons,
            until_done: String::new(),
        })
    }
}

/// The named struct of the single JSON success answer.
fn json_struct(op: &Op) -> Option<&str> {
    let Outcome::Single(s) = &op.outcome else { return None };
    let Payload::Json(Ty::Named(name)) = &s.payload else { return None };
    Some(name)
}

fn struct_fields<'a>(all: &'a Lowered, name: &str) -> Option<&'a [Field]> {
    match &all.get(name)?.kind {
        Kind::Struct(fields) => Some(fields),
        _ => None,
    }
}

/// A string, or an open enum of strings (which has `as_str`).
fn is_text(ty: &Ty, all: &Lowered) -> bool {
    match ty {
        Ty::String => true,
        Ty::Named(n) => matches!(all.get(n).map(|t| &t.kind), Some(Kind::Enum(_))),
        _ => false,
    }
}

/// `Option<&str>` of `field` of the answer bound to `job` (or of its `holder` field); `as_str`
/// for enums, `as_deref` for strings.
fn read_str(holder: Option<&Field>, field: &Field, is_enum: bool) -> TokenStream {
    let f = tokens::ident(&field.ident);
    let read = |base: TokenStream, wrap: bool| match (field.required, is_enum) {
        (true, _) if wrap => quote!(Some(#base.#f.as_str())),
        (true, _) => quote!(#base.#f.as_str()),
        (false, false) => quote!(#base.#f.as_deref()),
        (false, true) => quote!(#base.#f.as_ref().map(|s| s.as_str())),
    };
    match holder {
        None => read(quote!(job), true),
        Some(h) if h.required => {
            let h_ident = tokens::ident(&h.ident);
            read(quote!(job.#h_ident), true)
        }
        Some(h) => {
            let h_ident = tokens::ident(&h.ident);
            let inner = read(quote!(h), false);
            if field.required {
                quote!(job.#h_ident.as_ref().map(|h| #inner))
            } else {
                quote!(job.#h_ident.as_ref().and_then(|h| #inner))
            }
        }
    }
}

fn strs(values: &[String]) -> TokenStream {
    quote!(&[#(#values),*])
}

fn until_done(job: &Job<'_>, name: &str) -> TokenStream {
    let fn_name = tokens::ident(name);
    let get = tokens::ident(&job.op.fn_name);
    let request = tokens::ident(&job.op.request);
    let answer = tokens::ident(&job.answer);
    let (status, reasons) = (&job.status, &job.reasons);
    let (success, failure) = (strs(&job.api.success), strs(&job.api.failure));
    let get_name = super::ident::unraw(&job.op.fn_name);
    let doc = docs::doc_attrs(&[
        format!(
            "Polls [`{get_name}`](Self::{get_name}) until the job's `{}` is {} (its answer is returned) or {} ([`WaitError::Failed`](hwcloud_runtime::WaitError::Failed), with {}), or the deadline of `options` passes.",
            job.api.status,
            listed(&job.api.success),
            listed(&job.api.failure),
            if job.api.reason.is_empty() { "the status".to_string() } else { format!("the status and {}", listed(&job.api.reason)) }
        ),
        String::new(),
        "# Errors".into(),
        String::new(),
        "[`WaitError::Failed`](hwcloud_runtime::WaitError::Failed) when the job failed, [`WaitError::TimedOut`](hwcloud_runtime::WaitError::TimedOut) (with the last answer) at the deadline, [`WaitError::Poll`](hwcloud_runtime::WaitError::Poll) when a poll failed.".into(),
    ]);
    quote! {
        #doc
        pub async fn #fn_name(
            &self,
            request: &crate::operations::#request,
            options: &hwcloud_runtime::WaitOptions,
        ) -> Result<crate::models::#answer, hwcloud_runtime::WaitError<crate::models::#answer>> {
            hwcloud_runtime::waiter::wait(options, || self.#get(request), |job: &crate::models::#answer| {
                hwcloud_runtime::waiter::verdict(#status, #success, #failure, &[#(#reasons),*])
            })
            .await
        }
    }
}

/// `a`, `a` or `b`, `a`, `b` or `c`.
fn listed(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| docs::code(v)).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn and_wait(op: &Op, link: &WaiterLink, job: &Job<'_>, all: &Lowered, name: &str) -> Option<TokenStream> {
    if op.deprecated {
        return None;
    }
    let started = struct_fields(all, json_struct(op)?)?;
    let id = started.iter().find(|f| f.wire == link.id && f.ty == Ty::String)?;
    let fields = job.op.params.iter().map(|p| job_param(p, op, &job.api.param)).collect::<Option<Vec<_>>>()?;
    let id_ident = tokens::ident(&id.ident);
    let take_id = if id.required {
        quote!(let job_id = started.#id_ident;)
    } else {
        let operation = &op.operation_id;
        let field = &link.id;
        quote! {
            let Some(job_id) = started.#id_ident else {
                return Err(hwcloud_runtime::WaitError::NoJobId { operation: #operation, field: #field });
            };
        }
    };
    let (fn_name, start, wait) = (tokens::ident(name), tokens::ident(&op.fn_name), tokens::ident(&job.until_done));
    let (request, job_request) = (tokens::ident(&op.request), tokens::ident(&job.op.request));
    let answer = tokens::ident(&job.answer);
    let (start_name, wait_name) = (super::ident::unraw(&op.fn_name), &job.until_done);
    let doc = docs::doc_attrs(&[
        format!(
            "Calls [`{start_name}`](Self::{start_name}), then waits for the job its answer names (`{}`) with [`{wait_name}`](Self::{wait_name}); returns the job's final answer.",
            link.id
        ),
        String::new(),
        "# Errors".into(),
        String::new(),
        format!("As [`{start_name}`](Self::{start_name}) (in [`WaitError::Poll`](hwcloud_runtime::WaitError::Poll)) and [`{wait_name}`](Self::{wait_name}); [`WaitError::NoJobId`](hwcloud_runtime::WaitError::NoJobId) when the answer has no `{}`.", link.id),
    ]);
    Some(quote! {
        #doc
        pub async fn #fn_name(
            &self,
            request: &crate::operations::#request,
            options: &hwcloud_runtime::WaitOptions,
        ) -> Result<crate::models::#answer, hwcloud_runtime::WaitError<crate::models::#answer>> {
            let started = self.#start(request).await?;
            #take_id
            let job = crate::operations::#job_request { #(#fields),* };
            self.#wait(&job, options).await
        }
    })
}

/// One field of the job API's request: the id, the starter's parameter of the same name and
/// type, or unset; `None` when a required one cannot be filled.
fn job_param(p: &Param, starter: &Op, id_param: &str) -> Option<TokenStream> {
    let field = tokens::ident(&p.ident);
    if p.wire == id_param {
        if p.ty != Ty::String {
            return None;
        }
        return Some(match (p.required, p.ident == "job_id") {
            (true, true) => quote!(job_id),
            (true, false) => quote!(#field: job_id),
            (false, _) => quote!(#field: Some(job_id)),
        });
    }
    let same = starter.params.iter().find(|s| s.wire == p.wire && s.ty == p.ty);
    match same {
        Some(s) => {
            let from = tokens::ident(&s.ident);
            Some(match (p.required, s.required) {
                (true, true) | (false, false) => quote!(#field: request.#from.clone()),
                (false, true) => quote!(#field: Some(request.#from.clone())),
                (true, false) => return None,
            })
        }
        None if p.required => None,
        None => Some(quote!(#field: None)),
    }
}
