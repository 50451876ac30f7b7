"""Right-of-reply packets: one country's answers to confirm or contest, importable like any workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import CliRunner

from conftest import tree_bytes
from legalreview.cli import main
from legalreview.quality.packet import read_packet, write_packet
from legalreview.store import read_yaml


def reply(path: Path, rows: dict[int, tuple[str, str]], answers: dict[int, str] | None = None) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book["csam"]
    header = [c.value for c in sheet[1]]
    for r, (verdict, comment) in rows.items():
        sheet.cell(row=r, column=header.index("confirm or contest") + 1, value=verdict)
        sheet.cell(row=r, column=header.index("your comment") + 1, value=comment)
    for r, value in (answers or {}).items():
        sheet.cell(row=r, column=header.index("answer") + 1, value=value)
    book.save(path)


def test_packet_holds_one_country_with_provisions_cited_and_reply_columns(small, tmp_path):
    out = tmp_path / "kenya.xlsx"
    result = write_packet(small, "KEN", "csam", out)
    assert (result.edition, result.rows) == ("2023", 5)
    sheet = openpyxl.load_workbook(out)["csam"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-3:] == ("provisions cited", "confirm or contest", "your comment")
    assert {r[0] for r in rows[1:]} == {"KEN"}
    assert rows[2][2:5] == ("C2", "yes", "cmca-2018-s24")
    assert rows[2][-3] == "Computer Misuse and Cybercrimes Act, 2018, s. 24"


def test_replies_are_read_into_a_report_and_answers_are_never_changed(small, tmp_path):
    out = tmp_path / "kenya.xlsx"
    write_packet(small, "KEN", "csam", out)
    reply(out, {2: ("confirm", ""), 3: ("contest", "Section 24 does not define the material; see s. 2.")})
    before = tree_bytes(small)
    replies, issues = read_packet(out)
    assert issues == []
    assert replies[["criterion", "verdict"]].values.tolist() == [["C1", "confirm"], ["C2", "contest"]]
    report = tmp_path / "replies.yaml"
    result = CliRunner().invoke(main, ["packet-import", str(out), "-o", str(report), "--dir", str(small)])
    assert result.exit_code == 0, result.output
    assert "1 contested, 1 confirmed" in result.output
    data, _ = read_yaml(report)
    assert data["replies"][0] == {
        "iso3": "KEN", "country": "Kenya", "set": "csam", "criterion": "C2", "answer": "yes",
        "evidence": "cmca-2018-s24", "verdict": "contest",
        "comment": "Section 24 does not define the material; see s. 2.",
        "our_answer": "yes", "our_evidence": "cmca-2018-s24"}
    assert tree_bytes(small) == before


def test_a_corrected_answer_in_a_packet_imports_like_any_workbook(small, tmp_path):
    out = tmp_path / "kenya.xlsx"
    result = CliRunner().invoke(main, ["packet", "KEN", "--set", "csam", "-o", str(out), "--dir", str(small)])
    assert result.exit_code == 0, result.output
    reply(out, {5: ("contest", "Possession is punished only with intent.")}, answers={5: "partial"})
    result = CliRunner().invoke(main, ["import-xlsx", str(out), "--dry-run", "--dir", str(small)])
    assert result.exit_code == 0, result.output
    change = [line for line in result.output.splitlines() if "C4" in line]
    assert len(change) == 1 and '"yes"' in change[0] and '"partial"' in change[0]


def test_packet_without_a_set_writes_one_workbook_per_assessed_set(small, tmp_path):
    out = tmp_path / "kenya.xlsx"
    result = CliRunner().invoke(main, ["packet", "KEN", "-o", str(out), "--dir", str(small)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("kenya-*.xlsx")) == ["kenya-csam.xlsx", "kenya-grooming.xlsx"]
