//! The naming pass: every public name of the generated crate is decided here,
//! once, over the lowered model ([`super::model::Lowered`]).
//!
//! Lowering ([`super::model::lower`]) gives each type a provisional unique name
//! and records where it comes from ([`Origin`]); [`apply`] then decides, in
//! this order, and rewrites every reference:
//!
//! 1. **Modules**: one per API group: the operation's first OpenAPI tag (the
//!    docs' section), else the first resource segment of its path
//!    (`/v2/{project_id}/datasets/..` → `datasets`). Types used by the
//!    operations of one group live in its module; types shared by several
//!    groups live in `models`, which also re-exports every model type.
//! 2. **Methods**: the operationId when the page gives one (`CreateNodePool` →
//!    `create_node_pool`); otherwise a verb-object name from the page title
//!    ([`title_phrase`]: `Querying the Details About a Training Job Version` →
//!    `get_training_job_version`, `Adding Samples in Batches` →
//!    `batch_add_samples`), for Chinese titles the verb from the title and the
//!    object from the route ([`zh_verb`], [`route_object`]). Names are at most
//!    [`MAX_METHOD`] characters. Operations that end up with the same name are
//!    told apart by a word of their own (the title's qualifier, the route's
//!    version or segment), never by a number.
//! 3. **Request types** `<Method>Request`, response enums `<Method>Response`.
//! 4. **Types** ([`type_candidate`]): a component keeps its caption name, with
//!    an operationId prefix dropped (`GetClustersnode` → `Node`); inline types
//!    are named from their property (`billing_mode` → `BillingMode`,
//!    singular for arrays: `jobs` → `Job`); bodies are `<Method>Body`,
//!    responses `<Method>Response`; a body that is also returned is named from
//!    the operation's object (`create_node_pool` returns `NodePool`), so a
//!    response is never `*Request*`. When two different types want one name,
//!    each is qualified by its owner's name (`PoolResource` + `BillingMode` →
//!    `PoolResourceBillingMode`), then by its operation; a component whose
//!    documented name is exactly the wanted one keeps it.
//! 5. **Enum variants** from the value (`on_demand` → `OnDemand`), or for
//!    values that are not words from their English meaning (`"0":
//!    pay-per-use` → `PayPerUse`); when meanings do not give distinct names,
//!    from the value (`"0"` → `V0`).

use super::ident;
use super::model::{Kind, Lowered, Op, Origin, Outcome, Payload, Ty};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The longest method name the pass emits.
pub const MAX_METHOD: usize = 50;

/// The module of types shared by several groups (and the index of every model type).
pub const SHARED_MODULE: &str = "models";

/// Names of the prelude that a model type must not shadow.
pub const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
    "ToString",
    "ToOwned",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Iterator",
    "IntoIterator",
    "From",
    "Into",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "Extend",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "TryFrom",
    "TryInto",
    "FromIterator",
    "Unpin",
    "Debug",
    "Hash",
    "Error",
    "Config",
    "Credentials",
    "Response",
    "Request",
];

/// Methods of the service client that operations must not take.
pub const CLIENT_METHODS: &[&str] = &["new", "from_env", "from_runtime", "runtime"];

/// Module names that would shadow something the generated code uses.
const RESERVED_MODULES: &[&str] = &[
    "models",
    "operations",
    "client",
    "serde",
    "serde_json",
    "std",
    "core",
    "alloc",
    "hwcloud_runtime",
    "tests",
    "lib",
    "main",
    "examples",
];

// ---------------------------------------------------------------------------
// Facts read from the spec
// ---------------------------------------------------------------------------

/// `true` when `id` was made from METHOD + path (`GetServersByServerId`), or
/// starts with such an id (several pages of one METHOD + path), i.e. the page
/// gave no operationId. Used while the spec carries no `x-operation-id-source`.
pub fn is_route_id(id: &str, method: &str, path: &str) -> bool {
    let route = route_id(method, path);
    id == route || id.strip_prefix(&route).is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The id extraction makes from a route: `POST /v2/{project_id}/pools/{pool_name}/nodepools`
/// → `PostPoolsByPoolNameNodepools`.
pub(crate) fn route_id(method: &str, path: &str) -> String {
    let pascal = |s: &str| -> String {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut c = w.chars();
                c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
            })
            .collect()
    };
    let mut id = pascal(&method.to_ascii_lowercase());
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if let Some(param) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if param != "project_id" {
                id.push_str("By");
                id.push_str(&pascal(param));
            }
        } else if !is_version(seg) {
            id.push_str(&pascal(seg));
        }
    }
    id
}

fn is_version(seg: &str) -> bool {
    seg.starts_with(['v', 'V'])
        && seg.len() > 1
        && seg.get(1..).is_some_and(|d| d.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The page title says the operation is deprecated or discarded.
pub fn is_deprecated(title: Option<&str>) -> bool {
    let Some(t) = title else { return false };
    let t = t.to_ascii_lowercase();
    ["deprecated", "discarded", "(old version)", "no longer"].iter().any(|w| t.contains(w))
        || ["已废弃", "废弃", "下线"].iter().any(|w| t.contains(w))
}

/// Mostly ASCII letters: an English text (meanings in other languages do not name variants).
pub fn is_english(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let ascii = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    ascii > 0 && ascii * 10 >= letters * 9
}

// ---------------------------------------------------------------------------
// Method names
// ---------------------------------------------------------------------------

/// A verb-object phrase read from a title.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Phrase {
    /// `list`, `get`, `create`, `batch_add`, ... (lower-case words).
    pub verb: Vec<String>,
    /// The object, owner first: `training_job_version`.
    pub object: Vec<String>,
    /// Words the name left out (parenthesised qualifiers, the rest of a long owner):
    /// used to tell apart two operations with the same name.
    pub qualifiers: Vec<Vec<String>>,
}

/// Verbs of titles (gerund or base form) and the verb of the method name. Query
/// verbs map to `query`, which becomes `list` or `get`.
const VERBS: &[(&str, &str)] = &[
    ("querying", "query"),
    ("query", "query"),
    ("obtaining", "query"),
    ("obtain", "query"),
    ("listing", "list"),
    ("list", "list"),
    ("viewing", "query"),
    ("view", "query"),
    ("getting", "query"),
    ("get", "query"),
    ("reading", "query"),
    ("showing", "query"),
    ("show", "query"),
    ("creating", "create"),
    ("create", "create"),
    ("deleting", "delete"),
    ("delete", "delete"),
    ("removing", "remove"),
    ("remove", "remove"),
    ("updating", "update"),
    ("update", "update"),
    ("modifying", "update"),
    ("modify", "update"),
    ("changing", "change"),
    ("editing", "update"),
    ("adding", "add"),
    ("add", "add"),
    ("stopping", "stop"),
    ("starting", "start"),
    ("restarting", "restart"),
    ("rebooting", "reboot"),
    ("enabling", "enable"),
    ("disabling", "disable"),
    ("binding", "bind"),
    ("unbinding", "unbind"),
    ("associating", "associate"),
    ("disassociating", "disassociate"),
    ("granting", "grant"),
    ("revoking", "revoke"),
    ("setting", "set"),
    ("configuring", "configure"),
    ("importing", "import"),
    ("exporting", "export"),
    ("deploying", "deploy"),
    ("uploading", "upload"),
    ("downloading", "download"),
    ("resetting", "reset"),
    ("restoring", "restore"),
    ("upgrading", "upgrade"),
    ("sending", "send"),
    ("publishing", "publish"),
    ("assigning", "assign"),
    ("applying", "apply"),
    ("verifying", "verify"),
    ("retiring", "retire"),
    ("saving", "save"),
    ("checking", "check"),
    ("submitting", "submit"),
    ("reviewing", "review"),
    ("synchronizing", "sync"),
    ("synchronising", "sync"),
    ("copying", "copy"),
    ("replicating", "replicate"),
    ("canceling", "cancel"),
    ("cancelling", "cancel"),
    ("resizing", "resize"),
    ("expanding", "expand"),
    ("scaling", "scale"),
    ("attaching", "attach"),
    ("detaching", "detach"),
    ("migrating", "migrate"),
    ("rolling", "roll"),
    ("renaming", "rename"),
    ("replacing", "replace"),
    ("registering", "register"),
    ("unregistering", "unregister"),
    ("authorizing", "authorize"),
    ("subscribing", "subscribe"),
    ("unsubscribing", "unsubscribe"),
    ("encrypting", "encrypt"),
    ("decrypting", "decrypt"),
    ("generating", "generate"),
    ("signing", "sign"),
    ("validating", "validate"),
    ("testing", "test"),
    ("running", "run"),
    ("executing", "execute"),
    ("installing", "install"),
    ("uninstalling", "uninstall"),
    ("rolling back", "roll_back"),
    ("switching", "switch"),
    ("locking", "lock"),
    ("unlocking", "unlock"),
    ("freezing", "freeze"),
    ("unfreezing", "unfreeze"),
    ("accepting", "accept"),
    ("rejecting", "reject"),
    ("batch", "batch"),
];

/// Words dropped from an object phrase.
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "specified",
    "specific",
    "given",
    "certain",
    "details",
    "detail",
    "detailed",
    "information",
    "info",
    "existing",
    "particular",
    "one",
    "single",
    "api",
];

