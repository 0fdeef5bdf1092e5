//! The empty string as a documented value (`Empty string: There is no host information.`).
#![allow(clippy::unwrap_used)]

hwcloud_runtime::open_enum! {
    /// Host status.
    pub enum HostStatus {
        /// `UP`: normal.
        Up = "UP",
        /// `""`: no host information.
        Empty = "",
    }
}

#[test]
fn the_empty_string_round_trips_as_its_variant() {
    assert_eq!(HostStatus::from(""), HostStatus::Empty);
    assert_eq!(HostStatus::Empty.as_str(), "");
    assert_eq!(serde_json::to_string(&HostStatus::Empty).unwrap(), "\"\"");
    assert_eq!(serde_json::from_str::<HostStatus>("\"\"").unwrap(), HostStatus::Empty);
    assert_eq!(serde_json::from_str::<HostStatus>("\" \"").unwrap(), HostStatus::Unknown(" ".into()));
}
