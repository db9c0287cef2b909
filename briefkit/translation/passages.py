"""The passages of a page, as the parity check and the passage anchors see them.

A page's body is split into blocks by :func:`briefkit.content.parity.blocks`
(the parity check's own splitter: the editions are aligned block for block);
a list block is then cut at its top-level item markers, since one edited item
should make only that item's translation stale. Each front-matter string is a
passage too, named by its path (``title``, ``glossary.names.1``). Anchors
follow :mod:`briefkit.extensions.passages`: text blocks are ``#p-N`` in
reading order (a loose list stays one block), headings keep their ``toc`` id.
Every passage knows its exact span in the file, so that an imported
translation replaces that span and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import yaml
from markdown.extensions.toc import slugify, unique

from briefkit.content.parity import Block, blocks
from briefkit.core.sources import FRONT_MATTER, PageSource
from briefkit.extensions.passages import MARKER_RE, PREFIX
from briefkit.translation.fingerprint import fingerprint

HEADING = re.compile(r"(#{1,6}[ \t]+)")
ITEM = re.compile(r"( {0,3})([-*+]|\d{1,9}[.)])([ \t]+)")
FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]:[ \t]*")
ATTR_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
MARKUP = re.compile(r"\{[^}]*\}\s*$|\[@[^\]]*\]|<[^>]*>|[*_`]")
TAGS_ONLY = re.compile(r"(\s*<[^>]*>)+\s*")
STRING = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Passage:
    """One translatable piece of a page and where it is."""

    kind: str  # "field", "heading", "paragraph", "item", "figure", "note", "code" or "markup"
    key: str  # front matter: the field's path; body: "" (aligned by position)
    line: int  # first and last line in the file
    end: int
    start: int  # the text's span in the file's text (markers and prefixes excluded)
    stop: int
    text: str
    anchor: str  # "#p-4", "#the-heading", "#fn:1"; a field's path
    style: str = ""  # a field's YAML style: "" plain, "'" or '"' quoted, "|" or ">" block

    @cached_property
    def fingerprint(self) -> str:
        return fingerprint(self.text)

    @property
    def label(self) -> str:
        """How messages name it: ``paragraph #p-4``, ``field 'title'``."""
        return f"field '{self.key}'" if self.kind == "field" else f"{self.kind} {self.anchor}"


@dataclass(frozen=True)
class PagePassages:
    """A page's front-matter passages (by path) and body passages (in order)."""

    fields: dict[str, Passage]
    body: list[Passage]


def page_passages(page: PageSource) -> PagePassages:
    """Every passage of ``page``; an unreadable front matter yields no fields."""
    starts = _line_starts(page.text)
    fields = {} if page.problems else _fields(page.text)
    return PagePassages(fields, list(_body(page, starts)))


def _line_starts(text: str) -> list[int]:
    """Offset of each line (1-based: index 0 is unused), as ``splitlines`` cuts them."""
    starts, offset = [0], 0
    for line in text.splitlines(keepends=True):
        starts.append(offset)
        offset += len(line)
    starts.append(offset)
    return starts


def _body(page: PageSource, starts: list[int]) -> Iterator[Passage]:
    anchors = Anchors()
    for block in blocks(page.body, page.body_line):
        first = block.text.split("\n", 1)[0]
        if not block.code and MARKER_RE.fullmatch(block.text.strip()):
            continue  # [BIBLIOGRAPHY], [GLOSSARY], [CITE]: replaced by the generator
        if TAGS_ONLY.fullmatch(block.text):
            yield _passage("markup", block, 0, starts, "")  # <div markdown>, </div>: no text
            continue
        anchor = anchors.of(block, first)
        if block.code:
            yield _passage("code", block, 0, starts, anchor)
        elif heading := HEADING.match(first):
            yield _passage("heading", block, len(heading[0]), starts, anchor)
        elif note := FOOTNOTE.match(first):
            yield _passage("note", block, len(note[0]), starts, anchor)
        elif ITEM.match(first):
            yield from _items(block, starts, anchor)
        elif first.startswith("<figure"):
            yield _passage("figure", block, 0, starts, anchor)
        else:
            yield _passage("paragraph", block, 0, starts, anchor)


