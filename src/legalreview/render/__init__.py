"""Rendering: the static site, Markdown/CSV/JSON formats, charts and PDFs. Reads aggregates only."""
