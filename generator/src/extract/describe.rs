//! What a description cell says besides prose: enum values, defaults, lengths
//! and ranges. Only what is stated plainly is taken; the full text is always kept.

use super::ir::{Constraints, EnumValue};
use super::structured::{self, Part};
use crate::ingest::{Cell, Node, NodeKind, Text};
use crate::lexicon::{self, DescLabel};
use crate::types::TypeExpr;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// An enum item as written: `0：按需计费` -> ("0", Some("按需计费")). A qualifier after the value
/// (`ACTIVE (default): ...`) goes to the meaning; `Empty string: ...` is the value `""`; a
/// description label (`Definition: ...`) is never a value.
fn split_item(item: &str) -> Option<(String, Option<String>)> {
    let item = strip_bullet(item);
    let (value, meaning) = match item.find([':', '：']) {
        Some(i) => (item.get(..i)?.trim(), item.get(i..)?.trim_start_matches([':', '：']).trim()),
        None => (item.trim_end_matches(['。', '.', ';', '；', ',', '，']), ""),
    };
    let (value, qualifier) = split_qualifier(value);
    let meaning = match qualifier {
        Some(q) if meaning.is_empty() => q.to_string(),
        Some(q) => format!("({q}) {meaning}"),
        None => meaning.to_string(),
    };
    let meaning = (!meaning.is_empty()).then_some(meaning);
    if lexicon::contains_ci(lexicon::EMPTY_STRING_VALUES, value) && meaning.is_some() {
        return Some((String::new(), meaning));
    }
    // Sphinx's smart quotes turn `'0'` into `‘0’` in HTML.
    let value = value.trim_matches(['"', '\'', '“', '”', '‘', '’', '`']);
    // `Default` and `Unit` name values too (`Default: default format`); the other labels never do.
    let is_label = lexicon::desc_label(value)
        .is_some_and(|(label, rest)| rest.is_empty() && !matches!(label, DescLabel::Default | DescLabel::Unit));
    let token_ok = !value.is_empty()
        && !is_label
        && value.chars().count() <= 64
        && !value.contains(char::is_whitespace)
        && value.chars().all(|c| c.is_ascii_graphic());
    token_ok.then(|| (value.to_string(), meaning))
}

/// `ACTIVE (default)` -> (`ACTIVE`, `default`): a value and a short qualifier in parentheses.
fn split_qualifier(value: &str) -> (&str, Option<&str>) {
    let Some((head, q)) = value.split_once(" (") else { return (value, None) };
    match q.strip_suffix(')') {
        Some(q) if !head.contains(char::is_whitespace) && q.split_whitespace().count() <= 3 && !q.contains('(') => {
            (head.trim(), Some(q.trim()))
        }
        _ => (value, None),
    }
}

/// `• x`, `- x` -> `x` (trimmed).
fn strip_bullet(item: &str) -> &str {
    let item = item.trim();
    ["- ", "• ", "* ", "· ", "•"].iter().find_map(|b| item.strip_prefix(b)).unwrap_or(item).trim()
}

/// `a, b and c or d`, `a、b或c` -> `a`, `b`, `c`, `d` (as written, not trimmed).
fn list_parts(s: &str) -> impl Iterator<Item = &str> {
    s.split(", ").flat_map(|p| p.split(" and ")).flat_map(|p| p.split(" or ")).flat_map(|p| p.split(['、', '，', '或']))
}

/// One item, or the several values one item can hold: `VALUE (meaning)`,
/// `**http** and **https**`, `a, b or c`.
fn split_items(item: &str) -> Option<Vec<(String, Option<String>)>> {
    if let Some(one) = split_item(item) {
        return Some(vec![one]);
    }
    let t = strip_bullet(item).trim_end_matches(['.', '。']);
    // `VALUE (meaning)` / `true or block (meaning)`: the meaning applies to each value.
    let (head, meaning) = match t.split_once(" (") {
        Some((head, rest)) if rest.ends_with(')') => (head, rest.strip_suffix(')').map(|m| m.trim().to_string())),
        _ => (t, None),
    };
    if let Some((v, None)) = split_item(head) {
        return Some(vec![(v, meaning)]);
    }
    let parts: Vec<&str> = list_parts(head).collect();
    if parts.len() < 2 {
        return None;
    }
    parts.iter().map(|p| split_item(p).filter(|(_, m)| m.is_none()).map(|(v, _)| (v, meaning.clone()))).collect()
}

/// Does this paragraph introduce an enum list? Where the introducing phrase starts and ends:
/// the earliest phrase, and the longest one starting there.
fn introducer(text: &str) -> Option<(usize, usize)> {
    // One automaton for all phrases (one pass per paragraph, not one per phrase); leftmost-longest
    // is "the earliest phrase, and the longest one starting there"; ASCII letters match in any case.
    static PHRASES: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(lexicon::ENUM_INTRODUCERS)
            .ok()
    });
    // `默认取值：x` states a default: the phrase inside it introduces nothing.
    let in_default_label = |start: usize| {
        let before = text.get(..start).unwrap_or("");
        lexicon::DEFAULT_LABEL_PREFIXES.iter().any(|p| before.ends_with(p))
    };
    PHRASES.as_ref()?.find_iter(text).find(|m| !in_default_label(m.start())).map(|m| (m.start(), m.end()))
}

