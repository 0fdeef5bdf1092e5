//! The examples of the seed page, `spec/modelarts/docs/CreateNodePool.zh.txt` (the Chinese
//! CreateNodePool page as copied from the website), read from the page itself rather than from
//! the generated spec: the request example, and the examples of the 200 and 400 responses.

/// Path of the seed page.
pub const PAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/modelarts/docs/CreateNodePool.zh.txt");

/// The JSON examples of the page, in page order: each starts at a line `{` and ends at a line `}`.
pub fn examples() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(PAGE).unwrap_or_else(|e| panic!("cannot read {PAGE}: {e}"));
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        if line == "{" {
            block = Some(String::new());
        }
        if let Some(b) = block.as_mut() {
            b.push_str(line);
            b.push('\n');
        }
        if line == "}" {
            if let Some(b) = block.take() {
                out.push(
                    serde_json::from_str(&b).unwrap_or_else(|e| panic!("example in {PAGE} is not JSON: {e}\n{b}")),
                );
            }
        }
    }
    out
}

fn nth(n: usize, what: &str) -> serde_json::Value {
    let all = examples();
    assert_eq!(all.len(), 3, "{PAGE} should have a request, a 200 and a 400 example");
    all.get(n).cloned().unwrap_or_else(|| panic!("no {what} example"))
}

/// The request example (请求示例).
pub fn request_example() -> serde_json::Value {
    nth(0, "request")
}

/// The example of the 200 response (响应示例, 状态码: 200).
pub fn response_200_example() -> serde_json::Value {
    nth(1, "200 response")
}

/// The example of the 400 response (状态码: 400).
pub fn response_400_example() -> serde_json::Value {
    nth(2, "400 response")
}
