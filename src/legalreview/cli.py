"""The ``legalreview`` command line: thin click commands that call the Python API and print.

Every command has ``--help`` with an example. Problems are printed one per line as
``file:line:col: severity code: message (hint: ...)``; the exit code is 1 when any error exists.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from typing import NoReturn

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


def _fail_value(exc: ValueError) -> None:
    """Exit 1 with the message of a ValueError; an unknown set, edition, region or country (the
    resolver's :class:`~legalreview.resolve.UnknownValue`) goes on to :class:`_Group`: exit 2."""
    from .resolve import UnknownValue

    if isinstance(exc, UnknownValue):
        raise exc
    _fail(str(exc))


class _Group(click.Group):
    """The command group, where every failure becomes one line and an exit status (no traceback):

    - 2, a usage error: an option or value given wrongly, a missing file, or a set, edition, region
      or country that does not exist (naming the nearest choices);
    - 1, a data problem: the review or a workbook has errors (listed one per line), or a file cannot
      be read or written.
    """

    def invoke(self, ctx: click.Context):
        from .resolve import UnknownValue

        try:
            return super().invoke(ctx)
        except UnknownValue as exc:
            for issue in exc.issues:
                click.echo(str(issue), err=True)
            sys.exit(2)
        except click.UsageError as exc:
            name = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            _usage(f"{exc.format_message()} (`{name} --help` shows the options)")
        except ReviewError as exc:
            _print_issues(exc.issues, as_json=False)
            sys.exit(1)
        except ModuleNotFoundError as exc:
            extras = {"weasyprint": "pdf"}
            extra = extras.get((exc.name or "").split(".")[0])
            if extra is None:
                raise
            _usage(f"this needs the optional package {exc.name}: pip install 'legalreview[{extra}]'")
        except FileNotFoundError as exc:
            _usage(f"{exc.filename or exc}: no such file or folder; check the name")
        except IsADirectoryError as exc:
            _usage(f"{exc.filename or exc}: is a folder; give a file name")
        except OSError as exc:
            _fail(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}")


def _json(data: object) -> None:
    """Print one JSON document."""
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _records(frame) -> list:
    """Return a DataFrame as JSON-ready records (index included when it is named)."""
    import json

    data = frame.reset_index() if frame.index.name is not None else frame
    return json.loads(data.to_json(orient="records", force_ascii=False, date_format="iso"))


def _load(directory: str, keep_cache: bool = False):  # -> Review
    from . import load_review

    try:
        return load_review(directory, keep_cache=keep_cache)
    except ReviewError as exc:
        _print_issues(exc.issues, as_json=False)
        click.echo("Error: the review has errors; fix them and run the command again "
                   "(`legalreview validate` lists them).", err=True)
        sys.exit(1)


def _usage(message: str) -> NoReturn:
    """Exit 2 (a usage error: an option, value or file given wrongly) with a one-line message."""
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


def _workspace_dir(directory: str | None) -> str:
    """Return the workspace folder of a command: ``--dir`` as given, else the nearest folder from the
    current one upwards that holds review.toml (exit 2 with one line when there is none)."""
    from .discover import MARKER, find_workspace

    if directory is not None:
        if not os.path.lexists(os.path.join(directory, MARKER)):
            _usage(f"no {MARKER} in {directory}, so it is not a review workspace; check --dir, or create one with "
                   f"`legalreview init {directory}`")
        return directory

    try:
        return str(find_workspace("."))
    except ReviewError as exc:
        issue = exc.issues[0]
        _usage(f"{issue.message}; {issue.hint}")


class _HiddenArgument(click.Argument):
    """A positional argument left out of the usage line (kept working for old scripts)."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []


def _workspace_params(f, positional: bool):
    """Give command ``f`` the ``--dir`` option (and, with ``positional``, the deprecated DIRECTORY
    argument); ``f`` receives ``directory`` already resolved (see :func:`_workspace_dir`)."""

    @functools.wraps(f)
    def command(*args, directory: str | None = None, legacy_directory: str | None = None, **kwargs):
        if legacy_directory is not None:
            if directory is not None:
                _usage(f"give the workspace once: --dir {directory} (the positional folder is deprecated)")
            click.echo(f"Warning: the positional folder is deprecated; use --dir {legacy_directory}", err=True)
            directory = legacy_directory
        return f(*args, directory=_workspace_dir(directory), **kwargs)

    command = click.option("--dir", "directory", default=None, type=click.Path(file_okay=False),
                           help="The review workspace folder (default: the nearest folder from the current "
                                "one upwards that holds review.toml, as git finds a repository).")(command)
    if positional:
        command = click.argument("legacy_directory", required=False, cls=_HiddenArgument,
                                 type=click.Path(file_okay=False))(command)
    return command


def dir_option(f):
    """Decorator: the command takes ``--dir`` (default: the workspace found from the current folder)."""
    return _workspace_params(f, positional=False)


def dir_option_or_argument(f):
    """Decorator for the commands that took a positional DIRECTORY before ``--dir`` (validate, build,
    lint, serve): both work; the positional one prints a deprecation warning on stderr."""
    return _workspace_params(f, positional=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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
@dir_option_or_argument
@click.option("--json", "as_json", is_flag=True, help="Print the problems as a JSON array.")
def validate(directory: str, as_json: bool) -> None:
    """Check every file of the review and list every problem found.

    Exit code 1 when any error exists, 0 when there are none (warnings allowed).

    Example: legalreview validate --json > problems.json
    """
    from . import validate as validate_review

    issues = validate_review(directory)
    _print_issues(issues, as_json)
    sys.exit(1 if has_errors(issues) else 0)


def _emit(frame, fmt: str, title: str) -> None:
    """Print a DataFrame as a rich table (terminal), plain text, CSV, JSON or Markdown."""
    import pandas as pd

    from .render.formats import markdown_table, safe_csv_frame

    if fmt == "csv":
        click.echo(safe_csv_frame(frame).to_csv(index=frame.index.name is not None), nl=False)
    elif fmt == "json":
        data = frame.reset_index() if frame.index.name is not None else frame
        click.echo(data.to_json(orient="records", force_ascii=False, indent=2, date_format="iso"))
    elif fmt == "markdown":
        click.echo(markdown_table(frame), nl=False)
    elif sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        data = _blank_missing(frame.reset_index() if frame.index.name is not None else frame)
        table = Table(title=title)
        for col in data.columns:
            table.add_column(str(col), justify="right" if pd.api.types.is_numeric_dtype(frame.get(col)) else "left")
        for row in data.itertuples(index=False):
            table.add_row(*(str(v) for v in row))
        Console().print(table)
    else:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
            click.echo(_blank_missing(frame).to_string())


def _blank_missing(frame):  # -> pd.DataFrame
    """Return the frame as text cells with every missing value (NaN, None, <NA>, NaT) blank: people
    reading a table in a terminal see an empty cell, never ``<NA>`` or ``nan``."""
    import pandas as pd

    def text(value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
            return ""
        if isinstance(value, float):  # 40.0 -> "40", 0.6666 -> "0.667"
            return f"{value:.3f}".rstrip("0").rstrip(".")
        return str(value)

    out = frame.astype(object).map(text)
    if not isinstance(out.index, pd.MultiIndex) and out.index.hasnans:
        out.index = out.index.map(text)
    return out


format_option = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]),
                             default="table", show_default=True, help="Output format.")


@main.command()
@click.option("--set", "set_id", required=True, help="Criteria set id, e.g. csam.")
@click.option("--edition", default=None, help="Edition (default: each country's latest).")
@click.option("--region", default=None, help="Only countries of this UN M49 region, sub-region or intermediate "
              "region, e.g. Africa.")
@click.option("--counts", is_flag=True, help="Print tier and criterion counts instead of the table "
              "(with --format json: one object with both).")
@format_option
@dir_option
def score(set_id: str, edition: str | None, region: str | None, counts: bool, fmt: str, directory: str) -> None:
    """Print the global table of a criteria set: one row per roster country.

    Example: legalreview score --set csam --format csv > csam.csv
    """
    review = _load(directory)
    try:
        table = review.table(set_id, edition, region=region)
    except ValueError as exc:
        _fail_value(exc)
    cs = review.criteria_set(set_id)
    set_id = cs.id
    if counts:
        tiers = review.tier_counts(set_id, edition, region=region)
        criteria = review.criterion_counts(set_id, edition, region=region).to_frame()
        if fmt == "json":
            _json({"set": set_id, "edition": review.edition(set_id, edition), "region": region,
                   "tiers": _records(tiers), "criteria": _records(criteria)})
            return
        _emit(tiers, fmt, f"{set_id}: countries per tier")
        if fmt == "markdown":  # two Markdown tables need a blank line between them
            click.echo("")
        _emit(criteria, fmt, f"{set_id}: countries meeting each criterion")
        return
    columns = ["country", "region", "edition", *cs.criterion_ids, "met_count", "tier", "tier_low", "tier_high"]
    _emit(table[columns], fmt, f"{cs.title}")


@main.command()
@click.option("--set", "set_id", default=None, help="Criteria set id, e.g. csam (needed with --from/--to).")
@click.option("--from", "old", default=None, help="The earlier edition, e.g. 2016.")
@click.option("--to", "new", default=None, help="The later edition, e.g. 2023.")
@click.option("--rev", "rev_range", default=None, help="Compare two git revisions of the workspace instead, "
              "e.g. v2023..HEAD: every answer that changed.")
@format_option
@dir_option
def diff(set_id: str | None, old: str | None, new: str | None, rev_range: str | None, fmt: str,
         directory: str) -> None:
    """List countries whose answers or tier changed between two editions, with the reasons
    (or, with --rev OLD..NEW, every answer that changed between two git revisions).

    Example: legalreview diff --set csam --from 2016 --to 2023 --format markdown

    Example: legalreview diff --rev v2023..HEAD --format markdown >> CHANGELOG.md
    """
    if rev_range:
        from .quality import RevisionError, revision_diff, revision_diff_markdown

        try:
            changed = revision_diff(directory, rev_range, set_id)
        except RevisionError as exc:  # a range git cannot resolve: given wrongly
            _usage(str(exc))
        if fmt == "markdown":
            click.echo(revision_diff_markdown(changed, rev_range), nl=False)
        elif changed.empty and fmt != "json":
            click.echo(f"No answers changed in {rev_range}.")
        else:
            _emit(changed, fmt, f"Answers changed, {rev_range}")
        return
    if not (set_id and old and new):
        _usage("give --set, --from and --to (two editions), or --rev OLD..NEW (two git revisions)")
    review = _load(directory)
    try:
        changes = review.diff(set_id, old, new)
    except ValueError as exc:
        _fail_value(exc)
    if changes.empty and fmt != "json":
        click.echo(f"No changes in {set_id} between {old} and {new}.")
        return
    _emit(changes, fmt, f"{set_id}: changes from {old} to {new}")


@main.command()
@click.argument("iso3")
@click.option("--set", "set_id", required=True, help="Criteria set id, e.g. grooming.")
@format_option
@dir_option
def gaps(iso3: str, set_id: str, fmt: str, directory: str) -> None:
    """List the criteria a country does not meet, with the model provision that would close each gap.

    Example: legalreview gaps KEN --set csam
    """
    review = _load(directory)
    code = review.country(iso3)
    try:
        found = review.gaps(code, set_id)
    except ValueError as exc:
        _fail_value(exc)
    if found.empty and fmt != "json":
        click.echo(f"{code} meets every {set_id} criterion.")
        return
    _emit(found.set_index("criterion"), fmt, f"{code}: {set_id} gaps")


@main.command("export-xlsx")
@click.option("--set", "set_id", required=True, help="The criteria set, e.g. csam.")
@click.option("--edition", default=None, help="The edition to fill in (default: review.toml's, else the set's latest).")
@click.option("--countries", default=None, help="Comma-separated ISO3 codes or names, e.g. KEN,GBR,\"Ivory Coast\".")
@click.option("--region", default=None, help="Only countries of this UN M49 region, sub-region or intermediate "
              "region, e.g. Africa.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="The workbook to write (.xlsx).")
@click.option("--blank", is_flag=True, help="For a second, independent coder: no answers, evidence or notes "
              "(needs --coder); the import adds that coder's own assessment, marked independent.")
@click.option("--coder", default=None, help="With --blank: the second coder's id, e.g. analyst-b.")
@click.option("--lang", "language", default=None, callback=lambda _c, _p, v: _language_option(v),
              help="The instructions, answer labels, criterion names and questions in this language, e.g. fr "
                   "(column headers stay the keys the import reads).")
@dir_option
def export_xlsx(set_id: str, edition: str | None, countries: str | None, region: str | None, output: str,
                blank: bool, coder: str | None, language: str | None, directory: str) -> None:
    """Write a workbook in which analysts fill in one criteria set: one row per country and criterion,
    a dropdown of answer codes, evidence and note columns, instructions and the provisions.

    Example: legalreview export-xlsx --set csam --region Africa -o csam-africa.xlsx

    Example: legalreview export-xlsx --set csam --countries ZAF --blank --coder analyst-b -o zaf-blind.xlsx

    Example: legalreview export-xlsx --set csam --lang fr -o csam-fr.xlsx
    """
    from . import export_workbook
    from .resolve import UnknownValue

    if countries and region:
        _usage("give --countries or --region, not both")
    if blank != bool(coder):
        _usage("--blank and --coder go together: `--blank --coder analyst-b` writes a blank workbook for analyst-b")
    try:
        with _working(f"Writing {output}..."):
            result = export_workbook(directory, set_id, output, edition=edition, countries=countries, region=region,
                                     blank_coder=coder if blank else None, language=language)
    except UnknownValue:
        raise
    except ReviewError as exc:
        _print_issues(exc.issues, as_json=False)
        sys.exit(1)
    click.echo(f"Wrote {output}: {set_id} edition {result.edition}, {len(result.countries)} countries, "
               f"{result.rows} rows.")


@main.command("import-xlsx")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="List the changes (country, criterion, old -> new); write nothing.")
@click.option("--coder", default=None, help="Who makes the change, recorded in each changed answer's history "
              "(default: review.toml's [people] me, else `git config user.name`).")
@click.option("--into", default=None, help="Write the answers into this coder's assessment (default: the one "
              "exported, or the blank workbook's coder).")
@dir_option
def import_xlsx(workbook: str, dry_run: bool, coder: str | None, into: str | None, directory: str) -> None:
    """Check a workbook made by export-xlsx and write its changes to the country files.

    Every problem is listed with its cell (e.g. csam!D12); if there is any, nothing is written.
    Changed files are written together or not at all. Every changed answer records who changed it,
    when, from which cell and what it was before (see `legalreview log`).

    Example: legalreview import-xlsx csam-africa.xlsx --coder "Thandi Mokoena" --dry-run
    """
    from .spreadsheet import import_workbook

    with _working(f"Checking {workbook}..."):
        result = import_workbook(directory, workbook, dry_run=dry_run, coder=coder, into=into)
    for added in result.added:
        click.echo(added)
    for change in result.changes:
        click.echo(str(change))
    for fact in result.fact_changes:
        click.echo(str(fact))
    if result.issues:
        _print_issues(result.issues, as_json=False)
    if not result.ok:
        click.echo("Error: nothing was written; fix the problems above and import again.", err=True)
        sys.exit(1)
    files = len({c.file for c in result.changes} | {f.file for f in result.fact_changes}
                | {a.split("(")[-1].split(")")[0] for a in result.added})
    added = f", {len(result.added)} statutes and provisions added" if result.added else ""
    added += f", {len(result.fact_changes)} facts changed" if result.fact_changes else ""
    if dry_run:
        click.echo(f"{len(result.changes)} changes{added} in {files} files (dry run: nothing written).")
    else:
        click.echo(f"{len(result.changes)} changes{added} written to {len(result.written)} files."
                   if result.changes or result.added or result.fact_changes else "No changes.")


class _BuildProgress:
    """Progress for `build`: a rich progress bar on a terminal, one plain line per stage otherwise."""

    def __init__(self, quiet: bool):
        self.quiet, self.bar, self.task, self.stage = quiet, None, None, ""

    def __enter__(self):
        if not self.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.__enter__()
            self.task = self.bar.add_task("Building", total=None)
        return self

    def __call__(self, label: str, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=label, completed=done, total=total)
        elif not self.quiet and label != self.stage:
            click.echo(f"{label}...")
        self.stage = label

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@contextlib.contextmanager
def _working(label: str):
    """Show a spinner with ``label`` on stderr while a long step runs, only when stderr is a terminal
    (piped or redirected output stays clean)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(label):
        yield


def _site_folder(directory: str, configured: str):  # -> Path
    """Return the site folder review.toml names, refusing one outside the workspace or through a link
    (a received review.toml must not make a build write, or `serve` show, another folder)."""
    from pathlib import Path

    from .safefiles import UnsafeFile, path_inside

    try:
        return path_inside(Path(directory), configured)
    except UnsafeFile as exc:
        _fail(f"review.toml: [build] out = {configured!r} is not a folder inside the workspace "
              f"({exc.issues[0].message}); use a relative path such as \"reports/site\", or choose the folder "
              "with --out")


def _template_problem(exc: Exception) -> str:
    """Return a one-line message naming the template (and line) that failed, and what to do."""
    import traceback

    where, line = getattr(exc, "filename", None) or getattr(exc, "name", None), getattr(exc, "lineno", None)
    if where is None:  # errors raised while rendering carry the template only in their traceback
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else ("a template", None)
    where = f"{where}:{line}" if line else where
    return (f"{where}: the template could not be rendered ({exc.__class__.__name__}: {exc}); fix or remove the "
            "override in your workspace's templates/ folder. Nothing was written.")


@main.command()
@dir_option_or_argument
@click.option("--out", default=None, type=click.Path(file_okay=False),
              help="Output folder (default: review.toml's build.out inside the workspace, e.g. reports/site).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="Also write the whole report as PDF (data/report.pdf in the site; needs the [pdf] extra).")
def build(directory: str, out: str | None, quiet: bool, with_pdf: bool) -> None:
    """Validate, score and render the review as a static website.

    The site (HTML pages, CSV/JSON/XLSX data, checksums) opens from file:// or any static host.
    Invalid input prints the validate report and writes nothing. The new site replaces the old
    one only when it is complete.

    Example: legalreview build --out reports/site
    """
    import time
    from pathlib import Path

    import jinja2

    from . import build_site

    review = _load(directory, keep_cache=True)  # the build keeps parsed files and the spine for the next one
    review.compact()  # the spine is made; country models are loaded again only for the pages that need them
    target = Path(out) if out else _site_folder(directory, review.config.build.out)
    started = time.perf_counter()
    with _BuildProgress(quiet) as progress:
        try:
            result = build_site(review, target, progress=progress, pdf=with_pdf)
        except ValueError as exc:
            _fail_value(exc)
        except jinja2.TemplateError as exc:
            _fail(_template_problem(exc))
    warnings = len(result.warnings)
    click.echo(f"Built {result.pages} pages: {result.countries_assessed} of {len(review.registry)} countries "
               f"assessed, {warnings} warning{'s' * (warnings != 1)}"
               f"{' (`legalreview validate` lists them)' if warnings else ''}, "
               f"in {time.perf_counter() - started:.1f} s.")
    if with_pdf:  # written with the site's data files, before SHA256SUMS (which lists it)
        click.echo(f"Wrote {result.out_dir / 'data' / 'report.pdf'}")
    click.echo(f"Open {result.index.resolve().as_uri()}")


def _language_option(value: str | None) -> str | None:
    """Check a --lang value: a language code such as fr, es or pt-BR."""
    from .i18n import LANGUAGE_PATTERN

    if value is None:
        return None
    value = value.strip()
    if not LANGUAGE_PATTERN.match(value):
        raise click.BadParameter(f"{value!r} is not a language code; write one such as fr, es or pt-BR")
    return value


#: Formats of `legalreview profile` (a PDF renderer may add "pdf").
PROFILE_FORMATS = ["md", "html", "pdf"]


@main.command()
@click.argument("iso3")
@dir_option
@click.option("--format", "fmt", type=click.Choice(PROFILE_FORMATS), default="md", show_default=True,
              help="Markdown to paste into a report, a standalone HTML page, or an A4 PDF scorecard "
                   "(written to ISO3-scorecard.pdf unless -o is given).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of printing.")
@click.option("--lang", "language", default=None, callback=lambda _c, _p, v: _language_option(v),
              help="With --format html or pdf: the profile in this language, e.g. fr (interface, criteria, "
                   "country names and dates; notes stay as written).")
def profile(iso3: str, directory: str, fmt: str, output: str | None, language: str | None) -> None:
    """Print one country's profile: tier per set, answers with the provisions cited, gaps, citation.

    Example: legalreview profile KEN --format md -o kenya.md

    Example: legalreview profile KEN --format pdf -o kenya-scorecard.pdf

    Example: legalreview profile KEN --format pdf --lang fr -o kenya-fr.pdf
    """
    from pathlib import Path

    import jinja2

    from .render.site import render_profile
    from .store import write_atomic

    if language is not None and fmt == "md":
        _usage("--lang writes the profile as HTML or PDF: add --format html or --format pdf")
    review = _load(directory)
    iso3 = review.country(iso3)
    if fmt == "pdf":
        from .render.pdf import scorecard_pdf

        try:
            data = scorecard_pdf(review, iso3, language=language)
        except ValueError as exc:
            _fail_value(exc)
        except jinja2.TemplateError as exc:
            _fail(_template_problem(exc))
        output = output or f"{iso3.upper()}-scorecard.pdf"
        write_atomic(Path(output), data)
        click.echo(f"Wrote {output}")
        return
    try:
        text = render_profile(review, iso3, fmt, language=language)
    except ValueError as exc:
        _fail_value(exc)
    except jinja2.TemplateError as exc:
        _fail(_template_problem(exc))
    if output:
        write_atomic(Path(output), text)
        click.echo(f"Wrote {output}")
    else:
        click.echo(text, nl=False)


# --------------------------------------------------------------------------- quality (issue 8)


def _quality_workspace(directory: str):  # -> Workspace
    """Load a workspace for the quality commands: they work on a review that still has errors."""
    from .speed import load_workspace

    ws, issues = load_workspace(directory)
    if ws is None:
        _print_issues(issues, as_json=False)
        _fail("review.toml could not be read; fix the problem above and run the command again")
    errors = sum(1 for i in issues if i.severity == "error")
    if errors:
        click.echo(f"Note: the review has {errors} error{'s' * (errors != 1)}; `legalreview validate` lists them.",
                   err=True)
    return ws


@main.command()
@click.option("--set", "set_id", required=True, help="Criteria set id, e.g. csam.")
@click.option("--edition", default=None, help="Only this edition (default: every double-coded edition).")
@click.option("--coders", default=None, help="Only these coders, comma-separated, e.g. analyst-a,analyst-b.")
@click.option("--all-statuses", is_flag=True,
              help="Also count reviewed and published assessments (by default, when any assessment is marked "
                   "independent, only those and the first coding beside them are compared; otherwise only "
                   "drafts and illustrative ones).")
@click.option("--reconcile", "sheet", default=None, type=click.Path(dir_okay=False),
              help="Write a reconciliation sheet (YAML) listing every disagreement with an empty `final:`.")
@click.option("--all-items", is_flag=True, help="With --reconcile: list agreed items too (final: pre-filled).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]), default="table",
              show_default=True, help="Output format.")
@dir_option
def agreement(set_id: str, edition: str | None, coders: str | None, all_statuses: bool, sheet: str | None,
              all_items: bool, fmt: str, directory: str) -> None:
    """Compare double-coded assessments: percent agreement and kappa per criterion and overall,
    and the disagreements with each coder's evidence side by side.

    Cohen's kappa when the same two coders coded every item, Fleiss' kappa otherwise. Every answer
    code is its own category: "unknown" and "not_applicable" never count as "no".

    Example: legalreview agreement --set csam --edition 2023 --reconcile csam-reconcile.yaml
    """
    import json

    from .quality import agreement as agreement_report
    from .quality import write_reconcile_sheet

    ws = _quality_workspace(directory)
    try:
        with _working("Comparing coders..."):
            report = agreement_report(ws, set_id, edition, statuses=None if not all_statuses else
                                      ("draft", "illustrative", "reviewed", "published"),
                                      coders=[c.strip() for c in coders.split(",")] if coders else None)
    except ValueError as exc:
        _fail_value(exc)
    if not report.items:
        _fail(f"no country has two or more {set_id} assessments by different coders"
              f"{' for edition ' + edition if edition else ''}; nothing to compare")
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False, default=str))
    else:
        _emit(report.by_criterion(), fmt, f"{set_id}: agreement between {', '.join(report.coders)}")
        found = report.disagreements()
        if not found.empty:
            click.echo("")
            _emit(found.set_index(["iso3", "criterion"]) if fmt == "table" else found, fmt,
                  f"{set_id}: {len(found)} disagreements")
    if sheet:
        write_reconcile_sheet(ws, report, sheet, all_items=all_items)
        click.echo(f"Wrote {sheet}: fill in each `final:`, then run `legalreview reconcile {sheet} --coder YOU`.",
                   err=True)


