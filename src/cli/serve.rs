//! `magreader serve`: its flags, turned into a [`ServeConfig`], and the run.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::archive::{Archive, LoadProblem};
use crate::serve::config::{
    self, DEFAULT_LISTEN, DEFAULT_MAX_PER_IP, DEFAULT_MAX_SESSIONS, parse_duration,
};
use crate::serve::{Access, ServeConfig};

use super::CliError;

/// Flags of `magreader serve` (see docs/serve.md).
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on. The default is loopback only: serving other machines
    /// is a choice you make here (e.g. 0.0.0.0:2222).
    #[arg(long, value_name = "ADDR:PORT", default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// The server's ed25519 host key; generated there (mode 0600) if missing.
    /// [default: <state dir>/serve/host_ed25519]
    #[arg(long, value_name = "PATH")]
    pub host_key: Option<PathBuf>,
    /// OpenSSH authorized_keys file: only these keys may read, each with its own reading
    /// memory.
    #[arg(long, value_name = "PATH", required_unless_present = "open")]
    pub authorized_keys: Option<PathBuf>,
    /// Let anyone read, with or without a key; reading memory lasts for the session only.
    #[arg(long, conflicts_with = "authorized_keys")]
    pub open: bool,
    /// Most readers at once; the next one is told the server is full.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_SESSIONS,
          value_parser = positive_count)]
    pub max_sessions: usize,
    /// Most readers at once from one IP address.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_PER_IP,
          value_parser = positive_count)]
    pub max_per_ip: usize,
    /// Close a session after this long without a key (e.g. 30m, 90s, 2h).
    #[arg(long, value_name = "DURATION", default_value = "30m", value_parser = positive_duration)]
    pub idle_timeout: Duration,
    /// Drop a session whose client has taken none of its output for this long (it stopped
    /// reading).
    #[arg(long, value_name = "DURATION", default_value = "10s", value_parser = positive_duration)]
    pub stall_timeout: Duration,
}

fn positive_count(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("\"{s}\" is not a whole number of 1 or more")),
    }
}

fn positive_duration(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d.is_zero() {
        return Err("must be longer than zero".into());
    }
    Ok(d)
}

/// Builds the configuration: default paths go under the state directory.
pub fn config(args: ServeArgs, no_color: bool) -> Result<ServeConfig, CliError> {
    let dir = || config::default_dir().map_err(|e| CliError::Invalid(e.to_string()));
    let host_key = match args.host_key {
        Some(p) => p,
        None => dir()?.join("host_ed25519"),
    };
    let access = match (args.open, args.authorized_keys) {
        (true, _) => Access::Open,
        (false, Some(p)) => Access::Keys(p),
        (false, None) => {
            return Err(CliError::Invalid(
                "serve needs --authorized-keys PATH (who may read) or --open (anyone may)".into(),
            ));
        }
    };
    // Readers' memory is only written in key mode; in open mode no directory is needed.
    let readers_dir = match &access {
        Access::Keys(_) => dir()?.join("readers"),
        Access::Open => PathBuf::new(),
    };
    Ok(ServeConfig {
        listen: args.listen,
        host_key,
        access,
        max_sessions: args.max_sessions,
        max_per_ip: args.max_per_ip,
        idle_timeout: args.idle_timeout,
        stall_timeout: args.stall_timeout,
        readers_dir,
        no_color,
    })
}

/// Runs the server until SIGTERM; load problems are shown in each reader's status line as
/// the local reader does.
pub fn run(
    args: ServeArgs,
    archive: Archive,
    problems: &[LoadProblem],
    no_color: bool,
) -> Result<(), CliError> {
    let config = config(args, no_color)?;
    let notice = crate::app::load_notice(problems);
    crate::serve::run(config, archive, notice).map_err(|e| CliError::Invalid(e.to_string()))
}