/// Prepositions after which the owner of the object follows (`Tags of a DB Instance` →
/// `db_instance_tags`).
const OWNER_PREPS: &[&str] = &["of", "about", "in", "on", "for", "under", "within"];

/// Connectors kept in the name (`Topics by Tag` → `topics_by_tag`).
const KEPT_PREPS: &[&str] = &["by", "with", "to", "from", "into", "as"];

/// Relative clauses dropped up to the next preposition (`Parameters That Can Be Configured for ..`).
const CLAUSE_WORDS: &[&str] = &["that", "which", "whose", "who", "where"];

/// Lower-case words; a hyphenated compound stays one word (`Built-in` → `built_in`).
fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase().split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("_"))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The text without parenthesised parts, and the parts.
fn split_parens(text: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '（' | '[' => {
                depth += 1;
            }
            ')' | '）' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parts.push(std::mem::take(&mut current));
                }
            }
            _ if depth > 0 => current.push(c),
            _ => out.push(c),
        }
    }
    (out, parts)
}

fn is_plural(word: &str) -> bool {
    word.len() > 3
        && word.ends_with('s')
        && !["ss", "us", "is", "os"].iter().any(|s| word.ends_with(s))
        && !["status", "alias", "dns", "https", "vpcs_"].contains(&word)
}

/// `jobs` → `job`, `policies` → `policy`, `statuses` → `status`; other words unchanged.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if !is_plural(&lower) {
        return word.to_string();
    }
    let cut = |n: usize| word.get(..word.len().saturating_sub(n)).unwrap_or(word).to_string();
    if lower.ends_with("ies") && lower.len() > 4 {
        return format!("{}y", cut(3));
    }
    if ["sses", "xes", "ches", "shes", "uses"].iter().any(|s| lower.ends_with(s)) {
        return cut(2);
    }
    cut(1)
}

/// `job` → `jobs`, `policy` → `policies`; plural words unchanged.
pub fn plural(word: &str) -> String {
    // `AZs`, `IPs`: an abbreviation's plural.
    let short_plural = word.len() == 3 && word.ends_with('s') && !word.ends_with("ss") && word != "dns";
    if is_plural(word) || short_plural {
        return word.to_string();
    }
    if word.ends_with('y') && !word.ends_with("ay") && !word.ends_with("ey") && !word.ends_with("oy") {
        return format!("{}ies", word.get(..word.len() - 1).unwrap_or(word));
    }
    if ["s", "x", "ch", "sh"].iter().any(|s| word.ends_with(s)) {
        return format!("{word}es");
    }
    format!("{word}s")
}

/// Drop filler words (articles, `details`, `specified`).
fn strip_filler(words: &[String]) -> Vec<String> {
    words.iter().filter(|w| !FILLER.contains(&w.as_str())).cloned().collect()
}

/// The verb-object phrase of an English title (`None` when the title does not start with a verb).
pub fn title_phrase(title: &str) -> Option<Phrase> {
    if !is_english(title) {
        return None;
    }
    let (text, parens) = split_parens(title);
    // `a Function's Versions`: the possessive is no word of the name.
    let text = text.replace("'s ", " ").replace("\u{2019}s ", " ");
    let mut words = lower_words(&text);
    if words.is_empty() {
        return None;
    }
    let mut verb: Vec<String> = Vec::new();
    // `Batch Deleting X`, `Deleting X in Batches`.
    let mut batch = false;
    if words.first().is_some_and(|w| w == "batch" || w == "batches") && words.len() > 1 {
        batch = true;
        words.remove(0);
    }
    let first = words.first()?.clone();
    let base = VERBS.iter().find(|(w, _)| *w == first).map(|(_, v)| v.to_string()).or_else(|| {
        // Any other gerund: `Rebuilding` → `rebuild`.
        first.strip_suffix("ing").filter(|s| s.len() > 2).map(de_gerund)
    })?;
    words.remove(0);
    let mut rest = words;
    for pair in [["in", "batches"], ["in", "batch"]] {
        if let Some(i) = rest.windows(2).position(|w| w == pair) {
            rest.drain(i..i + 2);
            batch = true;
        }
    }
    if batch {
        verb.push("batch".into());
    }
    // Drop relative clauses up to the next preposition.
    let mut cleaned = Vec::new();
    let mut skipping = false;
    for w in rest {
        if CLAUSE_WORDS.contains(&w.as_str()) {
            skipping = true;
            continue;
        }
        if skipping && (OWNER_PREPS.contains(&w.as_str()) || KEPT_PREPS.contains(&w.as_str())) {
            skipping = false;
        }
        if !skipping {
            cleaned.push(w);
        }
    }
    let mut rest = cleaned;
    // `a list of X`, `the X list`, `all X`: a list.
    let mut list = base == "list";
    if let Some(i) = rest.iter().position(|w| w == "list") {
        if rest.get(i + 1).is_some_and(|w| w == "of") {
            rest.drain(i..i + 2);
        } else {
            rest.remove(i);
        }
        list = true;
    }
    if rest.first().is_some_and(|w| w == "all") {
        rest.remove(0);
        list = true;
    }
    // Head, owner and kept connectors.
    let mut head: Vec<String> = Vec::new();
    let mut owner: Vec<String> = Vec::new();
    let mut kept: Vec<String> = Vec::new();
    let mut qualifiers: Vec<Vec<String>> = Vec::new();
    let mut state = 0; // 0 head, 1 owner, 2 kept, 3 dropped tail
    let mut tail: Vec<String> = Vec::new();
    for w in rest {
        let is_owner_prep = OWNER_PREPS.contains(&w.as_str());
        let is_kept = KEPT_PREPS.contains(&w.as_str());
        match state {
            0 if is_owner_prep && !head.is_empty() => state = 1,
            0 if is_kept && !head.is_empty() => {
                state = 2;
                kept.push(w);
            }
            0 => head.push(w),
            1 if (is_owner_prep || is_kept) && !owner.is_empty() => {
                state = 3;
                tail.push(w);
            }
            1 => owner.push(w),
            2 if is_owner_prep => {
                state = 3;
                tail.push(w);
            }
            2 => kept.push(w),
            _ => tail.push(w),
        }
    }
    let head = strip_filler(&head);
    let owner = strip_filler(&owner);
    let kept: Vec<String> = kept.iter().filter(|w| !["a", "an", "the"].contains(&w.as_str())).cloned().collect();
    if !tail.is_empty() {
        let t: Vec<String> = tail.iter().filter(|w| !["a", "an", "the"].contains(&w.as_str())).cloned().collect();
        qualifiers.push(t);
    }
    for p in &parens {
        let w = strip_filler(&lower_words(p));
        if !w.is_empty() {
            qualifiers.push(w);
        }
    }
    if head.is_empty() && owner.is_empty() {
        return None;
    }
    let head_plural = head.last().is_some_and(|w| is_plural(w));
    let mut object: Vec<String> = owner;
    object.extend(head);
    object.extend(kept);
    let verb_word = match base.as_str() {
        "query" if list || head_plural => "list",
        "query" => "get",
        other => other,
    };
    if verb_word == "list" {
        // `list_training_jobs`: the last word of the head is plural (before kept connectors).
        let head_end = object.len() - object.iter().rev().take_while(|w| KEPT_PREPS.contains(&w.as_str())).count();
        let connector = object.iter().position(|w| KEPT_PREPS.contains(&w.as_str())).unwrap_or(head_end);
        if let Some(last) = connector.checked_sub(1).and_then(|i| object.get_mut(i)) {
            *last = plural(last);
        }
    }
    verb.push(verb_word.to_string());
    Some(Phrase { verb, object, qualifiers })
}

