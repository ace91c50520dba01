use std::ops::ControlFlow;
use std::path::Path;
use std::time::SystemTime;

use proptest::prelude::*;

use super::*;
use crate::archive::{Article, fixture};
use crate::search::fulltext::{FullTextIndex, SearchOptions};
use crate::search::query::Query;
use crate::search::raw_cjk::CjkQuery;
use crate::search::scan::{Found, scan_with};

/// Long enough for any file system clock to tick past a write (see `SETTLE`), short for tests.
const TEST_SETTLE: Duration = Duration::from_millis(60);

fn sk(s: &str) -> Sketch {
    Sketch::of(s.as_bytes())
}

#[test]
fn ascii_whitespace_is_what_folding_takes_for_whitespace() {
    for b in 0..128u8 {
        let space = crate::search::fold::is_space(char::from(b));
        assert_eq!(ASCII_SYMBOL[usize::from(b)] == b' ', space, "{b:#x}");
    }
}

#[test]
fn a_sketch_lacks_what_its_text_lacks() {
    let english = sk("International standards for the digital economy.");
    assert_eq!(english.cjk, [0; CJK_WORDS]);
    assert!(!english.holds(&sk("标")));
    assert!(english.holds(&Sketch::default()));
    assert!(english.holds(&sk("standards")));
    assert!(english.holds(&sk("STANDARD")) && english.holds(&sk("nation")));
    assert!(english.holds(&sk("the DIGITAL econ")));
    assert!(!english.holds(&sk("accenture")));
    assert!(!english.holds(&sk("standardization")));
    // Trigrams span a phrase's spaces, whatever whitespace the text has there.
    assert!(sk("digital\n \teconomy").holds(&sk("digital economy")));
    assert!(!sk("economy, digital").holds(&sk("digital economy")));
    let some = sk("标准 and 。");
    assert!(some.holds(&sk("准标")));
    assert!(some.holds(&sk("。")));
    assert!(!some.holds(&sk("标准化")));
    // Characters outside U+3000..=U+9FFF are not kept: Hangul, fullwidth Latin, accents.
    assert_eq!(sk("한Ａé😀"), Sketch::default());
    // The Kelvin sign lowercases to `k`: a text holding it may hold any word.
    assert!(sk("\u{212A}elvin").holds(&sk("kelvin accenture")));
    assert!(!sk("Kelvin").holds(&sk("accenture")));
}

/// Text of ASCII, characters of every UTF-8 length around the sketched range, and a line
/// break between wide characters (which a Chinese match may run across).
const TEXT: &str = "([a-z ]{1,4}|[标准化中国。、]{1,3}|[é한Ａ😀\u{2FFF}\u{A000}]|\n)";

/// Text for ASCII queries: words in any case, whitespace runs of every kind, punctuation, and
/// the characters that lowercase to ASCII.
const WORDS: &str =
    "([a-cA-C]{1,4}|[ \t\n\0\u{3000}\u{A0}]{1,2}|[.,/-]|\u{212A}|\u{130}|标|\u{1}|\u{FF41})";

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// What the scan relies on: a text with a match of a Chinese query holds its sketch.
    #[test]
    fn a_text_with_a_match_holds_the_query_s_sketch(
        parts in prop::collection::vec(TEXT, 0..20),
        q in "[标准化中国。、]{1,3}",
    ) {
        let text = parts.concat();
        let query = Query::new(&q).unwrap();
        let cq = CjkQuery::new(&query).unwrap();
        let sketch = Sketch::of(text.as_bytes());
        let mut each = Sketch::default();
        for c in text.chars().filter(|c| ('\u{3000}'..='\u{9FFF}').contains(c)) {
            each.add_cjk(c as u32);
        }
        prop_assert_eq!(sketch.cjk, each.cjk);
        if !cq.find_all(&text).is_empty() {
            prop_assert!(sketch.holds(&Sketch::of(query.folded().as_bytes())));
        }
    }

    /// The same for a query of ASCII words, whatever its case and spacing.
    #[test]
    fn a_text_with_a_match_of_words_holds_their_sketch(
        parts in prop::collection::vec(WORDS, 0..24),
        q in "[a-cA-C.]{1,5}( [a-cA-C/]{1,4}){0,2}",
    ) {
        let text = parts.concat();
        let query = Query::new(&q).unwrap();
        let sketch = Sketch::of(text.as_bytes());
        let mut each = Sketch::default();
        if TO_ASCII.iter().any(|(c, _)| text.contains(*c)) {
            each.trigrams = [!0; TRIGRAM_WORDS];
        }
        // The rows of symbols, then their trigrams.
        let mut rows: Vec<Vec<u8>> = vec![Vec::new()];
        for c in text.chars() {
            let row = rows.last_mut().unwrap();
            if c.is_ascii_graphic() {
                row.push(c.to_ascii_lowercase() as u8);
            } else if crate::search::fold::is_space(c) {
                if row.last() != Some(&b' ') {
                    row.push(b' ');
                }
            } else {
                rows.push(Vec::new());
            }
        }
        for w in rows.iter().flat_map(|r| r.windows(3)) {
            each.add_trigram(w.iter().fold(0, |t, b| (t << 8) | u32::from(*b)));
        }
        prop_assert_eq!(sketch.trigrams, each.trigrams);
        if !query.find_all(&text).is_empty() {
            prop_assert!(sketch.holds(&Sketch::of(query.folded().as_bytes())), "{:?} in {:?}", q, text);
        }
    }
}