@main.command()
@click.argument("sheet", type=click.Path(exists=True, dir_okay=False))
@click.option("--coder", default=None, help="The lead's coder id (default: `lead:` in the sheet, else review.toml's "
              "[people] me, else `git config user.name`); recorded in each answer's history.")
@click.option("--dry-run", is_flag=True, help="Check the sheet and say what would be written; write nothing.")
@click.option("--replace", is_flag=True, help="Overwrite an earlier assessment by the lead for the same edition.")
@dir_option
def reconcile(sheet: str, coder: str | None, dry_run: bool, replace: bool, directory: str) -> None:
    """Import a reconciliation sheet written by `agreement --reconcile`: each covered country gets
    one `reviewed` assessment by the lead (agreed answers as they are, the rest from `final:`).

    Every problem is listed as file:line:col; if there is any, nothing is written.

    Example: legalreview reconcile csam-reconcile.yaml --coder lead-analyst --dry-run
    """
    from .quality import import_reconcile

    result = import_reconcile(directory, sheet, lead=coder, dry_run=dry_run, replace=replace)
    if result.issues:
        _print_issues(result.issues, as_json=False)
    if has_errors(result.issues):
        click.echo("Error: nothing was written; fix the sheet and run the command again.", err=True)
        sys.exit(1)
    done = ", ".join(f"{iso3} {edition}" for iso3, edition in result.assessments) or "none"
    verb = "Would write" if dry_run else "Wrote"
    click.echo(f"{verb} {len(result.assessments)} reviewed assessment{'s' * (len(result.assessments) != 1)} "
               f"({done}) to {len(result.files)} file{'s' * (len(result.files) != 1)}"
               f"{' (dry run: nothing written)' if dry_run else ''}.")


