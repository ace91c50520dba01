//! `show` to a terminal goes through the pager, as `git log` does: `$PAGER` (default
//! `less -R`, with `LESS=FRX` when unset), at the terminal's width capped at the reader's
//! measure; `--no-pager` and a pipe write directly. A recording `PAGER` under `script` shows
//! what the pager is given; a tmux session shows the default pager as a person sees it.

use crate::cli_support;
use crate::tmux_support;

use std::path::Path;
use std::process::{Command, Stdio};

use cli_support::*;
use tmux_support::{PROMPT, Tmux, bin};

/// Runs `magreader ARGS` on a pseudo-terminal `cols` wide, with `PAGER` set to a command that
/// records its input in `dir/paged` and the `LESS` it was given in `dir/less`.
fn on_pty(dir: &Path, cols: u16, env: &[(&str, &str)], args: &str) -> std::process::Output {
    let cmd = format!(
        "stty cols {cols} rows 20; '{}' {args}",
        env!("CARGO_BIN_EXE_magreader")
    );
    let pager = format!(
        "cat > '{0}/paged'; echo \"$LESS\" > '{0}/less'",
        dir.display()
    );
    let mut c = Command::new("script");
    c.args(["-q", "-e", "-c", &cmd, "/dev/null"])
        .stdin(Stdio::null())
        .env_remove("MAGREADER_ARCHIVE")
        .env_remove("LESS")
        .env("PAGER", pager);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("util-linux `script` runs")
}

fn long_article_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut issue = magazine(2025, 6);
    issue.sections[0].articles[0].body =
        format!("{}\n\nAfter \u{1b}[2J the escape.\n", "word ".repeat(200)).into();
    write_archive(dir.path(), &[issue]);
    dir
}

#[test]
fn a_terminal_gets_the_text_through_the_pager_at_the_readers_measure() {
    let archive = long_article_archive();
    let rec = tempfile::tempdir().unwrap();
    let args = format!(
        "--archive '{}' show 2025-06 green-standards",
        archive.path().display()
    );
    let o = on_pty(rec.path(), 150, &[], &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let paged = std::fs::read_to_string(rec.path().join("paged")).expect("the pager ran");
    // A 150-column terminal: the reader's measure of 100, no wider.
    let piped = on_archive(
        archive.path(),
        &["show", "2025-06", "green-standards", "--width", "100"],
    );
    assert_eq!(paged, stdout(&piped));
    let widest = paged.lines().map(|l| l.chars().count()).max().unwrap();
    assert!((90..=100).contains(&widest), "widest {widest}");
    // Neutralised before the pager sees it, as for the terminal itself.
    assert!(!paged.contains('\u{1b}'), "{paged:?}");
    assert!(paged.contains("the escape."), "{paged:?}");
    // As git does: LESS=FRX when the user has set none.
    assert_eq!(
        std::fs::read_to_string(rec.path().join("less")).unwrap(),
        "FRX\n"
    );
}

#[test]
fn a_narrow_terminal_and_the_users_less_are_kept() {
    let archive = long_article_archive();
    let rec = tempfile::tempdir().unwrap();
    let args = format!(
        "--archive '{}' show 2025-06 green-standards",
        archive.path().display()
    );
    let o = on_pty(rec.path(), 60, &[("LESS", "-S")], &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let paged = std::fs::read_to_string(rec.path().join("paged")).unwrap();
    let widest = paged.lines().map(|l| l.chars().count()).max().unwrap();
    assert!((50..=60).contains(&widest), "widest {widest}");
    assert_eq!(
        std::fs::read_to_string(rec.path().join("less")).unwrap(),
        "-S\n"
    );
}

#[test]
fn no_pager_a_pipe_or_an_error_start_no_pager() {
    let archive = long_article_archive();
    let rec = tempfile::tempdir().unwrap();
    let at = archive.path().display();
    // --no-pager: straight to the terminal.
    let o = on_pty(
        rec.path(),
        80,
        &[],
        &format!("--archive '{at}' show 2025-06 green-standards --no-pager"),
    );
    assert_eq!(code(&o), 0);
    assert!(!rec.path().join("paged").exists());
    assert!(String::from_utf8_lossy(&o.stdout).contains("Green Standards Take Root"));
    // An unknown article: the message, and no pager started.
    let o = on_pty(
        rec.path(),
        80,
        &[],
        &format!("--archive '{at}' show 2025-06 nope"),
    );
    assert_eq!(code(&o), 1);
    assert!(!rec.path().join("paged").exists());
    assert!(String::from_utf8_lossy(&o.stdout).contains("no article \"nope\""));
    // A pipe: unchanged, whatever PAGER says.
    let o = Command::new(env!("CARGO_BIN_EXE_magreader"))
        .args([
            "--archive",
            &at.to_string(),
            "show",
            "2025-06",
            "green-standards",
        ])
        .env("PAGER", format!("touch '{}/paged'", rec.path().display()))
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    assert!(!rec.path().join("paged").exists());
    let widest = stdout(&o).lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80 && widest > 70, "widest {widest}");
}

#[test]
fn an_empty_pager_or_cat_means_none() {
    let archive = long_article_archive();
    let rec = tempfile::tempdir().unwrap();
    for pager in ["", "cat"] {
        let o = on_pty(
            rec.path(),
            80,
            &[("PAGER", pager)],
            &format!(
                "--archive '{}' show 2025-06 green-standards",
                archive.path().display()
            ),
        );
        assert_eq!(code(&o), 0, "{pager:?}");
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("Green Standards Take Root"),
            "{pager:?}"
        );
    }
}

#[test]
fn the_default_pager_is_less_and_quits_cleanly() {
    let Some(tmux) = Tmux::shell("pager", 80, 24) else {
        return;
    };
    // The whole issue is far longer than a screen: less waits with its prompt.
    tmux.start_tracked(&format!("env -u PAGER -u LESS {} show 2025-06", bin()));
    let screen = tmux.wait_for("less showing the issue", |s| {
        s.contains("2025-06 · 2025 No.6") && s.lines().last().is_some_and(|l| l.starts_with(':'))
    });
    let widest = screen.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80, "{screen}");
    // Ctrl-C belongs to less: magreader must not die and hand the terminal back under it.
    tmux.keys(&["C-c"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        !tmux.screen().contains(PROMPT.trim_end()),
        "the shell came back while less ran:\n{}",
        tmux.screen()
    );
    tmux.keys(&["q"]);
    tmux.wait_for("the shell prompt", |s| s.contains(PROMPT.trim_end()));
    let status = tmux.output_of("echo $last", "status");
    assert_eq!(status.trim(), "0", "exit status after q");
}