/// Raw enum items from a description cell: list items after an introducing
/// paragraph, or ` - a: x - b: y` runs written inline after it.
pub fn enum_items(cell: &Cell) -> Vec<String> {
    let cell = &without_example_lists(cell);
    // Several introduced lists (`For MySQL, the value can be: ...`, `For PostgreSQL, ...`): the
    // field takes the values of all of them; a later list is kept only when every item reads as a value.
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut items = Vec::new();
    // Values written in the introducing sentence itself (`The value can be **4** or **6**.`).
    let mut prose: Vec<String> = Vec::new();
    // `Some(depth)`: an introducing phrase was read; items are the list items deeper than `depth`
    // (a paragraph introduces at depth 0, a list item `-  The value can be:` at its own depth).
    let mut open: Option<u8> = None;
    let mut item_depth: Option<u8> = None;
    // Under a value item that is a heading (`-  **Ready**:` with the values a level below): the
    // depth of the values read under it. The heading names a group, not a value of the field.
    let mut grouped: Option<Option<u8>> = None;
    for node in &cell.nodes {
        let (text, depth) = match &node.kind {
            NodeKind::Paragraph(t) => (t, 0),
            NodeKind::ListItem { depth, text } => (text, *depth),
            _ => continue,
        };
        if let Some(at) = open {
            if matches!(node.kind, NodeKind::ListItem { .. }) && (depth > at || (at == 0 && depth >= 1)) {
                // Values are siblings; items below one of them explain it (notes, examples).
                if item_depth.is_none_or(|d| depth <= d) {
                    item_depth = Some(depth);
                    items.push(text.text.clone());
                    grouped = lexicon::is_group_heading(&text.text).then_some(None);
                } else if let Some(sub) = grouped.as_mut() {
                    if sub.is_none() {
                        items.pop();
                    }
                    if sub.is_none_or(|d| depth <= d) {
                        *sub = Some(depth);
                        items.push(text.text.clone());
                    }
                }
                continue;
            }
            item_depth = None;
            grouped = None;
            if !items.is_empty() {
                groups.push(std::mem::take(&mut items));
            }
            open = None;
        }
        // `-  **lvType**: ... the value can be **linear** or **striped**`: an item that is itself a
        // `NAME: meaning` entry describes that name, not the field.
        let found = introducer(&text.text);
        let starts_introduced = found.is_some_and(|(start, _)| start == 0);
        let names_a_value = matches!(node.kind, NodeKind::ListItem { .. })
            && !starts_introduced
            && split_item(&text.text).is_some_and(|(_, meaning)| meaning.is_some());
        if let Some((_, end)) = found.filter(|_| !names_a_value) {
            let rest = text.text.get(end..).unwrap_or("").trim_start_matches([':', '：', ' ']);
            let inline = inline_items(rest);
            if inline.len() >= 2 && groups.is_empty() {
                return inline;
            }
            // `Range: The value can be **FREEZED**, ... or **ERROR**.` with the values as bullets
            // below: the deeper list is read too (kept only when every item reads as a value).
            open = Some(if matches!(node.kind, NodeKind::Paragraph(_)) { 0 } else { depth });
            if prose.is_empty() {
                prose = prose_values(rest);
            }
        }
    }
    if !items.is_empty() {
        groups.push(items);
    }
    let mut groups = groups.into_iter();
    let Some(mut all) = groups.next() else {
        return if prose.is_empty() { value_bullets(cell) } else { prose };
    };
    // A first list with an item that is not a value (`IP protocol number (0-255)`) is an open set:
    // it is returned whole, and the caller keeps no enum rather than a partial one.
    for group in groups.filter(|g| g.iter().all(|i| split_items(i).is_some())) {
        all.extend(group);
    }
    // `The value can be ACTIVE or ERROR.` over a list explaining only some of them: the
    // sentence's values are values too (duplicates are dropped when the values are typed).
    all.extend(prose);
    all
}

/// The cell without the lists that a line introduces as suggestions (`Recommended IP address
/// ranges:`): any other value is allowed too, so they list no enum.
fn without_example_lists(cell: &Cell) -> Cell {
    let mut skip_below: Option<u8> = None;
    let mut nodes = Vec::with_capacity(cell.nodes.len());
    for node in &cell.nodes {
        let (text, depth) = match &node.kind {
            NodeKind::Paragraph(t) => (Some(&t.text), 0),
            NodeKind::ListItem { depth, text } => (Some(&text.text), *depth),
            _ => (None, 0),
        };
        let is_item = matches!(node.kind, NodeKind::ListItem { .. });
        if is_item && skip_below.is_some_and(|d| depth > d) {
            continue;
        }
        skip_below = text.filter(|t| lexicon::introduces_examples(t)).map(|_| depth);
        nodes.push(node.clone());
    }
    Cell { nodes }
}

/// `**add** (associate) or **remove** (disassociate).`, `4 or 6`, `a, b, or c`: two or more
/// values of one word each (a meaning in parentheses allowed), from the first sentence.
fn prose_values(rest: &str) -> Vec<String> {
    let sentence = rest.split(". ").next().unwrap_or("").trim().trim_end_matches(['.', '。']);
    let sentence = sentence.strip_prefix("any of ").unwrap_or(sentence);
    let parts: Vec<&str> = list_parts(sentence)
        .map(|p| p.trim().trim_start_matches("or ").trim_start_matches("and ").trim())
        .filter(|p| !p.is_empty())
        .collect();
    let one_value = |p: &&str| {
        let value = p.split_once(" (").filter(|(_, m)| m.ends_with(')')).map_or(*p, |(v, _)| v);
        split_item(value).is_some_and(|(_, meaning)| meaning.is_none()) && !value.contains(':')
    };
    if parts.len() >= 2 && parts.iter().all(one_value) {
        parts.into_iter().map(str::to_string).collect()
    } else {
        Vec::new()
    }
}

/// Without an introducing phrase: the first run of two or more bullets of one
/// depth that all read `VALUE: meaning` (`-  **public**: Record sets in public zones`)
/// or are a bare value each (`-  DNS-public_zone`).
fn value_bullets(cell: &Cell) -> Vec<String> {
    let mut run: Vec<String> = Vec::new();
    let mut run_depth = 0;
    // Depths whose list already had an item that states no value (`Uppercase letters` before
    // `Digits`): a later value-looking sibling is one more member of an open set, not a value.
    let mut open_lists = OpenLists::default();
    // Where the first run ended: lists under conditions may follow it.
    let mut end = cell.nodes.len();
    for (i, node) in cell.nodes.iter().enumerate() {
        match &node.kind {
            NodeKind::ListItem { depth, text } => {
                // `http and https` is two values of one item.
                let is_value = split_items(&text.text).is_some();
                open_lists.enter(*depth);
                if !is_value && !is_remark(&text.text) {
                    open_lists.mark(*depth);
                }
                if is_value && open_lists.is_open(*depth) {
                    if run.len() >= 2 {
                        end = i;
                        break;
                    }
                    run.clear();
                } else if is_value && (run.is_empty() || *depth == run_depth) {
                    run_depth = *depth;
                    run.push(text.text.clone());
                } else if !is_value && !run.is_empty() && *depth == run_depth && !is_remark(&text.text) {
                    // A sibling that states no value (`Alarm source: $event...`): an open set. A
                    // sentence after the values (`The mode can only be AX or XA.`) is a remark.
                    return Vec::new();
                } else if run.len() >= 2 {
                    end = i;
                    break;
                } else if is_value {
                    run = vec![text.text.clone()];
                    run_depth = *depth;
                } else {
                    run.clear();
                }
            }
            _ if run.len() >= 2 => {
                end = i;
                break;
            }
            _ => {
                run.clear();
                open_lists = OpenLists::default();
            }
        }
    }
    if run.len() >= 2 {
        run.extend(condition_lists(cell.nodes.get(end..).unwrap_or_default(), run_depth));
        run
    } else {
        Vec::new()
    }
}

/// After a value list, more lists of its depth each under a condition (`-  If type is set to
/// BANDWIDTH, the following operations are supported:`): the field takes the values of all of
/// them. A list with an item that states no value is left out whole; anything else ends them.
fn condition_lists(nodes: &[Node], depth: u8) -> Vec<String> {
    let mut out = Vec::new();
    // The list under the current condition; `None` before one, or once it held a non-value.
    let mut list: Option<Vec<String>> = None;
    for node in nodes {
        let NodeKind::ListItem { depth: d, text } = &node.kind else { break };
        if *d < depth {
            out.extend(list.take().unwrap_or_default());
            if !lexicon::states_condition(&text.text) {
                return out;
            }
            list = Some(Vec::new());
        } else if *d == depth {
            match list.as_mut() {
                Some(l) if split_items(&text.text).is_some() => l.push(text.text.clone()),
                _ => list = None,
            }
        }
    }
    out.extend(list.unwrap_or_default());
    out
}

