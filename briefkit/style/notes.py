"""Notes and entries as pybtex templates: the short form, cited items, the toplevel sentence.

The full reference is :class:`~briefkit.style.templates.BriefStyle`'s; here:

- the short form of later notes, a template over the family-name style:
  ``Bermudez Jr., Cha et Jun, « Ongoing Arms Transfer… »`` (``shortauthor``
  and ``shorttitle`` when given; a ``shorthand`` replaces it all, as in
  biblatex's verbose styles);
- one wrapper for a cited item, whatever its form: the author's prefix
  (``see``), the reference in ``<span class="brief-ref" data-key>``, the
  locator (``p. 12``);
- the toplevel sentence: pybtex's ``sentence`` gives a note its capital and
  its final period, and a bibliography entry its period, once, in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pybtex.richtext import String, Tag, Text
from pybtex.style.template import FieldIsMissing, _format_list, first_of, node, optional

from briefkit.bib.datamodel import template_of
from briefkit.bib.model import Source
from briefkit.core.vocabulary import base_language
from briefkit.style.nodes import comma_list, rich
from briefkit.style.persons import names
from briefkit.style.rich import Span
from briefkit.style.titlelang import title_language

SHORT_TITLE_END = re.compile(r":| [–—] ")
MAX_WORDS = 6
WORK_TEMPLATES = ("book", "booklet", "periodical", "artwork", "legal")


@dataclass(frozen=True)
class Cited:
    """One item of a note: a source, the form it takes, the author's prefix and locator."""

    source: Source
    form: str  # "full", "short" or "ibid"
    prefix: str = ""
    locator: str = ""


def shorten(text: str, max_words: int = MAX_WORDS) -> str:
    """A title's head (before its subtitle), at most ``max_words`` words."""
    head = SHORT_TITLE_END.split(text)[0].strip()
    if len(head.split()) < 2:
        head = text
    words = head.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def _is_work(source: Source) -> bool:
    template = template_of(source.type)
    return template in WORK_TEMPLATES or (template == "inbook" and "booktitle" not in source.fields)


@node
def short_title(children, context):  # type: ignore[no-untyped-def]
    """``shorttitle``, else the title's head: italic for a work, quoted for a part."""
    source, style = context["entry"], context["style"]
    words, fields = style.words, source.fields
    if fields.get("shorttitle"):
        shown: Any = rich(source, "shorttitle", words)
    elif fields.get("title"):
        shown = String(shorten(fields["title"]))
    else:
        for name in ("journaltitle", "booktitle"):
            if fields.get(name):
                return Tag("em", shorten(fields[name]))
        label = fields.get("sortkey") or fields.get("note") or source.key
        return Text(shorten(label))
    lang = title_language(source)
    if lang and base_language(lang) != base_language(style.lang):
        shown = Span((("lang", lang),), shown)
    if _is_work(source):
        return Tag("em", shown)
    return Text(words.open_quote, shown, words.close_quote)


@node
def shorthand(children, context):  # type: ignore[no-untyped-def]
    source = context["entry"]
    if not source.fields.get("shorthand"):
        raise FieldIsMissing("shorthand", source)
    return rich(source, "shorthand", context["style"].words)


def short_template() -> Any:
    """The later notes' form, over the family-name style."""
    return first_of[
        optional[shorthand],
        comma_list[
            first_of[
                optional[names(role="shortauthor", short=True)],
                optional[names(role="author", short=True)],
                optional[names(role="shorteditor", short=True)],
                optional[names(role="editor", short=True)],
            ],
            short_title,
        ],
    ]


BARE_LOCATOR = re.compile(r"[\dIVXLCDMivxlcdm]+(?:\s*[-–—]+\s*[\dIVXLCDMivxlcdm]+)?\Z")


def locator_text(item: Cited, words: Any) -> str:
    """The locator as written; a bare number takes the entry's ``pagination`` word (``v. 17``)."""
    pagination = item.source.fields.get("pagination", "").strip().lower()
    if not pagination or pagination in ("page", "none") or not BARE_LOCATOR.match(item.locator):
        return item.locator
    many = any(c in item.locator for c in "-–—")
    word = words.bibstring(pagination + ("s" if many else "")) if words else None
    return f"{word} {item.locator}" if word else item.locator


@node
def cited(children, context, item, reference, words=None):  # type: ignore[no-untyped-def]
    """``voir <span class="brief-ref" data-key="k">…</span>, p. 12``: one item, any form."""
    span = Span((("class", "brief-ref"), ("data-key", item.source.key)), reference)
    parts: list[Any] = [span]
    if item.prefix:
        parts = [String(item.prefix + " "), span]
    if item.locator:
        parts.append(String((words.comma if words else ", ") + locator_text(item, words)))
    return Text(*parts)


SENTENCE_ENDS = (".", "?", "!", "…", "。", "？", "！", "؟")


@node
def language_sentence(children, context, capfirst=True, words=None):  # type: ignore[no-untyped-def]
    """pybtex's ``sentence`` in the language's punctuation: its semicolon between the
    items (Arabic ``؛ ``), a capital, and its full stop unless one ends it (Chinese ``。``)."""
    parts = [part for part in _format_list(children, context) if part]
    text = Text(words.semicolon).join(parts)
    if capfirst:
        text = text.capfirst()
    return text if text.endswith(SENTENCE_ENDS) else text.add_period(words.full_stop)


def toplevel(parts: list[Any], words: Any, capital: bool = True) -> Any:
    """A note or an entry as a sentence: a capital (notes) and one final full stop."""
    return language_sentence(capfirst=capital, words=words)[parts]
