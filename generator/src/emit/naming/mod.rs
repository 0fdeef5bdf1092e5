//! The naming pass: every public name of the generated crate is decided here,
//! once, over the lowered model ([`super::model::Lowered`]).
//!
//! Lowering ([`super::model::lower`]) gives each type a provisional unique name
//! and records where it comes from ([`Origin`](crate::emit::lowered::Origin)); [`apply`] then decides, in
//! this order, and rewrites every reference:
//!
//! 1. **Modules**: one per API group: the operation's first OpenAPI tag (the
//!    docs' section), else the first resource segment of its path
//!    (`/v2/{project_id}/datasets/..` → `datasets`). Types used by the
//!    operations of one group live in its module; types shared by several
//!    groups live in `models`, which also re-exports every model type.
//! 2. **Methods**: the operationId when the page gives one (`CreateNodePool` →
//!    `create_node_pool`); otherwise a verb-object name from the page title
//!    ([`title_phrase`]: `Querying the Details About a Training Job Version` →
//!    `get_training_job_version`, `Adding Samples in Batches` →
//!    `batch_add_samples`), for Chinese titles the verb from the title and the
//!    object from the route ([`zh_verb`], [`route_object`]). Names are at most
//!    [`MAX_METHOD`] characters. Operations that end up with the same name are
//!    told apart by a word of their own (the title's qualifier, the route's
//!    version or segment), never by a number.
//! 3. **Request types** `<Method>Request`, response enums `<Method>Response`.
//! 4. **Types** ([`type_candidate`]): a component keeps its caption name, with
//!    an operationId prefix dropped (`GetClustersnode` → `Node`); inline types
//!    are named from their property (`billing_mode` → `BillingMode`,
//!    singular for arrays: `jobs` → `Job`); bodies are `<Method>Body`,
//!    responses `<Method>Response`; a body that is also returned is named from
//!    the operation's object (`create_node_pool` returns `NodePool`), so a
//!    response is never `*Request*`. When two different types want one name,
//!    each is qualified by its owner's name (`PoolResource` + `BillingMode` →
//!    `PoolResourceBillingMode`), then by its operation; a component whose
//!    documented name is exactly the wanted one keeps it.
//! 5. **Enum variants** from the value (`on_demand` → `OnDemand`), or for
//!    values that are not words from their English meaning (`"0":
//!    pay-per-use` → `PayPerUse`); when meanings do not give distinct names,
//!    from the value (`"0"` → `V0`).
//!
//! Where each part lives: [`reserved`] (names not to take), [`phrase`] (a title's or route's
//! verb and object), [`methods`], [`modules`], [`types`], [`variants`], [`prune`](mod@prune) (what no
//! operation reaches); the grammar they share with extraction is [`crate::words`], its word
//! tables are in [`crate::lexicon`].

pub mod methods;
pub mod modules;
pub mod phrase;
pub mod prune;
pub mod reserved;
pub mod types;
pub mod variants;

// The paths the emitters used before the split (`naming::SHARED_MODULE`) keep working.
pub use crate::words::{is_english, is_route_id, plural, route_id, says_deprecated, singular, title_says_deprecated};
pub use methods::{method_names, method_phrase, object_noun, suffixed_method, MAX_METHOD};
pub use modules::group_of;
pub use phrase::{route_object, title_phrase, zh_verb, Phrase};
pub use reserved::{CLIENT_METHODS, PRELUDE, SHARED_MODULE};
pub use types::{strip_version, type_candidate, type_names, usage, Candidate, OpIds, Usage};
pub use variants::{meaning_ident, variant_names};