/// `rebuild` from `rebuild` (after `ing` was cut): doubled consonants and a lost `e` restored.
fn de_gerund(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 2 && b.get(n - 1) == b.get(n - 2) && !matches!(b.get(n - 1), Some(b'l' | b's' | b'z' | b'f')) {
        return stem.get(..n - 1).unwrap_or(stem).to_string();
    }
    // `manag` → `manage`, `provid` → `provide`, `clos` → `close`, `invok` → `invoke`.
    const SILENT_E: &[&str] = &[
        "ag", "at", "iz", "yz", "ur", "ir", "v", "ok", "os", "ov", "ud", "ib", "ac", "uc", "as", "us", "id", "rs",
        "bl", "pl",
    ];
    if SILENT_E.iter().any(|e| stem.ends_with(e)) && !stem.ends_with("ss") {
        return format!("{stem}e");
    }
    stem.to_string()
}

/// The verb of a Chinese title (`查询` → `list` or `get`, `创建` → `create`, ...).
pub fn zh_verb(title: &str) -> Option<Vec<String>> {
    const ZH: &[(&str, &str)] = &[
        ("查询", "query"),
        ("获取", "query"),
        ("查看", "query"),
        ("列出", "list"),
        ("创建", "create"),
        ("新建", "create"),
        ("新增", "add"),
        ("添加", "add"),
        ("删除", "delete"),
        ("修改", "update"),
        ("更新", "update"),
        ("编辑", "update"),
        ("停止", "stop"),
        ("启动", "start"),
        ("重启", "restart"),
        ("导入", "import"),
        ("导出", "export"),
        ("部署", "deploy"),
        ("上传", "upload"),
        ("下载", "download"),
        ("同步", "sync"),
        ("绑定", "bind"),
        ("解绑", "unbind"),
        ("授权", "authorize"),
        ("设置", "set"),
        ("配置", "configure"),
    ];
    let t = title.trim();
    let mut verb = Vec::new();
    let t = match t.strip_prefix("批量") {
        Some(rest) => {
            verb.push("batch".to_string());
            rest
        }
        None => t,
    };
    let (_, base) = ZH.iter().find(|(w, _)| t.starts_with(w))?;
    let base = match *base {
        "query" if t.contains("列表") || t.contains("所有") => "list",
        "query" => "get",
        other => other,
    };
    verb.push(base.to_string());
    Some(verb)
}

/// The resource a route acts on: its last static segments (`/v2/{project_id}/pools/{pool_name}/nodepools`
/// → `nodepools`), and whether the route ends in a parameter (one item, not the collection).
pub fn route_object(path: &str) -> (Vec<String>, bool) {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let item = segs.last().is_some_and(|s| s.starts_with('{'));
    let statics: Vec<&str> = segs.iter().copied().filter(|s| !s.starts_with('{') && !is_version(s)).collect();
    let last = statics.last().map(|s| lower_words(s)).unwrap_or_default();
    let words = if item { last.iter().map(|w| singular(w)).collect() } else { last };
    (words, item)
}

/// Verb-object words from the route alone (no usable title).
fn route_phrase(method: &str, path: &str) -> Phrase {
    let (object, item) = route_object(path);
    let verb = match (method.to_ascii_uppercase().as_str(), item) {
        ("GET", false) => "list",
        ("GET", true) => "get",
        ("POST", _) => "create",
        ("PUT" | "PATCH", _) => "update",
        ("DELETE", _) => "delete",
        (m, _) => return Phrase { verb: vec![m.to_ascii_lowercase()], object, qualifiers: vec![] },
    };
    Phrase { verb: vec![verb.to_string()], object, qualifiers: vec![] }
}

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
        && segs.iter().all(|s| is_version(s) || s.starts_with('{'))
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
fn join_method(p: &Phrase) -> String {
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
        path.split('/').filter(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s)).collect();
    for seg in statics.iter().rev() {
        out.push(lower_words(seg));
    }
    out.push(vec![method.to_ascii_lowercase()]);
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if is_version(seg) {
            out.push(vec![seg.to_ascii_lowercase().replace('.', "_")]);
        }
    }
    out
}

/// Words of a section or title qualifier that do not name a variant of an API: versions,
/// status (`Recommended`, `To Be Discarded`) and connectives.
const STATUS_WORDS: &[&str] = &[
    "recommended",
    "deprecated",
    "discarded",
    "to",
    "be",
    "api",
    "apis",
    "for",
    "of",
    "the",
    "and",
    "a",
    "an",
    "native",
    "old",
    "new",
    "version",
];

/// A version word (`v2`, `V1`, `0` of `v2.0`).
fn is_version_word(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit()) || is_version(w)
}

/// The naming words of the parenthesised qualifiers of an operation's title and of its docs
/// section (`Querying Images (Native OpenStack API)` → `openstack`).
fn variant_words(op: &Op) -> [Vec<String>; 2] {
    let clean = |text: &str| -> Vec<String> {
        split_parens(text)
            .1
            .iter()
            .flat_map(|p| lower_words(p))
            .filter(|w| !STATUS_WORDS.contains(&w.as_str()) && !is_version_word(w))
            .collect()
    };
    [clean(op.summary.as_deref().unwrap_or_default()), clean(&op.tag)]
}

