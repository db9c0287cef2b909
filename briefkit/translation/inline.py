"""A passage's inline Markdown as text and protected codes, for XLIFF.

Translators' tools show XLIFF inline codes as tags that can be moved but not
typed, so everything that is markup, not words, becomes one: citations
(``[@key, p. 3]``) and note calls (``[^1]``) as placeholders; editors' notes
(``^[ed: …]``), links, images' alt text and emphasis as paired codes whose
content is translated; code spans, HTML tags, attribute lists, entities and
backslash escapes as placeholders. Citations are recognised by the one
citation grammar (:mod:`briefkit.core.grammar`) and editors' notes closed as
their extension closes them. No Markdown library maps inline syntax back to
its exact source text, which the round trip needs (``render(tokenize(t)) ==
t`` for every text), hence this small scanner.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefkit.core.grammar import CITATION_RE, EDITOR_NOTE_START


@dataclass
class Code:
    """Markup kept as it is: a placeholder (``end is None``) or a pair around translated text."""

    kind: str
    start: str
    end: str | None = None
    children: list[Node] = field(default_factory=list)
    id: str = ""

    @property
    def paired(self) -> bool:
        return self.end is not None


Node = str | Code

CODE_SPAN = re.compile(r"(`{1,16})(?!`).+?(?<!`)\1(?!`)", re.S)
ESCAPE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!@<>~|^\"'$&]")
EDITOR_NOTE = re.compile(EDITOR_NOTE_START)
NOTE_CALL = re.compile(r"\[\^[^\]\s]+\](?!:)")
DESTINATION = re.compile(r"\((?:[^()\n\\]|\\.|\([^()\n]*\))*\)|\[[^\[\]\n]*\]")
TAG = re.compile(
    r"<(?:https?://[^<>\s]+|mailto:[^<>\s]+|/?[A-Za-z][\w-]*(?:\s[^<>]*)?/?|!--.*?--)>", re.S
)
ATTR = r"(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
ATTRS = re.compile(r"\{:?[ \t]*" + ATTR + r"(?:[ \t]+" + ATTR + r")*[ \t]*\}")
ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
EMPHASIS = [
    ("strong", re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)),
    ("strong", re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)", re.S)),
    ("em", re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.S)),
    ("em", re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)", re.S)),
]
# Bounded work on hostile input: pairs nest at most this deep and span at most
# this many characters; beyond, markup stays text (the round trip stays exact).
MAX_DEPTH = 20
WINDOW = 500


def tokenize(text: str, depth: int = 0) -> list[Node]:
    """``text`` as text runs and codes; ``render`` gives ``text`` back exactly."""
    nodes: list[Node] = []
    plain_from, i = 0, 0
    closing = brackets(text)
    while i < len(text):
        found = _code_at(text, i, depth, closing) if text[i] in "`\\^[!<{&*_" else None
        if found is None:
            i += 1
            continue
        code, stop = found
        if plain_from < i:
            nodes.append(text[plain_from:i])
        nodes.append(code)
        plain_from = i = stop
    if plain_from < len(text):
        nodes.append(text[plain_from:])
    return nodes


def render(nodes: list[Node]) -> str:
    """The Markdown the nodes stand for."""
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        else:
            out += [node.start, render(node.children), node.end or ""]
    return "".join(out)


def codes(nodes: list[Node]) -> list[Code]:
    """Every code, depth first, in reading order."""
    found = []
    for node in nodes:
        if isinstance(node, Code):
            found.append(node)
            found += codes(node.children)
    return found


def number(nodes: list[Node]) -> list[Node]:
    """Give each code its XLIFF id, 1, 2, 3… in reading order."""
    for index, code in enumerate(codes(nodes), 1):
        code.id = str(index)
    return nodes


Found = tuple[Code, int] | None


def brackets(text: str) -> dict[int, int]:
    """Where each ``[`` closes (backslash escapes skipped), as the editors' notes close them."""
    closing: dict[int, int] = {}
    stack: list[int] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            stack.append(i)
        elif char == "]" and stack:
            closing[stack.pop()] = i
        i += 1
    return closing


def _code_at(text: str, i: int, depth: int, closing: dict[int, int]) -> Found:
    for finder in FINDERS:
        found = finder(text, i, depth, closing)
        if found is not None:
            return found
    return None


Finder = Callable[[str, int, int, dict[int, int]], Found]


def _placeholder(kind: str, pattern: re.Pattern[str]) -> Finder:
    def find(text: str, i: int, depth: int, closing: dict[int, int]) -> Found:
        match = pattern.match(text, i, i + WINDOW)
        return (Code(kind, match[0]), match.end()) if match else None

    return find


def _editor_note(text: str, i: int, depth: int, closing: dict[int, int]) -> Found:
    match = EDITOR_NOTE.match(text, i)
    close = closing.get(i + 1, -1)
    if match is None or depth >= MAX_DEPTH or close < match.end() - 1:
        return None
    inner = text[match.end() : close]
    return Code("ed-note", match[0], "]", tokenize(inner, depth + 1)), close + 1


def _link(text: str, i: int, depth: int, closing: dict[int, int]) -> Found:
    image = text.startswith("![", i)
    opening = i + 2 if image else i + 1
    if (not image and text[i] != "[") or depth >= MAX_DEPTH:
        return None
    close = closing.get(opening - 1, -1)
    destination = DESTINATION.match(text, close + 1, close + 1 + WINDOW) if close >= 0 else None
    if destination is None:
        return None
    kind, start = ("image", "![") if image else ("link", "[")
    end = "]" + destination[0]
    return Code(kind, start, end, tokenize(text[opening:close], depth + 1)), destination.end()


def _emphasis(text: str, i: int, depth: int, closing: dict[int, int]) -> Found:
    if depth >= MAX_DEPTH:
        return None
    for kind, pattern in EMPHASIS:
        match = pattern.match(text, i, i + WINDOW)
        if match:
            mark = text[i : match.start(1)]
            children = tokenize(match[1], depth + 1)
            return Code(kind, mark, mark, children), match.end()
    return None


def equivalent(code: Code) -> str:
    """The plain text a placeholder stands for (XLIFF ``equiv``), when it has one."""
    if code.kind == "escape":
        return code.start[1:]
    if code.kind == "entity":
        return html.unescape(code.start)
    if code.kind == "code":
        return code.start.strip("`").strip()
    return ""


FINDERS: list[Callable[[str, int, int, dict[int, int]], Found]] = [
    _placeholder("code", CODE_SPAN),
    _placeholder("escape", ESCAPE),
    _editor_note,
    _placeholder("note-call", NOTE_CALL),
    _placeholder("cite", CITATION_RE),
    _link,
    _placeholder("html", TAG),
    _placeholder("attrs", ATTRS),
    _placeholder("entity", ENTITY),
    _emphasis,
]
