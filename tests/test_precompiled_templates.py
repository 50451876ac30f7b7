"""The package's templates precompiled to Python modules (render/compiled/): current, used only for the
package's own templates when they match, and writing the same bytes as templates compiled from source."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import jinja2.sandbox
import pytest

import legalreview as lr
from legalreview.render import compiled, precompile, sandbox
from legalreview.render.pdf import report_html, scorecard_html
from legalreview.render.site import build_site, environment, render_profile

from conftest import REPO, copy_workspace, tree_bytes
from test_languages_site import set_languages


def test_the_shipped_template_modules_are_those_of_the_current_templates() -> None:
    expected, shipped = precompile.compiled_files(), precompile.shipped_files()
    hint = f"run `{compiled.COMMAND}` and commit the files it writes"
    made = {name: entry["sha256"] for name, entry in json.loads(expected["manifest.json"])["templates"].items()}
    recorded = {name: entry["sha256"] for name, entry in compiled.manifest().get("templates", {}).items()}
    assert made == recorded, f"a template changed (or was added or removed) since render/compiled/ was written: {hint}"
    if compiled.manifest().get("jinja2") != jinja2.__version__:
        pytest.skip(f"the modules were generated with jinja2 {compiled.manifest().get('jinja2')}, this is "
                    f"{jinja2.__version__} (the build compiles the templates itself)")
    stale = sorted(name for name in expected.keys() | shipped.keys() if expected.get(name) != shipped.get(name))
    assert not stale, f"render/compiled/ does not match the templates (stale: {stale}); {hint}"


def test_the_package_templates_load_from_their_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []
    real = compiled._code
    monkeypatch.setattr(compiled, "_code", lambda module: used.append(module) or real(module))
    env = environment(None)

    template = env.get_template("profile.html.j2")

    assert used == ["t_profile_html_j2"]
    assert template.filename == str(compiled.TEMPLATES / "profile.html.j2")  # tracebacks name the template


def _loader(env: jinja2.Environment) -> compiled.PackageLoader:
    loaders = env.loader.loaders  # type: ignore[union-attr]
    assert len(loaders) == 1 and isinstance(loaders[0], compiled.PackageLoader)
    return loaders[0]


def test_a_template_that_differs_from_its_module_is_compiled_from_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    env = environment(None)
    loader = _loader(env)
    source = (compiled.TEMPLATES / "fact.html.j2").read_text("utf-8")
    assert loader.precompiled(env, "fact.html.j2", source) is not None, f"stale modules: run `{compiled.COMMAND}`"

    assert loader.precompiled(env, "fact.html.j2", source + "{# edited in place #}") is None
    assert loader.precompiled(env, "no-such.html.j2", source) is None
    other = environment(None)
    other.filters["extra"] = jinja2.pass_context(lambda context, value: value)  # changes the generated code
    assert _loader(other).precompiled(other, "fact.html.j2", source) is None
    monkeypatch.setattr(jinja2, "__version__", "0.0.1")
    assert loader.precompiled(env, "fact.html.j2", source) is None


def _code_file(template: jinja2.Template) -> str:
    return template.root_render_func.__code__.co_filename


def test_without_the_modules_the_templates_compile_from_source(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _code_file(environment(None).get_template("fact.html.j2")).endswith("t_fact_html_j2.py")
    monkeypatch.setattr(compiled, "manifest", lambda: {})
    monkeypatch.setattr(compiled, "_code", lambda module: pytest.fail(f"loaded {module} without a manifest"))

    template = environment(None).get_template("fact.html.j2")

    assert _code_file(template) == template.filename == str(compiled.TEMPLATES / "fact.html.j2")


def _outputs(root: Path, out: Path) -> dict[str, bytes]:
    review = lr.load_review(root)
    build_site(review, out)
    files = tree_bytes(out)
    files["profile.md"] = render_profile(review, "KEN", "md").encode()
    files["profile-fr.html"] = render_profile(review, "KEN", "html", language="fr").encode()
    files["scorecard.html"] = scorecard_html(review, "KEN").encode()
    files["report.html"] = report_html(review).encode()
    return files


def test_precompiled_templates_write_the_same_bytes_as_templates_compiled_from_source(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_workspace(REPO, tmp_path / "ws")
    set_languages(root, '["en", "fr"]')
    used: list[str] = []
    real = compiled._code
    monkeypatch.setattr(compiled, "_code", lambda module: used.append(module) or real(module))

    fast = _outputs(root, tmp_path / "fast")
    assert set(used) == {compiled.module_name(name) for name in compiled.manifest()["templates"]}

    monkeypatch.setattr(compiled, "manifest", lambda: {})
    plain = _outputs(root, tmp_path / "plain")

    assert fast.keys() == plain.keys()
    assert [name for name in fast if fast[name] != plain[name]] == []
    assert len([name for name in fast if name.endswith(".html")]) > 400


def test_a_workspace_with_templates_of_its_own_renders_in_the_limited_sandbox_from_source(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_workspace(REPO / "tests" / "fixtures" / "small", tmp_path / "ws")
    (root / "templates").mkdir()
    (root / "templates" / "fact.html.j2").write_text("{{ 'x' * 100000000 }}\n", "utf-8")
    monkeypatch.setattr(compiled, "_code", lambda module: pytest.fail(f"loaded {module} for a workspace"))

    env = environment(root)

    assert isinstance(env, sandbox.LimitedSandbox)
    assert not any(isinstance(loader, compiled.PackageLoader) for loader in env.loader.loaders)  # type: ignore[union-attr]
    with pytest.raises(sandbox.TemplateLimitError):
        sandbox.render(env.get_template("fact.html.j2"), {})
    # the package's templates it does not override are compiled from source, with the limits' code generator
    base = env.get_template("base.html.j2")
    assert _code_file(base) == str(compiled.TEMPLATES / "base.html.j2")
    assert "environment.measured(" in env.compile(
        (compiled.TEMPLATES / "base.html.j2").read_text("utf-8") + "{{ 'a' ~ 'b' ~ site }}", raw=True)


class _Row(dict):
    pass


@pytest.mark.parametrize("source", [
    "{{ d.country }}", "{{ d.items()|list }}", "{{ d.get('country') }}", "{{ d.keys|string }}",
    "{{ d.missing is defined }}", "{{ d.__class__ is defined }}", "{{ r.country }} {{ r.get('country') }}",
    "{{ d.update is defined }}", "{% for k, v in d.items() %}{{ k }}={{ v }} {% endfor %}", "{{ n.real }}",
    "{{ d['country'] }} {{ d.nested.inner }}",
])
def test_the_package_sandbox_reads_a_dict_as_the_immutable_sandbox_does(source: str) -> None:
    values = {"d": {"country": "Kenya", "items": "a key named items", "nested": {"inner": 1}},
              "r": _Row(country="Fiji"), "n": 3}
    package = sandbox.PackageSandbox(undefined=jinja2.Undefined).from_string(source)
    immutable = jinja2.sandbox.ImmutableSandboxedEnvironment(undefined=jinja2.Undefined).from_string(source)

    assert package.render(values) == immutable.render(values)


def test_the_package_sandbox_keeps_a_dict_from_being_changed() -> None:
    env = sandbox.PackageSandbox(undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.exceptions.SecurityError):
        env.from_string("{{ d.update({'a': 1}) }}").render(d={})
    with pytest.raises(jinja2.exceptions.UndefinedError):
        env.from_string("{{ d.missing }}").render(d={})
