"""Publication facts as pybtex nodes: issue, pages, volume and series, edition, event, original.

As biblatex places them (manual §2.3): ``issue`` qualifies the date
(« printemps 2004 ») unless it is a number, ``number`` the volume; a
journal's ``series`` is an ordinal or « nouv. sér. »; ``edition`` is a number
(« 2e éd. ») or text shown as written; ``volume`` and ``part`` make
« vol. 2.1 »; any dash in ``pages`` is the language's range dash.
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.richtext import String, Tag, Text
from pybtex.style.template import FieldIsMissing, join, node

from briefkit.bib.dates import field_date, year_text
from briefkit.bib.edtf import parse_edtf
from briefkit.bib.model import Source
from briefkit.core.vocabulary import language_files, vocabulary
from briefkit.style.isolation import isolated
from briefkit.style.nodes import _entry, _words, date, listed, rich, title, value

PAGE_RANGE = re.compile(r"[–—,;]|\w\s*-+\s*\w|\bff?\.?$")
DASHES = re.compile(r"(?<=\w)\s*(?:-+|–|—)+\s*(?=\w)")
ORDINAL = re.compile(r"(\d+)\s*(?:st|nd|rd|th|e|er|re|ème|eme|\.)?\Z", re.I)


NUMBERED = re.compile(r"[\dIVXLC]+(?:\s*[-–/]+\s*[\dIVXLC]+)?\Z")


def numbered_issue(source: Source) -> bool:
    """An ``issue`` that is a number (``2``, ``3-4``): shown as a number when there is none."""
    return not source.fields.get("number") and bool(NUMBERED.match(source.fields.get("issue", "")))


@node
def issue_number(children, context):  # type: ignore[no-untyped-def]
    """``n° 3`` from ``number``, else from a numbered ``issue``."""
    source = _entry(context)
    if source.fields.get("number"):
        return labelled(name="number", word="number").format_data(context)
    if numbered_issue(source):
        return labelled(name="issue", word="number").format_data(context)
    raise FieldIsMissing("number", source)


@node
def issue_date(children, context):  # type: ignore[no-untyped-def]
    """A journal's date with its ``issue`` before it (« Spring 2004 », biblatex's order)."""
    source, words = _entry(context), _words(context)
    issue = source.fields.get("issue", "").strip()
    if not issue or numbered_issue(source):
        return date.format_data(context)
    parsed = parse_edtf(source.fields.get("date", ""))
    year = year_text(words, parsed.start.year) if parsed and parsed.start else ""
    year = year or source.fields.get("year", "").strip()
    issue_text = rich(source, "issue", words)
    return Text(issue_text, " ", year) if year else issue_text


@node
def pages(children, context, name="pages"):  # type: ignore[no-untyped-def]
    """``p. 12`` / ``pp. 12–34`` (any dash written becomes the language's range dash)."""
    source, words = _entry(context), _words(context)
    shown = DASHES.sub(words.term("page-range-delimiter") or "–", value(source, name))
    pagination = source.fields.get("bookpagination", "").strip().lower()
    many = bool(PAGE_RANGE.search(shown))
    if pagination == "none":
        return Text(shown)
    if pagination and pagination != "page":
        word = words.bibstring(pagination + ("s" if many else "")) or ""
    else:
        word = words.pages if many else words.page
    if not word:
        return Text(shown)
    before, after = words.numbered(word, shown)  # Korean "{n}쪽": the number inside
    return Text(f"{before}{shown}{after}")


@node
def total(children, context, name, key):  # type: ignore[no-untyped-def]
    """``320 p.`` from ``pagetotal``, ``3 vol.`` from ``volumes``."""
    source, words = _entry(context), _words(context)
    form = words.bibstring(key) or "{n}"
    return Text(form.format(n=value(source, name)))


@node
def labelled(children, context, name, word):  # type: ignore[no-untyped-def]
    """``vol. 2``, ``n° 7``, ``chap. 3``: a field after a word of the vocabulary."""
    source, words = _entry(context), _words(context)
    before, after = words.numbered(getattr(words, word), "")
    return Text(before, isolated(context, rich(source, name, words)), after)


@node
def volume(children, context):  # type: ignore[no-untyped-def]
    """``vol. 2``; with ``part``, ``vol. 2.1`` (biblatex's volume.part)."""
    source, words = _entry(context), _words(context)
    shown = value(source, "volume")
    part = source.fields.get("part", "").strip()
    number = f"{shown}.{part}" if part else shown
    before, after = words.numbered(words.volume, number)
    return Text(f"{before}{number}{after}")


@node
def series(children, context):  # type: ignore[no-untyped-def]
    """``coll. Fast Computers``; in a journal, ``3e sér.`` or ``nouv. sér.`` (biblatex §2.3.6)."""
    source, words = _entry(context), _words(context)
    written = value(source, "series")
    if source.type in ("article", "periodical", "review", "suppperiodical"):
        if written.isdigit():
            ordinal = words.edition_ordinals.get(
                int(written), words.edition_ordinal.format(n=written)
            )
            return Text((words.bibstring("jourser") or "{ordinal}").format(ordinal=ordinal))
        return Text(words.bibstring(written) or written)
    before, _, after = words.series.partition("{series}")
    return Text(before, rich(source, "series", words), after)


def edition_number(written: str) -> int:
    """``2``, ``2nd``, ``2e``, ``Second``, ``deuxième``: 2; ``0`` when it is text."""
    match = ORDINAL.match(written.strip())
    if match:
        return int(match[1])
    lower = written.strip().casefold()
    for code in language_files():
        words = vocabulary(code)
        for number in range(1, 11):
            if words.term(f"long-ordinal-{number:02d}").casefold() == lower:
                return number
    return 0


@node
def edition(children, context):  # type: ignore[no-untyped-def]
    """``2e éd.`` / ``2nd ed.`` from a number; text (« Third, revised edition ») as written."""
    source, words = _entry(context), _words(context)
    written = value(source, "edition")
    number = edition_number(written)
    return Text(words.edition_text(str(number)) if number else written)


@node
def event(children, context):  # type: ignore[no-untyped-def]
    """The event a work comes from: ``eventtitle``, ``venue``, ``eventdate``."""
    source, words = _entry(context), _words(context)
    parts: list[Any] = []
    if source.fields.get("eventtitle"):
        parts.append(title(prefix="event").format_data(context))
    if source.fields.get("venue"):
        parts.append(rich(source, "venue", words))
    if source.fields.get("eventdate") and (when := field_date(words, source.fields, "eventdate")):
        parts.append(String(when))
    if not parts:
        raise FieldIsMissing("eventtitle", source)
    return join(sep=words.comma)[parts].format()


@node
def original(children, context):  # type: ignore[no-untyped-def]
    """« 1re publication : Londres, Macmillan, 1850 » from the ``orig…`` fields."""
    source, words = _entry(context), _words(context)
    parts: list[Any] = []
    if source.fields.get("origtitle"):
        parts.append(Tag("em", rich(source, "origtitle", words)))
    place = listed(source, "origlocation", words) if source.fields.get("origlocation") else ""
    who = listed(source, "origpublisher", words) if source.fields.get("origpublisher") else ""
    if place and who:
        parts.append(String(words.publisher_place.format(place=place, publisher=who)))
    elif place or who:
        parts.append(String(place or who))
    if source.fields.get("origdate") and (when := field_date(words, source.fields, "origdate")):
        parts.append(String(when))
    form = words.bibstring("origpub")
    if not parts or not form:
        raise FieldIsMissing("origdate", source)
    before, _, after = form.partition("{what}")
    return Text(before, join(sep=words.comma)[parts].format(), after)
