//! `impl Serialize` and `impl Deserialize` of a model struct, written out
//! instead of derived: one line per field to write it, a map visitor with two
//! lines per field (on the generic helpers of `hwcloud_runtime::de`) to read it.
//!
//! serde's derives write about 60 lines (`Serialize`) and 350 lines
//! (`Deserialize`: a field enum with its own visitors, a sequence visitor, a map
//! visitor) per struct; on the ModelArts crate that was 96,000 of the 140,000
//! lines the compiler checked, and most of the crate's build. The behaviour is
//! the derives' with `rename`, `skip_serializing_if = "Option::is_none"` on
//! optional fields and `default` on optional and lenient ones: see
//! `hwcloud_runtime::de`.

use super::tokens;
use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

/// How a field reads when its member is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// A required field: the error names it.
    Error,
    /// `Option<T>`, or a lenient required field: `None` / the type's default.
    Default,
}

/// One field of the struct.
#[derive(Debug, Clone)]
pub struct WireField<'a> {
    pub ident: &'a str,
    pub wire: &'a str,
    /// `Option<T>`: left out of the JSON when `None`.
    pub optional: bool,
    pub missing: Missing,
}

/// The `Serialize` impl for struct `name`: a JSON object of the fields, `None` left out.
pub fn impl_serialize(name: &str, fields: &[WireField<'_>]) -> TokenStream {
    let ty = tokens::ident(name);
    let required = fields.iter().filter(|f| !f.optional).count();
    let mut terms: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.optional)
        .map(|f| {
            let id = tokens::ident(f.ident);
            quote!(usize::from(self.#id.is_some()))
        })
        .collect();
    if required > 0 || terms.is_empty() {
        terms.insert(0, Literal::usize_unsuffixed(required).into_token_stream());
    }
    let writes = fields.iter().map(|f| {
        let (id, wire) = (tokens::ident(f.ident), f.wire);
        if f.optional {
            quote! {
                if let Some(value) = &self.#id {
                    out.serialize_field(#wire, value)?;
                }
            }
        } else {
            quote!(out.serialize_field(#wire, &self.#id)?;)
        }
    });
    let out = if fields.is_empty() { quote!(out) } else { quote!(mut out) };
    quote! {
        impl serde::Serialize for #ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let #out = serializer.serialize_struct(#name, #(#terms)+*)?;
                #(#writes)*
                out.end()
            }
        }
    }
}

/// The `Deserialize` impl for struct `name`; `strict` rejects members no field takes.
pub fn impl_deserialize(name: &str, fields: &[WireField<'_>], strict: bool) -> TokenStream {
    let ty = tokens::ident(name);
    let expecting = format!("a {name} object");
    let wires: Vec<&str> = fields.iter().map(|f| f.wire).collect();
    let idents: Vec<proc_macro2::Ident> = fields.iter().map(|f| tokens::ident(f.ident)).collect();
    let locals: Vec<proc_macro2::Ident> = fields.iter().map(|f| tokens::ident(&local_name(f.ident))).collect();
    let seed = if strict { quote!(de::Field::strict(FIELDS)) } else { quote!(de::Field::new(FIELDS)) };
    let read = if fields.is_empty() {
        quote! {
            while __map.next_key_seed(#seed)?.is_some() {
                de::skip(&mut __map)?;
            }
        }
    } else {
        let arms = fields.iter().zip(&locals).enumerate().map(|(i, (f, local))| {
            let (wire, i) = (f.wire, Literal::usize_unsuffixed(i));
            quote!(#i => de::set(&mut __map, &mut #local, #wire)?,)
        });
        quote! {
            #(let mut #locals = None;)*
            let __keys = #seed;
            while let Some(__field) = __map.next_key_seed(__keys)? {
                match __field {
                    #(#arms)*
                    _ => de::skip(&mut __map)?,
                }
            }
        }
    };
    let inits = fields.iter().zip(&idents).zip(&locals).map(|((f, id), local)| match f.missing {
        Missing::Error => {
            let wire = f.wire;
            quote!(#id: de::required(#local, #wire)?,)
        }
        Missing::Default => quote!(#id: #local.unwrap_or_default(),),
    });
    quote! {
        impl<'de> serde::Deserialize<'de> for #ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[#(#wires),*];
                // `__`-prefixed: no model type is (a type `Members` would be shadowed by it).
                struct __Visitor;
                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = #ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut __map: A) -> Result<#ty, A::Error> {
                        use hwcloud_runtime::de;
                        #read
                        Ok(#ty { #(#inits)* })
                    }
                }
                deserializer.deserialize_struct(#name, FIELDS, __Visitor)
            }
        }
    }
}

/// The visitor's local for a field: the field's name, except a name of only underscores and
/// digits (a member `204`: field `_204`), which clippy wants more descriptive (`value_204`).
fn local_name(ident: &str) -> String {
    if ident.starts_with('_') && ident.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        format!("value{ident}")
    } else {
        ident.to_string()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    fn render(fields: &[WireField<'_>], strict: bool) -> String {
        tokens::render("t.rs", &[], impl_deserialize("Pool", fields, strict)).unwrap()
    }

    #[test]
    fn two_lines_per_field() {
        // Locals of the visitor are `__`-prefixed: a field may be called `map` or `keys`.
        let fields = [
            WireField { ident: "name", wire: "name", optional: false, missing: Missing::Error },
            WireField { ident: "r#type", wire: "type", optional: true, missing: Missing::Default },
        ];
        let out = render(&fields, false);
        let ser = tokens::render("t.rs", &[], impl_serialize("Pool", &fields)).unwrap();
        for want in [
            "impl serde::Serialize for Pool {",
            ".serialize_struct(\"Pool\", 1 + usize::from(self.r#type.is_some()))?;",
            "out.serialize_field(\"name\", &self.name)?;",
            "if let Some(value) = &self.r#type {\n            out.serialize_field(\"type\", value)?;",
            "out.end()",
        ] {
            assert!(ser.contains(want), "missing {want:?} in\n{ser}");
        }
        for want in [
            "impl<'de> serde::Deserialize<'de> for Pool {",
            "const FIELDS: &[&str] = &[\"name\", \"type\"];",
            "let __keys = de::Field::new(FIELDS);\n",
            "while let Some(__field) = __map.next_key_seed(__keys)? {",
            "0 => de::set(&mut __map, &mut name, \"name\")?,",
            "1 => de::set(&mut __map, &mut r#type, \"type\")?,",
            "_ => de::skip(&mut __map)?,",
            "name: de::required(name, \"name\")?,",
            "r#type: r#type.unwrap_or_default(),",
            "deserializer.deserialize_struct(\"Pool\", FIELDS, __Visitor)",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
    }

    #[test]
    fn strict_and_empty_structs() {
        let out = render(&[], true);
        assert!(out.contains("while __map.next_key_seed(de::Field::strict(FIELDS))?.is_some() {"), "{out}");
        assert!(out.contains("Ok(Pool {})"), "{out}");
    }
}
