"""Words and conventions of a language from CLDR, through the ``babel`` package.

CLDR (the Unicode consortium's locale data) is the maintained source for what
every locale-aware program shows: the language's name in its own language,
month names, the long date pattern, list patterns ("A, B and C"), the
writing direction and the digits. Everything here is read from babel's copy
of CLDR; nothing is spelt by hand.

babel does not carry CLDR's quotation marks (``delimiters``): those come from
the CSL locale files (:mod:`briefkit.core.csl`), which have them for every
language they cover.
"""

from __future__ import annotations

import re
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

# A CLDR date pattern's fields, in the form our date formats write them.
PATTERN_FIELDS = {
    "d": "{day}",
    "dd": "{day}",
    "MMMM": "{month}",
    "LLLL": "{month_alone}",
    "M": "{month_number}",
    "MM": "{month_number}",
    "L": "{month_number}",
    "y": "{year}",
    "yyyy": "{year}",
}
ENGLISH = "en"  # biblatex names languages in English
PATTERN_TOKEN = re.compile(r"'([^']*)'|([a-zA-Z])\2*|([^a-zA-Z']+)")


@cache
def locale(code: str) -> Locale | None:
    """CLDR's locale ``code`` (``ko``, ``pt_BR``, ``zh_Hant``); None if CLDR has none."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def known(code: str) -> bool:
    """Whether CLDR describes language ``code``."""
    return locale(code) is not None


def likely_locale(code: str) -> str:
    """``ko`` -> ``ko_KR``: the language with its most likely territory (CLDR likelySubtags)."""
    found = locale(code)
    if found is None:
        return code
    if found.territory:
        return str(found)
    likely = get_global("likely_subtags").get(found.language, "")
    territory = likely.split("_")[-1] if likely.count("_") >= 1 else ""
    return f"{found.language}_{territory}" if territory.isalpha() and territory.isupper() else code


def likely_script(code: str) -> str:
    """``pa`` -> ``Guru``, ``pa_PK`` -> ``Arab``: the script a language tag is written in."""
    found = locale(code)
    if found is None:
        return ""
    if found.script:
        return str(found.script)
    parts = get_global("likely_subtags").get(found.language, "").split("_")
    return parts[1] if len(parts) == 3 else ""


def same_script(code: str, other: str) -> bool:
    """Whether two language tags are written in one script (``sr``/``sr_Latn``: no)."""
    return likely_script(code) == likely_script(other)


def language_name(code: str) -> str:
    """The language's name in its own language: ``français``, ``한국어``, ``العربية``."""
    found = locale(code)
    if found is None:
        return code
    return str(found.languages.get(found.language, code))


def english_name(code: str) -> str:
    """The language's English name, as biblatex's ``language`` field writes it (``russian``)."""
    found = locale(code)
    name = Locale.parse(ENGLISH).languages.get(found.language, code) if found else code
    return re.sub(r"[^a-z]", "", name.lower())


def direction(code: str) -> str:
    """``rtl`` or ``ltr``: the language's writing direction."""
    found = locale(code)
    return found.text_direction if found else "ltr"


def months(code: str, context: str = "format") -> tuple[str, ...]:
    """The twelve month names, in a date (``format``) or alone (``stand-alone``)."""
    found = locale(code)
    if found is None:
        return ()
    names = found.months[context]["wide"]
    return tuple(str(names[n]) for n in range(1, 13))


def _format_string(pattern: str) -> str:
    """A CLDR date pattern (``d MMMM y 'г'.``) as a format string (``{day} {month} {year} г.``)."""
    out = []
    for match in PATTERN_TOKEN.finditer(pattern):
        quoted, field, literal = match[1], match[0] if match[2] else None, match[3]
        if quoted is not None:
            out.append(quoted.replace("{", "{{").replace("}", "}}") or "'")
        elif field is not None:
            out.append(PATTERN_FIELDS.get(field, ""))
        else:
            out.append(literal.replace("{", "{{").replace("}", "}}"))
    return "".join(out).strip()


def date_format(code: str) -> str:
    """The long date (``{day} {month} {year}``; Chinese ``{year}年{month_number}月{day}日``)."""
    found = locale(code)
    return _format_string(found.date_formats["long"].pattern) if found else ""


def month_year_format(code: str) -> str:
    """A month of a year (CLDR's ``yMMMM`` skeleton): ``{month} {year}``; Russian ``… г.``."""
    found = locale(code)
    if found is None:
        return ""
    pattern = found.datetime_skeletons.get("yMMMM") or found.datetime_skeletons.get("yMMM")
    if pattern is None:
        return ""
    return _format_string(str(getattr(pattern, "pattern", pattern)))


def list_words(code: str) -> tuple[str, str]:
    """(between two items, before the last of several): ``(", ", " and ")``; ``("، ", " و")``."""
    found = locale(code)
    if found is None:
        return ("", "")
    patterns = found.list_patterns["standard"]
    middle = str(patterns["middle"]).replace("{0}", "").replace("{1}", "")
    pair = str(patterns["2"]).replace("{0}", "").replace("{1}", "")
    return middle, pair
