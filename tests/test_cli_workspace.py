"""The command line finds its workspace as git finds a repository, takes --dir everywhere, and fails
with one line and a meaningful exit status (0 ok, 1 data problems, 2 usage errors), never a traceback."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from legalreview import find_workspace
from legalreview.cli import main
from legalreview.issues import ReviewError

#: Commands that work on no workspace: `init` creates one.
NO_WORKSPACE = {"init"}
#: Commands that took a positional DIRECTORY before --dir (still accepted, deprecated).
POSITIONAL = {"validate", "build", "lint", "serve"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line_error(result: Result) -> str:
    """Return the one line a failed command printed on stderr, after checking there was one."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return lines[0]


# --------------------------------------------------------------------------- discovery


def test_find_workspace_walks_up_from_a_country_folder_to_review_toml(small: Path) -> None:
    assert find_workspace(small / "countries") == small.absolute()
    assert find_workspace(small) == small.absolute()


def test_find_workspace_outside_any_review_raises_a_no_workspace_issue(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    with pytest.raises(ReviewError) as caught:
        find_workspace(tmp_path / "notes")
    assert [i.code for i in caught.value.issues] == ["no-workspace"]
    assert "--dir" in caught.value.issues[0].hint


def test_find_workspace_ignores_a_review_toml_that_is_a_folder(small: Path) -> None:
    inner = small / "countries" / "drafts"
    (inner / "review.toml").mkdir(parents=True)
    assert find_workspace(inner) == small.absolute()


def test_score_run_in_the_countries_folder_uses_the_review_above(small: Path, monkeypatch) -> None:
    monkeypatch.chdir(small / "countries")
    result = run("score", "--set", "csam", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["CIV", "FJI", "GBR", "KEN", "VAT"]


def test_validate_run_in_a_sub_folder_checks_the_whole_review(small: Path, monkeypatch) -> None:
    (small / "countries" / "KEN.yaml").write_text("iso3: KEN\nname: Kenya\nstatutes: oops\n", encoding="utf-8")
    monkeypatch.chdir(small / "criteria")
    result = run("validate")
    assert result.exit_code == 1
    assert "countries/KEN.yaml:3" in result.stdout


def test_a_command_outside_any_workspace_says_so_in_one_line_with_exit_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("status")
    assert result.exit_code == 2
    line = one_line_error(result)
    assert line.startswith("Error: no review.toml in ") and "--dir" in line and "legalreview init" in line


def test_dir_naming_a_folder_without_review_toml_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = run("score", "--set", "csam", "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert f"no review.toml in {tmp_path}" in one_line_error(result)


@pytest.mark.parametrize("command", sorted(set(main.commands) - NO_WORKSPACE))
def test_every_workspace_command_takes_dir(command: str) -> None:
    options = {opt for p in main.commands[command].params if isinstance(p, click.Option) for opt in p.opts}
    assert "--dir" in options


@pytest.mark.parametrize("command", sorted(POSITIONAL))
def test_the_deprecated_positional_folder_is_hidden_from_the_usage_line(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    usage = result.output.splitlines()[0]
    assert "DIRECTORY" not in usage and "--dir" in result.output


def test_the_positional_folder_still_works_with_a_deprecation_warning(small: Path) -> None:
    result = run("validate", str(small))
    assert result.exit_code == 0, result.output
    assert "deprecated" in result.stderr and f"--dir {small}" in result.stderr
    assert "deprecated" not in result.stdout


def test_lint_takes_dir_like_every_other_command(small: Path) -> None:
    result = run("lint", "--dir", str(small))
    assert result.exit_code == 0, result.output
    assert "deprecated" not in result.output


def test_giving_the_folder_twice_is_a_usage_error(small: Path) -> None:
    result = run("validate", str(small), "--dir", str(small))
    assert result.exit_code == 2
    assert "give the workspace once" in one_line_error(result)


# --------------------------------------------------------------------------- errors and exit codes


def test_a_missing_workbook_is_one_line_and_exit_2(small: Path) -> None:
    result = run("import-xlsx", "csam-africa.xlsx", "--dir", str(small))
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "csam-africa.xlsx" in line and "does not exist" in line


def test_a_missing_option_is_one_line_naming_the_help(small: Path) -> None:
    result = run("score", "--dir", str(small))
    assert result.exit_code == 2
    line = one_line_error(result)
    assert "Missing option '--set'" in line and "score --help" in line


def test_a_mistyped_command_is_one_line_suggesting_the_right_one() -> None:
    result = run("scor")
    assert result.exit_code == 2
    assert "Did you mean 'score'?" in one_line_error(result)


def test_both_countries_and_region_is_a_usage_error(small: Path, tmp_path: Path) -> None:
    result = run("export-xlsx", "--set", "csam", "--countries", "KEN", "--region", "Africa",
                 "-o", str(tmp_path / "csam.xlsx"), "--dir", str(small))
    assert result.exit_code == 2
    assert "not both" in one_line_error(result)
    assert not (tmp_path / "csam.xlsx").exists()


def test_an_unknown_git_revision_is_a_one_line_usage_error(repo_root: Path) -> None:
    result = run("diff", "--rev", "no-such-tag..HEAD", "--dir", str(repo_root))
    assert result.exit_code == 2
    assert "no-such-tag" in one_line_error(result)


def test_a_review_with_errors_exits_1(small: Path) -> None:
    (small / "countries" / "KEN.yaml").write_text("iso3: KEN\nname: Kenya\nstatutes: oops\n", encoding="utf-8")
    result = run("score", "--set", "csam", "--dir", str(small))
    assert result.exit_code == 1
    assert "countries/KEN.yaml:3" in result.output and "Traceback" not in result.output


def test_serve_on_a_busy_port_names_the_port_and_suggests_another(small: Path) -> None:
    site = small / "reports" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>CSAM review</title>", encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--dir", str(small), "--port", str(port))
    assert result.exit_code == 2
    line = one_line_error(result)
    assert f"port {port} is already in use" in line and "--port" in line
    assert "Serving" not in result.stdout


# --------------------------------------------------------------------------- output for people


def test_piped_tables_never_show_na_or_nan(small: Path) -> None:
    result = run("score", "--set", "csam", "--dir", str(small))
    assert result.exit_code == 0
    assert "CIV" in result.stdout and "not-assessed" in result.stdout
    for word in ("<NA>", "nan", "NaN", "None", "NaT"):
        assert word not in result.stdout, word


def test_piped_status_shows_whole_numbers_without_a_decimal_point(small: Path) -> None:
    result = run("status", "--dir", str(small))
    assert result.exit_code == 0
    csam = next(line for line in result.stdout.splitlines() if line.startswith("csam"))
    assert csam.split()[-1] == "40" and "nan" not in result.stdout


def test_piped_export_prints_only_its_summary_no_progress(small: Path, tmp_path: Path) -> None:
    result = run("export-xlsx", "--set", "csam", "-o", str(tmp_path / "csam.xlsx"), "--dir", str(small))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"Wrote {tmp_path / 'csam.xlsx'}: csam edition 2023, 5 countries, 25 rows."]
    assert result.stderr == ""


def _run_on_a_terminal(args: list[str], cwd: Path, stdout_on_terminal: bool) -> tuple[str, str]:
    """Run the command line in a child whose stderr (and, if asked, stdout) is a pseudo-terminal;
    return (stdout, terminal text)."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "LINES": "50", "TERM": "xterm-256color",
           "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "legalreview.cli", *args], cwd=cwd, env=env,
                            stdout=follower if stdout_on_terminal else subprocess.PIPE, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.wait(timeout=300) == 0
    os.close(leader)
    return out, b"".join(chunks).decode("utf-8", "replace")


def test_on_a_terminal_score_draws_a_rich_table_without_na(small: Path) -> None:
    _out, screen = _run_on_a_terminal(["score", "--set", "csam"], small / "countries", stdout_on_terminal=True)
    assert "┃" in screen and "Côte d'Ivoire" in screen and "not-assessed" in screen
    for word in ("<NA>", "nan", "NaN"):
        assert word not in screen


def test_build_progress_goes_to_the_terminal_on_stderr_never_into_piped_stdout(small: Path) -> None:
    out, screen = _run_on_a_terminal(["build"], small, stdout_on_terminal=False)
    import re

    assert "━" in screen and re.search(r"\d+/\d+", screen)  # the progress bar, on stderr
    assert out.startswith("Built ") and "━" not in out and "..." not in out


def _program(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed program's entry point (``legalreview.cli:run``) in a child with pipes."""
    import os
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    code = "import sys; from legalreview.cli import run; sys.argv[0] = 'legalreview'; run()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_the_program_ends_with_the_command_status_and_everything_it_printed(small: Path, tmp_path: Path) -> None:
    built = _program(["build", "--quiet", "--dir", str(small), "--out", str(tmp_path / "site")], tmp_path)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built ") and built.stdout.rstrip().endswith("/index.html")
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "data" / "SHA256SUMS").is_file()
    (small / "countries" / "FJI.yaml").write_text("iso3: [unclosed\n", encoding="utf-8")
    broken = _program(["validate", "--dir", str(small)], tmp_path)
    assert broken.returncode == 1 and "FJI.yaml" in broken.stdout and "error" in broken.stderr
    misused = _program(["build", "--no-such-option"], tmp_path)
    assert misused.returncode == 2 and "--no-such-option" in misused.stderr
