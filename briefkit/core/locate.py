"""The one way a problem finds its line in a source file.

A check knows what it read (a citation as written, a link's target, a front
matter field); :class:`Locator` finds where, in the prose of the page (code
and front matter masked by :func:`briefkit.core.grammar.mask_code`, or the
front matter alone for its fields). Each text is found after the previous
find of the same text, so a citation written twice gets its second line the
second time; finds move forward through the page, so a page of N problems
costs about its length, not N times it.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

from briefkit.core.grammar import front_matter_end, mask_code


class Locator:
    """Lines of things found in one source text, each after its previous find."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._after: dict[str, int] = {}  # text -> offset after its last find
        self._cursor = 0  # offset of the last find of anything
        self.visited = 0  # characters searched, for tests of the cost

    @cached_property
    def prose(self) -> str:
        return mask_code(self.text)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]

    def line_at(self, offset: int) -> int:
        """1-based line of character ``offset``."""
        return bisect.bisect_right(self._line_starts, max(offset, 0))

    def offset(self, needle: str, code: bool = False) -> int:
        """Offset of the next occurrence of ``needle`` in the prose (or anywhere with
        ``code``), -1 when there is none."""
        if not needle:
            return -1
        haystack = self.text if code else self.prose
        own = self._after.get(needle, 0)
        start = max(own, self._cursor)
        index = haystack.find(needle, start)
        self.visited += (index if index >= 0 else len(haystack)) - start
        if index < 0 and own < start:  # found out of order: look behind the cursor once
            index = haystack.find(needle, own)
            self.visited += (index if index >= 0 else len(haystack)) - own
        if index < 0:
            return -1
        self._after[needle], self._cursor = index + len(needle), index
        return index

    def line(self, needle: str, code: bool = False) -> int:
        """Line of the next occurrence of ``needle`` (1 when it is nowhere)."""
        index = self.offset(needle, code)
        return self.line_at(index) if index >= 0 else 1

    def field(self, name: str) -> int:
        """Line of the top-level front-matter field ``name`` (1 when it is absent)."""
        end = front_matter_end(self.text) or len(self.text)
        match = re.compile(rf"^{re.escape(name)}[ \t]*:", re.M).search(self.text, 0, end)
        return self.line_at(match.start()) if match else 1


def locate(text: str, needle: str, code: bool = False) -> int:
    """Line of the first occurrence of ``needle`` in ``text`` (1 when it is nowhere)."""
    return Locator(text).line(needle, code)
