"""Benchmarks: speed and peak memory of legalreview at N jurisdictions, against baselines measured in the same run.

One command (from a fresh clone, with the package installed):

    python3 benchmarks/run.py                    # N = 196, 1,000 and 10,000 (about 15 minutes on 2 cores)
    python3 benchmarks/run.py --sizes 196,1000   # a subset
    python3 benchmarks/run.py --quick            # N = 196 only, one repeat (about a minute)

For every N a synthetic workspace is generated (benchmarks/synth.py) and every measurement runs in
a fresh child process, so its peak RSS (``ru_maxrss`` from ``os.wait4``) is its own. Wall time is
the child's whole life (interpreter start, imports, work); ``op`` is the timed operation inside
the child (after imports), reported by the child itself; ``cpu`` is the child's user+sys time,
which is less disturbed by other load on a shared machine. Measurements repeat ``--repeat`` times
(default 3 for N <= 1,000, once above) and the median is reported.

Results: benchmarks/results.md (table, ratios beside targets, machine) and benchmarks/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

PY = sys.executable

# ------------------------------------------------------------------------------------ drivers
# Each driver runs in a child process and prints one JSON line {"op": seconds, ...} last.

#: Reading the sheets of sys.argv[3] (comma-separated) of the workbook sys.argv[2] with bare openpyxl.
READ_SHEETS = """
        book = openpyxl.load_workbook(sys.argv[2], read_only=True, data_only=False, keep_links=False)
        cells = 0
        for name in sys.argv[3].split(","):
            for row in book[name].iter_rows(values_only=True):
                cells += len(row)
        book.close()
        print(json.dumps({"op": time.perf_counter() - t, "cells": cells}))
