//! `magreader list [--json]`: the issues, newest first.

use std::io::Write;

use super::{CliError, json};
use crate::archive::Archive;
use crate::text::sanitize::sanitize;
use crate::text::width::str_width;

/// Plain output: one line per issue, `ID  LABEL · N articles`, the ids padded to one width so
/// the labels line up; `awk '{print $1}'` gives the ids.
pub fn run(archive: &Archive, as_json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if as_json {
        let entries: Vec<_> = archive.issues.iter().map(json::ListEntry::new).collect();
        json::write(out, &entries)?;
        return Ok(());
    }
    let rows: Vec<(String, String, usize)> = archive
        .issues
        .iter()
        .map(|i| {
            (
                sanitize(&i.id).into_owned(),
                sanitize(&i.label()).into_owned(),
                i.article_count(),
            )
        })
        .collect();
    let id_w = rows.iter().map(|r| str_width(&r.0)).max().unwrap_or(0);
    for (id, label, n) in rows {
        let noun = if n == 1 { "article" } else { "articles" };
        writeln!(
            out,
            "{id}{}  {label} · {n} {noun}",
            " ".repeat(id_w - str_width(&id)),
        )?;
    }
    Ok(())
}