const BODIES: [&str; 7] = [
    "Plain English, no Chinese at all.\n",
    "The 标准化 work of the year.\n",
    "标准\n化 across a line break.\n",
    "Only 标 here, and 化.\n",
    "中国 and 国际 but not the word.\n",
    "标准化标准化, twice.\n",
    "The \u{212A}elvin scale, and another LINE.\n",
];

/// An archive on disk of two issues with [`BODIES`] between them, settled.
fn archive_on_disk() -> (tempfile::TempDir, Archive) {
    let dir = tempfile::tempdir().unwrap();
    for (n, bodies) in BODIES.chunks(3).enumerate() {
        let articles: Vec<Article> = bodies
            .iter()
            .enumerate()
            .map(|(k, body)| fixture::article(&format!("a{k}"), &format!("Article {k}"), body))
            .collect();
        let issue = fixture::issue(&format!("2000-{n:02}"), 2000, n as u32, articles);
        crate::archive::store::write_issue(dir.path(), &issue, b"source").unwrap();
    }
    std::thread::sleep(TEST_SETTLE);
    let (archive, problems) = crate::archive::load_dir(dir.path());
    assert!(problems.is_empty(), "{problems:?}");
    (dir, archive)
}

fn scanned(archive: &Archive, q: &str, store: Option<&SketchStore>) -> Vec<Found> {
    let mut all = Vec::new();
    let query = Query::new(q).unwrap();
    scan_with(archive, &query, 60, store, |found| {
        all.extend(found);
        ControlFlow::Continue(())
    });
    all
}

fn open(cache: &Path, root: &Path) -> SketchStore {
    SketchStore::open(cache, root, TEST_SETTLE).unwrap()
}

fn body_hits(found: &[Found]) -> usize {
    found
        .iter()
        .filter(|f| f.hit.field == crate::search::fulltext::Field::Body)
        .count()
}

#[test]
fn a_search_with_sketches_finds_what_one_without_finds() {
    let (root, archive) = archive_on_disk();
    let cache = tempfile::tempdir().unwrap();
    // The index keeps the bodies it finds hits in, which are then not read from their files:
    // it searches a copy.
    let (copy, _) = crate::archive::load_dir(root.path());
    let queries = ["标准化", "标", "准化", "国际", "。", "化标"];
    let words = [
        "the",
        "kelvin",
        "line",
        "Only",
        "twice.",
        "not the",
        "English, no",
        "k",
    ];
    for q in queries.into_iter().chain(words) {
        let without = scanned(&archive, q, None);
        let index = FullTextIndex::new(&copy);
        let query = Query::new(q).unwrap();
        let careful: Vec<_> = index
            .search(&copy, &query, SearchOptions::default())
            .collect();
        let hits: Vec<_> = without.iter().map(|f| f.hit.clone()).collect();
        assert_eq!(hits, careful, "{q}");
        // The first search sketches every body; the next one uses the sketches.
        let store = open(cache.path(), root.path());
        assert_eq!(
            scanned(&archive, q, Some(&store)),
            without,
            "{q}, sketching"
        );
        store.save(BODIES.len());
        let store = open(cache.path(), root.path());
        assert_eq!(store.len(), BODIES.len(), "{q}");
        assert_eq!(scanned(&archive, q, Some(&store)), without, "{q}, sketched");
    }
    assert_eq!(body_hits(&scanned(&archive, "标准化", None)), 4);
}

#[test]
fn a_sketch_is_trusted_only_while_its_file_is_unchanged() {
    let (root, archive) = archive_on_disk();
    let cache = tempfile::tempdir().unwrap();
    let file = root.path().join("issues/2000-00/a1.md");
    let id = || Identity::of_stat(&rustix::fs::stat(&file).unwrap());
    assert!(std::fs::read_to_string(&file).unwrap().contains("标准化"));
    // A false sketch filed under the file's present state (the empty set) is believed: the
    // file is not read, and its hit is not found. This is what the search skips.
    let store = open(cache.path(), root.path());
    store.remember(id(), SystemTime::now(), Sketch::default());
    store.save(BODIES.len());
    let store = open(cache.path(), root.path());
    assert_eq!(body_hits(&scanned(&archive, "标准化", Some(&store))), 3);
    // An edit in place, of the same size, changes the file's state: it is read again.
    std::fs::write(&file, BODIES[1].replace("year", "YEAR")).unwrap();
    let store = open(cache.path(), root.path());
    assert_eq!(body_hits(&scanned(&archive, "标准化", Some(&store))), 4);
}

