"""Dates of sources written out: BibTeX's ``year``/``month``/``day``, biblatex's date fields.

Reading normalises a month to a short canonical form that rendering reads
back: ``10`` (October), ``6–8`` (June to August), ``11, 12`` (November and
December), ``10 1`` (10 January: a day, a space, the month); a month may be
written as a number, BibTeX's macros (``jan``) or a month's name in any
shipped language. biblatex's date fields are read by :mod:`briefkit.bib.edtf`.

Written out with the words and orders of the language's
:class:`~briefkit.core.vocabulary.Vocabulary`: « 3–7 mai 2020 », « vers 1723 »,
"1723?", « printemps 2004 », « 877 av. J.-C. », « 1997– ». A time is never
shown, as in biblatex's standard styles; a ``year`` that is not a number
(``1968--90``, ``forthcoming``) is shown as written, as BibTeX does.
"""

from __future__ import annotations

import re
from functools import cache

from briefkit.bib.edtf import DatePoint, DateValue, parse_edtf
from briefkit.core.vocabulary import Vocabulary, language_files, vocabulary

RANGE = re.compile(r"\s*(?:–|—|-{1,3}|/)\s*")
ITEM = r"(?:\d{1,2} )?(?:1[0-2]|[1-9])"
CANONICAL_MONTH = re.compile(f"{ITEM}(?:(?:–|, ){ITEM})*")
INTEGER_YEAR = re.compile(r"-?\d{1,4}")
RANGE_DASHES = re.compile(r"(?<=\d)\s*-{1,3}\s*(?=\d)")
SEASON_TERMS = {21: "season-01", 22: "season-02", 23: "season-03", 24: "season-04"}
DIVISION_KEYS = {25: "springN", 26: "summerN", 27: "autumnN", 28: "winterN", 29: "springS",
                 30: "summerS", 31: "autumnS", 32: "winterS", 33: "Q1", 34: "Q2", 35: "Q3",
                 36: "Q4", 37: "QD1", 38: "QD2", 39: "QD3", 40: "S1", 41: "S2"}  # fmt: skip
DATE_FIELDS = ("date", "origdate", "eventdate", "urldate")


@cache
def _month_names() -> dict[str, int]:
    """Month names of every shipped language, lower case: ``janvier`` -> 1."""
    names: dict[str, int] = {}
    for code in language_files():
        for number, name in enumerate(vocabulary(code).months, 1):
            names.setdefault(name.casefold(), number)
    return names


def _month_number(token: str) -> int | None:
    token = token.strip().rstrip(".").casefold()
    if token.isdigit():
        return int(token) if 1 <= int(token) <= 12 else None
    if len(token) < 3:
        return None
    matches = {n for name, n in _month_names().items() if name.startswith(token)}
    return matches.pop() if len(matches) == 1 else None


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


def year_text(words: Vocabulary, year: int) -> str:
    """``1850``; ``877 av. J.-C.`` for the astronomical year -876 (0 is 1 BC)."""
    return str(year) if year > 0 else f"{1 - year} {words.term('bc')}".rstrip()


def _without_year(words: Vocabulary, point: DatePoint) -> str:
    """A date's day and month (or year division), in the language's order."""
    if point.division:
        return _division(words, point.division)
    if point.month and point.day:
        return _format(
            words.date_format, words, point.month, day=words.day(point.day), year=""
        ).strip()
    return words.month(point.month) if point.month else ""


def _division(words: Vocabulary, division: int) -> str:
    if division in SEASON_TERMS:
        return words.term(SEASON_TERMS[division])
    return words.bibstring(DIVISION_KEYS[division]) or ""


def _format(pattern: str, words: Vocabulary, number: int, **given: object) -> str:
    """A date pattern filled in: any of its month forms (``month``, ``month_alone``,
    ``month_number``: Chinese ``{year}年{month_number}月``) from month ``number``
    unless given."""
    values: dict[str, object] = {
        "month": words.month(number),
        "month_alone": words.months_alone[number - 1],
        "month_number": number,
        "day": "",
        "year": "",
    }
    return pattern.format(**{**values, **given})


def point_text(words: Vocabulary, point: DatePoint) -> str:
    """One date with its marks: ``10 janvier 1973``, ``vers 1723``, ``1723?``."""
    year = year_text(words, point.year)
    if point.division:
        text = f"{_division(words, point.division)} {year}"
    elif point.month and point.day:
        text = _format(words.date_format, words, point.month, day=words.day(point.day), year=year)
    elif point.month:
        text = words.month_year(point.month, year)
    else:
        text = year
    if point.approximate:
        text = f"{words.term('circa')} {text}"
    return text + "?" if point.uncertain else text