/// The API version of an operation's path (`/v3.1/..` → (3, 1)); (0, 0) when none.
fn api_version(path: &str) -> (u32, u32) {
    let Some(seg) = path.split('/').find(|s| is_version(s)) else { return (0, 0) };
    let mut parts = seg.get(1..).unwrap_or_default().split('.').map(|d| d.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The docs say an operation is on its way out (its title, or its section: `API v1 (To Be Discarded)`).
fn is_legacy(op: &Op) -> bool {
    op.deprecated || is_deprecated(Some(&op.tag))
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
/// [`MAX_METHOD`] characters: owner words after the verb go first, as in [`join_method`].
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
    let skip = words.iter().take_while(|w| VERB_WORDS.contains(w) || **w == "batch").count().min(words.len() - 1);
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

/// Verbs method names start with (for [`object_noun`]).
const VERB_WORDS: &[&str] = &[
    "list",
    "get",
    "show",
    "desc",
    "describe",
    "create",
    "delete",
    "update",
    "add",
    "remove",
    "stop",
    "start",
    "restart",
    "query",
    "change",
    "set",
    "put",
    "post",
    "patch",
    "batch",
    "modify",
    "import",
    "export",
    "upload",
    "download",
    "sync",
    "enable",
    "disable",
    "bind",
    "unbind",
    "associate",
    "disassociate",
    "grant",
    "revoke",
    "configure",
    "deploy",
    "reset",
    "restore",
    "upgrade",
    "send",
    "publish",
    "assign",
    "apply",
    "verify",
    "check",
];

// ---------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------

/// The group of an operation: its first tag, else the first resource segment of its path.
pub fn group_of(tags: &[String], path: &str) -> String {
    if let Some(tag) = tags.first() {
        let words = lower_words(tag);
        // Versions and status words say which edition of a section, not what it is about:
        // `Backup and Restoration (API v1 (To Be Discarded))` and its v3 edition are one module.
        let kept: Vec<&String> = words
            .iter()
            .filter(|w| !["management", "apis", "api", "and", "the", "of", "for"].contains(&w.as_str()))
            .filter(|w| {
                !is_version_word(w) && !["recommended", "to", "be", "discarded", "deprecated"].contains(&w.as_str())
            })
            .collect();
        let words: Vec<String> = kept.into_iter().cloned().collect();
        if !words.is_empty() {
            return module_safe(&words.join("_"));
        }
    }
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut chosen = None;
    for (i, seg) in segs.iter().enumerate() {
        let next_is_project = segs.get(i + 1).is_some_and(|n| n.contains("project_id") || n.contains("tenant_id"));
        if seg.starts_with('{') || is_version(seg) || *seg == "api" || next_is_project {
            continue;
        }
        chosen = Some(lower_words(seg).join("_"));
        break;
    }
    module_safe(&chosen.unwrap_or_else(|| "service".to_string()))
}

fn module_safe(name: &str) -> String {
    let s = ident::snake_ident(name);
    let s = ident::unraw(&s).to_string();
    if RESERVED_MODULES.contains(&s.as_str()) || ident::is_keyword(&s) || s.starts_with('_') {
        format!("{}_api", s.trim_start_matches('_'))
    } else {
        s
    }
}

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

/// Caption words that say nothing: the type is named from its property instead.
fn meaningless(rest: &str) -> bool {
    let r = rest.trim_end_matches(|c: char| c.is_ascii_digit()).to_ascii_lowercase();
    ["object", "item", "items", "value", "values", "struct", "structure", "param", "params", "parameter", "body", ""]
        .contains(&r.as_str())
}

/// What a type's name is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    /// A name documented for exactly this structure (a component's caption): wins a clash.
    Documented(String),
    /// A name made by the pass.
    Made(String),
}

impl Candidate {
    pub fn name(&self) -> &str {
        match self {
            Candidate::Documented(n) | Candidate::Made(n) => n,
        }
    }
}

/// How a type is referenced, for naming it.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// (parent type index, JSON property name, as list items).
    pub properties: Vec<(usize, String, bool)>,
    /// Operations whose request body it is.
    pub bodies: Vec<usize>,
    /// Operations whose (success) response payload it is.
    pub responses: Vec<usize>,
    /// Operations that reach it through requests or responses, in document order.
    pub ops: BTreeSet<usize>,
}

fn pascal_words(s: &str) -> String {
    ident::type_ident(s)
}

/// `Vec<jobs>` everywhere → `Job`.
fn property_name(property: &str, list: bool) -> String {
    let p = property.strip_suffix("Value").filter(|p| !p.is_empty()).unwrap_or(property);
    let words = ident::words(p);
    let mut words: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    if list {
        if let Some(last) = words.last_mut() {
            *last = singular(last);
        }
    }
    pascal_words(&words.join("_"))
}

/// A type name without the API version the docs glue to it (`V2Job` → `Job`, `NodeV3Spec` →
/// `NodeSpec`): a version token starts the name or follows a lower-case letter, and is followed
/// by an upper-case letter or the end. The name is kept when nothing else would be left.
pub fn strip_version(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let starts = i == 0 || chars.get(i - 1).is_some_and(|p| p.is_ascii_lowercase());
        if c == 'V' && starts && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|c| c.is_ascii_digit() || *c == '_' && chars.get(j + 1).is_some_and(char::is_ascii_digit))
            {
                j += 1;
            }
            if chars.get(j).is_none_or(|c| c.is_ascii_uppercase()) {
                i = j;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    if out.is_empty() || ["Request", "Response", "Body"].contains(&out.as_str()) {
        name.to_string()
    } else {
        out
    }
}

/// The candidate name of type `i` (see the module docs), without API versions ([`strip_version`]).
pub fn type_candidate(l: &Lowered, ids: &OpIds, i: usize, usage: &[Usage], methods: &[String]) -> Candidate {
    match raw_candidate(l, ids, i, usage, methods) {
        Candidate::Documented(n) => Candidate::Documented(strip_version(&n)),
        Candidate::Made(n) => Candidate::Made(strip_version(&n)),
    }
}

/// Every operation's operationId and route id (what extraction makes of METHOD + path), for
/// finding the operation a component's name starts with; built once per crate (looking it up
/// per type made naming quadratic in the number of operations).
pub struct OpIds(HashMap<String, (usize, bool)>);

impl OpIds {
    pub fn new(l: &Lowered) -> Self {
        let mut ids = HashMap::new();
        // In operation order, the operationId before the route id: a later entry wins a tie.
        for (i, o) in l.ops.iter().enumerate() {
            ids.insert(o.operation_id.clone(), (i, o.route_id));
            ids.insert(route_id(&o.method, &o.path), (i, true));
        }
        OpIds(ids)
    }

    /// The longest id that is a proper prefix of `name`: (operation, id, whether it is a route id).
    fn longest_prefix<'n>(&self, name: &'n str) -> Option<(usize, &'n str, bool)> {
        (1..name.len()).rev().filter(|&end| name.is_char_boundary(end)).find_map(|end| {
            let id = name.get(..end)?;
            self.0.get(id).map(|&(op, from_route)| (op, id, from_route))
        })
    }
}

fn raw_candidate(l: &Lowered, ids: &OpIds, i: usize, usage: &[Usage], methods: &[String]) -> Candidate {
    let Some(t) = l.types.get(i) else { return Candidate::Made("Type".into()) };
    let u = usage.get(i).cloned().unwrap_or_default();
    let method_pascal = |op: usize| methods.get(op).map(|m| ident::type_ident(m)).unwrap_or_default();
    let from_property = || -> Option<String> {
        let (_, prop, list) = u.properties.first()?;
        let all_list = u.properties.iter().all(|(_, _, l)| *l) || *list && u.properties.len() == 1;
        Some(property_name(prop, all_list))
    };
    let as_body = |op: usize| -> String {
        if u.responses.contains(&op) || !u.responses.is_empty() {
            methods.get(op).map(|m| object_noun(m)).unwrap_or_default()
        } else {
            format!("{}Body", method_pascal(op))
        }
    };
    let as_response = |op: usize| -> String {
        match l.ops.get(op).map(|o| &o.outcome) {
            Some(Outcome::Several { arms, .. }) => {
                let variant = arms
                    .iter()
                    .find(|a| matches!(&a.payload, Payload::Json(Ty::Named(n)) if *n == t.name))
                    .map(|a| a.variant.clone())
                    .unwrap_or_default();
                format!("{}{variant}Response", method_pascal(op))
            }
            _ => format!("{}Response", method_pascal(op)),
        }
    };
    match &t.origin {
        Origin::Component(spec_name) => {
            // An operationId prefix (`GetClustersnode`, `CreateNodePoolMetaVO`).
            // The operationId, or the id extraction would make from the route (renamed operations).
            let prefix = ids
                .longest_prefix(spec_name)
                .and_then(|(op, id, from_route)| l.ops.get(op).map(|o| (op, o, id, from_route)));
            match prefix {
                Some((op, o, id, from_route)) => {
                    let o = &Op { route_id: from_route || o.route_id, ..o.clone() };
                    let rest = spec_name.get(id.len()..).unwrap_or_default();
                    let bare = rest.trim_end_matches(|c: char| c.is_ascii_digit());
                    let caption = bare.chars().next().is_some_and(|c| c.is_ascii_uppercase());
                    let other_component = l.types.iter().any(|t| t.origin == Origin::Component(bare.to_string()));
                    match bare {
                        // One of several documented bodies (`...RequestBodyWithImageUrl`): `CreateImageWithImageUrl`.
                        _ if bare.starts_with("RequestBodyWith") => {
                            let body_op = u.bodies.first().copied().unwrap_or(op);
                            Candidate::Made(format!(
                                "{}{}",
                                method_pascal(body_op),
                                bare.trim_start_matches("RequestBody")
                            ))
                        }
                        // `PostV10EventsResponse2`: a structure inside the response, not the response.
                        "Response" | "RequestBody"
                            if bare.len() != rest.len() && u.responses.is_empty() && u.bodies.is_empty() =>
                        {
                            let object = object_noun(methods.get(op).map_or("", |m| m));
                            Candidate::Made(
                                from_property()
                                    .filter(|p| !meaningless(p) && !p.starts_with("Array"))
                                    .unwrap_or_else(|| format!("{object}Item")),
                            )
                        }
                        "RequestBody" => {
                            let body_op = u.bodies.first().copied().unwrap_or(op);
                            Candidate::Made(as_body(body_op))
                        }
                        "Response" => {
                            let resp_op = u.responses.first().copied().unwrap_or(op);
                            Candidate::Made(as_response(resp_op))
                        }
                        _ if meaningless(bare) => Candidate::Made(
                            from_property()
                                .unwrap_or_else(|| format!("{}Item", object_noun(methods.get(op).map_or("", |m| m)))),
                        ),
                        // `CreateNodePoolMetaVO`: a caption that starts with the operation's name.
                        _ if caption && !other_component && !o.route_id && bare.len() == rest.len() => {
                            Candidate::Documented(pascal_words(spec_name))
                        }
                        // `ExportTaskExportParams` (another `ExportParams` exists), `GetClustersnode`.
                        _ => {
                            let list = !u.properties.is_empty() && u.properties.iter().all(|(_, _, l)| *l);
                            Candidate::Made(property_name(bare, list))
                        }
                    }
                }
                None => {
                    let bare = spec_name.trim_end_matches(|c: char| c.is_ascii_digit());
                    let list = !u.properties.is_empty() && u.properties.iter().all(|(_, _, l)| *l);
                    let lower_caption = bare.chars().next().is_some_and(|c| c.is_ascii_lowercase());
                    if meaningless(bare) {
                        Candidate::Made(from_property().unwrap_or_else(|| pascal_words(bare)))
                    } else if lower_caption || bare.len() != spec_name.len() {
                        // `result parameters` describing the `result_detail` field: the field's fuller name.
                        let fuller = u.properties.first().map(|(_, p, _)| p.as_str()).filter(|p| {
                            p.len() > bare.len()
                                && p.starts_with(bare)
                                && u.properties.iter().all(|(_, q, _)| q.as_str() == *p)
                        });
                        Candidate::Made(property_name(fuller.unwrap_or(bare), list))
                    } else if !u.responses.is_empty() && bare.contains("Request") {
                        let op = u.responses.first().copied().unwrap_or_default();
                        Candidate::Made(methods.get(op).map(|m| object_noun(m)).unwrap_or_else(|| pascal_words(bare)))
                    } else {
                        Candidate::Documented(pascal_words(bare))
                    }
                }
            }
        }
        Origin::Property { property, list, .. } => Candidate::Made(property_name(property, *list)),
        Origin::Body { op } => Candidate::Made(as_body(*op)),
        Origin::Response { op, .. } => Candidate::Made(as_response(*op)),
        Origin::Param { param, .. } => Candidate::Made(property_name(param, false)),
    }
}

