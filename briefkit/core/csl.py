"""Bibliographic terms from the CSL locale files (citation-style-language/locales).

The Citation Style Language project maintains one XML file per locale with the
terms every citation style prints ("edited by", "accessed", "p.", ordinals,
quotation marks). The ``citeproc-py`` package on PyPI ships a copy of them;
we read its data folder without importing the package (its formatter is not
ours), with defusedxml, which refuses entities and other XML bombs.

A locale file may carry a term in English, copied from ``en-US`` until a
translator gets to it (Korean's "available at"). Such a term is not the
language's word: :func:`terms` leaves out every term spelt exactly as in
``en-US``, so that the language's own file, or the one warning about
missing words, has to say it (where the English spelling is right, as French
"et al.", the language file says so).
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from defusedxml import ElementTree

from briefkit.core import cldr

NS = "{http://purl.org/net/xbiblio/csl}"
REFERENCE = "en-US"  # the locale every other starts as a copy of


@dataclass(frozen=True)
class Term:
    """One term: its singular and plural forms (the same for most terms)."""

    single: str
    multiple: str
    match: str = ""  # ordinals: last-digit, last-two-digits, whole-number


@cache
def locales_dir() -> Path | None:
    """citeproc-py's folder of CSL locale files (None when the package is missing)."""
    spec = importlib.util.find_spec("citeproc")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "locales"
    return folder if folder.is_dir() else None


@cache
def _dialects() -> dict[str, str]:
    folder = locales_dir()
    if folder is None:
        return {}
    data = json.loads((folder / "locales.json").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.get("primary-dialects", {}).items()}


def locale_file(code: str) -> Path | None:
    """The locale file of ``code`` (``ko``, ``pt_BR``, ``en-GB``), or of its primary dialect.

    A dialect written in another script is no locale of the language: CSL's
    only Punjabi is ``pa-PK``, in Shahmukhi (Arabic script), where CLDR's
    ``pa`` is Gurmukhi; its words would mix two scripts on one page. CSL's
    Serbian is ``sr-Latn-RS`` first; CLDR's ``sr`` is Cyrillic: ``sr-Cyrl-RS``.
    """
    folder = locales_dir()
    if folder is None:
        return None
    tag = code.replace("_", "-")
    language = tag.split("-")[0].lower()
    dialects = sorted(p.stem.removeprefix("locales-") for p in folder.glob(f"locales-{language}-*"))
    for name in (tag, _dialects().get(language, ""), language, *dialects):
        path = folder / f"locales-{name}.xml"
        if name and path.is_file() and cldr.same_script(name, tag):
            return path
    return None


# Punctuation a locale states: the same as English's is no untranslated copy
# (Brazilian Portuguese quotes “ ” as English does).
MARKS = {
    "open-quote", "close-quote", "open-inner-quote", "close-inner-quote",
    "page-range-delimiter", "colon", "comma", "semicolon",
}  # fmt: skip


def known(code: str) -> bool:
    """Whether a CSL locale file covers language ``code``."""
    return locale_file(code) is not None


@cache
def _read(path: Path) -> dict[tuple[str, str], Term]:
    root = ElementTree.parse(path).getroot()
    found: dict[tuple[str, str], Term] = {}
    for el in root.iter(f"{NS}term"):
        single, multiple = el.find(f"{NS}single"), el.find(f"{NS}multiple")
        if single is not None:
            one, many = (single.text or ""), (multiple.text if multiple is not None else None)
        else:
            one = many = el.text or ""
        key = (el.get("name", ""), el.get("form", "long"))
        if el.get("gender-form") == "feminine" and key in found:
            continue  # the masculine (or neuter) form is the one we print
        found[key] = Term(one, many if many is not None else one, el.get("match", ""))
    return found


@cache
def terms(code: str) -> dict[tuple[str, str], Term]:
    """The translated terms of ``code``, by (name, form); English copies left out."""
    path = locale_file(code)
    if path is None:
        return {}
    own = _read(path)
    if path.name.startswith("locales-en-"):
        return own
    english = _read(locale_file(REFERENCE)) if locale_file(REFERENCE) else {}
    return {key: term for key, term in own.items() if key[0] in MARKS or english.get(key) != term}


def term(code: str, name: str, form: str = "long", plural: bool = False) -> str | None:
    """One term of ``code`` (None when the locale has no translation of it)."""
    found = terms(code).get((name, form))
    if found is None:
        return None
    text = (found.multiple if plural else found.single).strip(" ")  # th-TH: " ในที่เดียวกัน"
    return text if text.strip() else None


def ordinal(code: str, number: int) -> str | None:
    """``number`` as an ordinal numeral (``2nd``, ``2e``, ``2-е``), by CSL's ordinal rules.

    CSL 1.0.1: ``ordinal-00``…``ordinal-09`` match the last digit unless they
    say otherwise, ``ordinal-10``…``ordinal-99`` the last two digits; a
    more specific match wins; ``ordinal`` is the default suffix.
    """
    own = terms(code)
    if not any(name.startswith("ordinal") for name, _ in own):
        return None
    candidates: list[tuple[int, str]] = []
    for (name, _form), found in own.items():
        digits = re.fullmatch(r"ordinal-(\d\d)", name)
        if not digits:
            continue
        wanted = int(digits[1])
        match = found.match or ("last-digit" if wanted < 10 else "last-two-digits")
        if match == "whole-number" and number == wanted:
            candidates.append((3, found.single))
        elif match == "last-two-digits" and number % 100 == wanted:
            candidates.append((2, found.single))
        elif match == "last-digit" and number % 10 == wanted:
            candidates.append((1, found.single))
    default = own.get(("ordinal", "long"))
    if candidates:
        return f"{number}{max(candidates)[1]}"
    return f"{number}{default.single}" if default is not None else None
