//! Terminal injection through the reader, end to end in tmux: the archive holds the hostile
//! export imported with `magreader import`, and a hand-edited issue whose cover line, title,
//! column name and body carry raw sequences (what the importer would have cleaned). Reading
//! them must show the text around the sequences, leave the pane title alone, ring no bell and
//! clear nothing. Two controls first show that tmux does react to such bytes when a program
//! really prints them, so the checks can fail.

use crate::cli_support;
use crate::hostile_support;
use crate::tmux_support;

use std::path::Path;
use std::time::Duration;

use hostile_support::*;
use tmux_support::*;

const TITLE: &str = "known-title";

/// The hostile export imported with the real CLI, plus a hand-edited issue 2025-06.
fn hostile_archive(root: &Path) {
    let src = root.join("hostile.txt");
    std::fs::write(&src, hostile_source()).unwrap();
    let o = cli_support::magreader(&[
        "import",
        src.to_str().unwrap(),
        "--archive",
        root.to_str().unwrap(),
    ]);
    assert_eq!(cli_support::code(&o), 0, "{}", cli_support::stderr(&o));

    let mut issue = cli_support::magazine(2025, 6);
    issue.cover = Some(format!("Cover {OSC_TITLE}story{BEL}"));
    issue.sections[1].name = format!("Spot{CLEAR}light");
    let feature = &mut issue.sections[1].articles[0];
    feature.title = format!("Mongolia {CLEAR}Standards {OSC_TITLE}{RLO}Cooperation");
    feature.body = format!("{}\n\nSecond paragraph.\n", paragraph()).into();
    cli_support::write_archive(root, &[issue]);
}

/// The pane's state that the reader must not change.
fn assert_untouched(tmux: &Tmux, when: &str) {
    assert_eq!(tmux.display("#{pane_title}"), TITLE, "{when}: pane title");
    assert_eq!(tmux.display("#{window_bell_flag}"), "0", "{when}: bell");
}

#[test]
fn hostile_text_in_the_reader_changes_nothing_but_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    hostile_archive(dir.path());
    let Some(tmux) = Tmux::shell("hostile", 100, 30) else {
        return;
    };

    // Controls: printed for real, an OSC sets the pane title and BEL sets the bell flag (in a
    // second window, since the flag stays set).
    tmux.run("printf '\\033]0;control-title\\007'");
    tmux.wait_display("#{pane_title}", "control-title");
    // Let programs set the clipboard (OSC 52 makes a paste buffer), and check it does.
    tmux.ok(&["set-option", "-s", "set-clipboard", "on"]);
    tmux.run("printf '\\033]52;c;Y29udHJvbA==\\007'");
    let start = std::time::Instant::now();
    while tmux.cmd(&["list-buffers"]).stdout.is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "control: OSC 52 sets a paste buffer"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.ok(&["delete-buffer"]);
    assert!(tmux.cmd(&["list-buffers"]).stdout.is_empty());
    tmux.ok(&["new-window", "-d", "-t", "t:1", "printf '\\007'; sleep 30"]);
    let start = std::time::Instant::now();
    while tmux.display_of("t:1", "#{window_bell_flag}") != "1" {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "control: BEL sets the bell flag"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    tmux.ok(&["select-pane", "-t", "t:0", "-T", TITLE]);
    assert_untouched(&tmux, "before the reader");
    // A line on the main screen: it must still be there after the reader (nothing cleared it).
    tmux.run("echo MAIN-$((2+3))");
    tmux.wait_for("the marker", |s| s.contains("MAIN-5"));

    tmux.start_reader(&["--archive", dir.path().to_str().unwrap()]);
    let s = tmux.wait_for("the reader", |s| s.contains("Issues (2)"));
    // The hand-edited cover line in the issue list, and the column name in the contents.
    assert!(s.contains("Cover ^["), "{s}");
    assert!(s.contains("Spot^[light"), "{s}");
    assert_clean("the start screen", &s, false);
    assert_untouched(&tmux, "the start screen");

    // The imported article: its title was cleaned on import; the paragraph is shown
    // neutralised, words around each sequence kept.
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text("forum held");
    tmux.wait_for("the hit", |s| s.contains("Forum held in Beijing"));
    tmux.keys(&["Enter"]);
    check_article(&tmux, "the imported article", &["Forum held in Beijing"]);

    // The hand-edited one: raw sequences in the title, column name and body.
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text("mongolia");
    tmux.wait_for("the hit", |s| s.contains("Mongolia"));
    tmux.keys(&["Enter"]);
    check_article(
        &tmux,
        "the hand-edited article",
        &["Mongolia", "Cooperation"],
    );

    tmux.text("q");
    let s = tmux.wait_for("the prompt after the reader", |s| {
        s.find("MAIN-5")
            .is_some_and(|at| s[at..].contains(PROMPT.trim_end()))
    });
    assert_eq!(tmux.display("#{alternate_on}"), "0", "{s}");
    assert_untouched(&tmux, "after the reader");
    assert_cooked(&tmux.stty_flags("after"), "after the reader");
}

/// Waits for the article, then checks the screen a moment later: the text around every
/// sequence is there, the payloads are not, and the chrome drawn before (pane titles, status
/// line) is still on screen — a clear-screen reaching the terminal would have blanked it, as
/// ratatui redraws only the cells that change.
fn check_article(tmux: &Tmux, what: &str, title: &[&str]) {
    tmux.wait_for(what, |s| {
        !s.contains("Jump to article")
            && s.contains("Before")
            && title.iter().all(|t| s.contains(t))
    });
    std::thread::sleep(Duration::from_millis(300));
    let s = tmux.screen();
    // Wrapped lines: compare with the screen's rows joined.
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for w in AROUND {
        assert!(flat.contains(w), "{what}: {w:?} not on screen:\n{s}");
    }
    assert!(s.contains("^["), "{what}: sequences are shown as ^[:\n{s}");
    for p in PAYLOADS {
        assert!(!s.contains(p), "{what}: payload {p:?} shown:\n{s}");
    }
    // OSC 52 would have set a tmux paste buffer (set-clipboard is on, see the control).
    let buffers = tmux.cmd(&["list-buffers"]);
    assert!(
        buffers.stdout.is_empty(),
        "{what}: a paste buffer was set: {:?}",
        String::from_utf8_lossy(&buffers.stdout)
    );
    assert!(
        s.contains("Issues (2)"),
        "{what}: the issue pane's title bar was wiped:\n{s}"
    );
    let status = s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
    assert!(
        status.contains('\u{203A}'),
        "{what}: status line: {status:?}"
    );
    assert_clean(what, &s, false);
    assert_untouched(tmux, what);
}
