"""The citation syntax, defined once for the extension, parity and the checks.

Pandoc's form: ``[@key]``, ``[@key, p. 12]``, ``[see @key, p. 3; @other]``.
A bracket is a citation when an ``@`` starts a word inside it and it is not
link text (``[…](…)``, ``[…][…]``). A colon may follow it (``[@key]: see…``):
reference definitions (``[id]: url``) are read before any citation is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A key: letters, digits and _ : . - / +, starting and ending with a letter or digit.
KEY = r"[A-Za-z0-9_](?:[\w:.\-/+]*\w)?"
KEY_RE = re.compile(KEY + r"\Z")
# A bracket holding an at-sign at the start of a word; not link text.
CITATION_PATTERN = r"\[(?P<body>[^\[\]]*?(?<![^\s;\[])@[^\[\]]*)\](?![(\[])"
UNCLOSED_PATTERN = r"\[(?P<body>[^\[\]]*?(?<![^\s;\[])@" + KEY + r"[^\[\]]*)(?=\[|$)"
CITATION_RE = re.compile(CITATION_PATTERN)
# Pandoc's braces take a key of any other characters: [@{--odd key}].
ITEM_RE = re.compile(
    r"(?P<prefix>.*?)(?<![^\s;])@(?:\{(?P<braced>[^{}\s]+)\}|(?P<key>"
    + KEY
    + r"))?(?P<locator>.*)",
    re.S,
)
WORD_AFTER_AT = re.compile(r"@(\S+)")
CODE_SPAN = re.compile(r"`[^`]*`")


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


def cited_keys(markdown: str) -> tuple[str, ...]:
    """Every key cited in a block of Markdown, in order (code spans skipped)."""
    keys: list[str] = []
    for match in CITATION_RE.finditer(CODE_SPAN.sub("", markdown)):
        parsed = parse_citation(match["body"])
        if isinstance(parsed, list):
            keys.extend(item.key for item in parsed)
    return tuple(keys)


EDITOR_NOTE_RE = re.compile(r"\^\[ed:")


def editor_notes(markdown: str) -> int:
    """How many editors' notes (``^[ed: …]``) a block of Markdown holds (code spans skipped)."""
    return len(EDITOR_NOTE_RE.findall(CODE_SPAN.sub("", markdown)))
