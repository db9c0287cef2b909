"""Dates of sources: BibTeX's ``year``/``month``/``day``, biblatex's ``date``, ``urldate``.

Reading normalises a month to a short canonical form that rendering reads
back: ``10`` (October), ``6–8`` (June to August), ``11, 12`` (November and
December), ``10 1`` (10 January: a day, a space, the month). A biblatex
``date`` is ``YYYY[-MM[-DD]]``, or two of them joined by ``/`` (either side may
be empty: an open range). Rendering takes every word and order from the
language's :class:`~briefkit.core.vocabulary.Vocabulary`.
"""

from __future__ import annotations

import datetime as dt
import re

from briefkit.core.vocabulary import Vocabulary

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
RANGE = re.compile(r"\s*(?:–|—|-{1,3}|/)\s*")
YEAR = re.compile(r"\d{4}(?:–(?:\d{2}|\d{4}))?")
ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
ITEM = r"(?:\d{1,2} )?(?:1[0-2]|[1-9])"
CANONICAL_MONTH = re.compile(f"{ITEM}(?:(?:–|, ){ITEM})*")
DateParts = tuple[int, int | None, int | None]


def _month_number(token: str) -> int | None:
    token = token.strip().rstrip(".").lower()
    if token.isdigit():
        return int(token) if 1 <= int(token) <= 12 else None
    matches = [i for i, name in enumerate(MONTHS, 1) if len(token) >= 3 and name.startswith(token)]
    return matches[0] if len(matches) == 1 else None


def _month_item(text: str) -> str | None:
    """``10`` / ``10 1`` (day and month) from ``oct``, ``10 January``, ``January 10``."""
    tokens = text.replace("\u00a0", " ").split()
    if len(tokens) == 1:
        month = _month_number(tokens[0])
        return None if month is None else str(month)
    if len(tokens) == 2:
        for day, month_token in (tokens, tokens[::-1]):  # "10 January" or "January 10"
            month = _month_number(month_token)
            if day.isdigit() and 1 <= int(day) <= 31 and month is not None:
                return f"{int(day)} {month}"
    return None


def normalise_month(text: str) -> str | None:
    """The canonical form of a month field, or ``None`` when it is no month."""
    items = [part for part in re.split(r"\s*[,;]\s*", text.strip()) if part]
    separator = ", "
    if len(items) == 1:
        items = RANGE.split(items[0])
        separator = "–"
        if len(items) > 2:
            return None
    normalised = [_month_item(item) for item in items]
    if not normalised or None in normalised:
        return None
    return separator.join(n for n in normalised if n)


def valid_year(text: str) -> bool:
    """``2023``, or a span of years as BibTeX files write them (``1968–90``)."""
    return bool(YEAR.fullmatch(text.replace("-", "–").replace("––", "–")))


def parse_iso(text: str) -> DateParts | None:
    """``(year, month, day)`` of ``YYYY[-MM[-DD]]`` when it is a real date."""
    match = ISO.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def parse_date(text: str) -> tuple[DateParts | None, DateParts | None] | None:
    """A biblatex ``date``: start and end (``None`` for an open side), or ``None``."""
    sides = text.split("/")
    if len(sides) > 2 or not any(s.strip() for s in sides):
        return None
    parsed = [parse_iso(s) if s.strip() else None for s in sides]
    if any(p is None and s.strip() for p, s in zip(parsed, sides, strict=True)):
        return None
    return (parsed[0], parsed[1] if len(parsed) == 2 else parsed[0])


def _day_month(words: Vocabulary, day: int | str, month: int) -> str:
    return words.date_format.format(day=day, month=words.month(month), year="").strip()


def _one(words: Vocabulary, parts: DateParts) -> str:
    year, month, day = parts
    if month and day:
        return words.date(dt.date(year, month, day))
    return words.month_year(month, year) if month else str(year)


def date_range_text(words: Vocabulary, start: DateParts | None, end: DateParts | None) -> str:
    """``3–7 mai 2020``, ``mai–juin 2020``, ``2019–2020``, ``2020–``."""
    if start is None or end is None:
        return f"{_one(words, start)}–" if start else f"–{_one(words, end)}" if end else ""
    if start == end:
        return _one(words, start)
    (y1, m1, d1), (y2, m2, d2) = start, end
    if y1 == y2 and m1 and m2 and (d1 is None) == (d2 is None):
        if d1 and d2 and m1 == m2:
            days = f"{words.day(d1)}–{words.day(d2)}"
            return words.date_format.format(day=days, month=words.month(m1), year=y1)
        if d1 and d2:
            return f"{_day_month(words, words.day(d1), m1)} – {words.date(dt.date(y2, m2, d2))}"
        return words.month_year_format.format(month=f"{words.month(m1)}–{words.month(m2)}", year=y1)
    if not (m1 or m2):
        return f"{y1}–{y2}"
    return f"{_one(words, start)} – {_one(words, end)}"


def month_text(words: Vocabulary, month: str, year: str) -> str:
    """A canonical month (see the module's docstring) and a year, written out."""
    if "–" in month:
        first, last = (_parts(item, year) for item in month.split("–"))
        if first and last:
            return date_range_text(words, first, last)
    items = [_parts(item, year) for item in month.split(", ")]
    if len(items) == 1 and items[0]:
        return _one(words, items[0])
    names = ", ".join(
        _day_month(words, words.day(p[2]), p[1]) if p[2] else words.month(p[1])
        for p in items
        if p and p[1]
    )
    return words.month_year_format.format(month=names, year=year).strip()


def _parts(item: str, year: str) -> DateParts | None:
    numbers = [int(n) for n in item.split()]
    year_number = int(year[:4]) if year[:4].isdigit() else 1
    if len(numbers) == 2:
        return (year_number, numbers[1], numbers[0])
    return (year_number, numbers[0], None) if numbers else None


def source_date(words: Vocabulary, fields: dict[str, str]) -> str:
    """The date a reference shows: ``date``, else ``year`` with ``month`` and ``day``."""
    if "date" in fields:
        parsed = parse_date(fields["date"])
        return date_range_text(words, *parsed) if parsed else ""
    year = fields.get("year", "").replace("-", "–")
    month = fields.get("month", "")
    if not year:
        return ""
    if month and fields.get("day", "").isdigit() and month.isdigit():
        month = f"{int(fields['day'])} {month}"
    if not CANONICAL_MONTH.fullmatch(month) or not YEAR.fullmatch(year) or len(year) != 4:
        return year  # a month the check refused is never formatted: keep the year
    return month_text(words, month, year)
