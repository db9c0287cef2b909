"""The pieces references are built from, as pybtex template nodes.

Each node reads one part of a :class:`~briefkit.bib.model.Source` (the entry of
the formatting context) and writes it with the words of the style's language;
a node whose field is absent raises :class:`FieldIsMissing`, so that pybtex's
``optional`` and ``first_of`` handle absent fields by structure. Values are
plain text (pybtex's HTML backend escapes them); a place list
(``location``) is joined with the language's conjunction; a title is marked
with its language (:mod:`briefkit.style.titlelang`). Publication facts
(issue, pages, volume, series, edition…) are in :mod:`briefkit.style.publication`.
"""

from __future__ import annotations

from typing import Any

from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing, _format_list, join, node

from briefkit.bib.dates import field_date, source_date
from briefkit.bib.model import Source
from briefkit.bib.names import full_name
from briefkit.core.vocabulary import Vocabulary, base_language, direction, has_words, vocabulary
from briefkit.style.isolation import around as _around
from briefkit.style.isolation import isolated
from briefkit.style.persons import edited, full_style, joined, language_name, merged_translator
from briefkit.style.rich import Span, from_runs
from briefkit.style.titlelang import title_language

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
    text = str(join(sep=words.comma, sep2=words.and_, last_sep=words.and_)[items].format())
    return f"{text} {words.et_al}" if others else text


@node
def comma_list(children, context):  # type: ignore[no-untyped-def]
    """pybtex's ``join`` with the language's comma (Arabic ``، ``, Chinese ``，``)."""
    parts = [part for part in _format_list(children, context) if part]
    return Text(_words(context).comma).join(parts) if len(parts) > 1 else Text(*parts)


@node
def listing(children, context, name):  # type: ignore[no-untyped-def]
    """A literal list (``location``…) joined with the language's words."""
    source = _entry(context)
    value(source, name)
    return Text(isolated(context, listed(source, name, _words(context))))


@node
def text(children, context, name):  # type: ignore[no-untyped-def]
    """The field ``name``, its markup kept (isolated when it runs the other way)."""
    return Text(isolated(context, rich(_entry(context), name, _words(context))))


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
        parts += [Text(own.comma), rich(source, f"{prefix}titleaddon", words, quote)]
    shown = Text(*parts)
    page_lang = context["style"].lang
    if lang and base_language(lang) != base_language(page_lang):
        # Written the other way from the page (Arabic in English): its direction too.
        way = direction(lang)
        attributes = (("lang", lang),) + ((("dir", way),) if way != direction(page_lang) else ())
        # Isolated outside its span too: the PDF's text runs keep the page's order.
        shown = Text(isolated(context, Span(attributes, *shown.parts)))
    else:
        shown = Text(isolated(context, shown))
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
    names = str(
        joined(translators, style.words, style.shorten, full_style(source), full_style(source))
    )
    original = language_name(source.fields.get("origlanguage", ""), style.lang)
    form = style.words.bibstring("translatedfrom") if original else None
    if form:
        return _around(context, form, names=names, language=original)
    return _around(context, style.words.translated, names=names)


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
    who = words.comma.join(listed(source, f, words) for f in fields if source.fields.get(f))
    if not who and not place:
        raise FieldIsMissing(fields[0], source)
    if who and place:
        return _around(context, words.publisher_place, place=place, publisher=who)
    return Text(isolated(context, who or place))


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
    before, after = words.numbered(label or words.chapter, number)
    return Text(f"{before}{number}{after}")


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
    return Text(isolated(context, shown))
