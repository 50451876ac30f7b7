"""Create a new review workspace: review.toml, the shipped criteria sets and one file per roster member."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from . import jurisdictions
from .models import RosterConfig
from .store import write_atomic

REVIEW_TOML = """\
# A legalreview workspace. See the README for every option.
[review]
name = "{name}"
publisher = "{publisher}"
edition = "{edition}"
language = "en"
# url = "https://..."   # the published site's address, once it has one (used in "Cite this page");
#                        # without it pages say they are a local build

[roster]
# un196 = the 193 UN member states, the Holy See, the State of Palestine and Kosovo
base = "un196"
include = []   # more ISO 3166 alpha-3 codes, e.g. ["HKG"]
exclude = []

[build]
out = "reports/site"
stale_after_days = 1095
include_drafts = false
"""


def empty_country_yaml(j: jurisdictions.Jurisdiction) -> str:
    """Return the text of a valid country file with no assessments ("not yet assessed")."""
    name = j.name.replace('"', '\\"')
    return (
        f"# {j.name}: not yet assessed. Add statutes, provisions and assessments (see the README).\n"
        f"iso3: {j.iso3}\n"
        f'name: "{name}"\n'
        "statutes: []\n"
        "provisions: []\n"
        "assessments: []\n"
    )


def shipped_criteria() -> dict[str, str]:
    """Return the criteria sets shipped with the package: file name -> YAML text."""
    folder = resources.files("legalreview").joinpath("data", "criteria")
    return {f.name: f.read_text(encoding="utf-8") for f in folder.iterdir() if f.name.endswith(".yaml")}


def init_workspace(target: str | Path, name: str = "My legislation review", publisher: str = "My organisation",
                   edition: str = "2026") -> list[Path]:
    """Create a workspace in ``target`` and return the files written; existing files are never overwritten."""
    root = Path(target)
    if (root / "review.toml").exists():
        raise FileExistsError(f"{root / 'review.toml'} already exists; choose an empty folder")
    written: list[Path] = []

    def put(rel: str, text: str) -> None:
        path = root / rel
        if not path.exists():
            write_atomic(path, text)
            written.append(path)

    for fname, text in sorted(shipped_criteria().items()):
        put(f"criteria/{fname}", text)
    for j in jurisdictions.Registry.from_config(RosterConfig()).members:
        put(f"countries/{j.iso3}.yaml", empty_country_yaml(j))
    put(".gitignore", "reports/\n.legalreview-cache/\n")
    put("review.toml", REVIEW_TOML.format(name=name, publisher=publisher, edition=edition))
    return written
