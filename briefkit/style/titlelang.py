"""The language of a source's title, marked with ``lang`` in notes and the bibliography.

An English title inside a French note is read by screen readers with French
rules unless it carries ``lang="en"`` (and the French typography of
:mod:`briefkit.extensions.typography` must not space its colons). The language comes from
the entry's ``langid`` or ``language`` field (biblatex names such as
``english``, or a code) when it has one; otherwise it is guessed from the
title's script where one language owns it (``scripts.yml``: Hangul is
Korean, kana Japanese), else from its frequent short words, listed per
language in the language files (``common_words``): "The War in Ukraine" has
"the" and "in", « La paix sur la péninsule » has "la" and "sur". A title with
none of them (a place name), or as many of one language's as of another's,
is left unmarked: a wrong ``lang`` is worse than none. A title written the
other way from the page (Arabic in English) also gets its ``dir``. This
wraps the formatted reference, so the reference styles
(:mod:`briefkit.style.references`) stay unaware of it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import yaml

from briefkit.bib.reader import Source
from briefkit.core import cldr
from briefkit.core.vocabulary import (
    base_language,
    direction,
    language_files,
    supported_languages,
    vocabulary,
)

WORD_RE = re.compile(r"[^\W\d_]+")
SCRIPTS = Path(__file__).with_name("scripts.yml")


@cache
def _names() -> dict[str, str]:
    """Every way a .bib field may name a shipped language (``english``, ``en``…) -> code."""
    names: dict[str, str] = {}
    for code in supported_languages():
        for name in (code, cldr.english_name(code), cldr.language_name(code)):
            names[name.casefold()] = code
    for code in language_files():
        words = vocabulary(code)
        for name in (code, words.babel, words.language_name, words.locale):
            names[name.casefold()] = code
    return names


@cache
def _scripts() -> dict[str, str]:
    data = yaml.safe_load(SCRIPTS.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def script_language(text: str) -> str | None:
    """The language that owns the script of ``text``'s letters (Hangul: Korean), if one does."""
    names = {unicodedata.name(c, "") for c in text if c.isalpha()}
    for script, code in _scripts().items():
        if any(name.startswith(script) for name in names):
            return code
    return None


def guess_language(text: str) -> str | None:
    """The language of ``text``'s script, else the one whose frequent words it uses most."""
    if owner := script_language(text):
        return owner
    tokens = WORD_RE.findall(text.casefold())
    score = {
        code: sum(t in vocabulary(code).common_words for t in tokens) for code in language_files()
    }
    scores = sorted(((n, code) for code, n in score.items()), reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


@lru_cache(maxsize=8192)  # a source's title is judged once, however often it is cited
def title_language(source: Source) -> str | None:
    """The language of ``source``'s title: its ``langid``/``language`` field, else a guess."""
    for name in ("langid", "language"):
        value = source.fields.get(name, "").strip().casefold()
        if value:
            return _names().get(value) or _names().get(base_language(value))
    return guess_language(source.fields.get("title", ""))


def mark_title(reference: str, source: Source, lang: str) -> str:
    """``reference`` (HTML) with the title wrapped in ``<span lang>`` if not in ``lang``."""
    other = title_language(source)
    if other is None or other == base_language(lang):
        return reference
    way = direction(other)
    attributes = f'lang="{other}"' + (f' dir="{way}"' if way != direction(lang) else "")
    title = html.escape(source.fields.get("title", ""), quote=False)
    if title and title in reference:
        return reference.replace(title, f"<span {attributes}>{title}</span>", 1)
    # A short form ("« The Orient Express »"): the text between the quotation marks.
    words = vocabulary(lang)
    quoted = re.compile(re.escape(words.open_quote) + "(.+?)" + re.escape(words.close_quote))
    return quoted.sub(lambda m: f"{words.open_quote}<span {attributes}>{m[1]}</span>"
                      f"{words.close_quote}", reference, count=1)  # fmt: skip
