//! Checks of the lowered model before code is written from it: every name the emitters turn
//! into an identifier token must be one. A name that is not is an E0501 diagnostic saying
//! where it came from (the emitter would otherwise spell it `x_...` without a word).

use super::ident;
use super::lowered::{Kind, Lowered, Outcome};
use crate::diagnostics::{Code, Diagnostic};

/// E0501 for every name of `l` that cannot be an identifier; `file` is the spec it was lowered
/// from. The table names the type or operation, the row the field, parameter or value.
pub fn identifiers(l: &Lowered, file: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut check = |name: &str, what: &str, owner: String, row: Option<&str>| {
        if !ident::is_valid(name) {
            let mut d = Diagnostic::new(Code::E0501, file, format!("{what} `{name}` cannot be a Rust identifier"))
                .table(Some(&owner))
                .hint("the crate spells it `x_...`; fix the name in the docs or with an override");
            if let Some(r) = row {
                d = d.row(r);
            }
            out.push(d);
        }
    };
    for t in &l.types {
        let owner = format!("type {}", t.name);
        check(&t.name, "type name", owner.clone(), None);
        check(&t.module, "module name", owner.clone(), None);
        match &t.kind {
            Kind::Struct(fields) => {
                for f in fields {
                    check(&f.ident, "field", owner.clone(), Some(&f.wire));
                }
            }
            Kind::Enum(vs) => {
                for v in vs {
                    check(&v.ident, "enum variant", owner.clone(), Some(&v.value));
                }
            }
            Kind::OneOf(vs) => {
                for (v, _) in vs {
                    check(v, "variant", owner.clone(), Some(v));
                }
            }
            Kind::Alias(_) => {}
        }
    }
    for op in &l.ops {
        let owner = format!("operation {} ({} {})", op.operation_id, op.method.to_ascii_uppercase(), op.path);
        check(&op.fn_name, "method", owner.clone(), None);
        check(&op.request, "request type", owner.clone(), None);
        check(&op.group, "module name", owner.clone(), None);
        for p in &op.params {
            check(&p.ident, "parameter", owner.clone(), Some(&p.wire));
        }
        if let Some(b) = &op.body {
            check(&b.ident, "body parameter", owner.clone(), None);
        }
        if let Outcome::Several { name, arms } = &op.outcome {
            check(name, "response type", owner.clone(), None);
            for a in arms {
                check(&a.variant, "response variant", owner.clone(), None);
            }
        }
        if let Some(h) = &op.headers {
            check(&h.name, "headers type", owner.clone(), None);
            for f in &h.fields {
                check(&f.ident, "response header", owner.clone(), Some(&f.wire));
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::emit::lowered::{Field, Origin, Ty, TypeDef};

    fn model(field_ident: &str) -> Lowered {
        let field = Field {
            wire: "max-count".into(),
            ident: field_ident.into(),
            ty: Ty::I32,
            required: false,
            docs: vec![],
            boxed: false,
            lenient: false,
            fixed: None,
        };
        let t = TypeDef {
            name: "Quota".into(),
            docs: vec![],
            kind: Kind::Struct(vec![field]),
            in_request: false,
            in_response: true,
            origin: Origin::Component("Quota".into()),
            module: "models".into(),
        };
        Lowered { types: vec![t], ops: vec![], examples: vec![] }
    }

    #[test]
    fn a_name_that_is_no_identifier_is_an_e0501_saying_where_it_came_from() {
        let diags = identifiers(&model("max-count"), "spec/x/openapi.yaml");
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.code, Code::E0501);
        assert_eq!(d.file, "spec/x/openapi.yaml");
        assert_eq!(d.table.as_deref(), Some("type Quota"));
        assert_eq!(d.row.as_deref(), Some("max-count"));
        assert!(d.message.contains("`max-count`"), "{}", d.message);
    }

    #[test]
    fn identifiers_and_raw_identifiers_pass() {
        assert!(identifiers(&model("max_count"), "f").is_empty());
        assert!(identifiers(&model("r#type"), "f").is_empty());
        assert_eq!(identifiers(&model("1st"), "f").len(), 1);
        assert_eq!(identifiers(&model(""), "f").len(), 1);
    }
}
