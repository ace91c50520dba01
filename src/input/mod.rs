//! The reader's keyboard: bytes from a terminal decoded into keys (`decode`), for the local
//! terminal (`tty`) and for `magreader serve`'s SSH channels alike.

mod decode;
pub mod tty;

pub use decode::{ESC_WAIT, KeyDecoder};
pub use tty::TtyEvents;
