"""Horizontal stacked bar charts drawn as SVG text, from counts already aggregated.

Owns :func:`stacked_bars` (the criteria, coverage, regions and trend charts of
:mod:`legalreview.render.charts`) and :func:`text_width`, the estimate of a label's width that
lays the chart out without any font file. Imports only the standard library: it knows nothing of
reviews, tiers or palettes (the caller passes labels, colours and counts).

The markup is inline-safe: no XML declaration, no external reference, every piece of text escaped,
and byte-identical for the same input.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: Width of printable ASCII characters in hundredths of an em: the wider of DejaVu Sans and Noto Sans
#: (the fonts that draw the charts in the PDF and on most systems), so a label is never estimated short.
_WIDTHS = {
    27: "'", 28: "ijl", 29: "J", 32: " ,.", 34: ":;I", 35: "f", 36: "-", 37: "/\\", 39: "()[]t", 40: "!",
    41: "r", 46: '"', 50: "_`", 52: "sz", 53: "?", 55: "*c|", 56: "L", 58: "Fk", 59: "vxy", 60: "P",
    61: "TYao", 62: "e", 63: "ESbdghnpqu", 64: "$0123456789{}", 66: "K", 68: "AV", 69: "BRXZ", 70: "C",
    73: "U", 75: "H", 76: "N", 77: "DG", 78: "&", 79: "OQ", 82: "w", 84: "#+<=>^~", 91: "M", 95: "%",
    97: "m", 99: "W", 100: "@",
}
_EM = {ch: hundredths / 100 for hundredths, chars in _WIDTHS.items() for ch in chars}
#: Bold text is about this much wider than regular text in both fonts.
BOLD = 1.13
#: Any other character: a wide one (CJK) is an em, else as wide as a digit.
_WIDE, _OTHER = 1.0, 0.64
ELLIPSIS = "…"

FONT_SIZE = 11
TITLE_SIZE = 13
TEXT = "#222222"
GRID = "#e6e6e6"
AXIS = "#888888"
PAD = 6
#: Longest drawn category label and legend label (px); longer ones end in an ellipsis, whole in a title.
LABEL_LIMIT = 280
LEGEND_LIMIT = 360
_SWATCH = 10
_ROW = 16


def char_width(ch: str) -> float:
    """Return the estimated advance of one character, in ems."""
    if ch in _EM:
        return _EM[ch]
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return _WIDE
    if unicodedata.combining(ch):
        return 0.0
    base = unicodedata.normalize("NFD", ch)[0]
    return _EM.get(base, _OTHER)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Return the estimated width in px of ``text`` at font ``size`` (a deterministic table, no font file)."""
    return sum(char_width(ch) for ch in text) * size * (BOLD if bold else 1.0)


def fit(text: str, size: float, limit: float, bold: bool = False) -> str:
    """Return ``text`` if it fits in ``limit`` px, else its longest start that fits followed by an ellipsis."""
    if text_width(text, size, bold) <= limit:
        return text
    room = limit - text_width(ELLIPSIS, size, bold)
    end = 0
    while text_width(text[:end + 1], size, bold) <= room:
        end += 1
    return text[:end].rstrip() + ELLIPSIS


def num(value: float) -> str:
    """Return a number for an SVG attribute: an integer without a point, else at most two decimals."""
    value = round(value, 2)
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0")


def count_ticks(top: int) -> tuple[list[int], int]:
    """Return whole-number ticks for counts up to ``top`` and the axis end (the last tick, or ``top``
    itself when the ticks cover it): every integer up to 10, else steps of 1, 2 or 5 times a power of ten."""
    top = max(int(top), 1)
    if top <= 10:
        return list(range(top + 1)), top
    step = 1
    while True:
        for factor in (1, 2, 5):
            if top / (step * factor) <= 10:
                size = step * factor
                end = math.ceil(top / size) * size
                return list(range(0, end + 1, size)), end
        step *= 10


@dataclass(frozen=True)
class Series:
    """One kind of segment: its legend label and fill colour."""

    label: str
    colour: str


