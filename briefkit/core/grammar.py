"""The brief's syntax, defined once for the extensions, parity and the checks.

Citations use Pandoc's form: ``[@key]``, ``[@key, p. 12]``, ``[see @key, p. 3;
@other]``. A bracket is a citation when an ``@`` starts a word inside it and
it is not link text (``[…](…)``, ``[…][…]``). A colon may follow it
(``[@key]: see…``): reference definitions (``[id]: url``) are read before any
citation is. Editors' notes are ``^[ed: text]``.

Whoever reads Markdown source without converting it (parity, the list of
cited keys, a problem's line) first masks what is not prose with
:func:`mask_code`: fenced code (``` or ~~~, closed by the same character at
least as long, or running to the end), code spans, and the front matter.
Masking keeps every offset and line, so a position in the mask is one in the
source. Every scan here visits each character a bounded number of times, so a
hostile page costs time in proportion to its size (no regex backtracking over
a whole paragraph, no rescanning from the start). Written by hand: Markdown
libraries parse, they do not mask source text in place.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

# A key: letters, digits and _ : . - / +, starting and ending with a letter or digit.
KEY = r"[A-Za-z0-9_](?:[\w:.\-/+]*\w)?"
KEY_RE = re.compile(KEY + r"\Z")
# An at-sign starting a word of a bracket's text (after its start, a space or ';').
_AT = r"(?<![^\s;\[])@"
# A bracket holding such an at-sign; not link text. The look-ahead finds the
# at-sign once, the possessive body never backtracks: one pass per bracket.
CITATION_PATTERN = r"\[(?=[^\[\]]*?" + _AT + r")(?P<body>[^\[\]]*+)\](?![(\[])"
UNCLOSED_PATTERN = r"\[(?=[^\[\]]*?" + _AT + KEY + r")(?P<body>[^\[\]]*+)(?=\[|\Z)"
CITATION_RE = re.compile(CITATION_PATTERN)
# Pandoc's braces take a key of any other characters: [@{--odd key}].
ITEM_RE = re.compile(
    r"(?P<prefix>.*?)(?<![^\s;])@(?:\{(?P<braced>[^{}\s]+)\}|(?P<key>"
    + KEY
    + r"))?(?P<locator>.*)",
    re.S,
)
WORD_AFTER_AT = re.compile(r"@(\S+)")
# An editor's note opens with ``^[ed:`` (the spaces after it are not its text).
EDITOR_NOTE_START = r"\^\[ed:[ \t]*"
EDITOR_NOTE_RE = re.compile(EDITOR_NOTE_START)
# MkDocs' rule for front matter (mkdocs.utils.meta): the block must close to count.
FRONT_MATTER_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})", re.M)
BACKTICKS_RE = re.compile(r"`+")
BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
CODE_SPAN = re.compile(r"`[^`]*`")
# The home page's "cite this brief" block: a web page's (its copy button, its
# files); a printed brief is cited from its cover.
CITE_MARKER = "[CITE]"


@dataclass(frozen=True)
class CiteItem:
    """One ``prefix @key locator`` part of a citation."""

    key: str
    prefix: str = ""
    locator: str = ""


def parse_citation(body: str) -> list[CiteItem] | str | None:
    """Items of a citation, an error message, or ``None`` when it is no citation."""
    items: list[CiteItem] = []
    for part in body.split(";"):
        match = ITEM_RE.fullmatch(part.strip())
        if match is None:
            return None if not items else f"'{part.strip()}' has no @key: separate keys with ';'"
        key = match["braced"] or match["key"]
        if key is None:
            written = WORD_AFTER_AT.search(part)
            if written and written[1].rstrip(",;"):
                word = written[1].rstrip(",;")
                return f"key '{word}' starts with a sign: write it in braces, [@{{{word}}}]"
            return "empty citation key: write [@key] with a key from the .bib files"
        locator = match["locator"].strip().lstrip(",").strip()
        inner = ITEM_RE.fullmatch(locator)
        if inner and (inner["key"] or inner["braced"]):
            return f"'{part.strip()}' holds two keys: separate them with ';'"
        items.append(CiteItem(key, " ".join(match["prefix"].split()), locator))
    return items


def fenced_blocks(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` offsets of each fenced code block, fences included.

    A fence closes on a line starting with the same character, at least as
    many times (as Python-Markdown's fences and SuperFences read it); one
    left open runs to the end of the text.
    """
    opening = None
    for match in FENCE_RE.finditer(text):
        fence = match[1]
        if opening is None:
            opening = (match.start(), fence)
        elif fence[0] == opening[1][0] and len(fence) >= len(opening[1]):
            line_end = text.find("\n", match.end())
            yield opening[0], len(text) if line_end < 0 else line_end
            opening = None
    if opening is not None:
        yield opening[0], len(text)


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each code span: a run of backticks closed by a run as long.

    A run with no closer in its paragraph is literal, and the next run may
    open a span (CommonMark's rule). Each run is looked at once, its closer
    found through a table built in one backward pass.
    """
    runs = [(m.start(), m.end()) for m in BACKTICKS_RE.finditer(text)]
    following: list[int] = [-1] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length, -1)
        last[length] = index
    breaks = [m.start() for m in BLANK_LINE_RE.finditer(text)]
    index = 0
    while index < len(runs):
        start = runs[index][0]
        closer = following[index]
        escaped = start > 0 and text[start - 1] == "\\"
        paragraph_end = _next_break(breaks, start)
        if escaped or closer < 0 or runs[closer][0] > paragraph_end:
            index += 1
            continue
        yield start, runs[closer][1]
        index = closer + 1


def _next_break(breaks: list[int], offset: int) -> int:
    at = bisect.bisect_left(breaks, offset)
    return breaks[at] if at < len(breaks) else 1 << 62


def front_matter_end(text: str) -> int:
    """Offset where the body starts after the front matter (0 when there is none)."""
    match = FRONT_MATTER_RE.match(text)
    return match.end() if match else 0


def mask_code(text: str, front_matter: bool = True) -> str:
    """``text`` with code (and the front matter) blanked out, offsets and lines kept."""
    ranges = list(fenced_blocks(text))
    if front_matter and (end := front_matter_end(text)):
        ranges.append((0, end))
    chars = list(text)
    for start, end in ranges:
        _blank(chars, start, end)
    outside = "".join(chars)
    for start, end in code_spans(outside):
        _blank(chars, start, end)
    return "".join(chars)


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def cited_keys(markdown: str) -> tuple[str, ...]:
    """Every key cited in Markdown, in order (code and front matter skipped)."""
    keys: list[str] = []
    for match in CITATION_RE.finditer(mask_code(markdown)):
        parsed = parse_citation(match["body"])
        if isinstance(parsed, list):
            keys.extend(item.key for item in parsed)
    return tuple(keys)


def editor_notes(markdown: str) -> int:
    """How many editors' notes (``^[ed: …]``) Markdown holds (code and front matter skipped)."""
    return len(EDITOR_NOTE_RE.findall(mask_code(markdown)))


MAX_NOTE_DEPTH = 8  # brackets nested inside an editor's note, at most


def closing_bracket(data: str, start: int) -> tuple[int, int]:
    """Index of the ``]`` closing a bracket opened just before ``start`` (-1 if none),
    and how many characters were read to know it.

    A backslash escapes the next character. A note whose brackets nest deeper
    than :data:`MAX_NOTE_DEPTH` counts as unclosed: then every later opening
    deepens the search, so no character is read by more than that many
    searches, and a paragraph of unterminated notes costs its length, not its
    square.
    """
    depth, index = 1, start
    while index < len(data):
        char = data[index]
        if char == "\\":
            index += 2
            continue
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0:
            return index, index - start + 1
        if depth > MAX_NOTE_DEPTH:
            break
        index += 1
    return -1, min(index, len(data)) - start
