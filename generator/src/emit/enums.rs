//! Enum emitters.
//!
//! String enums are open: `#[non_exhaustive]`, one variant per documented value
//! and `Unknown(String)` for anything else, so a value the docs do not list
//! deserializes and serializes back unchanged. The impls (`as_str`, `From<&str>`,
//! `From<String>`, `FromStr`, `Display`, serde through the string form) come
//! from the runtime's `open_enum!` macro.
//!
//! `oneOf` schemas become untagged enums.

use super::docs;
use super::model::{Ty, Variant};
use super::tokens;
use proc_macro2::TokenStream;
use quote::quote;

/// An open string enum: a `hwcloud_runtime::open_enum!` invocation (the runtime's macro
/// writes the impls). Each variant's doc starts with its wire value.
pub fn open_enum(name: &str, type_docs: &[String], variants: &[Variant]) -> TokenStream {
    let name = tokens::ident(name);
    let doc = docs::doc_attrs(type_docs);
    let decls = variants.iter().map(|v| {
        let id = tokens::ident(&v.ident);
        let value = &v.value;
        let mut lines = v.docs.clone();
        // The empty string shows as `""` (an empty code span would show nothing).
        let shown = if v.value.is_empty() { "`\"\"`".to_string() } else { docs::code(&v.value) };
        match lines.first_mut() {
            Some(first) if first.starts_with(&shown) => {}
            Some(first) => *first = format!("{shown}: {first}"),
            None => lines.push(shown),
        }
        let d = docs::doc_attrs(&lines);
        quote! { #d #id = #value, }
    });
    // Written as an enum item with a marker so prettyplease lays it out; `tokens::render` wraps
    // it in the macro call.
    quote! {
        #[hwcloud_open_enum]
        #doc
        pub enum #name {
            #(#decls)*
        }
    }
}

/// An untagged union; named struct payloads are boxed (keeps the enum small).
pub fn one_of(
    name: &str,
    type_docs: &[String],
    variants: &[(String, Ty)],
    prefix: &dyn Fn(&str) -> TokenStream,
) -> TokenStream {
    let name = tokens::ident(name);
    let lines = docs::paragraphs(vec![
        type_docs.to_vec(),
        vec!["The first variant whose type accepts the JSON value is used.".to_string()],
    ]);
    let doc = docs::doc_attrs(&lines);
    let decls = variants.iter().map(|(v, t)| {
        let id = tokens::ident(v);
        let ty = tokens::ty_with(t, prefix);
        let ty = if matches!(t, Ty::Named(_)) { quote!(Box<#ty>) } else { ty };
        quote! { #id(#ty), }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#decls)*
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn numeric_values_and_unknown() {
        let variants = vec![
            Variant { ident: "PayPerUse".into(), value: "0".into(), docs: vec!["按需计费".into()], meaning: None },
            Variant { ident: "V1".into(), value: "1".into(), docs: vec![], meaning: None },
        ];
        let out = tokens::render("t.rs", &[], open_enum("BillingMode", &["计费模式".into()], &variants)).unwrap();
        for want in [
            "hwcloud_runtime::open_enum! {\n    /// 计费模式\n    pub enum BillingMode {",
            "        /// `0`: 按需计费\n        PayPerUse = \"0\",",
            "        /// `1`\n        V1 = \"1\",\n    }\n}",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }

    #[test]
    fn the_empty_string_is_a_variant() {
        let variants = vec![
            Variant { ident: "Up".into(), value: "UP".into(), docs: vec!["normal".into()], meaning: None },
            Variant { ident: "Empty".into(), value: String::new(), docs: vec!["no host".into()], meaning: None },
        ];
        let out = tokens::render("t.rs", &[], open_enum("HostStatus", &[], &variants)).unwrap();
        let want = "        /// `\"\"`: no host\n        Empty = \"\",";
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }

    #[test]
    fn one_of_boxes_named_payloads() {
        let out = tokens::render(
            "t.rs",
            &[],
            one_of(
                "Action",
                &[],
                &[("Reboot".into(), Ty::Named("Reboot".into())), ("Name".into(), Ty::String)],
                &|_| quote!(),
            ),
        )
        .unwrap();
        assert!(out.contains("Reboot(Box<Reboot>),"), "{out}");
        assert!(out.contains("Name(String),"), "{out}");
        assert!(out.contains("#[serde(untagged)]"), "{out}");
    }
}
