"""The print HTML of a page parsed back into an element tree.

The pages are converted to HTML strings because that is what the extensions
and the "cited in"/"mentioned in" fillers share with the site; the Typst
writer wants a tree. The standard library's ``html.parser`` reads them (the
input is Python-Markdown's own output, so no HTML5 error recovery is needed)
and ``xml.etree`` holds the result, the same tree type the extensions build.
Written here because the standard library pairs no HTML parser with a tree.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from html.parser import HTMLParser

VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
})  # fmt: skip


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = etree.Element("div")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = etree.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        etree.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def parse_html(markup: str) -> etree.Element:
    """The elements of an HTML fragment under one ``div`` root."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root