@main.command()
@click.option("--set", "set_id", default=None, help="Only this criteria set (default: all).")
@click.option("--translations", is_flag=True,
              help="List the texts not yet translated into each of review.toml's languages instead.")
@format_option
@dir_option
def status(set_id: str | None, translations: bool, fmt: str, directory: str) -> None:
    """Show where the review stands: per set, countries by assessment status (not assessed, draft,
    reviewed, published, illustrative), stale assessments and coverage.

    Only the assessment in force for a country, set and edition counts (superseded ones and a second
    coder's independent coding do not). It lists what waits for review (draft) and for publication
    (reviewed). An assessment is stale when it is older than review.toml's [build] stale_after_days,
    or when a statute it cites was amended after it was made.

    Example: legalreview status --set csam --format markdown
    """
    from .quality import missing_translations, stale_assessments, status_summary
    from .quality.workflow import waiting

    ws = _quality_workspace(directory)
    if translations:
        missing = missing_translations(ws)
        if set_id is not None:
            missing = missing[missing["file"] == ws.criteria_files.get(set_id, "")]
        if fmt == "json":
            _json({"missing_translations": _records(missing)})
        elif missing.empty:
            click.echo(f"Every text is translated into {', '.join(ws.config.review.all_languages)}.")
        else:
            _emit(missing, fmt, f"{len(missing)} texts not translated")
        return
    try:
        summary = status_summary(ws, set_id)
        stale = stale_assessments(ws, set_id)
        queue = waiting(ws, summary.index[0] if set_id else None)
    except ValueError as exc:
        _fail_value(exc)
    if fmt == "json":
        _json({"status": _records(summary), "stale": _records(stale), "waiting": _records(queue)})
        return
    _emit(summary, fmt, "Assessment status per set")
    if not queue.empty:
        click.echo("")
        _emit(queue, fmt, f"{len(queue)} assessments waiting (`legalreview publish` moves them on)")
    if not stale.empty:
        click.echo("")
        _emit(stale, fmt, f"{len(stale)} stale assessments")


