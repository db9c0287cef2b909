"""Heading ids readable in any script, and their permalinks' title in the page's language.

Python-Markdown's ``toc`` makes an id from a heading's ASCII letters only, so
a Russian, Korean or Arabic heading gets ``_1``, ``_2``. Where its slug would
be empty, the heading gets a slug of its own letters instead (pymdown's
Unicode slugify: ``#первый-раздел``, ``#첫째-절``), which browsers show and
copy as written. Latin-script headings keep toc's ids, so existing links stay
valid. Editions keep the reader's place across the language switch with the
passage anchors (:mod:`briefkit.extensions.passages`), the same in every one.
toc's permalinks are titled "Permanent link" in every language unless the
configuration says otherwise; they take the vocabulary's word instead.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify as ascii_slugify
from markdown.treeprocessors import Treeprocessor
from pymdownx.slugs import slugify as unicode_slugify

UNICODE_SLUG = unicode_slugify(case="lower")
TOC_PERMALINK_TITLE = "Permanent link"  # Python-Markdown's default, in English


def readable_slug(text: str, separator: str) -> str:
    """toc's ASCII slug of ``text``, else a slug of its letters in their own script."""
    return ascii_slugify(text, separator) or UNICODE_SLUG(text, separator)


class PermalinkTitles(Treeprocessor):
    """Titles toc's permalinks with the page's word (runs after toc, priority 5)."""

    def __init__(self, md: Markdown, word: Callable[[], str]) -> None:
        super().__init__(md)
        self.word = word

    def run(self, root: etree.Element) -> None:
        word = None
        for link in root.iter("a"):
            if link.get("title") == TOC_PERMALINK_TITLE and "headerlink" in link.get("class", ""):
                word = word or self.word()
                link.set("title", word)


class HeadingIdExtension(Extension):
    """Gives toc the readable slug and the page's permalink title, unless configured."""

    def __init__(self, permalink_title: Callable[[], str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.permalink_title = permalink_title

    def extendMarkdown(self, md: Markdown) -> None:
        if "toc" not in md.treeprocessors:
            return
        toc: Any = md.treeprocessors["toc"]
        if toc.slugify is ascii_slugify:
            toc.slugify = readable_slug
        md.treeprocessors.register(PermalinkTitles(md, self.permalink_title), "brief-permalinks", 4)
