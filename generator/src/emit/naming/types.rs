//! Type names: each type's candidate (its caption, property, operation or object), then
//! clashes resolved by owner and operation names, same-shaped types merged.

use super::methods::object_noun;
use crate::emit::ident;
use crate::emit::lowered::{Kind, Lowered, Op, Origin, Outcome, Payload, Success, Ty};
use crate::words::{route_id, singular};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Caption words that say nothing: the type is named from its property instead.
fn meaningless(rest: &str) -> bool {
    let r = rest.trim_end_matches(|c: char| c.is_ascii_digit()).to_ascii_lowercase();
    ["object", "item", "items", "value", "values", "struct", "structure", "param", "params", "parameter", "body", ""]
        .contains(&r.as_str())
}

/// What a type's name is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// A name documented for exactly this structure (a component's caption): wins a clash.
    Documented(String),
    /// A name made by the pass.
    Made(String),
}

impl Candidate {
    pub fn name(&self) -> &str {
        match self {
            Candidate::Documented(n) | Candidate::Made(n) => n,
        }
    }
}

/// How a type is referenced, for naming it.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// (parent type index, JSON property name, as list items).
    pub properties: Vec<(usize, String, bool)>,
    /// Operations whose request body it is.
    pub bodies: Vec<usize>,
    /// Operations whose (success) response payload it is.
    pub responses: Vec<usize>,
    /// Operations that reach it through requests or responses, in document order.
    pub ops: BTreeSet<usize>,
}

fn pascal_words(s: &str) -> String {
    ident::type_ident(s)
}

/// `Vec<jobs>` everywhere → `Job`.
fn property_name(property: &str, list: bool) -> String {
    let p = property.strip_suffix("Value").filter(|p| !p.is_empty()).unwrap_or(property);
    let words = ident::words(p);
    let mut words: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    if list {
        if let Some(last) = words.last_mut() {
            *last = singular(last);
        }
    }
    pascal_words(&words.join("_"))
}

/// A type name without the API version the docs glue to it (`V2Job` → `Job`, `NodeV3Spec` →
/// `NodeSpec`): a version token starts the name or follows a lower-case letter, and is followed
/// by an upper-case letter or the end. The name is kept when nothing else would be left.
pub fn strip_version(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let starts = i == 0 || chars.get(i - 1).is_some_and(|p| p.is_ascii_lowercase());
        if c == 'V' && starts && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|c| c.is_ascii_digit() || *c == '_' && chars.get(j + 1).is_some_and(char::is_ascii_digit))
            {
                j += 1;
            }
            if chars.get(j).is_none_or(|c| c.is_ascii_uppercase()) {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    if out.is_empty() || ["Request", "Response", "Body"].contains(&out.as_str()) {
        name.to_string()
    } else {
        out
    }
}

/// The candidate name of type `i` (see the module docs), without API versions ([`strip_version`]).
pub fn type_candidate(l: &Lowered, ids: &OpIds, i: usize, usage: &[Usage], methods: &[String]) -> Candidate {
    match raw_candidate(l, ids, i, usage, methods) {
        Candidate::Documented(n) => Candidate::Documented(strip_version(&n)),
        Candidate::Made(n) => Candidate::Made(strip_version(&n)),
    }
}

/// Every operation's operationId and route id (what extraction makes of METHOD + path), for
/// finding the operation a component's name starts with; built once per crate (looking it up
/// per type made naming quadratic in the number of operations).
pub struct OpIds(HashMap<String, (usize, bool)>);

impl OpIds {
    pub fn new(l: &Lowered) -> Self {
        let mut ids = HashMap::new();
        // In operation order, the operationId before the route id: a later entry wins a tie.
        for (i, o) in l.ops.iter().enumerate() {
            ids.insert(o.operation_id.clone(), (i, o.route_id));
            ids.insert(route_id(&o.method, &o.path), (i, true));
        }
        OpIds(ids)
    }

