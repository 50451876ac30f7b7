"""Limits for a workspace's own templates: a received review's templates may not hang or exhaust a build.

The package's templates are trusted and render in Jinja's immutable sandbox as they are
(:class:`PackageSandbox`: the same rules, a quicker way to a dict's keys). When a workspace has a
``templates/`` folder, every page renders in :class:`LimitedSandbox` instead:

- time: a page may render for :data:`MAX_RENDER_SECONDS`; a watchdog thread raises
  :class:`TemplateTimeout` in the rendering thread when it takes longer (this also stops a loop
  that writes nothing, which a check between output chunks would never see);
- size: a page may be :data:`MAX_PAGE_CHARS` characters long; any single value a template makes
  (a string, list, the result of ``*``, ``+``, ``%``, a filter or a method) at most
  :data:`MAX_VALUE` long, checked *before* the operation where it is computed in one step
  (``'x' * 10**10``, ``'x'|center(10**10)``, ``'{:9999999999}'.format(1)``, ``s.replace('', s)``);
  an integer at most :data:`MAX_INT_BITS` bits (``9 ** 9 ** 9``); a width or count passed to a
  filter or a string method at most :data:`MAX_ARGUMENT`;
- ``range`` stays Jinja's capped one (100,000 items); ``lipsum`` is removed.

A limit that is hit raises :class:`TemplateLimitError` (a ``jinja2.TemplateError``) naming the
template, so the command says which file to fix and writes nothing.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

import jinja2
import jinja2.sandbox
from jinja2.compiler import CodeGenerator, optimizeconst
from markupsafe import Markup

#: Longest a page (or the standalone profile, a scorecard) may take to render with workspace templates.
MAX_RENDER_SECONDS = 10.0
#: Largest page a workspace template may write (characters; about 20 MB).
MAX_PAGE_CHARS = 20_000_000
#: Longest string or list any one operation of a workspace template may make.
MAX_VALUE = 20_000_000
#: Largest integer (in bits) a workspace template may compute (about 20,000 digits).
MAX_INT_BITS = 65_536
#: Largest width or count a workspace template may pass to a filter or a string method.
MAX_ARGUMENT = 1_000_000
#: How often the watchdog looks at the clock (seconds).
_TICK = 0.05

_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
#: A %-format with a width or precision taken from the arguments (``%*d``) or of seven digits or more.
_BIG_PERCENT = re.compile(r"%[#0\- +]*(?:\*|\d{7,})|%[#0\- +]*\d*\.(?:\*|\d{7,})")
_BIG_SPEC = re.compile(r"\d{7,}")


class TemplateLimitError(jinja2.TemplateError):
    """A workspace template went over a limit (time, page size, value size)."""

    def __init__(self, message: str | None = None, name: str | None = None):
        super().__init__(message)
        self.name = name
        self.filename = name


class TemplateTimeout(TemplateLimitError):
    """Raised in the rendering thread by the watchdog (so it is built without arguments)."""

    def __init__(self, message: str | None = None, name: str | None = None):
        super().__init__(message or f"it took longer than {MAX_RENDER_SECONDS:g} s to render "
                         "(a loop that does not end?)", name)


def _too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what} is larger than a workspace template may make "
                              f"(at most {MAX_VALUE:,} characters or items, integers of {MAX_INT_BITS:,} bits)")


def _check(value: Any) -> Any:
    """Return ``value`` when it is within the limits, else raise TemplateLimitError."""
    kind = type(value)
    if kind is int:
        if value.bit_length() > MAX_INT_BITS:
            raise _too_big("an integer")
    elif isinstance(value, _SIZED) and len(value) > MAX_VALUE:
        raise _too_big("a value")
    return value


def _check_arguments(args: Iterable[Any], what: str) -> None:
    for value in args:
        if type(value) is int and abs(value) > MAX_ARGUMENT:
            raise TemplateLimitError(f"{what} was given {value}; a workspace template may pass at most "
                                     f"{MAX_ARGUMENT:,} as a width or count")
        _check(value)


def _length(value: Any) -> int:
    return len(value) if isinstance(value, _SIZED) else 0


class _Formatter(jinja2.sandbox.SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        if _BIG_SPEC.search(format_spec):
            raise TemplateLimitError(f"the format {format_spec!r} asks for a width of a million characters or more")
        return super().format_field(value, format_spec)


class _EscapeFormatter(_Formatter, jinja2.sandbox.SandboxedEscapeFormatter):
    pass


def _limit_filter(name: str, func: Any) -> Any:
    """Return the filter ``func`` with its widths and counts, and its result, kept within the limits."""
    skip = 2 if getattr(func, "jinja_pass_arg", None) is not None else 1  # context/environment, then the value
    limit = _FILTER_LIMITS.get(name)

    @functools.wraps(func)
    def limited(*args: Any, **kwargs: Any) -> Any:
        _check_arguments(chain(args[skip:], kwargs.values()), f"the filter {name!r}")
        if limit is not None:
            limit(args, kwargs, skip)
        return _check(func(*args, **kwargs))

    return limited


def _join_limit(args: tuple[Any, ...], kwargs: dict[str, Any], skip: int) -> None:
    """Raise when a ``join`` (value at ``args[skip - 1]``) would make a result over MAX_VALUE."""
    if len(args) > skip - 1:
        items = args[skip - 1]
        if isinstance(items, (list, tuple)):
            sep = args[skip] if len(args) > skip else kwargs.get("d", "")
            if sum(map(_length, items)) + _length(sep) * len(items) > MAX_VALUE:
                raise _too_big("the result of join")


def _replace_limit(args: tuple[Any, ...], kwargs: dict[str, Any], skip: int) -> None:
    """Raise when a ``replace`` would make a result over MAX_VALUE."""
    if len(args) > skip + 1:
        _check_replace(str(args[skip - 1]), args[skip], args[skip + 1])


def _indent_limit(args: tuple[Any, ...], kwargs: dict[str, Any], skip: int) -> None:
    """Raise when an ``indent`` would make a result over MAX_VALUE."""
    if len(args) >= skip:
        width = args[skip] if len(args) > skip else kwargs.get("width", 4)
        lines = str(args[skip - 1]).count("\n") + 1
        if len(str(args[skip - 1])) + lines * (width if type(width) is int else _length(width)) > MAX_VALUE:
            raise _too_big("the result of indent")


def _wordwrap_limit(args: tuple[Any, ...], kwargs: dict[str, Any], skip: int) -> None:
    """Raise when a ``wordwrap`` would make a result over MAX_VALUE."""
    if len(args) >= skip:
        wrap = args[skip + 2] if len(args) > skip + 2 else kwargs.get("wrapstring") or "\n"
        if len(str(args[skip - 1])) * (1 + _length(wrap)) > MAX_VALUE:
            raise _too_big("the result of wordwrap")


def _tojson_limit(args: tuple[Any, ...], kwargs: dict[str, Any], skip: int) -> None:
    """Raise when ``tojson`` is given an indent over 16."""
    indent = args[skip] if len(args) > skip else kwargs.get("indent")
    if type(indent) is int and indent > 16:
        raise TemplateLimitError("tojson was given an indent over 16")


def _format_limit(args: tuple[Any, ...], kwargs: dict[str, Any], skip: int) -> None:
    """Raise when a ``format`` string asks for a width from the arguments or of a million characters."""
    if isinstance(args[skip - 1], str) and _BIG_PERCENT.search(args[skip - 1]):
        raise TemplateLimitError("the format asks for a width taken from the arguments or of a million "
                                 "characters or more")


#: The filters whose arguments can make a result too large, and the check each call gets first.
_FILTER_LIMITS: dict[str, Callable[[tuple[Any, ...], dict[str, Any], int], None]] = {
    "join": _join_limit, "replace": _replace_limit, "indent": _indent_limit, "wordwrap": _wordwrap_limit,
    "tojson": _tojson_limit, "format": _format_limit}


def _check_replace(text: str, old: Any, new: Any, count: Any = -1) -> None:
    if not isinstance(old, str) or not isinstance(new, str):
        return
    times = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    if len(text) + times * (len(new) - len(old)) > MAX_VALUE:
        raise _too_big("the result of replace")


class _LimitedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with the parts of a ``~`` concatenation measured before they are joined."""

    @optimizeconst
    def visit_Concat(self, node: Any, frame: Any) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.measured((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


#: What a template can reach as an attribute of a dict (its methods): any other name is one of its keys.
_DICT_ATTRIBUTES = frozenset(dir(dict))


class PackageSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The immutable sandbox the package's own templates render in (a workspace without templates of its
    own). The same rules; ``row.country`` of a view model (a dict) is its key at once, where Jinja first
    looks for an attribute of that name and handles the AttributeError, about 100,000 times a build."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:  # what Jinja ends up returning
            try:
                return obj[attribute]
            except (TypeError, LookupError):
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


class LimitedSandbox(jinja2.sandbox.ImmutableSandboxedEnvironment):
    """The immutable sandbox with limits on what one operation may make (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _LimitedCodeGenerator

    @staticmethod
    def measured(parts: tuple[Any, ...]) -> tuple[Any, ...]:
        """Return the parts of a ``~`` concatenation when their joined length is within the limit."""
        if sum(map(_length, parts)) > MAX_VALUE:
            raise _too_big("the result of ~")
        return parts

    @staticmethod
    def concat(parts: Iterable[str]) -> str:  # type: ignore[override]
        """Join the output of a block, macro or ``{% set %}`` block, within the limit."""
        out: list[str] = []
        size = 0
        for part in parts:
            size += len(part)
            if size > MAX_VALUE:
                raise _too_big("the output of a block, macro or {% set %}")
            out.append(part)
        return "".join(out)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals.pop("lipsum", None)
        self.filters = {name: _limit_filter(name, f) for name, f in self.filters.items()}

    def limit_filters(self) -> None:
        """Wrap the filters added since the environment was made (call after adding filters)."""
        self.filters = {name: f if hasattr(f, "__wrapped__") else _limit_filter(name, f)
                        for name, f in self.filters.items()}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, _SIZED) and type(times) is int and len(seq) * times > MAX_VALUE:
                    raise _too_big("the result of *")
            if type(left) is int and type(right) is int and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise _too_big("the result of *")
        elif operator == "**":
            if type(left) is int and type(right) is int and right > 0 and abs(left) > 1 \
                    and (left.bit_length() - 1) * right > MAX_INT_BITS:
                raise _too_big("the result of **")
        elif operator == "%":
            if isinstance(left, str) and _BIG_PERCENT.search(left):
                raise TemplateLimitError("the %-format asks for a width taken from the arguments or of a million "
                                         "characters or more")
        elif operator == "+" and _length(left) + _length(right) > MAX_VALUE:
            raise _too_big("the result of +")
        return _check(self.binop_table[operator](left, right))

    def getattr(self, obj: Any, attribute: str) -> Any:
        return _check(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        return _check(super().getitem(obj, argument))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's names
        owner = getattr(__obj, "__self__", None)
        wrapped = getattr(getattr(__obj, "__wrapped__", None), "__self__", None)
        if isinstance(owner, (str, bytes, list, tuple)) or isinstance(wrapped, str):  # a string's method
            _check_arguments(chain(args, kwargs.values()), f"{getattr(__obj, '__name__', 'a method')}()")
            name = getattr(__obj, "__name__", "")
            if name == "join" and isinstance(owner, str) and args:
                items = list(args[0])
                if sum(map(_length, items)) + len(owner) * len(items) > MAX_VALUE:
                    raise _too_big("the result of join")
                args = (items, *args[1:])
            elif name == "replace" and isinstance(owner, str) and len(args) >= 2:
                _check_replace(owner, *args[:3])
        else:
            for value in chain(args, kwargs.values()):
                _check(value)
        return _check(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Any:
        """``str.format`` and ``format_map`` with the format's widths limited (Jinja's own, with our formatter)."""
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        f_self = value.__self__
        formatter = _EscapeFormatter(self, escape=f_self.escape) if isinstance(f_self, Markup) \
            else _Formatter(self)
        is_map = value.__name__ == "format_map"

        def limited(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                return type(f_self)(formatter.vformat(f_self, (), args[0]))
            return type(f_self)(formatter.vformat(f_self, args, kwargs))

        return functools.update_wrapper(limited, value)


# --------------------------------------------------------------------------- the watchdog

class _Watchdog:
    """Raises TemplateTimeout in a thread whose render outlasts its deadline (one thread per process,
    started on demand, gone after a second with nothing to watch)."""

    def __init__(self) -> None:
        self._reset()
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._reset)  # the thread and a held lock do not survive a fork

    def _reset(self) -> None:
        self.lock = threading.Lock()
        self.deadlines: dict[int, float] = {}
        self.fired: set[int] = set()
        self.thread: threading.Thread | None = None

    def start(self, seconds: float) -> int:
        tid = threading.get_ident()
        with self.lock:
            self.deadlines[tid] = time.monotonic() + seconds
            self.fired.discard(tid)
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="legalreview-template-watchdog", daemon=True)
                self.thread.start()
        return tid

    def stop(self, tid: int) -> None:
        with self.lock:
            self.deadlines.pop(tid, None)
            fired = tid in self.fired
            self.fired.discard(tid)
        if fired:  # the render finished as the watchdog fired: drop the exception not yet raised
            _raise_in(tid, None)

    def _run(self) -> None:
        idle = 0.0
        while True:
            time.sleep(_TICK)
            with self.lock:
                if not self.deadlines:
                    idle += _TICK
                    if idle >= 1.0:
                        self.thread = None
                        return
                    continue
                idle = 0.0
                now = time.monotonic()
                for tid, deadline in list(self.deadlines.items()):
                    if now >= deadline:
                        del self.deadlines[tid]
                        self.fired.add(tid)
                        _raise_in(tid, TemplateTimeout)


def _raise_in(tid: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(exc) if exc else None)


_WATCHDOG = _Watchdog()


def limited(env: jinja2.Environment) -> bool:
    """Return True when ``env`` renders untrusted (workspace) templates under the limits."""
    return isinstance(env, LimitedSandbox)


def render_limited(template: jinja2.Template, context: Any, *, scale: int = 1) -> str:
    """Render ``template`` within :data:`MAX_RENDER_SECONDS` and :data:`MAX_PAGE_CHARS` (each times
    ``scale``, for a document made of many pages); raise TemplateLimitError naming it otherwise."""
    name = template.filename or template.name
    limit = MAX_PAGE_CHARS * scale
    parts: list[str] = []
    size = 0
    tid = _WATCHDOG.start(MAX_RENDER_SECONDS * scale)
    try:
        for piece in template.generate(context):
            size += len(piece)
            if size > limit:
                raise TemplateLimitError(f"the page it writes is larger than {limit:,} characters", name)
            parts.append(piece)
    except TemplateLimitError as exc:
        if exc.name is None and not _template_frames(exc):
            exc.name = exc.filename = name
        raise
    except (RecursionError, MemoryError, OverflowError) as exc:
        raise TemplateLimitError(f"it needs too much memory, a range that is too long or calls itself too "
                                 f"deeply ({type(exc).__name__}: {exc})", name) from None
    finally:
        _WATCHDOG.stop(tid)
    return "".join(parts)


def _template_frames(exc: BaseException) -> bool:
    import traceback

    return any(f.filename.endswith(".j2") for f in traceback.extract_tb(exc.__traceback__))


def generate(template: jinja2.Template, context: Any) -> Iterator[str] | list[str]:
    """Return a page's pieces: streamed for the package's own templates, rendered under the limits
    (in one piece) when the workspace has templates of its own."""
    if limited(template.environment):
        return [render_limited(template, context)]
    return template.generate(context)


def render(template: jinja2.Template, context: Any, *, scale: int = 1) -> str:
    """Return a rendered page (under the limits when the workspace has templates of its own)."""
    if limited(template.environment):
        return render_limited(template, context, scale=scale)
    return template.render(context)
