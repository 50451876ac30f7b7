"""The README documents every command and every problem code (like sqlite-utils' test_docs)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from legalreview.cli import main

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme_and_has_an_example_in_its_help(command: str) -> None:
    assert f"`legalreview {command}" in README, f"document `legalreview {command}` in the README"
    assert "Example:" in (main.commands[command].help or ""), f"give `{command} --help` an example"


def test_the_readme_lists_every_problem_code() -> None:
    spec = importlib.util.spec_from_file_location("gen_docs", REPO / "scripts" / "gen_docs.py")
    gen_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_docs)
    assert gen_docs.updated(README) == README, "run `python3 scripts/gen_docs.py` to refresh the README"


def test_the_readme_worked_example_shows_what_validate_really_prints(embedded: Path) -> None:
    from click.testing import CliRunner

    ken = embedded / "countries" / "KEN.yaml"
    lines = ken.read_text(encoding="utf-8").splitlines()
    in_2023 = False
    for index, line in enumerate(lines):
        in_2023 = in_2023 or 'edition: "2023"' in line
        if in_2023 and line.strip().startswith("C1:"):
            lines[index] = '      C1: {value: "yes"}'
        if in_2023 and line.strip().startswith("C2:"):
            lines[index] = "      C2: maybe"
    ken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--dir", str(embedded)])
    assert result.exit_code == 1
    printed = [line for line in result.output.splitlines() if line.startswith("countries/")]
    assert len(printed) == 2
    for line in printed:
        assert line in README, f"the README's worked example is out of date: {line}"
