"""The pieces references are built from, as pybtex template nodes.

Each node reads one part of a :class:`~briefkit.bib.model.Source` (the entry of
the formatting context) and writes it with the words of the style's language;
a node whose field is absent raises :class:`FieldIsMissing`, so that pybtex's
``optional`` and ``first_of`` handle absent fields by structure. Values are
plain text (pybtex's HTML backend escapes them); only URLs checked on reading,
DOIs (always ``https://doi.org/…``) and arXiv identifiers become links.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata
from typing import Any

from pybtex.richtext import HRef, String, Tag, Text
from pybtex.style.template import FieldIsMissing, _format_list, node

from briefkit.bib.dates import source_date
from briefkit.bib.fields import is_arxiv
from briefkit.bib.model import Source
from briefkit.bib.names import full_name, name_list
from briefkit.core.name_order import entry_order
from briefkit.core.vocabulary import Vocabulary

EDITION_WORD = re.compile(r"(?i)\b(ed|edn|edition|éd|édition|aufl|auflage)\b")
PAGE_RANGE = re.compile(r"[–—,;]|\d\s*-+\s*\d|\bff?\.?$")
DOI_HOST = re.compile(r"(?i)https?://(dx\.)?doi\.org/")
Context = dict[str, Any]
_FORMATTER = string.Formatter()


def _entry(context: Context) -> Source:
    source: Source = context["entry"]
    return source


def _words(context: Context) -> Vocabulary:
    words: Vocabulary = context["style"].words
    return words


def _runs_other_way(text: str, direction: str) -> bool:
    """Whether ``text`` holds letters written the other way from ``direction``'s."""
    kinds = {unicodedata.bidirectional(c) for c in text}
    return bool(kinds & {"R", "AL"}) if direction == "ltr" else "L" in kinds


def isolated(context: Context, part: Any) -> Any:
    """``part`` in ``<bdi>`` when it runs the other way from the page's language.

    An Arabic publisher in an English note, a Latin title or URL in an Arabic
    one: isolated, the punctuation around it keeps the page's order (HTML's
    ``<bdi>``; the PDF writes it as Unicode's first-strong isolate).
    """
    plain = str(part) if not isinstance(part, str) else part
    if _runs_other_way(plain, _words(context).direction):
        return Tag("bdi", part)
    return part


def _around(context: Context, pattern: str, **parts: Any) -> Text:
    """``pattern`` (``{names} (ed.)``) with each ``{name}`` replaced by its part, isolated."""
    pieces: list[Any] = []
    for literal, name, _spec, _conv in _FORMATTER.parse(pattern):
        if literal:
            pieces.append(literal)
        if name:
            pieces.append(isolated(context, parts[name]))
    return Text(*pieces)


def _family_first(source: Source) -> bool:
    """Whether the entry asks for its names family name first (``options = {nameorder=…}``)."""
    return entry_order(source.fields.get("options", "")) == "family-given"


def value(source: Source, name: str) -> str:
    """A field's text; :class:`FieldIsMissing` when absent or blank."""
    text = source.fields.get(name, "").strip()
    if not text:
        raise FieldIsMissing(name, source)
    return text


def rich(source: Source, name: str) -> Text:
    """A field as rich text: its TeX emphasis becomes ``<em>``/``<strong>``."""
    if name in source.rich:
        return Text(
            *[Tag(tag, piece) if tag else String(piece) for piece, tag in source.rich[name]]
        )
    return Text(value(source, name))


@node
def text(children, context, name):  # type: ignore[no-untyped-def]
    """The field ``name``, its emphasis kept."""
    return isolated(context, rich(_entry(context), name))


