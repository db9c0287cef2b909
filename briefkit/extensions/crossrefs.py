"""Cross-references: labelled sections, figures and tables, and links that name them.

A label is an id with a kind's prefix, as Quarto and Pandoc write them:

- a section: ``## Un partenariat inégal {#sec-partenariat}`` (``attr_list``);
- a figure: ``<figure markdown id="fig-routes">``, or ``{#fig-routes}`` right
  after the image of a figure or of a paragraph holding only it (which makes
  that paragraph a figure);
- a table: its caption, a paragraph right before or after it that starts with
  ``Table:`` (or just ``:``, Pandoc's syntax), ending with ``{#tbl-…}``.

A reference is a link to the label with no text: ``voir [](#fig-routes)``
becomes « voir figure 2 », linked to the figure wherever it is in the brief;
at the start of a sentence, « Figure 2 ». Written with text
(``[la carte](#fig-routes)``), the link keeps its words and is only pointed
at the right page. A reference holds no ``@``, so it can never be read as a
citation key, and a key may look like a label.

Figures and tables are numbered across the whole brief, in reading order, and
so are their references; one page alone cannot know that. This extension
numbers them on its page and marks each reference (``data-xref``); the
assembly layer (:mod:`briefkit.assembly.crossrefs`) renumbers them and fills
the references once every page of the edition is converted, for the site and
the PDF alike. A label on the wrong kind of element, or twice on a page, is
an error; a reference to a label no page has is one of the link check's.

Processors (priority: what must have run before):

=================  ========  ==================================================
crossref-labels    18.5      inline patterns (captions hold text), before the
                             figures (18) number the figures it makes
crossref-links     7         ``attr_list`` (8) set the ids; before the toc (5)
                             makes ids of its own
=================  ========  ==================================================
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from briefkit.core.problems import Problem, line_of, report
from briefkit.extensions.context import BriefExtension

KINDS = {"sec": "a heading", "fig": "a figure", "tbl": "a table"}
LABEL = r"(?:sec|fig|tbl)-[A-Za-z0-9][\w-]*"
LABEL_RE = re.compile(LABEL + r"\Z")
REFERENCE_RE = re.compile(r"#(" + LABEL + r")\Z")  # a link's href, on this page
ATTRIBUTE_RE = re.compile(r"\s*\{:?\s*#(" + LABEL + r")\s*\}\s*\Z")  # {#fig-…} after a thing
CAPTION_RE = re.compile(r"\s*(?:[Tt]able)?:\s+")  # Pandoc: "Table: …", "table: …", ": …"
SENTENCE_END = re.compile(r"[.!?…]['’”»)\]]*\s*\Z")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = {
    "p",
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "figcaption",
    "caption",
    "blockquote",
    "div",
    *HEADINGS,
}
OWNER = {"sec": HEADINGS, "fig": {"figure"}, "tbl": {"table"}}
XREF = "brief-xref"
WORDS, CAPITAL = "data-xref-words", "capital"  # words this module wrote; a sentence's first
TABLE_LABEL = "brief-table-label"
FIGURE_LABEL = "brief-figure-label"


def kind_of(label: str) -> str:
    """``fig`` of ``fig-routes``."""
    return label.split("-", 1)[0]


def label_line(source: str, label: str, nth: int = 0) -> int:
    """The line of the ``nth`` place ``source`` gives ``label`` (not of a link to it)."""
    pattern = rf"""(?<!\]\()#{re.escape(label)}(?![\w-])|\bid=["']{re.escape(label)}["']"""
    places = [m.start() for m in re.finditer(pattern, source)]
    if not places:
        return 1
    return line_of(source, places[min(nth, len(places) - 1)])


def capital(text: str) -> str:
    """``Figure 2`` of ``figure 2``: a reference opening a sentence."""
    return text[:1].upper() + text[1:]


def numbered_figures(root: etree.Element) -> list[etree.Element]:
    """The page's numbered figures, in reading order."""
    return [f for f in root.iter("figure") if "brief-figure" in (f.get("class") or "").split()]


def numbered_tables(root: etree.Element) -> list[etree.Element]:
    """The page's numbered tables (those with a caption this module labelled), in order."""
    mark = f"caption/span[@class='{TABLE_LABEL}']"
    return [t for t in root.iter("table") if t.find(mark) is not None]


def heading_text(heading: etree.Element) -> str:
    """A heading's words, without its permalink or note calls."""
    parts = [heading.text or ""]
    for child in heading:
        if child.tag != "sup" and "headerlink" not in (child.get("class") or "").split():
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


