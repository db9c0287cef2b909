"""Internal links and anchors, checked against the converted pages.

A tree processor records, for every page converted, the ids it offers and
the links it makes (before MkDocs rewrites ``.md`` links into URLs); then
:func:`check_links` resolves each link once every page is known. The check
command and the build (through the plugin) use the same two pieces.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from briefkit.content.files import climbs_out
from briefkit.content.policy import is_remote
from briefkit.core.problems import Problem, line_of, relpath
from briefkit.extensions.context import resolve

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
            if href.startswith(EXTERNAL) or is_remote(href):
                continue  # another site; any other scheme is the content policy's to name
            path, _, anchor = href.partition("#")
            path = unquote(path.partition("?")[0])
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(src), path)) if path else src
            )
            where = relpath(docs_dir / src)
            line = _line_of_link(sources.get(src, ""), href)
            if climbs_out(src, href) or target.startswith("/"):
                problems.append(
                    Problem(
                        where,
                        line,
                        f"'{href}' leads out of {relpath(docs_dir)}: only the brief's own files "
                        "are published; copy the file into that folder and link it there",
                    )
                )
            elif target not in pages and not (docs_dir / target).is_file():
                problems.append(
                    Problem(
                        where,
                        line,
                        f"dead link '{href}': no page {target} in "
                        f"{relpath(docs_dir)}; fix the path",
                    )
                )
            elif anchor and target in pages and anchor not in pages[target].ids:
                problems.append(
                    Problem(
                        where,
                        line,
                        f"dead anchor '#{anchor}' in '{href}': {target} has no such heading or id",
                    )
                )
    return problems


def _line_of_link(text: str, href: str) -> int:
    match = re.search(r"\]\(\s*<?" + re.escape(href), text)
    return line_of(text, match.start()) if match else 1
