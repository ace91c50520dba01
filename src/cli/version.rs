//! `magreader --version`: the program's version and the archive compiled into it, so a bug
//! report says which issues the binary carries.

use std::io::Write;

use super::CliError;
use crate::archive::{self, Archive, Issue};

/// The version line and the built-in archive's line.
pub fn text(archive: &Archive) -> String {
    let issues = archive.issues.len();
    let articles: usize = archive.issues.iter().map(Issue::article_count).sum();
    let newest = archive
        .issues
        .first()
        .map_or_else(|| "none".to_string(), |i| i.id.clone());
    format!(
        "magreader {}\nbuilt-in archive: {issues} issue{}, {articles} article{}, newest issue {newest}\n",
        env!("CARGO_PKG_VERSION"),
        if issues == 1 { "" } else { "s" },
        if articles == 1 { "" } else { "s" },
    )
}

pub fn run(out: &mut dyn Write) -> Result<(), CliError> {
    let (archive, _) = archive::load_builtin();
    out.write_all(text(&archive).as_bytes())?;
    Ok(())
}
