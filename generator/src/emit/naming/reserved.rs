//! Names the generated code must not take: the prelude, the client's own methods, and the
//! modules the generated crate uses.

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
pub(super) const RESERVED_MODULES: &[&str] = &[
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
