//! Environment and home-directory access, in one leaf module: every other module reads variables
//! through an [`Env`], so tests (and `Config::from_lookup`) can give their own.

use std::path::PathBuf;
use std::sync::Arc;

/// How environment variables are read (the process environment, or a closure for tests).
pub(crate) type Env = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// The process environment.
pub(crate) fn process_env() -> Env {
    Arc::new(|name: &str| std::env::var(name).ok())
}

/// The home directory from the environment (`HOME`, else `USERPROFILE`).
pub(crate) fn home_dir(env: &Env) -> Option<PathBuf> {
    env("HOME").or_else(|| env("USERPROFILE")).filter(|h| !h.trim().is_empty()).map(PathBuf::from)
}
