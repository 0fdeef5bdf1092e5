//! Operation emitters: the request type (path, query and header parameters and
//! the body), the response enum when several success codes are documented,
//! and the async client method that sends the request through the runtime.

use super::docs;
use super::ident;
use super::model::{
    Kind, Location, Lowered, Op, Outcome, Param, Payload, ResponseHeader, Status, Success, Ty, TypeDef,
};
use super::structs::{self, RecordField};
use super::tokens;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

fn models_prefix() -> TokenStream {
    quote!(crate::models::)
}

fn param_docs(p: &Param) -> Vec<String> {
    let place = match p.location {
        Location::Path => "Path",
        Location::Query => "Query",
        Location::Header => "Header",
    };
    let text = docs::link_tables(p.docs.clone(), p.ty.named());
    docs::paragraphs(vec![text, vec![format!("{place} parameter {}.", docs::code(&p.wire))]])
}

/// The request type of an operation (in the operations module).
pub fn request_type(op: &Op, client: &str) -> TokenStream {
    let models = models_prefix();
    let mut fields: Vec<RecordField> = op
        .params
        .iter()
        .map(|p| RecordField {
            ident: p.ident.clone(),
            ty: tokens::ty(&p.ty, &models),
            required: p.required,
            boxed: false,
            into_string: p.ty == Ty::String,
            fixed: None,
            docs: param_docs(p),
        })
        .collect();
    if let Some(body) = &op.body {
        let mut d = body.docs.clone();
        if let Some(ct) = &body.raw_content_type {
            d = docs::paragraphs(vec![d, vec![format!("Sent as {}.", docs::code(ct))]]);
        }
        fields.push(RecordField {
            ident: body.ident.clone(),
            ty: tokens::ty(&body.ty, &models),
            required: body.required,
            boxed: false,
            into_string: false,
            fixed: None,
            docs: d,
        });
    }
    let docs = vec![format!(
        "Request of [`{client}::{}`](crate::{client}::{}): `{} {}`.",
        ident::unraw(&op.fn_name),
        ident::unraw(&op.fn_name),
        op.method,
        op.path
    )];
    structs::record(&op.request, &docs, &fields)
}

