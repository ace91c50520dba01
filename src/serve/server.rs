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

fn russh_config(config: &ServeConfig, host_key: PrivateKey) -> russh::server::Config {
    russh::server::Config {
        keys: vec![host_key],
        // Offer only what can succeed: keys (and with --open, no authentication at all).
        methods: if config.access == Access::Open {
            MethodSet::from(&[MethodKind::None, MethodKind::PublicKey][..])
        } else {
            MethodSet::from(&[MethodKind::PublicKey][..])
        },
        auth_rejection_time: REJECTION_DELAY,
        // OpenSSH clients first ask with "none" to learn the methods: answer that at once.
        // (russh uses this only for a first request of method "none"; a first key is
        // rejected after the full delay.)
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: MAX_AUTH_ATTEMPTS,
        // Sessions time out on their own (no keys for --idle-timeout); this catches
        // connections that never open one and go quiet.
        inactivity_timeout: Some(config.idle_timeout + LOGIN_GRACE),
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
    let config = Arc::new(russh_config(&shared.config, host_key));
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

#[cfg(test)]
mod tests {
    use super::*;
    use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};

    fn config(access: Access) -> ServeConfig {
        ServeConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            host_key: "host_ed25519".into(),
            access,
            max_sessions: 4,
            max_per_ip: 2,
            idle_timeout: Duration::from_secs(120),
            stall_timeout: Duration::from_secs(10),
            readers_dir: "readers".into(),
            no_color: false,
        }
    }

    fn host_key() -> PrivateKey {
        let pair = Ed25519Keypair::from_seed(&[7; 32]);
        PrivateKey::new(KeypairData::from(pair), "test host key").unwrap()
    }

    /// The server's answer to a wrong key is slow, so keys cannot be tried quickly: russh
    /// holds every rejection until this delay has passed since the request came in.
    #[test]
    fn a_rejected_key_is_answered_after_the_rejection_delay() {
        assert!(
            REJECTION_DELAY >= Duration::from_secs(1),
            "{REJECTION_DELAY:?}"
        );
        for access in [Access::Keys("authorized_keys".into()), Access::Open] {
            let c = russh_config(&config(access.clone()), host_key());
            assert_eq!(c.auth_rejection_time, REJECTION_DELAY, "{access:?}");
            // Only the first request, and only of method "none" (how OpenSSH clients learn
            // the methods), is answered at once: russh applies this to nothing else.
            assert_eq!(c.auth_rejection_time_initial, Some(Duration::ZERO));
            assert_eq!(c.max_auth_attempts, MAX_AUTH_ATTEMPTS);
        }
    }

    #[test]
    fn only_methods_that_can_succeed_are_offered() {
        let keys = russh_config(&config(Access::Keys("k".into())), host_key());
        assert_eq!(
            keys.methods,
            MethodSet::from(&[MethodKind::PublicKey][..]),
            "keys only"
        );
        let open = russh_config(&config(Access::Open), host_key());
        assert_eq!(
            open.methods,
            MethodSet::from(&[MethodKind::None, MethodKind::PublicKey][..])
        );
    }

    #[test]
    fn a_quiet_connection_outlasts_the_idle_timeout_and_the_login_grace() {
        let c = russh_config(&config(Access::Open), host_key());
        assert_eq!(
            c.inactivity_timeout,
            Some(Duration::from_secs(120) + LOGIN_GRACE)
        );
        assert_eq!(c.keys.len(), 1);
    }
}
