"""Formatting references with pybtex templates, in French or English.

One style serves every language: :mod:`briefkit.vocabulary` holds every word
and typographic mark that differs, and templates are declared once with pybtex's
``optional``/``first_of``/``join`` nodes, so missing fields are handled by the
template structure. Output is HTML where every value is escaped and only
validated ``http(s)`` URLs become links.
"""

from __future__ import annotations

import html
from functools import cache, lru_cache
from types import MappingProxyType

from pybtex.backends.html import Backend as HtmlBackend
from pybtex.richtext import HRef, Text
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import (
    FieldIsMissing,
    field,
    first_of,
    join,
    node,
    optional,
    tag,
)

from briefkit.bibliography import Source
from briefkit.vocabulary import FALLBACK, Vocabulary, vocabulary


class SafeHtmlBackend(HtmlBackend):
    """pybtex's HTML backend with Unicode marks (XML-parseable) and escaped URLs."""

    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": "\u00a0"})

    def format_protected(self, text: str) -> str:
        return text

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        href = html.escape(url, quote=True)
        return f'<a href="{href}" rel="noopener">{text}</a>' if text else ""


def _date_text(fields: dict[str, str], words: Vocabulary) -> str:
    year, month = fields.get("year", ""), fields.get("month", "")
    if year and month.isdigit():
        return f"{words.months[int(month) - 1]} {year}"
    return year


@node
def date(children, context):  # type: ignore[no-untyped-def]
    """``octobre 2023`` / ``October 2023``, or the year alone."""
    entry, words = context["entry"], context["style"].words
    if "year" not in entry.fields:
        raise FieldIsMissing("year", entry)
    return Text(_date_text(dict(entry.fields), words))


@node
def accessed(children, context):  # type: ignore[no-untyped-def]
    """``consulté le 23 octobre 2023`` from a ``urldate`` field."""
    words, entry = context["style"].words, context["entry"]
    if "urldate" not in entry.fields:
        raise FieldIsMissing("urldate", entry)
    value = entry.fields["urldate"]
    year, month, day = value.split("-")
    return Text(f"{words.accessed} {int(day)} {words.months[int(month) - 1]} {year}")


@node
def url_link(children, context):  # type: ignore[no-untyped-def]
    """The ``url`` field as a link showing itself (validated as http(s) on reading)."""
    entry = context["entry"]
    if "url" not in entry.fields:
        raise FieldIsMissing("url", entry)
    url = entry.fields["url"]
    return HRef(url, Text(url))


@node
def quoted(children, context):  # type: ignore[no-untyped-def]
    """Children between the language's quotation marks."""
    words = context["style"].words
    return Text(words.open_quote, *[c.format_data(context) for c in children], words.close_quote)


@node
def authors(children, context):  # type: ignore[no-untyped-def]
    """Authors in reading order; the bibliography inverts the first one."""
    style, entry = context["style"], context["entry"]
    if "author" not in entry.persons:
        raise FieldIsMissing("author", entry)
    people = entry.persons["author"]
    names = [
        style.person_name(p, invert=(i == 0 and style.invert_first)) for i, p in enumerate(people)
    ]
    return Text(_join_names(names, style.words))


@node
def outlet(children, context):  # type: ignore[no-untyped-def]
    """The organisation, unless it only repeats a corporate author's name."""
    entry = context["entry"]
    if "organization" not in entry.fields:
        raise FieldIsMissing("organization", entry)
    name = entry.fields["organization"]
    people = entry.persons.get("author", [])
    if len(people) == 1 and str(people[0]).strip("{}") == name:
        return Text()
    return Text(name)


def _join_names(names: list[str], words: Vocabulary) -> str:
    if len(names) <= 2:
        return words.and_.join(names)
    return ", ".join(names[:-1]) + words.and_ + names[-1]


