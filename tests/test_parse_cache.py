"""The speed layer (legalreview.speed): the persistent cache outside the workspace, used across commands and
never trusted blindly; worker processes; page reuse. Everything here gives what the plain core gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from legalreview import workspace
from legalreview.speed import ForkPool, WorkspaceCache, forget_memory
from legalreview.speed import load as speed_load
from legalreview.speed import plaindata
from legalreview.speed import store as parsecache
from legalreview.workspace import load_workspace


def _load(root, pool=None):
    forget_memory()  # the in-process memory would hide the persistent cache
    return load_workspace(root, cache=WorkspaceCache(root, write=True, pool=pool))  # as `legalreview build` loads


def _forked() -> ForkPool:
    return ForkPool(workers=2, min_items=1)


def test_reading_commands_write_nothing(small):
    forget_memory()
    load_workspace(small, cache=WorkspaceCache(small))
    assert not parsecache.cache_folder(small).exists() and not (small / parsecache.CACHE_DIR).exists()


def _fail_parse(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("parsed although the cache holds the file")

    for module in (workspace, speed_load):
        monkeypatch.setattr(module, "parse_valid", boom)
        monkeypatch.setattr(module, "parse_with_positions", boom)


def test_second_load_uses_the_cache_and_gives_the_same_models(small, monkeypatch):
    first, issues = _load(small)
    folder = parsecache.cache_folder(small)
    assert (parsecache.cache_root() / "CACHEDIR.TAG").is_file() and (folder / "models" / "index.json").is_file()
    assert not (small / parsecache.CACHE_DIR).exists()
    _fail_parse(monkeypatch)
    second, issues2 = _load(small)
    assert second.countries == first.countries and second.criteria == first.criteria
    assert [i.to_dict() if hasattr(i, "to_dict") else str(i) for i in issues2] == \
        [i.to_dict() if hasattr(i, "to_dict") else str(i) for i in issues]
    assert second.fingerprints == first.fingerprints


def test_a_changed_file_is_parsed_again(small):
    first, _ = _load(small)
    path = sorted((small / "countries").glob("*.yaml"))[0]
    code = path.stem
    lines = path.read_text("utf-8").splitlines()
    lines = ["name: Renamed Land" if line.startswith("name:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    second, _ = _load(small)
    assert first.countries[code].name != "Renamed Land"
    assert second.countries[code].name == "Renamed Land"


def test_a_corrupt_cache_file_is_ignored_and_rewritten(small, monkeypatch):
    first, _ = _load(small)
    shards = sorted(p for p in parsecache.cache_folder(small).rglob("*.json")  # parsed data and check results
                    if not p.name.startswith("site-"))
    assert any(s.parent.name == "models" for s in shards) and any(s.name.startswith("checked-") for s in shards)
    for shard in shards:
        shard.write_bytes(b'{"key": "not sealed at all"')
    second, _ = _load(small)
    assert second.countries == first.countries
    for shard in shards:
        doc = plaindata.loads(parsecache._read(shard))  # rewritten, sealed
        assert (doc["key"] if isinstance(doc, dict) else doc[0]) == parsecache.fingerprint()
    _fail_parse(monkeypatch)
    third, _ = _load(small)
    assert third.countries == first.countries


def test_an_entry_whose_key_does_not_match_is_not_used(small, monkeypatch):
    _load(small)
    monkeypatch.setattr(parsecache, "fingerprint", lambda: "another version")
    calls = []
    real = workspace.parse_valid
    monkeypatch.setattr(workspace, "parse_valid", lambda *a: calls.append(a[2]) or real(*a))
    _load(small)
    assert calls, "a cache made by another version or schema is never trusted"


def test_a_cache_folder_that_is_a_link_is_never_read(small, tmp_path, monkeypatch):
    import shutil

    _load(small)
    folder = parsecache.cache_folder(small)
    shutil.move(folder, tmp_path / "elsewhere")
    folder.symlink_to(tmp_path / "elsewhere")
    calls = []
    real = workspace.parse_valid
    monkeypatch.setattr(workspace, "parse_valid", lambda *a: calls.append(a[2]) or real(*a))
    _load(small)
    assert calls


def test_a_file_with_problems_is_not_cached_and_keeps_its_positions(small):
    path = sorted((small / "countries").glob("*.yaml"))[0]
    path.write_text(path.read_text("utf-8") + "\nunknown_key: 1\n", "utf-8")
    for _ in range(2):
        _, issues = _load(small)
        found = [i for i in issues if i.code == "unknown-field"]
        assert found and found[0].line is not None


def test_the_cache_can_be_turned_off(small, monkeypatch):
    monkeypatch.setenv(parsecache.DISABLE_ENV, "1")
    _load(small)
    assert not parsecache.cache_folder(small).exists() and not (small / parsecache.CACHE_DIR).exists()


def test_a_build_with_a_warm_cache_writes_the_same_bytes(small, tmp_path, monkeypatch):
    """`legalreview build` fills the cache (parsed files, checks, the spine, the site's manifest); a build
    that reads it writes byte-identical files, and so does a build with the cache turned off."""
    from click.testing import CliRunner

    from conftest import tree_bytes
    from legalreview.cli import main

    def build(out):
        forget_memory()
        result = CliRunner().invoke(main, ["build", "--dir", str(small), "--out", str(out), "--quiet"])
        assert result.exit_code == 0, result.output
        return {k: v for k, v in tree_bytes(out).items()}

    first = build(tmp_path / "one")
    assert (parsecache.cache_folder(small) / "models" / "index.json").is_file()
    assert build(tmp_path / "two") == first
    monkeypatch.setenv(parsecache.DISABLE_ENV, "1")
    assert build(tmp_path / "three") == first


def test_the_shipped_projection_is_current_and_equals_a_fresh_one():
    """The package ships the projected map for its own geometry and code (a fresh clone's first
    build does not project); after changing worldmap.py run `python3 -m legalreview.render.worldmap`."""
    from legalreview.render import worldmap

    folder = Path(worldmap.__file__).resolve().parent.parent / "data" / "world"
    shipped = folder / worldmap.SHIPPED.format(key=worldmap._shape_key(False))
    assert shipped.is_file(), "run: python3 -m legalreview.render.worldmap"
    assert len(list(folder.glob(worldmap.SHIPPED.format(key="*")))) == 1
    assert worldmap._shapes_from_json(shipped.read_bytes()) == worldmap._project_shapes()
    assert worldmap.world_shapes.__wrapped__() == worldmap._project_shapes()


def test_profiles_rendered_in_worker_processes_are_the_same_bytes(small, tmp_path):
    """A pool renders the profiles in forked processes: the same site as the core renders alone."""
    import legalreview as lr
    from conftest import tree_bytes
    from legalreview.render import site

    review = lr.load_review(small)
    site.build_site(review, tmp_path / "serial", with_charts=False)
    pool = _forked()
    finished = []
    real = pool.start

    def start(*a):  # the profiles start in workers and are collected after the other pages
        running = real(*a)
        collect = running.results
        running.results = lambda: finished.append(collect()) or finished[-1]
        return running

    pool.start = start  # type: ignore[method-assign]
    site.build_site(review, tmp_path / "forked", with_charts=False, pool=pool)
    if len(__import__("os").sched_getaffinity(0)) > 1:
        assert finished and len(finished[0]) == len(review.registry), "the workers rendered every profile"
    assert tree_bytes(tmp_path / "forked") == tree_bytes(tmp_path / "serial")


def test_a_started_job_runs_beside_the_caller_on_the_state_it_was_started_with():
    """ForkPool.start forks at once: the caller's later changes never reach the workers, and results()
    returns every chunk's results in order (nothing when the job is too small for a pool)."""
    import os

    state = {"n": 1}
    pool = _forked()
    running = pool.start(lambda chunk: [(x, state["n"], os.getpid()) for x in chunk], list(range(10)), 3)
    state["n"] = 2  # after the fork
    done = running.results()
    if len(os.sched_getaffinity(0)) > 1:
        assert [x for x, _n, _pid in done] == list(range(10))
        assert {n for _x, n, _pid in done} == {1} and os.getpid() not in {pid for *_rest, pid in done}
    assert ForkPool(workers=2, min_items=100).start(lambda chunk: list(chunk), [1, 2], 1).results() == []


def test_a_build_that_fails_while_workers_render_profiles_stops_them_and_leaves_no_folder(small, tmp_path,
                                                                                            monkeypatch):
    """The profile workers run beside the other pages; when one of those pages fails, the workers are
    stopped before the build's temporary folder is removed, so nothing is left half-written."""
    import pytest

    import legalreview as lr
    from legalreview.render import site
    from legalreview.render.context import SiteContext

    def broken(self):
        raise RuntimeError("the overview failed")

    monkeypatch.setattr(SiteContext, "index_page", broken)
    out = tmp_path / "out" / "site"
    with pytest.raises(RuntimeError, match="overview failed"):
        site.build_site(lr.load_review(small), out, with_charts=False, pool=_forked())
    assert not out.exists() and list((tmp_path / "out").iterdir()) == []


def test_files_parsed_in_worker_processes_load_the_same(small):
    """Uncached files parsed and checked by forked workers: the same workspace as the core loads alone."""
    path = small / "countries" / "KEN.yaml"
    path.write_text(path.read_text("utf-8") + "\nunknown_key: 1\n", "utf-8")  # one file with a problem
    plain, plain_issues = load_workspace(small)
    forked, forked_issues = _load(small, _forked())
    assert dict(forked.countries) == dict(plain.countries) and forked.fingerprints == plain.fingerprints
    assert [str(i) for i in forked_issues] == [str(i) for i in plain_issues]
    assert any(i.code == "unknown-field" and i.line for i in forked_issues), "positions for the problem file"


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _review(root, today=None, pool=None):
    from legalreview.review import load_review

    forget_memory()
    review = load_review(root, today=today, cache=WorkspaceCache(root, write=True, pool=pool))  # as `build` loads
    return review, review.scores


def test_the_spine_kept_by_a_build_is_patched_to_exactly_a_fresh_spine(small):
    """A build keeps its spine; the next one rescores only changed files, and the result equals a
    spine built from scratch: after an answer changes, a country file is removed and one is renamed."""
    import pandas as pd

    from legalreview.scoring import build_spine

    _review(small)
    assert (parsecache.cache_folder(small) / "spine.bin").is_file()
    countries = sorted((small / "countries").glob("*.yaml"))
    _edit(countries[0], 'C3: {value: "yes"', 'C3: {value: "no"')
    countries[1].unlink()
    review, spine = _review(small)
    ws = review.workspace
    fresh = build_spine(ws.countries.values(), ws.criteria, ws.registry, review.include_drafts)
    pd.testing.assert_frame_equal(spine, fresh)
    assert countries[1].stem not in set(spine["iso3"])
    changed = spine[(spine["iso3"] == countries[0].stem)]
    assert "no" in set(changed["value"])
    assert (parsecache.cache_folder(small) / "spine-delta.bin").is_file(), "a few changes: a delta is kept"
    _edit(countries[3], 'G2: "no"', 'G2: "unknown"')  # a second change, on top of the delta
    review, spine = _review(small)
    ws = review.workspace
    pd.testing.assert_frame_equal(spine, build_spine(ws.countries.values(), ws.criteria, ws.registry))
    _, again = _review(small)  # nothing changed: the kept spine as it is
    pd.testing.assert_frame_equal(again, spine)
    _edit(countries[0], 'C3: {value: "no"', 'C3: {value: "yes"')  # back to the base's bytes: the base's rows
    review, spine = _review(small)
    ws = review.workspace
    pd.testing.assert_frame_equal(spine, build_spine(ws.countries.values(), ws.criteria, ws.registry))
    assert "yes" in set(spine[(spine["iso3"] == countries[0].stem) & (spine["criterion"] == "C3")]["value"])


def test_an_unchanged_country_is_neither_parsed_nor_checked_nor_loaded(small, monkeypatch):
    first, _ = _review(small)
    code = sorted(first.workspace.countries)[0]
    _fail_parse(monkeypatch)
    for module in (workspace, speed_load):
        monkeypatch.setattr(module, "check_country_model",
                            lambda *a, **k: (_ for _ in ()).throw(AssertionError("checked")))
    second, spine = _review(small)
    assert list(second.workspace.countries) == list(first.workspace.countries)
    assert not second.workspace.countries.is_loaded(code), "the spine came from the last build, not the model"
    assert len(spine) == len(first.scores)
    monkeypatch.undo()
    assert second.workspace.countries[code] == first.workspace.countries[code]  # loaded when asked for


def test_warnings_found_once_are_reported_again_from_the_cache(small):
    path = sorted((small / "countries").glob("*.yaml"))[0]
    _edit(path, '      C2: "no"\n', "")  # C2 left unanswered: a warning
    _, first = _load(small)
    _, second = _load(small)
    found = [i for i in second if i.code == "criteria-incomplete"]
    assert found and [str(i) for i in second] == [str(i) for i in first]
    assert found[0].line is not None


def test_a_file_checked_earlier_is_checked_again_when_its_date_is_ahead_of_today(small):
    import datetime as dt

    _review(small)  # checked today: no assessment is in the future
    _, issues = load_workspace(small, today=dt.date(2000, 1, 1))
    assert any(i.code == "future-date" for i in issues), "a cached check never hides a date in the future"


def test_a_build_drops_models_from_memory_and_loads_them_again_the_same(small, monkeypatch):
    monkeypatch.setattr(speed_load, "RELEASE_FROM", 5)  # as many as small has: a large review
    review, _ = _review(small)
    ws = review.workspace
    before = {code: ws.countries[code] for code in ws.countries}
    review.compact()
    assert not any(ws.countries.is_loaded(c) for c in ws.countries)
    assert {code: ws.countries[code] for code in ws.countries} == before


def test_a_file_changed_in_place_is_read_again_even_with_its_size_and_modification_time_put_back(
        small, monkeypatch):
    """An unchanged file is not read (its hash is known from its stat signature), but one whose bytes
    changed is, even when its size and modification time are set back: its change time moved."""
    import os

    monkeypatch.setattr(speed_load, "SETTLED_NS", 0)  # the files were written a moment ago
    _review(small)  # a build hashes every file and keeps the signatures
    reads = []
    real = speed_load.file_digest
    monkeypatch.setattr(speed_load, "file_digest", lambda path: reads.append(path.name) or real(path))
    path = small / "countries" / "KEN.yaml"
    st = os.stat(path)
    text = path.read_text("utf-8")
    changed = text.replace('"yes"', '"no "', 1) if '"yes"' in text else text.replace('"no"', '"na"', 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    path.write_text(changed, "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    ws, _ = load_workspace(small, cache=WorkspaceCache(small))
    assert reads == ["KEN.yaml"], "only the file whose change time moved is read"
    assert ws.fingerprints["KEN"] == __import__("hashlib").sha256(changed.encode()).hexdigest()


def test_rendering_every_page_keeps_no_country_model_in_memory(embedded, tmp_path, monkeypatch):
    """Profiles, fact and instrument pages read one model at a time and let it go: a worker that
    rendered 5,000 profiles held all 5,000 models (450 MB each at 10,000 jurisdictions)."""
    from legalreview.render import site

    monkeypatch.setattr(speed_load, "RELEASE_FROM", 0)  # a large review's models are dropped
    review, _ = _review(embedded)
    ws = review.workspace
    review.compact()
    site.build_site(review, tmp_path / "site", with_charts=False)
    assert list((tmp_path / "site" / "facts").glob("*.html")) and (tmp_path / "site" / "instruments.html").is_file()
    assert not any(ws.countries.is_loaded(c) for c in ws.countries)


def test_a_build_of_a_small_review_keeps_its_models_in_memory(small, monkeypatch):
    monkeypatch.setattr(speed_load, "RELEASE_FROM", 6)  # more than small has
    review, _ = _review(small)
    ws = review.workspace
    review.compact()
    assert all(ws.countries.is_loaded(c) for c in ws.countries)


def test_build_workers_check_files_and_keep_models_out_of_the_parent(small, monkeypatch):
    """In a build, worker processes parse, check and score uncached files and write their models to
    the cache: the parent gets the same issues and the same spine as the serial path."""
    import pandas as pd

    path = small / "countries" / "KEN.yaml"
    path.write_text(path.read_text("utf-8") + "\nunknown_key: 1\n", "utf-8")  # one file with a problem
    forget_memory()
    _, serial_issues = load_workspace(small, cache=WorkspaceCache(small))  # reading: no cache written
    path.write_text(path.read_text("utf-8").replace("\nunknown_key: 1\n", "\n"), "utf-8")
    import legalreview as lr

    serial_review = lr.load_review(small)
    serial_spine = serial_review.scores
    forked_review, forked_spine = _review(small, pool=_forked())
    if len(__import__("os").sched_getaffinity(0)) > 1:
        assert not any(forked_review.workspace.countries.is_loaded(c) for c in forked_review.workspace.countries)
    pd.testing.assert_frame_equal(forked_spine, serial_spine)
    assert any(i.code == "unknown-field" and i.line for i in serial_issues)


def test_an_invalid_workspace_loaded_by_build_workers_leaves_no_cache(small, monkeypatch):
    """Worker processes write models as they go; when the workspace turns out invalid, the build
    writes nothing: their packs are removed with the cache folder they created."""
    from conftest import tree_bytes

    ken = small / "countries" / "KEN.yaml"
    ken.write_text(ken.read_text("utf-8").replace('C5: "no"', 'C5: "maybe"', 1), "utf-8")
    monkeypatch.setattr(speed_load, "PARALLEL_PARSE", 1)
    before = tree_bytes(small)
    _, issues = _load(small)
    assert any(i.code == "bad-answer" for i in issues)
    assert tree_bytes(small) == before and not parsecache.cache_folder(small).exists()
    ken.write_text(ken.read_text("utf-8").replace('C5: "maybe"', 'C5: "no"', 1), "utf-8")
    _load(small)  # valid: the cache is made
    packs = set((parsecache.cache_folder(small) / "models").glob("pack-*.bin"))
    assert packs
    ken.write_text(ken.read_text("utf-8").replace('C5: "no"', 'C5: "maybe"', 1), "utf-8")
    (small / "countries" / "GBR.yaml").write_text((small / "countries" / "GBR.yaml").read_text("utf-8") + "\n# x\n")
    _load(small)
    assert set((parsecache.cache_folder(small) / "models").glob("pack-*.bin")) == packs, "no pack left behind"


@pytest.mark.slow
def test_the_embedded_review_builds_the_same_bytes_with_and_without_the_speed_layer(embedded, tmp_path, monkeypatch):
    """The whole speed layer (parse cache, forked parse, forked profiles, page reuse) changes no byte of
    the embedded review's site: built with all of it forced on (a cold and a warm build, every pool
    forked) and by the plain core (no cache, no pool, no reuse, a fresh folder)."""
    from conftest import tree_bytes
    from legalreview.render import site
    from legalreview.review import load_review
    from legalreview.speed.reuse import for_site

    for _ in ("cold: fills the cache", "warm: reuses pages"):
        review, _spine = _review(embedded, pool=_forked())
        site.build_site(review, tmp_path / "fast", with_charts=False, reuse=for_site, pool=_forked())
    assert (parsecache.cache_folder(embedded) / "models" / "index.json").is_file()
    fast = tree_bytes(tmp_path / "fast")

    forget_memory()
    site.build_site(load_review(embedded), tmp_path / "plain", with_charts=False)  # the core alone
    plain = tree_bytes(tmp_path / "plain")
    assert fast == plain
    assert len(plain) > 200


def test_rows_of_changed_countries_are_merged_into_the_kept_spine_in_spine_order(embedded):
    """A rebuild puts the few changed countries' rows among the kept ones without sorting them all
    again; for any split of the countries between the two, the result is the sorted spine."""
    import random

    import pandas as pd

    from legalreview.review import load_review
    from legalreview.scoring import sort_spine

    spine = sort_spine(load_review(embedded).scores)
    codes = sorted(set(spine["iso3"]))
    rng = random.Random(7)
    for size in (1, 2, len(codes) // 2, len(codes) - 1):
        moved = set(rng.sample(codes, size)) | {codes[0], codes[-1]} if size > 2 else set(rng.sample(codes, size))
        in_extra = spine["iso3"].isin(moved)
        merged = speed_load._merge(spine[~in_extra], spine[in_extra])
        pd.testing.assert_frame_equal(merged, spine)


def test_a_reading_command_encodes_and_holds_nothing_for_the_cache(small):
    forget_memory()
    cache = WorkspaceCache(small)  # validate, score, profile: they read the cache, never write it
    load_workspace(small, cache=cache)
    assert not cache.models.pending and not parsecache.cache_folder(small).exists()


def test_data_past_the_limit_is_written_into_packs_as_it_comes(small, monkeypatch):
    """A build that parses thousands of files in one process writes their data into packs as it goes
    instead of holding it all; the next load finds every file in them."""
    monkeypatch.setattr(parsecache, "_PENDING_LIMIT", 1)
    first, _ = _load(small)
    packs = list((parsecache.cache_folder(small) / "models").glob("pack-*.bin"))
    assert len(packs) >= len(first.countries), "a pack as soon as the data waiting passed the limit"
    _fail_parse(monkeypatch)
    second, _ = _load(small)
    assert second.countries == first.countries
