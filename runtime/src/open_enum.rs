//! [`open_enum!`](crate::open_enum): the open string enums of the generated crates.
//!
//! One macro instead of seven hand-written impls per enum keeps the generated
//! crates small and quick to compile.

#[doc(hidden)]
pub use serde as __serde;

/// Declares an open string enum: `#[non_exhaustive]`, one variant per
/// documented value and `Unknown(String)` for any other value, which is kept
/// as sent and serialized back unchanged. Implements `as_str`, `From<&str>`,
/// `From<String>`, `FromStr` (infallible), `Display`, `Serialize` and
/// `Deserialize` (through the string form).
///
/// ```
/// hwcloud_runtime::open_enum! {
///     /// Billing mode.
///     pub enum BillingMode {
///         /// Pay-per-use.
///         PayPerUse = "0",
///         /// Yearly/monthly.
///         YearlyMonthly = "1",
///     }
/// }
///
/// assert_eq!(BillingMode::from("1"), BillingMode::YearlyMonthly);
/// assert_eq!(BillingMode::from("7").as_str(), "7");
/// assert_eq!(serde_json::to_string(&BillingMode::PayPerUse).unwrap(), "\"0\"");
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know; kept as sent.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::open_enum::__serde::Serialize for $name {
            fn serialize<S: $crate::open_enum::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::open_enum::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::open_enum::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as $crate::open_enum::__serde::Deserialize>::deserialize(deserializer)
                    .map(Self::from)
            }
        }
    };
}
