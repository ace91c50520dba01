//! `magreader import SOURCE... [--archive DIR]`: runs the importer on each source and prints
//! its summary. One bad source does not stop the others; the command fails (exit 1) if any
//! source failed.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::progress::Progress;
use super::{CliError, clean};

pub fn run(sources: &[PathBuf], archive_dir: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let progress = Progress::new(sources.len());
    let mut failed = Vec::new();
    for (n, source) in sources.iter().enumerate() {
        let name = source.display().to_string();
        progress.show(n, &name);
        let result = crate::import::import_file(source, archive_dir);
        progress.clear();
        match result {
            Ok(report) => {
                // The report is a few lines, each ending in a newline.
                let text = report.to_string();
                out.write_all(clean(&text).as_bytes())?;
                if !text.ends_with('\n') {
                    writeln!(out)?;
                }
                // Keep the summaries in step with the bar and any error lines on stderr.
                out.flush()?;
            }
            Err(e) => {
                out.flush()?;
                // The importer's errors start with the source's path.
                eprintln!("magreader: {}", clean(&e.to_string()));
                failed.push(name);
            }
        }
    }
    progress.show(sources.len(), "done");
    progress.clear();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::Invalid(format!(
            "{} of {} source{} failed to import: {}",
            failed.len(),
            sources.len(),
            if sources.len() == 1 { "" } else { "s" },
            failed
                .iter()
                .map(|f| clean(f).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}
