use std::fs;

use super::*;

const BODY: &str = "First paragraph.\n\nSecond paragraph, where the reader stopped.\n\n中文段落。";

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn state_round_trips_through_the_file() {
    let d = dir();
    let mut m = Memory::open(d.path());
    assert!(m.take_notice().is_none());
    let at = BODY.find("where").unwrap();
    m.set_position("2025-06", "a", BODY, at);
    m.set_last_opened("2025-06", "a");
    m.set_read("2025-06", "a", true);
    let b = m.add_bookmark("2025-06", "a", at, Some("  the spot "));
    assert_eq!(b.label.as_deref(), Some("the spot"));
    assert!(m.is_dirty());
    m.save().unwrap();
    assert!(!m.is_dirty());

    let again = Memory::open(d.path());
    assert_eq!(again.state(), m.state());
    assert_eq!(again.resume_offset("2025-06", "a", BODY), Some(at));
    assert_eq!(again.last_opened(), Some(("2025-06", "a")));
    assert!(again.is_read("2025-06", "a"));
    assert!(!again.is_read("2025-06", "b"));
    assert_eq!(again.bookmarks().len(), 1);
    // The file names its schema.
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(d.path().join("state.json")).unwrap()).unwrap();
    assert_eq!(v["schema"], 1);
}

#[test]
fn a_position_is_found_again_after_the_body_shifts() {
    let d = dir();
    let mut m = Memory::open(d.path());
    let at = BODY.find("where").unwrap();
    m.set_position("i", "a", BODY, at);
    let edited = format!("A new first line from a re-import.\n\n{BODY}");
    let got = m.resume_offset("i", "a", &edited).unwrap();
    assert_eq!(&edited[got..got + 5], "where");
    // Text gone entirely: the stored offset, kept inside the body and on a boundary.
    let short = "中文";
    let got = m.resume_offset("i", "a", short).unwrap();
    assert!(short.is_char_boundary(got) && got <= short.len());
}

#[test]
fn positions_snap_to_character_boundaries() {
    let d = dir();
    let mut m = Memory::open(d.path());
    let zh = BODY.find("中").unwrap();
    m.set_position("i", "a", BODY, zh + 1);
    assert_eq!(m.position("i", "a").unwrap().offset, zh);
}

#[test]
fn a_corrupt_file_is_moved_aside_and_reported_once() {
    let d = dir();
    let path = d.path().join("state.json");
    fs::write(&path, b"{\"schema\": 1, \"bookmarks\": [tru").unwrap();
    let mut m = Memory::open(d.path());
    let notice = m.take_notice().expect("a notice");
    assert!(notice.contains("moved it to"), "{notice}");
    assert!(m.take_notice().is_none(), "reported once");
    assert!(m.bookmarks().is_empty());
    let aside: Vec<_> = fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert!(notice.contains(&aside[0]), "{notice}");
    // The damaged bytes are kept as they were.
    let kept = fs::read(d.path().join(&aside[0])).unwrap();
    assert_eq!(kept, b"{\"schema\": 1, \"bookmarks\": [tru");
    assert!(!path.exists());
    // Saving works afterwards, and a second corruption gets its own name.
    m.set_last_opened("i", "a");
    m.save().unwrap();
    fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
    let mut m2 = Memory::open(d.path());
    assert!(m2.take_notice().unwrap().contains("not UTF-8"));
    let n = fs::read_dir(d.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with("state.json.corrupt-")
        })
        .count();
    assert_eq!(n, 2);
}

#[test]
fn a_fifo_a_directory_or_a_huge_file_as_state_json_is_moved_aside_not_waited_on() {
    // A FIFO would block an ordinary open for ever (nobody writes to it); a sparse file over
    // the limit would be read into memory. Each is set aside whole, like damage, and the
    // reader starts fresh and saves a real file.
    type Make = fn(&std::path::Path);
    let make: [(&str, Make); 3] = [
        ("FIFO", |p| {
            rustix::fs::mkfifoat(rustix::fs::CWD, p, rustix::fs::Mode::from_raw_mode(0o600))
                .unwrap()
        }),
        ("directory", |p| {
            fs::create_dir(p).unwrap();
            fs::write(p.join("keep"), "user's file").unwrap();
        }),
        ("bytes", |p| {
            fs::File::create(p).unwrap().set_len(2 << 30).unwrap();
        }),
    ];
    for (what, make) in make {
        let d = dir();
        let path = d.path().join("state.json");
        make(&path);
        let mut m = Memory::open(d.path());
        let notice = m.take_notice().expect("a notice");
        assert!(notice.contains(what), "{what}: {notice}");
        assert!(notice.contains("moved it to"), "{what}: {notice}");
        let aside: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|n| n.to_string_lossy().contains("state.json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1, "{what}: {aside:?}");
        if what == "directory" {
            assert_eq!(
                fs::read_to_string(aside[0].join("keep")).unwrap(),
                "user's file"
            );
        }
        m.set_last_opened("i", "a");
        m.save().unwrap();
        assert!(fs::metadata(&path).unwrap().is_file(), "{what}");
    }
}

#[test]
fn a_byte_order_mark_is_not_damage() {
    let d = dir();
    let path = d.path().join("state.json");
    let mut m = Memory::open(d.path());
    m.set_last_opened("i", "a");
    m.save().unwrap();
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend(fs::read(&path).unwrap());
    fs::write(&path, bytes).unwrap();
    let mut again = Memory::open(d.path());
    assert_eq!(again.take_notice(), None);
    assert_eq!(again.last_opened(), Some(("i", "a")));
}

#[test]
fn wrong_shapes_count_as_corrupt() {
    for bad in [
        "[]",
        "{}",
        "{\"schema\": \"1\"}",
        "{\"schema\": 1, \"bookmarks\": 5}",
        "",
    ] {
        let d = dir();
        fs::write(d.path().join("state.json"), bad).unwrap();
        let mut m = Memory::open(d.path());
        assert!(m.take_notice().is_some(), "{bad:?}");
        assert!(!d.path().join("state.json").exists(), "{bad:?} moved aside");
    }
}

#[test]
fn a_newer_schema_is_left_alone_and_never_written() {
    let d = dir();
    let path = d.path().join("state.json");
    fs::write(&path, "{\"schema\": 99, \"future\": true}").unwrap();
    let mut m = Memory::open(d.path());
    assert!(m.take_notice().unwrap().contains("newer"));
    m.set_last_opened("i", "a");
    assert!(matches!(m.save(), Err(MemoryError::Disabled(_))));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "{\"schema\": 99, \"future\": true}"
    );
}

