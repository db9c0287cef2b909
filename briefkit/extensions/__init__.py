"""All of the generator's Markdown extensions under one name.

``markdown_extensions: [briefkit.extensions: {bib_dir: bib, groups: …}]`` in
``mkdocs.yml`` (or ``markdown.Markdown(extensions=["briefkit.extensions"])``)
loads citations, editors' notes, the bibliography, the glossary, figures,
cross-references, the brief's dates, typography, passage anchors, external
links and the content policy (:mod:`briefkit.extensions.sanitize`, last) with
one set of options (see :mod:`briefkit.extensions.context`). Each also loads
alone by its own module name. The site, the PDF export and the editors' check
all convert pages with this set, so the three read a page the same way.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension

from briefkit.extensions.bibliography_page import BibliographyExtension
from briefkit.extensions.citations import CitationExtension
from briefkit.extensions.context import OPTIONS, BriefExtension, Holder
from briefkit.extensions.crossrefs import CrossrefExtension
from briefkit.extensions.dates import DatesExtension
from briefkit.extensions.editor_notes import EditorNoteExtension
from briefkit.extensions.figures import FigureExtension
from briefkit.extensions.glossary import GlossaryExtension
from briefkit.extensions.headings import HeadingIdExtension
from briefkit.extensions.links import ExternalLinkExtension
from briefkit.extensions.passages import PassageExtension
from briefkit.extensions.sanitize import SanitizeExtension
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
            CrossrefExtension(**options),
            DatesExtension(**options),
            TypographyExtension(**options),
            SanitizeExtension(**options),
        ]

    def begin_page(self, path: str, source: str, src_uri: str = "") -> None:
        """Name the page converted next, for every part."""
        for part in self.parts:
            part.begin_page(path, source, src_uri)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register every processor. Python-Markdown runs higher priorities first:

        ============  ==================  ========  ====================================
        kind          name                priority  runs after / before
        ============  ==================  ========  ====================================
        inline        editor-note         176       escapes (180), code spans (190);
                                                    before citations, so theirs stay inside
        inline        citation            175       before links (160), references (170)
        inline        citation-unclosed   174       reports ``[@key`` left open
        tree          crossref-labels     18.5      inline (20); before figures (18),
                                                    which number the figures it makes
        tree          figures             18        inline (20); before the notes, so
                                                    captions' citations number in order
        tree          editor-notes        17.5      before citation-notes: notes' own
                                                    citations are written out, not numbered
        tree          citation-notes      17        numbers notes in reading order
        tree          editor-notes-list   16.9      the editors' list after the authors'
        tree          bibliography        16        ``[BIBLIOGRAPHY]``
        tree          glossary            15        after notes and bibliography (skipped)
        tree          brief-dates         14        ``[DATES]``
        tree          crossref-links      7         attr_list (8) set the ids; before
                                                    the toc (5) makes ids of its own
        tree          typography          6         after abbr (7), attr_list (8);
                                                    before toc (5), which copies headings
        tree          passages            4.5       after toc; before print (4)
        tree          external-links      3         last: every link exists by then
        ============  ==================  ========  ====================================

        Beside them, ``briefkit.assembly.linkcheck`` registers brief-links (1) and
        the PDF's ``print_tree`` print (4).
        """
        for part in self.parts:
            part.extendMarkdown(md)
        ExternalLinkExtension().extendMarkdown(md)
        PassageExtension().extendMarkdown(md)
        HeadingIdExtension(lambda: self.citations.context.words.permalink).extendMarkdown(md)


def makeExtension(**kwargs: Any) -> BriefExtensions:
    return BriefExtensions(**kwargs)
