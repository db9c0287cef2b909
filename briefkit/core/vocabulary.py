"""Every word the generator shows a reader, per language, read from data files.

One file per language in ``briefkit/core/languages/<code>.yml`` holds every
user-visible word: note terms, months, date formats, "cited in", the PDF's
headings, the language switch's name. Code never spells a word itself; it
asks :func:`vocabulary` for one. Adding a language is adding its file.

The one fallback rule: a language without a file (``pt``, ``es``…) uses the
English words, and :func:`vocabulary` says so once in the log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

LANGUAGES_DIR = Path(__file__).with_name("languages")
VOWELS = "aeiouy"  # after decomposition: é, â, œ… start with one of these
FALLBACK = "en"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it
log = logging.getLogger("briefkit")


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
    search_placeholder: str
    search_open: str
    search_close: str
    search_none: str
    search_one: str
    search_many: str
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

    def month(self, number: int) -> str:
        """The name of month ``number`` (1–12)."""
        return self.months[number - 1]

    def day(self, number: int) -> str:
        """A day of the month as this language writes it (``1er`` in French)."""
        return self.ordinals.get(number, str(number))

    def date(self, value: dt.date) -> str:
        """``27 novembre 2026`` / ``27 November 2026``."""
        return self.date_format.format(
            day=self.day(value.day), month=self.month(value.month), year=value.year
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
        return self.month_year_format.format(month=self.month(month), year=year)


def word_names() -> list[str]:
    """The keys every language file must define (``and_`` is written ``and``)."""
    return [f.name.rstrip("_") for f in dataclasses.fields(Vocabulary) if f.name != "code"]


def language_files() -> dict[str, Path]:
    """Every shipped language, by code."""
    return {path.stem: path for path in sorted(LANGUAGES_DIR.glob("*.yml"))}


def load_language(code: str, path: Path) -> Vocabulary:
    """One language file as a :class:`Vocabulary`; a missing or extra word is an error."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or {}
    wanted = set(word_names())
    missing, extra = sorted(wanted - set(data)), sorted(set(data) - wanted)
    if missing or extra:
        raise ValueError(f"{path}: missing words {missing}, unknown words {extra}")
    values = {
        name: data[name.rstrip("_")]
        for name in (f.name for f in dataclasses.fields(Vocabulary))
        if name != "code"
    }
    values["months"] = tuple(str(m) for m in values["months"])
    values["common_words"] = tuple(str(w).casefold() for w in values["common_words"] or ())
    values["space_before"] = str(values["space_before"] or "")
    values["space_after"] = str(values["space_after"] or "")
    for name in ("ordinals", "edition_ordinals"):
        values[name] = {int(k): str(v) for k, v in (values[name] or {}).items()}
    for name in ("types", "eprint_types", "terms", "elisions"):
        values[name] = {str(k): str(v) for k, v in (values[name] or {}).items()}
    # biblatex's keys are matched without regard to case (springN, Q1…).
    values["bibstrings"] = {str(k).lower(): str(v) for k, v in (values["bibstrings"] or {}).items()}
    if len(values["months"]) != 12:
        raise ValueError(f"{path}: months must list 12 names")
    return Vocabulary(code=code, **values)


def base_language(lang: str) -> str:
    """``pt_BR`` -> ``pt``: the language part of a locale code."""
    return lang.replace("-", "_").split("_")[0].lower()


@cache
def vocabulary(lang: str) -> Vocabulary:
    """The words of ``lang`` (``fr``, ``en_GB``…); English, with a log line, if none exist."""
    code = base_language(lang)
    if code not in language_files():
        log.info(
            "no words for language '%s': add briefkit/core/languages/%s.yml; English is used",
            lang,
            code,
        )
        code = FALLBACK
    return _shipped(code)


@cache
def _shipped(code: str) -> Vocabulary:
    return load_language(code, language_files()[code])


def has_words(lang: str) -> bool:
    """Whether ``lang`` has its own words (and so needs no fallback)."""
    return base_language(lang) in language_files()
