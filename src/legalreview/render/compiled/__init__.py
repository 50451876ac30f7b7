"""The package's own templates, precompiled: Python modules shipped with the package, and the loader
that uses them.

Compiling the package's templates (lexing, parsing, generating and compiling Python) is a large part
of a small review's cold build. ``python3 -m legalreview.render.precompile`` writes the Python code
Jinja generates for each template of ``render/templates/`` into this folder as a module
(``t_<template name>.py``: generated, do not edit) and ``manifest.json``: the SHA-256 of each
template's source, whether it is autoescaped, the jinja2 version and the environment's options that
change the generated code (:func:`codegen_options`). A test fails when a template changes and the
modules are not generated again.

:class:`PackageLoader` loads a template from its module only when the manifest matches the running
environment: the same jinja2 version, the same options and the same source; otherwise it compiles
the template as Jinja does. The page is the same either way. Compiled code comes only from this
package (the modules are found through its own path), never from a workspace or the cache: a
workspace with templates of its own renders through a plain file loader in
:class:`~legalreview.render.sandbox.LimitedSandbox` (see :func:`legalreview.render.site.environment`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import re
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2

HERE = Path(__file__).parent
#: The package's templates, the sources of the modules here.
TEMPLATES = HERE.parent / "templates"
MANIFEST = HERE / "manifest.json"
#: The command that writes the modules and the manifest.
COMMAND = "python3 -m legalreview.render.precompile"


def module_name(template: str) -> str:
    """Return the module of a template (``profile.html.j2`` -> ``t_profile_html_j2``)."""
    return "t_" + re.sub(r"[^A-Za-z0-9]", "_", template)


def _pass_arg(func: Any) -> str | None:
    """Return what a filter or test is passed first (context, environment, ...), which the generated code
    names; None for a plain function."""
    kind = getattr(func, "jinja_pass_arg", None)
    return None if kind is None else str(kind.name)


def codegen_options(env: jinja2.Environment) -> dict[str, Any]:
    """Return the options of ``env`` that change the code Jinja generates for a template (as JSON values)."""
    generator = env.code_generator_class
    return {
        "environment": f"{type(env).__module__}.{type(env).__qualname__}",
        "code_generator": f"{generator.__module__}.{generator.__qualname__}",
        "sandboxed": bool(env.sandboxed),
        "intercepted": [sorted(getattr(env, "intercepted_binops", ())), sorted(getattr(env, "intercepted_unops", ()))],
        "syntax": [env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                   env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                   env.line_comment_prefix],
        "whitespace": [env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline],
        "optimized": env.optimized, "async": env.is_async, "finalize": env.finalize is not None,
        "extensions": sorted(env.extensions),
        "newstyle_gettext": bool(getattr(env, "newstyle_gettext", False)),
        "i18n_trimmed": bool(env.policies.get("ext.i18n.trimmed", False)),
        "filters": {name: _pass_arg(f) for name, f in sorted(env.filters.items())},
        "tests": {name: _pass_arg(f) for name, f in sorted(env.tests.items())},
    }


def template_entry(env: jinja2.Environment, name: str, source: str) -> dict[str, Any]:
    """Return a template's line of the manifest: its module, the SHA-256 of its source, whether it is
    autoescaped (decided when it is compiled)."""
    escape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return {"module": module_name(name), "sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
            "autoescape": bool(escape)}


@functools.cache
def manifest() -> dict[str, Any]:
    """Return the manifest of the modules shipped here (empty when there is none)."""
    try:
        data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@functools.cache
def _code(module: str) -> CodeType | None:
    """Return the code of one of this package's template modules (Python's bytecode cache applies)."""
    spec = importlib.util.find_spec(f"{__name__}.{module}")
    loader = spec.loader if spec is not None else None
    get_code = getattr(loader, "get_code", None)
    return None if get_code is None else get_code(f"{__name__}.{module}")


class PackageLoader(jinja2.FileSystemLoader):
    """The package's templates: from their precompiled modules when the manifest matches, else compiled
    from source (a template edited in place, another jinja2, other options)."""

    def __init__(self) -> None:
        super().__init__(str(TEMPLATES))
        self._options: dict[str, Any] | None = None

    def precompiled(self, environment: jinja2.Environment, name: str, source: str) -> CodeType | None:
        """Return the shipped code of template ``name`` when it was generated from ``source`` for an
        environment like ``environment``, else None."""
        shipped = manifest()
        if shipped.get("jinja2") != jinja2.__version__:
            return None
        if self._options is None:
            self._options = codegen_options(environment)
        entry = shipped.get("templates", {}).get(name)
        if shipped.get("options") != self._options or entry != template_entry(environment, name, source):
            return None
        return _code(entry["module"])

    def load(self, environment: jinja2.Environment, name: str,
             globals: Any = None) -> jinja2.Template:  # noqa: A002 - Jinja's name
        source, filename, uptodate = self.get_source(environment, name)
        code = self.precompiled(environment, name, source)
        if code is None:
            code = environment.compile(source, name, filename)
        # as Template.from_code, with the template's own file name (tracebacks point at the .j2 file)
        namespace: dict[str, Any] = {"environment": environment, "__file__": filename}
        exec(code, namespace)  # noqa: S102 - the package's own generated code (see the module's docstring)
        template = environment.template_class.from_module_dict(environment, namespace,
                                                               {} if globals is None else globals)
        template._uptodate = uptodate
        return template
