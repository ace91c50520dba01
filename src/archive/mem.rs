//! An archive held in memory, behind the same [`Store`] trait as a directory: for property
//! tests and fuzz targets that mutate files and load them without touching the disk.

use std::collections::BTreeMap;
use std::io;

use super::Issue;
use super::store::{Store, issue_files};

#[derive(Debug, Clone, Default)]
pub struct MemStore {
    /// issue directory → file name → contents.
    pub dirs: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    /// Served for any `.md` file not in `dirs`, so a made-up manifest's articles can load.
    pub any_body: Option<Vec<u8>>,
}

impl MemStore {
    /// The files `write_issue` would write for `issue`, in its directory.
    pub fn of_issue(issue: &Issue) -> MemStore {
        let mut store = MemStore::default();
        store.dirs.insert(
            issue.id.clone(),
            issue_files(issue)
                .into_iter()
                .map(|(name, text)| (name, text.into_bytes()))
                .collect(),
        );
        store
    }
}

impl Store for MemStore {
    fn issue_dirs(&self) -> io::Result<Vec<String>> {
        Ok(self.dirs.keys().cloned().collect())
    }

    fn read(&self, issue_dir: &str, file: &str) -> io::Result<Vec<u8>> {
        self.dirs
            .get(issue_dir)
            .and_then(|files| files.get(file))
            .or(self.any_body.as_ref().filter(|_| file.ends_with(".md")))
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn display_path(&self, issue_dir: &str, file: &str) -> String {
        format!("mem/issues/{issue_dir}/{file}")
    }
}
