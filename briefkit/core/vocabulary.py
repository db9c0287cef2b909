"""Every word the generator shows a reader, per language, from maintained data first.

A language's words come from three layers, the first that has a word wins:

1. the language's own file, ``briefkit/core/languages/<code>.yml``: the words
   no dataset has ("Cited in", "Cite this brief", the editors'-note label, the
   PDF cover's lines) and the few where the brief's house style departs
   from the data (French « dir. » for editors, where CSL says « éd. »);
2. maintained data (:mod:`briefkit.core.data_words`): CLDR through babel for
   the language's name, months, dates, lists and direction; the CSL locale
   files for bibliographic terms and quotation marks; Material's translations
   for the interface's words (search, contents, copy);
3. English (``en.yml`` over the English data), for a word neither has:
   :func:`fallback_words` names them, and the check turns them into one
   warning per edition saying where to add them.

Code never spells a word itself; it asks :func:`vocabulary` for one. Every
language that CLDR and the CSL locales both cover (:func:`supported`) gets a
complete vocabulary.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from briefkit.core import cldr, csl
from briefkit.core.data_words import covered, data_words

# BibTeX's documentation asks for editions as English words ("Second"): read, never shown.
ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
         "tenth"], 1)
}  # fmt: skip
LANGUAGES_DIR = Path(__file__).with_name("languages")
VOWELS = "aeiouy"  # after decomposition: é, â, œ… start with one of these
FALLBACK = "en"
# Words whose absence is no English: punctuation a language without its own
# keeps Latin, proper names of services, and typography rules that are none.
NEUTRAL: dict[str, object] = {
    "comma": ", ",
    "semicolon": "; ",
    "full_stop": ".",
    "subtitle_separator": ": ",
    "publisher_place": "{place}: {publisher}",
    "series": "{series}",
    "space_before": "",
    "space_after": "",
    "ordinals": {},
    "common_words": (),
}
PROPER_NAMES = {"eprint_types"}  # arXiv, JSTOR…: the same in every language
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it


@dataclass(frozen=True)
class Vocabulary:
    """The words and marks of one language."""

    code: str
    language_name: str
    locale: str
    babel: str
    and_: str
    et_al: str
    ibid: str
    open_quote: str
    close_quote: str
    available: str
    accessed: str
    volume: str
    number: str
    subtitle_separator: str
    page: str
    pages: str
    edited: str
    edited_many: str
    translated: str
    in_: str
    chapter: str
    edition: str
    edition_ordinal: str
    edition_ordinals: dict[int, str]
    series: str
    version: str
    publisher_place: str
    types: dict[str, str]
    eprint_types: dict[str, str]
    months: tuple[str, ...]
    months_alone: tuple[str, ...]  # a month named alone ("ноябрь 2026 г."), not in a date
    date_format: str
    month_year_format: str
    ordinals: dict[int, str]
    back_to_text: str
    cited_in: str
    note: str
    other_sources: str
    mentioned_in: str
    figure_label: str
    download_pdf: str
    genre: str
    cite_title: str
    cite_intro: str
    toc_heading: str
    written_format: str  # "{date}" is when the brief was written (YYYY or YYYY-MM)
    edition_format: str  # "{date}" is this edition's date
    sources_until_format: str  # "{date}" is the last day its sources were consulted
    editor_note_label: str
    editor_note_title: str
    bibliography_title: str
    new_title: str
    new_description: str
    new_author: str
    new_section_title: str
    new_section_text: str
    space_before: str
    space_after: str
    common_words: tuple[str, ...]
    cite_copy: str
    cite_copied: str
    cite_formats: str
    cite_download: str
    figure_open: str
    table_label: str  # a table's caption starts with it: "{n}" is its number in the brief
    xref_figure: str  # a cross-reference to figure "{n}", in running text
    xref_table: str  # to table "{n}"
    xref_section: str  # to a section: "{title}" is its heading, in the language's quotes
    scheme_to_dark: str  # the colour-scheme toggle, while the scheme is light
    scheme_to_light: str  # and while it is dark
    search_placeholder: str
    search_open: str
    search_close: str
    search_none: str
    search_one: str
    search_many: str
    comma: str  # between the parts of a reference (Arabic "، ", Chinese "，")
    semicolon: str  # between the references of one note
    full_stop: str  # ends a note or a reference (Chinese and Japanese "。")
    direction: str  # "ltr" or "rtl"
    not_found: str  # the 404 page's heading
    permalink: str  # the title of a heading's permalink
    # Terms by their CSL 1.0.2 names ("circa", "bc", "season-01"…), so that the
    # CSL locale files can supply them; bibstrings by biblatex's localisation
    # keys ("newseries", "reprintof", "compiler"…), for biblatex's key fields.
    terms: dict[str, str]
    bibstrings: dict[str, str]
    elisions: dict[str, str]  # "de " -> "d’" before a vowel (French), for words before names

    def term(self, name: str) -> str:
        """The term ``name`` (a CSL term name); ``""`` when the language has none."""
        return self.terms.get(name, "")

    def before(self, words: str, text: str) -> str:
        """``words`` put before ``text``, elided where the language elides (« d’Annaig »)."""
        first = unicodedata.normalize("NFD", text[:1]).lower()[:1]
        for full, short in self.elisions.items():
            if words.endswith(full) and first in VOWELS:
                return words[: -len(full)] + short + text
        return words + text

    def bibstring(self, key: str) -> str | None:
        """The words for biblatex localisation key ``key`` (case-insensitive), if known."""
        lower = key.strip().lower()
        return self.bibstrings.get(lower) or self.types.get(lower)

    def edition_text(self, edition: str) -> str:
        """``2e éd.`` / ``2nd ed.`` from ``2`` (editions written as words: the style reads them)."""
        number = int(edition) if edition.isdigit() else 0
        if number:
            ordinal = self.edition_ordinals.get(number, self.edition_ordinal.format(n=number))
            return self.edition.format(ordinal=ordinal)
        return self.edition.format(ordinal=edition)

    def numbered(self, word: str, number: str) -> tuple[str, str]:
        """What goes before and after a number labelled ``word``: ``("p. ", "")``, ``("", "쪽")``.

        A word holding ``{n}`` places the number itself (Korean ``{n}쪽``,
        Chinese ``第{n}页``); any other word goes before it, with a space.
        """
        if "{n}" in word:
            before, _, after = word.partition("{n}")
            return before, after
        return f"{word} ", ""

    def month(self, number: int) -> str:
        """The name of month ``number`` (1–12)."""
        return self.months[number - 1]

    def day(self, number: int) -> str:
        """A day of the month as this language writes it (``1er`` in French)."""
        return self.ordinals.get(number, str(number))

    def date(self, value: dt.date) -> str:
        """``27 novembre 2026`` / ``27 November 2026``."""
        return self.date_format.format(
            day=self.day(value.day),
            month=self.month(value.month),
            month_alone=self.months_alone[value.month - 1],
            month_number=value.month,
            year=value.year,
        )

    def partial_date(self, value: object) -> str:
        """``2023`` / ``2023-10`` / ``2023-10-23`` written out, never more precise than given."""
        if isinstance(value, dt.date):
            return self.date(value)
        parts = str(value).split("-")
        if len(parts) == 3:
            return self.date(dt.date(int(parts[0]), int(parts[1]), int(parts[2])))
        if len(parts) == 2:
            return self.month_year(int(parts[1]), parts[0])
        return str(value)

    def month_year(self, month: int, year: int | str) -> str:
        """``octobre 2023`` / ``October 2023``."""
        return self.month_year_format.format(
            month=self.month(month),
            month_alone=self.months_alone[month - 1],
            month_number=month,
            year=year,
        )


def word_names() -> list[str]:
    """The words of a vocabulary, as language files name them (``and_`` is written ``and``)."""
    return [f.name.rstrip("_") for f in dataclasses.fields(Vocabulary) if f.name != "code"]


def language_files() -> dict[str, Path]:
    """Every language with a file of its own words, by code."""
    return {path.stem: path for path in sorted(LANGUAGES_DIR.glob("*.yml"))}


def read_language_file(path: Path) -> dict[str, object]:
    """The words a language file gives, by attribute name; an unknown word is an error."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: must map words to their text")
    unknown = sorted(set(map(str, data)) - set(word_names()))
    if unknown:
        raise ValueError(f"{path}: unknown words {unknown}")
    names = {f.name.rstrip("_"): f.name for f in dataclasses.fields(Vocabulary)}
    return {names[str(key)]: value for key, value in data.items()}


