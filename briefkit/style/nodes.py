"""The pieces references are built from, as pybtex template nodes.

Each node reads one part of a :class:`~briefkit.bib.model.Source` (the entry of
the formatting context) and writes it with the words of the style's language;
a node whose field is absent raises :class:`FieldIsMissing`, so that pybtex's
``optional`` and ``first_of`` handle absent fields by structure. Values are
plain text (pybtex's HTML backend escapes them). Fields follow biblatex:
``issue`` qualifies the date (« printemps 2004 »), ``number`` the volume; a
journal's ``series`` is an ordinal or « nouv. sér. »; ``edition`` is a number
(« 2e éd. ») or text shown as written; list fields (``location``,
``publisher``…) are joined with the language's conjunction; a title is
marked with its language (:mod:`briefkit.style.titlelang`).
"""

from __future__ import annotations

import re
from typing import Any

from pybtex.richtext import String, Tag, Text
from pybtex.style.template import FieldIsMissing, join, node

from briefkit.bib.dates import field_date, source_date, year_text
from briefkit.bib.edtf import parse_edtf
from briefkit.bib.model import Source
from briefkit.bib.names import full_name
from briefkit.core.vocabulary import Vocabulary, base_language, has_words, vocabulary
from briefkit.style.persons import edited, joined, language_name, merged_translator
from briefkit.style.rich import Span, from_runs
from briefkit.style.titlelang import title_language

PAGE_RANGE = re.compile(r"[–—,;]|\w\s*-+\s*\w|\bff?\.?$")
DASHES = re.compile(r"(?<=\w)\s*(?:-+|–|—)+\s*(?=\w)")
ORDINAL = re.compile(r"(\d+)\s*(?:st|nd|rd|th|e|er|re|ème|eme|\.)?\Z", re.I)
Context = dict[str, Any]


def _entry(context: Context) -> Source:
    source: Source = context["entry"]
    return source


def _words(context: Context) -> Vocabulary:
    words: Vocabulary = context["style"].words
    return words


def value(source: Source, name: str) -> str:
    """A field's text; :class:`FieldIsMissing` when absent or blank."""
    text = source.fields.get(name, "").strip()
    if not text:
        raise FieldIsMissing(name, source)
    return text


def rich(source: Source, name: str, words: Vocabulary, inner: bool = False) -> Text:
    """A field as rich text: its TeX markup becomes ``<em>``, ``<sub>``, quotation marks…"""
    if name in source.rich:
        return from_runs(source.rich[name], words, inner)
    return Text(value(source, name))


def listed(source: Source, name: str, words: Vocabulary) -> str:
    """A literal list (``location``, ``publisher``…) joined with the language's words."""
    items = source.lists.get(name) or [value(source, name)]
    others = len(items) > 1 and items[-1].lower() == "others"
    items = items[:-1] if others else items
    text = str(join(sep=", ", sep2=words.and_, last_sep=words.and_)[items].format())
    return f"{text} {words.et_al}" if others else text


@node
def listing(children, context, name):  # type: ignore[no-untyped-def]
    """A literal list (``location``…) joined with the language's words."""
    source = _entry(context)
    value(source, name)
    return Text(listed(source, name, _words(context)))


@node
def text(children, context, name):  # type: ignore[no-untyped-def]
    """The field ``name``, its markup kept."""
    return rich(_entry(context), name, _words(context))


@node
def title(children, context, prefix="", quote=False):  # type: ignore[no-untyped-def]
    """``Title : sous-titre, addendum``, in its language's ``<span lang>``; ``quote``: in quotes."""
    source, words = _entry(context), _words(context)
    main = f"{prefix}title"
    if not source.fields.get(main, "").strip():
        raise FieldIsMissing(main, source)
    lang = title_language(source, main)
    own = vocabulary(lang) if lang and has_words(lang) else words
    parts = [rich(source, main, words, quote)]
    if source.fields.get(f"{prefix}subtitle", "").strip():
        parts += [Text(own.subtitle_separator), rich(source, f"{prefix}subtitle", words, quote)]
    if source.fields.get(f"{prefix}titleaddon", "").strip():
        parts += [Text(", "), rich(source, f"{prefix}titleaddon", words, quote)]
    shown = Text(*parts)
    if lang and base_language(lang) != base_language(context["style"].lang):
        shown = Text(Span((("lang", lang),), *shown.parts))
    return Text(words.open_quote, shown, words.close_quote) if quote else shown


@node
def quoted(children, context):  # type: ignore[no-untyped-def]
    """Children between the language's quotation marks."""
    words = _words(context)
    return Text(words.open_quote, *[c.format_data(context) for c in children], words.close_quote)


