//! No circles between the source files of the generator or the runtime: a file that a file it
//! imports imports back (directly or around a longer circle) ties their changes together.
//!
//! The graph is read from the sources: every `crate::a::b` and `super::x` path outside comments is
//! an edge to the file that defines the longest prefix of that module path. Circles are the
//! strongly connected components of more than one file. [`KNOWN`] lists the circles not yet
//! broken; the test fails on a new circle, and on a listed one that is gone (so the list only
//! shrinks).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Circles still to break, each as its files (relative to the crate's `src`), sorted, joined by ` `.
const KNOWN: &[&str] = &[];

/// Module path (`["extract", "table"]`) of every `.rs` file under `src`.
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().to_string()).collect();
            if parts.last().is_some_and(|l| l == "mod" || l == "lib" || l == "main") {
                parts.pop();
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The file defining the longest prefix of `path` (a module path from the crate root).
fn file_of<'a>(mods: &'a BTreeMap<Vec<String>, PathBuf>, path: &[String]) -> Option<&'a PathBuf> {
    (1..=path.len()).rev().find_map(|n| mods.get(&path[..n]))
}

/// Edges `file -> imported file` of one crate.
fn graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mods = modules(src);
    let path_re = Regex::new(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)").unwrap();
    let group_re = Regex::new(r"\b(crate|super|self)::\{([^}]*)\}").unwrap();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &mods {
        let text = std::fs::read_to_string(file).unwrap();
        // `super` of module `a::b` (`a/b.rs` or `a/b/mod.rs`) is `a`; `self` is `a::b`.
        let parent: Vec<String> = module.iter().take(module.len().saturating_sub(1)).cloned().collect();
        // A module's own child modules are named bare (`grid::parse` in `rst/mod.rs`).
        let children: Vec<&String> = mods
            .keys()
            .filter(|k| k.len() == module.len() + 1 && k.starts_with(module))
            .filter_map(|k| k.last())
            .collect();
        let mut targets = Vec::new();
        // Unit tests (`#[cfg(test)] mod tests`, last in a file) are no part of the structure, and
        // their `super` is the file itself.
        for line in text.lines().take_while(|l| l.trim() != "#[cfg(test)]") {
            let code = line.split("//").next().unwrap_or("");
            let mut add = |root: &str, rest: &str| {
                let mut path = match root {
                    "crate" => Vec::new(),
                    "self" => module.clone(),
                    _ => parent.clone(),
                };
                for seg in rest.split("::").map(str::trim).filter(|s| !s.is_empty()) {
                    if seg == "super" {
                        path.pop();
                    } else {
                        path.push(seg.to_string());
                    }
                }
                if let Some(target) = file_of(&mods, &path) {
                    targets.push(target.clone());
                }
            };
            for c in group_re.captures_iter(code) {
                for item in c[2].split(',') {
                    let item = item.trim();
                    if !item.is_empty() {
                        add(&c[1], &format!("::{}", item.split_whitespace().next().unwrap_or("")));
                    }
                }
            }
            for c in path_re.captures_iter(code) {
                add(&c[1], &c[2]);
            }
            for child in &children {
                let bare = format!("{child}::");
                let mut from = 0;
                while let Some(at) = code[from..].find(&bare) {
                    let start = from + at;
                    let before = code[..start].chars().next_back();
                    if !before.is_some_and(|b| b.is_alphanumeric() || b == '_' || b == ':') {
                        add("self", &format!("::{child}"));
                    }
                    from = start + bare.len();
                }
            }
        }
        let entry = edges.entry(file.clone()).or_default();
        for t in targets {
            if &t != file {
                entry.insert(t);
            }
        }
    }
    edges
}

/// Strongly connected components of more than one node (Tarjan).
fn circles(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct State<'a> {
        edges: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        on_stack: BTreeSet<&'a PathBuf>,
        out: Vec<Vec<PathBuf>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a PathBuf) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        let next: Vec<&'a PathBuf> = s.edges.get(v).into_iter().flatten().collect();
        for w in next {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                comp.push(w.clone());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn crate_circles(krate: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(krate).join("src");
    circles(&graph(&src))
        .into_iter()
        .map(|c| {
            let names: Vec<String> =
                c.iter().map(|p| format!("{krate}/{}", p.strip_prefix(&src).unwrap().display())).collect();
            names.join(" ")
        })
        .collect()
}

#[test]
fn no_new_circles_between_source_files() {
    let found: BTreeSet<String> = ["generator", "runtime"].iter().flat_map(|k| crate_circles(k)).collect();
    let known: BTreeSet<String> = KNOWN.iter().map(|s| s.to_string()).collect();
    let new: Vec<&String> = found.difference(&known).collect();
    let gone: Vec<&String> = known.difference(&found).collect();
    assert!(new.is_empty(), "new circles between files (break them):\n{}", join(&new));
    assert!(gone.is_empty(), "circles broken: remove them from KNOWN:\n{}", join(&gone));
}

#[test]
fn a_circle_is_found() {
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    let (a, b, c) = (PathBuf::from("a.rs"), PathBuf::from("b.rs"), PathBuf::from("c.rs"));
    edges.entry(a.clone()).or_default().insert(b.clone());
    edges.entry(b.clone()).or_default().insert(a.clone());
    edges.entry(c.clone()).or_default().insert(a.clone());
    assert_eq!(circles(&edges), vec![vec![a, b]]);
}

fn join(items: &[&String]) -> String {
    items.iter().map(|s| format!("  {s}")).collect::<Vec<_>>().join("\n")
}
