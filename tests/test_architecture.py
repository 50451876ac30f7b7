"""The import graph of the package: data flows one way (docs/ARCHITECTURE.md).

Every module is parsed with ``ast`` (nothing is imported). The tests fail when

- a module imports, at module level, a module that imports it back (a cycle), or when any cycle
  exists at all once imports inside functions are counted too;
- a module imports one in a layer above its own (at module level or inside a function);
- a module is in no layer (add it to ``LAYERS``);
- the number of imports of the package's own modules made inside functions grows (the ratchet).

An internal import inside a function is allowed only to defer a heavy or optional dependency
(pandas, jinja2, openpyxl, weasyprint, a process pool) until a command needs it. ``cli.py``
and the public API (``legalreview/__init__``) are exempt from the ratchet: nothing imports them, and
their lazy imports keep ``legalreview --help`` and ``import legalreview`` fast.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "legalreview"

#: Lowest first. A module may import modules of its own layer or of a layer below.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core", ("legalreview._version", "legalreview.issues", "legalreview.models", "legalreview.jurisdictions",
              "legalreview.safefiles", "legalreview.store", "legalreview.notices", "legalreview.locking",
              "legalreview.discover", "legalreview.i18n", "legalreview.cpu", "legalreview.lawchecks")),
    ("aggregates", ("legalreview.scoring", "legalreview.aggregate", "legalreview.resolve")),
    ("loading", ("legalreview.workspace", "legalreview.review", "legalreview.init",
                 "legalreview.provenance", "legalreview.lawframes")),
    ("renderers", ("legalreview.render", "legalreview.render.bars", "legalreview.spreadsheet",
                   "legalreview.quality")),
    ("speed", ("legalreview.speed",)),
    ("api", ("legalreview",)),
    ("cli", ("legalreview.cli",)),
]
#: Modules whose imports inside functions are not counted (see the module docstring).
RATCHET_EXEMPT = {"legalreview", "legalreview.cli"}
#: Imports of the package's own modules made inside functions (statements), per module: the most each
#: may keep. Lower a number when you remove some; never raise one. "defers" = keeps a heavy or optional
#: dependency out of commands that do not need it (allowed); "debt" = a light module, to be imported
#: at module level (no cycle would result: tests above check it).
FUNCTION_LEVEL_IMPORTS = {
    "legalreview.models": 1,  # debt: issues.nearest
    "legalreview.provenance": 1,  # debt: workspace.load_config
    "legalreview.quality.agreement": 1,  # debt: workflow.in_force
    "legalreview.quality.packet": 10,  # defers openpyxl (spreadsheet.*); debt: store, workflow
    "legalreview.quality.status": 1,  # debt: workflow.in_force
    "legalreview.quality.revisions": 2,  # debt: resolve, render.formats
    "legalreview.render.context": 3,  # debt: notices, citation
    "legalreview.render.pdf": 1,  # debt: safefiles
    "legalreview.render.profiles": 2,  # debt: citation, models
    "legalreview.spreadsheet.export": 1,  # debt: models.ID_PATTERN
    "legalreview.speed": 2,  # defers jinja2 and the renderers (render.site, speed.reuse) to build_site
}
MAX_FUNCTION_LEVEL_IMPORTS = sum(FUNCTION_LEVEL_IMPORTS.values())


@dataclass
class Module:
    name: str
    path: Path
    top: set[str] = field(default_factory=set)  # modules imported at module level (at run time)
    inner: list[int] = field(default_factory=list)  # line of each import statement inside a function
    inner_targets: set[str] = field(default_factory=set)  # modules imported inside functions

    @property
    def imports(self) -> set[str]:
        """Return every package module this one imports, at module level or inside functions."""
        return self.top | self.inner_targets


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _targets(node: ast.ImportFrom | ast.Import, module: str, is_package: bool, known: set[str]) -> list[str]:
    """Return the package modules an import statement names (``from . import x`` names ``pkg.x``)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "legalreview"]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "legalreview":
        return []
    return sorted({f"{target}.{a.name}" if f"{target}.{a.name}" in known else target for a in node.names})


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def load_graph() -> dict[str, Module]:
    """Return every module of the package with its imports of other package modules."""
    paths = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}
    known = set(paths)
    graph = {name: Module(name, path) for name, path in paths.items()}
    for name, mod in graph.items():
        is_package = mod.path.name == "__init__.py"

        def visit(node: ast.AST, in_function: bool, mod: Module = mod, name: str = name,
                  is_package: bool = is_package) -> None:
            for child in ast.iter_child_nodes(node):
                if _is_type_checking(child):
                    continue  # annotations only: never imported at run time
                inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    targets = [t for t in _targets(child, name, is_package, known) if t != name]
                    if inside and targets:
                        mod.inner.append(child.lineno)
                        mod.inner_targets.update(targets)
                    elif not inside:
                        mod.top.update(targets)
                visit(child, inside)

        visit(ast.parse(mod.path.read_text(encoding="utf-8")), False)
    return graph


