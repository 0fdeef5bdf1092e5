//! Method names: the operation's phrase joined and cut to [`MAX_METHOD`], and operations that
//! want one name told apart by words of their own (never by a number).

use super::phrase::{route_phrase, split_parens, title_phrase, zh_verb, Phrase};
use super::reserved::CLIENT_METHODS;
use crate::emit::ident;
use crate::emit::lowered::Op;
use crate::lexicon::{METHOD_VERBS, QUALIFIER_STATUS_WORDS};
use crate::words::lower_words;
use crate::words::{is_plural, is_version_segment, is_version_word, singular, title_says_deprecated};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The longest method name the pass emits.
pub const MAX_METHOD: usize = 50;

/// The method words of an operation, and qualifiers that can tell it apart from another.
pub fn method_phrase(op: &Op) -> Phrase {
    if !op.route_id {
        return Phrase { verb: vec![], object: lower_words(&ident::snake_ident(&op.operation_id)), qualifiers: vec![] };
    }
    let title = op.summary.as_deref().unwrap_or_default();
    let segs: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    // `GET /v3`, `GET /{api_version}`: one version of the API itself (`Querying Information About API v3`).
    if op.method.eq_ignore_ascii_case("GET")
        && !segs.is_empty()
        && segs.iter().all(|s| is_version_segment(s) || s.starts_with('{'))
    {
        return Phrase { verb: vec!["get".into()], object: vec!["api".into(), "version".into()], qualifiers: vec![] };
    }
    if let Some(mut p) = title_phrase(title) {
        // `Obtaining Specified DB Instance Specifications` of `GET ../flavors/{flavorId}`: one item.
        if p.verb.last().is_some_and(|v| v == "list")
            && op.method.eq_ignore_ascii_case("GET")
            && segs.last().is_some_and(|s| s.starts_with('{'))
        {
            if let Some(v) = p.verb.last_mut() {
                *v = "get".into();
            }
            if let Some(last) = p.object.last_mut() {
                *last = singular(last);
            }
        }
        return p;
    }
    let route = route_phrase(&op.method, &op.path);
    match zh_verb(title) {
        Some(verb) => Phrase { verb, ..route },
        None => route,
    }
}

/// `verb_object`, cut to [`MAX_METHOD`]: owner words go first, then trailing words.
pub(super) fn join_method(p: &Phrase) -> String {
    let mut object = p.object.clone();
    let name = |object: &[String]| p.verb.iter().chain(object.iter()).cloned().collect::<Vec<_>>().join("_");
    while name(&object).len() > MAX_METHOD && object.len() > 1 {
        object.remove(0);
    }
    let mut out = name(&object);
    while out.len() > MAX_METHOD {
        match out.rfind('_') {
            Some(i) => out.truncate(i),
            None => out.truncate(MAX_METHOD),
        }
    }
    out
}

/// Route words that can tell two operations apart: the static segments, the HTTP method, and
/// last (only when nothing else does) the API version.
fn route_qualifiers(path: &str, method: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let statics: Vec<&str> =
        path.split('/').filter(|s| !s.is_empty() && !s.starts_with('{') && !is_version_segment(s)).collect();
    for seg in statics.iter().rev() {
        out.push(lower_words(seg));
    }
    out.push(vec![method.to_ascii_lowercase()]);
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if is_version_segment(seg) {
            out.push(vec![seg.to_ascii_lowercase().replace('.', "_")]);
        }
    }
    out
}

/// The naming words of the parenthesised qualifiers of an operation's title and of its docs
/// section (`Querying Images (Native OpenStack API)` → `openstack`).
fn variant_words(op: &Op) -> [Vec<String>; 2] {
    let clean = |text: &str| -> Vec<String> {
        split_parens(text)
            .1
            .iter()
            .flat_map(|p| lower_words(p))
            .filter(|w| !QUALIFIER_STATUS_WORDS.contains(&w.as_str()) && !is_version_word(w))
            .collect()
    };
    [clean(op.summary.as_deref().unwrap_or_default()), clean(&op.tag)]
}

