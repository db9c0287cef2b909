"""References as HTML, in any language: full (first note, bibliography), short, sorted.

The forms come from :class:`~briefkit.style.templates.BriefStyle` (pybtex templates)
and the words from the language's vocabulary. Output is HTML where every
value is escaped and only validated ``http(s)`` URLs become links. A
reference is formatted only when a page asks for it (then cached), so a large
``.bib`` file costs its parsing, not the formatting of entries nobody cites.
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache
from types import MappingProxyType

from pybtex.backends.html import Backend as HtmlBackend

from briefkit.bib.model import Source
from briefkit.bib.names import ET_AL_FROM, collation_key, family, is_others, sort_name
from briefkit.core.collation import ROOT
from briefkit.core.vocabulary import Vocabulary, vocabulary
from briefkit.style.templates import WORK_TYPES, BriefStyle


class SafeHtmlBackend(HtmlBackend):
    """pybtex's HTML backend with Unicode marks (XML-parseable) and escaped URLs."""

    symbols = MappingProxyType({"ndash": "–", "newblock": " ", "nbsp": "\u00a0"})

    def format_protected(self, text: str) -> str:
        return text

    @staticmethod
    def format_href(url: str, text: str, external: bool = False) -> str:
        href = html.escape(url, quote=True)
        return f'<a href="{href}" rel="noopener">{text}</a>' if text else ""


def _escape(text: str) -> str:
    return html.escape(text, quote=False)  # as pybtex's backend: text, never attributes


_BACKEND = SafeHtmlBackend()
SHORT_TITLE_END = re.compile(r":| [–—] ")


@cache
def _style(lang: str, bibliography_form: bool) -> BriefStyle:
    return BriefStyle(lang, invert_first=bibliography_form, shorten=not bibliography_form)


@lru_cache(maxsize=8192)
def full_reference(source: Source, lang: str, bibliography_form: bool = False) -> str:
    """The complete reference as HTML (no final period)."""
    return str(_style(lang, bibliography_form).format(source).render(_BACKEND))


@lru_cache(maxsize=8192)
def short_reference(source: Source, lang: str) -> str:
    """``Bermudez Jr., Cha et Jun, « Ongoing Arms Transfer… »`` as HTML."""
    words = vocabulary(lang)
    who = _escape(short_names(source, words))
    what = _short_title(source, words)
    return ", ".join(part for part in (who, what) if part)


def short_names(source: Source, words: Vocabulary) -> str:
    """Family names of the authors (else editors), with the notes' et al. rule."""
    people = source.persons.get("author") or source.persons.get("editor") or []
    others = bool(people) and is_others(people[-1])
    names = [family(p) for p in people if not is_others(p)]
    if len(names) >= ET_AL_FROM:
        names, others = names[:1], True
    if others and names:
        return f"{', '.join(names)} {words.et_al}"
    if len(names) <= 2:
        return words.and_.join(names)
    return ", ".join(names[:-1]) + words.and_ + names[-1]


def _short_title(source: Source, words: Vocabulary) -> str:
    fields = source.fields
    title = fields.get("shorttitle") or _shorten(fields.get("title", ""))
    if title:
        if source.type in WORK_TYPES or (source.type == "inbook" and "booktitle" not in fields):
            return f"<em>{_escape(title)}</em>"
        return f"{words.open_quote}{_escape(title)}{words.close_quote}"
    container = fields.get("journal") or fields.get("journaltitle") or fields.get("booktitle")
    if container:
        return f"<em>{_escape(_shorten(container))}</em>"
    return _escape(_shorten(fields.get("key") or fields.get("note") or source.key))


def _shorten(title: str, max_words: int = 6) -> str:
    head = SHORT_TITLE_END.split(title)[0].strip()
    if len(head.split()) < 2:
        head = title
    words = head.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


NOBODY = (b"", b"")


def sort_key(source: Source, lang: str = ROOT) -> tuple[tuple[tuple[bytes, ...], ...], str, bytes]:
    """Family names (von part after), else the name standing for them; then year; then title.

    In ``lang``'s alphabetical order, the glossary's (:mod:`briefkit.core.collation`).
    """
    fields = source.fields
    people = source.persons.get("author") or source.persons.get("editor") or []
    people = [p for p in people if not is_others(p)]
    if "sortkey" in fields:
        names = ((collation_key(fields["sortkey"], lang), *NOBODY),)
    elif people:
        names = tuple(sort_name(p, lang) for p in people)
    else:
        label = fields.get("key") or fields.get("organization") or fields.get("title") or ""
        names = ((collation_key(label or source.key, lang), *NOBODY),)
    year = source.sort.get("year") or fields.get("year") or fields.get("date", "")[:4]
    title = source.sort.get("title") or fields.get("title", "")
    return names, year, collation_key(title, lang)
