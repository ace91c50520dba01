//! `y` copies the open article's link targets: the app hands them to the event
//! loop, which sends them to the terminal's clipboard (OSC 52), and says so on the status line.

use crate::app_support;

use app_support::*;
use magreader::app::{App, Key};
use magreader::archive::Archive;

fn with_body(body: &str) -> App {
    let mut archive: Archive = fixture();
    archive.issues[0].sections[1].articles[0].body = body.into();
    App::new(archive, 80, 24)
}

#[test]
fn y_copies_the_link_targets_in_their_numbered_order() {
    let mut a = with_body(
        "See [ISO](https://www.iso.org/), [nowhere](#), [SAC](https://www.sac.gov.cn/) and \
         [ISO again](https://www.iso.org/).",
    );
    press(&mut a, &[Key::Char('y')]);
    assert_eq!(a.clipboard, None, "no article open yet");
    // `1` opens the first article of the first column.
    press(&mut a, &[Key::Char('1'), Key::Char('y')]);
    assert_eq!(
        a.clipboard.as_deref(),
        Some("https://www.iso.org/\nhttps://www.sac.gov.cn/")
    );
    assert!(a.notice.as_deref().unwrap().contains("[1]-[2]"));
    let s = render(&a, MONO);
    assert!(s.contains("[2] https://www.sac.gov.cn/"), "{s}");
}

#[test]
fn y_without_links_says_so() {
    let mut a = with_body("No links here, only [a dead one](#).");
    press(&mut a, &[Key::Char('1'), Key::Char('y')]);
    assert_eq!(a.clipboard, None);
    assert_eq!(a.notice.as_deref(), Some("this article has no links"));
}

#[test]
fn a_count_before_y_copies_that_link_alone() {
    let mut a = with_body(
        "See [ISO](https://www.iso.org/), [nowhere](#) and [SAC](https://www.sac.gov.cn/).",
    );
    press(&mut a, &[Key::Char('1')]);
    assert!(a.view.is_some(), "the column opened its first article");
    a.clipboard = None;
    press_fast(&mut a, &[Key::Char('2'), Key::Char('y')]);
    assert_eq!(a.clipboard.as_deref(), Some("https://www.sac.gov.cn/"));
    assert_eq!(
        a.notice.as_deref(),
        Some("copied [2] https://www.sac.gov.cn/ to the clipboard")
    );
    // A number past the last link copies nothing and says which there are.
    a.clipboard = None;
    press_fast(&mut a, &[Key::Char('7'), Key::Char('y')]);
    assert_eq!(a.clipboard, None);
    assert!(
        a.notice.as_deref().unwrap().contains("[1]-[2]"),
        "{:?}",
        a.notice
    );
}
