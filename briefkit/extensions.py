"""The generator's Markdown extensions, made and driven together.

The site (through the plugin), the PDF export and the editors' check all
convert pages with exactly this set, so the three read a page the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown.extensions import Extension

from briefkit.bibliography import Bibliography
from briefkit.bibliography_page import BibliographyExtension
from briefkit.citations import CitationExtension
from briefkit.figures import FigureExtension
from briefkit.glossary import Glossary, GlossaryExtension
from briefkit.links import ExternalLinkExtension
from briefkit.problems import Problem


@dataclass
class BriefExtensions:
    """Citations, bibliography, glossary and figures for one language."""

    citations: CitationExtension
    bibliography: BibliographyExtension
    glossary: GlossaryExtension
    figures: FigureExtension
    links: ExternalLinkExtension

    def all(self) -> list[Extension]:
        return [self.citations, self.bibliography, self.glossary, self.figures, self.links]

    def begin_page(self, path: str, source: str, src_uri: str) -> None:
        """Name the page converted next: ``path`` for messages, ``src_uri`` for links."""
        self.citations.begin_page(path, source)
        self.glossary.begin_page(src_uri)
        self.figures.begin_page(path, source)

    def problems(self) -> list[Problem]:
        """What the last converted page got wrong."""
        return [*self.citations.state.problems, *self.figures.state.problems]


def make_extensions(
    bibliography: Bibliography, glossary: Glossary, groups: dict[str, dict[str, str]], lang: str
) -> BriefExtensions:
    """The extensions of one edition."""
    return BriefExtensions(
        CitationExtension(bibliography, lang),
        BibliographyExtension(bibliography, groups, lang),
        GlossaryExtension(glossary, lang),
        FigureExtension(lang),
        ExternalLinkExtension(),
    )
