//! Property tests: the loader on mutated manifests. Starting from the real `issue.json` of the
//! built-in 2025-06 (with all its article files), bytes are flipped, inserted, deleted,
//! duplicated or cut off, or JSON fields are replaced by values of any kind, removed, or joined
//! by unknown ones. The loader never panics: either the issue loads (safe, unique article ids)
//! or there is exactly one problem naming a file of that issue. The untouched 2024-03 always
//! loads. Whatever loads is then checked (`magreader check`'s rules) and drawn by the reader.

use std::sync::LazyLock;

use magreader::archive::store::{MANIFEST, is_safe_id};
use magreader::archive::{BUILTIN, EmbeddedStore, MemStore, Store, load};
use proptest::prelude::*;
use serde_json::Value;

const TARGET: &str = "2025-06";
const OTHER: &str = "2024-03";

/// The built-in 2025-06 and 2024-03, every file copied into memory.
static BASE: LazyLock<MemStore> = LazyLock::new(|| {
    let embedded = EmbeddedStore(&BUILTIN);
    let mut store = MemStore::default();
    for id in [TARGET, OTHER] {
        let dir = BUILTIN
            .get_dir(format!("issues/{id}"))
            .expect("built-in issue");
        let files = dir
            .files()
            .map(|f| {
                let name = f.path().file_name().unwrap().to_string_lossy().into_owned();
                let bytes = embedded.read(id, &name).unwrap();
                (name, bytes)
            })
            .collect();
        store.dirs.insert(id.to_string(), files);
    }
    store
});

fn base_manifest() -> Vec<u8> {
    BASE.dirs[TARGET][MANIFEST].clone()
}

/// Loads `BASE` with 2025-06's manifest replaced, and checks every guarantee.
fn check_with(manifest: Vec<u8>, draw: bool) -> Result<(), TestCaseError> {
    let mut store = BASE.clone();
    store
        .dirs
        .get_mut(TARGET)
        .unwrap()
        .insert(MANIFEST.into(), manifest);
    let (archive, problems) = load(&store);
    prop_assert!(archive.issue(OTHER).is_some(), "{problems:?}");
    match archive.issue(TARGET) {
        Some(issue) => {
            prop_assert!(problems.is_empty(), "{problems:?}");
            let mut seen = std::collections::HashSet::new();
            for a in issue.sections.iter().flat_map(|s| &s.articles) {
                prop_assert!(is_safe_id(&a.id), "{:?}", a.id);
                prop_assert!(seen.insert(&a.id), "{:?} twice", a.id);
            }
        }
        None => {
            prop_assert_eq!(problems.len(), 1, "{:?}", problems);
            let p = &problems[0];
            prop_assert!(p.path.starts_with("mem/issues/2025-06/"), "{p:?}");
            prop_assert!(p.problem.len() > 10, "{p:?}");
        }
    }
    let _ = magreader::archive::validate::check_archive(&archive, &store, &|_| true);
    if draw && archive.issue(TARGET).is_some() {
        use magreader::app::{App, Key};
        let mut app = App::new(archive, 80, 24);
        for key in [Key::Char('1'), Key::Char('G'), Key::Tab] {
            app.handle_key(key);
        }
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        t.draw(|f| magreader::ui::draw(f, &app, &magreader::ui::Theme::new(true)))
            .unwrap();
    }
    Ok(())
}

#[derive(Debug, Clone)]
enum ByteOp {
    Flip(prop::sample::Index, u8),
    Insert(prop::sample::Index, Vec<u8>),
    Delete(prop::sample::Index, usize),
    Duplicate(prop::sample::Index, usize),
    Truncate(prop::sample::Index),
}