@node
def title(children, context, prefix=""):  # type: ignore[no-untyped-def]
    """``Title : sous-titre, addendum`` from ``{prefix}title``, ``…subtitle``, ``…titleaddon``."""
    source, words = _entry(context), _words(context)
    names = [f"{prefix}title"] if prefix != "journal" else ["journal", "journaltitle"]
    main = next((n for n in names if source.fields.get(n, "").strip()), None)
    if main is None:
        raise FieldIsMissing(names[0], source)
    parts = [isolated(context, rich(source, main))]
    if source.fields.get(f"{prefix}subtitle", "").strip():
        subtitle = isolated(context, rich(source, f"{prefix}subtitle"))
        parts += [Text(words.subtitle_separator), subtitle]
    if source.fields.get(f"{prefix}titleaddon", "").strip():
        parts += [Text(words.comma), isolated(context, rich(source, f"{prefix}titleaddon"))]
    return Text(*parts)


@node
def quoted(children, context):  # type: ignore[no-untyped-def]
    """Children between the language's quotation marks."""
    words = _words(context)
    return Text(words.open_quote, *[c.format_data(context) for c in children], words.close_quote)


@node
def people(children, context, role="author"):  # type: ignore[no-untyped-def]
    """Authors in reading order; the bibliography inverts the first; notes shorten long lists."""
    source, style = _entry(context), context["style"]
    if not source.persons.get(role):
        raise FieldIsMissing(role, source)
    names = name_list(
        source.persons[role], style.words, style.shorten, style.invert_first, _family_first(source)
    )
    return Text(isolated(context, names))


@node
def edited(children, context, head=False):  # type: ignore[no-untyped-def]
    """``Pierre Dupont (dir.)``; at the head of a reference, inverted like authors."""
    source, style = _entry(context), context["style"]
    editors = source.persons.get("editor")
    if not editors:
        raise FieldIsMissing("editor", source)
    names = name_list(
        editors, style.words, style.shorten, head and style.invert_first, _family_first(source)
    )
    form = style.words.edited_many if len(editors) > 1 else style.words.edited
    return _around(context, form, names=names)


@node
def editors_after(children, context):  # type: ignore[no-untyped-def]
    """Editors after the title, when authors head the reference (else they are the head)."""
    source = _entry(context)
    if not source.persons.get("author"):
        raise FieldIsMissing("author", source)
    return edited.format_data(context)


@node
def translated(children, context):  # type: ignore[no-untyped-def]
    """``trad. Jean Dupont`` / ``trans. Jean Dupont``."""
    source, style = _entry(context), context["style"]
    if not source.persons.get("translator"):
        raise FieldIsMissing("translator", source)
    names = name_list(
        source.persons["translator"], style.words, style.shorten, family_first=_family_first(source)
    )
    return _around(context, style.words.translated, names=names)


@node
def date(children, context):  # type: ignore[no-untyped-def]
    """``10 janvier 1973``, ``juin–août 1988``, ``2019–2020``: see :mod:`briefkit.bib.dates`."""
    source = _entry(context)
    written = source_date(_words(context), source.fields)
    if not written:
        raise FieldIsMissing("year", source)
    return Text(written)


@node
def listed(children, context):  # type: ignore[no-untyped-def]
    """pybtex's ``join`` with the language's comma (Arabic ``، ``, Chinese ``，``)."""
    parts = [part for part in _format_list(children, context) if part]
    return Text(_words(context).comma).join(parts) if len(parts) > 1 else Text(*parts)


@node
def pages(children, context):  # type: ignore[no-untyped-def]
    """``p. 12`` / ``pp. 12–34``."""
    source, words = _entry(context), _words(context)
    text = value(source, "pages")
    word = words.pages if PAGE_RANGE.search(text) else words.page
    before, after = words.numbered(word, text)
    return Text(f"{before}{text}{after}")


@node
def labelled(children, context, name, word):  # type: ignore[no-untyped-def]
    """``vol. 2``, ``n° 7``, ``chap. 3``: a field after a word of the vocabulary."""
    source, words = _entry(context), _words(context)
    before, after = words.numbered(getattr(words, word), "")
    return Text(before, isolated(context, rich(source, name)), after)


@node
def series(children, context):  # type: ignore[no-untyped-def]
    """``coll. Fast Computers`` / ``Fast Computers``."""
    source, words = _entry(context), _words(context)
    before, _, after = words.series.partition("{series}")
    return Text(before, isolated(context, rich(source, "series")), after)


