//! The zh/en vocabulary of Huawei Cloud API pages, as data.
//!
//! Every phrase the readers and the extractor recognise lives here, so adding a
//! language variant or a new wording is a one-line change, not a code path.

/// Column headers, by the role the column plays in a parameter table.
pub const NAME_HEADERS: &[&str] = &["参数", "参数名", "参数名称", "名称", "Parameter", "Parameters", "Name", "Field"];
pub const REQUIRED_HEADERS: &[&str] = &["是否必选", "必选", "是否必填", "必填", "Mandatory", "Required"];
pub const TYPE_HEADERS: &[&str] = &["参数类型", "类型", "Type", "Data Type", "Parameter Type"];
pub const DESCRIPTION_HEADERS: &[&str] = &["描述", "说明", "参数说明", "Description"];
pub const STATUS_HEADERS: &[&str] = &[
    "状态码",
    "Status Code",
    "Status code",
    "HTTP Status Code",
    "Returned Value",
    "Return Value",
    "Return Code",
    "Returned Code",
];
pub const ERROR_CODE_HEADERS: &[&str] = &["错误码", "Error Code", "Error code"];
pub const ERROR_MESSAGE_HEADERS: &[&str] = &["错误信息", "Error Message", "Error message"];
/// Other columns of API tables (error-code tables, value tables).
pub const OTHER_HEADERS: &[&str] = &[
    "处理措施",
    "解决方案",
    "错误描述",
    "取值范围",
    "默认值",
    "Solution",
    "Handling Measure",
    "Error Codes",
    "Error Description",
    "Value Range",
    "Default Value",
];

/// Every word that can head a column of an API table.
pub fn is_header_word(s: &str) -> bool {
    [
        NAME_HEADERS,
        REQUIRED_HEADERS,
        TYPE_HEADERS,
        DESCRIPTION_HEADERS,
        STATUS_HEADERS,
        ERROR_CODE_HEADERS,
        ERROR_MESSAGE_HEADERS,
        OTHER_HEADERS,
    ]
    .iter()
    .any(|list| contains_ci(list, s))
}

/// Cells saying a section or table has nothing in it.
pub const NONE_MARKERS: &[&str] = &["None", "N/A", "NA", "无", "不涉及", "-", "—", "/"];

pub fn is_none_marker(s: &str) -> bool {
    contains_ci(NONE_MARKERS, s.trim().trim_end_matches(['.', '。']))
}

/// Row names standing for the elements of a body that is a JSON array (`[Array]`, `[数组元素]`):
/// the row's type is the element type, not a property.
pub const ARRAY_ROWS: &[&str] = &["Array", "Array element", "Array elements", "数组元素", "数组"];

pub fn is_array_row(name: &str) -> bool {
    let n = name.trim().trim_matches('*').trim();
    n.strip_prefix('[').and_then(|n| n.strip_suffix(']')).is_some_and(|inner| contains_ci(ARRAY_ROWS, inner.trim()))
}

/// Labels that open a bullet without stating a value (`Note: ...`, `Example: ...`).
pub const NOT_ENUM_LABELS: &[&str] = &[
    "Note",
    "Notes",
    "NOTE",
    "Example",
    "Examples",
    "Default",
    "Format",
    "Options",
    "Value",
    "Values",
    "Range",
    "Constraints",
    "Constraint",
    "Description",
    "Remarks",
    "Caution",
    "Warning",
    "Important",
    "Tip",
    "说明",
    "注意",
    "示例",
    "默认值",
    "取值范围",
    "约束限制",
    "参数解释",
    "默认取值",
    "e.g.",
    "Definition",
    "Unit",
    "Units",
];

/// The part of a structured description a label opens (`- Definition: ...`, `**Range**`,
/// `参数解释：`): what the text after it says about the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DescLabel {
    /// What the field is: doc text.
    Definition,
    /// Conditions on its use: doc text.
    Constraints,
    /// The values it takes: an enum when they are listed, else bounds or doc text.
    Range,
    /// Its default, unless a placeholder ([`is_placeholder`]).
    Default,
    Unit,
    /// Notes and examples: doc text, never values.
    Note,
}

impl DescLabel {
    /// Labels that make a description structured (notes alone do not).
    pub fn structures(self) -> bool {
        !matches!(self, DescLabel::Note)
    }
}