@main.command()
@click.argument("iso3")
@click.option("--set", "set_id", default=None, help="Only this criteria set (default: all).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "markdown"]), default="table",
              show_default=True, help="Output format (json: one document).")
@dir_option
def log(iso3: str, set_id: str | None, fmt: str, directory: str) -> None:
    """Print the change history of a country's answers: when, by whom, from which workbook cell or
    sheet, and the answer before and after (oldest first).

    Example: legalreview log ZAF --set csam
    """
    from .provenance import answer_log
    from .resolve import resolve_country, resolve_set

    ws = _quality_workspace(directory)
    code = resolve_country(iso3, available=ws.countries)
    if set_id:
        set_id = resolve_set(ws.criteria, set_id)
    country = ws.countries.get(code)
    history = answer_log(country, set_id) if country is not None else answer_log(None, set_id)
    if fmt == "json":
        _json({"iso3": code, "set": set_id, "changes": _records(history)})
        return
    if history.empty:
        click.echo(f"No recorded changes to {code}'s answers{' in ' + set_id if set_id else ''}.")
        return
    _emit(history, fmt, f"{code}: changes to answers")


@main.command()
@click.argument("iso3", required=False)
@click.option("--set", "set_id", required=True, help="Criteria set id, e.g. csam.")
@click.option("--edition", default=None, help="The edition (default: each country's latest).")
@click.option("--all", "every", is_flag=True, help="Every country whose assessment in force is not yet published.")
@click.option("--coder", default=None, help="Who takes the step, recorded in status_history (default: review.toml's "
              "[people] me, else `git config user.name`).")