@node
def translated(children, context):  # type: ignore[no-untyped-def]
    """``trad. Jean Dupont``; with ``origlanguage``, « (langue originale : allemand) »."""
    source, style = _entry(context), context["style"]
    translators = source.persons.get("translator")
    if not translators or merged_translator(source):
        raise FieldIsMissing("translator", source)
    names = str(joined(translators, style.words, style.shorten))
    original = language_name(source.fields.get("origlanguage", ""), style.lang)
    form = style.words.bibstring("translatedfrom") if original else None
    if form:
        return Text(form.format(names=names, language=original))
    return Text(style.words.translated.format(names=names))


@node
def editors_after(children, context):  # type: ignore[no-untyped-def]
    """Editors after the title, when authors head the reference (else they are the head)."""
    source = _entry(context)
    if not source.persons.get("author") and not source.persons.get("bookauthor"):
        raise FieldIsMissing("author", source)
    return edited.format_data(context)


@node
def date(children, context, name="date"):  # type: ignore[no-untyped-def]
    """``10 janvier 1973``, ``juin–août 1988``, ``vers 1723``: see :mod:`briefkit.bib.dates`."""
    source, words = _entry(context), _words(context)
    written = source_date(words, source.fields) if name == "date" else field_date(
        words, source.fields, name
    )  # fmt: skip
    if not written:
        raise FieldIsMissing(name, source)
    return Text(written)


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
    return Text(f"{word} {shown}".strip())


@node
def total(children, context, name, key):  # type: ignore[no-untyped-def]
    """``320 p.`` from ``pagetotal``, ``3 vol.`` from ``volumes``."""
    source, words = _entry(context), _words(context)
    form = words.bibstring(key) or "{n}"
    return Text(form.format(n=value(source, name)))


@node
def labelled(children, context, name, word):  # type: ignore[no-untyped-def]
    """``vol. 2``, ``n° 7``, ``chap. 3``: a field after a word of the vocabulary."""
    source = _entry(context)
    return Text(f"{getattr(_words(context), word)} ", rich(source, name, _words(context)))


@node
def volume(children, context):  # type: ignore[no-untyped-def]
    """``vol. 2``; with ``part``, ``vol. 2.1`` (biblatex's volume.part)."""
    source, words = _entry(context), _words(context)
    shown = value(source, "volume")
    part = source.fields.get("part", "").strip()
    return Text(f"{words.volume} {shown}.{part}" if part else f"{words.volume} {shown}")


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
    for code in ("en", "fr", "de"):
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
def version(children, context):  # type: ignore[no-untyped-def]
    source, words = _entry(context), _words(context)
    return Text(words.version.format(version=value(source, "version")))


@node
def publisher(children, context, name="publisher", names=()):  # type: ignore[no-untyped-def]
    """``Paris, Gallimard`` / ``Reading, MA: Addison-Wesley``, or either part alone.

    ``names`` lists several fields naming who published it (``institution``,
    ``publisher``): each is named, and the place (``location``) once.
    """
    source, words = _entry(context), _words(context)
    place = listed(source, "location", words) if source.fields.get("location") else ""
    fields = names or (name,)
    who = ", ".join(listed(source, f, words) for f in fields if source.fields.get(f))
    if not who and not place:
        raise FieldIsMissing(fields[0], source)
    if who and place:
        return Text(words.publisher_place.format(place=place, publisher=who))
    return Text(who or place)


@node
def kind(children, context, default=""):  # type: ignore[no-untyped-def]
    """The ``type`` field: a biblatex key (``phdthesis``, ``patentus``) translated, else as is."""
    source, words = _entry(context), _words(context)
    written = source.fields.get("type", "").strip() or default
    if not written:
        raise FieldIsMissing("type", source)
    return Text(words.bibstring(written) or written)


@node
def keyed(children, context, name):  # type: ignore[no-untyped-def]
    """A key field (``pubstate``): biblatex's localisation key translated, else as written."""
    source, words = _entry(context), _words(context)
    written = value(source, name)
    return Text(words.bibstring(written) or written)


@node
def chapter(children, context):  # type: ignore[no-untyped-def]
    """``chap. 3``, or the ``type`` given (``Section 1.2``)."""
    source, words = _entry(context), _words(context)
    number = value(source, "chapter")
    label = source.fields.get("type", "").strip() if source.type == "inbook" else ""
    return Text(f"{label or words.chapter} {number}")


@node
def outlet(children, context, name="organization"):  # type: ignore[no-untyped-def]
    """The organisation, unless it only repeats a corporate author's name."""
    source = _entry(context)
    shown = (
        listed(source, name, _words(context)) if source.fields.get(name) else value(source, name)
    )
    people = source.persons.get("author", [])
    if len(people) == 1 and full_name(people[0]) == shown:
        return Text()
    return Text(shown)


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
    return join(sep=", ")[parts].format()


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
    return Text(before, join(sep=", ")[parts].format(), after)