/// The labels of structured descriptions, English and Chinese (case-insensitive for ASCII).
pub const DESC_LABELS: &[(DescLabel, &[&str])] = &[
    (DescLabel::Definition, &["Definition", "Parameter description", "Explanation", "Details", "参数解释", "参数说明"]),
    (DescLabel::Constraints, &["Constraints", "Constraint", "Restrictions", "Restriction", "约束限制", "约束"]),
    (
        DescLabel::Range,
        &["Range", "Value range", "Values range", "Values", "Value options", "Options", "取值范围", "可选值"],
    ),
    (DescLabel::Default, &["Default Value", "Default", "默认取值", "默认值"]),
    (DescLabel::Unit, &["Unit", "Units", "单位"]),
    (DescLabel::Note, &["Note", "Notes", "Example", "Examples", "说明", "注意", "示例"]),
];

/// `Range: x` / `**Range**` / `取值范围：x` at the start of a text: the label and the text after
/// its colon (empty for a bare label). A label word that starts a sentence (`Range of ...`,
/// `Default value is 3`) is not a label, nor one written as values are (`default: ...`,
/// `OPTIONS`): English labels are capitalised words.
pub fn desc_label(text: &str) -> Option<(DescLabel, &str)> {
    let t = text.trim();
    let first_word: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    let written_as_value = first_word.is_ascii()
        && (!first_word.starts_with(|c: char| c.is_ascii_uppercase())
            || (first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase())));
    if written_as_value {
        return None;
    }
    let mut best: Option<(usize, DescLabel, &str)> = None;
    for (label, phrases) in DESC_LABELS {
        for p in *phrases {
            let Some(rest) = strip_prefix_ci(t, p) else { continue };
            let rest = rest.trim_start();
            let after = if rest.is_empty() {
                ""
            } else if let Some(r) = rest.strip_prefix([':', '：']) {
                r.trim()
            } else {
                continue;
            };
            if best.is_none_or(|(len, _, _)| p.len() > len) {
                best = Some((p.len(), *label, after));
            }
        }
    }
    best.map(|(_, label, after)| (label, after))
}

/// Texts standing for "no value" where a default or a range is expected.
pub const PLACEHOLDERS: &[&str] = &[
    "None",
    "N/A",
    "NA",
    "null",
    "-",
    "—",
    "/",
    "empty",
    "Not involved",
    "Not applicable",
    "Not specified",
    "No default value",
    "无",
    "空",
    "不涉及",
    "无默认值",
];

/// `N/A`, `None.`, `不涉及。`: a placeholder, not a value.
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim().trim_matches(['"', '\'', '`', '“', '”']).trim_end_matches(['.', '。', ';', '；']).trim();
    contains_ci(PLACEHOLDERS, t)
}

/// Phrases ending a line that lists the characters a value may hold (not its values).
pub const CHARACTER_INTRODUCERS: &[&str] =
    &["can contain", "may contain", "consists of", "can include", "包含", "由以下"];

pub fn introduces_characters(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '：']).to_lowercase();
    text.trim().ends_with([':', '：']) && CHARACTER_INTRODUCERS.iter().any(|p| t.ends_with(p))
}

/// Words opening a condition (`If type is set to BANDWIDTH, the following are supported:`).
pub const CONDITION_OPENERS: &[&str] = &["if ", "for ", "when ", "in ", "如果", "若", "当", "对于"];

/// A line stating a condition and introducing what follows it (it ends with a colon).
pub fn states_condition(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.ends_with([':', '：']) && CONDITION_OPENERS.iter().any(|p| t.starts_with(p))
}

/// Words of a line introducing suggestions or examples (`Recommended IP address ranges:`), not
/// the set of values: any other value is allowed too.
pub const EXAMPLE_INTRODUCERS: &[&str] =
    &["recommended", "recommend", "for example", "such as", "e.g.", "建议", "推荐", "例如"];

/// `Recommended IP address ranges:`: a line ending with a colon that introduces suggestions.
pub fn introduces_examples(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    // Only the sentence ending with the colon introduces the list.
    let last = t.rsplit('。').next().unwrap_or(&t);
    let last = last.rsplit(". ").next().unwrap_or(last);
    t.ends_with([':', '：']) && EXAMPLE_INTRODUCERS.iter().any(|p| last.contains(p))
}

