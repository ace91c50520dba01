//! End to end in tmux, on the built-in archive: the reader keeps the user's place and habits.
//! An article left at its top reopens there; Ctrl-O / Ctrl-N walk the jump list, also after a
//! restart; counts and less keys move the view (`5j`, `10G`, `50%`, `f`, `d`); an unbound key
//! says so; Esc keeps the search for `n`; Ctrl-Z suspends to the shell and `fg` brings the
//! reader back; at 200x60 Tab does not re-wrap the article and the help fills the height; at
//! 120x40 and 50x24 the issue list previews the selected issue.

use crate::tmux_support;

use tmux_support::*;

fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// `(top line, total lines)` from the status line's `12/233 9%`.
fn position(screen: &str) -> Option<(usize, usize)> {
    let status = status_line(screen);
    status.split_whitespace().rev().find_map(|w| {
        let (a, b) = w.split_once('/')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    })
}

fn start(name: &str, w: u16, h: u16) -> Option<Tmux> {
    let tmux = Tmux::shell(&format!("habits-{name}"), w, h)?;
    tmux.start_reader(&["--fresh"]);
    tmux.wait_for("the reader to start", |s| s.contains("Issues ("));
    Some(tmux)
}

/// Waits for an article whose breadcrumb has `crumb`, shown from line `top`.
fn wait_article(tmux: &Tmux, what: &str, crumb: &str, top: usize) -> String {
    tmux.settled(what, |s| {
        status_line(s).contains(crumb) && position(s).is_some_and(|(t, _)| t == top)
    })
}

/// [`wait_article`] for a place found again by its text: a blank line left at the top comes
/// back as the paragraph after it, one line down.
fn wait_near(tmux: &Tmux, what: &str, crumb: &str, top: usize) -> String {
    tmux.settled(what, |s| {
        status_line(s).contains(crumb) && position(s).is_some_and(|(t, _)| t == top || t == top + 1)
    })
}

#[test]
fn jumps_positions_counts_and_hints_at_80x24() {
    let Some(tmux) = start("keys", 80, 24) else {
        return;
    };
    // Column 3, then the next article and back: the title is on screen again (line 1).
    tmux.text("3");
    let s = tmux.settled("column 3", |s| position(s).is_some_and(|(t, _)| t == 1));
    // The issue, column and the start of the title (cut shorter as the position grows).
    let crumb: String = status_line(&s)
        .split("  ")
        .find(|p| p.contains('\u{203A}'))
        .unwrap()
        .trim()
        .chars()
        .take(34)
        .collect();
    tmux.text("}");
    tmux.settled("the next article", |s| !status_line(s).contains(&crumb));
    tmux.text("{");
    wait_article(&tmux, "back at the top", &crumb, 1);

    // Counts and less keys.
    tmux.text("5j");
    wait_article(&tmux, "5j", &crumb, 6);
    tmux.text("10G");
    wait_article(&tmux, "10G", &crumb, 10);
    tmux.text("g");
    wait_article(&tmux, "g", &crumb, 1);
    tmux.text("f");
    // 22 rows of text: a page keeps one line of the last.
    wait_article(&tmux, "f: a page", &crumb, 22);
    tmux.text("u");
    wait_article(&tmux, "u: half a page up", &crumb, 11);
    tmux.text("50%");
    let s = tmux.settled("50%", |s| {
        position(s).is_some_and(|(t, n)| t > 1 && t.abs_diff(n / 2) <= 1)
    });
    let half = position(&s).unwrap().0;

    // Ctrl-O goes back to before 50% (a jump), Ctrl-N forward again.
    tmux.keys(&["C-o"]);
    wait_article(&tmux, "Ctrl-O", &crumb, 11);
    tmux.keys(&["C-n"]);
    wait_near(&tmux, "Ctrl-N", &crumb, half);

    // A fuzzy jump away, and Ctrl-O back to the same line.
    tmux.keys(&["C-p"]);
    tmux.wait_for("the fuzzy popup", |s| s.contains("Jump to article"));
    tmux.text("两会概览");
    tmux.wait_for("a hit", |s| s.contains("An overview of the Two Sessions"));
    tmux.keys(&["Enter"]);
    tmux.settled("the jump", |s| {
        status_line(s).contains("2024-03") && !s.contains("Jump to article")
    });
    tmux.keys(&["C-o"]);
    wait_near(&tmux, "back from the fuzzy jump", &crumb, half);

    // An unbound key says so.
    tmux.text("x");
    tmux.settled("the hint", |s| {
        status_line(s).contains("x is not a key here · ? help")
    });

    // Ctrl-P reopens with the last query.
    tmux.keys(&["C-p"]);
    tmux.settled("the last query", |s| s.contains("> 两会概览"));
    tmux.keys(&["Escape"]);

    // Search: Esc hides, n brings back.
    tmux.text("/the");
    tmux.wait_for("matches", |s| status_line(s).contains("match"));
    tmux.keys(&["Enter", "Escape"]);
    tmux.settled("hidden", |s| !status_line(s).contains("match"));
    tmux.text("n");
    tmux.settled("n again", |s| status_line(s).contains("match "));

    // Quit and start again: the same article, and the jump list is where it was (we had gone
    // back from the fuzzy jump: Ctrl-N goes forward to it, Ctrl-O back to before 50%).
    tmux.text("q");
    tmux.wait_display("#{alternate_on}", "0");
    tmux.start_reader(&[]);
    tmux.wait_for("the reader again", |s| s.contains("Issues ("));
    wait_near(&tmux, "the same place", &crumb, half);
    tmux.keys(&["C-n"]);
    tmux.settled("forward after a restart", |s| {
        status_line(s).contains("2024-03")
    });
    tmux.keys(&["C-o", "C-o"]);
    wait_article(&tmux, "back twice after a restart", &crumb, 11);
    tmux.text("q");
    tmux.wait_display("#{alternate_on}", "0");
    assert_shell_usable(&tmux, "0", "after the reader");
}

