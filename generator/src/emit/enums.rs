//! Enum emitters.
//!
//! String enums are open: `#[non_exhaustive]`, one variant per documented value
//! and `Unknown(String)` for anything else, so a value the docs do not list
//! deserializes and serializes back unchanged. `as_str`, `From<&str>`,
//! `From<String>`, `FromStr` (infallible) and `Display` are implemented, and
//! serde goes through the string form.
//!
//! `oneOf` schemas become untagged enums.

use super::docs;
use super::model::{Ty, Variant};
use super::tokens;
use proc_macro2::TokenStream;
use quote::quote;

/// An open string enum.
pub fn open_enum(name: &str, type_docs: &[String], variants: &[Variant]) -> TokenStream {
    let name = tokens::ident(name);
    let doc = docs::doc_attrs(type_docs);
    let decls = variants.iter().map(|v| {
        let id = tokens::ident(&v.ident);
        let mut lines = v.docs.clone();
        lines.push(String::new());
        lines.push(format!("Serialized as {}.", docs::code(&v.value)));
        let d = docs::doc_attrs(&lines);
        quote! { #d #id, }
    });
    let to_str = variants.iter().map(|v| {
        let id = tokens::ident(&v.ident);
        let value = &v.value;
        quote! { Self::#id => #value, }
    });
    let from_str = variants.iter().map(|v| {
        let id = tokens::ident(&v.ident);
        let value = &v.value;
        quote! { #value => Self::#id, }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#decls)*
            /// A value this version of the crate does not know; kept as sent.
            Unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    }
}

/// An untagged union; named struct payloads are boxed (keeps the enum small).
pub fn one_of(name: &str, type_docs: &[String], variants: &[(String, Ty)]) -> TokenStream {
    let name = tokens::ident(name);
    let lines = docs::paragraphs(vec![
        type_docs.to_vec(),
        vec!["The first variant whose type accepts the JSON value is used.".to_string()],
    ]);
    let doc = docs::doc_attrs(&lines);
    let empty = quote!();
    let decls = variants.iter().map(|(v, t)| {
        let id = tokens::ident(v);
        let ty = tokens::ty(t, &empty);
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
            Variant { ident: "V0".into(), value: "0".into(), docs: vec!["按需计费".into()] },
            Variant { ident: "V1".into(), value: "1".into(), docs: vec!["包周期计费".into()] },
        ];
        let out = tokens::render("t.rs", &[], open_enum("BillingMode", &["计费模式".into()], &variants)).unwrap();
        for want in [
            "/// 计费模式\n#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n#[non_exhaustive]\npub enum BillingMode {",
            "    /// 按需计费\n    ///\n    /// Serialized as `0`.\n    V0,",
            "    Unknown(String),",
            "Self::V0 => \"0\",",
            "\"1\" => Self::V1,",
            "other => Self::Unknown(other.to_string()),",
            "type Err = std::convert::Infallible;",
            "serializer.serialize_str(self.as_str())",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }

    #[test]
    fn one_of_boxes_named_payloads() {
        let out = tokens::render(
            "t.rs",
            &[],
            one_of("Action", &[], &[("Reboot".into(), Ty::Named("Reboot".into())), ("Name".into(), Ty::String)]),
        )
        .unwrap();
        assert!(out.contains("Reboot(Box<Reboot>),"), "{out}");
        assert!(out.contains("Name(String),"), "{out}");
        assert!(out.contains("#[serde(untagged)]"), "{out}");
    }
}