def _normalised(values: dict[str, object]) -> dict[str, object]:
    """Values as the dataclass holds them (tuples, int keys, strings)."""
    out = dict(values)
    for name in ("months", "months_alone"):
        if name in out:
            out[name] = tuple(str(m) for m in out[name])  # type: ignore[attr-defined]
    if "common_words" in out:
        out["common_words"] = tuple(str(w).casefold() for w in out["common_words"] or ())  # type: ignore[attr-defined]
    for name in ("space_before", "space_after"):
        if name in out:
            out[name] = str(out[name] or "")
    for name in ("ordinals", "edition_ordinals"):
        if name in out:
            out[name] = {int(k): str(v) for k, v in (out[name] or {}).items()}  # type: ignore[attr-defined]
    for name in ("types", "eprint_types", "terms", "elisions"):
        if name in out:
            out[name] = {str(k): str(v) for k, v in (out[name] or {}).items()}  # type: ignore[attr-defined]
    if "bibstrings" in out:  # biblatex's keys are matched without regard to case (springN, Q1…)
        out["bibstrings"] = {str(k).lower(): str(v) for k, v in (out["bibstrings"] or {}).items()}  # type: ignore[attr-defined]
    return out


def base_language(lang: str) -> str:
    """``pt_BR`` -> ``pt``: the language part of a locale code."""
    return lang.replace("-", "_").split("_")[0].lower()


