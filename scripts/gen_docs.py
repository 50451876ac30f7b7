"""Regenerate the README's list of problem codes from legalreview.issues.CODES.

Usage: python3 scripts/gen_docs.py   (tests/test_docs.py fails when the README is out of date)
"""

from __future__ import annotations

import re
from pathlib import Path

from legalreview.issues import CODES

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- codes:start -->", "<!-- codes:end -->"


def codes_markdown() -> str:
    """Return the Markdown table of every issue code and what it means."""
    rows = ["| code | meaning |", "| --- | --- |"]
    rows += [f"| `{code}` | {text.replace('|', '/')} |" for code, text in sorted(CODES.items())]
    return "\n".join(rows)


def updated(text: str) -> str:
    """Return the README text with the generated block replaced."""
    return re.sub(re.escape(START) + r".*?" + re.escape(END), f"{START}\n{codes_markdown()}\n{END}", text, flags=re.S)


if __name__ == "__main__":
    README.write_text(updated(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Updated {README}")
