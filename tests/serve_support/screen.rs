//! Just enough of a terminal to read what the server drew: cursor moves, clears, printable
//! text (wide CJK cells), colours ignored. Writes outside the screen are counted, so a test
//! can tell the server drew for the size it was told.

use unicode_width::UnicodeWidthChar;

pub struct Screen {
    pub width: usize,
    pub height: usize,
    cells: Vec<Vec<String>>,
    row: usize,
    col: usize,
    /// Cells written outside the screen.
    pub outside: usize,
    /// Bytes of an escape sequence cut at the end of the last feed.
    pending: Vec<u8>,
    /// Bytes of a UTF-8 character cut at the end of the last feed.
    text: Vec<u8>,
}

impl Screen {
    pub fn new(width: usize, height: usize) -> Self {
        Screen {
            width,
            height,
            cells: vec![vec![" ".to_string(); width]; height],
            row: 0,
            col: 0,
            outside: 0,
            pending: Vec::new(),
            text: Vec::new(),
        }
    }

    pub fn row(&self, r: usize) -> String {
        self.cells[r].concat()
    }

    pub fn text(&self) -> String {
        (0..self.height)
            .map(|r| self.row(r))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn clear(&mut self) {
        for row in &mut self.cells {
            row.iter_mut().for_each(|c| *c = " ".into());
        }
    }

    fn put(&mut self, ch: char) {
        let w = ch.width().unwrap_or(0);
        if w == 0 {
            return;
        }
        if self.row >= self.height || self.col + w > self.width {
            self.outside += 1;
        } else {
            self.cells[self.row][self.col] = ch.to_string();
            if w == 2 {
                self.cells[self.row][self.col + 1] = String::new();
            }
        }
        self.col += w;
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let mut b = std::mem::take(&mut self.pending);
        b.extend_from_slice(bytes);
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                0x1b => match self.escape(&b[i..]) {
                    Some(n) => i += n,
                    None => {
                        self.pending = b[i..].to_vec();
                        return;
                    }
                },
                b'\r' => {
                    self.col = 0;
                    i += 1;
                }
                b'\n' => {
                    self.row += 1;
                    i += 1;
                }
                c if c < 0x20 => i += 1,
                c => {
                    self.text.push(c);
                    i += 1;
                    match std::str::from_utf8(&self.text) {
                        Ok(s) => {
                            let s = s.to_string();
                            self.text.clear();
                            s.chars().for_each(|ch| self.put(ch));
                        }
                        Err(e) if e.error_len().is_some() => self.text.clear(),
                        Err(_) => {}
                    }
                }
            }
        }
    }

    /// Applies the escape sequence at the start of `b`; its length, or `None` if cut short.
    fn escape(&mut self, b: &[u8]) -> Option<usize> {
        match *b.get(1)? {
            b'[' => {
                let mut j = 2;
                while (0x20..=0x3f).contains(b.get(j)?) {
                    j += 1;
                }
                let params = std::str::from_utf8(&b[2..j]).unwrap_or("");
                let nums: Vec<usize> = params
                    .trim_start_matches('?')
                    .split(';')
                    .map(|p| p.parse().unwrap_or(0))
                    .collect();
                let n = |k: usize| nums.get(k).copied().filter(|&v| v > 0).unwrap_or(1);
                match b[j] {
                    b'H' | b'f' => {
                        self.row = n(0) - 1;
                        self.col = n(1) - 1;
                    }
                    b'J' if params == "2" => self.clear(),
                    b'K' if self.row < self.height => {
                        for c in self.col.min(self.width)..self.width {
                            self.cells[self.row][c] = " ".into();
                        }
                    }
                    b'h' if params == "?1049" => self.clear(),
                    b'A' => self.row = self.row.saturating_sub(n(0)),
                    b'B' => self.row += n(0),
                    b'C' => self.col += n(0),
                    b'D' => self.col = self.col.saturating_sub(n(0)),
                    _ => {}
                }
                Some(j + 1)
            }
            b']' => {
                // OSC, ended by BEL or ESC \.
                let mut j = 2;
                loop {
                    match *b.get(j)? {
                        0x07 => return Some(j + 1),
                        0x1b if *b.get(j + 1)? == b'\\' => return Some(j + 2),
                        _ => j += 1,
                    }
                }
            }
            _ => Some(2),
        }
    }
}
