//! Terminal setup and restore, the event loop, signal handling.

use crate::archive::Archive;

/// How the reader should run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Monochrome UI (also implied by a non-empty `NO_COLOR` environment variable).
    pub no_color: bool,
    /// Shown once in the status line at start, e.g. archive load problems.
    pub startup_notice: Option<String>,
}

/// Runs the interactive reader on `archive` until the user quits.
pub fn run(archive: Archive, opts: Options) -> anyhow::Result<()> {
    let _ = (archive, opts);
    anyhow::bail!("the interactive reader is not built yet")
}
