//! The `link-table` override: a page documents a nested object in a table but no row points to it
//! (the field is typed `Object`, or the parent table has no row for it at all). The entry names the
//! table and the field, and the field becomes that table's object. Applied to the IR, before the
//! spec is built, because an unlinked table is not in the spec to refer to.

use crate::diagnostics::{Code, Diagnostic};
use crate::extract::ir::{Field, Page, Source, Ty};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct LinkTable {
    /// The page, as in `x-source` (relative to the service's docs folder).
    pub page: String,
    /// Caption of the table that has, or should have, the field.
    pub table: String,
    pub property: String,
    /// Caption of the table describing the field's object.
    pub to: String,
    /// When the property is added (the parent table has no row for it): an array of the object.
    #[serde(default)]
    pub array: bool,
}

/// Apply every entry to `pages`; an entry that matches nothing is an error (E0401).
pub fn apply(entries: &[LinkTable], pages: &mut [Page], file: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for e in entries {
        let applied = pages.iter_mut().filter(|p| p.file == e.page).map(|p| link(e, p)).sum::<usize>();
        if applied == 0 {
            diags.push(
                Diagnostic::new(
                    Code::E0401,
                    file,
                    format!(
                        "override matches nothing: link-table {} > {} > {} -> {}",
                        e.page, e.table, e.property, e.to
                    ),
                )
                .hint("the page changed: check the table captions in it and update or remove this entry"),
            );
        }
    }
    diags
}

/// Links the property in every table of that caption on the page; returns how many.
fn link(e: &LinkTable, page: &mut Page) -> usize {
    let caption = |o: &crate::extract::ir::Object| o.source.table.as_deref() == Some(e.to.as_str());
    let Some(target) = page.objects.iter().position(caption) else { return 0 };
    let mut linked = 0;
    for obj in page.objects.iter_mut().filter(|o| o.source.table.as_deref() == Some(e.table.as_str())) {
        match obj.fields.iter_mut().find(|f| f.name == e.property) {
            Some(f) => f.ty = f.ty.with_object(target),
            None => obj.fields.push(added(e, &obj.source, target)),
        }
        linked += 1;
    }
    linked
}

fn added(e: &LinkTable, parent: &Source, target: usize) -> Field {
    let ty = if e.array { Ty::Array(Box::new(Ty::Object(target))) } else { Ty::Object(target) };
    Field {
        name: e.property.clone(),
        ty,
        required: None,
        description: String::new(),
        enum_values: Vec::new(),
        default: None,
        constraints: Default::default(),
        source: Source { row: Some(e.property.clone()), ..parent.clone() },
        also_documented_at: Vec::new(),
        translations: Default::default(),
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::extract::ir::{Lang, Object};
    use crate::types::TypeExpr;

    fn object(caption: &str, fields: Vec<Field>) -> Object {
        let source = Source { file: "p.rst".into(), table: Some(caption.into()), row: None, line: None };
        Object { name: Some(caption.into()), fallback_name: "X".into(), fields, source }
    }

    fn field(name: &str, ty: Ty) -> Field {
        Field { ty, ..added(&entry(name, false), &Source::default(), 0) }
    }

    fn entry(property: &str, array: bool) -> LinkTable {
        LinkTable {
            page: "p.rst".into(),
            table: "roles".into(),
            property: property.into(),
            to: "roles.links".into(),
            array,
        }
    }

    fn page() -> Page {
        let roles = object("roles", vec![field("policy", Ty::Array(Box::new(Ty::Scalar(TypeExpr::Object))))]);
        Page {
            file: "p.rst".into(),
            title: None,
            lang: Lang::En,
            operations: Vec::new(),
            objects: vec![roles, object("roles.links", Vec::new())],
        }
    }

    #[test]
    fn links_an_existing_field_and_keeps_its_shape() {
        let mut pages = vec![page()];
        let e = LinkTable { property: "policy".into(), ..entry("policy", false) };
        assert!(apply(&[e], &mut pages, "overrides.yaml").is_empty());
        assert_eq!(pages[0].objects[0].fields[0].ty, Ty::Array(Box::new(Ty::Object(1))));
    }

    #[test]
    fn adds_a_missing_field() {
        let mut pages = vec![page()];
        assert!(apply(&[entry("links", true)], &mut pages, "overrides.yaml").is_empty());
        let links = pages[0].objects[0].fields.iter().find(|f| f.name == "links").expect("added");
        assert_eq!((links.ty.clone(), links.required), (Ty::Array(Box::new(Ty::Object(1))), None));
        assert_eq!(links.source.render(), "p.rst > roles > links");
    }

    #[test]
    fn stale_entries_are_errors() {
        let mut pages = vec![page()];
        let e = LinkTable { to: "gone".into(), ..entry("links", false) };
        let diags = apply(&[e], &mut pages, "overrides.yaml");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("link-table"), "{}", diags[0].message);
    }
}
