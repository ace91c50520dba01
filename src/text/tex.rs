//! Simple TeX math (`$p=0.0074$`, `$\mu$s`, `$F_y$`) as readable text.
//!
//! The exports write statistics and units in TeX. A terminal cannot typeset it and a reader
//! should not have to read it, so the layout shows what the formula says: commands as their
//! symbols (`\mu` μ, `\times` ×, `\leq` ≤); a sub- or superscript as Unicode sub- or
//! superscript characters when every character has one (`m^+` m⁺, `10^{-6}` 10⁻⁶), else in
//! brackets (`x_{yz}` x_(yz)) — never `^{`; braces dropped; `\frac{a}{b}` as `a/b`. Anything
//! unknown (`\overline`) loses its backslash and keeps its name. The importer is meant to
//! store most of this as text already; this is the renderer's share, for what remains.

/// Commands and the text they stand for.
const SYMBOLS: &[(&str, &str)] = &[
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("varepsilon", "ε"),
    ("zeta", "ζ"),
    ("eta", "η"),
    ("theta", "θ"),
    ("kappa", "κ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("nu", "ν"),
    ("xi", "ξ"),
    ("pi", "π"),
    ("rho", "ρ"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("phi", "φ"),
    ("varphi", "φ"),
    ("chi", "χ"),
    ("psi", "ψ"),
    ("omega", "ω"),
    ("Gamma", "Γ"),
    ("Delta", "Δ"),
    ("Theta", "Θ"),
    ("Lambda", "Λ"),
    ("Sigma", "Σ"),
    ("Phi", "Φ"),
    ("Psi", "Ψ"),
    ("Omega", "Ω"),
    ("times", "×"),
    ("cdot", "·"),
    ("div", "÷"),
    ("pm", "±"),
    ("mp", "∓"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("neq", "≠"),
    ("ne", "≠"),
    ("approx", "≈"),
    ("sim", "~"),
    ("infty", "∞"),
    ("circ", "°"),
    ("degree", "°"),
    ("sum", "Σ"),
    ("prod", "Π"),
    ("sqrt", "√"),
    ("partial", "∂"),
    ("rightarrow", "→"),
    ("to", "→"),
    ("leftarrow", "←"),
    ("ldots", "…"),
    ("cdots", "⋯"),
    ("percent", "%"),
    ("%", "%"),
    ("$", "$"),
    ("_", "_"),
    ("{", "{"),
    ("}", "}"),
    ("&", "&"),
    ("#", "#"),
    (",", " "),
    (";", " "),
    (" ", " "),
    ("quad", " "),
    ("qquad", " "),
    ("left", ""),
    ("right", ""),
    ("mathrm", ""),
    ("text", ""),
    ("mathit", ""),
    ("mathbf", ""),
    ("rm", ""),
];

const SUPERSCRIPTS: &[(char, char)] = &[
    ('0', '⁰'),
    ('1', '¹'),
    ('2', '²'),
    ('3', '³'),
    ('4', '⁴'),
    ('5', '⁵'),
    ('6', '⁶'),
    ('7', '⁷'),
    ('8', '⁸'),
    ('9', '⁹'),
    ('+', '⁺'),
    ('-', '⁻'),
    ('=', '⁼'),
    ('(', '⁽'),
    (')', '⁾'),
    ('n', 'ⁿ'),
    ('i', 'ⁱ'),
    ('*', '*'),
    (',', '˒'),
];

const SUBSCRIPTS: &[(char, char)] = &[
    ('0', '₀'),
    ('1', '₁'),
    ('2', '₂'),
    ('3', '₃'),
    ('4', '₄'),
    ('5', '₅'),
    ('6', '₆'),
    ('7', '₇'),
    ('8', '₈'),
    ('9', '₉'),
    ('+', '₊'),
    ('-', '₋'),
    ('=', '₌'),
    ('(', '₍'),
    (')', '₎'),
    ('a', 'ₐ'),
    ('e', 'ₑ'),
    ('o', 'ₒ'),
    ('x', 'ₓ'),
    ('h', 'ₕ'),
    ('k', 'ₖ'),
    ('l', 'ₗ'),
    ('m', 'ₘ'),
    ('n', 'ₙ'),
    ('p', 'ₚ'),
    ('s', 'ₛ'),
    ('t', 'ₜ'),
    ('i', 'ᵢ'),
    ('j', 'ⱼ'),
    ('r', 'ᵣ'),
    ('u', 'ᵤ'),
    ('v', 'ᵥ'),
];

/// The superscript form of `c`, if it has one (`2` ², `,` ˒; a star stays a star: the
/// corresponding author's mark is raised by position).
pub fn superscript(c: char) -> Option<char> {
    SUPERSCRIPTS.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

/// Whether `c` is one of the superscripts [`superscript`] gives.
pub fn is_superscript(c: char) -> bool {
    c != '*' && SUPERSCRIPTS.iter().any(|(_, v)| *v == c)
}

/// Superscripts written outside math, as the exports do: `^{2,3}` after a name, `^[1-3]`
/// after a sentence (a reference). Raised where every character has a superscript form
/// (`²˒³`), else bracketed (`[1-3]`, as a reference is printed inline). Text without a `^`
/// comes back borrowed.
pub fn raised(text: &str) -> std::borrow::Cow<'_, str> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if !text.contains('^') {
        return std::borrow::Cow::Borrowed(text);
    }
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"\^\{([^{}]{1,20})\}|\^\[([0-9][0-9,\-–\s]{0,20})\]").expect("pattern")
    });
    re.replace_all(text, |c: &regex::Captures| {
        let (inner, open, close) = match (c.get(1), c.get(2)) {
            (Some(m), _) => (m.as_str(), "(", ")"),
            (_, Some(m)) => (m.as_str(), "[", "]"),
            _ => return c[0].to_string(),
        };
        let inner: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
        let inner = inner.replace('–', "-");
        let up: Option<String> = inner.chars().map(superscript).collect();
        match up {
            Some(u) if open == "(" => u,
            _ if open == "(" => format!("^({inner})"),
            _ => format!("{open}{inner}{close}"),
        }
    })
}

