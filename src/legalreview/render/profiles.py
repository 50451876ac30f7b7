"""Country-profile view models (``countries/<ISO3>.html`` and ``legalreview profile``).

Mixed into :class:`legalreview.render.context.SiteContext`; reads the set models and the grouped
answers it computed once, never the spine row by row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..aggregate import met_codes
from ..lawchecks import law_date_text
from ..notices import notice_for, provision_text
from ..scoring import NOT_ASSESSED, edition_order
from .labels import (CHANGE_KIND_LABELS, CHANGE_REASON_LABELS, INSTRUMENT_STATUSES, _date, edition_question,
                     region_name, safe_url)

if TYPE_CHECKING:
    from .context import SetModel


class ProfileMixin:
    """The profile pages of :class:`SiteContext`."""

    def profile_page(self, iso3: str, root: str = "../") -> dict[str, Any]:
        """Return the context of ``countries/<ISO3>.html`` (and of ``profile ISO3``)."""
        j = self.registry.get(iso3)
        country = self.review.workspace.countries.passing(iso3)
        name = self.country_label(iso3, j.name if j else (country.name if country else iso3))
        region = (j.region if j else "") or "(none)"
        statutes = []
        provisions: dict[str, dict[str, Any]] = {}
        if country is not None:
            statute_of = {s.id: s for s in country.statutes}
            for s in country.statutes:
                statutes.append({"id": s.id, "title": s.title, "citation": s.citation or "", "year": s.year or "",
                                 "in_force": _date(s.in_force), "amended_on": _date(s.amended_on),
                                 "url": safe_url(s.url), "language": s.language or ""} | law_status(s))
            for p in country.provisions:
                st = statute_of.get(p.statute)
                provisions[p.id] = {"id": p.id, "section": p.pinpoint, "text": p.text, "quoted": p.quoted,
                                    "shown": provision_text(p.shown_text, p.quoted),
                                    "statute": st.title if st else p.statute,
                                    "url": safe_url(p.url) or (safe_url(st.url) if st else None)} | \
                    source_text(p, st) | law_status(p, st)
                if provisions[p.id]["summary"]:
                    provisions[p.id]["summary"] = self.marked(provisions[p.id]["summary"])
        sets = [self._profile_set(sm, iso3, country, provisions, root) for sm in self.sets.values()]
        from .citation import citation
        info = self.config.review
        illustrative = any(s["illustrative"] for s in sets)
        cite = citation(info, f"{name}: {info.name}", f"countries/{iso3}.html", safe_url(info.url), self.date,
                        key=iso3, notice=notice_for(s.get("status", "") for s in sets))
        return {"site": self.site(root), "iso3": iso3, "name": name,
                "region": region_name(region, self.language) if region != "(none)" else "",
                "region_href": self.region_href(region, root),
                "subregion": region_name(j.subregion, self.language) if j else "",
                "notes": self.marked(country.notes) if country and country.notes else "",
                "statutes": statutes, "sets": sets,
                "assessed": any(s["assessed"] for s in sets), "cite": cite, "illustrative": illustrative,
                "units": [{"code": u, "name": self.registry.by_code[u].name, "href": f"{u}.html"}
                          for u in self.registry.units_of(iso3)],
                "unit_of": ({"code": j.parent, "name": self.registry.by_code[j.parent].name, "href": f"{j.parent}.html"}
                            if j is not None and j.parent in self.registry else None),
                "facts": country_facts(self.review.workspace, country, provisions),
                "instruments": country_instruments(self.review.workspace, country),
                "texts_note": _texts_note([p for s in sets for a in s.get("answers", ()) for p in a["evidence"]])}

    def _profile_set(self, sm: SetModel, iso3: str, country: Any, provisions: dict[str, dict[str, Any]],
                     root: str) -> dict[str, Any]:
        cs = sm.cs
        row = sm.row(iso3)
        base = {"id": cs.id, "title": self.words(cs.title), "href": f"{root}sets/{cs.id}.html",
                "n_criteria": len(cs.criteria)}
        if row is None or not row["assessed"]:
            return base | {"assessed": False, "illustrative": False, "tier": self.tier(sm, NOT_ASSESSED)}
        edition = row["edition"]
        answers = self.answers(iso3, cs.id, edition)
        summary = ""
        history: list[Any] = []
        coded: dict[str, str] = {"scope": "", "law_as_at": "", "law_as_at_date": ""}
        if country is not None:
            for a in country.assessments:
                if a.set == cs.id and a.edition == edition and a.coder == row["coder"]:
                    summary = a.summary or ""
                    history = list(a.history)
                    coded = coded_for(a)
                    if a.law_as_at and self.language != "en":
                        coded["law_as_at"] = self._("law as at %(date)s") % {"date": self.date_text(a.law_as_at)}
        last = last_changes_of(history)
        items = []
        for c in cs.criteria:
            value, evidence, note, _change = answers.get(c.id, ("", "", "", ""))
            refs = [provisions[e] for e in evidence.split("; ") if e and e in provisions]
            changed = last.get(c.id)
            items.append({"id": c.id, "short": self.words(c.short),
                          "question": self.marked(edition_question(cs, c.id, edition)),
                          "answer": self.answer(sm, value), "note": self.marked(note), "evidence": refs,
                          "href": f"{root}criteria/{cs.id}-{c.id}.html",
                          "changed_on": changed.on.isoformat() if changed else "",
                          "changed_by": changed.by if changed else ""})
        log = [{"criterion": h.criterion, "on": h.on.isoformat(), "by": h.by, "source": h.source,
                "before": self.answer(sm, h.previous.value) if h.previous else None,
                "after": self.answer(sm, h.value) if h.value else None} for h in history]
        best = set(met_codes(cs))
        # "not applicable" is no gap: the criterion cannot apply, so no model provision is suggested
        gaps = [{"id": c.id, "short": self.words(c.short), "answer": self.answer(sm, row[c.id]),
                 "model_provision": self.marked(c.model_provision)} for c in cs.criteria
                if row[c.id] not in best and sm.answer_class.get(row[c.id]) != "notapp"]
        shares = self.met_shares(cs.id)
        region = row["region"] or "(none)"
        compare = []
        for item in items:
            here, world = shares.get(region, {}).get(item["id"], (0, 0)), shares[""][item["id"]]
            compare.append({"id": item["id"], "short": item["short"], "href": f"#{cs.id}-{item['id']}",
                            "answer": item["answer"], "region": self.share_text(*here),
                            "world": self.share_text(*world)})
        return base | {
            "assessed": True, "edition": sm.edition_label.get(edition, edition), "edition_id": edition,
            "assessed_on": _date(row["assessed_on"]), "assessed_on_text": self.date_text(_date(row["assessed_on"])),
            "coder": row["coder"], "status": row["status"], "status_text": self._(row["status"]),
            "illustrative": row["status"] == "illustrative", "tier": self.tier(sm, row["tier"], row["tier_label"]),
            "met": int(row["met_count"]), "summary": self.marked(summary), "answers": items, "gaps": gaps,
            "compare": compare, "region": region_name(region, self.language) if region != "(none)" else self._("Other"),
            "changes": self._changes(sm, iso3, edition, answers), "history": log,
        } | coded

    def share_text(self, met: int, assessed: int) -> str:
        """Return "3 of 5 (60%)" in the pages' language: how many assessed countries meet a criterion."""
        if self.language == "en":
            return _share(met, assessed)
        if not assessed:
            return self._("none assessed")
        return self._("%(met)s of %(of)s (%(share)s)") % {"met": met, "of": assessed,
                                                           "share": self.percent(met / assessed)}

    def _changes(self, sm: SetModel, iso3: str, edition: str, answers: dict[str, tuple[str, str, str, str]]
                 ) -> dict[str, Any] | None:
        """Return the changes from the country's previous counted edition to ``edition`` (None if none)."""
        from ..models import change_kind, change_reason
        if len(sm.editions) < 2:
            return None
        order = edition_order(sm.cs, sm.editions)
        earlier = order[: order.index(edition)] if edition in order else []
        previous = next((e for e in reversed(earlier) if (sm.row(iso3, e) or {}).get("assessed")), None)
        if previous is None:
            return None
        before = sm.row(iso3, previous)
        rows = []
        for c in sm.cs.criterion_ids:
            new = answers.get(c, ("", "", "", ""))
            if before[c] != new[0]:
                why = change_reason(before[c], new[0], new[3])
                kind = change_kind(why) or "unexplained"
                rows.append({"criterion": c, "before": self.answer(sm, before[c]), "after": self.answer(sm, new[0]),
                             "reason": self._(CHANGE_REASON_LABELS[why]) if why in CHANGE_REASON_LABELS else why,
                             "kind": kind, "kind_label": self._(CHANGE_KIND_LABELS[kind])})
        return {"previous": sm.edition_label.get(previous, previous), "rows": rows,
                "tier_before": self.tier(sm, before["tier"], before["tier_label"])}


