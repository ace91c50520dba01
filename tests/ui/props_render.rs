//! Property tests: the reader's renderer at any size from 1x1 to 300x100, after any keys and
//! resizes, on an archive full of hostile text (escape sequences, bidi overrides, wide and
//! zero-width characters, unbreakable words, empty titles). Drawing never panics, and never
//! draws outside the screen: every rectangle of the layout lies inside it, no cell holds a
//! control character, and no wide character starts in the last column (a real terminal would
//! wrap it onto the next row). With no popup open, nothing is drawn in the article pane
//! outside its text column.

use crate::app_support;

use magreader::app::{Action, App, Key, update};
use magreader::archive::Archive;
use magreader::text::width::str_width;
use magreader::ui::{self, Theme};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The fixture archive with hostile text in every field the reader shows.
fn hostile() -> Archive {
    let mut archive = app_support::fixture();
    let nasty = [
        "Evil \u{1b}]0;pwned\u{7} title \u{1b}[2J\u{9b}31m\u{202e}reversed",
        "",
        "   ",
        "\u{200b}\u{200d}\u{301}\u{fe0f}",
        "全角文字がいっぱいの長いタイトル全角文字がいっぱいの長いタイトル全角文字",
        "Supercalifragilisticexpialidocious_without_any_break_at_all_anywhere_in_it_x",
        "👨\u{200d}👩\u{200d}👧 emoji 🇨🇳 and e\u{301} combining \t tab",
        "ﷺ Arabic مرحبا and Hebrew שלום",
    ];
    let mut n = 0;
    let mut next = || {
        n += 1;
        nasty[n % nasty.len()].to_string()
    };
    for issue in &mut archive.issues {
        issue.cover = Some(next());
        for s in &mut issue.sections {
            s.name = next();
            s.name_zh = Some(next());
            for a in &mut s.articles {
                a.title = next();
                a.title_zh = Some(next());
                a.subtitle = Some(next());
                a.byline = Some(next());
                a.body = format!(
                    "{}\n\n# {}\n\n- {}\n\n| a | {} |\n|---|---|\n| {} | x |\n\n[Caption] {}\n\n{}\n",
                    next(),
                    next(),
                    next(),
                    next(),
                    next(),
                    next(),
                    a.body
                )
                .into();
            }
        }
    }
    archive
}

#[derive(Debug, Clone)]
enum Step {
    Key(Key),
    Resize(u16, u16),
}

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        // Every printable ASCII key: whatever the keymap binds now or later.
        6 => (0x20u8..0x7f).prop_map(|b| Key::Char(char::from(b))),
        1 => prop::sample::select(vec!['标', '准', '中', 'é', '👍']).prop_map(Key::Char),
        2 => (b'a'..=b'z').prop_map(|b| Key::Ctrl(char::from(b))),
        3 => prop::sample::select(vec![
            Key::Enter, Key::Esc, Key::Tab, Key::BackTab, Key::Backspace, Key::Up, Key::Down,
            Key::Left, Key::Right, Key::Home, Key::End, Key::PageUp, Key::PageDown,
        ]),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => key().prop_map(Step::Key),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

fn inside(r: Rect, w: u16, h: u16) -> bool {
    u32::from(r.x) + u32::from(r.width) <= u32::from(w)
        && u32::from(r.y) + u32::from(r.height) <= u32::from(h)
}

/// Draws `app` at its size and checks every guarantee.
fn draw_and_check(app: &App, theme: Theme) -> Result<(), TestCaseError> {
    let (w, h) = (app.width, app.height);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer();
    prop_assert_eq!(buf.area, Rect::new(0, 0, w, h));

    let g = app.geometry();
    let mut rects = vec![g.status, g.text];
    rects.extend(g.separators.iter().copied());
    for p in [g.issues, g.contents, g.article].into_iter().flatten() {
        rects.push(p.title);
        rects.push(p.body);
    }
    for r in rects {
        prop_assert!(inside(r, w, h), "{r:?} outside {w}x{h}");
    }

    for y in 0..h {
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            prop_assert!(
                !sym.chars().any(|c| c.is_control()
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
                "control in cell ({x},{y}): {sym:?}"
            );
            let sw = str_width(sym);
            prop_assert!(sw >= 1, "zero-width cell ({x},{y}) {sym:?} at {w}x{h}");
            prop_assert!(
                u32::from(x) + sw as u32 <= u32::from(w),
                "{sym:?} ({sw} wide) at column {x} of {w} on row {y}"
            );
            x += sw as u16;
        }
    }

    if app.popups.is_empty()
        && !g.too_small
        && let Some(article) = g.article
    {
        let body = article.body;
        let text = g.text;
        for y in body.y..body.y + body.height {
            for x in body.x..body.x + body.width {
                let in_text = x >= text.x
                    && x < text.x + text.width
                    && y >= text.y
                    && y < text.y + text.height;
                if !in_text {
                    prop_assert_eq!(buf[(x, y)].symbol(), " ", "({}, {}) outside the text", x, y);
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_size_any_keys_draws_inside_the_screen(
        w in 1u16..=300,
        h in 1u16..=100,
        steps in prop::collection::vec(step(), 0..30),
        color in any::<bool>(),
    ) {
        let theme = Theme::new(color);
        let mut app = App::new(hostile(), w, h);
        draw_and_check(&app, theme)?;
        for s in steps {
            match s {
                Step::Key(k) => {
                    app.handle_key(k);
                }
                Step::Resize(w, h) => {
                    update(&mut app, Action::Resize(w, h));
                    draw_and_check(&app, theme)?;
                }
            }
        }
        draw_and_check(&app, theme)?;
    }
}

/// Every size at the edges of the range, with an article open: the corners of the property.
#[test]
fn extreme_sizes_with_an_article_open() {
    for (w, h) in [
        (1, 1),
        (1, 100),
        (300, 1),
        (300, 100),
        (2, 2),
        (19, 4),
        (20, 5),
        (69, 30),
    ] {
        let mut app = App::new(hostile(), w, h);
        app.handle_key(Key::Char('2'));
        // A pause: the digit is the column jump, not a count for G.
        magreader::app::update(&mut app, magreader::app::Action::CountTimeout);
        app.handle_key(Key::Char('G'));
        for theme in [Theme::new(true), Theme::new(false)] {
            draw_and_check(&app, theme).unwrap();
        }
    }
}