/// Standard request headers; with `X-...` names these are headers wherever a table puts them.
pub const HTTP_HEADERS: &[&str] = &[
    "Content-Type",
    "Content-Length",
    "Authorization",
    "Accept",
    "Accept-Language",
    "Host",
    "User-Agent",
    "If-Match",
    "If-None-Match",
];

/// `X-Auth-Token`, `Content-Type`: an HTTP header name, not a query parameter.
pub fn is_http_header(name: &str) -> bool {
    let n = name.trim();
    strip_prefix_ci(n, "X-").is_some_and(|rest| !rest.is_empty()) || contains_ci(HTTP_HEADERS, n)
}

/// Values of the required column.
pub const YES: &[&str] = &["是", "必选", "Yes", "true", "Y", "Mandatory", "Required"];
pub const NO: &[&str] = &["否", "可选", "No", "false", "N", "Optional"];

/// `Some(true)` / `Some(false)` for a recognised required-column value.
pub fn required_flag(s: &str) -> Option<bool> {
    let s = s.trim();
    if contains_ci(YES, s) {
        Some(true)
    } else if contains_ci(NO, s) {
        Some(false)
    } else {
        None
    }
}

/// Section titles that structure a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Function,
    Uri,
    RequestParameters,
    ResponseParameters,
    RequestExample,
    ResponseExample,
    /// Request and response examples mixed (`Samples`): each example's label says which.
    Examples,
    StatusCodes,
    ErrorCodes,
    Debug,
    Other,
}

impl Section {
    /// A section whose code blocks are request or response examples.
    pub fn holds_examples(self) -> bool {
        matches!(self, Section::RequestExample | Section::ResponseExample | Section::Examples)
    }
}

const SECTIONS: &[(Section, &[&str])] = &[
    (Section::Function, &["功能介绍", "接口说明", "Function", "Functions", "Description"]),
    (Section::Uri, &["URI", "请求URI", "Request URI", "URL", "Request URL", "请求URL"]),
    (
        Section::RequestParameters,
        &[
            "请求参数",
            "请求消息",
            "Request Parameters",
            "Request",
            "Request Parameter",
            "Request Body",
            "Request Header",
            "Request Message",
            "Requests",
        ],
    ),
    (
        Section::ResponseParameters,
        &[
            "响应参数",
            "响应消息",
            "Response Parameters",
            "Response",
            "Response Parameter",
            "Response Body",
            "Response Header",
            "Normal Response",
            "Response Message",
            "Responses",
        ],
    ),
    (
        Section::RequestExample,
        &["请求示例", "请求样例", "Example Requests", "Example Request", "Request Example", "Request Examples"],
    ),
    (
        Section::ResponseExample,
        &["响应示例", "响应样例", "Example Responses", "Example Response", "Response Example", "Response Examples"],
    ),
    (Section::Examples, &["示例", "Samples", "Sample", "Examples"]),
    (
        Section::StatusCodes,
        &[
            "状态码",
            "返回值",
            "Status Codes",
            "Status Code",
            "Returned Values",
            "Returned Value",
            "Return Values",
            "Return Codes",
        ],
    ),
    (Section::ErrorCodes, &["错误码", "Error Codes", "Error Code"]),
    (Section::Debug, &["调试", "Debugging"]),
    (
        Section::Other,
        &[
            "SDK代码示例",
            "Example SDK Code",
            "相关文档",
            "Related Documents",
            "约束与限制",
            "Constraints",
            "授权信息",
            "Authorization Information",
            "Request Methods",
            "Abnormal Response",
            "Abnormal Responses",
            "Scenarios",
            "Prerequisites",
            "Procedure",
            "Overview",
            "使用场景",
            "前提条件",
            "操作步骤",
        ],
    ),
];

/// The section a heading (or a heading-like paragraph in copied text) opens.
pub fn section(title: &str) -> Option<Section> {
    let t = title.trim().trim_end_matches([':', '：']);
    SECTIONS.iter().find(|(_, names)| contains_ci(names, t)).map(|(s, _)| *s)
}

/// Prefixes of a status-code marker paragraph: `状态码: 200`, `Status code: 200`.
pub const STATUS_MARKERS: &[&str] = &["状态码", "Status code", "Status Code", "HTTP status code"];