@node
def edition(children, context):  # type: ignore[no-untyped-def]
    """``2e éd.`` / ``2nd ed.``; a value that already says "edition" is kept as written."""
    source, words = _entry(context), _words(context)
    text = value(source, "edition")
    return Text(text if EDITION_WORD.search(text) else words.edition_text(text))


@node
def version(children, context):  # type: ignore[no-untyped-def]
    source, words = _entry(context), _words(context)
    return Text(words.version.format(version=value(source, "version")))


@node
def publisher(children, context, name="publisher"):  # type: ignore[no-untyped-def]
    """``Paris, Gallimard`` / ``Reading, MA: Addison-Wesley``, or either part alone."""
    source, words = _entry(context), _words(context)
    place = source.fields.get("location") or source.fields.get("address") or ""
    who = source.fields.get(name, "")
    if not who and not place:
        raise FieldIsMissing(name, source)
    if who and place:
        return _around(context, words.publisher_place, place=place, publisher=who)
    return Text(isolated(context, who or place))


@node
def kind(children, context, default=""):  # type: ignore[no-untyped-def]
    """The ``type`` field (biblatex's keys such as ``phdthesis`` translated), else ``default``."""
    source, words = _entry(context), _words(context)
    written = source.fields.get("type", "").strip() or default
    if not written:
        raise FieldIsMissing("type", source)
    return Text(words.types.get(written.lower(), written))


@node
def chapter(children, context):  # type: ignore[no-untyped-def]
    """``chap. 3``, or the ``type`` given (``Section 1.2``)."""
    source, words = _entry(context), _words(context)
    number = value(source, "chapter")
    label = source.fields.get("type", "").strip() or words.chapter
    before, after = words.numbered(label, number)
    return Text(f"{before}{number}{after}")


@node
def outlet(children, context):  # type: ignore[no-untyped-def]
    """The organisation, unless it only repeats a corporate author's name."""
    source = _entry(context)
    name = value(source, "organization")
    people = source.persons.get("author", [])
    if len(people) == 1 and full_name(people[0]) == name:
        return Text()
    return Text(isolated(context, name))


@node
def doi_link(children, context):  # type: ignore[no-untyped-def]
    """``https://doi.org/10.…`` as a link (the DOI was checked on reading)."""
    url = "https://doi.org/" + value(_entry(context), "doi")
    return Text(isolated(context, HRef(url, Text(url))))


@node
def url_link(children, context):  # type: ignore[no-untyped-def]
    """The ``url`` field as a link showing itself (checked as http(s) on reading)."""
    source = _entry(context)
    url = value(source, "url")
    if source.fields.get("doi") and DOI_HOST.match(url):
        raise FieldIsMissing("url", source)  # the DOI's own link already leads there
    return Text(isolated(context, HRef(url, Text(url))))


@node
def eprint(children, context):  # type: ignore[no-untyped-def]
    """``arXiv: 2101.01234 [cs.CL]`` (arXiv linked), ``JSTOR: 123``, or the identifier."""
    source, words = _entry(context), _words(context)
    ident = value(source, "eprint")
    kind = (source.fields.get("eprinttype") or source.fields.get("archiveprefix") or "").strip()
    label = words.eprint_types.get(kind.lower(), kind)
    klass = source.fields.get("primaryclass") or source.fields.get("eprintclass")
    shown = Text(f"{label}: " if label else "", ident, f" [{klass}]" if klass else "")
    if is_arxiv(source.fields):
        return Text(isolated(context, HRef(f"https://arxiv.org/abs/{ident}", shown)))
    return Text(isolated(context, shown))


@node
def accessed(children, context):  # type: ignore[no-untyped-def]
    """``consulté le 23 octobre 2023`` from a ``urldate`` field."""
    source, words = _entry(context), _words(context)
    year, month, day = (int(n) for n in value(source, "urldate").split("-"))
    return Text(f"{words.accessed} {words.date(dt.date(year, month, day))}")
