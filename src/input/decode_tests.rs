use super::*;

fn keys(bytes: &[u8]) -> Vec<Key> {
    let mut d = KeyDecoder::new();
    let mut k = d.feed(bytes);
    k.extend(d.flush());
    k
}

#[test]
fn plain_and_control_keys() {
    assert_eq!(
        keys(b"jG?\r\t\x7f\x08"),
        vec![
            Key::Char('j'),
            Key::Char('G'),
            Key::Char('?'),
            Key::Enter,
            Key::Tab,
            Key::Backspace,
            Key::Backspace
        ]
    );
    assert_eq!(
        keys(b"\x10\x06\x04\x03"),
        vec![
            Key::Ctrl('p'),
            Key::Ctrl('f'),
            Key::Ctrl('d'),
            Key::Ctrl('c')
        ]
    );
    // A pasted CRLF is one Enter; LF alone is Enter too.
    assert_eq!(
        keys(b"a\r\nb\n"),
        vec![Key::Char('a'), Key::Enter, Key::Char('b'), Key::Enter]
    );
}

#[test]
fn arrows_and_paging_in_csi_and_ss3_forms() {
    assert_eq!(
        keys(b"\x1b[A\x1b[B\x1b[C\x1b[D\x1bOA\x1bOB\x1bOH\x1bOF"),
        vec![
            Key::Up,
            Key::Down,
            Key::Right,
            Key::Left,
            Key::Up,
            Key::Down,
            Key::Home,
            Key::End
        ]
    );
    assert_eq!(
        keys(b"\x1b[5~\x1b[6~\x1b[1~\x1b[4~\x1b[7~\x1b[8~\x1b[H\x1b[F\x1b[Z"),
        vec![
            Key::PageUp,
            Key::PageDown,
            Key::Home,
            Key::End,
            Key::Home,
            Key::End,
            Key::Home,
            Key::End,
            Key::BackTab
        ]
    );
    // Modifiers do not change the key (Ctrl-Up is Up, Shift-PgDn is PgDn).
    assert_eq!(keys(b"\x1b[1;5A\x1b[6;2~"), vec![Key::Up, Key::PageDown]);
}

#[test]
fn esc_alone_waits_for_flush_and_unknown_sequences_vanish() {
    let mut d = KeyDecoder::new();
    assert_eq!(d.feed(b"\x1b"), vec![]);
    assert!(d.has_pending());
    assert_eq!(d.flush(), vec![Key::Esc]);
    assert!(!d.has_pending());
    // Two ESCs in one packet: the first is Esc at once, the second waits.
    assert_eq!(d.feed(b"\x1b\x1b"), vec![Key::Esc]);
    assert_eq!(d.flush(), vec![Key::Esc]);
    // F5, Delete, a mouse report, a focus report and an Alt chord: nothing, and the keys
    // around them survive.
    assert_eq!(
        keys(b"a\x1b[15~\x1b[3~\x1b[<0;10;5M\x1b[I\x1bxb"),
        vec![Key::Char('a'), Key::Char('b')]
    );
}

#[test]
fn sequences_split_across_packets() {
    let mut d = KeyDecoder::new();
    assert_eq!(d.feed(b"\x1b["), vec![]);
    assert_eq!(d.feed(b"6"), vec![]);
    assert_eq!(d.feed(b"~j"), vec![Key::PageDown, Key::Char('j')]);
    assert_eq!(d.feed(b"\x1bO"), vec![]);
    assert_eq!(d.feed(b"B"), vec![Key::Down]);
    let zh = "蒙古国".as_bytes();
    assert_eq!(d.feed(&zh[..4]), vec![Key::Char('蒙')]);
    assert_eq!(d.feed(&zh[4..]), vec![Key::Char('古'), Key::Char('国')]);
}

#[test]
fn utf8_text_including_chinese() {
    assert_eq!(
        keys("标准化 é".as_bytes()),
        vec![
            Key::Char('标'),
            Key::Char('准'),
            Key::Char('化'),
            Key::Char(' '),
            Key::Char('é')
        ]
    );
    // Invalid bytes are skipped, not turned into characters.
    assert_eq!(
        keys(b"\xff\x80a\xe6\x41"),
        vec![Key::Char('a'), Key::Char('A')]
    );
}

#[test]
fn endless_garbage_does_not_pile_up() {
    let mut d = KeyDecoder::new();
    let mut junk = b"\x1b[".to_vec();
    junk.extend(std::iter::repeat_n(b'1', 1000));
    assert_eq!(d.feed(&junk), vec![]);
    assert!(!d.has_pending());
    assert_eq!(d.feed(b"\x1b[A"), vec![Key::Up]);
}

#[test]
fn esc_o_takes_only_a_final_byte_as_ss3() {
    // Alt-O and then Up: the Up's ESC is not swallowed as the end of an SS3 sequence (which
    // left `[` and `A`, and `[` steps to the previous column).
    assert_eq!(keys(b"\x1bO\x1b[A"), vec![Key::Up]);
    assert_eq!(keys(b"\x1bO\rj"), vec![Key::Enter, Key::Char('j')]);
    assert_eq!(keys(b"\x1bOA"), vec![Key::Up]);
}
