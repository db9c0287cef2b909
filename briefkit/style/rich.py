"""Rich text for references: pybtex's, with spans carrying attributes, written as safe HTML.

pybtex's :class:`~pybtex.richtext.Tag` has a name and no attributes; a
reference needs ``<span lang="de">`` around a German title and
``<span class="brief-ref" data-key="…">`` around a cited reference, so
:class:`Span` is a rich-text part like ``Tag`` whose attributes the backend
writes escaped. Every text pybtex renders is escaped by its HTML backend;
only checked ``http(s)`` addresses become links.
"""

from __future__ import annotations

import html
from types import MappingProxyType
from typing import Any

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.richtext import BaseMultipartText, String, Tag, Text

from briefkit.bib.model import Runs
from briefkit.core.vocabulary import Vocabulary

Attributes = tuple[tuple[str, str], ...]


class Span(BaseMultipartText):  # type: ignore[misc]
    """A span of rich text with HTML attributes (``(("lang", lang),)``)."""

    def __init__(self, attributes: Attributes, *parts: Any) -> None:
        self.attributes = attributes
        self.info = (attributes,)
        super().__init__(*parts)

    def __repr__(self) -> str:
        return f"Span({self.attributes!r}, {', '.join(repr(p) for p in self.parts)})"

    def render(self, backend: Any) -> str:
        text = super().render(backend)
        writer = getattr(backend, "format_span", None)  # pybtex's own backends: the text only
        return str(writer(self.attributes, text)) if writer else text


class SafeHtmlBackend(HtmlBackend):  # type: ignore[misc]
    """pybtex's HTML backend with Unicode marks (XML-parseable) and escaped attributes."""

    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": "\u00a0"})

    def format_protected(self, text: str) -> str:
        return text

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        href = html.escape(url, quote=True)
        return f'<a href="{href}" rel="noopener">{text}</a>' if text else ""

    @staticmethod
    def format_span(attributes: Attributes, text: str) -> str:
        if not text:
            return ""
        written = "".join(
            f' {name}="{html.escape(value, quote=True)}"' for name, value in attributes
        )
        return f"<span{written}>{text}</span>"


BACKEND = SafeHtmlBackend()


def render(text: Any) -> str:
    """Rich text as HTML."""
    return str(text.render(BACKEND))


def from_runs(runs: Runs, words: Vocabulary, inner: bool = False) -> Text:
    """A field's runs as rich text: emphasis, sub- and superscripts, quotations.

    A quotation takes the language's quotation marks, its inner ones when the
    text is itself inside quotation marks (``inner``).
    """
    opening, closing = (
        (words.term("open-inner-quote"), words.term("close-inner-quote"))
        if inner
        else (words.open_quote, words.close_quote)
    )
    parts: list[Any] = []
    for piece, tag in runs:
        if tag == "q-open":
            parts.append(String(opening))
        elif tag == "q-close":
            parts.append(String(closing))
        elif tag:
            parts.append(Tag(tag, piece))
        else:
            parts.append(String(piece))
    return Text(*parts)
