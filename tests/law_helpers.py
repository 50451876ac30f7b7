"""Helpers shared by the tests of issue 17 (the law as reviewers record it): a small workspace
whose Kenya file is replaced by one written for the test.

The Kenyan statutes are real; the provision texts are test fixtures, not the words of any law."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from legalreview.issues import Issue
from legalreview.workspace import load_workspace

TODAY = dt.date(2026, 11, 1)

STATUTES = '''statutes:
  - {id: soa-2006, title: "Sexual Offences Act, 2006", citation: "No. 3 of 2006", year: 2006}
  - {id: cmca-2018, title: "Computer Misuse and Cybercrimes Act, 2018", citation: "No. 5 of 2018", year: 2018}
'''


def kenya(root: Path, body: str) -> Path:
    """Write countries/KEN.yaml of the workspace at ``root`` (header + ``body``) and return its path."""
    path = root / "countries" / "KEN.yaml"
    path.write_text("# Kenya: fixture data for tests (not a real assessment).\niso3: KEN\nname: Kenya\n" + body,
                    encoding="utf-8")
    return path


def issues(root: Path) -> list[Issue]:
    """Return every issue of the workspace at ``root``, checked as of TODAY."""
    return load_workspace(root, today=TODAY)[1]


def coded(found: list[Issue], code: str) -> list[Issue]:
    """Return the issues with this code."""
    return [i for i in found if i.code == code]


def line_of(path: Path, needle: str) -> int:
    """Return the 1-based number of the first line of ``path`` holding ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
