"""References as HTML, in any language: notes, short forms, bibliography entries, sort keys.

The forms come from :class:`~briefkit.style.templates.BriefStyle` and
:mod:`briefkit.style.notes` (pybtex templates), the words from the language's
vocabulary, the HTML from :mod:`briefkit.style.rich` (every value escaped,
only checked ``http(s)`` addresses linked). A reference is formatted only
when a page asks for it (then cached), so a large ``.bib`` file costs its
reading, not the formatting of entries nobody cites.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from pybtex.richtext import Text

from briefkit.bib.model import Source
from briefkit.bib.names import collation_key, is_others, sort_name
from briefkit.core.collation import ROOT
from briefkit.core.vocabulary import vocabulary
from briefkit.style.notes import Cited, cited, short_template, toplevel
from briefkit.style.rich import render
from briefkit.style.templates import BriefStyle


@cache
def _style(lang: str, bibliography_form: bool) -> BriefStyle:
    return BriefStyle(lang, invert_first=bibliography_form, shorten=not bibliography_form)


def _context(source: Source, style: BriefStyle) -> dict[str, Any]:
    return {"entry": source, "style": style}


@lru_cache(maxsize=8192)
def _full(source: Source, lang: str, bibliography_form: bool) -> Any:
    return _style(lang, bibliography_form).format(source)


@lru_cache(maxsize=8192)
def _short(source: Source, lang: str) -> Any:
    if source.type == "set" and source.related:  # a set's later notes: its members' short forms
        return Text("; ").join([_short(member, lang) for member in source.related])
    style = _style(lang, False)
    return short_template().format_data(_context(source, style))


def full_reference(source: Source, lang: str, bibliography_form: bool = False) -> str:
    """The complete reference as HTML (no final period)."""
    return render(_full(source, lang, bibliography_form))


def short_reference(source: Source, lang: str) -> str:
    """``Bermudez Jr., Cha et Jun, « Ongoing Arms Transfer… »`` as HTML."""
    return render(_short(source, lang))


def _item(item: Cited, lang: str) -> Any:
    if item.form == "ibid":
        ibid = vocabulary(lang).ibid
        reference: Any = Text(ibid.lower() if item.prefix else ibid)
    elif item.form == "short":
        reference = _short(item.source, lang)
    else:
        reference = _full(item.source, lang, False)
    return cited(item=item, reference=reference, words=vocabulary(lang)).format_data({})


def note_html(items: list[Cited], lang: str) -> str:
    """A note's text as HTML: its items, a capital, one final period."""
    words = vocabulary(lang)
    return render(toplevel([_item(item, lang) for item in items], words).format_data({}))


def inline_html(items: list[Cited], lang: str) -> str:
    """Items written out in running text (an editors' note): no capital, no period."""
    return render(Text(vocabulary(lang).semicolon).join([_item(item, lang) for item in items]))


def bibliography_entry(source: Source, lang: str) -> str:
    """A bibliography's entry as HTML: the first author inverted, one final period."""
    words = vocabulary(lang)
    return render(toplevel([_full(source, lang, True)], words, capital=False).format_data({}))


def reference_sentence(source: Source, lang: str) -> str:
    """The note form of ``source`` as a sentence (a brief's own reference)."""
    words = vocabulary(lang)
    return render(toplevel([_full(source, lang, False)], words, capital=False).format_data({}))


NOBODY = (b"", b"")


def sort_key(source: Source, lang: str = ROOT) -> tuple[Any, ...]:
    """``presort``, then ``sortkey`` or family names, then year, then title.

    Names are family names (von part after), else the name standing for them;
    in ``lang``'s alphabetical order, the glossary's (:mod:`briefkit.core.collation`).
    """
    fields = source.fields
    people = (
        source.persons.get("sortname")
        or source.persons.get("author")
        or source.persons.get("editor")
        or []
    )
    people = [p for p in people if not is_others(p)]
    if "sortkey" in fields:
        names: tuple[Any, ...] = ((collation_key(fields["sortkey"], lang), *NOBODY),)
    elif people:
        names = tuple(sort_name(p, lang) for p in people)
    else:
        label = fields.get("organization") or fields.get("title") or ""
        names = ((collation_key(label or source.key, lang), *NOBODY),)
    year = fields.get("sortyear") or source.sort.get("year") or fields.get("year")
    year = year or fields.get("date", "")[:4]
    title = fields.get("sorttitle") or source.sort.get("title") or fields.get("title", "")
    presort = collation_key(fields.get("presort", ""), lang)
    return presort, names, year, collation_key(title, lang)
