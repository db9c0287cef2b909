"""Names of people and bodies: reading them as BibTeX does, writing and sorting them.

Names are read by :mod:`briefkit.bib.namelist` (BibTeX's rules and biber's
extended name format); this module writes and sorts them. A name with no
first names is written as it is, which is how a corporate author in braces
(``{Centre for Sea Studies}``) stays whole. biblatex's ``useprefix`` is
honoured where the data gives it: true, the von part leads the family name
everywhere (``van den Heuvel, Charles``, sorted under V); false, short forms
name the family without it (``Heuvel``).

The rules, in every language:

- in a note, one to three authors are all named; four or more are the first
  one and « et al. » (as Chicago does; :mod:`briefkit.style.persons` joins
  the lists); ``and others`` at the end of a list is « et al. » wherever it is
  written;
- the bibliography names every author, the first one inverted and without
  its von part in front: ``Linden, Anna van der``, ``Bermudez Jr., Joseph S.``;
- a name in Chinese characters, Hangul or kana is written family name first
  with no space and never inverted (``한강``); an entry's ``nameorder`` option
  puts any name family-given (``Kim Jong-un``: :mod:`briefkit.core.name_order`);
- the bibliography is sorted by family name without the von part (biblatex's
  default), then given names, in the alphabetical order of the page's
  language (:mod:`briefkit.core.collation`, the glossary's too): an accented
  letter sorts with its base letter and only breaks ties (``Élodie`` between
  ``Eli`` and ``Emma``).
"""

from __future__ import annotations

from pybtex.database import Person

from briefkit.core.collation import ROOT
from briefkit.core.collation import collation_key as collate
from briefkit.core.name_order import written_family_first


def is_others(person: Person) -> bool:
    """Whether ``person`` is BibTeX's ``others`` (the list goes on)."""
    return not person.first_names and [n.lower() for n in person.last_names] == ["others"]


def _join(parts: list[str]) -> str:
    return " ".join(p for p in parts if p)


def given(person: Person) -> str:
    return _join(person.first_names + person.middle_names)


def _useprefix(person: Person) -> bool | None:
    return getattr(person, "useprefix", None)


def family(person: Person) -> str:
    """``van der Linden``, ``Bermudez Jr.``, ``Centre for Sea Studies``."""
    prefix = [] if _useprefix(person) is False else person.prelast_names
    return _join(prefix + person.last_names + person.lineage_names)


def _whole_family(person: Person) -> str:
    return _join(person.prelast_names + person.last_names + person.lineage_names)


def full_name(person: Person, family_first: bool = False) -> str:
    """``Anna van der Linden``, ``Joseph S. Bermudez Jr.`` (whatever ``useprefix`` says);
    ``한강``, ``Kim Jong-un`` (``family_first``: the entry's ``nameorder`` option)."""
    whole = _whole_family(person)
    if written_family_first(whole + given(person)):
        return whole + given(person)
    if family_first and given(person):
        return _join([whole, given(person)])
    return _join([given(person), whole])


def inverted_name(person: Person, family_first: bool = False) -> str:
    """``Linden, Anna van der``, ``Bermudez Jr., Joseph S.``; a body stays as written.

    A name shown family name first is never inverted (``한강``, ``Kim Jong-un``).
    """
    if family_first or written_family_first(_whole_family(person) + given(person)):
        return full_name(person, family_first)
    leading = person.prelast_names if _useprefix(person) else []
    last = _join(leading + person.last_names + person.lineage_names)
    rest = _join([given(person), *([] if leading else person.prelast_names)])
    return f"{last}, {rest}" if rest and given(person) else _whole_family(person)


def collation_key(text: str, lang: str = ROOT) -> bytes:
    """Sorts ``text`` as ``lang``'s dictionaries do (:mod:`briefkit.core.collation`)."""
    return collate(text, lang)


def sort_name(person: Person, lang: str = ROOT) -> tuple[bytes, ...]:
    """Family name (without von, unless ``useprefix``), given names, von part: collated."""
    if _useprefix(person):
        return (
            collation_key(_join(person.prelast_names + person.last_names), lang),
            collation_key(given(person), lang),
            collation_key(_join(person.lineage_names), lang),
        )
    return (
        collation_key(_join(person.last_names), lang),
        collation_key(given(person), lang),
        collation_key(_join(person.prelast_names + person.lineage_names), lang),
    )
