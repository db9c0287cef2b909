"""Passage anchors: every block of a page's text gets ``id="p-N"``.

The editions are paragraph-for-paragraph translations with the same file
names (the parity check sees to it), so ``p-7`` is the same passage in every
language: the language switch keeps the reader's place with it, and a search
result links to the passage that matched. Blocks are the page's paragraphs,
lists, tables, quotations and figures, in reading order, including those in
plain ``<div>`` wrappers; headings keep their own anchors, notes theirs
(``fn:N``), and a block that already has an id keeps it (it is still counted,
so the numbers stay the same in every edition).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

PREFIX = "p-"
BLOCKS = {"p", "ul", "ol", "dl", "table", "blockquote", "figure", "pre"}
# A paragraph holding only a marker ([CITE], [BIBLIOGRAPHY]…) is replaced later.
MARKER_RE = re.compile(r"\[[A-Z]+\]")


class PassageTreeprocessor(Treeprocessor):
    """Numbers the page's blocks in reading order."""

    def run(self, root: etree.Element) -> None:
        self.count = 0
        self._number(root)

    def _number(self, parent: etree.Element) -> None:
        for child in parent:
            wrapper = child.tag == "div" and not child.get("id")
            if wrapper and "footnote" not in child.get("class", ""):
                self._number(child)
            elif child.tag in BLOCKS and not _is_marker(child):
                self.count += 1
                if not child.get("id"):
                    child.set("id", f"{PREFIX}{self.count}")


def _is_marker(el: etree.Element) -> bool:
    text = (el.text or "").strip()
    return el.tag == "p" and len(el) == 0 and MARKER_RE.fullmatch(text) is not None


class PassageExtension(Extension):
    """``id="p-N"`` on every block of text."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the bibliography (16) and the glossary index, which add blocks,
        # and the table of contents (5); before the PDF's id prefixes (4).
        md.treeprocessors.register(PassageTreeprocessor(md), "passages", 4.5)


def makeExtension(**kwargs: Any) -> PassageExtension:
    return PassageExtension(**kwargs)
