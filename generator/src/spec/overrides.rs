//! Hand-written fixes for what the docs get wrong, applied to the built spec.
//!
//! Order (each kind in file order): `rename-schema`, `rename-operation`,
//! `drop-property`, `add-property`, `set-type`, `set-required`. An entry that
//! matches nothing is an error (E0401), so stale overrides surface after a doc update.

use super::openapi::{OpenApi, Operation, Schema};
use super::visit::for_each_schema;
use crate::diagnostics::{Code, Diagnostic};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Overrides {
    #[serde(default)]
    pub rename_schema: Vec<Rename>,
    #[serde(default)]
    pub rename_operation: Vec<Rename>,
    #[serde(default)]
    pub drop_property: Vec<PropertyRef>,
    #[serde(default)]
    pub add_property: Vec<AddProperty>,
    #[serde(default)]
    pub set_type: Vec<SetType>,
    #[serde(default)]
    pub set_required: Vec<SetRequired>,
    /// Applied to the pages before the spec is built (see [`super::link_tables`]).
    #[serde(default)]
    pub link_table: Vec<super::link_tables::LinkTable>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertyRef {
    pub schema: String,
    pub property: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddProperty {
    pub schema: String,
    pub property: String,
    #[serde(default)]
    pub required: bool,
    pub definition: Schema,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetType {
    pub schema: String,
    pub property: String,
    #[serde(rename = "type")]
    pub schema_type: String,
    #[serde(default)]
    pub format: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetRequired {
    pub schema: String,
    pub properties: Vec<String>,
    /// `false` marks them optional instead.
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

impl Overrides {
    pub fn parse(file: &str, text: &str) -> Result<Overrides, Diagnostic> {
        serde_yaml::from_str::<Option<Overrides>>(text).map(Option::unwrap_or_default).map_err(|e| {
            Diagnostic::new(Code::E0402, file, format!("overrides file is invalid: {e}"))
                .line(e.location().map(|l| l.line()))
                .hint("see README, section Overrides, for the format")
        })
    }

    /// Apply every entry; each one that matches nothing is reported.
    pub fn apply(&self, spec: &mut OpenApi, file: &str) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let mut stale = |what: String, hint: &str| {
            diags.push(
                Diagnostic::new(Code::E0401, file, format!("override matches nothing: {what}")).hint(hint.to_string()),
            );
        };
        let schema_hint =
            "the docs changed: check the schema names in the generated openapi.yaml and update or remove this entry";
        for r in &self.rename_schema {
            if !rename_schema(spec, &r.from, &r.to) {
                stale(format!("rename-schema {} -> {}", r.from, r.to), schema_hint);
            }
        }
        for r in &self.rename_operation {
            if !rename_operation(spec, &r.from, &r.to) {
                stale(format!("rename-operation {} -> {}", r.from, r.to), "no operation has this operationId any more");
            }
        }
        for d in &self.drop_property {
            let removed = property_parent(spec, &d.schema).and_then(|s| {
                s.required.retain(|r| r != &d.property);
                s.properties.shift_remove(&d.property)
            });
            if removed.is_none() {
                stale(format!("drop-property {}.{}", d.schema, d.property), schema_hint);
            }
        }
        for a in &self.add_property {
            match property_parent(spec, &a.schema) {
                Some(s) if !s.properties.contains_key(&a.property) => {
                    s.properties.insert(a.property.clone(), a.definition.clone());
                    if a.required {
                        s.required.push(a.property.clone());
                    }
                }
                Some(_) => stale(
                    format!("add-property {}.{} (the docs now have it)", a.schema, a.property),
                    "remove this entry",
                ),
                None => stale(format!("add-property {}.{}", a.schema, a.property), schema_hint),
            }
        }
        for t in &self.set_type {
            match property_parent(spec, &t.schema).and_then(|s| s.properties.get_mut(&t.property)) {
                Some(p) => {
                    p.schema_type = Some(t.schema_type.clone());
                    p.format = t.format.clone();
                    p.reference = None;
                    p.all_of.clear();
                    p.items = None;
                    p.additional_properties = None;
                }
                None => stale(format!("set-type {}.{}", t.schema, t.property), schema_hint),
            }
        }
        // A field made required is required of the caller: responses sharing the schema keep
        // what the pages say (their own copies, where the flags then differ).
        let flagged = self.set_required.iter().filter(|r| r.required).map(|r| r.schema.clone()).collect();
        let detached = super::roles::detach_responses(spec, &flagged);
        for r in &self.set_required {
            for prop in &r.properties {
                if !set_required(spec, &r.schema, prop, r.required) {
                    stale(format!("set-required {}.{prop}", r.schema), schema_hint);
                }
                // Optional for the caller is optional in a response as well.
                if let Some(copy) = detached.copy_of(&r.schema).filter(|_| !r.required) {
                    set_required(spec, copy, prop, false);
                }
            }
        }
        super::roles::reshare(spec, detached);
        diags
    }
}

fn property_parent<'a>(spec: &'a mut OpenApi, schema: &str) -> Option<&'a mut Schema> {
    spec.components.schemas.get_mut(schema)
}

fn set_required(spec: &mut OpenApi, schema: &str, prop: &str, required: bool) -> bool {
    let Some(s) = property_parent(spec, schema) else { return false };
    let Some(p) = s.properties.get_mut(prop) else { return false };
    p.x_required_unknown = false;
    s.required.retain(|r| r != prop);
    if required {
        s.required.push(prop.to_string());
        // keep `required` in property order
        let order: Vec<String> = s.properties.keys().cloned().collect();
        s.required.sort_by_key(|r| order.iter().position(|o| o == r));
    }
    true
}

fn rename_schema(spec: &mut OpenApi, from: &str, to: &str) -> bool {
    let Some(index) = spec.components.schemas.get_index_of(from) else { return false };
    let Some((_, schema)) = spec.components.schemas.shift_remove_index(index) else { return false };
    spec.components.schemas.insert(to.to_string(), schema);
    spec.components.schemas.sort_keys();
    let old = format!("#/components/schemas/{from}");
    let new = format!("#/components/schemas/{to}");
    for_each_schema(spec, &mut |s| {
        if s.reference.as_deref() == Some(old.as_str()) {
            s.reference = Some(new.clone());
        }
    });
    true
}

fn rename_operation(spec: &mut OpenApi, from: &str, to: &str) -> bool {
    let mut found = false;
    for item in spec.paths.values_mut() {
        for op in item.values_mut() {
            let mut rename = |o: &mut Operation| {
                if o.operation_id == from {
                    o.operation_id = to.to_string();
                    found = true;
                }
            };
            op.x_operations.iter_mut().for_each(&mut rename);
            rename(op);
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn spec() -> OpenApi {
        let mut s = OpenApi::default();
        let mut obj = Schema::of_type("object");
        obj.properties.insert("name".into(), Schema { x_required_unknown: true, ..Schema::of_type("string") });
        obj.properties.insert("next".into(), Schema::reference("A"));
        s.components.schemas.insert("A".into(), obj);
        s
    }

    #[test]
    fn set_required_and_rename_follow_refs() {
        let o = Overrides::parse(
            "o.yaml",
            "set-required:\n  - {schema: B, properties: [name]}\nrename-schema:\n  - {from: A, to: B}\n",
        )
        .unwrap();
        let mut s = spec();
        assert!(o.apply(&mut s, "o.yaml").is_empty());
        let b = &s.components.schemas["B"];
        assert_eq!(b.required, vec!["name"]);
        assert!(!b.properties["name"].x_required_unknown);
        assert_eq!(b.properties["next"].ref_name(), Some("B"));
    }

    #[test]
    fn stale_entries_are_errors() {
        let o = Overrides::parse(
            "o.yaml",
            "set-required:\n  - {schema: Gone, properties: [x]}\ndrop-property:\n  - {schema: A, property: nope}\n",
        )
        .unwrap();
        let d = o.apply(&mut spec(), "o.yaml");
        assert_eq!(d.iter().map(|d| d.code).collect::<Vec<_>>(), vec![Code::E0401, Code::E0401]);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(Overrides::parse("o.yaml", "set-requird: []\n").is_err());
    }
}