use crate::emit::ident;
use crate::emit::lowered::{Kind, Lowered, Outcome, Payload, Success, Ty};
use prune::{prune, rename_ty};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Decide every public name of `l` and rewrite the references (`responses` too).
pub fn apply(l: &mut Lowered, responses: &mut [Ty]) {
    prune(l, responses);
    // Modules.
    for op in &mut l.ops {
        if op.group.is_empty() {
            op.group = group_of(&[], &op.path);
        }
    }
    // Methods, request types, response enums.
    let methods = method_names(&l.ops);
    let mut reserved: HashSet<String> = PRELUDE.iter().map(|s| s.to_string()).collect();
    for (op, name) in l.ops.iter_mut().zip(&methods) {
        op.fn_name = name.clone();
        let pascal = ident::type_ident(name);
        op.request = format!("{pascal}Request");
        reserved.insert(op.request.clone());
        if let Outcome::Several { name, .. } = &mut op.outcome {
            *name = format!("{pascal}Response");
            reserved.insert(name.clone());
        }
        if let Some(headers) = &mut op.headers {
            headers.name = format!("{pascal}Headers");
            reserved.insert(headers.name.clone());
        }
    }
    // Types.
    let uses = usage(l);
    let (names, merged) = type_names(l, &uses, &methods, &reserved);
    let map: HashMap<String, String> = l.types.iter().zip(&names).map(|(t, n)| (t.name.clone(), n.clone())).collect();
    // Merged types: their references now name the keeper; the keeper serves all their operations.
    let mut uses = uses;
    for (i, m) in merged.iter().enumerate() {
        if let Some(k) = m {
            let ops = uses.get(i).map(|u| u.ops.clone()).unwrap_or_default();
            if let Some(u) = uses.get_mut(*k) {
                u.ops.extend(ops);
            }
        }
    }
    for (i, t) in l.types.iter_mut().enumerate() {
        if let Some(n) = names.get(i) {
            t.name = n.clone();
        }
        let groups: BTreeSet<&str> = uses
            .get(i)
            .map(|u| u.ops.iter().filter_map(|&k| l.ops.get(k)).map(|o| o.group.as_str()).collect())
            .unwrap_or_default();
        t.module = match groups.len() {
            1 => groups.first().map(|g| g.to_string()).unwrap_or_default(),
            _ => SHARED_MODULE.to_string(),
        };
        match &mut t.kind {
            Kind::Struct(fields) => fields.iter_mut().for_each(|f| rename_ty(&mut f.ty, &map)),
            Kind::OneOf(vs) => {
                for (v, ty) in vs.iter_mut() {
                    if let Ty::Named(old) = ty {
                        if old == v {
                            if let Some(new) = map.get(old.as_str()) {
                                *v = new.clone();
                            }
                        }
                    }
                    rename_ty(ty, &map);
                }
            }
            Kind::Alias(ty) => rename_ty(ty, &map),
            Kind::Enum(vs) => {
                let input: Vec<(String, Option<String>)> =
                    vs.iter().map(|v| (v.value.clone(), v.meaning.clone())).collect();
                for (v, name) in vs.iter_mut().zip(variant_names(&input)) {
                    v.ident = name;
                }
            }
        }
    }
    for op in &mut l.ops {
        for p in &mut op.params {
            rename_ty(&mut p.ty, &map);
        }
        if let Some(b) = &mut op.body {
            rename_ty(&mut b.ty, &map);
        }
        let arms: Vec<&mut Success> = match &mut op.outcome {
            Outcome::Single(s) => vec![s],
            Outcome::Several { arms, .. } => arms.iter_mut().collect(),
            Outcome::Undocumented => vec![],
        };
        for a in arms {
            if let Payload::Json(ty) = &mut a.payload {
                rename_ty(ty, &map);
            }
        }
    }
    for ty in responses.iter_mut() {
        rename_ty(ty, &map);
    }
    let mut i = 0;
    l.types.retain(|_| {
        let keep = merged.get(i).copied().flatten().is_none();
        i += 1;
        keep
    });
    // Example tests, named after the final methods.
    let mut tests = ident::Namer::snake().reserve(["round_trip", "same"]);
    for ex in &mut l.examples {
        rename_ty(&mut ex.ty, &map);
        let fn_name = l.ops.get(ex.op).map(|o| ident::unraw(&o.fn_name).to_string()).unwrap_or_default();
        ex.test_name = tests.claim(&ident::snake_ident(&format!("{fn_name}_{}_{}", ex.part, ex.name)));
        ex.what = format!("{fn_name} {} {}", ex.part, ex.name);
    }
}

#[cfg(test)]
mod tests;
