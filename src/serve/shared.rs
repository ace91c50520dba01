//! What all connections of one server share: the archive (loaded and indexed once), the
//! configuration, the limits, and the list of live connections for shutdown.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::archive::Archive;
use crate::search::fulltext::FullTextIndex;
use crate::search::fuzzy::TitleIndex;
use crate::ui::Theme;

use super::auth::AuthorizedKeys;
use super::config::{Access, ServeConfig};
use super::limits::Limits;
use super::output::Killer;

/// How many connections may be let in only to be told the server is full (beyond the
/// limits); past that, connections are closed at once without a word.
pub const OVERFLOW: usize = 16;

#[derive(Debug)]
pub struct Shared {
    pub archive: Arc<Archive>,
    pub index: Arc<TitleIndex>,
    pub fulltext: Arc<FullTextIndex>,
    /// The archive's standards, recognised once for every session.
    pub standards: Arc<crate::app::standards::StandardsCell>,
    pub config: ServeConfig,
    /// `None` with `--open`.
    pub keys: Option<AuthorizedKeys>,
    pub theme: Theme,
    /// Shown in each reader's status line at start (archive load problems).
    pub notice: Option<String>,
    pub limits: Arc<Limits>,
    /// Connections over the limits, kept only to tell them why.
    pub overflow: Arc<Limits>,
    shutting_down: AtomicBool,
    next_id: AtomicU64,
    conns: Mutex<HashMap<u64, Killer>>,
}

impl Shared {
    pub fn new(
        archive: Archive,
        config: ServeConfig,
        keys: Option<AuthorizedKeys>,
        notice: Option<String>,
    ) -> Arc<Self> {
        let index = Arc::new(TitleIndex::new(&archive));
        let fulltext = Arc::new(FullTextIndex::new(&archive));
        let theme = Theme::for_remote(config.no_color);
        let limits = Limits::new(config.max_sessions, config.max_per_ip);
        Arc::new(Shared {
            archive: Arc::new(archive),
            index,
            fulltext,
            standards: crate::app::standards::new_cell(),
            keys,
            theme,
            notice,
            limits,
            overflow: Limits::new(OVERFLOW, OVERFLOW / 4),
            config,
            shutting_down: AtomicBool::new(false),
            next_id: AtomicU64::new(1),
            conns: Mutex::new(HashMap::new()),
        })
    }

    pub fn is_open(&self) -> bool {
        self.config.access == Access::Open
    }

    pub fn shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }

    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
    }

    /// Registers a live connection; returns its id for [`Shared::forget`].
    pub fn register(&self, killer: Killer) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.lock_conns().insert(id, killer);
        id
    }

    pub fn forget(&self, id: u64) {
        self.lock_conns().remove(&id);
    }

    pub fn live_connections(&self) -> usize {
        self.lock_conns().len()
    }

    /// Closes every connection still open (the end of a shutdown's grace period).
    pub fn kill_all(&self) {
        for k in self.lock_conns().values() {
            k.kill();
        }
    }

    fn lock_conns(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Killer>> {
        self.conns.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// One line on the server's standard error, prefixed so it can be grepped out of a journal.
pub fn log(line: std::fmt::Arguments<'_>) {
    eprintln!("magreader serve: {line}");
}
