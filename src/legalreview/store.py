"""Read and write workspace files.

Reading is fast and position-aware: PyYAML's C parser composes the document into nodes (which
carry line and column), and we construct plain Python values ourselves with YAML 1.2 rules for
booleans (``yes``/``no`` stay text), rejecting aliases, duplicate keys and unknown tags.

Writing uses ruamel.yaml's round-trip mode, so comments and key order survive, and every write
goes to a temporary file in the same folder that then replaces the target (``os.replace``):
a reader never sees half a file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any
from collections.abc import Callable, Iterator, Mapping

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .issues import Issue
from .safefiles import UnsafeFile, plain_file, read_optional

Path_ = tuple[Any, ...]
Positions = dict[Path_, tuple[int, int]]
#: Positions as they are read: a :data:`Positions` dict, or :class:`LazyPositions` computed on first use.
PositionMap = Mapping[Path_, tuple[int, int]]

#: Largest workspace YAML file we read (bytes). Country files are a few kB.
MAX_YAML_BYTES = 5 * 1024 * 1024
#: Deepest nesting we accept; real files are 5 levels deep.
MAX_DEPTH = 40

try:  # the C parser is much faster; fall back to pure Python where libyaml is missing
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


#: The implicit resolvers (tag, pattern) to try for a plain scalar, by its first character (the
#: loader's table never changes: workspace files register no resolvers).
_RESOLVERS: dict[str, tuple[tuple[str, Any], ...]] = {}


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with a leaner tag resolver: same tags, no path-resolver bookkeeping per node
    (workspace files never register path resolvers)."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                first = value[:1]
                resolvers = _RESOLVERS.get(first)
                if resolvers is None:
                    table = self.yaml_implicit_resolvers
                    resolvers = _RESOLVERS[first] = tuple(table.get(value[0] if value else "", [])
                                                          + table.get(None, []))
                for tag, regexp in resolvers:
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG

_SCALARS = yaml.constructor.SafeConstructor()
_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"


class YamlProblem(Exception):
    """A file that cannot be read; ``.issue`` says where and why."""

    def __init__(self, issue: Issue):
        self.issue = issue
        super().__init__(str(issue))


def decode(raw: bytes, filename: str) -> str:
    """Return the text of a UTF-8 file (a BOM is allowed), or raise YamlProblem."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(Issue("bad-encoding", "the file is UTF-16; save it as UTF-8", file=filename, line=1,
                                hint="in your editor choose 'Save with encoding: UTF-8'"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(Issue("bad-encoding", f"byte {raw[exc.start]:#04x} is not UTF-8 text", file=filename,
                                line=line, hint="save the file as UTF-8 (it may be Latin-1 or binary)")) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise YamlProblem(Issue("bad-encoding", "the file contains a NUL byte (binary data?)", file=filename,
                                line=line, hint="replace the file with a text YAML file"))
    found = _RAW_CONTROL.search(text)
    if found:  # the YAML reader refuses these too, but names no line
        start = found.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise YamlProblem(Issue("control-character",
                                f"the file contains the control character U+{ord(found.group()):04X}",
                                file=filename, line=line, column=column,
                                hint="remove it (often pasted invisibly); tabs and line breaks are fine"))
    return text


#: Characters the YAML reader refuses anywhere in a file (C0 controls but tab, LF and CR; DEL; C1 but
#: NEL; U+FFFE/U+FFFF); the models refuse more in values (see models.BAD_TEXT), including escapes.
_RAW_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def read_yaml(path: Path, filename: str | None = None) -> tuple[Any, Positions]:
    """Return (data, positions) of a YAML file; positions map a key path to (line, column), 1-based."""
    name = filename or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise YamlProblem(Issue("yaml-syntax", f"cannot read the file: {exc.strerror}", file=name)) from None
    if size > MAX_YAML_BYTES:
        raise YamlProblem(Issue("file-too-large", f"the file is {size // 1024 // 1024} MB; the limit is "
                                f"{MAX_YAML_BYTES // 1024 // 1024} MB", file=name,
                                hint="a country file holds one jurisdiction; split or trim it"))
    return parse_yaml(path.read_bytes(), name)


def parse_yaml(raw: bytes, filename: str) -> tuple[Any, Positions]:
    """Return (data, positions) parsed from YAML bytes, or raise YamlProblem naming the position."""
    node = _compose(raw, filename)
    positions: Positions = {}
    if node is None:
        return None, positions
    return _Builder(filename, positions).build(node, (), 0), positions


def parse_yaml_data(raw: bytes, filename: str) -> Any:
    """Return the data parsed from YAML bytes without recording positions (faster, less memory);
    the same values and the same YamlProblems as :func:`parse_yaml`."""
    node = _compose(raw, filename)
    if node is None:
        return None
    builder = _Builder(filename, {})
    # only an alias ("*name") can make a node appear twice; without "*" in the text skip that check
    return builder.build(node, None, 0, check_alias=b"*" in raw)