/// Parse `状态码: 200` / `Status code: 201` into the code.
pub fn status_marker(s: &str) -> Option<u16> {
    let s = s.trim();
    let rest = STATUS_MARKERS.iter().find_map(|m| strip_prefix_ci(s, m))?;
    let rest = rest.trim_start().strip_prefix([':', '：'])?.trim();
    let code: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if code.len() == 3 && code.len() == rest.len() {
        code.parse().ok()
    } else {
        None
    }
}

/// Lines copied with a page that are not content: (prefixes, whole lines).
const CHROME_PREFIXES: &[&str] = &["更新时间", "发布时间", "Updated on", "Updated at", "Updated:", "Last updated"];
const CHROME_LINES: &[&str] =
    &["分享", "Share", "查看PDF", "View PDF", "反馈", "Feedback", "文档首页", "Documentation"];

/// "Updated on ..." / "分享" lines that come with a copied page.
pub fn is_chrome_line(s: &str) -> bool {
    CHROME_PREFIXES.iter().any(|p| strip_prefix_ci(s, p).is_some()) || contains_ci(CHROME_LINES, s)
}

/// Words in an example's label that say it is a request or a response example.
pub const REQUEST_WORDS: &[&str] = &["request", "请求"];
pub const RESPONSE_WORDS: &[&str] = &["response", "响应", "返回"];
pub const FAILURE_WORDS: &[&str] = &["fail", "error", "失败", "异常"];

/// Caption prefixes: `表2`, `Table 2`.
pub const CAPTION_PREFIXES: &[&str] = &["表", "Table"];

/// Split `Table 2 Request body parameters` into (`Table 2`, `Request body parameters`).
/// Returns `None` when the text is not a numbered caption, including sentences
/// that start like one (`Table 1 describes the parameters.`).
pub fn split_caption(s: &str) -> Option<(String, String)> {
    let s = s.trim();
    let rest = CAPTION_PREFIXES.iter().find_map(|p| strip_prefix_ci(s, p))?;
    let trimmed = rest.trim_start();
    let digits: String = trimmed.chars().take_while(|c| c.is_ascii_digit() || *c == '-' || *c == '.').collect();
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let after = trimmed.get(digits.len()..)?.trim();
    let label_len = s.len() - trimmed.len() + digits.len();
    let label = s.get(..label_len)?.trim().to_string();
    if after.is_empty() || after.ends_with(['.', '。', ':', '：']) {
        return None;
    }
    Some((label, after.to_string()))
}

/// Phrases introducing the caption of a table by its role.
pub const PATH_TABLE: &[&str] = &["路径参数", "Path Parameters", "Path parameter"];
pub const URI_TABLE: &[&str] = &[
    "URI参数",
    "URI parameters",
    "URI parameter",
    "Parameters in the URI",
    "Parameter in the URI",
    "URL parameters",
    "URL parameter",
];
pub const QUERY_TABLE: &[&str] = &["Query参数", "查询参数", "Query Parameters", "Query parameter"];
pub const REQUEST_HEADER_TABLE: &[&str] =
    &["请求Header参数", "请求头参数", "Request header parameters", "Request Header Parameters", "Request headers"];
pub const REQUEST_BODY_TABLE: &[&str] =
    &["请求Body参数", "请求体参数", "Request body parameters", "Request Body Parameters", "Request body"];
pub const RESPONSE_HEADER_TABLE: &[&str] =
    &["响应Header参数", "响应头参数", "Response header parameters", "Response Header Parameters"];
pub const RESPONSE_BODY_TABLE: &[&str] =
    &["响应Body参数", "响应体参数", "Response body parameters", "Response Body Parameters", "Response body"];
/// The body of a failed call (`Abnormal response` beside `Normal response`).
pub const ERROR_BODY_TABLE: &[&str] = &[
    "异常响应",
    "异常响应参数",
    "Abnormal response",
    "Abnormal responses",
    "Abnormal response parameters",
    "Error response",
    "Error responses",
    "Error response parameters",
];
pub const STATUS_TABLE: &[&str] = &["状态码", "Status Codes", "Status code"];
pub const ERROR_CODE_TABLE: &[&str] = &["错误码", "Error Codes", "Error codes"];

