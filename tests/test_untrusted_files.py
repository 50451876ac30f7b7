"""Issue 14: a review received from someone else is untrusted input.

Nothing in it may run code, read a file outside the workspace into an output, hang a command or
write outside the workspace. Every test plants a secret file outside the workspace and checks
that its text appears in no output, that a refused build leaves the site folder as it was (or
absent), and that the error names the file to fix.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import REPO, copy_workspace, tree_bytes
from legalreview.cli import main

SECRET = "TOP-SECRET-4f1c9a"


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEGALREVIEW_NO_CACHE", "1")


@pytest.fixture
def review(tmp_path: Path) -> Path:
    """A private copy of the embedded default review."""
    return copy_workspace(REPO, tmp_path / "review")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the workspace that no output may ever contain."""
    folder = tmp_path / "outside"
    folder.mkdir()
    path = folder / "secret.txt"
    path.write_text(f"{SECRET}\nbody {{ color: red }}\n", encoding="utf-8")
    return path


def leaks(root: Path) -> list[str]:
    """Return the files under root (links not followed) whose bytes hold the secret."""
    if not root.exists():
        return []
    return [str(p) for p in root.rglob("*") if not p.is_symlink() and p.is_file() and SECRET.encode() in p.read_bytes()]


def build(review: Path, *extra: str):
    return CliRunner().invoke(main, ["build", "--dir", str(review), "--quiet", *extra])


def site_state(site: Path) -> dict[str, bytes] | None:
    return tree_bytes(site) if site.exists() else None


# --------------------------------------------------------------------------- workspace files

@pytest.mark.parametrize("name", ["site.css", "site.js", "index.html.j2", "_partial.html.j2"])
def test_a_template_or_static_file_linked_outside_the_workspace_is_refused(review: Path, secret: Path,
                                                                          name: str) -> None:
    (review / "templates").mkdir()
    if name == "_partial.html.j2":  # an {% include %}d template
        (review / "templates" / "criterion.html.j2").write_text('{% include "_partial.html.j2" %}\n', "utf-8")
    (review / "templates" / name).symlink_to(secret)
    site = review / "reports" / "site"

    run = build(review)

    assert run.exit_code == 1
    assert f"templates/{name}" in run.output and "symbolic link" in run.output
    assert "Traceback" not in run.output
    assert not site.exists(), "a refused build writes no site"
    assert leaks(review) == []


def test_a_refused_rebuild_leaves_the_old_site_as_it_was(review: Path, secret: Path) -> None:
    site = review / "reports" / "site"
    assert build(review).exit_code == 0
    before = site_state(site)
    (review / "templates").mkdir()
    (review / "templates" / "site.css").symlink_to(secret)

    run = build(review)

    assert run.exit_code == 1 and "templates/site.css" in run.output
    assert site_state(site) == before
    assert leaks(review) == []


def test_a_templates_folder_that_is_a_link_is_refused(review: Path, secret: Path) -> None:
    (review / "templates").symlink_to(secret.parent, target_is_directory=True)
    (secret.parent / "site.css").write_text(f"/* {SECRET} */", "utf-8")

    run = build(review)

    assert run.exit_code == 1
    assert "templates" in run.output and "symbolic link" in run.output
    assert not (review / "reports" / "site").exists()
    assert leaks(review) == []


def test_the_standalone_profile_does_not_inline_a_linked_site_css(review: Path, secret: Path) -> None:
    (review / "templates").mkdir()
    (review / "templates" / "site.css").symlink_to(secret)

    run = CliRunner().invoke(main, ["profile", "KEN", "--dir", str(review), "--format", "html"])

    assert run.exit_code == 1
    assert "templates/site.css" in run.output and "symbolic link" in run.output
    assert SECRET not in run.output


def test_a_plain_workspace_style_and_template_are_still_used(review: Path) -> None:
    (review / "templates").mkdir()
    (review / "templates" / "site.css").write_text("/* our own style */\n", "utf-8")
    (review / "templates" / "criterion.html.j2").write_text("<p>criterion {{ 6 * 7 }}</p>\n", "utf-8")

    run = build(review)

    assert run.exit_code == 0, run.output
    site = review / "reports" / "site"
    assert (site / "static" / "site.css").read_text("utf-8") == "/* our own style */\n"
    assert "criterion 42" in next((site / "criteria").glob("*.html")).read_text("utf-8")


def test_a_linked_review_toml_is_refused(review: Path, secret: Path) -> None:
    outside = secret.parent / "review.toml"
    shutil.move(review / "review.toml", outside)
    (review / "review.toml").symlink_to(outside)

    run = CliRunner().invoke(main, ["validate", "--dir", str(review)])

    assert run.exit_code == 1
    assert "review.toml" in run.output and "symbolic link" in run.output and "bad-path" in run.output