def _plain(point: DatePoint) -> bool:
    return not (point.approximate or point.uncertain or point.division or point.year <= 0)


def _years_bc(start: DatePoint, end: DatePoint) -> bool:
    marks = (m for p in (start, end) for m in (p.approximate, p.uncertain, p.month, p.division))
    unmarked = not any(marks)
    return unmarked and start.year <= 0 and end.year <= 0


def range_text(words: Vocabulary, value: DateValue) -> str:
    """``3–7 mai 2020``, ``mai–juin 2020``, ``2019–2020``, ``1997–``, ``–1997``."""
    start, end = value.start, value.end
    if not value.is_range and start is not None:
        return point_text(words, start)
    if start is None or end is None:
        shown = start or end
        assert shown is not None
        return f"{point_text(words, shown)}–" if start else f"–{point_text(words, shown)}"
    if start == end:
        return point_text(words, start)
    if _years_bc(start, end):  # « 878–867 av. J.-C. »
        return f"{1 - start.year}–{1 - end.year} {words.term('bc')}".rstrip()
    if not (_plain(start) and _plain(end)):
        era = f" {words.term('ad')}" if start.year <= 0 < end.year else ""  # 50 BC – 30 AD
        return f"{point_text(words, start)} – {point_text(words, end)}{era}"
    return _compact(words, start, end)


def _compact(words: Vocabulary, start: DatePoint, end: DatePoint) -> str:
    (y1, m1, d1), (y2, m2, d2) = start.parts, end.parts
    if y1 == y2 and m1 and m2 and (d1 is None) == (d2 is None):
        if d1 and d2 and m1 == m2:
            days = f"{words.day(d1)}–{words.day(d2)}"
            return _format(words.date_format, words, m1, day=days, year=y1)
        if d1 and d2:
            return f"{_without_year(words, start)} – {point_text(words, end)}"
        names = f"{words.month(m1)}–{words.month(m2)}"
        return _format(words.month_year_format, words, m1, month=names, month_number=f"{m1}–{m2}",
                       month_alone=names, year=y1)  # fmt: skip
    if not (m1 or m2):
        return f"{y1}–{y2}"
    return f"{point_text(words, start)} – {point_text(words, end)}"


def month_text(words: Vocabulary, month: str, year: str) -> str:
    """A canonical month (see the module's docstring) and a year, written out."""
    if "–" in month:
        first, last = (_point(item, year) for item in month.split("–"))
        if first and last:
            return range_text(words, DateValue(first, last, is_range=True))
    items = [_point(item, year) for item in month.split(", ")]
    if len(items) == 1 and items[0]:
        return point_text(words, items[0])
    names = ", ".join(_without_year(words, p) for p in items if p and p.month)
    first = next((p.month for p in items if p and p.month), 1)
    return _format(words.month_year_format, words, first, month=names, month_alone=names,
                   month_number=", ".join(str(p.month) for p in items if p and p.month),
                   year=year).strip()  # fmt: skip


def _point(item: str, year: str) -> DatePoint | None:
    numbers = [int(n) for n in item.split()]
    year_number = int(year) if INTEGER_YEAR.fullmatch(year) else 1
    if len(numbers) == 2:
        return DatePoint(year_number, numbers[1], numbers[0])
    return DatePoint(year_number, numbers[0]) if numbers else None


def field_date(words: Vocabulary, fields: dict[str, str], name: str) -> str:
    """A biblatex date field (``date``, ``origdate``…) written out; ``""`` when unreadable."""
    parsed = parse_edtf(fields.get(name, ""))
    return range_text(words, parsed) if parsed else ""


def source_date(words: Vocabulary, fields: dict[str, str]) -> str:
    """The date a reference shows: ``date``, else ``year`` with ``month`` and ``day``."""
    if fields.get("date") and (written := field_date(words, fields, "date")):
        return written
    year = fields.get("year", "").strip()
    if not year:
        return ""
    month = fields.get("month", "")
    if month and fields.get("day", "").isdigit() and month.isdigit():
        month = f"{int(fields['day'])} {month}"
    if not year.isdigit():
        return RANGE_DASHES.sub("–", year)  # a span (1968–90) or a word, as BibTeX shows it
    if not month or not CANONICAL_MONTH.fullmatch(month):
        return str(int(year))
    return month_text(words, month, year)