/// The list depths (up to 32) of the current run of list items that are open sets so far.
#[derive(Default)]
struct OpenLists(u32);

impl OpenLists {
    /// An item at `depth` ends every deeper list.
    fn enter(&mut self, depth: u8) {
        self.0 &= Self::bit(depth).wrapping_shl(1).wrapping_sub(1);
    }

    fn mark(&mut self, depth: u8) {
        self.0 |= Self::bit(depth);
    }

    fn is_open(&self, depth: u8) -> bool {
        self.0 & Self::bit(depth) != 0
    }

    fn bit(depth: u8) -> u32 {
        1u32.checked_shl(u32::from(depth.min(31))).unwrap_or(0)
    }
}

/// A sentence among list items (`The display mode can only be AX or XA.`): a remark, not an item
/// that names a kind of value.
fn is_remark(item: &str) -> bool {
    let item = strip_bullet(item);
    item.ends_with(['.', '。']) && item.split_whitespace().count() >= 4
}

/// `- 0: image - 1: text` (dash-separated items on one line).
fn inline_items(rest: &str) -> Vec<String> {
    static DASH: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?:^|\s)-\s+").ok());
    let Some(dash) = DASH.as_ref() else { return Vec::new() };
    if !rest.trim_start().starts_with('-') {
        return Vec::new();
    }
    dash.split(rest).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// The JSON value of an enum token for a field of type `ty`.
fn typed_value(token: &str, ty: &TypeExpr) -> Option<Value> {
    match ty {
        TypeExpr::Integer | TypeExpr::Long => token.parse::<i64>().ok().map(Value::from),
        TypeExpr::Number | TypeExpr::Float | TypeExpr::Double => token.parse::<f64>().ok().map(Value::from),
        // `True`/`False` as some pages write them.
        TypeExpr::Boolean => token.to_ascii_lowercase().parse::<bool>().ok().map(Value::from),
        TypeExpr::String => Some(Value::from(token)),
        _ => None,
    }
}

/// Result of reading a description.
#[derive(Debug, Default, PartialEq)]
pub struct Described {
    pub enum_values: Vec<EnumValue>,
    pub default: Option<Value>,
    pub constraints: Constraints,
    /// Enum-looking items that did not fit the field's type (reported by the caller).
    pub rejected_enum: Vec<String>,
}

pub fn describe(cell: &Cell, ty: Option<&TypeExpr>) -> Described {
    describe_text(cell, &cell.text(), ty)
}

/// [`describe`] with the cell's text already joined (`text` is `cell.text()`).
pub fn describe_text(cell: &Cell, text: &str, ty: Option<&TypeExpr>) -> Described {
    let mut out = Described::default();
    if let Some(ty) = ty {
        let default_part = match structured::parts(cell) {
            Some(parts) => read_parts(&parts, ty, &mut out),
            None => {
                read_enum(cell, ty, &mut out);
                false
            }
        };
        if out.default.is_none() && !default_part {
            out.default = stated_default(text).and_then(|t| typed_value(&t, ty));
        } else if !default_part {
            // A value marked `(default)` is the default unless the prose states another value of
            // the list as the default (the prose outside the list: an item's `默认值` marks it).
            let prose = stated_default(&paragraphs(cell)).and_then(|t| typed_value(&t, ty));
            if let Some(v) = prose.filter(|v| out.enum_values.iter().any(|e| &e.value == v)) {
                out.default = Some(v);
            }
        }
        out.constraints = constraints(text, ty);
        drop_range_contradicting_default(&mut out);
        if !out.enum_values.is_empty()
            && out.default.as_ref().is_some_and(|d| !out.enum_values.iter().any(|e| &e.value == d))
        {
            out.default = None;
        }
    }
    out
}

/// The paragraphs of a cell (its list items left out), one a line.
fn paragraphs(cell: &Cell) -> String {
    let texts = cell.nodes.iter().filter_map(|n| match &n.kind {
        NodeKind::Paragraph(t) => Some(t.text.as_str()),
        _ => None,
    });
    texts.collect::<Vec<_>>().join("\n")
}

/// A structured description: values from its Range parts (else from its definition, read as
/// prose is), the default from its Default part. Returns whether it has a Default part (which
/// then alone says the default: `N/A` there is no default).
fn read_parts(parts: &[Part], ty: &TypeExpr, out: &mut Described) -> bool {
    let found = |out: &Described| !out.enum_values.is_empty() || !out.rejected_enum.is_empty();
    for p in parts.iter().filter(|p| p.label == Some(DescLabel::Range)) {
        read_enum(&range_cell(p), ty, out);
        if found(out) {
            break;
        }
    }
    if !found(out) {
        for p in parts.iter().filter(|p| matches!(p.label, None | Some(DescLabel::Definition))) {
            read_enum(&p.cell, ty, out);
            if found(out) {
                break;
            }
        }
    }
    let mut defaults = parts.iter().filter(|p| p.label == Some(DescLabel::Default)).peekable();
    let has_default = defaults.peek().is_some();
    if let Some(v) = defaults.find_map(|p| part_default(p, ty)) {
        out.default = Some(v);
    }
    has_default
}

/// A Range part as a cell whose first paragraph introduces its values (`Range: a or b`,
/// then the list below the label).
fn range_cell(p: &Part) -> Cell {
    // A bare label (`**Range**`) is followed by its first line as a paragraph of its own
    // (`**ACTIVE**, **BUILD**, ...`): that line is what the label introduces.
    let (rest, skip) = match (p.rest.is_empty(), p.cell.nodes.first().map(|n| &n.kind)) {
        (false, _) => (p.rest.as_str(), 1),
        (true, Some(NodeKind::Paragraph(t))) => (t.text.as_str(), 1),
        (true, _) => ("", 0),
    };
    // The label introduces the values, unless the line has its own introducer (`Range: The value can be a or b`).
    let text = if introducer(rest).is_some() { rest.to_string() } else { format!("Range: {rest}") };
    let intro = Node::new(NodeKind::Paragraph(Text::plain(text)), None);
    Cell { nodes: std::iter::once(intro).chain(p.cell.nodes.iter().skip(skip).cloned()).collect() }
}

