"""One print HTML document per edition, from the same Markdown and extensions.

Each page is converted with the site's Markdown extensions plus the
generator's own, then :class:`PrintTreeprocessor` adapts it to paper: every
note moves to its call (the PDF sets it at the foot of that page), ids are
prefixed with the page's slug so that pages can share one document, links
between pages become links inside the document, and web-only parts go.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from briefkit.assembly.assemble import AssembledEdition
from briefkit.assembly.crossrefs import Numbering, PageTargets, page_targets
from briefkit.assembly.harvest import CrossPageFacts, page_title
from briefkit.content.files import local_file
from briefkit.content.pagelist import reading_pages
from briefkit.core.grammar import CITE_MARKER
from briefkit.core.problems import BriefError, collect

WEB_ONLY = {"brief-web-only", "headerlink"}  # the second: the toc's permalinks
CALLS = {"fnref": "fn", "edref": "ed"}  # call id prefix -> note id prefix
CALL_PREFIXES = tuple(f"{kind}:" for kind in CALLS)


def slug(page: str) -> str:
    """``glossaire/quad.md`` -> ``glossaire-quad``: the page's anchor in the document."""
    return posixpath.splitext(page)[0].replace("/", "-")


@dataclass
class PrintPage:
    """One converted page of the print document."""

    src: str
    meta: dict[str, object]
    title: str
    body: str


@dataclass
class PrintContext:
    """What the print transformation needs to know about the whole document."""

    pages: list[str]
    docs_dir: Path = Path()
    current: str = ""


class PrintTreeprocessor(Treeprocessor):
    """Adapts one converted page to print (runs after toc ids exist)."""

    def __init__(self, md: markdown.Markdown, context: PrintContext) -> None:
        super().__init__(md)
        self.ctx = context

    def run(self, root: etree.Element) -> None:
        prefix = slug(self.ctx.current) + "--"
        self._drop_web_only(root)
        self._move_notes(root, prefix)
        for el in root.iter():
            if el.get("id"):
                el.set("id", prefix + el.get("id", ""))
            if el.tag == "a" and el.get("href"):
                self._relink(el, prefix)
            if el.tag == "img" and el.get("src"):
                # One document for many pages: resolve images from their page's folder,
                # as the site does (never outside the edition's folder, never a link).
                found = local_file(self.ctx.docs_dir, self.ctx.current, el.get("src", ""))
                if found is not None:
                    el.set("src", quote(str(found.resolve())))

    def _drop_web_only(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if WEB_ONLY.intersection((child.get("class") or "").split()) or _is_cite(child):
                    parent.remove(child)

    def _move_notes(self, root: etree.Element, prefix: str) -> None:
        """Each note, the author's and the editors', moves to its call (a page-bottom note)."""
        for notes in [d for d in root.iter("div") if "footnote" in (d.get("class") or "").split()]:
            bodies = {li.get("id", ""): li for li in notes.iter("li")}
            for sup in [s for s in root.iter("sup") if s.get("id", "").startswith(CALL_PREFIXES)]:
                kind, number = sup.get("id", "").split(":", 1)
                li = bodies.get(f"{CALLS[kind]}:{number}")
                if li is not None:
                    self._note_at_call(sup, li)
            root.remove(notes)

    @staticmethod
    def _note_at_call(sup: etree.Element, li: etree.Element) -> None:
        paragraph = li[0]
        for back in [a for a in paragraph if a.get("class") == "footnote-backref"]:
            paragraph.remove(back)
        tail = sup.tail
        sup.clear()
        sup.tail = tail
        sup.tag = "span"
        sup.set("class", "brief-note")
        sup.set("id", li.get("id", ""))
        if li.get("data-cites"):
            sup.set("data-cites", li.get("data-cites", ""))
        if li.get("data-mark"):  # an editors' note: its own mark, its own style
            sup.set("class", "brief-note brief-editor-note")
            sup.set("data-mark", li.get("data-mark", ""))
        sup.text, sup[:] = paragraph.text or "", list(paragraph)
        _strip_trailing_space(sup)

    def _relink(self, link: etree.Element, prefix: str) -> None:
        href = link.get("href", "")
        if href.startswith(("http://", "https://", "mailto:")):
            return
        if href.startswith("#"):
            link.set("href", "#" + prefix + href[1:])
            return
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.ctx.current), path))
        if target in self.ctx.pages:
            anchor = slug(target) + ("--" + fragment if fragment else "")
            link.set("href", "#" + anchor)
        else:
            link.attrib.pop("href")  # not in the document: keep the words, drop the link


def _is_cite(el: etree.Element) -> bool:
    """The "cite this brief" marker, which only the web page fills."""
    return el.tag == "p" and len(el) == 0 and (el.text or "").strip() == CITE_MARKER


def _strip_trailing_space(el: etree.Element) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "").rstrip()
    else:
        el.text = (el.text or "").rstrip()


class PrintExtension(Extension):
    """Registers :class:`PrintTreeprocessor` after the toc extension (5)."""

    def __init__(self, context: PrintContext, **kwargs: object) -> None:
        self.context = context
        super().__init__(**kwargs)

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(PrintTreeprocessor(md, self.context), "print", 4)


def convert_pages(assembled: AssembledEdition) -> list[PrintPage]:
    """Every printed page of the edition as print-ready HTML, bibliography and mentions filled.

    Raises :class:`BriefError` with every page's problems (unknown keys, figures
    without alt text…), so the PDF never prints a flagged citation.
    """
    edition = assembled.edition
    context = PrintContext(assembled.print_order, edition.docs_dir)
    facts = CrossPageFacts()
    converted = []
    with collect() as problems:
        for src in assembled.print_order:
            page = assembled.pages[src]
            context.current = src
            page_html = assembled.converter(src, PrintExtension(context)).convert(page.body)
            title = page_title(page.meta, page_html, src)
            facts.record(src, title, page_html)
            converted.append(PrintPage(src, page.meta, title, page_html))
    if any(p.severity == "error" for p in problems):
        raise BriefError(problems)
    numbering = number_pages(assembled, converted)
    words = edition.words
    for page in converted:
        page.body = numbering.fill(
            page.src, page.body, lambda src, anchor: f"#{slug(src)}--{anchor}"
        )
        page.body = facts.fill(
            page.body,
            words,
            lambda src, note: f"#{slug(src)}--fn:{note}",
            lambda src, anchor: f"#{slug(src)}--{anchor}",
        )
    return converted


def number_pages(assembled: AssembledEdition, converted: list[PrintPage]) -> Numbering:
    """The site's numbering of figures and tables, for the printed pages.

    A PDF with its own page order may leave pages out: they are converted
    here too (and not printed), so that the numbers stay the site's.
    """
    targets: dict[str, PageTargets] = {
        page.src: page_targets(page.body, slug(page.src) + "--") for page in converted
    }
    order = reading_pages(assembled.edition, assembled.glossary.term_pages(assembled.edition.lang))
    for src in [p for p in order if p not in targets and p in assembled.pages]:
        body = assembled.pages[src].body
        with collect():  # reported by the check and the site; here only counted
            targets[src] = page_targets(assembled.converter(src).convert(body))
    return Numbering.of(assembled.edition.lang, order, targets)