@pytest.mark.parametrize("folder", ["countries", "criteria"])
def test_a_data_folder_that_is_a_link_is_refused(review: Path, tmp_path: Path, folder: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(review / folder, elsewhere)
    (review / folder).symlink_to(elsewhere, target_is_directory=True)

    run = CliRunner().invoke(main, ["validate", "--dir", str(review)])

    assert run.exit_code == 1
    assert f"{folder}: error bad-path" in run.output and "symbolic link" in run.output


def test_a_linked_terminology_csv_is_refused(review: Path, secret: Path) -> None:
    from legalreview.quality.lint import load_terminology

    (review / "terminology.csv").symlink_to(secret)

    terms, issues = load_terminology(review)

    assert [(i.code, i.file) for i in issues] == [("bad-path", "terminology.csv")]
    assert "symbolic link" in issues[0].message
    assert terms and not any(SECRET in t.term for t in terms)


def test_a_linked_page_in_the_old_site_is_never_copied_into_the_new_one(review: Path, secret: Path) -> None:
    site = review / "reports" / "site"
    assert build(review).exit_code == 0
    page = site / "countries" / "KEN.html"
    page.unlink()
    page.symlink_to(secret)  # the manifest still promises the old page: a rebuild would reuse it

    assert build(review).exit_code == 0

    assert not page.is_symlink() and "Kenya" in page.read_text("utf-8")
    assert leaks(site) == []


# --------------------------------------------------------------------------- template limits

HOSTILE = {
    "string-times-huge": "{{ 'x' * 10**10 }}",
    "center-huge": "{{ 'x'|center(10**10) }}",
    "format-width": "{{ '{:9999999999}'.format(1) }}",
    "percent-width": "{{ '%9999999999d' % 1 }}",
    "percent-star": "{{ '%*d' % (999999999, 1) }}",
    "power-huge": "{{ 7 ** 10000000 }}",
    "square-again": "{% set ns = namespace(n=7) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}",
    "ljust-huge": "{{ 'x'.ljust(10**10) }}",
    "replace-empty": "{{ ('ab' * 1000).replace('', 'x' * 100000) }}",
    "join-repeated": "{{ (['x' * 10000000] * 3)|join }}",
    "doubling": "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "concat-many": "{% set a = 'x' * 10000000 %}{{ (a ~ a ~ a ~ a ~ a)|length }}",
    "block-set": "{% set a = 'x' * 10000000 %}{% set b %}{% for i in range(1000) %}{{ a }}{% endfor %}{% endset %}",
    "macro-output": "{% set a = 'x' * 10000000 %}{% macro m() %}{% for i in range(9) %}{{ a }}{% endfor %}"
                    "{% endmacro %}{{ m()|length }}",
    "indent-lines": "{{ ('x\\n' * 100000)|indent(1000) }}",
    "tojson-indent": "{{ range(100)|list|tojson(indent=100000) }}",
    "range-huge": "{% for i in range(10**9) %}{% endfor %}",
    "page-too-large": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
}


@pytest.mark.parametrize("source", list(HOSTILE.values()), ids=list(HOSTILE))
def test_a_workspace_template_cannot_allocate_without_limit(review: Path, source: str) -> None:
    (review / "templates").mkdir()
    (review / "templates" / "criterion.html.j2").write_text(source + "\n", "utf-8")

    started = time.monotonic()
    run = build(review)

    assert run.exit_code == 1, run.output
    assert "templates/criterion.html.j2" in run.output and "Nothing was written" in run.output
    assert "Traceback" not in run.output
    assert time.monotonic() - started < 60
    assert not (review / "reports" / "site").exists()


def test_a_workspace_template_that_loops_without_writing_is_stopped(review: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from legalreview.render import sandbox

    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", 1.0)
    (review / "templates").mkdir()
    (review / "templates" / "criterion.html.j2").write_text(
        "{% set l = range(100000)|list %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}\n", "utf-8")

    started = time.monotonic()
    run = build(review)

    assert run.exit_code == 1, run.output
    assert "templates/criterion.html.j2" in run.output and "longer than 1 s" in run.output
    assert time.monotonic() - started < 30
    assert not (review / "reports" / "site").exists()


def test_the_watchdog_does_not_fire_after_a_render_finished(monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from legalreview.render import sandbox

    monkeypatch.setattr(sandbox, "MAX_RENDER_SECONDS", 0.2)
    env = sandbox.LimitedSandbox(loader=jinja2.DictLoader({"t": "{{ 1 + 1 }}"}))
    assert sandbox.render_limited(env.get_template("t"), {}) == "2"
    time.sleep(0.5)  # a stray TemplateTimeout would be raised here


def test_the_package_templates_alone_render_without_the_limits(review: Path) -> None:
    from legalreview.render.sandbox import LimitedSandbox
    from legalreview.render.site import environment

    assert not isinstance(environment(review), LimitedSandbox)
    (review / "templates").mkdir()
    (review / "templates" / "site.css").write_text("p {}\n", "utf-8")
    assert isinstance(environment(review), LimitedSandbox)


# --------------------------------------------------------------------------- PDF resources

def test_the_package_sandbox_reads_a_view_models_keys_first_and_stays_a_sandbox() -> None:
    """``row.country`` of a dict reads its key (no exception raised and caught per value); a name that
    is no key reads as Jinja reads it, and the sandbox still refuses what it refuses."""
    import jinja2
    import jinja2.sandbox

    from legalreview.render.sandbox import PackageSandbox

    env = PackageSandbox(loader=jinja2.DictLoader({
        "row": "{{ row.country }}|{{ row.items is defined }}|{{ obj.name }}",
        "escape": "{{ row.__class__.__mro__ }}",
        "mutate": "{{ row.update({'x': 1}) }}",
    }), undefined=jinja2.StrictUndefined)
    obj = type("Obj", (), {"name": "attr"})()
    assert env.get_template("row").render(row={"country": "Kenya"}, obj=obj) == "Kenya|True|attr"
    for name in ("escape", "mutate"):
        with pytest.raises(jinja2.sandbox.SecurityError):
            env.get_template(name).render(row={"country": "Kenya"})


def test_the_pdf_fetches_no_url_and_no_file_outside_the_build(review: Path, secret: Path, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    (review / "templates").mkdir()
    (review / "templates" / "print.css").write_text(
        f'@import url("file:///etc/passwd");\n@import url("{secret.as_uri()}");\n'
        'body { background: url("https://example.invalid/x.png"); }\n', "utf-8")
    (review / "templates" / "scorecard.html.j2").write_text(
        '<html><head><style>{{ print_css }}</style></head><body><p>Scorecard {{ name }}</p>'
        f'<img src="https://example.invalid/x.png"><img src="{secret.as_uri()}"><img src="file:///etc/passwd">'
        '</body></html>\n', "utf-8")
    out = tmp_path / "KEN.pdf"

    run = CliRunner().invoke(main, ["profile", "KEN", "--dir", str(review), "--format", "pdf", "-o", str(out)])

    assert run.exit_code == 0, run.output
    assert out.read_bytes().startswith(b"%PDF")
    assert SECRET.encode() not in out.read_bytes()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "Scorecard Kenya" in text
        assert SECRET not in text and "root:" not in text


def test_the_pdf_fetcher_serves_package_files_and_refuses_the_rest(secret: Path) -> None:
    from legalreview.render.pdf import _fetch_inside
    from legalreview.render.site import STATIC

    data, mime = _fetch_inside((STATIC / "print.css").as_uri(), [STATIC])
    assert data == (STATIC / "print.css").read_bytes() and mime == "text/css"
    assert _fetch_inside("data:text/plain,hi", [STATIC]) == (b"hi", "text/plain")
    for url in ["file:///etc/passwd", secret.as_uri(), (STATIC / ".." / ".." / "cli.py").as_uri(),
                "https://example.invalid/x.css", "ftp://example.invalid/x", "data:text/plain," + "x" * 2_000_000]:
        with pytest.raises(ValueError):
            _fetch_inside(url, [STATIC])
    link = STATIC.parent / "templates" / "_test_link.css"  # a link inside an allowed folder is refused too
    try:
        link.symlink_to(secret)
        with pytest.raises(ValueError):
            _fetch_inside(link.as_uri(), [STATIC.parent])
    finally:
        link.unlink(missing_ok=True)


# --------------------------------------------------------------------------- the lock file

@pytest.mark.parametrize("kind", ["dangling link", "link to a file", "folder"])
def test_a_lock_file_that_is_not_a_regular_file_is_refused_with_what_to_do(review: Path, secret: Path,
                                                                           kind: str) -> None:
    from legalreview.issues import ReviewError
    from legalreview.locking import LOCK_NAME, workspace_lock

    lock = review / LOCK_NAME
    if kind == "dangling link":
        lock.symlink_to(review / "no-such-file")
    elif kind == "link to a file":
        lock.symlink_to(secret)
    else:
        lock.mkdir()
    before = secret.read_bytes()

    with pytest.raises(ReviewError) as info:
        with workspace_lock(review, "import"):
            pytest.fail("the lock was taken")

    message = str(info.value)
    what = "a symbolic link" if "link" in kind else "a folder"
    assert f"`.legalreview.lock` is {what}, not a lock legalreview wrote; delete it and run the command again" \
        in message
    assert secret.read_bytes() == before, "nothing was written through the link"
    assert os.path.lexists(lock) and not (review / "no-such-file").exists()
    assert not [p for p in review.iterdir() if p.name.startswith(LOCK_NAME + ".")], "no temporary file left"


# --------------------------------------------------------------------------- serve

@pytest.fixture
def served(review: Path, secret: Path):
    from legalreview.render.preview import serve_in_background

    site = review / "reports" / "site"
    (site / "countries").mkdir(parents=True)
    (site / "index.html").write_text("<p>front page</p>", "utf-8")
    (site / "countries" / "KEN.html").write_text("<p>Kenya</p>", "utf-8")
    (site / "empty").mkdir()
    (site / "leak.txt").symlink_to(secret)
    (site / "outside").symlink_to(secret.parent, target_is_directory=True)
    (site / "inside-link.html").symlink_to(site / "index.html")
    server, base = serve_in_background(site)
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_serve_answers_the_site_with_nosniff(served: str) -> None:
    status, headers, body = fetch(served + "countries/KEN.html")
    assert status == 200 and b"Kenya" in body
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert fetch(served)[2] == b"<p>front page</p>"


@pytest.mark.parametrize("path", ["leak.txt", "outside/secret.txt", "inside-link.html", "../../../outside/secret.txt",
                                  "%2e%2e/%2e%2e/%2e%2e/outside/secret.txt", "countries/../leak.txt"])
def test_serve_never_follows_a_link_or_leaves_the_site(served: str, path: str) -> None:
    status, headers, body = fetch(served + path)
    assert status == 404
    assert SECRET.encode() not in body


@pytest.mark.parametrize("path", ["countries/", "empty/", "countries"])
def test_serve_lists_no_folder(served: str, path: str) -> None:
    status, _headers, body = fetch(served + path)
    assert status == 404
    assert b"KEN.html" not in body


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil"])
def test_serve_refuses_a_foreign_host_header(served: str, host: str) -> None:
    status, _headers, body = fetch(served + "index.html", host=host)
    assert status == 400
    assert b"front page" not in body


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_serve_answers_a_loopback_host_header(served: str, host: str) -> None:
    assert fetch(served + "index.html", host=host)[0] == 200


# --------------------------------------------------------------------------- the site folder review.toml names

@pytest.mark.parametrize("out", ["../escaped-site", "/tmp/legalreview-escaped-site", "reports/linked/site"])
def test_a_site_folder_outside_the_workspace_is_refused(review: Path, tmp_path: Path, out: str) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (review / "reports").mkdir()
    (review / "reports" / "linked").symlink_to(elsewhere, target_is_directory=True)
    toml = review / "review.toml"
    text = toml.read_text("utf-8")
    assert 'out = "reports/site"' in text
    toml.write_text(text.replace('out = "reports/site"', f'out = "{out}"'), "utf-8")

    for command in (["build", "--dir", str(review), "--quiet"], ["serve", "--dir", str(review)]):
        run = CliRunner().invoke(main, command)
        assert run.exit_code == 1
        assert "review.toml: [build] out" in run.output and "--out" in run.output
    assert list(elsewhere.iterdir()) == []
    assert not (tmp_path / "escaped-site").exists() and not Path("/tmp/legalreview-escaped-site").exists()


def test_a_journal_that_is_a_link_or_names_a_link_is_never_followed(tmp_path: Path) -> None:
    """A received workspace may carry a journal: one that is a link (to a device that never ends, or
    a file outside) is not read, and a journal naming a temporary file that is a link renames nothing."""
    import os

    from legalreview.store import JOURNAL_NAME, recover_journal

    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET-OUTSIDE", encoding="utf-8")
    folder = tmp_path / "ws" / "countries"
    folder.mkdir(parents=True)
    (folder / "KEN.yaml").write_text("iso3: KEN\n", encoding="utf-8")
    os.symlink("/dev/zero", folder / JOURNAL_NAME)
    assert recover_journal(folder) == []  # returns at once: /dev/zero is never read
    assert (folder / "KEN.yaml").read_text(encoding="utf-8") == "iso3: KEN\n"

    assert not os.path.lexists(folder / JOURNAL_NAME)  # the bogus journal link is removed, not followed
    os.symlink(outside, folder / ".KEN.yaml.x.tmp")
    (folder / JOURNAL_NAME).write_text('{"replace": [[".KEN.yaml.x.tmp", "KEN.yaml"]]}', encoding="utf-8")
    assert recover_journal(folder) == []
    assert not (folder / "KEN.yaml").is_symlink()
    assert (folder / "KEN.yaml").read_text(encoding="utf-8") == "iso3: KEN\n"
