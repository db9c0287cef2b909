"""Heading ids readable in any script.

Python-Markdown's ``toc`` makes an id from a heading's ASCII letters only, so
a Russian, Korean or Arabic heading gets ``_1``, ``_2``. Where its slug would
be empty, the heading gets a slug of its own letters instead (pymdown's
Unicode slugify: ``#первый-раздел``, ``#첫째-절``), which browsers show and
copy as written. Latin-script headings keep toc's ids, so existing links stay
valid. Editions keep the reader's place across the language switch with the
passage anchors (:mod:`briefkit.extensions.passages`), the same in every one.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify as ascii_slugify
from pymdownx.slugs import slugify as unicode_slugify

UNICODE_SLUG = unicode_slugify(case="lower")


def readable_slug(text: str, separator: str) -> str:
    """toc's ASCII slug of ``text``, else a slug of its letters in their own script."""
    return ascii_slugify(text, separator) or UNICODE_SLUG(text, separator)


class HeadingIdExtension(Extension):
    """Gives toc the readable slug, unless the configuration chose its own."""

    def extendMarkdown(self, md: Markdown) -> None:
        if "toc" not in md.treeprocessors:
            return
        toc: Any = md.treeprocessors["toc"]
        if toc.slugify is ascii_slugify:
            toc.slugify = readable_slug