@cache
def own_words(lang: str) -> dict[str, object]:
    """The words of the language's own file (``pt_BR`` reads ``pt_BR.yml`` over ``pt.yml``).

    The language's file is no base for a variant in another script: Latin
    Serbian (``sr_Latn``) reads ``sr_Latn.yml``, never Cyrillic ``sr.yml``;
    Taiwan's Chinese (``zh_TW``) reads ``zh_Hant.yml``, then ``zh_TW.yml``.
    """
    files = language_files()
    tag = lang.replace("-", "_")
    found: dict[str, object] = {}
    base = base_language(lang)
    for name in dict.fromkeys((base, f"{base}_{cldr.likely_script(tag)}", tag)):
        if name in files and cldr.same_script(name, tag):
            found.update(_normalised(read_language_file(files[name])))
    return found


@cache
def _layers(lang: str) -> tuple[dict[str, object], dict[str, object]]:
    """(the language's own words over its data words, the English ones under them)."""
    english = {**_data(FALLBACK), **own_words(FALLBACK)}
    mine = {**_data(lang), **own_words(lang)}
    if "edition_ordinal" in mine:  # its exceptions go with the rule, never English ones
        mine.setdefault("edition_ordinals", {})
    return mine, english


def _data(lang: str) -> dict[str, object]:
    # A language file may name the locale it follows (English: en_GB, British usage).
    locale = str(own_words(lang).get("locale") or lang).replace("-", "_")
    return _normalised(data_words(locale))


def fallback_words(lang: str) -> list[str]:
    """The words ``lang`` has from neither its own file nor the data: English is shown."""
    own, english = _layers(lang)
    del english
    silent = {*NEUTRAL, *PROPER_NAMES, *BY_KEY, "edition_ordinals"}
    return [name for name in word_names() if _attribute(name) not in own | dict.fromkeys(silent)]


def _attribute(name: str) -> str:
    return name + "_" if name in ("and", "in") else name


# Words looked up key by key (CSL terms, biblatex's localisation keys, elisions): a
# language's own keys over its data's over English's; a key nobody translates is
# English where a source uses it (biblatex's own fallback for its keys).
BY_KEY = ("terms", "bibstrings", "elisions")


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The words of ``lang`` (``fr``, ``en_GB``, ``ko``…), English for any it lacks."""
    own, english = _layers(lang)
    values = {**english, **NEUTRAL, **own}
    for name in BY_KEY:
        data = _data(lang).get(name) or {}
        mine = own_words(lang).get(name) or {}
        values[name] = {**(english.get(name) or {}), **data, **mine}  # type: ignore[dict-item]
    fields = [f.name for f in dataclasses.fields(Vocabulary) if f.name != "code"]
    missing = [name for name in fields if name not in values]
    if missing:
        raise ValueError(f"{LANGUAGES_DIR / 'en.yml'}: missing words {missing}")
    given: dict[str, Any] = {name: values[name] for name in fields}  # shapes checked below
    words = Vocabulary(code=base_language(lang), **given)
    if len(words.months) != 12 or len(words.months_alone) != 12:
        raise ValueError(f"language '{lang}': months must list 12 names")
    return words


def fallback_message(lang: str) -> str:
    """The one warning about ``lang``'s words shown in English ("" when there are none)."""
    missing = fallback_words(lang)
    if not missing:
        return ""
    code = base_language(lang)
    return (
        f"language '{lang}': no data and no words of briefkit's own for "
        f"{', '.join(missing)}; English is shown for them: add them, translated, to "
        f"briefkit/core/languages/{code}.yml in briefkit's source (one line each, "
        "as in fr.yml) and send them to briefkit's maintainers"
    )


def supported(lang: str) -> bool:
    """Whether ``lang`` gets a complete vocabulary: CLDR and CSL cover it, or it has its file."""
    return covered(lang) or base_language(lang) in language_files()


def supported_languages() -> list[str]:
    """Every language code CLDR and the CSL locales both cover, or that has its own file."""
    folder = csl.locales_dir()
    codes = (
        {p.stem.removeprefix("locales-").split("-")[0] for p in folder.glob("*.xml")}
        if folder
        else set()
    )
    codes |= set(language_files())
    return sorted(code for code in codes if supported(code))


def has_words(lang: str) -> bool:
    """Whether ``lang`` is a language briefkit can publish in (kept for older callers)."""
    return supported(lang)


def direction(lang: str) -> str:
    """``rtl`` or ``ltr`` for any language code, in or out of the supported ones."""
    return cldr.direction(lang)
