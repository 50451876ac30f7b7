"""The ``legalreview`` command line: thin click commands that call the Python API and print.

Every command has ``--help`` with an example. Problems are printed one per line as
``file:line:col: severity code: message (hint: ...)``; the exit code is 1 when any error exists.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .issues import Issue, ReviewError, has_errors, issues_to_json, sort_issues


def _print_issues(issues: list[Issue], as_json: bool) -> None:
    ordered = sort_issues(issues)
    if as_json:
        click.echo(issues_to_json(ordered))
        return
    for issue in ordered:
        click.echo(str(issue))
    errors = sum(1 for i in issues if i.severity == "error")
    warnings = len(issues) - errors
    summary = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    click.echo(summary if issues else "No problems found.", err=bool(issues))


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(1)


def _load(directory: str):  # -> Review
    from . import load_review

    try:
        return load_review(directory)
    except ReviewError as exc:
        _print_issues(exc.issues, as_json=False)
        click.echo("Error: the review has errors; fix them and run the command again "
                   "(`legalreview validate` lists them).", err=True)
        sys.exit(1)


dir_option = click.option("--dir", "directory", default=".", show_default=True,
                          type=click.Path(file_okay=False), help="The review workspace folder.")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="legalreview")
def main() -> None:
    """legalreview: score national laws against criteria sets and publish the review.

    Run a command with --help to see what it does, e.g. `legalreview build --help`.
    """


@main.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--name", default="My legislation review", help="The review's title (in review.toml).")
@click.option("--publisher", default="My organisation", help="Who publishes it (in review.toml).")
def init(directory: str, name: str, publisher: str) -> None:
    """Create a new review workspace in DIRECTORY.

    It holds review.toml, the three shipped criteria sets and one empty file per jurisdiction
    on the default roster of 196.

    Example: legalreview init my-review
    """
    from .init import init_workspace

    try:
        written = init_workspace(directory, name=name, publisher=publisher)
    except FileExistsError as exc:
        _fail(str(exc))
    click.echo(f"Created {len(written)} files in {directory}. Next: cd {directory} && legalreview validate")


@main.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the problems as a JSON array.")
def validate(directory: str, as_json: bool) -> None:
    """Check every file of the review in DIRECTORY and list every problem found.

    Exit code 1 when any error exists, 0 when there are none (warnings allowed).

    Example: legalreview validate --json > problems.json
    """
    from .workspace import load_workspace

    _ws, issues = load_workspace(directory)
    _print_issues(issues, as_json)
    sys.exit(1 if has_errors(issues) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
