"""Add the interface's new messages to the French and Spanish catalogues (keeping every translation).

Messages come from the templates (``{{ _("...") }}``), from ``_("...")`` / ``self._("...")`` in
``src/legalreview/render/*.py`` and from the texts passed to gettext through a variable (listed
below). Run ``python3 scripts/update_catalogues.py`` after changing interface text, then translate
the new empty ``msgstr`` entries in ``src/legalreview/locale/<lang>/LC_MESSAGES/legalreview.po``.
``--check`` exits 1 when a message is missing from a catalogue or not translated.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "legalreview"
LANGUAGES = ("fr", "es")
#: The catalogues' dates (fixed: the files change only when a message does).
FIXED = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)


def variable_messages() -> list[str]:
    """Return the messages translated through a variable (not found by extraction)."""
    sys.path.insert(0, str(ROOT / "src"))
    from legalreview.notices import ILLUSTRATIVE_BANNER
    from legalreview.render.context import _COUNTS_AS_TEXT
    from legalreview.render.labels import CHANGE_KIND_LABELS, CHANGE_REASON_LABELS
    from legalreview.render.lawpages import INSTRUMENT_STATUSES
    from legalreview.render.pdf import PAGE_NUMBERS
    from legalreview.render.site import FILE_NOTES
    from legalreview.spreadsheet.layout import INSTRUCTIONS

    return [ILLUSTRATIVE_BANNER, PAGE_NUMBERS, *CHANGE_REASON_LABELS.values(), *CHANGE_KIND_LABELS.values(),
            *_COUNTS_AS_TEXT.values(), *FILE_NOTES.values(), *INSTRUMENT_STATUSES.values(), *INSTRUCTIONS, "Undetermined", "Unclassified",
            "Not yet assessed", "draft", "reviewed", "published", "illustrative"]


def messages() -> list[tuple[str, str]]:
    """Return (message, where) of every interface message, in a stable order, each once."""
    found: dict[str, str] = {}
    for path in sorted((PACKAGE / "render" / "templates").glob("*.j2")):
        with open(path, "rb") as fh:
            for lineno, _func, message, _comments in babel_extract(fh, ("_", "gettext"), [], {}):
                if isinstance(message, str) and message:
                    found.setdefault(message, f"{path.relative_to(ROOT)}:{lineno}")
    for path in sorted([*(PACKAGE / "render").glob("*.py"), *(PACKAGE / "spreadsheet").glob("*.py")]):
        with open(path, "rb") as fh:
            for lineno, message, _comments, _context in extract("python", fh, keywords={"_": None}):
                if isinstance(message, str) and message:
                    found.setdefault(message, f"{path.relative_to(ROOT)}:{lineno}")
    for message in variable_messages():
        found.setdefault(message, "scripts/update_catalogues.py")
    return list(found.items())


def main(argv: list[str]) -> int:
    check = "--check" in argv
    wanted = messages()
    problems = []
    for language in LANGUAGES:
        path = PACKAGE / "locale" / language / "LC_MESSAGES" / "legalreview.po"
        old: dict[str, str] = {}
        if path.is_file():
            with open(path, "rb") as fh:
                old = {m.id: m.string for m in read_po(fh, locale=language) if m.id and isinstance(m.id, str)}
        missing = [m for m, _where in wanted if not old.get(m)]
        problems += [f"{path.relative_to(ROOT)}: no translation of {m!r}" for m in missing]
        problems += [f"{path.relative_to(ROOT)}: the translation of {m!r} has a double quote the message has not "
                     "(it may stand in an attribute: use « » or “ ” instead)"
                     for m, _where in wanted if '"' in old.get(m, "") and '"' not in m]
        if check:
            continue
        catalog = Catalog(locale=language, domain="legalreview", project="legalreview", version="",
                          copyright_holder="legalreview contributors", fuzzy=False, creation_date=FIXED,
                          revision_date=FIXED, last_translator="legalreview maintainers (our own translation, "
                          "not an official one)", language_team=f"legalreview {language}")
        for message, where in wanted:
            file, _, line = where.partition(":")
            catalog.add(message, old.get(message, ""), locations=[(file, int(line) if line else None)])
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            write_po(fh, catalog, width=100, omit_header=False, include_lineno=False)
    for line in problems:
        print(line)
    return 1 if check and problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
