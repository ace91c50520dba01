//! The archive: data model and on-disk format.

pub mod body;
#[cfg(test)]
pub(crate) mod fixture;
pub mod listing;
pub mod mem;
pub mod model;
pub mod parallel;
pub mod store;
pub mod validate;

pub use body::Body;
pub use mem::MemStore;
pub use model::*;
pub use store::{DirStore, EmbeddedStore, LoadProblem, Store, load};

/// The archive committed in the repository, compiled into the binary.
pub static BUILTIN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/archive");

/// Loads the built-in archive.
pub fn load_builtin() -> (Archive, Vec<LoadProblem>) {
    parallel::load(&EmbeddedStore(&BUILTIN))
}

/// Loads an archive directory (the one holding `issues/`), with the manifest cache where the
/// environment places it (see `store::cache`).
pub fn load_dir(root: &std::path::Path) -> (Archive, Vec<LoadProblem>) {
    let cache_dir = store::cache::cache_dir_from(|k| std::env::var_os(k));
    load_dir_caching_in(root, cache_dir.as_deref())
}

/// [`load_dir`] with the manifest cache kept in `cache_dir` (`None`: no cache).
pub fn load_dir_caching_in(
    root: &std::path::Path,
    cache_dir: Option<&std::path::Path>,
) -> (Archive, Vec<LoadProblem>) {
    let store = DirStore {
        root: root.to_path_buf(),
    };
    parallel::load_dir(&store, cache_dir)
}

/// The issue `id` as an archive directory holds it now, if it holds it and it loads: what an
/// import compares the new one with.
pub fn load_issue_dir(root: &std::path::Path, id: &str) -> Option<Issue> {
    let store = DirStore {
        root: root.to_path_buf(),
    };
    store::load_issue(&store, id).ok()
}
