//! Text layout: display width, sanitising, CJK-aware wrapping, Markdown → styled lines.
