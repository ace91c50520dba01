use super::*;

fn pos(offset: usize, at: u64) -> ArticleState {
    ArticleState {
        position: Some(Position {
            offset,
            anchor: String::new(),
            at,
            top: false,
        }),
        read: None,
    }
}

fn with_article(issue: &str, article: &str, a: ArticleState) -> State {
    let mut s = State::default();
    s.articles
        .entry(issue.into())
        .or_default()
        .insert(article.into(), a);
    s
}

fn bm(offset: usize, label: Option<&str>, created: u64) -> Bookmark {
    Bookmark {
        issue: "2025-06".into(),
        article: "a".into(),
        offset,
        label: label.map(Into::into),
        created,
    }
}

fn offset_of(s: &State, issue: &str, article: &str) -> Option<usize> {
    Some(
        s.articles
            .get(issue)?
            .get(article)?
            .position
            .as_ref()?
            .offset,
    )
}

#[test]
fn positions_are_last_writer_wins_per_article() {
    let mut ours = with_article("i", "a", pos(10, 100));
    ours.articles
        .get_mut("i")
        .unwrap()
        .insert("b".into(), pos(5, 50));
    let mut theirs = with_article("i", "a", pos(20, 200));
    theirs
        .articles
        .get_mut("i")
        .unwrap()
        .insert("b".into(), pos(7, 40));
    theirs
        .articles
        .entry("j".into())
        .or_default()
        .insert("c".into(), pos(1, 1));
    let m = merge(&ours, &theirs);
    assert_eq!(offset_of(&m, "i", "a"), Some(20), "theirs is newer");
    assert_eq!(offset_of(&m, "i", "b"), Some(5), "ours is newer");
    assert_eq!(offset_of(&m, "j", "c"), Some(1), "only theirs has it");
    // Merging is symmetric apart from ties.
    assert_eq!(merge(&theirs, &ours), m);
}

#[test]
fn a_tie_keeps_ours() {
    let m = merge(
        &with_article("i", "a", pos(1, 5)),
        &with_article("i", "a", pos(2, 5)),
    );
    assert_eq!(offset_of(&m, "i", "a"), Some(1));
}

#[test]
fn read_marks_and_last_opened_merge_by_time() {
    let last = |article: &str, at| {
        Some(LastOpened {
            issue: "i".into(),
            article: article.into(),
            at,
        })
    };
    let mut ours = with_article(
        "i",
        "a",
        ArticleState {
            read: Some(ReadMark { read: true, at: 10 }),
            ..ArticleState::default()
        },
    );
    ours.last_opened = last("old", 1);
    let mut theirs = with_article(
        "i",
        "a",
        ArticleState {
            read: Some(ReadMark {
                read: false,
                at: 20,
            }),
            position: Some(Position {
                offset: 3,
                anchor: String::new(),
                at: 1,
                top: false,
            }),
        },
    );
    theirs.last_opened = last("new", 2);
    let m = merge(&ours, &theirs);
    assert_eq!(m.last_opened.unwrap().article, "new");
    let a = &m.articles["i"]["a"];
    assert_eq!(
        a.read,
        Some(ReadMark {
            read: false,
            at: 20
        })
    );
    assert_eq!(a.position.as_ref().unwrap().offset, 3);
}

fn with_bookmarks(bookmarks: Vec<Bookmark>) -> State {
    State {
        bookmarks,
        ..State::default()
    }
}

#[test]
fn bookmarks_are_a_union_without_duplicates() {
    let ours = with_bookmarks(vec![bm(1, None, 10), bm(2, Some("x"), 11)]);
    let theirs = with_bookmarks(vec![bm(2, Some("x"), 5), bm(3, None, 12)]);
    let m = merge(&ours, &theirs);
    let got: Vec<(usize, u64)> = m.bookmarks.iter().map(|b| (b.offset, b.created)).collect();
    // Same identity twice: one kept, the earlier creation; ordered by creation.
    assert_eq!(got, [(2, 5), (1, 10), (3, 12)]);
}

#[test]
fn a_deletion_is_not_undone_by_the_other_copy_but_a_later_re_add_survives() {
    let ours = State {
        deleted_bookmarks: vec![Tombstone::of(&bm(1, None, 10), 20)],
        ..State::default()
    };
    // The other reader still has the old bookmark, and one made after the deletion.
    let theirs = with_bookmarks(vec![bm(1, None, 10), bm(4, None, 15)]);
    let m = merge(&ours, &theirs);
    assert_eq!(
        m.bookmarks.iter().map(|b| b.offset).collect::<Vec<_>>(),
        [4]
    );
    assert_eq!(m.deleted_bookmarks.len(), 1);
    // The tombstone travels, so the other reader's next merge drops it too.
    let again = merge(&theirs, &m);
    assert_eq!(
        again.bookmarks.iter().map(|b| b.offset).collect::<Vec<_>>(),
        [4]
    );
    // Bookmarking the same spot after the deletion works.
    let mut later = m.clone();
    later.bookmarks.push(bm(1, None, 30));
    let m2 = merge(&later, &theirs);
    assert!(
        m2.bookmarks
            .iter()
            .any(|b| b.offset == 1 && b.created == 30)
    );
}

#[test]
fn tombstones_are_capped_newest_kept() {
    let s = State {
        deleted_bookmarks: (0..MAX_TOMBSTONES as u64 + 5)
            .map(|i| Tombstone::of(&bm(i as usize, None, 0), i))
            .collect(),
        ..State::default()
    };
    let m = merge(&s, &State::default());
    assert_eq!(m.deleted_bookmarks.len(), MAX_TOMBSTONES);
    assert_eq!(m.deleted_bookmarks[0].deleted, MAX_TOMBSTONES as u64 + 4);
}

#[test]
fn the_newer_jump_list_wins_whole() {
    let list = |article: &str, at| Jumps {
        places: vec![JumpPlace {
            issue: "i".into(),
            article: article.into(),
            offset: None,
        }],
        index: 1,
        at,
    };
    let ours = State {
        jumps: Some(list("ours", 10)),
        ..State::default()
    };
    let theirs = State {
        jumps: Some(list("theirs", 20)),
        ..State::default()
    };
    assert_eq!(merge(&ours, &theirs).jumps, Some(list("theirs", 20)));
    assert_eq!(merge(&theirs, &ours).jumps, Some(list("theirs", 20)));
    assert_eq!(
        merge(&ours, &State::default()).jumps,
        Some(list("ours", 10))
    );
}