"""

DRIVERS = {
    # baseline for load: a plain yaml.safe_load (PyYAML's default, pure-Python loader) of every country file
    "baseline_safe_load": """
        import glob, json, sys, time, yaml
        files = sorted(glob.glob(sys.argv[1] + "/countries/*.yaml"))
        t = time.perf_counter()
        for f in files:
            with open(f, "rb") as fh:
                yaml.safe_load(fh)
        print(json.dumps({"op": time.perf_counter() - t, "files": len(files)}))
    """,
    # second, stricter baseline (information only): the same with libyaml's C loader
    "baseline_csafe_load": """
        import glob, json, sys, time, yaml
        files = sorted(glob.glob(sys.argv[1] + "/countries/*.yaml"))
        t = time.perf_counter()
        for f in files:
            with open(f, "rb") as fh:
                yaml.load(fh, Loader=yaml.CSafeLoader)
        print(json.dumps({"op": time.perf_counter() - t, "files": len(files)}))
    """,
    # load + validate: every file parsed (with positions for messages), validated, cross-checked
    "load_validate": """
        import json, sys, time
        from legalreview.workspace import load_workspace
        from legalreview.issues import has_errors
        t = time.perf_counter()
        ws, issues = load_workspace(sys.argv[1])
        op = time.perf_counter() - t
        assert ws is not None and not has_errors(issues), [str(i) for i in issues[:5]]
        print(json.dumps({"op": op, "countries": len(ws.countries), "issues": len(issues)}))
    """,
    # score + aggregate: the spine and every table/count the site shows, for every set
    "score_aggregate": """
        import json, sys, time
        import legalreview as lr
        review = lr.load_review(sys.argv[1])
        t = time.perf_counter()
        spine = review.scores
        for sid in review.criteria:
            review.table(sid); review.tier_counts(sid); review.criterion_counts(sid); review.answer_counts(sid)
            review.by_region(sid); review.coverage(sid); review.trend(sid)
            eds = review.editions(sid)
            for ed in eds:
                review.table(sid, ed)
            if len(eds) > 1:
                review.diff(sid, eds[-2], eds[-1])
        print(json.dumps({"op": time.perf_counter() - t, "spine_rows": len(spine)}))
    """,
    # baseline for rendering: jinja2 rendering the same number of pages from precomputed dicts
    "baseline_jinja": """
        import glob, json, sys, time, yaml, jinja2, pathlib, tempfile
        n_pages = int(sys.argv[2])
        docs = [yaml.load(open(f, "rb"), Loader=yaml.CSafeLoader)
                for f in sorted(glob.glob(sys.argv[1] + "/countries/*.yaml"))]
        pages = []
        for d in docs:  # precomputed dicts: one profile per country
            pages.append({"title": d["name"], "statutes": d.get("statutes") or [],
                          "provisions": {p["id"]: p for p in d.get("provisions") or []},
                          "assessments": [{"set": a["set"], "edition": a["edition"], "coder": a["coder"],
                                           "answers": [{"id": k, "value": v["value"], "note": v.get("note", ""),
                                                        "evidence": v.get("evidence", [])}
                                                       for k, v in a["answers"].items()]}
                                          for a in d.get("assessments") or []]})
        rows = [{"iso3": d["iso3"], "name": d["name"], "cells": [p["value"] for a in d.get("assessments") or []
                 for p in a["answers"].values()][:7]} for d in docs]
        env = jinja2.Environment(autoescape=True)
        profile = env.from_string('''<!doctype html><html><head><title>{{ p.title }}</title></head><body>
        <h1>{{ p.title }}</h1><ul>{% for s in p.statutes %}<li>{{ s.title }} ({{ s.citation }})</li>{% endfor %}</ul>
        {% for a in p.assessments %}<h2>{{ a.set }} {{ a.edition }} {{ a.coder }}</h2><table>
        {% for x in a.answers %}<tr><th>{{ x.id }}</th><td>{{ x.value }}</td><td>{{ x.note }}</td>
        <td>{% for e in x.evidence %}{{ p.provisions[e].section }}: {{ p.provisions[e].text }}{% endfor %}</td></tr>
        {% endfor %}</table>{% endfor %}</body></html>''')
        table = env.from_string('''<!doctype html><html><body><table>{% for r in rows %}<tr><td>
        <a href="countries/{{ r.iso3 }}.html">{{ r.name }}</a></td>{% for c in r.cells %}<td>{{ c }}</td>
        {% endfor %}</tr>{% endfor %}</table></body></html>''')
        out = pathlib.Path(tempfile.mkdtemp())
        t = time.perf_counter()
        for i, p in enumerate(pages):
            (out / f"p{i}.html").write_text(profile.render(p=p), "utf-8")
        for i in range(max(n_pages - len(pages), 0)):  # the other pages: tables of every country
            (out / f"t{i}.html").write_text(table.render(rows=rows), "utf-8")
        print(json.dumps({"op": time.perf_counter() - t, "pages": max(n_pages, len(pages))}))
    """,
    # export-xlsx, as the CLI does it
    "export_xlsx": """
        import json, sys, time
        from legalreview import export_workbook  # what `legalreview export-xlsx` calls: read through the cache
        t = time.perf_counter()
        r = export_workbook(sys.argv[1], "csam", sys.argv[2])
        print(json.dumps({"op": time.perf_counter() - t, "rows": r.rows}))
    """,
    # baseline for import, like for like: bare openpyxl (read_only) iterating over every cell of the sheets
    # the import reads (see legalreview.spreadsheet.layout.imported_sheets)
    "baseline_openpyxl_read": """
        import json, sys, time, openpyxl
        t = time.perf_counter()
        """ + READ_SHEETS,
    # floor for a cold build: a process that imports the libraries the build imports, parses the same YAML
    # files with libyaml's C loader and writes the same bytes the build wrote (read from a finished build)
    "floor_build": """
        import json, os, sys, time
        t = time.perf_counter()
        import yaml, pandas, pydantic, jinja2, openpyxl  # what `legalreview build` imports
        root, site, out = sys.argv[1], sys.argv[2], sys.argv[3]
        docs = 0
        for folder in ("countries", "criteria"):
            for dirpath, _dirs, names in os.walk(os.path.join(root, folder)):
                for name in sorted(names):
                    if name.endswith(".yaml"):
                        with open(os.path.join(dirpath, name), "rb") as fh:
                            yaml.load(fh, Loader=yaml.CSafeLoader)
                        docs += 1
        written = 0
        for dirpath, _dirs, names in os.walk(site):
            rel = os.path.relpath(dirpath, site)
            os.makedirs(os.path.join(out, rel), exist_ok=True)
            for name in names:
                with open(os.path.join(dirpath, name), "rb") as fh:
                    data = fh.read()
                with open(os.path.join(out, rel, name), "wb") as fh:
                    fh.write(data)
                written += len(data)
        print(json.dumps({"op": time.perf_counter() - t, "files": docs, "bytes": written}))
    """,
    # floor for import-xlsx: a process that imports the libraries the import imports and reads the same
    # sheets of the same workbook with bare openpyxl
    "floor_import": """
        import json, sys, time
        t = time.perf_counter()
        import yaml, pandas, pydantic, openpyxl  # what `legalreview import-xlsx` imports
        """ + READ_SHEETS,
    # import-xlsx, as the CLI does it (the workbook as exported: everything read and compared)
    "import_xlsx": """
        import json, sys, time
        from legalreview.spreadsheet import import_workbook
        t = time.perf_counter()
        r = import_workbook(sys.argv[1], sys.argv[2])
        op = time.perf_counter() - t
        assert r.ok, [str(i) for i in r.issues[:5]]
        print(json.dumps({"op": op, "changes": len(r.changes)}))
    """,
}


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _hwm_kb(pid: int) -> int:
    """Return a process's peak resident memory since its last exec (VmHWM; unlike ``ru_maxrss`` of a
    forked child, it never includes the parent's memory the child shared before exec)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory:
    """Samples the proportional set size (PSS) of a process and all its descendants every
    ``interval`` seconds and keeps the largest sum: the memory the whole command holds at once
    (``ru_maxrss`` is one process's peak; a build also runs worker processes)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        import threading

        self.pid, self.interval, self.peak_kb, self.peak_procs, self.largest_kb = pid, interval, 0, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            pids, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += _children(pid)
            total = sum(_pss_kb(pid) for pid in pids)
            self.largest_kb = max([self.largest_kb, *(_hwm_kb(pid) for pid in pids)])
            if total > self.peak_kb:
                self.peak_kb, self.peak_procs = total, len(pids)
            self._stop.wait(self.interval)

    def stop(self) -> float:
        """Stop sampling; return the peak in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def run_child(argv: list[str], env: dict[str, str] | None = None, cores: int | None = None) -> dict:
    """Run argv in a child process; return wall, cpu, peak RSS of the child (MB), peak PSS of the child
    and its descendants together (MB) and the child's JSON line (if any). ``cores`` pins the child
    (and so everything it starts) to that many CPUs."""
    start = time.perf_counter()
    pin = None
    if cores is not None:
        allowed = sorted(os.sched_getaffinity(0))[:cores]

        def pin() -> None:
            os.sched_setaffinity(0, allowed)

    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, preexec_fn=pin)
    memory = TreeMemory(proc.pid)
    # read output in the background so a chatty child never blocks; wait4 gives this child's rusage
    import threading

    chunks: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        chunks[name] = stream.read()

    threads = [threading.Thread(target=drain, args=(n, s)) for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for th in threads:
        th.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    tree_mb = memory.stop()
    for th in threads:
        th.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    out = chunks.get("out", b"").decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])} ... failed ({proc.returncode}):\n{out[-2000:]}\n"
                           f"{chunks.get('err', b'').decode('utf-8', 'replace')[-3000:]}")
    # the largest single process: its sampled peak (VmHWM), else ru_maxrss for a child too short to sample
    rss_mb = memory.largest_kb / 1024 if memory.largest_kb else usage.ru_maxrss / 1024
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": rss_mb,
              "tree_pss_mb": max(tree_mb, 0.0)}
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{"):
            result.update(json.loads(line))
            break
    return result


def driver(name: str, *args: str, env: dict[str, str] | None = None, cores: int | None = None) -> dict:
    return run_child([PY, "-c", textwrap.dedent(DRIVERS[name]), *args], env=env, cores=cores)


def cli(*args: str, env: dict[str, str] | None = None, cores: int | None = None) -> dict:
    return run_child([PY, "-m", "legalreview.cli", *args], env=env, cores=cores)


def median_of(runs: list[dict]) -> dict:
    out = {}
    for key in runs[0]:
        values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
        if values and len(values) == len(runs):
            out[key] = statistics.median(values)
        else:
            out[key] = runs[0][key]
    out["runs"] = len(runs)
    if len(runs) > 1:
        out["wall_min"] = min(r["wall"] for r in runs)
        out["wall_max"] = max(r["wall"] for r in runs)
    return out


# ------------------------------------------------------------------------------------ one size

def _measure(res: dict, label: str, fn, times: int, prepare, log) -> dict:
    """Run ``fn`` ``times`` times (``prepare(i)`` before each); keep and log the median in ``res[label]``."""
    runs = []
    for i in range(times):
        if prepare is not None:
            prepare(i)
        runs.append(fn())
    res[label] = m = median_of(runs)
    extra = f", op {m['op']:.2f} s" if "op" in m else ""
    log(f"  {label:26s} wall {m['wall']:7.2f} s{extra}, cpu {m['cpu']:7.2f} s, peak RSS {m['rss_mb']:7.0f} MB, "
        f"tree PSS {m['tree_pss_mb']:7.0f} MB")
    return m


#: The largest N whose country files are also read with PyYAML's pure-Python loader (for information).
SAFE_LOAD_UP_TO = 1_000


def bench_size(n: int, work: Path, repeat: int, log, one_core: bool = True) -> dict:
    ws = work / f"ws{n}"
    t = time.perf_counter()
    synth.generate(ws, n)
    gen = time.perf_counter() - t
    size_mb = sum(p.stat().st_size for p in (ws / "countries").iterdir()) / 1e6
    log(f"N={n}: generated in {gen:.1f} s ({size_mb:.1f} MB of country files)")
    res: dict = {"n": n, "generate_s": gen, "country_files_mb": size_mb}

    def measure(label: str, fn, times: int = repeat, prepare=None) -> dict:
        return _measure(res, label, fn, times, prepare, log)

    site = ws / "reports" / "site"

    def clean_build(_i: int) -> None:  # a fresh clone: no site, no cache
        shutil.rmtree(ws / "reports", ignore_errors=True)
        from legalreview.speed.store import cache_folder

        shutil.rmtree(cache_folder(ws), ignore_errors=True)

    def no_site(_i: int) -> None:  # a machine that built before, the site deleted
        shutil.rmtree(ws / "reports", ignore_errors=True)

    if n <= SAFE_LOAD_UP_TO:  # pure-Python PyYAML, for information: three minutes at 10,000
        measure("baseline_safe_load", lambda: driver("baseline_safe_load", str(ws)))
    measure("baseline_csafe_load", lambda: driver("baseline_csafe_load", str(ws)))
    measure("load_validate", lambda: driver("load_validate", str(ws)))
    measure("validate_cli", lambda: cli("validate", "--dir", str(ws)))
    measure("score_aggregate", lambda: driver("score_aggregate", str(ws)))
    # full build: no site and no cache yet (the first build of a fresh clone): every file parsed, every page rendered
    measure("build_full", lambda: cli("build", "--dir", str(ws), "--quiet"), prepare=clean_build)
    # every page rendered again, the parse cache of an earlier build kept (for information)
    measure("build_no_site", lambda: cli("build", "--dir", str(ws), "--quiet"), prepare=no_site)
    pages = sum(1 for _ in site.rglob("*.html"))
    res["pages"] = pages
    measure("baseline_jinja", lambda: driver("baseline_jinja", str(ws), str(pages)))
    # the same command again with nothing changed (every page reused from the previous build)
    measure("build_repeat", lambda: cli("build", "--dir", str(ws), "--quiet"))
    # one country changes, then the build command runs again: a note, an answer, a first assessment
    measure("rebuild_note", lambda: cli("build", "--dir", str(ws), "--quiet"),
            prepare=lambda i: synth.touch_country(ws, 1 + i))
    measure("rebuild_answer", lambda: cli("build", "--dir", str(ws), "--quiet"),
            prepare=lambda i: synth.change_answer(ws, 1 + i))
    measure("rebuild_new_country", lambda: cli("build", "--dir", str(ws), "--quiet"),
            prepare=lambda i: synth.assess_country(ws, seed=100 + i))
    if one_core:  # the same first build on one core (for information: the targets are set on two)
        measure("build_full_1core", lambda: cli("build", "--dir", str(ws), "--quiet", cores=1), times=1,
                prepare=clean_build)
    book = work / f"csam-{n}.xlsx"
    measure("export_xlsx", lambda: driver("export_xlsx", str(ws), str(book)))
    sheets = _imported_sheets(book)
    measure("baseline_openpyxl_read", lambda: driver("baseline_openpyxl_read", str(ws), str(book), sheets))
    measure("floor_import", lambda: driver("floor_import", str(ws), str(book), sheets))
    measure("import_xlsx", lambda: driver("import_xlsx", str(ws), str(book)))
    return res


def _imported_sheets(book: Path) -> str:
    import openpyxl

    from legalreview.spreadsheet.layout import imported_sheets

    names = openpyxl.load_workbook(book, read_only=True).sheetnames
    return ",".join(imported_sheets(names, "csam"))


def bench_embedded(work: Path, repeat: int, log) -> dict:
    """The embedded default review (this repository's review.toml, countries/, criteria/), against floors:
    a cold build against a process that imports the same libraries, parses the same YAML with the C loader
    and writes the same bytes; import-xlsx against one that imports the same libraries and reads the same
    sheets with bare openpyxl."""
    root = HERE.parent
    ws = work / "embedded"
    shutil.rmtree(ws, ignore_errors=True)
    ws.mkdir(parents=True)
    shutil.copyfile(root / "review.toml", ws / "review.toml")
    for folder in ("countries", "criteria", "templates"):
        if (root / folder).is_dir():
            shutil.copytree(root / folder, ws / folder, symlinks=False)
    res: dict = {"n": "embedded"}

    def measure(label: str, fn, prepare=None) -> dict:
        return _measure(res, label, fn, repeat, prepare, log)

    def cold(_i: int) -> None:
        shutil.rmtree(ws / "reports", ignore_errors=True)
        from legalreview.speed.store import cache_folder

        shutil.rmtree(cache_folder(ws), ignore_errors=True)

    log("embedded review:")
    measure("build_cold", lambda: cli("build", "--quiet", "--dir", str(ws)), prepare=cold)
    copy = work / "embedded-floor-out"

    def fresh_copy(_i: int) -> None:
        shutil.rmtree(copy, ignore_errors=True)

    measure("floor_build", lambda: driver("floor_build", str(ws), str(ws / "reports" / "site"), str(copy)),
            prepare=fresh_copy)
    book = work / "embedded-csam.xlsx"
    driver("export_xlsx", str(ws), str(book))
    sheets = _imported_sheets(book)
    measure("floor_import", lambda: driver("floor_import", str(ws), str(book), sheets))
    measure("import_xlsx", lambda: driver("import_xlsx", str(ws), str(book)))
    return res


# ------------------------------------------------------------------------------------ report

def compiled_package() -> None:
    """Write the bytecode of the installed package, as ``pip install`` does: an editable install run
    with PYTHONDONTWRITEBYTECODE=1 (as on the machines here) would otherwise compile every module again
    in every measured process (about 0.2 s each), which no installed copy does."""
    import compileall

    import legalreview

    compileall.compile_dir(str(Path(legalreview.__file__).parent), quiet=1)


def machine() -> dict:
    mem_kb = 0
    model = platform.processor() or ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 0
    import legalreview

    return {"cores": cores, "cpu_count": os.cpu_count(), "memory_gb": round(mem_kb / 1048576, 1), "cpu": model,
            "python": platform.python_version(), "platform": platform.platform(),
            "legalreview": legalreview.__version__, "loadavg_at_start": list(os.getloadavg())}


def ratios(results: dict, embedded: dict | None = None) -> list[dict]:
    """Return every target with the figure measured and whether it is met (``limit`` None: for information)."""
    out = []

    def add(name: str, value: float, target: float | None, unit: str, how: str, n: int | None) -> None:
        out.append({"target": name, "n": n, "value": round(value, 3), "limit": target, "unit": unit,
                    "met": None if target is None else bool(value <= target), "how": how})

    if embedded and "build_cold" in embedded and "floor_build" in embedded:
        add("embedded review: cold build / floor", embedded["build_cold"]["wall"] / embedded["floor_build"]["wall"],
            2.0, "x", "`legalreview build` with no cache and no site / a process importing the same libraries, "
            "parsing the same YAML with the C loader and writing the same bytes; wall / wall", None)
    if embedded and "import_xlsx" in embedded and "floor_import" in embedded:
        add("embedded review: import-xlsx / floor", embedded["import_xlsx"]["wall"] / embedded["floor_import"]["wall"],
            1.5, "x", "the import as a process / a process importing the same libraries and reading the same "
            "sheets with bare openpyxl; wall / wall", None)
    if 196 in results and "build_full" in results[196]:
        add("build (whole command), N=196", results[196]["build_full"]["wall"], 3.0, "s",
            "`legalreview build`, first build (no site, no cache), wall", 196)
        add("build (whole command), N=196, repeat", results[196]["build_repeat"]["wall"], 3.0, "s",
            "`legalreview build` again, nothing changed, wall", 196)
    big = results.get(10000, {})
    if "build_full" in big:
        add("full build, N=10,000", big["build_full"]["wall"], 60.0, "s",
            "`legalreview build`, first build (no site, no cache), wall", 10000)
        add("full build memory, whole process tree, N=10,000", big["build_full"].get("tree_pss_mb", 0.0), 1024.0,
            "MB", "largest sum of the PSS of the command and every process it started (sampled every 50 ms)", 10000)
        add("full build memory, largest process, N=10,000", big["build_full"]["rss_mb"], None, "MB",
            "ru_maxrss of the command (for information)", 10000)
    if "build_full_1core" in big:
        add("full build on one core, N=10,000", big["build_full_1core"]["wall"], None, "s",
            "the same first build pinned to one CPU (for information)", 10000)
        add("full build memory on one core, whole process tree, N=10,000",
            big["build_full_1core"].get("tree_pss_mb", 0.0), None, "MB", "as above (for information)", 10000)
    if "export_xlsx" in big:
        add("export-xlsx memory, whole process tree, N=10,000", big["export_xlsx"].get("tree_pss_mb", 0.0), 500.0,
            "MB", "largest sum of PSS while `export_workbook` writes the csam workbook", 10000)
    if "build_full" in big and "build_full" in results.get(1000, {}):
        add("time(10,000) / time(1,000)", big["build_full"]["wall"] / results[1000]["build_full"]["wall"],
            12.0, "x", "full build wall", None)
    for n in sorted(results):
        r = results[n]
        if n < 1000:
            continue
        at_target = n == 10000
        info = "" if at_target else " (for information: the target is set at N=10,000)"
        for row, what in (("rebuild_answer", "one answer changes"), ("rebuild_note", "one note changes"),
                          ("rebuild_new_country", "a country is assessed for the first time")):
            if row in r and "build_full" in r:
                limit = 0.10 if at_target and row == "rebuild_answer" else None
                add(f"rebuild after {what} / full build, N={n:,}", r[row]["wall"] / r["build_full"]["wall"],
                    limit, "x", "wall / wall" + (info if row == "rebuild_answer" else " (for information)"), n)
        if "import_xlsx" in r and "baseline_openpyxl_read" in r:
            add(f"import-xlsx / openpyxl reading the same sheets, N={n:,}",
                r["import_xlsx"]["op"] / r["baseline_openpyxl_read"]["op"], 1.5, "x",
                "op / op: the sheets the import reads, of the workbook as exported", n)
        if "load_validate" in r and "baseline_csafe_load" in r:
            add(f"load / yaml.CSafeLoader, N={n:,}", r["load_validate"]["op"] / r["baseline_csafe_load"]["op"],
                1.3, "x", "op / op: the same files with libyaml's C loader", n)
    return out


ROWS = ["baseline_safe_load", "baseline_csafe_load", "load_validate", "validate_cli", "score_aggregate",
        "build_full", "build_full_1core", "build_no_site", "baseline_jinja", "build_repeat", "rebuild_note",
        "rebuild_answer", "rebuild_new_country", "export_xlsx", "baseline_openpyxl_read", "floor_import",
        "import_xlsx"]
EMBEDDED_ROWS = ["build_cold", "floor_build", "floor_import", "import_xlsx"]


def _cell(m: dict | None) -> str:
    if not m:
        return ""
    op = f"{m['op']:.2f}" if "op" in m else "–"
    return f"{m['wall']:.2f} / {op} / {m['cpu']:.2f}, {m['rss_mb']:.0f} / {m.get('tree_pss_mb', 0):.0f}"


def write_results(results: dict[int, dict], info: dict, checks: list[dict], path_md: Path, path_json: Path,
                  date: str | None = None, embedded: dict | None = None, command: str | None = None) -> None:
    doc = {"machine": info, "date": date or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
           "command": command, "sizes": {str(n): r for n, r in sorted(results.items())}, "embedded": embedded,
           "targets": checks}
    path_json.write_text(json.dumps(doc, indent=1) + "\n", "utf-8")
    sizes = sorted(results)
    command = command or f"python3 benchmarks/run.py --sizes {','.join(map(str, sizes))}"
    held = [c for c in checks if c["met"] is True]
    missed = [c for c in checks if c["met"] is False]
    lines = ["# legalreview benchmarks", "",
             f"Machine: {info['cores']} cores ({info['cpu']}), {info['memory_gb']} GB memory, Python "
             f"{info['python']}, {info['platform']}; load average at start {info['loadavg_at_start'][0]:.2f}. "
             f"Run {doc['date']} with `{command}`.", "",
             f"**{len(held)} of {len(held) + len(missed)} targets hold**"
             + (": not held: " + "; ".join(c["target"] for c in missed) + "." if missed else "."), "",
             "## Targets", "", "| target | measured | limit | met | how |", "|---|---:|---:|:---:|---|"]
    for c in checks:
        limit = "–" if c["limit"] is None else f"{c['limit']:g} {c['unit']}"
        met = "–" if c["met"] is None else "yes" if c["met"] else "**no**"
        lines.append(f"| {c['target']} | {c['value']:g} {c['unit']} | {limit} | {met} | {c['how']} |")
    lines += ["", "## Measurements", "",
              "Median of the runs; wall = the child process's whole life, op = the operation timed inside it, "
              "cpu = user+sys of the child, RSS = peak resident memory of the largest single process (VmHWM), "
              "tree = the largest sum of the PSS of the child and every process it started.", ""]
    if embedded:
        lines += ["| embedded review | wall / op / cpu s, RSS / tree MB |", "|---|---:|"]
        lines += [f"| {key} | {_cell(embedded.get(key))} |" for key in EMBEDDED_ROWS if embedded.get(key)]
        lines.append("")
    if sizes:
        head = "| measurement | " + " | ".join(f"N={n:,} wall / op / cpu s, RSS / tree MB" for n in sizes) + " |"
        lines += [head, "|---|" + "---:|" * len(sizes)]
        for key in ROWS:
            if any(results[n].get(key) for n in sizes):
                lines.append(f"| {key} | " + " | ".join(_cell(results[n].get(key)) for n in sizes) + " |")
        lines += ["", "Workspaces: " + "; ".join(f"N={n:,}: {results[n]['country_files_mb']:.0f} MB of country "
                                                 f"files, {results[n].get('pages', 0):,} site pages" for n in sizes)
                  + "."]
    lines += ["", "What each row is: see benchmarks/README.md.", ""]
    path_md.write_text("\n".join(lines), "utf-8")


def _print_checks(checks: list[dict]) -> None:
    print("\ntarget                                                       measured      limit   met")
    for c in checks:
        if c["limit"] is None:
            print(f"{c['target']:60s} {c['value']:9.3f} {c['unit']:2s}    (information)")
            continue
        print(f"{c['target']:60s} {c['value']:9.3f} {c['unit']:2s} <= {c['limit']:6g} {c['unit']:2s} "
              f"{'yes' if c['met'] else 'NO'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="196,1000,10000", help="comma-separated N (default 196,1000,10000)")
    parser.add_argument("--quick", action="store_true", help="N=196 only, one run each")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measurement (default 3 for N<=1000, else 1)")
    parser.add_argument("--work", default=None, help="folder for the generated workspaces (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated workspaces")
    parser.add_argument("--out", default=str(HERE), help="where results.md and results.json go")
    parser.add_argument("--report", action="store_true", help="only rewrite results.md from results.json")
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded review and its floors")
    parser.add_argument("--no-one-core", action="store_true", help="skip the one-core first build")
    args = parser.parse_args(argv)
    if args.report:
        doc = json.loads((Path(args.out) / "results.json").read_text("utf-8"))
        results = {int(n): r for n, r in doc["sizes"].items()}
        checks = ratios(results, doc.get("embedded"))
        write_results(results, doc["machine"], checks, Path(args.out) / "results.md", Path(args.out) / "results.json",
                      date=doc["date"], embedded=doc.get("embedded"), command=doc.get("command"))
        _print_checks(checks)
        return 0
    sizes = [196] if args.quick else [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="legalreview-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # the persistent cache of the generated workspaces goes into the work folder, not ~/.cache
    os.environ.setdefault("LEGALREVIEW_CACHE_DIR", str(work / "cache"))
    compiled_package()
    info = machine()
    print(f"machine: {info['cores']} cores, {info['memory_gb']} GB, {info['cpu']}; work folder {work}", flush=True)
    results: dict[int, dict] = {}
    embedded = None
    log = lambda s: print(s, flush=True)  # noqa: E731
    try:
        if not args.no_embedded:
            embedded = bench_embedded(work, 1 if args.quick else 3, log)
        for n in sizes:
            repeat = args.repeat or (1 if args.quick or n > 1000 else 3)
            results[n] = bench_size(n, work, repeat, log, one_core=not args.no_one_core and not args.quick)
            if not args.keep:
                shutil.rmtree(work / f"ws{n}", ignore_errors=True)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    checks = ratios(results, embedded)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    command = "python3 benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    write_results(results, info, checks, out / "results.md", out / "results.json", embedded=embedded,
                  command=command.strip())
    _print_checks(checks)
    print(f"\nwrote {out / 'results.md'} and {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
