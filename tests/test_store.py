"""The store: positions on read, comments and key order kept on write, atomic replace."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from legalreview import store


def test_writing_a_country_file_keeps_comments_and_key_order(small: Path) -> None:
    path = small / "countries" / "KEN.yaml"
    before = path.read_text()

    def edit(doc) -> None:
        doc["assessments"][1]["answers"]["C5"] = "partial"

    store.edit_yaml(path, edit)
    after = path.read_text()
    assert after.splitlines()[0] == "# Kenya: fixture data for tests (not a real assessment)."
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [('      C5: "no"', '      C5: "partial"')]
    assert len(after.splitlines()) == len(before.splitlines())
    keys = [line.split(":")[0] for line in after.splitlines() if line and not line.startswith((" ", "#"))]
    assert keys == ["iso3", "name", "statutes", "provisions", "assessments"]


def test_positions_are_one_based_line_and_column_of_keys() -> None:
    data, positions = store.parse_yaml(b"iso3: KEN\nassessments:\n  - set: csam\n    answers:\n      C1: 'no'\n", "f")
    assert data["assessments"][0]["answers"]["C1"] == "no"
    assert positions[("assessments", 0, "answers", "C1")] == (5, 7)
    assert store.position(positions, ("assessments", 0, "answers", "C1", "value")) == (5, 7)


def test_yes_and_no_stay_text_as_in_yaml_1_2() -> None:
    data, _ = store.parse_yaml(b"a: yes\nb: no\nc: true\n", "f")
    assert data == {"a": "yes", "b": "no", "c": True}


@pytest.mark.parametrize("raw,expected", [
    (b"a: &x [1]\nb: *x\n", "aliases"),
    (b"a: 1\na: 2\n", "duplicate key 'a'"),
    (b"a: !!python/object/apply:os.system ['true']\n", "unsupported YAML tag"),
    (b"\xff\xfei\x00s\x00", "UTF-16"),
    (b"name: Sa\xefd\n", "not UTF-8"),
    (b"a:\n\t- b\n", "found character"),
    (b"a: " + b"[" * 60 + b"]" * 60 + b"\n", "nested"),
])
def test_hostile_or_broken_yaml_is_refused_with_a_position(raw: bytes, expected: str) -> None:
    with pytest.raises(store.YamlProblem) as info:
        store.parse_yaml(raw, "countries/KEN.yaml")
    assert expected in str(info.value)
    assert info.value.issue.file == "countries/KEN.yaml"
    assert info.value.issue.line is not None


def test_billion_laughs_is_refused_without_expanding() -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    with pytest.raises(store.YamlProblem, match="aliases"):
        store.parse_yaml("\n".join(lines).encode(), "bomb.yaml")


def test_write_all_or_nothing_restores_every_file_when_a_replace_fails(tmp_path: Path, monkeypatch) -> None:
    a, b = tmp_path / "A.yaml", tmp_path / "B.yaml"
    a.write_text("old a\n")
    b.write_text("old b\n")
    real_replace = os.replace
    calls = []

    def failing_replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(store.os, "replace", failing_replace)
    with pytest.raises(OSError):
        store.write_all_or_nothing({a: b"new a\n", b: b"new b\n"})
    monkeypatch.setattr(store.os, "replace", real_replace)
    assert a.read_text() == "old a\n" and b.read_text() == "old b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A.yaml", "B.yaml"]


def test_workbook_issues_sort_row_by_row_so_d2_comes_before_d10() -> None:
    from legalreview.issues import Issue, sort_issues

    cells = [i.cell for i in sort_issues([Issue("bad-answer", "m", sheet="csam", cell=c)
                                          for c in ["D10", "D2", "AA1", "B2"]])]
    assert cells == ["AA1", "B2", "D2", "D10"]
