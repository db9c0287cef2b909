"""What any reasonable text file may hold, and the characters no source should.

Sources come from any editor on any system: line endings are made ``\\n``
(CRLF and CR alike) before anything reads them, and a UTF-8 byte-order mark
is dropped. A few characters are never wanted and are named with their line:
control characters (NUL and the other C0 and C1 codes, which no editor
shows and which break outputs), and the bidirectional overrides and isolates
(U+202A–E, U+2066–9), which make text display in another order than it is
stored ("Trojan source"): a title or key could read one thing and be another.
Written by hand: the rules are a few lines of the Unicode standard, and no
maintained library checks exactly these.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from briefkit.core.problems import Problem, line_of

# C0 controls but tab and line feed, DEL and the C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
NEWLINES = re.compile(r"\r\n?")


def normalise_newlines(text: str) -> str:
    """``text`` with CRLF and CR line endings written as LF."""
    return NEWLINES.sub("\n", text) if "\r" in text else text


@dataclass(frozen=True)
class Odd:
    """An unwanted character at ``offset`` of a text."""

    offset: int
    char: str

    @property
    def name(self) -> str:
        code = f"U+{ord(self.char):04X}"
        return f"{code} ({unicodedata.name(self.char, 'a control character')})"

    @property
    def bidi(self) -> bool:
        return bool(BIDI.match(self.char))


def odd_characters(text: str) -> list[Odd]:
    """Every control character and bidirectional override of ``text``, in order."""
    if text.isascii() and text.isprintable():
        return []
    found = [Odd(m.start(), m[0]) for m in CONTROL.finditer(text)]
    found += [Odd(m.start(), m[0]) for m in BIDI.finditer(text)]
    return sorted(found, key=lambda odd: odd.offset)


def odd_message(odd: Odd, what: str) -> str:
    """What to do about ``odd`` found in ``what`` (a title, a field, a key…)."""
    if odd.bidi:
        return (
            f"{what} holds {odd.name}, which can make it display in another order than it "
            "is written: remove it (the site sets each passage's direction itself)"
        )
    return f"{what} holds {odd.name}, which no reader can see: remove it"


def character_problems(
    where: str, text: str, what: str, severity: str = "error", start: int = 0, end: int = -1
) -> list[Problem]:
    """A problem, at its line and column, for each unwanted character of ``text[start:end]``."""
    stop = len(text) if end < 0 else end
    problems = []
    for odd in odd_characters(text[start:stop]):
        at = start + odd.offset
        col = at - text.rfind("\n", 0, at)
        problems.append(Problem(where, line_of(text, at), odd_message(odd, what), col, severity))
    return problems


def name_problem(where: str, name: str) -> Problem | None:
    """A file name no reader or tool can be trusted to show: not UTF-8, controls, overrides."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(where, 1, "the file's name is not UTF-8: rename it")
    odd = odd_characters(name)
    if odd:
        return Problem(where, 1, odd_message(odd[0], "the file's name") + " (rename the file)")
    return None
