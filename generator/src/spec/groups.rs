//! API groups: the section of the docs each page belongs to, from the folder
//! layout of the docs (a folder of pages is a section; its index page names it).

use super::openapi::Tag;
use crate::extract::ir::Page;
use std::collections::BTreeMap;

pub struct Groups {
    /// Per page (same index as the pages): its group, if it is in a folder.
    pub of_page: Vec<Option<String>>,
    /// Groups with operations, in the order of their first page.
    pub tags: Vec<Tag>,
}

/// `a/b/page.rst` -> `a/b`; pages at the top of the docs folder have no group.
fn folder(file: &str) -> Option<&str> {
    file.rsplit_once('/').map(|(dir, _)| dir).filter(|d| !d.is_empty())
}

fn is_index(file: &str) -> bool {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = stem.split('.').next().unwrap_or(stem);
    stem.eq_ignore_ascii_case("index")
}

/// `vpc_peering_connection` -> `Vpc peering connection`.
fn humanize(dir: &str) -> String {
    let words = dir.rsplit('/').next().unwrap_or(dir).replace(['_', '-'], " ");
    let mut c = words.trim().chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

pub fn assign(pages: &[Page]) -> Groups {
    let index_titles: BTreeMap<&str, &str> = pages
        .iter()
        .filter(|p| is_index(&p.file))
        .filter_map(|p| Some((folder(&p.file)?, p.title.as_deref()?)))
        .collect();
    let name_of = |dir: &str| index_titles.get(dir).map(|t| t.to_string()).unwrap_or_else(|| humanize(dir));
    // Two folders with the same title (`VPC` under v1 and under v3) get their parent's name too.
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for dir in pages.iter().filter(|p| !p.operations.is_empty()).filter_map(|p| folder(&p.file)) {
        let dirs = by_name.entry(name_of(dir)).or_default();
        if !dirs.contains(&dir) {
            dirs.push(dir);
        }
    }
    let label = |dir: &str| {
        let name = name_of(dir);
        let shared = by_name.get(&name).is_some_and(|d| d.len() > 1);
        match folder(dir) {
            Some(parent) if shared => format!("{name} ({})", name_of(parent)),
            _ => name,
        }
    };
    let mut tags: Vec<Tag> = Vec::new();
    let of_page = pages
        .iter()
        .map(|p| {
            let group = folder(&p.file).map(label)?;
            if !p.operations.is_empty() && !tags.iter().any(|t| t.name == group) {
                tags.push(Tag { name: group.clone(), description: None });
            }
            Some(group)
        })
        .collect();
    Groups { of_page, tags }
}
