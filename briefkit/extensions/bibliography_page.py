"""The generated bibliography: groups, sorted entries, and "cited in" links.

The ``[BIBLIOGRAPHY]`` marker paragraph is replaced while the page is
converted; the "cited in" lists need every page converted first, so the
entries carry an empty placeholder that :func:`fill_cited_in` completes.

As with BibTeX and Pandoc, the bibliography lists the sources the edition's
pages cite, plus those its ``nocite`` option names (``"*"``: every source).
So a large ``.bib`` file costs its parsing, not the formatting of thousands of
entries nobody cites.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from briefkit.bib.reader import Bibliography, Source
from briefkit.content.pagelist import page_files
from briefkit.core.grammar import cited_keys
from briefkit.core.sources import read_page
from briefkit.core.vocabulary import Vocabulary, vocabulary
from briefkit.extensions.context import BriefExtension, protect
from briefkit.style.references import bibliography_entry, sort_key

MARKER = "[BIBLIOGRAPHY]"
PLACEHOLDER_RE = re.compile(r'<p class="brief-cited-in" data-key="([^"]+)"></p>')


@dataclass(frozen=True)
class Citing:
    """One note that cites a source: the page, its title, the note number."""

    url: str
    title: str
    note: int


def note_label(words: Vocabulary, number: object) -> str:
    """A note's word and number ("note 3", "3. jegyzet", "주 3"), never split by a line break."""
    before, after = words.numbered(words.note, str(number))
    return f"{before}{number}{after}".replace(" ", "\u00a0")


def anchor(key: str) -> str:
    """The stable id of a source in the bibliography."""
    return "ref-" + re.sub(r"[^\w-]", "-", key)


def cited_in_pages(docs_dir: Path, pages: list[str] | None = None) -> frozenset[str]:
    """Every key the pages of ``docs_dir`` cite (cached until a page changes).

    ``pages`` are the edition's pages (default: every page of ``docs_dir``).
    """
    paths = [docs_dir / page for page in (page_files(docs_dir) if pages is None else pages)]
    return _cited(tuple((p, p.stat().st_mtime_ns) for p in paths))


@lru_cache(maxsize=8)
def _cited(pages: tuple[tuple[Path, int], ...]) -> frozenset[str]:
    return frozenset(key for path, _ in pages for key in cited_keys(read_page(path).text))


def listed(
    bibliography: Bibliography,
    docs_dir: Path | None,
    nocite: list[str],
    pages: list[str] | None = None,
) -> list[Source]:
    """The sources the bibliography lists: cited, or named by ``nocite``.

    Without a ``docs_dir`` (a page converted on its own) nothing says what is
    cited, so every source is listed.
    """
    if docs_dir is None or "*" in nocite or "@*" in nocite:
        return list(bibliography.sources.values())
    named = cited_in_pages(docs_dir, pages) | {key.lstrip("@") for key in nocite}
    wanted = {bibliography.canonical_key(key) for key in named}
    return [bibliography[key] for key in bibliography if key in wanted and key in bibliography]


def grouped(
    sources: list[Source], groups: dict[str, dict[str, str]], lang: str
) -> list[tuple[str, list[Source]]]:
    """Sources by group in the configured order, each group sorted by author then year."""
    order = list(groups)
    buckets: dict[str, list[Source]] = {}
    for source in sources:
        group = source.group if source.group in groups else ""
        buckets.setdefault(group, []).append(source)
    result = []
    for group in [*order, ""]:
        if group in buckets:
            title = groups[group].get(lang, group) if group else vocabulary(lang).other_sources
            result.append((title, sorted(buckets[group], key=lambda s: sort_key(s, lang))))
    return result


class BibliographyTreeprocessor(Treeprocessor):
    """Replaces the ``[BIBLIOGRAPHY]`` paragraph with the grouped list."""

    def __init__(self, md: Markdown, extension: BibliographyExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        for index, el in enumerate(list(root)):
            if el.tag == "p" and len(el) == 0 and (el.text or "").strip() == MARKER:
                root.remove(el)
                for offset, block in enumerate(self.render()):
                    root.insert(index + offset, block)

    def render(self) -> list[etree.Element]:
        ext, lang = self.ext, self.ext.context.lang
        context = ext.context
        sources = listed(ext.bibliography, context.docs_dir, ext.getConfig("nocite"), context.pages)
        blocks = []
        for title, members in grouped(sources, ext.getConfig("groups"), lang):
            heading = etree.Element("h2")
            heading.text = title
            ul = etree.Element("ul", {"class": "brief-bibliography"})
            for source in members:
                ref = bibliography_entry(source, lang)
                li = etree.fromstring(
                    f'<li id="{anchor(source.key)}"><p class="brief-entry">{ref}</p>'
                    f'<p class="brief-cited-in" data-key="{html.escape(source.key)}"></p></li>'
                )
                ul.append(li)
            blocks.extend([heading, protect(ul)])
        return blocks


class BibliographyExtension(BriefExtension):
    """Renders ``[BIBLIOGRAPHY]`` from the brief's sources."""

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(BibliographyTreeprocessor(md, self), "bibliography", 16)


def makeExtension(**kwargs: Any) -> BibliographyExtension:
    return BibliographyExtension(**kwargs)


def fill_cited_in(
    page_html: str,
    citing: dict[str, list[Citing]],
    words: Vocabulary,
    target: Callable[[str, int], str],
) -> str:
    """Fill every "cited in" placeholder; ``target(page_url, note)`` makes each href."""

    def replace(match: re.Match[str]) -> str:
        uses = citing.get(html.unescape(match[1]), [])
        if not uses:
            return ""
        comma = html.escape(words.comma)
        items = comma.join(
            f'<a href="{html.escape(target(use.url, use.note))}">{html.escape(use.title)}{comma}'
            f"{html.escape(note_label(words, use.note))}</a>"
            for use in uses
        )
        return f'<p class="brief-cited-in">{html.escape(words.cited_in)} {items}</p>'

    return PLACEHOLDER_RE.sub(replace, page_html)
