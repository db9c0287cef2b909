"""biblatex's date fields (``date``, ``origdate``, ``eventdate``, ``urldate``), read as biber does.

biblatex's manual (§2.3.8) specifies ISO 8601-2 Extended Format, level 1, as
biber implements it (``Biber::Date::Format``, ``Biber::Utils::parse_date_range``):

- ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, with a time ``Thh:mm[:ss[.sss]]``
  and a zone (``Z``, ``+hh[:mm]``, ``-hh[:mm]``); years are astronomical,
  so ``0000`` is 1 BC and ``-0876`` is 877 BC; ``Y`` with five or more
  digits writes a long year (``Y-170000002``);
- ``~`` (approximate, "circa"), ``?`` (uncertain) and ``%`` (both) after a date;
- year divisions instead of a month: ``21``–``24`` the seasons, ``25``–``32``
  the seasons of each hemisphere, ``33``–``36`` quarters, ``37``–``39``
  quadrimesters, ``40``–``41`` semesters;
- unspecified digits: ``199X``, ``19XX``, ``1999-XX``, ``1999-01-XX``,
  ``1999-XX-XX`` (read as the range they stand for);
- ranges ``start/end``, open at either end (``1997/``, ``/1997``,
  ``1997/..``, ``../1997``);
- digits of any script (``१९८७``).

Written by hand: no maintained Python library reads biber's flavour of
ISO 8601-2 (the EDTF libraries refuse biber's open ``1997/`` and ``/1997``
and its year divisions 25–41). The time is read (and checked) but never shown,
as biblatex's standard styles do by default.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

POINT = re.compile(
    r"(?:Y(?P<long>-?\d{5,})|(?P<year>-?\d{4})"
    r"(?:-(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T(?P<hour>\d\d):(?P<minute>\d\d)"
    r"(?::(?P<second>\d\d)(?:\.\d+)?)?)?)?)?)\Z"
)
ZONE = re.compile(r"(?:Z|[+-]\d\d(?::?\d\d)?)\Z")
DIVISION = re.compile(r"(-?\d{4})-([23]\d|4[01])\Z")
UNSPECIFIED = [
    (re.compile(r"(\d{3})X\Z"), lambda m: (f"{m[1]}0", f"{m[1]}9")),
    (re.compile(r"(\d{2})XX\Z"), lambda m: (f"{m[1]}00", f"{m[1]}99")),
    (re.compile(r"(\d{4})-XX\Z"), lambda m: (f"{m[1]}-01", f"{m[1]}-12")),
    (re.compile(r"(\d{4})-(\d\d)-XX\Z"), lambda m: (f"{m[1]}-{m[2]}-01", _last_day(m))),
    (re.compile(r"(\d{4})-XX-XX\Z"), lambda m: (f"{m[1]}-01-01", f"{m[1]}-12-31")),
]
SEASONS = range(21, 42)


@dataclass(frozen=True)
class DatePoint:
    """One end of a date: astronomical year, month or year division, day, marks."""

    year: int
    month: int | None = None
    day: int | None = None
    division: int | None = None  # 21–41: a season, quarter, quadrimester or semester
    approximate: bool = False
    uncertain: bool = False

    @property
    def parts(self) -> tuple[int, int | None, int | None]:
        return self.year, self.month, self.day


@dataclass(frozen=True)
class DateValue:
    """A date or a range; an open end is ``None`` (``start is end`` for a single date)."""

    start: DatePoint | None
    end: DatePoint | None
    is_range: bool = False


def _digits(text: str) -> str:
    """Digits of any script as ASCII digits (biber reads ``१९८७`` as 1987)."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def is_leap(year: int) -> bool:
    """Proleptic Gregorian, astronomical years (year 0 is a leap year)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _last_day(match: re.Match[str]) -> str:
    year, month = int(match[1]), int(match[2])
    return f"{match[1]}-{match[2]}-{days_in(year, month) if 1 <= month <= 12 else 31:02d}"


def parse_point(text: str) -> DatePoint | None:
    """One side of a date, or ``None`` when biber would refuse it."""
    text = text.strip()
    uncertain = approximate = False
    if text.endswith("?"):
        text, uncertain = text[:-1].rstrip(), True
    if text.endswith("~"):
        text, approximate = text[:-1].rstrip(), True
    if text.endswith("%"):
        text, uncertain, approximate = text[:-1].rstrip(), True, True
    if "T" in text and (zone := ZONE.search(text)):
        text = text[: zone.start()]
    division = DIVISION.match(text)
    if division:
        year = int(division[1])
        return DatePoint(year, None, None, int(division[2]), approximate, uncertain)
    match = POINT.match(text)
    if match is None:
        return None
    year = int(match["long"] or match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and month is not None and not 1 <= day <= days_in(year, month):
        return None
    if match["hour"] and not _valid_time(match["hour"], match["minute"], match["second"]):
        return None
    return DatePoint(year, month, day, None, approximate, uncertain)


def _valid_time(hour: str, minute: str, second: str | None) -> bool:
    return int(hour) <= 23 and int(minute) <= 59 and int(second or 0) <= 60


def parse_edtf(text: str) -> DateValue | None:
    """A biblatex date field, or ``None`` when biber would ignore it (it warns)."""
    text = _digits(text.strip())
    if text.count("/") > 1 or not text.strip("/ "):
        return None
    start_text, slash, end_text = text.partition("/")
    start_text, end_text = start_text.strip(), end_text.strip()
    for pattern, expand in UNSPECIFIED:
        if not slash and (found := pattern.match(start_text)):
            start_text, end_text = expand(found)
            slash = "/"
            break
    start = None if start_text in ("", "..") else parse_point(start_text)
    if start is None and start_text not in ("", ".."):
        return None
    if not slash:
        return DateValue(start, start)
    end = None if end_text in ("", "..") else parse_point(end_text)
    if end is None and end_text not in ("", ".."):
        return None
    if start is None and end is None:
        return None
    return DateValue(start, end, is_range=True)
