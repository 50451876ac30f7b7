"""Independent double coding: a blank workbook for a second coder, and agreement over exactly two coders."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from legalreview.cli import main
from legalreview.quality import agreement
from legalreview.spreadsheet import export_workbook, import_workbook
from legalreview.workspace import load_workspace

TODAY = dt.date(2026, 12, 3)
# Kenya's rows in a csam export of KEN only: 2-6 = C1-C5. Kenya's 2023 coding by analyst-a:
# C1 yes, C2 yes, C3 yes, C4 yes, C5 no.
SECOND = [("yes", "soa-2006-s16"), ("partial", "cmca-2018-s24"), ("yes", "cmca-2018-s24"), ("yes", "soa-2006-s16"),
          ("no", "")]


def _blank(small: Path, tmp_path: Path) -> Path:
    path = tmp_path / "ken-blind.xlsx"
    run = CliRunner().invoke(main, ["export-xlsx", "--set", "csam", "--countries", "KEN", "--blank", "--coder",
                                    "analyst-b", "-o", str(path), "--dir", str(small)])
    assert run.exit_code == 0, run.output
    return path


def _fill(path: Path) -> Path:
    book = openpyxl.load_workbook(path)
    for row, (answer, evidence) in zip(range(2, 7), SECOND):
        book["csam"][f"D{row}"] = answer
        book["csam"][f"E{row}"] = evidence or None
    book.save(path)
    return path


def test_a_blank_workbook_shows_no_answers_and_no_notes(small: Path, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_blank(small, tmp_path))["csam"]

    cells = [row[3:6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(cells) == 5 and all(c == (None, None, None) for c in cells)
    full = openpyxl.load_workbook(export_workbook(small, "csam", tmp_path / "full.xlsx", countries="KEN").path)
    assert full["csam"]["D2"].value == "yes"  # the ordinary export still pre-fills


def test_importing_a_blank_workbook_adds_an_independent_assessment_beside_the_first(small: Path,
                                                                                   tmp_path: Path) -> None:
    before = (small / "countries" / "KEN.yaml").read_text(encoding="utf-8")

    result = import_workbook(small, _fill(_blank(small, tmp_path)), coder="Grace Achieng", today=TODAY)

    assert result.ok, [str(i) for i in result.issues]
    ws, _ = load_workspace(small, today=TODAY)
    mine = [a for a in ws.countries["KEN"].assessments if a.set == "csam" and a.edition == "2023"]
    assert [(a.coder, a.independent, a.status) for a in mine] == [("analyst-a", False, "published"),
                                                                  ("analyst-b", True, "draft")]
    assert mine[0].answers["C2"].value == "yes"  # the first coding is untouched
    assert mine[1].answers["C2"].value == "partial"
    after = (small / "countries" / "KEN.yaml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")[:200])


def test_agreement_over_a_blank_second_coding_compares_exactly_the_two_coders(small: Path, tmp_path: Path) -> None:
    # a third, non-independent draft by the import's default coder must not count as a rater
    kenya = small / "countries" / "KEN.yaml"
    kenya.write_text(kenya.read_text(encoding="utf-8") + (
        '  - {set: csam, edition: "2023", assessed_on: 2026-09-01, coder: spreadsheet, status: draft,\n'
        '     answers: {C1: "no", C2: "no", C3: "no", C4: "no", C5: "no"}}\n'), encoding="utf-8")
    assert import_workbook(small, _fill(_blank(small, tmp_path)), coder="Grace Achieng", today=TODAY).ok
    ws, _ = load_workspace(small, today=TODAY)

    report = agreement(ws, "csam", "2023")

    assert sorted(report.coders) == ["analyst-a", "analyst-b"]
    assert len(report.items) == 5 and [i.criterion for i in report.items if not i.agreed] == ["C2"]
    run = CliRunner().invoke(main, ["agreement", "--set", "csam", "--edition", "2023", "--coders",
                                    "analyst-a,analyst-b", "--format", "json", "--dir", str(small)])
    assert run.exit_code == 0, run.output
    doc = json.loads(run.output)
    assert sorted(doc["coders"]) == ["analyst-a", "analyst-b"]
    overall = next(r for r in doc["criteria"] if r["criterion"] == "overall")
    assert (overall["items"], overall["agreed"], overall["method"]) == (5, 4, "cohen")


def test_blank_without_a_coder_is_refused(small: Path, tmp_path: Path) -> None:
    run = CliRunner().invoke(main, ["export-xlsx", "--set", "csam", "--blank", "-o", str(tmp_path / "x.xlsx"),
                                    "--dir", str(small)])

    assert run.exit_code == 2 and "--blank and --coder go together" in run.output  # a usage error (issue 15)
    assert not (tmp_path / "x.xlsx").exists()


# --------------------------------------------------------------------------- right-of-reply packets


def test_packet_replies_accept_confirmed_and_disagree_in_any_case_and_show_our_answer(small: Path,
                                                                                       tmp_path: Path) -> None:
    from legalreview.quality.packet import write_packet

    out = tmp_path / "kenya.xlsx"
    write_packet(small, "KEN", "csam", out)
    book = openpyxl.load_workbook(out)
    sheet = book["csam"]
    header = [c.value for c in sheet[1]]
    verdict, comment, answer = (header.index(k) + 1 for k in ("confirm or contest", "your comment", "answer"))
    for row, word in zip(range(2, 6), ["Confirmed", "DISAGREE", "agree", "Contested"]):
        sheet.cell(row=row, column=verdict, value=word)
        sheet.cell(row=row, column=comment, value="See the 2018 Act.")
    sheet.cell(row=3, column=answer, value="partial")  # the reviewer's correction of C2
    book.save(out)

    run = CliRunner().invoke(main, ["packet-import", str(out), "--dir", str(small)])

    assert run.exit_code == 0, run.output
    assert "bad-answer-cell" not in run.output
    assert "contested: 2" in run.output and "confirmed: 2" in run.output
    c2 = next(line for line in run.output.splitlines() if 'criterion: "C2"' in line)
    assert 'answer: "partial"' in c2 and 'our_answer: "yes"' in c2 and 'verdict: "contest"' in c2


def test_a_blind_second_coding_is_not_counted_in_the_tables(small: Path, tmp_path: Path) -> None:
    from legalreview import load_review

    toml = small / "review.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[build]\ninclude_drafts = true\n", encoding="utf-8")
    assert import_workbook(small, _fill(_blank(small, tmp_path)), coder="Grace Achieng", today=TODAY).ok

    review = load_review(small)

    spine = review.scores
    assert spine[(spine["iso3"] == "KEN") & (spine["coder"] == "analyst-b")].empty
    assert review.table("csam", "2023").loc["KEN", "C2"] == "yes"  # analyst-a's answer, not the blind "partial"