#[test]
fn two_readers_merge_instead_of_clobbering() {
    let d = dir();
    let mut a = Memory::open(d.path());
    let mut b = Memory::open(d.path());
    a.add_bookmark("i", "x", 1, Some("from a"));
    a.set_position("i", "x", BODY, 5);
    b.add_bookmark("i", "y", 2, Some("from b"));
    b.set_position("i", "x", BODY, 17); // later: wins for article x
    a.save().unwrap();
    b.save().unwrap();
    let fresh = Memory::open(d.path());
    let labels: Vec<_> = fresh
        .bookmarks()
        .iter()
        .map(|b| b.label.clone().unwrap())
        .collect();
    assert_eq!(labels, ["from a", "from b"]);
    assert_eq!(fresh.position("i", "x").unwrap().offset, 17);
    // `a` deletes b's bookmark after learning of it; b's stale copy does not bring it back.
    a.save().unwrap();
    let theirs = a
        .bookmarks()
        .iter()
        .find(|m| m.article == "y")
        .unwrap()
        .clone();
    assert!(a.remove_bookmark(&theirs));
    a.save().unwrap();
    b.save().unwrap();
    let fresh = Memory::open(d.path());
    assert_eq!(fresh.bookmarks().len(), 1);
    assert_eq!(b.bookmarks().len(), 1, "b learnt of the deletion on save");
}

#[test]
fn stale_temporary_files_are_cleaned_up_by_the_next_save() {
    let d = dir();
    let stale = d.path().join("state.json.tmp-999999-0");
    fs::write(&stale, "{\"schema\": 1, \"half").unwrap();
    let mut m = Memory::open(d.path());
    m.set_last_opened("i", "a");
    m.save().unwrap();
    assert!(!stale.exists());
    assert!(Memory::open(d.path()).last_opened().is_some());
}

#[test]
fn an_unwritable_directory_is_an_error_not_a_panic() {
    let d = dir();
    let file = d.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let mut m = Memory::open(&file);
    m.set_last_opened("i", "a");
    let e = m.save().unwrap_err();
    assert!(e.to_string().contains("not-a-dir"), "{e}");
}

#[test]
fn state_dir_follows_the_environment() {
    let d = |pairs| file::state_dir_from(crate::user_dirs::env_of(pairs));
    assert_eq!(
        d(&[
            ("MAGREADER_STATE_DIR", "/t/s"),
            ("XDG_STATE_HOME", "/x"),
            ("HOME", "/h")
        ]),
        Ok("/t/s".into())
    );
    assert_eq!(
        d(&[("XDG_STATE_HOME", "/x"), ("HOME", "/h")]),
        Ok("/x/magreader".into())
    );
    // A relative XDG_STATE_HOME is invalid per the spec and ignored.
    assert_eq!(
        d(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")]),
        Ok("/h/.local/state/magreader".into())
    );
    assert_eq!(
        d(&[("XDG_STATE_HOME", ""), ("HOME", "/h")]),
        Ok("/h/.local/state/magreader".into())
    );
    assert!(d(&[]).is_err());
}

#[test]
fn an_article_left_at_its_top_resumes_at_its_top_after_a_restart() {
    let d = dir();
    let mut m = Memory::open(d.path());
    m.set_anchor("2025-06", "a", BODY, None);
    m.set_anchor("2025-06", "b", BODY, Some(0));
    m.save().unwrap();
    let again = Memory::open(d.path());
    // The top (title block) and the first body line are different places.
    assert_eq!(again.resume_anchor("2025-06", "a", BODY), Some(None));
    assert_eq!(again.resume_anchor("2025-06", "b", BODY), Some(Some(0)));
    assert_eq!(again.resume_anchor("2025-06", "c", BODY), None);
    // Scrolling down from the top is a change that is kept.
    let mut m = again;
    m.set_anchor("2025-06", "a", BODY, Some(18));
    assert!(m.is_dirty());
    assert_eq!(m.resume_anchor("2025-06", "a", BODY), Some(Some(18)));
}

#[test]
fn the_jump_list_survives_a_restart() {
    let d = dir();
    let mut m = Memory::open(d.path());
    let places = vec![
        JumpPlace {
            issue: "2025-06".into(),
            article: "a".into(),
            offset: None,
        },
        JumpPlace {
            issue: "2025-03".into(),
            article: "b".into(),
            offset: Some(40),
        },
    ];
    m.set_jumps(&places, 1);
    m.save().unwrap();
    let again = Memory::open(d.path());
    let j = again.jumps().unwrap();
    assert_eq!((j.places.as_slice(), j.index), (places.as_slice(), 1));
}