/// The API version of an operation's path (`/v3.1/..` → (3, 1)); (0, 0) when none.
fn api_version(path: &str) -> (u32, u32) {
    let Some(seg) = path.split('/').find(|s| is_version_segment(s)) else { return (0, 0) };
    let mut parts = seg.get(1..).unwrap_or_default().split('.').map(|d| d.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The docs say an operation is on its way out (its title, or its section: `API v1 (To Be Discarded)`).
fn is_legacy(op: &Op) -> bool {
    op.deprecated || title_says_deprecated(&op.tag)
}

/// Operations of one API in several variants share a name (`Creating a Security Group` in the
/// VPC v1, v3 and OpenStack Neutron sections). Each takes the first word of its own title or
/// section qualifier that the others lack (`create_security_group_openstack`); of those left
/// without one, the current (newest, not deprecated) keeps the plain name and older or
/// deprecated ones take `legacy`. Returns the new names of the members.
fn api_variant_names(ops: &[Op], members: &[usize], name: &str) -> Vec<(usize, String)> {
    let words: Vec<[Vec<String>; 2]> =
        members.iter().map(|&i| ops.get(i).map(variant_words).unwrap_or_default()).collect();
    let have: HashSet<&str> = name.split('_').collect();
    let own_word = |k: usize| -> Option<String> {
        (0..2).find_map(|src| {
            let others: HashSet<&String> = words
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .flat_map(|(_, w)| w.get(src).into_iter().flatten())
                .collect();
            words.get(k)?.get(src)?.iter().find(|w| !others.contains(w) && !have.contains(w.as_str())).cloned()
        })
    };
    let own: Vec<Option<String>> = (0..members.len()).map(own_word).collect();
    let plain: Vec<usize> = (0..members.len()).filter(|&k| own.get(k).is_some_and(Option::is_none)).collect();
    let versions: Vec<(u32, u32)> = members.iter().filter_map(|&i| ops.get(i)).map(|o| api_version(&o.path)).collect();
    // Versions only rank operations when each has one (`GET /` is not older than `GET /v3`).
    let by_version = versions.iter().all(|v| *v != (0, 0));
    let rank = |k: usize| {
        let op = members.get(k).and_then(|&i| ops.get(i));
        let recommended = op.is_some_and(|o| {
            let text = format!("{} {}", o.summary.as_deref().unwrap_or_default(), o.tag).to_ascii_lowercase();
            text.contains("recommended")
        });
        let version = if by_version { versions.get(k).copied().unwrap_or_default() } else { (0, 0) };
        (op.is_some_and(|o| !is_legacy(o)), recommended, version, std::cmp::Reverse(k))
    };
    let keeper = plain.iter().copied().max_by_key(|&k| rank(k));
    let keeper_rank = keeper.map(rank);
    let older = |k: usize| {
        keeper_rank.as_ref().is_some_and(|r| {
            let mine = rank(k);
            (mine.0, mine.1, mine.2) < (r.0, r.1, r.2)
        })
    };
    // Older variants without a word of their own, newest first: `legacy`, then `older`, `oldest`
    // (the same API at /v2.1 and /v2 besides the current one); versions never go in a name.
    let mut aged: Vec<usize> = plain.iter().copied().filter(|&k| Some(k) != keeper && older(k)).collect();
    aged.sort_by_key(|&k| std::cmp::Reverse(rank(k)));
    let mut out = Vec::new();
    for (k, &i) in members.iter().enumerate() {
        if Some(k) == keeper {
            continue;
        }
        let word = match own.get(k).cloned().flatten() {
            Some(w) => w,
            None => match aged.iter().position(|&a| a == k).and_then(|p| AGE_WORDS.get(p)) {
                Some(w) => (*w).to_string(),
                None => continue,
            },
        };
        out.push((i, cut(&format!("{}_{word}", ident::unraw(name)))));
    }
    out
}

/// Words telling older variants of one API apart, newest first.
const AGE_WORDS: &[&str] = &["legacy", "older", "oldest"];

/// Method names of all operations: unique, at most [`MAX_METHOD`] characters, no numbers added.
pub fn method_names(ops: &[Op]) -> Vec<String> {
    let phrases: Vec<Phrase> = ops.iter().map(method_phrase).collect();
    let mut names: Vec<String> = phrases.iter().map(|p| keyword_safe(&join_method(p))).collect();
    let reserved: HashSet<&str> = CLIENT_METHODS.iter().copied().collect();
    // Variants of one API first (by their sections' words), then any clash left by the route.
    let mut sets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, n) in names.iter().enumerate() {
        sets.entry(n.clone()).or_default().push(i);
    }
    for (name, members) in sets.into_iter().filter(|(_, m)| m.len() > 1) {
        // A page-given operationId keeps its name against title-made ones.
        if members.iter().filter(|&&i| ops.get(i).is_some_and(|o| !o.route_id)).count() == 1 {
            continue;
        }
        for (i, new) in api_variant_names(ops, &members, &name) {
            if !names.contains(&new) {
                if let Some(slot) = names.get_mut(i) {
                    *slot = keyword_safe(&new);
                }
            }
        }
    }
    for _round in 0..4 {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for n in &names {
            *count.entry(n.as_str()).or_default() += 1;
        }
        let clashing: Vec<usize> = (0..names.len())
            .filter(|&i| {
                names
                    .get(i)
                    .is_some_and(|n| count.get(n.as_str()).copied().unwrap_or(0) > 1 || reserved.contains(n.as_str()))
            })
            .collect();
        if clashing.is_empty() {
            break;
        }
        let taken: HashSet<String> = names.iter().cloned().collect();
        let mut next = names.clone();
        for &i in &clashing {
            let (Some(op), Some(p), Some(current)) = (ops.get(i), phrases.get(i), names.get(i)) else { continue };
            // A page-given operationId keeps its name when the other one is title-made.
            let others_all_route = clashing
                .iter()
                .filter(|&&j| j != i && names.get(j) == Some(current))
                .all(|&j| ops.get(j).is_some_and(|o| o.route_id));
            if !op.route_id && others_all_route && !reserved.contains(current.as_str()) {
                continue;
            }
            let have: HashSet<&str> = current.split('_').collect();
            // Words of the title's object that the length limit left out (`of a Function Version`
            // vs `of a Function's All Versions`) tell the two apart before the route does.
            let left_out: Vec<String> = p.object.iter().filter(|w| !have.contains(w.as_str())).cloned().collect();
            let mut quals = vec![left_out];
            quals.extend(p.qualifiers.iter().cloned());
            quals.extend(route_qualifiers(&op.path, &op.method));
            for q in quals {
                let words: Vec<&String> = q.iter().filter(|w| !have.contains(w.as_str())).collect();
                if words.is_empty() {
                    continue;
                }
                let suffix = words.iter().map(|w| w.as_str()).collect::<Vec<_>>().join("_");
                let candidate = fit(ident::unraw(current), &suffix);
                if !taken.contains(&candidate) && !next.contains(&candidate) {
                    if let Some(slot) = next.get_mut(i) {
                        *slot = keyword_safe(&candidate);
                    }
                    break;
                }
            }
        }
        names = next;
    }
    settle_methods(ops, &mut names, &reserved);
    names
}

/// What the rounds left clashing (qualifiers that the length limit cuts off again: `list_x_settings`
/// of a version and of all versions): every later operation of a clash takes the snake case of its
/// operationId (unique in the spec), longer than [`MAX_METHOD`] if need be: a crate that compiles.
fn settle_methods(ops: &[Op], names: &mut [String], reserved: &HashSet<&str>) {
    let mut taken: HashSet<String> = HashSet::new();
    let later: Vec<bool> = names.iter().map(|n| !taken.insert(n.clone()) || reserved.contains(n.as_str())).collect();
    for (i, clash) in later.into_iter().enumerate() {
        let (Some(op), true) = (ops.get(i), clash) else { continue };
        let id = keyword_safe(&op.operation_id);
        let with_method = format!("{id}_{}", op.method.to_ascii_lowercase());
        if let Some(free) = [id, with_method].into_iter().find(|c| !taken.contains(c) && !reserved.contains(c.as_str()))
        {
            taken.insert(free.clone());
            if let Some(slot) = names.get_mut(i) {
                *slot = free;
            }
        }
    }
}

/// A method derived from an operation's (`list_x_stream`, `list_x_pages`), at most
/// [`MAX_METHOD`] characters: owner words after the verb go first, as in `join_method`.
pub fn suffixed_method(fn_name: &str, suffix: &str) -> String {
    let mut words: Vec<&str> = ident::unraw(fn_name).split('_').collect();
    let name = |w: &[&str]| format!("{}_{suffix}", w.join("_"));
    while name(&words).len() > MAX_METHOD && words.len() > 2 {
        words.remove(1);
    }
    cut(&name(&words))
}

fn cut(name: &str) -> String {
    let mut out = name.to_string();
    while out.len() > MAX_METHOD {
        match out.rfind('_') {
            Some(i) => out.truncate(i),
            None => out.truncate(MAX_METHOD),
        }
    }
    out
}

/// `base_suffix` in at most [`MAX_METHOD`] characters, keeping the suffix that tells it apart:
/// the longest inner words of `base` go first (never its verb or its last word), then [`cut`].
/// `list_asynchronous_execution_notification_settings` + `all_versions` ->
/// `list_execution_notification_settings_all_versions`.
fn fit(base: &str, suffix: &str) -> String {
    let mut words: Vec<&str> = base.split('_').collect();
    let len = |w: &[&str]| w.iter().map(|x| x.len() + 1).sum::<usize>() + suffix.len();
    while len(&words) > MAX_METHOD && words.len() > 2 {
        let inner = words.get(1..words.len() - 1).unwrap_or_default();
        let Some((at, _)) = inner.iter().enumerate().max_by_key(|(i, w)| (w.len(), std::cmp::Reverse(*i))) else {
            break;
        };
        words.remove(at + 1);
    }
    cut(&format!("{}_{suffix}", words.join("_")))
}

fn keyword_safe(name: &str) -> String {
    let s = ident::snake_ident(name);
    if s.is_empty() {
        "call".to_string()
    } else {
        s
    }
}

/// The object of a method as a type name: `create_node_pool` → `NodePool`, `list_jobs` → `Job`.
pub fn object_noun(fn_name: &str) -> String {
    let words: Vec<&str> = ident::unraw(fn_name).split('_').collect();
    let skip = words.iter().take_while(|w| METHOD_VERBS.contains(w) || **w == "batch").count().min(words.len() - 1);
    let mut object: Vec<String> = words.iter().skip(skip).map(|w| w.to_string()).collect();
    // A variant word after a plural object (`list_vpcs_legacy`, `list_dnat_rules_private`)
    // qualifies the object: `LegacyVpc`, `PrivateDnatRule`.
    let n = object.len();
    // Route words the method-name fallback appends (`_detail`, `_get`) are no variants.
    const NOT_VARIANTS: &[&str] =
        &["get", "post", "put", "patch", "delete", "detail", "action", "count", "list", "info"];
    let variant = n > 2
        && object.get(n - 2).is_some_and(|w| is_plural(w))
        && object.last().is_some_and(|w| !is_plural(w) && !NOT_VARIANTS.contains(&w.as_str()))
        || n > 1 && object.last().is_some_and(|w| w == "legacy");
    if variant {
        if let Some(word) = object.pop() {
            object.insert(0, word);
        }
    }
    if let Some(last) = object.last_mut() {
        *last = singular(last);
    }
    ident::type_ident(&object.join("_"))
}
