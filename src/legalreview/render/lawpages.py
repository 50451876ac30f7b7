"""Site pages of the law as reviewers record it (issue 17): one page per structured fact
(``facts/<fact>.html``), a sortable table of every jurisdiction that records it, and the
international instruments page (``instruments.html``): each instrument's parties counted by region.

Mixed into :class:`legalreview.render.context.SiteContext`.
"""

from __future__ import annotations

from typing import Any

from .labels import INSTRUMENT_STATUSES, _date
from .profiles import fact_text

#: Instrument statuses, strongest first, with the words a page uses.


class LawPagesMixin:
    """The fact pages of :class:`SiteContext`."""

    def fact_ids(self) -> list[str]:
        """Return the ids of the facts in ``criteria/facts.yaml`` (none without the catalogue)."""
        catalogue = getattr(self.review.workspace, "facts", None)
        return [f.id for f in catalogue.facts] if catalogue is not None else []

    def facts_key(self) -> str:
        """Return the digest of everything the fact pages show besides the catalogue (the site key has that)."""
        import hashlib

        recorded = getattr(self.review.workspace, "fact_digests", {})
        text = "".join(f"{c}:{recorded[c]};" for c in self.registry.codes if c in recorded)
        return hashlib.sha256(text.encode()).hexdigest()

    def fact_page(self, fact_id: str, root: str = "../") -> dict[str, Any]:
        """Return the context of ``facts/<fact>.html``: the fact and every roster country recording it."""
        ws = self.review.workspace
        definition = next(f for f in ws.facts.facts if f.id == fact_id)
        rows = []
        recorded = getattr(ws, "fact_digests", {})
        for iso3 in self.registry.codes:
            if iso3 not in recorded:  # only countries that record facts are read (a large review stays fast)
                continue
            country = ws.countries.passing(iso3)
            if country is None:
                continue
            provisions = {p.id: p for p in country.provisions}
            statutes = {s.id: s.title for s in country.statutes}
            for fact in country.facts:
                if fact.fact != fact_id:
                    continue
                value = fact.value
                sort = f"{value:g}" if isinstance(value, float) else ("" if value is None else str(value))
                cited = [f"{statutes.get(provisions[e].statute, provisions[e].statute)}, section "
                         f"{provisions[e].pinpoint}" for e in fact.evidence if e in provisions]
                rows.append({"iso3": iso3, "country": self.registry.get(iso3).name if self.registry.get(iso3)
                             else country.name, "href": f"{root}countries/{iso3}.html#fact-{fact_id}",
                             "value": fact_text(value), "sort": sort, "scope": fact.scope.text if fact.scope else
                             "National law", "evidence": cited, "note": fact.note or "",
                             "illustrative": iso3 in self.illustrative_codes})
        return {"site": self.site(root), "fact": {"id": definition.id, "label": definition.label,
                                                  "unit": definition.unit or "", "type": definition.type,
                                                  "description": definition.description or ""},
                "rows": rows, "numeric": definition.type in ("age", "years", "number"),
                "illustrative": any(r["illustrative"] for r in rows)}

    def has_instruments_page(self) -> bool:
        """Return True when the review has an instruments catalogue (``criteria/instruments.yaml``)."""
        return getattr(self.review.workspace, "instruments", None) is not None

    def instruments_page(self, root: str = "") -> dict[str, Any]:
        """Return the context of ``instruments.html``: per instrument, the parties each country file
        records (status and date) and their count per region; a country that records nothing for an
        instrument is "not recorded", never counted as a non-party."""
        ws = self.review.workspace
        recorded = getattr(ws, "fact_digests", {})
        positions: dict[str, list[dict[str, Any]]] = {i.id: [] for i in ws.instruments.instruments}
        for iso3 in self.registry.codes:
            if iso3 not in recorded:  # only countries that record facts or instruments are read
                continue
            country = ws.countries.passing(iso3)
            if country is None:
                continue
            member = self.registry.get(iso3)
            for item in country.instruments:
                if item.instrument in positions:
                    positions[item.instrument].append({
                        "iso3": iso3, "country": member.name if member else country.name,
                        "region": (member.region if member else "") or "Other",
                        "href": f"{root}countries/{iso3}.html#instruments", "status": item.status,
                        "status_label": self._(INSTRUMENT_STATUSES[item.status]), "date": _date(item.date),
                        "illustrative": iso3 in self.illustrative_codes})
        sizes: dict[str, int] = {}
        for j in self.registry.members:
            sizes[j.region or "Other"] = sizes.get(j.region or "Other", 0) + 1
        regions = sorted(sizes)
        instruments = []
        for definition in ws.instruments.instruments:
            rows = sorted(positions[definition.id], key=lambda r: (r["country"], r["iso3"]))
            counts = [{"region": region, "total": sizes[region],
                       **{status: sum(1 for r in rows if r["region"] == region and r["status"] == status)
                          for status in INSTRUMENT_STATUSES}} for region in regions]
            for c in counts:
                c["not_recorded"] = c["total"] - sum(c[s] for s in INSTRUMENT_STATUSES)
            instruments.append({"id": definition.id, "short": definition.short, "title": definition.title,
                                "adopted": definition.adopted or "", "rows": rows, "counts": counts})
        return {"site": self.site(root), "instruments": instruments,
                "statuses": [{"id": k, "label": self._(v)} for k, v in INSTRUMENT_STATUSES.items()],
                "illustrative": any(r["illustrative"] for i in instruments for r in i["rows"])}
