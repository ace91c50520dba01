//! Reading memory in the reader, no terminal: positions that survive a width change and a
//! restart, resuming the last article, bookmarks (add, list, jump, delete), read marks, and
//! the notice for a damaged state file. Each test keeps its state in its own temporary
//! directory.

use crate::app_support;

use std::path::Path;

use app_support::*;
use magreader::app::article::find_anchor;
use magreader::app::{App, Key, Popup};
use magreader::memory::Memory;

fn with_memory(width: u16, height: u16, dir: &Path) -> App {
    let mut a = app(width, height);
    a.attach_memory(Memory::open(dir));
    a
}

fn open_id(a: &App) -> Option<String> {
    let at = a.open_article()?;
    Some(
        a.archive.issues[at.issue].sections[at.section].articles[at.article]
            .id
            .clone(),
    )
}

fn anchor(a: &App) -> Option<usize> {
    a.view.as_ref().unwrap().anchor
}

/// The body offset range of the top line: where its text starts, and where the next starts.
fn top_span(a: &App) -> (usize, usize) {
    let v = a.view.as_ref().unwrap();
    let start = v.lines[v.top].pos.unwrap();
    let end = v
        .lines
        .get(v.top + 1)
        .and_then(|l| l.pos)
        .unwrap_or(usize::MAX);
    (start, end)
}

#[test]
fn the_position_survives_a_restart_at_another_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(80, 24, dir.path());
    press(
        &mut a,
        &[
            Key::Char('2'),
            Key::Char(' '),
            Key::Char(' '),
            Key::Char('j'),
        ],
    );
    let offset = anchor(&a).expect("in the body");
    let text = a.view.as_ref().unwrap().lines[a.view.as_ref().unwrap().top].text();
    a.save_memory();
    assert!(a.notice.is_none(), "{:?}", a.notice);
    drop(a);

    let mut b = with_memory(50, 20, dir.path());
    assert!(b.open_article().is_none(), "nothing reopens before resume");
    assert!(b.resume_last());
    assert_eq!(open_id(&b).as_deref(), Some("themed-event"));
    assert_eq!(anchor(&b), Some(offset), "the same text offset");
    // At width 50 the top line is the one holding that offset: the same sentence.
    let (start, end) = top_span(&b);
    assert!(
        start <= offset && offset < end,
        "{start} <= {offset} < {end}"
    );
    let v = b.view.as_ref().unwrap();
    assert_eq!(v.top, find_anchor(&v.lines, Some(offset)));
    // The words at the top at width 80 are on the top line at width 50 too.
    let first_word = text.split_whitespace().next().unwrap();
    assert!(v.lines[v.top].text().contains(first_word) || start < offset);
}

#[test]
fn opening_an_article_again_resumes_where_it_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(80, 24, dir.path());
    press(&mut a, &[Key::Char('2'), Key::Char(' '), Key::Char(' ')]);
    let offset = anchor(&a).unwrap();
    // Another article, then back by a column jump: the place is kept.
    press(&mut a, &[Key::Char('1')]);
    assert_eq!(open_id(&a).as_deref(), Some("conversion-rate"));
    assert_eq!(
        a.view.as_ref().unwrap().top,
        0,
        "a new article opens at its top"
    );
    press(&mut a, &[Key::Char('2')]);
    assert_eq!(anchor(&a), Some(offset));
    // Without memory (the other tests' reader) articles open at the top.
    let mut plain = app(80, 24);
    press(
        &mut plain,
        &[
            Key::Char('2'),
            Key::Char(' '),
            Key::Char('1'),
            Key::Char('2'),
        ],
    );
    assert_eq!(plain.view.as_ref().unwrap().top, 0);
}

#[test]
fn fresh_start_opens_nothing_but_keeps_the_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(80, 24, dir.path());
    press(&mut a, &[Key::Char('2'), Key::Char(' ')]);
    let offset = anchor(&a).unwrap();
    a.save_memory();
    // `--fresh` is a reader that does not call resume_last.
    let mut b = with_memory(80, 24, dir.path());
    assert!(b.open_article().is_none());
    press(&mut b, &[Key::Char('2')]);
    assert_eq!(anchor(&b), Some(offset));
}

