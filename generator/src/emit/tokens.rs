//! Shared token helpers: identifiers, types, formatting a file.

use super::ident;
use super::model::Ty;
use super::options::EmitError;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier token; `r#x` becomes a raw identifier. Names come from the
/// sanitiser; a name that is no identifier ([`ident::is_valid`]) is reported as E0501 by
/// [`super::check::identifiers`] before the crate is written, and spelled `x_...` here so
/// the emitter never panics.
pub fn ident(name: &str) -> Ident {
    let (raw, bare) = match name.strip_prefix("r#") {
        Some(bare) => (true, bare),
        None => (false, name),
    };
    if !ident::is_valid(name) {
        let cleaned: String = bare.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
        return Ident::new(&format!("x_{cleaned}"), Span::call_site());
    }
    if raw {
        Ident::new_raw(bare, Span::call_site())
    } else {
        Ident::new(bare, Span::call_site())
    }
}

/// A type; named types are prefixed with `models` (empty inside the models module).
pub fn ty(t: &Ty, models: &TokenStream) -> TokenStream {
    ty_with(t, &|_| models.clone())
}

/// A type; each named type is prefixed with `prefix(name)` (its path from where it is used).
pub fn ty_with(t: &Ty, prefix: &dyn Fn(&str) -> TokenStream) -> TokenStream {
    let models = &prefix(match t {
        Ty::Named(n) => n.as_str(),
        _ => "",
    });
    match t {
        Ty::String => quote!(String),
        Ty::Bool => quote!(bool),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F32 => quote!(f32),
        Ty::F64 => quote!(f64),
        Ty::Json => quote!(serde_json::Value),
        Ty::Bytes => quote!(Vec<u8>),
        Ty::Vec(inner) => {
            let inner = ty_with(inner, prefix);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty_with(inner, prefix);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Named(n) => {
            let n = ident(n);
            quote!(#models #n)
        }
    }
}

/// Parse and pretty-print a file; `header` lines go first as `//` comments.
pub fn render(file: &str, header: &[&str], tokens: TokenStream) -> Result<String, EmitError> {
    let parsed: syn::File =
        syn::parse2(tokens).map_err(|e| EmitError::Syntax { file: file.to_string(), message: e.to_string() })?;
    let mut out = String::new();
    for line in header {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    let body = space_items(&wrap_open_enums(&prettyplease::unparse(&parsed)));
    if header.is_empty() {
        out.push_str(&body);
    } else {
        out.push_str(&with_rustfmt_skip(&body));
    }
    Ok(out)
}

/// The marker attribute of an open enum ([`super::enums::open_enum`]).
const OPEN_ENUM_MARKER: &str = "#[hwcloud_open_enum]";

/// Each enum item marked with [`OPEN_ENUM_MARKER`] becomes a `hwcloud_runtime::open_enum!`
/// call with the laid-out item inside.
fn wrap_open_enums(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + src.len() / 8);
    let mut inside: Option<String> = None;
    let mut seen_enum = false;
    for line in src.lines() {
        if inside.is_none() {
            if let Some(indent) = line.strip_suffix(OPEN_ENUM_MARKER).filter(|i| i.trim().is_empty()) {
                out.push_str(indent);
                out.push_str("hwcloud_runtime::open_enum! {\n");
                inside = Some(indent.to_string());
                seen_enum = false;
                continue;
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let indent = inside.clone().unwrap_or_default();
        if line.trim_start().starts_with("pub enum ") {
            seen_enum = true;
        }
        out.push_str("    ");
        out.push_str(line);
        out.push('\n');
        let one_line = seen_enum && line.trim_start().starts_with("pub enum ") && line.ends_with('}');
        if seen_enum && (line == format!("{indent}}}") || one_line) {
            out.push_str(&indent);
            out.push_str("}\n");
            inside = None;
        }
    }
    out
}

/// The layout of generated files is prettyplease's, not rustfmt's: this inner
/// attribute keeps `cargo fmt --check` away from them (`#![rustfmt::skip]` alone
/// is unstable as an inner attribute).
pub const RUSTFMT_SKIP: &str = "#![cfg_attr(rustfmt, rustfmt::skip)]";

/// `body` with [`RUSTFMT_SKIP`] after its leading `//!` docs (once).
fn with_rustfmt_skip(body: &str) -> String {
    if body.contains(RUSTFMT_SKIP) {
        return body.to_string();
    }
    let docs_end = body.lines().take_while(|l| l.starts_with("//!")).map(|l| l.len() + 1).sum::<usize>();
    let (docs, rest) = body.split_at(docs_end.min(body.len()));
    let gap = if docs.is_empty() { "" } else { "\n" };
    format!("{docs}{gap}{RUSTFMT_SKIP}\n\n{}", rest.trim_start_matches('\n'))
}

/// A blank line between items (prettyplease puts none): between two items at
/// the top level or one level in (an `impl`), and after the inner docs of a file.
pub fn space_items(src: &str) -> String {
    const STARTS: &[&str] = &["///", "#[", "pub ", "fn ", "impl", "use ", "const ", "async fn ", "mod ", "type "];
    fn first_word(l: &str) -> &str {
        l.split_whitespace().next().unwrap_or_default()
    }
    let mut out = String::with_capacity(src.len() + src.len() / 16);
    let mut prev: Option<&str> = None;
    for line in src.lines() {
        if let Some(p) = prev {
            let after_inner_docs = p.starts_with("//!") && !line.starts_with("//!");
            let between_items = ["", "    "].iter().any(|indent| {
                let at = |l: &str| l.strip_prefix(indent).is_some_and(|rest| !rest.starts_with(' '));
                let closes = p.strip_prefix(indent) == Some("}")
                    || (at(p)
                        && p.ends_with(';')
                        && !p.trim_start().starts_with("//")
                        && first_word(p) != first_word(line));
                let opens = at(line)
                    && line.strip_prefix(indent).is_some_and(|rest| STARTS.iter().any(|s| rest.starts_with(s)));
                closes && opens
            });
            if after_inner_docs || between_items {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

/// The header every generated Rust file starts with.
pub const GENERATED: &str = "@generated by the hwcloud SDK generator from the OpenAPI spec. Do not edit.";

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn idents_and_types() {
        assert_eq!(ident("r#type").to_string(), "r#type");
        assert_eq!(ident("name").to_string(), "name");
        assert_eq!(ident("1x").to_string(), "x_1x");
        let models = quote!(crate::models::);
        let t = Ty::Vec(Box::new(Ty::Map(Box::new(Ty::Named("PoolNodeAz".into())))));
        assert_eq!(
            ty(&t, &models).to_string().replace(' ', ""),
            "Vec<std::collections::BTreeMap<String,crate::models::PoolNodeAz>>"
        );
    }
}
