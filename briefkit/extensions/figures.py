"""Numbered figures with captions in the page's language and required alt text.

A figure is written with ``md_in_html`` so that its caption can hold Markdown
and citations::

    <figure markdown>
    ![What the figure shows, for readers who cannot see it](assets/map.svg)
    <figcaption markdown>Caption text [@source].</figcaption>
    </figure>

An image alone in its paragraph with a title (``![alt](src "Caption")``) is a
figure too. Figures are numbered per page in reading order and get the id
``figure-N`` so that the text can link to them; an image without alt text is
reported, since a map described as nothing is lost to screen-reader users.

An SVG figure's ``<img>`` gets the ``width`` and ``height`` of its file, so the
page does not shift while it loads, and its caption ends with a link that
opens it full size (on a phone the figure is too small to read in the text).
A figure with a dark variant beside it (``map-dark.svg`` next to ``map.svg``)
shows that variant in a dark colour scheme (``<picture>``).
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from briefkit.core.problems import Problem, report
from briefkit.extensions.context import BriefExtension

WEB_ONLY = "brief-web-only"  # left out of the PDF
DARK_SUFFIX = "-dark"  # map.svg's variant for a dark scheme: map-dark.svg, beside it
DARK_MEDIA = "screen and (prefers-color-scheme: dark)"  # print stays light
LENGTH_RE = re.compile(r"\s*([\d.]+)\s*(px)?\s*$")


@dataclass
class FigureState:
    """Figures met on the current page and problems found."""

    path: str = "<text>"
    source: str = ""
    count: int = 0
    problems: list[Problem] = field(default_factory=list)


class FigureTreeprocessor(Treeprocessor):
    """Numbers figures, labels their captions and checks their alt text."""

    def __init__(self, md: Markdown, extension: FigureExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        context = self.ext.context
        self.ext.state = FigureState(path=context.path, source=context.source)
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag == "p" and _lone_titled_image(child) is not None:
                    child = self._from_titled_image(parent, index, child)
                if child.tag == "figure":
                    self._number(child)

    def _from_titled_image(
        self, parent: etree.Element, index: int, p: etree.Element
    ) -> etree.Element:
        image = p[0]
        figure = etree.Element("figure")
        figure.append(image)
        caption = etree.SubElement(figure, "figcaption")
        caption.text = image.attrib.pop("title")
        parent.remove(p)
        parent.insert(index, figure)
        return figure

    def _number(self, figure: etree.Element) -> None:
        state = self.ext.state
        state.count += 1
        figure.set("id", figure.get("id") or f"figure-{state.count}")
        figure.set("class", " ".join(filter(None, [figure.get("class"), "brief-figure"])))
        images = list(figure.iter("img"))
        for image in images:
            self._size(image)
            self._dark_source(figure, image)
            if not (image.get("alt") or "").strip():
                line = self.ext.context.locator.line(f"]({image.get('src')}")
                problem = Problem(
                    state.path,
                    line,
                    f"figure {state.count} ({image.get('src')}) has no alt text: "
                    "write ![what it shows](…)",
                )
                state.problems.append(problem)
                report(problem)
        caption = next(figure.iter("figcaption"), None)
        if caption is None:
            caption = etree.SubElement(figure, "figcaption")
        if len(caption) == 1 and caption[0].tag == "p" and not (caption.text or "").strip():
            paragraph = caption[0]  # md_in_html wraps the caption in a paragraph
            caption.remove(paragraph)
            caption.text, caption[:] = paragraph.text, list(paragraph)
        label = etree.Element("span", {"class": "brief-figure-label"})
        label.text = self.ext.context.words.figure_label.format(n=state.count)
        label.tail = caption.text
        caption.text = None
        caption.insert(0, label)
        if images and "://" not in images[0].get("src", "://"):
            self._open_link(caption, images[0].get("src", ""))

    def _size(self, image: etree.Element) -> None:
        path = self._file(image.get("src", ""))
        size = svg_size(path) if path is not None and path.suffix == ".svg" else None
        if size is not None and not (image.get("width") or image.get("height")):
            image.set("width", str(size[0]))
            image.set("height", str(size[1]))

    def _dark_source(self, figure: etree.Element, image: etree.Element) -> None:
        """The image in a ``<picture>`` offering its dark variant where the scheme is dark.

        The site's script points the source at the reader's own choice of scheme;
        without it, the system's setting decides. The PDF prints the image itself.
        """
        path = self._file(image.get("src", ""))
        if path is None or not dark_variant(path).is_file():
            return
        parent = next(el for el in figure.iter() if image in list(el))
        index = list(parent).index(image)
        stem, suffix = posixpath.splitext(image.get("src", ""))
        picture = etree.Element("picture")
        source = {"srcset": stem + DARK_SUFFIX + suffix, "media": DARK_MEDIA}
        source.update({k: image.get(k, "") for k in ("width", "height") if image.get(k)})
        etree.SubElement(picture, "source", source)
        parent.remove(image)
        picture.append(image)
        picture.tail, image.tail = image.tail, None
        parent.insert(index, picture)

    def _file(self, src: str) -> Path | None:
        context = self.ext.context
        if context.docs_dir is None or "://" in src or src.startswith("/"):
            return None
        path = context.docs_dir / posixpath.join(posixpath.dirname(context.src_uri), src)
        return path if path.is_file() else None

    def _open_link(self, caption: etree.Element, src: str) -> None:
        if len(caption):
            caption[-1].tail = (caption[-1].tail or "").rstrip() + " "
        else:
            caption.text = (caption.text or "").rstrip() + " "
        wrapper = etree.SubElement(caption, "span", {"class": f"{WEB_ONLY} brief-figure-open"})
        link = etree.SubElement(wrapper, "a", {"href": src})
        link.text = self.ext.context.words.figure_open


def dark_variant(path: Path) -> Path:
    """``assets/map-dark.svg`` for ``assets/map.svg``: the figure in a dark scheme."""
    return path.with_name(path.stem + DARK_SUFFIX + path.suffix)


def svg_size(path: Path) -> tuple[int, int] | None:
    """An SVG file's size in CSS pixels: its width and height, else its viewBox."""
    try:
        with path.open("rb") as handle:  # closed though only the first tag is read
            root = next(etree.iterparse(handle, events=("start",)))[1]
    except (etree.ParseError, OSError, StopIteration):
        return None
    width, height = (LENGTH_RE.match(root.get(name) or "") for name in ("width", "height"))
    if width and height:
        return round(float(width[1])), round(float(height[1]))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            return None
    return None


def _lone_titled_image(p: etree.Element) -> etree.Element | None:
    if len(p) == 1 and p[0].tag == "img" and p[0].get("title") and not (p.text or "").strip():
        return p[0] if not (p[0].tail or "").strip() else None
    return None


class FigureExtension(BriefExtension):
    """Numbered figures with captions in the page's language."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = FigureState()

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # Before citations (17) so that citations in captions are numbered in reading order.
        md.treeprocessors.register(FigureTreeprocessor(md, self), "figures", 18)


def makeExtension(**kwargs: Any) -> FigureExtension:
    return FigureExtension(**kwargs)
