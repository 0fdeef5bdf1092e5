//! A fast writer for the YAML that `serde_yaml` writes, byte for byte, for the shapes a spec
//! has: block mappings and sequences, `{}`/`[]` when empty, plain scalars where libyaml writes
//! them plain. Anything else — a string libyaml would quote or write as a block, a number-like
//! or keyword-like string — is written by `serde_yaml` itself (one scalar at a time) and placed
//! here. What this writer cannot place (a complex key, a `|+` block, a singleton map with a
//! `!tag` key, an enum variant) makes [`to_string`] return `None`; the caller then uses
//! `serde_yaml` for the whole value. libyaml's emitter is the largest cost of a run; this one
//! writes the common case at memcpy speed.

use serde::ser::{self, Serialize};
use std::borrow::Cow;
use std::fmt;

/// `value` as `serde_yaml::to_string` writes it, or `None` when this writer cannot be sure.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let node = value.serialize(Tree).ok()?;
    let mut out = String::new();
    match &node {
        Node::Map(entries) if !entries.is_empty() => map_entries(entries, 0, false, &mut out)?,
        _ => return None,
    }
    Some(out)
}

/// A serialized value: scalars already as YAML text where that is known.
enum Node {
    /// A string (style decided when written); field names are borrowed, not copied.
    Str(Cow<'static, str>),
    /// Written as is (numbers, booleans, `null`).
    Raw(Cow<'static, str>),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

fn map_entries(entries: &[(Node, Node)], indent: usize, inline_first: bool, out: &mut String) -> Option<()> {
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(indent, out);
        }
        key(k, out)?;
        out.push(':');
        value(v, indent, out)?;
    }
    Some(())
}

/// After `key:` or `-`: the value, through the end of its last line.
fn value(v: &Node, indent: usize, out: &mut String) -> Option<()> {
    match v {
        Node::Raw(r) => {
            out.push(' ');
            out.push_str(r);
            out.push('\n');
        }
        Node::Str(s) => {
            out.push(' ');
            scalar(s, indent, out)?;
        }
        Node::Map(m) if m.is_empty() => out.push_str(" {}\n"),
        Node::Seq(s) if s.is_empty() => out.push_str(" []\n"),
        Node::Map(m) => {
            out.push('\n');
            map_entries(m, indent + 2, false, out)?;
        }
        // A sequence under a key is not indented (libyaml's indentless sequence).
        Node::Seq(items) => {
            out.push('\n');
            seq_items(items, indent, false, out)?;
        }
    }
    Some(())
}

fn seq_items(items: &[Node], indent: usize, inline_first: bool, out: &mut String) -> Option<()> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(indent, out);
        }
        out.push('-');
        match item {
            Node::Map(m) if !m.is_empty() => {
                out.push(' ');
                map_entries(m, indent + 2, true, out)?;
            }
            Node::Seq(s) if !s.is_empty() => {
                out.push(' ');
                seq_items(s, indent + 2, true, out)?;
            }
            other => value(other, indent, out)?,
        }
    }
    Some(())
}

fn key(k: &Node, out: &mut String) -> Option<()> {
    match k {
        Node::Raw(r) => out.push_str(r),
        // libyaml writes longer keys, and keys with line breaks, as `? key` (not a simple key).
        Node::Str(s) if s.len() <= 128 && !s.contains(BREAKS) => match style(s) {
            Style::Plain => out.push_str(s),
            Style::Single => single_quoted(s, out),
            Style::Literal | Style::Other => {
                let one = by_serde_yaml(s)?;
                if one.contains('\n') {
                    return None;
                }
                out.push_str(&one);
            }
        },
        _ => return None,
    }
    Some(())
}

/// A string value in a collection indented by `indent`, through the end of its line(s).
fn scalar(s: &str, indent: usize, out: &mut String) -> Option<()> {
    match style(s) {
        Style::Plain => out.push_str(s),
        Style::Single => single_quoted(s, out),
        Style::Literal => literal(s, indent + 2, out)?,
        Style::Other => {
            // serde_yaml's own rendering, which must be one line (quoted): a block scalar
            // would be indented for the top level.
            let one = by_serde_yaml(s)?;
            if one.contains('\n') {
                return None;
            }
            out.push_str(&one);
        }
    }
    out.push('\n');
    Some(())
}