fn byte_op() -> impl Strategy<Value = ByteOp> {
    let bytes = prop_oneof![
        // JSON punctuation and the bytes that break UTF-8 or strings.
        prop::sample::select(b"{}[]\",:\\0-9e.+ \n\x00\x1b\xff\xc3\xe4tfn".to_vec())
            .prop_map(|b| vec![b]),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| ByteOp::Flip(i, b)),
        (any::<prop::sample::Index>(), bytes).prop_map(|(i, b)| ByteOp::Insert(i, b)),
        (any::<prop::sample::Index>(), 1usize..200).prop_map(|(i, n)| ByteOp::Delete(i, n)),
        (any::<prop::sample::Index>(), 1usize..200).prop_map(|(i, n)| ByteOp::Duplicate(i, n)),
        any::<prop::sample::Index>().prop_map(ByteOp::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, op: &ByteOp) {
    if bytes.is_empty() {
        return;
    }
    match op {
        ByteOp::Flip(i, b) => {
            let i = i.index(bytes.len());
            bytes[i] ^= b.max(&1);
        }
        ByteOp::Insert(i, b) => {
            let i = i.index(bytes.len() + 1);
            bytes.splice(i..i, b.iter().copied());
        }
        ByteOp::Delete(i, n) => {
            let i = i.index(bytes.len());
            bytes.drain(i..(i + n).min(bytes.len()));
        }
        ByteOp::Duplicate(i, n) => {
            let i = i.index(bytes.len());
            let piece = bytes[i..(i + n).min(bytes.len())].to_vec();
            bytes.splice(i..i, piece);
        }
        ByteOp::Truncate(i) => bytes.truncate(i.index(bytes.len())),
    }
}

/// JSON values of every kind, with the strings and numbers that matter to the loader.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![0i64, 1, 2, -1, 4_294_967_295, 4_294_967_296])
            .prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "..",
            "../x",
            "a/b",
            "/etc/passwd",
            "2025-06",
            "2024-03",
            "masthead",
            "masthead.md",
            "column",
            "front",
            "chapter",
            "magazine",
            "report",
            "\u{1b}]0;pwned\u{7}",
            "\u{9b}2J",
            "\u{202e}",
            "CAPS",
            "中文",
            "-x",
            ".x",
        ])
        .prop_map(Value::from),
        "\\PC{0,40}".prop_map(Value::from),
        (0usize..5000).prop_map(|n| Value::from("x".repeat(n))),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum FieldOp {
    Replace(prop::sample::Index, Value),
    Remove(prop::sample::Index),
    AddKey(prop::sample::Index, String, Value),
}

fn field_op() -> impl Strategy<Value = FieldOp> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), json_value()).prop_map(|(i, v)| FieldOp::Replace(i, v)),
        2 => any::<prop::sample::Index>().prop_map(FieldOp::Remove),
        1 => (any::<prop::sample::Index>(), "[a-z_]{1,8}|id|title|file|format", json_value())
            .prop_map(|(i, k, v)| FieldOp::AddKey(i, k, v)),
    ]
}

/// JSON pointers to every value in `v` (the root excluded).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

fn apply_field(v: &mut Value, op: &FieldOp) {
    let mut ps = Vec::new();
    pointers(v, String::new(), &mut ps);
    match op {
        FieldOp::Replace(i, x) => *v.pointer_mut(&ps[i.index(ps.len())]).unwrap() = x.clone(),
        FieldOp::Remove(i) => {
            let p = &ps[i.index(ps.len())];
            let (parent, last) = p.rsplit_once('/').unwrap();
            let last = last.replace("~1", "/").replace("~0", "~");
            match v.pointer_mut(parent).unwrap() {
                Value::Object(m) => {
                    m.remove(&last);
                }
                Value::Array(a) => {
                    a.remove(last.parse::<usize>().unwrap());
                }
                _ => unreachable!(),
            }
        }
        FieldOp::AddKey(i, k, x) => {
            // Into the nearest object at or above the chosen value.
            let mut p = ps[i.index(ps.len())].clone();
            loop {
                if let Some(Value::Object(m)) = v.pointer_mut(&p) {
                    m.insert(k.clone(), x.clone());
                    return;
                }
                match p.rsplit_once('/') {
                    Some((parent, _)) => p = parent.to_string(),
                    None => return,
                }
            }
        }
    }
}

proptest! {
    // About 8 s of CPU for each property in a debug build.
    #![proptest_config(ProptestConfig::with_cases(1200))]

    #[test]
    fn mutated_bytes_never_panic_and_name_the_file(ops in prop::collection::vec(byte_op(), 1..5)) {
        let mut bytes = base_manifest();
        for op in &ops {
            apply(&mut bytes, op);
        }
        check_with(bytes, false)?;
    }

    #[test]
    fn mutated_fields_never_panic_and_name_the_file(
        ops in prop::collection::vec(field_op(), 1..4),
        pretty in any::<bool>(),
    ) {
        let mut v: Value = serde_json::from_slice(&base_manifest()).unwrap();
        for op in &ops {
            apply_field(&mut v, op);
        }
        let text = if pretty {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            v.to_string()
        };
        check_with(text.into_bytes(), true)?;
    }
}

#[test]
fn the_unmutated_manifest_loads() {
    // The property's baseline: without mutation both issues load, with no problem.
    let (archive, problems) = load(&*BASE);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(archive.issue(TARGET).is_some() && archive.issue(OTHER).is_some());
}
