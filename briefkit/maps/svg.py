"""Deterministic SVG writing for figures: rounded numbers, attributes in a fixed order,
labels with a halo, and the little plane geometry a figure needs (SVG units).

No dependencies: the same inputs always give the same bytes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

Point = tuple[float, float]  # SVG units (x right, y down)
Box = tuple[float, float, float, float]  # x, y, width, height

HALO: dict[str, str | float] = {
    "fill": "none",
    "stroke": "#FFFFFF",
    "stroke_width": 3.0,
    "stroke_linejoin": "round",
    "opacity": "0.85",
}


COLOUR = re.compile(r'\b(fill|stroke)="(#[0-9A-Fa-f]{6})"')


def recolour(text: str, twins: dict[str, str]) -> str:
    """An SVG's ``fill`` and ``stroke`` colours swapped for their twins (upper-case keys).

    A colour without a twin is an error, so that a new colour cannot slip into one
    variant only.
    """

    def swap(match: re.Match[str]) -> str:
        colour = match[2].upper()
        if colour not in twins:
            raise ValueError(f"colour {colour} has no twin: add it to the figure's palette")
        return f'{match[1]}="{twins[colour]}"'

    return COLOUR.sub(swap, text)


def num(value: float) -> str:
    """A coordinate with one decimal, without a useless ``.0`` or ``-0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def attrs(**values: str | float) -> str:
    """XML attributes in the given order (``_`` in names becomes ``-``)."""
    out = []
    for name, value in values.items():
        text = num(value) if isinstance(value, float) else str(value)
        out.append(f'{name.rstrip("_").replace("_", "-")}="{escape(text, {chr(34): "&quot;"})}"')
    return " ".join(out)


def path_data(lines: Iterable[Sequence[Point]], closed: bool) -> str:
    """SVG path data for several polylines or polygons, rounded to 0.1 unit."""
    parts = []
    for line in lines:
        rounded: list[str] = []
        for x, y in line:
            pair = f"{num(x)} {num(y)}"
            if not rounded or rounded[-1] != pair:
                rounded.append(pair)
        if closed and len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()  # "Z" closes the ring
        if len(rounded) < (3 if closed else 2):
            continue
        parts.append("M" + "L".join(rounded) + ("Z" if closed else ""))
    return "".join(parts)


def path(lines: Iterable[Sequence[Point]], closed: bool, **style: str | float) -> str:
    """A ``<path>`` element, or nothing when every line rounds away."""
    d = path_data(lines, closed)
    return f'<path {attrs(**style)} d="{d}"/>' if d else ""


def text(x: float, y: float, words: str, size: float, **extra: str | float) -> str:
    """A label with a white halo drawn underneath it (a copy, for every renderer).

    A newline in ``words`` starts a second line (a ``tspan``); the space before it
    is kept, so the element's text content still reads as one phrase.
    """
    base: dict[str, str | float] = {"x": x, "y": y, "font_size": size, **extra}
    lines = words.split("\n")
    content = escape(lines[0])
    for line in lines[1:]:
        content += f" <tspan {attrs(x=x, dy=round(size * 1.15, 1))}>{escape(line)}</tspan>"
    return (
        f"<text {attrs(**{**base, **HALO})}>{content}</text><text {attrs(**base)}>{content}</text>"
    )


def wrapped(words: str) -> str:
    """The phrase on two lines, broken at the space nearest its middle."""
    spaces = [i for i, char in enumerate(words) if char == " "]
    if not spaces:
        return words
    cut = min(spaces, key=lambda i: (abs(i - len(words) / 2), i))
    return words[:cut] + "\n" + words[cut + 1 :]


def arrowhead(tip: Point, towards: Point, colour: str, size: float = 9.0) -> str:
    """A filled triangle pointing from ``towards`` to ``tip``."""
    angle = math.atan2(tip[1] - towards[1], tip[0] - towards[0])
    left = (tip[0] - size * math.cos(angle - 0.45), tip[1] - size * math.sin(angle - 0.45))
    right = (tip[0] - size * math.cos(angle + 0.45), tip[1] - size * math.sin(angle + 0.45))
    return path([[tip, left, right]], closed=True, fill=colour)


def expanded(box: Box, margin: float) -> Box:
    """A rectangle grown by ``margin`` on every side (shrunk if negative)."""
    x, y, w, h = box
    return (x - margin, y - margin, w + 2 * margin, h + 2 * margin)


def lengthen(points: Sequence[Point], by: float) -> list[Point]:
    """The line with its last segment made ``by`` units longer (shorter if negative)."""
    (ax, ay), (bx, by_) = points[-2], points[-1]
    length = math.hypot(bx - ax, by_ - ay)
    if length == 0 or length + by <= 0:
        return list(points)
    t = (length + by) / length
    return [*points[:-1], (ax + t * (bx - ax), ay + t * (by_ - ay))]


def document(ident: str, size: tuple[int, int], lang: str, title: str, desc: str,
             body: list[str], **extra: str | float) -> str:  # fmt: skip
    """A standalone, accessible SVG file, one element per line.

    Width and height are set (so that a phone reserves the space before loading
    it) as well as the viewBox; ``<title>`` and ``<desc>`` (ids ``<ident>-title``,
    ``<ident>-desc``) are what a screen reader reads.
    """
    width, height = size
    head = attrs(xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {width} {height}",
                 width=width, height=height, role="img", lang=lang,
                 aria_labelledby=f"{ident}-title {ident}-desc", **extra)  # fmt: skip
    lines = [
        f"<svg {head}>",
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        *body,
        "</svg>",
    ]
    return "\n".join(lines) + "\n"
