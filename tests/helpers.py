"""Shared helpers of the tests: generated HTML as a tree to assert on.

The tree is the generator's own (:func:`briefkit.core.htmltree.parse_html`,
the parser the PDF export reads pages with); :class:`Node` only adds what
assertions want: parents, classes, text, searches by tag and class.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterator

from briefkit.core.htmltree import parse_html


class Node:
    """One element of a parsed page, with its parent (the same object on every visit)."""

    def __init__(self, element: etree.Element, parent: Node | None, tag: str = "") -> None:
        self.element, self.parent = element, parent
        self.tag = tag or str(element.tag)
        self._children: list[Node] | None = None

    @property
    def attrs(self) -> dict[str, str]:
        return dict(self.element.attrib)

    @property
    def classes(self) -> set[str]:
        return set(self.element.get("class", "").split())

    @property
    def elements(self) -> list[Node]:
        if self._children is None:
            self._children = [Node(child, self) for child in self.element]
        return self._children

    def text(self) -> str:
        """The text content, as ``textContent`` gives it."""
        return "".join(self.element.itertext())

    def iter(self) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.elements:
            yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Node | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def parse(markup: str) -> Node:
    """The tree of ``markup``; its root is a ``#root`` pseudo-element."""
    return Node(parse_html(markup), None, "#root")