/// The response enum of an operation with several success codes.
pub fn response_enum(op: &Op, client: &str) -> Option<TokenStream> {
    let Outcome::Several { name, arms } = &op.outcome else {
        return None;
    };
    let models = models_prefix();
    let type_name = tokens::ident(name);
    let variants = arms.iter().map(|arm| {
        let id = tokens::ident(&arm.variant);
        let d = docs::doc_attrs(&docs::paragraphs(vec![
            arm.docs.clone(),
            vec![format!("Status {}.", status_text(arm.status))],
        ]));
        match &arm.payload {
            Payload::None => quote! { #d #id, },
            Payload::Raw => quote! { #d #id(Vec<u8>), },
            Payload::Json(t @ Ty::Named(_)) => {
                let ty = tokens::ty(t, &models);
                quote! { #d #id(Box<#ty>), }
            }
            Payload::Json(t) => {
                let ty = tokens::ty(t, &models);
                quote! { #d #id(#ty), }
            }
        }
    });
    let fn_name = ident::unraw(&op.fn_name);
    let d = docs::doc_attrs(&[format!("Successful responses of [`{client}::{fn_name}`](crate::{client}::{fn_name}).")]);
    Some(quote! {
        #d
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #type_name {
            #(#variants)*
        }
    })
}

/// The name of the method that returns the body with the headers and the request id.
pub fn metadata_fn_name(op: &Op) -> String {
    format!("{}_with_metadata", ident::unraw(&op.fn_name))
}

/// A header whose value is a credential: its value is not shown by `Debug`.
fn is_secret_header(wire: &str) -> bool {
    wire.to_ascii_lowercase().contains("token")
}

/// The struct of the response headers an operation documents (in its group's module): one
/// optional field per header, read by `from_response` and returned by the `_with_metadata` method.
pub fn headers_type(op: &Op, client: &str) -> Option<TokenStream> {
    let headers = op.headers.as_ref()?;
    let type_name = tokens::ident(&headers.name);
    let fields = headers.fields.iter().map(|h| {
        let id = tokens::ident(&h.ident);
        let ty = tokens::ty(&h.ty, &models_prefix());
        let d = docs::doc_attrs(&docs::paragraphs(vec![
            h.docs.clone(),
            vec![format!("Response header {}; `None` when the response lacks it.", docs::code(&h.wire))],
        ]));
        quote! { #d pub #id: Option<#ty>, }
    });
    let reads = headers.fields.iter().map(header_read);
    let with = metadata_fn_name(op);
    let d = docs::doc_attrs(&[format!(
        "Response headers of [`{client}::{with}`](crate::{client}::{with}), as the API reference documents them."
    )]);
    let debug = headers_debug(&type_name, &headers.fields);
    let derive_debug = if debug.is_empty() { quote!(Debug,) } else { quote!() };
    Some(quote! {
        #d
        #[derive(#derive_debug Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #type_name {
            #(#fields)*
        }

        impl #type_name {
            /// Reads the documented headers of `response`.
            pub(crate) fn from_response(response: &hwcloud_runtime::Response) -> Self {
                #type_name { #(#reads)* }
            }
        }

        #debug
    })
}

/// `ident: <value of the header>,`: a string as is, a number or boolean parsed (text that does
/// not parse is `None`; `Output::header` still has it).
fn header_read(h: &ResponseHeader) -> TokenStream {
    let id = tokens::ident(&h.ident);
    let wire = &h.wire;
    match h.ty {
        Ty::String => quote!(#id: response.header(#wire).map(str::to_owned),),
        _ => quote!(#id: response.header(#wire).and_then(|v| v.trim().parse().ok()),),
    }
}

/// A `Debug` that hides token headers (`X-Subject-Token` is the caller's credential); empty
/// when no header is a token, and `Debug` is derived.
fn headers_debug(type_name: &proc_macro2::Ident, fields: &[ResponseHeader]) -> TokenStream {
    if !fields.iter().any(|h| is_secret_header(&h.wire)) {
        return quote!();
    }
    let name = type_name.to_string();
    let shown = fields.iter().map(|h| {
        let id = tokens::ident(&h.ident);
        let label = ident::unraw(&h.ident);
        if is_secret_header(&h.wire) {
            quote!(.field(#label, &self.#id.as_ref().map(|_| "<redacted>")))
        } else {
            quote!(.field(#label, &self.#id))
        }
    });
    quote! {
        impl std::fmt::Debug for #type_name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#name) #(#shown)* .finish()
            }
        }
    }
}

fn status_text(s: Status) -> String {
    match s {
        Status::Code(c) => format!("`{c}`"),
        Status::Range(..) => "`2XX`".to_string(),
    }
}

/// `true` when the type implements `Display` and `FromStr` (sent as is in a query
/// or header, read from a command-line flag).
pub(super) fn displayable(ty: &Ty, all: &Lowered, depth: usize) -> bool {
    match ty {
        Ty::String | Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Json => true,
        Ty::Vec(_) | Ty::Map(_) | Ty::Bytes => false,
        Ty::Named(n) => match all.get(n) {
            Some(TypeDef { kind: Kind::Enum(_), .. }) => true,
            Some(TypeDef { kind: Kind::Alias(t), .. }) => depth < 16 && displayable(t, all, depth + 1),
            _ => false,
        },
    }
}

/// Statements adding one parameter to the runtime request `http`.
fn param_statement(p: &Param, all: &Lowered) -> TokenStream {
    let id = tokens::ident(&p.ident);
    let wire = &p.wire;
    let method = match p.location {
        Location::Path => quote!(path_param),
        Location::Query => quote!(query),
        Location::Header => quote!(header),
    };
    let value = quote!(value);
    let add = |v: &TokenStream, ty: &Ty| -> TokenStream {
        if displayable(ty, all, 0) {
            quote!(http = http.#method(#wire, #v);)
        } else {
            // Objects in a query or header go as JSON text; serializing generated types cannot fail.
            quote!(http = http.#method(#wire, serde_json::to_string(#v).unwrap_or_default());)
        }
    };
    let one = match &p.ty {
        Ty::Vec(inner) if p.location != Location::Path && displayable(inner, all, 0) => {
            let each = add(&value, inner);
            quote!(for value in values { #each })
        }
        ty => add(&value, ty),
    };
    let is_list = matches!(&p.ty, Ty::Vec(inner) if p.location != Location::Path && displayable(inner, all, 0));
    match (p.required, is_list) {
        (true, false) => {
            // Copy types by value (clippy: needless_borrows_for_generic_args).
            let v = match p.ty {
                Ty::Bool | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 => quote!(request.#id),
                _ => quote!(&request.#id),
            };
            add(&v, &p.ty)
        }
        (true, true) => quote! { let values = &request.#id; #one },
        (false, false) => quote! { if let Some(value) = &request.#id { #one } },
        (false, true) => quote! { if let Some(values) = &request.#id { #one } },
    }
}

/// What the client method returns on success.
pub fn return_type(op: &Op) -> TokenStream {
    let models = models_prefix();
    match &op.outcome {
        Outcome::Undocumented => quote!(hwcloud_runtime::Response),
        Outcome::Single(s) => match &s.payload {
            Payload::None => quote!(()),
            Payload::Raw => quote!(Vec<u8>),
            Payload::Json(t) => tokens::ty(t, &models),
        },
        Outcome::Several { name, .. } => {
            let n = tokens::ident(name);
            quote!(crate::operations::#n)
        }
    }
}

fn status_pattern(s: Status) -> TokenStream {
    match s {
        Status::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote!(#c)
        }
        Status::Range(lo, hi) => {
            let (lo, hi) = (Literal::u16_unsuffixed(lo), Literal::u16_unsuffixed(hi));
            quote!(#lo..=#hi)
        }
    }
}

/// `status => body,` of the match that decodes the body (a decode failure returns early).
fn success_arm(arm: &Success, wrap: Option<&TokenStream>) -> TokenStream {
    let pattern = status_pattern(arm.status);
    let value = match (&arm.payload, wrap) {
        (Payload::None, None) => quote!(()),
        (Payload::Raw, None) => quote!(response.body().to_vec()),
        (Payload::Json(_), None) => quote!(response.json()?),
        (Payload::None, Some(path)) => quote!(#path),
        (Payload::Raw, Some(path)) => quote!(#path(response.body().to_vec())),
        (Payload::Json(_), Some(path)) => quote!(response.json().map(#path)?),
    };
    quote!(#pattern => #value,)
}

/// The statements after `execute`: the body decoded for a documented success status, the
/// documented headers read, both wrapped with the status and the headers in an `Output`.
fn output_statements(op: &Op) -> TokenStream {
    let arms: Vec<TokenStream> = match &op.outcome {
        Outcome::Undocumented => {
            return quote! {
                match response.status() {
                    200..=299 => Ok(response.into_raw_output()),
                    _ => Err(response.into_error()),
                }
            }
        }
        Outcome::Single(s) => vec![success_arm(s, None)],
        Outcome::Several { name, arms } => {
            let n = tokens::ident(name);
            arms.iter()
                .map(|a| {
                    let v = tokens::ident(&a.variant);
                    success_arm(a, Some(&quote!(crate::operations::#n::#v)))
                })
                .collect()
        }
    };
    let (check, body) = match &op.outcome {
        // No `let` of a unit value (clippy: let_unit_value): a body-less status is only checked.
        Outcome::Single(Success { status, payload: Payload::None, .. }) => {
            let pattern = status_pattern(*status);
            let check = quote! {
                match response.status() {
                    #pattern => {}
                    _ => return Err(response.into_error()),
                }
            };
            (check, quote!(()))
        }
        _ => {
            let check = quote! {
                let body = match response.status() {
                    #(#arms)*
                    _ => return Err(response.into_error()),
                };
            };
            (check, quote!(body))
        }
    };
    let finish = match &op.headers {
        Some(h) => {
            let n = tokens::ident(&h.name);
            quote! {
                let headers = crate::operations::#n::from_response(&response);
                Ok(response.into_output(#body, headers))
            }
        }
        None => quote!(Ok(response.into_output(#body, ()))),
    };
    quote! {
        #check
        #finish
    }
}

/// What the `_with_metadata` method returns on success.
pub fn output_type(op: &Op) -> TokenStream {
    let ret = return_type(op);
    match &op.headers {
        Some(h) => {
            let n = tokens::ident(&h.name);
            quote!(hwcloud_runtime::Output<#ret, crate::operations::#n>)
        }
        None => quote!(hwcloud_runtime::Output<#ret>),
    }
}

/// The async method of the service client.
pub fn client_method(op: &Op, all: &Lowered) -> TokenStream {
    let name = tokens::ident(&op.fn_name);
    let request_type = tokens::ident(&op.request);
    let method = tokens::ident(&op.method);
    let path = &op.path;
    let id = &op.operation_id;
    let mut statements: Vec<TokenStream> = op.params.iter().map(|p| param_statement(p, all)).collect();
    if let Some(body) = &op.body {
        let b = tokens::ident(&body.ident);
        let add = match &body.raw_content_type {
            Some(ct) => quote!(http = http.raw_body(body.clone(), #ct);),
            None => quote!(http = http.json_body(body)?;),
        };
        statements.push(if body.required {
            quote! { let body = &request.#b; #add }
        } else {
            quote! { if let Some(body) = &request.#b { #add } }
        });
    }
    let binding = if statements.is_empty() { quote!(let http) } else { quote!(let mut http) };
    let ret = return_type(op);
    let success = match &op.outcome {
        Outcome::Undocumented => {
            "a `2xx` status (the page documents no success response, so the raw response is returned)".to_string()
        }
        Outcome::Single(s) => format!("status {}", status_text(s.status)),
        Outcome::Several { arms, .. } => {
            let codes: Vec<String> = arms.iter().map(|a| status_text(a.status)).collect();
            format!("statuses {}", codes.join(", "))
        }
    };
    let mut errors = vec![
        "# Errors".to_string(),
        String::new(),
        format!(
            "Transport and signing failures, and every response other than {success}, as [`hwcloud_runtime::Error`]."
        ),
    ];
    if !op.errors.is_empty() {
        errors.push(String::new());
        errors.push("Documented error statuses:".to_string());
        errors.push(String::new());
        for (code, text) in &op.errors {
            let text = docs::escape_line(text.lines().next().unwrap_or_default());
            errors.push(if text.is_empty() { format!("- `{code}`") } else { format!("- `{code}`: {text}") });
        }
    }
    let (deprecated, calls_deprecated) = if op.deprecated {
        (quote!(#[deprecated(note = "the documentation marks this API deprecated")]), quote!(#[allow(deprecated)]))
    } else {
        (quote!(), quote!())
    };
    // Nothing to send from the request (no parameters, no body): the argument stays for uniformity.
    let request_arg = if statements.is_empty() { quote!(_request) } else { quote!(request) };
    let with = tokens::ident(&metadata_fn_name(op));
    let with_text = ident::unraw(&with.to_string()).to_string();
    let plain_text = ident::unraw(&op.fn_name).to_string();
    let output = output_type(op);
    let body = output_statements(op);
    let with_docs = docs::doc_attrs(&metadata_docs(op, &plain_text));
    let d = docs::doc_attrs(&docs::paragraphs(vec![
        op.docs.clone(),
        vec![format!(
            "The response headers{} and the request id come with [`{with_text}`](Self::{with_text}).",
            documented_headers(op)
        )],
        errors,
    ]));
    quote! {
        #d
        #deprecated
        #calls_deprecated
        pub async fn #name(
            &self,
            request: &crate::operations::#request_type,
        ) -> Result<#ret, hwcloud_runtime::Error> {
            self.#with(request).await.map(hwcloud_runtime::Output::into_body)
        }

        #with_docs
        #deprecated
        pub async fn #with(
            &self,
            #request_arg: &crate::operations::#request_type,
        ) -> Result<#output, hwcloud_runtime::Error> {
            #binding = hwcloud_runtime::Request::new(hwcloud_runtime::Method::#method, #path, #id);
            #(#statements)*
            let response = self.inner.execute(http).await?;
            #body
        }
    }
}

/// ` (\`X-Subject-Token\`)`: the documented headers, for the method's docs.
fn documented_headers(op: &Op) -> String {
    match &op.headers {
        Some(h) => {
            let names: Vec<String> = h.fields.iter().map(|f| docs::code(&f.wire)).collect();
            format!(" ({})", names.join(", "))
        }
        None => String::new(),
    }
}

/// Docs of the `_with_metadata` method: what it adds to the plain one.
fn metadata_docs(op: &Op, plain: &str) -> Vec<String> {
    let mut d = vec![format!(
        "[`{plain}`](Self::{plain}) with the response's status, request id (`X-Request-Id`) and headers: \
         [`Output::into_body`](hwcloud_runtime::Output::into_body) is what `{plain}` returns."
    )];
    if let Some(h) = &op.headers {
        d.push(String::new());
        d.push(format!(
            "[`Output::headers`](hwcloud_runtime::Output::headers) gives the documented ones typed ([`{}`](crate::operations::{})){}.",
            h.name,
            h.name,
            documented_headers(op).replace(" (", ": ").trim_end_matches(')')
        ));
    }
    d.push(String::new());
    d.push("# Errors".to_string());
    d.push(String::new());
    d.push(format!("As [`{plain}`](Self::{plain})."));
    d
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::emit::model::{Body, ResponseHeaders};

    fn op() -> Op {
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
                Param {
                    wire: "project_id".into(),
                    ident: "project_id".into(),
                    location: Location::Path,
                    ty: Ty::String,
                    required: false,
                    from_credentials: true,
                    docs: vec![],
                },
                Param {
                    wire: "pool_name".into(),
                    ident: "pool_name".into(),
                    location: Location::Path,
                    ty: Ty::String,
                    required: true,
                    from_credentials: false,
                    docs: vec![],
                },
                Param {
                    wire: "labels".into(),
                    ident: "labels".into(),
                    location: Location::Query,
                    ty: Ty::Vec(Box::new(Ty::String)),
                    required: false,
                    from_credentials: false,
                    docs: vec![],
                },
            ],
            body: Some(Body {
                ident: "body".into(),
                ty: Ty::Named("CreateNodePoolRequestBody".into()),
                required: true,
                raw_content_type: None,
                docs: vec![],
            }),
            outcome: Outcome::Single(Success {
                status: Status::Code(200),
                variant: "Ok".into(),
                payload: Payload::Json(Ty::Named("CreateNodePoolRequestBody".into())),
                docs: vec![],
            }),
            headers: None,
            errors: vec![("400".into(), "Bad request".into())],
        }
    }

    fn in_impl(tokens: TokenStream) -> String {
        tokens::render("t.rs", &[], quote!(impl C { #tokens })).unwrap()
    }

    #[test]
    fn method_sends_params_and_body_and_matches_status() {
        let all = Lowered { types: vec![], ops: vec![], examples: vec![] };
        let out = in_impl(client_method(&op(), &all));
        for want in [
            "pub async fn create_node_pool(\n        &self,\n        request: &crate::operations::CreateNodePoolRequest,\n    ) -> Result<crate::models::CreateNodePoolRequestBody, hwcloud_runtime::Error> {",
            "let mut http = hwcloud_runtime::Request::new(\n            hwcloud_runtime::Method::POST,\n            \"/v2/{project_id}/pools/{pool_name}/nodepools\",\n            \"CreateNodePool\",\n        );",
            "if let Some(value) = &request.project_id {\n            http = http.path_param(\"project_id\", value);\n        }",
            "http = http.path_param(\"pool_name\", &request.pool_name);",
            "if let Some(values) = &request.labels {\n            for value in values {\n                http = http.query(\"labels\", value);\n            }\n        }",
            "http = http.json_body(body)?;",
            "let response = self.inner.execute(http).await?;",
            "let body = match response.status() {\n            200 => response.json()?,\n            _ => return Err(response.into_error()),\n        };",
            "Ok(response.into_output(body, ()))",
            "/// - `400`: Bad request",
            "pub async fn create_node_pool_with_metadata(\n        &self,\n        request: &crate::operations::CreateNodePoolRequest,\n    ) -> Result<\n        hwcloud_runtime::Output<crate::models::CreateNodePoolRequestBody>,\n        hwcloud_runtime::Error,\n    > {",
            "self.create_node_pool_with_metadata(request)\n            .await\n            .map(hwcloud_runtime::Output::into_body)",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }

    #[test]
    fn several_success_codes_make_an_enum() {
        let mut o = op();
        o.outcome = Outcome::Several {
            name: "CreateNodePoolResponse".into(),
            arms: vec![
                Success {
                    status: Status::Code(200),
                    variant: "Ok".into(),
                    payload: Payload::Json(Ty::Named("Pool".into())),
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
        let all = Lowered { types: vec![], ops: vec![], examples: vec![] };
        let method = in_impl(client_method(&o, &all));
        assert!(
            method.contains("200 => response.json().map(crate::operations::CreateNodePoolResponse::Ok)?,"),
            "{method}"
        );
        assert!(method.contains("204 => crate::operations::CreateNodePoolResponse::NoContent,"), "{method}");
        let e = tokens::render("t.rs", &[], response_enum(&o, "Client").unwrap()).unwrap();
        assert!(e.contains("Ok(Box<crate::models::Pool>),"), "{e}");
        assert!(e.contains("NoContent,"), "{e}");
    }

    #[test]
    fn request_type_makes_project_id_optional() {
        let out = tokens::render("t.rs", &[], request_type(&op(), "Client")).unwrap();
        for want in [
            "pub project_id: Option<String>,",
            "pub pool_name: String,",
            "pub labels: Option<Vec<String>>,",
            "pub body: crate::models::CreateNodePoolRequestBody,",
            "pub fn new(\n        pool_name: impl Into<String>,\n        body: crate::models::CreateNodePoolRequestBody,\n    ) -> Self {",
            "pub fn with_project_id(mut self, value: impl Into<String>) -> Self {",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }

    fn with_headers() -> Op {
        let mut o = op();
        o.headers = Some(ResponseHeaders {
            name: "CreateNodePoolHeaders".into(),
            fields: vec![
                ResponseHeader {
                    wire: "Location".into(),
                    ident: "location".into(),
                    ty: Ty::String,
                    docs: vec!["URI of the new pool.".into()],
                },
                ResponseHeader {
                    wire: "X-Subject-Token".into(),
                    ident: "x_subject_token".into(),
                    ty: Ty::String,
                    docs: vec![],
                },
                ResponseHeader { wire: "X-Count".into(), ident: "x_count".into(), ty: Ty::I64, docs: vec![] },
            ],
        });
        o
    }

    #[test]
    fn documented_headers_make_a_struct_read_from_the_response() {
        let out = tokens::render("t.rs", &[], headers_type(&with_headers(), "Client").unwrap()).unwrap();
        for want in [
            "#[derive(Clone, Default, PartialEq)]\n#[non_exhaustive]\npub struct CreateNodePoolHeaders {",
            "/// URI of the new pool.\n    ///\n    /// Response header `Location`; `None` when the response lacks it.\n    pub location: Option<String>,",
            "pub x_count: Option<i64>,",
            "location: response.header(\"Location\").map(str::to_owned),",
            "x_count: response.header(\"X-Count\").and_then(|v| v.trim().parse().ok()),",
            "pub(crate) fn from_response(response: &hwcloud_runtime::Response) -> Self {",
            // The token is the caller's credential: not in debug output.
            "&self.x_subject_token.as_ref().map(|_| \"<redacted>\"),",
            ".field(\"location\", &self.location)",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
        assert!(headers_type(&op(), "Client").is_none());
    }

    #[test]
    fn headers_without_tokens_derive_debug() {
        let mut o = with_headers();
        if let Some(h) = &mut o.headers {
            h.fields.retain(|f| f.wire == "Location");
        }
        let out = tokens::render("t.rs", &[], headers_type(&o, "Client").unwrap()).unwrap();
        assert!(out.contains("#[derive(Debug, Clone, Default, PartialEq)]"), "{out}");
        assert!(!out.contains("impl std::fmt::Debug"), "{out}");
    }

    #[test]
    fn metadata_method_returns_the_typed_headers() {
        let all = Lowered { types: vec![], ops: vec![], examples: vec![] };
        let out = in_impl(client_method(&with_headers(), &all));
        for want in [
            "hwcloud_runtime::Output<\n            crate::models::CreateNodePoolRequestBody,\n            crate::operations::CreateNodePoolHeaders,\n        >,",
            "let headers = crate::operations::CreateNodePoolHeaders::from_response(&response);",
            "/// The response headers (`Location`, `X-Subject-Token`, `X-Count`) and the request id come with [`create_node_pool_with_metadata`](Self::create_node_pool_with_metadata).",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }

    #[test]
    fn undocumented_success_returns_the_raw_response_in_an_output() {
        let mut o = op();
        o.outcome = Outcome::Undocumented;
        let all = Lowered { types: vec![], ops: vec![], examples: vec![] };
        let out = in_impl(client_method(&o, &all));
        assert!(out.contains("200..=299 => Ok(response.into_raw_output()),"), "{out}");
        assert!(out.contains("Result<hwcloud_runtime::Response, hwcloud_runtime::Error>"), "{out}");
    }

    #[test]
    fn deprecated_method_calls_its_metadata_twin_without_warning() {
        let mut o = op();
        o.deprecated = true;
        let all = Lowered { types: vec![], ops: vec![], examples: vec![] };
        let out = in_impl(client_method(&o, &all));
        assert_eq!(out.matches("#[deprecated(").count(), 2, "{out}");
        assert!(out.contains("#[allow(deprecated)]\n    pub async fn create_node_pool("), "{out}");
    }
}
