"""External links in the text: ``rel="noopener"``, so a linked site cannot
reach back into the brief's page through ``window.opener``."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

EXTERNAL = ("http://", "https://")


class ExternalLinkTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if link.get("href", "").startswith(EXTERNAL):
                rel = set((link.get("rel") or "").split()) | {"noopener"}
                link.set("rel", " ".join(sorted(rel)))


class ExternalLinkExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Last of the generator's processors: notes and captions exist by then.
        md.treeprocessors.register(ExternalLinkTreeprocessor(md), "external-links", 3)


def makeExtension(**kwargs: object) -> ExternalLinkExtension:
    return ExternalLinkExtension(**kwargs)
