"""The site's one palette: tier and answer colours shared by the map, the charts, the badges (as CSS
variables) and the printed report.

Tiers and answers lie on one ramp from light (nothing met) to dark (everything met), so their order
reads from lightness alone and survives every colour-vision deficiency: ``tests/test_palette.py``
simulates deuteranopia, protanopia and tritanopia (Machado, Oliveira and Fernandes 2009, severity 1)
and measures CIEDE2000 between neighbours. Answers without a finding (not known, not applicable, not
assessed) are neutral greys, told apart by their icons and labels as well. Badge text is dark or
white, whichever contrasts more with the fill (WCAG AA: at least 4.5:1).
"""

from __future__ import annotations

import math

#: Tier fills by presentation grade (see :func:`legalreview.render.context.tier_grade`), light to dark.
GRADE_ORDER = ("none", "low", "mid", "high", "full")
TIER_FILLS = {"none": "#fff2b8", "low": "#8fc68a", "mid": "#3f9c98", "high": "#2a6898", "full": "#1f2c60"}
#: Answers on the same ramp: not met = the lightest tier, partly met = the middle, met = the darkest.
ANSWER_ORDER = ("no", "part", "met")
ANSWER_FILLS = {"no": TIER_FILLS["none"], "part": TIER_FILLS["mid"], "met": TIER_FILLS["full"],
                "unknown": "#a7a7a7", "notapp": "#ffffff", "na": "#ececec"}
#: Neither a tier nor an answer: not assessed, unclassified, undetermined (hatched on the map).
NOT_ASSESSED = "#ececec"
UNCLASSIFIED = "#c4c4c4"
UNDETERMINED = "#8a7fbf"
#: Text, links and the focus ring: each at least 4.5:1 (3:1 for the ring) on white and on the tint.
INK = "#1d232b"
MUTED = "#545d69"
LINK = "#1a4f8b"
FOCUS = "#1d232b"
TINT = "#f5f6f8"
PAPER = "#ffffff"
ACCENT = "#1f3a5f"
DARK_TEXT = "#111111"
LIGHT_TEXT = "#ffffff"


def text_on(fill: str) -> str:
    """Return the badge text colour for a fill: dark or white, whichever contrasts more."""
    return DARK_TEXT if contrast(DARK_TEXT, fill) >= contrast(LIGHT_TEXT, fill) else LIGHT_TEXT


def css_variables() -> str:
    """Return ``:root { ... }`` declaring every palette colour as a CSS variable (static/palette.css)."""
    lines = [f"  --ink: {INK}; --muted: {MUTED}; --link: {LINK}; --focus: {FOCUS}; --paper: {PAPER};",
             f"  --tint: {TINT}; --accent: {ACCENT}; --focus-on-accent: {LIGHT_TEXT};"]
    for grade, fill in TIER_FILLS.items():
        lines.append(f"  --tier-{grade}: {fill}; --tier-{grade}-text: {text_on(fill)};")
    for cls, fill in ANSWER_FILLS.items():
        lines.append(f"  --ans-{cls}: {fill}; --ans-{cls}-text: {text_on(fill)};")
    for name, fill in (("na", NOT_ASSESSED), ("unclassified", UNCLASSIFIED), ("undetermined", UNDETERMINED)):
        lines.append(f"  --tier-{name}: {fill}; --tier-{name}-text: {text_on(fill)};")
    return "/* legalreview palette (generated from render/palette.py; do not edit) */\n:root {\n" + \
        "\n".join(lines) + "\n}\n"


# ----------------------------------------------------------------------------- colour science
def rgb(hex_colour: str) -> tuple[float, float, float]:
    """Return a ``#rrggbb`` colour as sRGB components in 0..1."""
    h = hex_colour.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def luminance(hex_colour: str) -> float:
    """Return the WCAG relative luminance of a colour."""
    r, g, b = (_linear(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


#: Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}


def simulate(hex_colour: str, deficiency: str) -> str:
    """Return how a colour looks under a colour-vision deficiency (Machado 2009), as ``#rrggbb``."""
    lin = [_linear(c) for c in rgb(hex_colour)]
    out = [sum(m * v for m, v in zip(row, lin)) for row in MACHADO[deficiency]]
    return "#" + "".join(f"{round(_gamma(c) * 255):02x}" for c in out)


def lab(hex_colour: str) -> tuple[float, float, float]:
    """Return CIE L*a*b* (D65) of a colour."""
    r, g, b = (_linear(c) for c in rgb(hex_colour))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """Return CIEDE2000 between two colours (about 2.3 is just noticeable; 10+ tells categories apart)."""
    return delta_e_lab(lab(a), lab(b))


def delta_e_lab(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    """Return CIEDE2000 between two L*a*b* colours (Sharma, Wu and Dalal 2005)."""
    l1, a1, b1 = first
    l2, a2, b2 = second
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    cm = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(cm ** 7 / (cm ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dhp = 0.0
    elif abs(h2p - h1p) <= 180:
        dhp = h2p - h1p
    else:
        dhp = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dhp / 2))
    lm, cmp_ = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hm = (h1p + h2p) / 2
    else:
        hm = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hm - 30)) + 0.24 * math.cos(math.radians(2 * hm))
         + 0.32 * math.cos(math.radians(3 * hm + 6)) - 0.20 * math.cos(math.radians(4 * hm - 63)))
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc = 1 + 0.045 * cmp_
    sh = 1 + 0.015 * cmp_ * t
    rt = (-2 * math.sqrt(cmp_ ** 7 / (cmp_ ** 7 + 25 ** 7))
          * math.sin(math.radians(60 * math.exp(-(((hm - 275) / 25) ** 2)))))
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dh / sh) ** 2 + rt * (dc / sc) * (dh / sh))