    /// The longest id that is a proper prefix of `name`: (operation, id, whether it is a route id).
    fn longest_prefix<'n>(&self, name: &'n str) -> Option<(usize, &'n str, bool)> {
        (1..name.len()).rev().filter(|&end| name.is_char_boundary(end)).find_map(|end| {
            let id = name.get(..end)?;
            self.0.get(id).map(|&(op, from_route)| (op, id, from_route))
        })
    }
}

fn raw_candidate(l: &Lowered, ids: &OpIds, i: usize, usage: &[Usage], methods: &[String]) -> Candidate {
    let Some(t) = l.types.get(i) else { return Candidate::Made("Type".into()) };
    let u = usage.get(i).cloned().unwrap_or_default();
    let method_pascal = |op: usize| methods.get(op).map(|m| ident::type_ident(m)).unwrap_or_default();
    let from_property = || -> Option<String> {
        let (_, prop, list) = u.properties.first()?;
        let all_list = u.properties.iter().all(|(_, _, l)| *l) || *list && u.properties.len() == 1;
        Some(property_name(prop, all_list))
    };
    let as_body = |op: usize| -> String {
        if u.responses.contains(&op) || !u.responses.is_empty() {
            methods.get(op).map(|m| object_noun(m)).unwrap_or_default()
        } else {
            format!("{}Body", method_pascal(op))
        }
    };
    let as_response = |op: usize| -> String {
        match l.ops.get(op).map(|o| &o.outcome) {
            Some(Outcome::Several { arms, .. }) => {
                let variant = arms
                    .iter()
                    .find(|a| matches!(&a.payload, Payload::Json(Ty::Named(n)) if *n == t.name))
                    .map(|a| a.variant.clone())
                    .unwrap_or_default();
                format!("{}{variant}Response", method_pascal(op))
            }
            _ => format!("{}Response", method_pascal(op)),
        }
    };
    match &t.origin {
        Origin::Component(spec_name) => {
            // An operationId prefix (`GetClustersnode`, `CreateNodePoolMetaVO`).
            // The operationId, or the id extraction would make from the route (renamed operations).
            let prefix = ids
                .longest_prefix(spec_name)
                .and_then(|(op, id, from_route)| l.ops.get(op).map(|o| (op, o, id, from_route)));
            match prefix {
                Some((op, o, id, from_route)) => {
                    let o = &Op { route_id: from_route || o.route_id, ..o.clone() };
                    let rest = spec_name.get(id.len()..).unwrap_or_default();
                    let bare = rest.trim_end_matches(|c: char| c.is_ascii_digit());
                    let caption = bare.chars().next().is_some_and(|c| c.is_ascii_uppercase());
                    let other_component = l.types.iter().any(|t| t.origin == Origin::Component(bare.to_string()));
                    match bare {
                        // One of several documented bodies (`...RequestBodyWithImageUrl`): `CreateImageWithImageUrl`.
                        _ if bare.starts_with("RequestBodyWith") => {
                            let body_op = u.bodies.first().copied().unwrap_or(op);
                            Candidate::Made(format!(
                                "{}{}",
                                method_pascal(body_op),
                                bare.trim_start_matches("RequestBody")
                            ))
                        }
                        // `PostV10EventsResponse2`: a structure inside the response, not the response.
                        "Response" | "RequestBody"
                            if bare.len() != rest.len() && u.responses.is_empty() && u.bodies.is_empty() =>
                        {
                            let object = object_noun(methods.get(op).map_or("", |m| m));
                            Candidate::Made(
                                from_property()
                                    .filter(|p| !meaningless(p) && !p.starts_with("Array"))
                                    .unwrap_or_else(|| format!("{object}Item")),
                            )
                        }
                        "RequestBody" => {
                            let body_op = u.bodies.first().copied().unwrap_or(op);
                            Candidate::Made(as_body(body_op))
                        }
                        "Response" => {
                            let resp_op = u.responses.first().copied().unwrap_or(op);
                            Candidate::Made(as_response(resp_op))
                        }
                        _ if meaningless(bare) => Candidate::Made(
                            from_property()
                                .unwrap_or_else(|| format!("{}Item", object_noun(methods.get(op).map_or("", |m| m)))),
                        ),
                        // `CreateNodePoolMetaVO`: a caption that starts with the operation's name.
                        _ if caption && !other_component && !o.route_id && bare.len() == rest.len() => {
                            Candidate::Documented(pascal_words(spec_name))
                        }
                        // `ExportTaskExportParams` (another `ExportParams` exists), `GetClustersnode`.
                        _ => {
                            let list = !u.properties.is_empty() && u.properties.iter().all(|(_, _, l)| *l);
                            Candidate::Made(property_name(bare, list))
                        }
                    }
                }
                None => {
                    let bare = spec_name.trim_end_matches(|c: char| c.is_ascii_digit());
                    let list = !u.properties.is_empty() && u.properties.iter().all(|(_, _, l)| *l);
                    let lower_caption = bare.chars().next().is_some_and(|c| c.is_ascii_lowercase());
                    if meaningless(bare) {
                        Candidate::Made(from_property().unwrap_or_else(|| pascal_words(bare)))
                    } else if lower_caption || bare.len() != spec_name.len() {
                        // `result parameters` describing the `result_detail` field: the field's fuller name.
                        let fuller = u.properties.first().map(|(_, p, _)| p.as_str()).filter(|p| {
                            p.len() > bare.len()
                                && p.starts_with(bare)
                                && u.properties.iter().all(|(_, q, _)| q.as_str() == *p)
                        });
                        Candidate::Made(property_name(fuller.unwrap_or(bare), list))
                    } else if !u.responses.is_empty() && bare.contains("Request") {
                        let op = u.responses.first().copied().unwrap_or_default();
                        Candidate::Made(methods.get(op).map(|m| object_noun(m)).unwrap_or_else(|| pascal_words(bare)))
                    } else {
                        Candidate::Documented(pascal_words(bare))
                    }
                }
            }
        }
        Origin::Property { property, list, .. } => Candidate::Made(property_name(property, *list)),
        Origin::Body { op } => Candidate::Made(as_body(*op)),
        Origin::Response { op, .. } => Candidate::Made(as_response(*op)),
        Origin::Param { param, .. } => Candidate::Made(property_name(param, false)),
    }
}