/// References of every type: properties, bodies, responses, and the operations reaching it.
pub fn usage(l: &Lowered) -> Vec<Usage> {
    let index: HashMap<&str, usize> = l.types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let mut out: Vec<Usage> = vec![Usage::default(); l.types.len()];
    fn named(ty: &Ty) -> (Option<&str>, bool) {
        match ty {
            Ty::Named(n) => (Some(n), false),
            Ty::Vec(inner) => (named(inner).0, true),
            Ty::Map(inner) => (named(inner).0, false),
            _ => (None, false),
        }
    }
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); l.types.len()];
    for (i, t) in l.types.iter().enumerate() {
        let mut add = |ty: &Ty, prop: &str| {
            if let (Some(n), list) = named(ty) {
                if let Some(&j) = index.get(n) {
                    if let Some(u) = out.get_mut(j) {
                        u.properties.push((i, prop.to_string(), list));
                    }
                    if let Some(e) = edges.get_mut(i) {
                        e.push(j);
                    }
                }
            }
        };
        match &t.kind {
            Kind::Struct(fields) => fields.iter().for_each(|f| add(&f.ty, &f.wire)),
            Kind::OneOf(vs) => vs.iter().for_each(|(v, ty)| add(ty, v)),
            Kind::Alias(ty) => add(ty, "item"),
            Kind::Enum(_) => {}
        }
    }
    for (k, op) in l.ops.iter().enumerate() {
        let mut roots = Vec::new();
        for p in &op.params {
            roots.extend(named(&p.ty).0);
        }
        if let Some(b) = &op.body {
            if let (Some(n), _) = named(&b.ty) {
                roots.push(n);
                if let Some(u) = index.get(n).and_then(|&j| out.get_mut(j)) {
                    u.bodies.push(k);
                }
            }
        }
        let arms: Vec<&super::model::Success> = match &op.outcome {
            Outcome::Single(s) => vec![s],
            Outcome::Several { arms, .. } => arms.iter().collect(),
            Outcome::Undocumented => vec![],
        };
        for a in arms {
            if let Payload::Json(ty) = &a.payload {
                if let (Some(n), _) = named(ty) {
                    roots.push(n);
                    if let Some(u) = index.get(n).and_then(|&j| out.get_mut(j)) {
                        u.responses.push(k);
                    }
                }
            }
        }
        let mut seen = HashSet::new();
        let mut stack: Vec<usize> = roots.iter().filter_map(|n| index.get(n).copied()).collect();
        while let Some(j) = stack.pop() {
            if seen.insert(j) {
                if let Some(u) = out.get_mut(j) {
                    u.ops.insert(k);
                }
                stack.extend(edges.get(j).into_iter().flatten().copied());
            }
        }
    }
    out
}