def _label(text: str, x: float, y: float, size: float, limit: float, anchor: str = "start",
           bold: bool = False) -> str:
    """Return a ``<text>`` fitted to ``limit`` px (the whole text in its ``<title>`` when cut)."""
    shown = fit(text, size, limit, bold)
    title = f"<title>{escape(text)}</title>" if shown != text else ""
    attrs = f' text-anchor="{anchor}"' if anchor != "start" else ""
    attrs += ' font-weight="bold"' if bold else ""
    return f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}"{attrs}>{title}{escape(shown)}</text>'


@dataclass(frozen=True)
class _Layout:
    """Where the parts of a chart go (px)."""

    plot_x: float
    plot_y: float
    plot_w: float
    band: float
    bar: float
    rows: int
    end: int

    @property
    def plot_h(self) -> float:
        return self.band * self.rows

    def x(self, value: float) -> float:
        return self.plot_x + value / self.end * self.plot_w


def _axis(lay: _Layout, ticks: list[int], title: str) -> list[str]:
    """Return the count axis: grid lines, domain line, ticks, tick labels and the axis title."""
    top, bottom = lay.plot_y, lay.plot_y + lay.plot_h
    grid = [f'<path d="{"".join(f"M{num(lay.x(t))} {num(top)}V{num(bottom)}" for t in ticks)}" '
            f'stroke="{GRID}" fill="none"/>']
    marks = "".join(f"M{num(lay.x(t))} {num(bottom)}v5" for t in ticks)
    line = [f'<path d="M{num(lay.plot_x)} {num(bottom)}H{num(lay.plot_x + lay.plot_w)}{marks}" '
            f'stroke="{AXIS}" fill="none"/>']
    labels = [f'<text x="{num(lay.x(t))}" y="{num(bottom + 7 + FONT_SIZE)}" text-anchor="middle">{t}</text>'
              for t in ticks]
    name = ([_label(title, lay.plot_x + lay.plot_w / 2, bottom + 12 + 2.3 * FONT_SIZE, FONT_SIZE,
                    lay.plot_w, anchor="middle", bold=True)] if title else [])
    return ['<g class="lr-grid" aria-hidden="true">', *grid, "</g>",
            f'<g class="lr-axis" font-size="{FONT_SIZE}">', *line, *labels, *name, "</g>"]


def _bars(lay: _Layout, categories: Sequence[str], series: Sequence[Series],
          values: Sequence[Sequence[int]], show_categories: bool) -> list[str]:
    """Return a group per category: its label (unless hidden) and a titled rect per non-zero count."""
    out = []
    for row, (category, counts) in enumerate(zip(categories, values)):
        top = lay.plot_y + row * lay.band
        parts = []
        if show_categories:
            parts.append(_label(category, lay.plot_x - 6, top + lay.band / 2 + FONT_SIZE * 0.35, FONT_SIZE,
                                LABEL_LIMIT, anchor="end"))
        done = 0
        for s, n in zip(series, counts):
            if n <= 0:
                continue
            x0, x1 = lay.x(done), lay.x(done + n)
            done += n
            parts.append(f'<rect x="{num(x0)}" y="{num(top + (lay.band - lay.bar) / 2)}" width="{num(x1 - x0)}" '
                         f'height="{num(lay.bar)}" fill="{escape(s.colour)}">'
                         f"<title>{escape(category)}, {escape(s.label)}: {n}</title></rect>")
        out.append(f'<g class="lr-bar">{"".join(parts)}</g>')
    return out


