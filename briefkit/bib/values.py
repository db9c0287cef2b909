"""The value of a ``.bib`` field as written: ``{…}``, ``"…"``, numbers, macros, ``#``.

bibtexparser 2 runs without middleware, so it hands over each value exactly
as written (``"10~" # jan``, ``polar # {Shipping}``). This module resolves it
as BibTeX does: pieces joined by ``#``, each a braced or quoted string, a
number, an ``@string`` macro or a month macro (``jan`` … ``dec``, which BibTeX
defines as the English month names). What bibtexparser accepts but BibTeX
would not, it names: an undefined macro, and two pieces with no ``#`` between
them, which is what a missing comma between two fields looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTH_MACROS = {
    "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
    "jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October",
    "nov": "November", "dec": "December",
}  # fmt: skip
# No field of a real source comes near this; @string abbreviations joined with
# themselves double at each step, so a 1 KB chain could fill the memory.
MAX_VALUE = 100_000
FIELD_START = re.compile(r"\s*([A-Za-z][\w\-:.]*)\s*=")
WORD = re.compile(r"[^\s#{}\"=,]+")


@dataclass
class Resolved:
    """A field's value with every macro replaced, and what went wrong on the way."""

    value: str = ""
    undefined: list[str] = field(default_factory=list)  # macro names, in order
    through: dict[str, str] = field(default_factory=dict)  # undefined name -> @string using it
    error: str = ""  # a syntax problem, already phrased
    offset: int = 0  # where in the raw value the syntax problem is


def split_pieces(raw: str) -> tuple[list[str], str, int]:
    """The ``#``-separated pieces of a raw value, or an error and its offset."""
    pieces: list[str] = []
    index, expect_piece = 0, True
    while index < len(raw):
        char = raw[index]
        if char.isspace():
            index += 1
        elif char == "#" and not expect_piece:
            index, expect_piece = index + 1, True
        elif not expect_piece:
            return pieces, _missing_separator(raw, index), index
        elif char in '{"':
            end = _piece_end(raw, index)
            if end < 0:
                return pieces, "a brace or quote is not closed in this value", index
            pieces.append(raw[index:end])
            index, expect_piece = end, False
        elif (word := WORD.match(raw, index)) is not None:
            pieces.append(word.group())
            index, expect_piece = word.end(), False
        else:
            return pieces, f"unexpected {char!r} in this value", index
    if expect_piece and pieces:
        return pieces, "a '#' is followed by nothing: join two values with '#'", len(raw)
    return pieces, "", 0


def _missing_separator(raw: str, index: int) -> str:
    field_start = FIELD_START.match(raw, index)
    if field_start:
        return (
            f"missing comma before field '{field_start[1].lower()}': "
            "put a comma after each field's value"
        )
    return "two values with nothing between them: join them with '#' or put them in one {…}"


def _piece_end(raw: str, start: int) -> int:
    """Index after the braced or quoted piece starting at ``start``; -1 when unclosed."""
    depth = 0
    for index in range(start, len(raw)):
        char = raw[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and raw[start] == "{":
                return index + 1
        elif char == '"' and depth == 0 and index > start and raw[start] == '"':
            return index + 1
    return -1


def resolve(raw: str, strings: dict[str, Resolved]) -> Resolved:
    """Resolve concatenation, ``@string`` macros (case-insensitive) and month macros."""
    pieces, error, offset = split_pieces(raw)
    result = Resolved(error=error, offset=offset)
    parts: list[str] = []
    size = 0
    for piece in pieces:
        part = _expand(piece, strings, result)
        size += len(part)
        if size > MAX_VALUE:
            result.error = (
                f"the value expands to more than {MAX_VALUE:,} characters "
                "(@string abbreviations joined with themselves): write the value out"
            )
            return result
        parts.append(part)
    result.value = "".join(parts)
    return result


def _expand(piece: str, strings: dict[str, Resolved], result: Resolved) -> str:
    """One piece's text; undefined macros noted in ``result`` (each name once)."""
    if piece[0] in '{"':
        return piece[1:-1]
    if piece.isdigit():
        return piece
    if piece.lower() in strings:
        string = strings[piece.lower()]
        for name in string.undefined:
            if name not in result.through:
                result.undefined.append(name)
                result.through[name] = string.through.get(name, piece)
        return string.value
    if piece.lower() in MONTH_MACROS:
        return MONTH_MACROS[piece.lower()]
    if piece not in result.undefined:
        result.undefined.append(piece)
    return ""


def resolve_strings(definitions: list[tuple[str, str]]) -> dict[str, Resolved]:
    """``@string`` definitions in file order; each may use the ones before it."""
    strings: dict[str, Resolved] = {}
    for name, raw in definitions:
        strings[name.lower()] = resolve(raw, strings)
    return strings
