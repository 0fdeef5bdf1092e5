//! The usage example of the README and the crate docs: a real call of one
//! operation of the spec, with placeholder or example values for what the
//! constructors require. It is compiled as a doctest of the generated crate.

use super::ident;
use super::model::{Kind, Location, Lowered, Op, Outcome, Payload, Ty, TypeDef};
use serde_json::Value;

/// A Rust expression of type `ty`, taking values from `example` where it has them.
fn expr(ty: &Ty, example: Option<&Value>, placeholder: &str, all: &Lowered, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    Some(match ty {
        Ty::String => {
            let text = example.and_then(Value::as_str).unwrap_or(placeholder);
            format!("{text:?}")
        }
        Ty::Bool => example.and_then(Value::as_bool).unwrap_or(false).to_string(),
        Ty::I32 | Ty::I64 => example.and_then(Value::as_i64).unwrap_or(1).to_string(),
        Ty::F32 | Ty::F64 => format!("{:?}", example.and_then(Value::as_f64).unwrap_or(1.0)),
        Ty::Json => "serde_json::Value::Null".to_string(),
        Ty::Vec(_) | Ty::Bytes => "Vec::new()".to_string(),
        Ty::Map(_) => "std::collections::BTreeMap::new()".to_string(),
        Ty::Named(n) => {
            let def = all.get(n)?;
            named(def, example, placeholder, all, depth)?
        }
    })
}

fn named(def: &TypeDef, example: Option<&Value>, placeholder: &str, all: &Lowered, depth: usize) -> Option<String> {
    let path = format!("models::{}", def.name);
    Some(match &def.kind {
        Kind::Enum(variants) => {
            let wanted = example.and_then(Value::as_str);
            let v = variants.iter().find(|v| Some(v.value.as_str()) == wanted).or(variants.first())?;
            format!("{path}::{}", v.ident)
        }
        Kind::Alias(t) => expr(t, example, placeholder, all, depth + 1)?,
        Kind::OneOf(variants) => {
            let (v, t) = variants.first()?;
            let inner = expr(t, example, placeholder, all, depth + 1)?;
            let inner = if matches!(t, Ty::Named(_)) { format!("Box::new({inner})") } else { inner };
            format!("{path}::{v}({inner})")
        }
        Kind::Struct(fields) => {
            let args = fields
                .iter()
                .filter(|f| f.required && f.fixed.is_none())
                .map(|f| expr(&f.ty, example.and_then(|e| e.get(&f.wire)), &f.wire, all, depth + 1))
                .collect::<Option<Vec<_>>>()?;
            format!("{path}::new({})", args.join(", "))
        }
    })
}

/// The request expression of an operation (`operations::XRequest::new(...)`).
fn request_expr(op: &Op, all: &Lowered) -> Option<String> {
    let mut args = Vec::new();
    for p in op.params.iter().filter(|p| p.required) {
        args.push(expr(&p.ty, None, &p.wire, all, 0)?);
    }
    if let Some(body) = op.body.as_ref().filter(|b| b.required) {
        let example = all
            .examples
            .iter()
            .find(|e| e.problems.is_empty() && e.what.starts_with(&format!("{} request ", op.fn_name)))
            .map(|e| &e.value);
        args.push(expr(&body.ty, example, "body", all, 0)?);
    }
    Some(format!("operations::{}::new({})", op.request, args.join(", ")))
}

/// The operation the example calls: the first with a required JSON body and a
/// valid request example (`Create*` POST operations first), else the first
/// operation that has a request expression.
fn pick(all: &Lowered) -> Option<(&Op, String)> {
    let is_create = |op: &&Op| op.method == "POST" && op.operation_id.starts_with("Create");
    let creates = all.ops.iter().filter(is_create);
    let others = all.ops.iter().filter(|op| !is_create(op));
    let with_example = creates.chain(others).find(|op| {
        op.body.as_ref().is_some_and(|b| b.required && b.raw_content_type.is_none())
            && all
                .examples
                .iter()
                .any(|e| e.problems.is_empty() && e.what.starts_with(&format!("{} request ", op.fn_name)))
            && request_expr(op, all).is_some()
    });
    let op = with_example.or_else(|| all.ops.iter().find(|op| request_expr(op, all).is_some()))?;
    Some((op, request_expr(op, all)?))
}

