"""An offline world choropleth drawn in Python: TopoJSON -> Equal Earth projection -> SVG paths.

The geometry is the vendored Natural Earth 1:50m country file from the npm package
``world-atlas`` 2.0.2 (``data/world/countries-50m.json``; see ``data/world/README.md``).
Drawing it here rather than through Vega-Lite gives one ``<path>`` per jurisdiction with a
``<title>`` naming it and its tier, byte-identical output from run to run, and a projected
outline that is computed once per process (:func:`world_shapes`) and only re-coloured per chart.

How features are matched to the roster:

- a feature's ``id`` is its ISO 3166-1 numeric code, matched to the jurisdiction's ``m49`` code;
- Kosovo has a feature without an id: it is matched by its name (:data:`NAMED_FEATURES`);
- Somaliland and "N. Cyprus" are drawn as part of Somalia and Cyprus, as on UN maps
  (:data:`MERGED_FEATURES`);
- jurisdictions with no feature (Tuvalu is missing from the 1:50m file) and small states whose
  outline is smaller than a few pixels at world scale get a circle marker inside their path, at
  :data:`MARKER_POSITIONS` or at the centre of their largest outline;
- features that are not on the roster (territories, Antarctica is left out) are drawn in a
  neutral grey and titled "not on this review's roster";
- rings that cross the antimeridian (Russia, Fiji) are split there before projection.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import json
import math
from dataclasses import dataclass
from html import escape
from importlib import resources
from pathlib import Path
from collections.abc import Iterable, Mapping

import numpy as np

#: Width of the map's coordinate space; coordinates are written as integers in tenths of a pixel.
WIDTH = 960
_UNIT = 10  # coordinate units per pixel
#: Douglas-Peucker tolerance in pixels at WIDTH (0.35 px keeps coastlines smooth at full width).
TOLERANCE_PX = 0.35
#: A jurisdiction whose outline covers less than this many square pixels gets a circle marker too.
SMALL_AREA_PX = 5.0
MARKER_RADIUS_PX = 2.6

#: Features without an ISO numeric id, matched to jurisdictions by name.
NAMED_FEATURES = {"Kosovo": "XKX"}
#: Features drawn as part of another feature (numeric id), as on UN maps.
MERGED_FEATURES = {"Somaliland": "706", "N. Cyprus": "196"}
#: Features left out of the map entirely.
DROPPED_FEATURES = {"010"}  # Antarctica
#: Positions (longitude, latitude) of markers for jurisdictions with no outline in the 1:50m file.
MARKER_POSITIONS = {"TUV": (179.19, -8.52)}  # Funafuti, Tuvalu

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the Equal Earth projection (Šavrič, Patterson & Jenny 2018) of degrees, unit sphere."""
    lam = np.radians(lon)
    theta = np.arcsin(_M * np.sin(np.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * np.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


# Equal Earth's extent on the unit sphere: x at lon 180 on the equator, y at the pole.
_X_MAX = float(equal_earth(np.array([180.0]), np.array([0.0]))[0][0])
_Y_MAX = float(equal_earth(np.array([0.0]), np.array([90.0]))[1][0])
#: The map's latitude range (Antarctica is left out).
LAT_TOP, LAT_BOTTOM = 84.0, -58.0
_SCALE = WIDTH / (2 * _X_MAX)
_Y_TOP = float(equal_earth(np.array([0.0]), np.array([LAT_TOP]))[1][0])
_Y_BOTTOM = float(equal_earth(np.array([0.0]), np.array([LAT_BOTTOM]))[1][0])
HEIGHT = math.ceil((_Y_TOP - _Y_BOTTOM) * _SCALE)


def to_map_units(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Return (n, 2) integer map coordinates (tenths of a pixel, y downwards) for degrees."""
    x, y = equal_earth(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    px = (x + _X_MAX) * _SCALE
    py = (_Y_TOP - y) * _SCALE
    return np.rint(np.column_stack([px, py]) * _UNIT).astype(np.int64)


def _simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Return the points Douglas-Peucker keeps (first and last always kept)."""
    n = len(points)
    if n <= 2:
        return points
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    pts = points.astype(float)
    while stack:
        lo, hi = stack.pop()
        if hi - lo < 2:
            continue
        seg = pts[lo + 1:hi]
        a, b = pts[lo], pts[hi]
        d = b - a
        norm = math.hypot(d[0], d[1])
        if norm == 0:
            dist = np.hypot(seg[:, 0] - a[0], seg[:, 1] - a[1])
        else:
            dist = np.abs(d[0] * (seg[:, 1] - a[1]) - d[1] * (seg[:, 0] - a[0])) / norm
        i = int(np.argmax(dist))
        if dist[i] > tolerance:
            mid = lo + 1 + i
            keep[mid] = True
            stack.append((lo, mid))
            stack.append((mid, hi))
    return points[keep]


@dataclass(frozen=True)
class Shape:
    """One feature's projected outline: SVG path data, its bounding box and a marker position."""

    d: str
    area_px: float  # projected area in square pixels (holes subtracted)
    centre: tuple[int, int]  # centre of the largest ring's bounding box, in map units
    name: str

    @property
    def small(self) -> bool:
        """Return True when the outline is too small to see at world scale."""
        return self.area_px < SMALL_AREA_PX


def _topology() -> dict:
    text = resources.files("legalreview").joinpath("data", "world", "countries-50m.json").read_text("utf-8")
    return json.loads(text)


def _ring_area(ring: np.ndarray) -> float:
    """Return a ring's signed area in square map units (positive = clockwise on screen: an outer ring)."""
    x = ring[:, 0].astype(float)
    y = ring[:, 1].astype(float)
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


def _ring_path(ring: np.ndarray) -> str:
    """Return ``M x y l dx dy ... Z`` for one closed ring (relative integer moves)."""
    if len(ring) > 1 and (ring[0] == ring[-1]).all():
        ring = ring[:-1]
    deltas = np.diff(ring, axis=0)
    deltas = deltas[(deltas != 0).any(axis=1)]
    head = f"M{ring[0, 0]} {ring[0, 1]}"
    if len(deltas) == 0:
        return head + "Z"
    body = " ".join(f"{dx} {dy}" for dx, dy in deltas.tolist())
    return f"{head}l{body}Z"


def _clip_half_plane(ring: np.ndarray, lon: float, keep_below: bool) -> np.ndarray:
    """Return a lon/lat ring clipped to ``x <= lon`` (or ``x >= lon``): Sutherland-Hodgman, one edge."""
    if len(ring) == 0:
        return ring
    inside = ring[:, 0] <= lon if keep_below else ring[:, 0] >= lon
    out: list[np.ndarray] = []
    n = len(ring)
    for i in range(n):
        cur, nxt = ring[i], ring[(i + 1) % n]
        cin, nin = inside[i], inside[(i + 1) % n]
        if cin:
            out.append(cur)
        if cin != nin:
            t = (lon - cur[0]) / (nxt[0] - cur[0])
            out.append(np.array([lon, cur[1] + t * (nxt[1] - cur[1])]))
    return np.array(out) if out else np.empty((0, 2))


def _split_at_antimeridian(ring: np.ndarray) -> list[np.ndarray]:
    """Return the pieces of a lon/lat ring that crosses the antimeridian, each within -180..180.

    Natural Earth's Russia and Fiji have rings that jump from +180 to -180; drawn as is they would
    streak across the map. The ring is unwrapped to continuous longitudes, then each copy shifted
    by -360, 0 or +360 degrees is clipped to the map's range.
    """
    lon = ring[:, 0]
    jumps = np.diff(lon)
    correction = np.concatenate([[0.0], np.cumsum(np.where(np.abs(jumps) > 180, -360.0 * np.sign(jumps), 0.0))])
    unwrapped = np.column_stack([lon + correction, ring[:, 1]])
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        moved = unwrapped + [shift, 0.0]
        if moved[:, 0].max() <= -180 or moved[:, 0].min() >= 180:
            continue
        piece = _clip_half_plane(_clip_half_plane(moved, 180.0, True), -180.0, False)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _shape_key(with_numpy: bool) -> str:
    """Return the hash of what the projected map is made from: the geometry and this module's code
    (and, for the workspace cache, numpy's version)."""
    h = hashlib.sha256()
    h.update(resources.files("legalreview").joinpath("data", "world", "countries-50m.json").read_bytes())
    h.update(Path(__file__).read_bytes())
    if with_numpy:
        h.update(np.__version__.encode())
    return h.hexdigest()[:32]


#: The projected map shipped with the package (see :func:`write_shipped_projection`); used while
#: its name matches the geometry and this module's code, so a fresh clone's first build need not project.
SHIPPED = "projected-{key}.json"


def _shapes_from_json(raw: bytes) -> dict[str, Shape] | None:
    with contextlib.suppress(ValueError, TypeError, KeyError, IndexError):
        doc = json.loads(raw)
        return {k: Shape(d=v[0], area_px=float(v[1]), centre=(int(v[2]), int(v[3])), name=v[4])
                for k, v in doc.items()}
    return None


def _shapes_json(shapes: dict[str, Shape]) -> bytes:
    doc = {k: [v.d, v.area_px, v.centre[0], v.centre[1], v.name] for k, v in shapes.items()}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@functools.cache
def world_shapes() -> dict[str, Shape]:
    """Return feature key -> projected shape; the key is the ISO numeric id (or the feature name
    when it has none). Read from the projection shipped with the package when it was made from
    this geometry and code, else computed once per process (``python3 -m legalreview.render.worldmap``
    ships a new projection)."""
    shipped = resources.files("legalreview").joinpath("data", "world", SHIPPED.format(key=_shape_key(False)))
    with contextlib.suppress(OSError):
        found = _shapes_from_json(shipped.read_bytes())
        if found is not None:
            return found
    return _project_shapes()


def write_shipped_projection() -> Path:
    """Project the map and write it into the package's data folder (run after changing this module
    or the geometry: ``python3 -m legalreview.render.worldmap``); older projections are removed."""
    folder = Path(__file__).resolve().parent.parent / "data" / "world"
    for old in folder.glob(SHIPPED.format(key="*")):
        old.unlink()
    target = folder / SHIPPED.format(key=_shape_key(False))
    target.write_bytes(_shapes_json(_project_shapes()))
    return target


def _project_shapes() -> dict[str, Shape]:
    topo = _topology()
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    lonlat: list[np.ndarray] = []
    arcs: list[np.ndarray] = []
    for arc in topo["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        ll = np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty])
        lonlat.append(ll)
        arcs.append(_simplify(to_map_units(ll[:, 0], ll[:, 1]), TOLERANCE_PX * _UNIT))

    def ring_points(refs: list[int]) -> list[np.ndarray]:
        raw = np.concatenate([(lonlat[r] if r >= 0 else lonlat[~r][::-1])[0 if k == 0 else 1:]
                              for k, r in enumerate(refs)])
        if np.ptp(raw[:, 0]) > 180:  # crosses the antimeridian: split, project, simplify
            return [_simplify(to_map_units(p[:, 0], p[:, 1]), TOLERANCE_PX * _UNIT)
                    for p in _split_at_antimeridian(raw)]
        parts = []
        for k, ref in enumerate(refs):
            arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
            parts.append(arc if k == 0 else arc[1:])
        return [np.concatenate(parts)]

    polygons: dict[str, list[list[np.ndarray]]] = {}
    names: dict[str, str] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom.get("properties", {}).get("name", "")
        key = geom.get("id") or MERGED_FEATURES.get(name) or name
        if key in DROPPED_FEATURES or geom.get("type") is None:
            continue
        polys = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
        for poly in polys:
            rings = [ring_points(r) for r in poly]
            if len(rings[0]) == 1:
                polygons.setdefault(key, []).append([piece for ring in rings for piece in ring])
            else:  # an outer ring split at the antimeridian: each piece is a polygon of its own
                polygons.setdefault(key, []).extend([piece] for piece in rings[0])
        if name not in MERGED_FEATURES:
            names.setdefault(key, name)

    shapes: dict[str, Shape] = {}
    for key in sorted(polygons):
        rings = [ring for poly in polygons[key] for ring in poly]
        areas = [_ring_area(r) for r in rings]
        outer = max((poly[0] for poly in polygons[key]), key=lambda r: float(np.ptp(r[:, 0]) + np.ptp(r[:, 1])))
        cx = int((outer[:, 0].min() + outer[:, 0].max()) // 2)
        cy = int((outer[:, 1].min() + outer[:, 1].max()) // 2)
        # rings that simplification collapsed to a line or a point draw nothing: leave them out
        d = "".join(_ring_path(r) for r, a in zip(rings, areas) if abs(a) > 0)
        shapes[key] = Shape(d=d, area_px=sum(areas) / _UNIT**2, centre=(cx, cy), name=names.get(key, key))
    return shapes


def marker_path(centre: tuple[int, int], radius_px: float = MARKER_RADIUS_PX) -> str:
    """Return SVG path data for a circle marker around a point in map units."""
    r = round(radius_px * _UNIT)
    cx, cy = centre
    return f"M{cx - r} {cy}a{r} {r} 0 1 1 {2 * r} 0a{r} {r} 0 1 1 {-2 * r} 0Z"


@dataclass(frozen=True)
class MapArea:
    """What the map draws for one jurisdiction: its path data and how it is shown."""

    iso3: str
    d: str
    shown_as: str  # "outline", "outline and marker" or "marker"


def feature_key(iso3: str, m49: str) -> str | None:
    """Return the world_shapes() key of a jurisdiction's outline, or None when it has none."""
    shapes = world_shapes()
    for name, code in NAMED_FEATURES.items():
        if code == iso3 and name in shapes:
            return name
    if m49:
        key = m49.zfill(3)
        if key in shapes:
            return key
    return None


@functools.cache
def map_area(iso3: str, m49: str) -> MapArea | None:
    """Return the jurisdiction's map area (outline, marker or both) or None when it cannot be drawn."""
    key = feature_key(iso3, m49)
    if key is not None:
        shape = world_shapes()[key]
        if shape.small:
            return MapArea(iso3, shape.d + marker_path(shape.centre), "outline and marker")
        return MapArea(iso3, shape.d, "outline")
    if iso3 in MARKER_POSITIONS:
        lon, lat = MARKER_POSITIONS[iso3]
        x, y = to_map_units(np.array([lon]), np.array([lat]))[0].tolist()
        return MapArea(iso3, marker_path((x, y)), "marker")
    return None


@dataclass(frozen=True)
class MapEntry:
    """One roster jurisdiction on a choropleth: code, name, category key, label and fill colour."""

    iso3: str
    m49: str
    name: str
    category: str
    label: str
    colour: str


@dataclass(frozen=True)
class LegendItem:
    """One legend swatch: category key, label, colour and how many jurisdictions it has."""

    category: str
    label: str
    colour: str
    count: int


OTHER_FILL = "#f2f2f2"
STROKE = "#ffffff"


_PATH_PARTS = re.compile(r"M(-?\d+) (-?\d+)(?:l([-\d ]*))?Z")


@functools.lru_cache(maxsize=1024)
def path_bounds(d: str) -> tuple[int, int, int, int] | None:
    """Return (x0, y0, x1, y1) in map units of the largest ring of a path made by :func:`_ring_path`
    (a country's mainland, not its overseas territories; None when empty). Kept per path: every
    region's map of every set crops to the same countries."""
    best: tuple[int, tuple[int, int, int, int]] | None = None
    for m in _PATH_PARTS.finditer(d):
        x, y = int(m.group(1)), int(m.group(2))
        xs, ys = [x], [y]
        steps = [int(v) for v in (m.group(3) or "").split()]
        for dx, dy in zip(steps[::2], steps[1::2]):
            x, y = x + dx, y + dy
            xs.append(x)
            ys.append(y)
        box = (min(xs), min(ys), max(xs), max(ys))
        size = (box[2] - box[0]) * (box[3] - box[1])
        if best is None or size > best[0]:
            best = (size, box)
    return best[1] if best is not None else None


def choropleth_svg(entries: Iterable[MapEntry], legend: Iterable[LegendItem], prefix: str,
                   title: str, font_family: str, link: str | None = None, crop: bool = False,
                   others: str = "not on this review's roster") -> str:
    """Return the SVG markup of a world choropleth.

    Every entry that can be drawn gets exactly one ``<path>`` (``data-iso3``, ``class`` from its
    category) holding a ``<title>`` "Name: label". Other features are drawn as neutral background
    (their title says ``others``). With ``link`` (a pattern such as ``"countries/{iso3}.html"``) each
    entry's path is wrapped in a link to it, named "Name: label" (keyboard focusable; the tier is in
    the accessible name). ``crop``: the view is the entries' bounding box (a region's map), the legend
    drawn to the same size on screen.
    """
    entries = list(entries)
    legend = list(legend)
    shapes = world_shapes()
    used: set[str] = set()
    roster_paths: list[str] = []
    for e in entries:
        key = feature_key(e.iso3, e.m49)
        if key is not None:
            used.add(key)
        area = map_area(e.iso3, e.m49)
        if area is None:
            continue
        path = (f'<path data-iso3="{escape(e.iso3)}" data-category="{escape(e.category)}" fill="{e.colour}" '
                f'd="{area.d}"><title>{escape(e.name)}: {escape(e.label)}</title></path>')
        if link is not None:
            path = (f'<a href="{escape(link.format(iso3=e.iso3))}" aria-label="{escape(e.name)}: {escape(e.label)}">'
                    f'{path}</a>')
        roster_paths.append(path)
    other_paths = [
        f'<path d="{shape.d}"><title>{escape(shape.name)} ({escape(others)})</title></path>'
        for key, shape in shapes.items() if key not in used and shape.d]

    x0, y0, x1, y1 = 0.0, 0.0, float(WIDTH), float(HEIGHT)  # the view, in screen units
    boxes = [b for b in (path_bounds(a.d) for a in (map_area(e.iso3, e.m49) for e in entries) if a) if b]
    if crop and boxes:  # the mainlands of nearly all (a far-flung one or two may fall outside: its table row stays)
        pad = 6 * _UNIT
        edges = np.array(boxes, dtype=float)
        centres = np.sort((edges[:, 0] + edges[:, 2]) / 2)
        if len(centres) > 2:  # a region across the map's edge (Oceania): keep the larger side of the widest gap
            gaps = np.diff(centres)
            at = int(np.argmax(gaps))
            if gaps[at] > WIDTH * _UNIT / 3:
                cut = (centres[at] + centres[at + 1]) / 2
                left = (edges[:, 0] + edges[:, 2]) / 2 < cut
                edges = edges[left] if left.sum() > (~left).sum() else edges[~left]
        low, high = (5, 95) if len(boxes) >= 10 else (0, 100)
        x0 = max(np.percentile(edges[:, 0], low) - pad, 0) / _UNIT
        y0 = max(np.percentile(edges[:, 1], low) - pad, 0) / _UNIT
        x1 = min(np.percentile(edges[:, 2], high) + pad, WIDTH * _UNIT) / _UNIT
        y1 = min(np.percentile(edges[:, 3], high) + pad, HEIGHT * _UNIT) / _UNIT
        x0, y0, x1, y1 = (round(v) for v in (x0, y0, x1, y1))
        if (x1 - x0) < WIDTH / 4:  # not too close: a small region keeps its neighbours in view
            middle = (x0 + x1) / 2
            x0, x1 = max(middle - WIDTH / 8, 0), min(middle + WIDTH / 8, WIDTH)
    k = (x1 - x0) / WIDTH  # the legend is drawn k times its size, so it shows at its size once scaled
    legend_row = 18 * k
    legend_h = legend_row * len(legend) + 8 * k
    view_h = (y1 - y0) + legend_h
    w = WIDTH * _UNIT
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="lr-chart lr-map" id="{prefix}" '
        f'viewBox="{_num(x0)} {_num(y0)} {_num(x1 - x0)} {_num(view_h)}" width="{WIDTH}" '
        f'height="{_num(view_h / k)}" role="group" '
        f'aria-labelledby="{prefix}-title" font-family="{escape(font_family)}">',
        f'<title id="{prefix}-title">{escape(title)}</title>',
        f'<g transform="scale({1 / _UNIT})" stroke="{STROKE}" stroke-width="{0.5 * _UNIT * k}" '
        f'stroke-linejoin="round">',
        f'<path d="M0 0h{w}v{HEIGHT * _UNIT}h{-w}Z" fill="#fbfdff" stroke="none" aria-hidden="true"/>',
        f'<g class="lr-map-other" fill="{OTHER_FILL}">', *other_paths, "</g>",
        '<g class="lr-map-roster">', *roster_paths, "</g>",
        "</g>",
        f'<g class="lr-map-legend" transform="translate({_num(x0 + 8 * k)},{_num(y1 + 6 * k)})'
        + (f' scale({_num(k)})' if k != 1 else "") + '" font-size="12" fill="#222">',
    ]
    for i, item in enumerate(legend):
        y = i * 18
        parts.append(
            f'<g transform="translate(0,{y})"><rect width="14" height="12" fill="{item.colour}" '
            f'stroke="#777" stroke-width="0.5"/><text x="20" y="10">{escape(item.label)} ({item.count})</text></g>')
    parts.append("</g></svg>")
    return "".join(parts)


def _num(value: float) -> str:
    """Return a number for an SVG attribute: an integer without a point, else two decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def geometry_report(roster: Mapping[str, str]) -> dict[str, list[str]]:
    """Return how the roster is drawn: ``{"outline": [...], "outline and marker": [...],
    "marker": [...], "missing": [...]}`` from iso3 -> m49."""
    out: dict[str, list[str]] = {"outline": [], "outline and marker": [], "marker": [], "missing": []}
    for iso3, m49 in sorted(roster.items()):
        area = map_area(iso3, m49)
        out["missing" if area is None else area.shown_as].append(iso3)
    return out


if __name__ == "__main__":
    print(f"wrote {write_shipped_projection()}")
