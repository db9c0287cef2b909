"""All of the generator's Markdown extensions under one name.

``markdown_extensions: [briefkit.extensions: {bib_dir: bib, groups: …}]`` in
``mkdocs.yml`` (or ``markdown.Markdown(extensions=["briefkit.extensions"])``)
loads citations, editors' notes, the bibliography, the glossary, figures, the
brief's dates, typography, passage anchors and external links with one set of
options (see :mod:`briefkit.extensions.context`). Each also loads alone by its own module
name. The site, the PDF export and the editors' check all
convert pages with this set, so the three read a page the same way.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from briefkit.extensions.bibliography_page import BibliographyExtension
from briefkit.extensions.citations import CitationExtension
from briefkit.extensions.context import OPTIONS, BriefExtension, Holder
from briefkit.extensions.dates import DatesExtension
from briefkit.extensions.editor_notes import EditorNoteExtension
from briefkit.extensions.figures import FigureExtension
from briefkit.extensions.glossary import GlossaryExtension
from briefkit.extensions.headings import HeadingIdExtension
from briefkit.extensions.links import ExternalLinkExtension
from briefkit.extensions.passages import PassageExtension
from briefkit.extensions.typography import TypographyExtension

NAME = "briefkit.extensions"


class BriefExtensions(Extension):
    """Citations, bibliography, glossary, figures and external links, sharing options."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {name: list(default) for name, default in OPTIONS.items()}
        shared = {k: kwargs.pop(k) for k in ("bibliography", "glossary") if k in kwargs}
        super().__init__(**kwargs)
        # One page context for all parts: resolved once per page, not once per part.
        options = {**self.getConfigs(), **shared, "holder": Holder()}
        self.citations = CitationExtension(**options)
        self.parts: list[BriefExtension] = [
            self.citations,
            EditorNoteExtension(**options),
            BibliographyExtension(**options),
            GlossaryExtension(**options),
            FigureExtension(**options),
            DatesExtension(**options),
            TypographyExtension(**options),
        ]

    def begin_page(self, path: str, source: str, src_uri: str = "") -> None:
        """Name the page converted next, for every part."""
        for part in self.parts:
            part.begin_page(path, source, src_uri)

    def extendMarkdown(self, md: Markdown) -> None:
        for part in self.parts:
            part.extendMarkdown(md)
        ExternalLinkExtension().extendMarkdown(md)
        PassageExtension().extendMarkdown(md)
        HeadingIdExtension(lambda: self.citations.context.words.permalink).extendMarkdown(md)


def makeExtension(**kwargs: Any) -> BriefExtensions:
    return BriefExtensions(**kwargs)