/// Captions that say nothing about the table: its place on the page decides its role.
pub const GENERIC_TABLES: &[&str] = &[
    "Parameters",
    "Parameter",
    "Parameter description",
    "Parameter descriptions",
    "Description",
    "参数说明",
    "参数",
    "Request parameters",
    "Response parameters",
    "Request parameter",
    "Response parameter",
    "请求参数",
    "响应参数",
];

/// Suffixes and prefixes of captions naming the object a table describes:
/// `jobs parameters`, `Parameters of jobs`, `Description of the peering field`,
/// `peering objects`, `Data structure of the X field`, `jobs参数说明`.
pub const OBJECT_CAPTION_SUFFIXES: &[&str] = &[
    " parameters",
    " parameter description",
    " parameter descriptions",
    " parameter",
    " field description",
    " field descriptions",
    " fields",
    " field",
    " objects",
    " object",
    " structure",
    " data structure",
    " data structure description",
    " structure description",
    " element structure description",
    " description",
    " attributes",
    "参数说明",
    "字段说明",
    "字段数据结构说明",
    "数据结构说明",
    "结构体说明",
    "参数",
    "字段",
    "对象",
];
pub const OBJECT_CAPTION_PREFIXES: &[&str] = &[
    "Parameters of ",
    "Parameter description of ",
    "Parameters in ",
    "Parameter in ",
    "Structure description of ",
    "Description of ",
    "Data structure of ",
    "Data structure description of ",
    "Structure of ",
    "Fields of ",
    "Attributes of ",
    "the ",
    "field ",
];

/// `jobs parameters` -> `jobs`; `Description of the **peering** field` -> `peering`.
pub fn caption_object_name(caption: &str) -> Option<&str> {
    let mut c = caption.trim();
    // Strip at most a few affixes: `Description of the peering field`.
    let longest_first = |list: &[&'static str]| {
        let mut l = list.to_vec();
        l.sort_by_key(|s| std::cmp::Reverse(s.len()));
        l
    };
    let (prefixes, suffixes) = (longest_first(OBJECT_CAPTION_PREFIXES), longest_first(OBJECT_CAPTION_SUFFIXES));
    for _ in 0..8 {
        let before = c;
        if let Some(rest) = prefixes.iter().find_map(|p| strip_prefix_ci(c, p)) {
            c = rest.trim();
        }
        if let Some(head) = suffixes.iter().find_map(|s| strip_suffix_ci(c, s)) {
            c = head.trim();
        }
        if c == before {
            break;
        }
    }
    (c != caption.trim() && !c.is_empty()).then_some(c)
}

pub fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let head = s.get(..s.len().checked_sub(suffix.len())?)?;
    s.get(head.len()..)?.eq_ignore_ascii_case(suffix).then_some(head)
}

/// A sentence introducing the table after it by the object it describes (`The Result object has
/// the following attributes.`) -> the caption it stands for (`Result object`). Pages without table
/// captions name each nested table this way; the sentence is too long to be a caption itself.
pub fn lead_sentence_caption(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(['.', ':', '\u{ff1a}']).trim_end();
    let rest = strip_prefix_ci(t, "the ")?;
    let at = rest.to_ascii_lowercase().find(" the following ")?;
    let (head, tail) = (rest.get(..at)?, rest.get(at + " the following ".len()..)?);
    if !contains_ci(LEAD_SENTENCE_MEMBERS, tail.trim()) {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let (name, kind, verb) = match words.as_slice() {
        [name, kind, verb] => (*name, *kind, verb.to_string()),
        [name, kind, verb, of] => (*name, *kind, format!("{verb} {of}")),
        _ => return None,
    };
    let is_name = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    (is_name && contains_ci(LEAD_SENTENCE_KINDS, kind) && contains_ci(LEAD_SENTENCE_VERBS, &verb))
        .then(|| format!("{name} {}", kind.to_ascii_lowercase()))
}

/// `The X <kind> <verb> the following <members>.`: the words [`lead_sentence_caption`] accepts.
const LEAD_SENTENCE_KINDS: &[&str] = &["object", "structure", "field", "parameter"];
const LEAD_SENTENCE_VERBS: &[&str] = &["has", "have", "contains", "contain", "includes", "include", "consists of"];
const LEAD_SENTENCE_MEMBERS: &[&str] = &["attributes", "parameters", "fields", "properties", "members"];

/// A list item ending with a colon (`-  **Ready**:`, `-  Federation statuses:`): with items
/// below it, it heads a group of values (the field takes those of every group); it is none itself.
pub fn is_group_heading(item: &str) -> bool {
    let t = item.trim().trim_end_matches('*').trim_end();
    t.ends_with([':', '\u{ff1a}'])
        && t.trim_end_matches([':', '\u{ff1a}']).trim().trim_matches('*').chars().any(char::is_alphanumeric)
}

/// The role a table plays, from its caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableRole {
    Path,
    Query,
    RequestHeader,
    RequestBody,
    ResponseHeader,
    ResponseBody,
    /// The body of every failed call the page gives no other body for.
    ErrorBody,
    /// Path or query parameters, told apart by the URI.
    Uri,
    /// A header or body table whose side (request or response) the page position decides.
    Header,
    Body,
    StatusCodes,
    ErrorCodes,
    /// A nested object table named after its type (`NodePoolSpec`).
    Object,
}