class LabelTreeprocessor(Treeprocessor):
    """Tables with a caption become numbered; ``{#fig-…}`` after an image labels its figure."""

    def __init__(self, md: Markdown, extension: CrossrefExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        self.ext.tables = 0
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "table" and child.find("caption") is None:
                    self._caption(parent, child)
                elif child.tag == "img" and _figure_label(child.tail or ""):
                    self._label_image(parent, child)

    def _caption(self, parent: etree.Element, table: etree.Element) -> None:
        siblings = list(parent)
        index = siblings.index(table)
        around = [siblings[i] for i in (index - 1, index + 1) if 0 <= i < len(siblings)]
        captions = [p for p in around if p.tag == "p" and CAPTION_RE.match(p.text or "")]
        paragraph = captions[0] if captions else None
        if paragraph is None:
            return
        parent.remove(paragraph)
        caption = etree.Element("caption")
        caption.text = CAPTION_RE.sub("", paragraph.text or "", count=1)
        caption[:] = list(paragraph)
        label = _take_label(caption)
        self.ext.tables += 1
        table.set("id", label or table.get("id") or f"table-{self.ext.tables}")
        mark = etree.Element("span", {"class": TABLE_LABEL})
        mark.text = self.ext.context.words.table_label.format(n=self.ext.tables)
        mark.tail, caption.text = caption.text, None
        caption.insert(0, mark)
        table.insert(0, caption)

    @staticmethod
    def _label_image(parent: etree.Element, image: etree.Element) -> None:
        match = ATTRIBUTE_RE.match(image.tail or "")
        assert match is not None
        image.tail = None
        if parent.tag != "p" or len(parent) != 1 or (parent.text or "").strip():
            image.set("id", match[1])  # not alone: the link check says what is wrong
            return
        parent.tag, parent.attrib = "figure", {"id": match[1]}  # the paragraph becomes its figure
        if image.get("title"):
            etree.SubElement(parent, "figcaption").text = image.attrib.pop("title")


def _figure_label(tail: str) -> str:
    """The ``fig-…`` label of ``{#fig-…}`` right after an image ("" when there is none)."""
    match = ATTRIBUTE_RE.match(tail)
    return match[1] if match and kind_of(match[1]) == "fig" else ""


def _take_label(caption: etree.Element) -> str:
    """The ``{#tbl-…}`` ending a caption, removed from it ("" when there is none)."""
    last = caption[-1] if len(caption) else None
    text = (last.tail if last is not None else caption.text) or ""
    match = ATTRIBUTE_RE.search(text)
    if match is None or kind_of(match[1]) != "tbl":
        return ""
    rest = text[: match.start()].rstrip()
    if last is not None:
        last.tail = rest
    else:
        caption.text = rest
    return match[1]


class ReferenceTreeprocessor(Treeprocessor):
    """Checks where labels are and marks every link to one, with this page's words."""

    def __init__(self, md: Markdown, extension: CrossrefExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        words = self._labels(root)
        parents = {child: parent for parent in root.iter() for child in parent}
        for link in list(root.iter("a")):
            match = REFERENCE_RE.match(link.get("href") or "")
            if match is None:
                continue
            label = match[1]
            link.set("class", " ".join(filter(None, [link.get("class"), XREF])))
            link.set("data-xref", label)
            if link.text or len(link):
                continue
            link.text = words.get(label, label)
            link.set(WORDS, "")
            if _opens_sentence(link, parents):
                link.set(WORDS, CAPITAL)
                link.text = capital(link.text)

    def _labels(self, root: etree.Element) -> dict[str, str]:
        """This page's words for its labels; problems for misplaced or doubled ones."""
        vocabulary = self.ext.context.words
        numbered = {"fig": numbered_figures(root), "tbl": numbered_tables(root)}
        seen: set[str] = set()
        words: dict[str, str] = {}
        for element in root.iter():
            label = element.get("id") or ""
            if not LABEL_RE.match(label):
                continue
            kind = kind_of(label)
            if element.tag not in OWNER[kind]:
                where = f"<{element.tag}>: put it on {KINDS[kind]}, or rename it"
                self.ext.problem(label, f"label '{{#{label}}}' is on {where}")
            elif label in seen:
                message = f"label '{{#{label}}}' is on this page twice: rename one"
                self.ext.problem(label, message, nth=1)
            elif kind == "sec":
                title = self.ext.quoted(heading_text(element))
                words[label] = vocabulary.xref_section.format(title=title)
            elif element in numbered[kind]:
                template = vocabulary.xref_figure if kind == "fig" else vocabulary.xref_table
                words[label] = template.format(n=numbered[kind].index(element) + 1)
            seen.add(label)
        return words


def _opens_sentence(link: etree.Element, parents: dict[etree.Element, etree.Element]) -> bool:
    """Whether ``link`` starts its block or follows the end of a sentence."""
    element = link
    while element in parents:
        parent = parents[element]
        index = list(parent).index(element)
        before = (parent.text if index == 0 else parent[index - 1].tail) or ""
        if before.strip():
            return bool(SENTENCE_END.search(before))
        if index > 0:
            return False  # an element (*emphasis*, a link) ends right before it
        if parent.tag in BLOCKS:
            return True
        element = parent
    return True


class CrossrefExtension(BriefExtension):
    """Labels on sections, figures and tables; references to them (see the module)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.tables = 0

    def quoted(self, title: str) -> str:
        words = self.context.words
        return f"{words.open_quote}{title}{words.close_quote}"

    def problem(self, label: str, message: str, nth: int = 0) -> None:
        context = self.context
        report(Problem(context.path, label_line(context.source, label, nth), message))

    def extendMarkdown(self, md: Markdown) -> None:
        super().extendMarkdown(md)
        md.treeprocessors.register(LabelTreeprocessor(md, self), "crossref-labels", 18.5)
        md.treeprocessors.register(ReferenceTreeprocessor(md, self), "crossref-links", 7)


def makeExtension(**kwargs: Any) -> CrossrefExtension:
    return CrossrefExtension(**kwargs)
