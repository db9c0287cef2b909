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
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from briefkit.core.problems import Problem, line_of, relpath
from briefkit.extensions.context import resolve
from briefkit.extensions.crossrefs import KINDS, LABEL_RE, kind_of, label_line

EXTERNAL = ("http://", "https://", "mailto:", "data:")


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
        page = self.ext.page or resolve(self.md, {}).src_uri
        sink = self.ext.pages.setdefault(page, PageLinks())
        for el in root.iter():
            if el.get("id"):
                sink.ids.add(el.get("id", ""))
            if el.tag == "a" and el.get("href"):
                sink.hrefs.append(el.get("href", ""))
            if el.tag == "img" and el.get("src"):
                sink.hrefs.append(el.get("src", ""))


class LinkCollectorExtension(Extension):
    """Collects into ``pages`` (by page path); ``page`` names it when MkDocs does not."""

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
        for href in links.hrefs:
            if href.startswith(EXTERNAL):
                continue
            path, _, anchor = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(src), path)) if path else src
            )
            where = relpath(docs_dir / src)
            line = _line_of_link(sources.get(src, ""), href)
            if target not in pages and not (docs_dir / target).is_file():
                problems.append(
                    Problem(
                        where,
                        line,
                        f"dead link '{href}': no page {target} in "
                        f"{relpath(docs_dir)}; fix the path",
                    )
                )
            elif not path and LABEL_RE.match(anchor) and anchor not in pages[src].ids:
                if not any(anchor in other.ids for other in pages.values()):
                    problems.append(Problem(where, line, unknown_label(anchor, docs_dir)))
            elif anchor and target in pages and anchor not in pages[target].ids:
                problems.append(
                    Problem(
                        where,
                        line,
                        f"dead anchor '#{anchor}' in '{href}': {target} has no such heading or id",
                    )
                )
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


def _line_of_link(text: str, href: str) -> int:
    match = re.search(r"\]\(\s*<?" + re.escape(href), text)
    return line_of(text, match.start()) if match else 1
