"""What a converted page cites and mentions, read back from its HTML.

The extensions mark their output (``data-cites`` on each note, ``data-term``
on each glossary link), so whoever needs every page's citations, for "cited
in" and "mentioned in" lists, reads them from the HTML, whoever converted it:
the MkDocs plugin, the PDF export or a program of one's own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

NOTE_TAG_RE = re.compile(r'<[a-z]+ [^>]*\bdata-cites="[^"]*"[^>]*>')
CITES_RE = re.compile(r'\bdata-cites="([^"]*)"')
NOTE_ID_RE = re.compile(r'\bid="(?:[^"]*--)?fn:(\d+)"')
TERM_RE = re.compile(r'<a [^>]*\bdata-term="([^"]*)"')


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