def last_changes_of(history: list[Any]) -> dict[str, Any]:
    """Return criterion -> the latest of its history entries (see :mod:`legalreview.provenance`)."""
    out: dict[str, Any] = {}
    for h in history:
        if h.criterion not in out or h.on >= out[h.criterion].on:
            out[h.criterion] = h
    return out


def _share(met: int, assessed: int) -> str:
    """Return "3 of 5 (60%)": how many assessed countries meet a criterion."""
    if not assessed:
        return "none assessed"
    return f"{met} of {assessed} ({100 * met / assessed:.0f}%)"


def coded_for(assessment: Any) -> dict[str, str]:
    """Return what an assessment was coded for: its scope as text, and the date of the law it
    describes ("law as at 30 June 2023"; "" when no ``law_as_at`` is stated)."""
    return {"scope": assessment.coded_scope.text,
            "law_as_at": law_date_text(assessment.law_as_at) if assessment.law_as_at else "",
            "law_as_at_date": assessment.law_as_at.isoformat() if assessment.law_as_at else ""}


def law_status(law: Any, statute: Any = None) -> dict[str, Any]:
    """Return the dates and status of a statute or provision as shown on a page: enacted, repealed, bill, scope."""
    own_scope = law.scope or (statute.scope if statute is not None else None)
    return {"enacted": _date(law.enacted), "repealed_on": _date(law.repealed_on),
            "bill": bool(law.bill or (statute is not None and statute.bill)),
            "scope": own_scope.text if own_scope is not None else ""}


