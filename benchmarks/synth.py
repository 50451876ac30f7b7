"""Generate a synthetic review workspace of N jurisdictions for the benchmarks.

The workspace is deterministic (seeded) and valid: ``legalreview validate`` reports no errors.
It uses ``[roster] base = "none"`` with one ``[roster.extra]`` entry per synthetic jurisdiction
(codes ``SYN-00001`` ...), the three criteria sets shipped with the package, and per country
3-6 statutes, 6-12 provisions of about 300 characters, and assessments for every set:
csam in two editions (2016 and 2023), grooming (2017) and implementation (2016) each by two coders.
Notes are about 150 characters. About 5 % of jurisdictions are left "not yet assessed".

Files are written directly (not through the CLI) so that 10,000 countries take a few seconds.

Usage: python3 benchmarks/synth.py OUT_DIR --n 196 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

#: (region, subregion) pairs, weighted roughly like the UN roster.
REGIONS = [
    ("Africa", "Sub-Saharan Africa", 48), ("Africa", "Northern Africa", 6),
    ("Americas", "Latin America and the Caribbean", 33), ("Americas", "Northern America", 2),
    ("Asia", "Western Asia", 18), ("Asia", "South-eastern Asia", 11), ("Asia", "Southern Asia", 9),
    ("Asia", "Eastern Asia", 5), ("Asia", "Central Asia", 5),
    ("Europe", "Southern Europe", 16), ("Europe", "Northern Europe", 10), ("Europe", "Eastern Europe", 10),
    ("Europe", "Western Europe", 9),
    ("Oceania", "Melanesia", 4), ("Oceania", "Micronesia", 5), ("Oceania", "Polynesia", 4),
    ("Oceania", "Australia and New Zealand", 2),
]

WORDS = ("child sexual abuse material offence person who knowingly produces distributes transmits offers "
         "makes available possesses accesses computer system data storage medium image video depiction "
         "minor under eighteen years sexually explicit conduct punishable imprisonment term fine court "
         "provider service network report authority law enforcement communication intent meet solicit "
         "electronic means purpose commission offence definition includes realistic representation").split()
SYLLABLES = ["ka", "lo", "ri", "ta", "mon", "ve", "sa", "dor", "ni", "ba", "lu", "en", "or", "ia", "ste", "ur"]

SETS = {
    # set id -> (criterion ids, [(edition, coder, assessed_on, status)])
    "csam": (["C1", "C2", "C3", "C4", "C5"],
             [("2016", "analyst-a", "2016-03-01", "published"), ("2023", "analyst-a", "2023-05-01", "published")]),
    "grooming": (["G1", "G2", "G3", "G4", "G5"],
                 [("2017", "analyst-a", "2017-06-01", "reviewed"), ("2017", "analyst-b", "2017-06-15", "draft")]),
    "implementation": (["B1", "B2", "B3", "B4", "B5", "B6", "B7"],
                       [("2016", "analyst-a", "2016-09-01", "reviewed"), ("2016", "analyst-b", "2016-09-10", "draft")]),
}
VALUES = ["yes", "yes", "yes", "partial", "no", "no", "unknown"]


def code(i: int) -> str:
    """Return the synthetic code of jurisdiction ``i`` (1-based): SYN-00001 ..."""
    return f"SYN-{i:05d}"


def _sentence(rng: random.Random, length: int) -> str:
    out: list[str] = []
    size = 0
    while size < length:
        w = rng.choice(WORDS)
        out.append(w)
        size += len(w) + 1
    text = " ".join(out)
    return text[0].upper() + text[1:] + "."


def _name(rng: random.Random, i: int) -> str:
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return f"{stem.capitalize()} {i}"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def country_yaml(rng: random.Random, iso3: str, name: str, assessed: bool) -> str:
    """Return the text of one country file (flow-style statutes/provisions like the shipped files)."""
    lines = [f"iso3: {iso3}", f"name: {_q(name)}", "statutes:"]
    statutes = []
    for s in range(rng.randint(3, 6)):
        year = rng.randint(1960, 2023)
        sid = f"act-{year}-{s}"
        statutes.append(sid)
        lines.append(f"  - {{id: {sid}, title: {_q(f'{name} Act No. {s + 1} of {year}')}, "
                     f"citation: {_q(f'No. {rng.randint(1, 60)} of {year}')}, year: {year}, "
                     f"url: \"https://laws.example.org/{iso3.lower()}/{sid}\"}}")
    lines.append("provisions:")
    provisions = []
    for p in range(rng.randint(6, 12)):
        sid = statutes[p % len(statutes)]
        pid = f"{sid}-s{p + 1}"
        provisions.append(pid)
        words = _q(_sentence(rng, 300))  # synthetic words: half stand for the law's text, half for our summary
        field = "text" if rng.random() < 0.5 else "summary"
        lines.append(f"  - {{id: {pid}, statute: {sid}, section: \"{p + 1}\", "
                     + (f"text: {words}, language: en}}" if field == "text" else f"summary: {words}}}"))
    if assessed:
        lines.append("assessments:")
        for set_id, (crits, runs) in SETS.items():
            earlier: dict[str, str] = {}  # the previous edition's answers (a real review gives reasons)
            for edition, coder, date, status in runs:
                lines += [f"  - set: {set_id}", f"    edition: \"{edition}\"", f"    assessed_on: {date}",
                          f"    coder: {coder}", f"    status: {status}"]
                answers, values = [], {}
                for c in crits:
                    value = values[c] = rng.choice(VALUES)
                    if value in ("yes", "partial"):
                        ev = ", ".join(rng.sample(provisions, rng.randint(1, 2)))
                        answers.append(f"      {c}: {{value: \"{value}\", evidence: [{ev}], "
                                       f"note: {_q(_sentence(rng, 150))}}}")
                    else:
                        answers.append(f"      {c}: {{value: \"{value}\", note: {_q(_sentence(rng, 150))}}}")
                changed = [c for c in crits if earlier and earlier.get(c) != values[c]]
                if changed:
                    lines.append("    changes: {" + ", ".join(f"{c}: law-amended" for c in changed) + "}")
                lines += ["    answers:", *answers]
                if status != "draft" and runs[-1][0] != edition:
                    earlier = values
    else:
        lines.append("assessments: []")
    return "\n".join(lines) + "\n"


def criteria_source() -> Path:
    """Return the folder of the criteria sets shipped with the package."""
    import legalreview

    return Path(legalreview.__file__).parent / "data" / "criteria"


def generate(out: str | Path, n: int, seed: int = 1) -> Path:
    """Write a workspace of ``n`` synthetic jurisdictions into ``out`` (replaced) and return its path."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "criteria").mkdir(parents=True)
    (out / "countries").mkdir()
    for path in sorted(criteria_source().glob("*.yaml")):
        shutil.copyfile(path, out / "criteria" / path.name)
    rng = random.Random(seed)
    weights = [w for *_, w in REGIONS]
    toml = ["[review]", f'name = "Synthetic benchmark review ({n} jurisdictions)"',
            'publisher = "legalreview benchmarks"',
            'edition = "2023"', 'language = "en"', "published_on = 2024-01-01", "",
            "[roster]", 'base = "none"', "", "[build]", 'out = "reports/site"', "", "[roster.extra]"]
    for i in range(1, n + 1):
        iso3 = code(i)
        region, subregion, _ = rng.choices(REGIONS, weights)[0]
        name = _name(rng, i)
        toml.append(f'{iso3} = {{name = "{name}", region = "{region}", subregion = "{subregion}"}}')
        assessed = rng.random() >= 0.05
        (out / "countries" / f"{iso3}.yaml").write_text(country_yaml(rng, iso3, name, assessed), "utf-8")
    (out / "review.toml").write_text("\n".join(toml) + "\n", "utf-8")
    return out