@click.option("--dry-run", is_flag=True, help="Check and say what would move; write nothing.")
@dir_option
def publish(iso3: str | None, set_id: str, edition: str | None, every: bool, coder: str | None, dry_run: bool,
            directory: str) -> None:
    """Move a country's assessment one step: draft -> reviewed -> published, recorded in its
    status_history. An assessment whose file has errors, or with an unknown answer without a note,
    is refused (not-ready, with its file and line); if any is refused, nothing is written.

    Example: legalreview publish ZAF --set csam --edition 2023

    Example: legalreview publish --all --set csam --dry-run
    """
    from .provenance import NoCoder, resolve_coder
    from .quality.workflow import publish as publish_step

    if bool(iso3) == every:
        _usage("give one country (ISO3) or --all")
    try:
        by = resolve_coder(directory, coder)
    except NoCoder as exc:
        _fail(str(exc))
    result = publish_step(directory, set_id, iso3, edition, by=by, dry_run=dry_run)
    for code, sid, ed, old, new in result.steps:
        click.echo(f"{code} {sid} {ed}: {old} -> {new}")
    if result.issues:
        _print_issues(result.issues, as_json=False)
    if not result.ok:
        click.echo("Error: nothing was written; fix the problems above and publish again.", err=True)
        sys.exit(1)
    n = len(result.steps)
    if dry_run:
        click.echo(f"{n} assessment{'s' * (n != 1)} would move (dry run: nothing written).")
    else:
        click.echo(f"{n} assessment{'s' * (n != 1)} moved on, in {len(result.written)} files." if n
                   else "Nothing to move.")


