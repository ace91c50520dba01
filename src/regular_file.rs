//! Reading a file that must be a regular file of bounded size: archive manifests and articles,
//! and the reading memory's `state.json`.
//!
//! Anything can sit at a path where a file is expected. A FIFO blocks an ordinary `open` until
//! a writer comes (forever, usually), a character device such as `/dev/zero` never ends, and a
//! sparse file can claim gigabytes; each of those would hang every command or exhaust memory.
//! So the file is opened without blocking (`O_NONBLOCK`, which only matters for FIFOs and
//! devices), what was opened is checked to be a regular file (`fstat` on the open descriptor,
//! so a file swapped after a check cannot slip through), and at most `limit` bytes are read.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::fd::OwnedFd;
use std::path::Path;

use rustix::fs::{Mode, OFlags};

/// Why a file was refused before its contents were read. Carried inside an `io::Error` (see
/// [`read`]) so the callers' existing messages, which name the file, show it.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("it is {0}, not a regular file")]
    NotRegular(&'static str),
    #[error(
        "it is {size} bytes, more than the {limit} bytes this file may hold; the file is damaged or not what belongs here"
    )]
    TooLarge { size: u64, limit: u64 },
}

/// Whether the last component of the path may be a symbolic link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Followed (the caller has checked where it leads).
    Follow,
    /// Refused with `ELOOP` (an archive file that should be the file itself).
    Refuse,
}

/// Reads the regular file at `path`, at most `limit` bytes long, without ever blocking on
/// what is there instead (see the module docs). A refusal is an `io::Error` of kind
/// `InvalidInput` whose message says what was found ([`Refused`]).
pub fn read(path: &Path, links: Links, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_into(path, links, limit, &mut bytes)?;
    Ok(bytes)
}

/// [`read`] into `bytes` (cleared first), whose memory is reused: for a search that reads
/// every article once.
pub fn read_into(path: &Path, links: Links, limit: u64, bytes: &mut Vec<u8>) -> io::Result<()> {
    read_open_into(open_sized(path, links)?, limit, bytes)
}

/// [`read_into`] for the file `name` of the directory `dir` (open, see [`open_dir`]): the
/// system then resolves one name, not the whole path, for each of the thousands of files of
/// a search.
pub fn read_at_into(
    dir: &OwnedFd,
    name: &str,
    links: Links,
    limit: u64,
    bytes: &mut Vec<u8>,
) -> io::Result<()> {
    let file = File::from(rustix::fs::openat(
        dir,
        name,
        open_flags(links) | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?);
    read_open_into(checked(file)?, limit, bytes)
}

/// Opens the directory at `path` for [`read_at_into`], refusing a symbolic link.
pub fn open_dir(path: &Path) -> io::Result<OwnedFd> {
    Ok(rustix::fs::open(
        path,
        OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )?)
}

fn read_open_into(
    (mut file, size): (File, u64),
    limit: u64,
    bytes: &mut Vec<u8>,
) -> io::Result<()> {
    if size > limit {
        return Err(refused(Refused::TooLarge { size, limit }));
    }
    // The file is read as `fstat` found it: `size` bytes, in one `read` for an article.
    // Reading on to the end would cost a second system call per file, which on a search of
    // 30,000 articles was a fifth of all calls; a file that grows meanwhile is read as it was,
    // one that shrinks as far as it goes. (`take` ends the read at `size` without asking the
    // system again.)
    bytes.clear();
    bytes.reserve(size as usize);
    (&mut file).take(size).read_to_end(bytes)?;
    Ok(())
}

/// Opens `path` for reading without blocking and checks that it is a regular file.
pub fn open(path: &Path, links: Links) -> io::Result<File> {
    open_sized(path, links).map(|(file, _)| file)
}

/// [`open`], with the file's size from the same `fstat` (a search reads tens of thousands of
/// files: one system call each fewer shows).
fn open_sized(path: &Path, links: Links) -> io::Result<(File, u64)> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(open_flags(links).bits() as i32)
        .open(path)?;
    checked(file)
}

/// The flags every open here adds.
fn open_flags(links: Links) -> OFlags {
    // NOCTTY: a terminal device at the path must not become our controlling terminal.
    let flags = OFlags::NONBLOCK | OFlags::NOCTTY;
    match links {
        Links::Refuse => flags | OFlags::NOFOLLOW,
        Links::Follow => flags,
    }
}

