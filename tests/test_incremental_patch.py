"""A rebuild patches what it can instead of making it whole: the site workbook keeps the sheets of
unchanged sets. The result equals a clean build, and bytes of the old site are used only when they are
the bytes the previous build recorded (the old site folder is not trusted)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.render import xlsx
from legalreview.speed import build_site
from legalreview.speed import reuse as reuse_module

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _clean(ws: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Return the files of a build of ``ws`` by the plain core (no cache, nothing reused)."""
    with monkeypatch.context() as m:
        m.setenv("LEGALREVIEW_NO_CACHE", "1")
        build_site(lr.load_review(ws), out, with_charts=False)
    return _tree(out)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    ws = synth.generate(tmp_path / "ws", 12, seed=5)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=False)
    return ws, site


def _sheets_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the sheets whose XML is made (not taken from the previous workbook)."""
    made: list[str] = []
    real = xlsx.sheet_xml

    def counting(sheet: xlsx.Sheet) -> bytes:
        made.append(sheet.name)
        return real(sheet)

    monkeypatch.setattr(xlsx, "sheet_xml", counting)
    return made


def test_an_answer_change_makes_only_its_sets_sheet_and_the_workbook_equals_a_clean_build(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    synth.change_answer(ws, 3)  # an answer of the latest csam edition
    made = _sheets_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made == ["csam"]
    monkeypatch.undo()
    assert _tree(site)["data/review.xlsx"] == _clean(ws, tmp_path / "clean", monkeypatch)["data/review.xlsx"]
    # a build with nothing changed keeps the workbook and still knows its sheets for the next one
    build_site(lr.load_review(ws), site, with_charts=False)
    synth.change_answer(ws, 3)
    made = _sheets_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made == ["csam"]


def test_a_sheet_changed_in_the_old_site_is_made_again(built: tuple[Path, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    book = site / "data" / "review.xlsx"
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as old:
        info = old.getinfo("xl/worksheets/sheet2.xml")  # grooming: unchanged by the edit below
    start = info.header_offset + 30 + len(info.filename)  # its bytes as stored: the same size, other bytes
    data[start + info.compress_size // 2] ^= 0xFF
    book.unlink()  # never edit a hard-linked file in place
    book.write_bytes(bytes(data))
    synth.change_answer(ws, 3)
    made = _sheets_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert sorted(made) == ["csam", "grooming"]
    monkeypatch.undo()
    assert _tree(site)["data/review.xlsx"] == _clean(ws, tmp_path / "clean", monkeypatch)["data/review.xlsx"]


def test_a_sheet_moved_in_the_old_site_is_made_again(built: tuple[Path, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The old workbook is not parsed: a sheet is taken only from where the previous build stored it."""
    ws, site = built
    book = site / "data" / "review.xlsx"
    with zipfile.ZipFile(book) as old:
        parts = {info.filename: old.read(info) for info in old.infolist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        new.writestr("padding.xml", b"<x/>")  # every part stored further on, its bytes the same
        for name, body in parts.items():
            new.writestr(name, body)
    book.unlink()  # never edit a hard-linked file in place
    book.write_bytes(out.getvalue())
    synth.change_answer(ws, 3)
    made = _sheets_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert sorted(made) == ["csam", "grooming", "implementation"]
    monkeypatch.undo()
    assert _tree(site)["data/review.xlsx"] == _clean(ws, tmp_path / "clean", monkeypatch)["data/review.xlsx"]


def test_the_workbook_writer_writes_what_zipfile_writes() -> None:
    import random

    def by_zipfile(entries: list[tuple[str, bytes]]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in entries:
                info = zipfile.ZipInfo(name, date_time=xlsx.ZIP_EPOCH)
                info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
                archive.writestr(info, body)
        return out.getvalue()

    rng = random.Random(7)
    for _ in range(20):
        entries = [(rng.choice(["[Content_Types].xml", "xl/worksheets/sheet1.xml", "ünï/cödé.xml"]) + str(i),
                    rng.randbytes(rng.randint(0, 2000)) if rng.random() < 0.3
                    else b"<row>x</row>" * rng.randint(0, 9000))
                   for i in range(rng.randint(0, 6))]
        assert xlsx.zip_parts(entries) == by_zipfile(entries)
        packed = [(name, xlsx.pack(body)) for name, body in entries]
        data, placed = xlsx.zip_placed(packed)
        assert data == by_zipfile(entries)
        assert [data[at:at + len(p.data)] for at, p in placed] == [p.data for _name, p in packed]


def _rows_kept(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count, per page, the rows taken from the previous build's page."""
    kept: dict[str, int] = {}
    real = reuse_module.Reuse.old_rows

    def counting(self: reuse_module.Reuse, path: str, keys: list[str]) -> dict[str, str]:
        found = real(self, path, keys)
        kept[path] = len(found)
        return found

    monkeypatch.setattr(reuse_module.Reuse, "old_rows", counting)
    return kept


def test_an_answer_change_draws_one_row_of_its_sets_page_and_the_page_equals_a_clean_build(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    synth.change_answer(ws, 3)
    kept = _rows_kept(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert kept["sets/csam.html"] == 11  # 12 countries: one row drawn again
    assert {p for p in kept if p.startswith("sets/")} == {"sets/csam.html"}  # the other sets' pages reused
    monkeypatch.undo()
    clean = _clean(ws, tmp_path / "clean", monkeypatch)
    assert _tree(site) == clean


def test_a_row_changed_in_the_old_site_is_not_kept(built: tuple[Path, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    page = site / "sets" / "csam.html"
    data = page.read_bytes()
    at = data.index(b'data-search="') + len(b'data-search="')
    page.unlink()  # never edit a hard-linked file in place
    page.write_bytes(data[:at] + b"X" + data[at + 1:])  # a row of a country that does not change below
    synth.change_answer(ws, 3)
    kept = _rows_kept(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert kept["sets/csam.html"] == 0
    monkeypatch.undo()
    assert _tree(site) == _clean(ws, tmp_path / "clean", monkeypatch)


def test_an_answer_change_draws_one_change_row_of_the_overview(built: tuple[Path, Path], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    synth.change_answer(ws, 3)
    kept = _rows_kept(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    total = (site / "index.html").read_text("utf-8").count("<tr><th scope=\"row\"><a href=\"countries/")
    assert total > 1 and kept["index.html"] >= total - 1
    monkeypatch.undo()
    assert _tree(site) == _clean(ws, tmp_path / "clean", monkeypatch)


def _tiers_listed(ws: Path) -> dict[str, list[str]]:
    review = lr.load_review(ws)
    return {sid: sorted(review.table(sid)["tier"].unique()) for sid in review.criteria}


def _change_an_answer_keeping_the_tiers_listed(ws: Path) -> None:
    """Change one answer (synth.change_answer, from jurisdiction 3 on) that leaves the tiers some country is in
    as they were: a change making the first (or last) undetermined country of a set adds (or drops) a column of
    every region's count, so every region page is drawn again (a test of test_incremental_criterion)."""
    before = _tiers_listed(ws)
    files = {f: f.read_bytes() for f in (ws / "countries").glob("*.yaml")}
    for i in range(3, 13):
        path = synth.change_answer(ws, i)
        if _tiers_listed(ws) == before:
            return
        path.write_bytes(files[path])  # that change, undone: the next jurisdiction's
    raise AssertionError("no answer change keeps the tiers listed")


def test_an_answer_change_draws_one_row_of_each_table_of_its_region_page(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    _change_an_answer_keeping_the_tiers_listed(ws)
    kept = _rows_kept(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    regions = {p: n for p, n in kept.items() if p.startswith("regions/")}
    assert len(regions) == 1  # the other regions' pages are reused
    (page, n), = regions.items()
    rows = (site / page).read_text("utf-8").count('<tr><th scope="row" data-sort=')
    assert n == rows - 1  # the changed country's row of its set's table
    monkeypatch.undo()
    assert _tree(site) == _clean(ws, tmp_path / "clean", monkeypatch)


def test_the_charts_of_unchanged_sets_keep_their_bytes_on_the_overview(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ws = synth.generate(tmp_path / "ws", 12, seed=5)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site)
    synth.change_answer(ws, 3)
    kept = _rows_kept(monkeypatch)
    build_site(lr.load_review(ws), site)
    index = (site / "index.html").read_text("utf-8")
    changes = index.count('<tr><th scope="row"><a href="countries/')
    # one change row and the csam chart drawn again; the other sets' charts kept
    assert kept["index.html"] >= changes - 1 + index.count('<figure class="chart"') - 1
    monkeypatch.undo()
    with monkeypatch.context() as m:
        m.setenv("LEGALREVIEW_NO_CACHE", "1")
        build_site(lr.load_review(ws), tmp_path / "clean")
    assert _tree(site) == _tree(tmp_path / "clean")


def test_a_workspace_template_of_its_own_lists_the_rows_itself(built: tuple[Path, Path], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    (ws / "templates").mkdir()
    (ws / "templates" / "set.html.j2").write_text("{% for r in rows %}{{ r.iso3 }};{% endfor %}\n", "utf-8")
    build_site(lr.load_review(ws), site, with_charts=False)
    synth.change_answer(ws, 3)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert (site / "sets" / "csam.html").read_text("utf-8").startswith("SYN-")
    assert _tree(site) == _clean(ws, tmp_path / "clean", monkeypatch)


def _pieces_made(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count, per file written in pieces, the keyed pieces made (not taken from the previous build's file)."""
    made: dict[str, int] = {}
    real = reuse_module.Reuse.pieced

    def counting(self: reuse_module.Reuse, path: str, parts: list) -> object:
        made.setdefault(path, 0)

        def counted(make):  # type: ignore[no-untyped-def]
            def inner() -> bytes:
                made[path] += 1
                return make()
            return inner
        return real(self, path, [(k, counted(m) if k is not None else m) for k, m in parts])

    monkeypatch.setattr(reuse_module.Reuse, "pieced", counting)
    return made


@pytest.fixture
def small_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A built workspace whose set tables are written four countries a piece (three pieces of 12)."""
    from legalreview.render import site as site_module

    monkeypatch.setattr(site_module, "TABLE_PIECE", 4)
    ws = synth.generate(tmp_path / "ws", 12, seed=5)
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=False)
    return ws, site


def test_an_answer_change_makes_one_piece_of_its_sets_csv_and_json_and_they_equal_a_clean_build(
        small_pieces: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = small_pieces
    synth.change_answer(ws, 3)
    made = _pieces_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made == {"data/csam.csv": 1, "data/csam.json": 1}  # the other sets' files reused whole
    clean = _clean(ws, tmp_path / "clean", monkeypatch)
    assert _tree(site) == clean
    # a build with nothing changed keeps the files and still knows their pieces for the next one
    build_site(lr.load_review(ws), site, with_charts=False)
    synth.change_answer(ws, 9)
    made.clear()
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made == {"data/csam.csv": 1, "data/csam.json": 1}
    assert _tree(site) == _clean(ws, tmp_path / "clean2", monkeypatch)


@pytest.mark.parametrize("name", ["data/csam.csv", "data/csam.json"])
def test_a_piece_changed_in_the_old_site_is_made_again(small_pieces: tuple[Path, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    ws, site = small_pieces
    path = site / name
    data = path.read_bytes()
    at = data.rindex(b"SYN-00012")  # the last piece; the answer changed below is in the first
    path.unlink()  # never edit a hard-linked file in place
    path.write_bytes(data[:at] + b"SYN-00666" + data[at + len(b"SYN-00012"):])  # the same size, other bytes
    synth.change_answer(ws, 1)
    made = _pieces_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made[name] == 2
    assert _tree(site) == _clean(ws, tmp_path / "clean", monkeypatch)


def test_a_sets_csv_and_json_are_the_same_bytes_whatever_the_size_of_their_pieces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from legalreview.render import site as site_module
    from legalreview.render.context import SiteContext

    review = lr.load_review(synth.generate(tmp_path / "ws", 12, seed=5))
    table = SiteContext(review, None).sets["csam"].table
    made = {}
    for size in (1, 5, 1000):
        monkeypatch.setattr(site_module, "TABLE_PIECE", size)
        made[size] = [b"".join(site_module._table_csv(t, site_module.NoReuse(), "data/csam.csv"))
                      + b"".join(site_module._set_json(review, "csam", t, site_module.NoReuse(), "data/csam.json"))
                      for t in (table, table.iloc[:0])]
    assert made[1] == made[5] == made[1000]
    assert made[1][0].count(b"SYN-") == 2 * 12


def test_an_answer_change_makes_the_view_model_of_its_countrys_rows_only(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows of a set's table are keyed by what they are made from: the unchanged ones keep their bytes
    without their view models being made, on the set's page and on the region page."""
    from legalreview.render.context import SiteContext

    ws, site = built
    changed = synth.change_answer(ws, 3).stem
    made: list[tuple[str, str]] = []
    real = SiteContext.set_row

    def counting(self: SiteContext, set_id: str, root: str, iso3: str) -> dict:
        made.append((set_id, iso3))
        return real(self, set_id, root, iso3)

    monkeypatch.setattr(SiteContext, "set_row", counting)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made == [("csam", changed)] * 2  # its row on the set's page and on its region's page
    monkeypatch.undo()
    assert _tree(site) == _clean(ws, tmp_path / "clean", monkeypatch)


def test_an_answer_change_makes_the_view_model_of_its_countrys_latest_change_only(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The overview's rows of latest changes are keyed by what they are made from (the country's row of the
    diff of the set's last two editions, its roster entry): the unchanged ones keep their bytes unmade."""
    from legalreview.render.context import SiteContext

    ws, site = built
    changed = synth.change_answer(ws, 3).stem
    made: list[str] = []
    real = SiteContext._change

    def counting(self: SiteContext, sm, iso3: str, r: dict, words: dict) -> dict:  # type: ignore[no-untyped-def]
        made.append(iso3)
        return real(self, sm, iso3, r, words)

    monkeypatch.setattr(SiteContext, "_change", counting)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made == [changed]
    monkeypatch.undo()
    assert _tree(site) == _clean(ws, tmp_path / "clean", monkeypatch)