/// References of every type: properties, bodies, responses, and the operations reaching it.
pub fn usage(l: &Lowered) -> Vec<Usage> {
    let index: HashMap<&str, usize> = l.types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let mut out: Vec<Usage> = vec![Usage::default(); l.types.len()];
    fn named(ty: &Ty) -> (Option<&str>, bool) {
        match ty {
            Ty::Named(n) => (Some(n), false),
            Ty::Vec(inner) => (named(inner).0, true),
            Ty::Map(inner) => (named(inner).0, false),
            _ => (None, false),
        }
    }
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); l.types.len()];
    for (i, t) in l.types.iter().enumerate() {
        let mut add = |ty: &Ty, prop: &str| {
            if let (Some(n), list) = named(ty) {
                if let Some(&j) = index.get(n) {
                    if let Some(u) = out.get_mut(j) {
                        u.properties.push((i, prop.to_string(), list));
                    }
                    if let Some(e) = edges.get_mut(i) {
                        e.push(j);
                    }
                }
            }
        };
        match &t.kind {
            Kind::Struct(fields) => fields.iter().for_each(|f| add(&f.ty, &f.wire)),
            Kind::OneOf(vs) => vs.iter().for_each(|(v, ty)| add(ty, v)),
            Kind::Alias(ty) => add(ty, "item"),
            Kind::Enum(_) => {}
        }
    }
    for (k, op) in l.ops.iter().enumerate() {
        let mut roots = Vec::new();
        for p in &op.params {
            roots.extend(named(&p.ty).0);
        }
        if let Some(b) = &op.body {
            if let (Some(n), _) = named(&b.ty) {
                roots.push(n);
                if let Some(u) = index.get(n).and_then(|&j| out.get_mut(j)) {
                    u.bodies.push(k);
                }
            }
        }
        let arms: Vec<&Success> = match &op.outcome {
            Outcome::Single(s) => vec![s],
            Outcome::Several { arms, .. } => arms.iter().collect(),
            Outcome::Undocumented => vec![],
        };
        for a in arms {
            if let Payload::Json(ty) = &a.payload {
                if let (Some(n), _) = named(ty) {
                    roots.push(n);
                    if let Some(u) = index.get(n).and_then(|&j| out.get_mut(j)) {
                        u.responses.push(k);
                    }
                }
            }
        }
        let mut seen = HashSet::new();
        let mut stack: Vec<usize> = roots.iter().filter_map(|n| index.get(n).copied()).collect();
        while let Some(j) = stack.pop() {
            if seen.insert(j) {
                if let Some(u) = out.get_mut(j) {
                    u.ops.insert(k);
                }
                stack.extend(edges.get(j).into_iter().flatten().copied());
            }
        }
    }
    out
}

