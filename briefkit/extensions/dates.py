"""The ``[DATES]`` paragraph: the brief's dates (:mod:`briefkit.content.dates`) on its home page."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

import yaml
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from briefkit.content.dates import BriefDates
from briefkit.core.sources import split_front_matter
from briefkit.extensions.context import BriefExtension

MARKER = "[DATES]"


class DatesTreeprocessor(Treeprocessor):
    """Replaces the ``[DATES]`` paragraph with the page's dates, in its language."""

    def __init__(self, md: Markdown, extension: DatesExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        for index, el in enumerate(list(root)):
            if el.tag == "p" and len(el) == 0 and (el.text or "").strip() == MARKER:
                context = self.ext.context
                meta = _meta(context.source)
                lines = BriefDates.from_meta(meta).lines(context.words)
                # The PDF's cover carries the dates: the paragraph is the web's.
                paragraph = etree.Element("p", {"class": "brief-dates brief-web-only"})
                paragraph.text = " · ".join(lines)
                root.remove(el)
                root.insert(index, paragraph)


def _meta(source: str) -> dict[str, object]:
    try:
        return split_front_matter(source)[0]
    except yaml.YAMLError:  # invalid front matter is the front-matter check's to report
        return {}


class DatesExtension(BriefExtension):
    """``[DATES]``: when the brief was written, its sources, this edition."""

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(DatesTreeprocessor(md, self), "brief-dates", 14)


def makeExtension(**kwargs: Any) -> DatesExtension:  # Python-Markdown's name
    return DatesExtension(**kwargs)
