//! End to end, in tmux: a terminal that claims an absurd size. The reader draws at most
//! 400x200 (the top-left part of a bigger terminal), so `stty rows 65535 cols 65535` neither
//! aborts it in an allocation nor leaves the terminal raw.

use crate::tmux_support;

use tmux_support::*;

#[test]
fn a_terminal_of_65535_by_65535_is_drawn_clamped_and_quits_cleanly() {
    let Some(tmux) = Tmux::shell("huge-size", 80, 24) else {
        return;
    };
    tmux.run("stty rows 65535 cols 65535");
    tmux.start_reader(&["--fresh"]);
    tmux.wait_display("#{alternate_on}", "1");
    // The pane is really 80x24, so the 400-column frame wraps and scrolls in it; the last
    // contents rows of the newest issue are what stays in view.
    tmux.wait_for("the reader's frame", |s| s.contains("开幕式致辞"));
    tmux.keys(&["q"]);
    tmux.wait_display("#{alternate_on}", "0");
    tmux.run("stty rows 24 cols 80");
    assert_shell_usable(&tmux, "0", "after 65535x65535");
}