/// The same structure (docs aside): two such types wanting one name become one type.
fn same_shape(a: &Kind, b: &Kind) -> bool {
    match (a, b) {
        (Kind::Struct(x), Kind::Struct(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(f, g)| f.wire == g.wire && f.ty == g.ty && f.required == g.required)
        }
        // The same values are the same wire type; the docs of the first are kept.
        (Kind::Enum(x), Kind::Enum(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| v.value == w.value),
        (Kind::OneOf(x), Kind::OneOf(y)) => x == y,
        (Kind::Alias(x), Kind::Alias(y)) => x == y,
        _ => false,
    }
}

/// Final type names (candidates, then clashes resolved by owner and operation names), and for
/// each type the type it is merged into (same name wanted, same structure).
pub fn type_names(
    l: &Lowered,
    usage: &[Usage],
    methods: &[String],
    reserved: &HashSet<String>,
) -> (Vec<String>, Vec<Option<usize>>) {
    let n = l.types.len();
    let ids = OpIds::new(l);
    let cands: Vec<Candidate> = (0..n).map(|i| type_candidate(l, &ids, i, usage, methods)).collect();
    let mut merged: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        if merged.get(i).copied().flatten().is_some() {
            continue;
        }
        for j in i + 1..n {
            let (Some(a), Some(b)) = (l.types.get(i), l.types.get(j)) else { continue };
            let same_name = cands.get(i).map(Candidate::name) == cands.get(j).map(Candidate::name);
            if same_name && merged.get(j).copied().flatten().is_none() && same_shape(&a.kind, &b.kind) {
                if let Some(m) = merged.get_mut(j) {
                    *m = Some(i);
                }
            }
        }
    }
    let index: HashMap<&str, usize> = l.types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let owner_word = |i: usize, round: usize| -> Option<String> {
        let t = l.types.get(i)?;
        let u = usage.get(i)?;
        let first_op = u.ops.iter().next().copied().or_else(|| u.bodies.first().copied());
        let op_of_origin = match &t.origin {
            Origin::Body { op } | Origin::Response { op, .. } | Origin::Param { op, .. } => Some(*op),
            _ => None,
        };
        let parent = match &t.origin {
            Origin::Property { parent, .. } => index.get(parent.as_str()).copied(),
            _ => u.properties.first().map(|(p, _, _)| *p),
        };
        // A body or response owner stands for its operation's object (`TrainingJob`, not `ListTrainingJobsResponse`).
        let parent_name = parent.and_then(|p| {
            let c = cands.get(p)?.name();
            let pu = usage.get(p)?;
            let role_op = match &l.types.get(p)?.origin {
                Origin::Body { op } | Origin::Response { op, .. } => Some(*op),
                _ if c.ends_with("Body") || c.ends_with("Response") => {
                    pu.bodies.first().or(pu.responses.first()).copied()
                }
                _ => None,
            };
            Some(match role_op.and_then(|op| methods.get(op)) {
                Some(m) => object_noun(m),
                None => c.to_string(),
            })
        });
        let op_name = op_of_origin.or(first_op).and_then(|op| methods.get(op));
        match round {
            0 => parent_name.or_else(|| op_name.map(|m| object_noun(m))),
            1 => parent
                .and_then(|p| cands.get(p))
                .map(|c| c.name().to_string())
                .or_else(|| op_name.map(|m| ident::type_ident(m))),
            _ => op_name.map(|m| ident::type_ident(m)),
        }
    };
    // The candidate name of the type a type is a property of.
    let parent_name = |i: usize| -> Option<&str> {
        let p = match &l.types.get(i)?.origin {
            Origin::Property { parent, .. } => index.get(parent.as_str()).copied(),
            _ => usage.get(i)?.properties.first().map(|(p, _, _)| *p),
        }?;
        cands.get(p).map(Candidate::name)
    };
    let mut names: Vec<String> = cands.iter().map(|c| c.name().to_string()).collect();
    let mut documented: Vec<bool> = cands.iter().map(|c| matches!(c, Candidate::Documented(_))).collect();
    // Round 4: the operation and the side (`Body`, `Response`) the type is reached from.
    let role_owner = |i: usize| -> Option<String> {
        let mut k = i;
        for _ in 0..16 {
            let u = usage.get(k)?;
            if let Some(op) = u.bodies.first() {
                return Some(format!("{}Body", ident::type_ident(methods.get(*op)?)));
            }
            if let Some(op) = u.responses.first() {
                return Some(format!("{}Response", ident::type_ident(methods.get(*op)?)));
            }
            k = match &l.types.get(k)?.origin {
                Origin::Property { parent, .. } => index.get(parent.as_str()).copied()?,
                _ => u.properties.first().map(|(p, _, _)| *p)?,
            };
        }
        None
    };
    for round in 0..6 {
        let current = names.clone();
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            if merged.get(i).copied().flatten().is_none() {
                groups.entry(name.clone()).or_default().push(i);
            }
        }
        let mut changed = false;
        for (name, members) in groups {
            let reserved_hit = reserved.contains(&name);
            if members.len() < 2 && !reserved_hit {
                continue;
            }
            // A documented name wins; else the type most owners share keeps the plain name.
            let keeper = {
                let docs: Vec<usize> = members.iter().copied().filter(|&i| documented.get(i) == Some(&true)).collect();
                let owners = |i: usize| {
                    let mut all: Vec<usize> = Vec::new();
                    for k in 0..n {
                        if merged.get(k).copied().flatten() == Some(i) || k == i {
                            // Direct owners only: parent types, and operations using it as a parameter.
                            if let Some(u) = usage.get(k) {
                                all.extend(u.properties.iter().map(|(p, _, _)| *p + n * 2));
                            }
                            if let Some(Origin::Param { op, .. }) = l.types.get(k).map(|t| &t.origin) {
                                all.push(*op);
                            }
                        }
                    }
                    all.sort_unstable();
                    all.dedup();
                    all.len()
                };
                if reserved_hit {
                    None
                } else if docs.len() == 1 {
                    docs.first().copied()
                } else if round == 0 && docs.is_empty() {
                    let counts: Vec<(usize, usize)> = members.iter().map(|&i| (owners(i), i)).collect();
                    let max = counts.iter().map(|c| c.0).max().unwrap_or(0);
                    let top: Vec<usize> = counts.iter().filter(|c| c.0 == max).map(|c| c.1).collect();
                    (max > 1 && top.len() == 1).then(|| top.first().copied()).flatten()
                } else {
                    None
                }
            };
            for i in members {
                if Some(i) == keeper {
                    continue;
                }
                let body_of = usage.get(i).and_then(|u| u.bodies.first()).and_then(|op| methods.get(*op));
                // Round 3: the parent's final name (`PoolSpec` + `ExtendParam`).
                let parent_final = || -> Option<String> {
                    let t = l.types.get(i)?;
                    let p = match &t.origin {
                        Origin::Property { parent, .. } => index.get(parent.as_str()).copied(),
                        _ => usage.get(i)?.properties.first().map(|(p, _, _)| *p),
                    }?;
                    current.get(p).cloned()
                };
                let owner = match round {
                    3 => parent_final(),
                    4 => role_owner(i),
                    _ => owner_word(i, round),
                };
                let qualified = match owner {
                    Some(owner) if round == 3 || round == 4 => {
                        let base = cands.get(i).map(Candidate::name).unwrap_or(&name).to_string();
                        format!("{owner}{base}")
                    }
                    // A body that is also returned, when its object's name is taken: `<Method>Body`.
                    _ if round == 1 && body_of.is_some() => {
                        format!("{}Body", body_of.map(|m| ident::type_ident(m)).unwrap_or_default())
                    }
                    // `Spec` under `PoolSpec`: the owner's name, unless that is its own parent's name.
                    Some(owner) if round == 0 && owner.ends_with(&name) && Some(owner.as_str()) != parent_name(i) => {
                        owner
                    }
                    Some(owner) if round < 3 => {
                        let base = cands.get(i).map(Candidate::name).unwrap_or(&name).to_string();
                        if base.starts_with(&owner) {
                            format!("{owner}{}", base.trim_start_matches(&owner))
                        } else {
                            format!("{owner}{base}")
                        }
                    }
                    _ => l.types.get(i).map(|t| spelled(&t.name)).unwrap_or_default(),
                };
                if let Some(slot) = names.get_mut(i) {
                    if *slot != qualified {
                        *slot = qualified;
                        changed = true;
                    }
                }
                if let Some(d) = documented.get_mut(i) {
                    *d = false;
                }
            }
        }
        if !changed {
            break;
        }
    }
    settle_types(l, &mut names, &merged, reserved);
    for i in 0..n {
        if let Some(Some(keeper)) = merged.get(i) {
            let name = names.get(*keeper).cloned().unwrap_or_default();
            if let Some(slot) = names.get_mut(i) {
                *slot = name;
            }
        }
    }
    (names, merged)
}