/// The text a TeX formula stands for (see the module docs).
pub fn to_text(tex: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = tex.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '\\' => {
                let (name, next) = command(&chars, i);
                i = next;
                if name == "frac" {
                    let (num, next) = argument(&chars, i);
                    let (den, next) = argument(&chars, next);
                    i = next;
                    out.push_str(&fraction(&to_text(&num), &to_text(&den)));
                    continue;
                }
                match SYMBOLS.iter().find(|(n, _)| *n == name) {
                    Some((_, s)) => out.push_str(s),
                    None => out.push_str(&name),
                }
            }
            '^' | '_' => {
                let (arg, next) = argument(&chars, i);
                i = next;
                let table = if c == '^' { SUPERSCRIPTS } else { SUBSCRIPTS };
                let arg = to_text(&arg);
                let mapped: Option<String> = arg
                    .chars()
                    .map(|a| table.iter().find(|(k, _)| *k == a).map(|(_, v)| *v))
                    .collect();
                match mapped {
                    Some(m) if !m.is_empty() => out.push_str(&m),
                    _ if arg.chars().count() == 1 && c == '_' => {
                        out.push('_');
                        out.push_str(&arg);
                    }
                    _ => {
                        out.push(c);
                        out.push('(');
                        out.push_str(&arg);
                        out.push(')');
                    }
                }
            }
            '{' | '}' => {}
            '~' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.trim().to_string()
}

/// `a/b`, with brackets around a part longer than one character.
fn fraction(num: &str, den: &str) -> String {
    let part = |s: &str| match s.chars().count() {
        0 | 1 => s.to_string(),
        _ => format!("({s})"),
    };
    format!("{}/{}", part(num), part(den))
}

/// The command name starting at `i` (after a backslash): letters, or one other character.
fn command(chars: &[char], i: usize) -> (String, usize) {
    let letters: String = chars[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    if letters.is_empty() {
        return match chars.get(i) {
            Some(c) => (c.to_string(), i + 1),
            None => (String::new(), i),
        };
    }
    // A space after the name stays: `\times 3` reads `× 3`.
    let next = i + letters.chars().count();
    (letters, next)
}

/// A sub- or superscript's argument at `i`: a `{…}` group (nested braces kept for the inner
/// pass) or a single character.
fn argument(chars: &[char], i: usize) -> (String, usize) {
    match chars.get(i) {
        Some('{') => {
            let mut depth = 0;
            for (k, &c) in chars[i..].iter().enumerate() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return (chars[i + 1..i + k].iter().collect(), i + k + 1);
                        }
                    }
                    _ => {}
                }
            }
            (chars[i + 1..].iter().collect(), chars.len())
        }
        Some('\\') => {
            let (name, next) = command(chars, i + 1);
            (format!("\\{name}"), next)
        }
        Some(&c) => (c.to_string(), i + 1),
        None => (String::new(), i),
    }
}

#[cfg(test)]
mod tests {
    use super::{raised, to_text};

    #[test]
    fn superscripts_outside_math() {
        assert_eq!(raised("Yang Yongqi^{2,3}, Li^{1*}"), "Yang Yongqi²˒³, Li¹*");
        assert_eq!(
            raised("decision-making^[1-3]. Done^[4]"),
            "decision-making[1-3]. Done[4]"
        );
        assert_eq!(raised("x^{ab}"), "x^(ab)");
        assert_eq!(raised("2^8 and ^[note]"), "2^8 and ^[note]");
    }

    #[test]
    fn formulas_read_as_text() {
        assert_eq!(to_text("p=0.0074"), "p=0.0074");
        assert_eq!(to_text("p<0.00054"), "p<0.00054");
        assert_eq!(to_text("\\mu"), "μ");
        assert_eq!(to_text("F_y(N)=0.5(F_z+0.5m^+g)"), "F_y(N)=0.5(F_z+0.5m⁺g)");
        assert_eq!(to_text("x^{2,3}"), "x²˒³");
        assert_eq!(to_text("10^{-6} \\times 3"), "10⁻⁶ × 3");
        assert_eq!(to_text("T_{max}"), "Tₘₐₓ");
        assert_eq!(to_text("x_{yz}"), "x_(yz)");
        assert_eq!(to_text("a \\leq b"), "a ≤ b");
        assert_eq!(to_text("\\frac{a}{b}"), "a/b");
        assert_eq!(to_text("\\frac{1}{2n+1}"), "1/(2n+1)");
        for t in ["x^{y^{z}}", "^{", "_", "\\", "{{}"] {
            let s = to_text(t);
            assert!(!s.contains("^{") && !s.contains('\\'), "{t:?} → {s:?}");
        }
    }
}
