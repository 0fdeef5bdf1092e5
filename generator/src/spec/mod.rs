//! Spec: operation IR -> OpenAPI 3.0.3 (build), hand-written fixes (overrides),
//! and YAML in and out.

pub mod build;
pub mod defaults;
pub mod diff;
pub mod groups;
pub mod link_tables;
pub mod merge;
pub mod openapi;
pub mod overrides;
pub mod roles;
pub mod visit;
pub mod waiters;
mod yaml;
pub mod yaml11;

use indexmap::IndexMap;
use openapi::{Components, Info, OpenApi, Server, ServiceFacts, Tag};
use rayon::prelude::*;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// Map entries serialized per task; big enough that emitter start-up does not count.
const CHUNK: usize = 32;

/// The spec as YAML, deterministic byte for byte.
///
/// The same bytes as `serde_yaml::to_string(spec)` with the scalars YAML 1.1 reads as typed quoted ([`yaml11`];
/// the `same_as_serde_yaml` tests check it),
/// with the paths and schemas written in parallel chunks, each by [`yaml`] where it can
/// (libyaml's emitter was a fifth of a run) and by serde_yaml where it cannot. A block
/// mapping nested in another is its top-level form indented by two spaces per level (the
/// emitter has no line width set and empty lines carry no indentation), so chunks of entries
/// are written alone, indented, and joined in order. The one exception, a quoted scalar
/// broken at U+2028/U+2029 (its continuation lines are indented by context), sends the whole
/// spec to serde_yaml.
pub fn to_yaml(spec: &OpenApi) -> Result<String, serde_yaml::Error> {
    // Destructured so that a new field is a compile error here, not a silently missing key.
    let OpenApi { openapi, info, servers, x_hwcloud_service, tags, paths, components } = spec;
    let Components { schemas } = components;
    let mut out = serde_yaml::to_string(&Head { openapi, info, servers, x_hwcloud_service, tags })?;
    let (Some(paths), Some(schemas)) = (map_block("paths", paths, 0)?, map_block("schemas", schemas, 2)?) else {
        return serde_yaml::to_string(spec).map(|y| yaml11::quote_yaml11(&y));
    };
    out.push_str(&paths);
    out.push_str("components:\n");
    out.push_str(&schemas);
    Ok(yaml11::quote_yaml11(&out))
}

/// The fields before `paths`, with the attributes of [`OpenApi`].
#[derive(Serialize)]
struct Head<'a> {
    openapi: &'a String,
    info: &'a Info,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    servers: &'a [Server],
    #[serde(rename = "x-hwcloud-service", skip_serializing_if = "Option::is_none")]
    x_hwcloud_service: &'a Option<ServiceFacts>,
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

/// `key:` and the map under it, the whole block indented by `indent` spaces; `None` when a
/// chunk cannot be moved right by indenting its lines.
fn map_block<V: Serialize + Sync>(
    key: &str,
    map: &IndexMap<String, V>,
    indent: usize,
) -> Result<Option<String>, serde_yaml::Error> {
    let pad = " ".repeat(indent);
    if map.is_empty() {
        return Ok(Some(format!("{pad}{key}: {{}}\n")));
    }
    let entries: Vec<(&String, &V)> = map.iter().collect();
    let parts: Vec<String> = entries
        .par_chunks(CHUNK)
        .map(|chunk| yaml::to_string(&Entries(chunk)).map_or_else(|| serde_yaml::to_string(&Entries(chunk)), Ok))
        .collect::<Result<_, _>>()?;
    if parts.iter().any(|p| p.contains(['\u{2028}', '\u{2029}'])) {
        return Ok(None);
    }
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
    Ok(Some(out))
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
            let serde = yaml11::quote_yaml11(&serde_yaml::to_string(&spec).unwrap());
            assert_eq!(to_yaml(&spec).unwrap(), serde, "{}", entry.path().display());
            // The fast writer takes (nearly) every schema alone, and never writes it differently.
            let mut fast = 0;
            for (name, schema) in &spec.components.schemas {
                let one = IndexMap::from([(name.clone(), schema.clone())]);
                if let Some(text) = yaml::to_string(&one) {
                    assert_eq!(text, serde_yaml::to_string(&one).unwrap(), "{name}");
                    fast += 1;
                }
            }
            assert!(fast * 10 >= spec.components.schemas.len() * 9, "{}: {fast}", entry.path().display());
            checked += 1;
        }
        assert!(checked > 0);
    }

    const AWKWARD: &[&str] = &[
        "a\n\nb\n",
        "  lead\nx",
        "tail  \ny",
        "'q'\n\"d\"",
        "- x\n: y",
        "",
        "\n",
        "true",
        "1.5",
        "a\n\n",
        "\nx",
        "x \n y",
        "tab\there",
        "3.5.1",
        "0123",
        "-1",
        "~",
        "a: b",
        "a #b",
        "#x",
        "?x",
        "? x",
        "x:",
        "@x",
        "😀",
        "\u{2028}x",
        "\u{85}",
        " lead",
        "trail ",
        "null",
        "Null",
        "0x1F",
        "1e5",
        ".inf",
        "-",
        "---x",
        "[a]",
        "a[b]",
        "{a}",
        "%x",
        "!x",
        "&x",
        "*x",
        "plain words",
        "yes",
        "no",
        "N",
        "中文说明：取值",
        "a\u{a0}b",
        "x\u{feff}",
    ];

    #[test]
    fn same_as_serde_yaml_for_awkward_strings() {
        let mut spec = OpenApi::default();
        for (i, s) in AWKWARD.iter().enumerate() {
            let schema = openapi::Schema { description: Some(s.to_string()), ..Default::default() };
            spec.components.schemas.insert(format!("S{i}"), schema);
            spec.paths.insert(format!("/p{i}: {s}"), Default::default());
        }
        let serde = |s: &OpenApi| yaml11::quote_yaml11(&serde_yaml::to_string(s).unwrap());
        assert_eq!(to_yaml(&spec).unwrap(), serde(&spec));
        assert_eq!(to_yaml(&OpenApi::default()).unwrap(), serde(&OpenApi::default()));
        let mut fast = 0;
        for s in AWKWARD {
            // Nested in a sequence in a mapping in a sequence, as a key and as a value.
            let v = serde_json::json!({ "k": [{ "a": s, *s: [s, [s]], "n": 1.5, "e": {}, "l": [] }] });
            let one = IndexMap::from([("x".to_string(), v)]);
            if let Some(text) = yaml::to_string(&one) {
                assert_eq!(text, serde_yaml::to_string(&one).unwrap(), "{s:?}");
                fast += 1;
            }
        }
        assert!(fast * 2 > AWKWARD.len(), "{fast}");
    }
}