/// What the rounds left: a name two types have, or a reserved one (a property `result` makes
/// `Result`). Each later type takes its provisional name spelled out (those are unique), with
/// `Model` added while that is taken: a crate that compiles.
fn settle_types(l: &Lowered, names: &mut [String], merged: &[Option<usize>], reserved: &HashSet<String>) {
    let mut taken: HashSet<String> = reserved.clone();
    let own: Vec<usize> = (0..names.len()).filter(|&i| merged.get(i).copied().flatten().is_none()).collect();
    // First come the names that are free: a clash renames its later members only.
    let mut clashing = Vec::new();
    for &i in &own {
        let Some(name) = names.get(i) else { continue };
        if !taken.insert(name.clone()) {
            clashing.push(i);
        }
    }
    for i in clashing {
        let mut candidate = l.types.get(i).map(|t| spelled(&t.name)).unwrap_or_default();
        while taken.contains(&candidate) {
            candidate.push_str("Model");
        }
        taken.insert(candidate.clone());
        if let Some(slot) = names.get_mut(i) {
            *slot = candidate;
        }
    }
}

/// Last resort for a clash: the provisional name with digits spelled out.
fn spelled(name: &str) -> String {
    const DIGITS: [&str; 10] = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"];
    let mut out = String::new();
    for c in ident::type_ident(name).chars() {
        match c.to_digit(10).and_then(|d| DIGITS.get(d as usize)) {
            Some(w) => out.push_str(w),
            None => out.push(c),
        }
    }
    out
}