/// The same structure (docs aside): two such types wanting one name become one type.
fn same_shape(a: &Kind, b: &Kind) -> bool {
    match (a, b) {
        (Kind::Struct(x), Kind::Struct(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(f, g)| f.wire == g.wire && f.ty == g.ty && f.required == g.required)
        }
        // The same values are the same wire type; the docs of the first are kept.
        (Kind::Enum(x), Kind::Enum(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| v.value == w.value),
        (Kind::OneOf(x), Kind::OneOf(y)) => x == y,
        (Kind::Alias(x), Kind::Alias(y)) => x == y,
        _ => false,
    }
}

/// Final type names (candidates, then clashes resolved by owner and operation names), and for
/// each type the type it is merged into (same name wanted, same structure).
pub fn type_names(
    l: &Lowered,
    usage: &[Usage],
    methods: &[String],
    reserved: &HashSet<String>,
) -> (Vec<String>, Vec<Option<usize>>) {
    let n = l.types.len();
    let ids = OpIds::new(l);
    let cands: Vec<Candidate> = (0..n).map(|i| type_candidate(l, &ids, i, usage, methods)).collect();
    let mut merged: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        if merged.get(i).copied().flatten().is_some() {
            continue;
        }
        for j in i + 1..n {
            let (Some(a), Some(b)) = (l.types.get(i), l.types.get(j)) else { continue };
            let same_name = cands.get(i).map(Candidate::name) == cands.get(j).map(Candidate::name);
            if same_name && merged.get(j).copied().flatten().is_none() && same_shape(&a.kind, &b.kind) {
                if let Some(m) = merged.get_mut(j) {
                    *m = Some(i);
                }
            }
        }
    }
    let index: HashMap<&str, usize> = l.types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
    let owner_word = |i: usize, round: usize| -> Option<String> {
        let t = l.types.get(i)?;
        let u = usage.get(i)?;
        let first_op = u.ops.iter().next().copied().or_else(|| u.bodies.first().copied());
        let op_of_origin = match &t.origin {
            Origin::Body { op } | Origin::Response { op, .. } | Origin::Param { op, .. } => Some(*op),
            _ => None,
        };
        let parent = match &t.origin {
            Origin::Property { parent, .. } => index.get(parent.as_str()).copied(),
            _ => u.properties.first().map(|(p, _, _)| *p),
        };
        // A body or response owner stands for its operation's object (`TrainingJob`, not `ListTrainingJobsResponse`).
        let parent_name = parent.and_then(|p| {
            let c = cands.get(p)?.name();
            let pu = usage.get(p)?;
            let role_op = match &l.types.get(p)?.origin {
                Origin::Body { op } | Origin::Response { op, .. } => Some(*op),
                _ if c.ends_with("Body") || c.ends_with("Response") => {
                    pu.bodies.first().or(pu.responses.first()).copied()
                }
                _ => None,
            };
            Some(match role_op.and_then(|op| methods.get(op)) {
                Some(m) => object_noun(m),
                None => c.to_string(),
            })
        });
        let op_name = op_of_origin.or(first_op).and_then(|op| methods.get(op));
        match round {
            0 => parent_name.or_else(|| op_name.map(|m| object_noun(m))),
            1 => parent
                .and_then(|p| cands.get(p))
                .map(|c| c.name().to_string())
                .or_else(|| op_name.map(|m| ident::type_ident(m))),
            _ => op_name.map(|m| ident::type_ident(m)),
        }
    };
    // The candidate name of the type a type is a property of.
    let parent_name = |i: usize| -> Option<&str> {
        let p = match &l.types.get(i)?.origin {
            Origin::Property { parent, .. } => index.get(parent.as_str()).copied(),
            _ => usage.get(i)?.properties.first().map(|(p, _, _)| *p),
        }?;
        cands.get(p).map(Candidate::name)
    };
    let mut names: Vec<String> = cands.iter().map(|c| c.name().to_string()).collect();
    let mut documented: Vec<bool> = cands.iter().map(|c| matches!(c, Candidate::Documented(_))).collect();
    // Round 4: the operation and the side (`Body`, `Response`) the type is reached from.
    let role_owner = |i: usize| -> Option<String> {
        let mut k = i;
        for _ in 0..16 {
            let u = usage.get(k)?;
            if let Some(op) = u.bodies.first() {
                return Some(format!("{}Body", ident::type_ident(methods.get(*op)?)));
            }
            if let Some(op) = u.responses.first() {
                return Some(format!("{}Response", ident::type_ident(methods.get(*op)?)));
            }
            k = match &l.types.get(k)?.origin {
                Origin::Property { parent, .. } => index.get(parent.as_str()).copied()?,
                _ => u.properties.first().map(|(p, _, _)| *p)?,
            };
        }
        None
    };
    for round in 0..6 {
        let current = names.clone();
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, name) in names.iter().enumerate() {
            if merged.get(i).copied().flatten().is_none() {
                groups.entry(name.clone()).or_default().push(i);
            }
        }
        let mut changed = false;
        for (name, members) in groups {
            let reserved_hit = reserved.contains(&name);
            if members.len() < 2 && !reserved_hit {
                continue;
            }
            // A documented name wins; else the type most owners share keeps the plain name.
            let keeper = {
                let docs: Vec<usize> = members.iter().copied().filter(|&i| documented.get(i) == Some(&true)).collect();
                let owners = |i: usize| {
                    let mut all: Vec<usize> = Vec::new();
                    for k in 0..n {
                        if merged.get(k).copied().flatten() == Some(i) || k == i {
                            // Direct owners only: parent types, and operations using it as a parameter.
                            if let Some(u) = usage.get(k) {
                                all.extend(u.properties.iter().map(|(p, _, _)| *p + n * 2));
                            }
                            if let Some(Origin::Param { op, .. }) = l.types.get(k).map(|t| &t.origin) {
                                all.push(*op);
                            }
                        }
                    }
                    all.sort_unstable();
                    all.dedup();
                    all.len()
                };
                if reserved_hit {
                    None
                } else if docs.len() == 1 {
                    docs.first().copied()
                } else if round == 0 && docs.is_empty() {
                    let counts: Vec<(usize, usize)> = members.iter().map(|&i| (owners(i), i)).collect();
                    let max = counts.iter().map(|c| c.0).max().unwrap_or(0);
                    let top: Vec<usize> = counts.iter().filter(|c| c.0 == max).map(|c| c.1).collect();
                    (max > 1 && top.len() == 1).then(|| top.first().copied()).flatten()
                } else {
                    None
                }
            };
            for i in members {
                if Some(i) == keeper {
                    continue;
                }
                let body_of = usage.get(i).and_then(|u| u.bodies.first()).and_then(|op| methods.get(*op));
                // Round 3: the parent's final name (`PoolSpec` + `ExtendParam`).
                let parent_final = || -> Option<String> {
                    let t = l.types.get(i)?;
                    let p = match &t.origin {
                        Origin::Property { parent, .. } => index.get(parent.as_str()).copied(),
                        _ => usage.get(i)?.properties.first().map(|(p, _, _)| *p),
                    }?;
                    current.get(p).cloned()
                };
                let owner = match round {
                    3 => parent_final(),
                    4 => role_owner(i),
                    _ => owner_word(i, round),
                };
                let qualified = match owner {
                    Some(owner) if round == 3 || round == 4 => {
                        let base = cands.get(i).map(Candidate::name).unwrap_or(&name).to_string();
                        format!("{owner}{base}")
                    }
                    // A body that is also returned, when its object's name is taken: `<Method>Body`.
                    _ if round == 1 && body_of.is_some() => {
                        format!("{}Body", body_of.map(|m| ident::type_ident(m)).unwrap_or_default())
                    }
                    // `Spec` under `PoolSpec`: the owner's name, unless that is its own parent's name.
                    Some(owner) if round == 0 && owner.ends_with(&name) && Some(owner.as_str()) != parent_name(i) => {
                        owner
                    }
                    Some(owner) if round < 3 => {
                        let base = cands.get(i).map(Candidate::name).unwrap_or(&name).to_string();
                        if base.starts_with(&owner) {
                            format!("{owner}{}", base.trim_start_matches(&owner))
                        } else {
                            format!("{owner}{base}")
                        }
                    }
                    _ => l.types.get(i).map(|t| spelled(&t.name)).unwrap_or_default(),
                };
                if let Some(slot) = names.get_mut(i) {
                    if *slot != qualified {
                        *slot = qualified;
                        changed = true;
                    }
                }
                if let Some(d) = documented.get_mut(i) {
                    *d = false;
                }
            }
        }
        if !changed {
            break;
        }
    }
    settle_types(l, &mut names, &merged, reserved);
    for i in 0..n {
        if let Some(Some(keeper)) = merged.get(i) {
            let name = names.get(*keeper).cloned().unwrap_or_default();
            if let Some(slot) = names.get_mut(i) {
                *slot = name;
            }
        }
    }
    (names, merged)
}

/// What the rounds left: a name two types have, or a reserved one (a property `result` makes
/// `Result`). Each later type takes its provisional name spelled out (those are unique), with
/// `Model` added while that is taken: a crate that compiles.
fn settle_types(l: &Lowered, names: &mut [String], merged: &[Option<usize>], reserved: &HashSet<String>) {
    let mut taken: HashSet<String> = reserved.clone();
    let own: Vec<usize> = (0..names.len()).filter(|&i| merged.get(i).copied().flatten().is_none()).collect();
    // First come the names that are free: a clash renames its later members only.
    let mut clashing = Vec::new();
    for &i in &own {
        let Some(name) = names.get(i) else { continue };
        if !taken.insert(name.clone()) {
            clashing.push(i);
        }
    }
    for i in clashing {
        let mut candidate = l.types.get(i).map(|t| spelled(&t.name)).unwrap_or_default();
        while taken.contains(&candidate) {
            candidate.push_str("Model");
        }
        taken.insert(candidate.clone());
        if let Some(slot) = names.get_mut(i) {
            *slot = candidate;
        }
    }
}

