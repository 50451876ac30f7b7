"""A rebuild patches a criterion page's side-by-side table instead of drawing it whole: the rows of unchanged
countries keep the bytes the previous build wrote (their view models never made), and only the others are
drawn. Where each row lies is kept in a sealed file of the cache of its own (never in the manifest, which
every build reads and writes). The result equals a clean build; a page or file that is not the one the
previous build wrote means the page is drawn whole."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

import legalreview as lr
from legalreview.render.context import SiteContext
from legalreview.speed import build_site, store
from legalreview.speed import reuse as reuse_module

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synth  # noqa: E402

#: Rows of a criterion page's side-by-side table (one per assessed country).
ROW = '<tr><th scope="row" data-sort="'


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _clean(ws: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Return the files of a build of ``ws`` by the plain core (no cache, no old site, nothing reused)."""
    with monkeypatch.context() as m:
        m.setenv("LEGALREVIEW_NO_CACHE", "1")
        build_site(lr.load_review(ws), out, with_charts=False)
    return _tree(out)


def _assert_clean(ws: Path, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  only: str | None = None) -> None:
    """Check the site equals a clean build (its files whose path matches ``only``, when given)."""
    built, clean = _tree(site), _clean(ws, tmp_path / "clean", monkeypatch)
    if only is not None:
        built, clean = ({p: v for p, v in files.items() if re.search(only, p)} for files in (built, clean))
        assert built
    assert sorted(built) == sorted(clean)
    assert [p for p in built if built[p] != clean[p]] == []


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace of 12 countries published in English and French, built once."""
    ws = synth.generate(tmp_path / "ws", 12, seed=5)
    toml = ws / "review.toml"
    toml.write_text(toml.read_text("utf-8").replace('language = "en"', 'languages = ["en", "fr"]'), "utf-8")
    site = ws / "reports" / "site"
    build_site(lr.load_review(ws), site, with_charts=False)
    return ws, site


def _rows_made(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str, str]]:
    """Collect (language, set, criterion, iso3) of each criterion page row whose view model is made."""
    made: list[tuple[str, str, str, str]] = []
    real = SiteContext.criterion_row

    def counting(self: SiteContext, set_id: str, criterion_id: str, root: str, iso3: str, *args: object) -> dict:
        made.append((self.language, set_id, criterion_id, iso3))
        return real(self, set_id, criterion_id, root, iso3, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(SiteContext, "criterion_row", counting)
    return made


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


def _rows(page: Path) -> int:
    return page.read_text("utf-8").count(ROW)


def _manifest(ws: Path, site: Path) -> dict:
    raw = store.read_sealed(ws, reuse_module.manifest_name(site))
    assert raw is not None
    return json.loads(raw)


def _side(ws: Path, site: Path, page: str) -> Path:
    return store.cache_folder(ws) / reuse_module.side_name(reuse_module.manifest_name(site), page)


def test_an_answer_change_draws_one_row_of_its_criterion_page_in_each_language_and_equals_a_clean_build(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    changed = synth.change_answer(ws, 3).stem
    made, kept = _rows_made(monkeypatch), _rows_kept(monkeypatch)
    groups: list[tuple[str, str]] = []
    real_group = SiteContext.answer_group
    monkeypatch.setattr(SiteContext, "answer_group", lambda self, *args: groups.append((self.language, args[3]))
                        or real_group(self, *args))
    build_site(lr.load_review(ws), site, with_charts=False)
    (_en, set_id, crit, iso3), = {m for m in made if m[0] == "en"}
    assert iso3 == changed and sorted(made) == [("en", set_id, crit, iso3), ("fr", set_id, crit, iso3)]
    # of the groups of countries by answer, the two it left and joined are drawn again, in each language
    assert sorted(groups) == sorted([("en", "no"), ("en", "unknown"), ("fr", "no"), ("fr", "unknown")])
    page = f"criteria/{set_id}-{crit}.html"
    groups_shown = (site / page).read_text("utf-8").count('<section class="answer-group">')
    assert kept[page] == kept[f"fr/{page}"] == _rows(site / page) - 1 + groups_shown - 2  # every other one kept
    assert not any(p.startswith(("criteria/", "fr/criteria/")) for p in kept if p not in (page, f"fr/{page}"))
    monkeypatch.undo()
    _assert_clean(ws, site, tmp_path, monkeypatch)
    # a build with nothing changed reuses the page whole, and the next change patches it again
    build_site(lr.load_review(ws), site, with_charts=False)
    synth.change_answer(ws, 3)
    made = _rows_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert len(made) == 2 and {m[3] for m in made} == {changed}
    monkeypatch.undo()
    _assert_clean(ws, site, tmp_path / "again", monkeypatch)


def test_a_note_change_draws_its_countrys_row_only_and_equals_a_clean_build(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    path = ws / "countries" / "SYN-00002.yaml"
    text, n = re.subn(r'(?s)(edition: "2023".*?note: ")', r"\1Revised: ", path.read_text("utf-8"), count=1)
    assert n == 1
    path.write_text(text, "utf-8")
    made = _rows_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made and {m[3] for m in made} == {"SYN-00002"} and len({m[2] for m in made}) == 1
    monkeypatch.undo()
    page = f"criteria/{made[0][1]}-{made[0][2]}.html"
    assert "Revised: " in (site / page).read_text("utf-8")
    _assert_clean(ws, site, tmp_path, monkeypatch)


def test_a_country_no_longer_assessed_or_assessed_patches_the_criterion_pages(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    before = _rows(site / "criteria" / "csam-C1.html")
    path = ws / "countries" / "SYN-00005.yaml"
    text = path.read_text("utf-8")
    path.write_text(text[:text.index("assessments:")] + "assessments: []\n", "utf-8")
    made = _rows_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert made == []  # its rows are gone; the others are kept
    assert _rows(site / "criteria" / "csam-C1.html") == before - 1
    monkeypatch.undo()
    # the whole site: the region pages of other regions too (the tiers each lists are those of the whole table)
    _assert_clean(ws, site, tmp_path / "removed", monkeypatch)
    assert synth.assess_country(ws).stem == "SYN-00005"  # assessed anew, with other answers
    made = _rows_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert {m[3] for m in made} == {"SYN-00005"}
    assert _rows(site / "criteria" / "csam-C1.html") == before
    monkeypatch.undo()
    _assert_clean(ws, site, tmp_path / "added", monkeypatch)


def test_a_criterion_page_changed_in_the_old_site_is_drawn_whole(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    synth.change_answer(ws, 3)
    made = _rows_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)  # which page the next change patches
    page = site / "criteria" / f"{made[0][1]}-{made[0][2]}.html"
    monkeypatch.undo()
    data = page.read_bytes()
    at = data.index(ROW.encode()) + len(ROW)  # the first row: not the one changed below
    page.unlink()  # never edit a hard-linked file in place
    page.write_bytes(data[:at] + b"X" + data[at + 1:])
    synth.change_answer(ws, 3)
    made, kept = _rows_made(monkeypatch), _rows_kept(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    name = str(page.relative_to(site))
    assert kept[name] == 0 and len([m for m in made if m[0] == "en"]) == _rows(page)
    monkeypatch.undo()
    _assert_clean(ws, site, tmp_path, monkeypatch)


@pytest.mark.parametrize("damage", ["garbage", "forged", "other page", "missing"])
def test_a_damaged_or_forged_file_of_row_spans_means_the_page_is_drawn_whole(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    ws, site = built
    synth.change_answer(ws, 3)
    made = _rows_made(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    monkeypatch.undo()
    name = f"criteria/{made[0][1]}-{made[0][2]}.html"
    side = _side(ws, site, name)
    assert side.is_file()
    if damage == "garbage":
        side.write_bytes(b"not sealed")
    elif damage == "forged":  # sealed with the cache's key, but not the data the manifest names
        doc = json.loads(store.read_sealed(ws, side.name))  # type: ignore[arg-type]
        doc["spans"], doc["keys"] = doc["spans"][::-1], doc["keys"]
        store.write_sealed(ws, side.name, json.dumps(doc).encode())
    elif damage == "other page":  # another page's file, under this page's name
        other = _side(ws, site, "criteria/csam-C1.html" if name != "criteria/csam-C1.html" else "criteria/csam-C2.html")
        side.write_bytes(other.read_bytes())
    else:
        side.unlink()
    synth.change_answer(ws, 3)
    kept = _rows_kept(monkeypatch)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert kept[name] == 0 and kept[f"fr/{name}"] > 0  # the French page's file is intact
    monkeypatch.undo()
    _assert_clean(ws, site, tmp_path, monkeypatch)


def test_the_manifest_holds_no_spans_of_rows(built: tuple[Path, Path]) -> None:
    """The spans of the rows of the pages listing countries (the criterion pages: 17 pages x 10,000 countries
    per language; set, region and overview pages) are kept in files of their own, read only when a page is
    patched: the manifest names each by its SHA-256 only."""
    ws, site = built
    doc = _manifest(ws, site)
    criteria = sorted(p for p in doc["pages"] if re.fullmatch(r"(fr/)?criteria/[^/]+\.html", p))
    listing = sorted(p for p in doc["pages"] if re.fullmatch(r"(fr/)?(sets/[^/]+|regions/[^/]+|index)\.html", p))
    assert criteria and listing and sorted(doc["side_rows"]) == sorted(criteria + listing)
    assert "rows" not in doc
    assert all(re.fullmatch(r"[0-9a-f]{64}", d) for d in doc["side_rows"].values())
    assert len(json.dumps(doc["side_rows"])) < 120 * len(doc["side_rows"])  # the same whatever the number of countries
    for page in criteria + listing:
        assert _side(ws, site, page).is_file()


def test_files_of_row_spans_no_manifest_names_are_removed(built: tuple[Path, Path]) -> None:
    ws, site = built
    (ws / "templates").mkdir()
    (ws / "templates" / "criterion-csam-C1.html.j2").write_text("{{ compared|length }}\n", "utf-8")
    build_site(lr.load_review(ws), site, with_charts=False)
    assert not _side(ws, site, "criteria/csam-C1.html").exists()
    assert _side(ws, site, "criteria/csam-C2.html").exists()
    stale = store.cache_folder(ws) / reuse_module.side_name("site-" + "0" * 32 + ".json", "criteria/csam-C2.html")
    stale.write_bytes(b"x")
    build_site(lr.load_review(ws), site, with_charts=False)
    assert not stale.exists()


def test_a_workspace_criterion_template_of_its_own_lists_the_rows_itself(
        built: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws, site = built
    (ws / "templates").mkdir()
    (ws / "templates" / "criterion.html.j2").write_text(
        "{% for c in compared %}{{ c.iso3 }}={{ c.answer.label }}/{{ c.note }}/{{ c.provisions|join(',') }};"
        "{% endfor %}\n{% for g in groups %}{{ g.label }}:{{ g.countries|length }};{% endfor %}\n", "utf-8")
    build_site(lr.load_review(ws), site, with_charts=False)
    synth.change_answer(ws, 3)
    build_site(lr.load_review(ws), site, with_charts=False)
    assert (site / "criteria" / "csam-C1.html").read_text("utf-8").startswith("SYN-")
    _assert_clean(ws, site, tmp_path, monkeypatch)