@main.command()
@dir_option_or_argument
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON array.")
@click.option("--strict", is_flag=True, help="Report terminology findings as errors (exit code 1).")
def lint(directory: str, as_json: bool, strict: bool) -> None:
    """Check the review's own prose against the Luxembourg Guidelines' terminology, e.g. "child
    sexual abuse material" rather than "child pornography".

    Notes, summaries, provision summaries and criteria text are checked; statute titles,
    provisions marked `quoted: true` and words inside "double quotes" are not. Add or override
    terms in a terminology.csv at the workspace root. Exit code 1 only on errors (see --strict).

    Example: legalreview lint --strict
    """
    from .quality import lint_workspace

    issues = lint_workspace(directory, strict=strict)
    _print_issues(issues, as_json)
    sys.exit(1 if has_errors(issues) else 0)


@main.command()
@click.argument("iso3")
@click.option("--set", "set_id", default=None, help="Criteria set id (default: every set the country has "
              "answers for, one workbook each, named FILE-<set>.xlsx).")
@click.option("--edition", default=None, help="Edition (default: review.toml's, else the set's latest).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The packet to write (.xlsx).")
@dir_option
def packet(iso3: str, set_id: str | None, edition: str | None, output: str, directory: str) -> None:
    """Write a right-of-reply packet: a workbook in which a government or local reviewer confirms or
    contests each answer for one country, with the provisions cited and a comment column.

    Corrected answers import with `legalreview import-xlsx`; the replies themselves are read with
    `legalreview packet-import`, which never changes an answer.

    Example: legalreview packet KEN --set csam -o kenya-csam-reply.xlsx
    """
    from pathlib import Path

    from .quality.packet import packet_sets, write_packet
    from .resolve import UnknownValue

    ws = _quality_workspace(directory)
    code, sets = packet_sets(ws, iso3, set_id)
    out = Path(output)
    for sid in sets:
        target = out if len(sets) == 1 else out.with_name(f"{out.stem}-{sid}{out.suffix}")
        try:
            result = write_packet(directory, code, sid, target, edition)
        except UnknownValue:
            raise
        except ReviewError as exc:
            _print_issues(exc.issues, as_json=False)
            sys.exit(1)
        click.echo(f"Wrote {target}: {code} {sid} edition {result.edition}, {result.rows} answers.")