/// The open file with its size, if it is a regular file (`fstat` on the open descriptor).
fn checked(file: File) -> io::Result<(File, u64)> {
    // A plain `fstat`: what `File::metadata` asks for (`statx` with every field) costs the
    // system more, once per file of a search.
    let stat = rustix::fs::fstat(&file)?;
    if rustix::fs::FileType::from_raw_mode(stat.st_mode) != rustix::fs::FileType::RegularFile {
        return Err(refused(Refused::NotRegular(describe(
            file.metadata()?.file_type(),
        ))));
    }
    Ok((file, stat.st_size as u64))
}

/// `a directory`, `a FIFO (named pipe)`, ... for the message about what was found.
fn describe(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

fn refused(why: Refused) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn mkfifo(path: &Path) {
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            path,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .unwrap();
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "text\n").unwrap();
        assert_eq!(read(&path, Links::Refuse, 5).unwrap(), b"text\n");
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        // Without O_NONBLOCK this test would never end: nobody opens the FIFO for writing.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("issue.json");
        mkfifo(&path);
        let e = read(&path, Links::Refuse, 1 << 20).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            e.to_string(),
            "it is a FIFO (named pipe), not a regular file"
        );
    }

    #[test]
    fn a_device_and_a_directory_are_refused_unread() {
        let e = read(Path::new("/dev/zero"), Links::Follow, 1 << 20).unwrap_err();
        assert!(e.to_string().contains("a character device"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let e = read(dir.path(), Links::Follow, 1 << 20).unwrap_err();
        assert!(e.to_string().contains("a directory"), "{e}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.md");
        // Sparse: two gigabytes that take no room on disk, and must take none in memory.
        fs::File::create(&path).unwrap().set_len(2 << 30).unwrap();
        let e = read(&path, Links::Refuse, 1 << 20).unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is 2147483648 bytes, more than the 1048576 bytes this file may hold; \
             the file is damaged or not what belongs here"
        );
        // Exactly at the limit is fine.
        fs::write(&path, "12345").unwrap();
        assert_eq!(read(&path, Links::Refuse, 5).unwrap(), b"12345");
        assert!(read(&path, Links::Refuse, 4).is_err());
    }

    #[test]
    fn links_are_refused_or_followed_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        fs::write(&real, "x").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert_eq!(read(&link, Links::Follow, 9).unwrap(), b"x");
        let e = read(&link, Links::Refuse, 9).unwrap_err();
        assert_eq!(
            e.raw_os_error(),
            Some(rustix::io::Errno::LOOP.raw_os_error())
        );
        // A link to a FIFO is refused like the FIFO itself.
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo);
        std::os::unix::fs::symlink(&fifo, dir.path().join("to-fifo")).unwrap();
        let e = read(&dir.path().join("to-fifo"), Links::Follow, 9).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
    }

    #[test]
    fn a_file_is_read_by_its_name_in_an_open_directory_as_by_its_path() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "text\n").unwrap();
        mkfifo(&dir.path().join("pipe.md"));
        std::os::unix::fs::symlink(dir.path().join("a.md"), dir.path().join("link.md")).unwrap();
        let fd = open_dir(dir.path()).unwrap();
        let mut buf = b"old contents".to_vec();
        read_at_into(&fd, "a.md", Links::Refuse, 5, &mut buf).unwrap();
        assert_eq!(buf, b"text\n");
        assert!(read_at_into(&fd, "a.md", Links::Refuse, 4, &mut buf).is_err());
        let e = read_at_into(&fd, "pipe.md", Links::Refuse, 9, &mut buf).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let e = read_at_into(&fd, "link.md", Links::Refuse, 9, &mut buf).unwrap_err();
        assert_eq!(
            e.raw_os_error(),
            Some(rustix::io::Errno::LOOP.raw_os_error())
        );
        read_at_into(&fd, "link.md", Links::Follow, 9, &mut buf).unwrap();
        assert_eq!(buf, b"text\n");
        // A linked directory is not opened as one.
        let linked = dir.path().join("linked");
        std::os::unix::fs::symlink(dir.path(), &linked).unwrap();
        assert!(open_dir(&linked).is_err());
    }
}
