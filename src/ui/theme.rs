//! Colours and modifiers. Only the 16 ANSI colours are used; the monochrome theme (`NO_COLOR`,
//! `--no-color`) shows focus and selection with reverse video and bold alone.

use ratatui::style::{Color, Modifier, Style};

use crate::app::article::Ink;
use crate::text::markdown::Style as TextStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }

    /// Colour unless `no_color` or a non-empty `NO_COLOR` (see no-color.org).
    pub fn from_env(no_color: bool) -> Self {
        let env_off = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::new(!(no_color || env_off))
    }

    fn pick(&self, color: Style, mono: Style) -> Style {
        if self.color { color } else { mono }
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
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            false => self.pick(
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
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
            bold.add_modifier(Modifier::UNDERLINED),
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
                s.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ),
            false => self.pick(
                s.fg(Color::Black).bg(Color::Yellow),
                s.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
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
                s.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
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
