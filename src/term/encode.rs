//! Escape sequences, each in its shortest form: SGR changes that only say what differs from
//! the terminal's current attributes, and cursor moves picked by byte length (a relative move
//! or a carriage return is often shorter than an absolute CUP).

use std::io::Write;

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

pub const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
pub const END_SYNC: &[u8] = b"\x1b[?2026l";
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
pub const CLEAR_SCREEN: &[u8] = b"\x1b[2J";
pub const RESET_REGION: &[u8] = b"\x1b[r";
pub const ERASE_LINE: &[u8] = b"\x1b[K";

/// The graphic attributes a cell is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub underline: Color,
    pub modifier: Modifier,
}

impl Pen {
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }
}

/// SGR parameter of each modifier, in bit order of `Modifier`.
const MODIFIER_ON: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The 16 named colours as palette indices (what `38;5;n` would select; `30+n` / `90+n` are
/// the short forms of the same entries).
fn named_index(c: Color) -> Option<u8> {
    Some(match c {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => return None,
    })
}

/// Appends the parameters selecting `c` as foreground (`base` 30) or background (`base` 40).
fn color_params(params: &mut Vec<String>, c: Color, base: u8) {
    match (c, named_index(c)) {
        (_, Some(i)) if i < 8 => params.push((base + i).to_string()),
        (_, Some(i)) => params.push((base + 60 + i - 8).to_string()),
        (Color::Reset, _) => params.push((base + 9).to_string()),
        (Color::Indexed(i), _) => params.push(format!("{};5;{i}", base + 8)),
        (Color::Rgb(r, g, b), _) => params.push(format!("{};2;{r};{g};{b}", base + 8)),
        _ => params.push((base + 9).to_string()),
    }
}

fn underline_params(params: &mut Vec<String>, c: Color) {
    match (c, named_index(c)) {
        (Color::Reset, _) => params.push("59".into()),
        (_, Some(i)) => params.push(format!("58;5;{i}")),
        (Color::Indexed(i), _) => params.push(format!("58;5;{i}")),
        (Color::Rgb(r, g, b), _) => params.push(format!("58;2;{r};{g};{b}")),
        _ => params.push("59".into()),
    }
}

fn turn_on(params: &mut Vec<String>, modifiers: Modifier) {
    for (m, code) in MODIFIER_ON {
        if modifiers.contains(m) {
            params.push(code.to_string());
        }
    }
}

/// Parameters that set `to` from a reset terminal.
fn from_reset(to: Pen) -> Vec<String> {
    let mut p = vec!["0".to_string()];
    turn_on(&mut p, to.modifier);
    if to.fg != Color::Reset {
        color_params(&mut p, to.fg, 30);
    }
    if to.bg != Color::Reset {
        color_params(&mut p, to.bg, 40);
    }
    if to.underline != Color::Reset {
        underline_params(&mut p, to.underline);
    }
    p
}

/// Parameters that change only what differs between `from` and `to`.
fn incremental(from: Pen, to: Pen) -> Vec<String> {
    let mut p = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut added = to.modifier - from.modifier;
    // Bold and dim share their "off" code (22), and so do the two blinks (25): turn the
    // survivor back on after it.
    let intensity = Modifier::BOLD | Modifier::DIM;
    let blink = Modifier::SLOW_BLINK | Modifier::RAPID_BLINK;
    if removed.intersects(intensity) {
        p.push("22".into());
        added |= to.modifier & intensity;
    }
    if removed.intersects(blink) {
        p.push("25".into());
        added |= to.modifier & blink;
    }
    for (m, code) in [
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ] {
        if removed.contains(m) {
            p.push(code.into());
        }
    }
    turn_on(&mut p, added);
    if from.fg != to.fg {
        color_params(&mut p, to.fg, 30);
    }
    if from.bg != to.bg {
        color_params(&mut p, to.bg, 40);
    }
    if from.underline != to.underline {
        underline_params(&mut p, to.underline);
    }
    p
}

fn params_len(p: &[String]) -> usize {
    p.iter().map(|s| s.len() + 1).sum()
}

/// Appends the SGR sequence that takes the terminal's attributes from `from` (`None`:
/// unknown) to `to`, in whichever of "reset, then set" or "change what differs" is shorter.
/// Appends nothing when they are already equal.
pub fn sgr(out: &mut Vec<u8>, from: Option<Pen>, to: Pen) {
    let params = match from {
        Some(f) if f == to => return,
        Some(f) => {
            let (inc, full) = (incremental(f, to), from_reset(to));
            if params_len(&inc) <= params_len(&full) {
                inc
            } else {
                full
            }
        }
        None => from_reset(to),
    };
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(params.join(";").as_bytes());
    out.push(b'm');
}

/// `ESC [ n X` with the parameter left out when it is 1 (its default).
fn csi_count(n: u16, end: u8) -> Vec<u8> {
    if n == 1 {
        vec![0x1b, b'[', end]
    } else {
        format!("\x1b[{n}{}", end as char).into_bytes()
    }
}

/// Appends the shortest sequence moving the cursor from `from` (`None`: unknown, or in the
/// pending-wrap state after the last column, where relative moves differ between terminals)
/// to `to`, both 0-based `(x, y)`. Line feeds are only used where they cannot scroll: the
/// caller keeps the scroll region at the whole screen between frames.
pub fn move_cursor(out: &mut Vec<u8>, from: Option<(u16, u16)>, to: (u16, u16)) {
    let (x, y) = to;
    if from == Some(to) {
        return;
    }
    let mut best = match (x, y) {
        (0, 0) => b"\x1b[H".to_vec(),
        (0, _) => format!("\x1b[{}H", y + 1).into_bytes(),
        _ => format!("\x1b[{};{}H", y + 1, x + 1).into_bytes(),
    };
    let mut consider = |c: Vec<u8>| {
        if c.len() < best.len() {
            best = c;
        }
    };
    if let Some((fx, fy)) = from {
        if fy == y {
            if x == 0 {
                consider(b"\r".to_vec());
            } else if x > fx {
                consider(csi_count(x - fx, b'C'));
            } else {
                consider(csi_count(fx - x, b'D'));
            }
            consider(format!("\x1b[{}G", x + 1).into_bytes());
        } else if fx == x {
            if y > fy {
                consider(csi_count(y - fy, b'B'));
            } else {
                consider(csi_count(fy - y, b'A'));
            }
        } else if x == 0 && y == fy + 1 {
            consider(b"\r\n".to_vec());
        }
    }
    out.extend_from_slice(&best);
}

/// Appends DECSTBM for rows `top..bottom` (0-based, half-open), a scroll of `lines` up (SU)
/// or down (SD), and the reset of the region to the whole screen. A region that is the whole
/// screen needs no DECSTBM.
pub fn scroll_region(out: &mut Vec<u8>, top: u16, bottom: u16, height: u16, up: bool, lines: u16) {
    let whole = top == 0 && bottom >= height;
    if !whole {
        write!(out, "\x1b[{};{}r", top + 1, bottom).expect("writing to a Vec");
    }
    out.extend_from_slice(&csi_count(lines, if up { b'S' } else { b'T' }));
    if !whole {
        out.extend_from_slice(RESET_REGION);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgr_str(from: Option<Pen>, to: Pen) -> String {
        let mut v = Vec::new();
        sgr(&mut v, from, to);
        String::from_utf8(v).unwrap()
    }

    fn pen(fg: Color, bg: Color, m: Modifier) -> Pen {
        Pen {
            fg,
            bg,
            underline: Color::Reset,
            modifier: m,
        }
    }

    #[test]
    fn sgr_says_only_what_changes() {
        let d = Pen::DEFAULT;
        assert_eq!(sgr_str(Some(d), d), "");
        assert_eq!(sgr_str(None, d), "\x1b[0m");
        let status = pen(Color::White, Color::DarkGray, Modifier::empty());
        assert_eq!(sgr_str(Some(d), status), "\x1b[97;100m");
        assert_eq!(sgr_str(Some(status), d), "\x1b[0m");
        let bold = pen(Color::Reset, Color::Reset, Modifier::BOLD);
        let bold_dim = pen(Color::Reset, Color::Reset, Modifier::BOLD | Modifier::DIM);
        // Dropping dim but keeping bold: a reset and bold again is shorter than 22 (both
        // off) and bold again.
        assert_eq!(sgr_str(Some(bold_dim), bold), "\x1b[0;1m");
        let blue_bold_dim = Pen {
            fg: Color::Blue,
            ..bold_dim
        };
        let blue_bold = Pen {
            fg: Color::Blue,
            ..bold
        };
        assert_eq!(sgr_str(Some(blue_bold_dim), blue_bold), "\x1b[22;1m");
        assert_eq!(
            sgr_str(
                Some(d),
                pen(Color::Indexed(200), Color::Rgb(1, 2, 3), Modifier::empty())
            ),
            "\x1b[38;5;200;48;2;1;2;3m"
        );
    }

    fn mv(from: Option<(u16, u16)>, to: (u16, u16)) -> String {
        let mut v = Vec::new();
        move_cursor(&mut v, from, to);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn cursor_moves_are_the_shortest_form() {
        assert_eq!(mv(None, (0, 0)), "\x1b[H");
        assert_eq!(mv(None, (4, 9)), "\x1b[10;5H");
        assert_eq!(mv(Some((3, 9)), (4, 9)), "\x1b[C");
        assert_eq!(mv(Some((3, 9)), (40, 9)), "\x1b[37C");
        assert_eq!(mv(Some((30, 9)), (0, 9)), "\r");
        assert_eq!(mv(Some((30, 9)), (0, 10)), "\r\n");
        assert_eq!(mv(Some((5, 2)), (5, 3)), "\x1b[B");
        assert_eq!(mv(Some((5, 5)), (5, 5)), "");
    }

    #[test]
    fn scroll_regions_are_reset_after_use() {
        let mut v = Vec::new();
        scroll_region(&mut v, 1, 23, 24, true, 1);
        assert_eq!(v, b"\x1b[2;23r\x1b[S\x1b[r");
        v.clear();
        scroll_region(&mut v, 0, 24, 24, false, 3);
        assert_eq!(v, b"\x1b[3T");
    }
}
