//! Reachability: the types no operation reaches are dropped before naming, and references
//! are rewritten once names are decided.

use crate::emit::lowered::{Kind, Lowered, Ty};
use std::collections::{HashMap, HashSet};

/// `ty` with its named types renamed by `map`.
pub fn rename_ty(ty: &mut Ty, map: &HashMap<String, String>) {
    match ty {
        Ty::Named(n) => {
            if let Some(new) = map.get(n.as_str()) {
                *n = new.clone();
            }
        }
        Ty::Vec(inner) | Ty::Map(inner) => rename_ty(inner, map),
        _ => {}
    }
}

/// Drop types no operation reaches (through parameters, bodies or any documented response).
pub fn prune(l: &mut Lowered, responses: &[Ty]) {
    let index: HashMap<String, usize> = l.types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
    let mut stack: Vec<usize> = Vec::new();
    let root = |ty: &Ty, stack: &mut Vec<usize>| {
        let mut t = ty;
        loop {
            match t {
                Ty::Vec(inner) | Ty::Map(inner) => t = inner,
                Ty::Named(n) => {
                    stack.extend(index.get(n).copied());
                    break;
                }
                _ => break,
            }
        }
    };
    for op in &l.ops {
        op.params.iter().for_each(|p| root(&p.ty, &mut stack));
        if let Some(b) = &op.body {
            root(&b.ty, &mut stack);
        }
    }
    responses.iter().for_each(|t| root(t, &mut stack));
    let mut seen = HashSet::new();
    while let Some(i) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        let Some(t) = l.types.get(i) else { continue };
        let mut inner: Vec<&Ty> = Vec::new();
        match &t.kind {
            Kind::Struct(fields) => inner.extend(fields.iter().map(|f| &f.ty)),
            Kind::OneOf(vs) => inner.extend(vs.iter().map(|(_, t)| t)),
            Kind::Alias(t) => inner.push(t),
            Kind::Enum(_) => {}
        }
        for t in inner {
            root(t, &mut stack);
        }
    }
    let mut i = 0;
    l.types.retain(|_| {
        let keep = seen.contains(&i);
        i += 1;
        keep
    });
}