/// The value a Default part states: its first line when that is one value (`false`,
/// `**10**`, `Empty string: ...`), else a default phrase in it; never a placeholder (`N/A`).
fn part_default(p: &Part, ty: &TypeExpr) -> Option<Value> {
    let text = p.text();
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if lexicon::is_placeholder(first) {
        return None;
    }
    let one = first.trim_end_matches(['.', '。']);
    // `UTC+08:00`, `10:30`: one token whose colons sit between digits is the value itself.
    let colons_in_digits = one
        .match_indices(':')
        .all(|(i, _)| one.get(i + 1..).and_then(|r| r.chars().next()).is_some_and(|c| c.is_ascii_digit()));
    if one.contains(':') && colons_in_digits && !one.contains(char::is_whitespace) {
        return typed_value(one, ty);
    }
    if let Some((value, meaning)) = split_item(one) {
        if meaning.is_none() || value.is_empty() {
            return typed_value(&value, ty);
        }
    }
    if let Some(t) = stated_default(&text) {
        return typed_value(&t, ty);
    }
    // `60 (seconds)`, `10 GB`: a number and its unit.
    let numeric =
        matches!(ty, TypeExpr::Integer | TypeExpr::Long | TypeExpr::Number | TypeExpr::Float | TypeExpr::Double);
    let lead = one.split_whitespace().next().filter(|_| numeric)?;
    typed_value(lead, ty)
}

/// A stated default outside the stated range means the page contradicts itself:
/// keep neither bound rather than guess which is right.
fn drop_range_contradicting_default(out: &mut Described) {
    let Some(d) = out.default.as_ref().and_then(Value::as_f64) else { return };
    let c = &mut out.constraints;
    if c.minimum.is_some_and(|m| d < m) || c.maximum.is_some_and(|m| d > m) {
        c.minimum = None;
        c.maximum = None;
    }
}

fn read_enum(cell: &Cell, ty: &TypeExpr, out: &mut Described) {
    // `name: description` bullets under an object row describe its properties, not values.
    if typed_value("0", ty).is_none() && !matches!(ty, TypeExpr::Boolean) {
        return;
    }
    let items = enum_items(cell);
    let parsed: Vec<_> = items.iter().map(|i| split_items(i)).collect();
    if items.is_empty() || parsed.iter().any(Option::is_none) {
        return;
    }
    // `{type}:{count}` with `type: ...` and `count: ...` below: the parts of a format, not values.
    let text = cell.text();
    let mut tokens = parsed.iter().flatten().flatten().map(|(v, _)| v);
    if tokens.all(|v| !v.is_empty() && text.contains(&format!("{{{v}}}"))) {
        return;
    }
    let mut values = Vec::new();
    // `null: not set` says the field may be null: no value of its type, and no open item either.
    let not_null = |(value, _): &(String, Option<String>)| !lexicon::contains_ci(lexicon::NULL_VALUES, value);
    for (value, meaning) in parsed.into_iter().flatten().flatten().filter(not_null) {
        match typed_value(&value, ty) {
            Some(v) => {
                if meaning.as_deref().is_some_and(marks_default) {
                    out.default = Some(v.clone());
                }
                if !values.iter().any(|e: &EnumValue| e.value == v) {
                    values.push(EnumValue { value: v, description: meaning });
                }
            }
            None => {
                out.rejected_enum = items.clone();
                return;
            }
        }
    }
    out.enum_values = values;
}

fn marks_default(meaning: &str) -> bool {
    let lower = meaning.to_lowercase();
    lexicon::DEFAULT_MARKERS.iter().any(|m| lower.contains(&m.to_lowercase()))
}

/// `默认值为2` / `The default value is 15` / `Default value: true` -> the token.
fn stated_default(text: &str) -> Option<String> {
    static RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r#"(?i)(?:(?:默认值|默认取值|缺省值|默认为|default value|defaults to)\s*(?:is|为|是|:|：)?|default\s*[:：])\s*[“"'`]?(\d{1,3}(?:,\d{3})+|[A-Za-z0-9_.\-]+(?:[+:][0-9][0-9:]*)?)[”"'`]?"#).ok()
    });
    let re = RE.as_ref()?;
    let caps = re.captures(text)?;
    let m = caps.get(1)?;
    let token = m.as_str().trim_end_matches('.');
    // `N/A` reads as `N` up to the slash: the whole word decides whether it is a placeholder.
    let word: String =
        text.get(m.start()..)?.chars().take_while(|c| !c.is_whitespace() && !",;，；。".contains(*c)).collect();
    if lexicon::is_placeholder(token) || lexicon::is_placeholder(&word) || text.get(m.end()..)?.starts_with('/') {
        return None;
    }
    // Words that go on the sentence (`the default value will be left blank`), not values.
    let stop = [
        "is", "value", "the", "by", "of", "for", "and", "if", "when", "to", "a", "an", "will", "left", "as", "not",
        "be", "set", "used", "blank",
    ];
    // `1,000`: digits in groups of three.
    let token = if token.contains(',') { token.replace(',', "") } else { token.to_string() };
    (!token.is_empty() && !stop.contains(&token.to_ascii_lowercase().as_str())).then_some(token)
}

/// Lengths for strings, ranges for numbers, when written plainly.
fn constraints(text: &str, ty: &TypeExpr) -> Constraints {
    let mut c = Constraints::default();
    let numeric =
        matches!(ty, TypeExpr::Integer | TypeExpr::Long | TypeExpr::Number | TypeExpr::Float | TypeExpr::Double);
    if !numeric && !matches!(ty, TypeExpr::String) {
        return c;
    }
    // Where each label first occurs, for all four lists in one pass over the text.
    let found = Labels::find(text);
    if matches!(ty, TypeExpr::String) {
        c.min_length = found.number(text, Labels::MIN_LENGTH).map(|v| v as u64);
        c.max_length = found.number(text, Labels::MAX_LENGTH).map(|v| v as u64);
        if let Some((lo, hi)) = length_range(text) {
            c.min_length = c.min_length.or(Some(lo));
            c.max_length = c.max_length.or(Some(hi));
        }
    }
    if numeric {
        c.minimum = found.number(text, Labels::MINIMUM);
        c.maximum = found.number(text, Labels::MAXIMUM);
        if let Some((lo, hi)) = value_range(text) {
            c.minimum = c.minimum.or(Some(lo));
            c.maximum = c.maximum.or(Some(hi));
        }
    }
    c
}

/// The first occurrence of every length and range label (`最大长度：64`, `Maximum length: 64`) in
/// a text: ASCII labels match in any case, others exactly (ASCII case folding leaves them as they are).
struct Labels {
    /// Per label of [`Labels::LISTS`] (flattened in order), the end of its first occurrence.
    ends: Vec<Option<usize>>,
}

