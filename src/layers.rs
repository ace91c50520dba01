//! Checks the layering `lib.rs` describes: no module names a module below it in the list.

use std::path::Path;

/// The modules, bottom up; those on one line are one layer (they may use each other only if
/// listed in that order).
const LAYERS: &[&str] = &[
    "regular_file",
    "user_dirs",
    "term",
    "standards",
    "archive",
    "text",
    "import",
    "search",
    "memory",
    "app",
    "ui",
    "event_loop",
    "input",
    "tui",
    "serve",
    "cli",
];

/// Every `crate::name` in the Rust files of module `m` (its file or its directory).
fn uses(m: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let file = root.join(format!("{m}.rs"));
    if file.is_file() {
        files.push(file);
    }
    let mut dirs = vec![root.join(m)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            out.push((f.display().to_string(), name));
        }
    }
    out
}

#[test]
fn no_module_uses_one_above_it() {
    let mut wrong = Vec::new();
    for (k, m) in LAYERS.iter().enumerate() {
        for (file, used) in uses(m) {
            let at = LAYERS.iter().position(|x| *x == used);
            if at.is_some_and(|j| j > k) {
                wrong.push(format!("{file}: {m} uses {used}, a layer above it"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // Every module of the crate is placed.
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(m) = line
            .strip_prefix("pub mod ")
            .and_then(|l| l.strip_suffix(';'))
        {
            assert!(LAYERS.contains(&m), "{m} is in no layer");
        }
    }
}
