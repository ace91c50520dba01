//! End to end: the real binary in tmux at 80x24 on the built-in archive. Opens, fuzzy-jumps
//! by a Chinese fragment, steps to the next column, shows the help, survives resizes, quits
//! with status 0 and leaves the terminal as it was (main screen, cursor shown, cooked mode).
//! Search: `/` and `n` move the view, Ctrl-F with a Chinese phrase opens the article at the
//! hit; reading memory: quitting and starting again lands on the same text. The reader is
//! started from a shell in a private tmux server (`tmux_support`), which keeps its reading
//! memory in a temporary directory (`MAGREADER_STATE_DIR`). Signals and panics are in
//! `e2e_signals.rs`.

use crate::tmux_support;

use tmux_support::*;

/// The last line of the screen that has text: the reader's status line.
fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// Starts a shell in a private tmux server at 80x24 and the reader in it (with arguments
/// `args`), or returns None (after a notice) when tmux is missing outside CI. The reading
/// memory lives in the server's temporary state directory, so a second reader started in the
/// same shell resumes where the first one left off.
fn start(name: &str, args: &[&str]) -> Option<Tmux> {
    let tmux = Tmux::shell(&format!("e2e-{name}"), 80, 24)?;
    start_again(&tmux, args);
    Some(tmux)
}

fn start_again(tmux: &Tmux, args: &[&str]) {
    tmux.start_reader(args);
    tmux.wait_for("the reader to start", |s| s.contains("Issues ("));
}

/// Checks the shell after the reader ended: exit status, cooked tty, main screen, cursor,
/// and the reader's screen gone.
fn assert_restored(tmux: &Tmux, status: &str) {
    tmux.wait_display("#{alternate_on}", "0");
    assert_shell_usable(tmux, status, "after the reader");
    let s = tmux.screen();
    assert!(!s.contains("Issues ("), "the reader's screen is gone:\n{s}");
}