/// The example as Rust source (formatted), or `None` for a spec without operations.
pub fn snippet(all: &Lowered, lib: &str, client: &str, region: &str) -> Option<String> {
    let (op, request) = pick(all)?;
    let fn_name = &op.fn_name;
    let mut imports = vec![];
    if request.contains("models::") {
        imports.push("models");
    }
    imports.extend(["operations", "Config", "Credentials", client]);
    let result = ident::unraw(fn_name).split('_').next_back().unwrap_or("result").to_string();
    // The method's last word names the result (`list_node_pools` -> `pools`), unless it is no
    // identifier (`create_resource_group_v1_0` -> `0`).
    let usable = result.starts_with(|c: char| c.is_ascii_alphabetic()) && !ident::is_keyword(&result);
    let result = if usable { result } else { "result".to_string() };
    let (bind, show) = match &op.outcome {
        Outcome::Single(s) if s.payload == Payload::None => ("".to_string(), String::new()),
        Outcome::Undocumented => {
            ("let response = ".to_string(), "println!(\"status {}\", response.status());".to_string())
        }
        _ => (format!("let {result} = "), format!("println!(\"{{{result}:?}}\");")),
    };
    let source = format!(
        "use {lib}::{{{imports}}};
        async fn example() -> Result<(), {lib}::Error> {{
            let credentials = Credentials::ak_sk(\"your-access-key\", \"your-secret-key\").with_project_id(\"your-project-id\");
            let client = {client}::new(Config::new(credentials).with_region({region:?}))?;
            let request = {request};
            {bind}client.{fn_name}(&request).await?;
            {show}
            Ok(())
        }}",
        imports = imports.join(", "),
    );
    let file: syn::File = syn::parse_str(&source).ok()?;
    Some(super::tokens::space_items(&prettyplease::unparse(&file)))
}

/// A unit test of code calling the client, on the runtime's mock transport (no socket): the
/// first operation whose request needs nothing, answered with an error, and the request it
/// sent. Compiled and run as a doctest of the generated crate; `None` when no operation fits.
pub fn mock_snippet(all: &Lowered, lib: &str, client: &str, region: &str) -> Option<String> {
    let needs_nothing = |op: &&Op| {
        !op.deprecated && op.params.iter().all(|p| !p.required) && op.body.as_ref().is_none_or(|b| !b.required)
    };
    // A project's resources (`GET /v1/{project_id}/vpcs`) read better than the version list (`GET /`).
    let rank =
        |op: &&Op| (op.method == "GET" && op.path.contains("{project_id}"), op.method == "GET", op.path.len() > 1);
    // Else one whose required parameters are all query or header strings (a request id header):
    // the example passes each its wire name.
    let needs_strings = |op: &&Op| {
        !op.deprecated
            && op.body.as_ref().is_none_or(|b| !b.required)
            && op.params.iter().filter(|p| p.required).all(|p| p.location != Location::Path && p.ty == Ty::String)
    };
    let mut candidates: Vec<&Op> = all.ops.iter().filter(needs_nothing).collect();
    if candidates.is_empty() {
        candidates = all.ops.iter().filter(needs_strings).collect();
    }
    let best = candidates.iter().map(rank).max()?;
    let op = *candidates.iter().find(|op| rank(op) == best)?;
    let id = &op.operation_id;
    let code = format!("{}.0404", client.trim_end_matches("Client"));
    let path_expr = if op.path.contains("{project_id}") {
        format!("format!({:?})", op.path.replace("{project_id}", "{MOCK_PROJECT_ID}"))
    } else {
        format!("{:?}", op.path)
    };
    let import = if op.path.contains("{project_id}") {
        "MockResponse, MockTransport, MOCK_PROJECT_ID"
    } else {
        "MockResponse, MockTransport"
    };
    let source = format!(
        "use hwcloud_runtime::mock::{{{import}}};
        use {lib}::{{operations, Config, {client}}};
        async fn example() {{
            let mock = MockTransport::new();
            mock.on({id:?}, MockResponse::error(404, {code:?}, \"not found\"));
            let client = {client}::new(Config::mock(&mock).with_region({region:?})).unwrap();
            let err = client.{fn_name}(&operations::{request}::new({args})).await.unwrap_err();
            assert_eq!(err.to_string(), \"{code}: not found (HTTP 404)\");
            let sent = mock.requests_for({id:?});
            assert_eq!(sent.len(), 1);
            assert_eq!(sent[0].method, {method:?});
            assert_eq!(sent[0].path, {path_expr});
        }}",
        fn_name = op.fn_name,
        request = op.request,
        args = op.params.iter().filter(|p| p.required).map(|p| format!("{:?}", p.wire)).collect::<Vec<_>>().join(", "),
        method = op.method,
    );
    let file: syn::File = syn::parse_str(&source).ok()?;
    let body = super::tokens::space_items(&prettyplease::unparse(&file));
    // Run the example as the doctest's body (hidden lines start a runtime).
    Some(format!("{body}# #[tokio::main(flavor = \"current_thread\")]\n# async fn main() {{ example().await }}\n"))
}
