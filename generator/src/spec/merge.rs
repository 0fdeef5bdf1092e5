//! Language merge: the same page in Chinese and English (same operationIds)
//! becomes one. The structure must agree (each disagreement is a diagnostic
//! naming both files); required flags come from whichever page states them;
//! both descriptions are kept (`x-descriptions`). The page first in file order
//! is the primary one; its descriptions are the `description`s.

use crate::diagnostics::{Code, Diagnostic};
use crate::extract::ir::{Field, Object, Operation, Page, Ty};

/// Merge translated page pairs; other pages pass through unchanged, in order.
pub fn merge_languages(pages: Vec<Page>, diags: &mut Vec<Diagnostic>) -> Vec<Page> {
    let mut out: Vec<Page> = Vec::new();
    for page in pages {
        let twin = out.iter_mut().find(|p| p.lang != page.lang && same_operations(p, &page));
        match twin {
            Some(primary) => merge_page(primary, &page, diags),
            None => out.push(page),
        }
    }
    out
}

fn same_operations(a: &Page, b: &Page) -> bool {
    let ids =
        |p: &Page| p.operations.iter().map(|o| (o.id.clone(), o.method.clone(), o.path.clone())).collect::<Vec<_>>();
    !a.operations.is_empty() && ids(a) == ids(b)
}

/// Where a disagreement is, for the diagnostic.
struct Pair<'a> {
    a: &'a str,
    b: &'a str,
}

impl Pair<'_> {
    fn disagree(&self, what: String, diags: &mut Vec<Diagnostic>) {
        diags.push(
            Diagnostic::new(Code::W0302, self.a, format!("{what} (translation {} disagrees)", self.b))
                .hint("the two language versions of this page differ; the first file's structure is used"),
        );
    }
}

fn merge_page(primary: &mut Page, other: &Page, diags: &mut Vec<Diagnostic>) {
    let pair = Pair { a: &primary.file, b: &other.file };
    let (lang_a, lang_b) = (primary.lang.code().to_string(), other.lang.code().to_string());
    let mut objects = std::mem::take(&mut primary.objects);
    for (op, twin) in primary.operations.iter_mut().zip(&other.operations) {
        translate(&mut op.translations, op.description.as_deref(), twin.description.as_deref(), &lang_a, &lang_b);
        merge_params(op, twin, &pair, &lang_a, &lang_b, diags);
        let mut walker = Walker {
            objects: &mut objects,
            others: &other.objects,
            pair: &pair,
            lang_a: &lang_a,
            lang_b: &lang_b,
            seen: Vec::new(),
        };
        if let (Some(a), Some(b)) = (&op.request_body, &twin.request_body) {
            walker.ty(a, b, &format!("{} request body", op.id), diags);
        } else if op.request_body.is_some() != twin.request_body.is_some() {
            pair.disagree(format!("{}: request body documented on one page only", op.id), diags);
        }
        for (i, (a, b)) in op.request_alternatives.iter().zip(&twin.request_alternatives).enumerate() {
            walker.ty(a, b, &format!("{} request body {}", op.id, i + 2), diags);
        }
        if op.request_alternatives.len() != twin.request_alternatives.len() {
            pair.disagree(format!("{}: the pages document different numbers of request bodies", op.id), diags);
        }
        for r in &op.responses {
            let Some(t) = twin.responses.iter().find(|t| t.status == r.status) else {
                pair.disagree(format!("{}: status {} documented on one page only", op.id, r.status), diags);
                continue;
            };
            if let (Some(a), Some(b)) = (&r.body, &t.body) {
                walker.ty(a, b, &format!("{} {} response", op.id, r.status), diags);
            }
        }
    }
    primary.objects = objects;
}