@main.command("packet-import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", default=None, type=click.Path(dir_okay=False),
              help="Write the replies as a YAML report to this file (default: print it).")
@dir_option
def packet_import(workbook: str, output: str | None, directory: str) -> None:
    """Read a filled-in right-of-reply packet and report what the reviewer confirmed and contested,
    with our answer (as the review holds it now) beside theirs. Confirmed/Agree and
    Contested/Disagree are read in any letter case.

    Answers are never changed: a contested item is for an analyst to check (corrections typed into
    the answer column import with `legalreview import-xlsx`).

    Example: legalreview packet-import kenya-csam-reply.xlsx -o kenya-replies.yaml
    """
    from pathlib import Path

    from .quality.packet import packet_edition, read_packet, reply_report_text, with_our_answers
    from .store import write_atomic
    from .speed import load_workspace

    replies, issues = read_packet(workbook)
    if issues:
        _print_issues(issues, as_json=False)
    if has_errors(issues):
        sys.exit(1)
    ws, _ws_issues = load_workspace(directory)  # our answers beside theirs (blank outside a workspace)
    replies = with_our_answers(replies, ws, packet_edition(workbook))
    text = reply_report_text(replies, Path(workbook).name)
    if output:
        write_atomic(Path(output), text)
        click.echo(f"Wrote {output}: {int((replies['verdict'] == 'contest').sum())} contested, "
                   f"{int((replies['verdict'] == 'confirm').sum())} confirmed.")
    else:
        click.echo(text, nl=False)