def touch_country(workspace: str | Path, i: int = 1) -> Path:
    """Change one country's file the way an analyst would (a statute's title and the last note)
    and return its path."""
    path = Path(workspace) / "countries" / f"{code(i)}.yaml"
    text = path.read_text("utf-8")
    at = text.rindex('note: "') + len('note: "')
    text = text[:at] + "Revised: " + text[at:]
    at = text.index('title: "') + len('title: "')
    text = text[:at] + "Revised: " + text[at:]
    path.write_text(text, "utf-8")
    return path


def change_answer(workspace: str | Path, i: int = 1) -> Path:
    """Change one answer the way an analyst would (in jurisdiction ``i``, or the next one that has such an
    answer, the latest csam edition's first "no" or "unknown" becomes the other, with the change's reason
    kept right) and return the file's path."""
    import yaml

    files = sorted((Path(workspace) / "countries").glob("*.yaml"))
    for path in files[i - 1:] + files[:i - 1]:  # from jurisdiction i on, the first that has such an answer
        text = path.read_text("utf-8")
        doc = yaml.load(text, Loader=yaml.CSafeLoader)
        runs = [a for a in doc.get("assessments") or [] if a["set"] == "csam"]
        if len(runs) < 2:
            continue
        earlier, latest = runs[-2]["answers"], runs[-1]["answers"]
        crit = next((c for c, a in latest.items() if a["value"] in ("no", "unknown")), None)
        if crit is not None:
            break
    else:
        raise ValueError("no jurisdiction has an answer to change")
    new = "unknown" if latest[crit]["value"] == "no" else "no"
    at = text.index(f'edition: "{runs[-1]["edition"]}"')
    answer = text.index(f"      {crit}: {{value: ", at)
    value_at = text.index('"', answer) + 1
    text = text[:value_at] + new + text[text.index('"', value_at):]
    latest[crit]["value"] = new
    changed = [c for c in latest if earlier.get(c, {}).get("value") != latest[c]["value"]]
    block = text.index("    answers:", at)
    head = text[at:block]
    if "    changes: {" in head:
        start = text.index("    changes: {", at)
        text = text[:start] + text[text.index("\n", start) + 1:]
        block = text.index("    answers:", at)
    if changed:
        line = "    changes: {" + ", ".join(f"{c}: law-amended" for c in changed) + "}\n"
        text = text[:block] + line + text[block:]
    path.write_text(text, "utf-8")
    return path


def assess_country(workspace: str | Path, seed: int = 99) -> Path:
    """Give the first jurisdiction not yet assessed its first assessments (a new country enters the
    review) and return its file's path."""
    import yaml

    for path in sorted((Path(workspace) / "countries").glob("*.yaml")):
        text = path.read_text("utf-8")
        if text.rstrip().endswith("assessments: []"):
            doc = yaml.load(text, Loader=yaml.CSafeLoader)
            path.write_text(country_yaml(random.Random(seed), doc["iso3"], doc["name"], True), "utf-8")
            return path
    raise ValueError("every jurisdiction is assessed already")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--n", type=int, default=196)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.n, args.seed)
    print(f"wrote {args.n} jurisdictions to {args.out}")


if __name__ == "__main__":
    main()