#[test]
fn ctrl_z_suspends_and_fg_brings_the_reader_back() {
    let Some(tmux) = start("suspend", 80, 24) else {
        return;
    };
    tmux.text("2");
    let before = tmux.settled("an article", |s| position(s).is_some());
    tmux.keys(&["C-z"]);
    tmux.wait_display("#{alternate_on}", "0");
    tmux.wait_for("the shell", |s| {
        s.contains(PROMPT.trim_end()) && !s.contains("Issues (")
    });
    // The shell has its usual terminal modes while the reader waits.
    assert_cooked(&tmux.stty_flags("stty"), "while suspended");
    tmux.run("fg");
    tmux.wait_display("#{alternate_on}", "1");
    let after = tmux.settled("the reader back", |s| s.contains("Issues ("));
    assert_eq!(status_line(&after), status_line(&before));
    tmux.text("q");
    tmux.wait_display("#{alternate_on}", "0");
    assert_shell_usable(&tmux, "0", "after fg and q");
}

#[test]
fn wide_screens_keep_the_article_wrap_and_use_the_height() {
    let Some(tmux) = start("wide", 200, 60) else {
        return;
    };
    tmux.text("2");
    let s = tmux.settled("an article", |s| position(s).is_some());
    let total = position(&s).unwrap().1;
    for _ in 0..3 {
        tmux.keys(&["Tab"]);
        let s = tmux.settled("focus moved", |s| s.contains("Issues ("));
        if let Some((_, n)) = position(&s) {
            assert_eq!(n, total, "Tab re-wrapped the article:\n{s}");
        }
    }
    // The help fills the height, and G goes to its end.
    tmux.text("?");
    let s = tmux.settled("the help", |s| s.contains("Keys (Esc closes)"));
    assert!(s.contains("Fuzzy jump (Ctrl-P)"), "{s}");
    tmux.text("G");
    tmux.settled("the end of the help", |s| s.contains("close the help"));
    tmux.keys(&["Escape"]);

    // 120x40: the panes share by focus; the issue list previews what it selects.
    tmux.ok(&["resize-window", "-t", "t", "-x", "120", "-y", "40"]);
    tmux.text("hh");
    tmux.text("j");
    tmux.settled("the preview of the second issue", |s| {
        s.contains("Contents 2025-03")
    });
    // 50x24: the issue list alone shows the preview below it.
    tmux.ok(&["resize-window", "-t", "t", "-x", "50", "-y", "24"]);
    tmux.text("j");
    tmux.settled("the narrow preview", |s| {
        s.contains("Issues (") && s.contains("Contents 2025-02")
    });
    tmux.text("q");
    tmux.wait_display("#{alternate_on}", "0");
}

/// The SGR colour parameters on the reader's screen (from `capture-pane -e`), e.g. `38;5;178`.
fn colours_on_screen(tmux: &Tmux) -> Vec<String> {
    let out = tmux.cmd(&["capture-pane", "-p", "-e", "-t", "t"]);
    let text = String::from_utf8_lossy(&out.stdout);
    text.split("\x1b[")
        .skip(1)
        .filter_map(|s| s.split_once('m').map(|(p, _)| p.to_string()))
        .flat_map(|p| {
            // Pull out colour groups: 38;5;n / 48;2;r;g;b / a 30-37, 40-47, 90-97, 100-107.
            let parts: Vec<String> = p.split(';').map(str::to_string).collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i < parts.len() {
                match parts[i].as_str() {
                    "38" | "48" if parts.get(i + 1).map(String::as_str) == Some("5") => {
                        out.push(parts[i..(i + 3).min(parts.len())].join(";"));
                        i += 3;
                    }
                    "38" | "48" if parts.get(i + 1).map(String::as_str) == Some("2") => {
                        out.push(parts[i..(i + 5).min(parts.len())].join(";"));
                        i += 5;
                    }
                    n if n.parse::<u8>().is_ok_and(|n| {
                        (30..=37).contains(&n)
                            || (40..=47).contains(&n)
                            || (90..=97).contains(&n)
                            || (100..=107).contains(&n)
                    }) =>
                    {
                        out.push(n.to_string());
                        i += 1;
                    }
                    _ => i += 1,
                }
            }
            out
        })
        .collect()
}

#[test]
fn colour_depth_follows_the_terminal() {
    let Some(tmux) = Tmux::shell("habits-colour", 80, 24) else {
        return;
    };
    let bin = bin();
    for (env, check) in [
        (
            "COLORTERM=truecolor",
            (|c: &str| c.starts_with("38;2;") || c.starts_with("48;2;")) as fn(&str) -> bool,
        ),
        ("TERM=xterm-256color", |c: &str| {
            c.starts_with("38;5;") || c.starts_with("48;5;")
        }),
        ("TERM=linux", |c: &str| !c.contains(';')),
        ("TERM=vt100", |_: &str| false),
        ("NO_COLOR=1", |_: &str| false),
    ] {
        tmux.start_tracked(&format!("env {env} {bin} --fresh"));
        tmux.wait_for("the reader", |s| s.contains("Issues ("));
        tmux.text("2");
        tmux.settled("an article", |s| position(s).is_some());
        let colours = colours_on_screen(&tmux);
        assert!(colours.iter().all(|c| check(c)), "{env}: {colours:?}");
        let colourless = env.starts_with("NO_COLOR") || env.ends_with("vt100");
        assert_eq!(colours.is_empty(), colourless, "{env}: {colours:?}");
        tmux.text("q");
        tmux.wait_display("#{alternate_on}", "0");
    }
}
