//! Colours and modifiers, at the colour depth the terminal has (`Depth`, from `COLORTERM` and
//! `TERM`). Styles are written with the 16 ANSI colour names; 256-colour and truecolour
//! terminals get the same hues from fixed palettes (so they look alike whatever the user's
//! 16-colour palette), and 16-colour terminals get the names themselves. The monochrome theme
//! (`NO_COLOR`, `--no-color`, or a terminal without colour) keeps apart what colour would:
//! search matches in reverse video, headings bold, the selected row underlined (with its `>`
//! marker).

use ratatui::style::{Color, Modifier, Style};

use crate::app::article::Ink;
use crate::text::markdown::Style as TextStyle;

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Depth {
    Mono,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl Depth {
    /// The depth a terminal announces: `COLORTERM=truecolor` (or `24bit`), then `TERM`
    /// (`*-direct`: truecolour; `*-256color`: 256; terminals known to have no colour: mono;
    /// anything else: the 16 ANSI colours every colour terminal has).
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> Depth {
        if matches!(colorterm, Some("truecolor" | "24bit")) {
            return Depth::TrueColor;
        }
        let term = term.unwrap_or("");
        let base = term.split('-').next().unwrap_or("");
        if term.ends_with("-direct") {
            Depth::TrueColor
        } else if term.contains("256color") {
            Depth::Ansi256
        } else if term.is_empty()
            || matches!(
                base,
                "dumb" | "vt52" | "vt100" | "vt102" | "vt220" | "vt320"
            )
            || term.ends_with("-m")
            || term.ends_with("-mono")
        {
            Depth::Mono
        } else {
            Depth::Ansi16
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether any colour is used (false: monochrome).
    pub color: bool,
    pub depth: Depth,
}

impl Theme {
    /// The 16-colour theme, or monochrome.
    pub const fn new(color: bool) -> Self {
        Theme::with_depth(if color { Depth::Ansi16 } else { Depth::Mono })
    }

    pub const fn with_depth(depth: Depth) -> Self {
        Theme {
            color: !matches!(depth, Depth::Mono),
            depth,
        }
    }

    /// Monochrome if `no_color` or a non-empty `NO_COLOR` (see no-color.org), else the depth
    /// `COLORTERM` and `TERM` announce.
    pub fn from_env(no_color: bool) -> Self {
        let var = |k| std::env::var(k).ok();
        Theme::from_vars(
            no_color,
            var("NO_COLOR").as_deref(),
            var("COLORTERM").as_deref(),
            var("TERM").as_deref(),
        )
    }

    /// For readers on other machines (`serve`): their terminal is not the one this process's
    /// `TERM` describes, so the 16 ANSI colours every colour terminal has, unless `no_color`
    /// or a non-empty `NO_COLOR`.
    pub fn for_remote(no_color: bool) -> Self {
        let off = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!off)
    }

    /// [`Theme::from_env`] with the variables passed in.
    pub fn from_vars(
        no_color: bool,
        no_color_var: Option<&str>,
        colorterm: Option<&str>,
        term: Option<&str>,
    ) -> Self {
        if no_color || no_color_var.is_some_and(|v| !v.is_empty()) {
            return Theme::with_depth(Depth::Mono);
        }
        Theme::with_depth(Depth::detect(colorterm, term))
    }

    fn pick(&self, color: Style, mono: Style) -> Style {
        match self.depth {
            Depth::Mono => mono,
            Depth::Ansi16 => color,
            d => Style {
                fg: color.fg.map(|c| refine(c, d)),
                bg: color.bg.map(|c| refine(c, d)),
                ..color
            },
        }
    }

    /// The last query shown again in a popup, selected: typing replaces it.
    pub fn selected_query(&self, selected: bool) -> Style {
        match selected {
            true => Style::new().add_modifier(Modifier::REVERSED),
            false => Style::new(),
        }
    }

    pub fn title_bar(&self, focused: bool) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        match focused {
            true => self.pick(
                bold.fg(Color::Black).bg(Color::Cyan),
                bold.add_modifier(Modifier::REVERSED),
            ),
            false => self.pick(Style::new().fg(Color::White).bg(Color::DarkGray), bold),
        }
    }

    /// The selected row of a list: reverse video in the focused pane, bold elsewhere.
    pub fn selected(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(
                Style::new().fg(Color::Black).bg(Color::Yellow),
                Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            ),
            false => self.pick(
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
        }
    }

    pub fn separator(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    /// Secondary text: cover stories, Chinese titles under English ones, page numbers.
    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Gray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// An article whose file cannot be read: listed where it belongs, but greyed out (opening
    /// it says why).
    pub fn missing(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
        )
    }

    /// Front matter: shown, but apart from the columns.
    pub fn front(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    pub fn header(&self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(bold.fg(Color::Cyan), bold)
    }

    pub fn column_number(&self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(bold.fg(Color::Yellow), bold)
    }

    pub fn status(&self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(Color::Blue),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn notice(&self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(bold.fg(Color::Black).bg(Color::Yellow), bold)
    }

    /// Matched characters in fuzzy-jump results.
    pub fn matched(&self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(
            bold.fg(Color::LightRed),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// A match of the in-article search; the current one stands out more. Both keep
    /// working in monochrome (underline; reverse video for the current one).
    pub fn search_match(&self, current: bool) -> Style {
        let s = Style::new();
        match current {
            true => self.pick(
                s.fg(Color::Black)
                    .bg(Color::LightRed)
                    .add_modifier(Modifier::BOLD),
                s.add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            ),
            false => self.pick(
                s.fg(Color::Black).bg(Color::Yellow),
                s.add_modifier(Modifier::REVERSED),
            ),
        }
    }

    /// A standard's designation in the article text: a quiet colour, or an underline in
    /// monochrome (search matches there are bold as well, so the two stay apart).
    pub fn standard(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    /// The mark beside articles already read in the contents pane.
    pub fn read_mark(&self) -> Style {
        self.pick(Style::new().fg(Color::Green), Style::new())
    }

    pub fn ink(&self, ink: &Ink) -> Style {
        let s = Style::new();
        match ink {
            Ink::Title => self.pick(
                s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                s.add_modifier(Modifier::BOLD),
            ),
            Ink::TitleZh => self.pick(
                s.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                s.add_modifier(Modifier::BOLD),
            ),
            Ink::Subtitle => s.add_modifier(Modifier::ITALIC),
            Ink::Byline => self.dim(),
            Ink::Body(t) => self.text(*t),
        }
    }

    /// Markdown styles from the text layer.
    pub fn text(&self, t: TextStyle) -> Style {
        let s = Style::new();
        match t {
            TextStyle::Text | TextStyle::Table => s,
            TextStyle::Emphasis => s.add_modifier(Modifier::ITALIC),
            TextStyle::Strong | TextStyle::TableHeader => s.add_modifier(Modifier::BOLD),
            TextStyle::Heading => self.pick(
                s.fg(Color::Cyan).add_modifier(Modifier::BOLD),
                s.add_modifier(Modifier::BOLD),
            ),
            TextStyle::Caption => self.pick(
                s.fg(Color::Green).add_modifier(Modifier::ITALIC),
                s.add_modifier(Modifier::ITALIC | Modifier::DIM),
            ),
            TextStyle::ListMarker => self.pick(s.fg(Color::Yellow), s.add_modifier(Modifier::BOLD)),
            TextStyle::Quote => self.pick(
                s.fg(Color::Gray).add_modifier(Modifier::ITALIC),
                s.add_modifier(Modifier::ITALIC),
            ),
            TextStyle::Code => self.pick(s.fg(Color::Magenta), s),
            TextStyle::Link => self.pick(
                s.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
                s.add_modifier(Modifier::UNDERLINED),
            ),
            TextStyle::Rule | TextStyle::LinkNumber => self.separator(),
        }
    }
}

/// A named ANSI colour at a richer depth: the same hue from a fixed palette.
fn refine(c: Color, depth: Depth) -> Color {
    let (index, rgb) = match c {
        Color::Black => (16, (0, 0, 0)),
        Color::White => (255, (238, 238, 238)),
        Color::Gray => (249, (178, 178, 178)),
        Color::DarkGray => (240, (88, 88, 88)),
        Color::Cyan => (37, (0, 175, 175)),
        Color::Yellow => (178, (215, 175, 0)),
        Color::LightRed => (203, (255, 95, 95)),
        Color::Red => (160, (215, 0, 0)),
        Color::Blue => (25, (0, 95, 175)),
        Color::Green => (71, (95, 175, 95)),
        Color::Magenta => (133, (175, 95, 175)),
        other => return other,
    };
    match depth {
        Depth::TrueColor => Color::Rgb(rgb.0, rgb.1, rgb.2),
        Depth::Ansi256 => Color::Indexed(index),
        Depth::Ansi16 | Depth::Mono => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_comes_from_colorterm_then_term() {
        let d = Depth::detect;
        assert_eq!(
            d(Some("truecolor"), Some("xterm-256color")),
            Depth::TrueColor
        );
        assert_eq!(d(Some("24bit"), Some("linux")), Depth::TrueColor);
        assert_eq!(d(None, Some("xterm-direct")), Depth::TrueColor);
        assert_eq!(d(None, Some("tmux-256color")), Depth::Ansi256);
        assert_eq!(d(None, Some("screen-256color")), Depth::Ansi256);
        assert_eq!(d(None, Some("linux")), Depth::Ansi16);
        assert_eq!(d(None, Some("screen")), Depth::Ansi16);
        assert_eq!(d(None, Some("xterm")), Depth::Ansi16);
        assert_eq!(d(None, Some("vt100")), Depth::Mono);
        assert_eq!(d(None, Some("dumb")), Depth::Mono);
        assert_eq!(d(None, None), Depth::Mono);
        // NO_COLOR wins over any terminal.
        let t = Theme::from_vars(false, Some("1"), Some("truecolor"), Some("xterm-256color"));
        assert_eq!(t.depth, Depth::Mono);
        // An empty NO_COLOR is no request (no-color.org).
        let t = Theme::from_vars(false, Some(""), None, Some("xterm-256color"));
        assert_eq!(t.depth, Depth::Ansi256);
    }

    #[test]
    fn each_depth_uses_only_its_own_colours() {
        let styles = |t: Theme| {
            vec![
                t.title_bar(true),
                t.title_bar(false),
                t.selected(true),
                t.selected(false),
                t.header(),
                t.status(),
                t.notice(),
                t.search_match(true),
                t.search_match(false),
                t.text(TextStyle::Heading),
                t.text(TextStyle::Link),
                t.dim(),
            ]
        };
        let colours = |t| {
            styles(t)
                .into_iter()
                .flat_map(|s| [s.fg, s.bg])
                .flatten()
                .collect::<Vec<_>>()
        };
        assert!(colours(Theme::with_depth(Depth::Mono)).is_empty());
        assert!(
            colours(Theme::with_depth(Depth::Ansi16))
                .iter()
                .all(|c| { !matches!(c, Color::Indexed(_) | Color::Rgb(..)) })
        );
        let c256 = colours(Theme::with_depth(Depth::Ansi256));
        assert!(
            c256.iter().all(|c| matches!(c, Color::Indexed(_))),
            "{c256:?}"
        );
        let rgb = colours(Theme::with_depth(Depth::TrueColor));
        assert!(rgb.iter().all(|c| matches!(c, Color::Rgb(..))), "{rgb:?}");
        // Text stays readable on its background: no colour pair is the same twice.
        for t in [Depth::Ansi16, Depth::Ansi256, Depth::TrueColor].map(Theme::with_depth) {
            for s in styles(t) {
                if let (Some(fg), Some(bg)) = (s.fg, s.bg) {
                    assert_ne!(fg, bg, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn without_colour_matches_headings_and_the_selection_look_different() {
        let t = Theme::new(false);
        let mods = |s: Style| s.add_modifier;
        let (search, current, heading, selected) = (
            mods(t.search_match(false)),
            mods(t.search_match(true)),
            mods(t.text(TextStyle::Heading)),
            mods(t.selected(true)),
        );
        assert!(search.contains(Modifier::REVERSED) && current.contains(Modifier::REVERSED));
        assert!(heading.contains(Modifier::BOLD) && !heading.contains(Modifier::REVERSED));
        assert!(!selected.contains(Modifier::REVERSED));
        let all = [search, current, heading, selected, mods(t.selected(false))];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b, "two of them look alike: {all:?}");
            }
        }
    }
}
