//! The folders of the generated modules: `src/<module>/mod.rs` holds the module's docs, its
//! re-exports and the client methods of its operations; the items go to files by role
//! (`requests.rs`, `types.rs`, and the written-out serde impls in `serde_impls.rs`, a private
//! module a reader of the docs never sees). A file that would pass [`MAX_LINES`] is split in
//! numbered parts (`types_2.rs`, ...). The public paths stay `crate::<module>::Name`: `mod.rs`
//! re-exports its parts.

use super::options::{EmitError, GeneratedFile};
use super::tokens::{self, GENERATED};
use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::quote;
use std::collections::BTreeSet;

/// No generated file is longer: long files are slow in editors and hard to find one's way in.
pub const MAX_LINES: usize = 5_000;

/// What a split aims at per part (rendered sizes are estimated from the tokens).
const TARGET_LINES: usize = 4_000;

/// The items of one role, e.g. the model types of a module.
pub struct Part {
    /// File stem: `requests`, `types`, `serde_impls`.
    pub stem: &'static str,
    /// The doc line of its files.
    pub doc: &'static str,
    /// Its items are public and re-exported by `mod.rs` (the serde impls need no re-export).
    pub public: bool,
    pub items: Vec<TokenStream>,
}

/// One module folder.
pub struct ModuleDir<'a> {
    /// The module name, also the folder under `src/`.
    pub module: &'a str,
    /// The inner doc attributes of `mod.rs`.
    pub docs: TokenStream,
    /// Other items of `mod.rs` (the re-exports of `models`).
    pub head: TokenStream,
    pub parts: Vec<Part>,
    /// The client methods of the module's operations, in `impl crate::Client` blocks.
    pub methods: Vec<TokenStream>,
    pub client: Ident,
    /// The names the module defines: a part file imports `super::*` when it uses one it does
    /// not define itself.
    pub names: BTreeSet<String>,
}

/// A rendered part file: its module name and the file.
struct PartFile {
    module: String,
    public: bool,
    file: GeneratedFile,
}

