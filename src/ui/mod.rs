//! Rendering of the reader state into a ratatui frame. Draws only; never changes state.