class BriefStyle(BaseStyle):
    """Note and bibliography forms of every supported entry type."""

    default_name_style = "plain"

    def __init__(self, lang: str, invert_first: bool = False) -> None:
        # BaseStyle.__init__ only looks up name, label and sorting plugins through
        # entry points (most of a build's formatting time); this style uses none.
        self.abbreviate_names = False
        self.min_crossrefs = 2
        self.words = vocabulary(lang)
        self.invert_first = invert_first

    def person_name(self, person, invert: bool = False) -> str:  # type: ignore[no-untyped-def]
        """``Joseph S. Bermudez Jr.``, or ``Bermudez Jr., Joseph S.`` when inverted."""

        def part(names: list[str]) -> str:
            return " ".join(n.replace("{", "").replace("}", "") for n in names)

        first = part(person.first_names + person.middle_names)
        last = part(person.prelast_names + person.last_names)
        lineage = part(person.lineage_names)
        last_full = f"{last} {lineage}".strip()
        if not first:
            return last_full
        return f"{last_full}, {first}" if invert else f"{first} {last_full}"

    # Shared pieces of every template.
    def _head(self):  # type: ignore[no-untyped-def]
        return join(sep=", ")[
            optional[authors],
            quoted[field("title", raw=True)],
        ]

    def _tail(self):  # type: ignore[no-untyped-def]
        return join(sep=", ")[
            optional[date],
            first_of[
                optional[join(sep=" ")[self.words.available, url_link]],
                optional[join(sep=" ")[self.words.available, field("site", raw=True)]],
            ],
            optional[accessed],
        ]

    def get_online_template(self, e):  # type: ignore[no-untyped-def]
        return join(sep=", ")[self._head(), optional[outlet], self._tail()]

    def get_report_template(self, e):  # type: ignore[no-untyped-def]
        return join(sep=", ")[self._head(), optional[field("institution", raw=True)], self._tail()]

    get_techreport_template = get_report_template

    def get_article_template(self, e):  # type: ignore[no-untyped-def]
        return join(sep=", ")[
            self._head(),
            tag("em")[field("journal", raw=True)],
            optional[join(sep=" ")[self.words.volume, field("volume", raw=True)]],
            optional[join(sep=" ")[self.words.number, field("number", raw=True)]],
            self._tail(),
        ]

    def get_audio_template(self, e):  # type: ignore[no-untyped-def]
        return join(sep=", ")[
            self._head(),
            optional[tag("em")[field("series", raw=True)]],
            optional[outlet],
            self._tail(),
        ]

    def get_book_template(self, e):  # type: ignore[no-untyped-def]
        return join(sep=", ")[
            optional[authors],
            tag("em")[field("title", raw=True)],
            optional[field("publisher", raw=True)],
            self._tail(),
        ]

    def get_misc_template(self, e):  # type: ignore[no-untyped-def]
        return join(sep=", ")[
            self._head(),
            optional[
                first_of[
                    field("booktitle", raw=True),
                    field("journal", raw=True),
                    field("publisher", raw=True),
                    field("organization", raw=True),
                    field("institution", raw=True),
                    field("school", raw=True),
                ]
            ],
            self._tail(),
        ]

    get_incollection_template = get_misc_template
    get_inproceedings_template = get_misc_template
    get_phdthesis_template = get_misc_template
    get_mastersthesis_template = get_misc_template
    get_unpublished_template = get_misc_template


_BACKEND = SafeHtmlBackend()


@cache
def _style(lang: str, invert_first: bool) -> BriefStyle:
    return BriefStyle(lang, invert_first)


@lru_cache(maxsize=8192)
def full_reference(source: Source, lang: str, bibliography_form: bool = False) -> str:
    """The complete reference as HTML (no final period)."""
    style = _style(lang, bibliography_form)
    formatted = style.format_entry(source.key, source.to_pybtex())
    return formatted.text.render(_BACKEND)


@lru_cache(maxsize=8192)
def short_reference(source: Source, lang: str) -> str:
    """``Bermudez Jr., Cha et Jun, « Ongoing Arms Transfer… »`` as HTML."""
    words = vocabulary(lang)
    people = source.persons.get("author", [])
    lasts = [
        " ".join(p.prelast_names + p.last_names + p.lineage_names).replace("{", "").replace("}", "")
        for p in people
    ]
    if len(lasts) > 3:
        lasts = [f"{lasts[0]} {words.et_al}"]
    title = source.fields.get("shorttitle") or _shorten(source.fields.get("title", ""))
    who = html.escape(_join_names(lasts, words)) if lasts else ""
    what = f"{words.open_quote}{html.escape(title)}{words.close_quote}"
    return f"{who}, {what}" if who else what


def _shorten(title: str, max_words: int = 6) -> str:
    head = title.split(":")[0].strip()
    if len(head.split()) < 2:
        head = title
    words = head.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def sort_key(source: Source) -> tuple[str, str, str]:
    """Author (or title when anonymous), then year, then title."""
    people = source.persons.get("author", [])
    name = _style(FALLBACK, True).person_name(people[0], invert=True) if people else ""
    return (
        name.casefold() or source.fields.get("title", "").casefold(),
        source.fields.get("year", ""),
        source.fields.get("title", "").casefold(),
    )