#[test]
fn bookmarks_are_added_listed_jumped_to_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(80, 24, dir.path());
    press(
        &mut a,
        &[
            Key::Char('2'),
            Key::Char(' '),
            Key::Char(' '),
            Key::Char('m'),
        ],
    );
    let offset = anchor(&a).unwrap();
    assert!(matches!(a.top_popup(), Some(Popup::Label(_))));
    type_text(&mut a, "quote for the talk");
    press(&mut a, &[Key::Enter]);
    assert!(a.popups.is_empty());
    assert!(a.notice.as_deref().unwrap().contains("bookmarked"));
    // A second one without a label, in another article.
    press(
        &mut a,
        &[Key::Char('4'), Key::Char('j'), Key::Char('m'), Key::Enter],
    );
    // And one cancelled with Esc.
    press(&mut a, &[Key::Char('m'), Key::Char('x'), Key::Esc]);
    let marks = a.memory.as_ref().unwrap().bookmarks().to_vec();
    assert_eq!(marks.len(), 2);
    assert_eq!(marks[0].label.as_deref(), Some("quote for the talk"));
    assert_eq!(
        (marks[0].issue.as_str(), marks[0].article.as_str()),
        ("2025-06", "themed-event")
    );
    assert_eq!(marks[0].offset, offset);
    assert_eq!(marks[1].label, None);
    assert_eq!(marks[1].article, "united-for-impact");

    // The list shows the newest first; Enter on the second row jumps to the first bookmark.
    press(&mut a, &[Key::Char('\'')]);
    assert!(matches!(a.top_popup(), Some(Popup::Bookmarks(_))));
    press(&mut a, &[Key::Char('j'), Key::Char('j'), Key::Enter]);
    assert!(a.popups.is_empty());
    assert_eq!(open_id(&a).as_deref(), Some("themed-event"));
    assert_eq!(anchor(&a), Some(offset));
    let (start, end) = top_span(&a);
    assert!(start <= offset && offset < end);

    // `d` deletes the selected one (the newest); Esc closes.
    press(&mut a, &[Key::Char('\''), Key::Char('d')]);
    let marks = a.memory.as_ref().unwrap().bookmarks().to_vec();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].article, "themed-event");
    press(&mut a, &[Key::Char('d'), Key::Char('d')]);
    assert!(a.memory.as_ref().unwrap().bookmarks().is_empty());
    press(&mut a, &[Key::Esc]);
    assert!(a.popups.is_empty());

    // They are saved with the rest.
    press(&mut a, &[Key::Char('m')]);
    type_text(&mut a, "kept");
    press(&mut a, &[Key::Enter]);
    a.save_memory();
    let again = Memory::open(dir.path());
    assert_eq!(again.bookmarks().len(), 1);
    assert_eq!(again.bookmarks()[0].label.as_deref(), Some("kept"));
}

#[test]
fn bookmark_keys_without_an_article_or_memory_explain() {
    let mut a = app(80, 24);
    press(&mut a, &[Key::Char('m')]);
    assert!(a.popups.is_empty());
    assert!(a.notice.as_deref().unwrap().contains("open an article"));
    press(&mut a, &[Key::Char('2'), Key::Char('m')]);
    assert!(a.popups.is_empty());
    assert!(a.notice.as_deref().unwrap().contains("memory is off"));
}

#[test]
fn an_article_is_read_once_its_end_has_been_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = with_memory(80, 24, dir.path());
    press(&mut a, &[Key::Char('2')]);
    let at = a.open_article().unwrap();
    assert!(!a.is_read(at), "opened, not read to the end");
    press(&mut a, &[Key::Char(' ')]);
    assert!(!a.is_read(at));
    press(&mut a, &[Key::Char('G')]);
    assert!(a.is_read(at));
    // It stays read after scrolling back up and opening another article.
    press(&mut a, &[Key::Char('g'), Key::Char('1')]);
    assert!(a.is_read(at));
    assert!(!a.is_read(a.open_article().unwrap()));
    // The front matter ("Masthead.", last in the contents) fits on one screen: read when
    // opened.
    let last = *a.contents.items.last().unwrap();
    let cover = magreader::app::article::ArticleRef {
        issue: a.issue,
        section: last.section,
        article: last.article,
    };
    assert!(!a.is_read(cover));
    press(&mut a, &[Key::Char('h'), Key::Char('G'), Key::Enter]);
    assert_eq!(a.open_article(), Some(cover));
    assert!(a.is_read(cover));
}

#[test]
fn a_damaged_state_file_is_reported_once_and_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), b"{ not json").unwrap();
    let mut a = app(80, 24);
    a.notice = Some("archive problem: x".into());
    a.attach_memory(Memory::open(dir.path()));
    let n = a.notice.clone().unwrap();
    assert!(n.starts_with("archive problem: x; "), "{n}");
    assert!(n.contains("damaged"), "{n}");
    // Shown once: the next key clears it, and it does not come back.
    press(&mut a, &[Key::Char('j')]);
    assert!(a.notice.is_none());
    press(&mut a, &[Key::Char('2')]);
    a.save_memory();
    assert!(a.notice.is_none(), "{:?}", a.notice);
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("corrupt"))
        .count();
    assert_eq!(aside, 1, "the damaged file is kept aside, not overwritten");
}
