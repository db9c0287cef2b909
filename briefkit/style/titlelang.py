"""The language of a source's titles, as a BCP 47 tag, from any name people write.

An English title inside a French note is read by screen readers with French
rules unless it carries ``lang="en"``, and the French typography of
:mod:`briefkit.extensions.typography` must not space its colons; so the title
nodes of :mod:`briefkit.style.nodes` wrap a title in its language (and its
``dir`` when it is written the other way from the page: Arabic in English).

The language comes from the entry's ``langid`` (with polyglossia's
``langidopts``), else its ``language`` field, read whatever the name:

- babel's and polyglossia's names (``ngerman``, ``nswissgerman``, ``norsk``,
  ``australian``; ``languages.yml``, data) with polyglossia's options
  (``variant=british``);
- ISO 639 codes and BCP 47 tags (``eng``, ``fre``, ``de-AT``, ``zh_Hant``)
  and language names in any language (``Anglais``, ``Deutsch``, ``中文``, as
  Zotero writes them in its user's language), read by langcodes, the
  well-kept library for IETF language tags and CLDR's language names.

Without either field it is guessed from the title's script where one language
owns it (``scripts.yml``: Hangul is Korean, kana Japanese), else from its
frequent short words, listed per language in the language files
(``common_words``): "The War in Ukraine" has "the" and "in". A title with
none of them (a place name), or as many of one language's as of another's,
is left unmarked: a wrong ``lang`` is worse than none.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import yaml

from briefkit.bib.namelist import split_list
from briefkit.bib.reader import Source
from briefkit.core.vocabulary import language_files, vocabulary

WORD_RE = re.compile(r"[^\W\d_]+")
DATA_FILE = Path(__file__).with_name("languages.yml")
NO_LANGUAGE = ("und", "mul", "zxx", "mis")  # ISO 639: undetermined, multiple, none…
PARENTHESES = re.compile(r"\s*[(\[].*?[)\]]\s*")


@cache
def _babel() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    names = {str(name).casefold(): str(tag) for name, tag in data["names"].items()}
    options = {
        str(option): {str(k).casefold(): str(v) for k, v in values.items()}
        for option, values in data["options"].items()
    }
    return names, options


def _with_options(tag: str, options: str) -> str:
    """``en`` and ``variant=british``: ``en-GB``; ``sr`` and ``script=cyrillic``: ``sr-Cyrl``."""
    table = _babel()[1]
    for item in options.split(","):
        name, _, value = item.partition("=")
        found = table.get(name.strip().lower(), {}).get(value.strip().casefold())
        if found and name.strip().lower() == "script":
            tag = f"{tag.split('-')[0]}-{found}"
        elif found:
            tag = found
    return tag


@lru_cache(maxsize=1024)
def language_tag(value: str, options: str = "") -> str | None:
    """The BCP 47 tag for a language written any way people write one, or ``None``."""
    value = value.strip()
    if not value:
        return None
    babel = _babel()[0].get(value.casefold())
    if babel:
        return _with_options(babel, options)
    import langcodes  # here: its name tables load only when a .bib names a language

    for candidate in dict.fromkeys((value, PARENTHESES.sub(" ", value).strip())):
        tag = _read(langcodes, candidate)
        if tag is not None:
            return None if tag.split("-")[0] in NO_LANGUAGE else _with_options(tag, options)
    return None


def _read(langcodes: object, text: str) -> str | None:
    try:
        tag = langcodes.standardize_tag(text.replace("_", "-"))  # type: ignore[attr-defined]
        if langcodes.tag_is_valid(tag):  # type: ignore[attr-defined]
            return str(tag)
    except (ValueError, LookupError):
        pass
    try:
        return str(langcodes.find(text))  # type: ignore[attr-defined]
    except (ValueError, LookupError):
        return None


SCRIPTS = Path(__file__).with_name("scripts.yml")


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


@lru_cache(maxsize=8192)  # a source's language is judged once, however often it is cited
def entry_language(source: Source) -> str | None:
    """The language its ``langid`` or ``language`` field names (``None`` when neither does)."""
    langid = source.fields.get("langid", "")
    if langid.strip():
        return language_tag(langid, source.fields.get("langidopts", ""))
    languages = split_list(source.fields.get("language", ""))
    return language_tag(languages[0]) if languages else None


@lru_cache(maxsize=16384)
def _guessed(text: str) -> str | None:
    return guess_language(text)


def title_language(source: Source, field: str = "title") -> str | None:
    """The language of the title in ``field``: the entry's, else a guess from its words."""
    return entry_language(source) or _guessed(source.fields.get(field, ""))
