//! Shared by the benchmarks: the clock, the synthetic archive (generated on first use, so
//! `cargo bench` works from a fresh clone), and the texts and queries every report uses.
#![allow(dead_code)] // each benchmark uses part of this

pub mod clock;
#[path = "../../examples/synth/generate.rs"]
pub mod generate;

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;

pub use clock::Clock;

/// Issues in the large synthetic archive.
pub const LARGE: usize = 1000;

/// Full-text queries (see BENCHMARKS.md): a common English phrase, a word found in one real
/// article (so in about one synthetic article in a hundred), a Chinese phrase, a standard's
/// number.
pub const FULLTEXT_QUERIES: [(&str, &str); 4] = [
    ("common_phrase", "international standards"),
    ("rare_word", "accenture"),
    ("chinese_phrase", "标准化"),
    ("standard_number", "ISO/IEC 17025"),
];

/// What one fuzzy-jump keystroke searches for: a first letter (matches nearly everything, the
/// most to rank), a word being typed, a whole title word, two words, Chinese; then words that
/// only the typo tolerance finds: a transposed pair among three words, a British spelling.
pub const FUZZY_QUERIES: [(&str, &str); 7] = [
    ("one_letter", "s"),
    ("prefix", "stan"),
    ("word", "standardization"),
    ("two_words", "smart care"),
    ("chinese", "标准"),
    ("typo_words", "wrold standards day"),
    ("british", "standardisation"),
];

/// The Criterion settings every benchmark uses: the CPU clock, few samples for slow cases.
pub fn criterion() -> Criterion<Clock> {
    Criterion::default()
        .with_measurement(Clock::from_env())
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
}

/// `target/` (or `$CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The synthetic archive of `issues` issues, generated into `target/synth/` if missing (or
/// made by an older generator). `bench/run.sh` passes its own with `MAGREADER_SYNTH_DIR`.
pub fn synth_dir(issues: usize) -> PathBuf {
    let dir = match std::env::var_os("MAGREADER_SYNTH_DIR") {
        Some(d) if issues == LARGE => PathBuf::from(d),
        _ => target_dir().join("synth").join(format!("issues-{issues}")),
    };
    if !generate::is_current(&dir, issues) {
        eprintln!(
            "generating {issues} synthetic issues into {}",
            dir.display()
        );
    }
    generate::ensure(issues, &dir).unwrap_or_else(|e| {
        panic!(
            "cannot generate the synthetic archive {}: {e}",
            dir.display()
        )
    });
    dir
}

/// Loads an archive directory, failing loudly on any problem (the data is ours).
pub fn load_dir(dir: &std::path::Path) -> magreader::archive::Archive {
    let (archive, problems) = magreader::archive::load_dir(dir);
    assert!(problems.is_empty(), "{}: {problems:?}", dir.display());
    archive
}

pub fn builtin() -> magreader::archive::Archive {
    let (archive, problems) = magreader::archive::load_builtin();
    assert!(problems.is_empty(), "built-in archive: {problems:?}");
    archive
}