/// Words of captions that only say where parameters go (`Parameters in the request header`).
const ROLE_WORDS: &[&str] = &[
    "parameter",
    "parameters",
    "in",
    "the",
    "of",
    "a",
    "request",
    "response",
    "body",
    "header",
    "headers",
    "uri",
    "path",
    "query",
    "message",
    "messages",
    "description",
    "descriptions",
    "returned",
    "filter",
    "filtering",
];

/// Words that start a condition (`Parameters in the request body when a CSBS backup is used`):
/// the words before them say the role, the rest which case the table is for.
const CONDITION_WORDS: &[&str] = &["when", "if"];

/// The lowercase words of a caption up to a condition, without API versions (`v2.0 request body`).
fn caption_words(caption: &str) -> Vec<String> {
    let is_version = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || w.strip_prefix('v').is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
    };
    caption
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take_while(|w| !CONDITION_WORDS.contains(&w.as_str()))
        .filter(|w| !is_version(w))
        .collect()
}

/// The role of a caption made only of role words, from the words it uses.
fn role_by_words(caption: &str) -> Option<TableRole> {
    let words = caption_words(caption);
    if words.is_empty() || !words.iter().all(|w| ROLE_WORDS.contains(&w.as_str())) {
        return None;
    }
    let has = |w: &str| words.iter().any(|x| x == w);
    let side = |req: TableRole, resp: TableRole, either: TableRole| match (has("request"), has("response")) {
        (true, false) => Some(req),
        (false, true) => Some(resp),
        _ => Some(either),
    };
    if has("header") || has("headers") {
        side(TableRole::RequestHeader, TableRole::ResponseHeader, TableRole::Header)
    } else if has("uri") || has("path") {
        Some(TableRole::Uri)
    } else if has("query") || has("filter") || has("filtering") {
        Some(TableRole::Query)
    } else if has("body") || has("response") {
        side(TableRole::RequestBody, TableRole::ResponseBody, TableRole::Body)
    } else {
        None
    }
}

pub fn table_role(caption: &str) -> Option<TableRole> {
    // `Parameter description (creating single DB instances)`: the parentheses name the case.
    let c = caption.trim();
    let c = match c.split_once(" (") {
        Some((head, rest)) if rest.ends_with(')') && !head.trim().is_empty() => head.trim(),
        _ => c,
    };
    if contains_ci(GENERIC_TABLES, c) {
        return None;
    }
    let table: &[(TableRole, &[&str])] = &[
        (TableRole::Path, PATH_TABLE),
        (TableRole::Uri, URI_TABLE),
        (TableRole::Query, QUERY_TABLE),
        (TableRole::RequestHeader, REQUEST_HEADER_TABLE),
        (TableRole::RequestBody, REQUEST_BODY_TABLE),
        (TableRole::ResponseHeader, RESPONSE_HEADER_TABLE),
        (TableRole::ErrorBody, ERROR_BODY_TABLE),
        (TableRole::ResponseBody, RESPONSE_BODY_TABLE),
        (TableRole::StatusCodes, STATUS_TABLE),
        (TableRole::ErrorCodes, ERROR_CODE_TABLE),
    ];
    if let Some((role, _)) = table.iter().find(|(_, names)| contains_ci(names, c)) {
        return Some(*role);
    }
    if let Some(role) = role_by_words(c) {
        return Some(role);
    }
    // `Parameters in the request`: role words and a side, but no body or header: the page position decides.
    let words: Vec<String> = c.split_whitespace().map(str::to_lowercase).collect();
    if words.iter().all(|w| ROLE_WORDS.contains(&w.as_str())) && words.iter().any(|w| w == "request") {
        return None;
    }
    Some(TableRole::Object)
}