impl Labels {
    const MIN_LENGTH: usize = 0;
    const MAX_LENGTH: usize = 1;
    const MINIMUM: usize = 2;
    const MAXIMUM: usize = 3;
    const LISTS: [&'static [&'static str]; 4] =
        [lexicon::MIN_LENGTH, lexicon::MAX_LENGTH, lexicon::MINIMUM, lexicon::MAXIMUM];

    fn find(text: &str) -> Labels {
        static ALL: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
            AhoCorasick::builder().ascii_case_insensitive(true).build(Labels::LISTS.iter().flat_map(|l| l.iter())).ok()
        });
        let total = Labels::LISTS.iter().map(|l| l.len()).sum();
        let mut ends = vec![None; total];
        // Overlapping matches come in order of their end; for one label that is the order of its
        // starts, so the first match of each label is its leftmost occurrence.
        for m in ALL.as_ref().into_iter().flat_map(|ac| ac.find_overlapping_iter(text)) {
            if let Some(slot @ None) = ends.get_mut(m.pattern().as_usize()) {
                *slot = Some(m.end());
            }
        }
        Labels { ends }
    }

    /// The number after the first label of list `list` (in list order) that is followed by one.
    fn number(&self, text: &str, list: usize) -> Option<f64> {
        let offset: usize = Labels::LISTS.iter().take(list).map(|l| l.len()).sum();
        let len = Labels::LISTS.get(list).map_or(0, |l| l.len());
        self.ends.iter().skip(offset).take(len).find_map(|end| number_after(text, (*end)?))
    }
}

/// `: 64` / `为64` after a label ending at `at`: the number.
fn number_after(text: &str, at: usize) -> Option<f64> {
    let rest = text.get(at..)?.trim_start_matches([' ', ':', '：', '为', 'i', 's']).trim_start();
    let num: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
    num.parse().ok()
}

/// `最大长度：64` / `Maximum length: 64` (the old search, one label at a time; kept as the
/// reference [`Labels`] is tested against).
#[cfg(test)]
fn labelled_number(text: &str, labels: &[&str]) -> Option<f64> {
    let lower = text.to_ascii_lowercase();
    labels.iter().find_map(|label| {
        let found = if label.is_ascii() { lower.find(&label.to_ascii_lowercase()) } else { text.find(label) };
        number_after(text, found? + label.len())
    })
}

/// `长度为1~64` / `1 to 64 characters` / `contains 1 to 100 characters`.
fn length_range(text: &str) -> Option<(u64, u64)> {
    static RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:长度(?:为|范围)?[：:]?\s*(\d+)\s*[~～\-]\s*(\d+)|(\d+)\s*(?:to|-|~)\s*(\d+)\s*characters|(\d+)\s*[~～\-]\s*(\d+)\s*个字符)").ok()
    });
    let caps = RE.as_ref()?.captures(text)?;
    let nums: Vec<u64> = caps.iter().skip(1).flatten().filter_map(|m| m.as_str().parse().ok()).collect();
    match nums.as_slice() {
        [lo, hi] if lo <= hi => Some((*lo, *hi)),
        _ => None,
    }
}