@main.command()
@dir_option_or_argument
@click.option("--port", default=8000, show_default=True, help="Port on this computer (127.0.0.1).")
def serve(directory: str, port: int) -> None:
    """Preview the built site at http://127.0.0.1:PORT/ (only this computer can see it).

    Run `legalreview build` first; press Ctrl+C to stop.

    Example: legalreview serve --port 8080
    """
    from pathlib import Path

    import errno

    from .render.preview import make_server, serve_site
    from .workspace import load_config

    config, _ = load_config(Path(directory))
    site = _site_folder(directory, config.build.out if config else "reports/site")
    if not (site / "index.html").is_file():
        _fail(f"{site} has no index.html; run `legalreview build --dir {directory}` first")
    try:
        server = make_server(site, port)
    except OSError as exc:
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            _usage(f"port {port} is {'already in use' if exc.errno == errno.EADDRINUSE else 'not allowed'} on "
                   f"127.0.0.1; choose another, e.g. --port {port + 1 if port < 65535 else 8000}")
        raise
    click.echo(f"Serving {site} at http://127.0.0.1:{port}/ (Ctrl+C stops it)")
    serve_site(site, port, server=server)


def run() -> NoReturn:
    """The ``legalreview`` program: :func:`main`, then the process ends at once with its exit status.

    A command's work is done when :func:`main` returns (every file it writes is in place, its cache
    sealed, its workers stopped), so the interpreter's teardown only frees memory the system frees
    anyway: after a build at 10,000 countries that took up to a second. mypy ends the same way.
    Tests call :func:`main` through click's runner, which never ends the process; under a profiler,
    debugger or coverage (a trace or profile function is set) the process ends normally, so that
    what they write at exit is written."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        if sys.gettrace() is not None or sys.getprofile() is not None:
            raise
        code = exc.code
    status = code if isinstance(code, int) else (0 if code is None else 1)
    if not isinstance(code, int) and code is not None:  # sys.exit("message"), as Python prints it
        click.echo(code, err=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            status = status or 1
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    run()
