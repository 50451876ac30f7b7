"""The data page: the checksum command it prints works as printed, every file is listed (the report
PDF too), and the codebook is generated from data/datapackage.json."""

from __future__ import annotations

import html
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import legalreview as lr
from legalreview.cli import main
from legalreview.render.site import build_site


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    from conftest import SMALL, copy_workspace

    ws = copy_workspace(SMALL, tmp_path_factory.mktemp("downloads") / "ws")
    return build_site(lr.load_review(ws), ws / "site", with_charts=False).out_dir


def listed_files(site: Path) -> list[str]:
    page = (site / "downloads.html").read_text("utf-8")
    return re.findall(r'<th scope="row"><a href="([^"]+)">', page)


def printed_command(site: Path) -> str:
    page = (site / "downloads.html").read_text("utf-8")
    return html.unescape(re.search(r'<pre class="command"><code>(.*?)</code></pre>', page).group(1))


def test_the_checksum_command_works_exactly_as_the_page_prints_it(small_site: Path):
    if shutil.which("sha256sum") is None:
        pytest.fail("sha256sum (coreutils) is missing")
    command = printed_command(small_site)
    assert command == "sha256sum -c SHA256SUMS"
    done = subprocess.run(shlex.split(command), cwd=small_site / "data", capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(listed_files(small_site))


def test_a_changed_file_fails_the_check(small_site: Path, tmp_path: Path):
    copy = tmp_path / "site"
    shutil.copytree(small_site, copy)
    with open(copy / "data" / "scores.csv", "a", encoding="utf-8") as fh:
        fh.write("tampered\n")
    done = subprocess.run(shlex.split(printed_command(copy)), cwd=copy / "data", capture_output=True, text=True)
    assert done.returncode != 0 and "scores.csv: FAILED" in done.stdout


def test_every_data_file_is_listed_and_checksummed(small_site: Path):
    on_disk = {str(p.relative_to(small_site)) for p in (small_site / "data").iterdir() if p.name != "SHA256SUMS"}
    on_disk.add("CITATION.cff")
    assert set(listed_files(small_site)) == on_disk
    sums = (small_site / "data" / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == len(on_disk)


def test_build_with_pdf_lists_and_checksums_the_report(tmp_path: Path):
    pytest.importorskip("weasyprint")
    from conftest import SMALL, copy_workspace

    ws = copy_workspace(SMALL, tmp_path / "ws")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(ws), "--out", str(out), "--pdf", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / "data" / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "data/report.pdf" in listed_files(out)
    done = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out / "data", capture_output=True, text=True)
    assert done.returncode == 0 and "report.pdf: OK" in done.stdout


def test_the_codebook_explains_every_column_of_every_file_in_the_data_package(small_site: Path):
    package = json.loads((small_site / "data" / "datapackage.json").read_text("utf-8"))
    page = html.unescape((small_site / "codebook.html").read_text("utf-8"))
    assert "codebook.html" in (small_site / "downloads.html").read_text("utf-8")
    for resource in package["resources"]:
        assert f'<code>{resource["name"]}</code>' in page
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in page
            if field.get("description"):
                assert field["description"] in page