/// Phrases after which a description lists enum values.
pub const ENUM_INTRODUCERS: &[&str] = &[
    "可选值如下",
    "取值如下",
    "取值范围",
    "取值为",
    "可选值",
    "枚举值",
    "可选项",
    "The options are as follows",
    "The value can be",
    "Options",
    "Possible values",
    "Enumeration values",
    "Enumerated values",
    "Value range",
    "Range",
    "Values",
    "Value options",
    // `取值：a、b` (the colon keeps `取值范围`/`取值为` apart; `默认取值：` is a default, see `introducer`).
    "取值：",
    "取值:",
];

/// Items naming the empty string as a value (`Empty string: There is no host information.`).
/// A bare `Empty` is not one: it is a value of its own in some enums (Kafka's consumer group
/// state `Empty`).
pub const EMPTY_STRING_VALUES: &[&str] =
    &["Empty string", "An empty string", "The empty string", "Empty value", "空字符串", "空串"];

/// Items naming JSON null (`null: not set`): the field may be null, which is no value of its
/// type; such an item neither joins the enum nor makes the list an open set.
pub const NULL_VALUES: &[&str] = &["null"];

/// Words before an introducing phrase that make it part of a default label (`默认取值：`).
pub const DEFAULT_LABEL_PREFIXES: &[&str] = &["默认", "缺省"];

/// Phrases introducing a default value.
pub const DEFAULT_INTRODUCERS: &[&str] = &[
    "默认值",
    "默认取值",
    "缺省值",
    "默认为",
    "The default value is",
    "Default value",
    "default value is",
    "Default:",
    "Defaults to",
    "default",
];

/// Words standing after a value in an enum item that mark it as the default (`0:不自动续费,默认值`).
pub const DEFAULT_MARKERS: &[&str] = &["默认值", "默认", "default value", "default", "(default)"];

/// Length/range phrases.
pub const MIN_LENGTH: &[&str] = &["最小长度", "Minimum length", "Min. length"];
pub const MAX_LENGTH: &[&str] = &["最大长度", "Maximum length", "Max. length"];
pub const MINIMUM: &[&str] = &["最小值", "Minimum", "Min. value", "Minimum value"];
pub const MAXIMUM: &[&str] = &["最大值", "Maximum", "Max. value", "Maximum value"];

/// Words by which a page says its API is deprecated (in the title, its section or the function
/// description), lower case: see [`crate::words::says_deprecated`].
pub const DEPRECATED_WORDS: &[&str] = &[
    "deprecated",
    "discarded",
    "no longer maintained",
    "no longer supported",
    "will be brought offline",
    "已废弃",
    "废弃",
    "已下线",
    "即将下线",
    "不再维护",
];

/// Words that mark an API deprecated in its title or section name only (`Creating a Log Transfer
/// Task (Old Version)`, `API v1 (No Longer Used)`): in a description they are too loose.
pub const DEPRECATED_TITLE_WORDS: &[&str] = &["(old version)", "no longer", "下线"];

/// Operation id after the title: `创建节点池 - CreateNodePool`.
pub const TITLE_ID_SEPARATORS: &[&str] = &[" - ", " – ", "－"];

pub fn contains_ci(list: &[&str], s: &str) -> bool {
    let s = s.trim();
    list.iter().any(|w| w.eq_ignore_ascii_case(s))
}

pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------
// Grammar of names (emit: method and type names from titles and routes)
// ---------------------------------------------------------------------------

