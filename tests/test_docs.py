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
