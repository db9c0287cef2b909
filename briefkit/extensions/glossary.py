"""The glossary extension: each page's first mention of a term links to its page.

Terms are read by :mod:`briefkit.content.glossary_terms`. The tree processor, on the model
of Python-Markdown's ``abbr.py``, builds one regular expression of every alias,
longest first, bounded so that a term inside another word is never matched,
and links the first occurrence of each term per page.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from briefkit.content.glossary_terms import Term, collation_key
from briefkit.core.vocabulary import Vocabulary
from briefkit.extensions.context import BriefExtension, protect

INDEX_MARKER = "[GLOSSARY]"
# A link never goes inside a link or a heading. Code, abbreviations, notes and the
# bibliography are AtomicString text (as in Python-Markdown's abbr.py), skipped as such.
SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a"}
MENTION_RE = re.compile(r'<div class="brief-mentioned-in" data-term="([^"]+)"></div>')


def alias_pattern(terms: list[Term]) -> re.Pattern[str] | None:
    """One regex of every alias, longest first, not inside a longer word."""
    aliases = sorted({a for t in terms for a in (*t.aliases, t.term)}, key=len, reverse=True)
    if not aliases:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, aliases)) + r")(?![\w-])")


def tooltip_text(text: str) -> str:
    """``text`` for a ``title`` that Material's tooltip reads as HTML: escaped for it.

    Python-Markdown's serializer leaves entities in attributes as they are, so
    escaping twice here makes the attribute's value, once the browser decodes
    it, the text escaped once: what Material's tooltip then shows as text.
    """
    return html.escape(html.escape(text, quote=False), quote=False)


class GlossaryTreeprocessor(Treeprocessor):
    """Links the first occurrence per page of each term to its glossary page."""

    def __init__(self, md: Markdown, extension: GlossaryExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        ext = self.ext
        own = ext.glossary.by_page(ext.context.src_uri)
        self.terms = {
            a: t for t in ext.glossary.terms if t is not own for a in (*t.aliases, t.term)
        }
        self.pattern = alias_pattern([t for t in ext.glossary.terms if t is not own])
        self.done: set[str] = set()
        for notes in [d for d in root.iter("div") if "footnote" in (d.get("class") or "").split()]:
            protect(notes)  # Python-Markdown's footnotes, like the generator's notes
        if self.pattern is not None:
            self._walk(root)
        self._markers(root, own)

    def _walk(self, el: etree.Element) -> None:
        # Reading order: the element's own text, then each child and its tail.
        self._link_in(el, None, "text")
        for child in list(el):
            if child.tag not in SKIP_TAGS:
                self._walk(child)
            self._link_in(el, child, "tail")

    def _link_in(self, parent: etree.Element, child: etree.Element | None, attr: str) -> None:
        holder = parent if child is None else child
        text = getattr(holder, attr) or ""
        if isinstance(text, AtomicString):
            return
        match = self._first_new(text)
        if match is None:
            return
        term = self.terms[match[1]]
        self.done.add(term.page)
        self.ext.mentions.append(term.page)
        link = etree.Element(
            "a",
            {
                "href": self.ext.context.href(term.page),
                "title": tooltip_text(term.definition),
                "class": "brief-term",
                "id": f"term-{term.slug}",
                "data-term": term.page,
            },
        )
        link.text, link.tail = match[1], text[match.end() :]
        setattr(holder, attr, text[: match.start()])
        index = 0 if child is None else list(parent).index(child) + 1
        parent.insert(index, link)
        self._link_in(parent, link, "tail")

    def _first_new(self, text: str) -> re.Match[str] | None:
        assert self.pattern is not None
        for match in self.pattern.finditer(text):
            if self.terms[match[1]].page not in self.done:
                return match
        return None

    def _markers(self, root: etree.Element, own: Term | None) -> None:
        for index, el in enumerate(list(root)):
            if el.tag == "p" and len(el) == 0 and (el.text or "").strip() == INDEX_MARKER:
                root.remove(el)
                root.insert(index, self._index_list())
        if own is not None:
            etree.SubElement(root, "div", {"class": "brief-mentioned-in", "data-term": own.page})

    def _index_list(self) -> etree.Element:
        dl = etree.Element("dl", {"class": "brief-glossary"})
        for term in sorted(
            self.ext.glossary.terms, key=lambda t: collation_key(t.term, self.ext.context.lang)
        ):
            dt = etree.SubElement(dl, "dt")
            link = etree.SubElement(dt, "a", {"href": self.ext.context.href(term.page)})
            link.text = term.term
            etree.SubElement(dl, "dd").text = term.definition
        return dl


class GlossaryExtension(BriefExtension):
    """Links each page's first mention of a term to the term's page."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.mentions: list[str] = []  # term pages linked by the last conversion

    def reset(self) -> None:
        super().reset()
        self.mentions = []

    def begin_page(self, path: str, source: str = "", src_uri: str = "") -> None:
        super().begin_page(path, source, src_uri)
        self.mentions = []

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        # After citations (17) and the bibliography (16): notes exist and are skipped.
        md.treeprocessors.register(GlossaryTreeprocessor(md, self), "glossary", 15)


def makeExtension(**kwargs: Any) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)


def fill_mentions(
    page_html: str,
    mentions: dict[str, list[tuple[str, str]]],
    words: Vocabulary,
    target: Callable[[str, str], str],
) -> str:
    """Fill a term page's "mentioned in" placeholder; ``target(page_url, anchor)`` makes hrefs."""

    def replace(match: re.Match[str]) -> str:
        term_page = html.unescape(match[1])
        places = mentions.get(term_page, [])
        if not places:
            return ""
        slug = posixpath.splitext(posixpath.basename(term_page))[0]
        items = "".join(
            f'<li><a href="{html.escape(target(url, "term-" + slug))}">'
            f"{html.escape(title)}</a></li>"
            for url, title in places
        )
        return (
            f'<div class="brief-mentioned-in"><p>{html.escape(words.mentioned_in)}</p>'
            f"<ul>{items}</ul></div>"
        )

    return MENTION_RE.sub(replace, page_html)