class LazyPositions(Mapping[Path_, tuple[int, int]]):
    """Positions computed on first use by parsing the file again (most files never need them).

    ``read`` returns the file's bytes; when they no longer hash to ``digest`` (the file changed
    since it was loaded) there are no positions, and messages carry no line.
    """

    __slots__ = ("_read", "_digest", "_filename", "_positions")

    def __init__(self, read: Callable[[], bytes], digest: str, filename: str):
        self._read, self._digest, self._filename = read, digest, filename
        self._positions: Positions | None = None

    def _get(self) -> Positions:
        if self._positions is None:
            import hashlib

            positions: Positions = {}
            try:
                raw = self._read()
                if hashlib.sha256(raw).hexdigest() == self._digest:
                    positions = parse_yaml(raw, self._filename)[1]
            except (OSError, YamlProblem):
                pass
            self._positions = positions
        return self._positions

    def __getitem__(self, key: Path_) -> tuple[int, int]:
        return self._get()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._get()

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _compose(raw: bytes, filename: str) -> Any:
    text = decode(raw, filename)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        bad_line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        hint = "use spaces, not tabs, to indent" if "\t" in bad_line[: (mark.column + 1 if mark else 0)] else \
            "check indentation, colons and quotes around this position"
        raise YamlProblem(Issue("yaml-syntax", problem, file=filename,
                                line=mark.line + 1 if mark else None,
                                column=mark.column + 1 if mark else None, hint=hint)) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Issue("yaml-syntax", str(exc), file=filename)) from None
    except RecursionError:
        raise YamlProblem(Issue("yaml-syntax", "the document is nested too deeply", file=filename)) from None
    return node


