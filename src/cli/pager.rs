//! Output to a terminal through the user's pager, as `git` does: `$PAGER` (default `less -R`),
//! run by the shell so it may carry options; an empty `PAGER` or `cat` means none. `LESS`
//! defaults to `FRX` when unset, so a text that fits on one screen is printed and the pager
//! leaves at once, and the text stays on the screen after quitting.

use std::io::Write;
use std::process::{Command, Stdio};

use super::CliError;

/// What runs as the pager, from the value of `PAGER` (`None`: unset); `None` for no pager.
pub fn command_for(pager: Option<&str>) -> Option<String> {
    let pager = pager.map_or("less -R", str::trim);
    (!pager.is_empty() && pager != "cat").then(|| pager.to_string())
}

/// Runs `write` into the pager, or into `out` when there is no pager or it cannot start. The
/// text is made first, so an unknown issue or article is an error with nothing paged.
pub fn page(
    write: impl FnOnce(&mut dyn Write) -> Result<(), CliError>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut text = Vec::new();
    let result = write(&mut text);
    if text.is_empty() {
        return result;
    }
    let pager = std::env::var("PAGER").ok();
    let Some(pager) = command_for(pager.as_deref()) else {
        out.write_all(&text)?;
        return result;
    };
    let mut command = Command::new("sh");
    command.arg("-c").arg(&pager).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    // Ctrl-C belongs to the pager (less uses it to stop a search); ended by it, magreader
    // would hand the terminal back to the shell while the pager still draws on it.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGINT,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let Ok(mut child) = command.spawn() else {
        out.write_all(&text)?;
        return result;
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit the pager before reading everything: a closed pipe is no error.
        match stdin.write_all(&text) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
            _ => {}
        }
    }
    let status = child.wait()?;
    // `sh -c` exits 127 when the pager is not installed; the text must still reach the reader.
    if status.code() == Some(127) {
        out.write_all(&text)?;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::command_for;

    #[test]
    fn pager_choice_follows_git() {
        assert_eq!(command_for(None).as_deref(), Some("less -R"));
        assert_eq!(command_for(Some("more")).as_deref(), Some("more"));
        assert_eq!(command_for(Some("less -S ")).as_deref(), Some("less -S"));
        assert_eq!(command_for(Some("")), None);
        assert_eq!(command_for(Some("cat")), None);
    }
}
