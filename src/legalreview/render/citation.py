"""How to cite a page of the site: the "Cite this page" block, BibTeX and RIS (view models only).

The address comes from review.toml's ``[review] url`` (the published site). Without one the page
is a local build: the block says so and no URL, access date or ``url:`` is invented. The access
date is the build's publication date (see :func:`legalreview.render.context.publication_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..models import ReviewInfo

#: What the citation says instead of an address when review.toml has no url.
LOCAL_BUILD = "Local build: no published address (review.toml gives no url)."
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_RE = re.compile("[" + re.escape("".join(_BIBTEX_SPECIAL)) + "]")


def _one_line(text: object) -> str:
    return " ".join(str(text or "").split())


def bibtex_value(text: object) -> str:
    """Return text for a braced BibTeX field (special characters escaped, on one line)."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], _one_line(text))


def _bibtex_url(url: str) -> str:
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _key(*parts: str) -> str:
    return "-".join(p for p in (re.sub(r"[^A-Za-z0-9]+", "", part) for part in parts) if p) or "legalreview"


def bibtex(fields: dict[str, str], key: str) -> str:
    """Return a BibTeX @misc entry of citation ``fields`` (title, publisher, edition, year, url, urldate, note)."""
    lines = [f"@misc{{{key},", f"  title = {{{bibtex_value(fields['title'])}}},",
             f"  author = {{{{{bibtex_value(fields['publisher'])}}}}},",
             f"  publisher = {{{bibtex_value(fields['publisher'])}}},"]
    if fields.get("edition"):
        lines.append(f"  edition = {{{bibtex_value(fields['edition'])}}},")
    if fields.get("year"):
        lines.append(f"  year = {{{fields['year']}}},")
    if fields.get("url"):
        lines.append(f"  url = {{{_bibtex_url(fields['url'])}}},")
        if fields.get("urldate"):
            lines.append(f"  urldate = {{{fields['urldate']}}},")
    if fields.get("note"):
        lines.append(f"  note = {{{bibtex_value(fields['note'])}}},")
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"


def ris(fields: dict[str, str], kind: str) -> str:
    """Return a RIS record of citation ``fields`` (``kind``: ELEC for a page, DATA for the review)."""
    def ris_date(iso: str) -> str:
        return iso.replace("-", "/") + "/"

    lines = [f"TY  - {kind}", f"TI  - {_one_line(fields['title'])}", f"AU  - {_one_line(fields['publisher'])}",
             f"PB  - {_one_line(fields['publisher'])}"]
    if fields.get("edition"):
        lines.append(f"ET  - {_one_line(fields['edition'])}")
    if fields.get("year"):
        lines.append(f"PY  - {fields['year']}")
    if fields.get("date"):
        lines.append(f"DA  - {ris_date(fields['date'])}")
    if fields.get("url"):
        lines.append(f"UR  - {fields['url']}")
        if fields.get("urldate"):
            lines.append(f"Y2  - {ris_date(fields['urldate'])}")
    if fields.get("note"):
        lines.append(f"N1  - {_one_line(fields['note'])}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def citation(info: ReviewInfo, title: str, path: str, base_url: str | None, date: dt.date | None,
             key: str = "", kind: str = "ELEC", notice: str | None = None) -> dict[str, Any]:
    """Return the "Cite this page" view model of the page at ``path`` (relative to the site root).

    ``base_url`` is the published site's address (None for a local build); ``notice`` (the coding
    notice, if any) goes into the BibTeX and RIS notes.
    """
    url = (base_url.rstrip("/") + "/" + path) if base_url else ""
    date_text = date.isoformat() if date else ""
    fields = {"title": title, "publisher": info.publisher, "edition": info.edition or "",
              "year": str(date.year) if date else "", "date": date_text, "url": url,
              "urldate": date_text if url else "", "note": notice or ""}
    entry_key = _key(info.publisher, info.edition or "", key or path.rsplit("/", 1)[-1].split(".")[0])
    return {"title": title, "publisher": info.publisher, "edition": info.edition or "", "date": date_text,
            "url": url, "path": path, "local": "" if url else LOCAL_BUILD,
            "accessed": date_text if url else "",
            "bibtex": bibtex(fields, entry_key), "ris": ris(fields, kind)}
