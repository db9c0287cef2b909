"""Alphabetical order: the Unicode Collation Algorithm with CLDR's rules for the language.

One rule sorts everything a reader finds in alphabetical order (the glossary,
the bibliography), so « Œuvre » files under O in both, « État » under E, and a
Russian, Korean or Chinese brief sorts as its readers' dictionaries do.

Why PyICU rather than pyuca: pyuca implements the Unicode Collation Algorithm
with its default table (DUCET) only, the same for every language, so Swedish
« Å » sorts with A and Chinese characters by code point; ICU applies CLDR's
tailoring for each language (Swedish after Z, Chinese by pinyin, Spanish
« ñ » after « n », Japanese kana orders) and is what browsers, databases and
operating systems use. PyICU has no wheels on PyPI: it builds from source
against Debian's ``libicu-dev`` (scripts/setup installs it with a C++
compiler; about four minutes once, then pip's wheel cache).

A key is bytes; keys of one language compare as its alphabet orders.
"""

from __future__ import annotations

from functools import cache

import icu

ROOT = "und"  # CLDR's root collation: the UCA order, for a language without tailoring


@cache
def _collator(lang: str) -> icu.Collator:
    tag = (lang or ROOT).replace("_", "-")
    collator = icu.Collator.createInstance(icu.Locale.forLanguageTag(tag))
    # Punctuation and spaces count (« Le Monde » before « Lemon »), as dictionaries do.
    collator.setStrength(icu.Collator.TERTIARY)
    return collator


def collation_key(text: str, lang: str = ROOT) -> bytes:
    """The sort key of ``text`` in ``lang``'s alphabetical order."""
    return bytes(_collator(lang).getSortKey(text))


def sorted_texts(texts: list[str], lang: str = ROOT) -> list[str]:
    """``texts`` in ``lang``'s alphabetical order."""
    return sorted(texts, key=lambda text: collation_key(text, lang))
