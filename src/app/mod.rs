//! Reader state, actions and keymap. Pure: no terminal, so every transition is testable.