fn translate(
    map: &mut std::collections::BTreeMap<String, String>,
    a: Option<&str>,
    b: Option<&str>,
    lang_a: &str,
    lang_b: &str,
) {
    if let Some(a) = a.filter(|s| !s.is_empty()) {
        map.insert(lang_a.to_string(), a.to_string());
    }
    if let Some(b) = b.filter(|s| !s.is_empty()) {
        map.insert(lang_b.to_string(), b.to_string());
    }
}

fn merge_params(
    op: &mut Operation,
    twin: &Operation,
    pair: &Pair<'_>,
    lang_a: &str,
    lang_b: &str,
    diags: &mut Vec<Diagnostic>,
) {
    for p in &mut op.params {
        match twin.params.iter().find(|t| t.location == p.location && t.field.name == p.field.name) {
            Some(t) => merge_field(&mut p.field, &t.field, lang_a, lang_b),
            None => {
                pair.disagree(format!("{}: parameter `{}` is missing from the translation", op.id, p.field.name), diags)
            }
        }
    }
    for t in &twin.params {
        if !op.params.iter().any(|p| p.location == t.location && p.field.name == t.field.name) {
            pair.disagree(format!("{}: parameter `{}` exists only in the translation", op.id, t.field.name), diags);
        }
    }
}

fn merge_field(f: &mut Field, t: &Field, lang_a: &str, lang_b: &str) {
    if f.required.is_none() {
        f.required = t.required;
    }
    if f.enum_values.is_empty() && !t.enum_values.is_empty() {
        f.enum_values = t.enum_values.clone();
    }
    let own = f.description.clone();
    translate(&mut f.translations, Some(&own), Some(&t.description), lang_a, lang_b);
}

/// Walks two type trees in parallel, merging matching objects.
struct Walker<'a> {
    objects: &'a mut Vec<Object>,
    others: &'a [Object],
    pair: &'a Pair<'a>,
    lang_a: &'a str,
    lang_b: &'a str,
    seen: Vec<usize>,
}

impl Walker<'_> {
    fn ty(&mut self, a: &Ty, b: &Ty, at: &str, diags: &mut Vec<Diagnostic>) {
        match (a, b) {
            (Ty::Object(i), Ty::Object(j)) => self.object(*i, *j, at, diags),
            (Ty::Array(x), Ty::Array(y)) | (Ty::Map(x), Ty::Map(y)) => self.ty(x, y, at, diags),
            (Ty::Scalar(x), Ty::Scalar(y)) if x == y => {}
            _ => self.pair.disagree(format!("{at}: types differ ({} vs {})", kind(a), kind(b)), diags),
        }
    }

    fn object(&mut self, i: usize, j: usize, at: &str, diags: &mut Vec<Diagnostic>) {
        if self.seen.contains(&i) {
            return;
        }
        self.seen.push(i);
        let Some(theirs) = self.others.get(j) else { return };
        let Some(ours) = self.objects.get(i) else { return };
        let name = ours.name.clone().unwrap_or_else(|| ours.fallback_name.clone());
        let mut nested = Vec::new();
        for t in &theirs.fields {
            if !ours.fields.iter().any(|f| f.name == t.name) {
                self.pair.disagree(format!("{at}: `{name}.{}` exists only in the translation", t.name), diags);
            }
        }
        let Some(ours) = self.objects.get_mut(i) else { return };
        for f in &mut ours.fields {
            match theirs.fields.iter().find(|t| t.name == f.name) {
                Some(t) => {
                    merge_field(f, t, self.lang_a, self.lang_b);
                    nested.push((f.ty.clone(), t.ty.clone(), format!("{at} > {name}.{}", f.name)));
                }
                None => self.pair.disagree(format!("{at}: `{name}.{}` is missing from the translation", f.name), diags),
            }
        }
        for (a, b, at) in nested {
            self.ty(&a, &b, &at, diags);
        }
    }
}

fn kind(t: &Ty) -> String {
    match t {
        Ty::Scalar(s) => format!("{s:?}"),
        Ty::Object(_) => "object".into(),
        Ty::Array(_) => "array".into(),
        Ty::Map(_) => "map".into(),
    }
}
