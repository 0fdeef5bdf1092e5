//! Struct emitter: a `#[non_exhaustive]` struct with public fields, a `new`
//! taking the required fields and `with_*` setters for the optional ones. Used
//! for model structs (with serde attributes) and operation request types.

use super::docs;
use super::ident;
use super::model::{Field, Ty};
use super::serde_impls::{self, Missing, WireField};
use super::tokens;
use proc_macro2::TokenStream;
use quote::quote;

/// A field of a record, as the emitter needs it.
pub struct RecordField {
    pub ident: String,
    /// The field type without `Option`/`Box`.
    pub ty: TokenStream,
    pub required: bool,
    pub boxed: bool,
    /// Takes `impl Into<String>` in `new` and the setter.
    pub into_string: bool,
    /// The value `new` sets instead of taking an argument.
    pub fixed: Option<TokenStream>,
    pub docs: Vec<String>,
}

/// Clippy's `too_many_arguments` threshold.
const MAX_ARGS: usize = 7;

/// A struct with its constructor and setters, deriving `Debug, Clone, PartialEq`, and `Default`
/// when every field is optional.
pub fn record(name: &str, docs: &[String], fields: &[RecordField]) -> TokenStream {
    let name_ident = tokens::ident(name);
    let doc = docs::doc_attrs(docs);
    let all_optional = fields.iter().all(|f| !f.required);
    let default = if all_optional { quote!(Default,) } else { quote!() };
    let field_items = fields.iter().map(|f| {
        let id = tokens::ident(&f.ident);
        let d = docs::doc_attrs(&f.docs);
        let ty = full_type(f);
        quote! { #d pub #id: #ty, }
    });

    let args: Vec<&RecordField> = fields.iter().filter(|f| f.required && f.fixed.is_none()).collect();
    let params = args.iter().map(|f| {
        let id = tokens::ident(&f.ident);
        let ty = &f.ty;
        if f.into_string {
            quote!(#id: impl Into<String>)
        } else {
            quote!(#id: #ty)
        }
    });
    let inits = fields.iter().map(|f| {
        let id = tokens::ident(&f.ident);
        if !f.required {
            return quote!(#id: None);
        }
        if let Some(fixed) = &f.fixed {
            return quote!(#id: #fixed);
        }
        match (f.into_string, f.boxed) {
            (false, false) => quote!(#id),
            (true, false) => quote!(#id: #id.into()),
            (false, true) => quote!(#id: Box::new(#id)),
            (true, true) => quote!(#id: Box::new(#id.into())),
        }
    });
    let mut new_docs = vec![if args.is_empty() {
        "Creates a value with every optional field unset.".to_string()
    } else {
        "Creates a value from the required fields; optional fields start unset (see the `with_*` methods).".to_string()
    }];
    let fixed: Vec<String> =
        fields.iter().filter(|f| f.fixed.is_some()).map(|f| format!("`{}`", ident::unraw(&f.ident))).collect();
    if !fixed.is_empty() {
        new_docs.push(String::new());
        new_docs.push(format!("Sets {} to the only documented value.", fixed.join(", ")));
    }
    let new_doc = docs::doc_attrs(&new_docs);
    let allow = if args.len() > MAX_ARGS {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required field of the API")])
    } else {
        quote!()
    };
    let new_fn = if all_optional {
        quote! {
            #new_doc
            pub fn new() -> Self {
                Self::default()
            }
        }
    } else {
        quote! {
            #new_doc
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
        }
    };
    let setters = fields.iter().filter(|f| !f.required).map(|f| {
        let id = tokens::ident(&f.ident);
        let bare = ident::unraw(&f.ident);
        // `with_204` for a field `_204` (member `204`), not `with__204` (clippy: not snake case).
        let digits = bare.strip_prefix('_').filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        let setter = tokens::ident(&digits.map_or_else(|| format!("with_{bare}"), |d| format!("with_{d}")));
        let ty = &f.ty;
        let d = docs::doc_attrs(&[format!("Sets `{bare}`.")]);
        let (param, value) = if f.into_string {
            (quote!(impl Into<String>), quote!(value.into()))
        } else {
            (quote!(#ty), quote!(value))
        };
        let value = if f.boxed { quote!(Box::new(#value)) } else { value };
        quote! {
            #d
            pub fn #setter(mut self, value: #param) -> Self {
                self.#id = Some(#value);
                self
            }
        }
    });
    // Required fields that all have their only value: `new()` takes nothing, and `Default` is
    // that value (clippy's `new_without_default`).
    let default_impl = if !all_optional && args.is_empty() {
        quote! {
            impl Default for #name_ident {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        #doc
        #[derive(#default Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name_ident {
            #(#field_items)*
        }

        impl #name_ident {
            #new_fn
            #(#setters)*
        }

        #default_impl
    }
}

fn full_type(f: &RecordField) -> TokenStream {
    let ty = &f.ty;
    let ty = if f.boxed { quote!(Box<#ty>) } else { quote!(#ty) };
    if f.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

/// A model struct: the struct with its constructor and setters, and apart from them its
/// written-out serde impls (which go to a file of their own, away from what a reader looks for).
pub struct ModelStruct {
    pub item: TokenStream,
    pub serde: TokenStream,
}

/// A model struct; `prefix` gives the path of a named type from the struct's module.
/// `strict`: a request-only case of a `oneOf` body, which rejects members of the
/// other cases so that reading a body back picks the case it was written from.
pub fn model_struct(
    name: &str,
    docs: &[String],
    fields: &[Field],
    prefix: &dyn Fn(&str) -> TokenStream,
    strict: bool,
) -> ModelStruct {
    let record_fields: Vec<RecordField> = fields
        .iter()
        .map(|f| {
            let fixed = f.fixed.as_ref().and_then(|variant| match &f.ty {
                Ty::Named(enum_name) => {
                    let p = prefix(enum_name);
                    let e = tokens::ident(enum_name);
                    let v = tokens::ident(variant);
                    Some(quote!(#p #e::#v))
                }
                _ => None,
            });
            // Named only now (after the naming pass), the field's type is what its table became.
            let docs = docs::link_tables(f.docs.clone(), f.ty.named());
            RecordField {
                ident: f.ident.clone(),
                ty: tokens::ty_with(&f.ty, prefix),
                required: f.required,
                boxed: f.boxed,
                into_string: f.ty == Ty::String,
                fixed,
                docs,
            }
        })
        .collect();
    let record = record(name, docs, &record_fields);
    let wire: Vec<WireField> = fields
        .iter()
        .map(|f| WireField {
            ident: &f.ident,
            wire: &f.wire,
            optional: !f.required,
            missing: if f.required && !f.lenient { Missing::Error } else { Missing::Default },
        })
        .collect();
    let serialize = serde_impls::impl_serialize(name, &wire);
    let deserialize = serde_impls::impl_deserialize(name, &wire, strict);
    ModelStruct { item: record, serde: quote!(#serialize #deserialize) }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    fn field(wire: &str, ident: &str, ty: Ty, required: bool) -> Field {
        Field {
            wire: wire.into(),
            ident: ident.into(),
            ty,
            required,
            docs: vec![format!("The {wire}.")],
            boxed: false,
            lenient: false,
            fixed: None,
        }
    }

    fn pretty(s: ModelStruct) -> String {
        let (item, serde) = (s.item, s.serde);
        tokens::render("test.rs", &[], quote!(#item #serde)).unwrap()
    }

    #[test]
    fn required_optional_renamed_boxed_fixed() {
        let mut kind = field("kind", "kind", Ty::Named("NodeKind".into()), true);
        kind.fixed = Some("NodePool".into());
        let mut parent = field("parent", "parent", Ty::Named("Node".into()), false);
        parent.boxed = true;
        let mut count = field("maxCount", "max_count", Ty::I32, true);
        count.lenient = true;
        let fields = vec![
            field("name", "name", Ty::String, true),
            count,
            kind,
            field("type", "r#type", Ty::String, false),
            parent,
        ];
        let out = pretty(model_struct("Node", &["A node.".into()], &fields, &|_| quote!(), false));
        for want in [
            "#[derive(Debug, Clone, PartialEq)]",
            "out.serialize_field(\"maxCount\", &self.max_count)?;",
            "impl<'de> serde::Deserialize<'de> for Node {",
            "max_count: max_count.unwrap_or_default(),",
            "name: de::required(name, \"name\")?,",
            "#[non_exhaustive]",
            "pub name: String,",
            "pub max_count: i32,",
            "pub kind: NodeKind,",
            "    pub r#type: Option<String>,",
            "pub parent: Option<Box<Node>>,",
            "pub fn new(name: impl Into<String>, max_count: i32) -> Self {",
            "kind: NodeKind::NodePool,",
            "pub fn with_type(mut self, value: impl Into<String>) -> Self {",
            "self.parent = Some(Box::new(value));",
        ] {
            assert!(out.contains(want), "missing {want:?} in\n{out}");
        }
        assert!(!out.contains("Default"), "{out}");
    }

    #[test]
    fn all_optional_derives_default() {
        let fields = vec![field("a", "a", Ty::Bool, false)];
        let out = pretty(model_struct("Opts", &[], &fields, &|_| quote!(), false));
        assert!(out.contains("#[derive(Default, Debug, Clone"), "{out}");
        assert!(out.contains("pub fn new() -> Self {\n        Self::default()"), "{out}");
    }

    #[test]
    fn only_fixed_required_fields_default_to_new() {
        let mut action = field("action", "action", Ty::Named("Action".into()), true);
        action.fixed = Some("Delete".into());
        let fields = vec![action, field("force", "force", Ty::Bool, false)];
        let out = pretty(model_struct("Batch", &[], &fields, &|_| quote!(), false));
        assert!(out.contains("#[derive(Debug, Clone, PartialEq)]"), "{out}");
        assert!(out.contains("pub fn new() -> Self {"), "{out}");
        assert!(out.contains("impl Default for Batch {\n    fn default() -> Self {\n        Self::new()"), "{out}");
    }

    #[test]
    fn a_member_named_by_digits_has_lint_clean_names() {
        let fields = vec![field("204", "_204", Ty::Bool, false)];
        let out = pretty(model_struct("Codes", &[], &fields, &|_| quote!(), false));
        assert!(out.contains("pub fn with_204(mut self, value: bool) -> Self {"), "{out}");
        assert!(out.contains("let mut value_204 = None;"), "{out}");
        assert!(out.contains("_204: value_204.unwrap_or_default(),"), "{out}");
    }

    #[test]
    fn many_required_fields_allow_only_that_lint_on_new() {
        let fields: Vec<Field> = (0..9).map(|i| field(&format!("f{i}"), &format!("f{i}"), Ty::I64, true)).collect();
        let out = pretty(model_struct("Wide", &[], &fields, &|_| quote!(), false));
        assert_eq!(out.matches("#[allow(").count(), 1, "{out}");
        assert!(out.contains("clippy::too_many_arguments"), "{out}");
    }
}