/// Last resort for a clash: the provisional name with digits spelled out.
fn spelled(name: &str) -> String {
    const DIGITS: [&str; 10] = ["Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine"];
    let mut out = String::new();
    for c in ident::type_ident(name).chars() {
        match c.to_digit(10).and_then(|d| DIGITS.get(d as usize)) {
            Some(w) => out.push_str(w),
            None => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Enum variants
// ---------------------------------------------------------------------------

/// A value that names itself (`on_demand`, `RUNNING`, `v2`), unlike `0` or `-1`.
/// A value that names its variant itself: a word (`on_demand` -> `OnDemand`), or the empty
/// string (`Empty`, whatever its meaning says).
fn is_word_value(v: &str) -> bool {
    v.is_empty()
        || (v.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && v.chars().any(|c| c.is_ascii_alphabetic()))
}

/// A variant name from an English meaning: `pay-per-use` → `PayPerUse`, `The job is running.` →
/// `JobIsRunning`; `None` for long sentences.
pub fn meaning_ident(meaning: &str) -> Option<String> {
    let head = meaning.split([':', ',', '.', ';', '(', '，', '：', '。', '\n']).next().unwrap_or_default();
    let words: Vec<String> =
        lower_words(head).into_iter().filter(|w| !["the", "a", "an"].contains(&w.as_str())).collect();
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    let id = ident::variant_ident(&words.join("_"));
    (id.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && id != "Unknown").then_some(id)
}

/// Variant names of one enum: (value, English meaning) → names.
pub fn variant_names(values: &[(String, Option<String>)]) -> Vec<String> {
    let by_value: Vec<String> = values.iter().map(|(v, _)| ident::variant_ident(v)).collect();
    let needs_meaning = values.iter().any(|(v, _)| !is_word_value(v));
    let mut out = by_value.clone();
    if needs_meaning {
        let from_meaning: Option<Vec<String>> = values
            .iter()
            .zip(&by_value)
            .map(
                |((v, m), byv)| if is_word_value(v) { Some(byv.clone()) } else { m.as_deref().and_then(meaning_ident) },
            )
            .collect();
        if let Some(names) = from_meaning {
            let unique: HashSet<&String> = names.iter().collect();
            if unique.len() == names.len() {
                out = names;
            }
        }
    }
    // Still equal after sanitising (`a-b`, `a_b`): the later ones keep more of the value.
    let mut seen: HashSet<String> = HashSet::from(["Unknown".to_string()]);
    for (i, name) in out.iter_mut().enumerate() {
        if !seen.insert(name.clone()) {
            let raw = values.get(i).map(|(v, _)| v.as_str()).unwrap_or_default();
            let mut alt =
                format!("{name}{}", ident::pascal_ident(&raw.replace(|c: char| c.is_ascii_alphanumeric(), ""), "V"));
            if alt == *name || seen.contains(&alt) {
                alt = format!("{name}Alt");
            }
            while seen.contains(&alt) {
                alt.push_str("Alt");
            }
            seen.insert(alt.clone());
            *name = alt;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The pass
// ---------------------------------------------------------------------------

fn rename_ty(ty: &mut Ty, map: &HashMap<String, String>) {
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
fn prune(l: &mut Lowered, responses: &[Ty]) {
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

/// Decide every public name of `l` and rewrite the references (`responses` too).
pub fn apply(l: &mut Lowered, responses: &mut [Ty]) {
    prune(l, responses);
    // Modules.
    for op in &mut l.ops {
        if op.group.is_empty() {
            op.group = group_of(&[], &op.path);
        }
    }
    // Methods, request types, response enums.
    let methods = method_names(&l.ops);
    let mut reserved: HashSet<String> = PRELUDE.iter().map(|s| s.to_string()).collect();
    for (op, name) in l.ops.iter_mut().zip(&methods) {
        op.fn_name = name.clone();
        let pascal = ident::type_ident(name);
        op.request = format!("{pascal}Request");
        reserved.insert(op.request.clone());
        if let Outcome::Several { name, .. } = &mut op.outcome {
            *name = format!("{pascal}Response");
            reserved.insert(name.clone());
        }
        if let Some(headers) = &mut op.headers {
            headers.name = format!("{pascal}Headers");
            reserved.insert(headers.name.clone());
        }
    }
    // Types.
    let uses = usage(l);
    let (names, merged) = type_names(l, &uses, &methods, &reserved);
    let map: HashMap<String, String> = l.types.iter().zip(&names).map(|(t, n)| (t.name.clone(), n.clone())).collect();
    // Merged types: their references now name the keeper; the keeper serves all their operations.
    let mut uses = uses;
    for (i, m) in merged.iter().enumerate() {
        if let Some(k) = m {
            let ops = uses.get(i).map(|u| u.ops.clone()).unwrap_or_default();
            if let Some(u) = uses.get_mut(*k) {
                u.ops.extend(ops);
            }
        }
    }
    for (i, t) in l.types.iter_mut().enumerate() {
        if let Some(n) = names.get(i) {
            t.name = n.clone();
        }
        let groups: BTreeSet<&str> = uses
            .get(i)
            .map(|u| u.ops.iter().filter_map(|&k| l.ops.get(k)).map(|o| o.group.as_str()).collect())
            .unwrap_or_default();
        t.module = match groups.len() {
            1 => groups.first().map(|g| g.to_string()).unwrap_or_default(),
            _ => SHARED_MODULE.to_string(),
        };
        match &mut t.kind {
            Kind::Struct(fields) => fields.iter_mut().for_each(|f| rename_ty(&mut f.ty, &map)),
            Kind::OneOf(vs) => {
                for (v, ty) in vs.iter_mut() {
                    if let Ty::Named(old) = ty {
                        if old == v {
                            if let Some(new) = map.get(old.as_str()) {
                                *v = new.clone();
                            }
                        }
                    }
                    rename_ty(ty, &map);
                }
            }
            Kind::Alias(ty) => rename_ty(ty, &map),
            Kind::Enum(vs) => {
                let input: Vec<(String, Option<String>)> =
                    vs.iter().map(|v| (v.value.clone(), v.meaning.clone())).collect();
                for (v, name) in vs.iter_mut().zip(variant_names(&input)) {
                    v.ident = name;
                }
            }
        }
    }
    for op in &mut l.ops {
        for p in &mut op.params {
            rename_ty(&mut p.ty, &map);
        }
        if let Some(b) = &mut op.body {
            rename_ty(&mut b.ty, &map);
        }
        let arms: Vec<&mut super::model::Success> = match &mut op.outcome {
            Outcome::Single(s) => vec![s],
            Outcome::Several { arms, .. } => arms.iter_mut().collect(),
            Outcome::Undocumented => vec![],
        };
        for a in arms {
            if let Payload::Json(ty) = &mut a.payload {
                rename_ty(ty, &map);
            }
        }
    }
    for ty in responses.iter_mut() {
        rename_ty(ty, &map);
    }
    let mut i = 0;
    l.types.retain(|_| {
        let keep = merged.get(i).copied().flatten().is_none();
        i += 1;
        keep
    });
    // Example tests, named after the final methods.
    let mut tests = ident::Namer::snake().reserve(["round_trip", "same"]);
    for ex in &mut l.examples {
        rename_ty(&mut ex.ty, &map);
        let fn_name = l.ops.get(ex.op).map(|o| ident::unraw(&o.fn_name).to_string()).unwrap_or_default();
        ex.test_name = tests.claim(&ident::snake_ident(&format!("{fn_name}_{}_{}", ex.part, ex.name)));
        ex.what = format!("{fn_name} {} {}", ex.part, ex.name);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    fn name(title: &str) -> String {
        join_method(&title_phrase(title).unwrap_or_else(|| panic!("no phrase for {title:?}")))
    }

    #[test]
    fn methods_from_titles() {
        let table = [
            ("Querying a Training Job List", "list_training_jobs"),
            ("Querying a List of Training Job Configurations", "list_training_job_configurations"),
            ("Querying the Details About a Training Job Version", "get_training_job_version"),
            ("Querying Details About a Workspace", "get_workspace"),
            ("Creating a Development Environment Instance", "create_development_environment_instance"),
            ("Deleting a Model", "delete_model"),
            ("Modifying the Description of a Training Job", "update_training_job_description"),
            ("Stopping the Version of a Data Processing Task", "stop_data_processing_task_version"),
            ("Restarting an ML Studio Instance", "restart_ml_studio_instance"),
            ("Querying Tags of a DB Instance", "list_db_instance_tags"),
            ("Obtaining a DB Instance List", "list_db_instances"),
            ("Querying VPCs", "list_vpcs"),
            ("Querying a Port", "get_port"),
            ("Querying Topics by Tag", "list_topics_by_tag"),
            ("Adding Samples in Batches", "batch_add_samples"),
            ("Obtaining Nodes in a Resource Pool", "list_resource_pool_nodes"),
            ("Querying User Details (Recommended)", "get_user"),
            ("Obtaining the List of Parameters That Can Be Configured for a Node Pool", "list_node_pool_parameters"),
            ("Associating a Subnet with a Network ACL", "associate_subnet_with_network_acl"),
            ("Listing Custom Policies", "list_custom_policies"),
            ("Querying the Status of a Dataset Synchronization Task", "get_dataset_synchronization_task_status"),
            ("Rebooting Servers", "reboot_servers"),
            ("Rebuilding a Server", "rebuild_server"),
            ("Managing a Development Environment Instance", "manage_development_environment_instance"),
            ("Purchasing a Package", "purchase_package"),
            ("Querying a Built-in Algorithm", "get_built_in_algorithm"),
            ("Invoking a Function", "invoke_function"),
            ("Querying the List of Permissions of an Agency on a Domain", "list_agency_permissions"),
            ("Deploying a Model as a Service", "deploy_model_as_service"),
            ("Querying ECS Operations by Request ID", "list_ecs_operations_by_request_id"),
        ];
        for (title, want) in table {
            assert_eq!(name(title), want, "{title:?}");
        }
        assert_eq!(title_phrase("API Version Query"), None);
        assert_eq!(title_phrase("创建节点池"), None);
    }

    #[test]
    fn long_names_are_cut_from_the_owner() {
        let n = name(
            "Querying the Major Version Upgrade Check History of a DB Instance of the Primary Region Cluster Group",
        );
        assert!(n.len() <= MAX_METHOD, "{n}");
        assert!(n.starts_with("get_") && n.ends_with("history"), "{n}");
    }

    #[test]
    fn chinese_titles_take_the_object_from_the_route() {
        assert_eq!(zh_verb("批量删除节点"), Some(vec!["batch".to_string(), "delete".to_string()]));
        assert_eq!(zh_verb("查询节点池列表"), Some(vec!["list".to_string()]));
        assert_eq!(zh_verb("查询节点池"), Some(vec!["get".to_string()]));
        assert_eq!(
            route_object("/v2/{project_id}/pools/{pool_name}/nodepools"),
            (vec!["nodepools".to_string()], false)
        );
        assert_eq!(route_object("/v1/{project_id}/servers/{server_id}"), (vec!["server".to_string()], true));
    }

    #[test]
    fn route_ids_are_recognised() {
        assert!(is_route_id("GetDemanagerInstances", "get", "/v1/{project_id}/demanager/instances"));
        assert!(is_route_id(
            "PostDemanagerInstancesByInstanceIdActionRestartingMlStudioInstance",
            "post",
            "/v1/{project_id}/demanager/instances/{instance_id}/action"
        ));
        assert!(!is_route_id("CreateNodePool", "post", "/v2/{project_id}/pools/{pool_name}/nodepools"));
    }

    #[test]
    fn singular_and_plural() {
        for (p, s) in [
            ("jobs", "job"),
            ("policies", "policy"),
            ("statuses", "status"),
            ("status", "status"),
            ("boxes", "box"),
            ("vpcs", "vpc"),
        ] {
            assert_eq!(singular(p), s);
        }
        for (s, p) in [("job", "jobs"), ("policy", "policies"), ("box", "boxes"), ("jobs", "jobs"), ("key", "keys")] {
            assert_eq!(plural(s), p);
        }
    }

    #[test]
    fn groups_from_tags_or_paths() {
        assert_eq!(group_of(&["Node Pool Management".to_string()], "/x"), "node_pool");
        assert_eq!(group_of(&[], "/v2/{project_id}/datasets/{dataset_id}/versions"), "datasets");
        assert_eq!(group_of(&[], "/api/v3/projects/{project_id}/clusters"), "clusters");
        assert_eq!(group_of(&[], "/v3/users"), "users");
        assert_eq!(group_of(&[], "/v1/{project_id}/services"), "services");
        assert_eq!(group_of(&[], "/v1/models"), "models_api");
    }

    #[test]
    fn variants_from_meanings_or_values() {
        let v = |pairs: &[(&str, Option<&str>)]| {
            variant_names(&pairs.iter().map(|(a, b)| (a.to_string(), b.map(str::to_string))).collect::<Vec<_>>())
        };
        assert_eq!(v(&[("0", Some("pay-per-use")), ("1", Some("yearly/monthly"))]), ["PayPerUse", "YearlyMonthly"]);
        assert_eq!(v(&[("0", Some("按需计费")), ("1", None)]), ["V0", "V1"], "no English meaning: from the value");
        assert_eq!(v(&[("0", Some("running")), ("1", Some("running"))]), ["V0", "V1"], "meanings not distinct");
        assert_eq!(v(&[("UP", Some("normal")), ("", Some("There is no host information."))]), ["Up", "Empty"]);
        assert_eq!(v(&[("0", Some("pay-per-use")), ("", Some("not set"))]), ["PayPerUse", "Empty"]);
        assert_eq!(v(&[("asc", Some("ascending")), ("desc", None)]), ["Asc", "Desc"], "words name themselves");
        assert_eq!(v(&[("-1", Some("The job failed.")), ("0", Some("Job created"))]), ["JobFailed", "JobCreated"]);
        assert_eq!(v(&[("a-b", None), ("a_b", None)]), ["Ab", "AbAlt"]);
    }

    #[test]
    fn object_nouns() {
        assert_eq!(object_noun("create_node_pool"), "NodePool");
        assert_eq!(object_noun("list_training_jobs"), "TrainingJob");
        assert_eq!(object_noun("batch_add_samples"), "Sample");
        assert_eq!(object_noun("get"), "Get");
        assert_eq!(object_noun("list_vpcs_legacy"), "LegacyVpc");
        assert_eq!(object_noun("list_security_groups_openstack"), "OpenstackSecurityGroup");
        assert_eq!(object_noun("get_vpc_legacy"), "LegacyVpc");
        assert_eq!(object_noun("list_all_disks_detail"), "AllDisksDetail");
    }

    fn titled(method: &str, path: &str, title: &str, tag: &str) -> Op {
        Op {
            method: method.into(),
            path: path.into(),
            operation_id: route_id(method, path),
            summary: Some(title.into()),
            route_id: true,
            group: group_of(&[tag.to_string()], path),
            tag: tag.into(),
            deprecated: is_deprecated(Some(title)),
            fn_name: String::new(),
            request: String::new(),
            docs: vec![],
            params: vec![],
            body: None,
            outcome: Outcome::Undocumented,
            headers: None,
            errors: vec![],
        }
    }

    #[test]
    fn variants_of_one_api_are_told_apart_by_words() {
        let ops = [
            titled(
                "POST",
                "/v1/{project_id}/security-groups",
                "Creating a Security Group",
                "Security Group (VPC APIs (V1/V2))",
            ),
            titled(
                "POST",
                "/v3/{project_id}/vpc/security-groups",
                "Creating a Security Group",
                "Security Group (VPC APIs (V3))",
            ),
            titled(
                "POST",
                "/v2.0/security-groups",
                "Creating a Security Group",
                "Security Group (Native OpenStack Neutron APIs (V2.0))",
            ),
            titled(
                "GET",
                "/v2.0/dnat_rules",
                "Querying DNAT Rules",
                "DNAT Rules (APIs for Public NAT Gateways (v2.0))",
            ),
            titled(
                "GET",
                "/v3/{project_id}/private-nat/dnat-rules",
                "Querying DNAT Rules",
                "DNAT Rules (APIs for Private NAT Gateways (v3.0))",
            ),
            titled("GET", "/v3.0/OS-USER/users/{user_id}", "Querying User Details (Recommended)", "User Management"),
            titled("GET", "/v3/users/{user_id}", "Querying User Details", "User Management"),
            titled("GET", "/v3", "Querying Information About API v3", "API Version Query"),
            titled(
                "GET",
                "/rds/v1/{project_id}/flavors/{flavorId}",
                "Obtaining Specified DB Instance Specifications",
                "X",
            ),
        ];
        assert_eq!(
            method_names(&ops),
            [
                "create_security_group_legacy",
                "create_security_group",
                "create_security_group_openstack",
                "list_dnat_rules_public",
                "list_dnat_rules_private",
                "get_user",
                "get_user_legacy",
                "get_api_version",
                "get_db_instance_specification",
            ]
        );
        assert_eq!(group_of(&["Backup and Restoration (API v1 (To Be Discarded))".into()], "/x"), "backup_restoration");
        assert_eq!(group_of(&["Bandwidth (V2.0)".into()], "/x"), "bandwidth");
    }

    /// FunctionGraph: the qualifiers that tell these two apart are cut off again by the length limit.
    #[test]
    fn a_clash_the_length_limit_makes_is_told_apart_by_the_words_it_left_out() {
        let ops = [
            titled(
                "GET",
                "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config",
                "Querying Asynchronous Execution Notification Settings of a Function Version",
                "Asynchronous Execution Notification",
            ),
            titled(
                "GET",
                "/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-configs",
                "Querying Asynchronous Execution Notification Settings of a Function's All Versions",
                "Asynchronous Execution Notification",
            ),
        ];
        let names = method_names(&ops);
        // The inner words give way, never the verb, the object or the words that tell them apart.
        assert_eq!(names.first().map(String::as_str), Some("list_execution_settings_function_version"));
        assert_eq!(names.get(1).map(String::as_str), Some("list_execution_settings_function_all_versions"));
        assert!(names.iter().all(|n| n.len() <= MAX_METHOD));
    }

    #[test]
    fn versions_leave_type_names() {
        assert_eq!(strip_version("V2Job"), "Job");
        assert_eq!(strip_version("V3NodeSpec"), "NodeSpec");
        assert_eq!(strip_version("DbInstanceV1_0"), "DbInstance");
        assert_eq!(strip_version("ScalingPolicyV2ScalingPolicy"), "ScalingPolicyScalingPolicy");
        assert_eq!(strip_version("Ipv6Bandwidth"), "Ipv6Bandwidth");
        assert_eq!(strip_version("PublicIPV4"), "PublicIPV4");
        assert_eq!(strip_version("V3"), "V3");
        assert_eq!(plural("az"), "azs");
        assert_eq!(plural("azs"), "azs");
    }
}
