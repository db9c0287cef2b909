"""Figures, tables and cross-references numbered across an edition, for the site and the PDF.

The Markdown extension (:mod:`briefkit.extensions.crossrefs`) labels and
numbers what one page holds; only the whole edition knows that the map of
the second section is « figure 2 ». Once every page is converted, whoever
converted them (the MkDocs plugin, the PDF export) reads each page's targets
back from its HTML (:func:`page_targets`), builds one :class:`Numbering` in
the edition's reading order (``content.pagelist.reading_pages``), then fills
each page (:meth:`Numbering.fill`): captions get their number in the brief,
references their words and their link to the page holding the label. The
site and the PDF thus show the same numbers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from briefkit.core.htmltree import parse_html
from briefkit.core.vocabulary import vocabulary
from briefkit.extensions.crossrefs import (
    CAPITAL,
    FIGURE_LABEL,
    HEADINGS,
    LABEL_RE,
    TABLE_LABEL,
    capital,
    heading_text,
    kind_of,
    numbered_figures,
    numbered_tables,
)
from briefkit.extensions.typography import space_text

Href = Callable[[str, str], str]  # (page, anchor) -> the link from the page being filled
CAPTION_RES = {
    "fig": re.compile(rf'<span class="{FIGURE_LABEL}">[^<]*</span>'),
    "tbl": re.compile(rf'<span class="{TABLE_LABEL}">[^<]*</span>'),
}
REFERENCE_RE = re.compile(r'<a (?=[^>]*\bdata-xref=")([^>]*)>(.*?)</a>', re.S)
ATTRIBUTE_RE = re.compile(r'([\w-]+)="([^"]*)"')


@dataclass(frozen=True)
class Target:
    """Something a reference may point at: a numbered figure or table, or a section."""

    kind: str  # "fig", "tbl" or "sec"
    page: str  # the page holding it, relative to docs_dir
    anchor: str  # its id on that page
    number: int = 0  # across the edition (figures and tables each from 1)
    title: str = ""  # a section's heading


@dataclass
class PageTargets:
    """What one converted page offers, in reading order."""

    numbered: dict[str, list[str]] = field(default_factory=lambda: {"fig": [], "tbl": []})
    sections: list[tuple[str, str]] = field(default_factory=list)  # (label, heading)


def page_targets(page_html: str, prefix: str = "") -> PageTargets:
    """The numbered figures and tables and the labelled sections of one page.

    ``prefix`` is taken off every id (the PDF's pages prefix theirs with the page's slug).
    """
    tree = parse_html(page_html)
    found = PageTargets()
    for kind, elements in (("fig", numbered_figures(tree)), ("tbl", numbered_tables(tree))):
        found.numbered[kind] = [(e.get("id") or "").removeprefix(prefix) for e in elements]
    for heading in tree.iter():
        label = (heading.get("id") or "").removeprefix(prefix)
        if heading.tag in HEADINGS and LABEL_RE.match(label) and kind_of(label) == "sec":
            found.sections.append((label, heading_text(heading)))
    return found


@dataclass
class Numbering:
    """Every target of an edition, by label, and each page's numbered figures and tables."""

    lang: str
    labels: dict[str, Target] = field(default_factory=dict)
    pages: dict[str, dict[str, list[Target]]] = field(default_factory=dict)

    @classmethod
    def of(cls, lang: str, order: Iterable[str], pages: dict[str, PageTargets]) -> Numbering:
        """Number the figures and tables of ``pages`` in ``order`` (pages not in it last)."""
        numbering, counts = cls(lang), {"fig": 0, "tbl": 0}
        for page in [*dict.fromkeys([p for p in order if p in pages] + list(pages))]:
            targets = pages[page]
            numbering.pages[page] = {"fig": [], "tbl": []}
            for kind, anchors in targets.numbered.items():
                for anchor in anchors:
                    counts[kind] += 1
                    target = Target(kind, page, anchor, counts[kind])
                    numbering.pages[page][kind].append(target)
                    numbering.labels.setdefault(anchor, target)
            for label, title in targets.sections:
                numbering.labels.setdefault(label, Target("sec", page, label, title=title))
        return numbering

    def words(self, target: Target) -> str:
        """« figure 2 », "Table 1", « section « Attendre et observer » »."""
        words = vocabulary(self.lang)
        if target.kind == "sec":
            title = f"{words.open_quote}{target.title}{words.close_quote}"
            return space_text(words.xref_section.format(title=title), self.lang)
        template = words.xref_figure if target.kind == "fig" else words.xref_table
        return space_text(template.format(n=target.number), self.lang)

    def fill(self, page: str, page_html: str, href: Href) -> str:
        """``page_html`` with its captions numbered across the edition and its references filled."""
        words = vocabulary(self.lang)
        for kind, pattern in CAPTION_RES.items():
            numbers = iter(self.pages.get(page, {}).get(kind, []))
            template = words.figure_label if kind == "fig" else words.table_label

            def caption(match: re.Match[str], numbers=numbers, template=template) -> str:
                target = next(numbers, None)
                if target is None:
                    return match[0]
                text = space_text(template.format(n=target.number), self.lang)
                return match[0].split(">", 1)[0] + f">{html.escape(text)}</span>"

            page_html = pattern.sub(caption, page_html)
        return REFERENCE_RE.sub(lambda m: self._reference(m, href), page_html)

    def _reference(self, match: re.Match[str], href: Href) -> str:
        attributes = dict(ATTRIBUTE_RE.findall(match[1]))
        target = self.labels.get(html.unescape(attributes.get("data-xref", "")))
        if target is None:
            return match[0]  # no such label: the link check names it
        body = match[2]
        if "data-xref-words" in attributes:
            text = self.words(target)
            body = html.escape(capital(text) if attributes["data-xref-words"] == CAPITAL else text)
        classes = html.escape(html.unescape(attributes.get("class", "")))
        link = html.escape(href(target.page, target.anchor))
        return f'<a class="{classes}" href="{link}">{body}</a>'