/// libyaml's line breaks: `\n` and the ones after which libyaml indents by context.
const BREAKS: [char; 5] = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'];

enum Style {
    Plain,
    Single,
    Literal,
    /// Left to serde_yaml: number-like (its type inference decides), double-quoted (characters
    /// libyaml escapes), or a block it writes otherwise (`|+`, a space before a break).
    Other,
}

/// The style serde_yaml (type inference) and then libyaml (scalar analysis) give `s`,
/// in one pass over the characters.
fn style(s: &str) -> Style {
    if s.is_empty() || matches!(s, "true" | "True" | "TRUE" | "false" | "False" | "FALSE" | "null" | "Null" | "NULL") {
        return Style::Single;
    }
    let bytes = s.as_bytes();
    let blank_after = |i: usize| matches!(bytes.get(i), None | Some(b' '));
    let (mut breaks, mut space_break, mut indicator) = (false, false, false);
    // Over bytes, decoding only non-ASCII characters; the previous character is a space
    // exactly when the previous byte is one (no byte of a multi-byte character is ASCII).
    let mut prev = 0u8;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\n' => {
                breaks = true;
                space_break |= prev == b' ';
            }
            // A colon before a blank, or a `#` after one, ends a plain scalar.
            b':' if i > 0 && blank_after(i + 1) => indicator = true,
            b'#' if prev == b' ' => indicator = true,
            b' '..=b'~' | 0x80..=0xbf => {}
            0xc0.. => match s.get(i..).and_then(|t| t.chars().next()) {
                Some('\u{2028}' | '\u{2029}') => return Style::Other,
                Some(c) if !printable(c) => return Style::Other,
                _ => {}
            },
            // ASCII controls (tab, `\r` ...) are not printable.
            _ => return Style::Other,
        }
        prev = b;
    }
    if breaks {
        // serde_yaml asks for a literal block; libyaml refuses it for a trailing space or a
        // space before a break; `|+` (two trailing breaks, or only one) is left to serde_yaml.
        let literal = !space_break && !s.ends_with(' ') && !s.ends_with("\n\n") && s != "\n";
        return if literal { Style::Literal } else { Style::Other };
    }
    let Some(first) = s.chars().next() else { return Style::Single };
    if first.is_ascii_digit() || matches!(first, '+' | '-' | '.' | '~') {
        // serde_yaml's number and null inference, `---`, `- `: not worth repeating here.
        return Style::Other;
    }
    indicator |= "#,[]{}&*!|>'\"%@` ".contains(first)
        || (matches!(first, '?' | ':') && blank_after(first.len_utf8()))
        || s.ends_with(' ');
    if indicator {
        Style::Single
    } else {
        Style::Plain
    }
}

/// libyaml's printable characters (with its `unicode` setting): no controls, no tab, nothing
/// beyond the Basic Multilingual Plane, no BOM.
fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}')
}

fn single_quoted(s: &str, out: &mut String) {
    out.push('\'');
    for (i, part) in s.split('\'').enumerate() {
        if i > 0 {
            out.push_str("''");
        }
        out.push_str(part);
    }
    out.push('\'');
}

/// `|`, `|-`, `|2`, `|2-` and the lines at `indent` (empty lines stay empty); the caller ends
/// the last line.
fn literal(s: &str, indent: usize, out: &mut String) -> Option<()> {
    out.push('|');
    if s.starts_with([' ', '\n']) {
        out.push('2');
    }
    let body = match s.strip_suffix('\n') {
        Some(clipped) => clipped,
        None => {
            out.push('-');
            s
        }
    };
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            pad(indent, out);
            out.push_str(line);
        }
    }
    Some(())
}

/// A scalar as serde_yaml writes it alone, without the final line break; `None` for a
/// document libyaml starts with `---` or ends with `...`.
fn by_serde_yaml(s: &str) -> Option<String> {
    let mut text = serde_yaml::to_string(s).ok()?;
    if text.starts_with("---") || text.ends_with("...\n") || !text.ends_with('\n') {
        return None;
    }
    text.pop();
    Some(text)
}

fn pad(n: usize, out: &mut String) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// Why a value is left to serde_yaml.
#[derive(Debug)]
struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("left to serde_yaml")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

/// Serializes into a [`Node`] tree.
struct Tree;