def _passage(kind: str, block: Block, skip: int, starts: list[int], anchor: str) -> Passage:
    lines = block.text.split("\n")
    end = block.line + len(lines) - 1
    start, stop = starts[block.line] + skip, starts[end] + len(lines[-1])
    return Passage(kind, "", block.line, end, start, stop, block.text[skip:], anchor)


def _items(block: Block, starts: list[int], anchor: str) -> Iterator[Passage]:
    """The top-level items of a list block (nested lines stay with their item)."""
    lines = block.text.split("\n")
    indent = len(ITEM.match(lines[0])[1])  # type: ignore[index]
    heads = [i for i, line in enumerate(lines) if (m := ITEM.match(line)) and len(m[1]) == indent]
    for number, (first, after) in enumerate(zip(heads, [*heads[1:], len(lines)], strict=True), 1):
        marker = ITEM.match(lines[first])
        assert marker is not None
        text = "\n".join(lines[first:after])[len(marker[0]) :]
        line, end = block.line + first, block.line + after - 1
        start, stop = starts[line] + len(marker[0]), starts[end] + len(lines[after - 1])
        yield Passage("item", "", line, end, start, stop, text, f"{anchor}, item {number}")


class Anchors:
    """The anchors the site gives a page's blocks, in reading order."""

    def __init__(self) -> None:
        self.count = 0
        self.figures = 0
        self.ids: set[str] = set()
        self.last_list = ""

    def of(self, block: Block, first: str) -> str:
        if HEADING.match(first) or FOOTNOTE.match(first):
            self.last_list = ""
        if heading := HEADING.match(first):
            own = ATTR_ID.search(first)
            text = MARKUP.sub("", first[len(heading[0]) :]).strip()
            return "#" + (own[1] if own else unique(slugify(text, "-"), self.ids))
        if note := FOOTNOTE.match(first):
            return f"#fn:{note[1]}"
        item = ITEM.match(first)
        kind = ("ol" if item[2][0].isdigit() else "ul") if item else ""
        continues = first.startswith(("    ", "\t")) or (kind and kind == self.last_list)
        self.last_list = kind or (self.last_list if continues else "")
        if not (continues and self.count):
            self.count += 1  # a loose list's next item or an indented block: same passage
        if first.startswith("<figure"):
            self.figures += 1  # numbered by the figures extension; still counted as a block
            return f"#figure-{self.figures}"
        return f"#{PREFIX}{self.count}"


def _fields(text: str) -> dict[str, Passage]:
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}
    try:
        root = yaml.compose(match[1], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}  # reported by the front-matter check
    offset = match.start(1)
    first_line = text.count("\n", 0, offset) + 1
    found: dict[str, Passage] = {}
    for path, node in _scalars(root, "", set()):
        start, stop = offset + node.start_mark.index, offset + node.end_mark.index
        line = first_line + node.start_mark.line
        end = first_line + node.end_mark.line - (node.end_mark.column == 0)
        style = node.style or ""
        found[path] = Passage("field", path, line, end, start, stop, node.value, path, style)
    return found


def _scalars(
    node: yaml.Node | None, path: str, seen: set[int]
) -> Iterator[tuple[str, yaml.ScalarNode]]:
    """String values by path; a node reached again through a YAML alias is skipped
    (aliases nest: expanding them would be a "billion laughs")."""
    if node is None or id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = f"{path}.{key.value}" if path else str(key.value)
            yield from _scalars(value, name, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            yield from _scalars(value, f"{path}.{index}", seen)
    elif isinstance(node, yaml.ScalarNode) and node.tag == STRING and node.value.strip():
        yield path, node