/// The files of `dir`: `mod.rs` and its parts.
pub fn files(dir: ModuleDir<'_>) -> Result<Vec<GeneratedFile>, EmitError> {
    let client = &dir.client;
    let mut parts = Vec::new();
    for part in &dir.parts {
        parts.extend(part_files(&dir, part.stem, part.doc, part.public, &part.items, None)?);
    }
    // The methods stay in `mod.rs` unless that makes it too long.
    let methods = &dir.methods;
    let with_methods = quote!(impl crate::#client { #(#methods)* });
    let mod_rs = mod_file(&dir, &parts, if methods.is_empty() { quote!() } else { with_methods.clone() })?;
    if line_count(&mod_rs.contents) <= MAX_LINES {
        return Ok(std::iter::once(mod_rs).chain(parts.into_iter().map(|p| p.file)).collect());
    }
    let doc = "Client methods of this module's operations.";
    parts.extend(part_files(&dir, "methods", doc, false, methods, Some(client))?);
    let mod_rs = mod_file(&dir, &parts, quote!())?;
    Ok(std::iter::once(mod_rs).chain(parts.into_iter().map(|p| p.file)).collect())
}

fn mod_file(dir: &ModuleDir<'_>, parts: &[PartFile], methods: TokenStream) -> Result<GeneratedFile, EmitError> {
    let docs = &dir.docs;
    let head = &dir.head;
    let decls = parts.iter().map(|p| {
        let m = tokens::ident(&p.module);
        quote!(mod #m;)
    });
    let uses = parts.iter().filter(|p| p.public).map(|p| {
        let m = tokens::ident(&p.module);
        quote!(pub use #m::*;)
    });
    let tokens = quote! {
        #docs
        #(#decls)*
        #head
        #(#uses)*
        #methods
    };
    let path = format!("src/{}/mod.rs", dir.module);
    Ok(file(&path, tokens::render(&path, &[GENERATED], tokens)?))
}

/// The files of one role: one, or numbered parts when one would pass [`MAX_LINES`].
/// `client`: the items are client methods, wrapped in `impl crate::Client`.
fn part_files(
    dir: &ModuleDir<'_>,
    stem: &str,
    doc: &str,
    public: bool,
    items: &[TokenStream],
    client: Option<&Ident>,
) -> Result<Vec<PartFile>, EmitError> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let whole = render_part(dir, stem, doc, items, client)?;
    let lines = line_count(&whole.contents);
    if lines <= MAX_LINES || items.len() == 1 {
        return Ok(vec![PartFile { module: stem.to_string(), public, file: whole }]);
    }
    // Halve a run while its file is still too long (the estimate can miss).
    let mut queue: std::collections::VecDeque<&[TokenStream]> = chunks(items, lines.div_ceil(TARGET_LINES)).into();
    let mut out: Vec<PartFile> = Vec::new();
    while let Some(run) = queue.pop_front() {
        let module = if out.is_empty() { stem.to_string() } else { format!("{stem}_{}", out.len() + 1) };
        let file = render_part(dir, &module, doc, run, client)?;
        if line_count(&file.contents) > MAX_LINES && run.len() > 1 {
            let (a, b) = run.split_at(run.len() / 2);
            queue.push_front(b);
            queue.push_front(a);
            continue;
        }
        out.push(PartFile { module, public, file });
    }
    Ok(out)
}

/// `items` in `n` runs of about the same size (in printed tokens), order kept.
fn chunks(items: &[TokenStream], n: usize) -> Vec<&[TokenStream]> {
    let sizes: Vec<usize> = items.iter().map(|t| t.to_string().len()).collect();
    let total: usize = sizes.iter().sum();
    let per = total.div_ceil(n.max(1)).max(1);
    let mut out = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, size) in sizes.iter().enumerate() {
        if acc > 0 && acc + size > per {
            out.push(items.get(start..i).unwrap_or_default());
            (start, acc) = (i, 0);
        }
        acc += size;
    }
    out.push(items.get(start..).unwrap_or_default());
    out
}

fn render_part(
    dir: &ModuleDir<'_>,
    module: &str,
    doc: &str,
    items: &[TokenStream],
    client: Option<&Ident>,
) -> Result<GeneratedFile, EmitError> {
    let body = match client {
        Some(client) => quote!(impl crate::#client { #(#items)* }),
        None => quote!(#(#items)*),
    };
    let import = if needs_module_names(&body, &dir.names) {
        quote!(
            use super::*;
        )
    } else {
        quote!()
    };
    let doc = format!(" {doc}");
    let tokens = quote! {
        #![doc = #doc]
        #import
        #body
    };
    let path = format!("src/{}/{module}.rs", dir.module);
    Ok(file(&path, tokens::render(&path, &[GENERATED], tokens)?))
}

/// `body` names an item of the module that it does not define (it then needs `use super::*`,
/// and only then: an unused import is a warning).
fn needs_module_names(body: &TokenStream, names: &BTreeSet<String>) -> bool {
    let (mut used, mut defined) = (BTreeSet::new(), BTreeSet::new());
    scan(body.clone(), &mut used, &mut defined);
    used.iter().any(|n| names.contains(n) && !defined.contains(n))
}

/// Idents in `tokens` that can name an item (not a path's later segment, not a variant being
/// declared), and the names of the types declared.
fn scan(tokens: TokenStream, used: &mut BTreeSet<String>, defined: &mut BTreeSet<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        let before = |k: usize| i.checked_sub(k).and_then(|j| trees.get(j));
        match tree {
            TokenTree::Group(g) => scan(g.stream(), used, defined),
            TokenTree::Ident(id) => {
                let name = id.to_string();
                let keyword = |t: Option<&TokenTree>| matches!(t, Some(TokenTree::Ident(k)) if ["struct", "enum", "type"].contains(&k.to_string().as_str()));
                let after_path = matches!(before(1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
                    && matches!(before(2), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                let declared_variant = match trees.get(i + 1) {
                    Some(TokenTree::Punct(p)) => p.as_char() == '=' && !keyword(before(1)),
                    Some(TokenTree::Group(g)) => g.delimiter() == proc_macro2::Delimiter::Parenthesis,
                    _ => false,
                };
                if keyword(before(1)) {
                    defined.insert(name);
                } else if !after_path && !declared_variant {
                    used.insert(name);
                }
            }
            _ => {}
        }
    }
}

fn line_count(s: &str) -> usize {
    s.lines().count()
}

fn file(path: &str, mut contents: String) -> GeneratedFile {
    if !contents.ends_with('\n') {
        contents.push('\n');
    }
    GeneratedFile { path: path.into(), contents }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn imports_only_names_defined_elsewhere() {
        let module = names(&["Pool", "Node"]);
        let own = quote!(pub struct Pool { pub size: i32 } impl Pool { fn f(&self) {} });
        assert!(!needs_module_names(&own, &module));
        let other = quote!(
            pub struct Pool {
                pub node: Node,
            }
        );
        assert!(needs_module_names(&other, &module));
        // A variant named like a type, or a path's later segment, is not a use.
        let variant = quote!(
            pub enum Kind {
                Node = "node",
            }
            pub struct Pool {
                v: serde_json::Node,
            }
        );
        assert!(!needs_module_names(&variant, &module));
        let serde = quote!(impl serde::Serialize for Node {});
        assert!(needs_module_names(&serde, &module));
    }

    #[test]
    fn chunks_keep_order_and_balance() {
        let items: Vec<TokenStream> = (0..10).map(|i| quote!(struct S #i;)).collect();
        let parts = chunks(&items, 3);
        assert_eq!(parts.iter().map(|p| p.len()).sum::<usize>(), 10);
        assert!(parts.len() >= 3 && parts.len() <= 4, "{}", parts.len());
    }
}
