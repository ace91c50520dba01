//! The listening loop: admits connections under the limits, runs each through russh with a
//! [`Conn`] handler, and shuts down cleanly on SIGTERM (or SIGINT): every session is told and
//! its channel closed, stragglers are cut off after a grace period, and the process exits 0.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;
use russh::server::run_stream;
use russh::{MethodKind, MethodSet};
use tokio::net::{TcpListener, TcpStream};
use tokio::signal::unix::{SignalKind, signal};

use crate::archive::Archive;

use super::ServeError;
use super::auth::AuthorizedKeys;
use super::config::{Access, ServeConfig};
use super::handler::{Admission, Conn};
use super::hostkey;
use super::output::Killer;
use super::shared::{Shared, log};

/// Time to sign in and start a reader before the connection is closed.
pub const LOGIN_GRACE: Duration = Duration::from_secs(30);
/// Failed authentication attempts allowed per connection.
pub const MAX_AUTH_ATTEMPTS: usize = 6;
/// Every rejected authentication takes this long to answer, so keys cannot be tried fast.
pub const REJECTION_DELAY: Duration = Duration::from_secs(1);
/// How long sessions get to say goodbye on shutdown before their connections are cut.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Starts the server and runs it until SIGTERM or SIGINT. Loads the keys and host key first,
/// so a bad file stops it before it listens.
pub fn run(
    config: ServeConfig,
    archive: Archive,
    notice: Option<String>,
) -> Result<(), ServeError> {
    let keys = match &config.access {
        Access::Keys(path) => Some(AuthorizedKeys::load(path)?),
        Access::Open => None,
    };
    let (host_key, created) = hostkey::load_or_create(&config.host_key)?;
    log(format_args!(
        "host key {} ({}): {}",
        config.host_key.display(),
        if created { "new" } else { "existing" },
        hostkey::fingerprint(&host_key)
    ));
    let shared = Shared::new(archive, config, keys, notice);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("magreader-serve")
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(serve(shared, host_key))
}

fn russh_config(shared: &Shared, host_key: PrivateKey) -> russh::server::Config {
    russh::server::Config {
        keys: vec![host_key],
        // Offer only what can succeed: keys (and with --open, no authentication at all).
        methods: if shared.is_open() {
            MethodSet::from(&[MethodKind::None, MethodKind::PublicKey][..])
        } else {
            MethodSet::from(&[MethodKind::PublicKey][..])
        },
        auth_rejection_time: REJECTION_DELAY,
        // OpenSSH clients first ask with "none" to learn the methods: answer that at once.
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: MAX_AUTH_ATTEMPTS,
        // Sessions time out on their own (no keys for --idle-timeout); this catches
        // connections that never open one and go quiet.
        inactivity_timeout: Some(shared.config.idle_timeout + LOGIN_GRACE),
        // Finds clients that vanished without closing (a laptop lid shut).
        keepalive_interval: Some(Duration::from_secs(60)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

async fn serve(shared: Arc<Shared>, host_key: PrivateKey) -> Result<(), ServeError> {
    let addr = shared.config.listen;
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Listen { addr, source })?;
    let config = Arc::new(russh_config(&shared, host_key));
    let mut term = signal(SignalKind::terminate()).map_err(ServeError::Runtime)?;
    let mut int = signal(SignalKind::interrupt()).map_err(ServeError::Runtime)?;
    let bound = listener.local_addr().map_err(ServeError::Runtime)?;
    log(format_args!(
        "listening on {bound} ({}; at most {} sessions, {} per address, idle timeout {} s)",
        match &shared.config.access {
            Access::Keys(p) => format!("keys in {}", p.display()),
            Access::Open => "open to anyone".into(),
        },
        shared.config.max_sessions,
        shared.config.max_per_ip,
        shared.config.idle_timeout.as_secs()
    ));
    // Fold the archive for full-text search once, for every session.
    {
        let (archive, index) = (Arc::clone(&shared.archive), Arc::clone(&shared.fulltext));
        std::thread::spawn(move || index.warm(&archive));
    }
    // Recognise its standards once, for every session's `s`.
    {
        let (archive, standards) = (Arc::clone(&shared.archive), Arc::clone(&shared.standards));
        std::thread::spawn(move || {
            standards.get(&archive);
        });
    }
    let signal_name = loop {
        tokio::select! {
            _ = term.recv() => break "SIGTERM",
            _ = int.recv() => break "SIGINT",
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => admit(&shared, &config, stream, peer),
                Err(e) => {
                    // Out of file descriptors and the like: wait a little rather than spin.
                    log(format_args!("accept failed: {e}"));
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            },
        }
    };
    drop(listener);
    let live = shared.live_connections();
    log(format_args!(
        "{signal_name}: shutting down; closing {live} connection(s)"
    ));
    shared.begin_shutdown();
    let deadline = Instant::now() + SHUTDOWN_GRACE;
    while shared.live_connections() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let left = shared.live_connections();
    if left > 0 {
        log(format_args!(
            "cutting off {left} connection(s) that did not close in time"
        ));
        shared.kill_all();
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    log(format_args!("stopped"));
    Ok(())
}

/// Takes a connection in under the limits (or to be told why not) and runs it.
fn admit(
    shared: &Arc<Shared>,
    config: &Arc<russh::server::Config>,
    stream: TcpStream,
    peer: std::net::SocketAddr,
) {
    if shared.shutting_down() {
        return;
    }
    let admission = match shared.limits.try_acquire(peer.ip()) {
        Ok(permit) => Admission::Admitted(permit),
        Err(why) => match shared.overflow.try_acquire(peer.ip()) {
            Ok(permit) => Admission::Refused(why, permit),
            Err(_) => {
                log(format_args!(
                    "{peer}: closed at once: {why}, and many more waiting"
                ));
                return;
            }
        },
    };
    let refused = matches!(admission, Admission::Refused(..));
    let killer = match Killer::new(&stream) {
        Ok(k) => k,
        Err(e) => {
            log(format_args!("{peer}: cannot take the connection: {e}"));
            return;
        }
    };
    let id = shared.register(killer.clone());
    let started = Arc::new(AtomicBool::new(false));
    let conn = Conn::new(
        Arc::clone(shared),
        peer,
        id,
        admission,
        killer.clone(),
        Arc::clone(&started),
    );
    // Sign in and start reading within the grace period; a refused connection only gets
    // that long to read why.
    tokio::spawn(async move {
        tokio::time::sleep(LOGIN_GRACE).await;
        if refused || !started.load(Ordering::SeqCst) {
            killer.kill();
        }
    });
    let config = Arc::clone(config);
    tokio::spawn(async move {
        match run_stream(config, stream, conn).await {
            Ok(session) => {
                match session.await {
                    // A client that just goes away (the usual way out after the channel
                    // closed) is not worth a line.
                    Ok(()) | Err(russh::Error::IO(_)) => {}
                    Err(e) => log(format_args!("{peer}: connection ended: {e}")),
                }
            }
            Err(e) => log(format_args!("{peer}: handshake failed: {e}")),
        }
    });
}
