"""Internal links, anchors and cross-references, checked against the converted pages.

A tree processor records, for every page converted, the ids it offers and
the links it makes (before MkDocs rewrites ``.md`` links into URLs); then
:func:`check_links` resolves each link once every page is known. A link to a
label alone (``[](#fig-routes)``) is a cross-reference: the label may be on
any page of the edition, and only once. The check command and the build
(through the plugin) use the same two pieces.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from briefkit.content.files import climbs_out
from briefkit.content.policy import is_remote
from briefkit.core.locate import Locator
from briefkit.core.problems import Problem, relpath
from briefkit.extensions.crossrefs import KINDS, LABEL_RE, kind_of, label_line

EXTERNAL = ("http://", "https://", "mailto:")


@dataclass
class PageLinks:
    """Ids a converted page offers and the links it makes."""

    ids: set[str] = field(default_factory=set)
    hrefs: list[str] = field(default_factory=list)


class LinkCollector(Treeprocessor):
    """Records ids and hrefs once every other processor has run (toc ids included)."""

    def __init__(self, md: Markdown, extension: LinkCollectorExtension) -> None:
        super().__init__(md)
        self.ext = extension

    def run(self, root: etree.Element) -> None:
        sink = self.ext.pages.setdefault(self.ext.page, PageLinks())
        for el in root.iter():
            if el.get("id"):
                sink.ids.add(el.get("id", ""))
            if el.tag == "a" and el.get("href"):
                sink.hrefs.append(el.get("href", ""))
            if el.tag == "img" and el.get("src"):
                sink.hrefs.append(el.get("src", ""))


class LinkCollectorExtension(Extension):
    """Collects into ``pages`` (by page path); whoever converts names the ``page``."""

    def __init__(self, pages: dict[str, PageLinks], page: str = "") -> None:
        self.pages, self.page = pages, page
        super().__init__()

    def extendMarkdown(self, md: Markdown) -> None:
        # After toc (5) gave headings their ids, before MkDocs rewrites links (0).
        md.treeprocessors.register(LinkCollector(md, self), "brief-links", 1)


def check_links(
    docs_dir: Path, pages: dict[str, PageLinks], sources: dict[str, str]
) -> list[Problem]:
    """Every internal link reaches a page (or file) and, when it names one, an anchor."""
    problems = []
    for src, links in pages.items():
        locator, where = Locator(sources.get(src, "")), relpath(docs_dir / src)
        for href in links.hrefs:
            message = _dead(href, src, docs_dir, pages)
            if message:  # the line is looked for only then: most links are sound
                problems.append(Problem(where, _line_of_link(locator, href), message))
    return problems + doubled_labels(docs_dir, pages, sources)


def unknown_label(label: str, docs_dir: Path) -> str:
    kind = KINDS[kind_of(label)]
    return (
        f"unknown cross-reference '#{label}': no page of {relpath(docs_dir)} has the label "
        f"{{#{label}}}; put it on {kind}, or fix the reference"
    )


def doubled_labels(
    docs_dir: Path, pages: dict[str, PageLinks], sources: dict[str, str]
) -> list[Problem]:
    """A label names one thing in the whole edition: each page that repeats one is named."""
    first: dict[str, str] = {}
    problems = []
    for src, links in pages.items():
        for label in sorted(i for i in links.ids if LABEL_RE.match(i)):
            if label not in first:
                first[label] = src
                continue
            message = (
                f"label '{{#{label}}}' is also on {relpath(docs_dir / first[label])}: a label "
                "names one thing in the whole brief; rename one of them (and its references)"
            )
            line = label_line(sources.get(src, ""), label)
            problems.append(Problem(relpath(docs_dir / src), line, message))
    return problems


def _dead(href: str, src: str, docs_dir: Path, pages: dict[str, PageLinks]) -> str:
    """What is wrong with ``href`` on page ``src`` ("" when it leads somewhere)."""
    if href.startswith(EXTERNAL) or is_remote(href):
        return ""  # another site; any other scheme is the content policy's to name
    path, _, anchor = href.partition("#")
    path = unquote(path.partition("?")[0])
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path)) if path else src
    if climbs_out(src, href) or target.startswith("/"):
        return (
            f"'{href}' leads out of {relpath(docs_dir)}: only the brief's own files "
            "are published; copy the file into that folder and link it there"
        )
    if target not in pages and not (docs_dir / target).is_file():
        return f"dead link '{href}': no page {target} in {relpath(docs_dir)}; fix the path"
    if not path and LABEL_RE.match(anchor) and anchor not in pages[src].ids:
        # A cross-reference may name a label on any page of the edition.
        if any(anchor in other.ids for other in pages.values()):
            return ""
        return unknown_label(anchor, docs_dir)
    if anchor and target in pages and anchor not in pages[target].ids:
        return f"dead anchor '#{anchor}' in '{href}': {target} has no such heading or id"
    return ""


def _line_of_link(locator: Locator, href: str) -> int:
    """The link's line: written ``](href``, ``](<href>`` or as a reference definition."""
    for needle in (f"]({href}", f"](<{href}", f"]: {href}"):
        if (offset := locator.offset(needle)) >= 0:
            return locator.line_at(offset)
    return 1
