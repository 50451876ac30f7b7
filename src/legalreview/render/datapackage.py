"""``data/datapackage.json``: a Frictionless Data Package describing every CSV and JSON file in the
site's ``data/`` folder (name, path, format, media type, a schema with each field's type and meaning,
size and SHA-256), with the licence from review.toml, the review's status and, when any counted
assessment is illustrative, the coding notice (:func:`legalreview.notices.coding_notice`).

The JSON files are tables too: their ``countries`` array of objects is described with the same
schema as the CSV of the set (a Frictionless JSON dialect with ``property: countries``).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..models import CriteriaSet
from ..notices import coding_notice, review_status
from .labels import safe_url

#: What each column of the data files means (a criterion column is described from its criterion).
DESCRIPTIONS = {
    "iso3": "ISO 3166 alpha-3 code of the jurisdiction (or the review's own code for a jurisdiction outside ISO 3166)",
    "country": "Name of the jurisdiction",
    "region": "UN M49 region",
    "subregion": "UN M49 sub-region",
    "set": "Criteria set id",
    "edition": "Edition of the criteria set the assessment answers (empty: not yet assessed)",
    "criterion": "Criterion id",
    "value": "Answer code on the set's scale",
    "points": "Points of the answer (empty: not scored)",
    "met": "Whether the answer has the highest points on the scale (empty: not scored)",
    "evidence": "Ids of the provisions cited, separated by '; '",
    "note": "The coder's note (our words)",
    "change": "Why the answer changed since the previous edition (law-amended, new-law, correction, method-change)",
    "coder": "Who coded the assessment",
    "status": "Status of the assessment: draft, reviewed, published or illustrative (illustrative: not an "
              "official assessment of the law)",
    "assessed_on": "Date of the assessment",
    "met_count": "Number of criteria met",
    "unknown_count": "Number of criteria answered 'not known'",
    "max_points": "Highest points the scored answers could reach",
    "tier": "Tier id (the first tier rule the country matches)",
    "assessed": "Whether the country has a counted assessment of the set",
    "tier_label": "Tier label",
    "scope": "The law it covers, as text (empty or 'National law': the jurisdiction's national law)",
    "derived_from_units": "The federal rule (all_units, any_unit) by which the answer was derived from the "
                          "jurisdiction's sub-national units (empty: coded, not derived)",
    "fact": "Fact id (criteria/facts.yaml)",
    "label": "What the fact is",
    "unit": "Unit of the value (e.g. years)",
}
#: Field type of each column (anything else is a string).
TYPES = {"points": "number", "max_points": "number", "met": "boolean", "assessed": "boolean",
         "met_count": "integer", "unknown_count": "integer", "assessed_on": "date"}
#: Columns of data/scores.csv (the spine without ``counted``).
SCORES_COLUMNS = ("iso3", "country", "region", "subregion", "set", "edition", "criterion", "value", "points", "met",
                  "evidence", "note", "change", "coder", "status", "assessed_on", "scope", "derived_from_units")
#: Columns of data/facts.csv (see :func:`legalreview.lawframes.facts_frame`).
FACTS_COLUMNS = ("iso3", "country", "fact", "label", "value", "unit", "scope", "evidence", "note")


def _name(path: str) -> str:
    """Return a Frictionless resource name for a file (lower case, digits, '-', '_', '.')."""
    return re.sub(r"[^a-z0-9._-]+", "-", path.rsplit("/", 1)[-1].lower()).strip("-") or "data"


def _schema(columns: list[str], cs: CriteriaSet | None = None) -> dict[str, Any]:
    questions = {c.id: c for c in cs.criteria} if cs is not None else {}
    fields = []
    for col in columns:
        crit = questions.get(col)
        description = (f"Answer code to {crit.id} ({crit.short}): {crit.question}" if crit is not None
                       else DESCRIPTIONS.get(col, col))
        fields.append({"name": col, "type": TYPES.get(col, "string"), "description": description})
    return {"fields": fields}


def datapackage(review: Any, ctx: Any, written: dict[str, tuple[int, str] | None],
                table_columns: dict[str, list[str]]) -> bytes:
    """Return data/datapackage.json describing the data files in ``written`` (path -> (size, SHA-256)).

    ``table_columns`` is set id -> the columns of its data/<set>.csv and .json.
    """
    info = review.config.review
    notice = coding_notice(review)
    status = review_status(review)
    resources = []
    for path in sorted(p for p in written if p.startswith("data/") and p.endswith((".csv", ".json"))
                       and p != "data/datapackage.json"):
        size, sha = written[path] or (0, "")
        stem, fmt = path[len("data/"):].rsplit(".", 1)
        if stem == "scores":
            title = "The spine: one row per country, criteria set, edition, coder and criterion"
            schema = _schema(list(SCORES_COLUMNS))
            set_notice = notice
        elif stem == "facts":
            title = "Structured facts: one row per jurisdiction and fact recorded"
            schema = _schema(list(FACTS_COLUMNS))
            set_notice = notice
        elif stem in table_columns:
            cs = review.criteria_set(stem)
            title = f"Global table of {cs.title}: one row per roster country (its latest counted edition)"
            schema = _schema(table_columns[stem], cs)
            set_notice = coding_notice(review, stem)
        else:  # pragma: no cover - every data file is one of the above
            continue
        resource: dict[str, Any] = {
            "name": _name(path), "path": path[len("data/"):], "title": title, "profile": "tabular-data-resource",
            "format": fmt, "mediatype": "text/csv" if fmt == "csv" else "application/json", "encoding": "utf-8",
            "schema": schema,
        }
        if fmt == "json":
            resource["dialect"] = {"json": {"property": "countries", "keyed": True}}
            resource["description"] = ("A JSON object (set, title, version, review, edition, notice) whose "
                                       "`countries` array holds the rows of the table.")
        if set_notice:
            resource["description"] = (resource.get("description", "") + " " + set_notice).strip()
        if sha and fmt == "csv":  # (Frictionless reads JSON tables as a stream: it checks no size there)
            resource["bytes"] = size
            resource["hash"] = f"sha256:{sha}"
        resources.append(resource)
    doc: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": _name(f"{info.name}-{info.edition}") if info.name else "legalreview",
        "title": info.name,
        "description": notice or f"Coding of national law for {info.name}; each row's status says how final it is.",
        "version": info.edition or None,
        "created": ctx.date.isoformat() + "T00:00:00Z" if ctx.date else None,
        "contributors": [{"title": info.publisher, "role": "publisher"}],
        "licenses": [_licence(info.license)] if info.license else [],
        "legalreview:status": status,
        "legalreview:illustrative": notice is not None,
        "resources": resources,
    }
    if notice:
        doc["legalreview:notice"] = notice
    url = safe_url(info.url)
    if url:
        doc["homepage"] = url
    doc = {k: v for k, v in doc.items() if v not in (None, [])}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _licence(spdx: str) -> dict[str, str]:
    """Return a Frictionless licence object for an SPDX id (with its address for the common ones)."""
    known = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
             "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
             "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
             "ODbL-1.0": "https://opendatacommons.org/licenses/odbl/1-0/"}
    out = {"name": spdx}
    if spdx in known:
        out["path"] = known[spdx]
    return out
