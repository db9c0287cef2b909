"""The words of a language that maintained data gives: CLDR, CSL locales, Material.

Each word of :class:`~briefkit.core.vocabulary.Vocabulary` that a dataset
has is bound here to where it comes from: :data:`CSL_TERMS` to a term of the
CSL locale files (:mod:`briefkit.core.csl`), :data:`THEME_WORDS` to a key of
Material's translations (:mod:`briefkit.core.theme_words`), the rest of
:func:`data_words` to CLDR (:mod:`briefkit.core.cldr`). A word the data lacks
for a language is simply absent: the language's own file
(``languages/<code>.yml``) may give it, else English is used and the check
says so (:func:`briefkit.core.vocabulary.fallback_words`).

The patterns around a term (``{names} (ed.)``, ``{ordinal} ed.``) are the
brief's reference style, the same in every language; a language that puts a
role after the names (Chinese ``{names} 编``) says so in its own file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from briefkit.core import cldr, csl, theme_words

# word -> (CSL term name, form, plural, pattern around it)
CSL_TERMS: dict[str, tuple[str, str, bool, str]] = {
    "et_al": ("et-al", "long", False, "{}"),
    "open_quote": ("open-quote", "long", False, "{}"),
    "close_quote": ("close-quote", "long", False, "{}"),
    "available": ("available at", "long", False, "{}"),
    "accessed": ("accessed", "long", False, "{}"),
    "volume": ("volume", "short", False, "{}"),
    "number": ("issue", "short", False, "{}"),
    "page": ("page", "short", False, "{}"),
    "pages": ("page", "short", True, "{}"),
    "edited": ("editor", "short", False, "{{names}} ({})"),
    "edited_many": ("editor", "short", True, "{{names}} ({})"),
    "translated": ("translator", "short", False, "{} {{names}}"),
    "in_": ("in", "long", False, "{}"),
    "chapter": ("chapter", "short", False, "{}"),
    "edition": ("edition", "short", False, "{{ordinal}} {}"),
    "version": ("version", "long", False, "{} {{version}}"),
}
# word -> key of Material's translations ("#" is its number)
THEME_WORDS = {
    "search_placeholder": "search.placeholder",
    "search_open": "search",
    "search_none": "search.result.none",
    "search_one": "search.result.one",
    "search_many": "search.result.other",
    "toc_heading": "toc",
}
LATIN_LETTER = re.compile("[A-Za-z]")
ORDINALS_LISTED = range(1, 32)  # editions and days numbered in a reference


def script(code: str) -> str:
    """The language's script (CLDR likelySubtags): ``Latn``, ``Cyrl``; ``sr_Latn``: ``Latn``."""
    return cldr.likely_script(code) or "Latn"


def _own_script(code: str, text: str) -> bool:
    """False for a word in Latin letters in a language not written in them (Korean ``trans``)."""
    return script(code) == "Latn" or not LATIN_LETTER.search(text)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _mark(code: str, name: str) -> str | None:
    """A punctuation term (``comma``, ``semicolon``, ``colon``) with the space after it.

    Full-width marks (Chinese ``，``) carry their own space; others take one.
    """
    mark = csl.term(code, name)
    if mark is None:
        return None
    wide = unicodedata.east_asian_width(mark[-1:] or " ") in ("F", "W")
    return mark if wide else mark + " "


# CSL terms the reference style reads by their own names (Vocabulary.term).
CSL_NAMED_TERMS = (
    "circa", "bc", "ad", "season-01", "season-02", "season-03", "season-04",
    "page-range-delimiter", "open-inner-quote", "close-inner-quote",
    *(f"long-ordinal-{n:02d}" for n in range(1, 11)),
)  # fmt: skip


def csl_words(code: str) -> dict[str, object]:
    """The words of :data:`CSL_TERMS` the CSL locale of ``code`` translates."""
    found: dict[str, object] = {}
    for word, (name, form, plural, pattern) in CSL_TERMS.items():
        value = csl.term(code, name, form, plural)
        if value is not None and _own_script(code, value):
            # Quotation marks keep their spaces (French « with a no-break space).
            found[word] = value if pattern == "{}" else pattern.format(value.strip())
    ibid = csl.term(code, "ibid")
    if ibid is not None and _own_script(code, ibid):
        found["ibid"] = _capitalised(ibid)
    for word, name in (
        ("comma", "comma"),
        ("semicolon", "semicolon"),
        ("subtitle_separator", "colon"),
    ):
        if (mark := _mark(code, name)) is not None:
            found[word] = mark
    if (colon := _mark(code, "colon")) is not None:
        found["publisher_place"] = "{place}" + colon + "{publisher}"
    # The terms the style asks for by their CSL names ("circa", "season-01"…).
    named = {name: value for name in CSL_NAMED_TERMS if (value := csl.term(code, name))}
    named = {name: value for name, value in named.items() if _own_script(code, value)}
    if named:
        found["terms"] = named
    ordinals = {n: text for n in ORDINALS_LISTED if (text := csl.ordinal(code, n))}
    default = csl.terms(code).get(("ordinal", "long"))  # may be empty: Chinese "2版"
    suffix = default.single if default is not None else None
    if ordinals and suffix is not None and _own_script(code, "".join(ordinals.values())):
        found["edition_ordinal"] = "{n}" + suffix
        found["edition_ordinals"] = {
            n: text for n, text in ordinals.items() if text != f"{n}{suffix}"
        }
    return found


def cldr_words(code: str) -> dict[str, object]:
    """The words CLDR gives for ``code``: names, months, dates, lists, direction."""
    if not cldr.known(code):
        return {}
    _middle, pair = cldr.list_words(code)
    return {
        "language_name": cldr.language_name(code),
        "locale": cldr.likely_locale(code),
        "babel": cldr.english_name(code),
        "and_": pair,
        "months": cldr.months(code),
        "months_alone": cldr.months(code, "stand-alone"),
        "date_format": cldr.date_format(code),
        "month_year_format": cldr.month_year_format(code),
        "direction": cldr.direction(code),
    }


def material_words(code: str) -> dict[str, object]:
    """The interface words Material translates for ``code`` (``#`` becomes ``{n}``)."""
    found = theme_words.words(code)
    out: dict[str, object] = {}
    for word, key in THEME_WORDS.items():
        value = found.get(key)
        if value and _own_script(code, value):
            out[word] = value.strip().replace("#", "{n}")  # lv: "# atbilstoši dokumenti "
    return out


@cache
def data_words(code: str) -> dict[str, object]:
    """Every word maintained data gives for language ``code``."""
    return {**material_words(code), **csl_words(code), **cldr_words(code)}


def covered(code: str) -> bool:
    """Whether both CLDR and the CSL locales describe ``code`` (a complete edition)."""
    return cldr.known(code) and csl.known(code)