/// Verbs of titles (gerund or base form) and the verb of the method name. Query
/// verbs map to `query`, which becomes `list` or `get`.
pub const TITLE_VERBS: &[(&str, &str)] = &[
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
pub const OBJECT_FILLER: &[&str] = &[
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
pub const OWNER_PREPS: &[&str] = &["of", "about", "in", "on", "for", "under", "within"];

/// Connectors kept in the name (`Topics by Tag` → `topics_by_tag`).
pub const KEPT_PREPS: &[&str] = &["by", "with", "to", "from", "into", "as"];

/// Relative clauses dropped up to the next preposition (`Parameters That Can Be Configured for ..`).
pub const CLAUSE_WORDS: &[&str] = &["that", "which", "whose", "who", "where"];

/// The verbs of Chinese titles (`查询` -> `query`, which becomes `list` or `get`).
pub const ZH_TITLE_VERBS: &[(&str, &str)] = &[
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

/// Words of a section or title qualifier that do not name a variant of an API: versions,
/// status (`Recommended`, `To Be Discarded`) and connectives.
pub const QUALIFIER_STATUS_WORDS: &[&str] = &[
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

/// Verbs method names start with (for [`crate::emit::naming::object_noun`]).
pub const METHOD_VERBS: &[&str] = &[
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn captions_split_label_and_title() {
        assert_eq!(split_caption("表2 请求Body参数"), Some(("表2".into(), "请求Body参数".into())));
        assert_eq!(
            split_caption("Table 16 Response body parameters"),
            Some(("Table 16".into(), "Response body parameters".into()))
        );
        assert_eq!(split_caption("Table of contents"), None);
    }

    #[test]
    fn status_markers() {
        assert_eq!(status_marker("状态码: 200"), Some(200));
        assert_eq!(status_marker("Status code: 201"), Some(201));
        assert_eq!(status_marker("状态码：400"), Some(400));
        assert_eq!(status_marker("状态码"), None);
        assert_eq!(status_marker("Status code: 200 OK and more"), None);
    }

    #[test]
    fn roles_and_flags() {
        assert_eq!(table_role("请求Body参数"), Some(TableRole::RequestBody));
        assert_eq!(table_role("Path Parameters"), Some(TableRole::Path));
        assert_eq!(table_role("NodePoolSpec"), Some(TableRole::Object));
        assert_eq!(table_role("Parameters"), None);
        assert_eq!(caption_object_name("jobs parameters"), Some("jobs"));
        assert_eq!(caption_object_name("Parameters of jobs"), Some("jobs"));
        assert_eq!(caption_object_name("Description of the peering field"), Some("peering"));
        assert_eq!(caption_object_name("peering objects"), Some("peering"));
        let lead = |t: &str| lead_sentence_caption(t);
        assert_eq!(lead("The Result object has the following attributes.").as_deref(), Some("Result object"));
        assert_eq!(lead("The spec field consists of the following parameters:").as_deref(), Some("spec field"));
        assert_eq!(lead("The following parameters are supported."), None);
        assert_eq!(lead("The request body has the following parameters."), None);
        assert_eq!(caption_object_name("Data structure of the vpc_info field"), Some("vpc_info"));
        assert_eq!(caption_object_name("NodePoolSpec"), None);
        assert_eq!(caption_object_name("datastore field data structure description"), Some("datastore"));
        assert_eq!(caption_object_name("Parameters in the links field"), Some("links"));
        assert_eq!(table_role("Parameters in the request header"), Some(TableRole::RequestHeader));
        assert_eq!(table_role("Parameters in the URI"), Some(TableRole::Uri));
        assert_eq!(table_role("Response body parameter"), Some(TableRole::ResponseBody));
        assert_eq!(table_role("Parameters in the request"), None);
        assert_eq!(table_role("Request filter parameters"), Some(TableRole::Query));
        assert_eq!(table_role("Parameters in the links field"), Some(TableRole::Object));
        assert_eq!(
            table_role("Parameters in the request body when a CSBS backup is used to create an image"),
            Some(TableRole::RequestBody)
        );
        assert_eq!(table_role("v2.0 request message body"), Some(TableRole::RequestBody));
        assert_eq!(table_role("Description of field tag"), Some(TableRole::Object));
        assert_eq!(caption_object_name("Parameter description of field tags"), Some("tags"));
        assert_eq!(table_role("URL Parameters"), Some(TableRole::Uri));
        assert!(is_array_row("*[Array]*") && is_array_row("[数组元素]") && !is_array_row("Array"));
        assert_eq!(required_flag("是"), Some(true));
        assert_eq!(required_flag("No"), Some(false));
        assert_eq!(required_flag(""), None);
        assert_eq!(section("请求示例"), Some(Section::RequestExample));
    }
}
