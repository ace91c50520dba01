//! Raw text export → structured issue.
