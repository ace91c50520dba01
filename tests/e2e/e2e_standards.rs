//! End to end: the real binary in tmux at 80x24 on the built-in archive. `s` in an article
//! lists its standards, `Enter` lists every mention of one in the archive, `Enter` opens
//! another issue's article with the mention on screen.

use crate::tmux_support;

use tmux_support::*;

fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
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

#[test]
fn s_then_enter_then_enter_opens_another_article_at_the_standard() {
    let Some(tmux) = Tmux::shell("e2e-standards", 80, 24) else {
        return;
    };
    tmux.start_reader(&["--fresh"]);
    tmux.wait_for("the reader to start", |s| s.contains("Issues ("));
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text("global ai experts");
    tmux.wait_for("a ranked hit", |s| {
        s.contains("matches)") || s.contains("1 match)")
    });
    tmux.keys(&["Enter"]);
    tmux.settled("the article", |s| {
        status_line(s).contains("2024-03") && !s.contains("Jump to article")
    });

    tmux.text("s");
    let s = tmux.settled("the standards list", |s| {
        s.contains("Standards in this article (1)")
    });
    assert!(s.contains("> ISO/IEC 42001  (2023)"), "{s}");
    assert!(s.contains("3 articles in the archive"), "{s}");

    tmux.keys(&["Enter"]);
    let s = tmux.settled("the mentions", |s| s.contains("ISO/IEC 42001: 3 mentions"));
    assert!(
        s.contains("2025-06") && s.contains("2025-02") && s.contains("2024-03"),
        "{s}"
    );

    // The second mention is in another issue.
    tmux.text("j");
    tmux.keys(&["Enter"]);
    let s = tmux.settled("the other article", |s| {
        status_line(s).contains("2025-02") && !s.contains("mentions in the archive")
    });
    assert!(
        article_text(&s).iter().any(|l| l.contains("ISO/IEC 42001")),
        "the mention is on screen:\n{s}"
    );
    tmux.text("q");
    tmux.wait_display("#{alternate_on}", "0");
}
