//! Where magreader keeps a user's files, by the XDG base directory rules: the reading state
//! (`memory`) and the manifest cache (`archive::store::cache`).

use std::ffi::OsString;
use std::path::PathBuf;

/// `$<own>` if set (tests, or a second profile), else `$<xdg>/magreader` when absolute (as the
/// XDG spec requires; a relative one is ignored), else `$HOME/<home_default>/magreader` (the
/// spec's default, used on every platform); `None` when none of them is set. An empty
/// variable counts as unset.
pub fn user_dir(
    env: impl Fn(&str) -> Option<OsString>,
    own: &str,
    xdg: &str,
    home_default: &str,
) -> Option<PathBuf> {
    let var = |k: &str| env(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = var(own) {
        return Some(dir);
    }
    if let Some(base) = var(xdg).filter(|p| p.is_absolute()) {
        return Some(base.join("magreader"));
    }
    var("HOME").map(|home| home.join(home_default).join("magreader"))
}

/// An environment of just `pairs`, for tests of what the environment decides.
#[cfg(test)]
pub fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<OsString> {
    move |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| OsString::from(v))
    }
}
