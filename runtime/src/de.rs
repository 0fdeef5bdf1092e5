//! What the generated `Deserialize` impls of model structs share.
//!
//! serde's derive expands to about 350 lines per struct (a field enum with
//! three visitors, a sequence visitor and a map visitor), which made up most
//! of the compile time of a generated crate. The generator writes a map
//! visitor of two lines per field instead, and the generic parts live here,
//! compiled once: finding a key among the field names ([`Field`]), filling a
//! field once ([`set`]), and the error of a missing required field
//! ([`required`]). Behaviour is the derive's: unknown members are skipped
//! (or rejected with `strict`), a member given twice is an error, `null`
//! reads as `None` for an `Option` field.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::fmt;

/// The index of a member's key in a struct's wire names; `usize::MAX` for a key that is not one
/// (an error instead when `strict`, as `#[serde(deny_unknown_fields)]`).
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The struct's wire names, in field order.
    pub names: &'static [&'static str],
    /// Reject a key that is no field.
    pub strict: bool,
}

/// Returned by [`Field`] for a key that names no field.
pub const UNKNOWN: usize = usize::MAX;

impl Field {
    /// Unknown keys are skipped.
    pub const fn new(names: &'static [&'static str]) -> Self {
        Field { names, strict: false }
    }

    /// Unknown keys are errors.
    pub const fn strict(names: &'static [&'static str]) -> Self {
        Field { names, strict: true }
    }

    fn index<E: de::Error>(self, key: &str) -> Result<usize, E> {
        match self.names.iter().position(|n| *n == key) {
            Some(i) => Ok(i),
            None if self.strict => Err(E::unknown_field(key, self.names)),
            None => Ok(UNKNOWN),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Field {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Field {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        self.index(key)
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<usize, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.index(key),
            Err(_) if self.strict => Err(E::unknown_field(&String::from_utf8_lossy(key), self.names)),
            Err(_) => Ok(UNKNOWN),
        }
    }
}

/// Reads the current member's value into `slot`; a second value for one field is an error.
pub fn set<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: de::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a member no field takes.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of a required field, or the error naming it.
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// What the generator writes for `{name: String (required), size: Option<i32>, count: i32 (lenient)}`.
    #[derive(Debug, PartialEq)]
    struct Pool {
        name: String,
        size: Option<i32>,
        count: i32,
    }

    const FIELDS: &[&str] = &["name", "size", "count"];

    fn visit<'de, A: MapAccess<'de>>(mut map: A, field: Field) -> Result<Pool, A::Error> {
        let (mut name, mut size, mut count) = (None, None, None);
        while let Some(i) = map.next_key_seed(field)? {
            match i {
                0 => set(&mut map, &mut name, "name")?,
                1 => set(&mut map, &mut size, "size")?,
                2 => set(&mut map, &mut count, "count")?,
                _ => skip(&mut map)?,
            }
        }
        Ok(Pool { name: required(name, "name")?, size: size.unwrap_or_default(), count: count.unwrap_or_default() })
    }

    struct PoolVisitor(Field);

    impl<'de> Visitor<'de> for PoolVisitor {
        type Value = Pool;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a Pool object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Pool, A::Error> {
            visit(map, self.0)
        }
    }

    impl<'de> Deserialize<'de> for Pool {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_struct("Pool", FIELDS, PoolVisitor(Field::new(FIELDS)))
        }
    }

    fn read(json: &str) -> Result<Pool, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_like_the_derive() {
        let pool = read(r#"{"size": null, "name": "a", "other": {"x": [1]}}"#).unwrap();
        assert_eq!(pool, Pool { name: "a".into(), size: None, count: 0 });
        assert_eq!(read(r#"{"name": "a", "size": 3, "count": 2}"#).unwrap().size, Some(3));
        // From a `serde_json::Value` too (borrowed or owned keys).
        let value = serde_json::json!({"name": "b", "count": 5});
        assert_eq!(Pool::deserialize(value).unwrap().count, 5);
    }

    #[test]
    fn missing_duplicate_and_wrong_types_are_errors() {
        assert!(read(r#"{"size": 1}"#).unwrap_err().contains("missing field `name`"));
        assert!(read(r#"{"name": "a", "name": "b"}"#).unwrap_err().contains("duplicate field `name`"));
        assert!(read(r#"{"name": 1}"#).unwrap_err().contains("invalid type"));
        assert!(read(r#"["a"]"#).unwrap_err().contains("a Pool object"));
    }

    #[test]
    fn strict_rejects_unknown_members() {
        struct Strict;
        impl<'de> Visitor<'de> for Strict {
            type Value = Pool;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a Pool object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Pool, A::Error> {
                visit(map, Field::strict(FIELDS))
            }
        }
        let mut de = serde_json::Deserializer::from_str(r#"{"name": "a", "other": 1}"#);
        let err = de.deserialize_map(Strict).unwrap_err().to_string();
        assert!(err.contains("unknown field `other`, expected one of `name`, `size`, `count`"), "{err}");
    }
}