def layer_of(module: str) -> int:
    """Return the index in LAYERS of the layer a module belongs to (the longest matching prefix; the
    package itself, ``legalreview``, names only its ``__init__``)."""
    best, best_len = -1, -1
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module.startswith(prefix + ".") and prefix != "legalreview"
            if (module == prefix or inside) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def strong(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            strong(v)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, Module]:
    return load_graph()


def test_every_module_belongs_to_a_layer(graph: dict[str, Module]) -> None:
    orphans = sorted(name for name in graph if layer_of(name) < 0)
    assert not orphans, f"add these modules to a layer in LAYERS (and to docs/ARCHITECTURE.md): {orphans}"


def test_no_cycle_among_module_level_imports(graph: dict[str, Module]) -> None:
    found = cycles({name: mod.top for name, mod in graph.items()})
    assert not found, f"module-level import cycles: {found}"


def test_no_cycle_even_counting_imports_inside_functions(graph: dict[str, Module]) -> None:
    edges = {name: mod.imports for name, mod in graph.items()}
    found = cycles(edges)
    assert not found, (f"import cycles through imports inside functions: {found}; move the shared code to a "
                       "module below both")


def test_no_module_imports_from_a_layer_above_its_own(graph: dict[str, Module]) -> None:
    upward = []
    for name, mod in graph.items():
        for target in sorted(mod.imports):
            if layer_of(target) > layer_of(name):
                upward.append(f"{name} ({LAYERS[layer_of(name)][0]}) imports {target} "
                              f"({LAYERS[layer_of(target)][0]})")
    assert not upward, "upward imports:\n" + "\n".join(upward)


def test_imports_inside_functions_do_not_grow(graph: dict[str, Module]) -> None:
    counted = {name: len(mod.inner) for name, mod in graph.items() if name not in RATCHET_EXEMPT and mod.inner}
    grown = {name: (n, FUNCTION_LEVEL_IMPORTS.get(name, 0)) for name, n in counted.items()
             if n > FUNCTION_LEVEL_IMPORTS.get(name, 0)}
    assert not grown, (
        "imports of package modules inside functions grew (module: found, allowed): "
        f"{grown}. Import at module level, or move shared code down a layer; an import inside a function "
        "only defers a heavy or optional dependency.")
    assert sum(counted.values()) <= MAX_FUNCTION_LEVEL_IMPORTS


def test_the_graph_sees_known_imports(graph: dict[str, Module]) -> None:
    """The parser finds imports it must find (a broken parser would pass every test above)."""
    assert "legalreview.models" in graph["legalreview.scoring"].top
    assert "legalreview.aggregate" in graph["legalreview.review"].top  # `from . import aggregate`
    assert "legalreview.workspace" in graph["legalreview.provenance"].inner_targets  # inside a function
    assert "legalreview.render.context" not in graph["legalreview.render.profiles"].top  # TYPE_CHECKING only
    assert layer_of("legalreview.render.site") > layer_of("legalreview.review") > layer_of("legalreview.scoring")
    assert layer_of("legalreview.some_new_module") == -1  # a new module must be given a layer


def test_the_bar_drawer_imports_nothing_of_the_package(graph: dict[str, Module]) -> None:
    """render/bars.py draws from labels, colours and counts it is given: it knows no review or palette."""
    assert graph["legalreview.render.bars"].imports == set()


def test_import_legalreview_loads_no_renderer() -> None:
    """``import legalreview`` stays fast: the site, workbook and quality code load when first used."""
    code = ("import sys, legalreview as lr; heavy = [m for m in ('legalreview.render.site', 'legalreview.spreadsheet',"
            " 'legalreview.quality', 'jinja2', 'openpyxl') if m in sys.modules]; print(heavy); "
            "lr.import_workbook; print('legalreview.spreadsheet' in sys.modules)")
    env_path = str(SRC.parent)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["[]", "True"]