/// `取值范围：1~100` / `Value range: 1-100` / `The value ranges from 1 to 100`.
fn value_range(text: &str) -> Option<(f64, f64)> {
    static RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:取值范围|范围|value range|range|ranges from|value ranges from)\s*(?:is|为|:|：)?\s*\[?\s*(-?\d+(?:\.\d+)?)\s*(?:~|～|to|-|,)\s*(-?\d+(?:\.\d+)?)").ok()
    });
    let caps = RE.as_ref()?.captures(text)?;
    let before = text.get(..caps.get(0)?.start())?.to_lowercase();
    if ["recommend", "建议", "推荐", "suggest"].iter().any(|w| {
        before.trim_end().ends_with(w)
            || before.ends_with(&format!("{w}ed value "))
            || before.ends_with("recommended value ")
    }) {
        return None;
    }
    let lo: f64 = caps.get(1)?.as_str().parse().ok()?;
    let hi: f64 = caps.get(2)?.as_str().parse().ok()?;
    (lo <= hi).then_some((lo, hi))
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::ingest::{Node, Text};

    fn cell(parts: &[&str]) -> Cell {
        let nodes = parts
            .iter()
            .map(|p| match p.strip_prefix("• ") {
                Some(item) => Node::new(NodeKind::ListItem { depth: 1, text: Text::plain(item) }, None),
                None => Node::new(NodeKind::Paragraph(Text::plain(*p)), None),
            })
            .collect();
        Cell { nodes }
    }

    #[test]
    fn an_unintroduced_list_with_a_sibling_stating_no_value_is_no_enum() {
        let d = describe(
            &cell(&[
                "Sub-template body. A variable can only be one of the following variables.",
                "• Severity: ${event_severity};",
                "• Occurred: ${starts_at};",
                "• Alarm source: $event.metadata.resource_provider;",
            ]),
            Some(&TypeExpr::String),
        );
        assert!(d.enum_values.is_empty(), "{:?}", d.enum_values);
    }

    #[test]
    fn a_remark_after_unintroduced_values_leaves_them_values() {
        let d = describe(
            &cell(&[
                "Display mode.",
                "Note",
                "• AX: Account level.",
                "• XA: Project level.",
                "• The display mode of a custom policy can only be AX or XA.",
            ]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d), vec![Value::from("AX"), Value::from("XA")]);
    }

    #[test]
    fn an_item_with_two_values_adds_both() {
        let d = describe(
            &cell(&[
                "Protocol supported by the template",
                "Currently, the following protocols are supported:",
                "• email",
                "• default",
                "• sms",
                "• http and https",
            ]),
            Some(&TypeExpr::String),
        );
        let want: Vec<Value> = ["email", "default", "sms", "http", "https"].into_iter().map(Value::from).collect();
        assert_eq!(values(&d), want);
    }

    fn values(d: &Described) -> Vec<Value> {
        d.enum_values.iter().map(|e| e.value.clone()).collect()
    }

    #[test]
    fn zh_list_with_meanings_and_default_marker() {
        let d = describe(
            &cell(&["是否自动续费.可选值如下:", "• 0:不自动续费,默认值", "• 1:自动续费"]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d), vec![Value::from("0"), Value::from("1")]);
        assert_eq!(d.enum_values[0].description.as_deref(), Some("不自动续费,默认值"));
        assert_eq!(d.default, Some(Value::from("0")));
    }

    #[test]
    fn bare_values_and_list_then_prose() {
        let d = describe(&cell(&["API版本。可选值如下:", "• v2"]), Some(&TypeExpr::String));
        assert_eq!(values(&d), vec![Value::from("v2")]);
        let d = describe(
            &cell(&["包周期订购类型。可选值如下:", "• 2:月", "• 3:年", "• 4:小时", "当计费模式为包周期时该参数必传。"]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d).len(), 3);
    }

    #[test]
    fn en_integer_options_inline_and_listed() {
        let d = describe(
            &cell(&["Dataset type. The options are as follows: - 0: image classification - 1: object detection"]),
            Some(&TypeExpr::Integer),
        );
        assert_eq!(values(&d), vec![Value::from(0), Value::from(1)]);
        let d =
            describe(&cell(&["Task status. Options:", "• -1: queuing", "• 0: initialized"]), Some(&TypeExpr::Integer));
        assert_eq!(values(&d), vec![Value::from(-1), Value::from(0)]);
    }

    #[test]
    fn values_in_the_introducing_sentence() {
        let d =
            describe(&cell(&["The value can be add (associate) or remove (disassociate)."]), Some(&TypeExpr::String));
        assert_eq!(values(&d), vec![Value::from("add"), Value::from("remove")]);
        assert_eq!(d.enum_values[0].description.as_deref(), Some("associate"));
        let d = describe(&cell(&["Specifies the IP version. The value can be 4 or 6."]), Some(&TypeExpr::Integer));
        assert_eq!(values(&d), vec![Value::from(4), Value::from(6)]);
        for prose in ["The value can be a string of 1 to 64 characters.", "The value can be 0 or a positive integer."] {
            assert!(describe(&cell(&[prose]), Some(&TypeExpr::String)).enum_values.is_empty(), "{prose}");
        }
    }

    #[test]
    fn several_introduced_lists_are_one_enum() {
        let d = describe(
            &cell(&[
                "For MySQL, the value can be:",
                "• async: asynchronous",
                "For PostgreSQL, the value can be:",
                "• sync: synchronous",
            ]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d), vec![Value::from("async"), Value::from("sync")]);
    }

    #[test]
    fn mismatched_items_are_rejected_not_guessed() {
        let d = describe(&cell(&["Options:", "• abc: x"]), Some(&TypeExpr::Integer));
        assert!(d.enum_values.is_empty());
        assert_eq!(d.rejected_enum, vec!["abc: x"]);
        let d = describe(&cell(&["Options:", "• this is a sentence"]), Some(&TypeExpr::String));
        assert!(d.enum_values.is_empty() && d.rejected_enum.is_empty());
    }

    #[test]
    fn labels_found_in_one_pass_as_one_at_a_time() {
        let texts = [
            "Maximum length: 64. Minimum length: 1",
            "MAXIMUM LENGTH 32, maximum length: 16",
            "The Minimum value: 5; minimum 3",
            "Minimum 7 Min. value 2",
            "最大长度：64，最小长度为1",
            "最大值为100 Maximum: x Maximum value: 9",
            "max. length: 12 min. length -1",
            "no labels here",
            "",
        ];
        for t in texts {
            let found = Labels::find(t);
            for (i, list) in Labels::LISTS.iter().enumerate() {
                assert_eq!(found.number(t, i), labelled_number(t, list), "{t:?} list {i}");
            }
        }
    }

    /// A cell of nodes: `"• x"` an item at depth 1, `"•• x"` at depth 2, else a paragraph.
    fn nested(parts: &[&str]) -> Cell {
        let nodes = parts
            .iter()
            .map(|p| {
                let depth = p.chars().take_while(|c| *c == '•').count();
                let text = p.trim_start_matches('•').trim();
                match depth {
                    0 => Node::new(NodeKind::Paragraph(Text::plain(text)), None),
                    d => Node::new(NodeKind::ListItem { depth: d as u8, text: Text::plain(text) }, None),
                }
            })
            .collect();
        Cell { nodes }
    }

    /// The four forms of a structured description, English and Chinese: (form, cell, type,
    /// enum values, default, (minimum, maximum), (min length, max length)).
    #[allow(clippy::type_complexity)]
    fn structured_cases() -> Vec<(&'static str, Cell, TypeExpr, Vec<Value>, Option<Value>)> {
        let s = |v: &str| Value::from(v);
        vec![
            (
                "bullets, no values",
                nested(&["• Definition: Start resource ID of pagination query.", "• Range: N/A"]),
                TypeExpr::String,
                vec![],
                None,
            ),
            (
                "bullets, values below the range",
                nested(&[
                    "• Definition: EIP status",
                    "• Range:",
                    "•• FREEZED: frozen",
                    "•• BIND_ERROR: failed to be bound",
                    "• Constraints: N/A",
                    "• Default Value: N/A",
                ]),
                TypeExpr::String,
                vec![s("FREEZED"), s("BIND_ERROR")],
                None,
            ),
            (
                "bold label, values on the next line, a note after",
                nested(&[
                    "Definition",
                    "ECS status.",
                    "Range",
                    "ACTIVE, BUILD, SHUTOFF",
                    "For details, see ECS Statuses.",
                    "Note",
                    "When an ECS is in an intermediate state, the statuses are as follows:",
                    "• ACTIVE: ACTIVE or REBOOT",
                    "Default Value",
                    "N/A",
                ]),
                TypeExpr::String,
                vec![s("ACTIVE"), s("BUILD"), s("SHUTOFF")],
                None,
            ),
            (
                "bullets, values in the range line",
                nested(&["• Definition: Protocol.", "• Range: The value can be tcp or udp.", "• Default Value: tcp"]),
                TypeExpr::String,
                vec![s("tcp"), s("udp")],
                Some(s("tcp")),
            ),
            (
                "bold paragraphs",
                nested(&[
                    "Definition",
                    "Specifies whether the EIP is released along with the ECS.",
                    "Constraints",
                    "N/A",
                    "Range",
                    "• true: The EIP is released.",
                    "• false: The EIP is not released.",
                    "Default Value",
                    "false",
                ]),
                TypeExpr::Boolean,
                vec![Value::from(true), Value::from(false)],
                Some(Value::from(false)),
            ),
            (
                "bold paragraphs with colons, placeholder default",
                nested(&[
                    "Definition:",
                    "Project ID.",
                    "Constraints:",
                    "N/A",
                    "Value range:",
                    "Project ID of the account.",
                    "Default value:",
                    "N/A",
                ]),
                TypeExpr::String,
                vec![],
                None,
            ),
            (
                "lines in one paragraph",
                nested(&["Definition: Sort direction. Range: asc, desc Default Value: asc"]),
                TypeExpr::String,
                vec![s("asc"), s("desc")],
                Some(s("asc")),
            ),
            (
                "lines in one paragraph, nothing listed",
                nested(&["Definition: Marker. Constraints: None. Range: N/A. Default Value: None."]),
                TypeExpr::String,
                vec![],
                None,
            ),
            (
                "Chinese labels, full-width colons",
                nested(&[
                    "参数解释：",
                    "计费模式。",
                    "约束限制：",
                    "不涉及。",
                    "取值范围：",
                    "• prePaid：包周期",
                    "• postPaid：按需",
                    "默认取值：",
                    "postPaid",
                ]),
                TypeExpr::String,
                vec![s("prePaid"), s("postPaid")],
                Some(s("postPaid")),
            ),
            (
                "Chinese labels, ASCII colons, placeholders",
                nested(&["参数解释: 项目ID。", "约束限制: 不涉及。", "取值范围: 不涉及。", "默认取值: 不涉及。"]),
                TypeExpr::String,
                vec![],
                None,
            ),
            (
                "Chinese labels in one paragraph",
                nested(&["参数解释：每页条数。取值范围：1~100。默认取值：10"]),
                TypeExpr::Integer,
                vec![],
                Some(Value::from(10)),
            ),
        ]
    }

    #[test]
    fn structured_descriptions_in_every_form() {
        for (form, cell, ty, enum_values, default) in structured_cases() {
            let d = describe(&cell, Some(&ty));
            assert_eq!(values(&d), enum_values, "{form}: enum");
            assert_eq!(d.default, default, "{form}: default");
            assert!(d.rejected_enum.is_empty(), "{form}: {:?}", d.rejected_enum);
        }
    }

    #[test]
    fn a_label_is_never_a_value() {
        for cell in [
            nested(&["• Definition: ID of the resource.", "• Range: VPC ID."]),
            nested(&["Range:", "• Definition: x", "• Constraints: y"]),
            nested(&["The value can be:", "• Note: x", "• Example: y"]),
            nested(&["• Unit: MB", "• Default Value: 3"]),
        ] {
            let d = describe(&cell, Some(&TypeExpr::String));
            assert!(d.enum_values.is_empty(), "{cell:?} -> {:?}", d.enum_values);
        }
        // A value that reads like a label, in a list its sentence introduces, stays a value.
        let d = describe(
            &nested(&["Format. The options are as follows:", "• Default: default format", "• CSV: CSV"]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d), vec![Value::from("Default"), Value::from("CSV")]);
        let d = describe(&nested(&["The value can be:", "• Definition: x", "• Range: y"]), Some(&TypeExpr::String));
        assert!(d.enum_values.is_empty(), "{:?}", d.enum_values);
    }

    #[test]
    fn range_in_a_structured_description_gives_bounds_when_it_lists_no_values() {
        let d = describe(
            &nested(&["Definition: Page size.", "Range: 1 to 100", "Default Value: 10"]),
            Some(&TypeExpr::Integer),
        );
        assert!(d.enum_values.is_empty());
        assert_eq!((d.constraints.minimum, d.constraints.maximum), (Some(1.0), Some(100.0)));
        assert_eq!(d.default, Some(Value::from(10)));
        let d = describe(
            &nested(&["• Definition: Name.", "• Range: The value can contain 0 to 255 characters."]),
            Some(&TypeExpr::String),
        );
        assert!(d.enum_values.is_empty());
        assert_eq!((d.constraints.min_length, d.constraints.max_length), (Some(0), Some(255)));
    }

    #[test]
    fn placeholder_defaults_are_never_defaults() {
        for text in [
            "Default Value: N/A",
            "The default value is N/A.",
            "Default value: None",
            "Default: -",
            "The default value is null.",
            "默认值：无",
            "默认取值：不涉及",
            "If the value is not specified, the default value will be left blank.",
            "If cidr is not specified, the default value is left blank.",
            "If this parameter is not set, the default value is as follows:",
            "The default value is not true, indicating that BYOL is not used.",
        ] {
            for ty in [TypeExpr::String, TypeExpr::Integer] {
                assert_eq!(describe(&cell(&[text]), Some(&ty)).default, None, "{text}");
            }
        }
        assert_eq!(describe(&cell(&["Default value: 5"]), Some(&TypeExpr::Integer)).default, Some(Value::from(5)));
    }

    #[test]
    fn enum_forms_of_unseen_pages() {
        let s = |v: &str| Value::from(v);
        let cases: Vec<(&str, Cell, Vec<Value>, Option<Value>)> = vec![
            (
                "Values:",
                nested(&["Request language type.", "Values:", "• en-us", "• zh-cn"]),
                vec![s("en-us"), s("zh-cn")],
                None,
            ),
            (
                "Value options:",
                nested(&["Storage class. Value options: STANDARD, WARM, COLD"]),
                vec![s("STANDARD"), s("WARM"), s("COLD")],
                None,
            ),
            (
                "Value options: list",
                nested(&["Filter type. Value options:", "• prefix: name prefix", "• suffix: name suffix"]),
                vec![s("prefix"), s("suffix")],
                None,
            ),
            (
                "(default) qualifier",
                nested(&["Status. The value can be:", "• ACTIVE (default): normal", "• PENDING_CREATE: being created"]),
                vec![s("ACTIVE"), s("PENDING_CREATE")],
                Some(s("ACTIVE")),
            ),
            (
                "Empty string item",
                nested(&[
                    "Definition",
                    "Host status.",
                    "Range",
                    "• UP: normal.",
                    "• DOWN: abnormal.",
                    "• Empty string: There is no host information.",
                ]),
                vec![s("UP"), s("DOWN"), s("")],
                None,
            ),
            (
                "no introducing sentence",
                nested(&["Disk configuration mode.", "• MANUAL: not expanded.", "• AUTO: expanded."]),
                vec![s("MANUAL"), s("AUTO")],
                None,
            ),
        ];
        for (form, cell, enum_values, default) in cases {
            let d = describe(&cell, Some(&TypeExpr::String));
            assert_eq!(values(&d), enum_values, "{form}");
            assert_eq!(d.default, default, "{form}: default");
        }
        // Values named in the sentence and explained in part below it: all of them.
        let d = describe(
            &nested(&["Status. The value can be ACTIVE or ERROR.", "• ACTIVE (default): provisioned."]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d), vec![s("ACTIVE"), s("ERROR")]);
        assert_eq!(d.default, Some(s("ACTIVE")));
        // `name: description` bullets under an object row are not an enum.
        let d = describe(&nested(&["Tag.", "• key: tag key", "• value: tag value"]), Some(&TypeExpr::Object));
        assert!(d.enum_values.is_empty());
    }

    #[test]
    fn enum_forms_of_unseen_pages_more() {
        let s = |v: &str| Value::from(v);
        let cases: Vec<(&str, Cell, Vec<Value>, Option<Value>)> = vec![
            ("取值：", nested(&["排序方向。取值：", "• asc：升序", "• desc：降序"]), vec![s("asc"), s("desc")], None),
            ("取值：a、b", nested(&["调度使用的时区，取值：UTC、CET"]), vec![s("UTC"), s("CET")], None),
            // Sphinx's smart quotes: `**'0'**` is `‘0’` in the portal's HTML.
            ("‘0’", nested(&["Encrypted.", "• ‘0’: not encrypted", "• ‘1’: encrypted"]), vec![s("0"), s("1")], None),
            ("取值为a或b", nested(&["协议，取值为http或https。"]), vec![s("http"), s("https")], None),
            ("取值：prose", nested(&["名称，取值：由字母、数字组成。"]), vec![], None),
            (
                "枚举值：",
                nested(&["状态。枚举值：", "• ACTIVE：正常", "• ERROR：异常"]),
                vec![s("ACTIVE"), s("ERROR")],
                None,
            ),
            (
                "可选值:",
                nested(&["计费模式。可选值:", "• prePaid", "• postPaid"]),
                vec![s("prePaid"), s("postPaid")],
                None,
            ),
            (
                "Values: with a qualified item",
                nested(&["Mode. Values:", "• sync (default): synchronous", "• async: asynchronous"]),
                vec![s("sync"), s("async")],
                Some(s("sync")),
            ),
            (
                "qualifier without an introducer",
                nested(&["Mode.", "• MANUAL (default): not expanded.", "• AUTO: expanded."]),
                vec![s("MANUAL"), s("AUTO")],
                Some(s("MANUAL")),
            ),
            (
                "spaces around the colon",
                nested(&["Disk mode.", "• MANUAL : not expanded.", "• AUTO : expanded."]),
                vec![s("MANUAL"), s("AUTO")],
                None,
            ),
            (
                "full-width colon, no introducer",
                nested(&["磁盘模式。", "• MANUAL：不扩展", "• AUTO：自动扩展"]),
                vec![s("MANUAL"), s("AUTO")],
                None,
            ),
            (
                "An empty string last",
                nested(&[
                    "Status. The value can be:",
                    "• UP: normal",
                    "• DOWN: abnormal",
                    "• An empty string: no host.",
                ]),
                vec![s("UP"), s("DOWN"), s("")],
                None,
            ),
            (
                "空字符串 last",
                nested(&["状态。可选值如下：", "• UP：正常", "• 空字符串：无主机信息"]),
                vec![s("UP"), s("")],
                None,
            ),
            (
                "null last",
                nested(&["Status. The value can be:", "• UP: normal", "• DOWN: abnormal", "• null: not reported."]),
                vec![s("UP"), s("DOWN")],
                None,
            ),
            (
                "a bare Empty is a value of its own",
                nested(&["Group state. The value can be:", "• Dead: no members", "• Empty: no members but metadata"]),
                vec![s("Dead"), s("Empty")],
                None,
            ),
        ];
        for (form, cell, enum_values, default) in cases {
            let d = describe(&cell, Some(&TypeExpr::String));
            assert_eq!(values(&d), enum_values, "{form}");
            assert_eq!(d.default, default, "{form}: default");
            assert!(d.rejected_enum.is_empty(), "{form}: {:?}", d.rejected_enum);
        }
        // `null` is no integer, but it does not make the integer list rejected.
        let d = describe(&nested(&["Type. Options:", "• 0: a", "• 1: b", "• null: not set"]), Some(&TypeExpr::Integer));
        assert_eq!(values(&d), vec![Value::from(0), Value::from(1)]);
        assert!(d.rejected_enum.is_empty());
    }

    #[test]
    fn a_default_the_prose_states_wins_over_a_default_qualifier() {
        let s = |v: &str| Value::from(v);
        let d = describe(
            &nested(&["Mode. The default value is AUTO.", "• MANUAL (default): manual", "• AUTO: automatic"]),
            Some(&TypeExpr::String),
        );
        assert_eq!(d.default, Some(s("AUTO")));
        // A stated default outside the list keeps the qualifier's.
        let d = describe(
            &nested(&["Mode. The default value is fast.", "• MANUAL (default): manual", "• AUTO: automatic"]),
            Some(&TypeExpr::String),
        );
        assert_eq!(d.default, Some(s("MANUAL")));
    }

    #[test]
    fn lists_under_conditions_are_one_enum() {
        let s = |v: &str| Value::from(v);
        // AS `operation`: the operations for each resource type.
        let d = describe(
            &nested(&[
                "Operation. The default value is ADD.",
                "• If type is set to SCALING_GROUP, the following operations are supported:",
                "•• ADD: adds instances.",
                "•• REMOVE: removes instances.",
                "• If type is set to BANDWIDTH, the following operations are supported:",
                "•• ADD: adds bandwidth.",
                "•• REDUCE: reduces bandwidth.",
            ]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d), vec![s("ADD"), s("REMOVE"), s("REDUCE")]);
        assert_eq!(d.default, Some(s("ADD")));
        // A later list with an item that states no value is left out; a line that is no
        // condition ends the lists.
        let d = describe(
            &nested(&[
                "Mode.",
                "• If x is set, the value can be:",
                "•• a: one",
                "•• b: two",
                "• If y is set, the following apply:",
                "•• c: three",
                "•• any string of 1 to 8 characters",
                "• Note the following:",
                "•• d: four",
                "•• e: five",
            ]),
            Some(&TypeExpr::String),
        );
        assert_eq!(values(&d), vec![s("a"), s("b")]);
    }

    #[test]
    fn suggestions_and_default_labels_list_no_enum() {
        for cell in [
            nested(&[
                "CIDR block.",
                "• Range:",
                "Recommended IP address ranges:",
                "•• 10.0.0.0/8-24",
                "•• 172.16.0.0/12-24",
            ]),
            nested(&["Flavor. Recommended values:", "• small", "• large"]),
            nested(&["Flavor. For example:", "• c6.large", "• c6.xlarge"]),
            nested(&["规格。推荐取值：", "• small", "• large"]),
        ] {
            let d = describe(&cell, Some(&TypeExpr::String));
            assert!(d.enum_values.is_empty(), "{cell:?} -> {:?}", d.enum_values);
        }
        // `{type}:{count}` and the parts explained below it.
        let d = describe(
            &nested(&["Format: {type}:{count}.", "• type: the disk type.", "• count: the number of disks."]),
            Some(&TypeExpr::String),
        );
        assert!(d.enum_values.is_empty(), "{:?}", d.enum_values);
        // `默认取值：` states a default; `取值：` inside it introduces nothing.
        let d = describe(&nested(&["计费模式。默认取值：postPaid"]), Some(&TypeExpr::String));
        assert!(d.enum_values.is_empty());
        assert_eq!(d.default, Some(Value::from("postPaid")));
    }

    #[test]
    fn defaults_lengths_ranges() {
        let d = describe(
            &cell(&["Timeout interval, in minutes. The default value is 15 minutes."]),
            Some(&TypeExpr::Integer),
        );
        assert_eq!(d.default, Some(Value::from(15)));
        let d = describe(&cell(&["时区。默认值：UTC+08:00"]), Some(&TypeExpr::String));
        assert_eq!(d.default, Some(Value::from("UTC+08:00")));
        // Thousands separators: `1,000` is one number, not `1`.
        let d = describe(&cell(&["If the action is filter, the default value is 1,000."]), Some(&TypeExpr::Integer));
        assert_eq!(d.default, Some(Value::from(1000)));
        let d = describe(&cell(&["Dataset name. The value contains 1 to 100 characters."]), Some(&TypeExpr::String));
        assert_eq!((d.constraints.min_length, d.constraints.max_length), (Some(1), Some(100)));
        let d = describe(&cell(&["每页数量。取值范围：1~100。默认值为10"]), Some(&TypeExpr::Integer));
        assert_eq!((d.constraints.minimum, d.constraints.maximum), (Some(1.0), Some(100.0)));
        assert_eq!(d.default, Some(Value::from(10)));
        let d = describe(
            &cell(&["The default value is 1000. The recommended value ranges from 10 to 50."]),
            Some(&TypeExpr::Integer),
        );
        assert_eq!((d.constraints.minimum, d.constraints.maximum), (None, None));
        let d = describe(&cell(&["The value is empty by default."]), Some(&TypeExpr::String));
        assert_eq!(d.default, None);
    }
}