class _Builder:
    def __init__(self, filename: str, positions: Positions):
        self.filename = filename
        self.positions = positions
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, code: str, message: str, hint: str) -> YamlProblem:
        return YamlProblem(Issue(code, message, file=self.filename, line=node.start_mark.line + 1,
                                 column=node.start_mark.column + 1, hint=hint))

    def build(self, node: yaml.Node, path: Path_ | None, depth: int, check_alias: bool = True) -> Any:
        """Return the plain value of ``node``, recording key and item positions under ``path``
        (pass None to skip positions: faster, less memory, the same values and problems).

        ``check_alias=False`` skips the alias check; only safe when the text has no ``*``.
        """
        if check_alias:
            if id(node) in self.seen:
                raise self.fail(node, "yaml-syntax", "YAML aliases (*name) are not allowed in workspace files",
                                "write the value out in full instead of referring to an anchor")
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(node, "yaml-syntax", f"the document is nested more than {MAX_DEPTH} levels deep",
                            "country and criteria files are only a few levels deep; check the indentation")
        cls = node.__class__
        if cls is yaml.ScalarNode:
            return node.value if node.tag == _STR else self.scalar(node)
        if cls is yaml.MappingNode:
            return self.mapping(node, path, depth + 1, check_alias)
        if cls is yaml.SequenceNode:
            return self.sequence(node, path, depth + 1, check_alias)
        return self.scalar(node)

    def mapping(self, node: yaml.Node, path: Path_ | None, depth: int, check_alias: bool) -> dict[Any, Any]:
        """Return the dict of a mapping node (its values built at ``depth``), recording each key's position."""
        if node.tag != _MAP:
            raise self.unknown_tag(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node)
            if key in out:
                raise self.fail(key_node, "yaml-syntax", f"duplicate key {key!r}",
                                "each key may appear once in a mapping; remove or rename one")
            if path is None:
                out[key] = self.build(value_node, None, depth, check_alias)
            else:
                mark = key_node.start_mark
                self.positions[path + (key,)] = (mark.line + 1, mark.column + 1)
                out[key] = self.build(value_node, path + (key,), depth, check_alias)
        return out

    def sequence(self, node: yaml.Node, path: Path_ | None, depth: int, check_alias: bool) -> list[Any]:
        """Return the list of a sequence node (its items built at ``depth``), recording each item's position."""
        if node.tag != _SEQ:
            raise self.unknown_tag(node)
        if path is None:
            return [self.build(item, None, depth, check_alias) for item in node.value]
        items = []
        for index, item in enumerate(node.value):
            self.positions[path + (index,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(self.build(item, path + (index,), depth, check_alias))
        return items

    def key(self, key_node: yaml.Node) -> Any:
        """Return a mapping key: plain text (dates, floats and null keep the text as written)."""
        if key_node.__class__ is not yaml.ScalarNode:
            raise self.fail(key_node, "yaml-syntax", "a mapping key must be plain text",
                            "write keys such as `iso3:` or `G1:`")
        if key_node.tag == _STR:
            return key_node.value
        if key_node.tag == _TAG + "merge":
            raise self.fail(key_node, "yaml-syntax", "YAML merge keys (<<) are not allowed",
                            "write the keys out in full")
        key = self.scalar(key_node)
        return key_node.value if isinstance(key, (dt.date, float)) or key is None else key

    def unknown_tag(self, node: yaml.Node) -> YamlProblem:
        return self.fail(node, "yaml-syntax", f"unsupported YAML tag {node.tag!r}",
                         "remove the !tag; workspace files use plain values only")

    def scalar(self, node: yaml.Node) -> Any:
        tag = node.tag
        if not tag.startswith(_TAG):
            raise self.unknown_tag(node)
        kind = tag[len(_TAG):]
        value = node.value
        if kind == "str":
            return value
        if kind == "null":
            return None
        if kind == "bool":  # YAML 1.2: only true/false are booleans; yes/no/on/off stay text
            return value.lower() == "true" if value.lower() in ("true", "false") else value
        try:
            if kind == "int":
                return _SCALARS.construct_yaml_int(node)
            if kind == "float":
                return _SCALARS.construct_yaml_float(node)
            if kind == "timestamp":
                return _SCALARS.construct_yaml_timestamp(node)
        except (ValueError, yaml.YAMLError):
            return value
        raise self.unknown_tag(node)


def position(positions: PositionMap, loc: Path_) -> tuple[int | None, int | None]:
    """Return the (line, column) of the deepest known prefix of ``loc``, or (None, None)."""
    loc = tuple(loc)
    while loc:
        if loc in positions:
            return positions[loc]
        loc = loc[:-1]
    return (1, 1) if positions else (None, None)


# --------------------------------------------------------------------------- writing


#: Words YAML reads as a boolean or null unless they are quoted.
_YAML_WORDS = {"yes", "no", "y", "n", "on", "off", "true", "false", "null", "~"}


def _flow_list(items: Any) -> CommentedSeq:
    """Return ``items`` as a YAML list written on one line (``[a, b]``)."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def answer_yaml(value: str, evidence: Any = (), note: str | None = None, *, mapping: bool = False) -> Any:
    """Return an answer as a round-trip YAML node: the bare code (quoted where YAML would read a
    boolean or null) when it has no evidence or note, else (or with ``mapping``, the code always
    quoted) a one-line flow mapping ``{value: ..., evidence: [...], note: "..."}``. Every writer of
    answers into a country file (import, reconcile, history) makes them here."""
    code: Any = DoubleQuotedScalarString(value) if mapping or value.lower() in _YAML_WORDS else value
    if not mapping and not evidence and not note:
        return code
    out = CommentedMap()
    out["value"] = code
    if evidence:
        out["evidence"] = _flow_list(evidence)
    if note:
        out["note"] = DoubleQuotedScalarString(note)
    out.fa.set_flow_style()
    return out


def fact_yaml(fact: str, value: bool | float | str | None, evidence: Any = (), note: str | None = None,
              scope: dict[str, Any] | None = None) -> Any:
    """Return a fact of a country file's ``facts:`` as a one-line flow mapping ``{fact: ..., value: ...,
    evidence: [...], scope: {...}, note: "..."}``: a whole number unquoted (16, not 16.0), a boolean
    true/false, text quoted; no ``value`` when it is not known (never 0). Every writer of facts into a
    country file (the workbook import) makes them here."""
    out = CommentedMap()
    out["fact"] = fact
    if isinstance(value, float) and value.is_integer():
        out["value"] = int(value)
    elif isinstance(value, str):
        out["value"] = DoubleQuotedScalarString(value)
    elif value is not None:
        out["value"] = value
    if evidence:
        out["evidence"] = _flow_list(evidence)
    if scope:
        flow = CommentedMap()
        for key, item in scope.items():
            if isinstance(item, list):
                item = _flow_list(item)
            flow[key] = DoubleQuotedScalarString(item) if key == "label" else item
        flow.fa.set_flow_style()
        out["scope"] = flow
    if note:
        out["note"] = DoubleQuotedScalarString(note)
    out.fa.set_flow_style()
    return out


def round_trip_yaml() -> YAML:
    """Return a ruamel.yaml instance set up like our files: 2-space indent, '- ' inside lists."""
    ryaml = YAML(typ="rt")
    ryaml.preserve_quotes = True
    ryaml.width = 4096
    ryaml.indent(mapping=2, sequence=4, offset=2)
    return ryaml


@contextlib.contextmanager
def _temporary_beside(path: Path) -> Iterator[tuple[int, str]]:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        yield fd, tmp
    except BaseException:
        with contextlib.suppress(OSError):
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def stage_bytes(path: Path, data: bytes) -> str:
    """Write ``data`` to a new temporary file beside ``path`` (fsynced) and return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _temporary_beside(path) as (fd, tmp):
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
    return tmp


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a mix."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = stage_bytes(path, raw)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


#: The journal of a multi-file write, in the files' common folder (hidden: the loader ignores it).
JOURNAL_NAME = ".legalreview-journal.json"
#: A journal names a few files; anything larger is not one legalreview wrote.
MAX_JOURNAL_BYTES = 1_000_000


def write_all_or_nothing(files: dict[Path, bytes]) -> None:
    """Write several files so that all change or none do.

    Every new content is staged in a temporary file first; only then are the targets replaced,
    and if a replace fails the ones already replaced are restored from their old content.
    Between staging and replacing, a journal beside the files lists the replacements, so that a
    process killed half way (SIGKILL, power cut) is completed by :func:`recover_journal`.
    """
    staged: dict[Path, str] = {}
    old: dict[Path, bytes | None] = {}
    try:
        journal = _stage_all(files, staged, old)
    except BaseException:
        for tmp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    done: list[Path] = []
    try:
        for path, tmp in staged.items():
            os.replace(tmp, path)
            done.append(path)
        if journal is not None:
            journal.unlink()
    except BaseException:
        _roll_back(staged, old, done, journal)
        raise


def _stage_all(files: dict[Path, bytes], staged: dict[Path, str], old: dict[Path, bytes | None]) -> Path | None:
    """Stage every file's new content in a temporary file (into ``staged``, keeping each file's old
    content in ``old``) and return the journal written beside them (None for a single file)."""
    for path, data in files.items():
        old[path] = path.read_bytes() if path.exists() else None
        staged[path] = stage_bytes(path, data)
    if len(staged) <= 1:
        return None
    folder = Path(os.path.commonpath([str(p.parent.resolve()) for p in staged]))
    pairs = [[os.path.relpath(tmp, folder), os.path.relpath(path.resolve(), folder)]
             for path, tmp in staged.items()]
    journal = folder / JOURNAL_NAME
    write_atomic(journal, json.dumps({"replace": pairs}, indent=1))
    return journal


def _roll_back(staged: dict[Path, str], old: dict[Path, bytes | None], done: list[Path],
               journal: Path | None) -> None:
    """Undo a write that failed half way: restore (or remove) the files already replaced (``done``),
    and remove the staged files not used and the journal."""
    for path in done:
        previous = old[path]
        if previous is None:
            with contextlib.suppress(OSError):
                path.unlink()
        else:
            write_atomic(path, previous)
    for path, tmp in staged.items():
        if path not in done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    if journal is not None:
        with contextlib.suppress(OSError):
            journal.unlink()


def recover_journal(folder: Path) -> list[str]:
    """Finish a multi-file write that was interrupted after its journal was written; return the
    names of the files it completed. Call it only while holding the workspace lock.

    Only hidden temporary files beside their targets, inside ``folder``, are ever renamed: a
    journal naming anything else is ignored (and removed).
    """
    journal = folder / JOURNAL_NAME
    try:  # never through a link, never a FIFO or device (a received workspace may carry a journal)
        raw = read_optional(folder, JOURNAL_NAME, limit=MAX_JOURNAL_BYTES)
        if raw is None:
            return []
        pairs = json.loads(raw.decode("utf-8"))["replace"]
    except (UnsafeFile, OSError, ValueError, KeyError, TypeError):
        pairs = []
    completed = []
    base = folder.resolve()
    for pair in pairs if isinstance(pairs, list) else []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            continue
        tmp, target = (base / pair[0]).resolve(), (base / pair[1]).resolve()
        if not (tmp.is_relative_to(base) and target.is_relative_to(base) and tmp.parent == target.parent
                and tmp.name.startswith(f".{target.name}.") and tmp.name.endswith(".tmp")
                and plain_file(base / pair[0])):  # a link would become the target
            continue
        with contextlib.suppress(FileNotFoundError):
            os.replace(tmp, target)
            completed.append(pair[1])
    with contextlib.suppress(OSError):
        journal.unlink()
    return completed


def edit_yaml_text(text: str, edit: Callable[[Any], None]) -> str:
    """Return YAML text after ``edit(document)`` changed its round-trip document in place.

    Comments, key order, quoting and flow style of untouched parts are kept.
    """
    ryaml = round_trip_yaml()
    doc = ryaml.load(text)
    edit(doc)
    buf = io.StringIO()
    ryaml.dump(doc, buf)
    return buf.getvalue()


def edit_yaml(path: Path, edit: Callable[[Any], None]) -> None:
    """Apply ``edit`` to a YAML file's round-trip document and write it back atomically."""
    text = decode(path.read_bytes(), str(path))
    write_atomic(path, edit_yaml_text(text, edit))