def source_text(prov: Any, statute: Any) -> dict[str, Any]:
    """Return a provision's words as shown on a page: the verbatim text with its language, the
    translation and who made it (official or not), and our summary."""
    lang = prov.language or (statute.language if statute is not None else None) or ""
    tr = prov.translation
    return {"language": lang, "summary": prov.summary, "accessed_on": _date(prov.accessed_on),
            "source_url": safe_url(prov.url),
            "translation": None if tr is None else {
                "text": tr.text, "language": tr.language, "official": tr.official,
                "by": tr.translation_by or "",
                "label": ("Official translation" if tr.official else "Unofficial translation")
                + (f" by {tr.translation_by}" if tr.translation_by else "")}}


def country_facts(ws: Any, country: Any, provisions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the facts a country file records, with their labels and units from the catalogue."""
    if country is None or not country.facts:
        return []
    catalogue = {f.id: f for f in (ws.facts.facts if getattr(ws, "facts", None) is not None else [])}
    rows = []
    for fact in country.facts:
        definition = catalogue.get(fact.fact)
        rows.append({"id": fact.fact, "label": definition.label if definition else fact.fact, "known": bool(definition),
                     "value": fact_text(fact.value), "unit": (definition.unit or "") if definition else "",
                     "note": fact.note or "", "scope": fact.scope.text if fact.scope else "",
                     "evidence": [provisions[e] for e in fact.evidence if e in provisions]})
    return rows


def fact_text(value: Any) -> str:
    """Return a fact's value as text: 16 (not 16.0), yes/no, or "not known"."""
    if value is None:
        return "not known"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def country_instruments(ws: Any, country: Any) -> list[dict[str, Any]]:
    """Return the international instruments a country file records, with their names from the catalogue."""
    if country is None or not country.instruments:
        return []
    catalogue = {i.id: i for i in (ws.instruments.instruments if getattr(ws, "instruments", None) is not None else [])}
    rows = []
    for item in country.instruments:
        definition = catalogue.get(item.instrument)
        rows.append({"id": item.instrument, "short": definition.short if definition else item.instrument,
                     "title": definition.title if definition else "", "status": item.status,
                     "status_label": INSTRUMENT_STATUSES.get(item.status, item.status),
                     "date": _date(item.date), "source": safe_url(item.source), "note": item.note or ""})
    return rows


def _texts_note(cited: list[dict[str, Any]]) -> str:
    """Return what the country page holds of the provisions cited: their words, our summaries or both."""
    texts = [p for p in cited if p["text"] or p.get("summary")]
    if not texts:
        return "the country page lists each provision cited"
    if all(p["quoted"] for p in texts):
        return "the country page quotes the words of each provision cited"
    if not any(p["quoted"] for p in texts):
        return "the country page gives our summary of each provision cited (in our words, not the text of the law)"
    return "the country page quotes the words of some provisions cited and gives our summary of the others"
