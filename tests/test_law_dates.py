"""The law as at a date (issue 17): assessments say which day's law they describe; statutes and
provisions carry enacted / in force / amended / repealed dates and bills are never counted as law."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import legalreview as lr
from law_helpers import STATUTES, coded, issues, kenya, line_of
from legalreview.render.site import render_profile

PROVISIONS = '''provisions:
  - {id: soa-2006-s16, statute: soa-2006, section: "16", summary: "Offences concerning the material."}
  - {id: cmca-2018-s24, statute: cmca-2018, section: "24", summary: "Offences using a computer system."}
'''


def assessment(law_as_at: str = "2023-06-30", c3: str = '{value: "yes", evidence: [cmca-2018-s24]}') -> str:
    return f'''assessments:
  - set: csam
    edition: "2023"
    assessed_on: 2026-10-01
    law_as_at: {law_as_at}
    coder: analyst-a
    status: published
    answers:
      C1: {{value: "yes", evidence: [soa-2006-s16]}}
      C2: "no"
      C3: {c3}
      C4: "no"
      C5: "no"
'''


def test_evidence_not_yet_in_force_at_law_as_at_is_a_located_warning(small: Path) -> None:
    statutes = STATUTES.replace('year: 2018}', 'year: 2018, enacted: 2018-05-16, in_force: 2018-05-30}')
    path = kenya(small, statutes + PROVISIONS + assessment(law_as_at="2017-12-31"))
    found = coded(issues(small), "provision-not-in-force")
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].message == ("C3: cmca-2018-s24 (Computer Misuse and Cybercrimes Act, 2018 s. 24) came into "
                                "force on 2018-05-30, after the law as at 2017-12-31 this assessment describes")
    assert (found[0].file, found[0].line) == ("countries/KEN.yaml", line_of(path, "C3:"))
    assert found[0].column > 7  # at the evidence item, not the answer
    kenya(small, statutes + PROVISIONS + assessment(law_as_at="2019-01-01"))
    assert not coded(issues(small), "provision-not-in-force")


def test_a_provision_in_force_later_than_its_statute_counts_on_its_own_date(small: Path) -> None:
    provisions = PROVISIONS.replace('"Offences using a computer system."}',
                                    '"Offences using a computer system.", in_force: 2024-01-01}')
    kenya(small, STATUTES + provisions + assessment())
    assert [i.message.split(":")[0] for i in coded(issues(small), "provision-not-in-force")] == ["C3"]


def test_a_repealed_statute_cited_as_current_law_is_a_warning(small: Path) -> None:
    statutes = STATUTES.replace('year: 2006}', 'year: 2006, repealed_on: 2022-07-30}')
    path = kenya(small, statutes + PROVISIONS + assessment())
    found = coded(issues(small), "repealed-cited")
    assert [(i.severity, i.line) for i in found] == [("warning", line_of(path, "C1:"))]
    assert "was repealed on 2022-07-30, before the law as at 2023-06-30" in found[0].message
    kenya(small, statutes + PROVISIONS + assessment(law_as_at="2021-12-31"))  # the law of 2021: still in force
    assert not coded(issues(small), "repealed-cited")


def test_a_bill_cannot_support_a_mark_but_may_be_cited_for_a_no(small: Path) -> None:
    statutes = STATUTES + '  - {id: cp-bill-2025, title: "Child Protection Bill, 2025", bill: true}\n'
    provisions = PROVISIONS + '  - {id: cpb-2025-c4, statute: cp-bill-2025, section: "12", summary: "Would make ' \
                              'possession an offence."}\n'
    body = assessment().replace('C4: "no"', 'C4: {value: "no", evidence: [cpb-2025-c4], note: "A bill is pending."}')
    kenya(small, statutes + provisions + body)
    assert not coded(issues(small), "bill-cited")
    path = kenya(small, statutes + provisions + body.replace('C4: {value: "no"', 'C4: {value: "yes"'))
    found = coded(issues(small), "bill-cited")
    assert [(i.severity, i.line) for i in found] == [("error", line_of(path, "C4:"))]
    assert 'is a bill, not law, and cannot support "yes"' in found[0].message
    assert not coded(issues(small), "provision-not-in-force")  # a bill is reported once, as a bill


def test_law_as_at_after_the_assessment_and_dates_out_of_order_are_warnings(small: Path) -> None:
    statutes = STATUTES.replace('year: 2018}', 'year: 2018, enacted: 2018-05-16, in_force: 2018-01-01}')
    path = kenya(small, statutes + PROVISIONS + assessment(law_as_at="2026-12-31"))
    found = issues(small)
    assert [(i.severity, i.line) for i in coded(found, "law-as-at-after-assessed")] == \
        [("warning", line_of(path, "law_as_at"))]
    order = coded(found, "law-dates-order")
    assert [(i.severity, i.line) for i in order] == [("warning", line_of(path, "in_force: 2018-01-01"))]
    assert "in_force 2018-01-01 is before enacted 2018-05-16" in order[0].message


def test_dates_of_the_law_obey_the_untrusted_value_rules(small: Path) -> None:
    kenya(small, STATUTES.replace('year: 2018}', 'year: 2018, repealed_on: 1700-01-01}') + PROVISIONS)
    found = coded(issues(small), "date-out-of-range")
    assert found and "statutes.1.repealed_on" in found[0].message


def test_profiles_say_the_law_as_at_and_mark_bills_and_repeals(small: Path) -> None:
    statutes = STATUTES.replace('year: 2006}', 'year: 2006, repealed_on: 2024-01-31}') + \
        '  - {id: cp-bill-2025, title: "Child Protection Bill, 2025", bill: true}\n'
    kenya(small, statutes + PROVISIONS + assessment())
    review = lr.load_review(small, today=dt.date(2026, 11, 1))
    html = render_profile(review, "KEN", "html")
    assert '<time datetime="2023-06-30">law as at 30 June 2023</time>' in html
    assert "repealed 2024-01-31" in html and "a bill, not law: never counted" in html
    md = render_profile(review, "KEN", "md")
    assert "Coded for: National law · law as at 30 June 2023" in md
    assert "Child Protection Bill, 2025 — a bill, not law" in md


def test_every_embedded_assessment_states_its_law_as_at_except_retrospective_editions(repo_root: Path) -> None:
    coded_for = lr.load_review(repo_root).coded_for
    missing = coded_for[~coded_for["law_as_at_stated"]]
    assert set(missing["edition"]) == {"2016"}  # the 2016-edition codings: no exact date is known
    stated = coded_for[coded_for["law_as_at_stated"]]
    assert (stated["law_as_at"] == stated["assessed_on"]).all()  # no better date known: the day the law was read