#[test]
fn reader_in_tmux() {
    let Some(tmux) = start("keys", &[]) else {
        return;
    };
    let s = tmux.screen();
    // Open: three panes, newest issue first.
    assert!(s.contains("Contents 2025-06"), "{s}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "1",
        "reader uses the alternate screen"
    );

    // Ctrl-P + a Chinese fragment + Enter opens that article.
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text("两会概览");
    tmux.wait_for("the ranked hit", |s| {
        s.contains("An overview of the Two Sessions")
    });
    tmux.keys(&["Enter"]);
    let s = tmux.wait_for("the article", |s| {
        status_line(s).contains("2024-03 \u{203A} Spotlight") && !s.contains("Jump to article")
    });
    assert!(
        s.contains("2024年全国两会概览"),
        "title block shows the Chinese title:\n{s}"
    );

    // `]` opens the first article of the next column.
    tmux.text("]");
    tmux.wait_for("the next column", |s| {
        status_line(s).contains("\u{203A} Special Report")
    });

    // `?` shows the help, Esc closes it.
    tmux.text("?");
    let s = tmux.settled("the help", |s| s.contains("Keys (Esc closes)"));
    assert!(s.contains("q Ctrl-C") && s.contains("1-9"), "{s}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("Keys (Esc closes)"));

    // Resize: narrow shows the article alone; a tiny window the notice; back to 80x24.
    tmux.ok(&["resize-window", "-t", "t", "-x", "50", "-y", "20"]);
    tmux.wait_for("the narrow layout", |s| {
        !s.contains("Issues (") && s.contains("Special Report") && s.lines().count() <= 20
    });
    tmux.ok(&["resize-window", "-t", "t", "-x", "12", "-y", "3"]);
    tmux.wait_for("the enlarge notice", |s| s.contains("enlarge"));
    tmux.ok(&["resize-window", "-t", "t", "-x", "80", "-y", "24"]);
    tmux.wait_for("three panes again", |s| {
        s.contains("Issues (") && status_line(s).contains("Special Report")
    });

    // `q` exits 0 and restores the terminal.
    tmux.text("q");
    assert_restored(&tmux, "0");
}

/// The article pane's part of each screen row (after the second pane separator), trimmed.
fn article_text(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(1)
        .take(22)
        .map(|l| l.splitn(3, '|').nth(2).unwrap_or("").trim().to_string())
        .collect()
}

/// Opens an article by fuzzy jump and waits for it.
fn open_by_title(tmux: &Tmux, query: &str, crumb: &str) -> String {
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text(query);
    tmux.wait_for("a ranked hit", |s| {
        s.contains("matches)") || s.contains("1 match)")
    });
    tmux.keys(&["Enter"]);
    tmux.settled("the article", |s| {
        status_line(s).contains(crumb) && !s.contains("Jump to article")
    })
}

#[test]
fn search_in_the_article_and_n_move_the_view() {
    let Some(tmux) = start("search", &[]) else {
        return;
    };
    // "United for impact": "closing" is near the top and again some pages down.
    let before = open_by_title(&tmux, "united for impact", "\u{203A} United for impact");
    tmux.text("/closing");
    let s = tmux.settled("the prompt and the first match", |s| {
        status_line(s).contains("/closing_") && status_line(s).contains("match 1/2")
    });
    assert_eq!(
        article_text(&s),
        article_text(&before),
        "the first match is on screen: the view stays"
    );
    tmux.keys(&["Enter"]);
    tmux.wait_for("the kept search", |s| status_line(s).contains("match 1/2"));
    tmux.text("n");
    let after = tmux.settled("the second match", |s| status_line(s).contains("match 2/2"));
    assert_ne!(
        article_text(&after),
        article_text(&before),
        "n moved the view"
    );
    assert!(
        article_text(&after).iter().any(|l| l.contains("closing")),
        "the match is on screen:\n{after}"
    );
    // n again wraps to the first with a notice; N goes back.
    tmux.text("n");
    tmux.wait_for("the wrap notice", |s| {
        status_line(s).contains("search hit BOTTOM") || status_line(s).contains("continuing at TOP")
    });
    tmux.text("q");
    assert_restored(&tmux, "0");
}

#[test]
fn quit_and_start_again_reopens_the_same_text() {
    let Some(tmux) = start("resume", &[]) else {
        return;
    };
    open_by_title(&tmux, "united for impact", "\u{203A} United for impact");
    tmux.keys(&["Space"]);
    tmux.keys(&["Space"]);
    tmux.keys(&["Down"]);
    let screen = tmux.settled("the scrolled article", |s| !status_line(s).contains(" 1/"));
    // The text lines at the top (a blank line between paragraphs may be the top row; the
    // reopened view starts at the paragraph after it).
    let words = |s: &str| -> Vec<String> {
        article_text(s)
            .into_iter()
            .filter(|l| !l.is_empty())
            .take(10)
            .collect()
    };
    let text = words(&screen);
    assert!(
        text.len() == 10 && status_line(&screen).contains("United"),
        "{screen}"
    );
    tmux.text("q");
    assert_restored(&tmux, "0");

    start_again(&tmux, &[]);
    let again = tmux.settled("the same article", |s| {
        status_line(s).contains("\u{203A} United for impact")
    });
    assert_eq!(words(&again), text, "the same text at the top:\n{again}");
    tmux.text("q");
    assert_restored(&tmux, "0");

    // --fresh starts on the contents instead.
    start_again(&tmux, &["--fresh"]);
    let s = tmux.settled("the reader", |s| s.contains("Contents"));
    assert!(!status_line(&s).contains("United for impact"), "{s}");
    tmux.text("q");
    assert_restored(&tmux, "0");
}

#[test]
fn full_text_search_by_a_chinese_phrase_opens_the_article_at_the_hit() {
    let Some(tmux) = start("fulltext", &[]) else {
        return;
    };
    tmux.keys(&["C-f"]);
    tmux.wait_for("the full-text popup", |s| s.contains("Search all issues"));
    tmux.text("促进平台经济");
    let s = tmux.settled("the hit", |s| s.contains("Search all issues (1 article)"));
    // Its own article since the importer splits at a title over its own Chinese title.
    assert!(s.contains("Promoting healthy development"), "{s}");
    tmux.keys(&["Enter"]);
    let s = tmux.settled("the article at the hit", |s| {
        status_line(s).contains("2025-03 \u{203A} Spotlight")
            && status_line(s).contains("match 1/1")
            && !s.contains("Search all issues")
    });
    assert!(
        article_text(&s).iter().any(|l| l.contains("促进平台经济")),
        "the hit is on screen:\n{s}"
    );
    tmux.text("q");
    assert_restored(&tmux, "0");
}