def _legend(series: Sequence[Series], title: str, x: float, y: float) -> list[str]:
    """Return the legend: its title, then a square swatch and label per series, one under another."""
    out = [f'<g class="lr-legend" font-size="{FONT_SIZE}">']
    if title:
        out.append(_label(title, x, y + FONT_SIZE, FONT_SIZE, LEGEND_LIMIT, bold=True))
        y += _ROW + 2
    for i, s in enumerate(series):
        top = y + i * _ROW + (_ROW - _SWATCH) / 2
        out.append(f'<rect x="{num(x)}" y="{num(top)}" width="{_SWATCH}" height="{_SWATCH}" '
                   f'fill="{escape(s.colour)}" stroke="#777777" stroke-width="0.5"/>')
        out.append(_label(s.label, x + _SWATCH + 6, top + _SWATCH / 2 + FONT_SIZE * 0.35, FONT_SIZE, LEGEND_LIMIT))
    out.append("</g>")
    return out


def _legend_size(series: Sequence[Series], title: str) -> tuple[float, float]:
    widths = [min(text_width(s.label, FONT_SIZE), LEGEND_LIMIT) + _SWATCH + 6 for s in series]
    if title:
        widths.append(min(text_width(title, FONT_SIZE, bold=True), LEGEND_LIMIT))
    return max(widths, default=0.0), _ROW * len(series) + (_ROW + 2 if title else 0)


def stacked_bars(categories: Sequence[str], series: Sequence[Series], values: Sequence[Sequence[int]], *,
                 prefix: str, title: str, alt: str, font_family: str, axis_title: str = "",
                 legend_title: str = "", width: int = 520, band: float = 20, bar: float = 18,
                 show_categories: bool = True, end: int | None = None) -> str:
    """Return the SVG of a horizontal stacked bar chart.

    One bar per category (top to bottom, labels on the left unless ``show_categories`` is False),
    made of one segment per series (left to right, in ``series`` order) whose width is its count:
    ``values[i][j]`` is category i's count of series j. Each segment is a ``<rect>`` titled
    "category, series: n". The count axis has whole-number ticks and light grid lines, up to ``end``
    (default: the largest total, rounded up to a tick). The legend sits below; the chart's
    ``title`` above it; ``alt`` is the root's accessible name and ``prefix`` its id.
    """
    top = max((sum(max(int(n), 0) for n in row) for row in values), default=0)
    ticks, axis_end = count_ticks(top if end is None else end)
    if end is not None:
        ticks, axis_end = [t for t in ticks if t <= end], max(end, 1)
    label_w = (min(max((text_width(c, FONT_SIZE) for c in categories), default=0.0), LABEL_LIMIT) + 6
               if show_categories else 0.0)
    plot_x = PAD + label_w
    plot_y = PAD + TITLE_SIZE + 10
    lay = _Layout(plot_x, plot_y, float(width), band, bar, len(categories), axis_end)
    axis_h = 12 + FONT_SIZE + (1.3 * FONT_SIZE + 4 if axis_title else 0)
    legend_y = plot_y + lay.plot_h + axis_h + 10
    legend_w, legend_h = _legend_size(series, legend_title)
    half_tick = text_width(str(ticks[-1]), FONT_SIZE) / 2 if ticks else 0
    title_w = min(text_width(title, TITLE_SIZE, bold=True), plot_x + width)
    total_w = math.ceil(max(plot_x + width + half_tick, plot_x + legend_w, PAD + title_w) + PAD)
    total_h = math.ceil(legend_y + legend_h + PAD)
    parts = [
        f'<svg id="{escape(prefix)}" class="lr-chart" role="img" aria-label="{escape(alt)}" '
        f'xmlns="http://www.w3.org/2000/svg" version="1.1" width="{total_w}" height="{total_h}" '
        f'viewBox="0 0 {total_w} {total_h}" font-family="{escape(font_family)}" fill="{TEXT}">',
        f'<rect width="{total_w}" height="{total_h}" fill="#ffffff"/>',
        _label(title, PAD, PAD + TITLE_SIZE, TITLE_SIZE, total_w - 2 * PAD, bold=True),
        *_axis(lay, ticks, axis_title),
        f'<g class="lr-bars" font-size="{FONT_SIZE}">',
        *_bars(lay, categories, series, values, show_categories),
        "</g>",
        *_legend(series, legend_title, plot_x, legend_y),
        "</svg>",
    ]
    return "".join(parts)