struct SeqBuilder(Vec<Node>);
struct MapBuilder {
    entries: Vec<(Node, Node)>,
    key: Option<Node>,
    /// serde_yaml reads a one-entry map whose key starts with `!` as a tag.
    singleton: bool,
}

type R = Result<Node, Unsupported>;

fn raw(s: impl ToString) -> R {
    Ok(Node::Raw(Cow::Owned(s.to_string())))
}

fn word(s: &'static str) -> R {
    Ok(Node::Raw(Cow::Borrowed(s)))
}

impl ser::Serializer for Tree {
    type Ok = Node;
    type Error = Unsupported;
    type SerializeSeq = SeqBuilder;
    type SerializeTuple = SeqBuilder;
    type SerializeTupleStruct = SeqBuilder;
    type SerializeTupleVariant = ser::Impossible<Node, Unsupported>;
    type SerializeMap = MapBuilder;
    type SerializeStruct = MapBuilder;
    type SerializeStructVariant = ser::Impossible<Node, Unsupported>;

    fn serialize_bool(self, v: bool) -> R {
        word(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> R {
        raw(v)
    }
    fn serialize_i16(self, v: i16) -> R {
        raw(v)
    }
    fn serialize_i32(self, v: i32) -> R {
        raw(v)
    }
    fn serialize_i64(self, v: i64) -> R {
        raw(v)
    }
    fn serialize_u8(self, v: u8) -> R {
        raw(v)
    }
    fn serialize_u16(self, v: u16) -> R {
        raw(v)
    }
    fn serialize_u32(self, v: u32) -> R {
        raw(v)
    }
    fn serialize_u64(self, v: u64) -> R {
        raw(v)
    }
    fn serialize_f32(self, _: f32) -> R {
        Err(Unsupported)
    }
    fn serialize_f64(self, v: f64) -> R {
        // As serde_yaml: ryu's shortest form for finite numbers.
        match v.classify() {
            std::num::FpCategory::Infinite if v.is_sign_positive() => word(".inf"),
            std::num::FpCategory::Infinite => word("-.inf"),
            std::num::FpCategory::Nan => word(".nan"),
            _ => raw(ryu::Buffer::new().format_finite(v)),
        }
    }
    fn serialize_char(self, _: char) -> R {
        Err(Unsupported)
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(Node::Str(Cow::Owned(v.to_string())))
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(Unsupported)
    }
    fn serialize_none(self) -> R {
        word("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        word("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        word("null")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> R {
        Err(Unsupported)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> R {
        Err(Unsupported)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqBuilder, Unsupported> {
        Ok(SeqBuilder(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqBuilder, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqBuilder, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapBuilder, Unsupported> {
        Ok(MapBuilder { entries: Vec::with_capacity(len.unwrap_or(0)), key: None, singleton: len == Some(1) })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<MapBuilder, Unsupported> {
        Ok(MapBuilder { entries: Vec::with_capacity(len), key: None, singleton: false })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl SeqBuilder {
    fn push<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.0.push(v.serialize(Tree)?);
        Ok(())
    }
}

impl ser::SerializeSeq for SeqBuilder {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.push(v)
    }
    fn end(self) -> R {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqBuilder {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.push(v)
    }
    fn end(self) -> R {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTupleStruct for SeqBuilder {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.push(v)
    }
    fn end(self) -> R {
        Ok(Node::Seq(self.0))
    }
}

impl MapBuilder {
    fn finish(self) -> R {
        if self.singleton {
            if let Some((Node::Str(k), _)) = self.entries.first() {
                if k.starts_with('!') {
                    return Err(Unsupported);
                }
            }
        }
        Ok(Node::Map(self.entries))
    }
}

impl ser::SerializeMap for MapBuilder {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Unsupported> {
        self.key = Some(k.serialize(Tree)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        let k = self.key.take().ok_or(Unsupported)?;
        self.entries.push((k, v.serialize(Tree)?));
        Ok(())
    }
    fn end(self) -> R {
        self.finish()
    }
}

impl ser::SerializeStruct for MapBuilder {
    type Ok = Node;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, k: &'static str, v: &T) -> Result<(), Unsupported> {
        self.entries.push((Node::Str(Cow::Borrowed(k)), v.serialize(Tree)?));
        Ok(())
    }
    fn end(self) -> R {
        self.finish()
    }
}
