//! Spec: operation IR -> OpenAPI 3.0.3 (build), hand-written fixes (overrides),
//! and YAML in and out.

pub mod build;
pub mod diff;
pub mod groups;
pub mod link_tables;
pub mod merge;
pub mod openapi;
pub mod overrides;
pub mod yaml11;

use indexmap::IndexMap;
use openapi::{Components, Info, OpenApi, Server, Tag};
use rayon::prelude::*;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Map entries serialized per task; big enough that emitter start-up does not count.
const CHUNK: usize = 32;

/// The spec as YAML, deterministic byte for byte.
///
/// The same bytes as `serde_yaml::to_string(spec)` (the `same_as_serde_yaml` test checks it)
/// with YAML 1.1 booleans quoted ([`yaml11`]),
/// with the paths and schemas serialized in parallel: libyaml's emitter is the largest serial
/// cost of a run. A block mapping nested in another is its top-level form indented by two
/// spaces per level (the emitter has no line width set and empty lines carry no indentation),
/// so chunks of entries are serialized alone, indented, and joined in order.
pub fn to_yaml(spec: &OpenApi) -> Result<String, serde_yaml::Error> {
    // Destructured so that a new field is a compile error here, not a silently missing key.
    let OpenApi { openapi, info, servers, tags, paths, components } = spec;
    let Components { schemas } = components;
    let mut out = serde_yaml::to_string(&Head { openapi, info, servers, tags })?;
    out.push_str(&map_block("paths", paths, 0)?);
    out.push_str("components:\n");
    out.push_str(&map_block("schemas", schemas, 2)?);
    Ok(yaml11::quote_booleans(&out))
}

/// The fields before `paths`, with the attributes of [`OpenApi`].
#[derive(Serialize)]
struct Head<'a> {
    openapi: &'a String,
    info: &'a Info,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    servers: &'a [Server],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [Tag],
}

/// Some entries of a map, serialized as a map of their own.
struct Entries<'a, V>(&'a [(&'a String, &'a V)]);

impl<V: Serialize> Serialize for Entries<'_, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// `key:` and the map under it, the whole block indented by `indent` spaces.
fn map_block<V: Serialize + Sync>(
    key: &str,
    map: &IndexMap<String, V>,
    indent: usize,
) -> Result<String, serde_yaml::Error> {
    let pad = " ".repeat(indent);
    if map.is_empty() {
        return Ok(format!("{pad}{key}: {{}}\n"));
    }
    let entries: Vec<(&String, &V)> = map.iter().collect();
    let parts: Vec<String> =
        entries.par_chunks(CHUNK).map(|chunk| serde_yaml::to_string(&Entries(chunk))).collect::<Result<_, _>>()?;
    let mut out = String::with_capacity(parts.iter().map(String::len).sum::<usize>() * 11 / 10 + 64);
    out.push_str(&pad);
    out.push_str(key);
    out.push_str(":\n");
    let inner = format!("{pad}  ");
    for part in &parts {
        for line in part.split_inclusive('\n') {
            if line != "\n" {
                out.push_str(&inner);
            }
            out.push_str(line);
        }
    }
    Ok(out)
}

pub fn from_yaml(text: &str) -> Result<OpenApi, serde_yaml::Error> {
    serde_yaml::from_str(text)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Every committed spec (all shapes the builder writes) comes out as serde_yaml writes it.
    #[test]
    fn same_as_serde_yaml() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let mut checked = 0;
        for entry in std::fs::read_dir(&root).unwrap().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path().join("openapi.yaml")) else { continue };
            let spec = from_yaml(&text).unwrap();
            let serde = yaml11::quote_booleans(&serde_yaml::to_string(&spec).unwrap());
            assert_eq!(to_yaml(&spec).unwrap(), serde, "{}", entry.path().display());
            checked += 1;
        }
        assert!(checked > 0);
    }

    #[test]
    fn same_as_serde_yaml_for_awkward_strings() {
        let mut spec = OpenApi::default();
        for (i, s) in
            ["a\n\nb\n", "  lead\nx", "tail  \ny", "'q'\n\"d\"", "- x\n: y", "", "\n", "true", "1.5"].iter().enumerate()
        {
            let schema = openapi::Schema { description: Some(s.to_string()), ..Default::default() };
            spec.components.schemas.insert(format!("S{i}"), schema);
            spec.paths.insert(format!("/p{i}: {s}"), Default::default());
        }
        assert_eq!(to_yaml(&spec).unwrap(), serde_yaml::to_string(&spec).unwrap());
        assert_eq!(to_yaml(&OpenApi::default()).unwrap(), serde_yaml::to_string(&OpenApi::default()).unwrap());
    }
}