#[test]
fn a_file_changed_within_the_settling_time_is_not_sketched() {
    let (root, _) = archive_on_disk();
    let cache = tempfile::tempdir().unwrap();
    let file = root.path().join("issues/2000-00/a0.md");
    std::fs::write(&file, "Fresh.\n").unwrap();
    let id = Identity::of_stat(&rustix::fs::stat(&file).unwrap());
    let store = open(cache.path(), root.path());
    store.remember(id, SystemTime::now(), Sketch::default());
    store.save(BODIES.len());
    assert_eq!(open(cache.path(), root.path()).get(&id), None);
    std::thread::sleep(TEST_SETTLE);
    let store = open(cache.path(), root.path());
    store.remember(id, SystemTime::now(), Sketch::default());
    store.save(BODIES.len());
    assert_eq!(
        open(cache.path(), root.path()).get(&id),
        Some(Sketch::default())
    );
}

#[test]
fn a_damaged_or_foreign_cache_file_is_ignored() {
    let (root, _) = archive_on_disk();
    let (other, _) = archive_on_disk();
    let cache = tempfile::tempdir().unwrap();
    let id = Identity::of_stat(&rustix::fs::stat(root.path().join("issues")).unwrap());
    let store = open(cache.path(), root.path());
    store.remember(id, SystemTime::now(), Sketch::of("标".as_bytes()));
    store.save(1);
    assert!(open(cache.path(), root.path()).get(&id).is_some());
    // Another archive's store is another file.
    assert_eq!(open(cache.path(), other.path()).get(&id), None);
    let (file, _) = cache_file_of(cache.path(), root.path(), "sketches").unwrap();
    let whole = std::fs::read(&file).unwrap();
    for cut in [1, 8, whole.len() - 1] {
        std::fs::write(&file, &whole[..cut]).unwrap();
        assert_eq!(
            open(cache.path(), root.path()).get(&id),
            None,
            "cut at {cut}"
        );
    }
}

#[test]
fn the_sketches_of_files_gone_are_dropped() {
    let (root, _) = archive_on_disk();
    let cache = tempfile::tempdir().unwrap();
    let ids: Vec<Identity> = (0..3)
        .map(|k| {
            let f = root.path().join(format!("issues/2000-00/a{k}.md"));
            Identity::of_stat(&rustix::fs::stat(f).unwrap())
        })
        .collect();
    let store = open(cache.path(), root.path());
    store.remember(ids[0], SystemTime::now(), Sketch::default());
    store.remember(ids[1], SystemTime::now(), Sketch::default());
    store.save(2);
    // Within twice the bodies the archive has, what was known is kept beside what is new.
    let store = open(cache.path(), root.path());
    store.remember(ids[2], SystemTime::now(), Sketch::default());
    store.save(2);
    assert_eq!(open(cache.path(), root.path()).len(), 3);
    // Beyond it, only what this search learned.
    let store = open(cache.path(), root.path());
    store.remember(ids[0], SystemTime::now(), Sketch::default());
    store.save(1);
    let store = open(cache.path(), root.path());
    assert_eq!(store.len(), 1);
    assert!(store.get(&ids[0]).is_some());
}

#[test]
fn a_file_dated_before_1970_is_read_and_never_sketched() {
    let (root, archive) = archive_on_disk();
    let cache = tempfile::tempdir().unwrap();
    let file = root.path().join("issues/2000-00/a1.md");
    let old = SystemTime::UNIX_EPOCH - Duration::from_secs(86_400);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let without = scanned(&archive, "标准化", None);
    let store = open(cache.path(), root.path());
    assert_eq!(scanned(&archive, "标准化", Some(&store)), without);
    store.save(BODIES.len());
    let id = Identity::of_stat(&rustix::fs::stat(&file).unwrap());
    let store = open(cache.path(), root.path());
    assert_eq!(store.get(&id), None);
    assert_eq!(store.len(), BODIES.len() - 1);
}

#[test]
fn a_file_read_under_two_names_is_one_record() {
    let (root, _) = archive_on_disk();
    let cache = tempfile::tempdir().unwrap();
    let id = Identity::of_stat(&rustix::fs::stat(root.path().join("issues")).unwrap());
    let store = open(cache.path(), root.path());
    store.remember(id, SystemTime::now(), Sketch::default());
    store.remember(id, SystemTime::now(), Sketch::default());
    store.save(BODIES.len());
    assert_eq!(open(cache.path(), root.path()).len(), 1);
}

/// Sketches are kept on disk: a change to how they are made must change `MAGIC` too, or
/// files sketched the old way would be trusted. This pins the present way.
#[test]
fn the_way_sketches_are_made_is_pinned_to_the_file_format() {
    let s = Sketch::of("Ab c标".as_bytes());
    let set = |words: &[u64]| -> Vec<usize> {
        (0..words.len() * 64)
            .filter(|&b| words[b / 64] >> (b % 64) & 1 == 1)
            .collect()
    };
    // The symbols are `a b   c`, then `标` ends the row: trigrams `ab `, `b c`.
    assert_eq!(
        (set(&s.cjk), set(&s.trigrams)),
        (vec![220], vec![252, 1443])
    );
    assert!(MAGIC.starts_with("magreader sketch cache (characters, trigrams) "));
}
