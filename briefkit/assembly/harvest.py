"""What a converted page cites and mentions, read back from its HTML.

The extensions mark their output (``data-cites`` on each note, ``data-term``
on each glossary link), so whoever needs every page's citations, for "cited
in" and "mentioned in" lists, reads them from the HTML, whoever converted it:
the MkDocs plugin, the PDF export or a program of one's own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefkit.core.vocabulary import Vocabulary
from briefkit.extensions.bibliography_page import Citing, fill_cited_in
from briefkit.extensions.glossary import fill_mentions

NOTE_TAG_RE = re.compile(r'<[a-z]+ [^>]*\bdata-cites="[^"]*"[^>]*>')
CITES_RE = re.compile(r'\bdata-cites="([^"]*)"')
NOTE_ID_RE = re.compile(r'\bid="(?:[^"]*--)?fn:(\d+)"')
TERM_RE = re.compile(r'<a [^>]*\bdata-term="([^"]*)"')
H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TAG_RE = re.compile(r"<[^>]+>")


@dataclass
class PageFacts:
    """The notes of a page (``(key, note number)`` in order) and the terms it links."""

    uses: list[tuple[str, int]] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)

    @property
    def cited(self) -> list[str]:
        """Keys cited, each once, in order of first citation."""
        return list(dict.fromkeys(key for key, _ in self.uses))


def harvest(page_html: str) -> PageFacts:
    """The citations and glossary mentions of one converted page."""
    facts = PageFacts()
    for tag in NOTE_TAG_RE.findall(page_html):
        number, keys = NOTE_ID_RE.search(tag), CITES_RE.search(tag)
        if number and keys:
            facts.uses.extend((html.unescape(key), int(number[1])) for key in keys[1].split())
    facts.mentions = [html.unescape(term) for term in TERM_RE.findall(page_html)]
    return facts


def page_title(meta: dict[str, object], page_html: str, src: str) -> str:
    """A page's title in lists of pages: its front matter's, else its heading's, else its path."""
    if meta.get("title"):
        return str(meta["title"])
    heading = H1_RE.search(page_html)
    text = html.unescape(TAG_RE.sub("", heading[1])).strip() if heading else ""
    return text or src


@dataclass
class CrossPageFacts:
    """What every page of an edition cites and mentions, for the lists that need them all.

    The site (each page by its URL) and the PDF (each page by its source path)
    record the same facts with the same titles, then fill the same lists.
    """

    citing: dict[str, list[Citing]] = field(default_factory=dict)
    mentions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    cited: dict[str, list[str]] = field(default_factory=dict)

    def record(self, page: str, title: str, page_html: str) -> PageFacts:
        """Read one converted page's notes and glossary links; ``page`` names it in links."""
        facts = harvest(page_html)
        self.cited[page] = facts.cited
        for key, note in facts.uses:
            self.citing.setdefault(key, []).append(Citing(page, title, note))
        for term_page in facts.mentions:
            self.mentions.setdefault(term_page, []).append((page, title))
        return facts

    def fill(
        self,
        page_html: str,
        words: Vocabulary,
        to_note: Callable[[str, int], str],
        to_mention: Callable[[str, str], str],
    ) -> str:
        """``page_html`` with its "cited in" and "mentioned in" lists filled."""
        if "brief-cited-in" in page_html:
            page_html = fill_cited_in(page_html, self.citing, words, to_note)
        if "brief-mentioned-in" in page_html:
            page_html = fill_mentions(page_html, self.mentions, words, to_mention)
        return page_html
