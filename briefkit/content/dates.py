"""A brief's dates, kept honest: when it was written, its sources, this edition.

The home page's front matter says ``date`` (this edition, ``YYYY-MM-DD``),
and may say ``written`` (``YYYY`` or ``YYYY-MM``: never a day the sources do
not give) and ``sources_until`` (the last day its sources were consulted).
Readers see all three, apart, on the home page (the ``[DATES]`` paragraph),
on the PDF cover and in the metadata, so that « juillet dernier » is read in
the right year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from briefkit.core.sources import parse_date
from briefkit.core.vocabulary import Vocabulary

PARTIAL = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?\Z")


@dataclass(frozen=True)
class BriefDates:
    """The brief's dates, each ``None`` when the front matter does not give it."""

    edition: dt.date | None
    written: str | None  # "2023" or "2023-10"
    sources_until: dt.date | None

    @classmethod
    def from_meta(cls, meta: dict[str, object]) -> BriefDates:
        written = meta.get("written")
        text = str(written) if written is not None else None
        return cls(
            parse_date(meta.get("date")) if meta.get("date") else None,
            text if text and PARTIAL.match(text) else None,
            parse_date(meta.get("sources_until")) if meta.get("sources_until") else None,
        )

    @property
    def written_year(self) -> int | None:
        return int(self.written[:4]) if self.written else None

    def lines(self, words: Vocabulary) -> list[str]:
        """« Rédigé en 2023 », « Sources consultées jusqu’au 23 octobre 2023 », « Édition du … »."""
        lines = []
        if self.written:
            lines.append(words.written_format.format(date=words.partial_date(self.written)))
        if self.sources_until:
            lines.append(words.sources_until_format.format(date=words.date(self.sources_until)))
        if self.edition:
            lines.append(words.edition_format.format(date=words.date(self.edition)))
        return lines


def invalid_dates(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """``(field, fix)`` for each date field of the front matter that is not a date."""
    problems = []
    for name in ("date", "sources_until"):
        if meta.get(name) and parse_date(meta[name]) is None:
            problems.append((name, "write YYYY-MM-DD"))
    if meta.get("written") is not None and not PARTIAL.match(str(meta["written"])):
        problems.append(("written", "write YYYY or YYYY-MM (no day the sources do not give)"))
    return problems
